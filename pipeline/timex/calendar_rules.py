"""Calendar expressions -> frames: dates with or without a clock time, years, seasons,
quarters and halves, deictic periods ("last week") and a company report's own periods. The
part of the normalisation grammar (grammar.py) that reads the calendar; its word groups are in
words.py.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.timex.frames import _Sem
from pipeline.timex.lexicon import (
    HOLIDAYS,
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
)
from pipeline.timex.words import _D, _HOLIDAY, _MON, _PART, _SEASON, _WD, _Y, _ZONE

_STOP = _Sem("stop")


def _parse_cal(s: str) -> _Sem | None:
    """A calendar expression (date, clock time, period, holiday) -> its frame; None if not one."""
    m = re.fullmatch(r"(?:the )?day (before|after) (.+)", s)
    if m:  # "the day before last Tuesday": a day from the day named
        day = _parse_cal(m.group(2))
        if day is not None and day.kind == "cal" and (day.weekday is not None or day.day is not None) and not day.shift_days:
            return replace(day, shift_days=-1 if m.group(1) == "before" else 1)
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
    m = re.fullmatch(r"(.+?),? (?:on )?((?:" + _WD[1:-1] + r"|today|yesterday|tomorrow|" + _MON[1:-4] + r"|\d{1,2} (?:" + _MON[1:-4] + r"))\b.*)", s)
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
    m = re.fullmatch(_MON + r"(?: " + _D + r")?,?(?: of)? (this|last|next|that|the same|the following|the previous|the next) year", s)
    if m:  # "May of next year", "January 1 of this year"
        w = m.group(3).replace("the next", "the following")
        rel = {"the same": "that", "the following": "following", "the previous": "prev"}.get(w, w)
        day = int(m.group(2)) if m.group(2) else None
        if day is not None and not 1 <= day <= 31:
            return _STOP
        return _Sem("cal", month=MONTHS[m.group(1)], day=day, rel=rel, unit="year")
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
    m = re.fullmatch(r"'?(\d{3})0'?s", s) or re.fullmatch(r"'?(\d)0'?s", s)
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
    m = re.fullmatch(r"(?:the (?:early |late |mid ?)?|early |late |mid ?)(morning|afternoon|evening)", s)
    if m:  # "in the morning", "by mid afternoon": of the day the story is on
        return _Sem("cal", part=PARTS_OF_DAY[m.group(1)])
    if s == "overnight":  # "shelling overnight": the night before the publication day
        return _Sem("cal", unit="day", rel="offset", offset=-1, part=PARTS_OF_DAY["night"])
    m = re.fullmatch(r"(this|last) " + _PART, s)
    if m:
        off = -1 if (m.group(1) == "last" and m.group(2) == "night") else 0
        return _Sem("cal", unit="day", rel="offset", offset=off, part=PARTS_OF_DAY[m.group(2)])
    # weekdays
    m = re.fullmatch(r"(?:(last|next|this|past|coming|the previous|the preceding|the following) )?" + _WD
                     + r"(?:'s)?(?: " + _PART + r")?", s)
    if m:  # "the previous Friday": the Friday before the day the story is on
        rel = {"past": "last", "coming": "next", "the previous": "prev", "the preceding": "prev",
               "the following": "following"}.get(m.group(1) or "", m.group(1))
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
    m = re.fullmatch(r"(?:the )?(next|following|previous|same) " + _PART, s)
    if m:  # "the next morning": the part of the day after the one the story is on
        rel = {"next": "following", "following": "following", "previous": "prev", "same": "that"}[m.group(1)]
        return _Sem("cal", rel=rel, unit="day", part=PARTS_OF_DAY[m.group(2)])
    m = re.fullmatch(r"(?:later|earlier) (?:in|during) (?:the|that) (day|week|month|year)", s)
    if m:  # "later in the day": the day (week, ...) the story is on
        return _Sem("cal", rel="that", unit=m.group(1))
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
        year = int(m.group(2)) if m.group(2) else None
        if h.day is None:  # "Thanksgiving", "Easter": a day that changes with the year
            return _Sem("cal", year=year, month=h.month, holiday=True, rule=h)
        return _Sem("cal", year=year, month=h.month, day=h.day, holiday=True)
    return None


def _parse_clock(s: str) -> _Sem | None:
    m = re.fullmatch(r"(\d{1,2})(?: o'clock)? (?:in the (morning|afternoon|evening)|at (night))", s)
    if m and 1 <= int(m.group(1)) <= 12:  # "4 in the morning", "11 at night"
        h = int(m.group(1)) % 12
        late = m.group(2) in ("afternoon", "evening") or (m.group(3) is not None and h >= 6)  # "2 at night" is 02:00
        return _Sem("cal", hour=h + 12 if late else h, minute=0)
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
