"""Who speaks in an interview written as turns: "VOA: What worries you? Armitage: I would say ...";
where the quotation a pronoun attributes opens ("'We urge the authorities ...,' they said");
whom a quotation is said to ("they wrote in a letter to Rubio. 'For years, he has ...'").

Why: without quotation marks "I" took the last person named before it, who in an answer is
usually someone the speaker talks about ("Armitage: I had met Dr. Lai before": Lai). A turn
label, a name and a colon at the start of a sentence or a line, says who "I" is until the next
label.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline import actor_names
from pipeline.quotes import CLOSING_QUOTE_MARKS, OPENING_QUOTE_MARKS, in_quotation

REACH = 600  # tokens back to look for the label of the turn: a long answer
LABEL_WORDS = 12  # at most this many words between the turn's start and its colon
_TURN_ENDS = {".", "?", "!", "…", "..."}


def turn_label(doc: Doc, i: int) -> Span | None:
    """The label of the interview turn token `i` is in ("Armitage", "Richard Armitage, former
    U.S. deputy secretary of state"), or None when no label comes before it: a colon that opens
    a sentence's words after a name and no verb ("Armitage said: ..." is a quotation)."""
    for k in range(i - 1, max(-1, i - REACH), -1):
        if doc[k].text != ":":
            continue
        start = k
        while start > 0 and k - start < LABEL_WORDS and not _turn_start(doc, start):
            start -= 1
        label = doc[start:k]
        if len(label) and _turn_start(doc, start) and (label[0].is_title or label[0].is_upper) \
                and not any(t.pos_ in ("VERB", "AUX") for t in label):  # a name, tagged a noun or not
            return label
    return None


def _turn_start(doc: Doc, j: int) -> bool:
    """Does token j open a sentence or a line (the document's start, after a stop or a newline)?"""
    if j == 0:
        return True
    before = doc[j - 1]
    return before.text in _TURN_ENDS or "\n" in before.text_with_ws or before.is_space or bool(doc[j].is_sent_start)


def attributed_quote_start(tok: Token) -> int | None:
    """Where the quotation opens that the subject pronoun `tok` attributes ("'We urge Guatemalan
    authorities to ...,' they said"; "'I told the minister ...,' he said"), or None.

    Why: the speaker of a quotation is not someone named inside it (a speaker says "we" or "I"
    of itself), so a pronoun that attributes one takes its antecedent from before the quotation,
    not from the names the quotation holds."""
    doc = tok.doc
    if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.i == 0 or tok.is_sent_start:
        return None  # "... .” They called on China": a sentence of its own, no attribution
    k, closed = tok.i - 1, False
    while k >= 0 and tok.i - k <= 3 and doc[k].is_punct:
        closed = closed or doc[k].text in CLOSING_QUOTE_MARKS
        k -= 1
    if not closed:
        return None
    for j in range(k, max(-1, k - REACH), -1):
        t = doc[j]
        if "\n" in t.text_with_ws and j < k:
            return None  # a paragraph ended: no opening mark in this one
        opening = t.text in OPENING_QUOTE_MARKS and (t.text != '"' or j == 0 or bool(doc[j - 1].whitespace_)
                                                 or doc[j - 1].is_space)
        if opening:
            return j
        if t.text in CLOSING_QUOTE_MARKS and j < k:
            return None  # an earlier quotation's end: this one opened in a paragraph before
    return None


def addressees(tok: Token) -> list[Token]:
    """Whom the quotation `tok` stands in is said to: the object of "told", or the "to" phrase
    of the speaking verb or of its letter or message ("they wrote in a letter to Rubio"), in
    the words outside the quotation marks of its sentence, or of the sentence before when the
    quotation goes on from there with no attribution of its own.

    Why: a speaker calls the one spoken to "you"; a "he" or "she" in the quotation is someone
    else ("'For years, he has engaged in secessionist activity'" after "they wrote in a letter
    to Rubio" is not Rubio). The speaker is not excluded the same way: a speaker named like
    the one spoken of ("the younger Lai said" of his father) would take the father out."""
    if not in_quotation(tok):
        return []
    doc, speaking = tok.doc, actor_names.rules().speaking_verbs
    sent = tok.sent
    verbs = _speaking_outside(sent, speaking)
    if not verbs and sent.start > 0:
        before = doc[sent.start - 1].sent
        if any(in_quotation(t) for t in before):
            verbs = _speaking_outside(before, speaking)
    out: list[Token] = []
    for v in verbs:
        out += [c for c in v.children if c.dep_ in {"dobj", "dative"} and v.lemma_.lower() == "tell"]
        heads = [v, *(o for p in v.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children if o.dep_ == "pobj")]
        out += [o for h in heads for p in h.children if p.dep_ in {"prep", "dative"} and p.lower_ == "to"
                for o in p.children if o.dep_ == "pobj"]
    return out


def _speaking_outside(sent: Span, speaking: frozenset[str]) -> list[Token]:
    """The speaking verbs of a sentence outside its quotation marks."""
    return [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in speaking and not in_quotation(t)]
