"""Identity keys of names: every example of schemas/actor_names.yaml, as written there."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from pipeline import actor_names
from pipeline.actors import alias_key


def _examples() -> list[Any]:
    data = yaml.safe_load(actor_names.NAMES_FILE.read_text(encoding="utf-8"))
    out = []
    for section, kind in (("person_titles", "person"), ("organisation_suffixes", "organisation"),
                          ("transliterations", "person")):
        for ex in data[section]["examples"]:
            out.append(pytest.param(kind, ex["text"], ex["key"], id=f"{kind}:{ex['text']}"))
    return out


@pytest.mark.parametrize(("kind", "text", "key"), _examples())
def test_identity_key_examples(kind: str, text: str, key: str) -> None:
    assert actor_names.rules().identity_key(alias_key(text), kind) == key


def test_a_name_with_or_without_its_special_letters_is_one_actor_id() -> None:
    from pipeline.actors import slugify

    assert slugify("Mariusz Błaszczak") == slugify("Mariusz Blaszczak") == "mariusz-blaszczak"
    assert slugify("Łódź") == "lodz" and slugify("Ærø") == "aero"


def test_titles_are_not_stripped_from_organisations_nor_suffixes_from_people() -> None:
    rules = actor_names.rules()
    assert rules.identity_key(alias_key("General Motors Co."), "organisation") == "general motors"
    assert rules.identity_key(alias_key("Marcus Co"), "person") == "marcus co"
    assert rules.identity_key(alias_key("Ukraine"), "location") == "ukraine"


def _abbreviation_examples() -> list[Any]:
    data = yaml.safe_load(actor_names.NAMES_FILE.read_text(encoding="utf-8"))
    return [pytest.param(ex["text"], ex["person"], id=ex["text"]) for ex in data["title_abbreviations"]["examples"]]


@pytest.mark.parametrize(("text", "person"), _abbreviation_examples())
def test_abbreviated_titles_stay_whole_and_the_name_is_one_person(nlp: Any, text: str, person: str) -> None:
    doc = nlp(text)
    assert person in [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert len(list(doc.sents)) == 1


def _context_examples() -> list[Any]:
    """Examples of names read in context: a surname the NER takes for a place is the person
    (place_prepositions), a storm named like a person is no actor (weather_names, no `actor`),
    a surname before "Jr." or "III" names the person (name_suffixes)."""
    data = yaml.safe_load(actor_names.NAMES_FILE.read_text(encoding="utf-8"))
    return [pytest.param(ex, id=f"{section}:{ex['text'][:50]}") for section in ("place_prepositions", "weather_names", "name_suffixes")
            for ex in data[section]["examples"]]


@pytest.mark.parametrize("example", _context_examples())
def test_a_name_in_context_is_the_actor_its_example_names(nlp: Any, example: dict[str, str]) -> None:
    from pipeline import actors

    doc = nlp(example["text"])
    resolver = actors.ActorResolver(doc, actors.ActorVocabulary.load())
    ref = resolver.resolve_head([t for t in doc if t.text == example["word"]][-1])
    assert (ref.actor_id if ref is not None else None) == example.get("actor")


def _description_examples() -> list[Any]:
    data = yaml.safe_load(actor_names.NAMES_FILE.read_text(encoding="utf-8"))
    return [pytest.param(ex, id=ex["text"][:50]) for section in ("descriptive_endings", "thing_labels")
            for ex in data[section]["examples"]]


@pytest.mark.parametrize("example", _description_examples())
def test_a_phrase_of_describing_words_or_a_named_thing_is_no_participant(example: dict[str, str]) -> None:
    # a quoted verdict the NER took for an organisation, a law with its article: no actor slot holds it
    import datetime as dt

    from pipeline.extract import Extractor
    from pipeline.models import Article
    from pipeline.settings import Settings
    from pipeline.text import load_nlp

    extractor = Extractor.from_files()
    article = Article("a1", "a.txt", None, dt.date(2026, 3, 3), "test", example["text"], "sha")
    doc = load_nlp(Settings().spacy_model)(extractor.prepare(example["text"]))
    refs = [r for m in extractor.extract(doc, article).mentions for r in (m.source, m.target) if r is not None]
    assert not [r.text for r in refs if example["word"] in r.text]


def _speaker_examples() -> list[Any]:
    data = yaml.safe_load(actor_names.NAMES_FILE.read_text(encoding="utf-8"))
    return [pytest.param(ex, id=ex["text"][:50]) for ex in data["speaking_verbs"]["examples"]]


@pytest.mark.parametrize("example", _speaker_examples())
def test_a_name_that_speaks_is_a_person(nlp: Any, example: dict[str, str]) -> None:
    # whatever label the NER gives a two-word name, the subject of "said" or "told" is a person
    from pipeline import actors

    doc = nlp(example["text"])
    resolver = actors.ActorResolver(doc, actors.ActorVocabulary.load())
    ref = resolver.resolve_head([t for t in doc if t.text == example["word"]][-1])
    actor = resolver.actor(ref.actor_id) if ref is not None else None
    assert (actor.actor_type if actor is not None else None) == example.get("type", "person"), ref


def _party_examples() -> list[Any]:
    data = yaml.safe_load(actor_names.NAMES_FILE.read_text(encoding="utf-8"))
    return [pytest.param(ex, id=ex["text"][:50]) for ex in data["joint_verbs"]["examples"]]


@pytest.mark.parametrize("example", _party_examples())
def test_they_after_a_joint_act_stands_for_its_parties(nlp: Any, example: dict[str, Any]) -> None:
    from pipeline import actors

    doc = nlp(example["text"])
    resolver = actors.ActorResolver(doc, actors.ActorVocabulary.load())
    assert resolver.parties([t for t in doc if t.text == example["word"]][-1]) == example["parties"]

