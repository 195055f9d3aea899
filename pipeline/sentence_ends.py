"""Sentences that end on an abbreviation ("... the flow of drugs into the U.S. The ministry
said") and entries of a timeline that open with their date ("2024-03-01 - Drones strike Kharkiv").

Why: the parser reads the period of "U.S.", "U.N." or "a.m." as part of the abbreviation and
glues the next sentence to this one, so a subject, a date or a negation of one sentence is
taken for the other's ("... into the U.S. Sheinbaum sent 10,000 troops" gave the troops to
the leader named in the first sentence). A word that can only open a clause (a pronoun, a
determiner, a conjunction or preposition, in title case) after such an abbreviation starts a
new sentence. A capitalised name after it does not ("the U.S. Congress passed"): nothing
before the parser tells the two apart.

A line that opens with a date and a dash or a colon ("2024-03-04 - Kyiv hits a refinery",
"March 5: Ukraine shot down 20 drones") is an entry of a timeline; without an end mark on the
line before, the parser runs the entries into one sentence, and a date of one entry dates the
acts of another. Each such line starts a sentence of its own.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from pipeline.timex.grammar import names_a_calendar_date
from pipeline.timex.syntax import ENTRY_MARKS

COMPONENT = "dateline_sentence_ends"
ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # U.S., U.N., a.m., D.C.
OPENING_TAGS = frozenset({"PRP", "PRP$", "DT", "IN", "CC", "WRB", "WP", "EX", "RB"})
# a line's opening date before its dash or colon, after a list mark: "- May 2, 2025 – Talks open"
DATED_ENTRY = re.compile(r"^(?:[-*•·]\s+)?(?P<date>[^\n:–—]{3,40}?)(?:\s+[-–—]\s|:\s)")


def split(doc: Doc) -> Doc:
    """Start a sentence at every clause-opening word in title case after an abbreviation, and
    at every line that opens with a date and a dash or a colon."""
    text = doc.text  # built from the tokens on every access: once per document, not per line
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        after_abbreviation = ABBREVIATION.match(prev.text) and tok.is_title and tok.tag_ in OPENING_TAGS and tok.is_alpha
        if after_abbreviation:
            tok.is_sent_start = True
        elif opens_a_dated_entry(tok, text):
            tok.is_sent_start = True
            _keep_the_entry_whole(tok)
    return doc


def _keep_the_entry_whole(tok: Token) -> None:
    """The word after the entry's dash or colon goes on its sentence ("May 2, 2025 – Talks open"
    is one sentence, not a date alone and a clause)."""
    doc = tok.doc
    mark = next((t for t in doc[tok.i : tok.i + 12] if t.text in ENTRY_MARKS and t.whitespace_), None)
    if mark is not None and mark.i + 1 < len(doc) and not doc[mark.i + 1].is_space:
        doc[mark.i + 1].is_sent_start = False


def opens_a_dated_entry(tok: Token, text: str) -> bool:
    """Does a line start at the token with a date and a dash or a colon ("2024-03-04 - ...")?
    `text`: the document's text (`Doc.text` is rebuilt on every access: the caller reads it once)."""
    doc = tok.doc
    if tok.is_space or (tok.i > 0 and "\n" not in doc[tok.i - 1].text_with_ws):
        return False
    end = text.find("\n", tok.idx)
    m = DATED_ENTRY.match(text[tok.idx : end if end >= 0 else len(text)])
    return m is not None and names_a_calendar_date(m.group("date"))


@Language.component(COMPONENT)
def _component(doc: Doc) -> Doc:
    return split(doc)


def install(nlp: Language) -> None:
    """Add the split before the parser, after the tagger (idempotent; nothing without a parser)."""
    if COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
