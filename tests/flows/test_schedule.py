"""Scheduling: corpus watching (debounce, ignored files) and the real-server paths a scheduled run takes.

The slow tests start `prefect server start` on loopback, then (1) `dateline serve` and
(2) `prefect deploy --all` from prefect.yaml with a process worker, trigger runs through the
API as the scheduler would, wait for them and read the warehouse.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import signal
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows import schedule
from tests.flows.conftest import REPO, SEEDS, PrefectServer, copy_seeds, dateline, start, stop, tail

# ---------------------------------------------------------------------------------------
# Watching
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ignored"),
    [
        ("article.txt", False),
        ("sub/dir/report.md", False),
        ("feed.jsonl", False),
        (".hidden.txt", True),
        (".git/index", True),
        ("drafts/.article.txt.swp", True),
        ("article.txt~", True),
        ("#article.txt#", True),
        ("download.html.crdownload", True),
        ("big.jsonl.part", True),
        ("~$report.docx", True),
        ("4913", True),  # vim's write-permission probe
    ],
)
def test_corpus_filter_ignores_hidden_and_temporary_files(tmp_path: Path, name: str, ignored: bool) -> None:
    assert schedule.ignored(tmp_path / name, tmp_path) is ignored


class Recorder:
    """A run callback that records when it was called and with what."""

    def __init__(self, fail_first: bool = False) -> None:
        self.calls: list[tuple[float, set[str]]] = []
        self.fail_first = fail_first
        self.ran = threading.Event()

    def __call__(self, changed: set[str]) -> None:
        self.calls.append((time.monotonic(), changed))
        self.ran.set()
        if self.fail_first and len(self.calls) == 1:
            raise RuntimeError("warehouse locked by a SQL tool")


def _watch_in_thread(corpus: Path, rec: Recorder, stop_event: threading.Event, **kw: Any) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def target() -> None:
        out["stats"] = schedule.watch_corpus(corpus, rec, stop_event=stop_event, run_at_start=False, tick_s=0.1, **kw)

    t = threading.Thread(target=target, daemon=True)
    t.start()
    time.sleep(0.5)  # let the watcher subscribe before the first write
    return t, out


def test_watch_runs_once_after_a_burst_of_writes_stops(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rec, stop_event = Recorder(), threading.Event()
    t, out = _watch_in_thread(corpus, rec, stop_event, quiet_s=1.0)
    try:
        for i, src in enumerate(SEEDS[:3]):  # a copy of three files, 0.3 s apart
            text = src.read_text(encoding="utf-8")
            target = corpus / src.name
            target.write_text(text[: len(text) // 2], encoding="utf-8")
            time.sleep(0.15)
            target.write_text(text, encoding="utf-8")  # written in two steps, like a slow copy
            if i < 2:
                time.sleep(0.3)
        last_write = time.monotonic()
        assert rec.ran.wait(10), "no run after the writes stopped"
        time.sleep(1.5)  # nothing else may follow
    finally:
        stop_event.set()
        t.join(10)
    assert len(rec.calls) == 1, rec.calls
    at, changed = rec.calls[0]
    assert at - last_write >= 0.9  # waited for the quiet period after the last write
    assert {Path(p).name for p in changed} == {s.name for s in SEEDS[:3]}
    assert out["stats"].runs == 1


def test_watch_ignores_hidden_and_temporary_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / ".git").mkdir(parents=True)
    rec, stop_event = Recorder(), threading.Event()
    t, _ = _watch_in_thread(corpus, rec, stop_event, quiet_s=0.5)
    try:
        (corpus / ".draft.txt").write_text("x", encoding="utf-8")
        (corpus / "article.txt.swp").write_text("x", encoding="utf-8")
        (corpus / "feed.jsonl.part").write_text("x", encoding="utf-8")
        (corpus / ".git" / "HEAD").write_text("ref", encoding="utf-8")
        time.sleep(2.0)
        assert rec.calls == []
        (corpus / "article.txt").write_text("Kyiv imposed sanctions on Belarus.", encoding="utf-8")
        assert rec.ran.wait(10)
    finally:
        stop_event.set()
        t.join(10)
    assert [{Path(p).name for p in c} for _, c in rec.calls] == [{"article.txt"}]


def test_watch_survives_a_failed_run_and_retries_on_the_next_change(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rec, stop_event = Recorder(fail_first=True), threading.Event()
    errors: list[BaseException] = []
    t, out = _watch_in_thread(corpus, rec, stop_event, quiet_s=0.4, on_error=errors.append)
    try:
        (corpus / "a.txt").write_text("one", encoding="utf-8")
        assert rec.ran.wait(10)
        rec.ran.clear()
        (corpus / "b.txt").write_text("two", encoding="utf-8")
        assert rec.ran.wait(10), "the watcher stopped after a failed run"
    finally:
        stop_event.set()
        t.join(10)
    assert len(rec.calls) == 2 and out["stats"].failures == 1
    assert [str(e) for e in errors] == ["warehouse locked by a SQL tool"]


def test_serve_refuses_without_a_prefect_server_and_says_how_to_start_one() -> None:
    with pytest.raises(schedule.ServerUnavailable, match="prefect server start"):
        schedule.check_server("http://127.0.0.1:9/api", timeout_s=2)


# ---------------------------------------------------------------------------------------
# A real Prefect server
# ---------------------------------------------------------------------------------------


def _client_settings(server: PrefectServer) -> Any:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    return temporary_settings(updates={PREFECT_API_URL: server.url})


def _read_deployment(server: PrefectServer, name: str, timeout: float = 90) -> Any:
    """Wait until the deployment exists on the server, then return it."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    async def read() -> Any:
        async with get_client() as client:
            return await client.read_deployment_by_name(name)

    deadline = time.monotonic() + timeout
    with _client_settings(server):
        while True:
            try:
                return asyncio.run(read())
            except ObjectNotFound:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)


def _run_deployment(server: PrefectServer, name: str, parameters: dict[str, Any] | None = None) -> Any:
    """Create a flow run through the API (what the scheduler does) and wait for it to finish."""
    from prefect.deployments import run_deployment

    with _client_settings(server):
        return run_deployment(name, parameters=parameters, timeout=600, poll_interval=2)


def _task_tags(server: PrefectServer, flow_run_id: Any) -> dict[str, set[str]]:
    """Tags of the task runs of one flow run, by task name."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    async def read() -> Any:
        async with get_client() as client:
            return await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))

    with _client_settings(server):
        runs = asyncio.run(read())
    return {r.name.rsplit("-", 1)[0]: set(r.tags) for r in runs}


def _articles(wh: Path) -> list[str]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT source_path FROM articles ORDER BY source_path").fetchall()]
    finally:
        con.close()


@pytest.mark.slow
def test_dateline_serve_runs_triggered_runs_and_picks_up_a_new_article(prefect_server: PrefectServer, tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0, 1])
    wh = tmp_path / "warehouse" / "dateline.duckdb"
    log = tmp_path / "serve.log"
    proc = start(
        [sys.executable, "-m", "flows.cli", "serve", "--corpus", corpus, "--warehouse", wh,
         "--interval", "3600", "--name", "test-serve"],
        prefect_server.env, log, cwd=tmp_path,
    )
    try:
        dep = _read_deployment(prefect_server, "dateline-ingest/test-serve")
        assert dep.parameters == {"corpus_dir": str(corpus.resolve()), "warehouse_path": str(wh.resolve())}
        assert [s.schedule.interval.total_seconds() for s in dep.schedules] == [3600.0]
        assert dep.global_concurrency_limit is not None and dep.global_concurrency_limit.limit == 1

        first = _run_deployment(prefect_server, "dateline-ingest/test-serve")
        assert first.state is not None and first.state.is_completed(), f"{first.state}\n{tail(log)}"
        assert _articles(wh) == sorted(s.name for s in SEEDS[:2])
        # the serving terminal shows one line per run
        line = re.compile(r"dateline run \S+: 2 new, 0 changed, 0 gone, 0 rejected, \d+ events")
        deadline = time.monotonic() + 20
        while not line.search(log.read_text(errors="replace")) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert line.search(log.read_text(errors="replace")), tail(log)

        # An analyst drops a new article into the corpus: status shows it waiting, the next run takes it.
        new = SEEDS[4]
        shutil.copy2(new, corpus / new.name)
        waiting = dateline("status", "--corpus", corpus, "--warehouse", wh, env=prefect_server.env)
        assert waiting.returncode == 0, waiting.stderr
        assert "1 file(s)" in waiting.stdout and new.name in waiting.stdout

        second = _run_deployment(prefect_server, "dateline-ingest/test-serve")
        assert second.state is not None and second.state.is_completed(), f"{second.state}\n{tail(log)}"
        assert new.name in _articles(wh)
        after = dateline("status", "--corpus", corpus, "--warehouse", wh, "--limit", "10", env=prefect_server.env)
        assert after.returncode == 0, after.stderr
        assert "everything is in the warehouse" in after.stdout
        assert new.name[:12] in after.stdout.split("Latest articles")[1]
    finally:
        code = stop(proc, signal.SIGINT)
    assert code == 0, tail(log)  # Ctrl-C is the normal way to stop serving


@pytest.mark.slow
def test_sigterm_stops_dateline_serve_and_the_run_in_progress_like_ctrl_c(prefect_server: PrefectServer, tmp_path: Path) -> None:
    """`kill PID` on `dateline serve` while a triggered run holds the run lock (held after
    staging its rows). Prefect's own SIGTERM handler left the run going: the process hung
    until the run ended, lock held, and then exited 0 with tracebacks. Now the run unwinds
    (staging removed, lock free, nothing merged) and serve exits 130, as a terminated `run` does."""
    import fcntl

    from flows import cli
    from pipeline import runlock

    corpus = copy_seeds(tmp_path / "corpus", [0])
    wh = tmp_path / "warehouse" / "dateline.duckdb"
    marker = tmp_path / "staged"
    env = prefect_server.env | {"DATELINE_N_PROCESS": "1", "DATELINE_BUILD_DATA_DOCS": "0", "DATELINE_PAUSE_AT": "staged",
                                "DATELINE_PAUSE_MARKER": str(marker)}
    log = tmp_path / "serve.log"
    proc = start([sys.executable, "-m", "flows.cli", "serve", "--corpus", corpus, "--warehouse", wh,
                  "--interval", "3600", "--name", "test-sigterm"], env, log, cwd=tmp_path)
    try:
        _read_deployment(prefect_server, "dateline-ingest/test-sigterm")
        from prefect.deployments import run_deployment

        with _client_settings(prefect_server):
            run_deployment("dateline-ingest/test-sigterm", timeout=0)  # created; the served runner picks it up
        deadline = time.monotonic() + 300
        while not marker.exists():
            assert proc.poll() is None and time.monotonic() < deadline, tail(log)
            time.sleep(0.5)
        assert list((wh.parent / ".staging").glob("*.duckdb")), "the run has staged its rows"
        proc.send_signal(signal.SIGTERM)  # the main process only, as `kill PID` does
        code = proc.wait(90)
    finally:
        stop(proc)
    assert code == cli.EXIT_INTERRUPTED, tail(log)
    assert "terminated: serving stopped" in log.read_text(), tail(log)
    assert not list((wh.parent / ".staging").glob("*.duckdb")), "the run's staging was left behind"
    with runlock.lock_path(wh).open("a") as handle:  # no flow-run process holds the run lock any more
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert _articles(wh) == [], "the interrupted run merged nothing"


@pytest.mark.slow
def test_prefect_yaml_deploys_and_a_process_worker_runs_it(prefect_server: PrefectServer, tmp_path: Path) -> None:
    env = prefect_server.env
    prefect = [sys.executable, "-m", "prefect"]
    import subprocess

    def cli(*args: str, cwd: Path = REPO) -> str:
        done = subprocess.run([*prefect, *args], env=env, cwd=str(cwd), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    cli("work-pool", "create", "dateline", "--type", "process")
    cli("concurrency-limit", "create", "dateline-warehouse-writer", "1")
    cli("--no-prompt", "deploy", "--all")  # from the repository root, as docs/scheduling.md says

    dep = _read_deployment(prefect_server, "dateline-ingest/hourly")
    assert [s.schedule.cron for s in dep.schedules] == ["0 * * * *"]
    assert dep.parameters == {"corpus_dir": "corpus", "warehouse_path": "warehouse/dateline.duckdb"}
    assert dep.work_pool_name == "dateline"
    assert dep.global_concurrency_limit is not None and dep.global_concurrency_limit.limit == 1
    assert dep.pull_steps == [{"prefect.deployments.steps.set_working_directory": {"directory": str(REPO)}}]

    corpus = copy_seeds(tmp_path / "corpus", [1])
    wh = tmp_path / "warehouse" / "dateline.duckdb"
    log = tmp_path / "worker.log"
    # the upsert task is tagged for the tag limit created above: the run must still get its slot
    worker_env = {**env, "DATELINE_WRITER_TAG": "dateline-warehouse-writer"}
    worker = start([*prefect, "worker", "start", "--pool", "dateline"], worker_env, log, cwd=tmp_path)
    try:
        run = _run_deployment(
            prefect_server, "dateline-ingest/hourly", {"corpus_dir": str(corpus), "warehouse_path": str(wh)}
        )
        assert run.state is not None and run.state.is_completed(), f"{run.state}\n{tail(log)}"
    finally:
        stop(worker)
    assert _articles(wh) == [SEEDS[1].name]
    assert "dateline-warehouse-writer" in _task_tags(prefect_server, run.id)["upsert"]
    assert not (REPO / "warehouse" / "dateline.duckdb.wal").exists()


SCHEDULER_BUG = "Can't evaluate bulk DML statement"
SQLALCHEMY_21 = tuple(int(x) for x in version("sqlalchemy").split(".")[:2]) >= (2, 1)


@pytest.mark.slow
@pytest.mark.xfail(
    SQLALCHEMY_21, strict=True,
    reason="Prefect 3.8.8's scheduler service cannot insert scheduled runs with SQLAlchemy 2.1 "
    f"({SCHEDULER_BUG!r} in the server log); requirements need sqlalchemy<2.1",
)
def test_dateline_serve_schedule_fires_on_its_own(scheduling_server: PrefectServer, tmp_path: Path) -> None:
    """No manual trigger: the server's scheduler creates the run from the interval schedule."""
    corpus = copy_seeds(tmp_path / "corpus", [1])
    wh = tmp_path / "warehouse" / "dateline.duckdb"
    log = tmp_path / "serve.log"
    proc = start(
        [sys.executable, "-m", "flows.cli", "serve", "--corpus", corpus, "--warehouse", wh, "--interval", "10"],
        scheduling_server.env, log, cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 240
        while not (wh.exists() and _runs_succeeded(wh)):
            assert proc.poll() is None, tail(log)
            assert SCHEDULER_BUG not in scheduling_server.log.read_text(errors="replace"), tail(scheduling_server.log)
            assert time.monotonic() < deadline, f"no scheduled run finished within 240 s:\n{tail(log)}"
            time.sleep(1)
    finally:
        code = stop(proc, signal.SIGINT)
    assert _articles(wh) == [SEEDS[1].name]
    assert code == 0, tail(log)


def _runs_succeeded(wh: Path) -> int:
    try:
        con = duckdb.connect(str(wh), read_only=True)
    except duckdb.Error:
        return 0  # a run is writing right now
    try:
        return int(con.execute("SELECT count(*) FROM runs WHERE status = 'succeeded'").fetchone()[0])  # type: ignore[index]
    except duckdb.Error:
        return 0
    finally:
        con.close()
