"""Event dates as the report draws them: with the precision they were extracted with, and with
the basis they rest on (a date stated in the text, or only the article's own date)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.report.data import ARTICLE_DATED, Row

BASIS_LABELS = {
    "explicit": "a date in the sentence",
    "inherited": "a date earlier in the article",
    "relative-to-publication": "a relative date (\u201con Monday\u201d) read against the publication date",
    "reference": "only the article's reference date (no date in the text)",
    "publication": "only the article's publication date (no date in the text)",
    "unknown": "unknown",
    "undated": "undated",
}


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def event_span(event: Row) -> tuple[dt.date, dt.date] | None:
    """The period an event is dated to, as [start, end) with an exclusive end; None if undated."""
    start = _as_date(event.get("date_start"))
    if start is None:
        return None
    end = _as_date(event.get("date_end")) or start
    if end < start:
        end = start
    return start, end + dt.timedelta(days=1)


def date_label(event: Row) -> str:
    """How the date reads to a person: the TIMEX3 value and its precision, never more precise."""
    value = event.get("event_date")
    precision = event.get("date_precision")
    span = event_span(event)
    if span is None:
        return f"{value} (undated)" if value else "undated"
    start, end = span
    days = (end - start).days
    shown = str(value) if value else start.isoformat()
    if days > 1:
        shown += f" ({start.isoformat()} – {(end - dt.timedelta(days=1)).isoformat()})"
    if precision:
        shown += f" · {precision}"
    return shown


def article_dated(event: Row) -> bool:
    """True when no sentence said when the event happened and the article's date stood in."""
    return event.get("date_basis") in ARTICLE_DATED


def basis_label(basis: Any) -> str:
    """The date basis in words, for tooltips and the list."""
    return BASIS_LABELS.get(str(basis), str(basis)) if basis else BASIS_LABELS["unknown"]
