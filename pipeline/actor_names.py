"""Identity keys of names: when two spellings found by the NER are one actor.

An actor the dictionary does not know gets its id from its name ("ner:person:joe-biden"), so
two spellings of one entity must give one key, within an article and across articles: titles
before a person's name ("President Joe Biden") and legal-form suffixes after an organisation's
("Apple Inc.") are not part of its identity. The words are data (`schemas/actor_names.yaml`,
with examples a parametrised test runs); the key also ignores case, accents, a leading "the"
and a possessive, like every dictionary lookup (`pipeline.actors.alias_key`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.settings import SCHEMAS_DIR
from pipeline.yaml_files import read_yaml

NAMES_FILE = SCHEMAS_DIR / "actor_names.yaml"


def _words(text: str) -> list[str]:
    """Lower-case words with their trailing full stop and commas dropped ("Corp.," -> "corp")."""
    return [w.strip(",").rstrip(".") for w in text.split() if w.strip(",").rstrip(".")]


def _listed(data: dict[str, Any], key: str) -> frozenset[str]:
    """The lower-case `words` of a section of the file (empty when it has none)."""
    return frozenset(str(w).lower() for w in (data.get(key) or {}).get("words", []))


@dataclass(frozen=True)
class NameRules:
    """Titles dropped before person names, suffixes dropped after organisation names."""

    titles: frozenset[tuple[str, ...]]
    suffixes: frozenset[str]
    longest_title: int
    # abbreviated titles the tokenizer keeps whole ("Brig.", "Lt."), see `pipeline.actors.install`
    abbreviations: tuple[str, ...] = ()
    # letters Unicode does not decompose, as ASCII ("ł" -> "l"), see `pipeline.actors.alias_key`
    letters: tuple[tuple[str, str], ...] = ()
    # prepositions whose object is a place even when the NER tags the name a person elsewhere
    place_prepositions: frozenset[str] = frozenset()
    # words that name a storm, whose name is no actor ("Cyclone Freddy", "Hurricane Maria")
    weather_words: frozenset[str] = frozenset()
    # words after a surname that are not it ("III", "Jr."), see `surname`
    name_suffixes: frozenset[str] = frozenset()
    # endings of words that describe ("Utterly Unacceptable"): a non-person entity of such words only is no name
    descriptive_endings: frozenset[str] = frozenset()
    # entity labels of things (laws, works, events, products): with an article they are no actor
    thing_labels: frozenset[str] = frozenset()
    # verbs of saying whose subject, a two- or three-word name, is a person's (`speaks_as_a_person`)
    speaking_verbs: frozenset[str] = frozenset()
    # verbs of a joint act whose subject and object a later "they" stands for (`ActorResolver.parties`)
    joint_verbs: frozenset[str] = frozenset()
    # nouns of institutions that stand only for an organisation whose name or titles hold them
    institution_nouns: frozenset[str] = frozenset()
    # heads of "on"/"via" whose object organisation is a medium, not an actor ("posted on Telegram")
    medium_heads: frozenset[str] = frozenset()
    # words of the titles that only modify a title ("former"): no title alone before a name
    title_modifiers: frozenset[str] = frozenset()
    # participles that give a description its name ("the aid group, known by its acronym MSF")
    naming_participles: frozenset[str] = frozenset()
    # nouns of bodies that stand for a court or an intergovernmental body only if its name holds them
    civil_nouns: frozenset[str] = frozenset()
    # the dictionary roles of those official bodies (`civil_nouns: official_roles`)
    official_roles: frozenset[str] = frozenset()
    # nouns of kinship that make the name after them a person's ("Lai's son Sebastien")
    kin_nouns: frozenset[str] = frozenset()
    # prefixes that make a named modifier what a group opposes ("anti-Pakistan militants")
    opposing_prefixes: frozenset[str] = frozenset()
    # particles fused to a surname that a later mention drops ("al-Bashir" ... "Bashir")
    surname_particles: tuple[str, ...] = ()
    # adjectives of a region or a bloc the NER labels a people ("Western", "European"): no actor
    regional_adjectives: frozenset[str] = frozenset()
    # nouns of a territory that end a place's name ("Central Java Province"): a place, whatever the label
    territory_nouns: frozenset[str] = frozenset()
    # nouns of those who speak for a body ("a spokesperson for Hamas" speaks as Hamas)
    speaking_for_nouns: frozenset[str] = frozenset()
    # modifiers that put an office in the past ("a former Russian diplomat" no longer acts for Russia)
    past_office_modifiers: frozenset[str] = frozenset()
    # verbs whose object is always people ("they were not deported" is no state)
    people_patient_verbs: frozenset[str] = frozenset()
    # departments a title names after "of"/"for" ("Secretary of State"): part of the title, no actor
    title_departments: frozenset[str] = frozenset()
    # nouns of a body of water that head a place's name ("the Red Sea", "the Gulf of Oman"): no party
    water_nouns: frozenset[str] = frozenset()
    # titles that any head of a body may go by ("the Commerce chief" is its secretary)
    generic_titles: frozenset[str] = frozenset()
    # nouns of origin or belonging whose named modifier is no actor ("of Afghan origin")
    kind_nouns: frozenset[str] = frozenset()
    # nouns of a document that end its name ("the Washington Treaty"): a text, no actor
    document_nouns: frozenset[str] = frozenset()
    # acronyms that name things, ideas or roles ("AI", "GDP", "CEO"), not bodies
    common_acronyms: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path = NAMES_FILE) -> NameRules:
        data = read_yaml(path) or {}
        titles = frozenset(tuple(_words(str(t).lower())) for t in data["person_titles"]["words"])
        suffixes = frozenset(w for s in data["organisation_suffixes"]["words"] for w in _words(str(s).lower()))
        abbreviations = tuple(str(a) for a in (data.get("title_abbreviations") or {}).get("words", []))
        letters = tuple((str(k), str(v)) for k, v in (data.get("transliterations") or {}).get("letters", {}).items())
        places, weather, name_suffixes, descriptive = (_listed(data, k) for k in (
            "place_prepositions", "weather_names", "name_suffixes", "descriptive_endings"))
        things = frozenset(str(w) for w in (data.get("thing_labels") or {}).get("words", []))
        return cls(titles, suffixes, max((len(t) for t in titles), default=1), abbreviations, letters, places, weather,
                   name_suffixes, descriptive, things, _listed(data, "speaking_verbs"), _listed(data, "joint_verbs"),
                   _listed(data, "institution_nouns"), _listed(data, "medium_heads"),
                   _listed(data, "title_modifiers"), _listed(data, "naming_participles"),
                   _listed(data, "civil_nouns"),
                   frozenset(str(r).upper() for r in (data.get("civil_nouns") or {}).get("official_roles", [])),
                   _listed(data, "kin_nouns"), _listed(data, "opposing_prefixes"),
                   tuple(sorted(_listed(data, "surname_particles"), key=len, reverse=True)),
                   _listed(data, "regional_adjectives"), _listed(data, "territory_nouns"),
                   _listed(data, "speaking_for_nouns"), _listed(data, "past_office_modifiers"),
                   _listed(data, "people_patient_verbs"), _listed(data, "title_departments"),
                   _listed(data, "water_nouns"), _listed(data, "generic_titles"), _listed(data, "kind_nouns"),
                   _listed(data, "document_nouns"), _listed(data, "common_acronyms"))

    def surname(self, key: str) -> str:
        """The surname of a person's key: its last word that is neither a generational suffix
        nor an initial ("lloyd j. austin iii" -> "austin"); the last word if all are."""
        words = key.split()
        for w in reversed(words):
            bare = w.strip(",").rstrip(".")
            if bare not in self.name_suffixes and len(bare.replace(".", "")) > 1:
                return w
        return words[-1]

    def surnames(self, key: str) -> set[str]:
        """The surname of a person's key and, when a particle is fused to it, the surname
        without it ("omar al-bashir" -> {"al-bashir", "bashir"})."""
        surname = self.surname(key)
        return {surname} | {surname[len(p):] for p in self.surname_particles
                            if surname.startswith(p) and len(surname) > len(p) + 1}

    def first_word(self, key: str) -> str | None:
        """The first word of a full name, which one person of an article may be called by alone:
        the family name where it comes first ("Fu Cong ... Fu noted", "Park Jin ... Park said"),
        or the given name a story may use after the full one; an initial is neither."""
        words = key.split()
        return words[0] if len(words) > 1 and len(words[0].rstrip(".")) > 1 else None

    def person_key(self, key: str) -> str:
        """`key` (an alias key) without the titles before the name; unchanged if only titles."""
        words = _words(key)
        i = 0
        while i < len(words):
            for n in range(min(self.longest_title, len(words) - i), 0, -1):
                if tuple(words[i : i + n]) in self.titles:
                    i += n
                    break
            else:
                break
        rest = words[i:]
        return " ".join(rest) if rest else key

    def organisation_key(self, key: str) -> str:
        """`key` without the legal-form suffixes after the name; unchanged if only suffixes."""
        words = _words(key)
        end = len(words)
        while end > 1 and words[end - 1] in self.suffixes:
            end -= 1
        return " ".join(words[:end]) if end < len(words) else key

    def identity_key(self, key: str, kind: str) -> str:
        """The identity key of an alias key for an actor of `kind` (person, organisation, ...)."""
        if kind == "person":
            return self.person_key(key)
        if kind == "organisation":
            return self.organisation_key(key)
        return key


@lru_cache(maxsize=4)
def rules(path: Path = NAMES_FILE) -> NameRules:
    """The name rules, read once per process."""
    return NameRules.load(path)


def file_bytes(path: Path = NAMES_FILE) -> bytes:
    """The rules file as stored (part of the vocabularies' hash: an edit re-extracts)."""
    return path.read_bytes()
