"""`dateline`: the command line (Typer + Rich), in the style of `dbt`/`prefect`.

Exit codes scripts can rely on: 0 success, 1 the run failed, 2 usage or configuration
error, 3 the warehouse is locked by another process, 4 the warehouse is newer than this code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from pipeline.settings import Settings, load_settings

app = typer.Typer(help="Dateline: dated events and actors from a folder of articles, into DuckDB.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)

EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_TOO_NEW = 1, 2, 3, 4

CorpusOpt = Annotated[Path | None, typer.Option("--corpus", help="Folder of articles (default: corpus/).")]
WarehouseOpt = Annotated[Path | None, typer.Option("--warehouse", help="DuckDB file (default: warehouse/dateline.duckdb).")]


def _settings(corpus: Path | None = None, warehouse: Path | None = None, **extra: Any) -> Settings:
    return load_settings(corpus_dir=corpus, warehouse_path=warehouse, **extra)


def _fail(message: str, code: int) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _quiet_prefect() -> None:
    """Embedded defaults: a local Prefect server started on demand, without telemetry."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@app.command()
def run(
    corpus: CorpusOpt = None,
    warehouse: WarehouseOpt = None,
    runner: Annotated[str | None, typer.Option(help="Task runner: default or dask.")] = None,
    dask_address: Annotated[str | None, typer.Option(help="Address of an existing Dask scheduler.")] = None,
    no_prefect: Annotated[bool, typer.Option("--no-prefect", help="Run the plain pipeline without Prefect.")] = False,
) -> None:
    """Ingest the corpus folder and upsert its events into the warehouse."""
    from pipeline import warehouse as wh

    settings = _settings(corpus, warehouse, runner=runner, dask_address=dask_address)
    if settings.runner not in {"default", "dask"}:
        _fail(f"unknown runner {settings.runner!r}: use default or dask", EXIT_USAGE)
    if not settings.corpus_dir.is_dir():
        _fail(f"corpus folder {settings.corpus_dir} does not exist: create it or pass --corpus DIR", EXIT_USAGE)
    _quiet_prefect()
    try:
        if no_prefect:
            from pipeline import runner as plain

            summary = plain.run_pipeline(settings)
            from flows.ingest_flow import summary_dict

            result = summary_dict(summary)
        else:
            from flows.ingest_flow import run_with_runner

            with console.status("running the ingest flow…"):
                result = run_with_runner(settings)
    except wh.WarehouseLocked as exc:
        _fail(str(exc), EXIT_LOCKED)
    except wh.WarehouseTooNew as exc:
        _fail(str(exc), EXIT_TOO_NEW)
    except FileNotFoundError as exc:
        _fail(str(exc), EXIT_USAGE)
    print_summary(result, settings)


def print_summary(result: dict[str, Any], settings: Settings) -> None:
    """The short summary a person reads after a run."""
    nothing_new = not (result["articles_new"] or result["articles_changed"] or result["articles_gone"])
    table = Table(title="Dateline run " + result["run_id"], show_header=False)
    for key in ("files_seen", "articles_new", "articles_changed", "articles_unchanged", "articles_gone",
                "articles_rejected", "events_extracted", "rows_upserted", "rows_rejected"):
        table.add_row(key.replace("_", " "), str(result[key]))
    console.print(table)
    if nothing_new:
        console.print("Nothing new: no article was added, changed or removed, so nothing was re-extracted.")
    if result["rejects"]:
        console.print("[yellow]Rejected:[/]")
        for r in result["rejects"][:20]:
            console.print(f"  {r['path'] or '-'} ({r['stage']}): {r['reason']}")
    console.print(f"Warehouse: {settings.warehouse_path}")
    if settings.build_data_docs:
        console.print(f"Data Docs: {settings.data_docs_dir / 'index.html'}")
    console.print(
        "Try: dateline query \"SELECT event_type, count(*) AS n FROM events GROUP BY ALL ORDER BY n DESC\""
    )


@app.command()
def status(corpus: CorpusOpt = None, warehouse: WarehouseOpt = None, limit: int = 5) -> None:
    """Last runs, table counts and recent rejects."""
    from pipeline import warehouse as wh

    settings = _settings(corpus, warehouse)
    try:
        with wh.open_warehouse(settings.warehouse_path, read_only=True, timeout_s=settings.lock_timeout_s) as con:
            runs = con.execute(
                """SELECT run_id, status, started_at, finished_at, articles_new, articles_changed,
                          articles_rejected, events_extracted, rows_rejected
                   FROM runs ORDER BY started_at DESC LIMIT ?""",
                [limit],
            ).fetchall()
            _print_rows("Last runs", ["run", "status", "started", "finished", "new", "changed", "rejected", "events", "rows rejected"], runs)
            counts = [
                (t, con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
                for t in ("articles", "time_expressions", "event_mentions", "events", "actors", "rejects")
            ]
            _print_rows("Tables", ["table", "rows"], counts)
            rejects = con.execute(
                "SELECT stage, source_path, reason FROM rejects ORDER BY created_at DESC LIMIT ?", [limit]
            ).fetchall()
            _print_rows("Recent rejects", ["stage", "path", "reason"], rejects)
    except wh.WarehouseError as exc:
        _fail(str(exc), EXIT_LOCKED if isinstance(exc, wh.WarehouseLocked) else EXIT_USAGE)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run read-only against the warehouse.")],
    warehouse: WarehouseOpt = None,
    max_rows: int = 50,
) -> None:
    """Run read-only SQL and print a table."""
    import duckdb

    from pipeline import warehouse as wh

    settings = _settings(None, warehouse)
    try:
        with wh.open_warehouse(settings.warehouse_path, read_only=True, timeout_s=settings.lock_timeout_s) as con:
            cur = con.execute(sql)
            names = [d[0] for d in cur.description or []]
            rows = cur.fetchmany(max_rows)
    except wh.WarehouseError as exc:
        _fail(str(exc), EXIT_LOCKED if isinstance(exc, wh.WarehouseLocked) else EXIT_USAGE)
    except duckdb.Error as exc:
        _fail(f"{str(exc).splitlines()[0]} (the warehouse is opened read-only; check the SQL)", EXIT_USAGE)
    _print_rows(None, names, rows)


def _print_rows(title: str | None, names: list[str], rows: list[Any]) -> None:
    table = Table(title=title)
    for name in names:
        table.add_column(str(name), overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)


def main() -> None:  # console-script entry point
    sys.exit(app())


if __name__ == "__main__":
    main()
