"""The per-document pass: detect, normalise and anchor every time expression of an article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from pipeline.models import TimeExpression
from pipeline.timex.anchoring import _range_ends, _resolve
from pipeline.timex.arithmetic import _shift, _unit_norm
from pipeline.timex.event_dates import after_upcoming, boundary
from pipeline.timex.filters import _candidates
from pipeline.timex.frames import _Ctx, _Norm, _Sem, _Timex
from pipeline.timex.grammar import _parse
from pipeline.timex.lexicon import (
    FORWARD_SIGNALS,
    NOT_FORWARD_AFTER,
    PERIOD_ENDS,
    POINTING_RELATIONS,
    RANGE_CONNECTORS,
    REPORTING_LEMMAS,
    SOMEDAY_WORDS,
    TRAILING_APPROXIMATORS,
    VAGUE_TIME_ADJECTIVES,
    YEAR_TO_DATE,
)
from pipeline.timex.linking import read_together
from pipeline.timex.non_times import _is_rate, _is_time_token
from pipeline.timex.syntax import (
    _act_to_come,
    _booked,
    _direction,
    _future_in_the_past,
    _past_perfect,
    _put_off,
    _span_tense,
    _verb_of,
)


def _sent_index(doc: Doc) -> list[int]:
    """Sentence number of every token; a line break always ends a sentence (titles, datelines)."""
    cached = doc.user_data.get("dateline_sent_index")
    if isinstance(cached, list) and len(cached) == len(doc):
        return cached
    idx: list[int] = []
    k = -1
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        for tok in doc:  # no parser: lines are the sentences
            idx.append(max(k, 0))
            if "\n" in tok.text:
                k = max(k, 0) + 1
        doc.user_data["dateline_sent_index"] = idx
        return idx
    for sent in doc.sents:
        k += 1
        end = sent.end
        for tok in sent:
            idx.append(k)
            if "\n" in tok.text and tok.i + 1 < end:
                k += 1
    doc.user_data["dateline_sent_index"] = idx
    return idx


def _range_parts(doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
    """Character spans of the two ends of a range ('2009' and '2011' in 'from 2009 to 2011')."""
    if b - a == 1:
        tok = doc[a]
        m = re.fullmatch(r"(\d{4})([-–—])(\d{2,4})", tok.text)
        if m:
            return [(tok.idx, tok.idx + 4), (tok.idx + 5, tok.idx + len(tok.text))]
        return []
    conn = [i for i in range(a, b) if doc[i].lower_ in RANGE_CONNECTORS]
    if not conn:
        return []
    c = conn[0]
    left_start = a + 1 if doc[a].lower_ in ("from", "between") else a
    return [(doc[left_start].idx, doc[c - 1].idx + len(doc[c - 1].text)), (doc[c + 1].idx, doc[b - 1].idx + len(doc[b - 1].text))]


def _frames(doc: Doc, tx: _Timex, att: Token) -> bool:
    """Does an explicit date frame the clause of `att`? It must modify a verb dominating it,
    not across a coordinated clause with a subject of its own ("Assad was ousted in December
    2024 but hope has been shaken by violence that began March 6": March of the present year)."""
    if tx.attach is None:
        return False
    verb = doc[tx.attach]
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    node = att
    for _ in range(12):
        if node.i == verb.i:
            return True
        if node.head.i == node.i or _own_clause(node):
            return False
        node = node.head
    return False


def _own_clause(tok: Token) -> bool:
    """A verb coordinated with its head that has a subject of its own ("..., but hope has been shaken")."""
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _of_an_act(att: Token) -> bool:
    """Is the word a time expression modifies an act, or in the clause of one, not of a state
    ("detain activists ahead of Sunday's vote", not "its share before Friday's purchases is
    small": a state before a time looks back to it)?"""
    verb = att if att.pos_ in ("VERB", "AUX") else _verb_of(att)
    return verb is not None and verb.lemma_ != "be"


def _worth_keeping(span: Span) -> bool:
    """An expression we cannot normalise is kept (value NULL) only if it clearly names a period
    ("the early days", "the first weeks"), not "a great day" or a lone "nights"."""
    if len(span) < 2:
        return False
    return any(t.lower_ in VAGUE_TIME_ADJECTIVES for t in span) and any(_is_time_token(t) for t in span)


def _narrative_year(doc: Doc, recent: list[tuple[int, _Timex]], si: int, att: Token) -> int | None:
    """The year of a past-tense narrative: an explicit date framing this clause, or the main
    clause of the previous sentence ("In April 2023, ... By the end of the year, ..."). A
    boundary ("arrested several times since 1990", "until 2019") frames no narrative."""
    for s_i, tx in reversed(recent):
        if tx.range_start is None or not (tx.explicit or (tx.context and tx.precision == "year")) \
                or boundary(doc, tx.token_start, tx.token_end) is not None:
            continue
        if s_i == si and _frames(doc, tx, att):
            return tx.range_start.year
        if s_i == si - 1 and tx.tense == "past" and tx.attach is not None and doc[tx.attach].dep_ == "ROOT" \
                and not _flashback(doc[tx.attach], att):
            return tx.range_start.year
        if s_i < si - 1:
            break
    return None


def _flashback(prev_root: Token, att: Token) -> bool:
    """Is the sentence before a flashback in the past perfect ("had fled to Florida in June
    1998") that a simple past returns from ("to make the late-November trip, Castro said")? Its
    year is background, not the narrative's."""
    return _past_perfect(prev_root) and not _past_perfect(att)


def _forward(doc: Doc, a: int, tense: str | None, weekday: bool) -> bool:
    """Does a forward signal stand before the expression ("until Friday", "effective Feb. 1")?
    Not "to" after a word that makes it no direction ("in contrast to Thursday"), nor a weekday
    ending a past span ("bought from Sept. 14 to Thursday")."""
    for w in FORWARD_SIGNALS:
        k = a - len(w)
        if k < 0 or tuple(t.lower_ for t in doc[k:a]) != w:
            continue
        if k > 0 and doc[k - 1].lower_ in NOT_FORWARD_AFTER:
            continue
        if weekday and w in (("to",), ("through",)) and tense == "past" and any(t.lower_ == "from" for t in doc[max(doc[a].sent.start, k - 8):k]):
            continue
        return True
    return False


def _points_here(value: str | None, word: str) -> bool:
    """Does `word` after a duration of this value make it a date (lexicon: pointing_relations)?"""
    units = POINTING_RELATIONS.get(word)
    if units == "years":
        return value is not None and not value.startswith("PT") and value[-1:] in ("Y", "E", "C", "L")
    return units == "any"


def _apposed_to_a_day(doc: Doc, a: int, b: int, sem: _Sem | None, before: list[TimeExpression]) -> bool:
    """Is "the day before/after" in apposition to the date just before it, with an event after it
    ("last seen Nov. 3, the day before police issued a warrant")? Then it names that date itself,
    not the day before it."""
    if sem is None or sem.kind != "cal" or sem.unit != "day" or sem.rel not in ("prev", "following"):
        return False
    prev = before[-1] if before else None
    return (isinstance(prev, _Timex) and prev.precision == "day" and a >= 2 and doc[a - 1].text == ","
            and prev.token_end == a - 1 and b < len(doc) and not doc[b].is_punct)


def _point_to_date(doc: Doc, tx: _Timex) -> None:
    """TimeML/TempEval-3 convention: "two years ago", "a week later" are DATEs whose span takes
    the relation word (MEANTIME annotates the DURATION "two years" instead; we follow TimeML).
    A duration that points nowhere we can compute (no anchor for "later") stays a DURATION;
    "two days before the vote" stays one too (its date is the vote's, not ours to compute)."""
    if tx.timex_type != "DURATION" or not tx.event_value or tx.relation not in ("ago", "later", "earlier", "from now"):
        return
    if tx.timex_value and "X" in tx.timex_value and tx.relation not in ("ago", "from now"):
        return  # "days later": a vague shift from the story's time, kept a duration
    end = tx.token_end
    if end + 2 < len(doc) and f"{doc[end].lower_} {doc[end + 1].lower_}" in TRAILING_APPROXIMATORS \
            and _points_here(tx.timex_value, doc[end + 2].lower_):
        end += 2  # "a week or so ago"
    if end < len(doc) and _points_here(tx.timex_value, doc[end].lower_):
        end += 1
    elif end + 1 < len(doc) and doc[end].lower_ == "from" and doc[end + 1].lower_ == "now":
        end += 2
    else:
        return
    tx.end_char = doc[end - 1].idx + len(doc[end - 1].text)
    tx.text = doc.text[tx.start_char:tx.end_char]
    tx.range_start, tx.range_end, tx.token_end, tx.anchored = tx.event_start, tx.event_end, end, True
    if tx.timex_value is not None and "X" in tx.timex_value:  # "several years ago": some time before now
        tx.timex_type, tx.timex_value, tx.precision = "DATE", "PAST_REF" if tx.relation == "ago" else "FUTURE_REF", "ref"
        tx.range_start = tx.range_end = None
        return
    tx.timex_type, tx.timex_value, tx.precision = "DATE", tx.event_value, tx.event_precision or "unknown"


def _range_children(doc: Doc, tx: _Timex, sem: _Sem, ctx: _Ctx) -> list[_Timex]:
    """The two ends of a range as expressions of their own ("2009" and "2011" in "from 2009
    to 2011"), also kept as the range's children."""
    ends = _range_ends(sem, ctx) if sem.parts else None
    out: list[_Timex] = []
    for k, (cs, ce) in enumerate(_range_parts(doc, tx.token_start, tx.token_end)):
        part_sem = replace(ends[k]) if ends and _parse(doc.text[cs:ce]) is not None else None
        if part_sem is None or part_sem.kind != "cal":
            continue
        pn = _resolve(part_sem, ctx)
        child = _Timex(article_id=tx.article_id, start_char=cs, end_char=ce, text=doc.text[cs:ce],
                       timex_type=pn.timex_type, timex_value=pn.value, range_start=pn.start,
                       range_end=pn.end, precision=pn.precision, anchored=pn.anchored, sentence_index=tx.sentence_index,
                       token_start=tx.token_start, token_end=tx.token_end, event_value=pn.event_value,
                       event_precision=pn.event_precision, event_start=pn.event_start,
                       event_end=pn.event_end, explicit=pn.explicit, tense=tx.tense, attach=tx.attach,
                       part_of_range=True)
        tx.children.append(child)
        out.append(child)
    return out


# periods a report stays about for the rest of the text ("the quarter", "a year earlier" compare
# with it); a month named in passing only frames the sentence it is in and the next
_REPORT_PERIODS = ("quarter", "half")


@dataclass
class _Reading:
    """What the pass has read so far that later expressions are anchored on: the last explicit
    calendar expression, the year-bearing ones of recent sentences (a narrative's year and day),
    the report period in focus, and the expressions whose neighbours explain them."""

    published: dt.date | None
    out: list[TimeExpression] = field(default_factory=list)
    bare_clocks: list[tuple[_Timex, _Sem, _Ctx]] = field(default_factory=list)  # clock times given no day: a day may follow
    yearless: list[tuple[_Timex, _Sem, _Ctx]] = field(default_factory=list)  # months given no year in an undated article
    anchor: _Norm | None = None  # last explicit calendar expression
    anchor_sentence: int = -2  # its sentence
    anchor_at: int = -1  # its token
    recent: list[tuple[int, _Timex]] = field(default_factory=list)  # (sentence, timex) of year-bearing expressions
    focus: _Norm | None = None  # the last quarter or half named: the period a company report is about
    focus_at: int = -1


def extract_time_expressions(doc: Doc, article_id: str, published: dt.date | None) -> list[TimeExpression]:
    """Detect and normalise every time expression of a parsed article, in document order."""
    sent_of = _sent_index(doc) if len(doc) else []
    r = _Reading(published)
    for a, b, label, rel in _candidates(doc):
        read = _read_span(doc, a, b, rel)
        if read is None:
            continue
        a, sem, rel = read
        span = doc[a:b]
        tense, att = _span_tense(span)
        if sem is not None and sem.weekday is not None and not sem.month and _after_a_saying(doc, a, b):
            tense, att = "past", doc[a - 1]  # "Netanyahu said Sunday Israel will ...": the saying's Sunday
        sem = _reread(doc, a, b, sem, rel, att, r.out)
        si = sent_of[a]
        ctx = _context(doc, span, sem, tense, att, si, r)
        n = _resolve(sem, ctx) if sem is not None else _Norm("TIME" if label == "ENT-TIME" else "DATE", None, "unknown")
        tx = _Timex(article_id=article_id, start_char=span.start_char, end_char=span.end_char, text=span.text,
                    timex_type=n.timex_type, timex_value=n.value, range_start=n.start, range_end=n.end,
                    precision=n.precision, anchored=n.anchored, sentence_index=si, token_start=a, token_end=b,
                    relation=n.relation or (sem.relation if sem else None), event_value=n.event_value,
                    event_precision=n.event_precision, event_start=n.event_start, event_end=n.event_end,
                    explicit=n.explicit, context=n.context, tense=tense, attach=att.i)
        _point_to_date(doc, tx)
        r.out.append(tx)
        if sem is not None:
            _keep_for_later(doc, tx, sem, n, ctx, r)
        _remember(doc, span, tx, sem, n, si, r)
    read_together(doc, r.out, r.bare_clocks, r.yearless)
    r.out.sort(key=lambda t: (t.start_char, -t.end_char))
    return r.out


def _read_span(doc: Doc, a: int, b: int, rel: str | None) -> tuple[int, _Sem | None, str | None] | None:
    """Parse a candidate: (its first token, its meaning, its relation), or None when it is not
    worth keeping. Words the grammar cannot read are dropped on the left ("may last months",
    "at least 2014"); a period ended at a date is read with its end ("the year| ended March 31")."""
    sem = _parse(doc[a:b].text)
    if rel == "ended":  # "the (fiscal) year| ended March 31": twelve months, not the calendar year
        sem = _parse(doc[a:b + 1].text) or sem
        rel = None
    a0 = a
    while sem is None and b - a > 1:
        a += 1
        sem = _parse(doc[a:b].text)
    if sem is None:
        a = a0
        if not _worth_keeping(doc[a:b]):
            return None
    return a, sem, rel


def _reread(doc: Doc, a: int, b: int, sem: _Sem | None, rel: str | None, att: Token,
            before: list[TimeExpression]) -> _Sem | None:
    """The meaning of doc[a:b] in its sentence, where that differs from the words' own: a rate,
    "someday", the twelve months of a period ended at a date, a day apposed to a date."""
    if sem is not None and sem.kind == "dur" and rel and not sem.relation:
        sem.relation = {"afterwards": "later"}.get(rel, rel)
    if sem is not None and sem.kind == "dur" and not sem.relation and _is_rate(doc, a, b):
        sem = _Sem("set", value=sem.value)  # "$300 million in fuel a year"
    if doc[a:b].text.lower() in SOMEDAY_WORDS and (_modal_or_future(att) or _before_a_bare_verb(doc, b)):
        sem = _Sem("ref", value="FUTURE_REF")  # "Islam will one day be ...", "the hope he one day follow ..."
    if sem is not None and sem.kind == "cal" and sem.rel == "year-of" and sem.unit == "year" and b < len(doc) \
            and doc[b].lower_ in PERIOD_ENDS:
        sem = _Sem("dur", value="P1Y", amount=1.0, unit="year")  # "for the year ended March 31"
    if _apposed_to_a_day(doc, a, b, sem, before):
        sem = _Sem("cal", rel="that", unit="day")  # "Nov. 3, the day before the warrant": Nov. 3
    return sem


def _context(doc: Doc, span: Span, sem: _Sem | None, tense: str | None, att: Token, si: int, r: _Reading) -> _Ctx:
    """What anchors the expression: the publication date, the tense and direction it points in,
    the narrative's year and day, the last explicit expression and the report period in focus."""
    a = span.start
    ref_year = _narrative_year(doc, r.recent, si, att) if tense == "past" else None
    day_anchor = _day_in_focus(r, si, tense == "past" and _the_part_of_a_day(span, sem))
    weekday = sem is not None and sem.weekday is not None and not sem.month
    forward, anchor_tense = _pointing(doc, span, sem, tense, att, ref_year)
    period = r.anchor if r.anchor is not None and si - r.anchor_sentence <= 1 and r.anchor_at > r.focus_at else r.focus
    direction = _direction(span) if weekday else None
    if weekday and (_booked(span) or _put_off(span)):
        direction = "ahead"  # "pushed the vote from September 25 to Friday", "Friday's talks were postponed": to come
    if weekday and after_upcoming(doc, a) and _of_an_act(att):
        # "arrest rival ahead of Sunday's vote": the vote is to come; told in the past ("arrested
        # him ahead of Sunday's vote") it is the nearest Sunday, this week's past or next one
        direction = "nearest" if tense == "past" else "ahead"
    return _Ctx(dct=r.published, tense=anchor_tense, ref_year=ref_year, anchor=r.anchor, day_anchor=day_anchor,
                forward=forward, period=period, direction=direction, focus=r.focus)


def _the_part_of_a_day(span: Span, sem: _Sem | None) -> bool:
    """"the morning", "the evening": a part of the day the narrative is on, not of today."""
    return sem is not None and sem.part is not None and sem.rel is None and sem.weekday is None \
        and span[0].lower_ == "the"


def _day_in_focus(r: _Reading, si: int, or_before: bool) -> dt.date | None:
    """The day the sentence names (for a clock time: "on Friday ... at 6 a.m."); with `or_before`,
    else the one the sentence before named ("Shares fell on Friday. Dealers bought in the
    morning")."""
    for s_i, tx in reversed(r.recent):
        if (s_i == si or (or_before and s_i == si - 1)) and tx.precision in ("day", "time") and tx.range_start:
            return tx.range_start
    return None


def _pointing(doc: Doc, span: Span, sem: _Sem | None, tense: str | None, att: Token,
              ref_year: int | None) -> tuple[bool, str | None]:
    """Whether the expression points forward, and the tense it is anchored by, where that is
    not its verb's: a month of an act to come, after "before" in a clause not past or of a
    modal's own verb, an ordinal day "now" or under "would"."""
    a = span.start
    weekday = sem is not None and sem.weekday is not None and not sem.month
    forward = _forward(doc, a, tense, weekday)
    anchor_tense = tense
    if not forward and sem is not None and sem.kind == "cal" and sem.month and sem.year is None and not sem.holiday \
            and tense != "future":
        to_come = _act_to_come(span)
        forward = to_come == "forward"
        if tense != "past" and after_upcoming(doc, a):
            anchor_tense = "future"  # "a new deal before October's expiration": the next October
        elif tense == "past" and ref_year is None and after_upcoming(doc, a):
            anchor_tense = None  # "traders bought ahead of the November elections": the nearest November
        if to_come == "untensed" and tense == "past" and ref_year is None:
            anchor_tense = None
        if tense is None and not forward:
            # a modal's own month points where the modal does: "the vote may be held in
            # November" is the coming November, "might have met in August" the last one; "would"
            # told under a past verb, a near one ahead, or else the nearest ("said on Jan. 22 it
            # would leave in early February", published in March: that February)
            way = _direction(span)
            forward = way == "ahead" and _future_in_the_past(span)
            anchor_tense = {"ahead": None if forward else "future", "before": "past"}.get(way or "", anchor_tense)
    if sem is not None and sem.rel == "nth" and any(t.lower_ == "now" for t in doc[max(0, a - 3):a]):
        anchor_tense = "present"  # "the war, now in its 20th year"
    elif sem is not None and sem.rel == "nth" and _modal_or_future(att):
        anchor_tense = "future"  # "he would do so on his first day in office"
    return forward, anchor_tense


def _keep_for_later(doc: Doc, tx: _Timex, sem: _Sem, n: _Norm, ctx: _Ctx, r: _Reading) -> None:
    """Keep what a neighbour may still explain (a bare clock time, a month with no year in an
    undated article) and add a range's two ends as expressions of their own."""
    if _bare_clock(sem) and not n.context:
        r.bare_clocks.append((tx, sem, ctx))
    if r.published is None and n.value is None and sem.kind == "cal" and sem.month and not sem.rel:
        r.yearless.append((tx, sem, ctx))
    if sem.kind == "range":
        r.out.extend(_range_children(doc, tx, sem, ctx))


def _remember(doc: Doc, span: Span, tx: _Timex, sem: _Sem | None, n: _Norm, si: int, r: _Reading) -> None:
    """Move the anchors on: an explicit calendar expression becomes the anchor, a year-bearing
    one the narrative's time, a quarter named and over the report period in focus."""
    a = span.start
    if n.timex_type in ("DATE", "TIME") and n.value and n.start is not None and n.precision not in ("ref", "unknown"):
        if n.explicit or sem is None or sem.rel not in ("that", "prev", "following", "focus"):
            r.anchor, r.anchor_sentence, r.anchor_at = n, si, a
        if n.explicit or n.precision in ("day", "time") or (n.context and n.precision == "year"):
            r.recent.append((si, tx))  # "the following year" moves a narrative on as "1996" would
        if n.precision in _REPORT_PERIODS and sem is not None and sem.rel not in ("focus", "last", "that", "prev") \
                and (r.published is None or (n.end is not None and n.end < r.published)) \
                and (r.focus is None or not _in_passing(doc, a)):
            r.focus, r.focus_at = n, a  # a quarter named and over, not one found from the focus ("the year-ago quarter") nor one forecast
    if span.text.lower() in YEAR_TO_DATE and (r.published is not None or r.focus is not None):
        r.focus, r.focus_at = _year_to_date(r.focus, r.published), a  # "For the nine months, ... a year earlier": last year


def _modal_or_future(att: Token) -> bool:
    """Does the verb `att` (or the one it hangs on) take "will" or a modal ("will one day be",
    "could one day follow")?"""
    verb = att if att.pos_ in ("VERB", "AUX") else _verb_of(att)
    return verb is not None and any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in ("will", "'ll")) for c in verb.children)


def _before_a_bare_verb(doc: Doc, b: int) -> bool:
    """Does a verb not in the past follow the expression directly ("hoped he one day follow",
    "they one day hope to return")? "one day" is then "someday", no duration."""
    return b < len(doc) and doc[b].pos_ == "VERB" and doc[b].tag_ in ("VB", "VBP", "VBZ")


def _bare_clock(sem: _Sem) -> bool:
    """A clock time with no day of its own ("10:35 a.m.")."""
    return sem.kind == "cal" and sem.hour is not None and sem.weekday is None and sem.month is None \
        and sem.day is None and sem.unit is None and not sem.holiday


def _in_passing(doc: Doc, a: int) -> bool:
    """Is the period at token `a` named in passing, by a sequence preposition ("after a flat
    second quarter"), so that the period the report is about stays in focus?"""
    i = a - 1
    while i >= 0 and doc[i].pos_ in ("DET", "ADJ", "ADV"):
        i -= 1
    return i >= 0 and doc[i].lower_ in ("after", "before", "since", "following", "than", "over")


def _year_to_date(focus: _Norm | None, published: dt.date | None) -> _Norm:
    """The year a report's "first nine months" are of: the quarter in focus's year, else the
    year of the last quarter over before the publication date."""
    if focus is not None and focus.start is not None:
        return _unit_norm("year", focus.start)
    assert published is not None
    return _unit_norm("year", _shift("quarter", published, -1))


def _after_a_saying(doc: Doc, a: int, b: int) -> bool:
    """Does the expression doc[a:b] follow a past reporting verb directly ("said Sunday")? It
    dates the saying, however the parser attached it; "claimed Tuesday's attacker ..." does not."""
    possessive = b < len(doc) and doc[b].lower_ in ("'s", "’s")
    return a > 0 and not possessive and doc[a - 1].tag_ == "VBD" and doc[a - 1].lemma_.lower() in REPORTING_LEMMAS
