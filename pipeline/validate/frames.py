"""GX frames: each table's rows plus `dq_*` helper columns joined from other tables.

Why: GX validates one frame at a time, but some checks need another table's facts (an
article's body length and date, known actor ids); they are joined on here and never written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipeline.validate.records import CHILD_TABLES, DATE_COLUMNS, ID_COLUMNS, NUMBER_COLUMNS
from pipeline.validate.suites import _referenced_columns
from pipeline.validate.values import _blank_to_null, _display, _is_null, _normalise_dates, _normalise_numbers

# --------------------------------------------------------------------------- GX frames


@dataclass
class _ArticleFacts:
    """What child rows need from their article, keyed by article_id."""

    bodies: dict[Any, str | None]
    published: dict[Any, dt.date | None]
    source_paths: dict[Any, str | None]


def _article_facts(articles: pd.DataFrame | None) -> _ArticleFacts:
    facts = _ArticleFacts({}, {}, {})
    if articles is None or "article_id" not in articles.columns:
        return facts
    ids = articles["article_id"].tolist()
    bodies = articles["body"].tolist() if "body" in articles.columns else [None] * len(ids)
    published = (
        _normalise_dates(articles["published_at"])[0].tolist()
        if "published_at" in articles.columns
        else [None] * len(ids)
    )
    paths = articles["source_path"].tolist() if "source_path" in articles.columns else [None] * len(ids)
    for aid, body, pub, path in zip(ids, bodies, published, paths, strict=True):
        if _is_null(aid) or aid in facts.bodies:
            continue  # first row wins; duplicates are rejected by the articles suite
        facts.bodies[aid] = body if isinstance(body, str) else None
        facts.published[aid] = pub
        facts.source_paths[aid] = None if _is_null(path) else str(path)
    return facts


def _span_matches(
    bodies: Mapping[Any, str | None], article_ids: list[Any], starts: list[Any], ends: list[Any], texts: list[Any]
) -> list[bool | None]:
    """body[start:end] == text per row; None when one side is unknown."""
    out: list[bool | None] = []
    for aid, start, end, text in zip(article_ids, starts, ends, texts, strict=True):
        body = bodies.get(aid) if not _is_null(aid) else None
        if body is None or _is_null(start) or _is_null(end) or not isinstance(text, str):
            out.append(None)
            continue
        try:
            out.append(body[int(start) : int(end)] == text)
        except (TypeError, ValueError, OverflowError):  # not an offset: the type check reports it
            out.append(None)
    return out


def _col(cols: Mapping[str, pd.Series], name: str, n: int) -> list[Any]:
    """A column's values as a list, or n nulls when the frame lacks it."""
    return cols[name].tolist() if name in cols else [None] * n


def _gx_frame(
    table: str,
    frame: pd.DataFrame,
    spec: Mapping[str, Any],
    facts: _ArticleFacts,
    event_counts: Mapping[Any, int] | None,
    known_actor_ids: set[str],
) -> pd.DataFrame:
    """The frame GX sees: referenced columns normalised to comparable types, plus dq_* helpers."""
    n = len(frame)
    cols: dict[str, pd.Series] = {}
    for name in frame.columns:
        cols[name] = frame[name].reset_index(drop=True)
    type_errors: list[list[str]] = [[] for _ in range(n)]

    for name in ID_COLUMNS[table]:
        if name in cols:
            cols[name] = _blank_to_null(cols[name])
    for name in DATE_COLUMNS[table]:
        if name in cols:
            original = cols[name]
            cols[name], bad = _normalise_dates(original)
            for pos in bad[bad].index:
                type_errors[pos].append(f"{name}={_display(original.iat[pos])!r} is not a date")
    for name, integral in NUMBER_COLUMNS[table]:
        if name in cols:
            original = cols[name]
            cols[name], bad = _normalise_numbers(original, integral)
            kind = "a whole number" if integral else "a number"
            for pos in bad[bad].index:
                type_errors[pos].append(f"{name}={_display(original.iat[pos])!r} is not {kind}")
    cols["dq_type_errors"] = pd.Series(["; ".join(e) if e else None for e in type_errors], dtype=object)

    article_ids = _col(cols, "article_id", n)
    if table == "articles":
        bodies = _col(cols, "body", n)
        words = [len(b.split()) if isinstance(b, str) else None for b in bodies]
        cols["dq_word_count"] = pd.Series(words, dtype="float64")
        if event_counts is None:  # no event_mentions frame given: cannot judge
            cols["dq_event_count"] = pd.Series([float("nan")] * n, dtype="float64")
        else:
            counts = [float(event_counts.get(a, 0)) if not _is_null(a) else float("nan") for a in article_ids]
            cols["dq_event_count"] = pd.Series(counts, dtype="float64")
    if table in CHILD_TABLES:
        in_batch = [(not _is_null(a)) and a in facts.bodies for a in article_ids]
        cols["dq_article_in_batch"] = pd.Series(in_batch, dtype=bool)
        bodies_of = [None if _is_null(a) else facts.bodies.get(a) for a in article_ids]
        lengths = [None if b is None else float(len(b)) for b in bodies_of]
        cols["dq_body_chars"] = pd.Series(lengths, dtype="float64")
    def text_matches_body(start: str, end: str, text: str) -> pd.Series:
        spans = _span_matches(facts.bodies, article_ids, _col(cols, start, n), _col(cols, end, n), _col(cols, text, n))
        return pd.Series(spans, dtype=object)

    if table == "time_expressions":
        cols["dq_text_matches_body"] = text_matches_body("start_char", "end_char", "text")
    if table == "event_mentions":
        cols["dq_published_at"] = pd.Series(
            [facts.published.get(a) if not _is_null(a) else None for a in article_ids], dtype=object
        )
        for role in ("source", "target"):
            ids = _col(cols, f"{role}_actor_id", n)
            known = [None if _is_null(a) else a in known_actor_ids for a in ids]
            cols[f"dq_{role}_actor_known"] = pd.Series(known, dtype=object)
        cols["dq_trigger_text_matches_body"] = text_matches_body("trigger_start", "trigger_end", "trigger_text")

    wanted = [c for c in _referenced_columns(spec) if c in cols]
    return pd.DataFrame({c: cols[c] for c in wanted}, index=pd.RangeIndex(n))
