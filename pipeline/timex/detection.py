"""Detection: a spaCy component with token patterns for what the statistical NER misses
(seasons, "now"/"recently", ranges, numeric dates, fiscal quarters, "days later"...).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import LOWER, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from pipeline.settings import load_settings
from pipeline.timex.lexicon import (
    DETECTED_REFERENCES,
    DETECTED_UNITS,
    HOLIDAYS,
    MONTH_ABBREVS,
    MONTH_NAMES,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    SET_ADJECTIVES,
    SET_ADVERBS,
    SPOKEN_CENTURIES,
    SPOKEN_DECADES,
    SPOKEN_MILLENNIUM,
    UNIT_MODIFIERS,
    UNIT_PLURALS,
    UNIT_WORDS,
    VAGUE_DURATIONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
)
from pipeline.yaml_files import read_yaml

COMPONENT = "dateline_timex"
SPAN_KEY = "dateline_timex"
LINES_COMPONENT = "dateline_line_breaks"


def _phrase_words(phrase: str) -> list[str]:
    """A lexicon phrase as spaCy's English tokenizer splits it ("new year's day": new, year, 's, day)."""
    return phrase.lower().replace("'s", " 's").split()


def _phrase_patterns(phrases: list[str]) -> list[list[dict[str, object]]]:
    return [[{"LOWER": w} for w in _phrase_words(p)] for p in phrases]


PATTERNS_FILE = "patterns.yaml"
_Pattern = list[dict[str, object]]


def _lexicon_lists() -> dict[str, list[str]]:
    """The lexicon's word lists a pattern file may name as `$name` inside an `IN` list."""
    units = list(DETECTED_UNITS)
    return {"month_names": MONTH_NAMES + MONTH_ABBREVS, "weekday_names": WEEKDAY_NAMES,
            "parts_of_day": list(PARTS_OF_DAY), "units": units, "unit_plurals": [UNIT_PLURALS[u] for u in units],
            "set_adverbs": list(SET_ADVERBS), "set_adjectives": sorted(SET_ADJECTIVES), "spoken_centuries": SPOKEN_CENTURIES,
            "spoken_decades": list(SPOKEN_DECADES), "unit_modifiers": UNIT_MODIFIERS,
            "number_ones": [w for w, n in NUMBER_WORDS.items() if 1 <= n <= 9],
            "number_teens": [w for w, n in NUMBER_WORDS.items() if 10 <= n <= 19],
            "number_tens": [w for w, n in NUMBER_WORDS.items() if n in range(20, 100, 10)],
            "ordinals": list(ORDINALS)}


def _expand(value: Any, lists: dict[str, list[str]]) -> Any:
    """Replace `$name` items of `IN` lists by the lexicon's words, recursively."""
    if isinstance(value, dict):
        return {k: _expand(v, lists) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if isinstance(item, str) and item.startswith("$"):
                out.extend(lists[item[1:]])
            else:
                out.append(_expand(item, lists))
        return out
    return value


def _pattern(items: list[Any], tokens: dict[str, Any]) -> _Pattern:
    """One pattern: named tokens (one spec, or a list of specs) and inline specs, in order."""
    out: _Pattern = []
    for item in items:
        spec = tokens[item] if isinstance(item, str) else item
        out.extend(spec if isinstance(spec, list) else [spec])
    return out


def load_patterns(path: Path) -> dict[str, Any]:
    """The pattern file as read (labels with their `examples:`)."""
    data: dict[str, Any] = read_yaml(path)
    return data


def _token_patterns() -> list[tuple[str, list[_Pattern]]]:
    """Token patterns for what the statistical NER misses, from `schemas/timex/patterns.yaml`
    and the lexicon's detected vague references and holidays; each label is filtered later."""
    data = load_patterns(load_settings().timex_dir / PATTERNS_FILE)
    lists = _lexicon_lists()
    tokens = _expand(data["tokens"], lists)
    out: list[tuple[str, list[_Pattern]]] = []
    for label, entry in data["labels"].items():
        pats = [_pattern(_expand(p, lists), tokens) for p in entry.get("patterns", [])]
        if label == "REF":
            pats = [*_phrase_patterns(DETECTED_REFERENCES), *pats]
        elif label == "HOLIDAY":
            pats = [[*p, {"SHAPE": "dddd", "OP": "?"}] for p in _phrase_patterns(list(HOLIDAYS))]
        out.append((label, pats))
    return out


def _left_words() -> dict[str, set[str]]:
    data = load_patterns(load_settings().timex_dir / PATTERNS_FILE)
    return {label: set(e["left_words"]) for label, e in data["labels"].items() if e.get("left_words")}


# words a rule match may take on its left ("the spring of 2023", "last Monday", "early 2022")
_LEFT_WORDS = _left_words()


def _extend_left(doc: Doc, s: int, label: str) -> int:
    words = _LEFT_WORDS.get(label)
    if not words:
        return s
    s0 = s
    while s > 0 and doc[s - 1].lower_ in words:
        if doc[s - 1].lower_ == "the" and (doc[s].lower_ in _MONTH_WORDS or (label == "DAY" and s == s0)):
            break  # "the Nov. 2 shooting", "the Friday prayers": TimeML leaves the article out of a date
        s -= 1
    return s


_MONTH_WORDS = set(MONTHS) | {a.lower() for a in MONTH_ABBREVS}


_MATCHERS: dict[int, Matcher] = {}


def _matcher(vocab: Vocab) -> Matcher:
    key = id(vocab)
    m = _MATCHERS.get(key)
    if m is None:
        m = Matcher(vocab)
        for label, pats in _token_patterns():
            m.add(label, pats)
        _MATCHERS[key] = m
    return m


_CORE_WORDS = (set(MONTHS) | {a.lower() for a in MONTH_ABBREVS} | set(WEEKDAYS) | {w + "s" for w in WEEKDAYS} | set(SEASONS) | UNIT_WORDS | set(SET_ADVERBS)
               | {w for p in [*HOLIDAYS, SPOKEN_MILLENNIUM] for w in _phrase_words(p)}
               | {_phrase_words(p)[-1] for p in DETECTED_REFERENCES}  # "the near term": not every "the"
               | {_phrase_words(p)[-1] for p in VAGUE_DURATIONS}  # "for a while"
               | set(SPOKEN_CENTURIES) | set(SPOKEN_DECADES)
               | {"a.m.", "p.m.", "am", "pm", "o'clock", "utc", "gmt", "midday", "today", "tonight", "yesterday", "tomorrow", "now", "currently", "recently", "nowadays", "presently",
                  "lately", "present", "future", "past", "noon", "midnight", "fiscal", "fy", "q1", "q2", "q3", "q4", "period",
                  "h1", "h2", "half", "morning", "afternoon", "evening", "night", "overnight"})
_CORE_SHAPES = {"dddd", "d:dd", "dd:dd", "ddddx", "ddx", "xxx-dddd", "XXdddd", "XX-dddd", "XXdd", "XX-dd",
                "dddd–dddd", "dddd-dddd", "dddd—dddd", "dddd–dd", "dddd—dd"} | {
    f"{a}{sep}{b}{sep}{c}" for a in ("d", "dd") for b in ("d", "dd") for c in ("dd", "dddd") for sep in ("/", ".")}
_WINDOW = 5  # tokens around a core word that a pattern may need ("a few days later", "between 2014 and")


def _core_hashes() -> tuple[np.ndarray, np.ndarray]:
    strings = StringStore()  # string hashes are the same in every vocabulary
    return (np.array(sorted(strings.add(w) for w in _CORE_WORDS), dtype=np.uint64),
            np.array(sorted(strings.add(w) for w in _CORE_SHAPES), dtype=np.uint64))


_CORE_LOWER, _CORE_SHAPE = _core_hashes()


def _rule_spans(doc: Doc) -> list[Span]:
    """Run the matcher only around words that can be part of a time expression: the matcher's
    cost grows with tokens x patterns, and most of an article has no date in it."""
    if not len(doc):
        return []
    arr = doc.to_array([LOWER, SHAPE])
    core = np.flatnonzero(np.isin(arr[:, 0], _CORE_LOWER) | np.isin(arr[:, 1], _CORE_SHAPE))
    matcher = _matcher(doc.vocab)
    out: list[Span] = []
    seen: set[tuple[int, int, int]] = set()
    n = len(doc)
    k = 0
    while k < len(core):
        a = max(0, int(core[k]) - _WINDOW)
        b = min(n, int(core[k]) + _WINDOW + 1)
        k += 1
        while k < len(core) and int(core[k]) - _WINDOW <= b:
            b = min(n, int(core[k]) + _WINDOW + 1)
            k += 1
        for mid, s, e in matcher(doc[a:b]):
            key = (mid, a + s, a + e)
            if key in seen:
                continue
            seen.add(key)
            label = doc.vocab.strings[mid]
            out.append(Span(doc, _extend_left(doc, a + s, label), a + e, label=mid))
    return out


@Language.factory(COMPONENT)
def _make_component(nlp: Language, name: str) -> _TimexRules:
    return _TimexRules(nlp.vocab)


class _TimexRules:
    """Pipeline component: stores rule matches in doc.spans[SPAN_KEY] (NER is left alone)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = _rule_spans(doc)
        return doc


@Language.component(LINES_COMPONENT)
def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: titles and datelines are not part of the first sentence.

    Without this the parser reads "Title\nJune 8, 2010\nYesterday, Jobs unveiled..." as one
    sentence and attaches the dateline and "Yesterday" to the title's noun."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if ("\n" in prev.text or "\n" in prev.whitespace_) and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


def install(nlp: Language) -> None:
    """Add the time-expression rule component after NER and the line-break splitter before the
    parser (both idempotent)."""
    if LINES_COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(LINES_COMPONENT, before="parser")
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
