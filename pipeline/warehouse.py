"""The DuckDB warehouse: connections, migrations, staging and the one-transaction upsert.

Why it is shaped like this:
- DuckDB allows one read-write process or many read-only ones, never both. The write
  connection is therefore held only while writing, and a writer that meets a reader's lock
  waits with backoff (bounded) instead of failing at once.
- A run streams extracted rows into a per-run staging database (bounded memory, nothing
  touches the warehouse) and merges everything into the warehouse in one transaction at the
  end, so a killed run leaves the warehouse as it was before the run.
- The file is created with a storage version that the DuckDB 1.4/1.5 CLI and drivers (what
  SQL tools bundle) can open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipeline import EXTRACTOR_VERSION, dedup
from pipeline.dedup import summary as event_summary
from pipeline.models import Actor, Extraction, Reject
from pipeline.settings import SCHEMAS_DIR
from pipeline.util import pause_point, stable_id

log = logging.getLogger(__name__)
MIGRATIONS_DIR = SCHEMAS_DIR / "migrations"
SQL_DIR = SCHEMAS_DIR / "sql"
CONTENT_TABLES = ("time_expressions", "event_mentions")
_LOCK_PATTERNS = ("Could not set lock", "Conflicting lock", "database is locked", "lock on file")


class WarehouseError(RuntimeError):
    """A warehouse problem with a message that says what to do next."""


class WarehouseLocked(WarehouseError):
    """Another process kept the file open for longer than the configured wait."""


class WarehouseTooNew(WarehouseError):
    """The file was written by a newer Dateline schema than this code knows."""


class ForeignDatabase(WarehouseError):
    """The file is a DuckDB database of another application: it has tables but no Dateline
    schema version. Adopting it would add fifteen tables to someone else's data."""


class GoneRefused(WarehouseError):
    """The run would mark more than half of the warehouse's articles gone (a wrong or empty
    corpus, more likely than a real mass deletion); `allow_gone` confirms it."""

    def __init__(self, gone: int, active: int, corpus_dir: str) -> None:
        super().__init__(
            f"this run would mark {gone} of the warehouse's {active} articles gone (their files are not in "
            f"{corpus_dir}); nothing was changed: check --corpus and --warehouse, or pass --allow-gone "
            "(allow_gone = true) if those articles were really removed"
        )


def migrations() -> list[tuple[int, Path]]:
    """Numbered migration files `NNN_name.sql`, in order."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = re.match(r"(\d+)_", path.name)
        if match:
            found.append((int(match.group(1)), path))
    return found


SCHEMA_VERSION = max(v for v, _ in migrations())


def sql(name: str) -> str:
    """The text of `schemas/sql/<name>.sql`."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _is_lock_error(exc: BaseException) -> bool:
    return any(p in str(exc) for p in _LOCK_PATTERNS)


def connect(
    path: Path,
    *,
    read_only: bool = False,
    timeout_s: float = 120.0,
    storage_version: str = "v1.4.0",
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting with backoff while another process holds a conflicting lock.

    A new file is created through ATTACH with `storage_version` so 1.4+ readers can open it.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `dateline run` first")
    deadline = time.monotonic() + timeout_s
    delay = 0.2
    while True:
        try:
            if not path.exists() and not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
                con = duckdb.connect()
                con.execute(f"ATTACH '{_quote(path)}' AS warehouse (STORAGE_VERSION '{storage_version}')")
                con.execute("USE warehouse")
                return con
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            if "not a valid DuckDB database" in str(exc):
                raise WarehouseError(
                    f"{path} is not a DuckDB database (damaged, or another kind of file); Dateline left it "
                    "untouched: move it away to start a new warehouse, or point --warehouse at another file"
                ) from exc
            if not _is_lock_error(exc):
                raise
            if delay == 0.2:  # the first refusal: say at once what the wait is for
                log.warning(
                    "waiting: %s is open in another process%s (a SQL tool opened read-write, or a running "
                    "pipeline); waiting up to %.0fs (lock_timeout_s)", path, _lock_holder(exc), timeout_s,
                )
            if time.monotonic() >= deadline:
                mode = "read" if read_only else "write"
                raise WarehouseLocked(
                    f"could not open {path} for {mode}ing within {timeout_s:.0f}s: another process "
                    "holds it (a SQL tool opened read-write, or a running pipeline). Close it, open "
                    "SQL tools read-only (duckdb -readonly), or raise lock_timeout_s."
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 5.0)


def _lock_holder(exc: BaseException) -> str:
    """` (python3, PID 1234)` from DuckDB's "Conflicting lock is held in /usr/bin/python3 (PID 1234)"."""
    match = re.search(r"held in (\S+) \(PID (\d+)\)", str(exc))
    return f" ({Path(match.group(1)).name}, PID {match.group(2)})" if match else ""


_DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def check_writable(path: Path) -> None:
    """Refuse, before a run starts, a warehouse path the run could not write or open.

    Each of these would otherwise fail deep inside a run (and, under Prefect, print a flow
    traceback): a folder in the path that is a file, a folder the user may not write, a
    folder given as the warehouse, a file that is not a DuckDB database (damaged, or not a
    database at all). Reading 12 bytes takes no lock, so this never waits for another process.
    """
    path = Path(path)
    if path.is_dir():
        raise WarehouseError(f"--warehouse {path} is a folder: give a file name, e.g. {path / 'dateline.duckdb'}")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise WarehouseError(
            f"cannot create the warehouse {path}: {folder} is a file, not a folder; pass another --warehouse path"
        )
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        denied = path if path.exists() else folder
        raise WarehouseError(f"cannot write the warehouse {path}: {denied} is not writable; pass another --warehouse path")
    if path.is_file() and path.stat().st_size:
        with path.open("rb") as handle:
            header = handle.read(12)
        if header[8:12] != _DUCKDB_MAGIC:
            raise WarehouseError(
                f"{path} is not a DuckDB database (damaged, or another kind of file); Dateline left it untouched: "
                "move it away to start a new warehouse, or point --warehouse at another file"
            )


# Order matters: every setting before `lock_configuration`, which then refuses any later SET
# (including one in the user's SQL that would turn file access back on).
QUERY_LOCKDOWN = (
    "SET enable_external_access = false",  # no COPY TO, ATTACH, read_text/read_csv/glob, INSTALL
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET allow_persistent_secrets = false",
    "SET lock_configuration = true",
)


def connect_query(path: Path, *, timeout_s: float = 120.0, before: Sequence[str] = ()) -> duckdb.DuckDBPyConnection:
    """A read-only connection that can read the warehouse's tables and nothing else.

    For SQL a person types (`dateline query`) and other readers: a read-only connection alone
    still lets `COPY ... TO` overwrite any file (the warehouse itself), `ATTACH` edit other
    databases and `read_text` read any file the user can. DuckDB's external access switch
    turns all of those off; locking the configuration keeps the SQL from turning it back on.
    `before` are settings of our own (a memory limit, the one file a result may be written
    to) that must be made before the lockdown.
    """
    con = connect(path, read_only=True, timeout_s=timeout_s)
    try:
        for statement in (*before, *QUERY_LOCKDOWN):
            con.execute(statement)
    except BaseException:
        con.close()
        raise
    return con


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def scalar(con: duckdb.DuckDBPyConnection, query: str, params: list[Any] | None = None) -> Any:
    """The first value of a query's result (None for no rows), read to the end: a result read
    with fetchone() stays pending on the connection, and DuckDB then refuses to register a
    DataFrame on it."""
    rows = con.execute(query, params or []).fetchall()
    return rows[0][0] if rows else None


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the file (0 for an empty file)."""
    exists = scalar(
        con,
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        " AND table_schema = current_schema() AND table_catalog = current_database()",
    )
    if not exists:
        return 0
    version = scalar(con, "SELECT max(version) FROM schema_version")
    return int(version) if version is not None else 0


_DATELINE_TABLES = ("schema_version", "articles", "event_mentions", "runs")


def refuse_foreign(con: duckdb.DuckDBPyConnection) -> None:
    """Raise ForeignDatabase when the file has tables or views but no Dateline schema version
    (nor the core tables of a Dateline file written before its version was recorded)."""
    names = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = current_schema()"
    ).fetchall()}
    if "schema_version" in names or set(_DATELINE_TABLES[1:]) <= names:
        return
    n = _count(con, "duckdb_tables() WHERE database_name = current_database()")
    n += _count(con, "duckdb_views() WHERE database_name = current_database() AND NOT internal")
    if n:
        path = scalar(con, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()")
        raise ForeignDatabase(
            f"{path} is a DuckDB database of another application ({n} tables or views, no Dateline "
            "schema version); Dateline left it untouched: point --warehouse at a new file or at a Dateline warehouse"
        )


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema up to date in one transaction; refuse a newer file and another
    application's database. Returns the version."""
    refuse_foreign(con)
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise WarehouseTooNew(
            f"this warehouse has schema version {current}, newer than this Dateline "
            f"({SCHEMA_VERSION}); upgrade Dateline or point --warehouse at another file"
        )
    pending = [(v, p) for v, p in migrations() if v > current]
    if not pending and current:
        return current
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(sql("schema_version"))
        for version, path in pending:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_version VALUES (?, current_timestamp, ?)", [version, path.name])
        con.execute(sql("views"))
        con.execute("COMMIT")
    except BaseException:
        _rollback(con)
        raise
    return SCHEMA_VERSION


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failure without hiding it: when COMMIT itself failed (a full disk),
    DuckDB has already ended the transaction and ROLLBACK raises "no transaction is active",
    which would replace the real cause."""
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")


@contextlib.contextmanager
def open_warehouse(
    path: Path, *, read_only: bool = False, timeout_s: float = 120.0, storage_version: str = "v1.4.0"
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Context manager: a migrated connection (read-only ones are not migrated)."""
    con = connect(path, read_only=read_only, timeout_s=timeout_s, storage_version=storage_version)
    try:
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()


# ---------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------

TABLE_COLUMNS: dict[str, list[str]] = {}


def _load_columns() -> None:
    con = duckdb.connect()
    for _, path in migrations():
        con.execute(path.read_text(encoding="utf-8"))
    for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
        cols = con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        TABLE_COLUMNS[table] = [c for (c,) in cols]
    con.close()


_load_columns()


def frame(table: str, rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame with exactly the columns of `table`, in order."""
    return pd.DataFrame(list(rows), columns=TABLE_COLUMNS[table])


def extraction_rows(ex: Extraction, run_id: str, now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """Map one article's extraction to warehouse rows."""
    a = ex.article
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("articles", "time_expressions", "event_mentions", "actors", "actor_aliases")}
    rows["articles"].append(
        {
            "article_id": a.article_id,
            "source_path": a.source_path,
            "title": a.title,
            "published_at": a.published_at,
            "published_source": a.published_source,
            "body": a.body,
            "content_sha256": a.content_sha256,
            "ingested_at": now,
            "author": a.author,
            "url": a.url,
            "source_name": a.source_name,
            "word_count": len(a.body.split()),
            "extractor_version": EXTRACTOR_VERSION,
            "status": "active",
            "gone_at": None,
            "run_id": run_id,
            "extra_json": json.dumps(a.extra, default=str, ensure_ascii=False) if a.extra else None,
        }
    )
    for t in ex.time_expressions:
        rows["time_expressions"].append(
            {
                "timex_id": stable_id("tx", a.article_id, t.start_char, t.end_char),
                "article_id": a.article_id,
                "start_char": t.start_char,
                "end_char": t.end_char,
                "text": t.text,
                "timex_type": t.timex_type,
                "timex_value": t.timex_value,
                "range_start": t.range_start,
                "range_end": t.range_end,
                "precision": t.precision,
                "anchored": t.anchored,
                "run_id": run_id,
            }
        )
    for m in ex.mentions:
        s, g = m.source, m.target
        rows["event_mentions"].append(
            {
                "mention_id": m.mention_id
                or stable_id(
                    "m", a.article_id, m.trigger_start, m.trigger_end,
                    s.start_char if s else None, g.start_char if g else None,
                ),
                "event_id": m.event_id or "",
                "article_id": a.article_id,
                "sentence_text": m.sentence_text,
                "sentence_start": m.sentence_start,
                "trigger_start": m.trigger_start,
                "trigger_end": m.trigger_end,
                "trigger_text": m.trigger_text,
                "trigger_lemma": m.trigger_lemma,
                "event_type": m.event_type,
                "source_start": s.start_char if s else None,
                "source_end": s.end_char if s else None,
                "source_text": s.text if s else None,
                "source_actor_id": s.actor_id if s else None,
                "target_start": g.start_char if g else None,
                "target_end": g.end_char if g else None,
                "target_text": g.text if g else None,
                "target_actor_id": g.actor_id if g else None,
                "theme_start": m.theme_start,
                "theme_end": m.theme_end,
                "theme_text": m.theme_text,
                "event_date": m.event_date,
                "date_start": m.date_start,
                "date_end": m.date_end,
                "date_precision": m.date_precision,
                "date_basis": m.date_basis,
                "location": m.location,
                "factuality": m.factuality,
                "confidence": float(m.confidence),
                "extractor_version": EXTRACTOR_VERSION,
                "run_id": run_id,
            }
        )
    for actor in ex.actors:
        rows["actors"].append(actor_row(actor))
        rows["actor_aliases"].extend({"actor_id": actor.actor_id, "alias": al} for al in actor.aliases)
    return rows


def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "actor_id": actor.actor_id,
        "canonical_name": actor.canonical_name,
        "actor_type": actor.actor_type,
        "country_code": actor.country_code,
        "role": actor.role,
        "wikidata_qid": actor.wikidata_qid,
        "source": actor.source,
    }


def reject_row(r: Reject, run_id: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "reject_id": stable_id("rj", run_id, r.stage, r.source_path, r.table_name, r.expectation, r.row_json, r.reason),
        "run_id": run_id,
        "stage": r.stage,
        "source_path": r.source_path,
        "article_id": r.article_id,
        "table_name": r.table_name,
        "expectation": r.expectation,
        "reason": r.reason,
        "row_json": r.row_json,
        "created_at": now,
        "error_type": r.error_type,
        "sentence": r.sentence,
    }


# ---------------------------------------------------------------------------------------
# Staging: a per-run DuckDB file next to the warehouse
# ---------------------------------------------------------------------------------------

STAGED_TABLES = (
    "articles", "article_paths", "time_expressions", "event_mentions", "actors", "actor_aliases", "rejects", "validations",
    "extraction_failures", "vocabularies",
)


class Staging:
    """Rows of one run, appended batch by batch, merged into the warehouse at the end."""

    def __init__(self, warehouse_path: Path, run_id: str):
        self.dir = Path(warehouse_path).parent / ".staging"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / f"{run_id}.duckdb"
        self.path.unlink(missing_ok=True)
        self.con = duckdb.connect(str(self.path))
        # appends only: a small cache; staged rows are a set to the merge (one row per key), and
        # not keeping their order halves the time of a large append
        limit_memory(self.con, "128MB")
        # Same columns as the warehouse but no keys: batches may repeat a key (the merge keeps
        # one row per key) and constraints here would only slow the appends.
        catalog = str(scalar(self.con, "SELECT current_database()") or "").replace('"', '""')
        self.con.execute("ATTACH ':memory:' AS shape")
        self.con.execute("USE shape")
        for _, mig in migrations():
            self.con.execute(mig.read_text(encoding="utf-8"))
        self.con.execute(f'USE "{catalog}"')
        for table in TABLE_COLUMNS:
            self.con.execute(f"CREATE TABLE {table} AS SELECT * FROM shape.{table} LIMIT 0")
        self.con.execute("DETACH shape")
        self.gone_paths: list[str] = []
        self.counts: dict[str, int] = {t: 0 for t in STAGED_TABLES}

    def append(self, table: str, df: pd.DataFrame) -> None:
        if df.empty:
            return
        self.con.register("batch_df", df)
        try:
            cols = ", ".join(f'"{c}"' for c in df.columns)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM batch_df")
        finally:
            self.con.unregister("batch_df")
        self.counts[table] += len(df)

    def append_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self.append(table, frame(table, rows))

    def close(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self.con.close()

    def discard(self) -> None:
        self.close()
        for p in (self.path, Path(str(self.path) + ".wal")):
            p.unlink(missing_ok=True)


def clean_stale_staging(warehouse_path: Path) -> None:
    """Remove staging files of runs that were killed before they merged."""
    shutil.rmtree(Path(warehouse_path).parent / ".staging", ignore_errors=True)


# ---------------------------------------------------------------------------------------
# Reading what the warehouse already knows
# ---------------------------------------------------------------------------------------


@dataclass
class KnownState:
    """What a run needs to know before it scans: file states and actor ids."""

    files: dict[str, tuple[int, int, str, str]] = field(default_factory=dict)  # path -> size, mtime_ns, sha, article_id
    actor_ids: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)  # articles the current extractor failed on (not retried)


def read_known(path: Path, timeout_s: float = 120.0) -> KnownState:
    """File states of active paths whose article was extracted by the current extractor, or
    failed with it (an unchanged article that failed is not re-attempted: its reject stays)."""
    state = KnownState()
    if not Path(path).exists():
        return state
    with open_warehouse(path, read_only=True, timeout_s=timeout_s) as con:
        refuse_foreign(con)  # before a run extracts anything it could not merge
        if schema_version(con) == 0:
            return state
        if schema_version(con) > SCHEMA_VERSION:
            raise WarehouseTooNew(
                f"{path} has a newer schema than this Dateline ({SCHEMA_VERSION}); upgrade Dateline"
            )
        for p, size, mtime, sha, aid in con.execute(
            """SELECT p.source_path, p.size, p.mtime_ns, p.file_sha256, p.article_id
               FROM article_paths p JOIN articles a USING (article_id)
               WHERE p.gone_at IS NULL AND a.extractor_version = ?""",
            [EXTRACTOR_VERSION],
        ).fetchall():
            state.files[p] = (size, mtime, sha, aid)
        if schema_version(con) >= 3:
            state.failed = _read_failed(con, state)
        state.actor_ids = {r[0] for r in con.execute("SELECT actor_id FROM actors").fetchall()}
    return state


def _read_failed(con: duckdb.DuckDBPyConnection, state: KnownState) -> set[str]:
    """Add the active paths of articles the current extractor failed on; return their ids."""
    failed: set[str] = set()
    for p, size, mtime, sha, aid in con.execute(
        """SELECT p.source_path, p.size, p.mtime_ns, p.file_sha256, p.article_id
           FROM article_paths p JOIN extraction_failures f USING (article_id)
           WHERE p.gone_at IS NULL AND f.extractor_version = ?""",
        [EXTRACTOR_VERSION],
    ).fetchall():
        state.files[p] = (size, mtime, sha, aid)
        failed.add(aid)
    return failed


# ---------------------------------------------------------------------------------------
# The merge
# ---------------------------------------------------------------------------------------


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


def limit_memory(con: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    """Bounded memory for a merge (or a staging file) however many articles a run brings:
    DuckDB spills past the limit; row order inside a table carries no meaning here, and
    keeping it costs memory and time."""
    con.execute("SET memory_limit = ?", [memory_limit])
    con.execute("SET preserve_insertion_order = false")


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
    con.execute(f"ATTACH '{_quote(Path(staging_path))}' AS stg (READ_ONLY)")
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            stats = _merge(con, run, seen_paths, now, allow_gone)
            con.execute("COMMIT")
        except BaseException:
            _rollback(con)
            raise
    finally:
        with contextlib.suppress(duckdb.Error):  # after a failed COMMIT, never hide its cause
            con.execute("DETACH stg")
    return stats


def _merge(
    con: duckdb.DuckDBPyConnection, run: RunRecord, seen_paths: Iterable[str] | None, now: dt.datetime, allow_gone: bool
) -> MergeStats:
    run_id = run.run_id
    upserted = 0
    # 1. Paths: staged paths now point at their (possibly new) article.
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
    # 2. Deleted files: mark gone (never erase).
    gone = 0
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
    removed_events = _event_ids_of("SELECT article_id FROM replaced", con)
    for table in (*CONTENT_TABLES, "articles"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM replaced)")
    active = _count(con, "articles WHERE status = 'active'")
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
    # 3. Articles and their content rows: delete-then-insert per article (idempotent).
    touched_events = _event_ids_of("SELECT article_id FROM staged_articles", con) | removed_events
    if flipped:
        touched_events |= _event_ids_of("SELECT unnest(?::VARCHAR[])", con, [flipped])
    for table in ("articles", *CONTENT_TABLES):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM staged_articles)")
    upserted += _count(con, "staged_articles")
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
    upserted += _count(con, "time_expressions WHERE run_id = ?", [run_id])
    # 4. Actors seen this run (dictionary entries are refreshed, NER ones kept).
    con.execute(
        """INSERT OR REPLACE INTO actors BY NAME
           SELECT DISTINCT ON (actor_id) * FROM stg.actors ORDER BY actor_id, (source = 'dictionary') DESC"""
    )
    con.execute(
        "INSERT OR IGNORE INTO actor_aliases BY NAME SELECT DISTINCT actor_id, alias FROM stg.actor_aliases"
    )
    # what each vocabularies' hash stood for (pipeline.curation: a later edit is diffed against it)
    con.execute("INSERT OR IGNORE INTO vocabularies BY NAME SELECT DISTINCT ON (vocabulary_hash) * FROM stg.vocabularies")
    # 5. Mentions, with their de-duplicated events decided before they are written.
    # One row per mention id; the de-duplicating pass is skipped when keys are already unique.
    dup = scalar(con, "SELECT count(*) - count(DISTINCT mention_id) FROM stg.event_mentions")
    pick = "DISTINCT ON (mention_id) *" if dup else "*"
    # a view, not a copy: a large run's mentions are read from staging once, by the insert
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW new_mentions AS
            SELECT {pick} FROM stg.event_mentions
            WHERE article_id IN (SELECT article_id FROM staged_articles)"""
    )
    upserted += _count(con, "new_mentions")
    events_written, events_changed = _rebuild_events(con, run_id, touched_events, now)
    pause_point("merge")  # crash tests kill the process here, mid-transaction
    # 6. Rejects, validations, failed extractions, the run row.
    con.execute("INSERT OR IGNORE INTO rejects BY NAME SELECT * FROM stg.rejects")
    _merge_failures(con)
    con.execute("INSERT INTO validations BY NAME SELECT * FROM stg.validations")
    run.articles_gone = gone
    run.rows_upserted = upserted
    record = asdict(run) | {"finished_at": dt.datetime.now(), "status": "succeeded",
                            "extractor_version": EXTRACTOR_VERSION}
    _insert_run(con, record)
    return MergeStats(upserted, gone, events_written, events_changed)


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
                            "extractor_version": EXTRACTOR_VERSION, "message": message[:2000]}
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


def _count(con: duckdb.DuckDBPyConnection, table: str, params: list[Any] | None = None) -> int:
    return int(scalar(con, f"SELECT count(*) FROM {table}", params) or 0)


def _event_ids_of(article_query: str, con: duckdb.DuckDBPyConnection, params: list[Any] | None = None) -> set[str]:
    rows = con.execute(
        f"SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN ({article_query})", params or []
    ).fetchall()
    return {r[0] for r in rows if r[0]}


EVENT_COMPARE = ("event_type", "source_actor_id", "target_actor_id", "event_date", "date_precision",
                 "location", "factuality", "mention_count", "article_count")


def _rebuild_events(
    con: duckdb.DuckDBPyConnection, run_id: str, touched_events: set[str], now: dt.datetime
) -> tuple[int, int]:
    """Cluster this run's mentions with the existing ones they could share an event with.

    New mentions are inserted with their event id; existing mentions are updated only when
    their event id changes; events rows are rebuilt for every event involved, and the rows
    they replace are kept in `event_history`.
    """
    con.execute("CREATE OR REPLACE TEMP TABLE touched(event_id VARCHAR)")
    if touched_events:
        con.register("touched_df", pd.DataFrame({"event_id": sorted(touched_events)}, dtype=object))
        con.execute("INSERT INTO touched SELECT event_id FROM touched_df")
        con.unregister("touched_df")
    dedup.define_macros(con)
    con.execute("CREATE OR REPLACE TEMP TABLE dedup_input AS " + sql("event_candidates").rstrip().rstrip(";"))
    if _count(con, "dedup_input") == 0:
        old = con.execute("SELECT * FROM events WHERE event_id IN (SELECT event_id FROM touched)").df()
        _archive(con, old, run_id, now, "removed")
        con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM touched)")
        return 0, len(old)
    # clustering and event rows stay inside DuckDB: no per-mention Python on a large merge
    dedup.cluster(con)
    # a view: read three times (the id update, the votes, the article rows), never worth a copy
    # of every mention (it would stay in memory until the merge commits)
    con.execute(
        """CREATE OR REPLACE TEMP VIEW dedup_members AS
           SELECT c.*, d.event_id, d.ek, dedup_reason(d.rid, d.ek, d.merge_reason) AS merge_reason
           FROM dedup_input c JOIN dedup_ids d ON d.rid = c.rowid"""
    )
    con.execute(
        """INSERT INTO event_mentions BY NAME
           SELECT n.* REPLACE (a.event_id AS event_id, dedup_reason(a.rid, a.ek, a.merge_reason) AS merge_reason)
           FROM new_mentions n JOIN dedup_ids a USING (mention_id)"""
    )
    con.execute(
        """UPDATE event_mentions SET event_id = a.event_id, merge_reason = a.merge_reason FROM dedup_members a
           WHERE event_mentions.mention_id = a.mention_id AND a.old_event_id IS NOT NULL
             AND (a.old_event_id IS DISTINCT FROM a.event_id
                  OR event_mentions.merge_reason IS DISTINCT FROM a.merge_reason)"""
    )
    dedup.summarise(con)
    con.execute(
        """CREATE OR REPLACE TEMP TABLE old_ids AS
           SELECT DISTINCT old_event_id AS event_id FROM dedup_input WHERE old_event_id IS NOT NULL
           UNION SELECT event_id FROM touched"""
    )
    # only the events that existed before are compared and archived: bounded by what changed
    old = con.execute("SELECT * FROM events WHERE event_id IN (SELECT event_id FROM old_ids)").df()
    new_for_old = con.execute("SELECT * FROM dedup_events WHERE event_id IN (SELECT event_id FROM old_ids)").df()
    updated, removed = _changed_events(old, new_for_old)
    con.execute(sql("event_fates"))
    _archive(con, updated, run_id, now, "updated")
    _archive(con, removed, run_id, now, "removed")
    con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM old_ids)")
    cols = ", ".join(c for c in TABLE_COLUMNS["events"] if c in dedup.EVENT_COLUMNS)
    event_summary.describe(con)
    con.execute(
        f"INSERT INTO events BY NAME SELECT {cols}, summary, trigger_text, ? AS run_id, false AS gone "
        "FROM dedup_events_described",
        [run_id],
    )
    # events has no key (its index was a third of the cost of this insert): the rows just written
    # are checked instead, and a twice-written event fails the merge
    twice = con.execute(
        """SELECT event_id FROM events WHERE event_id IN (SELECT event_id FROM dedup_events)
           GROUP BY event_id HAVING count(*) > 1 LIMIT 1"""
    ).fetchall()
    if twice:
        raise WarehouseError(f"event {twice[0][0]} would occur twice in events; the merge was rolled back")
    con.execute(
        """UPDATE events SET gone = true WHERE event_id IN (
               SELECT m.event_id FROM event_mentions m JOIN articles a USING (article_id)
               WHERE m.event_id IN (SELECT event_id FROM dedup_events)
                 AND m.event_id IN (SELECT g.event_id FROM event_mentions g
                                    WHERE g.article_id IN (SELECT article_id FROM articles WHERE status = 'gone'))
               GROUP BY m.event_id HAVING bool_and(a.status = 'gone'))"""
    )
    return _count(con, "dedup_events"), len(updated) + len(removed)


def _changed_events(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Old event rows whose content changed (updated) or that no longer exist (removed)."""
    if old.empty:
        return old, old
    gone_mask = ~old["event_id"].isin(set(new["event_id"]))
    cols = [c for c in EVENT_COMPARE if c in new.columns and c in old.columns]
    joined = old[["event_id", *cols]].merge(new[["event_id", *cols]], on="event_id", suffixes=("", "_new"))
    differs = pd.Series(False, index=joined.index)
    for c in cols:
        differs |= joined[c].astype(str) != joined[f"{c}_new"].astype(str)
    updated_ids = set(joined.loc[differs, "event_id"])
    return old[old["event_id"].isin(updated_ids)], old[gone_mask]


def _archive(con: duckdb.DuckDBPyConnection, old: pd.DataFrame, run_id: str, now: dt.datetime, change: str) -> None:
    """Keep the current rows of these events in `event_history` (one SQL statement: an
    incremental run can touch thousands of events that share actors with the new articles).
    An event whose mentions joined another event is archived as `merged`, one whose mentions
    went to several events as `split` (`event_fates.sql`), with the events they went to."""
    if old.empty:
        return
    con.execute(
        """INSERT INTO event_history BY NAME
           SELECT e.event_id, ? AS changed_run_id, ? AS changed_at,
                  coalesce(f.fate, ?) AS change, to_json(e)::VARCHAR AS old_row_json, f.related_event_ids
           FROM events e LEFT JOIN event_fates f ON f.event_id = e.event_id
           WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))""",
        [run_id, now, change, sorted(set(old["event_id"]))],
    )


EXPORTED = ("events", "event_mentions", "actors", "articles", "actor_timeline", "actor_pairs", "events_per_month")
EXPORT_MANIFEST = "_dateline_export.json"


def export_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path, run_id: str | None = None) -> list[Path]:
    """Write the report views and core tables to Parquet for tools that must not touch the file.

    All files are written into a hidden folder beside `out_dir`, with a manifest naming the
    run they reflect, and the folder is then swapped in: readers see the old export or the new
    one, never a mix, and a failure half-way leaves the old export whole. When `out_dir` is a
    link (to shared storage), the folder it points at is replaced and the link kept.
    """
    real = Path(os.path.realpath(out_dir))
    real.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(real)
    tmp = real.with_name(f".{real.name}.tmp-{uuid.uuid4().hex[:8]}")
    tmp.mkdir()
    try:
        for name in EXPORTED:
            _export_table(con, name, tmp / f"{name}.parquet")
        _write_manifest(tmp, run_id)
        _swap_in(tmp, real)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [Path(out_dir) / f"{name}.parquet" for name in EXPORTED]


def _export_table(con: duckdb.DuckDBPyConnection, name: str, target: Path) -> None:
    con.execute(f"COPY (SELECT * FROM {name}) TO '{_quote(target)}' (FORMAT parquet)")


def _write_manifest(out_dir: Path, run_id: str | None) -> None:
    """The run the export reflects (written atomically: temp file, then rename)."""
    manifest = {"run_id": run_id, "schema_version": SCHEMA_VERSION, "files": [f"{n}.parquet" for n in EXPORTED],
                "exported_at": dt.datetime.now().isoformat(timespec="seconds")}
    tmp = out_dir / f".{EXPORT_MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    tmp.replace(out_dir / EXPORT_MANIFEST)


def _swap_in(new: Path, real: Path) -> None:
    """Replace the folder `real` by `new` (two renames; a crash between them leaves no
    export, which the next run notices and rewrites)."""
    old = real.with_name(f".{real.name}.old-{uuid.uuid4().hex[:8]}")
    had_old = real.exists()
    if had_old:
        real.rename(old)
    try:
        new.rename(real)
    except BaseException:
        if had_old:
            old.rename(real)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(real: Path) -> None:
    """Temp and old folders of an export that was killed half-way (the run lock keeps
    other runs out, so none of them is in use)."""
    for left in real.parent.glob(f".{glob_escape(real.name)}.*-*"):
        if left.is_dir() and (".tmp-" in left.name or ".old-" in left.name):
            shutil.rmtree(left, ignore_errors=True)


def export_current(out_dir: Path, run_id: str | None) -> bool:
    """Whether the export at `out_dir` is complete and reflects the warehouse as of `run_id`."""
    try:
        manifest = json.loads((Path(out_dir) / EXPORT_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or manifest.get("run_id") != run_id or run_id is None:
        return False
    return all((Path(out_dir) / f"{n}.parquet").is_file() for n in EXPORTED)


def stamp_export(out_dir: Path, run_id: str) -> None:
    """A run that changed nothing: the current export now reflects this run too."""
    _write_manifest(Path(os.path.realpath(out_dir)), run_id)
