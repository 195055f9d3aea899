"""Detection: a spaCy component with token patterns for what the statistical NER misses
(seasons, "now"/"recently", ranges, numeric dates, fiscal quarters, "days later"...).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LOWER, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from pipeline.timex.lexicon import (
    DETECTED_REFERENCES,
    DETECTED_UNITS,
    HOLIDAYS,
    MONTH_ABBREVS,
    MONTH_NAMES,
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    SET_ADVERBS,
    UNIT_PLURALS,
    UNIT_WORDS,
    WEEKDAY_NAMES,
    WEEKDAYS,
)

COMPONENT = "dateline_timex"
SPAN_KEY = "dateline_timex"
LINES_COMPONENT = "dateline_line_breaks"


def _phrase_words(phrase: str) -> list[str]:
    """A lexicon phrase as spaCy's English tokenizer splits it ("new year's day": new, year, 's, day)."""
    return phrase.lower().replace("'s", " 's").split()


def _phrase_patterns(phrases: list[str]) -> list[list[dict[str, object]]]:
    return [[{"LOWER": w} for w in _phrase_words(p)] for p in phrases]


def _token_patterns() -> list[tuple[str, list[list[dict[str, object]]]]]:
    """Token patterns for what the statistical NER misses; each label is filtered later.

    Patterns start with a required, specific token and test shapes and word lists, never
    regular expressions: the matcher then costs little next to the parser. A leading "the",
    "last" or "early" is added afterwards by `_extend_left`."""
    year: dict[str, object] = {"SHAPE": "dddd"}
    mon: dict[str, object] = {"ORTH": {"IN": MONTH_NAMES + MONTH_ABBREVS}}
    daynum: dict[str, object] = {"SHAPE": {"IN": ["d", "dd", "dxx", "ddxx"]}}
    comma: dict[str, object] = {"ORTH": ",", "OP": "?"}
    season: dict[str, object] = {"LOWER": {"IN": ["spring", "summer", "autumn", "winter", "fall"]}}
    part: dict[str, object] = {"LOWER": {"IN": list(PARTS_OF_DAY)}, "OP": "?"}
    units_sg = list(DETECTED_UNITS)
    units_pl = [UNIT_PLURALS[u] for u in units_sg]
    unit: dict[str, object] = {"LOWER": {"IN": units_sg + units_pl}}
    relation: dict[str, object] = {"LOWER": {"IN": ["later", "earlier", "ago", "before", "after", "afterwards"]}}
    numlike: dict[str, object] = {"LIKE_NUM": True}
    vague: dict[str, object] = {"LOWER": {"IN": ["a", "an", "several", "few", "many", "some", "couple"]}}
    deictic: dict[str, object] = {"LOWER": {"IN": ["this", "last", "next", "past", "previous", "coming", "current",
                                                  "following", "same", "that"]}}
    cal_units: dict[str, object] = {"LOWER": {"IN": ["week", "weekend", "month", "quarter", "year", "decade",
                                                    "century", "day"]}}
    ordq: dict[str, object] = {"LOWER": {"IN": ["first", "second", "third", "fourth", "final", "last", "1st", "2nd",
                                               "3rd", "4th"]}}
    fiscal: dict[str, object] = {"LOWER": {"IN": ["fiscal", "financial", "calendar"]}, "OP": "?"}
    dash: dict[str, object] = {"ORTH": {"IN": ["-", "–", "—"]}}
    to: dict[str, object] = {"LOWER": {"IN": ["to", "and", "until", "through", "till"]}}
    numeric_dates = [f"{a}{sep}{b}{sep}{c}" for a in ("d", "dd") for b in ("d", "dd") for c in ("dd", "dddd")
                     for sep in ("/", ".")]
    return [
        ("REF", [*_phrase_patterns(DETECTED_REFERENCES),
                 [{"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": "near", "OP": "?"}, {"LOWER": {"IN": ["future", "past"]}}]]),
        ("HOLIDAY", [[*p, {"SHAPE": "dddd", "OP": "?"}] for p in _phrase_patterns(list(HOLIDAYS))]),
        ("DAY", [[{"LOWER": {"IN": ["today", "tonight", "yesterday", "tomorrow"]}}, part],
                 [{"LOWER": {"IN": ["this", "last"]}}, {"LOWER": {"IN": list(PARTS_OF_DAY)}}],
                 [{"ORTH": {"IN": WEEKDAY_NAMES}}, part]]),
        ("REL", [[deictic, cal_units],
                 [{"LOWER": {"IN": ["day", "week", "month", "year"]}}, {"LOWER": {"IN": ["before", "after", "earlier", "later"]}}],
                 [{"LOWER": {"IN": ["beginning", "start", "end", "middle"]}}, {"LOWER": "of"},
                  {"LOWER": {"IN": ["the", "this", "that", "last", "next"]}}, {"LOWER": {"IN": ["year", "month", "week", "decade"]}}],
                 [{"LOWER": {"IN": ["beginning", "start", "end", "middle"]}}, {"LOWER": "of"}, year],
                 [{"LOWER": {"IN": ["early", "late", "mid"]}}, {"ORTH": "-", "OP": "?"}, year],
                 [{"SHAPE": "xxx-dddd"}]]),
        ("SEASON", [[season, {"LOWER": "of", "OP": "?"}, year],
                    [{"LOWER": {"IN": ["this", "last", "next", "past", "coming"]}}, season],
                    [{"LOWER": {"IN": ["spring", "summer", "autumn", "winter"]}}],
                    [season, {"LOWER": "of"}, {"LOWER": {"IN": ["that", "this", "last", "next", "the"]}},
                     {"LOWER": {"IN": ["same", "following", "previous"]}, "OP": "?"}, {"LOWER": "year"}]]),
        ("DATE", [[mon, daynum, comma, year], [daynum, mon, comma, year], [mon, daynum], [daynum, mon],
                  [mon, comma, year], [daynum, {"LOWER": "of"}, mon, comma, year], [daynum, {"LOWER": "of"}, mon],
                  [{"SHAPE": {"IN": numeric_dates}}],
                  [year, {"ORTH": "-"}, {"SHAPE": "dd"}, {"ORTH": "-"}, {"SHAPE": "dd"}],
                  [{"LOWER": {"IN": ["fiscal", "fy"]}}, {"LOWER": "year", "OP": "?"}, year],
                  [{"SHAPE": {"IN": ["XXdddd", "XX-dddd", "XXdd", "XX-dd"]}}],
                  [{"SHAPE": "ddddx"}],
                  [{"ORTH": "'"}, {"SHAPE": "ddx"}]]),
        ("MONTH", [[mon]]),
        ("YEAR", [[year]]),
        ("RANGE", [[{"SHAPE": {"IN": ["dddd–dddd", "dddd-dddd", "dddd—dddd", "dddd–dd", "dddd—dd"]}}],
                   [{"LOWER": {"IN": ["from", "between"]}}, year, to, year],
                   [year, dash, year],
                   [{"LOWER": {"IN": ["from", "between"]}}, mon, to, mon, year]]),
        ("QUARTER", [[{"LOWER": "first"}, {"LOWER": {"IN": ["three", "six", "nine", "3", "6", "9"]}}, {"LOWER": "months"},
                      {"LOWER": "of"}, {"LOWER": {"IN": ["the", "this", "last", "fiscal"]}}, {"LOWER": "year"}],
                     [{"LOWER": "first"}, {"LOWER": {"IN": ["three", "six", "nine", "3", "6", "9"]}}, {"LOWER": "months"},
                      {"LOWER": "of"}, year],
                     [ordq, fiscal, {"LOWER": {"IN": ["quarter", "half"]}}],
                     [ordq, fiscal, {"LOWER": {"IN": ["quarter", "half"]}}, {"LOWER": "of"}, fiscal, year],
                     [ordq, fiscal, {"LOWER": {"IN": ["quarter", "half"]}}, {"LOWER": "of"},
                      {"LOWER": {"IN": ["the", "this", "last", "next", "that"]}}, fiscal, {"LOWER": "year"}],
                     [{"SHAPE": "Xd", "ORTH": {"IN": ["Q1", "Q2", "Q3", "Q4", "H1", "H2"]}}, {"ORTH": "-", "OP": "?"}, year],
                     [{"SHAPE": "Xd", "ORTH": {"IN": ["Q1", "Q2", "Q3", "Q4", "H1", "H2"]}}]]),
        ("DUR", [[{"LOWER": {"IN": units_pl}}, relation],
                 [numlike, {"ORTH": "-", "OP": "?"}, unit, relation],
                 [numlike, {"LOWER": "and"}, {"LOWER": "a"}, {"LOWER": "half"}, unit, relation],
                 [vague, unit, relation], [{"LOWER": "a"}, {"LOWER": {"IN": ["few", "couple"]}}, {"LOWER": "of", "OP": "?"}, unit, relation],
                 [numlike, {"ORTH": "-", "OP": "?"}, unit],
                 [numlike, {"LOWER": {"IN": ["consecutive", "straight", "successive", "full", "more", "additional"]}}, unit],
                 [numlike, {"LOWER": "and"}, {"LOWER": "a"}, {"LOWER": "half"}, unit],
                 [{"LOWER": "recent"}, {"LOWER": {"IN": units_pl}}],
                 [{"LOWER": {"IN": ["for", "within", "about", "nearly", "almost", "than", "after"]}},
                  {"LOWER": {"IN": ["a", "an"]}}, {"LOWER": {"IN": units_sg}}],
                 [{"LOWER": {"IN": ["past", "last", "next", "coming"]}}, {"LOWER": {"IN": ["few", "several"]}},
                  {"LOWER": {"IN": units_pl}}],
                 [{"LOWER": "over"}, {"LOWER": "the"}, {"LOWER": "years"}]]),
        ("SET", [[{"LOWER": {"IN": ["every", "each"]}}, {"LIKE_NUM": True, "OP": "?"}, unit],
                 [{"LOWER": {"IN": ["a", "per"]}}, {"LOWER": {"IN": ["day", "week", "month", "year"]}}],
                 [{"LOWER": {"IN": list(SET_ADVERBS)}, "POS": "ADV"}]]),
        ("TIME", [[{"SHAPE": {"IN": ["d:dd", "dd:dd"]}}, {"LOWER": {"IN": ["a.m.", "p.m.", "am", "pm"]}, "OP": "?"},
                   {"ORTH": {"IN": ["UTC", "GMT", "Z"]}, "OP": "?"}],
                  [{"SHAPE": {"IN": ["d", "dd"]}}, {"LOWER": {"IN": ["a.m.", "p.m.", "am", "pm", "o'clock"]}}],
                  [{"LOWER": {"IN": ["noon", "midnight", "midday"]}}]]),
    ]


# words a rule match may take on its left ("the spring of 2023", "last Monday", "early 2022")
_LEFT_WORDS: dict[str, set[str]] = {
    "SEASON": {"the", "early", "late", "mid", "very"},
    "REL": {"the", "early", "late", "earlier", "later", "very", "this"},
    "QUARTER": {"the"},
    "DATE": {"the", "early", "late", "mid"},
    "DAY": {"last", "next", "this", "past", "coming", "early", "late"},
    "DUR": {"the"},
}


def _extend_left(doc: Doc, s: int, label: str) -> int:
    words = _LEFT_WORDS.get(label)
    if not words:
        return s
    while s > 0 and doc[s - 1].lower_ in words:
        s -= 1
    return s


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


_CORE_WORDS = (set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | UNIT_WORDS | set(SET_ADVERBS)
               | {w for p in [*DETECTED_REFERENCES, *HOLIDAYS] for w in _phrase_words(p)}
               | {"a.m.", "p.m.", "am", "pm", "o'clock", "utc", "gmt", "midday", "today", "tonight", "yesterday", "tomorrow", "now", "currently", "recently", "nowadays", "presently",
                  "lately", "present", "future", "past", "noon", "midnight", "fiscal", "fy", "q1", "q2", "q3", "q4",
                  "h1", "h2", "half", "morning", "afternoon", "evening", "night"})
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
