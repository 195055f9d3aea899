"""The normalisation grammar: an expression's text -> a frame (`_Sem`).

Written here rather than delegated to dateparser because TIMEX3 needs granularity (a month
stays a month, a season a season) and dateparser answers every question with a day; it is
also ~8x slower per expression.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from pipeline.models import TimeExpression
from pipeline.timex.anchoring import _resolve
from pipeline.timex.arithmetic import _duration_value
from pipeline.timex.calendar_rules import _parse_cal
from pipeline.timex.frames import _Ctx, _Sem
from pipeline.timex.lexicon import (
    _YEAR_RE,
    COUPLE_AMOUNTS,
    FUTURE_REF_WORDS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    PAST_REF_WORDS,
    PERIOD_ENDS,
    PRESENT_REF_WORDS,
    SET_ADVERBS,
    SPAN_MODIFIERS,
    SPAN_SUFFIXES,
    SUFFIX_UNITS,
    UNIT_SPELLINGS,
    VAGUE_AMOUNTS,
    VAGUE_DURATIONS,
    WEEKDAYS,
    alternation,
)
from pipeline.timex.words import _APPROX, _MON, _NUM, _PART, _UNIT, _UNIT_MOD, _WD, _Y, _prep


def _parse(text: str) -> _Sem | None:
    """Read a time expression; None when it is not one we understand (a fresh copy: callers
    may annotate it)."""
    sem = _parse_cached(text)
    return replace(sem) if sem is not None else None


def names_a_calendar_date(text: str) -> bool:
    """Does the text name a date of the calendar by its month or year ("2024-03-01", "March 5",
    "Feb. 24, 2022", "2023")? A weekday or "last week" alone does not."""
    sem = _parse_cached(text)
    return sem is not None and sem.kind == "cal" and (sem.month is not None or sem.year is not None)


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> _Sem | None:
    raw = _prep(text)
    if not raw:
        return None
    sem = _parse_numeric(raw)
    if sem is not None:
        return sem
    m = _NTH_UNIT.fullmatch(re.sub(r"\s+", " ", text.lower().strip()))  # the words, before _prep makes "eighth" 8
    if m:  # "today is the eighth day of the siege", "the war, now in its 20th year": a date, no length
        return _Sem("cal", rel="nth", unit=m.group(1))
    if re.fullmatch(r"year-(?:ago|earlier)", raw):  # "compared with year-earlier profit": the period in focus, a year back
        return _Sem("cal", rel="focus", unit="year-ago")
    s = re.sub(r"(?<=[a-z])-(?=[a-z\d])|(?<=\d)-(?=[a-z])", " ", raw)  # mid-2011, 27-year, decades-long
    s = re.sub(r"^(this|last|next) year's (?=.)", r"\1 year ", s)
    rng = _parse_range(s)
    if rng is not None:
        return rng
    return _parse_words(s)


# an ordinal day, week, month or year of something ("the eighth day", "its 20th year"): the unit
# the story is on (anchoring: `_nth_unit`), counted from when that something began
_NTH_UNIT = re.compile(r"(?:(?:the|its|his|her|their|our) )?(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True))
                       + r"|\d+(?:st|nd|rd|th)) (day|week|month|year)")


def _parse_numeric(s: str) -> _Sem | None:
    m = re.fullmatch(_MON + r" (\d{1,2}) ?- ?(\d{1,2}),?(?: (\d{4}))?", s)
    if m:  # "March 15-17": a range of days
        mon, d1, d2 = MONTHS[m.group(1)], int(m.group(2)), int(m.group(3))
        ry = int(m.group(4)) if m.group(4) else None
        if 1 <= d1 < d2 <= 31:
            return _Sem("range", value=f"P{d2 - d1}D",
                        parts=(_Sem("cal", year=ry, month=mon, day=d1), _Sem("cal", year=ry, month=mon, day=d2)))
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return _Sem("cal", year=int(m.group(1)), month=int(m.group(2)), day=int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})", s)
    if m:
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if sep == "." and len(y) == 2:
            return None  # 2.6.32 is a version number
        year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
        month, day = (b, a) if sep == "." or a > 12 else (a, b)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return _Sem("cal", year=year, month=month, day=day)
    m = re.fullmatch(r"(?:from |between )?(\d{4}) ?(?:-|to|and|until|through) ?(\d{4}|\d{2})", s)
    if m:
        y1 = int(m.group(1))
        y2 = int(m.group(2)) if len(m.group(2)) == 4 else (y1 // 100) * 100 + int(m.group(2))
        if _YEAR_RE.match(str(y1)) and y1 < y2 <= y1 + 200:
            return _Sem("range", value=f"P{y2 - y1}Y", parts=(_Sem("cal", year=y1), _Sem("cal", year=y2)))
    return None


def _parse_range(s: str) -> _Sem | None:
    m = re.fullmatch(r"(?:from|between) (.+?) (?:to|and|until|through|till|-) (.+)", s) or re.fullmatch(
        r"(.+?) (?:to|until|through|till|-) (.+)", s)
    if not m:
        return None
    a, b = _parse_words(m.group(1)), _parse_words(m.group(2))
    if a is None or b is None or a.kind != "cal" or b.kind != "cal":
        return None
    if a.year is None and b.year is not None and a.month and b.month:  # from January to March 2008
        a.year = b.year if a.month <= b.month else b.year - 1
    if a.month and b.day and not b.month:  # "June 1-5"
        b.month = a.month
    if a.year is not None and b.year is not None and not a.month and not b.month:
        if b.year <= a.year:
            return None
        return _Sem("range", value=f"P{b.year - a.year}Y", parts=(a, b))
    if a.month and b.month and not a.day and not b.day:
        if a.year is not None and b.year is not None:
            k = (b.year * 12 + b.month) - (a.year * 12 + a.month)
        else:
            k = (b.month - a.month) % 12
        return _Sem("range", value=f"P{k}M", parts=(a, b)) if k > 0 else None
    if a.month and a.day and b.month and b.day:
        try:
            ya = a.year or 2000
            yb = b.year or ya
            k = (dt.date(yb, b.month, b.day) - dt.date(ya, a.month, a.day)).days
        except ValueError:
            return None
        return _Sem("range", value=f"P{k}D", parts=(a, b)) if k > 0 else None
    return None


def _strip_mods(s: str) -> tuple[str, str | None]:
    mod = None
    changed = True
    while changed:
        changed = False
        if s.startswith("the "):
            s, changed = s[4:], True
        for prefix, m in SPAN_MODIFIERS:
            if s.startswith(prefix) and len(s) > len(prefix):
                s, mod, changed = s[len(prefix):], m, True
                break
    if s.startswith("the "):
        s = s[4:]
    for suffix, m in SPAN_SUFFIXES:  # "year-end", "year's end": the end of the year
        unit = s[:-len(suffix)]
        if s.endswith(suffix) and unit in SUFFIX_UNITS:
            return unit, m
    return s, mod


def _unit(u: str) -> str:
    u = UNIT_SPELLINGS.get(u, u)
    return u


_REPORT_YEARS = ("the year",)


def _parse_words(s0: str) -> _Sem | None:
    s = s0.strip()
    if s in PRESENT_REF_WORDS or re.fullmatch(r"this (?:[a-z]+ )?(?:moment|juncture)", s):
        return _Sem("ref", value="PRESENT_REF")  # "at this crucial moment"
    if s in PAST_REF_WORDS:
        return _Sem("ref", value="PAST_REF")
    if s in FUTURE_REF_WORDS:
        return _Sem("ref", value="FUTURE_REF")
    if s in SET_ADVERBS:
        return _Sem("set", value=SET_ADVERBS[s])
    if s in VAGUE_DURATIONS:  # "for a while"
        return _Sem("dur", value=VAGUE_DURATIONS[s])
    m = re.fullmatch(_UNIT.removesuffix("s?") + r" long", s)
    if m:  # "a day-long meeting" ("decades-long" is a vague duration below)
        return _Sem("dur", value=_duration_value(1.0, _unit(m.group(1))), amount=1.0, unit=_unit(m.group(1)))
    m = re.fullmatch(r"(?:the )?(?:(?:fiscal|financial|full|calendar) )?year " + alternation(PERIOD_ENDS), s)
    if m:  # "the year ended March 31" (the date is an expression of its own): twelve months, TimeBank's P1Y
        return _Sem("dur", value="P1Y", amount=1.0, unit="year")
    m = re.fullmatch(r"(?:the )?" + _Y + r" (quarter|period)", s)
    if m:  # "the 1988 quarter", "the 1989 period" of a company report: the quarter in focus, in that year
        return _Sem("cal", rel="focus", unit="quarter" if m.group(2) == "quarter" else "period", year=int(m.group(1)))
    # durations first ("the past two years" is not a date)
    dur = _parse_duration(s)
    if dur is not None:
        return dur
    st = _parse_set(s)
    if st is not None:
        return st
    core, mod = _strip_mods(s)
    if core == "weekend" and not s.startswith("the "):
        return None  # "after a weekend of talks" names no particular one; "over the weekend" does
    sem = _parse_cal(core)
    if sem is None and core != s:
        sem = _parse_cal(s)
        mod = None
    if sem is not None and sem.kind == "cal" and sem.rel in ("year-of", "this") and sem.unit in ("day", "week", "month", "year") \
            and not mod and not sem.fiscal and core in ("day", "week", "month", "year") and s not in _REPORT_YEARS:
        # "the day", "the week" alone name no particular one; "the end of the year" does, and so
        # does "the year" of a report ("for the year", "the full year": the year it reports on)
        return None
    if sem is not None and mod and sem.mod is None:
        sem.mod = mod
    return sem


def _parse_duration(s: str) -> _Sem | None:
    rel = None
    m = re.fullmatch(r"(.+?) (ago|later|earlier|before|after|from now|hence|afterwards|prior)", s)
    if m:
        s, rel = m.group(1), m.group(2)
        rel = {"hence": "from now", "afterwards": "later", "prior": "before"}.get(rel, rel)
    m = re.fullmatch(_APPROX + r"(?:(?:the )?(?:past|last|next|coming|previous|first|final|following|recent) )?" + _NUM + r" (?:" + _UNIT_MOD + " )?" + _UNIT + r"(?: and a half)?(?: long| old| period| history)?", s)
    if m:
        amount_s, unit = m.group(1), _unit(m.group(2))
        amount = _amount(amount_s)
        if amount is not None and s.endswith(" and a half"):
            amount += 0.5
        if re.search(r"\b(past|last|previous|recent)\b", s) and rel is None:
            rel = None  # a duration reaching back to now: still a duration in TimeML
        return _Sem("dur", value=_duration_value(amount, unit), amount=amount, unit=unit, relation=rel)
    # bare plural / recent / over the years: "years", "decades long", "recent months"
    m = re.fullmatch(_APPROX + r"(?:(?:the )?(?:past|last|recent|coming|next) |(?:over|for|in) (?:the )?(?:past |last )?)?(seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)(?: long| ahead| to come)?", s)
    if m and s != "quarters":  # "living quarters", "the second and fourth quarters": no bare quarters
        unit = _unit(m.group(1)[:-1]) if m.group(1) != "centuries" else "century"
        return _Sem("dur", value=_duration_value(None, unit), amount=None, unit=unit, relation=rel)
    # "the past decade", "the last year" (singular, no number): a duration of one unit, except
    # quarters, which financial news uses as dates ("the last quarter")
    # "the next day" is the day after the one the story is on, a date (`calendar_rules`)
    m = re.fullmatch(r"(?:the )?past (day|week|month|year|decade|century)", s) or re.fullmatch(
        r"the (?:last|coming) (day|week|month|year|decade|century)|the next (week|month|year|decade|century)", s)
    if m and rel is None:
        unit = next(g for g in m.groups() if g)
        return _Sem("dur", value=_duration_value(1.0, unit), amount=1.0, unit=unit)
    if rel:
        # "the day before", "a year later" handled above; "two days later than planned" etc.
        return None
    return None


def _amount(word: str) -> float | None:
    """The number an amount word of `_NUM` stands for; None for a vague one ("several")."""
    if word in VAGUE_AMOUNTS:
        return None
    if word in COUPLE_AMOUNTS:
        return 2.0
    if word in ("a", "an"):
        return 1.0
    return float(word)


# TIMEX3 writes a recurring calendar unit with X for what is left open (TimeML set values,
# not placeholders): every Thursday is XXXX-WXX-4, every July XXXX-07, every morning XXXX-XX-XXTMO
_ANY_WEEK, _ANY_YEAR, _ANY_DAY = "XXXX-WXX", "XXXX", "XXXX-XX-XX"


def _recurring(weekday: str | None, month: str | None, part: str | None) -> str:
    """The TIMEX3 value of a set of weekdays, months or parts of the day."""
    base = f"{_ANY_WEEK}-{WEEKDAYS[weekday] + 1}" if weekday else f"{_ANY_YEAR}-{MONTHS[month]:02d}" if month else _ANY_DAY
    return base + (f"T{PARTS_OF_DAY[part]}" if part else "")


def _parse_set(s: str) -> _Sem | None:
    m = re.fullmatch(r"(?:every|each) (?:" + _WD + r"|" + _MON + r"|" + _PART + r")(?: " + _PART + r")?", s)
    if m:  # "each Thursday", "every July", "every morning"
        if m.group(2) and m.group(4):
            return None
        return _Sem("set", value=_recurring(m.group(1), m.group(2), m.group(3) or m.group(4)))
    m = re.fullmatch(r"(?:on )?" + _WD + r"(?:s| (morning|afternoon|evening|night)s)", s)
    if m:  # "on Fridays", "Tuesday nights": a recurring day (part)
        return _Sem("set", value=_recurring(m.group(1), None, m.group(2)))
    m = re.fullmatch(r"(?:every|each|per|a|an) (\d+ )?" + _UNIT, s)
    if m:
        n = float(m.group(1)) if m.group(1) else 1.0
        return _Sem("set", value=_duration_value(n, _unit(m.group(2))))
    m = re.fullmatch(r"\d+(?:\.\d+)? (?:a|an|per) " + _UNIT, s)  # "15 a year": a rate
    if m:
        return _Sem("set", value=_duration_value(1.0, _unit(m.group(1))))
    m = re.fullmatch(r"(?:once|twice|\d+ times) (?:a|an|per|every|each) " + _UNIT, s)
    if m:
        return _Sem("set", value=_duration_value(1.0, _unit(m.group(1))))
    return None


# what a part of the grammar answers when it recognises the form but the form names no date
# ("31 of February", "the fifth quarter"): the other parts are not tried
def normalise(text: str, published: dt.date | None, tense: str | None = None) -> TimeExpression | None:
    """Normalise one expression out of context (tests, ad-hoc use): None if not understood."""
    sem = _parse(text)
    if sem is None:
        return None
    n = _resolve(sem, _Ctx(dct=published, tense=tense))
    return TimeExpression("", 0, len(text), text, n.timex_type, n.value, n.start, n.end, n.precision, n.anchored)
