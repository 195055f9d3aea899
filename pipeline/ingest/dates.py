"""Dates written as text or metadata values, and dates in file names.

Why: a publication date comes from many places (sidecars, front matter, JSON fields,
datelines, file names); all of them read a date with the same patterns, so the month words
come from the time-expression lexicon and numeric dates follow one day-first/ISO rule.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline.timex.lexicon import MONTHS

# ---------------------------------------------------------------------------------------------
# Dates

# month names and abbreviations come from the time-expression lexicon (schemas/timex/), so a
# dateline and a date in the text are read with the same words
_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=lambda w: (-len(w), w))) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I)),
    ("dmy", re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I)),
    ("iso", re.compile(_YEAR + r"(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)")),
    (
        "dotted",
        re.compile(r"(?P<d>3[01]|[12]\d|0?[1-9])(?P<sep>[.-])(?P<m>0?[1-9]|1[0-2])(?P=sep)" + _YEAR + r"(?!\d)"),
    ),
    ("slash", re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/" + _YEAR + r"(?!\d)")),
]


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _match_date_at(text: str) -> tuple[dt.date, int] | None:
    """A full calendar date at the start of `text`, and where it ends (or None)."""
    for kind, pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        year = int(m.group("year"))
        if kind in ("mdy", "dmy"):
            found = _make_date(year, MONTHS[m.group("mon").lower()], int(m.group("day")))
        elif kind in ("iso", "dotted"):
            found = _make_date(year, int(m.group("m")), int(m.group("d")))
        else:  # a/b/yyyy: only when one field cannot be a month
            a, b = int(m.group("a")), int(m.group("b"))
            if a > 12 >= b:
                found = _make_date(year, b, a)
            elif b > 12 >= a:
                found = _make_date(year, a, b)
            else:
                found = None
        if found is not None:
            return found, m.end()
    return None


def parse_date_value(value: Any) -> dt.date | None:
    """A publication date from a metadata value (date, ISO string, 'Feb 4, 2026', ...)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", text)
    if iso:
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    found = _match_date_at(text)
    if found is not None:
        return found[0]
    import dateparser  # lazy: costs about a second to import

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


_FILE_NAME_DATES = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_.](?P<m>0[1-9]|1[0-2])[-_.](?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])"),
]


def date_from_file_name(name: str) -> dt.date | None:
    """A `YYYY-MM-DD`/`YYYY_MM_DD`/`YYYYMMDD` date in a file name (not inside hex ids)."""
    for pattern in _FILE_NAME_DATES:
        m = pattern.search(name)
        if m:
            found = _make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if found is not None:
                return found
    return None
