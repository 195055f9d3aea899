"""The plain pipeline (no Prefect): bad files beside good ones lose nothing, and are retried."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline import warehouse
from pipeline.runner import RunRefused, run_pipeline
from pipeline.settings import load_settings
from pipeline.warehouse import GoneRefused
from tests.conftest import SAMPLE_CORPUS


def query(wh: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_bad_files_are_rejected_and_good_ones_all_arrive(sample_corpus: Path, tmp_path: Path) -> None:
    (sample_corpus / "empty.txt").write_text("")
    (sample_corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (sample_corpus / "nested").mkdir()
    (sample_corpus / "nested" / "broken.json").write_text('{"title": "x", "body": ')
    wh = tmp_path / "w.duckdb"
    summary = run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh))
    assert summary.articles_new == 5
    assert summary.articles_rejected == 3
    assert query(wh, "SELECT count(*) FROM articles") == [(5,)]
    rejected = dict(query(wh, "SELECT source_path, reason FROM rejects WHERE stage = 'ingest'"))
    assert set(rejected) == {"empty.txt", "binary.txt", "nested/broken.json"}
    assert all(reason for reason in rejected.values())

    # The analyst fixes the broken file: the next run picks it up.
    (sample_corpus / "nested" / "broken.json").write_text(
        '{"title": "Fixed", "published": "2026-02-01", "body": "On 30 January 2026 Poland summoned the Belarusian ambassador in Warsaw."}'
    )
    again = run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh))
    assert again.articles_new == 1 and again.articles_unchanged == 5
    assert query(wh, "SELECT count(*) FROM articles") == [(6,)]


def test_same_text_under_two_names_is_one_article_with_two_paths(sample_corpus: Path, tmp_path: Path) -> None:
    first = sorted(sample_corpus.glob("*.txt"))[0]
    (sample_corpus / "copy-of-first.txt").write_bytes(first.read_bytes())
    wh = tmp_path / "w.duckdb"
    run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh))
    assert query(wh, "SELECT count(*) FROM articles") == [(5,)]
    assert query(wh, "SELECT count(*) FROM article_paths") == [(6,)]
    mentions = query(wh, "SELECT count(*), count(DISTINCT mention_id) FROM event_mentions")[0]
    assert mentions[0] == mentions[1]


def test_deleted_file_keeps_its_events_flagged(sample_corpus: Path, tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh))
    before = query(wh, "SELECT count(*) FROM event_mentions")[0][0]
    victim = sorted(sample_corpus.glob("*.txt"))[1]
    victim.unlink()
    summary = run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh))
    assert summary.articles_gone == 1
    assert query(wh, "SELECT count(*) FROM event_mentions")[0][0] == before
    assert query(wh, "SELECT count(*) FROM articles WHERE status = 'gone'") == [(1,)]


def test_new_extractor_version_re_extracts_without_duplicates(sample_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline

    wh = tmp_path / "w.duckdb"
    # in-process extraction: the patched version must reach the rows (workers would not see it)
    run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh, n_process=1))
    before = query(wh, "SELECT count(*), count(DISTINCT mention_id) FROM event_mentions")[0]
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "next")
    summary = run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh, n_process=1))
    assert summary.articles_unchanged == 0 and summary.articles_new + summary.articles_changed == 5
    assert query(wh, "SELECT count(*), count(DISTINCT mention_id) FROM event_mentions")[0] == before
    assert query(wh, "SELECT DISTINCT extractor_version FROM event_mentions") == [("next",)]
    assert query(wh, "SELECT count(*) FROM articles WHERE extractor_version = 'next'") == [(5,)]


def test_rows_breaking_critical_expectations_are_quarantined_and_the_rest_written(sample_corpus: Path, tmp_path: Path) -> None:
    """Corrupt some extracted rows on their way to the gate: they land in rejects, the rest in the warehouse."""
    from collections.abc import Iterable, Iterator

    from pipeline.models import Article
    from pipeline.runner import BatchRows, Steps, extract_serial
    from pipeline.settings import Settings

    breakers = {
        "confidence": 2.0,                  # confidence in [0, 1]
        "event_type": "NOT_A_TYPE",         # event_type in the vocabulary
        "factuality": "rumoured",           # factuality in its set
        "trigger_end": -1,                  # offsets inside the body, start < end
        "source_actor_id": "no-such-actor", # actor ids present in actors
    }
    broken_ids: dict[str, str] = {}

    def corrupting(batches: Iterable[list[Article]], settings: Settings, run_id: str) -> Iterator[BatchRows]:
        for rows in extract_serial(batches, settings, run_id):
            mentions = rows.get("event_mentions", [])
            for (column, value), row in zip(breakers.items(), mentions[: len(breakers)], strict=False):
                row[column] = value
                broken_ids[row["mention_id"]] = column
            yield rows

    wh = tmp_path / "w.duckdb"
    summary = run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh), steps=Steps(extract_many=corrupting))
    assert len(broken_ids) == len(breakers)
    rejected = query(wh, "SELECT row_json, reason, expectation FROM rejects WHERE stage = 'validate' AND table_name = 'event_mentions'")
    for mention_id, column in broken_ids.items():
        hits = [r for r in rejected if mention_id in (r[0] or "")]
        assert hits, f"row with a bad {column} was not quarantined"
        assert hits[0][1]  # a human-readable reason
    stored = {r[0] for r in query(wh, "SELECT mention_id FROM event_mentions")}
    assert not stored & set(broken_ids)
    assert len(stored) == summary.events_extracted > 100
    assert summary.rows_rejected >= len(breakers)


def test_worker_processes_write_the_same_rows_as_one_process(sample_corpus: Path, tmp_path: Path) -> None:
    """n_process workers parse and extract whole batches; the warehouse must not notice."""
    tables = {
        "event_mentions": "SELECT mention_id, event_id, event_type, source_actor_id, target_actor_id, event_date FROM event_mentions ORDER BY 1",
        "time_expressions": "SELECT timex_id, timex_value FROM time_expressions ORDER BY 1",
        "events": "SELECT event_id, mention_count, article_count FROM events ORDER BY 1",
    }
    got = {}
    for n in (1, 2):
        wh = tmp_path / f"w{n}.duckdb"
        run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh, n_process=n, batch_size=2))
        got[n] = {name: query(wh, sql) for name, sql in tables.items()}
    assert got[1]["event_mentions"], "the sample corpus has events"
    assert got[1] == got[2]


def test_pipelined_keeps_batch_order_and_lets_go_of_finished_batches() -> None:
    """Extraction over a long corpus must not keep every finished batch's rows alive."""
    import gc
    import weakref
    from concurrent.futures import Future

    from pipeline.runner import pipelined

    submitted: list[weakref.ref[Future[dict[str, list[dict[str, object]]]]]] = []

    def submit(batch: list[int]) -> Future[dict[str, list[dict[str, object]]]]:
        fut: Future[dict[str, list[dict[str, object]]]] = Future()
        fut.set_result({"articles": [{"n": n} for n in batch]})
        submitted.append(weakref.ref(fut))
        return fut

    def inline(batch: list[int]) -> dict[str, list[dict[str, object]]]:
        return {"articles": [{"n": n} for n in batch]}

    batches = ([i] for i in range(20))
    seen = []
    for rows in pipelined(batches, 2, inline, submit):  # type: ignore[arg-type]
        seen.append(rows["articles"][0]["n"])
        gc.collect()
        alive = sum(1 for ref in submitted if ref() is not None)
        assert alive <= 2, f"{alive} submitted batches still referenced after {len(seen)} results"
    assert seen == list(range(20))
    assert len(submitted) == 10


# ---------------------------------------------------------------- one article cannot sink a run (issue 18)

STAGES = ("parse", "time_expressions", "actors", "events", "event_dates", "rows")


def failing_articles(corpus: Path) -> dict[str, str]:
    """One article per extraction stage, each with a marker sentence the fault hook fails on."""
    markers = {}
    for k, stage in enumerate(STAGES):
        marker = f"Zorblax{k}"
        (corpus / f"fails-at-{stage}.txt").write_text(
            f"Vilnius, 3 March 2026\nLithuania and Poland met in Vilnius on Monday. "
            f"The {marker} accord was signed there by both ministers. Talks go on in April.\n"
        )
        markers[stage] = marker
    return markers


def test_an_article_failing_at_any_stage_is_a_reject_and_the_others_land(
    sample_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    markers = failing_articles(sample_corpus)
    monkeypatch.setenv("DATELINE_FAULT_AT", ",".join(f"{s}:{m}" for s, m in markers.items()))
    wh = tmp_path / "w.duckdb"
    settings = load_settings(corpus_dir=sample_corpus, warehouse_path=wh, n_process=1, build_data_docs=False)
    summary = run_pipeline(settings)
    assert summary.articles_new == 11 and summary.articles_rejected == 6
    assert query(wh, "SELECT count(*) FROM articles") == [(5,)]
    got = {r[0]: r[1:] for r in query(wh, "SELECT source_path, stage, error_type, reason, sentence FROM rejects")}
    for stage, marker in markers.items():
        assert got[f"fails-at-{stage}.txt"] == (
            stage, "InjectedFault", f"extraction failed at {stage}: InjectedFault: fault injected at {stage} ({marker!r})",
            f"The {marker} accord was signed there by both ministers.",
        )
    assert {(r.source_path, r.stage) for r in summary.rejects if r.error_type} == {(f"fails-at-{s}.txt", s) for s in STAGES}

    # Nothing changed: the failed articles are not re-attempted, and their rejects stay.
    again = run_pipeline(settings)
    assert (again.articles_new, again.articles_rejected, again.articles_still_failing) == (0, 0, 6)
    assert query(wh, "SELECT count(*) FROM rejects WHERE error_type IS NOT NULL") == [(6,)]

    # The fault is gone and one file is edited: only that one is retried, and it lands.
    monkeypatch.delenv("DATELINE_FAULT_AT")
    edited = sample_corpus / "fails-at-events.txt"
    edited.write_text(edited.read_text() + "Both sides will meet again.\n")
    third = run_pipeline(settings)
    assert (third.articles_changed, third.articles_rejected, third.articles_still_failing) == (1, 0, 5)
    assert query(wh, "SELECT count(*) FROM articles") == [(6,)]
    assert query(wh, "SELECT count(*) FROM extraction_failures") == [(5,)]

    # A new extractor retries the rest.
    import pipeline

    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "next")  # every module reads it from the package
    fourth = run_pipeline(settings)
    assert fourth.articles_still_failing == 0 and fourth.articles_rejected == 0
    assert query(wh, "SELECT count(*) FROM articles WHERE extractor_version = 'next'") == [(11,)]
    assert query(wh, "SELECT count(*) FROM extraction_failures") == [(0,)]


def test_failing_articles_are_isolated_on_worker_processes_too(
    sample_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    markers = failing_articles(sample_corpus)
    monkeypatch.setenv("DATELINE_FAULT_AT", ",".join(f"{s}:{m}" for s, m in markers.items()))
    wh = tmp_path / "w.duckdb"
    # batches of two: the spawned worker extracts every other batch
    summary = run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh, n_process=2, batch_size=2,
                                         build_data_docs=False))
    assert summary.articles_rejected == 6
    assert query(wh, "SELECT count(*) FROM articles") == [(5,)]
    assert dict(query(wh, "SELECT source_path, stage FROM rejects WHERE error_type IS NOT NULL")) == {
        f"fails-at-{s}.txt": s for s in STAGES}


def test_an_article_that_kills_its_worker_process_is_a_reject_and_the_others_land(
    sample_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed outright (os._exit here, as a segfault or the OOM killer would) broke the
    pool, and BrokenProcessPool sank the whole run. Names sort the crashing article into the
    first worker batch, beside an article that must still land, with another worker batch
    waiting behind it in the broken pool."""
    (sample_corpus / "001a-crash.txt").write_text(
        "Tallinn, 4 March 2026\nEstonia and Finland met in Tallinn on Tuesday. The Quuxcrash pact was "
        "initialled there. A second round is due in May.\n"
    )
    (sample_corpus / "005-extra.txt").write_text("Riga, 5 March 2026\nLatvia expelled a Russian diplomat on Thursday.\n")
    (sample_corpus / "006-extra.txt").write_text("Oslo, 6 March 2026\nNorway hosted talks with Sweden on Friday.\n")
    monkeypatch.setenv("DATELINE_CRASH_AT", "events:Quuxcrash")
    wh = tmp_path / "w.duckdb"
    # batches of two, in name order: [000, 001] here, [001a-crash, 002] on the worker, [003, 004] here, [005, 006] worker
    settings = load_settings(corpus_dir=sample_corpus, warehouse_path=wh, n_process=2, batch_size=2, build_data_docs=False)
    summary = run_pipeline(settings)
    assert (summary.articles_new, summary.articles_rejected) == (8, 1)
    assert query(wh, "SELECT count(*) FROM articles") == [(7,)]
    [(path, stage, error, reason)] = query(wh, "SELECT source_path, stage, error_type, reason FROM rejects")
    assert (path, stage, error) == ("001a-crash.txt", "extract", "BrokenProcessPool")
    assert reason.startswith("extraction failed at extract: BrokenProcessPool: the extraction worker process died "
                             "while extracting 001a-crash.txt"), reason
    assert query(wh, "SELECT source_path, stage FROM extraction_failures") == [("001a-crash.txt", "extract")]

    # like any failed article, it is not retried until it changes (or the extractor does)
    again = run_pipeline(settings)
    assert (again.articles_new, again.articles_rejected, again.articles_still_failing) == (0, 0, 1)


def test_an_article_over_the_length_limit_is_refused_with_the_reason(sample_corpus: Path, tmp_path: Path) -> None:
    """spaCy's own limit (E088 at 1,000,000 characters) sank the whole run; now the article is
    refused before parsing, by a setting whose default is that limit."""
    sentence = "Poland summoned the ambassador on Monday.\n"
    (sample_corpus / "long.txt").write_text(sentence * (1_000_000 // len(sentence) + 1))
    (sample_corpus / "longish.txt").write_text(sentence * 500)
    wh = tmp_path / "w.duckdb"
    summary = run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=wh, n_process=1, build_data_docs=False))
    assert summary.articles_rejected == 1 and query(wh, "SELECT count(*) FROM articles") == [(6,)]
    [(path, stage, error, reason)] = query(wh, "SELECT source_path, stage, error_type, reason FROM rejects WHERE stage <> 'validate'")
    assert (path, stage, error) == ("long.txt", "parse", "ArticleTooLong")
    assert "1,000,019 characters long, over the 1,000,000-character limit (max_article_chars)" in reason

    # the limit is a setting
    again = run_pipeline(load_settings(corpus_dir=sample_corpus, warehouse_path=tmp_path / "w2.duckdb", n_process=1,
                                       max_article_chars=20_000, build_data_docs=False))
    assert sorted(r.source_path for r in again.rejects if r.stage == "parse") == ["long.txt", "longish.txt"]


# ---------------------------------------------------------------- the sweep: every shared text extracts (issue 18)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def sweep_corpora() -> list[Path]:
    """Every article folder of ../shared/eval, the VOA corpus, and the folders listed in
    DATELINE_SWEEP (os.pathsep-separated: odd corpora no one here has seen run the same way)."""
    import os

    found = [*sorted((SHARED / "eval").glob("*/articles")), SHARED / "corpora" / "voa"]
    extra = [Path(p) for p in os.environ.get("DATELINE_SWEEP", "").split(os.pathsep) if p]
    return [p for p in found if p.is_dir()] + extra


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} (the shared eval corpora) is not checked out beside the repository")
@pytest.mark.parametrize("corpus", sweep_corpora(), ids=lambda p: p.parent.name if p.name == "articles" else p.name)
def test_every_shared_article_extracts_without_a_reject(corpus: Path, tmp_path: Path) -> None:
    from pipeline.extract import STAGES

    settings = load_settings(corpus_dir=corpus, warehouse_path=tmp_path / "w.duckdb", n_process=1,
                             build_data_docs=False, export_parquet=False)
    summary = run_pipeline(settings)
    failed = [f"{r.source_path} ({r.stage}): {r.reason} [{r.sentence}]" for r in summary.rejects if r.stage in STAGES]
    assert failed == []
    assert summary.articles_new > 0


def test_an_edit_that_fails_extraction_keeps_the_old_version(
    sample_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run never loses what the warehouse held: the old text stays (flagged gone) until the
    new one extracts."""
    wh = tmp_path / "w.duckdb"
    settings = load_settings(corpus_dir=sample_corpus, warehouse_path=wh, n_process=1, build_data_docs=False)
    run_pipeline(settings)
    victim = sorted(sample_corpus.glob("*.txt"))[1]
    [(old_id, mentions)] = query(wh, f"""SELECT a.article_id, count(m.mention_id) FROM articles a
        LEFT JOIN event_mentions m USING (article_id) WHERE a.source_path = '{victim.name}' GROUP BY ALL""")
    victim.write_text(victim.read_text() + "\nThe Zorblax accord was signed in Vilnius on Monday.\n")
    monkeypatch.setenv("DATELINE_FAULT_AT", "events:Zorblax")
    summary = run_pipeline(settings)
    assert summary.articles_changed == 1 and summary.articles_rejected == 1
    assert query(wh, f"SELECT status FROM articles WHERE article_id = '{old_id}'") == [("gone",)]
    assert query(wh, f"SELECT count(*) FROM event_mentions WHERE article_id = '{old_id}'") == [(mentions,)]
    assert query(wh, "SELECT count(*) FROM articles WHERE status = 'active'") == [(4,)]


def test_a_file_that_fails_unexpectedly_at_ingest_keeps_its_articles_active(
    sample_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.ingest import formats

    wh = tmp_path / "w.duckdb"
    settings = load_settings(corpus_dir=sample_corpus, warehouse_path=wh, n_process=1, build_data_docs=False)
    run_pipeline(settings)
    victim = sorted(sample_corpus.glob("*.txt"))[1]
    victim.write_text(victim.read_text() + "\nTalks resume on Monday.\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("injected")

    monkeypatch.setattr(formats, "_build_article", broken)  # a deliberately injected fault, where `_parse` looks it up
    summary = run_pipeline(settings)
    assert [(r.source_path, r.stage, r.error_type) for r in summary.rejects] == [(victim.name, "decode", "ZeroDivisionError")]
    assert query(wh, "SELECT count(*) FROM articles WHERE status = 'active'") == [(5,)]


# ---------------------------------------------------------------------------------------
# What a run may read and change (issue 18)
# ---------------------------------------------------------------------------------------


def two_articles(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(SAMPLE_CORPUS.glob("*.txt"))[:2]:
        shutil.copy(f, corpus / f.name)
    return corpus


@pytest.mark.parametrize("where", ["filesystem root", "home folder", "holds your home folder", "warehouse inside"])
def test_a_corpus_that_is_root_or_home_or_holds_the_warehouse_is_refused(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = two_articles(tmp_path)
    wh = tmp_path / "w" / "dateline.duckdb"
    if where == "filesystem root":
        corpus = Path("/")
    elif where == "home folder":
        monkeypatch.setenv("HOME", str(corpus))
    elif where.startswith("holds"):
        (corpus / "me").mkdir()
        monkeypatch.setenv("HOME", str(corpus / "me"))
    else:
        wh = corpus / "warehouse" / "dateline.duckdb"
    with pytest.raises(RunRefused, match=where.split()[0]):
        run_pipeline(load_settings(corpus_dir=corpus, warehouse_path=wh, n_process=1))
    assert not wh.parent.exists(), "a refused run wrote something"


def test_nothing_outside_the_corpus_reaches_the_warehouse_or_the_export(tmp_path: Path) -> None:
    """A link to /etc/passwd and a report folder the settings put inside the corpus: both are
    rejects with their reason; the good articles land; no line of /etc/passwd is anywhere."""
    corpus = two_articles(tmp_path)
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    report = corpus / "report"
    report.mkdir()
    (report / "index.html").write_text("<html><body><p>On Monday Kyiv recalled its ambassador from Minsk.</p></body></html>")
    wh = tmp_path / "w" / "dateline.duckdb"
    summary = run_pipeline(load_settings(corpus_dir=corpus, warehouse_path=wh, n_process=1, report_dir=report))
    assert summary.articles_new == 2 and summary.articles_rejected == 2
    rejects = dict(query(wh, "SELECT source_path, reason FROM rejects WHERE stage = 'ingest'"))
    assert "outside the corpus" in str(rejects["passwd.txt"]) and "own output" in str(rejects["report"])
    assert query(wh, "SELECT count(*) FROM articles WHERE body LIKE '%root:%' OR source_path LIKE 'report%'") == [(0,)]
    exported = duckdb.sql(f"SELECT count(*) FROM '{wh.parent}/export/articles.parquet' WHERE body LIKE '%root:%'")
    assert exported.fetchall() == [(0,)]


def test_a_run_that_would_mark_most_articles_gone_is_refused_without_allow_gone(tmp_path: Path) -> None:
    corpus = two_articles(tmp_path)
    wh = tmp_path / "w.duckdb"
    run_pipeline(load_settings(corpus_dir=corpus, warehouse_path=wh, n_process=1))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(GoneRefused, match=r"2 of the warehouse's 2 articles gone.*--allow-gone"):
        run_pipeline(load_settings(corpus_dir=empty, warehouse_path=wh, n_process=1))
    assert query(wh, "SELECT count(*) FROM articles WHERE status = 'active'") == [(2,)]
    status, message = query(wh, "SELECT status, message FROM runs ORDER BY started_at DESC LIMIT 1")[0]
    assert status == "failed" and "--allow-gone" in str(message)

    # one of two is not more than half: an ordinary deletion goes through
    sorted(corpus.glob("*.txt"))[0].unlink()
    assert run_pipeline(load_settings(corpus_dir=corpus, warehouse_path=wh, n_process=1)).articles_gone == 1
    # the last article of a folder that was really emptied: confirmed with allow_gone
    with pytest.raises(GoneRefused):
        run_pipeline(load_settings(corpus_dir=empty, warehouse_path=wh, n_process=1))
    confirmed = run_pipeline(load_settings(corpus_dir=empty, warehouse_path=wh, n_process=1, allow_gone=True))
    assert confirmed.articles_gone == 1
    assert query(wh, "SELECT count(*) FROM articles WHERE status = 'gone'") == [(2,)]


def test_an_export_that_fails_after_the_merge_is_noted_and_repaired_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = two_articles(tmp_path)
    later = sorted(corpus.glob("*.txt"))[1]
    text = later.read_bytes()
    later.unlink()
    wh = tmp_path / "w" / "dateline.duckdb"
    export = wh.parent / "export"
    settings = load_settings(corpus_dir=corpus, warehouse_path=wh, n_process=1)
    run_pipeline(settings)
    later.write_bytes(text)

    def full_disk(con: duckdb.DuckDBPyConnection, name: str, target: Path) -> None:
        raise OSError(28, "No space left on device (injected into the export)")

    monkeypatch.setattr(warehouse.parquet, "_export_table", full_disk)
    second = run_pipeline(settings)
    assert "injected" in str(second.export_error)
    status, message = query(wh, f"SELECT status, message FROM runs WHERE run_id = '{second.run_id}'")[0]
    assert status == "succeeded" and str(message).startswith("export failed: OSError")  # its rows landed
    assert query(wh, "SELECT count(*) FROM articles") == [(2,)]
    assert duckdb.sql(f"SELECT count(*) FROM '{export}/articles.parquet'").fetchall() == [(1,)]  # the old export, whole
    monkeypatch.undo()

    third = run_pipeline(settings)  # nothing new, but the export is stale: rewritten
    assert third.nothing_new and third.export_error is None
    assert duckdb.sql(f"SELECT count(*) FROM '{export}/articles.parquet'").fetchall() == [(2,)]
    assert warehouse.export_current(export, third.run_id)
    (export / "actors.parquet").unlink()  # a file of the export lost by hand: repaired as well
    run_pipeline(settings)
    assert (export / "actors.parquet").is_file()


def test_a_different_corpus_is_refused_before_anything_is_extracted(tmp_path: Path) -> None:
    """Pointed at another folder of articles, the run refuses before extracting them (which
    could take hours), and the merge would refuse it again."""
    from pipeline.runner import Steps

    corpus = two_articles(tmp_path)
    wh = tmp_path / "w.duckdb"
    run_pipeline(load_settings(corpus_dir=corpus, warehouse_path=wh, n_process=1))
    other = tmp_path / "other"
    other.mkdir()
    for f in sorted(SAMPLE_CORPUS.glob("*.txt"))[2:4]:
        shutil.copy(f, other / f.name)

    def extraction_must_not_start(*_: object) -> None:
        raise AssertionError("the refused run extracted articles")

    with pytest.raises(GoneRefused, match="2 of the warehouse's 2 articles"):
        run_pipeline(load_settings(corpus_dir=other, warehouse_path=wh, n_process=1), Steps(extract_many=extraction_must_not_start))
    assert query(wh, "SELECT status, count(*) FROM articles GROUP BY ALL") == [("active", 2)]
    assert query(wh, "SELECT count(*) FROM runs WHERE status = 'failed'") == [(1,)]
