"""Verb lemmas with the silent e that spaCy's rule lemmatizer drops ("hoped" -> "hop")."""

from __future__ import annotations

import pytest

from pipeline.lemmas import LEMMAS_FILE, silent_e_lemma
from pipeline.settings import load_settings
from pipeline.text import load_nlp
from pipeline.yaml_files import read_yaml


@pytest.mark.parametrize(
    ("form", "lemma", "expected"),
    [
        ("hoped", "hop", "hope"),  # "hop" would be "hopped"
        ("hoping", "hop", "hope"),
        ("hopes", "hop", "hope"),  # "hop" takes a bare s: "hops"
        ("scraped", "scrap", "scrape"),
        ("coping", "cop", "cope"),
        ("hopped", "hop", "hop"),  # the doubled consonant is the short verb's
        ("hops", "hop", "hop"),
        ("stopped", "stop", "stop"),
        ("played", "play", "play"),  # y, w and x never double
        ("rowed", "row", "row"),
        ("axed", "ax", "ax"),
        ("bused", "bus", "bus"),  # "bused" and "bussed" are both "bus"
        ("gases", "gas", "gas"),
        ("visited", "visit", "visit"),  # two syllables: no doubling rule to read
        ("helped", "help", "help"),
        ("rained", "rain", "rain"),
        ("used", "use", "use"),  # the lemmatizer's own lemma is kept when it is not the bare stem
    ],
)
def test_silent_e_lemma(form: str, lemma: str, expected: str) -> None:
    assert silent_e_lemma(form, lemma) == expected


def test_the_pipeline_reads_hoped_as_hope_and_leaves_nouns_alone() -> None:
    nlp = load_nlp(load_settings().spacy_model)
    doc = nlp("She hoped the talks would resume, and her hopes rose as the rabbits hopped away.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["hoped"], lemmas["hopes"], lemmas["hopped"]) == ("hope", "hope", "hop")


@pytest.mark.parametrize("example", read_yaml(LEMMAS_FILE)["verb_prefixes"]["examples"], ids=lambda e: e["form"])
def test_a_prefixed_verb_the_lemmatizer_does_not_know(example: dict[str, str]) -> None:
    doc = load_nlp(load_settings().spacy_model)(f"They {example['form']} it.")
    assert doc[1].lemma_ == example["lemma"]


def test_a_rearrest_is_an_arrest_and_a_resignation_no_signing() -> None:
    from pipeline.events.vocabulary import EventTypeVocabulary

    voc = EventTypeVocabulary.load()
    nlp = load_nlp(load_settings().spacy_model)
    assert voc.verb_type.get(nlp("Police rearrested him.")[1].lemma_) == "COERCE"
    assert nlp("The minister resigned.")[2].lemma_ == "resign"  # a verb it knows keeps its lemma
