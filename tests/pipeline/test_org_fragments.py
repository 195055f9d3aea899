"""Organisation names the NER cuts in two are one name ("the National | Congress Party")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline import actors, events
from pipeline.models import Article


@pytest.mark.parametrize(("text", "name"), [
    ("The National Congress Party says the government is seizing its assets.", "The National Congress Party"),
    ("The ruling African National Congress lost its majority in the vote.", "African National Congress"),
    ("A spokesman for the World Uyghur Congress said the men were deported.", "the World Uyghur Congress"),
])
def test_a_name_cut_at_a_known_word_is_one_organisation(nlp: Language, text: str, name: str) -> None:
    doc = nlp(text)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "ORG"] == [(name, "ORG")]


def test_a_dictionary_name_inside_a_longer_one_is_not_the_dictionarys(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    """"Congress" alone is the U.S. Congress; in "the National Congress Party" it is not."""
    text = "The National Congress Party says the government is seizing its assets."
    doc = nlp(text)
    art = Article("a1", "a1.txt", None, None, "test", text, "sha")
    (said,) = [m for m in events.extract_events(doc, art, actors.ActorResolver(doc, vocab), events.EventTypeVocabulary.load())
               if m.trigger_text == "says"]
    assert said.source is not None and said.source.actor_id == "ner:organisation:national-congress-party"


@pytest.mark.parametrize(("text", "name", "actor_id"), [
    ("The U.S. Congress passed the bill on Tuesday.", "U.S. Congress", "usa-congress"),
    ("Congress passed the bill on Tuesday.", "Congress", "usa-congress"),
    # a state's demonym before a name is that state's, not a longer name
    ("The Afghan Taliban have rejected the allegation.", "Taliban", "afg-taliban"),
])
def test_a_name_the_dictionary_fixed_stays_its_own(nlp: Language, text: str, name: str, actor_id: str) -> None:
    doc = nlp(text)
    assert (name, actor_id) in [(e.text, e.id_) for e in doc.ents]


@pytest.mark.parametrize(("text", "organisation", "person"), [
    ("The deputy head of the Ministry of Information and Culture, Zia-ul Haq Haqmal, told reporters the ban would stay.",
     "the Ministry of Information and Culture", "Zia-ul Haq Haqmal"),
])
def test_an_organisation_run_on_into_the_name_in_apposition_ends_at_the_comma(
        nlp: Language, text: str, organisation: str, person: str) -> None:
    doc = nlp(text)
    found = [(e.text, e.label_) for e in doc.ents]
    assert (organisation, "ORG") in found and (person, "PERSON") in found, found
