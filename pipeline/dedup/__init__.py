"""Cross-article de-duplication: mentions of one real-world event share one `event_id`.

Two passes. The first merges mentions with the same type family (PLOVER root: a "meeting" and
"talks" are one CONSULT), the same two named actors (in either order for symmetric
types such as CONSULT), compatible dates at their precision (the day 2026-01-25 lies inside the
month 2026-01) and compatible locations (equal, or one unknown). Undated two-actor mentions
join the one dated event with those actors; a coarse date that fits two distinct events stays
on its own rather than being guessed into one (`intervals.py`). The second pass (`links.py`)
joins what names fewer actors: a syndicated copy of a sentence, a later "the attack" inside
one article, one side of an act reported by another article. Negated mentions ("did not
meet") never join asserted ones; untyped (OTHER) mentions never merge, since their type says
nothing about what happened; statements merge only by their full actor pair or as a copied
sentence (a speaker says many things a day). Every mention carries its `merge_reason`.

The event id is derived from the cluster's earliest mention (publication date, then article
and mention id), so it is deterministic and does not depend on row order.

The work runs in DuckDB (`schemas/sql/dedup_assign.sql`, `dedup_link_rows.sql`,
`dedup_events.sql`, with the article and outlet numbering of `dedup_macros.sql`) so a merge
of a million mentions stays vectorised and inside DuckDB's memory limit; only groups whose
dates need interval clustering and the mentions a link can touch come back to Python.
`assign_event_ids`/`build_events` run the same code on a DataFrame through an in-memory DuckDB.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd

from pipeline.dedup import links
from pipeline.dedup.intervals import UNMERGED_FAMILIES, greedy_ids, vocabulary
from pipeline.settings import SCHEMAS_DIR
from pipeline.util import temp_table

# a speaker says many things a day: statements merge only with a named addressee too
PAIR_ONLY_FAMILIES = {"STATEMENT"}
# mentions handed to the Python interval clustering at a time (whole groups: bounded memory)
GREEDY_SLICE_ROWS = 50_000
# what the Python interval clustering reads
GREEDY_COLUMNS = [
    "mention_id", "article_id", "event_type", "source_actor_id", "target_actor_id", "date_start", "date_end",
    "location", "factuality", "published_at",
]
# the columns de-duplication reads (missing ones are NULL)
INPUT_COLUMNS = [
    "mention_id", "article_id", "event_type", "source_actor_id", "target_actor_id", "event_date",
    "date_start", "date_end", "date_precision", "location", "factuality", "published_at",
    "source_name", "source_path", "confidence", "sentence_text", "sentence_start", "trigger_start", "date_basis",
]


EVENT_COLUMNS = [
    "event_id", "event_type", "source_actor_id", "target_actor_id", "event_date", "date_start",
    "date_end", "date_precision", "location", "factuality", "mention_count", "article_count",
    "source_count", "first_seen", "last_seen", "confidence",
]


def _read_sql(name: str) -> str:
    return (SCHEMAS_DIR / "sql" / f"{name}.sql").read_text(encoding="utf-8")


def cluster(con: duckdb.DuckDBPyConnection) -> None:
    """Event ids for the rows of `dedup_input`: writes `dedup_ids(rid, mention_id, grp, event_id, ek)`.

    `rid` is the row in dedup_input; `grp` the group number where Python clusters; `ek` the rid of
    the mention the event is named after. Filled in place: a copy of a million rows would stay
    in memory until the merge commits.
    """
    voc = vocabulary()
    types = pd.DataFrame(
        [(name, t.family, t.symmetric) for name, t in voc.types.items()], columns=["event_type", "family", "is_symmetric"]
    )
    temp_table(con, "dedup_types", types)
    con.execute("CREATE OR REPLACE TEMP TABLE dedup_unmerged AS SELECT unnest(?::VARCHAR[]) AS family", [sorted(UNMERGED_FAMILIES)])
    con.execute("CREATE OR REPLACE TEMP TABLE dedup_pair_only AS SELECT unnest(?::VARCHAR[]) AS family", [sorted(PAIR_ONLY_FAMILIES)])
    con.execute(_read_sql("dedup_assign"))
    # groups that need interval clustering, a bounded slice of whole groups at a time
    sizes = con.execute(
        "SELECT grp, count(*) FROM dedup_ids WHERE event_id IS NULL GROUP BY grp ORDER BY grp"
    ).fetchall()
    for lo, hi in _slices(sizes, GREEDY_SLICE_ROWS):
        rest = con.execute(
            f"SELECT k.rid, {', '.join('i.' + c for c in GREEDY_COLUMNS)} FROM dedup_input i "
            "JOIN dedup_ids k ON k.rid = i.rowid "
            "WHERE k.event_id IS NULL AND k.grp BETWEEN ? AND ?",
            [lo, hi],
        ).df()
        ids = greedy_ids(rest).to_numpy()
        rid_of = dict(zip(rest["mention_id"].astype(str), rest["rid"], strict=True))
        greedy = pd.DataFrame({"rid": rest["rid"], "event_id": ids, "ek": [rid_of[e.removeprefix("ev_")] for e in ids]})
        con.register("dedup_greedy", greedy)
        con.execute(
            "UPDATE dedup_ids SET event_id = g.event_id, ek = g.ek FROM dedup_greedy g WHERE dedup_ids.rid = g.rid"
        )
        con.unregister("dedup_greedy")
    link(con)


def link(con: duckdb.DuckDBPyConnection) -> None:
    """The second pass (`links.py`) over the mentions a link can touch. It leaves a
    `merge_reason` on the mentions it moved; the others' reason follows from their event id
    (macro `dedup_reason`: the first mention of its event, or one of a full actor key)."""
    partial = con.execute("SELECT bool_or(partial) FROM dedup_ids").fetchone()
    other = con.execute(
        "SELECT count(sent_key) > 0 OR bool_or(date_basis IN ('publication', 'reference')) FROM dedup_input"
    ).fetchone()
    if not (partial and partial[0]) and not (other and other[0]):
        return  # every mention names both actors, dates from the text, no sentence key: nothing to link
    con.execute(_read_sql("dedup_link_rows"))
    rows = con.execute("SELECT * FROM dedup_link_rows").df()
    con.execute("DROP TABLE dedup_link_rows")
    if not rows.empty:
        rows["order_key"] = [
            (pd.isna(p), p if not pd.isna(p) else pd.Timestamp.max, a, m)
            for p, a, m in zip(rows["published"], rows["article_no"], rows["mention_id"], strict=True)
        ]
        out = links.link(rows)
        rid_of = dict(zip(rows["mention_id"].astype(str), rows["rid"], strict=True))
        out["ek"] = [rid_of[e.removeprefix("ev_")] for e in out["event_id"]]
        out = out[(out["event_id"] != rows["event_id"].astype(str).to_numpy()) | out["merge_reason"].notna()]
        if not out.empty:
            con.register("dedup_linked", out)
            con.execute(
                """UPDATE dedup_ids SET event_id = l.event_id, ek = l.ek, merge_reason = l.merge_reason
                   FROM dedup_linked l WHERE dedup_ids.rid = l.rid"""
            )
            con.unregister("dedup_linked")


def _slices(sizes: list[tuple[int, int]], rows: int) -> Iterator[tuple[int, int]]:
    """(first, last) group numbers of consecutive slices of about `rows` mentions."""
    lo: int | None = None
    total = 0
    for grp, n in sizes:
        if lo is None:
            lo = grp
        total += n
        if total >= rows:
            yield lo, grp
            lo, total = None, 0
    if lo is not None:
        yield lo, sizes[-1][0]


def define_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The SQL macros that number articles and outlets (`dedup_macros.sql`), for the statements
    that load mentions for de-duplication (the warehouse's candidates, a DataFrame)."""
    con.execute(_read_sql("dedup_macros"))


def summarise(con: duckdb.DuckDBPyConnection) -> None:
    """One row per event of `dedup_members` (mentions with event_id and the integer stand-ins
    `ek`, `article_no` and `outlet_no`): writes `dedup_events`."""
    con.execute(_read_sql("dedup_events"))


@contextmanager
def _frame_connection(df: pd.DataFrame, name: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB holding `df` (with every input column, and the article and outlet
    numbers the warehouse's candidates carry) as table `name`."""
    frame = df.reset_index(drop=True).copy()
    for col in INPUT_COLUMNS:
        if col not in frame.columns:
            frame[col] = None
    con = duckdb.connect(":memory:")
    try:
        con.register("frame_df", frame)
        define_macros(con)
        con.execute(
            f"""CREATE TABLE {name} AS
                SELECT *, dedup_article_no(article_id) AS article_no,
                       dedup_outlet_no(source_name, source_path, article_id) AS outlet_no,
                       dedup_sent_key(sentence_text, sentence_start, trigger_start) AS sent_key
                FROM frame_df"""
        )
        con.unregister("frame_df")
        yield con
    finally:
        con.close()


def assign_event_ids(mentions: pd.DataFrame) -> pd.Series:
    """One event id per mention row (index-aligned with `mentions`)."""
    if mentions.empty:
        return pd.Series([], index=mentions.index, dtype=object)
    with _frame_connection(mentions, "dedup_input") as con:
        cluster(con)
        ids = dict(con.execute("SELECT mention_id, event_id FROM dedup_ids").fetchall())
    return pd.Series([ids[str(m)] for m in mentions["mention_id"]], index=mentions.index, dtype=object)


def build_events(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per event_id with its consensus attributes and mention/article/source counts."""
    if mentions.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    if "event_id" not in mentions.columns:
        mentions = mentions.assign(event_id=assign_event_ids(mentions))
    with _frame_connection(mentions, "dedup_frame") as con:
        con.execute(
            "CREATE TABLE dedup_members AS SELECT *, dense_rank() OVER (ORDER BY event_id::VARCHAR) AS ek FROM dedup_frame"
        )
        summarise(con)
        rows = con.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM dedup_events ORDER BY event_id").fetchall()
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)  # Python dates, as the warehouse returns them
