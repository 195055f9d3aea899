"""Title-case headlines in sentence case before parsing (rules and words: schemas/headlines.yaml).

"Nicaragua Arrests 7th Presidential Contender" reads to the tagger as five names, so the
arrest is lost; "Nicaragua arrests 7th presidential contender" parses. Only letter case
changes, so the text keeps its length and every offset; extraction then takes the stored
texts from the article as written (`restore_texts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.models import ActorRef, Extraction
from pipeline.settings import SCHEMAS_DIR

HEADLINES_FILE = SCHEMAS_DIR / "headlines.yaml"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_SENTENCE_END = ('.', '?', '!', '"', '”', ':', ';', ',')


@dataclass(frozen=True)
class HeadlineRules:
    min_words: int
    max_words: int
    min_common: int
    common: frozenset[str]

    def is_common(self, word: str) -> bool:
        """A common word, or an inflection of one ("Attacks", "Declared", "Rallies")."""
        w = word.lower()
        stems = {w, w[:-1], w[:-2], w[:-3], w[:-2] + "e", w[:-3] + "e", w[:-3] + "y", w[:-1] + "e"}
        return any(s in self.common for s in stems if len(s) >= 2) or w in STOP_WORDS


@lru_cache(maxsize=4)
def rules(extra: frozenset[str] = frozenset()) -> HeadlineRules:
    data: dict[str, Any] = yaml.safe_load(HEADLINES_FILE.read_text(encoding="utf-8")) or {}
    common = frozenset(str(w).lower() for w in data.get("common_words") or []) | extra
    return HeadlineRules(int(data["min_words"]), int(data["max_words"]), int(data["min_common"]), common)


def examples() -> list[dict[str, str]]:
    return list((yaml.safe_load(HEADLINES_FILE.read_text(encoding="utf-8")) or {}).get("examples") or [])


def sentence_case(text: str, rules: HeadlineRules, known: Callable[[str], bool] = lambda _w: False) -> str:
    """`text` with each title-case line's common words in lower case (same length)."""
    out = []
    for line in text.split("\n"):
        out.append(_line(line, rules, known))
    return "\n".join(out)


def _line(line: str, rules: HeadlineRules, known: Callable[[str], bool]) -> str:
    words = list(_WORD.finditer(line))
    stripped = line.rstrip()
    if not rules.min_words <= len(words) <= rules.max_words or stripped.endswith(_SENTENCE_END):
        return line
    later = [m for m in words[1:] if m.group()[0].isupper() and len(m.group()) > 1 and not m.group().isupper()]
    lowered = [m for m in later if rules.is_common(m.group()) and not known(m.group())]
    small = [m for m in words[1:] if m.group()[0].islower()]
    if len(lowered) < rules.min_common or len(small) > len(later):
        return line  # a sentence, or a line of names
    chars = list(line)
    for m in lowered:
        chars[m.start()] = chars[m.start()].lower()
    return "".join(chars)


def vocabulary_words(event_words: Iterable[str], descriptions: Iterable[str]) -> frozenset[str]:
    """The event-type and actor-description words that count as common in headlines."""
    return frozenset(w.lower() for w in [*event_words, *descriptions] if " " not in w)


def restore_texts(ex: Extraction, body: str) -> None:
    """Stored texts as the article has them, not as the parser read them."""
    for m in ex.mentions:
        m.sentence_text = body[m.sentence_start:m.sentence_start + len(m.sentence_text)]
        m.trigger_text = body[m.trigger_start:m.trigger_end]
        if m.theme_start is not None and m.theme_end is not None:
            m.theme_text = body[m.theme_start:m.theme_end]
        for ref in (m.source, m.target):
            if ref is not None:
                _restore_ref(ref, body)
    for t in ex.time_expressions:
        t.text = body[t.start_char:t.end_char]


def _restore_ref(ref: ActorRef, body: str) -> None:
    ref.text = body[ref.start_char:ref.end_char]
