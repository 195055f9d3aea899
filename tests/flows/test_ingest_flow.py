"""End to end: the Prefect flow over a real corpus into a real DuckDB file."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.ingest_flow import ingest_flow, run_with_runner
from pipeline.settings import load_settings
from pipeline.warehouse import WarehouseLocked

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def harness() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=120):
        yield


def table_counts(wh: Path) -> dict[str, int]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("articles", "time_expressions", "event_mentions", "events", "actors", "rejects")
        }
    finally:
        con.close()


def test_flow_builds_then_reruns_idempotently_then_replaces_an_edited_article(harness: None, sample_corpus: Path, tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    first = ingest_flow(corpus_dir=str(sample_corpus), warehouse_path=str(wh))
    assert first["articles_new"] == 5 and first["articles_rejected"] == 0
    assert first["events_extracted"] > 20
    before = table_counts(wh)
    assert before["articles"] == 5 and before["time_expressions"] > 20 and before["events"] > 10

    again = ingest_flow(corpus_dir=str(sample_corpus), warehouse_path=str(wh))
    assert again["articles_new"] == again["articles_changed"] == 0
    assert again["articles_unchanged"] == 5 and again["events_extracted"] == 0
    assert table_counts(wh) == before

    victim = sorted(sample_corpus.glob("*.txt"))[4]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("Kyiv additionally imposed sanctions on Belarus", "Kyiv imposed sanctions on Belarus"), encoding="utf-8")
    edited = ingest_flow(corpus_dir=str(sample_corpus), warehouse_path=str(wh))
    assert edited["articles_changed"] == 1 and edited["articles_unchanged"] == 4
    after = table_counts(wh)
    assert after["articles"] == 5
    assert abs(after["event_mentions"] - before["event_mentions"]) <= 3
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT count(*) FROM event_mentions WHERE sentence_text LIKE '%additionally imposed%'").fetchone()[0] == 0  # type: ignore[index]
    assert con.execute("SELECT count(*) FROM event_mentions WHERE sentence_text LIKE '%Kyiv imposed sanctions%'").fetchone()[0] >= 1  # type: ignore[index]
    con.close()


@contextlib.contextmanager
def reader_holding(wh: Path) -> Iterator[None]:
    """A SQL tool in another process holding the warehouse read-only (writers must wait)."""
    code = f"import duckdb,time; c=duckdb.connect({str(wh)!r}, read_only=True); print('open', flush=True); time.sleep(300)"
    reader = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
        yield
    finally:
        reader.kill()
        reader.wait()


def test_upsert_waits_for_a_lock_once_and_is_not_retried(
    harness: None, seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge waits lock_timeout_s for a reader, once: Prefect retries multiplied the wait
    (about 4 x lock_timeout_s + 85 s of back-off) for a failure they could not fix."""
    wh = tmp_path / "w.duckdb"
    later = sorted(seed_corpus.glob("*.txt"))[1]
    text = later.read_bytes()
    later.unlink()
    ingest_flow(corpus_dir=str(seed_corpus), warehouse_path=str(wh))
    later.write_bytes(text)
    monkeypatch.setenv("DATELINE_LOCK_TIMEOUT_S", "2")
    with reader_holding(wh):
        t0 = time.monotonic()
        with pytest.raises(WarehouseLocked, match="read-only"):
            ingest_flow(corpus_dir=str(seed_corpus), warehouse_path=str(wh))
        elapsed = time.monotonic() - t0
    assert elapsed < 60, f"the lock wait was retried: {elapsed:.0f} s"


def test_a_full_disk_at_commit_fails_at_once_with_its_own_cause(harness: None, seed_corpus: Path, tmp_path: Path) -> None:
    """No space left on device is reported as such, after one attempt (the WAL is a link to
    /dev/full: every write to it fails with ENOSPC, as on a full disk)."""
    wh = tmp_path / "w.duckdb"
    later = sorted(seed_corpus.glob("*.txt"))[1]
    text = later.read_bytes()
    later.unlink()
    ingest_flow(corpus_dir=str(seed_corpus), warehouse_path=str(wh))
    before = table_counts(wh)
    later.write_bytes(text)
    wal = Path(str(wh) + ".wal")
    wal.unlink(missing_ok=True)
    wal.symlink_to("/dev/full")
    t0 = time.monotonic()
    with pytest.raises(duckdb.Error, match="No space left on device"):
        ingest_flow(corpus_dir=str(seed_corpus), warehouse_path=str(wh))
    assert time.monotonic() - t0 < 60, "the failed upsert was retried"
    wal.unlink()
    assert table_counts(wh) == before


def test_an_article_that_kills_its_worker_process_is_a_reject_in_the_flow_too(
    harness: None, sample_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flow's extraction tasks wait on the same worker pool: a worker killed outright (here
    os._exit, as a segfault would) failed the task, its retry and the run; now that one article
    is a reject and the others land."""
    (sample_corpus / "001a-crash.txt").write_text(
        "Tallinn, 4 March 2026\nEstonia and Finland met in Tallinn on Tuesday. The Quuxcrash pact was initialled there.\n"
    )
    for key, value in {"DATELINE_CRASH_AT": "events:Quuxcrash", "DATELINE_N_PROCESS": "2", "DATELINE_BATCH_SIZE": "2",
                       "DATELINE_BUILD_DATA_DOCS": "0"}.items():
        monkeypatch.setenv(key, value)
    wh = tmp_path / "w.duckdb"
    # batches of two in name order: [000, 001] in the flow's process, [001a-crash, 002] on the worker, [003, 004] here
    result = ingest_flow(corpus_dir=str(sample_corpus), warehouse_path=str(wh))
    assert (result["articles_new"], result["articles_rejected"]) == (6, 1)
    assert [(r["path"], r["stage"]) for r in result["rejects"]] == [("001a-crash.txt", "extract")]
    assert table_counts(wh)["articles"] == 5


def test_a_run_in_this_process_does_not_wait_out_a_heartbeat(harness: None, seed_corpus: Path, tmp_path: Path) -> None:
    """`dateline run` runs the flow here: Prefect's heartbeat thread, which sleeps in whole
    seconds that the flow waits out at its end, is off, so a short run is not rounded up to
    the next second (the bench's rerun with nothing new took 2.0 s instead of 1.1 s)."""
    from prefect.settings import get_current_settings

    seen: list[int | None] = []

    def progress(done: int, total: int | None) -> None:  # called inside the flow run
        if threading.current_thread() is threading.main_thread():  # not the progress ticker's thread
            seen.append(get_current_settings().flows.heartbeat_frequency)

    settings = load_settings(corpus_dir=seed_corpus, warehouse_path=tmp_path / "w.duckdb", build_data_docs=False)
    assert run_with_runner(settings, on_progress=progress)["articles_new"] == 2
    assert seen and set(seen) == {None}
    assert get_current_settings().flows.heartbeat_frequency is not None  # served deployments keep theirs


def test_the_extraction_cache_key_follows_every_rule_module_and_file(tmp_path: Path) -> None:
    """Cached extraction results are keyed on the code: an edit inside a package
    (pipeline/events/, pipeline/timex/) or of a rule file in schemas/ must miss the cache."""
    import shutil

    import pipeline
    from flows import ingest_flow
    from pipeline.settings import SCHEMAS_DIR

    code, rules = tmp_path / "pipeline", tmp_path / "schemas"
    shutil.copytree(Path(pipeline.__file__).parent, code, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SCHEMAS_DIR, rules)
    before = ingest_flow._code_hash(code, rules)
    gates = code / "events" / "gates.py"
    gates.write_text(gates.read_text() + "\n# an edited rule\n")
    after_code = ingest_flow._code_hash(code, rules)
    lexicon = rules / "timex" / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text() + "\n# an edited word list\n")
    assert len({before, after_code, ingest_flow._code_hash(code, rules)}) == 3
