"""Calendar arithmetic: units, seasons, quarters, shifts and TIMEX3 values of calendar units.

Plain date code with no grammar in it, so every other module can lean on it.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import math
from dataclasses import replace

import numpy as np

from pipeline.timex.frames import _Norm, _Sem
from pipeline.timex.lexicon import FINER_UNITS, SEASON_MONTHS, TZ_WORDS, UNITS, Holiday


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _season_range(y: int, s: str) -> tuple[dt.date, dt.date]:
    a, b = SEASON_MONTHS[s]
    if s == "WI":  # winter Y = December Y .. February Y+1
        return dt.date(y, 12, 1), _month_end(y + 1, 2)
    return dt.date(y, a, 1), _month_end(y, b)


def _season_of(d: dt.date) -> tuple[int, str]:
    """The season (and its TIMEX3 year) containing a date."""
    m = d.month
    if m == 12:
        return d.year, "WI"
    if m <= 2:
        return d.year - 1, "WI"
    return d.year, ("SP" if m <= 5 else "SU" if m <= 8 else "FA")


_SEASON_ORDER = ["SP", "SU", "FA", "WI"]


def _shift_season(y: int, s: str, n: int) -> tuple[int, str]:
    k = y * 4 + _SEASON_ORDER.index(s) + n
    return k // 4, _SEASON_ORDER[k % 4]


def _cal(precision: str, y: int, a: int = 0, b: int = 0, *, fiscal: bool = False) -> _Norm:
    """Value and range of one calendar unit: day(y,m,d), month(y,m), week(iso y,w), ...

    `fiscal` writes TIMEX3's "FY" prefix; the grammar sets it for a "financial year" only (as
    MEANTIME annotates it): a US "fiscal 1989" is the plain year 1989, as TimeBank writes it."""
    if precision == "day":
        d = dt.date(y, a, b)
        return _Norm("DATE", d.isoformat(), "day", d, d)
    if precision == "month":
        return _Norm("DATE", f"{y:04d}-{a:02d}", "month", dt.date(y, a, 1), _month_end(y, a))
    if precision in ("week", "weekend"):
        mon = dt.date.fromisocalendar(y, a, 1)
        if precision == "weekend":
            return _Norm("DATE", f"{y:04d}-W{a:02d}-WE", "weekend", mon + dt.timedelta(5), mon + dt.timedelta(6))
        return _Norm("DATE", f"{y:04d}-W{a:02d}", "week", mon, mon + dt.timedelta(6))
    if precision == "quarter":
        return _Norm("DATE", f"{y:04d}-Q{a}", "quarter", dt.date(y, 3 * a - 2, 1), _month_end(y, 3 * a))
    if precision == "half":
        return _Norm("DATE", f"{y:04d}-H{a}", "half", dt.date(y, 6 * a - 5, 1), _month_end(y, 6 * a))
    if precision == "season":
        s = _SEASON_ORDER[a]
        st, en = _season_range(y, s)
        return _Norm("DATE", f"{y:04d}-{s}", "season", st, en)
    if precision == "year":
        value = f"FY{y:04d}" if fiscal else f"{y:04d}"
        return _Norm("DATE", value, "year", dt.date(y, 1, 1), dt.date(y, 12, 31))
    if precision == "decade":
        return _Norm("DATE", f"{y // 10:03d}", "decade", dt.date(y, 1, 1), dt.date(y + 9, 12, 31))
    if precision == "century":  # y = first year, e.g. 1900 -> "19"
        return _Norm("DATE", f"{y // 100:02d}", "century", dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31))
    raise ValueError(precision)


def _day(d: dt.date) -> _Norm:
    return _cal("day", d.year, d.month, d.day)


def _month_of_year(year: int, month: int, day: int | None) -> _Norm:
    """The month (and day) a frame names in a year worked out from the text ("May of next
    year", "January 1 of this year"); a day the month does not have leaves the month."""
    if day is not None:
        with contextlib.suppress(ValueError):
            return _day(dt.date(year, month, day))
    return _cal("month", year, month)


def _week(d: dt.date, weekend: bool = False) -> _Norm:
    iy, iw, _ = d.isocalendar()
    return _cal("weekend" if weekend else "week", iy, iw)


def _unit_norm(unit: str, d: dt.date) -> _Norm:
    """The calendar unit of a given kind that contains date d."""
    if unit == "day":
        return _day(d)
    if unit in ("week", "weekend"):
        return _week(d, unit == "weekend")
    if unit == "month":
        return _cal("month", d.year, d.month)
    if unit == "quarter":
        return _cal("quarter", d.year, (d.month - 1) // 3 + 1)
    if unit == "half":
        return _cal("half", d.year, 1 if d.month <= 6 else 2)
    if unit == "season":
        y, s = _season_of(d)
        return _cal("season", y, _SEASON_ORDER.index(s))
    if unit == "year":
        return _cal("year", d.year)
    if unit == "decade":
        return _cal("decade", d.year - d.year % 10)
    if unit == "century":
        return _cal("century", d.year - d.year % 100)
    raise ValueError(unit)


def _shift(unit: str, d: dt.date, n: int) -> dt.date:
    """Move a date by n calendar units (clamping the day of month)."""
    if n == 0:
        return d
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    y, m = _add_months(d.year, d.month, n * months)
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def nth_weekday(y: int, m: int, weekday: int, nth: int, from_day: int = 1) -> dt.date:
    """The nth `weekday` (0 = Monday) of a month, counted from day `from_day` (US Election
    Day: the first Tuesday from November 2); nth -1 is the last one ("the last Monday of May")."""
    if nth < 0:
        last = _month_end(y, m)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(y, m, from_day)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def easter_sunday(y: int) -> dt.date:
    """Western Easter Sunday of a year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher")."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (2 * e + 2 * i - h - k + 32) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return dt.date(y, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def holiday_day(h: Holiday, y: int) -> dt.date:
    """The day of a holiday whose date changes with the year, in year `y`."""
    if h.easter is not None:
        return easter_sunday(y) + dt.timedelta(days=h.easter)
    assert h.weekday is not None and h.nth is not None
    return nth_weekday(y, h.month, h.weekday, h.nth, h.from_day)


def _with_mod(n: _Norm, mod: str | None) -> _Norm:
    """Narrow the range for early/mid/late; the TIMEX3 value keeps the unit's granularity."""
    if not mod or n.start is None or n.end is None or mod == "APPROX":
        return n
    span = (n.end - n.start).days + 1
    third = max(span // 3, 1)
    if mod == "START":
        return replace(n, end=n.start + dt.timedelta(days=third - 1))
    if mod == "END":
        return replace(n, start=n.end - dt.timedelta(days=third - 1))
    if mod == "MID":
        return replace(n, start=n.start + dt.timedelta(days=third), end=n.end - dt.timedelta(days=third))
    return n


_PREC_RANK = {"century": 1, "decade": 2, "year": 3, "half": 4, "season": 4, "quarter": 4, "month": 5,
              "week": 6, "weekend": 6, "day": 7, "time": 8}


def _time(n: _Norm, s: _Sem) -> _Norm:
    """Attach a clock time or part of day to a day value."""
    if n.value is None:
        return n
    if s.hour is not None:
        v = f"{n.value}T{s.hour:02d}:{(s.minute or 0):02d}" + ("Z" if s.tz in TZ_WORDS else "")
    else:
        v = f"{n.value}T{s.part}"
    return replace(n, timex_type="TIME", value=v, precision="time")


def _num(v: float) -> str:
    """A TIMEX3 amount: digits only (no exponent, however large or small the number)."""
    return str(int(v)) if float(v).is_integer() else np.format_float_positional(v, trim="-")


def _duration_value(amount: float | None, unit: str) -> str:
    letter, is_time, mult = UNITS[unit]
    known = amount is not None and math.isfinite(amount * mult)
    if known and amount is not None and not float(amount).is_integer() and unit in FINER_UNITS:
        whole = _whole_and_finer(amount, unit)
        if whole is not None:
            return whole
    amt = _num(amount * mult) if known and amount is not None else "X"  # 10**400 years: a number float cannot hold
    return f"PT{amt}{letter}" if is_time else f"P{amt}{letter}"


def _whole_and_finer(amount: float, unit: str) -> str | None:
    """A fraction in whole units and the finer unit that counts the rest ("2 1/2 years": P2Y6M,
    "a day and a half": P1DT12H), or None when the finer unit does not count it whole."""
    finer, per = FINER_UNITS[unit]
    whole, rest = int(amount), round((amount - int(amount)) * per, 6)
    if not float(rest).is_integer():
        return None
    letter, is_time, _ = UNITS[unit]
    f_letter, f_time, _ = UNITS[finer]
    head = f"{whole}{letter}" if whole else ""
    tail = f"{int(rest)}{f_letter}"
    if is_time:
        return f"PT{head}{tail}"
    return f"P{head}T{tail}" if f_time else f"P{head}{tail}"


# What Python's calendar raises for a date it cannot represent: a year outside 1..9999
# ("year 0000", "3,000 years ago" from 2025), a day that does not exist ("31 February"), a
# shift past its range ("1,000,000 days ago"). Such an expression is still a time expression,
# only without a calendar value.
_OUT_OF_CALENDAR = (ValueError, OverflowError)


# the calendar unit a duration's letter counts in (a fortnight counts in weeks, a decade in years)
_CALENDAR_UNIT = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
