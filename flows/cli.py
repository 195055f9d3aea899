"""`dateline`: the command line (Typer + Rich), in the style of `dbt`/`prefect`.

Exit codes scripts can rely on (also in `dateline --help`):
  0 success · 1 the run (or report) failed · 2 usage or configuration error ·
  3 the warehouse is locked by another process · 4 the warehouse is newer than this code ·
  5 no Prefect server to hold a schedule (serve) · 130 interrupted (Ctrl-C during a run, or SIGTERM;
  Ctrl-C is the normal end of `watch` and `serve`, exit 0).
Errors are one line on stderr that says what to do next; `dateline --debug ...` adds the traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from pipeline.settings import Settings, load_settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_TOO_NEW, EXIT_NO_SERVER, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 5, 130

EPILOG = (
    "Exit codes: 0 success, 1 run/report failed, 2 usage or configuration error, 3 warehouse locked by "
    "another process, 4 warehouse newer than this Dateline, 5 no Prefect server (serve), 130 interrupted."
)

app = typer.Typer(
    help="Dateline: dated events and actors from a folder of articles, into DuckDB.",
    epilog=EPILOG,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)
_state = {"debug": False, "terminated": False}  # terminated: a SIGTERM arrived

CorpusOpt = Annotated[Path | None, typer.Option("--corpus", help="Folder of articles (default: corpus/).")]
WarehouseOpt = Annotated[Path | None, typer.Option("--warehouse", help="DuckDB file (default: warehouse/dateline.duckdb).")]
RunnerOpt = Annotated[str | None, typer.Option(help="Task runner: default or dask.")]
DaskOpt = Annotated[str | None, typer.Option(help="Address of an existing Dask scheduler.")]
NoPrefectOpt = Annotated[bool, typer.Option("--no-prefect", help="Run the plain pipeline without Prefect.")]
AllowGoneOpt = Annotated[
    bool,
    typer.Option("--allow-gone", help="Let the run mark more than half of the warehouse's articles gone (refused by default)."),
]


def _settings(corpus: Path | None = None, warehouse: Path | None = None, **extra: Any) -> Settings:
    return load_settings(corpus_dir=corpus, warehouse_path=warehouse, **extra)


# C0 and C1 control characters except tab and newline: ANSI escapes, carriage returns, bells.
# Also the invisible bidirectional controls (embeddings, overrides, isolates, LRM/RLM, the Arabic
# letter mark): a title holding U+202E prints the rest of the line, and what follows it, reversed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain(value: Any) -> str:
    """Data as text that cannot drive the terminal or reorder the line: control and bidirectional
    format characters shown as visible `\\xNN` / `\\uNNNN`."""
    return _CONTROL.sub(lambda m: _escape(m.group()), "" if value is None else str(value))


def data_text(*parts: Any) -> Text:
    """A line mixing our own styled words, `(text, style)`, with data from articles, files or SQL.

    Data never goes through Rich markup: a title holding `[/bold]` would crash the print,
    `:x:` would become an emoji. A `Text` is printed as it is, so only control characters
    need escaping.
    """
    return Text.assemble(*[(plain(p[0]), p[1]) if isinstance(p, tuple) else plain(p) for p in parts])


def _fail(message: str, code: int) -> NoReturn:
    """One line on stderr, then exit with `code` (the message says what to do next)."""
    line = " ".join(str(message).split())
    err.print(data_text(("error:", "bold red"), " ", line), highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextlib.contextmanager
def _errors(action: str) -> Iterator[None]:
    """Map failures to one line and an exit code; `--debug` re-raises for the traceback."""
    from pipeline import warehouse as wh

    try:
        yield
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        err.print(f"[yellow]interrupted:[/] {action} stopped; the warehouse keeps its last completed run")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        if _state["debug"]:
            raise
        if isinstance(exc, wh.WarehouseLocked):
            _fail(str(exc), EXIT_LOCKED)
        if isinstance(exc, wh.WarehouseTooNew):
            _fail(str(exc), EXIT_TOO_NEW)
        if isinstance(exc, wh.WarehouseError | FileNotFoundError):
            _fail(str(exc), EXIT_USAGE)
        first = (str(exc).strip().splitlines() or [""])[0]
        _fail(
            f"{action} failed: {type(exc).__name__}: {first} — the warehouse keeps its last completed run; "
            "see `dateline status`, or rerun with `dateline --debug ...` for the traceback",
            EXIT_FAILED,
        )


def _quiet_prefect() -> None:
    """Embedded defaults: a local Prefect server started on demand, without telemetry."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


class _QuietLibraries(logging.Filter):
    """Drop Great Expectations' INFO chatter (it forces INFO on its own loggers); it breaks progress bars."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("great_expectations") and record.levelno < logging.WARNING)


def _quiet_handlers() -> None:
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _QuietLibraries) for f in handler.filters):
            handler.addFilter(_QuietLibraries())


def _version(value: bool) -> None:
    if value:
        from pipeline import EXTRACTOR_VERSION, __version__

        console.print(f"dateline {__version__} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks instead of one-line errors.")] = False,
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Dateline: dated events and actors from a folder of articles, into DuckDB."""
    _state["debug"] = debug or os.environ.get("DATELINE_DEBUG", "") not in ("", "0")
    _notes_to_stderr()


def _notes_to_stderr() -> None:
    """The warehouse's "waiting: … is open in another process" note, printed as it happens, as
    one plain line (not through Prefect's or the root logger's formatting)."""
    note = logging.getLogger("pipeline.warehouse")
    if not any(isinstance(h, _StderrNote) for h in note.handlers):
        note.addHandler(_StderrNote(logging.WARNING))
        note.propagate = False


class _StderrNote(logging.Handler):
    """Writes to whatever `sys.stderr` is when the note is made (a test runner swaps it)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(plain(record.getMessage()) + "\n")
        sys.stderr.flush()


# ---------------------------------------------------------------------------------------
# run
# ---------------------------------------------------------------------------------------

_MEMBER = re.compile(r"#\d+$")  # `file.jsonl#3` is one article of a multi-article file


def pending_files(settings: Settings) -> list[str]:
    """Corpus files that are new or changed (size/mtime) since the last run: what the next run will read."""
    from pipeline import ingest, runner

    corpus = settings.corpus_dir
    if not corpus.is_dir():
        return []
    known = runner.known_state(settings)
    files: dict[str, tuple[int, int]] = {}
    for known_path, (size, mtime, _sha, _aid) in known.files.items():
        files[_MEMBER.sub("", known_path)] = (size, mtime)
    out = []
    for path in sorted(corpus.rglob("*")):
        rel = path.relative_to(corpus).as_posix()
        name = path.name.lower()
        if any(part.startswith(".") for part in rel.split("/")) or not path.is_file():
            continue
        if name.endswith(ingest.SIDECAR_SUFFIXES) or path.suffix.lower() not in ingest.SUPPORTED_SUFFIXES:
            continue
        st = path.stat()
        if files.get(rel) != (st.st_size, st.st_mtime_ns):
            out.append(rel)
    return out


@contextlib.contextmanager
def _progress(label: str, total: int | None, finishing: str | None = None) -> Iterator[Callable[[int, int | None], None]]:
    """A Rich progress bar (articles processed, ETA) fed by the pipeline's `on_progress(done, total)`."""
    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn()]
    if total:
        columns += [MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    else:
        columns += [TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task(label, total=total or None)

        def update(done: int, new_total: int | None = None) -> None:
            t = new_total or progress.tasks[0].total
            if t is not None and done > t:
                t = done  # a multi-article file holds more articles than the file estimate
            progress.update(task, completed=done, total=t)
            if t is not None and done >= t and finishing:
                progress.update(task, description=finishing)

        yield update


def execute_run(settings: Settings, no_prefect: bool = False) -> dict[str, Any]:
    """One run (Prefect flow by default), with a progress bar on a terminal. Raises on failure."""
    _quiet_prefect()
    from flows.ingest_flow import summary_dict

    _quiet_handlers()  # after Prefect has set up logging

    if settings.runner not in {"default", "dask"}:
        _fail(f"unknown runner {settings.runner!r}: use --runner default or --runner dask", EXIT_USAGE)
    from pipeline import runlock
    from pipeline import runner as checks

    # before anything walks the corpus (`--corpus /`) or Prefect starts: user errors (a file as
    # --corpus, an unwritable or damaged warehouse) become one line here, not a flow traceback
    checks.check_paths(settings)
    holder = runlock.current_holder(settings.warehouse_path)
    if holder:
        err.print(data_text(
            ("waiting:", "yellow"),
            f" another Dateline run is using {settings.warehouse_path} ({holder}); this run starts when it ends "
            f"(waiting up to {settings.lock_timeout_s:g}s, lock_timeout_s)",
        ), highlight=False, soft_wrap=True)
    estimate = len(pending_files(settings)) if err.is_terminal else None
    finishing = "validating and merging into the warehouse"
    if no_prefect:
        from pipeline import runner as plain

        with _progress("extracting articles", estimate, finishing) as on_progress:
            return summary_dict(plain.run_pipeline(settings, on_progress=on_progress))
    from flows.ingest_flow import run_with_runner

    with _progress("extracting articles", estimate, finishing) as on_progress:
        return run_with_runner(settings, on_progress=on_progress)


@app.command(epilog=EPILOG)
def run(
    corpus: CorpusOpt = None,
    warehouse: WarehouseOpt = None,
    runner: RunnerOpt = None,
    dask_address: DaskOpt = None,
    no_prefect: NoPrefectOpt = False,
    allow_gone: AllowGoneOpt = False,
) -> None:
    """Ingest the corpus folder and upsert its events into the warehouse."""
    settings = _settings(corpus, warehouse, runner=runner, dask_address=dask_address, allow_gone=allow_gone or None)
    with _errors("the run"), _terminate_like_interrupt():
        result = execute_run(settings, no_prefect)
    print_summary(result, settings)
    if result.get("export_error"):
        err.print(
            f"warning: the run's rows landed, but the Parquet export failed ({result['export_error']}); "
            "the next run rewrites it", markup=False, highlight=False, soft_wrap=True,
        )


def _interrupt(signum: int, _frame: Any) -> None:
    _state["terminated"] = True
    raise KeyboardInterrupt(f"signal {signum}")


def _exit_if_terminated(what: str) -> None:
    """`watch` and `serve` stopped: by Ctrl-C, their normal end (exit 0); by SIGTERM, exit 130 like a
    terminated `run`, so a supervisor sees that the process did not end on its own."""
    if _state["terminated"]:
        err.print(f"[yellow]terminated:[/] {what} stopped; the warehouse keeps its last completed run")
        raise typer.Exit(EXIT_INTERRUPTED)


@contextlib.contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    """SIGTERM (`kill`, a scheduler's timeout) ends a run like Ctrl-C, not by dying on the spot:
    the run unwinds (staging removed, run lock released, worker processes stopped) and Prefect's
    temporary server, a separate ~225 MB process, is stopped instead of being orphaned. Prefect
    bridges SIGTERM during a flow and re-sends it to the handler it found: this one."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    except BaseException:
        _stop_temporary_prefect_server()  # at a normal end, Prefect's own atexit hook stops it
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_temporary_prefect_server() -> None:
    """Stop the temporary server a flow call started (Prefect stops it only at a normal exit)."""
    server_module = sys.modules.get("prefect.server.api.server")
    if server_module is not None:
        for server in list(server_module.SubprocessASGIServer._instances.values()):
            server.stop()


REJECTS_SHOWN = 20  # the summary lists this many rejects and says how many more there are


def print_summary(result: dict[str, Any], settings: Settings) -> None:
    """The short summary a person reads after a run."""
    nothing_new = not (result["articles_new"] or result["articles_changed"] or result["articles_gone"]
                       or result.get("articles_reextracted"))
    table = Table(title="Dateline run " + result["run_id"], show_header=False)
    for key in ("files_seen", "articles_new", "articles_changed", "articles_unchanged", "articles_gone",
                "articles_rejected", "events_extracted", "rows_upserted", "rows_rejected"):
        table.add_row(key.replace("_", " "), str(result[key]))
    if result.get("articles_reextracted"):  # unchanged articles an edit of the vocabularies affects
        table.add_row("articles re-extracted (vocabularies edited)", str(result["articles_reextracted"]))
    console.print(table)
    if nothing_new:
        console.print("Nothing new: no article was added, changed or removed, so nothing was re-extracted.")
    if result["rejects"]:
        console.print("[yellow]Rejected:[/]")
        for r in result["rejects"][:REJECTS_SHOWN]:
            console.print(data_text(f"  {r['path'] or '-'} ({r['stage']}): {r['reason']}"))
        hidden = result.get("rejects_total", len(result["rejects"])) - REJECTS_SHOWN
        if hidden > 0:
            console.print(data_text(
                f"  ... and {hidden} more: {command_hint()} query \"SELECT source_path, stage, reason, sentence "
                f"FROM rejects WHERE run_id = '{result['run_id']}'\""
            ))
    if result.get("articles_still_failing"):
        console.print(
            f"{result['articles_still_failing']} unchanged article(s) failed extraction in an earlier run and were not "
            "retried (they are when edited, or with a new extractor); their rejects: `dateline status`"
        )
    console.print(data_text(f"Warehouse: {settings.warehouse_path}"))
    if settings.build_data_docs:
        console.print(data_text(f"Data Docs: {settings.data_docs_dir / 'index.html'}"))
    cmd = command_hint()
    console.print(data_text(
        f"Try: {cmd} query \"SELECT event_type, count(*) AS n FROM events GROUP BY ALL ORDER BY n DESC\""
        f" · {cmd} report"
    ), soft_wrap=True)


def command_hint() -> str:
    """How to type `dateline` in this shell: `dateline` when it is on PATH, else the script's path
    (`.venv/bin/dateline` after `make run`, when the virtual environment is not activated)."""
    script = Path(sys.executable).parent / "dateline"
    on_path = shutil.which("dateline")
    if on_path and Path(on_path).resolve() == script.resolve():
        return "dateline"
    typed = sys.argv[0] if sys.argv else ""
    if Path(typed).name == "dateline" and "/" in typed and Path(typed).is_file():
        return typed  # as the user typed it, e.g. .venv/bin/dateline: it works from here
    if script.is_file():
        with contextlib.suppress(ValueError):
            return script.relative_to(Path.cwd()).as_posix()  # .venv/bin/dateline
        return str(script)
    return f"{sys.executable} -m flows.cli"


# ---------------------------------------------------------------------------------------
# status, query
# ---------------------------------------------------------------------------------------


@app.command(epilog=EPILOG)
def status(
    corpus: CorpusOpt = None,
    warehouse: WarehouseOpt = None,
    limit: Annotated[int, typer.Option(help="How many runs, articles and rejects to list.")] = 5,
) -> None:
    """Last runs, table counts, latest articles, recent rejects, and files waiting for the next run."""
    from pipeline import warehouse as wh

    settings = _settings(corpus, warehouse)
    with _errors("status"):
        with contextlib.closing(wh.connect_query(settings.warehouse_path, timeout_s=settings.lock_timeout_s)) as con:
            if wh.schema_version(con) == 0:
                _fail(f"{settings.warehouse_path} holds no Dateline tables yet: run `dateline run` first", EXIT_USAGE)
            runs = con.execute(
                """SELECT run_id, status, started_at, finished_at, articles_new, articles_changed,
                          articles_rejected, events_extracted, rows_rejected
                   FROM runs ORDER BY started_at DESC LIMIT ?""",
                [limit],
            ).fetchall()
            _print_rows("Last runs", ["run", "status", "started", "finished", "new", "changed", "rejected", "events", "rows rejected"], runs)
            counts = [
                (t, wh.scalar(con, f"SELECT count(*) FROM {t}"))
                for t in ("articles", "time_expressions", "event_mentions", "events", "actors", "rejects")
            ]
            _print_rows("Tables", ["table", "rows"], counts)
            articles = con.execute(
                """SELECT a.source_path, left(a.title, 60), a.published_at, a.ingested_at,
                          (SELECT count(*) FROM event_mentions m WHERE m.article_id = a.article_id) AS mentions
                   FROM articles a WHERE a.status = 'active'
                   ORDER BY a.ingested_at DESC, a.source_path LIMIT ?""",
                [limit],
            ).fetchall()
            _print_rows("Latest articles", ["path", "title", "published", "ingested", "event mentions"], articles)
            rejects = con.execute(
                "SELECT stage, source_path, reason FROM rejects ORDER BY created_at DESC LIMIT ?", [limit]
            ).fetchall()
            _print_rows("Recent rejects", ["stage", "path", "reason"], rejects)
        pending = pending_files(settings)
    if pending:
        shown = ", ".join(pending[:limit]) + (f" and {len(pending) - limit} more" if len(pending) > limit else "")
        console.print(data_text((f"{len(pending)} file(s) in {settings.corpus_dir} are new or changed since the last run:", "yellow"), " ", shown))
        console.print("The next scheduled run picks them up, or run `dateline run` now.")
    else:
        console.print(data_text(f"Corpus {settings.corpus_dir}: everything is in the warehouse."))


FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help="table (first --max-rows rows), or every row as csv, json (one array) or jsonl."),
]


@app.command(epilog=EPILOG)
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
        _fail(f"unknown --format {fmt!r}: use one of {', '.join(q.FORMATS)}", EXIT_USAGE)
    if (sql is None) == (file is None):
        _fail("give the SQL as an argument (`-` for stdin, `@FILE`) or with --file FILE, once", EXIT_USAGE)
    settings = _settings(None, warehouse)
    limit = settings.query_timeout_s if timeout is None else timeout
    common: dict[str, Any] = {
        "timeout_s": limit or None, "memory_limit": settings.query_memory_limit, "lock_timeout_s": settings.lock_timeout_s,
    }
    with _errors("the query"):
        try:
            text = q.read_sql_file(file) if file is not None else q.read_sql(sql or "")
            if fmt != "table":
                count = q.write(settings.warehouse_path, text, fmt, output=output, stdout=None, **common)
                if output is not None:
                    err.print(data_text(f"{count} rows written to {output}"), highlight=False)
                return
            result = q.table(settings.warehouse_path, text, max_rows=max_rows, **common)
        except q.QueryError as exc:
            _fail(str(exc), EXIT_USAGE)
    table = _rows_table(None, result.columns, result.rows)
    note = (f"showing {len(result.rows)} of {result.total} rows: --max-rows N for more, "
            "--format csv or json for every row") if result.cut else None
    if output is None:
        console.print(table)
        if note:
            console.print(note, style="yellow", highlight=False, soft_wrap=True)
        return
    with _errors("the query"), output.open("w", encoding="utf-8") as handle:
        to_file = Console(file=handle, width=200)
        to_file.print(table)
        if note:
            to_file.print(note, highlight=False, soft_wrap=True)


def _rows_table(title: str | None, names: list[str], rows: list[Any]) -> Table:
    """A table of data: headers and cells are plain text (never markup), control characters escaped."""
    table = Table(title=title)
    for name in names:
        table.add_column(data_text(name), overflow="fold")
    for row in rows:
        table.add_row(*[data_text(v) for v in row])
    return table


def _print_rows(title: str | None, names: list[str], rows: list[Any]) -> None:
    console.print(_rows_table(title, names, rows))


# ---------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------


@app.command(epilog=EPILOG)
def report(
    corpus: CorpusOpt = None,
    warehouse: WarehouseOpt = None,
    output: Annotated[Path | None, typer.Option("--output", help="Folder for index.html (default: <warehouse dir>/report).")] = None,
) -> None:
    """Write the HTML report: timeline, actor network, per-month counts, data quality, events with sources."""
    settings = _settings(corpus, warehouse, report_dir=output)
    path = build_report(settings)
    console.print(data_text(f"Report: {path}"))


def build_report(settings: Settings) -> Path:
    """Build the report with a progress bar; returns index.html. Used by `report` and `watch --report`."""
    from pipeline import report as rep

    with _errors("the report"), _progress("writing article pages", None) as on_progress:
        result = rep.build_report(settings, on_progress=on_progress)
    for w in result.warnings:
        err.print(data_text(("note:", "yellow"), " ", w))
    console.print(f"{result.events} events, {result.articles} articles, {result.charts} charts.")
    return result.index_path


# ---------------------------------------------------------------------------------------
# export, actors
# ---------------------------------------------------------------------------------------


@app.command(epilog=EPILOG)
def export(
    warehouse: WarehouseOpt = None,
    format: Annotated[str, typer.Option("--format", help="polecat (POLECAT's TSV columns), csv or parquet.")] = "polecat",
    output: Annotated[Path | None, typer.Option("--output", help="File to write (default: dateline-events.<tsv|csv|parquet>).")] = None,
) -> None:
    """Write the coded events (actors with country codes and sectors, date, place, source sentence) to a file."""
    from pipeline import export as exp

    if format not in exp.FORMATS:
        _fail(f"unknown format {format!r}: use one of {', '.join(exp.FORMATS)}", 2)
    settings = _settings(None, warehouse)
    target = output or exp.default_output(format)
    with _errors("the export"):
        n = exp.export_events(settings.warehouse_path, format, target, timeout_s=settings.lock_timeout_s)
    console.print(data_text(f"{n} events written to {target}"))


@app.command(epilog=EPILOG)
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
        _fail(f"unknown sort {sort!r}: use one of {', '.join(actor_list.SORTS)}", EXIT_USAGE)
    settings = _settings(None, warehouse)
    with _errors("listing actors"):
        rows = actor_list.list_actors(settings.warehouse_path, kind=kind, min_mentions=min_mentions, search=search,
                                      sort=sort, timeout_s=settings.lock_timeout_s)
    console.print(data_text(actor_list.format_rows(rows, limit or None)), soft_wrap=True)


# ---------------------------------------------------------------------------------------
# serve, watch
# ---------------------------------------------------------------------------------------


@app.command(epilog=EPILOG)
def serve(
    corpus: CorpusOpt = None,
    warehouse: WarehouseOpt = None,
    cron: Annotated[str | None, typer.Option(help="Cron schedule (default hourly: '0 * * * *').")] = None,
    interval: Annotated[float | None, typer.Option(help="Run every N seconds instead of a cron schedule.", min=10)] = None,
    name: Annotated[str, typer.Option(help="Deployment name (the flow is dateline-ingest).")] = "dateline-serve",
) -> None:
    """Run the ingest flow on a schedule, served from this process (needs `prefect server start`)."""
    from flows import schedule

    if cron and interval:
        _fail("give either --cron or --interval, not both", EXIT_USAGE)
    if cron:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=cron)
        except ValueError:
            _fail(f"invalid cron schedule {cron!r}: five fields, e.g. '0 * * * *' for hourly", EXIT_USAGE)
    settings = _settings(corpus, warehouse)
    _quiet_prefect()
    with _errors("serve"), _terminate_like_interrupt():
        try:
            schedule.serve(settings, cron=cron, interval_s=interval, name=name, on_ready=console.print)
        except schedule.ServerUnavailable as exc:
            _fail(str(exc), EXIT_NO_SERVER)
        except KeyboardInterrupt as exc:  # the runner handles SIGTERM itself once it has started
            _state["terminated"] |= isinstance(exc, schedule.Terminated)
    _exit_if_terminated("serving")
    console.print("Stopped serving.")


class _Reported(Exception):
    """A failure whose one-line error was already printed."""


@app.command(epilog=EPILOG)
def watch(
    corpus: CorpusOpt = None,
    warehouse: WarehouseOpt = None,
    quiet: Annotated[float, typer.Option(help="Seconds without changes before a run starts.", min=0.2)] = 2.0,
    initial: Annotated[bool, typer.Option("--initial/--no-initial", help="Run once at start to catch up.")] = True,
    with_report: Annotated[bool, typer.Option("--report", help="Rebuild the HTML report after each run.")] = False,
    runner: RunnerOpt = None,
    dask_address: DaskOpt = None,
    no_prefect: NoPrefectOpt = False,
) -> None:
    """Run the pipeline shortly after files in the corpus stop changing (Ctrl-C to stop)."""
    from flows import schedule

    settings = _settings(corpus, warehouse, runner=runner, dask_address=dask_address)
    if not settings.corpus_dir.is_dir():
        _fail(f"corpus folder {settings.corpus_dir} does not exist: create it or pass --corpus DIR", EXIT_USAGE)

    def one_run(changed: set[str]) -> None:
        if changed:
            names = sorted(Path(p).name for p in changed)
            console.print(data_text(f"Changed: {', '.join(names[:8])}{' …' if len(names) > 8 else ''}"))
        result = execute_run(settings, no_prefect)
        print_summary(result, settings)
        if with_report:
            console.print(data_text(f"Report: {build_report(settings)}"))
        console.print(data_text((f"Watching {settings.corpus_dir} for changes (Ctrl-C to stop)…", "dim")))

    def on_error(exc: BaseException) -> None:
        if not isinstance(exc, _Reported):
            first = (str(exc).strip().splitlines() or [""])[0]
            err.print(data_text(("error:", "bold red"), f" run failed: {type(exc).__name__}: {first}"), highlight=False)
        err.print("still watching: fix the cause and save a file to retry (Ctrl-C to stop)")

    def guarded(changed: set[str]) -> None:
        try:
            one_run(changed)
        except typer.Exit as exc:  # already printed as one line (e.g. the corpus folder was removed)
            raise _Reported() from exc

    warehouse_dir = settings.warehouse_path.parent
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # it warns about the Ctrl-C that stops it
    console.print(data_text(f"Watching {settings.corpus_dir} (a run starts {quiet:g} s after files stop changing; Ctrl-C to stop)."))
    try:
        with _terminate_like_interrupt():
            stats = schedule.watch_corpus(
                settings.corpus_dir, guarded, quiet_s=quiet, run_at_start=initial,
                ignore_paths=[settings.warehouse_path, warehouse_dir / ".staging", settings.report_path],
                on_error=on_error,
            )
    except KeyboardInterrupt:
        _exit_if_terminated("watching")
        console.print("Stopped watching.")
        return
    _exit_if_terminated("watching")  # watchfiles ends its loop quietly on the KeyboardInterrupt of SIGTERM
    console.print(f"Stopped watching after {stats.runs} run(s), {stats.failures} failed.")


def main() -> None:  # console-script entry point
    sys.exit(app())


if __name__ == "__main__":
    main()
