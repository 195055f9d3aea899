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

The package's modules, by concern: `errors` (what can go wrong, with what to do next),
`connection` (locks, waiting, locked-down query connections), `schema` (migrations),
`rows` (extractions as table rows), `staging` (the per-run file and what is already known),
`merge` (the one-transaction upsert and the `runs` row), `events` (events rebuilt from the
mentions a run touched) and `parquet` (the export beside the warehouse).
"""

from pipeline.warehouse.connection import (
    QUERY_LOCKDOWN,
    check_writable,
    connect,
    connect_query,
    count_rows,
    limit_memory,
    quote_path,
    scalar,
)
from pipeline.warehouse.errors import ForeignDatabase, GoneRefused, WarehouseError, WarehouseLocked, WarehouseTooNew
from pipeline.warehouse.events import EVENT_COMPARE, rebuild_events
from pipeline.warehouse.merge import (
    CONTENT_TABLES,
    MergeStats,
    RunCounts,
    RunRecord,
    latest_run_id,
    merge_run,
    note_run,
    record_failed_run,
)
from pipeline.warehouse.parquet import EXPORT_MANIFEST, EXPORTED, export_current, export_parquet, stamp_export
from pipeline.warehouse.rows import TABLE_COLUMNS, actor_row, extraction_rows, frame, reject_row
from pipeline.warehouse.schema import (
    MIGRATIONS_DIR,
    SCHEMA_VERSION,
    SQL_DIR,
    migrate,
    migrations,
    open_warehouse,
    refuse_foreign,
    schema_version,
    sql,
)
from pipeline.warehouse.staging import STAGED_TABLES, KnownState, Staging, clean_stale_staging, read_known

__all__ = [
    "CONTENT_TABLES",
    "EVENT_COMPARE",
    "EXPORTED",
    "EXPORT_MANIFEST",
    "MIGRATIONS_DIR",
    "QUERY_LOCKDOWN",
    "SCHEMA_VERSION",
    "SQL_DIR",
    "STAGED_TABLES",
    "TABLE_COLUMNS",
    "ForeignDatabase",
    "GoneRefused",
    "KnownState",
    "MergeStats",
    "RunCounts",
    "RunRecord",
    "Staging",
    "WarehouseError",
    "WarehouseLocked",
    "WarehouseTooNew",
    "actor_row",
    "check_writable",
    "clean_stale_staging",
    "connect",
    "connect_query",
    "count_rows",
    "export_current",
    "export_parquet",
    "extraction_rows",
    "frame",
    "latest_run_id",
    "limit_memory",
    "merge_run",
    "migrate",
    "migrations",
    "note_run",
    "open_warehouse",
    "quote_path",
    "read_known",
    "rebuild_events",
    "record_failed_run",
    "refuse_foreign",
    "reject_row",
    "scalar",
    "schema_version",
    "sql",
    "stamp_export",
]
