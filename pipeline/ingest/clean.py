"""Boilerplate removal: navigation, promos, credits, legal footers and embedded JSON leave the body.

Why: every offset downstream refers to `Article.body`, so cleaning only drops whole lines
(rules in `schemas/boilerplate.yaml`) and never rewrites the article's own characters.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.ingest.dateline import _LEAD_SYMBOLS
from pipeline.ingest.decode import MAX_JSON_DEPTH, _repair_surrogates
from pipeline.settings import SCHEMAS_DIR
from pipeline.yaml_files import read_yaml

BOILERPLATE_FILE = SCHEMAS_DIR / "boilerplate.yaml"
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
    numbered_menu_min_run: int = 3
    menu_small_words: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def _load_boilerplate(path: Path = BOILERPLATE_FILE) -> _Boilerplate:
    """Compile the boilerplate rules in `schemas/boilerplate.yaml` once per process."""
    data = read_yaml(path)
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
        numbered_menu_min_run=int(data.get("numbered_menu_min_run", 3)),
        menu_small_words=frozenset(str(w) for w in data.get("menu_small_words", [])),
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
    menus = _numbered_menus(lines, rules)
    i = 0
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if i in menus:
            removed[i] = True
            out.removed.append(stripped)
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
_NUMBERED = re.compile(r"\s*\d{1,3}[.)]\s+(?P<rest>\S.*)$")


def _numbered_menus(lines: list[str], rules: _Boilerplate) -> set[int]:
    """Lines of runs of numbered menu items (blank lines between them do not break a run)."""
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if not line.strip() and i < len(lines):
            continue
        if i < len(lines) and _menu_item(line, rules):
            run.append(i)
            continue
        if len(run) >= rules.numbered_menu_min_run:
            out.update(run)
        run = []
    return out


def _menu_item(line: str, rules: _Boilerplate) -> bool:
    """A numbered line of a few title-case words without sentence punctuation ("4. Health Report")."""
    m = _NUMBERED.match(line)
    if m is None:
        return False
    rest = m.group("rest").strip()
    words = rest.split()
    if len(words) > rules.short_bullet_max_words or re.search(r"[.!?:;,]$", rest):
        return False
    return all(not w[0].isalpha() or w[0].isupper() or w.lower() in rules.menu_small_words for w in words)


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
