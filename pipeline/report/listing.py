"""The event list as data: every event, newest first, as compact JSON the page script renders
page by page. Embedding data rather than HTML keeps a 50,000-event page small enough to open,
lets the search cover every event, and means article text reaches the page only as text
(the script builds DOM nodes with `textContent`, never from HTML)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from pipeline.report.data import FACTUAL, Row
from pipeline.report.dates import BASIS_LABELS, date_label, event_span
from pipeline.report.markup import page_name, sentence_marks
from pipeline.report.safety import safe_link

MAX_SENTENCES_PER_EVENT = 12


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)[:10]


def newest_first(events: Sequence[Row]) -> list[Row]:
    """Events by the start of their dated period, latest first; undated ones last."""
    dated = [e for e in events if event_span(e) is not None]
    undated = [e for e in events if event_span(e) is None]
    dated.sort(key=lambda e: (event_span(e) or (dt.date.min, dt.date.min))[0], reverse=True)
    return dated + undated


def event_records(
    events: Sequence[Row], mentions: Sequence[Row], file_link: Callable[[str | None], str | None]
) -> list[Row]:
    """One compact record per event (short keys: the page may hold 50,000 of them)."""
    by_event: dict[str, list[Row]] = defaultdict(list)
    for m in mentions:
        by_event[m["event_id"]].append(m)
    out = []
    for e in newest_first(events):
        span = event_span(e)
        ms = by_event.get(e["event_id"], [])
        rec: Row = {
            "id": e["event_id"],
            "t": e["event_type"],
            "d": date_label(e),
            "s": span[0].isoformat() if span else None,
            "e": (span[1] - dt.timedelta(days=1)).isoformat() if span else None,
            "b": e.get("date_basis") or "unknown",
            "f": e.get("factuality") or "unknown",
            "src": e.get("source_name") or e.get("source_actor_id"),
            "si": e.get("source_actor_id"),
            "tgt": e.get("target_name") or e.get("target_actor_id"),
            "ti": e.get("target_actor_id"),
            "loc": e.get("location"),
            "mc": int(e.get("mention_count") or 0),
            "ac": int(e.get("article_count") or 0),
            "ms": [_mention_record(m, file_link) for m in ms[:MAX_SENTENCES_PER_EVENT]],
            "more": max(0, len(ms) - MAX_SENTENCES_PER_EVENT),
        }
        if e.get("summary"):  # columns the events table may gain; used when present
            rec["sum"] = e["summary"]
        if e.get("trigger_text"):
            rec["trig"] = e["trigger_text"]
        out.append({k: v for k, v in rec.items() if v is not None})
    return out


def _mention_record(m: Row, file_link: Callable[[str | None], str | None]) -> Row:
    text, marks = sentence_marks(m)
    rec: Row = {
        "x": text,
        "k": [list(mk) for mk in marks],
        "pg": f"articles/{page_name(m['article_id'])}#m-{m['mention_id']}",
        "ti": m.get("title") or m.get("source_path"),
        "pub": _iso(m.get("published_at")),
        "sn": m.get("source_name"),
        "fl": file_link(m.get("source_path")),
        "u": safe_link(m.get("url")),  # any other URL is shown, as text, on the article's page only
        "b": m.get("date_basis"),
        "f": m.get("factuality"),
        "mr": m.get("merge_reason"),
    }
    return {k: v for k, v in rec.items() if v is not None}


def actor_records(actors: Sequence[Row]) -> list[Row]:
    """The actors the page can open a view of."""
    return [
        {"id": a["actor_id"], "n": a["actor_name"], "ty": a.get("actor_type"), "cc": a.get("country_code"),
         "ev": int(a.get("event_count") or 0)}
        for a in actors
    ]


def page_meta() -> Row:
    """What the script needs besides the events: basis words, which factuality counts by default."""
    return {"basis": BASIS_LABELS, "factual": list(FACTUAL)}
