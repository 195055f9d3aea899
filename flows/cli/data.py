"""The commands that read the warehouse: `status`, `query`, `report`, `export` and `actors`."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from flows.cli import terminal
from flows.cli.common import EXIT_USAGE, CorpusOpt, WarehouseOpt, make_settings
from flows.cli.run import pending_files
from flows.cli.terminal import data_text
from pipeline.settings import Settings


def status(
    corpus: CorpusOpt = None,
    warehouse: WarehouseOpt = None,
    limit: Annotated[int, typer.Option(help="How many runs, articles and rejects to list.")] = 5,
) -> None:
    """Last runs, table counts, latest articles, recent rejects, and files waiting for the next run."""
    from pipeline import warehouse as wh

    settings = make_settings(corpus, warehouse)
    with terminal.errors("status"):
        with contextlib.closing(wh.connect_query(settings.warehouse_path, timeout_s=settings.lock_timeout_s)) as con:
            if wh.schema_version(con) == 0:
                terminal.fail(f"{settings.warehouse_path} holds no Dateline tables yet: run `dateline run` first", EXIT_USAGE)
            runs = con.execute(
                """SELECT run_id, status, started_at, finished_at, articles_new, articles_changed,
                          articles_rejected, events_extracted, rows_rejected
                   FROM runs ORDER BY started_at DESC LIMIT ?""",
                [limit],
            ).fetchall()
            terminal.print_rows("Last runs", ["run", "status", "started", "finished", "new", "changed", "rejected", "events", "rows rejected"], runs)
            counts = [
                (t, wh.scalar(con, f"SELECT count(*) FROM {t}"))
                for t in ("articles", "time_expressions", "event_mentions", "events", "actors", "rejects")
            ]
            terminal.print_rows("Tables", ["table", "rows"], counts)
            articles = con.execute(
                """SELECT a.source_path, left(a.title, 60), a.published_at, a.ingested_at,
                          (SELECT count(*) FROM event_mentions m WHERE m.article_id = a.article_id) AS mentions
                   FROM articles a WHERE a.status = 'active'
                   ORDER BY a.ingested_at DESC, a.source_path LIMIT ?""",
                [limit],
            ).fetchall()
            terminal.print_rows("Latest articles", ["path", "title", "published", "ingested", "event mentions"], articles)
            rejects = con.execute(
                "SELECT stage, source_path, reason FROM rejects ORDER BY created_at DESC LIMIT ?", [limit]
            ).fetchall()
            terminal.print_rows("Recent rejects", ["stage", "path", "reason"], rejects)
        pending = pending_files(settings)
    if pending:
        shown = ", ".join(pending[:limit]) + (f" and {len(pending) - limit} more" if len(pending) > limit else "")
        terminal.console.print(data_text((f"{len(pending)} file(s) in {settings.corpus_dir} are new or changed since the last run:", "yellow"), " ", shown))
        terminal.console.print("The next scheduled run picks them up, or run `dateline run` now.")
    else:
        terminal.console.print(data_text(f"Corpus {settings.corpus_dir}: everything is in the warehouse."))


FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help="table (first --max-rows rows), or every row as csv, json (one array) or jsonl."),
]


def query(
    sql: Annotated[
        str | None,
        typer.Argument(help="SQL to run read-only against the warehouse; `-` reads it from stdin, `@FILE` from a file."),
    ] = None,
    warehouse: WarehouseOpt = None,
    fmt: FormatOpt = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the result to FILE instead of stdout.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the SQL from FILE.")] = None,
    max_rows: Annotated[int, typer.Option(help="Table format: print at most this many rows.", min=1)] = 50,
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Stop the query after SECONDS (default query_timeout_s, 60; 0: no limit).", min=0)
    ] = None,
) -> None:
    """Run one read-only SQL statement: a table, or every row as CSV/JSON (DuckDB's writers)."""
    from pipeline import query as q

    if fmt not in q.FORMATS:
        terminal.fail(f"unknown --format {fmt!r}: use one of {', '.join(q.FORMATS)}", EXIT_USAGE)
    if (sql is None) == (file is None):
        terminal.fail("give the SQL as an argument (`-` for stdin, `@FILE`) or with --file FILE, once", EXIT_USAGE)
    settings = make_settings(None, warehouse)
    limit = settings.query_timeout_s if timeout is None else timeout
    common: dict[str, Any] = {
        "timeout_s": limit or None, "memory_limit": settings.query_memory_limit, "lock_timeout_s": settings.lock_timeout_s,
    }
    with terminal.errors("the query"):
        try:
            text = q.read_sql_file(file) if file is not None else q.read_sql(sql or "")
            if fmt != "table":
                count = q.write(settings.warehouse_path, text, fmt, output=output, stdout=None, **common)
                if output is not None:
                    terminal.err.print(data_text(f"{count} rows written to {output}"), highlight=False)
                return
            result = q.table(settings.warehouse_path, text, max_rows=max_rows, **common)
        except q.QueryError as exc:
            terminal.fail(str(exc), EXIT_USAGE)
    table = terminal.rows_table(None, result.columns, result.rows)
    note = (f"showing {len(result.rows)} of {result.total} rows: --max-rows N for more, "
            "--format csv or json for every row") if result.cut else None
    if output is None:
        terminal.console.print(table)
        if note:
            terminal.console.print(note, style="yellow", highlight=False, soft_wrap=True)
        return
    with terminal.errors("the query"), output.open("w", encoding="utf-8") as handle:
        to_file = Console(file=handle, width=200)
        to_file.print(table)
        if note:
            to_file.print(note, highlight=False, soft_wrap=True)


def report(
    corpus: CorpusOpt = None,
    warehouse: WarehouseOpt = None,
    output: Annotated[Path | None, typer.Option("--output", help="Folder for index.html (default: <warehouse dir>/report).")] = None,
) -> None:
    """Write the HTML report: timeline, actor network, per-month counts, data quality, events with sources."""
    settings = make_settings(corpus, warehouse, report_dir=output)
    path = build_report(settings)
    terminal.console.print(data_text(f"Report: {path}"))


def build_report(settings: Settings) -> Path:
    """Build the report with a progress bar; returns index.html. Used by `report` and `watch --report`."""
    from pipeline import report as rep

    with terminal.errors("the report"), terminal.progress_bar("writing article pages", None) as on_progress:
        result = rep.build_report(settings, on_progress=on_progress)
    for w in result.warnings:
        terminal.err.print(data_text(("note:", "yellow"), " ", w))
    terminal.console.print(f"{result.events} events, {result.articles} articles, {result.charts} charts.")
    return result.index_path


def export(
    warehouse: WarehouseOpt = None,
    format: Annotated[str, typer.Option("--format", help="polecat (POLECAT's TSV columns), csv or parquet.")] = "polecat",
    output: Annotated[Path | None, typer.Option("--output", help="File to write (default: dateline-events.<tsv|csv|parquet>).")] = None,
) -> None:
    """Write the coded events (actors with country codes and sectors, date, place, source sentence) to a file."""
    from pipeline import export as exp

    if format not in exp.FORMATS:
        terminal.fail(f"unknown format {format!r}: use one of {', '.join(exp.FORMATS)}", 2)
    settings = make_settings(None, warehouse)
    target = output or exp.default_output(format)
    with terminal.errors("the export"):
        n = exp.export_events(settings.warehouse_path, format, target, timeout_s=settings.lock_timeout_s)
    terminal.console.print(data_text(f"{n} events written to {target}"))


def actors(
    warehouse: WarehouseOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind: person, organisation, state, group, location, other.")] = None,
    min_mentions: Annotated[int, typer.Option("--min-mentions", help="Only actors with at least this many mentions (0: all).")] = 1,
    search: Annotated[str | None, typer.Option("--search", help="Only actors whose id, name, alias or written form contains this text.")] = None,
    sort: Annotated[str, typer.Option("--sort", help="mentions, articles, id, name or kind.")] = "mentions",
    limit: Annotated[int, typer.Option("--limit", help="Print at most this many actors (0: all).")] = 50,
) -> None:
    """List the warehouse's actors with mention counts, kind, QID, aliases and written forms (what to curate)."""
    from pipeline import actor_list

    if sort not in actor_list.SORTS:
        terminal.fail(f"unknown sort {sort!r}: use one of {', '.join(actor_list.SORTS)}", EXIT_USAGE)
    settings = make_settings(None, warehouse)
    with terminal.errors("listing actors"):
        rows = actor_list.list_actors(settings.warehouse_path, kind=kind, min_mentions=min_mentions, search=search,
                                      sort=sort, timeout_s=settings.lock_timeout_s)
    terminal.console.print(data_text(actor_list.format_rows(rows, limit or None)), soft_wrap=True)
