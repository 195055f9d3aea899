"""What the commands print, and how: the two consoles (stdout for results, stderr for notes, errors
and progress bars), data escaped so it cannot drive the terminal, one-line errors with their exit
codes, progress bars, tables of rows, and the libraries' log chatter kept off the screen.

Commands print through this module's attributes (`terminal.console.print`), so a test can swap
`terminal.console` for a console writing to a buffer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

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

from flows.cli.common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_TOO_NEW, EXIT_USAGE, state

console = Console()
err = Console(stderr=True)

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


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr, then exit with `code` (the message says what to do next)."""
    line = " ".join(str(message).split())
    err.print(data_text(("error:", "bold red"), " ", line), highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextlib.contextmanager
def errors(action: str) -> Iterator[None]:
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
        if state["debug"]:
            raise
        if isinstance(exc, wh.WarehouseLocked):
            fail(str(exc), EXIT_LOCKED)
        if isinstance(exc, wh.WarehouseTooNew):
            fail(str(exc), EXIT_TOO_NEW)
        if isinstance(exc, wh.WarehouseError | FileNotFoundError):
            fail(str(exc), EXIT_USAGE)
        first = (str(exc).strip().splitlines() or [""])[0]
        fail(
            f"{action} failed: {type(exc).__name__}: {first} — the warehouse keeps its last completed run; "
            "see `dateline status`, or rerun with `dateline --debug ...` for the traceback",
            EXIT_FAILED,
        )


def quiet_prefect() -> None:
    """Embedded defaults: a local Prefect server started on demand, without telemetry."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


class _QuietLibraries(logging.Filter):
    """Drop Great Expectations' INFO chatter (it forces INFO on its own loggers); it breaks progress bars."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("great_expectations") and record.levelno < logging.WARNING)


def quiet_handlers() -> None:
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _QuietLibraries) for f in handler.filters):
            handler.addFilter(_QuietLibraries())


def notes_to_stderr() -> None:
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


@contextlib.contextmanager
def progress_bar(label: str, total: int | None, finishing: str | None = None) -> Iterator[Callable[[int, int | None], None]]:
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


def rows_table(title: str | None, names: list[str], rows: list[Any]) -> Table:
    """A table of data: headers and cells are plain text (never markup), control characters escaped."""
    table = Table(title=title)
    for name in names:
        table.add_column(data_text(name), overflow="fold")
    for row in rows:
        table.add_row(*[data_text(v) for v in row])
    return table


def print_rows(title: str | None, names: list[str], rows: list[Any]) -> None:
    console.print(rows_table(title, names, rows))

