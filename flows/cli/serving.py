"""The commands that keep running: `serve` (the ingest flow on a Prefect schedule) and `watch`
(a run shortly after files in the corpus stop changing)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from flows.cli import terminal
from flows.cli.common import (
    EXIT_NO_SERVER,
    EXIT_USAGE,
    CorpusOpt,
    DaskOpt,
    NoPrefectOpt,
    RunnerOpt,
    WarehouseOpt,
    make_settings,
    state,
)
from flows.cli.data import build_report
from flows.cli.run import execute_run, print_summary
from flows.cli.signals import exit_if_terminated, terminate_like_interrupt
from flows.cli.terminal import data_text


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
        terminal.fail("give either --cron or --interval, not both", EXIT_USAGE)
    if cron:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=cron)
        except ValueError:
            terminal.fail(f"invalid cron schedule {cron!r}: five fields, e.g. '0 * * * *' for hourly", EXIT_USAGE)
    settings = make_settings(corpus, warehouse)
    terminal.quiet_prefect()
    with terminal.errors("serve"), terminate_like_interrupt():
        try:
            schedule.serve(settings, cron=cron, interval_s=interval, name=name, on_ready=terminal.console.print)
        except schedule.ServerUnavailable as exc:
            terminal.fail(str(exc), EXIT_NO_SERVER)
        except KeyboardInterrupt as exc:  # the runner handles SIGTERM itself once it has started
            state["terminated"] |= isinstance(exc, schedule.Terminated)
    exit_if_terminated("serving")
    terminal.console.print("Stopped serving.")


class _Reported(Exception):
    """A failure whose one-line error was already printed."""


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

    settings = make_settings(corpus, warehouse, runner=runner, dask_address=dask_address)
    if not settings.corpus_dir.is_dir():
        terminal.fail(f"corpus folder {settings.corpus_dir} does not exist: create it or pass --corpus DIR", EXIT_USAGE)

    def one_run(changed: set[str]) -> None:
        if changed:
            names = sorted(Path(p).name for p in changed)
            terminal.console.print(data_text(f"Changed: {', '.join(names[:8])}{' …' if len(names) > 8 else ''}"))
        result = execute_run(settings, no_prefect)
        print_summary(result, settings)
        if with_report:
            terminal.console.print(data_text(f"Report: {build_report(settings)}"))
        terminal.console.print(data_text((f"Watching {settings.corpus_dir} for changes (Ctrl-C to stop)…", "dim")))

    def on_error(exc: BaseException) -> None:
        if not isinstance(exc, _Reported):
            first = (str(exc).strip().splitlines() or [""])[0]
            terminal.err.print(data_text(("error:", "bold red"), f" run failed: {type(exc).__name__}: {first}"), highlight=False)
        terminal.err.print("still watching: fix the cause and save a file to retry (Ctrl-C to stop)")

    def guarded(changed: set[str]) -> None:
        try:
            one_run(changed)
        except typer.Exit as exc:  # already printed as one line (e.g. the corpus folder was removed)
            raise _Reported() from exc

    warehouse_dir = settings.warehouse_path.parent
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # it warns about the Ctrl-C that stops it
    terminal.console.print(data_text(f"Watching {settings.corpus_dir} (a run starts {quiet:g} s after files stop changing; Ctrl-C to stop)."))
    try:
        with terminate_like_interrupt():
            stats = schedule.watch_corpus(
                settings.corpus_dir, guarded, quiet_s=quiet, run_at_start=initial,
                ignore_paths=[settings.warehouse_path, warehouse_dir / ".staging", settings.report_path],
                on_error=on_error,
            )
    except KeyboardInterrupt:
        exit_if_terminated("watching")
        terminal.console.print("Stopped watching.")
        return
    exit_if_terminated("watching")  # watchfiles ends its loop quietly on the KeyboardInterrupt of SIGTERM
    terminal.console.print(f"Stopped watching after {stats.runs} run(s), {stats.failures} failed.")
