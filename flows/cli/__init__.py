"""`dateline`: the command line (Typer + Rich), in the style of `dbt`/`prefect`.

Exit codes scripts can rely on (also in `dateline --help`):
  0 success · 1 the run (or report) failed · 2 usage or configuration error ·
  3 the warehouse is locked by another process · 4 the warehouse is newer than this code ·
  5 no Prefect server to hold a schedule (serve) · 130 interrupted (Ctrl-C during a run, or SIGTERM;
  Ctrl-C is the normal end of `watch` and `serve`, exit 0).
Errors are one line on stderr that says what to do next; `dateline --debug ...` adds the traceback.

Where things are: `common` (exit codes, shared options, process state), `terminal` (printing,
escaping, errors, progress bars), `signals` (SIGTERM), and the commands: `run`, `data` (status,
query, report, export, actors) and `serving` (serve, watch). This module builds the Typer app.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from flows.cli import data, serving, terminal
from flows.cli import run as run_command
from flows.cli.common import (
    EPILOG,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_LOCKED,
    EXIT_NO_SERVER,
    EXIT_OK,
    EXIT_TOO_NEW,
    EXIT_USAGE,
    state,
)
from flows.cli.data import build_report
from flows.cli.run import REJECTS_SHOWN, command_hint, execute_run, pending_files, print_summary
from flows.cli.terminal import data_text, plain

__all__ = [
    "EPILOG", "EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_LOCKED", "EXIT_NO_SERVER", "EXIT_OK", "EXIT_TOO_NEW",
    "EXIT_USAGE", "REJECTS_SHOWN", "app", "build_report", "command_hint", "data_text", "execute_run", "main",
    "pending_files", "plain", "print_summary",
]

app = typer.Typer(
    help="Dateline: dated events and actors from a folder of articles, into DuckDB.",
    epilog=EPILOG,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from pipeline import EXTRACTOR_VERSION, __version__

        terminal.console.print(f"dateline {__version__} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks instead of one-line errors.")] = False,
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Dateline: dated events and actors from a folder of articles, into DuckDB."""
    state["debug"] = debug or os.environ.get("DATELINE_DEBUG", "") not in ("", "0")
    terminal.notes_to_stderr()


# in the order `dateline --help` lists them
for _command in (run_command.run, data.status, data.query, data.report, data.export, data.actors,
                 serving.serve, serving.watch):
    app.command(epilog=EPILOG)(_command)


def main() -> None:  # console-script entry point
    sys.exit(app())
