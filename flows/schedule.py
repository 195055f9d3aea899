"""Keeping the warehouse up to date on its own: `dateline serve` and `dateline watch`.

- `serve` registers the ingest flow as a deployment on a real Prefect server and runs its
  scheduled runs in this process (a Prefect Runner, as `flow.serve`). Schedules need a server that stays
  up (`prefect server start`); the temporary server Prefect starts for one-off runs cannot
  hold a schedule, so `serve` refuses to start without one and says how to get it.
- `watch` runs the pipeline shortly after files in the corpus stop changing: a copy of many
  files, or an editor saving in several steps, gives one run, not one per event. Hidden
  files, editor swap files and partial downloads are ignored.

The deploy path (`prefect deploy --all` with `prefect.yaml` + a process worker) needs no code
here; docs/scheduling.md describes both.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchfiles import Change, DefaultFilter, watch

from pipeline.settings import Settings

FLOW_NAME = "dateline-ingest"
SERVE_NAME = "dateline-serve"
DEPLOY_NAME = "hourly"  # the deployment in prefect.yaml
DEFAULT_CRON = "0 * * * *"  # hourly, on the hour


class ServerUnavailable(RuntimeError):
    """No Prefect server to hold a schedule; the message says how to start one."""


# ---------------------------------------------------------------------------------------
# Prefect server
# ---------------------------------------------------------------------------------------


def api_url() -> str | None:
    """The Prefect API this process talks to (PREFECT_API_URL from the environment or profile)."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


def check_server(url: str | None = None, timeout_s: float = 5.0) -> str:
    """Return the API URL if a server answers its health check; raise ServerUnavailable otherwise."""
    import httpx

    url = url or api_url()
    start_hint = (
        "start one with `prefect server start` in another terminal, then "
        "`prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api`"
    )
    if not url:
        raise ServerUnavailable(f"schedules need a Prefect server and PREFECT_API_URL is not set: {start_hint}")
    try:
        response = httpx.get(url.rstrip("/") + "/health", timeout=timeout_s)
    except httpx.HTTPError as exc:
        raise ServerUnavailable(f"no Prefect server answers at {url} ({type(exc).__name__}): {start_hint}") from exc
    if response.status_code != 200:
        raise ServerUnavailable(f"the Prefect server at {url} is not healthy (HTTP {response.status_code}): check its log")
    return url


def scheduler_warning() -> str | None:
    """A known break: Prefect 3.8's server scheduler cannot insert scheduled runs under SQLAlchemy 2.1.

    The server then logs "Can't evaluate bulk DML statement" every loop and no scheduled run
    ever appears, while runs created by hand still work. Say so instead of waiting silently.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("sqlalchemy")
    except PackageNotFoundError:
        return None
    major_minor = tuple(int(x) for x in re.findall(r"\d+", installed)[:2])
    if major_minor >= (2, 1):
        return (
            f"SQLAlchemy {installed} is installed: a Prefect 3.8 server run from this environment cannot create "
            "scheduled runs (its log shows \"Can't evaluate bulk DML statement\"); install sqlalchemy<2.1 for the "
            "server. Runs triggered with `prefect deployment run` work either way."
        )
    return None


def flow_parameters(settings: Settings) -> dict[str, str]:
    """Absolute paths, so a run started by the server does not depend on its working directory."""
    return {
        "corpus_dir": str(settings.corpus_dir.expanduser().resolve()),
        "warehouse_path": str(settings.warehouse_path.expanduser().resolve()),
    }


def serve(
    settings: Settings,
    *,
    cron: str | None = None,
    interval_s: float | None = None,
    name: str = SERVE_NAME,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the ingest flow on a schedule until interrupted (blocks).

    One run at a time: the runner's own limit and a deployment concurrency limit of 1 (so a
    second `dateline serve` of the same deployment cannot overlap either); the upsert task is
    also tagged for a tag-based limit across deployments.
    """
    from prefect.types.entrypoint import EntrypointType

    from flows.ingest_flow import ingest_flow

    url = check_server()
    if cron and interval_s:
        raise ValueError("give either a cron schedule or an interval, not both")
    if not settings.corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {settings.corpus_dir} does not exist: create it or pass --corpus DIR")
    schedule: dict[str, Any] = {"interval": interval_s} if interval_s else {"cron": cron or DEFAULT_CRON}
    if on_ready and (warning := scheduler_warning()):
        on_ready(f"[yellow]note:[/] {warning}")
    if on_ready:
        what = f"every {interval_s:g} s" if interval_s else f"cron '{cron or DEFAULT_CRON}'"
        on_ready(
            f"Serving {FLOW_NAME}/{name} ({what}) against {url}. Trigger a run now with "
            f"`prefect deployment run '{FLOW_NAME}/{name}'`; stop with Ctrl-C."
        )
    runner = _runner(name=name, limit=1)
    runner.add_flow(
        ingest_flow,
        name=name,
        parameters=flow_parameters(settings),
        concurrency_limit=1,
        tags=["dateline"],
        description="Ingest the corpus folder into the Dateline warehouse.",
        entrypoint_type=EntrypointType.MODULE_PATH,
        **schedule,
    )
    try:
        asyncio.run(runner.start())
    except asyncio.CancelledError:
        if not runner.terminated:
            raise
        raise Terminated("SIGTERM") from None


class Terminated(KeyboardInterrupt):
    """Serving was stopped by SIGTERM (`kill PID`, a supervisor), the way Ctrl-C stops it."""


def _runner(**kwargs: Any) -> Any:
    """Prefect's Runner (what `flow.serve` uses), stopped by SIGTERM as by Ctrl-C.

    Its own SIGTERM handler (Prefect 3.8) calls the async `stop()` from the event loop's
    thread, which only makes a coroutine that is never awaited, then `sys.exit(0)`: a flow run
    in progress goes on, and `kill PID` hangs until it ends, its run lock held. Here SIGTERM
    goes on to the flow-run processes (each unwinds its run: staging removed, run lock
    released, the run marked crashed) and cancels the runner's main task, as asyncio does on
    Ctrl-C; `serve` then raises `Terminated`."""
    from prefect.runner import Runner

    class InterruptibleRunner(Runner):
        terminated = False
        main_task: asyncio.Task[Any] | None = None

        async def start(self, run_once: bool = False, webserver: bool | None = None) -> None:
            self.main_task = asyncio.current_task()
            await super().start(run_once=run_once, webserver=webserver)

        def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
            self.terminated = True
            for child in multiprocessing.active_children():  # the flow runs (spawned processes)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child.pid, signal.SIGTERM)  # type: ignore[arg-type]
            task = self.main_task
            if task is None or task.done():
                raise Terminated("SIGTERM")
            task.cancel()
            task.get_loop().call_soon_threadsafe(lambda: None)  # wake the loop (asyncio's Ctrl-C does the same)

    return InterruptibleRunner(**kwargs)


# ---------------------------------------------------------------------------------------
# Watching the corpus
# ---------------------------------------------------------------------------------------

_TEMP_NAME = re.compile(
    r"""(^\.|^~\$|^\#.*\#$|~$|\.(?:swp|swo|swx|tmp|temp|part|partial|crdownload|download|lock|bak)$
        |^4913$|^\.?sb-[0-9a-f]+-|^Thumbs\.db$|^desktop\.ini$)""",
    re.IGNORECASE | re.VERBOSE,
)


class CorpusFilter(DefaultFilter):
    """Changes worth a run: no hidden paths, editor swap/backup files or partial downloads.

    `ignore_paths` keeps the warehouse (and its report) out when they live inside the corpus.
    """

    def __init__(self, root: Path, ignore_paths: Iterable[Path] = ()) -> None:
        self.root = Path(root).resolve()
        super().__init__(ignore_paths=[str(Path(p).resolve()) for p in ignore_paths])

    def __call__(self, change: Change, path: str) -> bool:
        p = Path(path)
        try:
            parts = p.resolve().relative_to(self.root).parts
        except ValueError:
            parts = (p.name,)
        if any(part.startswith(".") for part in parts):
            return False
        if _TEMP_NAME.search(p.name):
            return False
        return bool(super().__call__(change, path))


def ignored(path: Path | str, root: Path) -> bool:
    """True when a change to `path` would not trigger a run (for tests and `--dry-run`-style checks)."""
    return not CorpusFilter(root)(Change.modified, str(path))


@dataclass
class WatchStats:
    runs: int = 0
    failures: int = 0
    changes: list[set[str]] = field(default_factory=list)


def watch_corpus(
    corpus_dir: Path,
    run: Callable[[set[str]], Any],
    *,
    quiet_s: float = 2.0,
    run_at_start: bool = True,
    stop_event: threading.Event | None = None,
    ignore_paths: Iterable[Path] = (),
    on_change: Callable[[set[str]], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    tick_s: float = 0.25,
    max_runs: int | None = None,
) -> WatchStats:
    """Call `run(changed_paths)` once files under `corpus_dir` have been quiet for `quiet_s` seconds.

    Changes that arrive while a run is in progress are collected and give one more run after
    it. A failing run is reported through `on_error` and watching goes on (the next change
    retries); KeyboardInterrupt and `stop_event` end the watch.
    """
    stats = WatchStats()
    root = Path(corpus_dir).resolve()
    watch_filter = CorpusFilter(root, ignore_paths)

    def do_run(changed: set[str]) -> None:
        stats.runs += 1
        stats.changes.append(changed)
        try:
            run(changed)
        except Exception as exc:  # a watcher must survive a bad run
            stats.failures += 1
            if on_error is None:
                raise
            on_error(exc)

    if run_at_start:
        do_run(set())
    pending: set[str] = set()
    last_change = 0.0
    for changes in watch(
        root,
        watch_filter=watch_filter,
        debounce=int(max(quiet_s, tick_s) * 1000),
        step=50,
        rust_timeout=int(tick_s * 1000),
        yield_on_timeout=True,
        stop_event=stop_event,
        raise_interrupt=False,
    ):
        now = time.monotonic()
        if changes:
            paths = {p for _, p in changes}
            pending |= paths
            last_change = now
            if on_change:
                on_change(paths)
            continue
        if pending and now - last_change >= quiet_s:
            changed, pending = pending, set()
            do_run(changed)
            if max_runs is not None and stats.runs >= max_runs:
                break
    return stats
