"""Cross-article de-duplication: mentions of one real-world event share one `event_id`.

Two mentions are the same event when they have the same type family (PLOVER root: a MEET
and a "talks" CONSULT are one family), the same named actors (in either order for symmetric
types such as MEET), compatible dates at their precision (the day 2026-01-25 lies inside the
month 2026-01) and compatible locations (equal, or one unknown). Negated mentions ("did not
meet") never join asserted ones.

Mentions without a named actor (only generic participants such as "the aircraft") never
merge; untyped (OTHER) mentions never merge, since their type says nothing about what
happened; mentions with a single named actor merge only inside one article; statements need
a named addressee. Undated mentions merge only when they name two actors and exactly one
dated event with those actors exists; a coarse date that fits two distinct events stays on
its own rather than being guessed into one.

The event id is derived from the cluster's earliest mention (publication date, then article
and mention id), so it is deterministic and does not depend on row order.

The work runs in DuckDB (`schemas/sql/dedup_assign.sql`, `dedup_events.sql`, with the article
and outlet numbering of `dedup_macros.sql`) so a merge of a million mentions stays vectorised
and inside DuckDB's memory limit; only groups whose dates need the greedy interval clustering
below (mixed precisions, undated members, several places) come back to Python, and they are
few. `assign_event_ids`/`build_events` run the same code on a DataFrame through an in-memory
DuckDB.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import duckdb
import pandas as pd

from pipeline.events import EventTypeVocabulary
from pipeline.settings import SCHEMAS_DIR

GENERIC_PREFIX = "nom:"
# untyped mentions are distinct predicates (the family says nothing about what happened)
UNMERGED_FAMILIES = {"OTHER"}
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
    "source_name", "source_path", "confidence",
]


@lru_cache(maxsize=1)
def _vocabulary() -> EventTypeVocabulary:
    return EventTypeVocabulary.load()


def _actor(value: object) -> str | None:
    """Named actor id, or None for missing and generic (nominal) participants."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    s = str(value)
    if not s or s.startswith(GENERIC_PREFIX):
        return None
    return s


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    s = str(value).strip()
    return s or None


@dataclass
class _Cluster:
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    locations: set[str] = field(default_factory=set)
    members: list[int] = field(default_factory=list)  # positional row numbers
    articles: set[str] = field(default_factory=set)

    def location_ok(self, loc: str | None) -> bool:
        return loc is None or not self.locations or loc in self.locations

    def overlaps(self, start: pd.Timestamp, end: pd.Timestamp) -> bool:
        return self.start is not None and self.end is not None and start <= self.end and self.start <= end

    def add(self, pos: int, start: pd.Timestamp | None, end: pd.Timestamp | None, loc: str | None, article: str) -> None:
        self.members.append(pos)
        self.articles.add(article)
        if loc is not None:
            self.locations.add(loc)
        if start is not None and end is not None:
            if self.start is None or self.end is None:
                self.start, self.end = start, end
            else:
                # keep the finest range the members agree on
                s, e = max(self.start, start), min(self.end, end)
                if s <= e:
                    self.start, self.end = s, e


def _dates(df: pd.DataFrame, col: str) -> list[Any]:
    """A column as Python timestamps (None where missing): cheap to compare in loops."""
    if col not in df.columns:
        return [None] * len(df)
    values = pd.to_datetime(df[col], errors="coerce")
    return [None if pd.isna(v) else v for v in values.tolist()]


def _column(df: pd.DataFrame, name: str, fn: Callable[[object], Any]) -> list[Any]:
    """A column as a Python list through `fn` (missing column: all None)."""
    if name not in df.columns:
        return [None] * len(df)
    return [fn(v) for v in df[name].tolist()]


def _order_key(published: Any, article: str, mention_id: str) -> tuple[object, ...]:
    return (published is None, published if published is not None else pd.Timestamp.max, article, mention_id)


def _greedy_ids(mentions: pd.DataFrame) -> pd.Series:
    """Event ids for whole groups that need interval clustering (index-aligned): each id names
    a member mention, `ev_<mention_id>`.

    Dated mentions, finest ranges first, join the one cluster whose range they overlap
    (ambiguous: a cluster of their own); undated two-actor mentions join the only fitting
    cluster. Columns are read once into Python lists: per-cell pandas access is slow.
    """
    n = len(mentions)
    if n == 0:
        return pd.Series([], index=mentions.index, dtype=object)
    voc = _vocabulary()
    df = mentions.reset_index(drop=True)
    starts = _dates(df, "date_start")
    ends = _dates(df, "date_end")
    published = _dates(df, "published_at")
    mention_ids = [str(x) for x in df["mention_id"].tolist()]
    articles = _column(df, "article_id", lambda v: "" if v is None else str(v))
    etypes = _column(df, "event_type", lambda v: "OTHER" if v is None else str(v))
    sources = _column(df, "source_actor_id", _actor)
    targets = _column(df, "target_actor_id", _actor)
    facts = _column(df, "factuality", _text)
    locs = _column(df, "location", lambda v: (_text(v) or "").casefold() or None)
    order = [_order_key(published[i], articles[i], mention_ids[i]) for i in range(n)]

    groups: dict[tuple[object, ...], list[int]] = {}
    for i in range(n):
        src, tgt, etype = sources[i], targets[i], etypes[i]
        if src is None and tgt is None:
            continue
        fam = voc.family(etype)
        if fam in UNMERGED_FAMILIES:
            continue
        actors: tuple[str, ...]
        if voc.is_symmetric(etype):
            actors = tuple(sorted(a for a in (src, tgt) if a is not None))
        else:
            actors = (src or "", tgt or "")
        named = len([a for a in actors if a])
        if named < 2 and fam in PAIR_ONLY_FAMILIES:
            continue
        # one named actor is weak evidence across articles ("Russia attacked" in two articles
        # on one day may be two attacks): such mentions merge only inside one article
        scope = "" if named >= 2 else articles[i]
        groups.setdefault((fam, actors, facts[i] == "negated", scope), []).append(i)

    ids: list[str] = [""] * n
    for key, rows in groups.items():
        dated = [i for i in rows if starts[i] is not None and ends[i] is not None]
        dated_set = set(dated)
        undated = [i for i in rows if i not in dated_set]
        # finest ranges first, then a deterministic order
        dated.sort(key=lambda i: ((ends[i] - starts[i]).days, *order[i]))
        local: list[_Cluster] = []
        for i in dated:
            s, e = starts[i], ends[i]
            fits = [c for c in local if c.overlaps(s, e) and c.location_ok(locs[i])]
            if len(fits) == 1:
                fits[0].add(i, s, e, locs[i], articles[i])
            else:
                c = _Cluster(None, None)
                c.add(i, s, e, locs[i], articles[i])
                local.append(c)
        two_actors = len([a for a in key[1] if a]) >= 2  # type: ignore[attr-defined]
        by_article: dict[str, _Cluster] = {}
        for i in sorted(undated, key=lambda i: order[i]):
            pub = published[i]
            fits = [
                c
                for c in local
                if c.start is not None and c.location_ok(locs[i]) and (pub is None or c.start <= pub)
            ]
            same_place = [c for c in fits if locs[i] is not None and locs[i] in c.locations]
            if two_actors and (len(same_place) == 1 or len(fits) == 1):
                (same_place or fits)[0].add(i, None, None, locs[i], articles[i])
                continue
            if not two_actors:
                continue  # an undated one-actor mention stays its own event
            # undated repeats of a two-actor event inside one article are one event
            own = by_article.get(articles[i])
            if own is None:
                own = _Cluster(None, None)
                by_article[articles[i]] = own
                local.append(own)
            own.add(i, None, None, locs[i], articles[i])
        for c in local:
            eid = f"ev_{mention_ids[min(c.members, key=lambda i: order[i])]}"
            for i in c.members:
                ids[i] = eid
    for i in range(n):
        if not ids[i]:  # no named actor: every such mention is its own event
            ids[i] = f"ev_{mention_ids[i]}"
    return pd.Series(ids, index=mentions.index, dtype=object)


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
    voc = _vocabulary()
    types = pd.DataFrame(
        [(name, t.family, t.symmetric) for name, t in voc.types.items()], columns=["event_type", "family", "is_symmetric"]
    )
    con.register("dedup_types_df", types)
    con.execute("CREATE OR REPLACE TEMP TABLE dedup_types AS SELECT * FROM dedup_types_df")
    con.unregister("dedup_types_df")
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
        ids = _greedy_ids(rest).to_numpy()
        rid_of = dict(zip(rest["mention_id"].astype(str), rest["rid"], strict=True))
        greedy = pd.DataFrame({"rid": rest["rid"], "event_id": ids, "ek": [rid_of[e.removeprefix("ev_")] for e in ids]})
        con.register("dedup_greedy", greedy)
        con.execute(
            "UPDATE dedup_ids SET event_id = g.event_id, ek = g.ek FROM dedup_greedy g WHERE dedup_ids.rid = g.rid"
        )
        con.unregister("dedup_greedy")


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
                       dedup_outlet_no(source_name, source_path, article_id) AS outlet_no
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
