"""Pairs of names joined by a hyphen before a noun: "U.S.-China talks", "the Israel-Hamas
ceasefire", "Sino-Russian ties".

Why: such a pair names the two parties of the act the noun names. spaCy's tokenizer splits a
hyphen between letters ("Israel-Hamas" -> Israel, -, Hamas) but not after an abbreviation's
period ("U.S.-China" stayed one token, which no actor matched, so "U.S.-China talks resumed"
had no participant and no row). `install` adds that split; `pair_partner` finds the other
name of a pair for the event arguments.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Token
from spacy.util import compile_infix_regex

# a hyphen after an abbreviation's period and before a capital: "U.S.-China", "U.S.-EU";
# not "U.S.-led", "U.N.-backed"
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Z])"


def install(nlp: Language) -> None:
    """Split "U.S.-China" into "U.S.", "-", "China" (idempotent)."""
    infixes = list(nlp.Defaults.infixes or [])
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer) and ABBREVIATION_HYPHEN not in infixes:
        tokenizer.infix_finditer = compile_infix_regex([*infixes, ABBREVIATION_HYPHEN]).finditer


def pair_partner(tok: Token) -> Token | None:
    """The name joined to `tok` by a hyphen right before or after it ("Israel" for "Hamas" in
    "Israel-Hamas"), when both modify the same noun or one the other."""
    for a, b in ((tok.i - 2, tok.i - 1), (tok.i + 2, tok.i + 1)):
        if 0 <= a < len(tok.doc) and tok.doc[b].text in {"-", "\u2013"} and tok.doc[a].pos_ in {"PROPN", "ADJ", "NOUN"} \
                and (tok.doc[a].head.i in {tok.i, tok.head.i} or tok.head.i == a):
            return tok.doc[a]
    return None
