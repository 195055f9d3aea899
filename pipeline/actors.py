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


@dataclass
class ActorVocabulary:
    """The actor dictionary: canonical actors, their aliases and the role nouns of descriptions."""

    entries: dict[str, Actor]
    # alias key -> (actor id, kind) where kind is name, capital or demonym
    alias_index: dict[str, tuple[str, str]]
    # surface aliases for the rule component: (text, actor id, spaCy label, kind)
    surface: list[tuple[str, str, str, str]]
    genders: dict[str, str] = field(default_factory=dict)
    titles: dict[str, frozenset[str]] = field(default_factory=dict)
    descriptions: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> ActorVocabulary:
        """Read the YAML dictionary (default `schemas/actors.yaml`)."""
        path = path or SCHEMAS_DIR / "actors.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries: dict[str, Actor] = {}
        alias_index: dict[str, tuple[str, str]] = {}
        surface: list[tuple[str, str, str, str]] = []
        genders: dict[str, str] = {}
        titles: dict[str, frozenset[str]] = {}

        def add_alias(text: str, actor_id: str, label: str, kind: str) -> None:
            key = alias_key(text)
            if key and key not in alias_index:
                alias_index[key] = (actor_id, kind)
            if kind != "demonym":
                surface.append((text, actor_id, label, kind))

        for st in data.get("states", []) or []:
            iso3 = str(st["iso3"]).upper()
            actor_id = iso3.lower()
            names = [st["name"], *(st.get("aliases") or [])]
            capitals = list(st.get("capitals") or [])
            demonyms = list(st.get("demonyms") or [])
            entries[actor_id] = Actor(
                actor_id=actor_id,
                canonical_name=st["name"],
                actor_type="state",
                country_code=iso3,
                role="GOV",
                wikidata_qid=st.get("qid"),
                source="dictionary",
                aliases=sorted({*names, *capitals, *demonyms} - {st["name"]}),
            )
            for n in names:
                add_alias(n, actor_id, "GPE", "name")
            for c in capitals:
                add_alias(c, actor_id, "GPE", "capital")
            for d in demonyms:
                add_alias(d, actor_id, "NORP", "demonym")
        label_of = {"person": "PERSON", "organisation": "ORG", "group": "ORG", "state": "GPE"}
        for a in data.get("actors", []) or []:
            actor_id = str(a["id"])
            aliases = list(a.get("aliases") or [])
            entries[actor_id] = Actor(
                actor_id=actor_id,
                canonical_name=a["name"],
                actor_type=a.get("type", "organisation"),
                country_code=a.get("country"),
                role=a.get("role"),
                wikidata_qid=a.get("qid"),
                source="dictionary",
                aliases=sorted(set(aliases) - {a["name"]}),
            )
            if a.get("gender"):
                genders[actor_id] = str(a["gender"])
            titles[actor_id] = frozenset(str(t).lower() for t in a.get("titles") or [])
            label = label_of.get(a.get("type", "organisation"), "ORG")
            for n in [a["name"], *aliases]:
                add_alias(n, actor_id, label, "name")
        descriptions = {
            k: frozenset(str(w).lower() for w in v or []) for k, v in (data.get("descriptions") or {}).items()
        }
        return cls(entries, alias_index, surface, genders, titles, descriptions)

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

    def set_vocabulary(self, vocabulary: ActorVocabulary) -> None:
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
    ruler.set_vocabulary(vocabulary)


@dataclass
class _Mention:
    """A named mention of an actor in the document (entity based)."""

    start: int  # token index
    end: int
    actor_id: str
    resolved_by: str
    label: str


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
        persons: list[tuple[str, str]] = []  # (last token lower, actor id) of NER persons
        orgs: list[tuple[str, str]] = []  # (first token lower, actor id) of NER organisations
        for ent in self.doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            actor_id, resolved_by = self._entity_actor(ent, persons, orgs)
            if actor_id is None:
                continue
            idx = len(self._mentions)
            self._mentions.append(_Mention(ent.start, ent.end, actor_id, resolved_by, ent.label_))
            for i in range(ent.start, ent.end):
                self._tok_mention[i] = idx

    def _entity_actor(
        self, ent: Span, persons: list[tuple[str, str]], orgs: list[tuple[str, str]]
    ) -> tuple[str | None, str]:
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
        if hit is not None:
            actor_id, kind = hit
            self._use(vocab.entries[actor_id])
            return actor_id, "dictionary" if kind == "name" else "metonymy"
        text = _strip_det(ent)
        if not text:
            return None, ""
        key = alias_key(text)
        label = ent.label_
        if label == "PERSON":
            last = key.split()[-1]
            for plast, pid in reversed(persons):
                if plast == last:
                    return pid, "coreference"
            actor_id = f"ner:person:{slugify(text)}"
            persons.append((last, actor_id))
        elif label == "ORG":
            first = key.split()[0]
            for pfirst, pid in reversed(orgs):
                if pfirst == first:
                    return pid, "coreference"
            actor_id = f"ner:organisation:{slugify(text)}"
            orgs.append((first, actor_id))
        else:
            atype = _LABEL_TYPE.get(label, "other")
            actor_id = f"ner:{atype}:{slugify(text)}"
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(
                actor_id=actor_id,
                canonical_name=text,
                actor_type=_LABEL_TYPE.get(label, "other"),
                source="ner",
            )
        return actor_id, "ner"

    def _use(self, actor: Actor) -> None:
        self._actors.setdefault(actor.actor_id, actor)

    # ------------------------------------------------------------------ queries
    def actors(self) -> list[Actor]:
        """Every actor referenced in this document, for the actors table."""
        return list(self._actors.values())

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id) or self.vocab.entries.get(actor_id)

    def entity_at(self, token: Token) -> tuple[int, int, str, str] | None:
        """(start, end, actor id, resolved_by) of the named mention covering `token`."""
        idx = self._tok_mention[token.i]
        if idx < 0:
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
        """Resolve the head token of an argument to an ActorRef, or None for no participant."""
        low = head.lower_
        ent = self.entity_at(head)
        if ent is not None:
            s, e, actor_id, how = ent
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
        if self.vocab.is_description(multi, "person") or self.vocab.is_description(lemma, "person"):
            title = multi if self.vocab.is_description(multi, "person") else lemma
            found = self._last_person(head.i, mod_state, title) if (definite or mod_state) else None
            if found is not None:
                return self._ref(start, head.i + 1, found, "title")
            if mod_state is not None:
                return self._ref(start, head.i + 1, mod_state, "title")
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
            # "Apple engineers", "Belarusian volunteers": members of a named collective
            a = self.actor(mod_actor)
            if a is not None and a.actor_type in {"state", "organisation", "group"}:
                return self._ref(start, head.i + 1, mod_actor, "metonymy")
        if head.pos_ == "PROPN" and head.is_title and not any(c.dep_ == "det" for c in children):
            return self._name(start, head)
        return self._nominal(start, head)

    # ------------------------------------------------------------------ helpers
    def _name(self, start: int, head: Token) -> ActorRef:
        """A proper noun the NER left untagged ("Jobs" after "Steve Jobs"): the earlier named
        actor ending with that word, else a new actor of unknown type."""
        key = alias_key(head.text)
        for m in reversed(self._mentions):
            if m.start >= head.i:
                continue
            if alias_key(self.doc[m.end - 1].text) == key or alias_key(self.doc[m.start].text) == key:
                return self._ref(head.i, head.i + 1, m.actor_id, "coreference")
        actor_id = f"ner:other:{slugify(self.doc[start : head.i + 1].text)}"
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(
                actor_id=actor_id, canonical_name=self.doc[start : head.i + 1].text, actor_type="other", source="ner"
            )
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
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=name, actor_type="other", source="nominal")

    def _nominal(self, start: int, head: Token) -> ActorRef | None:
        """A generic participant: the noun phrase itself, keyed by its head lemma."""
        lemma = head.lemma_.lower()
        if not head.like_num and head.pos_ != "PROPN" and not any(ch.isalpha() for ch in head.text):
            return None
        atype = self._nominal_type(lemma, head.lower_)
        actor_id = f"nom:{slugify(lemma)}"
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(
                actor_id=actor_id, canonical_name=lemma, actor_type=atype, source="nominal"
            )
        span = self.doc[start : head.i + 1]
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
            if subject and self.doc[m.start : m.end].root.dep_ not in {"nsubj", "nsubjpass"}:
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
            if labels is not None and m.label not in labels:
                continue
            a = self.actor(m.actor_id)
            if a is not None and a.actor_type in types:
                return m.actor_id
        return None


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
