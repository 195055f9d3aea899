"""Scale-out: extraction on a two-worker Dask LocalCluster gives the same warehouse rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.ingest_flow import run_with_runner
from pipeline.settings import load_settings

pytestmark = pytest.mark.slow

CONTENT = {
    "time_expressions": "article_id, start_char, end_char, timex_value",
    "event_mentions": "mention_id, event_id, event_type, source_actor_id, target_actor_id, event_date, factuality",
    "events": "event_id, event_type, mention_count, article_count",
    "articles": "article_id, published_at, body",
}


@pytest.fixture(scope="module")
def harness() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=120):
        yield


def rows(wh: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr) for t, cols in CONTENT.items()}
    finally:
        con.close()


def test_dask_local_cluster_matches_default_runner(harness: None, sample_corpus: Path, tmp_path: Path) -> None:
    default = load_settings(corpus_dir=sample_corpus, warehouse_path=tmp_path / "default.duckdb", batch_size=2)
    dask = load_settings(corpus_dir=sample_corpus, warehouse_path=tmp_path / "dask.duckdb", batch_size=2,
                         runner="dask", dask_workers=2)
    a = run_with_runner(default)
    b = run_with_runner(dask)
    assert a["articles_new"] == b["articles_new"] == 5
    assert rows(tmp_path / "default.duckdb") == rows(tmp_path / "dask.duckdb")


def test_a_failing_article_is_a_reject_on_dask_and_on_prefect_workers(
    harness: None, sample_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18: the extraction workers (Dask's and the default runner's spawned processes,
    which inherit the environment) isolate an article that fails at a stage. Each runner
    gets a failing article of its own text, so neither reads the other's cached batch."""
    monkeypatch.setenv("DATELINE_FAULT_AT", "events:Zorblax")
    for runner in ("default", "dask"):
        (sample_corpus / "zorblax.txt").write_text(f"The Zorblax accord was signed in Vilnius on Monday ({runner}).\n")
        settings = load_settings(corpus_dir=sample_corpus, warehouse_path=tmp_path / f"{runner}.duckdb", batch_size=2,
                                 runner=runner, dask_workers=2, n_process=2, build_data_docs=False)
        result = run_with_runner(settings)
        assert (result["articles_new"], result["articles_rejected"]) == (6, 1), runner
        assert [r for r in result["rejects"] if r["stage"] == "events"] == [
            {"path": "zorblax.txt", "stage": "events",
             "reason": "extraction failed at events: InjectedFault: fault injected at events ('Zorblax')"}]
    assert rows(tmp_path / "default.duckdb") == rows(tmp_path / "dask.duckdb")
    assert len(rows(tmp_path / "dask.duckdb")["articles"]) == 5
