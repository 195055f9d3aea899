"""A "later" shift seen from the time of the report.

"Days later", "two decades later" move an act on from the last act the text dated. A report
cannot tell as done an act that lies after its own date, so:

- when even the earliest point the shift can reach is after the publication date, the shift
  has reached the report's present ("The treaty was signed in 2004. Nearly two decades later,
  the treaty still divides the parties": the dividing is now, the signing long before) and it
  dates no act told as done;
- when only the end of its date passes the publication date ("a few hours later" after an
  act of the day of publication, guessed as some days on), the act lies between the earliest
  point and the publication date, and takes the smallest calendar unit that holds both.

The earliest point: a counted shift reaches its own date ("three days later"); a vague one at
least one unit ("several months later" is a month on at the least), except clock units, which
may stay on the same day ("a few hours later").
"""

from __future__ import annotations

import datetime as dt

from pipeline.timex.arithmetic import _CALENDAR_UNIT, _shift, _unit_norm
from pipeline.timex.lexicon import UNITS

Dated = tuple[str, str, dt.date, dt.date]  # value, precision, start, end


def earliest_later(base: dt.date, unit: str | None, amount: float | None, start: dt.date) -> dt.date:
    """The earliest day a "later" shift of `amount` `unit`s from `base` can reach (`start`, the
    start of the date the shift was given, for a counted amount)."""
    if amount is not None:
        return start
    letter, is_time, _ = UNITS.get(unit or "day", UNITS["day"])
    return base if is_time else _shift(_CALENDAR_UNIT.get(letter, "day"), base, 1)


def bounded_by_report(value: str, precision: str | None, start: dt.date, end: dt.date, earliest: dt.date,
                      dct: dt.date) -> Dated | None:
    """The date of an act a "later" shift dates, kept on or before the publication date `dct`:
    None when even the earliest point is after it; the date unchanged when it ends on or before
    it; else the smallest calendar unit (a day, week, month or year) holding `earliest` and
    `dct` (None when they are years apart)."""
    if earliest > dct:
        return None
    if end <= dct:
        return value, precision or "day", start, end
    for unit in ("day", "week", "month", "year"):
        n = _unit_norm(unit, earliest)
        if n.end is not None and n.start is not None and n.value and dct <= n.end:
            return n.value, unit, n.start, n.end
    return None
