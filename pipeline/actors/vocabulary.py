"""The actor dictionary (`schemas/actors.yaml` plus curation): canonical actors, aliases, role nouns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.actor_names import _listed
from pipeline.actors.common import (
    CurationError,
    alias_key,
)
from pipeline.models import Actor
from pipeline.settings import SCHEMAS_DIR
from pipeline.yaml_files import read_yaml

_LABEL_OF = {"person": "PERSON", "organisation": "ORG", "group": "ORG", "state": "GPE"}


@dataclass
class ActorVocabulary:
    """The actor dictionary: canonical actors, their aliases and the role nouns of descriptions,
    with the analyst's curation applied (extra actors and aliases, non-actors, merged ids)."""

    entries: dict[str, Actor]
    # alias key -> (actor id, kind) where kind is name, capital or demonym
    alias_index: dict[str, tuple[str, str]]
    # surface aliases for the rule component: (text, actor id, spaCy label, kind)
    surface: list[tuple[str, str, str, str]]
    genders: dict[str, str] = field(default_factory=dict)
    titles: dict[str, frozenset[str]] = field(default_factory=dict)
    descriptions: dict[str, frozenset[str]] = field(default_factory=dict)
    # noun -> (CAMEO role code, role name): people of a country who do not act for its state
    non_state_roles: dict[str, tuple[str, str]] = field(default_factory=dict)
    located_roles: frozenset[str] = frozenset()  # role nouns of the country an "in" phrase names
    state_bodies: frozenset[str] = frozenset()  # bodies that act for the state a modifier names
    governing_bodies: frozenset[str] = frozenset()  # "the government": the state the text is about
    alike_bodies: dict[str, frozenset[str]] = field(default_factory=dict)  # "military" -> army, troops, ...
    bare_bodies: frozenset[str] = frozenset()  # governing bodies that need no "the" ("Authorities said")
    counterparts: frozenset[str] = frozenset()  # "its allies", "Russia's rivals": others, not the owner
    people_endings: tuple[str, ...] = ()  # "environmentalists", "economists": people nouns by their ending
    not_people: frozenset[str] = frozenset()  # "lists", "wrists": no people, whatever their ending
    merges: dict[str, str] = field(default_factory=dict)  # merged id -> the id it is now
    non_actor_ids: frozenset[str] = frozenset()
    non_actor_names: frozenset[str] = frozenset()  # alias keys
    files: tuple[Path, ...] = ()  # the files read, in order (curation file last, when it exists)
    curation_path: Path | None = None  # the curation file in force, whether it exists yet or not

    @classmethod
    def load(cls, path: Path | None = None, curation: Path | None = None) -> ActorVocabulary:
        """Read the YAML dictionary (default `schemas/actors.yaml`) and the curation file:
        `curation` when given, else the one the dictionary names under `curation:` (relative
        to the dictionary's folder); a curation file that does not exist adds nothing."""
        path = path or SCHEMAS_DIR / "actors.yaml"
        data = read_yaml(path) or {}
        vocab = cls({}, {}, [], files=(path,))
        vocab._add_states(data.get("states") or [])
        vocab._add_actors(data.get("actors") or [], path)
        vocab.descriptions = {
            k: frozenset(str(w).lower() for w in v or []) for k, v in (data.get("descriptions") or {}).items()
        }
        roles = (data.get("non_state_roles") or {}).get("roles") or {}
        vocab.non_state_roles = {str(n).lower(): (str(code), str(r["name"])) for code, r in roles.items()
                                 for n in r["nouns"]}
        vocab.located_roles, vocab.state_bodies = _listed(data, "located_roles"), _listed(data, "state_bodies")
        vocab.governing_bodies, vocab.counterparts = _listed(data, "governing_bodies"), _listed(data, "counterparts")
        endings = data.get("people_endings") or {}
        vocab.people_endings = tuple(str(w).lower() for w in endings.get("words") or [])
        vocab.not_people = frozenset(str(w).lower() for w in endings.get("not_people") or [])
        vocab.bare_bodies = frozenset(str(w).lower() for w in (data.get("governing_bodies") or {}).get("bare") or [])
        vocab.alike_bodies = {str(w).lower(): frozenset(str(x).lower() for x in group)
                              for group in (data.get("governing_bodies") or {}).get("alike") or [] for w in group}
        vocab._curate(data, path)
        if curation is None and data.get("curation"):
            curation = (path.parent / Path(str(data["curation"])).expanduser()).resolve()
        vocab.curation_path = Path(curation) if curation is not None else None
        if curation is not None and Path(curation).is_file():
            user = read_yaml(Path(curation)) or {}
            if not isinstance(user, dict):
                raise CurationError(f"{curation}: expected a mapping with actors, aliases, non_actors or merge")
            vocab.files = (path, Path(curation))
            vocab._add_actors(user.get("actors") or [], Path(curation))
            vocab._curate(user, Path(curation))
        return vocab

    def _add_alias(self, text: str, actor_id: str, label: str, kind: str, override: bool = False) -> None:
        key = alias_key(text)
        if key and (override or key not in self.alias_index):
            self.alias_index[key] = (actor_id, kind)
        if kind != "demonym":
            self.surface.append((text, actor_id, label, kind))

    def _add_states(self, states: list[dict[str, object]]) -> None:
        for st in states:
            iso3 = str(st["iso3"]).upper()
            actor_id = iso3.lower()
            names = [str(st["name"]), *(str(x) for x in st.get("aliases") or [])]  # type: ignore[attr-defined]
            capitals = [str(x) for x in st.get("capitals") or []]  # type: ignore[attr-defined]
            demonyms = [str(x) for x in st.get("demonyms") or []]  # type: ignore[attr-defined]
            self.entries[actor_id] = Actor(
                actor_id=actor_id,
                canonical_name=names[0],
                actor_type="state",
                country_code=iso3,
                role="GOV",
                wikidata_qid=st.get("qid"),  # type: ignore[arg-type]
                source="dictionary",
                aliases=sorted({*names, *capitals, *demonyms} - {names[0]}),
            )
            for n in names:
                self._add_alias(n, actor_id, "GPE", "name")
            for c in capitals:
                self._add_alias(c, actor_id, "GPE", "capital")
            for d in demonyms:
                self._add_alias(d, actor_id, "NORP", "demonym")

    def _add_actors(self, actors: list[dict[str, object]], where: Path) -> None:
        """People and organisations; an id seen before is replaced (a curation file may
        redefine a dictionary actor), and its aliases win over other actors' ones."""
        for a in actors:
            if not isinstance(a, dict) or not a.get("id") or not a.get("name"):
                raise CurationError(f"{where}: every actor needs an id and a name, got {a!r}")
            actor_id = str(a["id"])
            aliases = [str(x) for x in a.get("aliases") or []]  # type: ignore[attr-defined]
            atype = str(a.get("type", "organisation"))
            self.entries[actor_id] = Actor(
                actor_id=actor_id,
                canonical_name=str(a["name"]),
                actor_type=atype,
                country_code=a.get("country"),  # type: ignore[arg-type]
                role=a.get("role"),  # type: ignore[arg-type]
                wikidata_qid=a.get("qid"),  # type: ignore[arg-type]
                source="dictionary",
                aliases=sorted(set(aliases) - {str(a["name"])}),
            )
            if a.get("gender"):
                self.genders[actor_id] = str(a["gender"])
            self.titles[actor_id] = frozenset(str(t).lower() for t in a.get("titles") or [])  # type: ignore[attr-defined]
            for n in [str(a["name"]), *aliases]:
                self._add_alias(n, actor_id, _LABEL_OF.get(atype, "ORG"), "name", override=where != self.files[0])

    def _curate(self, data: dict[str, object], where: Path) -> None:
        """`aliases:` (id -> names), `non_actors:` (ids or names), `merge:` (id -> id)."""
        aliases = data.get("aliases") or {}
        merge = data.get("merge") or {}
        non_actors = data.get("non_actors") or []
        if not isinstance(aliases, dict) or not isinstance(merge, dict) or not isinstance(non_actors, list):
            raise CurationError(f"{where}: aliases and merge are mappings (id: ...), non_actors a list")
        for actor_id, names in aliases.items():
            actor = self.entries.get(str(actor_id))
            if actor is None:
                raise CurationError(
                    f"{where}: aliases for {actor_id!r}, which is not a dictionary actor; add it under "
                    "actors: (id, name, type, aliases) or merge the id into one"
                )
            for name in [names] if isinstance(names, str) else names or []:
                self._add_alias(
                    str(name), actor.actor_id, _LABEL_OF.get(actor.actor_type, "ORG"), "name", override=True
                )
                actor.aliases = sorted({*actor.aliases, str(name)} - {actor.canonical_name})
        ids, names = set(self.non_actor_ids), set(self.non_actor_names)
        for item in non_actors:
            text = str(item)
            if ":" in text or text in self.entries:
                ids.add(text)
            else:
                names.add(alias_key(text))
        self.non_actor_ids, self.non_actor_names = frozenset(ids), frozenset(names)
        for source, target in merge.items():
            self.merges[str(source)] = str(target)
        for source in self.merges:
            seen = {source}
            target = self.merges[source]
            while target in self.merges:
                if target in seen:
                    raise CurationError(f"{where}: merge loop through {sorted(seen)}")
                seen.add(target)
                target = self.merges[target]

    def canonical_id(self, actor_id: str) -> str:
        """The id an actor has after the analyst's merges (itself when not merged)."""
        while actor_id in self.merges:
            actor_id = self.merges[actor_id]
        return actor_id

    def is_non_actor(self, actor_id: str | None, text: str | None = None) -> bool:
        """Whether curation declared this id, or this name, not an actor."""
        return (actor_id is not None and actor_id in self.non_actor_ids) or (
            text is not None and alias_key(text) in self.non_actor_names
        )

    def actors(self) -> list[Actor]:
        """All dictionary actors, with aliases."""
        return list(self.entries.values())

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(actor id, alias kind) for an alias, ignoring case, accents, 'the' and "'s"."""
        return self.alias_index.get(alias_key(text))

    def is_description(self, lemma: str, kind: str) -> bool:
        low = lemma.lower()
        if low in self.descriptions.get(kind, frozenset()):
            return True
        # "environmentalists", "economists": an agent noun of people by its ending (`people_endings`)
        return kind == "people" and len(low) >= 6 and low.isalpha() and low.endswith(self.people_endings) \
            and low not in self.not_people

    def is_role_noun(self, word: str) -> bool:
        """Is the word a role noun of any kind of description ("rebels", "minister", "council")?"""
        return any(self.is_description(word, k) for k in ("people", "group", "person", "organisation", "state"))
