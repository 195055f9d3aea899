"""Benchmark: Dateline's cost next to bare spaCy, incremental runs, upsert, memory.

Prints six figures with their targets (issue 5). Run: `make bench` (or
`.venv/bin/python bench/run_bench.py --articles 1000 --big 10000`). It takes minutes; it is a
benchmark, not a test. Ratios are printed because the machine is noisy.

1. bare `nlp.pipe` words/s (same model, batch size, n_process as the pipeline: both cores by default)
2. `dateline run` (the Prefect flow) words/s into an empty warehouse, ratio to (1)      target >= 0.75
3. a second run with nothing new: wall time, ratio to a flow run over an empty corpus   target <= 1.5
4. 10 new articles into the N-article warehouse vs the same 10 into an empty one       target <= 2
5. upsert of 1,000,000 synthetic event rows (clustering into events included)
   vs a plain DuckDB bulk insert of the same DataFrame; median of three               target <= 2
6. peak RSS of a run over --big articles (separate process; main + extraction workers),
   and of a run 1/4 the size                                                          target <= 1.5 GB, flat
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SOURCES = [REPO / "corpus", REPO.parent / "shared" / "eval" / "meantime-dev" / "articles"]
OUT = REPO / "bench" / "out"


def base_texts() -> list[str]:
    texts = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            texts.append(path.read_text(encoding="utf-8"))
    if not texts:
        raise SystemExit("no source articles found (corpus/ and ../shared/eval/meantime-dev/articles)")
    return texts


def vary(text: str, i: int, rng: random.Random) -> str:
    """A distinct article from a real one: its paragraphs after the first few, rotated, plus a line."""
    lines = text.splitlines()
    head, rest = lines[:3], lines[3:]
    if len(rest) > 2:
        k = rng.randrange(len(rest))
        rest = rest[k:] + rest[:k]
    return "\n".join([*head, *rest, f"(Bench copy {i}.)"]) + "\n"


def build_corpus(folder: Path, n: int, start: int = 0, seed: int = 7) -> int:
    """Write n distinct articles; returns the number of words."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + start)
    texts = base_texts()
    words = 0
    for i in range(start, start + n):
        body = vary(texts[i % len(texts)], i, rng)
        words += len(body.split())
        (folder / f"a{i:06d}.txt").write_text(body, encoding="utf-8")
    return words


def corpus_words(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))


def bare_spacy(folder: Path, settings) -> float:  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.load(settings.spacy_model)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.nlp_batch_size, n_process=settings.n_process):
        pass
    return words / (time.perf_counter() - t0)


def flow_run(corpus: Path, wh: Path, settings_kwargs: dict, results: Path | None = None) -> tuple[float, dict]:  # type: ignore[type-arg]
    """One timed flow run; `results`: a Prefect result store of its own, so that the run
    cannot reuse extraction results cached by an earlier run over the same articles."""
    from prefect.settings import PREFECT_RESULTS_LOCAL_STORAGE_PATH, temporary_settings

    from flows.ingest_flow import run_with_runner
    from pipeline.settings import load_settings

    settings = load_settings(corpus_dir=corpus, warehouse_path=wh, **settings_kwargs)
    updates = {PREFECT_RESULTS_LOCAL_STORAGE_PATH: str(results)} if results is not None else {}
    with temporary_settings(updates=updates):
        t0 = time.perf_counter()
        result = run_with_runner(settings)
        return time.perf_counter() - t0, result


UPSERT_REPEATS = 3


def _hex_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def upsert_ratio(n_rows: int, tmp: Path) -> tuple[float, float, float]:
    """Merge of n synthetic mentions through staging vs a plain bulk insert of the same frame:
    (upsert s, plain insert s, of the upsert the s spent clustering and summarising events)."""
    import duckdb
    import numpy as np
    import pandas as pd

    from pipeline import warehouse
    from pipeline.settings import load_settings
    from pipeline.warehouse import RunRecord, Staging

    rng = np.random.default_rng(1)
    n_articles = max(n_rows // 100, 1)
    # ids shaped as the pipeline makes them (16 hex digits of a hash, in no order)
    art_ids = np.array([_hex_id(f"article {i}") for i in range(n_articles)], dtype=object)
    aid = art_ids[np.arange(n_rows) % n_articles]
    start = rng.integers(0, 5000, n_rows)
    types = np.array(["CONSULT", "ACCUSE", "SANCTION", "STATEMENT", "MOBILIZE"], dtype=object)
    actors = np.array([f"act-{i}" for i in range(200)], dtype=object)
    df = pd.DataFrame({c: pd.Series([None] * n_rows, dtype=object) for c in warehouse.TABLE_COLUMNS["event_mentions"]})
    df["mention_id"] = [_hex_id(f"mention {i}") for i in range(n_rows)]
    df["event_id"] = ""
    df["article_id"] = aid
    df["sentence_text"] = "A synthetic sentence where one actor met another actor."
    df["trigger_start"] = start
    df["trigger_end"] = start + 4
    df["event_type"] = types[rng.integers(0, len(types), n_rows)]
    df["source_actor_id"] = actors[rng.integers(0, len(actors), n_rows)]
    df["target_actor_id"] = actors[rng.integers(0, len(actors), n_rows)]
    df["event_date"] = "2026-01-25"
    df["date_start"] = dt.date(2026, 1, 25)
    df["date_end"] = dt.date(2026, 1, 25)
    df["date_precision"] = "day"
    df["date_basis"] = "explicit"
    df["factuality"] = "asserted"
    df["confidence"] = 0.5
    df["extractor_version"] = "bench"
    df["run_id"] = "bench"
    arts = pd.DataFrame({c: pd.Series([None] * n_articles, dtype=object) for c in warehouse.TABLE_COLUMNS["articles"]})
    arts["article_id"] = art_ids
    arts["source_path"] = [f"{a}.txt" for a in art_ids]
    arts["published_source"] = "unknown"
    arts["body"] = "x" * 100
    arts["content_sha256"] = art_ids
    arts["ingested_at"] = dt.datetime.now()
    arts["extractor_version"] = "bench"
    arts["status"] = "active"
    arts["run_id"] = "bench"

    # Plain bulk insert of the same frame into the same table definition.
    plain = tmp / "plain.duckdb"
    for name in ("plain.duckdb", "plain.duckdb.wal", "upsert.duckdb", "upsert.duckdb.wal"):
        (tmp / name).unlink(missing_ok=True)  # each call measures into new files
    with warehouse.open_warehouse(plain) as con:
        t0 = time.perf_counter()
        con.register("df", df)
        con.execute("INSERT INTO event_mentions SELECT * FROM df")
        plain_s = time.perf_counter() - t0

    # Time spent clustering mentions into events (Python, per mention) is reported apart.
    from pipeline import dedup

    clustering = [0.0]

    def timed(fn):  # type: ignore[no-untyped-def]
        def wrapper(*a, **k):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                clustering[0] += time.perf_counter() - t
        return wrapper

    originals = dedup.cluster, dedup.summarise
    dedup.cluster, dedup.summarise = timed(originals[0]), timed(originals[1])  # type: ignore[method-assign]
    wh = tmp / "upsert.duckdb"
    # both timings start with their warehouse open: the plain insert's open is not timed either
    with warehouse.open_warehouse(wh) as con:
        warehouse.limit_memory(con, load_settings().merge_memory_limit)  # as merge_staging does
        t0 = time.perf_counter()
        staging = Staging(wh, "bench-upsert")
        staging.append("articles", arts)
        staging.append("event_mentions", df)
        paths = arts[["source_path", "article_id"]].copy()
        paths["file_sha256"] = arts["article_id"]
        paths["size"] = 100
        paths["mtime_ns"] = 1
        paths["first_seen"] = dt.datetime.now()
        paths["last_seen"] = dt.datetime.now()
        paths["run_id"] = "bench"
        staging.append("article_paths", paths)
        staging.close()
        record = RunRecord(run_id="bench-upsert", started_at=dt.datetime.now(), corpus_dir="bench",
                           spacy_model="bench", dateline_version="bench")
        warehouse.merge_run(con, staging.path, record, None)
        staging.discard()
        upsert_s = time.perf_counter() - t0
    dedup.cluster, dedup.summarise = originals  # type: ignore[method-assign]
    del duckdb
    return upsert_s, plain_s, clustering[0]


def peak_rss_run(n: int, tmp: Path) -> dict[str, float]:
    """Peak memory (MB) of a separate `dateline run --no-prefect` over n fresh articles.

    The process tree (main process and its extraction workers) is sampled every 0.2 s:
    `rss` is the largest sum of the processes' RSS (shared library pages counted once per
    process, so an upper bound), `pss` the largest sum of their proportional set sizes (what
    the tree really occupies), `main` the main process's own largest RSS.
    """
    import psutil

    corpus = tmp / f"rss{n}"
    build_corpus(corpus, n, start=500_000)
    wh = tmp / f"rss{n}.duckdb"
    cmd = [sys.executable, "-m", "flows.cli", "run", "--no-prefect", "--corpus", str(corpus), "--warehouse", str(wh)]
    peak = {"rss": 0.0, "pss": 0.0, "main": 0.0, "workers": 0.0}
    with subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as child:
        top = psutil.Process(child.pid)
        while child.poll() is None:
            try:
                procs = [top, *top.children(recursive=True)]
                infos = [p.memory_full_info() for p in procs]
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                time.sleep(0.05)
                continue
            peak["rss"] = max(peak["rss"], sum(i.rss for i in infos) / 2**20)
            peak["pss"] = max(peak["pss"], sum(i.pss for i in infos) / 2**20)
            peak["main"] = max(peak["main"], infos[0].rss / 2**20)
            peak["workers"] = max(peak["workers"], len(procs) - 1)
            time.sleep(0.2)
        err = child.stderr.read() if child.stderr else ""
    if child.returncode != 0:
        raise RuntimeError(f"dateline run failed ({child.returncode}): {err[-2000:]}")
    shutil.rmtree(corpus, ignore_errors=True)
    return peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--big", type=int, default=10000, help="articles for the memory figure (0 to skip)")
    ap.add_argument("--upsert-rows", type=int, default=1_000_000)
    ap.add_argument("--memory-only", action="store_true", help="only figure 6")
    args = ap.parse_args()
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # a fresh result store: cached extraction results from earlier benchmarks must not count
    os.environ["PREFECT_RESULTS_LOCAL_STORAGE_PATH"] = str(OUT / "work" / "prefect-results")
    from pipeline.settings import load_settings

    OUT.mkdir(parents=True, exist_ok=True)
    tmp = OUT / "work"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    settings = load_settings()
    figures: dict[str, object] = {}

    if args.memory_only:
        memory_figure(args.big, tmp, figures)
        return
    corpus = tmp / "corpus"
    words = build_corpus(corpus, args.articles)
    print(f"corpus: {args.articles} articles, {words} words")
    spacy_wps = bare_spacy(corpus, settings)
    print(f"1. bare nlp.pipe: {spacy_wps:,.0f} words/s (batch {settings.nlp_batch_size}, n_process {settings.n_process})")

    # An empty flow run first: it starts Prefect's local API server, a once-per-process cost
    # (a scheduled deployment finds it running), and is the baseline of figure 3.
    empty_corpus = tmp / "empty"
    empty_corpus.mkdir()
    first_empty_s, _ = flow_run(empty_corpus, tmp / "empty0.duckdb", {})
    print(f"   (first empty flow run, starting Prefect's local server: {first_empty_s:.2f} s)")

    wh = tmp / "w.duckdb"
    secs, result = flow_run(corpus, wh, {})
    run_wps = words / secs
    figures["run_ratio"] = run_wps / spacy_wps
    print(f"2. dateline run: {run_wps:,.0f} words/s, {secs:.1f} s, {result['events_extracted']} mentions; "
          f"ratio to bare spaCy {figures['run_ratio']:.2f} (target >= 0.75)")

    empty_s, _ = flow_run(empty_corpus, tmp / "empty.duckdb", {})
    again_s, again = flow_run(corpus, wh, {})
    assert again["events_extracted"] == 0, again
    figures["rerun_ratio"] = again_s / empty_s
    print(f"3. rerun, nothing new: {again_s:.2f} s; empty flow run {empty_s:.2f} s; ratio {figures['rerun_ratio']:.2f} (target <= 1.5)")

    ten = tmp / "ten"
    build_corpus(ten, 10, start=900_000)
    for p in ten.glob("*.txt"):
        shutil.copy(p, corpus / p.name)
    # each run extracts the 10 articles itself: the second one must not find the first one's
    # cached extraction results (a cache hit made the empty-warehouse run look 2x cheaper)
    big_s, _ = flow_run(corpus, wh, {}, results=tmp / "results-big")
    small_s, _ = flow_run(ten, tmp / "ten.duckdb", {}, results=tmp / "results-small")
    figures["incremental_ratio"] = big_s / small_s
    print(f"4. 10 new into {args.articles}-article warehouse: {big_s:.2f} s; into empty: {small_s:.2f} s; "
          f"ratio {figures['incremental_ratio']:.2f} (target <= 2)")

    # the median of three: two identical measurements differed by up to 0.3 in ratio here
    runs = sorted((upsert_ratio(args.upsert_rows, tmp) for _ in range(UPSERT_REPEATS)), key=lambda r: r[0] / r[1])
    up_s, plain_s, cluster_s = runs[len(runs) // 2]
    figures["upsert_ratio"] = up_s / plain_s
    figures["upsert_ratios"] = [r[0] / r[1] for r in runs]
    figures["upsert_ratio_without_clustering"] = (up_s - cluster_s) / plain_s
    print(f"5. upsert {args.upsert_rows:,} rows: {up_s:.2f} s (staging + one-transaction merge, clustering into "
          f"events included); plain bulk insert {plain_s:.2f} s; ratio {figures['upsert_ratio']:.2f} (target <= 2), "
          f"median of {len(runs)}: {', '.join(f'{r[0] / r[1]:.2f}' for r in runs)}\n"
          f"   of which clustering and event rows {cluster_s:.2f} s (ratio without them "
          f"{figures['upsert_ratio_without_clustering']:.2f})")

    if args.big:
        memory_figure(args.big, tmp, figures)
    (OUT / "figures.json").write_text(json.dumps(figures, indent=2))
    shutil.rmtree(tmp, ignore_errors=True)


def memory_figure(big: int, tmp: Path, figures: dict[str, object]) -> None:
    quarter = peak_rss_run(big // 4, tmp)
    full = peak_rss_run(big, tmp)
    figures["rss_mb"] = full["rss"]
    figures["rss_quarter_mb"] = quarter["rss"]
    figures["pss_mb"] = full["pss"]
    figures["pss_quarter_mb"] = quarter["pss"]
    print(f"6. peak memory of the run's process tree (main + {full['workers']:.0f} children: extraction workers and "
          f"multiprocessing's resource tracker): RSS {full['rss']:.0f} MB for {big} articles, {quarter['rss']:.0f} MB for {big // 4} "
          f"(ratio {full['rss'] / quarter['rss']:.2f}); PSS {full['pss']:.0f} / {quarter['pss']:.0f} MB; main process "
          f"alone {full['main']:.0f} / {quarter['main']:.0f} MB (target <= 1536 MB and flat)", flush=True)


if __name__ == "__main__":
    main()
