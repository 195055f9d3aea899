"""Event dating: the date of each event mention from the time expressions around its trigger.

Follows the dependency tree from the trigger to the time expression that governs it, then
the nearest tense-compatible one in the sentence, then explicit inheritance signals
("Shortly thereafter", "days later"), then, for reporting, present-tense and lead-paragraph
events, the publication date with `date_basis='publication'`. The rules for one trigger are
in `pipeline.timex.dating_rules`; those that read clause structure in
`pipeline.timex.event_dates`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Token

from pipeline.models import EventMention, TimeExpression
from pipeline.timex import event_dates as ed
from pipeline.timex.dating_rules import _date_one, _EventDate
from pipeline.timex.document import _sent_index, extract_time_expressions
from pipeline.timex.frames import _Timex
from pipeline.timex.lexicon import REPORTING_LEMMAS
from pipeline.timex.syntax import _attach


def _trigger(doc: Doc, m: EventMention) -> Token | None:
    if m.trigger_token is not None and 0 <= m.trigger_token < len(doc):
        return doc[m.trigger_token]
    sp = doc.char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
    return sp.root if sp is not None and len(sp) else None


def _index(doc: Doc, timexes: list[TimeExpression], sent_of: list[int]) -> tuple[
        dict[int, list[TimeExpression]], dict[int, list[TimeExpression]], dict[int, tuple[int, int]]]:
    """The expressions by the token they attach to and by sentence, and the token span of each
    (by `id`); the ends of a range are left out (the range dates, not its ends)."""
    by_attach: dict[int, list[TimeExpression]] = {}
    by_sent: dict[int, list[TimeExpression]] = {}
    tx_tokens: dict[int, tuple[int, int]] = {}
    for tx in timexes:
        if isinstance(tx, _Timex):
            if tx.part_of_range:
                continue
            a, b, att = tx.token_start, tx.token_end, tx.attach
        else:
            sp = doc.char_span(tx.start_char, tx.end_char, alignment_mode="expand")
            if sp is None or not len(sp):
                continue
            a, b, att = sp.start, sp.end, _attach(sp).i
        tx_tokens[id(tx)] = (a, b)
        if att is not None:
            by_attach.setdefault(att, []).append(tx)
        by_sent.setdefault(sent_of[a], []).append(tx)
    return by_attach, by_sent, tx_tokens


def date_events(doc: Doc, mentions: list[EventMention], timexes: list[TimeExpression],
                published: dt.date | None, url: str | None = None) -> None:
    """Fill event_date, date_start/end, date_precision, date_basis, date_timex_start in place.

    Without a publication date, a reference date from the article's own full dates or its
    URL (`ed.reference_date`) stands in for it, and the time expressions are read
    again from that day (for dating only; the stored expressions are not changed)."""
    if not mentions:
        return
    default: ed.Default | None = None
    if published is None:
        ref = ed.reference_date(doc, timexes, url)
        if ref is not None:
            published, default = ref
            timexes = extract_time_expressions(doc, mentions[0].article_id, published)
    sent_of = _sent_index(doc)
    bounds: dict[int, list[int]] = {}
    for t, k in enumerate(sent_of):
        bounds.setdefault(k, [t, t])[1] = t
    sents = {k: doc[a:b + 1] for k, (a, b) in bounds.items()}
    by_attach, by_sent, tx_tokens = _index(doc, timexes, sent_of)
    cache: dict[int, _EventDate] = {}
    signals: dict[int, str | None] = {}
    lead_end = ed.lead_end(timexes, published)
    if published is not None and default is None:
        story = ed.story_date(doc, timexes, published, lead_end)
        default = ed.publication_default(published) if story is None else ed.Default(
            story.isoformat(), "day", story, story, "inherited")
    act_default = _reported_story(doc, timexes, published, lead_end, default)
    seen: dict[str, _EventDate] = {}  # dated acts by the noun that names them ("airstrike")
    last: _EventDate | None = None  # the previous event date (for inheritance)
    last_sent = -1
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].trigger_start)
    for i in order:
        m = mentions[i]
        tok = _trigger(doc, m)
        if tok is None:
            continue
        if tok.i in cache:
            _apply(m, cache[tok.i])
            continue
        si = sent_of[tok.i]
        if si not in signals:
            signals[si] = ed.opening_signal(sents[si])
        said = tok.lemma_.lower() in REPORTING_LEMMAS or m.event_type.upper() in ed.lexicon().speech_types
        own_default = default if said else act_default
        res = _date_one(doc, tok, m, si, signals[si], by_attach, by_sent, tx_tokens, published, last,
                        last_sent, own_default, seen)
        if default is not None and default.basis == "reference":
            res = _on_reference(res, default)
        cache[tok.i] = res
        _apply(m, res)
        if _still_to_come(m, tok, published):
            m.factuality = "planned"
        if res.value is not None and res.basis not in ("publication", "reference") and res.rule != "default":
            last, last_sent = res, si
            seen.update((lemma, res) for lemma in ed.event_lemmas(tok))
            seen[ed.type_key(m.event_type)] = res
            if m.factuality in ("asserted", "reported") and not ed.unrealised(tok):  # not "to secure his release"
                told = replace(res, parties=ed.parties(tok, [a.actor_id for a in (m.source, m.target) if a is not None]))
                seen.update((ed.owned_key(lemma, tok.i), told) for lemma in ed.event_lemmas(tok))
        else:  # "those claims" name the nearest act of their type, dated or not
            seen.pop(ed.type_key(m.event_type), None)
    _one_occasion(doc, mentions, cache, published)


def historical(m: EventMention) -> bool:
    """Did the act end before the year news coding starts (`historical_before` in
    schemas/event_dates.yaml: "In 1863, insurgents attacked", "annexed in the 19th century")?
    It is background, and no row; an undated act is not."""
    return m.date_end is not None and m.date_end.year < ed.lexicon().historical_before


def _one_occasion(doc: Doc, mentions: list[EventMention], dates: dict[int, _EventDate],
                  published: dt.date | None) -> None:
    """An event noun the text leaves undated (the day of the report by default, or none: an
    undated article, "ahead of the election") names the same occasion as the one mention of its
    word that a time expression in its own phrase dates ("Buhari declared winner of presidential
    election" ... "the winner of Saturday's presidential election"): the one election, summit or
    attack a report is about. A done act names a done one, a planned act a planned one; when the
    text dates two occasions of the word, which one is meant is unclear, and the noun keeps its
    default."""
    dated: dict[tuple[str, bool], dict[str | None, _EventDate]] = {}
    kind = {m.trigger_token: _occasion_kind(m) for m in mentions}
    for i, res in dates.items():
        if doc[i].pos_ == "NOUN" and kind.get(i) is not None and res.value and _in_its_phrase(doc[i], res.timex_start):
            dated.setdefault((doc[i].lemma_.lower(), bool(kind[i])), {}).setdefault(res.value, res)
    for m in mentions:
        tok = _trigger(doc, m)
        done = _occasion_kind(m)
        if tok is None or done is None or tok.i not in dates or dates[tok.i].rule not in ("default", "none") \
                or tok.tag_ != "NN" or ed.unrealised(tok):
            continue
        found = list(dated.get((tok.lemma_.lower(), done), {}).values())
        if len(found) == 1:
            _apply(m, replace(found[0], basis="inherited", timex_start=None, rule="same-occasion"))
            if _still_to_come(m, tok, published):
                m.factuality = "planned"


def _occasion_kind(m: EventMention) -> bool | None:
    """Is the act told as done (True) or as planned (False)? None when it is in doubt or denied."""
    return {"asserted": True, "reported": True, "planned": False}.get(m.factuality)


def _in_its_phrase(noun: Token, char: int | None) -> bool:
    """Does the time expression at `char` stand in the noun's own phrase ("Saturday's
    election", "the bombing in 2004"), not in its clause ("declared Tuesday a day of mourning
    for the victims of the attack")?"""
    return char is not None and noun.left_edge.idx <= char < noun.right_edge.idx + len(noun.right_edge)


def _reported_story(doc: Doc, timexes: list[TimeExpression], published: dt.date | None, lead_end: int,
                    default: ed.Default | None) -> ed.Default | None:
    """The default of undated acts (not of statements) when the lead dates no act of its own
    main clause but one it reports ("Militants killed 12 soldiers on Tuesday, the ministry
    said on Wednesday": the attackers "also wounded 20" on Tuesday, the ministry "said" on
    the day of the report)."""
    if published is None or default is None or default.basis != "publication":
        return default
    day = ed.story_date(doc, timexes, published, lead_end, reported=True)
    return default if day is None else ed.Default(day.isoformat(), "day", day, day, "inherited")


def _still_to_come(m: EventMention, tok: Token, published: dt.date | None) -> bool:
    """An event noun asserted with a date of its own after the publication date is still to
    come ("his quest to win the 2021 election" in a 2019 story, "the vote in November"), and so
    is one that an "ahead of" phrase puts after its clause ("the attack came ahead of another
    round of talks"): neither the article nor the source it reports can tell it as done."""
    if m.factuality not in ("asserted", "reported") or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if ed.upcoming_after_now(tok):
        return True
    return (published is not None and m.date_start is not None and m.date_start > published
            and m.date_basis != "publication")


def _on_reference(r: _EventDate, ref: object) -> _EventDate:
    """Dates worked out from an article's reference date (no publication date) say so."""
    assert isinstance(ref, ed.Default)
    if r.basis not in ("publication", "relative-to-publication") or r.value is None:
        return r
    value, prec, st, en = ed.coarsen(r.value, r.precision, r.start, r.end, ref)
    return replace(r, value=value, precision=prec, start=st, end=en, basis="reference")


def _apply(m: EventMention, r: _EventDate) -> None:
    m.event_date, m.date_precision, m.date_start, m.date_end = r.value, r.precision, r.start, r.end
    m.date_basis, m.date_timex_start = r.basis, r.timex_start
