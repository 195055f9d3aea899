"""Anniversaries: "Sunday, the 30th anniversary of the [genocide]" dates the genocide 30 years
before that Sunday.

The act an anniversary names is older than the sentence's own time by the number the
anniversary counts; the sentence's time is the date it gives outside the "of" phrase (a day,
a month, a year), or else the publication date. The result keeps the month when the
anniversary's day or month is known (anniversaries fall on the date, but "the start of the
protests" may be a day or two off) and the year otherwise ("That will be the 20th anniversary
of the strikes", in May, of strikes of some September).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

from pipeline.timex.arithmetic import _unit_norm
from pipeline.timex.event_dates.lexicon import lexicon
from pipeline.timex.lexicon import ORDINALS

Dated = tuple[str, str, dt.date, dt.date]  # value, precision, start, end
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")


def anniversary_of(tok: Token) -> tuple[Token, int] | None:
    """The anniversary noun whose "of" phrase the trigger is in ("the 14th anniversary of the
    start of the [protests]"), and the years it counts (an ordinal, or "10-year")."""
    node = tok
    for _ in range(3):
        prep = node.head
        if node.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
            return None
        noun = prep.head
        if noun.lemma_.lower() in lexicon().anniversary_nouns:
            years = _years(noun)
            return (noun, years) if years else None
        node = noun
    return None


def _years(noun: Token) -> int | None:
    for c in noun.lefts:
        m = _ORDINAL.match(c.lower_)
        if m:
            return int(m.group(1))
        if c.lower_ in ORDINALS:
            return ORDINALS[c.lower_]
        if c.lower_ == "year" and c.dep_ == "compound":  # "the 10-year anniversary"
            nums = [g for g in c.lefts if g.like_num and g.text.isdigit()]
            if nums:
                return int(nums[0].text)
    return None


def anniversary_event_date(tok: Token, dates: list[tuple[int, int, str, dt.date]], dct: dt.date) -> Dated | None:
    """The date of the trigger when it is the act of a numbered anniversary, `years` before it:
    `dates` are the (first token, end token, precision, start) of the sentence's calendar
    dates; one outside the anniversary's own phrase is the anniversary's time, else the
    publication date is."""
    found = anniversary_of(tok)
    if found is None:
        return None
    noun, years = found
    lo, hi = noun.left_edge.i, noun.right_edge.i
    own = [(p, st) for a, _, p, st in dates if not lo <= a <= hi]
    precision, base = own[0] if own else ("year", dct)
    try:
        then = base.replace(year=base.year - years)
    except ValueError:  # 29 February
        then = base.replace(year=base.year - years, day=28)
    unit = "month" if precision in ("day", "time", "week", "weekend", "month") else "year"
    n = _unit_norm(unit, then)
    if n.value is None or n.start is None or n.end is None:
        return None
    return n.value, unit, n.start, n.end
