"""How a command ends on SIGTERM (`kill`, a scheduler's timeout): like Ctrl-C, unwinding what it
started; and the exit code `watch` and `serve` give when a SIGTERM, not Ctrl-C, stopped them."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from typing import Any

import typer

from flows.cli import terminal
from flows.cli.common import EXIT_INTERRUPTED, state


def _interrupt(signum: int, _frame: Any) -> None:
    state["terminated"] = True
    raise KeyboardInterrupt(f"signal {signum}")


def exit_if_terminated(what: str) -> None:
    """`watch` and `serve` stopped: by Ctrl-C, their normal end (exit 0); by SIGTERM, exit 130 like a
    terminated `run`, so a supervisor sees that the process did not end on its own."""
    if state["terminated"]:
        terminal.err.print(f"[yellow]terminated:[/] {what} stopped; the warehouse keeps its last completed run")
        raise typer.Exit(EXIT_INTERRUPTED)


@contextlib.contextmanager
def terminate_like_interrupt() -> Iterator[None]:
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

