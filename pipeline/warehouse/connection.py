"""Connections: one writer or many readers, never both. A writer that meets a reader's lock
waits with backoff and then names the holder; query connections are locked down (no file
access, no configuration changes) before any user SQL runs."""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from pipeline.warehouse.errors import WarehouseError, WarehouseLocked

log = logging.getLogger(__name__)
_LOCK_PATTERNS = ("Could not set lock", "Conflicting lock", "database is locked", "lock on file")


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
                con.execute(f"ATTACH '{quote_path(path)}' AS warehouse (STORAGE_VERSION '{storage_version}')")
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


def quote_path(path: Path) -> str:
    return str(path).replace("'", "''")


def scalar(con: duckdb.DuckDBPyConnection, query: str, params: list[Any] | None = None) -> Any:
    """The first value of a query's result (None for no rows), read to the end: a result read
    with fetchone() stays pending on the connection, and DuckDB then refuses to register a
    DataFrame on it."""
    rows = con.execute(query, params or []).fetchall()
    return rows[0][0] if rows else None

def limit_memory(con: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    """Bounded memory for a merge (or a staging file) however many articles a run brings:
    DuckDB spills past the limit; row order inside a table carries no meaning here, and
    keeping it costs memory and time."""
    con.execute("SET memory_limit = ?", [memory_limit])
    con.execute("SET preserve_insertion_order = false")


def count_rows(con: duckdb.DuckDBPyConnection, table: str, params: list[Any] | None = None) -> int:
    return int(scalar(con, f"SELECT count(*) FROM {table}", params) or 0)
