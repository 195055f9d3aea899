"""Fixtures for the scheduling and CLI tests: a real Prefect server on loopback, seed corpora, subprocesses."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "corpus").glob("*.txt"))


def copy_seeds(dst: Path, names: Sequence[int]) -> Path:
    """A corpus folder holding the given seed articles (by index into corpus/)."""
    dst.mkdir(parents=True, exist_ok=True)
    for i in names:
        shutil.copy2(SEEDS[i], dst / SEEDS[i].name)
        (dst / SEEDS[i].name).chmod(0o644)
    return dst


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """Two seed articles: enough for real events, quick to extract."""
    return copy_seeds(tmp_path / "corpus", [0, 1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(args: Sequence[str | Path], env: dict[str, str], log: Path, cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """Start a process in its own process group, output to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    out = log.open("ab")
    return subprocess.Popen(
        [str(a) for a in args], env=env, cwd=str(cwd or REPO), stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        # a shell without job control starts background jobs with SIGINT ignored, and children
        # inherit that: give the process a real Ctrl-C, as a terminal would
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, timeout: float = 30) -> int | None:
    """Stop a process we started (and its children, which share its process group)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
    return proc.returncode


def tail(path: Path, n: int = 60) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-n:]) if path.exists() else "(no log)"


@dataclass
class PrefectServer:
    url: str  # the API URL, ending in /api
    home: Path
    log: Path
    env: dict[str, str]  # what a client process needs to talk to this server


@contextlib.contextmanager
def launch_server(home: Path, scheduler: bool) -> Iterator[PrefectServer]:
    """`prefect server start` on 127.0.0.1 (free port) with its own PREFECT_HOME; stopped on exit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    base = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env = base | {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "GX_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
    }
    log = home / "server.log"
    proc = start(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
         "--no-ui", "--analytics-off", "--scheduler" if scheduler else "--no-scheduler"],
        env, log,
    )
    deadline = time.monotonic() + 150
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"prefect server exited with {proc.returncode}:\n{tail(log)}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"prefect server did not answer /api/health within 150 s:\n{tail(log)}")
            time.sleep(0.5)
        client_env = env | {
            "PREFECT_API_URL": url,
            "PREFECT_RUNNER_POLL_FREQUENCY": "2",
            "PREFECT_WORKER_QUERY_SECONDS": "2",
        }
        yield PrefectServer(url=url, home=home, log=log, env=client_env)
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    """A real Prefect server without its scheduler service.

    The tests create runs through the API, which is what the scheduler does; with the
    scheduler off, the hourly schedule of prefect.yaml cannot fire a run at the repository's
    own corpus and warehouse when a test happens to span the hour.
    """
    with launch_server(tmp_path_factory.mktemp("prefect-server-home"), scheduler=False) as server:
        yield server


@pytest.fixture
def scheduling_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    """A real Prefect server whose scheduler creates runs from schedules (checked every 2 s)."""
    with launch_server(tmp_path_factory.mktemp("prefect-scheduler-home"), scheduler=True) as server:
        yield server


def dateline(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 600, cwd: Path | None = None,
    input_text: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the `dateline` CLI as a user would (a separate process), capturing its output;
    `input_text` is its standard input."""
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *map(str, args)], input=input_text,
        env=env or dict(os.environ), cwd=str(cwd or REPO), capture_output=True, text=True, timeout=timeout,
    )
