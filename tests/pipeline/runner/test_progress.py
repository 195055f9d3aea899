"""The progress bar counts articles as they finish, in this process and in worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.runner import progress, run_pipeline
from pipeline.settings import load_settings

SENTENCES = [
    "The foreign minister of Estonia met his Finnish counterpart in Tallinn on Tuesday.",
    "Both sides agreed to extend the ferry agreement for another five years.",
    "Latvia expelled two Russian diplomats on Thursday, the ministry said.",
    "Protesters gathered outside the parliament in Riga to demand new elections.",
]


def long_articles(folder: Path, n: int, sentences: int) -> Path:
    """`n` dated articles of `sentences` sentences each: long enough that extracting one takes
    longer than the progress ticker's interval."""
    folder.mkdir()
    for i in range(n):
        body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(sentences))
        (folder / f"{i:03d}.txt").write_text(f"Tallinn, {i + 1} March 2026\n{body}\n")
    return folder


def test_the_bar_moves_per_article_within_one_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Six articles in one batch: fed once per batch the bar showed only 6, at the end."""
    monkeypatch.setattr(progress, "INTERVAL", 0.01)
    corpus = long_articles(tmp_path / "corpus", 6, sentences=60)
    shown: list[int] = []
    settings = load_settings(corpus_dir=corpus, warehouse_path=tmp_path / "w.duckdb", n_process=1, batch_size=6,
                             build_data_docs=False)
    summary = run_pipeline(settings, on_progress=lambda done, total: shown.append(done))
    assert summary.articles_new == 6
    assert shown[-1] == 6
    assert shown == sorted(set(shown)), "never backwards, never the same number twice"
    assert any(0 < n < 6 for n in shown), f"only whole batches were reported: {shown}"


def test_worker_processes_count_their_articles_on_the_run_counter(sample_corpus: Path, tmp_path: Path) -> None:
    """Batches of two over five articles: [0, 1] here, [2, 3] on the spawned worker, [4] here."""
    before = progress.articles_done()
    settings = load_settings(corpus_dir=sample_corpus, warehouse_path=tmp_path / "w.duckdb", n_process=2,
                             batch_size=2, build_data_docs=False)
    summary = run_pipeline(settings)
    assert summary.articles_new == 5
    assert progress.articles_done() - before == 5


def test_the_ticker_never_goes_back_and_trusts_the_run_loop() -> None:
    """A batch retried after its worker died counts its articles again; cached batches count none."""
    shown: list[int] = []
    with progress.Ticker(lambda done, total: shown.append(done), interval=60) as ticker:
        progress.install(progress.shared_counter())
        for _ in range(3):
            progress.article_done()
        ticker.confirm(2)  # the counter is ahead (3): the bar shows 3
        ticker.confirm(8)  # a cached batch of five: no article counted, the loop knows
        ticker.confirm(7)
    assert shown == [3, 8]
