"""Staging and what the warehouse already knows: a run appends its rows to a per-run DuckDB
file beside the warehouse (bounded memory, the warehouse untouched) and reads the known
files and failures once at its start."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

import pipeline
from pipeline.warehouse.connection import limit_memory, scalar
from pipeline.warehouse.errors import WarehouseTooNew
from pipeline.warehouse.rows import TABLE_COLUMNS, frame
from pipeline.warehouse.schema import SCHEMA_VERSION, migrations, open_warehouse, refuse_foreign, schema_version

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
        _add_file_states(con, state, "articles")
        if schema_version(con) >= 3:
            state.failed = _read_failed(con, state)
        state.actor_ids = {r[0] for r in con.execute("SELECT actor_id FROM actors").fetchall()}
    return state


def _read_failed(con: duckdb.DuckDBPyConnection, state: KnownState) -> set[str]:
    """Add the active paths of articles the current extractor failed on; return their ids."""
    return _add_file_states(con, state, "extraction_failures")


def _add_file_states(con: duckdb.DuckDBPyConnection, state: KnownState, table: str) -> set[str]:
    """The active paths whose article is in `table` (articles or extraction_failures) under
    the current extractor, added to `state`; returns those articles' ids."""
    ids: set[str] = set()
    for p, size, mtime, sha, aid in con.execute(
        f"""SELECT p.source_path, p.size, p.mtime_ns, p.file_sha256, p.article_id
            FROM article_paths p JOIN {table} t USING (article_id)
            WHERE p.gone_at IS NULL AND t.extractor_version = ?""",
        [pipeline.EXTRACTOR_VERSION],
    ).fetchall():
        state.files[p] = (size, mtime, sha, aid)
        ids.add(aid)
    return ids
