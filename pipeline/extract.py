"""Extraction of one parsed article: time expressions, actors, event mentions, event dates.

The order matters: time expressions first (events need them for dating), then event
mentions with their resolved actors, then each mention is dated.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline import actors, dates, events
from pipeline.models import Article, Extraction


class Extractor:
    """Holds the vocabularies once; `extract` is called per parsed document."""

    def __init__(self, actor_vocabulary: actors.ActorVocabulary, event_types: events.EventTypeVocabulary):
        self.actor_vocabulary = actor_vocabulary
        self.event_types = event_types

    @classmethod
    def from_files(cls, actors_file: object = None, event_types_file: object = None) -> Extractor:
        from pathlib import Path

        av = actors.ActorVocabulary.load(Path(str(actors_file))) if actors_file else actors.ActorVocabulary.load()
        ev = (
            events.EventTypeVocabulary.load(Path(str(event_types_file)))
            if event_types_file
            else events.EventTypeVocabulary.load()
        )
        return cls(av, ev)

    def extract(self, doc: Doc, article: Article) -> Extraction:
        timexes = dates.extract_time_expressions(doc, article.article_id, article.published_at)
        resolver = actors.ActorResolver(doc, self.actor_vocabulary)
        mentions = events.extract_events(doc, article, resolver, self.event_types)
        dates.date_events(doc, mentions, timexes, article.published_at, article.url)
        return Extraction(article=article, time_expressions=timexes, mentions=mentions, actors=resolver.actors())
