"""End to end: the Prefect flow over a real corpus into a real DuckDB file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.ingest_flow import ingest_flow

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
