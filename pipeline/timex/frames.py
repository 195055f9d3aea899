"""Frames: what an expression says before anchoring (`_Sem`), what it resolves to (`_Norm`), the
context anchoring reads (`_Ctx`) and the stored expression with its dating extras (`_Timex`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipeline.models import TimeExpression
from pipeline.timex.lexicon import Holiday


@dataclass
class _Sem:
    """What an expression says, before anchoring."""

    kind: str  # cal, dur, set, ref, range
    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    weekday: int | None = None
    decade: int | None = None  # e.g. 199 for the 1990s
    century: int | None = None  # e.g. 19 for the 20th century (TIMEX3 "19")
    fiscal: bool = False  # a "financial year": value with TIMEX3's FY prefix (a "fiscal 1989" is plain 1989)
    part: str | None = None  # MO AF EV NI
    hour: int | None = None
    minute: int | None = None
    tz: str | None = None
    rel: str | None = None  # deictic: this/last/next; anaphor: that/prev/following/nth; weekday modifiers
    unit: str | None = None  # unit of a relative expression
    offset: int = 0
    mod: str | None = None  # START END MID APPROX
    value: str | None = None  # ready value for dur/set/ref
    amount: float | None = None  # duration amount (None = vague)
    relation: str | None = None  # ago/later/earlier/before/after/from now (durations used as dates)
    holiday: bool = False
    parts: tuple[_Sem, _Sem] | None = None  # range ends
    shift_days: int = 0  # "the day before last Tuesday": days from the date named
    rule: Holiday | None = None  # a holiday whose day changes with the year ("Thanksgiving", "Easter")


@dataclass
class _Norm:
    """A resolved expression."""

    timex_type: str
    value: str | None
    precision: str
    start: dt.date | None = None
    end: dt.date | None = None
    anchored: bool = False
    explicit: bool = False  # absolute: needs no anchor
    context: bool = False  # anchored on an earlier expression of the text, not the publication date
    event_value: str | None = None  # calendar value usable for dating events
    event_precision: str | None = None
    event_start: dt.date | None = None
    event_end: dt.date | None = None
    relation: str | None = None


@dataclass
class _Ctx:
    """What anchoring needs to know about the expression's surroundings."""

    dct: dt.date | None
    tense: str | None = None  # past, present, future
    ref_year: int | None = None  # year of a past-tense explicit date nearby (narrative time)
    anchor: _Norm | None = None  # last explicit calendar expression (for anaphora)
    day_anchor: dt.date | None = None  # a day mentioned earlier in the sentence (for clock times)
    forward: bool = False  # after a word that points ahead ("until", "payable", "effective")
    direction: str | None = None  # "ahead" / "before" / "nearest": where the verb points a weekday (syntax._direction)
    period: _Norm | None = None  # a quarter, half or month named in this or the previous sentence
    focus: _Norm | None = None  # the quarter (half, year to date) a company report is about


@dataclass
class _Timex(TimeExpression):
    """TimeExpression plus what event dating needs (kept out of the warehouse record)."""

    token_start: int = 0
    token_end: int = 0
    relation: str | None = None
    event_value: str | None = None
    event_precision: str | None = None
    event_start: dt.date | None = None
    event_end: dt.date | None = None
    explicit: bool = False
    context: bool = False  # resolved from an earlier date of the text ("that year", "in December" after "In 2022")
    tense: str | None = None
    attach: int | None = None  # token index the expression modifies (verb or noun)
    part_of_range: bool = False
    children: list[_Timex] = field(default_factory=list)
