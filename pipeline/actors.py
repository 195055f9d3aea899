"""Actors: the dictionary, the spaCy rule component that applies it, and per-article resolution.

The statistical NER of the small English model mislabels many names of the region ("Kyiv" as
PERSON, "Tsikhanouskaya" as ORG), so dictionary aliases are matched first and handed to the NER
as fixed entities. After parsing, `ActorResolver` maps an argument of an event (the head token
of a noun phrase) to a canonical actor: a dictionary entry, a capital/demonym metonym, a title
or pronoun resolved to the last compatible named actor, a new actor discovered by the NER, or a
generic nominal participant ("developers", "the aircraft").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline import actor_names
from pipeline.models import Actor, ActorRef
from pipeline.settings import SCHEMAS_DIR

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


def slugify(text: str) -> str:
    """Stable ascii slug used in actor ids ("Volodymyr Zelenskyy" -> "volodymyr-zelenskyy")."""
    norm = unicodedata.normalize("NFKD", text)
    norm = "".join(c for c in norm if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-") or "x"


def alias_key(text: str) -> str:
    """Lookup key: accents, case, a leading 'the' and a trailing possessive do not matter."""
    norm = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    norm = "".join(c for c in norm if not unicodedata.combining(c)).lower().strip()
    norm = re.sub(r"'s$|'$", "", norm)
    norm = re.sub(r"^the\s+", "", norm)
    return re.sub(r"\s+", " ", norm).strip(" .,")


class CurationError(ValueError):
    """The actor file or the curation file it names says something that cannot be applied
    (an alias for an unknown id, a merge loop): the message names the file and the entry."""


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
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        vocab = cls({}, {}, [], files=(path,))
        vocab._add_states(data.get("states") or [])
        vocab._add_actors(data.get("actors") or [], path)
        vocab.descriptions = {
            k: frozenset(str(w).lower() for w in v or []) for k, v in (data.get("descriptions") or {}).items()
        }
        vocab._curate(data, path)
        if curation is None and data.get("curation"):
            curation = (path.parent / Path(str(data["curation"])).expanduser()).resolve()
        vocab.curation_path = Path(curation) if curation is not None else None
        if curation is not None and Path(curation).is_file():
            user = yaml.safe_load(Path(curation).read_text(encoding="utf-8")) or {}
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
                self._add_alias(str(name), actor.actor_id, _LABEL_OF.get(actor.actor_type, "ORG"), "name", override=True)
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
        return lemma.lower() in self.descriptions.get(kind, frozenset())


class ActorRuler:
    """spaCy component: dictionary aliases become fixed entities before the statistical NER.

    Country names and capitals are not forced when they open or close a longer proper name
    ("Qatar Airways", "Air France"): the NER sees those whole, and the resolver still maps a
    country name it finds to the dictionary.
    """

    def __init__(self, nlp: Language, name: str = COMPONENT_NAME) -> None:
        self.nlp = nlp
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.meta: dict[int, tuple[str, str, str]] = {}
        self.vocabulary: ActorVocabulary | None = None

    def set_vocabulary(self, vocabulary: ActorVocabulary) -> None:
        self.vocabulary = vocabulary
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.meta = {}
        grouped: dict[tuple[str, str, str], list[str]] = {}
        for text, actor_id, label, kind in vocabulary.surface:
            variants = {text}
            if text.islower():
                variants.add(text[:1].upper() + text[1:])
            for v in variants:
                grouped.setdefault((actor_id, label, kind), []).append(v)
        for (actor_id, label, kind), texts in grouped.items():
            key = f"{actor_id}|{label}|{kind}"
            kid = self.nlp.vocab.strings.add(key)
            self.meta[kid] = (actor_id, label, kind)
            self.matcher.add(key, [self.nlp.make_doc(t) for t in texts])

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        n = len(doc)
        for match_id, start, end in self.matcher(doc):
            actor_id, label, kind = self.meta[match_id]
            if kind in {"name", "capital"} and label == "GPE":
                nxt = doc[end] if end < n else None
                prv = doc[start - 1] if start > 0 else None
                if nxt is not None and nxt.is_title and nxt.is_alpha and not nxt.is_sent_start:
                    continue
                if prv is not None and prv.is_title and prv.is_alpha and not prv.is_sent_start:
                    continue
                if _ends_name_of(doc, start):  # "National Bank of Ukraine": the NER sees the whole name
                    continue
            spans.append(Span(doc, start, end, label=label, span_id=actor_id))
        if spans:
            spans = filter_spans(spans)
            keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
            doc.set_ents(filter_spans(spans + keep), default="unmodified")
        return doc

    # spaCy serialisation hooks: the patterns are rebuilt from the YAML, nothing to store.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> ActorRuler:
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> ActorRuler:
        return self


@Language.factory(COMPONENT_NAME)
def _make_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)


def install(nlp: Language, vocabulary: ActorVocabulary) -> None:
    """Add (or refresh) the dictionary component before the statistical "ner" (idempotent).

    Sentence starts at line breaks (headline and dateline apart from the first sentence) come
    from `pipeline.timex.install`, which the pipeline runs too."""
    if COMPONENT_NAME in nlp.pipe_names:
        ruler = nlp.get_pipe(COMPONENT_NAME)
    else:
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        ruler = nlp.add_pipe(COMPONENT_NAME, **where)  # type: ignore[arg-type]
    assert isinstance(ruler, ActorRuler)
    if ruler.vocabulary is not vocabulary:
        ruler.set_vocabulary(vocabulary)


@dataclass
class _Mention:
    """A named mention of an actor in the document (entity based)."""

    start: int  # token index
    end: int
    actor_id: str
    resolved_by: str
    label: str
    non_actor: bool = False  # declared not an actor by curation: a place at most, never a participant


@dataclass
class _People:
    """People named in full in one article: identity key -> (actor id, name), surname -> ids."""

    full: dict[str, tuple[str, str]] = field(default_factory=dict)
    surnames: dict[str, set[str]] = field(default_factory=dict)

    def name_of(self, actor_id: str) -> str:
        return next((name for aid, name in self.full.values() if aid == actor_id), actor_id.rsplit(":", 1)[-1])


class ActorResolver:
    """Maps argument heads of one parsed article to canonical actors.

    Built once per document: entity mentions are resolved up front (dictionary, metonymy, name
    coreference for "Jobs" after "Steve Jobs", new NER actors); pronouns and descriptions are
    resolved on demand to the last compatible named mention before them.
    """

    def __init__(self, doc: Doc, vocabulary: ActorVocabulary) -> None:
        self.doc = doc
        self.vocab = vocabulary
        self._actors: dict[str, Actor] = {}
        self._mentions: list[_Mention] = []
        self._tok_mention: list[int] = [-1] * len(doc)
        self._build()

    # ------------------------------------------------------------------ entity mentions
    def _build(self) -> None:
        self._people = self._people_of_doc()
        self._orgs = self._organisations_of_doc()
        for ent in self.doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            actor_id, resolved_by = self._entity_actor(ent)
            if actor_id is None:
                continue
            actor_id = self._curated_id(actor_id)
            non_actor = self.vocab.is_non_actor(actor_id, _strip_det(ent))
            idx = len(self._mentions)
            self._mentions.append(_Mention(ent.start, ent.end, actor_id, resolved_by, ent.label_, non_actor))
            for i in range(ent.start, ent.end):
                self._tok_mention[i] = idx

    def _people_of_doc(self) -> _People:
        """The people the NER names in full in this article (two words or more once titles
        are dropped), by identity key and by surname: a shorter mention anywhere in the article
        ("Jobs" after or before "Steve Jobs"), whatever label the NER gave it, is that person
        when one person of the article has that surname."""
        people = _People()
        rules = actor_names.rules()
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or (ent.id_ and ent.id_ in self.vocab.entries):
                continue
            text = _strip_det(ent)
            key = rules.person_key(alias_key(text)) if text else ""
            if len(key.split()) < 2 or self.vocab.lookup(key) is not None:
                continue
            actor_id = f"ner:person:{slugify(key)}"
            people.full.setdefault(key, (actor_id, _drop_words(text, alias_key(text), key)))
            people.surnames.setdefault(key.split()[-1], set()).add(actor_id)
        # a shorter full name that ends a longer one of the same article is that person
        # ("Abdel Bari" after "Naser Eldin Abdel Bari")
        for key, (actor_id, _name) in list(people.full.items()):
            longer = {aid for k, (aid, _n) in people.full.items() if k != key and k.endswith(" " + key)}
            if len(longer) == 1:
                target = next(iter(longer))
                people.full[key] = (target, people.name_of(target))
                people.surnames[key.split()[-1]].discard(actor_id)
        return people

    def _organisations_of_doc(self) -> dict[str, str]:
        """Organisations the NER names in this article, by identity key ("globex" for
        "Globex Ltd"): the same name under another label, or untagged, is that organisation."""
        rules = actor_names.rules()
        orgs: dict[str, str] = {}
        for ent in self.doc.ents:
            if ent.label_ != "ORG" or (ent.id_ and ent.id_ in self.vocab.entries):
                continue
            text = _strip_det(ent)
            key = rules.organisation_key(alias_key(text)) if text else ""
            if not key or key in orgs or self.vocab.lookup(key) is not None:
                continue
            # a short form shares the first word of the name given before ("Apple" after "Apple Computer")
            earlier = next((aid for k, aid in orgs.items() if k.split()[0] == key.split()[0]), None)
            orgs[key] = earlier or f"ner:organisation:{slugify(key)}"
        # an acronym is the organisation whose initials it spells ("NBU", "National Bank of Ukraine")
        for key, actor_id in list(orgs.items()):
            if actor_id == f"ner:organisation:{slugify(key)}" and key.isalpha() and 2 <= len(key) <= 6:
                spelled = {aid for k, aid in orgs.items() if k != key and _initials(k) == key}
                if len(spelled) == 1:
                    orgs[key] = next(iter(spelled))
        return orgs

    def _person_named(self, key: str) -> str | None:
        """The person of this article whose full name or (unique) surname is `key`."""
        if key in self._people.full:
            return self._people.full[key][0]
        ids = self._people.surnames.get(key, set()) if len(key.split()) == 1 else set()
        return next(iter(ids)) if len(ids) == 1 else None

    def _entity_actor(self, ent: Span) -> tuple[str | None, str]:
        vocab = self.vocab
        if ent.id_ and ent.id_ in vocab.entries:
            kind = "capital" if vocab.lookup(ent.text) == (ent.id_, "capital") else "name"
            self._use(vocab.entries[ent.id_])
            return ent.id_, "metonymy" if kind == "capital" else "dictionary"
        hit = vocab.lookup(ent.text)
        if hit is None and ent.label_ in {"NORP", "GPE"} and len(ent) > 1:
            hit = vocab.lookup(ent[-1].text)
        if hit is None and ent.label_ in {"PERSON", "ORG"}:
            # a longer NER span around a known name ("Ukrainian leader Zelenskyy")
            for tok in reversed(ent):
                hit = vocab.lookup(tok.text)
                if hit and hit[1] == "name" and vocab.entries[hit[0]].actor_type == "person":
                    break
                hit = None
        text = _strip_det(ent)
        kind = _LABEL_TYPE.get(ent.label_, "other")
        key = actor_names.rules().identity_key(alias_key(text), kind) if text else ""
        if hit is None and key:
            hit = vocab.lookup(key)  # "Apple Inc." when the dictionary has "Apple"
        if hit is not None:
            actor_id, how = hit
            self._use(vocab.entries[actor_id])
            return actor_id, "dictionary" if how == "name" else "metonymy"
        if not key:
            return None, ""
        return self._discovered(ent.label_, text, key)

    def _discovered(self, label: str, text: str, key: str) -> tuple[str, str]:
        """The id of a name the dictionary does not know, from its identity key: the same
        entity gets the same id in every article ("Apple Inc." and "Apple": one id)."""
        person = self._person_named(key if label == "PERSON" else alias_key(text))
        if person is not None:
            self._new_actor(person, self._people.name_of(person), "person")
            full = self._people.full.get(key)
            return person, "ner" if full is not None and full[0] == person and label == "PERSON" else "coreference"
        kind = _LABEL_TYPE.get(label, "other")
        org = self._orgs.get(actor_names.rules().organisation_key(alias_key(text)))
        if org is not None and label != "PERSON":
            own = org == f"ner:organisation:{slugify(key)}"
            self._new_actor(org, _drop_words(text, alias_key(text), key), "organisation")
            return org, "ner" if own and label == "ORG" else "coreference"
        actor_id = f"ner:{kind}:{slugify(key)}"
        self._new_actor(actor_id, _drop_words(text, alias_key(text), key), kind)
        return actor_id, "ner"

    def _new_actor(self, actor_id: str, name: str, kind: str) -> None:
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=name, actor_type=kind, source="ner")

    def _use(self, actor: Actor) -> None:
        self._actors.setdefault(actor.actor_id, actor)

    def _curated_id(self, actor_id: str) -> str:
        """The id after the analyst's merges, with an actors-table row for it: a dictionary
        entry, else (a discovered id merged into another) the merged actor's row renamed."""
        target = self.vocab.canonical_id(actor_id)
        if target != actor_id and target not in self._actors:
            if target in self.vocab.entries:
                self._use(self.vocab.entries[target])
            else:
                old = self._actors.get(actor_id)
                kind = target.split(":")[1] if target.count(":") >= 2 else (old.actor_type if old else "other")
                name = old.canonical_name if old else target.rsplit(":", 1)[-1]
                self._actors[target] = Actor(actor_id=target, canonical_name=name, actor_type=kind, source="ner")
        return target

    # ------------------------------------------------------------------ queries
    def actors(self) -> list[Actor]:
        """Every actor referenced in this document, for the actors table."""
        return list(self._actors.values())

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id) or self.vocab.entries.get(actor_id)

    def entity_at(self, token: Token) -> tuple[int, int, str, str] | None:
        """(start, end, actor id, resolved_by) of the named mention covering `token`."""
        idx = self._tok_mention[token.i]
        if idx < 0 or self._mentions[idx].non_actor:
            return None
        m = self._mentions[idx]
        return m.start, m.end, m.actor_id, m.resolved_by

    def is_place(self, token: Token) -> bool:
        """True when the token belongs to a GPE/LOC/FAC mention (a possible event location)."""
        idx = self._tok_mention[token.i]
        return idx >= 0 and self._mentions[idx].label in {"GPE", "LOC", "FAC"}

    def state_of(self, token: Token) -> str | None:
        """The state a modifier names ("Ukrainian", "Kyiv's", "Russia"), else None."""
        idx = self._tok_mention[token.i]
        if idx >= 0:
            aid = self._mentions[idx].actor_id
            a = self.vocab.entries.get(aid)
            return aid if a is not None and a.actor_type == "state" else None
        hit = self.vocab.lookup(token.text)
        if hit is not None and self.vocab.entries[hit[0]].actor_type == "state":
            return hit[0]
        return None

    def resolve(self, span: Span) -> ActorRef | None:
        """Resolve a noun phrase (by its syntactic root) to an actor reference."""
        return self.resolve_head(span.root)

    def resolve_head(self, head: Token) -> ActorRef | None:
        """Resolve the head token of an argument to an ActorRef, or None for no participant;
        the analyst's curation has the last word (merged ids, declared non-actors)."""
        idx = self._tok_mention[head.i]
        if idx >= 0 and self._mentions[idx].non_actor:
            return None
        ref = self._resolve_head(head)
        if ref is None:
            return None
        actor_id = self._curated_id(ref.actor_id)
        if self.vocab.is_non_actor(actor_id, ref.text) or self.vocab.is_non_actor(None, head.text):
            return None
        ref.actor_id = actor_id
        return ref

    def _resolve_head(self, head: Token) -> ActorRef | None:
        low = head.lower_
        ent = self.entity_at(head)
        if ent is not None:
            s, e, actor_id, how = ent
            state = self._state_institution(head, s, e, actor_id)
            if state is not None:
                return self._ref(_np_start(head), e, state, "metonymy")
            # a demonym heading a group noun phrase is handled below ("Ukrainian officials" is
            # the NP, but the head is "officials"); here the head itself is the named mention
            return self._ref(s, e, actor_id, how)
        if head.pos_ == "PRON" or low in _PRON_NEUTER | _PRON_PLURAL:
            return self._resolve_pronoun(head)
        if head.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ", "X"}:
            return None
        lemma = head.lemma_.lower()
        children = list(head.children)
        start = _np_start(head)
        # appositive name: "its ambassador, Ihor Kyzym"
        for c in children:
            if c.dep_ == "appos":
                app = self.entity_at(c)
                if app is not None and app[2] and self._kind(app[2]) in {"person", "organisation", "group"}:
                    return self._ref(start, app[1], app[2], "title")
        # a named mention inside the phrase: "Lukashenka regime", "Apple engineers",
        # "Ukraine's government", "the Ukrainian authorities"
        mod_actor: str | None = None
        for c in children:
            if c.dep_ in {"compound", "amod", "poss", "nmod"} and c.i < head.i:
                m = self.entity_at(c)
                if m is not None:
                    mod_actor = m[2]
                elif c.dep_ == "poss" and (c.pos_ == "PRON"):
                    ref = self._resolve_pronoun(c)
                    if ref is not None:
                        mod_actor = ref.actor_id
                elif self.state_of(c):
                    mod_actor = self.state_of(c)
        mod_state = None
        if mod_actor is not None:
            a = self.actor(mod_actor)
            if a is not None and a.actor_type == "state":
                mod_state = mod_actor
            elif a is not None and a.country_code and a.actor_type == "person":
                mod_state = a.country_code.lower() if a.country_code.lower() in self.vocab.entries else None
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children) or any(
            c.dep_ == "poss" for c in children
        )
        multi = _multiword(head)
        end = head.i + 1
        if self.vocab.is_description(multi, "person") or self.vocab.is_description(lemma, "person"):
            title = multi if self.vocab.is_description(multi, "person") else lemma
            named, end = self._title_of(head)
            if named is not None:
                return self._ref(start, end, named, "title")
            found = self._last_person(head.i, mod_state, title) if (definite or mod_state) else None
            if found is not None:
                return self._ref(start, end, found, "title")
            if mod_state is not None:
                return self._ref(start, end, mod_state, "title")
        elif self.vocab.is_description(lemma, "state") and (definite or mod_state):
            found = mod_state or self._last_of_type(head.i, {"state"})
            if found is not None:
                return self._ref(start, head.i + 1, found, "title")
        elif self.vocab.is_description(lemma, "group") or self.vocab.is_description(low, "group"):
            if mod_state is not None:
                return self._ref(start, head.i + 1, mod_state, "metonymy")
            if mod_actor is not None:
                return self._ref(start, head.i + 1, mod_actor, "title")
            if definite and lemma in {"government", "authority", "authorities", "regime", "administration", "leadership"}:
                found = self._last_of_type(head.i, {"state"})
                if found is not None:
                    return self._ref(start, head.i + 1, found, "title")
        elif self.vocab.is_description(lemma, "organisation") and definite and mod_actor is None:
            found = self._last_of_type(head.i, {"organisation"}, labels={"ORG"})
            if found is not None:
                return self._ref(start, head.i + 1, found, "title")
        if mod_actor is not None and (
            self.vocab.is_description(lemma, "people") or self.vocab.is_description(lemma, "person")
        ):
            # "Apple engineers", "Belarusian volunteers", "Apple Computer CEO": members of a
            # named collective act for it
            a = self.actor(mod_actor)
            if a is not None and a.actor_type in {"state", "organisation", "group"}:
                return self._ref(start, head.i + 1, mod_actor, "metonymy")
        if head.pos_ == "PROPN" and head.is_title and not any(c.dep_ == "det" for c in children):
            return self._name(start, head)
        return self._nominal(start, head, end)

    # ------------------------------------------------------------------ helpers
    def _state_institution(self, head: Token, start: int, end: int, actor_id: str) -> str | None:
        """A state's generic institution the NER took for a name of its own ("Russia's
        defense ministry", "the Ukrainian Air Force" when the dictionary does not know it)
        acts for the state, as event data codes it (PLOVER: the state, a government sector)."""
        words = {head.lemma_.lower(), head.lower_}
        if not actor_id.startswith("ner:") or not any(
            self.vocab.is_description(w, kind) for w in words for kind in ("organisation", "group")
        ):
            return None
        for c in head.children:
            if c.dep_ in {"poss", "amod", "compound", "nmod"} and c.i < head.i:
                if start <= c.i < end:  # "Polish" inside the name; not a city ("the Minsk City Court")
                    hit = self.vocab.lookup(c.text)
                    state = hit[0] if hit is not None and hit[1] != "capital" and self._kind(hit[0]) == "state" else None
                else:
                    state = self.state_of(c)
                m = self.entity_at(c) if state is None else None
                if m is not None and m[2] != actor_id and self._kind(m[2]) == "state":
                    state = m[2]
                if state is not None:
                    return state
        return None

    def _title_of(self, head: Token) -> tuple[str | None, int]:
        """A title with an of-phrase: the person it names when the parser buried the name
        there ("President of Kenya William Ruto"), else None and the end of the office's
        name ("the secretary of defense", "the head of criminal investigation"), which is
        part of the span; a named organisation or state after "of" is the mod, not the span."""
        for p in head.children:
            if p.dep_ != "prep" or p.lower_ != "of":
                continue
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                ent = self.entity_at(o)
                if ent is not None and self._kind(ent[2]) == "person":
                    return ent[2], ent[1]
                if ent is None and o.pos_ in {"NOUN", "PROPN"} and not any(w.ent_type_ for w in o.subtree):
                    return None, o.right_edge.i + 1
        return None, head.i + 1

    def _name(self, start: int, head: Token) -> ActorRef | None:
        """A proper noun the NER left untagged ("Jobs" after "Steve Jobs"): the earlier named
        actor ending with that word, else a new actor of unknown type."""
        if head.ent_type_ and head.ent_type_ not in ACTOR_LABELS:
            return None  # a word of a date, a time, an amount ("Tuesday", "September 17")
        phrase = self.doc[start : head.i + 1].text
        hit = self.vocab.lookup(phrase) or self.vocab.lookup(head.text)
        if hit is not None:  # a dictionary name the ruler could not fix ("Ukraine" inside a longer name)
            self._use(self.vocab.entries[hit[0]])
            return self._ref(start, head.i + 1, hit[0], "dictionary" if hit[1] == "name" else "metonymy")
        # a person of the article named in full first: the NER may have tagged another
        # occurrence of the surname as an organisation ("Duterte" after "Rodrigo Duterte")
        key = alias_key(head.text)
        person = self._person_named(key)
        if person is not None:
            self._new_actor(person, self._people.name_of(person), "person")
            return self._ref(head.i, head.i + 1, person, "coreference")
        org_key = actor_names.rules().organisation_key(alias_key(phrase))
        if org_key in self._orgs:  # "Globex" after "Globex Ltd"
            self._new_actor(self._orgs[org_key], _drop_words(phrase, alias_key(phrase), org_key), "organisation")
            return self._ref(start, head.i + 1, self._orgs[org_key], "coreference")
        if org_key != alias_key(phrase):  # a legal-form suffix makes it an organisation ("Globex Inc.")
            actor_id = f"ner:organisation:{slugify(org_key)}"
            self._new_actor(actor_id, _drop_words(phrase, alias_key(phrase), org_key), "organisation")
            return self._ref(start, head.i + 1, actor_id, "ner")
        for m in reversed(self._mentions):
            if m.start >= head.i or m.non_actor:
                continue
            if alias_key(self.doc[m.end - 1].text) == key or alias_key(self.doc[m.start].text) == key:
                return self._ref(head.i, head.i + 1, m.actor_id, "coreference")
        actor_id = f"ner:other:{slugify(alias_key(phrase))}"
        self._new_actor(actor_id, phrase, "other")
        return self._ref(start, head.i + 1, actor_id, "ner")

    def _kind(self, actor_id: str) -> str:
        a = self.actor(actor_id)
        return a.actor_type if a is not None else "other"

    def _ref(self, start: int, end: int, actor_id: str, how: str) -> ActorRef:
        doc = self.doc
        a = self.actor(actor_id)
        if a is not None:
            self._actors.setdefault(actor_id, a)
        span = doc[start:end]
        return ActorRef(
            start_char=span.start_char,
            end_char=span.end_char,
            text=span.text,
            actor_id=actor_id,
            resolved_by=how,
        )

    def register_generic(self, actor_id: str, text: str) -> None:
        """Record a generic participant created outside the resolver (for the actors table)."""
        if actor_id not in self._actors and actor_id not in self.vocab.entries:
            name = actor_id.split(":", 1)[-1]
            # typed as `_nominal` types the same id: one id, one row, whichever path made it
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=name,
                                           actor_type=self._nominal_type(name, name), source="nominal")

    def _nominal(self, start: int, head: Token, end: int | None = None) -> ActorRef | None:
        """A generic participant: the noun phrase itself, keyed by its head lemma."""
        lemma = head.lemma_.lower()
        if not head.like_num and head.pos_ != "PROPN" and not any(ch.isalpha() for ch in head.text):
            return None
        person = self._person_named(alias_key(head.text)) if head.is_title else None
        if person is not None:  # a surname the tagger took for a noun ("Okonkwo resigns")
            self._new_actor(person, self._people.name_of(person), "person")
            return self._ref(head.i, head.i + 1, person, "coreference")
        for word in (head.text, head.lemma_):
            hit = self.vocab.lookup(word)
            if hit is not None and hit[1] == "demonym" and self._kind(hit[0]) == "state":
                return self._ref(start, head.i + 1, hit[0], "metonymy")  # "the Ukrainians" -> Ukraine
        atype = self._nominal_type(lemma, head.lower_)
        actor_id = f"nom:{slugify(lemma)}"
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(
                actor_id=actor_id, canonical_name=lemma, actor_type=atype, source="nominal"
            )
        span = self.doc[start : end if end is not None else head.i + 1]
        return ActorRef(span.start_char, span.end_char, span.text, actor_id, "nominal")

    def _nominal_type(self, lemma: str, low: str) -> str:
        """The kind of actor a common noun names: people and human collectives are groups
        ("protesters", "police", "officials"), institutions organisations ("the committee"),
        countries states; anything else ("the decree", "missiles") is a thing ("other")."""
        words = (lemma, low)
        if any(self.vocab.is_description(w, k) for w in words for k in ("people", "person", "group")):
            return "group"
        if any(self.vocab.is_description(w, "organisation") for w in words):
            return "organisation"
        if any(self.vocab.is_description(w, "state") for w in words):
            return "state"
        return "other"

    def _resolve_pronoun(self, tok: Token) -> ActorRef | None:
        low = tok.lower_
        found: str | None = None
        if low in _RELATIVE:
            # relative pronoun: the noun the relative clause modifies
            verb = tok.head
            if verb.dep_ == "relcl" and verb.head.i != tok.i:
                ref = self.resolve_head(verb.head)
                if ref is not None:
                    return ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, ref.actor_id, "coreference")
            return None
        if low in _PRON_MALE | _PRON_FEMALE:
            gender = "m" if low in _PRON_MALE else "f"
            # a subject pronoun continues the previous subject ("Lukashenka met Putin. He ...")
            if tok.dep_ in {"nsubj", "nsubjpass"}:
                found = self._last_person(tok.i, None, None, gender=gender, subject=True)
            if found is None:
                found = self._last_person(tok.i, None, None, gender=gender)
        elif low in _PRON_FIRST_SINGULAR:
            found = self._last_person(tok.i, None, None)
        elif low in _PRON_NEUTER:
            found = self._last_of_type(tok.i, {"organisation", "state"}, window=2)
        elif low in _PRON_PLURAL | _PRON_FIRST_PLURAL:
            found = self._last_of_type(tok.i, {"organisation", "state", "group"}, window=2)
        if found is None:
            return None
        return ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, found, "coreference")

    def _sentence_floor(self, i: int, window: int) -> int:
        """First token index of the sentence `window` sentences before token i."""
        sent = self.doc[i].sent
        start = sent.start
        for _ in range(window):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start

    def _last_person(
        self, i: int, state: str | None, title: str | None, gender: str | None = None, subject: bool = False
    ) -> str | None:
        floor = self._sentence_floor(i, 1) if subject else 0
        for m in reversed(self._mentions):
            if m.start >= i:
                continue
            if m.start < floor:
                break
            if m.non_actor or (subject and not _is_subject(self.doc[m.start : m.end].root)):
                continue
            a = self.actor(m.actor_id)
            if a is None or a.actor_type != "person":
                continue
            if gender is not None:
                g = self.vocab.genders.get(m.actor_id)
                if g is not None and g != gender:
                    continue
            if state is not None and (a.country_code or "").lower() != state:
                continue
            if title is not None and m.actor_id in self.vocab.titles:
                titles = self.vocab.titles[m.actor_id]
                if titles and title not in titles and not any(title in t for t in titles):
                    continue
            return m.actor_id
        return None

    def _last_of_type(
        self, i: int, types: set[str], window: int | None = None, labels: set[str] | None = None
    ) -> str | None:
        floor = self._sentence_floor(i, window) if window is not None else 0
        for m in reversed(self._mentions):
            if m.start >= i:
                continue
            if m.start < floor:
                break
            if m.non_actor or (labels is not None and m.label not in labels):
                continue
            a = self.actor(m.actor_id)
            if a is not None and a.actor_type in types:
                return m.actor_id
        return None


def _drop_words(text: str, key: str, identity: str) -> str:
    """`text` without the words its identity key dropped: titles before a person's name
    ("President Joe Biden"), suffixes after an organisation's ("Apple Inc."); the name a
    discovered actor is shown under."""
    words = text.split()
    dropped = len(key.split()) - len(identity.split())
    if dropped <= 0 or dropped >= len(words):
        return text
    if alias_key(" ".join(words[dropped:])) == identity:
        return " ".join(words[dropped:])
    return " ".join(words[: len(words) - dropped]).rstrip(",")


_LINKS = {"of", "for", "and", "the", "&"}


def _initials(key: str) -> str:
    """The acronym of a name key: first letters of its words but the linking ones."""
    words = [w for w in key.split() if w not in _LINKS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _ends_name_of(doc: Doc, start: int) -> bool:
    """Whether the match at `start` closes a longer proper name through "of"/"for"
    ("Bank of Ukraine", "Council for Belarus"), not at a sentence start."""
    if start < 2 or doc[start - 1].lower_ not in {"of", "for"}:
        return False
    before = doc[start - 2]
    return before.is_title and before.is_alpha and not before.is_sent_start and before.pos_ == "PROPN"


def _is_subject(root: Token) -> bool:
    """A subject, or the name in apposition to one ("The prime minister, Jane Doe, said")."""
    subj = {"nsubj", "nsubjpass"}
    return root.dep_ in subj or (root.dep_ == "appos" and root.head.dep_ in subj)


def _strip_det(ent: Span) -> str:
    toks = [t for t in ent if not (t.i == ent.start and t.lower_ in {"the", "a", "an"})]
    text = ent.doc[toks[0].i : toks[-1].i + 1].text if toks else ""
    if text.endswith(("'s", "\u2019s")):
        text = text[:-2]
    return text.strip()


def _np_start(head: Token) -> int:
    """First token of the noun phrase headed by `head`, without leading punctuation."""
    start = head.i
    for c in head.lefts:
        if c.dep_ in {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "advmod", "predet"}:
            start = min(start, c.left_edge.i)
    doc = head.doc
    while start < head.i and (doc[start].is_punct or doc[start].text in _QUOTE_CHARS):
        start += 1
    return start


def _multiword(head: Token) -> str:
    """The head with its compound/amod modifiers ("foreign minister", "prime minister")."""
    mods = [c.lower_ for c in head.lefts if c.dep_ in {"compound", "amod"} and c.pos_ != "PROPN"]
    return " ".join([*mods[-1:], head.lemma_.lower()]) if mods else head.lemma_.lower()
