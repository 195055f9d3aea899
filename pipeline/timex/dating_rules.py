"""The rules that date one event trigger, in order (`_date_one`): a counted time older than
the sentence's, the time expression that governs the trigger, the nearest compatible one in
the sentence, an inheritance the text signals, and the default of a news report. The rules
that read clause structure live in `pipeline.timex.event_dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token

from pipeline.events.syntax import subject_relative
from pipeline.models import EventMention, TimeExpression
from pipeline.timex import event_dates as ed
from pipeline.timex.anchoring import _anchor_duration
from pipeline.timex.arithmetic import _PREC_RANK, _unit_norm
from pipeline.timex.frames import _Ctx, _Norm, _Timex
from pipeline.timex.grammar import _parse
from pipeline.timex.lexicon import FUTURE_HEADS, REPORTING_LEMMAS
from pipeline.timex.syntax import _tense, _verb_of

_CLAUSE_BOUNDARY = {"ccomp", "parataxis", "relcl"}
# a calendar value: a year and finer ("2008", "2008-03-06"), a decade ("186") or a century ("18")
_DATE_PREFIX = re.compile(r"^\d{2,4}(?!\d)")


@dataclass
class _EventDate:
    value: str | None
    precision: str | None
    start: dt.date | None
    end: dt.date | None
    basis: str
    timex_start: int | None = None
    rule: str = ""
    parties: frozenset[str] = frozenset()  # who the act was told of: words, and "@" + actor ids


def _usable(tx: TimeExpression) -> tuple[str | None, str | None, dt.date | None, dt.date | None]:
    """The calendar value an expression gives an event (None for durations, sets, vague refs)."""
    if isinstance(tx, _Timex):
        if tx.event_value and _DATE_PREFIX.match(tx.event_value):
            return tx.event_value, tx.event_precision, tx.event_start, tx.event_end
        return None, None, None, None
    if tx.timex_type in ("DATE", "TIME") and tx.timex_value and _DATE_PREFIX.match(tx.timex_value):
        return tx.timex_value, tx.precision, tx.range_start, tx.range_end
    return None, None, None, None


def _unanchored(tx: TimeExpression) -> bool:
    """A calendar expression understood but left without a value (relative, no publication date)."""
    return tx.timex_type in ("DATE", "TIME") and tx.timex_value is None and tx.precision not in ("unknown", "ref")


def _event_tense(tok: Token) -> str | None:
    verb = tok if tok.pos_ in ("VERB", "AUX") else _verb_of(tok)
    return _tense(verb)


def _compatible(tense: str | None, factuality: str, start: dt.date | None, end: dt.date | None,
                dct: dt.date | None) -> bool:
    """A past event does not take a future date, a future or present one not a past date."""
    if dct is None or start is None or end is None:
        return True
    future = tense == "future" or factuality == "planned"
    if future and end < dct:
        return False
    if tense == "past" and not future and start > dct:
        return False
    return not (tense == "present" and not future and end < _days_before(dct, 7))


def _days_before(d: dt.date, days: int) -> dt.date:
    """`d` minus `days`, or the first day of the calendar (a publication date of 0001-01-01,
    the zero date some systems write, has no week before it)."""
    return d - dt.timedelta(days=days) if d.toordinal() > days else dt.date.min


def _from_timex(tx: TimeExpression) -> _EventDate:
    value, prec, st, en = _usable(tx)
    basis = "explicit" if (isinstance(tx, _Timex) and tx.explicit) or (not isinstance(tx, _Timex) and not tx.anchored) else "relative-to-publication"
    if isinstance(tx, _Timex) and (tx.context or tx.relation in ("later", "earlier", "before", "after")):
        basis = "inherited"  # from an earlier date of the text, not from the publication date
    return _EventDate(value, prec, st, en, basis, tx.start_char)


def _told_of_the_noun(noun: Token, c: Token) -> bool:
    """Is `c` a clause that tells when the noun's own act happened: a past participle with no
    subject of its own ("a coup led by the army", "the attack carried out on Monday"), or a
    relative clause of its onset ("violence that began March 6")?"""
    if noun.pos_ != "NOUN":
        return False
    if c.dep_ == "relcl":
        return c.lemma_.lower() in ed.lexicon().onset_verbs and subject_relative(c)
    return c.dep_ == "acl" and c.tag_ == "VBN" and not any(
        g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in c.children)


def _dependents(tok: Token, limit: int = 3) -> list[Token]:
    """Non-clausal dependents of a trigger, breadth first: the nouns and prepositions it heads."""
    out: list[Token] = []
    frontier = [tok]
    for _ in range(limit):
        nxt: list[Token] = []
        for t in frontier:
            for c in t.children:
                if t.i == tok.i and _told_of_the_noun(t, c):
                    out.append(c)  # "a coup led by the army in 2013": the participle tells the coup's time
                    nxt.append(c)
                    continue
                if c.dep_ in _CLAUSE_BOUNDARY or c.dep_ in ("advcl", "conj", "cc", "punct", "acl"):
                    continue
                if c.pos_ in ("VERB", "AUX") and (c.dep_ != "xcomp" or t.lemma_ in FUTURE_HEADS or ed.unrealised(c)):
                    # a non-finite complement shares the time ("helped facilitate ... in May"), unless
                    # it is what is intended or asked for ("intend to launch ... in November 2006",
                    # "ordered the troops to leave by the end of the year")
                    continue
                out.append(c)
                nxt.append(c)
        frontier = nxt
    return out


def _clause_verb(tok: Token) -> Token | None:
    return tok if tok.pos_ in ("VERB", "AUX") else _verb_of(tok)


def _governs_clause(top: Token, tok: Token) -> bool:
    """Is `tok` inside a finite clause that `top` governs ("announced that ..., begun two years ago")?"""
    if not top.is_ancestor(tok):
        return False
    node = tok
    while node.i != top.i:
        if node.dep_ in ("ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_ in FUTURE_HEADS:
            return True  # what is intended, planned, expected
        node = node.head
    return False


def _is_perfect(tok: Token) -> bool:
    verb = _clause_verb(tok)
    return verb is not None and verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children)


@dataclass
class _Job:
    """One trigger to date and what every rule of `_date_one` reads about it."""

    doc: Doc
    tok: Token
    m: EventMention
    tense: str | None
    tx_tokens: dict[int, tuple[int, int]]
    dct: dt.date | None
    last: _EventDate | None
    # read once per trigger, not once per rule and time expression: an act the clause's time
    # comes before ("ahead of talks", "before Russia invaded") or after ("the victims of the attack")
    ahead: bool = field(init=False)
    aftermath: bool = field(init=False)

    def __post_init__(self) -> None:
        self.ahead = ed.upcoming(self.tok)
        self.aftermath = ed.aftermath_of(self.tok)


def _ok(job: _Job, tx: TimeExpression, check_tense: bool = True) -> bool:
    """Can `tx` date the trigger: a calendar value of a compatible time, not a boundary of
    another act ("until Friday" never, "since 1999" only its own verb, "ahead of the March
    vote" only the vote)?"""
    v, _, st, en = _usable(tx)
    if v is None or (check_tense and not _compatible(job.tense, job.m.factuality, st, en, job.dct)):
        return False
    if ed.baseline(job.doc, *job.tx_tokens[id(tx)]):
        return False  # "rose by a third compared with 2019": what the act is measured against
    kind = ed.boundary(job.doc, *job.tx_tokens[id(tx)])
    att = tx.attach if isinstance(tx, _Timex) else None
    if kind == "upcoming":  # "arrested ahead of the November vote": only the vote is in November
        owner = ed.upcoming_noun(job.doc, job.tx_tokens[id(tx)][0])
        return (att if owner is None else owner) == job.tok.i
    return kind is None or (kind == "start" and att is not None and ed.own_start(job.doc[att], job.tok))


def _relative_to_previous(job: _Job, tx: TimeExpression) -> _EventDate | None:
    """'days later', 'a week earlier': shift from the previous event, not the publication date."""
    last = job.last
    if not isinstance(tx, _Timex) or last is None or last.start is None:
        return None
    if tx.relation in ("later", "after", "earlier", "before"):
        if last.timex_start == tx.start_char:  # the same shift dates the same time, it is not applied twice
            return replace(last, rule="relative-to-previous")
        sem = _parse(tx.text)
        if sem is not None and sem.kind == "dur":
            sem.relation = tx.relation
            anchor = _Norm("DATE", last.value, last.precision or "day", last.start, last.end)
            n = _Norm("DURATION", tx.timex_value, "duration")
            _anchor_duration(n, sem, _Ctx(dct=job.dct, anchor=anchor))
            if n.event_value and n.event_start and n.event_end:
                r = _EventDate(n.event_value, n.event_precision, n.event_start, n.event_end, "inherited",
                               tx.start_char, rule="relative-to-previous")
                return _not_after_report(job, tx, r, ed.earliest_later(last.start, sem.unit, sem.amount, n.event_start))
    return None


def _not_after_report(job: _Job, tx: TimeExpression, r: _EventDate, earliest: dt.date | None = None) -> _EventDate:
    """A "later" shift does not carry an act told as done past the publication date
    (`ed.bounded_by_report`); when it reaches the report's present, a present-tense verb is of
    the day of the report and anything else is left undated."""
    if (job.dct is None or r.value is None or r.start is None or r.end is None or not isinstance(tx, _Timex)
            or tx.relation not in ("later", "after") or job.tense == "future" or job.m.factuality == "planned"):
        return r
    bounded = ed.bounded_by_report(r.value, r.precision, r.start, r.end, earliest or r.start, job.dct)
    if bounded is None:
        if job.tense == "present" and job.tok.pos_ in ("VERB", "AUX"):
            d = ed.publication_default(job.dct)
            return _EventDate(d.value, d.precision, d.start, d.end, d.basis, None, rule="shift-to-present")
        return _EventDate(None, None, None, None, "unknown", None, rule="shift-past-report")
    value, precision, start, end = bounded
    return replace(r, value=value, precision=precision, start=start, end=end)


def _take(job: _Job, tx: TimeExpression, rule: str) -> _EventDate:
    r = _relative_to_previous(job, tx)
    return r if r is not None else _not_after_report(job, tx, replace(_from_timex(tx), rule=rule))


def _governing(job: _Job, by_attach: dict[int, list[TimeExpression]]) -> _EventDate | None:
    """Rule 1: the expression that governs the trigger: attached to the trigger or to one of its
    own (non-clausal) dependents -- trusted whatever the tense -- or to a head above it in its clause."""
    tok = job.tok
    own: list[Token] = [tok, *_dependents(tok)]
    above: list[Token] = []
    node, depth = tok, 0
    while depth < 8 and node.dep_ not in _CLAUSE_BOUNDARY and node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX") and ed.unrealised(node):
            break  # "urged Minsk on Monday to release ...": Monday is the urging, not the release
        node, depth = node.head, depth + 1
        above.append(node)
    if job.ahead or job.aftermath:
        above = []  # "came on Monday ahead of talks", "arrested on Monday suspects in the bombing": not their date
    for trusted, nodes in ((True, own), (False, above)):
        for node in nodes:
            here = by_attach.get(node.i, [])
            if node.i != tok.i and not _dated_subject(job, node):
                # "declared X winner of Saturday's election": the election's date
                here = [tx for tx in here if not ed.noun_premodifier(node, job.tx_tokens[id(tx)], tok)]
            if job.dct is None and any(_unanchored(tx) for tx in here):
                # "last weekend" with no publication date: unknowable, and not some other date
                return _EventDate(None, None, None, None, "unknown", None, rule="unresolvable")
            cands = [tx for tx in here if _ok(job, tx, not trusted)
                     or (isinstance(tx, _Timex) and tx.relation and _usable(tx)[0])]
            if cands:
                tx = min(cands, key=lambda t: (-_PREC_RANK.get(_usable(t)[1] or "", 0),
                                               abs(job.tx_tokens[id(t)][0] - tok.i)))
                return _take(job, tx, "governing")
            if (job.tense == "past" and any(ed.vague_past(tx) and not ed.closing(job.doc, *job.tx_tokens[id(tx)])
                                            for tx in here)) or (
                    (job.tense == "past" or _is_perfect(tok)) and any(ed.recent_period(tx) for tx in here)):
                # "in the early days of the war", "for years", "in the past two years have been
                # detained": some earlier time, not the day
                return _EventDate(None, None, None, None, "unknown", None, rule="vague-past")
    return None


def _dated_subject(job: _Job, node: Token) -> bool:
    """Is `node` the subject noun of the past act, with a date of its own ("The March 3
    bombing killed 12 people", "Saturday's vote gave the party a majority")? What it did, it
    did then."""
    return node.dep_ == "nsubj" and node.head.i == job.tok.i and node.pos_ == "NOUN" and job.tense == "past"


def _nearest(job: _Job, in_sent: list[TimeExpression]) -> _EventDate | None:
    """Rule 2: the nearest compatible adverbial in the sentence, unless it belongs to a clause the
    trigger governs ("announced that development, begun two years ago, ...")."""
    tok, doc = job.tok, job.doc
    if job.aftermath:
        return None  # "the victims of the attack": the sentence's time is after the attack
    cands = []
    noun = tok.pos_ in {"NOUN", "PROPN"}  # only a noun can own the time closing its "before" phrase
    for tx in in_sent:
        owner = ed.upcoming_noun(doc, job.tx_tokens[id(tx)][0]) if noun else None
        if owner is not None and owner == tok.i and _ok(job, tx, check_tense=False):
            cands.append(tx)  # "before the election in November": the election's time
            continue
        if job.ahead or not _ok(job, tx):
            continue
        att = doc[tx.attach] if isinstance(tx, _Timex) and tx.attach is not None else None
        if att is None:
            cands.append(tx)
            continue
        if att.pos_ not in ("VERB", "AUX"):
            host = ed.noun_date_host(doc, job.tx_tokens[id(tx)], att, tok)
            if host is None:
                continue  # a noun's own date ("the 1991 settlement")
            att = host
        if ed.remembered_time(att, tok) or ed.report_frame(att, tok):
            # "If you remember in 1950, X said ...": the time remembered; "In a statement
            # released Sunday, X accused ...": the statement's date
            cands.append(tx)
            continue
        if att.i != tok.i and (_governs_clause(tok, att) or not ed.shares_clause(tok, att, job.tx_tokens[id(tx)][0])):
            continue
        cands.append(tx)
    if cands:
        tx = min(cands, key=lambda t: abs(job.tx_tokens[id(t)][0] - tok.i))
        return _take(job, tx, "nearest")
    return None


def _inherited(job: _Job, si: int, sig: str | None, last_sent: int, default: Any,
               seen: dict[str, _EventDate]) -> _EventDate | None:
    """Rule 3: inheritance when the text says so: an act referred back to ("this airstrike",
    "his announcement"), or a sentence opening with "meanwhile", "days later", "later in the
    day"."""
    last = job.last
    for noun, owner in ed.anaphoric_nouns(job.tok):
        if owner is not None and not owner:  # "his announcement": the actor the pronoun was resolved to
            owner = frozenset("@" + a.actor_id for a in (job.m.source, job.m.target) if a is not None)
            if not owner:
                continue
        earlier = ed.antecedent(noun, seen, job.m.event_type if noun.i == job.tok.i else None, owner)
        if earlier is not None:
            return replace(earlier, basis="inherited", timex_start=None, rule="anaphora")
    if sig is not None and last is not None and last.value is not None and si - last_sent <= 3:
        if sig == "same":
            return replace(last, basis="inherited", timex_start=None, rule="signal-same")
        if last.precision in ("day", "time") and last.start is not None:
            month = _unit_norm("month", last.start)
            return _EventDate(month.value, "month", last.start, month.end, "inherited", None, rule="signal-after")
        return replace(last, basis="inherited", timex_start=None, rule="signal-after")
    # "Later in the day, X will meet ...": the day of the story it continues, planned acts too
    if ed.same_day_opener(job.tok):
        if last is not None and last.precision in ("day", "time") and si - last_sent <= 3:
            return replace(last, basis="inherited", timex_start=None, rule="same-day")
        if default is not None:
            return _EventDate(default.value, default.precision, default.start, default.end, default.basis, None,
                              rule="same-day")
    return None


def _by_default(job: _Job, by_sent: dict[int, list[TimeExpression]], si: int, default: Any) -> _EventDate:
    """Rule 4: the default of a news report: an undated act takes the story date or the
    publication date, unless it is planned, in doubt ("it was not clear whether she had
    accepted"), unrealised ("urged X to release"), or the text has just moved to an explicit
    earlier time."""
    tok, tense, dct = job.tok, job.tense, job.dct
    if default is None or job.m.factuality in ("planned", "possible") or tense == "future" or ed.unrealised(tok) \
            or job.ahead or ed.period_start(tok) or job.aftermath:
        return _EventDate(None, None, None, None, "unknown", None, rule="none")
    if dct is not None and tense == "past" and ed.anterior(tok):  # "At the time, she told reporters ..."
        return _EventDate(None, None, None, None, "unknown", None, rule="background")
    if dct is not None and tense == "past" and not _is_perfect(tok) and tok.lemma_.lower() not in REPORTING_LEMMAS:
        sourcing = job.m.event_type.upper() in ed.lexicon().aside_kept_types  # "an official, who spoke to VOA, ..."
        if ed.beyond_news_part(tok) or (ed.aside(tok) and not sourcing):
            return _EventDate(None, None, None, None, "unknown", None, rule="background")
        if _narrative_past(job.doc, by_sent, si, dct, tok):
            return _EventDate(None, None, None, None, "unknown", None, rule="narrative-past")
    if tense == "present" and default.basis == "inherited" and dct is not None and not ed.headline(tok):
        default = ed.publication_default(dct)  # what holds now is of the day of the report
    return _EventDate(default.value, default.precision, default.start, default.end, default.basis, None,
                      rule="default")


def _date_one(doc: Doc, tok: Token, m: EventMention, si: int, sig: str | None,
              by_attach: dict[int, list[TimeExpression]], by_sent: dict[int, list[TimeExpression]],
              tx_tokens: dict[int, tuple[int, int]], dct: dt.date | None, last: _EventDate | None,
              last_sent: int, default: Any, seen: dict[str, _EventDate]) -> _EventDate:
    """Date one trigger by the first rule that answers; the rule that fired is recorded in
    `rule` (tests, diagnostics)."""
    job = _Job(doc, tok, m, _event_tense(tok), tx_tokens, dct, last)
    in_sent = by_sent.get(si, [])
    return (_counted_back(job, in_sent, default) or _governing(job, by_attach) or _nearest(job, in_sent)
            or _of_the_report(job, by_attach, in_sent)
            or _inherited(job, si, sig, last_sent, default, seen) or _by_default(job, by_sent, si, default))


def _of_the_report(job: _Job, by_attach: dict[int, list[TimeExpression]],
                   in_sent: list[TimeExpression]) -> _EventDate | None:
    """Rule 2b: an undated act a dated statement tells as going on or just done ("In December,
    Mogadishu announced it was cutting ties", "announced Tuesday that Trump has nominated Wong")
    is of the statement's time, not of the later day of the report. An act told as done some
    time before it ("said Saturday his forces had killed ...") is not of the statement's day."""
    verb = _clause_verb(job.tok)
    if verb is None or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_LEMMAS \
            or not (_progressive(verb) or _is_perfect(verb)):
        return None
    said = verb.head
    told = _Job(job.doc, said, job.m, _event_tense(said), job.tx_tokens, job.dct, job.last)
    r = _governing(told, by_attach) or _nearest(told, in_sent)
    if r is None or r.value is None or r.basis in ("publication", "reference"):
        return None
    return replace(r, basis="inherited", timex_start=None, rule="of-the-report")


def _progressive(verb: Token) -> bool:
    """A verb told as going on: "was cutting", "are expelling"."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def _counted_back(job: _Job, in_sent: list[TimeExpression], default: Any) -> _EventDate | None:
    """Rule 0: an act a counted time older than the sentence's own time: a numbered anniversary
    ("Sunday, the 30th anniversary of the [genocide]", `ed.anniversary_event_date`) or an
    "after" phrase ("two years after the [devaluation]", `ed.elapsed_event_date`)."""
    if job.dct is None:
        return None
    dates, durations = [], []
    for tx in in_sent:
        (a, b), (v, p, st, _) = job.tx_tokens[id(tx)], _usable(tx)
        if v is not None and p is not None and st is not None:
            dates.append((a, b, p, st))
        elif tx.timex_type == "DURATION" and tx.timex_value:
            durations.append((a, b, tx.timex_value))
    base = (default.precision, default.start) if default is not None else ("day", job.dct)
    d = ed.anniversary_event_date(job.tok, dates, job.dct)
    if d is not None:
        return _EventDate(*d, "inherited", None, rule="anniversary")
    d = ed.elapsed_event_date(job.tok, dates, durations, base)
    return None if d is None else _EventDate(*d, "inherited", None, rule="elapsed")


def _narrative_past(doc: Doc, by_sent: dict[int, list[TimeExpression]], si: int, dct: dt.date, tok: Token) -> bool:
    """Has the text just placed its story at an explicit earlier time (a date framing a verb of
    the trigger's own clause, or an act told in the previous sentences)?"""
    for k in (si, si - 1, si - 2):
        for tx in by_sent.get(k, []):
            if not (isinstance(tx, _Timex) and tx.explicit and tx.attach is not None):
                continue
            _, _, _, en = _usable(tx)
            att = doc[tx.attach]
            if en is None or en >= _days_before(dct, 30) or att.pos_ not in ("VERB", "AUX"):
                continue
            if ed.adjectival(doc, (tx.token_start, tx.token_end)) or ed.baseline(doc, tx.token_start, tx.token_end):
                continue  # "as set out in the 2020 agreement": the agreement's date; "than in 2019"
            if ed.shares_clause(tok, att, tx.token_start) if k == si else ed.tells_the_story(att):
                return True
    return False
