"""`dateline run` refuses what it must not read or change, keeps to one run per warehouse, and
stops cleanly (Prefect's temporary server included) when it is terminated."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest
from typer.testing import CliRunner

from flows import cli
from tests.flows.conftest import copy_seeds, dateline, start, stop, tail

runner = CliRunner()


def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), stderr
    return lines[0]


@pytest.mark.parametrize(
    ("case", "hint"),
    [("root", "filesystem root"), ("home", "home folder"), ("warehouse inside", "inside the corpus folder")],
)
def test_run_refuses_root_home_and_a_warehouse_inside_the_corpus(
    case: str, hint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0])
    wh = tmp_path / "w" / "dateline.duckdb"
    if case == "root":
        corpus = Path("/")
    elif case == "home":
        monkeypatch.setenv("HOME", str(corpus))
    else:
        wh = corpus / "warehouse" / "dateline.duckdb"
    result = runner.invoke(cli.app, ["run", "--no-prefect", "--corpus", str(corpus), "--warehouse", str(wh)])
    assert result.exit_code == cli.EXIT_USAGE, result.output
    assert hint in _one_error_line(result.stderr)
    assert not wh.parent.exists()


def test_run_refuses_a_duckdb_file_of_another_application(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_N_PROCESS", "1")
    corpus = copy_seeds(tmp_path / "corpus", [0])
    other = tmp_path / "inventory.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE parts AS SELECT range AS id, 'bolt' AS name FROM range(3)")
    con.close()
    digest = hashlib.sha256(other.read_bytes()).hexdigest()
    result = runner.invoke(cli.app, ["run", "--no-prefect", "--corpus", str(corpus), "--warehouse", str(other)])
    assert result.exit_code == cli.EXIT_USAGE, result.output
    assert "another application" in _one_error_line(result.stderr)
    assert hashlib.sha256(other.read_bytes()).hexdigest() == digest


@pytest.mark.slow
def test_run_refuses_to_mark_most_articles_gone_without_allow_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_N_PROCESS", "1")
    corpus = copy_seeds(tmp_path / "corpus", [0])
    wh = tmp_path / "w" / "dateline.duckdb"
    first = runner.invoke(cli.app, ["run", "--no-prefect", "--corpus", str(corpus), "--warehouse", str(wh)])
    assert first.exit_code == 0, first.output
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = runner.invoke(cli.app, ["run", "--corpus", str(empty), "--warehouse", str(wh)])  # the Prefect flow
    assert refused.exit_code == cli.EXIT_USAGE, refused.output
    errors = [line for line in refused.stderr.splitlines() if line.startswith("error:")]  # Prefect logs the task failure too
    assert len(errors) == 1 and "--allow-gone" in errors[0], refused.stderr
    allowed = runner.invoke(cli.app, ["run", "--corpus", str(empty), "--warehouse", str(wh), "--allow-gone"])
    assert allowed.exit_code == 0, allowed.output
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT status, count(*) FROM articles GROUP BY ALL").fetchall() == [("gone", 1)]
    con.close()


def _wait_for(path: Path, proc: subprocess.Popen[bytes], log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, tail(log)
        assert time.monotonic() < deadline, tail(log)
        time.sleep(0.2)


@pytest.mark.slow
def test_a_second_run_waits_for_the_first_or_exits_3_naming_it(tmp_path: Path) -> None:
    """Two real processes on one warehouse. The first is held after staging its rows (before
    its merge); a second run with a short lock_timeout_s exits 3 naming the first and leaves
    its staging alone; one with a long wait runs after it, and both runs land."""
    corpus = copy_seeds(tmp_path / "corpus", [0])
    wh = tmp_path / "w" / "dateline.duckdb"
    base = os.environ | {"DATELINE_N_PROCESS": "1"}
    marker = tmp_path / "staged"
    held = base | {"DATELINE_PAUSE_AT": "staged", "DATELINE_PAUSE_MARKER": str(marker), "DATELINE_PAUSE_SECONDS": "20"}
    args = [sys.executable, "-m", "flows.cli", "run", "--no-prefect", "--corpus", corpus, "--warehouse", wh]
    log = tmp_path / "first.log"
    first = start(args, held, log)
    try:
        _wait_for(marker, first, log)
        staging = list((wh.parent / ".staging").glob("*.duckdb"))
        assert staging, "the first run has staged its rows"

        impatient = dateline("run", "--no-prefect", "--corpus", corpus, "--warehouse", wh,
                             env=base | {"DATELINE_LOCK_TIMEOUT_S": "1"}, timeout=300)
        assert impatient.returncode == cli.EXIT_LOCKED, impatient.stdout + impatient.stderr
        waiting, *rest = impatient.stderr.splitlines()  # it says at once what it waits for
        assert waiting.startswith("waiting:") and f"pid {first.pid}" in waiting, impatient.stderr
        line = _one_error_line("\n".join(rest))
        assert "another Dateline run" in line and f"pid {first.pid}" in line
        assert all(p.exists() for p in staging), "the second run removed the first run's staging"

        patient = dateline("run", "--no-prefect", "--corpus", corpus, "--warehouse", wh,
                           env=base | {"DATELINE_LOCK_TIMEOUT_S": "300"}, timeout=400)
        assert patient.returncode == 0, patient.stdout + patient.stderr
        assert first.wait(120) == 0, tail(log)
    finally:
        stop(first)
    assert "Nothing new" in patient.stdout  # it read the warehouse after the first run's merge
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT status FROM runs").fetchall() == [("succeeded",), ("succeeded",)]
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
    con.close()


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_run_and_prefects_temporary_server(sig: signal.Signals, tmp_path: Path) -> None:
    """`kill PID` (or SIGINT to the main process alone) on a `dateline run` (Prefect, no
    PREFECT_API_URL): the run exits as interrupted and the temporary Prefect server it
    started does not outlive it."""
    psutil = pytest.importorskip("psutil")
    corpus = copy_seeds(tmp_path / "corpus", [0, 1])
    wh = tmp_path / "w" / "dateline.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"DATELINE_N_PROCESS": "1"}
    log = tmp_path / "run.log"
    proc = start([sys.executable, "-m", "flows.cli", "run", "--corpus", corpus, "--warehouse", wh], env, log)
    server = None
    try:
        server, port = _temporary_server(psutil, proc, log)
        deadline = time.monotonic() + 120
        while True:  # up: it answers
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline and proc.poll() is None, tail(log)
            time.sleep(0.2)
        os.kill(proc.pid, sig)  # the main process only, as `kill PID` does
        code = proc.wait(60)
        _, alive = psutil.wait_procs([server], timeout=15)
        assert not alive, f"the temporary Prefect server (pid {server.pid}) outlived the run"
        assert code == cli.EXIT_INTERRUPTED and "interrupted" in log.read_text(), tail(log)
    finally:
        stop(proc)
        if server is not None and server.is_running():
            server.kill()


@pytest.mark.slow
def test_sigterm_stops_watch_and_its_run_like_ctrl_c(tmp_path: Path) -> None:
    """`kill PID` on `dateline watch` while its run holds the run lock (held after staging its
    rows): it died on the spot (exit -15), its staging left behind and, with Prefect, its
    temporary server orphaned. Now the run unwinds as on Ctrl-C and watch exits 130, as a
    terminated `run` does; the next run lands the article."""
    corpus = copy_seeds(tmp_path / "corpus", [0])
    wh = tmp_path / "w" / "dateline.duckdb"
    marker = tmp_path / "staged"
    base = os.environ | {"DATELINE_N_PROCESS": "1", "DATELINE_BUILD_DATA_DOCS": "0"}
    held = base | {"DATELINE_PAUSE_AT": "staged", "DATELINE_PAUSE_MARKER": str(marker)}
    log = tmp_path / "watch.log"
    proc = start([sys.executable, "-m", "flows.cli", "watch", "--no-prefect", "--corpus", corpus, "--warehouse", wh], held, log)
    try:
        _wait_for(marker, proc, log)
        assert list((wh.parent / ".staging").glob("*.duckdb")), "the run has staged its rows"
        os.kill(proc.pid, signal.SIGTERM)  # the main process only, as `kill PID` does
        code = proc.wait(60)
    finally:
        stop(proc)
    assert code == cli.EXIT_INTERRUPTED, tail(log)
    assert "terminated: watching stopped" in log.read_text(), tail(log)
    assert not list((wh.parent / ".staging").glob("*.duckdb")), "the run's staging was left behind"
    again = dateline("run", "--no-prefect", "--corpus", corpus, "--warehouse", wh, env=base | {"DATELINE_LOCK_TIMEOUT_S": "1"})
    assert again.returncode == 0, again.stdout + again.stderr
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
    con.close()


@pytest.mark.slow
def test_sigterm_stops_an_idle_watch_with_exit_130(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0])
    log = tmp_path / "watch.log"
    proc = start([sys.executable, "-m", "flows.cli", "watch", "--no-prefect", "--no-initial", "--corpus", corpus,
                  "--warehouse", tmp_path / "w" / "dateline.duckdb"], dict(os.environ), log)
    try:
        deadline = time.monotonic() + 120
        while "Watching" not in log.read_text(errors="replace"):
            assert proc.poll() is None and time.monotonic() < deadline, tail(log)
            time.sleep(0.2)
        time.sleep(1)  # inside the watch loop
        os.kill(proc.pid, signal.SIGTERM)
        code = proc.wait(30)
    finally:
        stop(proc)
    assert code == cli.EXIT_INTERRUPTED and "terminated: watching stopped" in log.read_text(), tail(log)


def _temporary_server(psutil: object, proc: subprocess.Popen[bytes], log: Path) -> tuple[object, int]:
    """The uvicorn child a flow call starts as Prefect's temporary server, and its port."""
    main = psutil.Process(proc.pid)  # type: ignore[attr-defined]
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert proc.poll() is None, tail(log)
        for child in main.children(recursive=True):
            with contextlib.suppress(psutil.Error):  # type: ignore[attr-defined]
                cmd = child.cmdline()
                if "uvicorn" in cmd and "prefect.server.api.server:create_app" in cmd:
                    return child, int(cmd[cmd.index("--port") + 1])
        time.sleep(0.2)
    raise AssertionError("no temporary Prefect server started:\n" + tail(log))
