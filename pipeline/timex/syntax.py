"""Syntax helpers: the word a time expression attaches to and the tense of its verb.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "aim", "hope", "go", "prepare", "propose",
                 "want", "seek", "promise", "pledge", "vow", "threaten", "likely", "able", "about"}


_FUTURE_PASSIVES = {"schedule", "slate", "set", "expect", "plan", "poise"}
_FUTURE_ADJ = {"due", "scheduled", "slated", "poised", "expected", "set", "likely", "bound", "planned", "about"}


def _attach(span: Span) -> Token:
    """The word a time expression modifies: through its preposition to the verb or noun."""
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
    return head


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
        if head.lemma_ in _FUTURE_HEADS or head.pos_ in ("NOUN", "PROPN"):
            return "future"
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            return _tense(head if head.pos_ != "ADJ" else _verb_of(head.head) if head.head.i != head.i else None, depth + 1)
        return None
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if tags & {"VBZ", "VBP"} and any(c.dep_ in ("acomp", "xcomp", "attr") and c.lemma_ in _FUTURE_ADJ for c in verb.children):
        return "future"  # "is due in October"
    if verb.tag_ == "VBN" and verb.lemma_ in _FUTURE_PASSIVES and words & {"is", "are", "am", "'s", "'re"}:
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
    att = _attach(span)
    verb = att if att.pos_ in ("VERB", "AUX") else _verb_of(att)
    if verb is not None and verb.dep_ == "conj" and verb.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return _tense(verb.head), att
    return _tense(verb), att
