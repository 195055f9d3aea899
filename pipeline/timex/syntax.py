"""Syntax helpers: the word a time expression attaches to and the tense of its verb.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.events.syntax import without_final_stop
from pipeline.timex.lexicon import (
    AHEAD_MODALS,
    BACKSHIFTED_MODALS,
    BOOKING_VERBS,
    DEADLINE_NOUNS,
    FUTURE_ADJECTIVES,
    FUTURE_HEADS,
    FUTURE_PASSIVES,
    PLANNED_PARTICIPLES,
    PLANNING_LEMMAS,
    PUTTING_OFF_VERBS,
    REPORTING_LEMMAS,
)


def _attach(span: Span) -> Token:
    """The word a time expression modifies: through its preposition to the verb or noun; the
    sentence's main verb for the date that opens a timeline entry (`_entry_verb`)."""
    entry = _entry_verb(span)
    if entry is not None:
        return entry
    root = span.root
    head = root.head
    if head.i == root.i:
        return root
    if root.dep_ == "pobj" and head.dep_ in ("prep", "agent", "dative") and head.head.i != head.i:
        head = head.head
    # "back in 2020", "as early as 2019", "only in May": through the adverb to what it modifies
    for _ in range(2):
        through = (head.pos_ == "ADV" and head.dep_ == "advmod") or (head.pos_ == "ADP" and head.dep_ == "prep")
        if not through or head.head.i == head.i:
            break
        head = head.head
    return _reporting_verb_of(span, head)


ENTRY_MARKS = frozenset({"-", "–", "—", ":"})  # what follows a timeline entry's date


def _entry_verb(span: Span) -> Token | None:
    """The main verb of a sentence that opens with this date and a dash or a colon, as a
    timeline entry does ("2024-03-04 - Kyiv hits a refinery", "March 5: Ukraine shot down 20
    drones"): the date is the entry's, however the parser hung it (on "drones" in "2024-03-01 -
    Russian drones strike Kharkiv")."""
    sent = span.sent
    lead = any(not (t.is_space or t.is_punct) for t in span.doc[sent.start : span.start])
    after = span.doc[span.end] if span.end < sent.end else None
    root = sent.root
    if lead or after is None or after.text not in ENTRY_MARKS or root.i < span.end:
        return None
    return root if root.pos_ in {"VERB", "AUX"} else None


def _reporting_verb_of(span: Span, head: Token) -> Token:
    """A time placed between a reporting verb and the subject of what is reported belongs to
    the reporting ("The army said on Monday it had killed 30 militants": the parser hangs
    "on Monday" on "killed"). After "that" it opens the reported clause ("said that on Monday
    it had ...") and stays there."""
    reporting = head.head
    if head.dep_ != "ccomp" or reporting.lemma_ not in REPORTING_LEMMAS or not reporting.i < span.start:
        return head
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i < span.end or any(c.dep_ == "mark" and c.i < span.start for c in head.children):
        return head
    return reporting


def _verb_of(tok: Token) -> Token | None:
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _tense(verb: Token | None, depth: int = 0) -> str | None:
    """past / present / future for a verb, from its tag and auxiliaries (None when modal or unclear)."""
    if verb is None or depth > 4:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo"}:
        return "future"
    if "to" in words or (verb.tag_ == "VB" and not auxes):
        head = verb.head
        if head.i == verb.i:
            return None
        if head.lemma_ in FUTURE_HEADS or head.pos_ in ("NOUN", "PROPN"):
            return "future"
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            return _tense(head if head.pos_ != "ADJ" else _verb_of(head.head) if head.head.i != head.i else None, depth + 1)
        return None
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if tags & {"VBZ", "VBP"} and any(c.dep_ in ("acomp", "xcomp", "attr") and c.lemma_ in FUTURE_ADJECTIVES for c in verb.children):
        return "future"  # "is due in October"
    if verb.tag_ == "VBN" and verb.lemma_ in FUTURE_PASSIVES and words & {"is", "are", "am", "'s", "'re"}:
        return "future"  # "is scheduled for Wednesday"
    if "MD" in tags:
        return None
    if words & {"has", "have", "'ve", "'s"} and verb.tag_ == "VBN":
        return "past"  # present perfect: before the publication date
    if "VBD" in tags:
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            return _tense(verb.head, depth + 1)
        return "past"  # reduced relative: "begun two years ago", "born in 1955"
    if verb.dep_ == "conj" and not auxes and verb.head.i != verb.i and verb.tag_ not in ("VBZ", "VBP", "VBD"):
        return _tense(verb.head, depth + 1)
    if verb.tag_ == "VBG":
        if words & {"is", "are", "am", "'re"}:
            return "present"
        if words & {"was", "were"}:
            return "past"
        return _tense(verb.head, depth + 1) if verb.head.i != verb.i else None
    if tags & {"VBZ", "VBP"}:
        return "present"
    return None


def _span_tense(span: Span) -> tuple[str | None, Token]:
    """The tense a time expression is read in, and the word it modifies. An infinitive under a
    noun ("the attempt to overthrow him on Feb. 7") has none of its own: the attempt may be
    made, so the date is not pushed ahead as event dating's `_tense` reads it (there the act
    of the infinitive is not yet done)."""
    att = _attach(span)
    verb = att if att.pos_ in ("VERB", "AUX") else _verb_of(att)
    if verb is not None and verb.tag_ == "VB" and verb.head.pos_ in ("NOUN", "PROPN") \
            and verb.head.lemma_ not in FUTURE_HEADS and any(c.lower_ == "to" for c in verb.children):
        return None, att
    if verb is not None and verb.dep_ == "conj" and verb.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return _tense(verb.head), att
    return _tense(verb), att


def _headline(tok: Token) -> bool:
    """Is the token in a line without a final stop (a headline tells past acts in the present)?"""
    return without_final_stop(tok)


def _past_perfect(verb: Token) -> bool:
    """"had fled", "had been called": a time before the one the narrative tells."""
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBN" and (bool(words & {"had", "'d"}) or verb.head.lower_ == "had")


def _direction(span: Span) -> str | None:
    """Which way a bare weekday points from the publication date when the tense alone does not
    say: "ahead" for a modal ("would be traveling Thursday"), "is to" + verb ("is to resume
    trading Tuesday"), a planned act ("has scheduled a news conference Thursday") and the
    present simple or progressive of an act ("the two leaders meet Monday"), each only when the
    weekday modifies that verb (or the planned act) itself; "before" for a past perfect or a
    modal perfect ("Until Thursday, they had not called him a suspect") and for a weekday in
    the possessive ("to get around Wednesday's ruling"). None otherwise: the tense decides. Kept apart from `_tense`, which event dating also reads and for which a
    modal stays undecided."""
    att = _attach(span)
    verb = att if att.pos_ in ("VERB", "AUX") else _verb_of(att)
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
        # "around Wednesday's ruling": the day of a known act, whatever mood the clause is in,
        # unless its own verb says "will" ("Sunday's vote will decide")
        will = verb is not None and any(c.lower_ in ("will", "'ll", "shall") for c in verb.children if c.dep_ == "aux")
        return None if will else "before"
    own = verb is att  # the weekday modifies the verb itself, not a noun or a clause below it
    for _ in range(3):  # "had been due to expire Friday": up from an infinitive to its governor
        if verb is None:
            return None
        words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if _past_perfect(verb):
            return "before"
        if words & AHEAD_MODALS and "have" in words and verb.tag_ == "VBN":
            return "before"
        if words & AHEAD_MODALS:
            return "ahead" if own else None
        if "to" not in words:
            break
        head = verb.head
        if head.i == verb.i:
            return None
        if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return "ahead" if own else None  # "is to resume trading Tuesday"
        verb = head if head.pos_ in ("VERB", "AUX") else _verb_of(head.head) if head.head.i != head.i else None
        own = False
    if verb is None:
        return None
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.lemma_ in PLANNING_LEMMAS and (words or verb.tag_ != "VBN"):  # not a reduced relative
        acts = [c for c in verb.children if c.dep_ == "dobj"]
        if acts and (own or att in acts):
            return "ahead"
    # "hurt", "cut", "set" tagged VBP in a past narrative are past forms: VBP only in a sentence without a past verb
    past_sentence = any(t.tag_ == "VBD" for t in verb.sent)
    simple = not words and (verb.tag_ == "VBZ" or (verb.tag_ == "VBP" and not past_sentence))
    progressive = verb.tag_ == "VBG" and bool(words & {"is", "are", "am", "'re", "'s"})
    present = simple or progressive
    if own and present and verb.lemma_ not in REPORTING_LEMMAS and not _headline(verb):
        return "ahead"
    return None


def _future_in_the_past(span: Span) -> bool:
    """Is the expression's verb a modal told under a verb in the past ("said it would leave in
    February", "cited officials as saying the ship would leave in February")? It looks ahead
    from that past time, not from the publication date."""
    att = _attach(span)
    verb = att if att.pos_ in ("VERB", "AUX") else _verb_of(att)
    if verb is None or not any(c.dep_ == "aux" and c.lower_ in BACKSHIFTED_MODALS for c in verb.children):
        return False
    above = [verb, *verb.ancestors]
    return any(t.tag_ == "VBD" for t in above[1:]) or any(
        c.dep_ == "parataxis" and c.tag_ == "VBD" for t in above for c in t.children)


def _booked(span: Span) -> bool:
    """Is the expression the "for" or "to" time of a verb of booking with its object ("called
    elections for November 14", "moved the vote to Friday", "the vote was pushed to Friday")?
    The act booked lies ahead of the booking, whatever its tense."""
    root = span.root
    prep = root.head if root.dep_ == "pobj" else None
    att = _attach(span)
    return prep is not None and prep.lower_ in ("for", "to") and att.pos_ == "VERB" and att.lemma_.lower() in BOOKING_VERBS \
        and any(c.dep_ in ("dobj", "nsubjpass") for c in att.children)


def _put_off(span: Span) -> bool:
    """Is the expression a day that owns an act put off or called off ("Friday's talks were
    postponed", "cancelled Sunday's march")? The day is when it was to happen, still ahead."""
    root = span.root
    if root.dep_ != "poss":
        return False
    act = root.head
    verb = act.head
    return act.dep_ in ("nsubjpass", "dobj") and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in PUTTING_OFF_VERBS


def _act_to_come(span: Span) -> str | None:
    """Does a month (and day) without a year date an act still to come when its verb was in
    the past? "forward" (a near date ahead, within `forward_months`) for a deadline ("the
    Jan. 14 deadline", "set Nov. 10 as the deadline"), an act planned for it ("the summit set
    for April", "set for Washington in April", "was planned for early March"; not "a fire set in April") and the act of an infinitive under a past verb
    ("asked him to testify on Feb. 10"), and the act planned or prepared for ("planning for the
    summit in April"); "untensed" for a noun phrase of its own ("told buyers
    of a cut in supply in September"): the past verb does not date it, so the month is read as
    without a tense (the nearest one, a few months ahead at most); the subject of the past verb
    is dated by it ("the talks in March ended without a deal"). None otherwise."""
    doc = span.doc
    for t in doc[span.end:min(span.end + 4, len(doc))]:
        if t.lower_ in DEADLINE_NOUNS:
            return "forward"
        if t.is_punct:
            break
    root = span.root
    prep = root.head if root.dep_ == "pobj" else None
    att = _attach(span)
    if prep is not None and att.lower_ in PLANNED_PARTICIPLES and att.tag_ in ("VBN", "JJ") and (
            prep.lower_ == "for" or (prep.lower_ in ("in", "on") and any(c.lower_ == "for" for c in att.children))):
        return "forward"  # "the summit set for April", "the summit set for Washington in April"
    if _booked(span):
        return "forward"  # "called snap elections for November 14", "set the vote for May 5"
    if att.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in PLANNED_PARTICIPLES for c in att.children):
        return "forward"  # "with an expected arrival of March 26", "the scheduled vote in May"
    if att.pos_ == "VERB" and att.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in att.children):
        return "forward"
    if att.pos_ in ("NOUN", "PROPN") and att.dep_ == "pobj" and att.head.lower_ == "for" \
            and att.head.head.lemma_ in PLANNING_LEMMAS:
        return "forward"  # "planning for the summit in April", "preparations for talks in March"
    if prep is not None and prep.lower_ in ("in", "on", "for") and att.pos_ == "NOUN" and att.dep_ not in ("nsubj", "nsubjpass"):
        return "untensed"  # the subject of a past verb is past: "the talks in March ended"
    return None
