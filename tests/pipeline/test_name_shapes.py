"""What an entity's own words and its place in the sentence say it is (`pipeline.actors.name_shapes`):
each shape on a sentence of its own, as the NER of the real pipeline tags it."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from pipeline.actors import name_shapes
from pipeline.actors.vocabulary import ActorVocabulary


def _entity(nlp: Language, text: str, words: str, label: str) -> Span:
    """The words as an entity of `label`: the labels the NER gives such words, set here so that
    each case tests the shape, not what this model version happens to tag."""
    doc = nlp(text)
    start = text.index(words)
    span = doc.char_span(start, start + len(words), label=label)
    assert span is not None
    return span


@pytest.mark.parametrize(("text", "words", "label"), [
    ("Hurricane Dorian flattened homes across the islands.", "Dorian", "PERSON"),  # a storm
    ("Western news reports said the talks had stalled.", "Western", "NORP"),  # a region's adjective
    ("The Bill of Rights protects the press.", "Bill of Rights", "LAW"),  # a law with its article
    ("The Minister of Foreign Affairs flew to Oslo on Monday.", "Minister of Foreign Affairs", "ORG"),  # an office
    ("Envoy: Sanctions Deeply Regrettable", "Deeply Regrettable", "ORG"),  # describing words
    ("Gunmen abducted 30 students on Friday.", "Gunmen", "ORG"),  # a role noun opening the sentence
])
def test_words_that_name_no_actor(nlp: Language, vocab: ActorVocabulary, text: str, words: str, label: str) -> None:
    assert name_shapes.not_an_actor(_entity(nlp, text, words, label), vocab)


@pytest.mark.parametrize(("text", "words", "label"), [
    ("Hamid Karzai met the envoy in Kabul on Monday.", "Hamid Karzai", "PERSON"),
    ("The Ministry of Defence said the drills were over.", "Ministry of Defence", "ORG"),  # a ministry is no office
    ("Italy recalled its ambassador on Friday.", "Italy", "GPE"),
    ("Kelly Ayotte said the bill was dead.", "Kelly Ayotte", "PERSON"),  # a person is no describing phrase
])
def test_names_of_actors_pass(nlp: Language, vocab: ActorVocabulary, text: str, words: str, label: str) -> None:
    assert not name_shapes.not_an_actor(_entity(nlp, text, words, label), vocab)


@pytest.mark.parametrize(("text", "words", "person"), [
    ("Teodora Vasquez, 41, runs a bakery in the port.", "Teodora Vasquez", True),  # an age in commas
    ("Orvel Brant, assistant professor at Tulane University, told reporters the plan would fail.",
     "Orvel Brant", True),  # a title in apposition
    ("Globex Holdings announced a merger on Monday.", "Globex Holdings", False),
])
def test_a_plain_name_its_sentence_shows_to_be_a_persons(
    nlp: Language, vocab: ActorVocabulary, text: str, words: str, person: bool
) -> None:
    assert name_shapes.named_like_a_person(_entity(nlp, text, words, "ORG"), vocab) is person


@pytest.mark.parametrize(("text", "names"), [
    ("\"This is completely false,\" Anatoly Antonov told the council on Friday.", ["Anatoly Antonov"]),  # a work speaks
    ("Siyoka Mwale, director at the farmers' union, says prices will rise.", ["Siyoka Mwale"]),  # "[Mwale]" tagged
    ("Another passenger, Allah Rakha, told VOA that the gunmen fled.", ["Allah Rakha"]),  # untagged, a person's noun before
    ("In March, the Indonesian Strategic Studies Centre wrote that the strait was busy.", []),  # the end of a longer name
    ("\"This is completely false,\" Baiba Braze told the council on Friday.", []),  # a whole "organisation" speaks for itself
])
def test_the_full_names_of_people_the_ner_mislabelled(nlp: Language, vocab: ActorVocabulary, text: str,
                                                      names: list[str]) -> None:
    assert [span.text for span in name_shapes.people_by_context(nlp(text), vocab).values()] == names


@pytest.mark.parametrize(("text", "words", "territory"), [
    ("Floods hit Central Java Province on Sunday.", "Central Java Province", True),
    ("Floods hit the Amur Region on Sunday.", "Amur Region", True),
    ("Floods hit Central Java on Sunday.", "Central Java", False),
])
def test_a_name_ending_with_a_territory_noun_is_a_place(nlp: Language, text: str, words: str, territory: bool) -> None:
    assert name_shapes.a_territory(_entity(nlp, text, words, "GPE")) is territory


@pytest.mark.parametrize(("name", "shown"), [
    ("four frontier corps personnel", "Four Frontier Corps Personnel"),
    ("ministry of the interior", "Ministry of the Interior"),
    ("Globex Ltd", "Globex Ltd"),
])
def test_a_name_written_in_lower_case_is_shown_as_a_name(name: str, shown: str) -> None:
    assert name_shapes.as_a_name(name) == shown


@pytest.mark.parametrize(("short", "long", "opens"), [
    ("apple", "apple computer", True),
    ("national intelligence agency", "national press agency", False),
])
def test_a_short_form_opens_the_longer_name(short: str, long: str, opens: bool) -> None:
    assert name_shapes.opens(short, long) is opens
