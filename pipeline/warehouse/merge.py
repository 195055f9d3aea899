"""The merge: everything one run staged enters the warehouse in one transaction, so a killed
run leaves the warehouse as it was; the `runs` row records what happened."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

import pipeline
from pipeline.util import pause_point
from pipeline.warehouse.connection import count_rows, quote_path, scalar
from pipeline.warehouse.errors import GoneRefused
from pipeline.warehouse.events import event_ids_of, rebuild_events
from pipeline.warehouse.rows import TABLE_COLUMNS
from pipeline.warehouse.schema import rollback

CONTENT_TABLES = ("time_expressions", "event_mentions")


@dataclass
class RunCounts:
    """What a run counted; the `runs` row and the CLI summary both report these."""

    files_seen: int = 0
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_gone: int = 0
    articles_rejected: int = 0
    # unchanged articles extracted again because an edit of the vocabularies affects them
    articles_reextracted: int = 0
    events_extracted: int = 0
    rows_upserted: int = 0
    rows_rejected: int = 0

    def copy_counts_to(self, other: RunCounts) -> None:
        for f in fields(RunCounts):
            setattr(other, f.name, getattr(self, f.name))


@dataclass(kw_only=True)
class RunRecord(RunCounts):
    """One row of `runs`."""

    run_id: str
    started_at: dt.datetime
    corpus_dir: str
    spacy_model: str
    dateline_version: str
    data_docs_path: str | None = None
    message: str | None = None


@dataclass
class MergeStats:
    rows_upserted: int
    articles_gone: int
    events_written: int
    events_changed: int
    export_error: str | None = None  # the merge landed, the Parquet export did not (repaired next run)


def merge_run(
    con: duckdb.DuckDBPyConnection,
    staging_path: Path,
    run: RunRecord,
    seen_paths: Iterable[str] | None,
    *,
    allow_gone: bool = True,
) -> MergeStats:
    """Merge a run's staging into the warehouse in ONE transaction and record the run.

    `seen_paths` are every corpus path present this run (None: a partial run that must not
    mark anything gone). Articles replaced by an edit lose their rows; deleted files are
    marked gone, never erased. Without `allow_gone`, a merge that would mark more than half
    of the active articles gone is rolled back (GoneRefused). The staging file must be
    closed by its writer (Staging.close).
    """
    now = dt.datetime.now()
    con.execute(f"ATTACH '{quote_path(Path(staging_path))}' AS stg (READ_ONLY)")
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            stats = _merge(con, run, seen_paths, now, allow_gone)
            con.execute("COMMIT")
        except BaseException:
            rollback(con)
            raise
    finally:
        with contextlib.suppress(duckdb.Error):  # after a failed COMMIT, never hide its cause
            con.execute("DETACH stg")
    return stats


def _merge(
    con: duckdb.DuckDBPyConnection, run: RunRecord, seen_paths: Iterable[str] | None, now: dt.datetime, allow_gone: bool
) -> MergeStats:
    """The merge's steps, in the order their rows depend on each other."""
    _merge_paths(con)
    gone, flipped, removed_events = _mark_gone(con, run, seen_paths, now, allow_gone)
    touched_events = event_ids_of("SELECT article_id FROM staged_articles", con) | removed_events
    if flipped:
        touched_events |= event_ids_of("SELECT unnest(?::VARCHAR[])", con, [flipped])
    upserted = _replace_articles(con, run.run_id)
    _merge_actors(con)
    upserted += _stage_mentions(con)
    events_written, events_changed = rebuild_events(con, run.run_id, touched_events, now)
    pause_point("merge")  # crash tests kill the process here, mid-transaction
    # rejects, validations, failed extractions, the run row
    con.execute("INSERT OR IGNORE INTO rejects BY NAME SELECT * FROM stg.rejects")
    _merge_failures(con)
    con.execute("INSERT INTO validations BY NAME SELECT * FROM stg.validations")
    run.articles_gone = gone
    run.rows_upserted = upserted
    record = asdict(run) | {"finished_at": dt.datetime.now(), "status": "succeeded",
                            "extractor_version": pipeline.EXTRACTOR_VERSION}
    _insert_run(con, record)
    return MergeStats(upserted, gone, events_written, events_changed)


def _merge_paths(con: duckdb.DuckDBPyConnection) -> None:
    """Staged paths now point at their (possibly new) article; `replaced` holds the articles a
    path pointed at before and no longer does."""
    con.execute("CREATE OR REPLACE TEMP TABLE staged_paths AS SELECT DISTINCT ON (source_path) * FROM stg.article_paths")
    # one staged row per article, without its body: bodies are read from staging once, by the
    # insert (a copy of them all would stay in memory until the merge commits)
    con.execute(
        """CREATE OR REPLACE TEMP TABLE staged_articles AS
           SELECT DISTINCT ON (article_id) rowid AS staged_row, * EXCLUDE (body) FROM stg.articles
           ORDER BY article_id, rowid"""
    )
    # Articles a path pointed at before and no longer does (edited files). When the new text
    # failed extraction the old article is kept (flagged gone below): a failure loses nothing.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE replaced AS
           SELECT DISTINCT p.article_id FROM article_paths p JOIN staged_paths s USING (source_path)
           WHERE p.article_id <> s.article_id
             AND s.article_id NOT IN (SELECT article_id FROM stg.extraction_failures)"""
    )
    con.execute(
        """INSERT INTO article_paths BY NAME
           SELECT source_path, article_id, file_sha256, size, mtime_ns, first_seen, last_seen, NULL AS gone_at, run_id
           FROM staged_paths
           ON CONFLICT (source_path) DO UPDATE SET article_id = excluded.article_id,
               file_sha256 = excluded.file_sha256, size = excluded.size, mtime_ns = excluded.mtime_ns,
               last_seen = excluded.last_seen, gone_at = NULL, run_id = excluded.run_id"""
    )


def _mark_gone(
    con: duckdb.DuckDBPyConnection, run: RunRecord, seen_paths: Iterable[str] | None, now: dt.datetime, allow_gone: bool
) -> tuple[int, list[str], set[str]]:
    """Deleted files are marked gone, never erased; returns (articles gone, articles whose
    status flipped either way, events of replaced articles)."""
    run_id = run.run_id
    if seen_paths is not None:
        con.execute("CREATE OR REPLACE TEMP TABLE seen(source_path VARCHAR)")
        seen_df = pd.DataFrame({"source_path": list(seen_paths)}, dtype=object)
        con.register("seen_df", seen_df)
        con.execute("INSERT INTO seen SELECT source_path FROM seen_df")
        con.unregister("seen_df")
        con.execute(
            "UPDATE article_paths SET gone_at = ?, run_id = ? WHERE gone_at IS NULL AND source_path NOT IN (SELECT source_path FROM seen)",
            [now, run_id],
        )
    # Replaced articles that no live path refers to any more are removed with their rows;
    # articles whose every path is gone stay, flagged.
    con.execute(
        """DELETE FROM replaced WHERE article_id IN
           (SELECT article_id FROM article_paths WHERE gone_at IS NULL)
           OR article_id IN (SELECT article_id FROM staged_articles)"""
    )
    removed_events = event_ids_of("SELECT article_id FROM replaced", con)
    for table in (*CONTENT_TABLES, "articles"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM replaced)")
    active = count_rows(con, "articles WHERE status = 'active'")
    row = con.execute(
        """UPDATE articles SET status = 'gone', gone_at = ?, run_id = ?
           WHERE status = 'active' AND article_id NOT IN (SELECT article_id FROM article_paths WHERE gone_at IS NULL)
           RETURNING article_id""",
        [now, run_id],
    ).fetchall()
    gone = len(row)
    if not allow_gone and gone * 2 > active:
        raise GoneRefused(gone, active, run.corpus_dir)
    back = con.execute(
        """UPDATE articles SET status = 'active', gone_at = NULL
           WHERE status = 'gone' AND article_id IN (SELECT article_id FROM article_paths WHERE gone_at IS NULL)
           RETURNING article_id"""
    ).fetchall()
    flipped = sorted({r[0] for r in row} | {r[0] for r in back})
    return gone, flipped, removed_events


def _replace_articles(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Articles and their time expressions: delete-then-insert per article (idempotent)."""
    for table in ("articles", *CONTENT_TABLES):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM staged_articles)")
    upserted = count_rows(con, "staged_articles")
    # a plain insert streams the bodies to disk; INSERT OR REPLACE held them all in memory to
    # check them (150MB of bodies ran out at 256MB)
    con.execute(
        "INSERT INTO articles BY NAME SELECT * FROM stg.articles WHERE rowid IN (SELECT staged_row FROM staged_articles)"
    )
    con.execute(
        """INSERT OR REPLACE INTO time_expressions BY NAME
           SELECT DISTINCT ON (timex_id) * FROM stg.time_expressions
           WHERE article_id IN (SELECT article_id FROM staged_articles)"""
    )
    upserted += count_rows(con, "time_expressions WHERE run_id = ?", [run_id])
    return upserted


def _merge_actors(con: duckdb.DuckDBPyConnection) -> None:
    """Actors seen this run (dictionary entries are refreshed, NER ones kept)."""
    con.execute(
        """INSERT OR REPLACE INTO actors BY NAME
           SELECT DISTINCT ON (actor_id) * FROM stg.actors ORDER BY actor_id, (source = 'dictionary') DESC"""
    )
    con.execute(
        "INSERT OR IGNORE INTO actor_aliases BY NAME SELECT DISTINCT actor_id, alias FROM stg.actor_aliases"
    )
    # what each vocabularies' hash stood for (pipeline.curation: a later edit is diffed against it)
    con.execute("INSERT OR IGNORE INTO vocabularies BY NAME SELECT DISTINCT ON (vocabulary_hash) * FROM stg.vocabularies")


def _stage_mentions(con: duckdb.DuckDBPyConnection) -> int:
    """The run's mentions as the view `new_mentions`, one row per mention id (the
    de-duplicating pass is skipped when keys are already unique); returns their count."""
    dup = scalar(con, "SELECT count(*) - count(DISTINCT mention_id) FROM stg.event_mentions")
    pick = "DISTINCT ON (mention_id) *" if dup else "*"
    # a view, not a copy: a large run's mentions are read from staging once, by the insert
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW new_mentions AS
            SELECT {pick} FROM stg.event_mentions
            WHERE article_id IN (SELECT article_id FROM staged_articles)"""
    )
    return count_rows(con, "new_mentions")


def _merge_failures(con: duckdb.DuckDBPyConnection) -> None:
    """Remember the articles whose extraction failed; forget those that have now succeeded
    or that no live path shows any more (an edited file is a new article)."""
    con.execute(
        "INSERT OR REPLACE INTO extraction_failures BY NAME SELECT DISTINCT ON (article_id) * FROM stg.extraction_failures"
    )
    con.execute("DELETE FROM extraction_failures WHERE article_id IN (SELECT article_id FROM staged_articles)")
    con.execute(
        """DELETE FROM extraction_failures
           WHERE article_id NOT IN (SELECT article_id FROM article_paths WHERE gone_at IS NULL)"""
    )


def _insert_run(con: duckdb.DuckDBPyConnection, record: dict[str, Any]) -> None:
    cols = [c for c in TABLE_COLUMNS["runs"] if c in record]
    con.execute(
        f"INSERT OR REPLACE INTO runs ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        [record[c] for c in cols],
    )


def record_failed_run(con: duckdb.DuckDBPyConnection, run: RunRecord, message: str) -> None:
    """A run that did not merge still leaves a trace in `runs`. A run whose merge committed
    stays 'succeeded' (its rows landed); what failed afterwards goes into its message."""
    if scalar(con, "SELECT status FROM runs WHERE run_id = ?", [run.run_id]) == "succeeded":
        note_run(con, run.run_id, f"after the merge: {message}")
        return
    record = asdict(run) | {"finished_at": dt.datetime.now(), "status": "failed",
                            "extractor_version": pipeline.EXTRACTOR_VERSION, "message": message[:2000]}
    _insert_run(con, record)


def note_run(con: duckdb.DuckDBPyConnection, run_id: str, message: str) -> None:
    """Add to a recorded run's message (what happened after its merge committed)."""
    con.execute(
        "UPDATE runs SET message = concat_ws('; ', message, ?) WHERE run_id = ?", [message[:2000], run_id]
    )


def latest_run_id(con: duckdb.DuckDBPyConnection, before: str | None = None) -> str | None:
    """The latest succeeded run (other than `before`): the state the warehouse is in."""
    return scalar(
        con,
        "SELECT run_id FROM runs WHERE status = 'succeeded' AND run_id IS DISTINCT FROM ? "
        "ORDER BY finished_at DESC NULLS LAST, run_id DESC LIMIT 1",
        [before],
    )

