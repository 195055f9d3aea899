"""Migrations and the schema version: a warehouse file is brought up to date in place when
it is opened, and a file of another application or a newer Dateline is refused."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pipeline.settings import SCHEMAS_DIR
from pipeline.warehouse.connection import connect, count_rows, scalar
from pipeline.warehouse.errors import ForeignDatabase, WarehouseTooNew

MIGRATIONS_DIR = SCHEMAS_DIR / "migrations"
SQL_DIR = SCHEMAS_DIR / "sql"


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
    n = count_rows(con, "duckdb_tables() WHERE database_name = current_database()")
    n += count_rows(con, "duckdb_views() WHERE database_name = current_database() AND NOT internal")
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
        rollback(con)
        raise
    return SCHEMA_VERSION


def rollback(con: duckdb.DuckDBPyConnection) -> None:
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
