"""Marked-up text: an article body or a sentence with its trigger, actors and time expressions."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from html import escape

from pipeline.report.data import Row

SPAN_CLASSES = {"trigger": "trigger", "source": "actor source", "target": "actor target", "timex": "timex"}


def highlight(text: str, spans: Iterable[tuple[int, int, str, str, str | None]], offset: int = 0) -> str:
    """HTML of `text` with (start, end, css class, title, anchor id) spans marked; overlaps nest safely.

    Offsets are into the article body; `offset` is where `text` starts in it.
    """
    cuts = {0, len(text)}
    items = []
    for start, end, cls, title, anchor in spans:
        s, e = max(0, start - offset), min(len(text), end - offset)
        if e <= s:
            continue
        items.append((s, e, cls, title, anchor))
        cuts.update((s, e))
    anchors: dict[int, list[str]] = defaultdict(list)
    for s, _e, _cls, _title, anchor in items:
        if anchor:
            anchors[s].append(anchor)
    bounds = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(bounds):
        for anchor in anchors.get(a, []):
            out.append(f'<a class="anchor" id="{escape(anchor)}"></a>')
        piece = escape(text[a:b])
        active = [(cls, title) for s, e, cls, title, _ in items if s <= a and b <= e]
        if active:
            classes = " ".join(sorted({c for c, _ in active}))
            titles = " | ".join(dict.fromkeys(t for _, t in active if t))
            piece = f'<span class="{classes}" title="{escape(titles)}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def sentence_marks(m: Row) -> tuple[str, list[tuple[int, int, str, str]]]:
    """A mention's sentence and its (start, end, css class, title) marks, offsets into the sentence."""
    text = m.get("sentence_text") or ""
    start = m.get("sentence_start")
    if start is None:
        found = text.find(m.get("trigger_text") or "\x00")
        start = (m["trigger_start"] - found) if found >= 0 else m["trigger_start"] + len(text) + 1
    base = int(start)
    marks = [(m["trigger_start"] - base, m["trigger_end"] - base, "trigger", "event trigger")]
    for role in ("source", "target"):
        s, e = m.get(f"{role}_start"), m.get(f"{role}_end")
        if s is not None and e is not None:
            marks.append((int(s) - base, int(e) - base, f"actor {role}", role))
    return text, [mk for mk in marks if mk[1] > 0 and mk[0] < len(text) and mk[1] > mk[0]]


def sentence_html(m: Row) -> str:
    """A mention's sentence with its trigger and actors marked (offsets relative to the sentence)."""
    text, marks = sentence_marks(m)
    return highlight(text, [(s, e, c, t, None) for s, e, c, t in marks])


def page_name(article_id: str) -> str:
    """The file name of an article's page (ids are hashes, but never trust a path)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", article_id) + ".html"
