"""Warehouse rows from extractions: each table's columns come from the migrations themselves,
so a frame always has exactly the table's columns in order."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

import pipeline
from pipeline.models import Actor, Article, EventMention, Extraction, Reject, TimeExpression
from pipeline.util import stable_id
from pipeline.warehouse.schema import migrations

TABLE_COLUMNS: dict[str, list[str]] = {}


def _load_columns() -> None:
    con = duckdb.connect()
    for _, path in migrations():
        con.execute(path.read_text(encoding="utf-8"))
    for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
        cols = con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        TABLE_COLUMNS[table] = [c for (c,) in cols]
    con.close()


_load_columns()


def frame(table: str, rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame with exactly the columns of `table`, in order."""
    return pd.DataFrame(list(rows), columns=TABLE_COLUMNS[table])


def extraction_rows(ex: Extraction, run_id: str, now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """Map one article's extraction to warehouse rows, by table."""
    a = ex.article
    return {
        "articles": [article_row(a, run_id, now)],
        "time_expressions": [timex_row(a.article_id, t, run_id) for t in ex.time_expressions],
        "event_mentions": [mention_row(a.article_id, m, run_id) for m in ex.mentions],
        "actors": [actor_row(actor) for actor in ex.actors],
        "actor_aliases": [{"actor_id": actor.actor_id, "alias": al} for actor in ex.actors for al in actor.aliases],
    }


def article_row(a: Article, run_id: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "article_id": a.article_id,
        "source_path": a.source_path,
        "title": a.title,
        "published_at": a.published_at,
        "published_source": a.published_source,
        "body": a.body,
        "content_sha256": a.content_sha256,
        "ingested_at": now,
        "author": a.author,
        "url": a.url,
        "source_name": a.source_name,
        "word_count": len(a.body.split()),
        "extractor_version": pipeline.EXTRACTOR_VERSION,
        "status": "active",
        "gone_at": None,
        "run_id": run_id,
        "extra_json": json.dumps(a.extra, default=str, ensure_ascii=False) if a.extra else None,
    }


def timex_row(article_id: str, t: TimeExpression, run_id: str) -> dict[str, Any]:
    return {
        "timex_id": stable_id("tx", article_id, t.start_char, t.end_char),
        "article_id": article_id,
        "start_char": t.start_char,
        "end_char": t.end_char,
        "text": t.text,
        "timex_type": t.timex_type,
        "timex_value": t.timex_value,
        "range_start": t.range_start,
        "range_end": t.range_end,
        "precision": t.precision,
        "anchored": t.anchored,
        "run_id": run_id,
    }


def mention_row(article_id: str, m: EventMention, run_id: str) -> dict[str, Any]:
    """A mention without an id gets a stable one from its article, trigger and arguments."""
    s, g = m.source, m.target
    return {
        "mention_id": m.mention_id
        or stable_id(
            "m", article_id, m.trigger_start, m.trigger_end,
            s.start_char if s else None, g.start_char if g else None,
        ),
        "event_id": m.event_id or "",
        "article_id": article_id,
        "sentence_text": m.sentence_text,
        "sentence_start": m.sentence_start,
        "trigger_start": m.trigger_start,
        "trigger_end": m.trigger_end,
        "trigger_text": m.trigger_text,
        "trigger_lemma": m.trigger_lemma,
        "event_type": m.event_type,
        "source_start": s.start_char if s else None,
        "source_end": s.end_char if s else None,
        "source_text": s.text if s else None,
        "source_actor_id": s.actor_id if s else None,
        "target_start": g.start_char if g else None,
        "target_end": g.end_char if g else None,
        "target_text": g.text if g else None,
        "target_actor_id": g.actor_id if g else None,
        "theme_start": m.theme_start,
        "theme_end": m.theme_end,
        "theme_text": m.theme_text,
        "event_date": m.event_date,
        "date_start": m.date_start,
        "date_end": m.date_end,
        "date_precision": m.date_precision,
        "date_basis": m.date_basis,
        "location": m.location,
        "factuality": m.factuality,
        "confidence": float(m.confidence),
        "extractor_version": pipeline.EXTRACTOR_VERSION,
        "run_id": run_id,
    }


def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "actor_id": actor.actor_id,
        "canonical_name": actor.canonical_name,
        "actor_type": actor.actor_type,
        "country_code": actor.country_code,
        "role": actor.role,
        "wikidata_qid": actor.wikidata_qid,
        "source": actor.source,
    }


def reject_row(r: Reject, run_id: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "reject_id": stable_id("rj", run_id, r.stage, r.source_path, r.table_name, r.expectation, r.row_json, r.reason),
        "run_id": run_id,
        "stage": r.stage,
        "source_path": r.source_path,
        "article_id": r.article_id,
        "table_name": r.table_name,
        "expectation": r.expectation,
        "reason": r.reason,
        "row_json": r.row_json,
        "created_at": now,
        "error_type": r.error_type,
        "sentence": r.sentence,
    }
