"""Expressions read together after the per-expression pass: a day number listed after a
month and day ("May 2 and 3"), the week of a day ("the week of March 6"), the second day of a
weekday range ("from Monday to Wednesday"), a clock time on the day named after it or on the
day an earlier sentence gave its act, and the year of a month in an article without a
publication date.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from pipeline.models import TimeExpression
from pipeline.timex.anchoring import _resolve
from pipeline.timex.arithmetic import _unit_norm
from pipeline.timex.frames import _Ctx, _Sem, _Timex
from pipeline.timex.grammar import _parse
from pipeline.timex.lexicon import CLOCK_DAY_LINKS, DAY_LIST_WORDS, PERIODS_OF_A_DAY, RANGE_CONNECTORS, REPORTING_LEMMAS
from pipeline.timex.words import _WD


def read_together(doc: Doc, out: list[TimeExpression], bare_clocks: list[tuple[_Timex, _Sem, _Ctx]],
                  yearless: list[tuple[_Timex, _Sem, _Ctx]]) -> None:
    """Revise and add expressions that only their neighbours explain (in place): clock times
    given no day, months given no year in an undated article, listed days, weeks of days,
    weekday ranges."""
    _clocks_on_the_day_after(doc, out, bare_clocks)
    _clocks_of_an_act_told_before(doc, out, bare_clocks)
    _years_from_the_text(out, yearless)
    out.extend(_listed_days(doc, out))
    _weeks_of_days(doc, out)
    _weekday_ranges(doc, out)


def _clocks_on_the_day_after(doc: Doc, out: list[TimeExpression], bare: list[tuple[_Timex, _Sem, _Ctx]]) -> None:
    """A clock time is on the day named right after it, past a zone or a conversion in brackets
    ("at 10:35 a.m. (0735 GMT) Friday", "at 9 a.m. local time on Tuesday"), not on the
    publication date."""
    for tx, sem, ctx in bare:
        day = next((t for t in out if isinstance(t, _Timex) and t.token_start >= tx.token_end
                    and t.sentence_index == tx.sentence_index and t.precision == "day" and not t.part_of_range), None)
        if day is not None and day.range_start is not None and _only_links(doc, tx.token_end, day.token_start):
            _on_day(tx, sem, ctx, day.range_start)


def _clocks_of_an_act_told_before(doc: Doc, out: list[TimeExpression], bare: list[tuple[_Timex, _Sem, _Ctx]]) -> None:
    """A clock time of a past act that an earlier sentence dated to a day is on that day ("He
    was shot to death last Oct. 23. ... He was shot at 10 p.m."), not on the publication date:
    the same verb tells the same act again. A reporting verb does not ("said at 3 p.m.")."""
    for tx, sem, ctx in bare:
        if tx.context or tx.tense != "past" or tx.attach is None:
            continue
        verb = doc[tx.attach]
        if verb.pos_ != "VERB" or verb.lemma_.lower() in REPORTING_LEMMAS:
            continue
        day = next((t.range_start for t in reversed(out) if isinstance(t, _Timex) and t.sentence_index is not None
                    and tx.sentence_index is not None and t.sentence_index < tx.sentence_index
                    and t.precision == "day" and t.range_start is not None and t.attach is not None
                    and doc[t.attach].lemma_ == verb.lemma_), None)
        if day is not None:
            _on_day(tx, sem, ctx, day)


def _on_day(tx: _Timex, sem: _Sem, ctx: _Ctx, day: dt.date) -> None:
    """Read a clock time again on the day its neighbours give it (in place)."""
    n = _resolve(sem, replace(ctx, day_anchor=day))
    if n is not None:
        tx.timex_value, tx.range_start, tx.range_end, tx.context = n.value, n.start, n.end, True
        tx.event_value, tx.event_start, tx.event_end = n.event_value, n.event_start, n.event_end


def _only_links(doc: Doc, a: int, b: int) -> bool:
    """Are the tokens between a clock time and a day only a zone, a bracketed conversion or
    a link word (`clock_day_links`)?"""
    depth = 0
    for t in doc[a:b]:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif depth == 0 and t.lower_ not in CLOCK_DAY_LINKS:
            return False
    return depth == 0


def _listed_days(doc: Doc, out: list[TimeExpression]) -> list[_Timex]:
    """A bare day number joined to a month and day is another day of that month ("on May 2
    and 3", "24 and 25 April", "from March 3 to 5"): TimeBank tags it as a date of its own."""
    taken = {i for t in out if isinstance(t, _Timex) for i in range(t.token_start, t.token_end)}
    found: list[_Timex] = []
    for tx in out:
        if not isinstance(tx, _Timex) or tx.precision != "day" or tx.range_start is None or tx.part_of_range:
            continue
        a, b = tx.token_start, tx.token_end
        for i, later in ((b + 1, True), (a - 2, False)):
            edge = b - 1 if later else a
            link = b if later else a - 1
            if not (0 <= i < len(doc)) or i in taken or doc[link].lower_ not in DAY_LIST_WORDS \
                    or _day_number(doc[edge]) != tx.range_start.day:
                continue
            day = _day_number(doc[i])
            if day is None or (day > tx.range_start.day) != later or _counts_a_noun(doc, i):
                continue
            try:
                d = tx.range_start.replace(day=day)
            except ValueError:  # "Feb. 28 and 30"
                continue
            taken.add(i)
            found.append(replace(tx, start_char=doc[i].idx, end_char=doc[i].idx + len(doc[i].text), text=doc[i].text,
                                 timex_value=d.isoformat(), range_start=d, range_end=d, token_start=i, token_end=i + 1,
                                 event_value=d.isoformat(), event_start=d, event_end=d, children=[]))
    return found


def _day_number(tok: Token) -> int | None:
    """The day of the month a token writes ("25", "3rd"), if it is one."""
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", tok.lower_)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


def _counts_a_noun(doc: Doc, i: int) -> bool:
    """Does the number count the noun after it ("and 25 people"), a month name aside?"""
    return i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN") and _parse(doc[i + 1].text) is None


def _weeks_of_days(doc: Doc, out: list[TimeExpression]) -> None:
    """"the week of March 6" is the week that day is in (lexicon: periods_of_a_day), one expression."""
    for tx in out:
        a = tx.token_start if isinstance(tx, _Timex) else 0
        if not isinstance(tx, _Timex) or tx.precision != "day" or tx.range_start is None or a < 2 \
                or doc[a - 1].lower_ != "of" or doc[a - 2].lower_ not in PERIODS_OF_A_DAY:
            continue
        start = a - 3 if a >= 3 and doc[a - 3].lower_ == "the" else a - 2
        n = _unit_norm(doc[a - 2].lower_, tx.range_start)
        tx.start_char, tx.token_start = doc[start].idx, start
        tx.text = doc.text[tx.start_char:tx.end_char]
        tx.timex_value, tx.range_start, tx.range_end, tx.precision = n.value, n.start, n.end, n.precision
        tx.event_value, tx.event_precision, tx.event_start, tx.event_end = n.value, n.precision, n.start, n.end


def _years_from_the_text(out: list[TimeExpression], yearless: list[tuple[_Timex, _Sem, _Ctx]]) -> None:
    """An article without a publication date: a month (and day) with no year is read from the
    nearest date the text writes in full, the way its tense points ("condemns the January 15
    attack ... detained since December ... reported on January 16, 2019": 2019-01-15, 2018-12),
    as a reader would date it."""
    days = [(t.start_char, t.range_start) for t in out
            if isinstance(t, _Timex) and t.explicit and t.precision == "day" and t.range_start is not None]
    if not days:
        return
    for tx, sem, ctx in yearless:
        day = min(days, key=lambda d: abs(d[0] - tx.start_char))[1]
        n = _resolve(sem, replace(ctx, dct=day))  # the way the tense points from that day
        if n.value is not None:
            tx.timex_value, tx.range_start, tx.range_end, tx.precision = n.value, n.start, n.end, n.precision
            tx.event_value, tx.event_precision, tx.event_start, tx.event_end = n.event_value, n.event_precision, n.event_start, n.event_end
            tx.context = True


def _weekday_ranges(doc: Doc, out: list[TimeExpression]) -> None:
    """"from Monday to Wednesday": the second weekday is the first one after the first, whichever
    way a verb would point it alone ("rains affecting 13 districts from Monday to Wednesday")."""
    days = [t for t in out if isinstance(t, _Timex) and t.precision == "day" and t.range_start is not None
            and re.fullmatch(_WD, t.text.lower())]
    for first, second in itertools.pairwise(days):
        a, b = first.token_end, second.token_start
        if b - a != 1 or doc[a].lower_ not in RANGE_CONNECTORS or first.token_start == 0 \
                or doc[first.token_start - 1].lower_ not in ("from", "between"):
            continue
        assert first.range_start is not None and second.range_start is not None
        gap = (second.range_start.weekday() - first.range_start.weekday()) % 7 or 7
        d = first.range_start + dt.timedelta(days=gap)
        second.timex_value, second.range_start, second.range_end = d.isoformat(), d, d
        second.event_value, second.event_start, second.event_end = d.isoformat(), d, d
