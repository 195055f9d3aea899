"""Actors: the dictionary, the spaCy rule component that applies it, and per-article resolution.

The statistical NER of the small English model mislabels many names of the region ("Kyiv" as
PERSON, "Tsikhanouskaya" as ORG), so dictionary aliases are matched first and handed to the NER
as fixed entities. After parsing, `ActorResolver` maps an argument of an event (the head token
of a noun phrase) to a canonical actor: a dictionary entry, a capital/demonym metonym, a title
or pronoun resolved to the last compatible named actor, a new actor discovered by the NER, or a
generic nominal participant ("developers", "the aircraft"). It builds on `NamedMentions`
(`named`), the article's named mentions resolved once when the article is read.
"""

from pipeline.actors.common import (
    ACTOR_LABELS,
    COMPONENT_NAME,
    STRONG_RESOLUTIONS,
    CurationError,
    alias_key,
    slugify,
)
from pipeline.actors.resolver import ActorResolver
from pipeline.actors.ruler import ActorRuler, install
from pipeline.actors.vocabulary import ActorVocabulary

__all__ = [
    "ACTOR_LABELS",
    "COMPONENT_NAME",
    "STRONG_RESOLUTIONS",
    "ActorResolver",
    "ActorRuler",
    "ActorVocabulary",
    "CurationError",
    "alias_key",
    "install",
    "slugify",
]
