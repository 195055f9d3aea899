"""Shared fixtures of the event tests: the real spaCy model with the actor ruler, the actor and
event-type vocabularies, and `extract` (text -> event mentions), plus small helpers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Token

from pipeline import actors, events
from pipeline.events.context import Context
from pipeline.models import Article, EventMention

Extract = Callable[[str], list[EventMention]]
Parse = Callable[[str], Context]


@pytest.fixture(scope="session")
def types() -> events.EventTypeVocabulary:
    return events.EventTypeVocabulary.load()



@pytest.fixture(scope="session")
def extract(nlp: Language, vocab: actors.ActorVocabulary, types: events.EventTypeVocabulary) -> Extract:
    """The event mentions of one text, parsed as an article of its own."""

    def _extract(text: str) -> list[EventMention]:
        doc = nlp(text)
        art = Article("a1", "a1.txt", None, None, "test", text, "sha")
        return events.extract_events(doc, art, actors.ActorResolver(doc, vocab), types)

    return _extract


@pytest.fixture(scope="session")
def parse(nlp: Language, vocab: actors.ActorVocabulary, types: events.EventTypeVocabulary) -> Parse:
    """The extraction context of one parsed text, for tests of a single step (arguments)."""

    def _parse(text: str) -> Context:
        doc = nlp(text)
        return Context(doc, actors.ActorResolver(doc, vocab), types)

    return _parse


def on(mentions: list[EventMention], trigger: str) -> list[EventMention]:
    """The mentions whose trigger is exactly `trigger`."""
    return [m for m in mentions if m.trigger_text == trigger]


def ids(m: EventMention) -> tuple[str | None, str | None]:
    """(source actor id, target actor id) of a mention."""
    return (m.source.actor_id if m.source else None, m.target.actor_id if m.target else None)


def word(ctx: Context, text: str) -> Token:
    """The first token of the parsed text that reads `text`."""
    return next(t for t in ctx.doc if t.text == text)
