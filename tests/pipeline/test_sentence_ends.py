"""A sentence that ends on an abbreviation ("the U.S.", "the U.N.", "9 a.m.") is not glued to the
next one when that one opens with a word that can only open a clause; the lines of a timeline
that open with their dates are sentences of their own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline import actors, events
from pipeline.models import Article


@pytest.mark.parametrize(("text", "sentences"), [
    ("Journalists are barred from many offices, including the U.N. In addition, they may not travel abroad.", 2),
    ("Lukashenko's son studied in the U.S. He returned to Minsk in 2019.", 2),
    ("The talks began at 9 a.m. The delegations left at noon.", 2),
    # a name after the abbreviation may be part of it
    ("The U.S. Congress passed the bill on Monday.", 1),
    ("He moved to the U.S. in 2010.", 1),
])
def test_a_clause_opener_after_an_abbreviation_starts_a_sentence(nlp: Language, text: str, sentences: int) -> None:
    assert len(list(nlp(text).sents)) == sentences


@pytest.mark.parametrize(("text", "sentences"), [
    # each line of a timeline that opens with its date is a sentence of its own
    ("Key events\n2024-03-01 - Drones strike Kharkiv\n2024-03-04 - Kyiv hits a refinery", 3),
    ("Timeline\nMay 2, 2025 – Talks open in Istanbul\nMay 9: The talks collapse", 3),
    # a line that only goes on with a date is not cut
    ("The minister met his counterpart on\nMarch 5 and said the talks went well.", 1),
])
def test_a_line_that_opens_with_a_date_and_a_dash_starts_a_sentence(nlp: Language, text: str, sentences: int) -> None:
    assert len([s for s in nlp(text).sents if not s.text.isspace()]) == sentences


def test_the_second_sentence_keeps_its_own_subject(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    text = "Minsk sent its envoy to the U.N. But Vilnius recalled its ambassador from Minsk."
    doc = nlp(text)
    art = Article("a1", "a1.txt", None, None, "test", text, "sha")
    ms = events.extract_events(doc, art, actors.ActorResolver(doc, vocab), events.EventTypeVocabulary.load())
    (m,) = [m for m in ms if m.trigger_text == "recalled"]
    assert m.source is not None and m.source.actor_id == "ltu"
