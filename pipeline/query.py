"""Read-only SQL over the warehouse for a person at a terminal (`dateline query`).

Why it is shaped like this:
- The SQL is typed by a person (or pasted from a web page): the connection is read-only with
  external access disabled and the configuration locked (`warehouse.connect_query`), and only
  one statement runs, so `SELECT 1; COPY ...` cannot slip a second one in.
- A query can be expensive by mistake (a cross join of two large tables): it runs under a
  DuckDB memory limit, set before the configuration is locked, and is interrupted after a time
  limit, so it cannot take the machine a pipeline run shares.
- CSV and JSON are written by DuckDB's own writers (`COPY ... TO`), every row, never cut: the
  one file they may write is allowed by name (`allowed_paths`) before external access is
  switched off, so the user's SQL still cannot touch any other file. The file is a temporary
  one beside the target, renamed into place when complete, so an interrupted query never
  leaves half a CSV where a complete one is expected.
- The table for a terminal shows the first rows and says how many there were in all.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import duckdb

from pipeline import warehouse as wh

FORMATS = ("table", "csv", "json", "jsonl")
# DuckDB COPY options per format: JSON as one array (what `json.load` reads), JSONL one object a line
_COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "json": "FORMAT json, ARRAY true",
    "jsonl": "FORMAT json, ARRAY false",
}
_FETCH = 10_000  # rows per fetch while counting the rows a table does not show


class QueryError(wh.WarehouseError):
    """The SQL could not run (a syntax error, a write, a file it may not read); the message says why."""


class QueryTimeout(QueryError):
    """The statement ran longer than the time limit and was interrupted."""


@dataclass
class TableResult:
    """The first `shown` rows of a result and how many rows it had in all."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    total: int
    notes: list[str] = field(default_factory=list)

    @property
    def cut(self) -> bool:
        return self.total > len(self.rows)


def read_sql(text: str, stdin: IO[str] | None = None) -> str:
    """The SQL to run: `-` reads standard input, `@path` reads a file, anything else is the SQL."""
    if text == "-":
        return (stdin or _stdin()).read()
    if text.startswith("@") and len(text) > 1:
        return read_sql_file(Path(text[1:]))
    return text


def _stdin() -> IO[str]:
    import sys

    return sys.stdin


def read_sql_file(path: Path) -> str:
    """A file of SQL; a missing or unreadable one is a user error with the path in the message."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read SQL from {path}: {exc.strerror if isinstance(exc, OSError) else exc}") from exc


def one_statement(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The single statement in `sql`; several statements or none are refused."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(_explain(exc)) from exc
    if len(statements) != 1:
        given = "no SQL statement" if not statements else f"{len(statements)} SQL statements"
        raise QueryError(f"dateline query runs exactly one SQL statement, got {given}: run them one at a time")
    return sql


def _explain(exc: BaseException) -> str:
    first = (str(exc).strip().splitlines() or [""])[0]
    return (
        f"{first} (the query is read-only: it reads the warehouse's tables and views, "
        "not files, other databases or extensions; check the SQL)"
    )


@contextlib.contextmanager
def _connection(
    path: Path, *, lock_timeout_s: float, memory_limit: str, allowed_paths: list[Path] | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    before = [f"SET memory_limit = '{_literal(memory_limit)}'"]
    if allowed_paths:
        listed = ", ".join(f"'{_literal(str(p))}'" for p in allowed_paths)
        before.append(f"SET allowed_paths = [{listed}]")  # must precede enable_external_access = false
    with contextlib.closing(wh.connect_query(path, timeout_s=lock_timeout_s, before=before)) as con:
        yield con


def _literal(text: str) -> str:
    return text.replace("'", "''")


@contextlib.contextmanager
def _time_limit(con: duckdb.DuckDBPyConnection, timeout_s: float | None) -> Iterator[threading.Event]:
    """Interrupt the connection's running statement after `timeout_s` (None or 0: no limit)."""
    fired = threading.Event()

    def interrupt() -> None:
        fired.set()
        con.interrupt()

    timer = threading.Timer(timeout_s, interrupt) if timeout_s else None
    if timer:
        timer.daemon = True
        timer.start()
    try:
        yield fired
    finally:
        if timer:
            timer.cancel()


def _run(con: duckdb.DuckDBPyConnection, timeout_s: float | None, action: Any) -> Any:
    with _time_limit(con, timeout_s) as fired:
        try:
            return action()
        except duckdb.Error as exc:
            if fired.is_set():
                raise QueryTimeout(
                    f"the query ran longer than {timeout_s:g}s and was stopped: narrow it (WHERE, LIMIT), "
                    "or raise the limit with --timeout SECONDS"
                ) from exc
            if isinstance(exc, duckdb.OutOfMemoryException):
                raise QueryError(
                    f"the query needed more memory than query_memory_limit allows: narrow it, "
                    f"or raise DATELINE_QUERY_MEMORY_LIMIT ({(str(exc).splitlines() or [''])[0]})"
                ) from exc
            raise QueryError(_explain(exc)) from exc


def table(
    path: Path, sql: str, *, max_rows: int, timeout_s: float | None, memory_limit: str, lock_timeout_s: float
) -> TableResult:
    """The first `max_rows` rows of the query and the number of rows it returns."""
    with _connection(path, lock_timeout_s=lock_timeout_s, memory_limit=memory_limit) as con:
        one_statement(con, sql)

        def fetch() -> TableResult:
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchmany(max_rows) if columns else []
            total = len(rows)
            while columns and total >= max_rows:  # count the rest without keeping it
                more = len(cur.fetchmany(_FETCH))
                if not more:
                    break
                total += more
            return TableResult(columns, rows, total)

        result: TableResult = _run(con, timeout_s, fetch)
        return result


def write(
    path: Path,
    sql: str,
    fmt: str,
    *,
    output: Path | None,
    stdout: IO[bytes] | None,
    timeout_s: float | None,
    memory_limit: str,
    lock_timeout_s: float,
) -> int:
    """Write every row of the query as `fmt` (csv, json, jsonl) to `output`, or to `stdout` when no
    output is given. Returns the number of rows written."""
    if fmt not in _COPY_OPTIONS:
        raise QueryError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if output is not None:
        _refuse_warehouse_as_output(path, output)
        if not output.parent.is_dir():
            raise QueryError(f"cannot write {output}: folder {output.parent} does not exist")
        tmp_dir = output.parent
    else:
        tmp_dir = Path(tempfile.mkdtemp(prefix="dateline-query-"))
    tmp = tmp_dir / f".{output.name if output else 'result'}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with _connection(path, lock_timeout_s=lock_timeout_s, memory_limit=memory_limit, allowed_paths=[tmp]) as con:
            one_statement(con, sql)
            view = f"dateline_query_{uuid.uuid4().hex[:8]}"
            # a temporary view lives in memory: allowed on a read-only warehouse, and the COPY
            # streams the query's rows through DuckDB's writer without holding them
            _run(con, timeout_s, lambda: con.execute(f"CREATE TEMP VIEW {view} AS {sql}"))
            copy = f"COPY {view} TO '{_literal(str(tmp))}' ({_COPY_OPTIONS[fmt]})"
            count = _run(con, timeout_s, lambda: wh.scalar(con, copy))  # COPY answers with its row count
        if output is not None:
            os.replace(tmp, output)
        else:
            with tmp.open("rb") as handle:
                shutil.copyfileobj(handle, stdout or _stdout_bytes())
        return int(count or 0)
    except OSError as exc:
        raise QueryError(f"cannot write {output or 'the result'}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
        if output is None:
            shutil.rmtree(tmp_dir, ignore_errors=True)


def _stdout_bytes() -> IO[bytes]:
    import sys

    sys.stdout.flush()
    return sys.stdout.buffer


def _refuse_warehouse_as_output(warehouse_path: Path, output: Path) -> None:
    """`--output warehouse/dateline.duckdb` would replace the warehouse with a CSV."""
    target = output.resolve()
    own = Path(warehouse_path).resolve()
    if target in {own, own.with_name(own.name + ".wal")}:
        raise QueryError(f"--output {output} is the warehouse itself: write the result to another file")
