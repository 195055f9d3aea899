"""Shared pieces of the actor package: labels, pronoun classes, id slugs and lookup keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

COMPONENT_NAME = "dateline_actors"

# NER labels that denote a participant (the rest - dates, numbers, money - never do).
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_LABEL_TYPE = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "location",
    "NORP": "group",
    "LOC": "location",
    "FAC": "location",
}
# resolution methods whose actor is a real, identified participant (not a generic noun)
STRONG_RESOLUTIONS = {"dictionary", "ner", "metonymy", "title", "coreference"}

_PRON_MALE = {"he", "him", "his", "himself"}
_PRON_FEMALE = {"she", "her", "hers", "herself"}
_PRON_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_PRON_NEUTER = {"it", "its", "itself"}
_PRON_FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
_PRON_FIRST_SINGULAR = {"i", "me", "my", "mine", "myself"}
_RELATIVE = {"who", "whom", "which", "that", "whose"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_QUOTE_CHARS = "'\u2019\u2018`"


@lru_cache(maxsize=1)
def _letters() -> dict[int, str]:
    """The transliteration table of `schemas/actor_names.yaml` ("ł" -> "l")."""
    from pipeline import actor_names

    return str.maketrans(dict(actor_names.rules().letters))


def _unaccented(text: str) -> str:
    """`text` without accents, in the letters a reporter without them would write."""
    norm = unicodedata.normalize("NFKD", text.translate(_letters()))
    return "".join(c for c in norm if not unicodedata.combining(c))


def slugify(text: str) -> str:
    """Stable ascii slug used in actor ids ("Volodymyr Zelenskyy" -> "volodymyr-zelenskyy",
    "Mariusz Błaszczak" -> "mariusz-blaszczak")."""
    return re.sub(r"[^a-z0-9]+", "-", _unaccented(text).lower()).strip("-") or "x"


@lru_cache(maxsize=1 << 16)
def alias_key(text: str) -> str:
    """Lookup key: accents, case, a leading 'the' and a trailing possessive do not matter.

    Kept per text: the resolver asks for the same names and noun phrases many times an article."""
    norm = _unaccented(text.replace("\u2019", "'")).lower().strip()
    norm = re.sub(r"'s$|'$", "", norm)
    norm = re.sub(r"^the\s+", "", norm)
    return re.sub(r"\s+", " ", norm).strip(" .,")


class CurationError(ValueError):
    """The actor file or the curation file it names says something that cannot be applied
    (an alias for an unknown id, a merge loop): the message names the file and the entry."""
