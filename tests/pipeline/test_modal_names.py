"""First names the tagger reads as modal verbs ("Will Wang said") are parts of the name."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline import actors, events
from pipeline.models import Article, EventMention


def _mentions(nlp: Language, vocab: actors.ActorVocabulary, text: str) -> list[EventMention]:
    doc = nlp(text)
    art = Article("a1", "a1.txt", None, None, "test", text, "sha")
    return events.extract_events(doc, art, actors.ActorResolver(doc, vocab), events.EventTypeVocabulary.load())


@pytest.mark.parametrize("text", [
    "Will Wang, a student in Ohio, said when he returns home the internet is everywhere.",
    "May Chen told reporters the factory had closed.",
])
def test_a_name_read_as_a_modal_does_not_make_the_act_future(nlp: Language, vocab: actors.ActorVocabulary,
                                                            text: str) -> None:
    (m,) = [m for m in _mentions(nlp, vocab, text) if m.event_type == "STATEMENT"]
    assert m.factuality == "asserted"


def test_the_name_is_a_proper_noun_of_the_name(nlp: Language) -> None:
    doc = nlp("Will Wang, a student in Ohio, said the internet is everywhere.")
    assert (doc[0].tag_, doc[0].dep_, doc[0].head.text) == ("NNP", "compound", "Wang")


def test_a_modal_stays_a_modal(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    (m,) = [m for m in _mentions(nlp, vocab, "The minister will visit Kyiv in May.") if m.trigger_text == "visit"]
    assert m.factuality == "planned"
