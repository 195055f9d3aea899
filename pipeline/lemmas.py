"""Verb lemmas that spaCy's rule lemmatizer gets wrong by one letter: "hoped" -> "hop".

Why: for "hoped" its suffix rules allow "hop" and "hope", both English verbs, and it takes
"hop"; every word list keyed by lemma then misses the verb ("hopes that Russia will withdraw"
was read as a plan, not a hope; "raped" was no assault; "scraped" read as "scrap", a verb of
cancelling). English spelling decides it: a one-syllable verb ending in one vowel and one
consonant doubles that consonant before -ed and -ing ("hop": "hopped", "hopping"; "tap":
"tapped") and takes a bare -s ("hops"), so "hoped", "hoping" and "hopes" are forms of "hope".
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "dateline_lemmas"

# a one-syllable stem ending in one vowel and a consonant that doubles (not w, x, y, which
# never do, nor s and z: "bused" and "bussed" are both "bus", "gases" is "gas")
_DOUBLING_STEM = re.compile(r"[^aeiouy]*[aeiou][bdfgklmnprt]")
_SUFFIXES = ("ing", "ed", "es")


def silent_e_lemma(form: str, lemma: str) -> str:
    """The lemma of a verb form, with the silent e back where the form shows it was there
    ("hoped", "hop" -> "hope"; "hopped", "hop" -> "hop")."""
    low = form.lower()
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and lemma == low[: -len(suffix)] and _DOUBLING_STEM.fullmatch(lemma):
            return lemma + "e"
    return lemma


@Language.component(COMPONENT)
def _restore_silent_e(doc: Doc) -> Doc:
    for t in doc:
        if t.pos_ in ("VERB", "AUX") and t.lower_.endswith(_SUFFIXES):
            fixed = silent_e_lemma(t.text, t.lemma_)
            if fixed != t.lemma_:
                t.lemma_ = fixed
    return doc


def install(nlp: Language) -> None:
    """Add the correction right after the lemmatizer (idempotent; nothing without one)."""
    if COMPONENT not in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="lemmatizer")
