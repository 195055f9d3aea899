"""Datelines and bylines near the top of a body ("Kyiv, 4 Feb 2026 -", "Posted on ...").

Why: when the file carries no metadata, the article's own dateline is the best publication
date; a date inside a sentence is not one, so only short date-like lines count.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.ingest.dates import _match_date_at


@dataclass
class Dateline:
    """A dateline or byline found near the top of a body."""

    date: dt.date
    source: str  # 'dateline' or 'byline'
    start: int  # offsets of the line in the body
    end: int
    author: str | None = None


# bullets, quote/heading marks, dashes, arrows, dingbats and emoji (not ©, quotes or brackets)
_LEAD_SYMBOLS = re.compile("^[\\s•·▪●◦‣∙*>#|~_\\-–—\u2190-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]+")
_BY_AUTHOR = re.compile(r"^by\s+(?P<author>[^|–—•·\n]{2,60}?)\s*[|–—•·]\s*", re.I)
_CITY = re.compile(r"^(?P<city>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}),\s+")
_KEYWORD = re.compile(
    r"^(?P<kw>(?:originally\s+|first\s+)?(?:published|posted|released|issued|dated|date|written)"
    r"|(?:last\s+)?(?:updated|modified))(?:\s+(?:on|at))?\s*:?\s*",
    re.I,
)
_TIME = re.compile(
    r"^(?:,|\s+at|\s*[-–—|•·])?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?",
    re.I,
)
_TRAIL_MARKUP = re.compile(r"[\s*_~]+$")  # closing Markdown emphasis: *Posted on 4 Feb 2026*
_TAIL_SEP = re.compile(r"^\s*[-–—|•·,/]+\s*")
_NAME = re.compile(
    r"^(?:by\s+)?(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|der|da|la|le|bin|al|el)){1,4})$"
)
_DATELINE_WINDOW_LINES = 20
_DATELINE_WINDOW_CHARS = 6000


def _name_like(text: str) -> str | None:
    m = _NAME.match(text.strip())
    return m.group("name") if m else None


def _date_line(line: str) -> tuple[dt.date, int, str | None] | None:
    """Parse one line as a dateline: (date, rank, author) or None.

    Rank 0 = "Published/Posted" byline, 1 = bare dateline, 2 = "Updated"; lower wins.
    """
    parsed = _dated_line(line)
    return parsed[:3] if parsed is not None else None


def _dated_line(line: str) -> tuple[dt.date, int, str | None, str] | None:
    """`_date_line` and the words after the date ("Yevhen Magda - Analysis"; "" for none)."""
    core = _TRAIL_MARKUP.sub("", _LEAD_SYMBOLS.sub("", line.strip()))
    author = None
    rank = 1
    m = _BY_AUTHOR.match(core)
    if m:
        author = _name_like(m.group("author"))
        core = core[m.end() :]
        rank = 0
    m = _KEYWORD.match(core)
    if m:
        kw = m.group("kw").lower()
        rank = 2 if ("updated" in kw or "modified" in kw) else 0
        core = core[m.end() :]
    found = _match_date_at(core)
    if found is None:
        city = _CITY.match(core)
        if city:
            found = _match_date_at(core[city.end() :])
            core = core[city.end() :]
    if found is None:
        return None
    date, end = found
    rest = core[end:]
    tail = ""
    t = _TIME.match(rest)
    if t:
        rest = rest[t.end() :]
    if rest.strip():
        sep = _TAIL_SEP.match(rest)
        if not sep:
            return None  # the date runs on into a sentence: not a dateline
        tail = rest[sep.end() :].strip()
        words = tail.split()
        if len(words) > 10 or re.search(r"[.!?]\s", tail) or tail.endswith("."):
            return None
        if author is None and tail:
            author = _name_like(re.split(r"\s+[-–—|•·]\s*", tail)[0])
    return date, rank, author, tail


def _a_dated_entry(line: str) -> bool:
    """Is the line a bare date with words after it ("2024-03-01 - Russia shells Kharkiv",
    "| 12 May 2025 | Talks in Istanbul |")? One such line may be a dateline; two in a row are
    entries of a timeline or a table, each the date of its own event, not the article's."""
    parsed = _dated_line(line)
    return parsed is not None and parsed[1] == 1 and bool(parsed[3])


def _in_a_list(lines: list[str], i: int) -> bool:
    """Is the dated entry at line `i` next to another one (blank lines and table rules between)?"""
    def neighbour(rng: range) -> str | None:
        for k in rng:
            text = lines[k].strip()
            if text and not re.fullmatch(r"[|:\-\s]+", text):
                return lines[k]
        return None
    around = (neighbour(range(i - 1, -1, -1)), neighbour(range(i + 1, len(lines))))
    return _a_dated_entry(lines[i]) and any(n is not None and _a_dated_entry(n) for n in around)


def _keyword_only(line: str) -> bool:
    core = _TRAIL_MARKUP.sub("", _LEAD_SYMBOLS.sub("", line.strip()))
    m = _KEYWORD.match(core)
    return m is not None and m.end() == len(core) and "updated" not in core.lower()


def find_dateline(body: str) -> Dateline | None:
    """The article's own dateline/byline among its first lines (see module docstring)."""
    best: tuple[int, int, Dateline] | None = None
    pos = 0
    seen = 0
    lines = body.split("\n")
    for i, line in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > _DATELINE_WINDOW_LINES or start > _DATELINE_WINDOW_CHARS:
            break
        parsed = _date_line(line)
        source = "dateline"
        line_start, line_end = start, start + len(line)
        if parsed is None and _keyword_only(line):
            # "Published on" alone, the date on the next non-blank line
            nxt_start = pos
            for nxt in lines[i + 1 : i + 3]:
                if nxt.strip():
                    nxt_parsed = _date_line(nxt)
                    if nxt_parsed is not None:
                        parsed = (nxt_parsed[0], 0, nxt_parsed[2])
                        line_end = nxt_start + len(nxt)
                    break
                nxt_start += len(nxt) + 1
        if parsed is None or _in_a_list(lines, i):
            continue
        date, rank, author = parsed
        if rank != 1:
            source = "byline"
        if author is None and rank != 2 and re.search(r"[-–—|]\s*$", line):
            author = _author_after(lines, i)
        candidate = Dateline(date, source, line_start, line_end, author)
        if best is None or (rank, seen) < (best[0], best[1]):
            best = (rank, seen, candidate)
        if rank == 0:
            break
    return best[2] if best else None


def _author_after(lines: list[str], i: int) -> str | None:
    """The name on the line after a dateline ending in a dash ("February 6, 2026 –")."""
    for nxt in lines[i + 1 : i + 4]:
        text = nxt.strip()
        if not text or re.fullmatch(r"[-–—|•·]+", text):
            continue
        return _name_like(text)
    return None
