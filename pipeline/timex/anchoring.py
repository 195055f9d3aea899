"""Anchoring: which reference date a frame resolves against, and the value it then takes.

Deictic expressions ("last week", "Monday", "in December") resolve against the publication
date using the tense of the verb they attach to; anaphoric ones ("that year", "the following
day") against the last explicit date mentioned. Without a publication date relative
expressions keep a NULL value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pipeline.timex.arithmetic import (
    _CALENDAR_UNIT,
    _OUT_OF_CALENDAR,
    _PREC_RANK,
    _SEASON_ORDER,
    _cal,
    _day,
    _month_of_year,
    _season_of,
    _season_range,
    _shift,
    _shift_season,
    _time,
    _unit_norm,
    _with_mod,
    holiday_day,
)
from pipeline.timex.frames import _Ctx, _Norm, _Sem
from pipeline.timex.lexicon import FORWARD_MONTHS, UNITS


def _pick_year(month: int, day: int, ctx: _Ctx) -> int | None:
    """Year of an underspecified month(/day) from the publication date and the verb's tense;
    a near date ahead when something points forward ("effective Feb. 1"), even inside a
    narrative of an earlier year."""
    d = ctx.dct
    if d is not None and ctx.forward and ctx.tense != "future":  # "extended the offer to Nov. 20": a near date ahead
        here, there = ((d.month, d.day), (month, day)) if day else ((d.month, 0), (month, 0))
        ahead = d.year if there >= here else d.year + 1
        if (ahead * 12 + month) - (d.year * 12 + d.month) <= FORWARD_MONTHS:
            return ahead
    if ctx.ref_year is not None and ctx.tense == "past":
        return ctx.ref_year
    if d is None:
        return None
    # a month alone includes the publication month whichever way the tense points
    here, there = ((d.month, d.day), (month, day)) if day else ((d.month, 0), (month, 0))
    if ctx.tense == "past":
        return d.year if there <= here else d.year - 1
    if ctx.tense == "future":
        return d.year if there >= here else d.year + 1
    delta = (month - d.month) % 12
    if delta == 0 or delta <= 3:  # a few months ahead or this month: this year (or next)
        return d.year + (1 if month < d.month else 0)
    return d.year - (1 if month > d.month else 0)


def _floating_holiday(s: _Sem, ctx: _Ctx) -> _Norm | None:
    """A holiday whose day changes with the year ("Thanksgiving", "Easter"): in the year the
    expression names, else in the year the verb's tense points to from the publication date."""
    h = s.rule
    assert h is not None
    if s.year is not None:
        return _unit_norm(h.unit, holiday_day(h, s.year))
    if ctx.dct is None:
        return None
    this_year = _unit_norm(h.unit, holiday_day(h, ctx.dct.year)).start  # "Easter week": from its Monday
    assert this_year is not None
    y = _pick_year(this_year.month, this_year.day, ctx)
    if y is None:
        return None
    return replace(_unit_norm(h.unit, holiday_day(h, y)), anchored=True)


def _resolve_cal(s: _Sem, ctx: _Ctx) -> _Norm | None:
    """Anchor a calendar frame; None when it needs a publication date that is missing."""
    if s.rule is not None:
        return _floating_holiday(s, ctx)
    if s.rel == "focus" and s.year is not None:  # "the 1988 quarter", "the 1989 period" of a company report
        return _quarter_of_year(s, ctx)
    if s.year is not None:
        return _explicit_year(s)
    if s.decade is not None:
        return _with_mod(_cal("decade", s.decade * 10), s.mod)
    if s.century is not None:
        return _with_mod(_cal("century", s.century * 100), s.mod)
    if s.rel in ("that", "prev", "following") and s.unit:  # that year, the following day, ...
        return _anaphoric(s, ctx)
    if s.rel == "nth" and s.unit:
        return _nth_unit(s, ctx)
    dct = ctx.dct
    if dct is None:  # no publication date: only a month (and day) in a narrative of a known year
        return _month(s, ctx) if s.month and not s.rel and s.weekday is None and not s.unit else None
    if s.rel == "focus" and s.unit == "quarter":
        return _quarter_in_focus(ctx, dct, s.offset)
    if s.rel == "focus" and s.unit == "year-ago":  # "year-earlier profit": the quarter in focus a year back, else last year
        p = ctx.period
        if p is not None and p.precision in ("quarter", "half") and p.start is not None:
            return replace(_unit_norm(p.precision, _shift("year", p.start, -1)), anchored=True, context=True)
        return replace(_cal("year", dct.year - 1), anchored=True)
    if s.rel == "latest" and s.unit == "quarter":  # "the latest quarter": the one the report is about
        return _quarter_in_focus(replace(ctx, period=ctx.focus), dct)
    if s.rel == "nearest" and s.unit == "weekend":
        return _the_weekend(ctx, dct)
    # deictic: this/last/next UNIT, today, yesterday
    if s.rel in ("this", "last", "next") and s.unit and s.weekday is None and s.season is None:
        return _deictic_unit(s, dct)
    if s.unit == "day" and s.rel == "offset":
        n = _day(dct + dt.timedelta(days=s.offset))
        return replace(_time(n, s) if (s.hour is not None or s.part) else n, anchored=True)
    if s.month and s.rel in ("last", "next", "this") and not s.unit and s.year is None:
        return _named_month(s, dct)
    if s.weekday is not None and not s.month:
        return _weekday(s, ctx, dct)
    if s.season:
        return _season(s, ctx, dct)
    if s.quarter or s.half:
        return _quarter_or_half(s, ctx, dct)
    if s.month:
        return _month(s, ctx)
    if s.unit == "year" and s.rel == "year-of":  # "the beginning of the year"
        y = ctx.ref_year if (ctx.ref_year is not None and ctx.tense == "past") else dct.year
        return replace(_with_mod(_cal("year", y, fiscal=s.fiscal), s.mod), anchored=True, context=_narrative(ctx))
    if s.hour is not None or s.part:  # a bare clock time: the day in focus
        base_day = ctx.day_anchor or dct
        return replace(_time(_day(base_day), s), anchored=True, context=ctx.day_anchor is not None)
    return None


def _quarter_in_focus(ctx: _Ctx, dct: dt.date, years: int = 0) -> _Norm:
    """"the quarter", "the latest quarter": the quarter a report is about, else the
    last quarter completed before the publication date (the one a company reports on); `years`
    before it for "the year-ago quarter"."""
    p = ctx.period
    if p is not None and p.precision == "quarter" and p.start is not None:
        return replace(_unit_norm("quarter", _shift("year", p.start, years)), anchored=True, context=True)
    return replace(_unit_norm("quarter", _shift("year", _shift("quarter", dct, -1), years)), anchored=True)


def _the_weekend(ctx: _Ctx, dct: dt.date) -> _Norm:
    """"the weekend": the one of the publication date, else the last one before it, or the
    coming one when the verb points ahead ("will meet over the weekend")."""
    if dct.weekday() >= 5:
        day = dct
    elif ctx.tense == "future" or ctx.forward:
        day = dct + dt.timedelta(days=5 - dct.weekday())
    else:
        day = dct - dt.timedelta(days=dct.weekday() + 1)
    return replace(_unit_norm("weekend", day), anchored=True)


def _quarter_of_year(s: _Sem, ctx: _Ctx) -> _Norm:
    """"the 1988 quarter": the quarter a report is about (else the last one completed before
    the publication date), in the year named; "the 1989 period" is that quarter only when the
    report is about a quarter, else the year."""
    assert s.year is not None
    p = ctx.period
    if p is not None and p.precision == "quarter" and p.start is not None:
        base = p.start
    elif s.unit == "quarter" and ctx.dct is not None:
        base = _shift("quarter", ctx.dct, -1)
    else:
        return _cal("year", s.year)
    return replace(_cal("quarter", s.year, (base.month - 1) // 3 + 1), anchored=True, context=True)


def _narrative(ctx: _Ctx) -> bool:
    """Does the year come from the text (a past-tense narrative year), not the publication date?"""
    return ctx.ref_year is not None and ctx.tense == "past"


def _explicit_year(s: _Sem) -> _Norm | None:
    """A frame with its own year needs no anchor."""
    assert s.year is not None
    y = s.year
    if s.month and s.day:
        try:
            n = _cal("day", y, s.month, s.day)
        except ValueError:
            return None
        return _time(n, s) if (s.hour is not None or s.part) else n
    if s.month:
        return _with_mod(_cal("month", y, s.month), s.mod)
    if s.season:
        return _with_mod(_cal("season", y, _SEASON_ORDER.index(s.season)), s.mod)
    if s.quarter:
        return _cal("quarter", y, s.quarter)
    if s.half:
        return _cal("half", y, s.half)
    return _with_mod(_cal("year", y, fiscal=s.fiscal), s.mod)


def _nth_unit(s: _Sem, ctx: _Ctx) -> _Norm | None:
    """"the eighth day of the siege", "its 20th year": in the present ("today is the eighth
    day", "now in its 20th year") the unit of the publication date; in the past, the unit of
    the day its sentence names or of the date the text has just named ("ended on March 3, the
    third day of the summit"). Otherwise when the something began is unknown, and so is the
    date."""
    if ctx.tense == "present":
        return _anaphoric(replace(s, rel="that"), replace(ctx, anchor=None))
    if ctx.tense == "future":
        return None
    if ctx.day_anchor is not None:  # "got under way on Friday, with the rebels boycotting the first day"
        return _anaphoric(replace(s, rel="that"), replace(ctx, anchor=_day(ctx.day_anchor)))
    if ctx.tense == "past" and ctx.anchor is not None:
        n = _anaphoric(replace(s, rel="that"), ctx)
        return n if n is not None and n.context else None
    return None


def _anaphoric(s: _Sem, ctx: _Ctx) -> _Norm | None:
    """"that year", "the following day": from the last explicit date of the text, else the
    publication date."""
    assert s.rel is not None and s.unit is not None
    dct = ctx.dct
    base: dt.date | None = None
    from_text = False
    if ctx.anchor is not None and ctx.anchor.start is not None and _PREC_RANK.get(ctx.anchor.precision, 0) >= _PREC_RANK[s.unit]:
        base, from_text = ctx.anchor.start, True
    elif dct is not None:
        base = dct
    if base is None:
        return None
    off = {"that": 0, "prev": -1, "following": 1}[s.rel] * max(s.offset, 1)
    n = _unit_norm(s.unit, _shift(s.unit, base, off))
    if s.season:  # "autumn of that year"
        n = _cal("season", n.start.year if n.start else base.year, _SEASON_ORDER.index(s.season))
    elif s.quarter:
        n = _cal("quarter", n.start.year if n.start else base.year, s.quarter)
    elif s.half:
        n = _cal("half", n.start.year if n.start else base.year, s.half)
    elif s.month and n.start:
        n = _month_of_year(n.start.year, s.month, s.day)
    elif s.unit == "day" and (s.hour is not None or s.part):  # "the next morning"
        n = _time(n, s)
    return replace(_with_mod(n, s.mod), anchored=True, context=from_text)


def _deictic_unit(s: _Sem, dct: dt.date) -> _Norm:
    """"this week", "last year", "next quarter": the unit containing the publication date, shifted."""
    assert s.rel is not None and s.unit is not None
    off = {"this": 0, "last": -1, "next": 1}[s.rel] * (max(s.offset, 1) if s.rel != "this" else 1)
    n = _unit_norm(s.unit, _shift(s.unit, dct, off))
    if s.quarter and n.start:
        n = _cal("quarter", n.start.year, s.quarter)
    elif s.half and n.start:
        n = _cal("half", n.start.year, s.half)
    elif s.month and n.start:
        n = _month_of_year(n.start.year, s.month, s.day)
    n = _with_mod(n, s.mod)
    if s.unit == "day" and (s.hour is not None or s.part):
        n = _time(n, s)
    return replace(n, anchored=True)


def _named_month(s: _Sem, dct: dt.date) -> _Norm:
    """"last November", "next March": the nearest one before / after the publication month."""
    assert s.month is not None
    if s.rel == "this":
        y = dct.year
    elif s.rel == "last":
        y = dct.year if s.month < dct.month else dct.year - 1
    else:
        y = dct.year if s.month > dct.month else dct.year + 1
    return replace(_with_mod(_cal("month", y, s.month), s.mod), anchored=True)


def _weekday(s: _Sem, ctx: _Ctx, dct: dt.date) -> _Norm:
    """A weekday: the past week unless the tense or a modifier points ahead."""
    assert s.weekday is not None
    if s.rel in ("prev", "following"):
        return _weekday_from_story_day(s, ctx, dct)
    diff = s.weekday - dct.weekday()
    if s.rel == "last":
        d = dct + dt.timedelta(days=(diff % 7) - 7 if diff % 7 else -7)
    elif s.rel == "next":
        d = dct + dt.timedelta(days=(diff % 7) or 7)
    elif s.rel == "this":
        d = dct + dt.timedelta(days=diff)
    elif diff == 0:
        d = dct
    elif ctx.direction == "before":  # "until Thursday, they had not called him"
        d = dct - dt.timedelta(days=(-diff) % 7)
    elif ctx.direction == "nearest":  # "were arrested ahead of Sunday's vote"
        d = dct + dt.timedelta(days=diff % 7 if diff % 7 <= 3 else diff % 7 - 7)
    elif ctx.tense == "future" or ctx.forward or ctx.direction == "ahead":
        # "will meet Friday", "extended the offer until Friday", "would travel Friday", "meet Monday"
        d = dct + dt.timedelta(days=diff % 7)
    else:  # past, present and unknown: news mostly reports the past week
        d = dct - dt.timedelta(days=(-diff) % 7)
    n = _day(d)
    return replace(_time(n, s) if (s.hour is not None or s.part) else n, anchored=True)


def _weekday_from_story_day(s: _Sem, ctx: _Ctx, dct: dt.date) -> _Norm:
    """"the previous Friday", "the following Monday": the weekday before (after) the day the
    story is on (a day named in the sentence, else the last date of the text), never that day
    itself; the publication date when the text names no day."""
    assert s.weekday is not None
    base, from_text = dct, False
    if ctx.day_anchor is not None:
        base, from_text = ctx.day_anchor, True
    elif ctx.anchor is not None and ctx.anchor.start is not None and ctx.anchor.precision in ("day", "time"):
        base, from_text = ctx.anchor.start, True
    diff = s.weekday - base.weekday()
    d = base - dt.timedelta(days=(-diff) % 7 or 7) if s.rel == "prev" else base + dt.timedelta(days=diff % 7 or 7)
    n = _day(d)
    return replace(_time(n, s) if (s.hour is not None or s.part) else n, anchored=True, context=from_text)


def _season(s: _Sem, ctx: _Ctx, dct: dt.date) -> _Norm:
    """A season without a year: this/last/next one, the narrative's year, or the nearest one
    in the direction the tense points to."""
    assert s.season is not None
    cy, cs = _season_of(dct)
    if s.rel == "this":
        y = dct.year if s.season != "WI" or dct.month >= 3 else dct.year - 1
    elif s.rel in ("last", "next"):
        step = -1 if s.rel == "last" else 1
        y, cs2 = cy, cs
        while True:
            y, cs2 = _shift_season(y, cs2, step)
            if cs2 == s.season:
                break
    elif ctx.ref_year is not None and ctx.tense == "past":
        y = ctx.ref_year
    else:
        y = cy
        st, en = _season_range(cy, s.season) if s.season != cs else (None, None)
        if st is not None and en is not None:
            # the nearest occurrence in the direction the tense points to
            if ctx.tense == "past" and st > dct:
                y -= 1
            elif ctx.tense == "future" and en < dct:
                y += 1
            elif ctx.tense not in ("past", "future"):
                y = cy
        if s.season == "WI" and cs != "WI" and ctx.tense == "past" and dct.month < 12:
            y = dct.year - 1
    return replace(_with_mod(_cal("season", y, _SEASON_ORDER.index(s.season)), s.mod), anchored=True,
                   context=_narrative(ctx) and s.rel not in ("this", "last", "next"))


def _quarter_or_half(s: _Sem, ctx: _Ctx, dct: dt.date) -> _Norm:
    """A quarter or half without a year: of the narrative's year or the publication year."""
    y = ctx.ref_year if (ctx.ref_year is not None and ctx.tense == "past") else dct.year
    if s.quarter:
        cq = (dct.month - 1) // 3 + 1
        if ctx.tense == "past" and s.quarter > cq and y == dct.year:
            y -= 1
        return replace(_cal("quarter", y, s.quarter), anchored=True, context=_narrative(ctx))
    return replace(_cal("half", y, s.half or 1), anchored=True, context=_narrative(ctx))


def _month(s: _Sem, ctx: _Ctx) -> _Norm | None:
    """A month (and day) without a year: the year the tense and the publication date point to."""
    assert s.month is not None
    y2 = _pick_year(s.month, s.day or 0, ctx)
    if y2 is None:
        return None
    if s.day and s.weekday is not None:  # "Friday, March 11": the year in which it is a Friday
        for y3 in (y2, y2 + 1, y2 - 1):
            try:
                if dt.date(y3, s.month, s.day).weekday() == s.weekday:
                    y2 = y3
                    break
            except ValueError:
                continue
    if s.day:
        try:
            n = _cal("day", y2, s.month, s.day)
        except ValueError:
            return None
        n = _time(n, s) if (s.hour is not None or s.part) else n
    else:
        n = _with_mod(_cal("month", y2, s.month), s.mod)
    return replace(n, anchored=True, context=_narrative(ctx))


def _resolve(s: _Sem, ctx: _Ctx) -> _Norm:
    """TIMEX3 type/value/granularity of a frame in its context."""
    if s.kind == "ref":
        n = _Norm("DATE", s.value, "ref")
        if s.value == "PRESENT_REF" and ctx.dct is not None:
            n.event_value, n.event_precision, n.event_start, n.event_end = ctx.dct.isoformat(), "day", ctx.dct, ctx.dct
        return n
    if s.kind == "set":
        return _Norm("SET", s.value, "set")
    if s.kind == "dur":
        n = _Norm("DURATION", s.value, "duration", relation=s.relation)
        if s.relation and s.unit:
            _anchor_duration(n, s, ctx)
        return n
    if s.kind == "range" and s.parts:
        a, b = (_resolve_in_calendar(p, ctx) for p in _range_ends(s, ctx))
        if a is None or b is None or a.start is None or b.end is None or b.end < a.start:
            return _Norm("DURATION", s.value, "duration")
        n = _Norm("DURATION", s.value, "duration", a.start, b.end, anchored=a.anchored or b.anchored, explicit=a.explicit)
        n.event_value, n.event_precision, n.event_start, n.event_end = a.value, a.precision, a.start, b.end
        return n
    r = _resolve_in_calendar(s, ctx)
    if r is None:
        return _Norm("TIME" if (s.hour is not None or s.part) else "DATE", None, _frame_precision(s))
    if s.shift_days and r.precision == "day" and r.start is not None:  # "the day before last Tuesday"
        r = replace(_day(r.start + dt.timedelta(days=s.shift_days)), anchored=r.anchored, context=r.context)
    r.explicit = not r.anchored
    r.event_value, r.event_precision, r.event_start, r.event_end = r.value, r.precision, r.start, r.end
    return r


def _range_ends(s: _Sem, ctx: _Ctx) -> tuple[_Sem, _Sem]:
    """The two ends of a range, the end in the start's year when it names none ("from
    December 2019 to January" ends in January 2020; "August 1-2" never ends a year before it
    starts, whatever year each end would take alone)."""
    assert s.parts is not None
    first, last = s.parts
    if last.year is not None or last.month is None:
        return first, last
    a = _resolve_in_calendar(first, ctx)
    if a is None or a.start is None:
        return first, last
    year = a.start.year
    if (last.month, last.day or 0) < (a.start.month, a.start.day if last.day else 0):
        year += 1
    return first, replace(last, year=year)


def _resolve_in_calendar(s: _Sem, ctx: _Ctx) -> _Norm | None:
    """`_resolve_cal`, or None when the date it names is outside the calendar."""
    try:
        return _resolve_cal(s, ctx)
    except _OUT_OF_CALENDAR:
        return None


def _frame_precision(s: _Sem) -> str:
    if s.rule is not None:
        return s.rule.unit
    if s.hour is not None or s.part:
        return "time"
    if s.day or s.weekday is not None:
        return "day"
    if s.month:
        return "month"
    if s.season:
        return "season"
    if s.quarter:
        return "quarter"
    if s.half:
        return "half"
    return s.unit if s.unit in _PREC_RANK else "unknown"


def _anchor_duration(n: _Norm, s: _Sem, ctx: _Ctx) -> None:
    """'two years ago' is a duration in MEANTIME, but dates events: keep that date aside
    (none when that date is outside the calendar: "3,000 years ago")."""
    try:
        _anchor_duration_in_calendar(n, s, ctx)
    except _OUT_OF_CALENDAR:
        n.event_value, n.event_precision, n.event_start, n.event_end = None, None, None, None


_PERIODS = ("quarter", "half", "month")
_CLOCK_PER_DAY = {"S": 86400, "M": 1440, "H": 24}
_FINER = {"year": ("month", 12), "quarter": ("month", 3), "month": ("day", 30), "week": ("day", 7), "day": ("day", 1)}


def _counted_shift(letter: str, is_time: bool, amount: float) -> tuple[str, int, str]:
    """How far a counted duration moves a date: the calendar unit, how many of it, and the
    precision the result keeps. Clock units move by whole days ("over an hour later" is the same
    day, "36 hours later" the next); a fraction counts in the next finer unit ("two and a half
    years ago" is 30 months back, to the month; "a week and a half later" 10 or 11 days on)."""
    if is_time:
        return "day", int(amount / _CLOCK_PER_DAY[letter]), "day"
    unit = _CALENDAR_UNIT[letter]
    if amount == int(amount):
        return unit, int(amount), unit
    finer, per = _FINER[unit]
    return finer, int(amount * per + 0.5), finer


def _anchor_duration_in_calendar(n: _Norm, s: _Sem, ctx: _Ctx) -> None:
    letter, is_time, mult = UNITS.get(s.unit or "day", UNITS["day"])
    p = ctx.period
    if s.unit == "year" and s.amount == 1 and s.relation in ("ago", "earlier") and p is not None and p.start \
            and p.precision in _PERIODS:
        # "third-quarter profit rose from a year earlier": the same quarter (half, month) a year before
        e = _unit_norm(p.precision, _shift("year", p.start, -1))
        n.event_value, n.event_precision, n.event_start, n.event_end = e.value, e.precision, e.start, e.end
        n.anchored = True
        return
    if s.relation in ("ago", "from now"):
        base = ctx.dct
        n.anchored = True
    else:  # later/earlier/before/after: relative to the narrative's reference time
        base = ctx.anchor.start if (ctx.anchor is not None and ctx.anchor.start) else None
    if base is None:
        return
    sign = -1 if s.relation in ("ago", "earlier", "before") else 1
    if s.amount is None:  # vague: "days later", "a few weeks ago"
        unit = "day" if is_time else _CALENDAR_UNIT[letter]
        guess = {"day": 3, "week": 2, "month": 3, "year": 3, "quarter": 2}.get(unit, 2)
        target = _shift(unit, base, sign * guess)
        coarse = {"day": "month", "week": "month", "month": "year", "quarter": "year", "year": "year"}.get(unit, "year")
        e = _unit_norm(coarse, target)
        lo, hi = sorted([base, target])
        n.event_value, n.event_precision, n.event_start, n.event_end = e.value, e.precision, lo, hi
        return
    unit, count, precision = _counted_shift(letter, is_time, s.amount * mult)
    e = _unit_norm(precision, _shift(unit, base, sign * count))
    n.event_value, n.event_precision, n.event_start, n.event_end = e.value, e.precision, e.start, e.end
