"""Elapsed time: "two years after the [devaluation] of the currency", "ten days after both
armies [signed] the accord", "40 years after the [invasion]".

The act in an "after" phrase or clause that a counted duration stands before is older than
the time of the sentence by that duration: the sentence's own date outside the phrase, or else
the report's default day. The result has the precision of the duration's unit, or of the base
if that is coarser ("in 2015, two weeks after the vote" is a vote of 2015 at best). An "after"
phrase with a date of its own is left to the date; a vague amount ("months after") gives none.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

from pipeline.timex.arithmetic import _shift, _unit_norm
from pipeline.timex.event_dates.clauses import clause_verb
from pipeline.timex.event_dates.lexicon import lexicon

Dated = tuple[str, str, dt.date, dt.date]  # value, precision, start, end
_DURATION = re.compile(r"^P(T?)(\d+)([YMWDH])$")
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_RANK = {"day": 0, "time": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "half": 3, "season": 3, "year": 4}


def elapsed_phrase(tok: Token) -> tuple[Token, Token] | None:
    """The phrase head ("after", or the verb of an "after" clause) whose time the trigger is,
    and the word of the duration before it ("years" in "two years after the devaluation")."""
    words = lexicon().elapsed_prepositions
    node = tok
    for _ in range(3):  # "after the start of the [protests]"
        if node.dep_ != "pobj":
            break
        prep = node.head
        if prep.lower_ in words:
            dur = next((c for c in prep.children if c.dep_ == "npadvmod" and c.i < prep.i), None)
            return (prep, dur) if dur is not None else None
        if prep.lower_ != "of" or prep.head.i == prep.i:
            break
        node = prep.head
    verb = clause_verb(tok)
    if verb is None or verb.dep_ != "advcl" or not (tok.i == verb.i or (
            tok.head.i == verb.i and tok.dep_ in ("nsubj", "nsubjpass", "dobj"))):
        return None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in words), None)
    dur = next((c for c in verb.children if c.dep_ == "npadvmod" and mark is not None and c.i < mark.i), None)
    if dur is None and mark is not None:
        # the parser may hang the duration on the main verb: "came [a day] after Israel struck"
        dur = next((c for c in verb.head.children if c.dep_ == "npadvmod" and c.right_edge.i == mark.i - 1), None)
    return (verb, dur) if mark is not None and dur is not None else None


def elapsed_event_date(tok: Token, dates: list[tuple[int, int, str, dt.date]], durations: list[tuple[int, int, str]],
                       base: tuple[str, dt.date]) -> Dated | None:
    """The date of the trigger when it is the act of an "after" phrase a counted duration
    stands before; `dates` are the (first token, end token, precision, start) of the
    sentence's calendar dates, `durations` the (first token, end token, TIMEX3 value) of its
    durations, `base` the report's default (precision, day)."""
    found = elapsed_phrase(tok)
    if found is None:
        return None
    head, dur = found
    lo, hi = head.left_edge.i, head.right_edge.i
    value = next((v for a, b, v in durations if a <= dur.i < b), None)
    if value is None or any(lo <= a <= hi for a, _, _, _ in dates):
        return None  # no counted duration, or the act has a date of its own
    outside = [(p, st) for a, _, p, st in dates if not lo <= a <= hi]
    precision, day = outside[0] if outside else base
    return elapsed_date(value, day, precision)


def elapsed_date(duration: str, base: dt.date, base_precision: str) -> Dated | None:
    """The date `duration` (a TIMEX3 value such as P3M, P1W, PT5H) before `base`."""
    m = _DURATION.match(duration or "")
    if m is None:
        return None
    clock, amount, letter = m.group(1) == "T", int(m.group(2)), m.group(3)
    if clock:  # "hours after": the same day
        unit, then = "day", base
    elif letter in _UNITS:
        unit = _UNITS[letter]
        then = _shift(unit, base, -amount)
    else:
        return None
    if _RANK.get(base_precision, 0) > _RANK[unit]:
        unit = "year" if base_precision not in ("week", "month") else base_precision
    n = _unit_norm(unit, then)
    if n.value is None or n.start is None or n.end is None:
        return None
    return n.value, unit, n.start, n.end
