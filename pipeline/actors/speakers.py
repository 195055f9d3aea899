"""Who speaks in an interview written as turns: "VOA: What worries you? Armitage: I would say ...".

Why: without quotation marks "I" took the last person named before it, who in an answer is
usually someone the speaker talks about ("Armitage: I had met Dr. Lai before": Lai). A turn
label, a name and a colon at the start of a sentence or a line, says who "I" is until the next
label.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

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
