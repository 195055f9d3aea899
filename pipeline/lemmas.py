"""Verb lemmas that spaCy's rule lemmatizer gets wrong: "hoped" -> "hop", "rearrested" -> "rearreste".

Why: for "hoped" its suffix rules allow "hop" and "hope", both English verbs, and it takes
"hop"; every word list keyed by lemma then misses the verb ("hopes that Russia will withdraw"
was read as a plan, not a hope; "staged a coup" missed the light verb "stage"; "scraped" read
as "scrap", a verb of cancelling). English spelling decides it: a one-syllable verb ending in one vowel and one
consonant doubles that consonant before -ed and -ing ("hop": "hopped", "hopping"; "tap":
"tapped") and takes a bare -s ("hops"), so "hoped", "hoping" and "hopes" are forms of "hope".

A verb the lemmatizer does not know gets a made-up lemma ("rearreste", "retook"): when it is
a listed prefix on a verb it knows (`schemas/lemmas.yaml`), the lemma is the prefix on that
verb's lemma ("rearrest", "retake"), so word lists can name it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.settings import SCHEMAS_DIR
from pipeline.yaml_files import read_yaml

COMPONENT = "dateline_lemmas"
LEMMAS_FILE = SCHEMAS_DIR / "lemmas.yaml"
VERB_PREFIXES: tuple[str, ...] = tuple(sorted((str(w) for w in read_yaml(LEMMAS_FILE)["verb_prefixes"]["words"]), key=len))

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


def prefixed_lemma(form: str, known_lemma: Callable[[str], str | None]) -> str | None:
    """The lemma of a verb form the lemmatizer does not know, when it is a listed prefix on
    one it does ("rearrested" -> "rearrest"); `known_lemma` gives a known verb's lemma of a
    form, or None. The shortest prefix wins; a remainder under four letters is no verb."""
    low = form.lower()
    for prefix in VERB_PREFIXES:
        rest = low[len(prefix):].lstrip("-")
        if low.startswith(prefix) and len(rest) >= 4 and (lemma := known_lemma(rest)) is not None:
            return prefix + lemma
    return None


class _VerbLemmas:
    """Pipeline component: silent e back, and prefixed verbs the lemmatizer does not know."""

    def __init__(self, nlp: Language) -> None:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        self.index = frozenset(lookups.get_table("lemma_index")["verb"])
        self.exceptions: dict[str, list[str]] = dict(lookups.get_table("lemma_exc")["verb"])
        self.rules: list[list[str]] = list(lookups.get_table("lemma_rules")["verb"])
        self.known = self.index | {lemma for lemmas in self.exceptions.values() for lemma in lemmas}

    def known_lemma(self, form: str) -> str | None:
        """The lemma of `form` when it is a form of a verb the lemmatizer knows."""
        if form in self.exceptions:
            return self.exceptions[form][0]
        if form in self.index:
            return form
        for old, new in self.rules:
            if form.endswith(old) and (stem := form[: len(form) - len(old)] + new) in self.index:
                return stem
        return None

    def __call__(self, doc: Doc) -> Doc:
        for t in doc:
            if t.pos_ not in ("VERB", "AUX"):
                continue
            fixed = silent_e_lemma(t.text, t.lemma_) if t.lower_.endswith(_SUFFIXES) else t.lemma_
            if fixed == t.lemma_ and t.lemma_.lower() not in self.known:
                fixed = prefixed_lemma(t.text, self.known_lemma) or fixed
            if fixed != t.lemma_:
                t.lemma_ = fixed
        return doc


@Language.factory(COMPONENT)
def _make_component(nlp: Language, name: str) -> _VerbLemmas:
    return _VerbLemmas(nlp)


def install(nlp: Language) -> None:
    """Add the correction right after the lemmatizer (idempotent; nothing without one)."""
    if COMPONENT not in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="lemmatizer")
