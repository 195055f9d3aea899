"""Event density: why MEANTIME trigger F1 0.85 and the seed cap of 40 mentions per 1,000 words pull apart (issue 8).

Prints, for the MEANTIME dev set (its annotated part: title, dateline, four sentences) and the
sample corpus, the words, verbs per 1,000 words and Dateline's event mentions per 1,000 words;
for MEANTIME also its gold event density, the trigger P/R/F1 of Dateline and of the naive rule
"every VERB is an event", and the correct triggers per 1,000 words that F1 0.85 needs.

The two figures of issue 8 are one rule measured on two genres: the same extraction must find
at least 74 % of MEANTIME's events (F1 0.85 at perfect precision) and emit at most 40 mentions
per 1,000 words on the seeds. If the genres hold events at similar density (verbs per word are a
proxy the script prints), the first needs far more than 40 per 1,000 words.

Run: `.venv/bin/python bench/event_density.py [--dev DIR] [--corpus DIR]`. Trigger matching is
score.py's own one-to-one greedy overlap, imported from the evaluation kit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
EVAL = REPO.parent / "shared" / "eval"
TARGET_F1 = 0.85
SEED_CAP = 40.0


def per_k(n: int, words: int) -> float:
    return 1000 * n / max(words, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=EVAL / "meantime-dev")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus")
    args = ap.parse_args()
    if not (args.dev / "gold.jsonl").exists():
        raise SystemExit(f"no gold.jsonl in {args.dev} (the evaluation kit sits next to the repository)")
    sys.path.insert(0, str(EVAL))
    from score import greedy_match, prf  # the scorer's own matching rule

    from pipeline import ingest
    from pipeline.extract import Extractor
    from pipeline.models import Article
    from pipeline.settings import load_settings
    from pipeline.text import load_nlp

    nlp = load_nlp(load_settings().spacy_model)
    extractor = Extractor.from_files()

    gold = [json.loads(line) for line in (args.dev / "gold.jsonl").read_text().splitlines() if line.strip()]
    words = verbs = n_gold = n_pred = tp = n_naive = tp_naive = 0
    for g, doc in zip(gold, nlp.pipe(g["body"] for g in gold), strict=True):
        end = g["annotated_end"]
        art = Article(g["doc"], g["doc"], None, None, "meantime", g["body"], "")
        mentions = extractor.extract(doc, art).mentions
        gold_spans = [tuple(e["trigger"]) for e in g["events"]]
        pred = sorted({(m.trigger_start, m.trigger_end) for m in mentions if m.trigger_start < end})
        naive = [(t.idx, t.idx + len(t.text)) for t in doc if t.pos_ == "VERB" and t.idx < end]
        words += len(g["body"][:end].split())
        verbs += len(naive)
        n_gold += len(gold_spans)
        n_pred += len(pred)
        n_naive += len(naive)
        tp += len(greedy_match(gold_spans, pred))
        tp_naive += len(greedy_match(gold_spans, naive))

    seeds = [a for p in sorted(args.corpus.iterdir()) if p.is_file() for a in ingest.read_file(p, args.corpus)]
    s_words = s_verbs = s_rows = 0
    for art, doc in zip(seeds, nlp.pipe(a.body for a in seeds), strict=True):
        s_words += len(art.body.split())
        s_verbs += sum(t.pos_ == "VERB" for t in doc)
        s_rows += len(extractor.extract(doc, art).mentions)

    p, r, f = prf(tp, n_pred, tp, n_gold)
    pn, rn, fn = prf(tp_naive, n_naive, tp_naive, n_gold)
    print(f"MEANTIME dev, annotated part: {len(gold)} articles, {words:,} words, {per_k(n_gold, words):.1f} gold events per 1,000 words")
    print(f"sample corpus:                {len(seeds)} articles, {s_words:,} words")
    print(f"verbs per 1,000 words:        MEANTIME {per_k(verbs, words):.1f}   sample corpus {per_k(s_verbs, s_words):.1f}")
    print(f"naive rule (every VERB):      P {pn:.3f} R {rn:.3f} F1 {fn:.3f} on MEANTIME")
    print(f"Dateline triggers:            P {p:.3f} R {r:.3f} F1 {f:.3f} on MEANTIME")
    print(
        f"Dateline per 1,000 words: MEANTIME {per_k(n_pred, words):.1f} triggers (what F1 counts)   "
        f"sample corpus {per_k(s_rows, s_words):.1f} mention rows (what the cap of {SEED_CAP:.0f} counts)"
    )
    r_min = TARGET_F1 / (2 - TARGET_F1)  # recall F1 0.85 needs at precision 1
    r_at_p = TARGET_F1 * p / (2 * p - TARGET_F1) if 2 * p > TARGET_F1 else float("nan")
    need = per_k(n_gold, words)
    print(
        f"F1 {TARGET_F1} needs recall >= {r_min:.3f} at precision 1 ({r_min * need:.0f} correct triggers per 1,000 words), "
        f"recall >= {r_at_p:.3f} at Dateline's precision ({r_at_p * need / p:.0f} mentions per 1,000 words)"
    )
    ratio = per_k(n_pred, words) / max(per_k(s_rows, s_words), 1e-9)
    print(
        f"emission ratio MEANTIME / sample corpus: now {ratio:.2f}; both targets need >= {r_min * need / SEED_CAP:.2f} "
        f"at precision 1, >= {r_at_p * need / p / SEED_CAP:.2f} at Dateline's precision"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
