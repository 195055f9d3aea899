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
from pipeline.timex.frames import _Ctx, _Sem
from pipeline.timex.lexicon import (
    _YEAR_RE,
    COUPLE_AMOUNTS,
    FUTURE_REF_WORDS,
    HOLIDAYS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    PAST_REF_WORDS,
    PERIOD_ENDS,
    PRESENT_REF_WORDS,
    SEASONS,
    SET_ADVERBS,
    SPOKEN_CENTURIES,
    SPOKEN_DECADES,
    SPOKEN_MILLENNIUM,
    UNIT_SPELLINGS,
    UNITS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
    ZONE_WORDS,
    alternation,
)

# the word groups of the regular expressions below, built from the lexicon (schemas/timex/)
_MON = alternation(set(MONTHS)) + r"\.?"
_Y = r"(\d{4})"
_D = r"(\d{1,2})"
_WD = alternation(set(WEEKDAYS))
_SEASON = alternation(set(SEASONS))
_PART = alternation(set(PARTS_OF_DAY))
_UNIT = alternation(set(UNITS) | set(UNIT_SPELLINGS)) + "s?"
_NUM = r"(\d+(?:\.\d+)?|" + alternation(VAGUE_AMOUNTS | COUPLE_AMOUNTS | {"a", "an"})[1:]
_HOLIDAY = alternation(set(HOLIDAYS))
_ZONE = alternation(ZONE_WORDS)
_APPROX = r"(?:(?:about|around|almost|nearly|roughly|approximately|some|more than|over|less than|under|at least|up to|just|only|barely|well over|well under|close to|the)\s+)*"

_MODS: list[tuple[str, str]] = [
    ("very beginning of ", "START"), ("very start of ", "START"), ("very end of ", "END"),
    ("beginning of ", "START"), ("start of ", "START"), ("end of ", "END"), ("middle of ", "MID"),
    ("early part of ", "START"), ("latter part of ", "END"), ("latter half of ", "END"),
    ("early ", "START"), ("late ", "END"), ("mid ", "MID"), ("earlier ", "START"), ("later ", "END"),
]


def _prep(text: str) -> str:
    """Lower-case, unify punctuation and spell numbers as digits."""
    s = text.lower().replace("’", "'").replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip(" ,.;:()[]\"'")
    s = re.sub(r"(?:'s|')$", "", s).strip()
    s = s.replace("a.m.", "am").replace("p.m.", "pm").replace("a.m", "am").replace("p.m", "pm")
    s = re.sub(r"\(\s*", "", s).replace(")", "")
    for word, n in sorted(ORDINALS.items(), key=lambda kv: -len(kv[0])):
        if word in s and word not in ("first", "second", "third", "fourth"):
            s = re.sub(rf"\b{word}\b", f"{n}th", s)
    s = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)[ -]centur(?:y|ies)\b", r"century#\1", s)
    s = re.sub(r"\b(\d{1,2})(st|nd|rd|th)\b", r"\1", s)
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    s = _spoken_years(s, tens, ones)
    s = re.sub(rf"\b({tens})[- ]({ones})\b", lambda m: str(NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)]), s)
    s = re.sub(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", lambda m: str(NUMBER_WORDS[m.group(1)]), s)
    s = re.sub(r"\b(\d+) and a half\b", lambda m: f"{int(m.group(1)) + 0.5:g}", s)
    s = re.sub(r"\b(\d+) 1/2\b", lambda m: f"{int(m.group(1)) + 0.5:g}", s)  # "2 1/2 years"
    s = re.sub(r"\b(a|an|1) (\w+?s?) and a half\b", r"1.5 \2", s)
    s = re.sub(r"\bhalf an? (\w+)", r"0.5 \1", s)
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    return s


_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


def _spoken_years(s: str, tens: str, ones: str) -> str:
    """Years spoken in words, as digits: "nineteen ninety-six" 1996, "nineteen ten" 1910,
    "nineteen hundred" 1900, "two thousand and three" 2003, "the nineties" the 1990s
    (lexicon: spoken_years)."""
    cent = "|".join(SPOKEN_CENTURIES)

    def year(m: re.Match[str]) -> str:
        c = NUMBER_WORDS[m.group(1)] * 100
        if m.group(2):
            return str(c + NUMBER_WORDS[m.group(2)] + (NUMBER_WORDS[m.group(3)] if m.group(3) else 0))
        return str(c + (NUMBER_WORDS[m.group(4)] if m.group(4) else 0))

    s = re.sub(rf"\b({cent}) (?:({tens})(?:[- ]({ones}))?|({_TEENS})|hundred)\b", year, s)
    s = re.sub(r"\b" + alternation(set(SPOKEN_DECADES)) + r"\b", lambda m: f"{SPOKEN_DECADES[m.group(1)]}0s", s)
    millennium = re.escape(SPOKEN_MILLENNIUM)
    return re.sub(rf"\b{millennium}(?: (?:and )?({ones}|{_TEENS}))?\b",
                  lambda m: str(2000 + (NUMBER_WORDS[m.group(1)] if m.group(1) else 0)), s)


def _parse(text: str) -> _Sem | None:
    """Read a time expression; None when it is not one we understand (a fresh copy: callers
    may annotate it)."""
    sem = _parse_cached(text)
    return replace(sem) if sem is not None else None


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> _Sem | None:
    raw = _prep(text)
    if not raw:
        return None
    sem = _parse_numeric(raw)
    if sem is not None:
        return sem
    if re.fullmatch(r"year-(?:ago|earlier)", raw):  # "compared with year-earlier profit": the period in focus, a year back
        return _Sem("cal", rel="focus", unit="year-ago")
    s = re.sub(r"(?<=[a-z])-(?=[a-z\d])|(?<=\d)-(?=[a-z])", " ", raw)  # mid-2011, 27-year, decades-long
    s = re.sub(r"^(this|last|next) year's (?=.)", r"\1 year ", s)
    rng = _parse_range(s)
    if rng is not None:
        return rng
    return _parse_words(s)


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
        for prefix, m in _MODS:
            if s.startswith(prefix) and len(s) > len(prefix):
                s, mod, changed = s[len(prefix):], m, True
                break
    if s.startswith("the "):
        s = s[4:]
    return s, mod


def _unit(u: str) -> str:
    u = UNIT_SPELLINGS.get(u, u)
    return u


_REPORT_YEARS = ("the year",)


def _parse_words(s0: str) -> _Sem | None:
    s = s0.strip()
    if s in PRESENT_REF_WORDS:
        return _Sem("ref", value="PRESENT_REF")
    if s in PAST_REF_WORDS:
        return _Sem("ref", value="PAST_REF")
    if s in FUTURE_REF_WORDS:
        return _Sem("ref", value="FUTURE_REF")
    if s in SET_ADVERBS:
        return _Sem("set", value=SET_ADVERBS[s])
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
    m = re.fullmatch(_APPROX + r"(?:(?:the )?(?:past|last|next|coming|previous|first|final|following|recent) )?" + _NUM + r" (?:(?:consecutive|straight|successive|more|full|whole|long|additional|further|extra) )?" + _UNIT + r"(?: and a half)?(?: long| old| period| history)?", s)
    if m:
        amount_s, unit = m.group(1), _unit(m.group(2))
        amount = _amount(amount_s)
        if amount is not None and s.endswith(" and a half"):
            amount += 0.5
        if re.search(r"\b(past|last|previous|recent)\b", s) and rel is None:
            rel = None  # a duration reaching back to now: still a duration in TimeML
        return _Sem("dur", value=_duration_value(amount, unit), amount=amount, unit=unit, relation=rel)
    # bare plural / recent / over the years: "years", "decades long", "recent months"
    m = re.fullmatch(_APPROX + r"(?:(?:the )?(?:past|last|recent|coming|next) |(?:over|for|in) (?:the )?(?:past |last )?)?(seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?: long| ahead| to come)?", s)
    if m:
        unit = _unit(m.group(1)[:-1]) if m.group(1) != "centuries" else "century"
        return _Sem("dur", value=_duration_value(None, unit), amount=None, unit=unit, relation=rel)
    # "the past decade", "the last year" (singular, no number): a duration of one unit, except
    # quarters, which financial news uses as dates ("the last quarter")
    m = re.fullmatch(r"(?:the )?past (day|week|month|year|decade|century)", s) or re.fullmatch(
        r"the (?:last|next|coming) (day|week|month|year|decade|century)", s)
    if m and rel is None:
        unit = m.group(1)
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


def _parse_set(s: str) -> _Sem | None:
    m = re.fullmatch(r"(?:every|each) (?:" + _WD + r"|" + _MON + r"|" + _PART + r")(?: " + _PART + r")?", s)
    if m:  # "each Thursday" XXXX-WXX-4, "every July" XXXX-07, "every morning" XXXX-XX-XXTMO
        wd, mon, part = m.group(1), m.group(2), m.group(3) or m.group(4)
        base = f"XXXX-WXX-{WEEKDAYS[wd] + 1}" if wd else f"XXXX-{MONTHS[mon]:02d}" if mon else "XXXX-XX-XX"
        if mon and m.group(4):
            return None
        return _Sem("set", value=base + (f"T{PARTS_OF_DAY[part]}" if part else ""))
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
_STOP = _Sem("stop")


def _parse_cal(s: str) -> _Sem | None:
    """A calendar expression (date, clock time, period, holiday) -> its frame; None if not one."""
    sem = _parse_with_clock(s)
    if sem is not None:
        return sem
    # weekday, day month year: the weekday picks the year when the date has none
    wd_m = re.match(r"^" + _WD + r",? (?=(?:" + _MON[1:-4] + r"|\d))", s)
    named_weekday = WEEKDAYS[wd_m.group(1)] if wd_m else None
    if wd_m:
        s = s[wd_m.end():]
    sem = _parse_month_dates(s, named_weekday)
    for part in (_parse_years, _parse_seasons, _parse_quarters, _parse_deictic, _parse_other):
        if sem is not None:
            break
        sem = part(s)
    return None if sem is _STOP else sem


def _parse_with_clock(s: str) -> _Sem | None:
    """A date with a clock time ("Tuesday at 18:00 UTC", "6:40 pm on October 17") or a clock time."""
    # date + clock time: "Tuesday at 18:00 UTC", "6:40 pm on October 17"
    m = re.fullmatch(r"(.+?),? (?:at|around|about) (.+)", s)
    if m:
        t = _parse_clock(m.group(2))
        d = _parse_cal(m.group(1))
        if t is not None and d is not None and d.kind == "cal":
            d.hour, d.minute, d.tz = t.hour, t.minute, t.tz
            return d
    clock = _parse_clock(s)
    if clock is not None:
        return clock
    m = re.fullmatch(r"(.+?) (?:on )?((?:" + _WD[1:-1] + r"|today|yesterday|tomorrow|" + _MON[1:-4] + r"|\d{1,2} (?:" + _MON[1:-4] + r"))\b.*)", s)
    if m and _parse_clock(m.group(1)) is not None:
        t = _parse_clock(m.group(1))
        d = _parse_cal(m.group(2))
        if t is not None and d is not None:
            d.hour, d.minute, d.tz = t.hour, t.minute, t.tz
            return d
    return None


def _parse_month_dates(s: str, named_weekday: int | None) -> _Sem | None:
    """Dates with a month name: "March 3, 2021", "3 March", "March of last year", "next March"."""
    # full dates
    for pat, order in ((rf"{_MON} {_D},? {_Y}", "mdy"), (rf"{_D} {_MON},? {_Y}", "dmy"),
                       (rf"{_D} of {_MON},? {_Y}", "dmy"), (rf"{_MON} {_D}", "md"), (rf"{_D} {_MON}", "dm"),
                       (rf"{_D} of {_MON}", "dm"), (rf"{_MON},? {_Y}", "my"), (rf"{_MON} of {_Y}", "my"),
                       (rf"{_Y} {_MON} {_D}", "ymd"), (_MON, "m")):
        m = re.fullmatch(pat + r"(?: " + _PART + r")?", s)
        if m:
            g = dict(zip(order, m.groups(), strict=False))
            part = m.group(len(order) + 1)
            month = MONTHS[g["m"]]
            day = int(g["d"]) if "d" in g else None
            if day is not None and not 1 <= day <= 31:
                return _STOP
            return _Sem("cal", year=int(g["y"]) if "y" in g else None, month=month, day=day,
                        part=PARTS_OF_DAY.get(part) if part else None,
                        weekday=named_weekday if (day and "y" not in g) else None)
    m = re.fullmatch(_MON + r",?(?: of)? (this|last|next|that|the same|the following|the previous|the next) year", s)
    if m:
        w = m.group(2).replace("the next", "the following")
        rel = {"the same": "that", "the following": "following", "the previous": "prev"}.get(w, w)
        return _Sem("cal", month=MONTHS[m.group(1)], rel=rel, unit="year")
    m = re.fullmatch(r"(last|next|this|past|coming) " + _MON, s)
    if m:
        rel = {"past": "last", "coming": "next"}.get(m.group(1), m.group(1))
        return _Sem("cal", month=MONTHS[m.group(2)], rel=rel)
    return None


def _parse_years(s: str) -> _Sem | None:
    """Years, fiscal years, decades and centuries."""
    m = re.fullmatch(r"(?:year |(fiscal|financial|fy) ?(?:year )?)?" + _Y, s)
    if m:  # a fiscal year is the plain year (TimeBank); a financial year keeps FY (MEANTIME)
        return _Sem("cal", year=int(m.group(2)), fiscal=m.group(1) == "financial")
    m = re.fullmatch(r"fy ?(\d{2})", s)
    if m:
        return _Sem("cal", year=2000 + int(m.group(1)))
    m = re.fullmatch(r"'?(\d{3})0'?s", s) or re.fullmatch(r"'(\d)0'?s", s)
    if m:
        dec = int(m.group(1))
        if dec >= 100 and dec % 10 == 0 and s.lstrip("'").startswith(str(dec)) and len(s.strip("'s")) == 4:
            return _Sem("cal", century=dec // 10)  # "the 1600s" is the 17th century: TIMEX3 "16"
        return _Sem("cal", decade=dec if dec >= 100 else 190 + dec)
    m = re.fullmatch(r"century#(\d{1,2})", s)
    if m:
        return _Sem("cal", century=int(m.group(1)) - 1)
    return None


def _parse_seasons(s: str) -> _Sem | None:
    """Seasons with or without a year."""
    # seasons
    m = re.fullmatch(_SEASON + r"(?: of)? " + _Y, s) or re.fullmatch(_Y + " " + _SEASON, s)
    if m:
        a, b = m.groups()
        season, year = (a, b) if not a.isdigit() else (b, a)
        return _Sem("cal", year=int(year), season=SEASONS[season])
    m = re.fullmatch(r"(?:(this|last|next|past|coming) )?" + _SEASON, s)
    if m:
        rel = {"past": "last", "coming": "next"}.get(m.group(1) or "", m.group(1))
        return _Sem("cal", season=SEASONS[m.group(2)], rel=rel)
    m = re.fullmatch(_SEASON + r" of (?:(that|this|last|next|the same|the following|the previous) )year", s)
    if m:
        rel = {"the same": "that", "the following": "following", "the previous": "prev"}.get(m.group(2), m.group(2))
        return _Sem("cal", season=SEASONS[m.group(1)], rel=rel, unit="year")
    return None


def _parse_quarters(s: str) -> _Sem | None:
    """Quarters and halves ("the third quarter of 2023", "Q3", "H1 2024")."""
    # "the first three months of the year" is the first quarter
    m = re.fullmatch(r"first (3 months|6 months|9 months|2 quarters) of (?:the )?(?:(this|last|next|fiscal) year|year|"
                     + _Y + ")", s)
    if m:  # "the first two quarters of 1990" is the first half
        n = 6 if m.group(1) == "2 quarters" else int(m.group(1).split()[0])
        kw2: dict[str, int] = {"quarter": 1} if n == 3 else {"half": 1} if n == 6 else {}
        if not kw2:
            return _Sem("dur", value="P9M", amount=9.0, unit="month")
        if m.group(3):
            return _Sem("cal", year=int(m.group(3)), **kw2)  # type: ignore[arg-type]
        rel = m.group(2) if m.group(2) in ("this", "last", "next") else "this"
        return _Sem("cal", rel=rel, unit="year", **kw2)  # type: ignore[arg-type]
    # quarters and halves
    q_ord = r"(first|second|third|fourth|1|2|3|4|final|last)"
    m = re.fullmatch(q_ord + r" (?:fiscal |financial |calendar )?(quarter|half)(?: of (?:(?:fiscal|financial|calendar) )?(?:year )?" + _Y + r")?", s) or \
        re.fullmatch(q_ord + r" (?:fiscal |financial |calendar )?(quarter|half) of (this|last|next|that|the|the same|the following|the previous|the current|the fiscal|the financial) (?:fiscal |financial )?year", s)
    if m:
        o = m.group(1)
        n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}.get(o) or int(o)
        is_q = m.group(2) == "quarter"
        if not is_q and o in ("final", "last"):  # "the last half of 1989" is the second
            n = 2
        if (is_q and n > 4) or (not is_q and n > 2):
            return _STOP
        year = int(m.group(3)) if m.group(3) and m.group(3).isdigit() else None
        relw = m.group(3) if m.group(3) and not m.group(3).isdigit() else None
        kw: dict[str, int | None] = {"quarter": n} if is_q else {"half": n}
        if year is not None:
            return _Sem("cal", year=year, **kw)  # type: ignore[arg-type]
        if relw in ("this", "last", "next", "the current"):
            r = {"the current": "this"}.get(relw, relw)
            return _Sem("cal", rel=r, unit="year", **kw)  # type: ignore[arg-type]
        if relw in ("that", "the same", "the following", "the previous"):
            r = {"the same": "that", "the following": "following", "the previous": "prev"}.get(relw, relw)
            return _Sem("cal", rel=r, unit="year", **kw)  # type: ignore[arg-type]
        if o in ("last", "final") and is_q and relw is None and year is None:
            return _Sem("cal", rel="last", unit="quarter")  # "the last quarter": the one before now
        return _Sem("cal", **kw)  # type: ignore[arg-type]
    m = re.fullmatch(r"q([1-4])(?: of)?(?: |-)?(?:(?:fy|fiscal) ?)?" + _Y + "?", s) or re.fullmatch(_Y + r" ?q([1-4])", s)
    if m:
        qg = m.groups()
        q, y = (qg[0], qg[1]) if len(qg[0]) == 1 else (qg[1], qg[0])
        return _Sem("cal", quarter=int(q), year=int(y) if y else None)
    m = re.fullmatch(r"h([12]) " + _Y, s)
    if m:
        return _Sem("cal", half=int(m.group(1)), year=int(m.group(2)))
    return None


def _parse_deictic(s: str) -> _Sem | None:
    """Deictic and anaphoric days, weekdays and units ("yesterday", "last Friday", "the following year")."""
    # deictic day words
    m = re.fullmatch(r"(today|tonight|yesterday|tomorrow|the day before yesterday|day before yesterday|the day after tomorrow|day after tomorrow)(?: " + _PART + ")?", s)
    if m:
        off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(m.group(1), -2 if "before" in m.group(1) else 2)
        part = PARTS_OF_DAY.get(m.group(2) or "") or ("NI" if m.group(1) == "tonight" else None)
        return _Sem("cal", unit="day", rel="offset", offset=off, part=part)
    m = re.fullmatch(_PART + r" (today|yesterday|tomorrow)", s)
    if m:  # "(mid-)afternoon yesterday"
        return _Sem("cal", unit="day", rel="offset", offset={"today": 0, "yesterday": -1, "tomorrow": 1}[m.group(2)],
                    part=PARTS_OF_DAY[m.group(1)])
    m = re.fullmatch(r"(this|last) " + _PART, s)
    if m:
        off = -1 if (m.group(1) == "last" and m.group(2) == "night") else 0
        return _Sem("cal", unit="day", rel="offset", offset=off, part=PARTS_OF_DAY[m.group(2)])
    # weekdays
    m = re.fullmatch(r"(?:(last|next|this|past|coming) )?" + _WD + r"(?:'s)?(?: " + _PART + r")?", s)
    if m:
        rel = {"past": "last", "coming": "next"}.get(m.group(1) or "", m.group(1))
        part = PARTS_OF_DAY.get(m.group(3) or "")
        return _Sem("cal", weekday=WEEKDAYS[m.group(2)], rel=rel, part=part)
    # this/last/next unit; that year; the following day
    m = re.fullmatch(r"(this|last|next|past|previous|coming|current|following|same|that|the same|the following|the previous|the next|the current|the coming) (day|week|weekend|month|quarter|year|decade|century)", s)
    if m:
        w, unit = m.group(1).replace("the ", ""), m.group(2)
        rel = {"past": "last", "coming": "next", "current": "this", "same": "that", "previous": "prev",
               "following": "following"}.get(w, w)
        if unit == "day" and rel in ("this", "last", "next"):
            rel = {"this": "that", "last": "prev", "next": "following"}[rel]  # "the next day" is anaphoric
        if rel == "prev" and unit != "day":
            rel = "prev"
        return _Sem("cal", rel=rel, unit=unit)
    m = re.fullmatch(r"(?:the )?(day|week|month|year) (before|after|earlier|later)", s)
    if m:
        return _Sem("cal", rel="prev" if m.group(2) in ("before", "earlier") else "following", unit=m.group(1))
    return None


def _parse_other(s: str) -> _Sem | None:
    """A year's part ("1998's first quarter"), a bare unit after a modifier, holidays."""
    m = re.fullmatch(r"(\d{4})'s (.+)", s)  # "1998's first quarter"
    if m:
        inner = _parse_cal(m.group(2))
        if inner is not None and inner.year is None and (inner.quarter or inner.half or inner.month or inner.season):
            inner.year, inner.rel, inner.unit = int(m.group(1)), None, None
            return inner
    m = re.fullmatch(r"(?:(\d{4})|(this|last|next) year) (?:(1|2|3|4|first|second|third|fourth) )?quarter", s)
    if m and (m.group(3) or m.group(2)):  # "the 1988 third quarter", "next year's first quarter", "last year's quarter"
        if m.group(3):
            n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m.group(3)) or int(m.group(3))
            if m.group(1):
                return _Sem("cal", year=int(m.group(1)), quarter=n)
            return _Sem("cal", rel=m.group(2), unit="year", quarter=n)
        return _Sem("cal", rel="focus", unit="quarter", offset={"this": 0, "last": -1, "next": 1}[m.group(2)])
    m = re.fullmatch(r"(?:comparable |corresponding )?year (?:ago|earlier) (?:(1|2|3|4|first|second|third|fourth) )?(quarter|period)", s)
    if m:  # "the year-ago quarter", "the year-earlier third quarter": the period in focus, a year before
        if m.group(1):
            n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m.group(1)) or int(m.group(1))
            return _Sem("cal", quarter=n, rel="last", unit="year")
        return _Sem("cal", rel="focus", unit="quarter", offset=-1)
    if re.fullmatch(r"(?:latest|most recent) (?:quarter|period)", s):  # of a company report: the last one completed
        return _Sem("cal", rel="latest", unit="quarter")
    if s == "quarter":  # "the quarter" of a company report: the one the report is about
        return _Sem("cal", rel="focus", unit="quarter")
    if s == "weekend":  # "over the weekend": the last one, or the coming one when ahead
        return _Sem("cal", rel="nearest", unit="weekend")
    if s == "full year":  # "sales for the full year": the year of the report
        return _Sem("cal", rel="year-of", unit="year")
    m = re.fullmatch(r"(year|month|week|day)", s)
    if m:  # "the beginning of the year" after mod stripping
        return _Sem("cal", rel="year-of" if m.group(1) == "year" else "this", unit=m.group(1))
    m = re.fullmatch(r"(fiscal|financial) year", s)
    if m:
        return _Sem("cal", rel="year-of", unit="year", fiscal=m.group(1) == "financial")
    m = re.fullmatch(r"(?:the )?(?:same )?(month|year) of " + _MON, s)
    if m:
        return _STOP
    m = re.fullmatch(_HOLIDAY + r"(?: " + _Y + ")?", s)
    if m:
        h = HOLIDAYS[m.group(1)]
        return _Sem("cal", year=int(m.group(2)) if m.group(2) else None, month=h.month, day=h.day,
                    weekday=h.weekday, nth=h.nth, holiday=True)
    return None


def _parse_clock(s: str) -> _Sem | None:
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))? ?(am|pm|o'clock)?(?: ?(?:\(?" + _ZONE + r"(?: ?[+-] ?\d{1,2})?\)?))?", s)
    if m and (m.group(2) or m.group(3)):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) == "pm" and h < 12:
            h += 12
        if m.group(3) == "am" and h == 12:
            h = 0
        if h > 24 or mi > 59:
            return None
        return _Sem("cal", hour=h, minute=mi, tz=m.group(4))
    if s in ("noon", "midday"):
        return _Sem("cal", hour=12, minute=0)
    if s == "midnight":
        return _Sem("cal", hour=0, minute=0)
    return None


def normalise(text: str, published: dt.date | None, tense: str | None = None) -> TimeExpression | None:
    """Normalise one expression out of context (tests, ad-hoc use): None if not understood."""
    sem = _parse(text)
    if sem is None:
        return None
    n = _resolve(sem, _Ctx(dct=published, tense=tense))
    return TimeExpression("", 0, len(text), text, n.timex_type, n.value, n.start, n.end, n.precision, n.anchored)
