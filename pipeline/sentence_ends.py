"""Sentences that end on an abbreviation: "... the flow of drugs into the U.S. The ministry said".

Why: the parser reads the period of "U.S.", "U.N." or "a.m." as part of the abbreviation and
glues the next sentence to this one, so a subject, a date or a negation of one sentence is
taken for the other's ("... into the U.S. Sheinbaum sent 10,000 troops" gave the troops to
the leader named in the first sentence). A word that can only open a clause (a pronoun, a
determiner, a conjunction or preposition, in title case) after such an abbreviation starts a
new sentence. A capitalised name after it does not ("the U.S. Congress passed"): nothing
before the parser tells the two apart.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "dateline_sentence_ends"
ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # U.S., U.N., a.m., D.C.
OPENING_TAGS = frozenset({"PRP", "PRP$", "DT", "IN", "CC", "WRB", "WP", "EX", "RB"})


def split(doc: Doc) -> Doc:
    """Start a sentence at every clause-opening word in title case after an abbreviation."""
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        if ABBREVIATION.match(prev.text) and tok.is_title and tok.tag_ in OPENING_TAGS and tok.is_alpha:
            tok.is_sent_start = True
    return doc


@Language.component(COMPONENT)
def _component(doc: Doc) -> Doc:
    return split(doc)


def install(nlp: Language) -> None:
    """Add the split before the parser, after the tagger (idempotent; nothing without a parser)."""
    if COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
