"""A run killed with SIGKILL in the middle of its upsert leaves the warehouse consistent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

TABLES = ("articles", "article_paths", "time_expressions", "event_mentions", "events", "actors", "runs")


def counts(wh: Path) -> dict[str, int]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
    finally:
        con.close()


def dateline(corpus: Path, wh: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--no-prefect", "--corpus", str(corpus), "--warehouse", str(wh)],
        env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def test_sigkill_mid_upsert_then_rerun_matches_an_uninterrupted_run(sample_corpus: Path, tmp_path: Path) -> None:
    files = sorted(sample_corpus.glob("*.txt"))
    second_half = tmp_path / "later"
    second_half.mkdir()
    for f in files[3:]:
        f.rename(second_half / f.name)

    # Reference: an uninterrupted pair of runs (3 articles, then all 5).
    ref = tmp_path / "ref.duckdb"
    assert dateline(sample_corpus, ref).wait(timeout=600) == 0
    for f in second_half.iterdir():
        (sample_corpus / f.name).write_bytes(f.read_bytes())
    assert dateline(sample_corpus, ref).wait(timeout=600) == 0
    expected = counts(ref)

    # Same again, but the second run is killed inside its merge transaction.
    for f in second_half.iterdir():
        (sample_corpus / f.name).unlink()
    wh = tmp_path / "w.duckdb"
    assert dateline(sample_corpus, wh).wait(timeout=600) == 0
    before_crash = counts(wh)
    for f in second_half.iterdir():
        (sample_corpus / f.name).write_bytes(f.read_bytes())
    marker = tmp_path / "paused"
    proc = dateline(sample_corpus, wh, {"DATELINE_PAUSE_AT": "merge", "DATELINE_PAUSE_MARKER": str(marker)})
    deadline = time.monotonic() + 600
    while not marker.exists():
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        assert time.monotonic() < deadline
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    assert counts(wh) == before_crash  # the killed transaction left nothing behind
    assert dateline(sample_corpus, wh).wait(timeout=600) == 0
    after = counts(wh)
    assert after == expected
