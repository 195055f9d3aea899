"""User errors end in one line and an exit code, never a Prefect traceback; a run that must wait
for another says so at once, naming who it waits for. Every case is a real `dateline` process
in its default (Prefect) mode: the checks run before any flow starts."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows import cli
from pipeline import runlock
from tests.flows.conftest import REPO, copy_seeds, dateline
from tests.pipeline.test_report import fill_warehouse


def _one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), done.stderr
    return lines[0]


def test_a_warehouse_path_under_a_file_is_refused(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0])
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    done = dateline("run", "--corpus", corpus, "--warehouse", tmp_path / "notes.txt" / "dateline.duckdb", timeout=300)
    assert done.returncode == cli.EXIT_USAGE
    assert "is a file, not a folder" in _one_error_line(done)


def test_a_folder_as_warehouse_is_refused(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0])
    (tmp_path / "wh").mkdir()
    done = dateline("run", "--corpus", corpus, "--warehouse", tmp_path / "wh", timeout=300)
    assert done.returncode == cli.EXIT_USAGE and "is a folder" in _one_error_line(done)


def test_a_file_as_corpus_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("On 3 March 2026 Poland closed a border crossing with Belarus.\n", encoding="utf-8")
    done = dateline("run", "--corpus", article, "--warehouse", tmp_path / "w" / "dateline.duckdb", timeout=300)
    assert done.returncode == cli.EXIT_USAGE
    assert "is a file, not a folder" in _one_error_line(done)
    assert not (tmp_path / "w").exists()


@pytest.mark.parametrize("command", ["run", "status", "query"])
def test_a_damaged_warehouse_is_refused_and_left_untouched(tmp_path: Path, command: str) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0])
    damaged = tmp_path / "dateline.duckdb"
    damaged.write_bytes(b"PK\x03\x04 not a database " * 200)  # e.g. a zip saved under the name
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    args: list[str | Path] = {"run": ["run", "--corpus", corpus], "status": ["status"], "query": ["query", "SELECT 1"]}[command]
    done = dateline(*args, "--warehouse", damaged, timeout=300)
    assert done.returncode == cli.EXIT_USAGE
    assert "is not a DuckDB database" in _one_error_line(done)
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before


def test_a_run_waiting_for_another_says_so_at_once_and_names_the_holder(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0])
    warehouse = tmp_path / "w" / "dateline.duckdb"
    fill_warehouse(warehouse)
    env = os.environ | {"DATELINE_LOCK_TIMEOUT_S": "300", "PYTHONPATH": str(REPO)}
    with runlock.run_lock(warehouse, timeout_s=5):  # this test process is "the other run"
        proc = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "run", "--no-prefect", "--corpus", str(corpus), "--warehouse", str(warehouse)],
            cwd=str(REPO), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )
        try:
            started = time.monotonic()
            assert proc.stderr is not None
            first = proc.stderr.readline()  # blocks until the run prints (or exits)
            waited = time.monotonic() - started
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(60)
    assert first.startswith("waiting:"), first
    assert f"pid {os.getpid()}" in first and str(warehouse) in first
    assert waited < 120  # far less than the 300 s it would wait for the lock


def test_a_run_that_cannot_wait_longer_exits_3_naming_the_holder(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0])
    warehouse = tmp_path / "w" / "dateline.duckdb"
    fill_warehouse(warehouse)
    with runlock.run_lock(warehouse, timeout_s=5):
        done = dateline("run", "--no-prefect", "--corpus", corpus, "--warehouse", warehouse,
                        env=os.environ | {"DATELINE_LOCK_TIMEOUT_S": "1"}, timeout=300)
    assert done.returncode == cli.EXIT_LOCKED, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("waiting:") and lines[-1].startswith("error:") and len(lines) == 2, done.stderr
    assert f"pid {os.getpid()}" in lines[-1] and "Traceback" not in done.stderr
