"""Names the tagger reads as modal verbs: "Will Wang said", "May Chen told reporters".

Why: a first name that is also a modal ("Will", "May", "Shall") opening a clause is tagged MD
and attached as the auxiliary of the verb after the name, so "Will Wang said ..." read as a
future act ("will ... said": planned, with no date) in every rule that reads auxiliaries
(factuality, tense, event dates). When the NER puts the word inside a name, the name wins:
the word becomes a proper-noun part of that name, as "Wang" is.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "dateline_modal_names"
NAME_LABELS = frozenset({"PERSON", "ORG"})


def mend(doc: Doc) -> Doc:
    """Re-attach every modal auxiliary that opens a person's or an organisation's name to the
    name's last word, as a proper-noun compound."""
    for ent in doc.ents:
        first, last = ent[0], ent[-1]
        if ent.label_ not in NAME_LABELS or len(ent) < 2 or first.tag_ != "MD" or first.dep_ != "aux":
            continue
        first.tag_, first.pos_, first.dep_ = "NNP", "PROPN", "compound"
        first.lemma_ = first.text
        first.head = last
    return doc


@Language.component(COMPONENT)
def _component(doc: Doc) -> Doc:
    return mend(doc)


def install(nlp: Language) -> None:
    """Add the mend right after the NER (idempotent; nothing without one)."""
    if COMPONENT not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="ner")
