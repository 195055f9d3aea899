"""A warehouse with tens of thousands of synthetic events, to check the report stays usable at
the size of a year of news. Sentences are made up here ("A017 met B042 over item tok000123."),
each with a unique token so a search can find any one event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from pipeline.warehouse import open_warehouse

TYPES = ["CONSULT", "SUPPORT", "SANCTION", "ACCUSE", "STATEMENT", "AID", "PROTEST", "ASSAULT"]
FACTS = ["asserted"] * 7 + ["negated", "possible", "planned"]
BASES = ["explicit", "publication", "relative-to-publication", "publication", "inherited"]
PER_ARTICLE = 100
ACTORS = 200
RUN = "20260301T000000-bulk0001"


def sentence(i: int) -> str:
    return f"A{i % ACTORS:03d} met B{(i * 7 + 1) % ACTORS:03d} over item tok{i:06d}."


def fill_bulk(path: Path, n_events: int) -> None:
    """`n_events` events, one mention each, `PER_ARTICLE` to an article; the oldest has index 0."""
    start = dt.date(2016, 1, 1)
    span_days = (dt.date(2026, 2, 28) - start).days
    length = len(sentence(0)) + 1
    articles, mentions, events = [], [], []
    for a in range(0, n_events, PER_ARTICLE):
        idx = range(a, min(n_events, a + PER_ARTICLE))
        body = "\n".join(sentence(i) for i in idx)
        aid = f"bulk{a // PER_ARTICLE:05d}"
        published = start + dt.timedelta(days=span_days * a // max(1, n_events))
        articles.append({"article_id": aid, "source_path": f"bulk/{aid}.txt", "title": f"Bulk article {aid}",
                         "published_at": published, "published_source": "test", "body": body, "content_sha256": aid,
                         "ingested_at": dt.datetime(2026, 3, 1), "extractor_version": "1", "status": "active", "run_id": RUN})
        for k, i in enumerate(idx):
            day = start + dt.timedelta(days=span_days * i // max(1, n_events))
            precision = ["day", "day", "day", "month", "year"][i % 5]
            if precision == "day":
                value, d0, d1 = day.isoformat(), day, day
            elif precision == "month":
                d0 = day.replace(day=1)
                d1 = (d0 + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                value = d0.strftime("%Y-%m")
            else:
                value, d0, d1 = str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
            s0 = k * length
            ev = {"event_id": f"ev{i:06d}", "event_type": TYPES[i % len(TYPES)],
                  "source_actor_id": f"act{i % ACTORS:03d}", "target_actor_id": f"act{(i * 7 + 1) % ACTORS:03d}",
                  "event_date": value, "date_start": d0, "date_end": d1, "date_precision": precision,
                  "factuality": FACTS[i % len(FACTS)]}
            events.append(ev | {"mention_count": 1, "article_count": 1, "source_count": 1, "first_seen": published,
                                "last_seen": published, "run_id": RUN, "gone": False})
            mentions.append(ev | {"mention_id": f"m{i:06d}", "article_id": aid, "sentence_text": sentence(i),
                                  "sentence_start": s0, "trigger_start": s0 + 5, "trigger_end": s0 + 8, "trigger_text": "met",
                                  "source_start": s0, "source_end": s0 + 4, "target_start": s0 + 9, "target_end": s0 + 13,
                                  "date_basis": BASES[i % len(BASES)], "confidence": 0.8, "extractor_version": "1", "run_id": RUN})
    actors = pd.DataFrame([{"actor_id": f"act{n:03d}", "canonical_name": f"Actor {n:03d}", "actor_type": "state",
                            "country_code": "XXX", "role": "GOV", "wikidata_qid": None, "source": "test"} for n in range(ACTORS)])
    with open_warehouse(path) as con:
        for table, frame in (("articles", pd.DataFrame(articles)), ("events", pd.DataFrame(events)),
                             ("event_mentions", pd.DataFrame(mentions)), ("actors", actors)):
            con.register("frame", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")
            con.unregister("frame")
        con.execute(
            """INSERT INTO runs (run_id, started_at, finished_at, status, corpus_dir, files_seen)
               VALUES (?, TIMESTAMP '2026-03-01 00:00:00', TIMESTAMP '2026-03-01 00:10:00', 'succeeded', 'corpus', ?)""",
            [RUN, len(articles)],
        )
