"""Ingest: turn the files analysts save into `Article` records, and say why when a file fails.

Why this stage is careful: the publication date anchors every relative date downstream
("last weekend", "in December"), and `Article.body` is the text every offset refers to, so
the body keeps the article's own characters and the date comes from the article, never from
the file's modification time.

Choices (documented here because the flow, the warehouse and the tests rely on them):

* Formats: `.txt`/`.text`, `.md`/`.markdown` (optional YAML front matter), `.html`/`.htm`
  (main text by trafilatura), `.json` (one object, a list of objects, or an object with an
  `articles`/`items` list) and `.jsonl` (one object per line). Any file may have a sidecar
  `<file>.meta.json|yaml|yml` or `<stem>.meta.json|yaml|yml` holding metadata (title,
  published, author, url, source); a sidecar overrides what the file says. A sidecar without
  its main file is rejected (nothing is dropped silently). Other extensions are rejected
  with the list of supported ones.
* Body: the decoded text (CRLF/CR become LF, a BOM is dropped) with boilerplate lines removed
  (rules in `schemas/boilerplate.yaml`: navigation, share/newsletter/podcast promos, logos,
  legal footers, picture credits, related-article lists, embedded JSON blocks), leading blank
  lines and trailing whitespace dropped, and a run of blank lines left by a removed line
  shrunk to one. Nothing else changes: no re-wrapping, the title line and the dateline stay
  (MEANTIME's gold body starts with both), Markdown stays as written. For `.md` the front
  matter is not part of the body; for HTML the body is trafilatura's text.
* Captions stay in the body (they report events, e.g. a rally in a photo caption) and are
  also listed in `extra["captions"]`; short credits ("Photo: Getty") leave the body for
  `extra["credits"]`.
* Publication date, first found wins: sidecar, then the file's own metadata (front matter,
  JSON fields, HTML metadata via trafilatura/htmldate with `extensive_search=False`: meta
  tags, JSON-LD, <time>/date-classed elements and the URL, never free text or today; an
  embedded JSON block in a text file), then a dateline or byline
  among the first lines of the body, then a date in the file name (`2026-02-04`,
  `2026_02_04`, `20260204`), else None with `published_source='unknown'`. A dateline is a
  short line that is (mostly) a date, maybe followed by a dash and an author, or a
  "Published on/Posted/Updated" byline; a date inside a sentence is not one. "Published"
  beats a bare date, which beats "Updated". Numeric dates: `23.02.2026` and `23-02-2026` are
  day-first, `2026-02-23` is ISO; `a/b/yyyy` is used only when one field exceeds 12,
  otherwise it is ambiguous and ignored.
* Identity: `article_id` = first 16 hex digits of sha256 of the body with Unicode NFC and
  whitespace runs collapsed, so the same article saved twice has one id (the caller records
  both paths). `content_sha256` = sha256 of the exact body.
* Paths: `source_path` is relative to the corpus root with POSIX separators. A `.jsonl`
  article is `file.jsonl#<line number>` (1-based); a `.json` list element is
  `file.json#<index>` (1-based); a single-object `.json` is just `file.json`.
* Bad input raises `IngestError` with a one-line reason that says what to do. A JSON/JSONL
  file is all-or-nothing: one malformed line rejects the file, so fixing it brings every
  article back on the next run.
* Change detection: `FileState` fingerprints the file together with its sidecar (size and
  mtime are summed/maxed over both, `file_sha256` hashes the file bytes, plus the sidecar
  bytes when there is one). Rejected files carry a state for information only; the caller
  records states of successful files alone, so a fixed file is read again on the next run.
* Links: a link (to a file, a folder or a sidecar) that resolves outside the corpus root is
  rejected, never read (a link to /etc/passwd would otherwise land in the warehouse, the
  export and the report); links inside the corpus are followed. Dateline's own output
  (warehouse, report, Data Docs, export), wherever the settings put it, is rejected too.
* Unreadable files: tests run as root, where `chmod 000` does not stop a read, so the scan is
  tested with real failures: a FIFO (not a regular file: rejected without opening, since
  opening it would block), a dangling symlink, a symlink loop, a directory passed to
  `read_file`, and a permission test that drops to an unprivileged effective uid.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from pipeline.models import Article, Reject
from pipeline.settings import SCHEMAS_DIR
from pipeline.timex.lexicon import MONTHS

__all__ = [
    "SUPPORTED_SUFFIXES",
    "FileOutcome",
    "FileState",
    "IngestError",
    "article_id_for",
    "clean_text",
    "date_from_file_name",
    "find_dateline",
    "parse_date_value",
    "read_file",
    "scan_corpus",
]

BOILERPLATE_FILE = SCHEMAS_DIR / "boilerplate.yaml"
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
_SUPPORTED_LIST = ", ".join(sorted(set(SUPPORTED_SUFFIXES)))

# ---------------------------------------------------------------------------------------------
# Records


class IngestError(Exception):
    """A file that cannot become articles; `reason` is one line and says what to do."""

    def __init__(self, reason: str) -> None:
        reason = " ".join(reason.split())
        super().__init__(reason)
        self.reason = reason


@dataclass
class FileState:
    """What the warehouse remembers about a file between runs."""

    source_path: str  # relative to the corpus root, POSIX separators
    size: int
    mtime_ns: int
    file_sha256: str


@dataclass
class FileOutcome:
    """The result of looking at one file during a scan."""

    state: FileState | None  # None if the file could not even be stat'ed/read
    status: str  # 'unchanged' | 'new' | 'changed' | 'rejected'
    articles: list[Article] = field(default_factory=list)
    reject: Reject | None = None


@dataclass
class _Meta:
    """Metadata gathered from a sidecar, front matter, JSON fields or HTML."""

    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    url: str | None = None
    source_name: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Dates

# month names and abbreviations come from the time-expression lexicon (schemas/timex/), so a
# dateline and a date in the text are read with the same words
_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=lambda w: (-len(w), w))) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I)),
    ("dmy", re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I)),
    ("iso", re.compile(_YEAR + r"(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)")),
    (
        "dotted",
        re.compile(r"(?P<d>3[01]|[12]\d|0?[1-9])(?P<sep>[.-])(?P<m>0?[1-9]|1[0-2])(?P=sep)" + _YEAR + r"(?!\d)"),
    ),
    ("slash", re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/" + _YEAR + r"(?!\d)")),
]


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _match_date_at(text: str) -> tuple[dt.date, int] | None:
    """A full calendar date at the start of `text`, and where it ends (or None)."""
    for kind, pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        year = int(m.group("year"))
        if kind in ("mdy", "dmy"):
            found = _make_date(year, MONTHS[m.group("mon").lower()], int(m.group("day")))
        elif kind in ("iso", "dotted"):
            found = _make_date(year, int(m.group("m")), int(m.group("d")))
        else:  # a/b/yyyy: only when one field cannot be a month
            a, b = int(m.group("a")), int(m.group("b"))
            if a > 12 >= b:
                found = _make_date(year, b, a)
            elif b > 12 >= a:
                found = _make_date(year, a, b)
            else:
                found = None
        if found is not None:
            return found, m.end()
    return None


def parse_date_value(value: Any) -> dt.date | None:
    """A publication date from a metadata value (date, ISO string, 'Feb 4, 2026', ...)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", text)
    if iso:
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    found = _match_date_at(text)
    if found is not None:
        return found[0]
    import dateparser  # lazy: costs about a second to import

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


_FILE_NAME_DATES = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_.](?P<m>0[1-9]|1[0-2])[-_.](?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])"),
]


def date_from_file_name(name: str) -> dt.date | None:
    """A `YYYY-MM-DD`/`YYYY_MM_DD`/`YYYYMMDD` date in a file name (not inside hex ids)."""
    for pattern in _FILE_NAME_DATES:
        m = pattern.search(name)
        if m:
            found = _make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if found is not None:
                return found
    return None


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
    return date, rank, author


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
        if parsed is None:
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


# ---------------------------------------------------------------------------------------------
# Boilerplate


@dataclass
class _Rule:
    name: str
    full: bool
    max_words: int
    no_sentence: bool
    pattern: re.Pattern[str]


@dataclass
class _Boilerplate:
    rules: list[_Rule]
    credit: re.Pattern[str]
    credit_max_words: int
    related: re.Pattern[str]
    bullets: str
    short_bullet_max_words: int


@lru_cache(maxsize=4)
def _load_boilerplate(path: Path = BOILERPLATE_FILE) -> _Boilerplate:
    """Compile the boilerplate rules in `schemas/boilerplate.yaml` once per process."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = []
    for rule in data["rules"]:
        alternatives = "|".join(f"(?:{p})" for p in rule["patterns"])
        rules.append(
            _Rule(
                name=rule["name"],
                full=rule.get("match", "full") == "full",
                max_words=int(rule.get("max_words", 12)),
                no_sentence=bool(rule.get("no_sentence", False)),
                pattern=re.compile(alternatives, re.I),
            )
        )
    credit = re.compile(rf"^(?:{data['credit_labels']})\s*(?::|by\b)\s*(?P<who>.+)$", re.I)
    related = re.compile("|".join(f"(?:{p})" for p in data["related_headings"]), re.I)
    return _Boilerplate(
        rules=rules,
        credit=credit,
        credit_max_words=int(data.get("credit_max_words", 6)),
        related=related,
        bullets=str(data.get("bullet_chars", "•")),
        short_bullet_max_words=int(data.get("short_bullet_max_words", 4)),
    )


@dataclass
class Cleaned:
    """A body with boilerplate removed, and what was taken out or noted on the way."""

    body: str
    removed: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    embedded_json: list[Any] = field(default_factory=list)


_CAPTION_MARK = re.compile(
    r"(?:\b(?:photo|image|picture|credit)s?(?:\s+by)?\s*:\s*\S|\((?:photo|image)\s+(?:by|credit)\b)", re.I
)
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*$")


def _core(line: str) -> str:
    """The line without surrounding spaces and leading symbols, for pattern matching."""
    return _LEAD_SYMBOLS.sub("", line.strip()).strip()


_JSON_LINE = re.compile(r'\s*(?:$|["{}\[\],\d-]|true\b|false\b|null\b)')


def _json_block_end(lines: list[str], i: int, limit: int = 2000) -> tuple[int, Any]:
    """Whether a JSON object (or list of objects) starts at line i: (end line, value or None).

    On failure `end` is where the scan stopped; the caller does not start another attempt
    before it, and the scan stops at the first line outside a string that cannot be JSON, so
    text full of brackets stays linear.
    """
    depth = 0
    in_string = escaped = False
    for j in range(i, min(len(lines), i + limit)):
        if j > i and not in_string and not _JSON_LINE.match(lines[j]):
            return j, None
        for ch in lines[j]:
            if in_string:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == '"':
                    in_string = False
            elif ch == '"':
                in_string = True
            elif ch in "{[":
                depth += 1
                if depth > MAX_JSON_DEPTH:  # not metadata (and json.loads would recurse too deep)
                    return j + 1, None
            elif ch in "}]":
                depth -= 1
        if depth <= 0:
            try:
                value = _repair_surrogates(json.loads("\n".join(lines[i : j + 1])))
            except ValueError:
                return j + 1, None
            if isinstance(value, dict) or (
                isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
            ):
                return j + 1, value
            return j + 1, None
    return min(len(lines), i + limit), None


def _classify(line: str, rules: _Boilerplate) -> str | None:
    """Why a line is boilerplate ('navigation', 'credit', ...) or None to keep it."""
    stripped = line.strip()
    if not stripped:
        return None
    if re.fullmatch(r"[-–—_|=*~/•·▪●◦‣∙]+", stripped):
        return "separator"
    if stripped[0] in rules.bullets:
        rest = stripped[1:].strip()
        words = rest.split()
        if not words or (len(words) <= rules.short_bullet_max_words and not re.search(r"[.!?:;]$", rest)):
            return "menu"
    core = _core(line)
    if not core:
        return "separator"
    n_words = len(core.split())
    for rule in rules.rules:
        if n_words > rule.max_words:
            continue
        if rule.no_sentence and _SENTENCE_END.search(core):
            continue
        if rule.pattern.fullmatch(core) if rule.full else rule.pattern.search(core):
            return rule.name
    m = rules.credit.match(core)
    if m and len(m.group("who").split()) <= rules.credit_max_words and not _SENTENCE_END.search(core):
        return "credit"
    return None


def clean_text(text: str, rules: _Boilerplate | None = None) -> Cleaned:
    """Remove boilerplate lines; keep every other line exactly as written (see module doc)."""
    rules = rules or _load_boilerplate()
    lines = text.split("\n")
    n = len(lines)
    removed = [False] * n
    out = Cleaned(body="")
    json_tried_until = 0  # JSON blocks are not looked for again inside a failed attempt
    i = 0
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if stripped[0] in "{[" and i >= json_tried_until:
            end, value = _json_block_end(lines, i)
            json_tried_until = end
            if value is not None:
                for k in range(i, end):
                    removed[k] = True
                out.embedded_json.append(value)
                out.removed.append(f"<JSON block, {end - i} lines>")
                i = end
                continue
        core = _core(line)
        if core and rules.related.fullmatch(core.rstrip(":")):
            removed[i] = True
            out.removed.append(stripped)
            j = i + 1
            while j < n:
                nxt = lines[j]
                if not nxt.strip():
                    j += 1
                    continue
                if nxt[:1].isspace() or nxt.strip()[0] in rules.bullets:
                    removed[j] = True
                    out.removed.append(nxt.strip())
                    j += 1
                    continue
                break
            i = j
            continue
        kind = _classify(line, rules)
        if kind is not None:
            removed[i] = True
            out.removed.append(stripped)
            if kind == "credit":
                out.credits.append(core)
                prev = _previous_text_line(lines, removed, i)
                if prev is not None and len(lines[prev].split()) <= 40:
                    out.captions.append(lines[prev].strip())
            elif _DANGLING.search(core):
                # "Get more news and analysis from" / "Carnegie Center": the promo's object
                follow = _next_text_line(lines, i)
                if follow is not None and _is_label(lines[follow]):
                    removed[follow] = True
                    out.removed.append(lines[follow].strip())
                    i = follow
        elif _CAPTION_MARK.search(core):
            out.captions.append(stripped)
        i += 1
    out.body = _join_kept(lines, removed)
    return out


_DANGLING = re.compile(r"\b(?:from|by|on|with|to|of|at|for)$", re.I)


def _next_text_line(lines: list[str], i: int) -> int | None:
    for k in range(i + 1, min(len(lines), i + 3)):
        if lines[k].strip():
            return k
    return None


def _is_label(line: str) -> bool:
    """A short line that is a name, not a sentence (at most six words, no end punctuation)."""
    text = line.strip()
    return 0 < len(text.split()) <= 6 and not re.search(r"[.!?:;,]$", text)


def _previous_text_line(lines: list[str], removed: list[bool], i: int) -> int | None:
    for k in range(i - 1, max(-1, i - 3), -1):
        if lines[k].strip():
            return None if removed[k] else k
    return None


def _join_kept(lines: list[str], removed: list[bool]) -> str:
    """Join kept lines; a blank run touched by a removed line shrinks to one blank line."""
    out: list[str] = []
    pending: list[str] = []
    touched = False
    started = False
    for line, gone in zip(lines, removed, strict=True):
        if gone:
            touched = True
            continue
        if not line.strip():
            pending.append(line)
            continue
        if started:
            out.extend(pending[:1] if touched else pending)
        out.append(line)
        pending = []
        touched = False
        started = True
    return "\n".join(out).rstrip()


# ---------------------------------------------------------------------------------------------
# Decoding

_MAGIC = [
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (e.g. .docx/.epub)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old MS Office file"),
]


def _decode(raw: bytes) -> tuple[str, str]:
    """Bytes to text and the encoding used; IngestError when it is not text."""
    if not raw.strip():
        raise IngestError("empty file: no text to read; put the article text in it or delete it")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return _newlines(raw.decode(enc)), enc
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"not valid {enc} despite its byte-order mark ({exc}); re-save the file as UTF-8"
                ) from exc
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise IngestError(f"binary file: looks like {what}; convert it to .txt/.md/.html text first")
    if b"\x00" in raw[:65536]:
        raise IngestError("binary file: contains NUL bytes, so it is not text; convert it to .txt/.md/.html first")
    try:
        text = raw.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        decoded = _detect_legacy(raw)
        if decoded is None:
            raise IngestError(
                f"not valid UTF-8 ({exc.reason} at byte {exc.start}) and the encoding could not be "
                "detected with confidence; re-save the file as UTF-8"
            ) from exc
        text, encoding = decoded
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:65536]) // 100):
        raise IngestError("binary file: too many control characters to be text; convert it to .txt first")
    return _newlines(text), encoding


def _detect_legacy(raw: bytes) -> tuple[str, str] | None:
    """Decode non-UTF-8 text with charset-normalizer, or None when no guess is confident.

    Among equally clean candidates windows-1252 wins: it is what Western editors save when
    not UTF-8 (and what the HTML standard reads latin-1 as), while the detector's first
    choice on short English text is often a look-alike code page (cp1250, cp775) that
    garbles accents and curly quotes.
    """
    import charset_normalizer

    matches = [m for m in charset_normalizer.from_bytes(raw) if m.encoding and m.chaos <= 0.1]
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, m.encoding != "cp1252"))
    return str(best), best.encoding


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------------
# Bounded JSON and YAML
#
# Metadata is small and shallow; a file may still be hostile or broken. Deeper JSON than
# MAX_JSON_DEPTH is refused before `json.loads` (which recurses, and raises RecursionError near
# depth 1,000); YAML is read by a safe loader that refuses more than MAX_YAML_ALIASES aliases
# and documents that expand to more than MAX_YAML_NODES nodes (a 452-byte "billion laughs"
# expands to 9**9 strings), and text over MAX_YAML_CHARS. Lone UTF-16 surrogates that JSON's
# "\\u" escapes allow (such as "\\ud800"; no UTF-8 text can hold one) become U+FFFD.

MAX_JSON_DEPTH = 100
MAX_YAML_CHARS = 200_000
MAX_YAML_ALIASES = 200
MAX_YAML_NODES = 100_000
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_depth(text: str) -> int:
    """The deepest nesting of brackets outside strings (linear; numpy for hostile inputs)."""
    brackets = re.sub(r"[^\[\]{}]+", "", _JSON_STRING.sub("", text))
    if not brackets:
        return 0
    codes = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    return int(np.cumsum(np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)).max())


def _load_json(text: str) -> Any:
    """`json.loads` with a depth limit and lone surrogates repaired; IngestError past the limit
    (json.JSONDecodeError passes through for the caller to explain)."""
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise IngestError(
            f"JSON nested {depth:,} levels deep, over the limit of {MAX_JSON_DEPTH}: not article data; fix the file"
        )
    return _repair_surrogates(json.loads(text))


def _repair_surrogates(value: Any) -> Any:
    """A copy of decoded JSON/YAML with every lone surrogate replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_repair_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_repair_surrogates(k): _repair_surrogates(v) for k, v in value.items()}
    return value


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing alias bombs (aliases are counted as they are composed)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise IngestError(f"YAML with more than {MAX_YAML_ALIASES} aliases (*name): refused; write the values out")
        return super().compose_node(parent, index)


def _load_yaml(text: str, what: str) -> Any:
    """Safe-load one YAML document within the limits; yaml.YAMLError passes through."""
    if len(text) > MAX_YAML_CHARS:
        raise IngestError(f"{what} is {len(text):,} characters, over the {MAX_YAML_CHARS:,}-character limit; shorten it")
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node, {})
        if size > MAX_YAML_NODES:
            raise IngestError(
                f"{what} expands to over {MAX_YAML_NODES:,} values through its aliases (*name): refused; "
                "write the values out"
            )
        return _repair_surrogates(loader.construct_document(node))
    except RecursionError as exc:
        raise IngestError(f"{what} is nested too deeply to read; fix it") from exc
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many nodes `node` stands for with every alias written out (each shared node is
    counted once per use, computed once); stops counting past MAX_YAML_NODES."""
    key = id(node)
    if key not in sizes:
        sizes[key] = MAX_YAML_NODES + 1  # a node that contains itself expands forever
        total = 1
        if isinstance(node, yaml.SequenceNode):
            children: list[yaml.Node] = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = []
        for child in children:
            total += _expanded_size(child, sizes)
            if total > MAX_YAML_NODES:
                break
        sizes[key] = total
    return sizes[key]


# ---------------------------------------------------------------------------------------------
# Metadata


_TITLE_KEYS = ("title", "headline", "name")
_DATE_KEYS = (
    "published", "published_at", "publishedAt", "published_date", "publication_date",
    "publicationDate", "datePublished", "date_published", "pubDate", "pub_date", "date",
)  # fmt: skip
_AUTHOR_KEYS = ("author", "authors", "byline", "creator")
_URL_KEYS = ("url", "link", "canonical_url", "canonical", "href")
_SOURCE_KEYS = ("source", "source_name", "publisher", "site_name", "sitename", "outlet", "publication")
_TEXT_KEYS = ("text", "body", "content", "article", "full_text", "fulltext", "maintext", "article_text")


def _as_text(value: Any) -> str | None:
    """A readable string from a metadata value (names inside dicts/lists included)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title"))
    if isinstance(value, list):
        names = [t for t in (_as_text(v) for v in value) if t]
        return ", ".join(names) or None
    if isinstance(value, (int, float)):
        return str(value)
    return None


def _jsonable(value: Any) -> Any:
    """A copy that json.dumps accepts (YAML gives date objects; the warehouse stores JSON)."""
    return json.loads(json.dumps(value, default=str))


def _meta_from_mapping(data: Mapping[str, Any], where: str, embedded: bool = False) -> _Meta:
    """Read the usual metadata keys from a dict (front matter, sidecar, JSON object).

    `embedded` marks a JSON block found inside the text: its `name` may be an
    organisation's, so only `title`/`headline` count as a title, and other keys stay out.
    """
    meta = _Meta()
    title_keys = ("title", "headline") if embedded else _TITLE_KEYS
    meta.title = next((t for k in title_keys if (t := _as_text(data.get(k)))), None)
    meta.author = next((t for k in _AUTHOR_KEYS if (t := _as_text(data.get(k)))), None)
    meta.url = next((t for k in _URL_KEYS if (t := _as_text(data.get(k)))), None)
    for key in _SOURCE_KEYS:
        value = _as_text(data.get(key))
        if value:
            if re.match(r"https?://", value) and not meta.url:
                meta.url = value
            else:
                meta.source_name = value
            break
    for key in _DATE_KEYS:
        if key in data and data[key] not in (None, ""):
            value = data[key]
            parsed = parse_date_value(value)
            if parsed is None:
                meta.warnings.append(f"{where}: {key}={value!r} is not a date; looked for a dateline instead")
            else:
                meta.published = parsed
            break
    if embedded:
        return meta
    known = set(_TITLE_KEYS + _DATE_KEYS + _AUTHOR_KEYS + _URL_KEYS + _SOURCE_KEYS + _TEXT_KEYS + ("html",))
    for key, value in data.items():
        if key not in known and value is not None and len(str(value)) < 2000:
            meta.extra[str(key)] = _jsonable(value)
    return meta


def _read_sidecar(path: Path) -> tuple[_Meta, bytes]:
    """Metadata from a `.meta.json`/`.meta.yaml` sidecar; IngestError if it is malformed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"sidecar {path.name} cannot be read ({exc.strerror}); fix or remove it") from exc
    text, _ = _decode(raw)
    try:
        data = _load_json(text) if path.name.endswith(".json") else _load_yaml(text, f"sidecar {path.name}")
    except json.JSONDecodeError as exc:
        raise IngestError(f"malformed JSON in sidecar {path.name}: {exc}; fix or remove it") from exc
    except yaml.YAMLError as exc:
        raise IngestError(f"malformed YAML in sidecar {path.name}: {exc}; fix or remove it") from exc
    if not isinstance(data, dict):
        raise IngestError(f"sidecar {path.name} must hold a mapping of metadata (title, published, ...)")
    return _meta_from_mapping(data, f"sidecar {path.name}"), raw


def sidecar_for(path: Path) -> Path | None:
    """The sidecar of `path`: `<name>.meta.*` or `<stem>.meta.*`, first that exists."""
    for base in (path.name, path.stem):
        for suffix in SIDECAR_SUFFIXES:
            candidate = path.with_name(base + suffix)
            if candidate.is_file():
                return candidate
    return None


def _is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIXES)


def _sidecar_owner_exists(path: Path) -> bool:
    name = path.name
    base = name[: name.lower().rfind(".meta.")]
    if (path.parent / base).is_file() and Path(base).suffix.lower() in SUPPORTED_SUFFIXES:
        return True
    return any((path.parent / (base + s)).is_file() for s in SUPPORTED_SUFFIXES)


# ---------------------------------------------------------------------------------------------
# Article assembly


def article_id_for(body: str) -> str:
    """Content-derived id: the same text saved under two names gets the same id."""
    normal = " ".join(unicodedata.normalize("NFC", body).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


_SOURCE_LINE = re.compile(
    r"^(?:(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)|(?:published|appeared)\s+(?:by|in))"
    r"\s+(?P<src>.+)$",
    re.I,
)
_MD_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")


def _guess_title(body: str, dateline: Dateline | None) -> str | None:
    """A headline-like line: before the dateline, or among the first three lines."""
    lines = [(m.start(), m.group().strip()) for m in re.finditer(r"[^\n]+", body)]
    lines = [(pos, text) for pos, text in lines if text]
    limit = dateline.start if dateline else -1
    for k, (pos, text) in enumerate(lines[:12]):
        before = dateline is not None and pos < limit
        if not before and k >= 3:
            break
        if dateline is not None and pos == dateline.start:
            continue
        words = text.split()
        if 3 <= len(words) <= 30 and len(text) <= 200 and not text.endswith((".", ":", ",")):
            if _SOURCE_LINE.match(_core(text)) or _date_line(text) is not None:
                continue
            return _MD_LINK.sub(r"\g<text>", text).lstrip("# ").strip()
    return None


def _guess_source(body: str) -> str | None:
    """An "Originally published by X" line near the top names the outlet."""
    for line in body.split("\n")[:15]:
        m = _SOURCE_LINE.match(_core(line))
        if m:
            src = m.group("src").strip().rstrip(".")
            link = _MD_LINK.search(src)
            return link.group("text") if link else src
    return None


def _by_author(body: str) -> str | None:
    for line in body.split("\n")[:25]:
        m = re.match(r"^\s*by\s+(.{2,80})$", line.strip(), re.I)
        if m:
            name = _name_like(m.group(1))
            if name:
                return name
    return None


def _build_article(
    text: str,
    source_path: str,
    file_name: str,
    raw_sha: str,
    metas: list[tuple[str, _Meta]],
    extra: dict[str, Any],
) -> Article:
    """Clean `text`, pick the publication date by precedence, fill the Article.

    `metas` is ordered by precedence: (published_source, metadata) pairs.
    """
    cleaned = clean_text(text)
    body = cleaned.body
    if not body.strip():
        raise IngestError("no article text left after removing boilerplate; check the file holds the article")
    embedded = [v for v in cleaned.embedded_json if isinstance(v, dict)]
    all_metas = list(metas) + [("metadata", _meta_from_mapping(v, "embedded JSON", embedded=True)) for v in embedded]
    dateline = find_dateline(body)

    published: dt.date | None = None
    published_source = "unknown"
    for source, meta in all_metas:
        if meta.published is not None:
            published, published_source = meta.published, source
            break
    if published is None and dateline is not None:
        published, published_source = dateline.date, dateline.source
    if published is None:
        from_name = date_from_file_name(file_name)
        if from_name is not None:
            published, published_source = from_name, "file name"

    def first(attr: str) -> Any:
        return next((getattr(m, attr) for _, m in all_metas if getattr(m, attr)), None)

    title = first("title") or _guess_title(body, dateline)
    author = first("author") or (dateline.author if dateline else None) or _by_author(body)
    extra = dict(extra)
    for _, meta in reversed(all_metas):
        extra.update({k: v for k, v in meta.extra.items() if k not in extra})
    warnings = [w for _, m in all_metas for w in m.warnings]
    if warnings:
        extra["warnings"] = warnings
    if cleaned.removed:
        extra["boilerplate_removed"] = len(cleaned.removed)
        extra["boilerplate_lines"] = [r[:200] for r in cleaned.removed[:50]]
    if cleaned.captions:
        extra["captions"] = cleaned.captions
    if cleaned.credits:
        extra["credits"] = cleaned.credits
    if embedded:
        small = [v for v in embedded if len(json.dumps(v, default=str)) <= 10000]
        if small:
            extra["embedded_json"] = _jsonable(small)
    if dateline is not None:
        extra["dateline"] = {"text": body[dateline.start : dateline.end], "start": dateline.start, "end": dateline.end}
    return Article(
        article_id=article_id_for(body),
        source_path=source_path,
        title=title,
        published_at=published,
        published_source=published_source,
        body=body,
        content_sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        author=author,
        url=first("url"),
        source_name=first("source_name") or _guess_source(body),
        file_sha256=raw_sha,
        extra=extra,
    )


# ---------------------------------------------------------------------------------------------
# Formats


def _split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """YAML front matter of a Markdown file (or None) and the text after it."""
    stripped = text.lstrip("\ufeff")
    if not re.match(r"---[ \t]*\n", stripped):
        return None, text
    m = re.search(r"\n(?:---|\.\.\.)[ \t]*(?:\n|$)", stripped[3:])
    if not m:
        raise IngestError("front matter opened with '---' is never closed; add a closing '---' line")
    block = stripped[3 : 3 + m.start() + 1]
    rest = stripped[3 + m.end() :]
    try:
        data = _load_yaml(block, "the front matter")
    except yaml.YAMLError as exc:
        raise IngestError(f"malformed YAML front matter: {exc}; fix the block between the '---' lines") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise IngestError("front matter must be a YAML mapping (title: ..., published: ...); fix it")
    return data, rest


def _looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(?:p|div|br|html|body|article|span|h[1-6])\b[^>]*>", text[:5000], re.I))


def _html_article_text(html: str) -> tuple[str, _Meta, list[str]]:
    """Main text, metadata and figure captions of an HTML page (trafilatura)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises many parser errors
        raise IngestError(f"HTML could not be parsed ({type(exc).__name__}: {exc}); save the page again") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise IngestError(
            "no article text found in the HTML (broken, empty or not an article page); "
            "save the complete page again or paste its text into a .txt file"
        )
    meta = _Meta()
    assert doc is not None
    meta.title = _as_text(getattr(doc, "title", None))
    meta.author = _as_text(getattr(doc, "author", None))
    meta.url = _as_text(getattr(doc, "url", None))
    meta.source_name = _as_text(getattr(doc, "sitename", None))
    date_value = getattr(doc, "date", None)
    if date_value:
        meta.published = parse_date_value(str(date_value))
    return _newlines(text), meta, _figure_captions(html)


def _figure_captions(html: str) -> list[str]:
    try:
        import lxml.html

        tree = lxml.html.fromstring(html)
    except Exception:  # captions are a nicety; the text already parsed
        return []
    captions = []
    for node in tree.iter("figcaption"):
        caption = " ".join(node.text_content().split())
        if caption:
            captions.append(caption)
    return captions


def _json_objects(text: str, rel: str, jsonl: bool) -> list[tuple[str, dict[str, Any]]]:
    """(source_path, object) pairs of a .json/.jsonl file; IngestError when malformed."""
    pairs: list[tuple[str, dict[str, Any]]] = []
    if jsonl:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                obj = _load_json(line)
            except IngestError as exc:
                raise IngestError(f"line {number}: {exc.reason}") from exc
            except json.JSONDecodeError as exc:
                raise IngestError(
                    f"malformed JSON on line {number}: {exc.msg} (column {exc.colno}); fix that line"
                ) from exc
            if not isinstance(obj, dict):
                raise IngestError(f"line {number} is not a JSON object; each line must be one article object")
            pairs.append((f"{rel}#{number}", obj))
        if not pairs:
            raise IngestError("empty JSONL file: no article objects; add one object per line or delete it")
        return pairs
    try:
        data = _load_json(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"malformed JSON: {exc}; fix the file (one object or a list of objects)") from exc
    if isinstance(data, dict):
        for key in ("articles", "items", "data", "results"):
            if isinstance(data.get(key), list) and not any(k in data for k in _TEXT_KEYS):
                data = data[key]
                break
    if isinstance(data, dict):
        return [(rel, data)]
    if isinstance(data, list) and data:
        for index, obj in enumerate(data, start=1):
            if not isinstance(obj, dict):
                raise IngestError(f"element {index} of the JSON list is not an object; each must be one article")
            pairs.append((f"{rel}#{index}", obj))
        return pairs
    raise IngestError("JSON holds no article object; expected an object or a list of objects with a 'text' field")


def _json_text(obj: Mapping[str, Any], where: str) -> tuple[str, _Meta | None, list[str]]:
    """The article text of a JSON object (HTML text goes through trafilatura)."""
    for key in (*_TEXT_KEYS, "html"):
        value = obj.get(key)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "\n\n".join(value)
        if isinstance(value, str) and value.strip():
            if key == "html" or _looks_like_html(value):
                text, meta, captions = _html_article_text(value)
                return text, meta, captions
            return _newlines(value), None, []
    raise IngestError(f"{where}: no article text; put it in a 'text', 'body' or 'content' field")


def _check_suffix(path: Path) -> str:
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise IngestError(
            f"unsupported file type {path.suffix or '(no extension)'!r}; save articles as {_SUPPORTED_LIST}"
        )
    return kind


def _fingerprint(raw: bytes, sidecar_raw: bytes | None) -> str:
    """sha256 of the file's bytes, plus its sidecar's when there is one."""
    digest = hashlib.sha256(raw)
    if sidecar_raw is not None:
        digest.update(b"\0")
        digest.update(sidecar_raw)
    return digest.hexdigest()


def _parse(raw: bytes, path: Path, rel: str, sidecar: _Meta | None, raw_sha: str) -> list[Article]:
    """Articles of one file from its raw bytes (the format chosen by extension)."""
    kind = _check_suffix(path)
    text, encoding = _decode(raw)
    extra: dict[str, Any] = {"format": kind}
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        extra["encoding"] = encoding
    metas: list[tuple[str, _Meta]] = [("sidecar", sidecar)] if sidecar else []

    if kind == "text":
        return [_build_article(text, rel, path.name, raw_sha, metas, extra)]
    if kind == "markdown":
        front, rest = _split_front_matter(text)
        if front is not None:
            metas.append(("front matter", _meta_from_mapping(front, "front matter")))
        return [_build_article(rest, rel, path.name, raw_sha, metas, extra)]
    if kind == "html":
        body_text, html_meta, captions = _html_article_text(text)
        metas.append(("html metadata", html_meta))
        if captions:
            extra["figure_captions"] = captions
        return [_build_article(body_text, rel, path.name, raw_sha, metas, extra)]
    articles = []
    for where, obj in _json_objects(text, rel, jsonl=kind == "jsonl"):
        obj_text, obj_html_meta, captions = _json_text(obj, where)
        obj_metas = [*metas, ("json", _meta_from_mapping(obj, where))]
        if obj_html_meta is not None:
            obj_metas.append(("html metadata", obj_html_meta))
        obj_extra = dict(extra, figure_captions=captions) if captions else dict(extra)
        try:
            articles.append(_build_article(obj_text, where, path.name, raw_sha, obj_metas, obj_extra))
        except IngestError as exc:
            raise IngestError(f"{where}: {exc.reason}") from exc
    return articles


def _relative(path: Path, corpus_dir: Path) -> str:
    try:
        return path.relative_to(corpus_dir).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(corpus_dir.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _open_error(exc: OSError, path: Path) -> IngestError:
    if exc.errno == errno.ELOOP:
        return IngestError("symlink loop: the link never reaches a file; remove or fix the link")
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return IngestError(f"broken symlink to {os.readlink(path)!r}; fix or remove the link")
    if isinstance(exc, PermissionError):
        return IngestError("permission denied; make the file readable by the pipeline's user (chmod a+r)")
    if isinstance(exc, IsADirectoryError):
        return IngestError("is a directory, not a file")
    return IngestError(f"cannot read the file ({exc.strerror or exc}); check it and run again")


def _read_bounded(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """Stat and read a regular file, refusing non-regular and oversized files before reading."""
    try:
        st = path.stat()
    except OSError as exc:
        raise _open_error(exc, path) from exc
    if stat.S_ISDIR(st.st_mode):
        raise IngestError("is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        what = "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "not a regular file (socket or device)"
        raise IngestError(f"{what}: only regular files are read; replace it with the article file")
    if st.st_size > max_bytes:
        raise IngestError(
            f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit (max_file_bytes); "
            "split it into articles or raise the limit"
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _open_error(exc, path) from exc
    if len(raw) > max_bytes:
        raise IngestError(f"file grew past the {max_bytes:,}-byte limit while being read; split it or raise the limit")
    return raw, st


def read_file(path: Path, corpus_dir: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[Article]:
    """Read one file (and its sidecar) into articles; raises IngestError on bad input."""
    path = Path(path)
    raw, _ = _read_bounded(path, max_file_bytes)
    _check_suffix(path)
    sidecar_path = sidecar_for(path)
    sidecar, side_raw = _read_sidecar(sidecar_path) if sidecar_path else (None, None)
    return _parse(raw, path, _relative(path, Path(corpus_dir)), sidecar, _fingerprint(raw, side_raw))


# ---------------------------------------------------------------------------------------------
# Scanning


def _walk(corpus_dir: Path, exclude: Sequence[Path] = ()) -> Iterator[tuple[Path, str | None]]:
    """(path, problem) for every candidate file, sorted, never entering a directory twice in a chain.

    `problem` is a reject reason for entries that cannot be walked (symlink loops, unreadable
    directories, links that lead out of the corpus, Dateline's own output in `exclude`);
    hidden entries and sidecars are skipped here.
    """
    real_root = Path(os.path.realpath(corpus_dir))
    fenced = [Path(os.path.realpath(p)) for p in exclude]

    def visit(directory: Path, ancestors: frozenset[tuple[int, int]]) -> Iterator[tuple[Path, str | None]]:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield directory, f"directory cannot be listed ({exc.strerror}); fix its permissions"
            return
        real_dir = Path(os.path.realpath(directory))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            real = Path(os.path.realpath(path)) if entry.is_symlink() else real_dir / entry.name
            problem = _outside(path, real_root) or _own_output(real, fenced)
            if problem is not None:
                yield path, problem
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                try:
                    st = path.stat()
                except OSError as exc:
                    yield path, _open_error(exc, path).reason
                    continue
                ident = (st.st_dev, st.st_ino)
                if ident in ancestors:
                    yield (
                        path,
                        (
                            f"symlink loop: this directory link points back to {os.readlink(path) if path.is_symlink() else path.name!r}, "
                            "which is already being walked; remove the link"
                        ),
                    )
                    continue
                yield from visit(path, ancestors | {ident})
                continue
            if _is_sidecar(entry.name):
                if not _sidecar_owner_exists(path):
                    yield path, "sidecar without its main file; add the article file next to it or delete the sidecar"
                continue
            side = sidecar_for(path)
            yield path, _outside(side, real_root, "its sidecar ") if side is not None else None

    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus_dir} does not exist or is not a directory")
    root = corpus_dir.stat()
    yield from visit(corpus_dir, frozenset({(root.st_dev, root.st_ino)}))


def _outside(path: Path, root: Path, what: str = "") -> str | None:
    """A reject reason when `path` is a link that resolves outside the corpus `root`.

    Links inside the corpus are fine (an article filed under two folders); a link out of it
    would put any file the pipeline's user can read (/etc/passwd) into the warehouse, the
    Parquet export and the report. Dangling links and loops are left to the read, which
    names them.
    """
    if not path.is_symlink() or not path.exists():
        return None
    target = Path(os.path.realpath(path))
    if target == root or target.is_relative_to(root):
        return None
    return (
        f"{what}symlink to {os.readlink(path)!r} resolves outside the corpus folder ({target}); "
        "links may only point inside the corpus: copy the file into the corpus or remove the link"
    )


def _own_output(real: Path, fenced: Sequence[Path]) -> str | None:
    """A reject reason when `real` (an entry's resolved path) is the warehouse or one of
    Dateline's output folders (report, Data Docs, Parquet export, staging): never read as
    articles, wherever the settings put them."""
    if any(real == f or real.is_relative_to(f) for f in fenced):
        return "Dateline's own output (warehouse, report, Data Docs or Parquet export), not read as articles; move it out of the corpus folder"
    return None


def _reject(rel: str, reason: str, state: FileState | None) -> FileOutcome:
    return FileOutcome(
        state=state, status="rejected", articles=[], reject=Reject(stage="ingest", source_path=rel, reason=reason)
    )


def scan_corpus(
    corpus_dir: Path,
    known: Mapping[str, FileState],
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    exclude: Sequence[Path] = (),
) -> Iterator[FileOutcome]:
    """Walk `corpus_dir` and yield one outcome per file, one file at a time.

    Links that resolve outside the corpus and the paths in `exclude` (Dateline's own output)
    are rejected, never read.

    `known` holds the states recorded after earlier successful reads. A file whose size and
    mtime (with its sidecar's) match is 'unchanged' without being read; if they differ but
    the bytes hash the same it is 'unchanged' with a refreshed state. Bad files yield
    'rejected' with a reason and the scan goes on; record only non-rejected states, so a fixed
    file is read again next run.
    """
    corpus_dir = Path(corpus_dir)
    for path, problem in _walk(corpus_dir, exclude):
        rel = _relative(path, corpus_dir)
        if problem is not None:
            yield _reject(rel, problem, None)
            continue
        yield _scan_guarded(path, rel, known.get(rel), max_file_bytes)


class _Unexpected(Exception):
    """An exception other than IngestError while reading a file, with the stage it hit."""

    def __init__(self, stage: str, error: Exception) -> None:
        super().__init__(stage)
        self.stage = stage
        self.error = error


@contextlib.contextmanager
def _stage(name: str) -> Iterator[None]:
    try:
        yield
    except (IngestError, _Unexpected):
        raise
    except Exception as exc:
        raise _Unexpected(name, exc) from exc


def _scan_guarded(path: Path, rel: str, known: FileState | None, max_file_bytes: int) -> FileOutcome:
    """`_scan_one`, with an unexpected exception turned into a reject of this file alone:
    a safety net (each cause found is fixed where it arises), never a reason to stop the scan."""
    try:
        with _stage("scan"):
            return _scan_one(path, rel, known, max_file_bytes)
    except _Unexpected as exc:
        name = type(exc.error).__name__
        reason = (f"reading the file failed unexpectedly: {name}: {exc.error}; "
                  "please report it with the file (it is retried when it changes)")
        # a state, so the run counts the file as seen: its articles already in the warehouse stay active
        return FileOutcome(state=FileState(rel, 0, 0, ""), status="rejected", articles=[],
                           reject=Reject(stage=exc.stage, source_path=rel, reason=reason[:2000], error_type=name))


def corpus_files(corpus_dir: Path, exclude: Sequence[Path] = ()) -> set[str]:
    """The relative paths a scan would read, without reading them (a cheap look before a run)."""
    return {_relative(path, corpus_dir) for path, problem in _walk(Path(corpus_dir), exclude) if problem is None}


def _scan_one(path: Path, rel: str, known: FileState | None, max_file_bytes: int) -> FileOutcome:
    try:
        st = path.stat()
    except OSError as exc:
        return _reject(rel, _open_error(exc, path).reason, None)
    sidecar_path = sidecar_for(path) if stat.S_ISREG(st.st_mode) else None
    size, mtime = st.st_size, st.st_mtime_ns
    side_st = None
    if sidecar_path is not None:
        try:
            side_st = sidecar_path.stat()
            size += side_st.st_size
            mtime = max(mtime, side_st.st_mtime_ns)
        except OSError:
            side_st = None
    if known is not None and known.size == size and known.mtime_ns == mtime and stat.S_ISREG(st.st_mode):
        return FileOutcome(state=known, status="unchanged")
    state = FileState(rel, size, mtime, "")
    try:
        raw, _ = _read_bounded(path, max_file_bytes)
        _check_suffix(path)
        with _stage("decode"):
            sidecar_meta, side_raw = _read_sidecar(sidecar_path) if sidecar_path else (None, None)
        state.file_sha256 = _fingerprint(raw, side_raw)
        if known is not None and known.file_sha256 == state.file_sha256:
            return FileOutcome(state=state, status="unchanged")
        with _stage("decode"):
            articles = _parse(raw, path, rel, sidecar_meta, state.file_sha256)
    except IngestError as exc:
        return _reject(rel, exc.reason, state)
    for article in articles:
        if sidecar_path is not None:
            article.extra.setdefault("sidecar", _relative(sidecar_path, path.parent))
    return FileOutcome(state=state, status="changed" if known is not None else "new", articles=articles)
