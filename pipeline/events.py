"""Event mentions from the dependency parse: trigger, type, who (source) did it to whom (target).

A trigger is a verb, or a noun from the event vocabulary ("meeting", "sanctions"). Arguments
follow PropBank conventions: the agent is the source (active subject, passive "by" agent,
possessor or demonym of a nominal), the patient/theme is the target (object, passive subject,
"sanctions against X", "meeting with X"). Subjects missing from the clause are recovered from
the governing clause (control: "plans to visit", coordination: "met X and signed Y",
participles, relative clauses). A mention is kept only when it has a real participant, which
drops copulas, stance verbs and clauses about abstractions - the bulk of verbs in analysis
pieces - while keeping the news events.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from pipeline.actors import STRONG_RESOLUTIONS, ActorResolver, slugify
from pipeline.models import ActorRef, Article, EventMention
from pipeline.settings import SCHEMAS_DIR

OTHER = "OTHER"
_WORDLIKE = re.compile(r"[^\W\d_][^\W\d_'\u2019-]*")

_SUBJ = {"nsubj"}
_PASS_SUBJ = {"nsubjpass"}
_OBJ = {"dobj"}
_RELATIVE = {"who", "whom", "which", "that", "whose"}
_OCCASION_PREPS = {"at", "during", "throughout"}
_SOURCE_NOUNS = {"report", "statement", "announcement", "memo", "letter", "interview", "survey", "study"}
_LOC_PREPS = {"in", "at", "near", "inside", "outside", "within", "to"}
_NOUN_POS = {"NOUN", "PROPN", "PRON", "NUM", "X"}
# object-control verbs: their object is the agent of the verb they govern ("allows users to record")
_OBJECT_CONTROL = {
    "allow", "ask", "urge", "force", "enable", "invite", "encourage", "persuade", "tell", "order",
    "require", "want", "help", "permit", "compel", "push", "pressure", "call", "prompt", "lead",
    "authorize", "authorise", "instruct", "convince", "oblige", "cause",
    "select", "choose", "pick", "hire", "commission", "appoint", "contract",
}


@dataclass(frozen=True)
class EventType:
    """One event type of the vocabulary and how its arguments are read."""

    name: str
    family: str
    symmetric: bool = False
    target_preps: frozenset[str] = frozenset()
    dest_preps: frozenset[str] = frozenset()
    of_role: str = "target"


@dataclass(frozen=True)
class Pattern:
    """A trigger refined by context: lemma + object/modifier/argument lemma -> type."""

    lemma: str
    type: str
    object: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    argument: frozenset[str] = frozenset()


@dataclass
class EventTypeVocabulary:
    """Event types with their trigger lemmas, context patterns and factuality cues."""

    types: dict[str, EventType]
    verb_type: dict[str, str]
    noun_type: dict[str, str]
    patterns: dict[str, list[Pattern]]
    light_verbs: frozenset[str] = frozenset()
    non_events: frozenset[str] = frozenset()
    unaccusative: frozenset[str] = frozenset()
    negating: frozenset[str] = frozenset()
    possible: frozenset[str] = frozenset()
    planned: frozenset[str] = frozenset()
    reporting: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = field(default_factory=frozenset)
    abstract_nouns: frozenset[str] = frozenset()
    abstract_suffixes: tuple[str, ...] = ()
    concrete_exceptions: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()
    decision_verbs: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = frozenset()
    theme_nouns: frozenset[str] = frozenset()
    non_agentive: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path | None = None) -> EventTypeVocabulary:
        """Read the YAML vocabulary (default `schemas/event_types.yaml`)."""
        path = path or SCHEMAS_DIR / "event_types.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

        def fs(values: object) -> frozenset[str]:
            return frozenset(str(v).lower() for v in (values or []))  # type: ignore[attr-defined]

        types: dict[str, EventType] = {}
        verb_type: dict[str, str] = {}
        noun_type: dict[str, str] = {}
        for name, spec in (data.get("types") or {}).items():
            spec = spec or {}
            types[name] = EventType(
                name=name,
                family=str(spec.get("family", name)),
                symmetric=bool(spec.get("symmetric", False)),
                target_preps=fs(spec.get("target_preps")),
                dest_preps=fs(spec.get("dest_preps")),
                of_role=str(spec.get("of_role", "target")),
            )
            for v in spec.get("verbs") or []:
                verb_type.setdefault(str(v).lower(), name)
            for n in spec.get("nouns") or []:
                noun_type.setdefault(str(n).lower(), name)
        if OTHER not in types:
            types[OTHER] = EventType(OTHER, OTHER)
        patterns: dict[str, list[Pattern]] = {}
        for p in data.get("patterns") or []:
            pat = Pattern(
                lemma=str(p["lemma"]).lower(),
                type=str(p["type"]),
                object=fs(p.get("object")),
                modifier=fs(p.get("modifier")),
                argument=fs(p.get("argument")),
            )
            patterns.setdefault(pat.lemma, []).append(pat)
        fact = data.get("factuality") or {}
        return cls(
            types=types,
            verb_type=verb_type,
            noun_type=noun_type,
            patterns=patterns,
            light_verbs=fs(data.get("light_verbs")),
            non_events=fs(data.get("non_events")),
            unaccusative=fs(data.get("unaccusative")),
            negating=fs(fact.get("negating")),
            possible=fs(fact.get("possible")),
            planned=fs(fact.get("planned")),
            reporting=fs(fact.get("reporting")),
            event_nouns=frozenset(noun_type),
            abstract_nouns=fs(data.get("abstract_nouns")),
            abstract_suffixes=tuple(sorted(fs(data.get("abstract_suffixes")), key=len, reverse=True)),
            concrete_exceptions=fs(data.get("concrete_exceptions")),
            governors=fs(data.get("governors")),
            decision_verbs=fs(data.get("decision_verbs")),
            receiving_verbs=fs(data.get("receiving_verbs")),
            theme_nouns=fs(data.get("theme_nouns")),
            non_agentive=fs(data.get("non_agentive")),
        )

    def family(self, event_type: str) -> str:
        t = self.types.get(event_type)
        return t.family if t else event_type

    def is_symmetric(self, event_type: str) -> bool:
        t = self.types.get(event_type)
        return bool(t and t.symmetric)

    def event_type(self, name: str) -> EventType:
        return self.types.get(name) or self.types[OTHER]

    def is_abstract(self, lemma: str, text: str) -> bool:
        """Nouns for abstractions and events, which are not participants of an event."""
        lemma = lemma.lower()
        low = text.lower()
        if lemma in self.concrete_exceptions or low in self.concrete_exceptions:
            return False
        if lemma in self.abstract_nouns or low in self.abstract_nouns:
            return True
        if lemma in self.noun_type or low in self.noun_type:
            return True
        return len(lemma) > 5 and lemma.endswith(self.abstract_suffixes)


# ---------------------------------------------------------------------------------- helpers
def _first(tok: Token, deps: set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _prep_objects(tok: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of the prepositions `preps` attached to tok ("with X", "against X")."""
    out = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            for o in c.children:
                if o.dep_ == "pobj":
                    out.append(o)
    return out


def _imperative(v: Token) -> bool:
    """A bare-infinitive main clause without subject ("Follow us and support our work"): an
    instruction to the reader, not a reported event."""
    if v.tag_ != "VB" or any(c.dep_ in {"nsubj", "aux", "nsubjpass"} for c in v.children):
        return False
    if v.dep_ == "ROOT":
        return True
    return v.dep_ == "conj" and v.head.dep_ == "ROOT" and _imperative(v.head)


def _is_passive(v: Token) -> bool:
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in v.children):
        return True
    if v.tag_ == "VBN" and v.dep_ in {"acl", "amod"}:
        return True
    # a participle without auxiliary is a reduced passive ("Apple swamped by pre-orders",
    # "Boeing allowed to bid"): an active perfect would need "has"
    return (
        v.tag_ == "VBN"
        and not any(c.dep_ in {"aux", "dobj"} for c in v.children)
        and (v.dep_ in {"ROOT", "conj"} or any(c.dep_ == "agent" for c in v.children))
    )


def _to_infinitive(v: Token) -> bool:
    """A bare verb with infinitival "to" ("to build")."""
    return v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _by_gerund(v: Token) -> bool:
    """A means adjunct "by V-ing" ("Jobs started by hinting at the incident"): only an agent
    does something by doing something else, so the verb is used agentively."""
    return any(
        c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
        for c in v.children
    )


def _light_participle_of(v: Token, voc: EventTypeVocabulary) -> bool:
    """A light verb as passive participle of an event noun ("the settlement reached between
    the two parties", "sanctions imposed on Belarus", "a meeting held in Vilnius"): noun and
    participle are one event, mentioned once on the verb, as with "reached a settlement"."""
    n = v.head
    return (
        v.pos_ == "VERB"
        and v.dep_ == "acl"
        and v.tag_ == "VBN"
        and v.lemma_.lower() in voc.light_verbs
        and n.pos_ == "NOUN"
        and (n.lower_ in voc.noun_type or n.lemma_.lower() in voc.noun_type)
    )


def _occasion(n: Token) -> bool:
    """An event noun that only sets the scene of another event: "at the annual conference,
    Jobs announced ...", "during a speech", "according to a report in X". The reported event
    is the one in the clause; the setting is its occasion (or, for "according to", its
    source of information), not a separate mention."""
    if n.dep_ != "pobj":
        return False
    prep = n.head
    if prep.lower_ in _OCCASION_PREPS:
        return True
    return prep.lower_ == "to" and prep.head.lower_ in {"according", "due", "owing"} and n.lemma_.lower() in _SOURCE_NOUNS


def _conjuncts(tok: Token) -> list[Token]:
    """tok and the noun phrases coordinated with it ("X and Y")."""
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i and c.pos_ in _NOUN_POS:
            out.append(c)
    return out


def _mention_id(article_id: str, m: EventMention) -> str:
    s, t = m.source, m.target
    key = "|".join(
        str(x)
        for x in (
            article_id,
            m.trigger_start,
            m.trigger_end,
            s.start_char if s else "",
            s.end_char if s else "",
            t.start_char if t else "",
            t.end_char if t else "",
        )
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class _Args:
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    fallback: bool = False  # subject found by adjacency, not by the parse


class _Extractor:
    """Per-document extraction state (vocabularies, resolver, caches)."""

    def __init__(self, doc: Doc, resolver: ActorResolver, voc: EventTypeVocabulary) -> None:
        self.doc = doc
        self.resolver = resolver
        self.voc = voc
        self._ref_cache: dict[int, ActorRef | None] = {}

    # ------------------------------------------------------------------ typing
    def trigger_type(self, t: Token) -> str | None:
        """Event type of a candidate trigger, or None when it is not a trigger."""
        voc = self.voc
        lemma = t.lemma_.lower()
        low = t.lower_
        if t.pos_ == "VERB":
            if lemma in voc.non_events or not _WORDLIKE.fullmatch(t.text):
                return None  # copulas, stance verbs; tagger slips on codes ("A-50")
            typed = self._pattern_type(t, lemma)
            return typed or voc.verb_type.get(lemma, OTHER)
        if t.pos_ in {"NOUN", "PROPN"} and not t.ent_type_:
            typed = self._pattern_type(t, lemma)
            if typed:
                return typed
            name = voc.noun_type.get(low) or voc.noun_type.get(lemma)
            return name
        return None

    def _pattern_type(self, t: Token, lemma: str) -> str | None:
        pats = self.voc.patterns.get(lemma)
        if not pats:
            return None
        objs = {c.lemma_.lower() for c in t.children if c.dep_ in {"dobj", "nsubjpass"}}
        objs |= {o.lemma_.lower() for o in _prep_objects(t, {"of"})}
        mods = {c.lemma_.lower() for c in t.children if c.dep_ in {"amod", "compound", "nmod"}}
        args = objs | {c.lemma_.lower() for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}}
        for p in pats:
            if p.object and not (p.object & objs):
                continue
            if p.modifier and not (p.modifier & mods):
                continue
            if p.argument and not (p.argument & args):
                continue
            return p.type
        return None

    def of_participant(self, tok: Token) -> Token:
        """For "20 of Boeing's planes", "the next generation of software products": the
        thing in the of-phrase when the head itself is a number or an abstraction. Likewise
        the named owner of an abstraction ("upheld Boeing's protest": the act bears on
        Boeing; a possessive pronoun mostly repeats the subject, "Ukraine changed its
        approach"), the thing an appositive names ("its latest addition, the iPod nano") and
        what an amount buys ("ordered US$6 billion in new airliners")."""
        # "negotiated the purchase of 22 aircraft": the aircraft belong to the purchase
        event_noun = tok.lemma_.lower() in self.voc.noun_type or tok.lower_ in self.voc.noun_type
        if tok.pos_ in {"NOUN", "NUM", "SYM"} and (tok.like_num or tok.ent_type_ in _NON_PARTICIPANT_ENTS or not self.is_participant(tok)):
            for o in [] if event_noun else _prep_objects(tok, {"of"}):
                if self.is_participant(o):
                    return o
            if tok.ent_type_ in {"MONEY", "QUANTITY", "CARDINAL"}:
                for o in _prep_objects(tok, {"in", "for"}):
                    if self.is_participant(o):
                        return o
            for c in tok.children:
                if c.dep_ == "appos" and self.is_participant(c):
                    return c
            for c in tok.children:
                if c.dep_ == "poss" and c.pos_ != "PRON" and self.is_strong(c):
                    return c
        return tok

    def has_own_participant(self, v: Token, args: _Args) -> bool:
        """True when a participant of v is a syntactic dependent of v itself (subject, object,
        "by" agent, prepositional target), not recovered from a governing clause."""
        own = [a for a in args.sources + args.targets if a.head.i == v.i or (a.head.head.i == v.i and a.head.dep_ in {"agent", "prep"})]
        if v.dep_ == "relcl":
            own += [a for a in args.sources + args.targets if a.i == v.head.i]
        if v.dep_ == "conj" and v.head.pos_ == "VERB" and v.tag_ == v.head.tag_:
            # coordinated predicates share their subject ("Gizmodo obtained a prototype and
            # published details of it"): the shared subject is the verb's own
            own += [a for a in args.sources if a.head.i == v.head.i and a.dep_ == "nsubj"]
        return any(self.is_participant(a) for a in own)

    def time_anchored(self, n: Token) -> bool:
        """An event noun with its own date: "the invasion on February 24th 2022", "the 2020
        protests"."""
        for c in n.children:
            if c.ent_type_ in {"DATE", "TIME"} and c.dep_ in {"compound", "nmod", "npadvmod", "amod", "nummod"}:
                return True
            if (
                c.dep_ == "prep"
                and c.lower_ in {"on", "in", "of", "since", "during"}
                and any(o.dep_ == "pobj" and o.ent_type_ in {"DATE", "TIME"} for o in c.children)
            ):
                return True
        return False

    def eventive_verb(self, v: Token) -> bool:
        """False for untyped verbs that do not report an event of their own: imperatives,
        gerunds after prepositions ("by doing"), light verbs without an object or complement ("made clear
        that ..."), and control verbs whose complement carries the event ("sought to avoid",
        "began to sell": the cue goes into factuality)."""
        if _imperative(v):
            return False
        if v.lemma_.lower() in self.voc.light_verbs and not _is_passive(v) and not any(c.dep_ in {"dobj", "nsubjpass", "prep"} for c in v.children):
            return False
        if v.dep_ == "pcomp":
            return False
        if v.dep_ == "acl" and v.tag_ == "VBG":
            # present-participle modifiers describe a state ("volunteers serving in ...")
            return False
        lemma = v.lemma_.lower()
        voc = self.voc
        if lemma in voc.decision_verbs and any(c.dep_ == "nsubj" for c in v.children):
            # "Apple plans to sell movies", "Jobs has chosen to step down": the decision or
            # plan of the subject is itself news, whatever the complement
            return True
        if lemma in voc.governors or lemma in voc.negating or lemma in voc.planned or lemma in voc.possible:
            for c in v.children:
                if c.dep_ == "xcomp" and c.pos_ == "VERB" and self.trigger_type(c) is not None:
                    return False
        return True

    # ------------------------------------------------------------------ arguments
    def subject_of(self, v: Token, depth: int = 0) -> tuple[Token | None, bool]:
        """(subject head, is_patient) of verb v, recovered from governing clauses if needed."""
        for c in v.children:
            if c.dep_ in _SUBJ:
                if c.pos_ in {"VERB", "AUX"} and depth < 4:
                    # "Apple releases X, announces Y" parsed with the first verb as subject
                    s, _pat = self.subject_of(c, depth + 1)
                    return s, False
                return c, False
            if c.dep_ in _PASS_SUBJ:
                return c, True
        if depth > 4:
            return None, False
        dep = v.dep_
        head = v.head
        if dep == "xcomp" and head.i != v.i:
            # object control: "selected Northrop Grumman to build", "allows users to record"
            obj = _first(head, _OBJ)
            if obj is not None and (head.lemma_.lower() in _OBJECT_CONTROL or obj.i < v.i):
                return obj, False
            s, _pat = self.subject_of(head, depth + 1)
            return s, False
        if dep == "conj" and head.pos_ in {"VERB", "AUX"}:
            return self.subject_of(head, depth + 1)
        if dep == "pcomp" and head.lower_ == "as" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            # "Detik.com quoted Djamal as saying ...", "described him as wanting ...": the
            # object is the subject of the predicative gerund
            obj = _first(head.head, _OBJ)
            if obj is not None:
                return obj, False
        if dep == "advcl" and _to_infinitive(v) and head.lemma_.lower() in _OBJECT_CONTROL:
            # purpose infinitive after an object-control verb the parser attached as an adjunct
            # ("selected Northrop Grumman on February 29 to build the aircraft")
            obj = _first(head, _OBJ)
            if obj is not None and obj.i < v.i and self.is_strong(obj):
                return obj, False
        # a subjectless participle clause takes the main subject even after a temporal
        # conjunction ("While introducing iPhone 4, Jobs ...", "after launching the iPhone, we")
        participle = v.tag_ == "VBG" and not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in v.children)
        if dep in {"advcl", "pcomp", "ccomp"} and head.i != v.i and (participle or not any(c.dep_ == "mark" for c in v.children)):
            h = head
            hops = 0
            while (h.pos_ not in {"VERB", "AUX"} or h.dep_ == "prep") and h.head.i != h.i and hops < 4:
                h = h.head
                hops += 1
            if h.pos_ in {"VERB", "AUX"} and dep != "ccomp":
                s, _pat = self.subject_of(h, depth + 1)
                return s, False
        # a paratactic or coordinated verb before this one that has a subject
        for c in v.children:
            if c.dep_ in {"parataxis", "conj"} and c.i < v.i and c.pos_ == "VERB":
                s = _first(c, _SUBJ)
                if s is not None:
                    return s, False
        if dep == "acl" and head.pos_ in _NOUN_POS:
            if v.tag_ == "VB" and any(c.lower_ == "to" for c in v.children) and not self.is_participant(head):
                # "Apple has plans to import", "the EU made the decision to ban": the agent
                # of the plan (its possessor or the subject of its verb), not the plan
                poss = _first(head, {"poss"})
                if poss is not None:
                    return poss, False
                if head.dep_ in {"dobj", "attr"} and head.head.pos_ in {"VERB", "AUX"}:
                    s, pat = self.subject_of(head.head, depth + 1)
                    return (s, False) if not pat else (None, False)
                return None, False
            return head, v.tag_ == "VBN"
        if dep == "relcl" and head.pos_ in _NOUN_POS:
            if _to_infinitive(v) and _first(v, _OBJ) is not None:
                # infinitival subject relative with its own object ("the second model to
                # utilize flash memory", "the first airline to fly the A380"): the noun acts
                return head, False
            # object relative ("the aircraft Boeing built"): the noun is the patient
            return None, False
        return None, False

    def adjacent_subject(self, v: Token) -> Token | None:
        """Named participant right before a verb the parser left without subject (misparses
        of "X and Y held ...", captions "Belarusian nationals rally in Warsaw")."""
        i = v.i - 1
        while i >= v.sent.start and self.doc[i].pos_ in {"AUX", "ADV", "PART"}:
            i -= 1
        if i < v.sent.start:
            return None
        tok = self.doc[i]
        if self.resolver.entity_at(tok) is None:
            if tok.pos_ in {"NOUN", "PROPN"} and self.is_strong(tok):
                return tok
            return None
        return tok

    def adjacent_conjuncts(self, tok: Token) -> list[Token]:
        """Named mentions coordinated right before `tok` ("X and Y", "X, Y and Z")."""
        out = []
        i = self.resolver.entity_at(tok)
        start = i[0] if i is not None else tok.i
        while start >= 2 and self.doc[start - 1].lower_ in {"and", ","}:
            prev = self.resolver.entity_at(self.doc[start - 2])
            if prev is None or self.doc[prev[1] - 1].dep_ == "pobj":
                break  # "in Vilnius, X and Y held ...": a place phrase, not a party
            out.append(self.doc[prev[1] - 1])
            start = prev[0]
        return out

    def verb_args(self, v: Token, etype: EventType) -> _Args:
        args = _Args()
        subj, subj_is_patient = self.subject_of(v)
        passive = _is_passive(v)
        obj = _first(v, _OBJ)
        extra_subjects: list[Token] = []
        parties = False
        if subj is None and not passive:
            subj = self.adjacent_subject(v)
            args.fallback = subj is not None
            if subj is not None:
                extra_subjects = self.adjacent_conjuncts(subj)
        if passive or subj_is_patient:
            if subj is not None:
                args.targets.append(subj)
            args.sources.extend(_prep_objects(v, {"by"}))
            if not args.sources:
                # coordinated passives share the agent ("selected and purchased by the government")
                for cj in v.conjuncts:
                    if cj.i > v.i and cj.pos_ == "VERB" and _is_passive(cj):
                        args.sources.extend(_prep_objects(cj, {"by"}))
                        break
            if not args.sources:
                # a passive without agent names its parties with "between" ("an agreement
                # reached between the two companies", "the contract was fought for between
                # Boeing and Lockheed"): they did it, together
                args.sources.extend(_prep_objects(v, {"between"})[:1])
                parties = bool(args.sources)
        else:
            lemma = v.lemma_.lower()
            measure = obj is not None and (obj.like_num or obj.ent_type_ in _AMOUNT_ENTS)
            if (obj is None or measure) and subj is not None and lemma in self.voc.unaccusative and not _by_gerund(v):
                # the subject of an unaccusative verb is its theme ("prices fell", and with an
                # amount for object "shares fell 5%", "the program costs $99")
                args.targets.append(subj)
                obj = None
            elif subj is not None:
                args.sources.append(subj)
                args.sources.extend(extra_subjects)
            if obj is not None:
                args.targets.append(obj)
        preps = etype.target_preps | etype.dest_preps
        if parties:
            preps = preps - {"between", "among"}
        if preps:
            extra = _prep_objects(v, preps)
            if obj is not None:
                extra += _prep_objects(obj, preps)
            self._prefer_strong_target(args, extra)
        return args

    def _prefer_strong_target(self, args: _Args, extra: list[Token]) -> None:
        """Use a prepositional target when the object is missing or not a real participant."""
        strong_extra = [t for t in extra if self.is_strong(t)]
        if not args.targets:
            if strong_extra:
                args.targets.append(strong_extra[0])
            elif extra:
                args.targets.append(extra[0])
        elif strong_extra and not self.is_strong(args.targets[0]):
            args.targets[0] = strong_extra[0]

    def noun_args(self, n: Token, etype: EventType) -> _Args:
        args = _Args()
        src: Token | None = None
        for c in n.children:
            if c.dep_ == "poss":
                src = c
                break
        if src is None:
            by = _prep_objects(n, {"by"})
            src = by[0] if by else None
        if src is None:
            for c in n.children:
                if c.dep_ in {"compound", "amod", "nmod"} and c.i < n.i and self.resolver.entity_at(c) is not None:
                    src = c
        between = _prep_objects(n, {"between", "among"})
        if src is None and between:
            conj = _conjuncts(between[0])
            src = conj[0]
            if len(conj) > 1:
                args.targets.append(conj[1])
        of_objs = _prep_objects(n, {"of"})
        if of_objs:
            of_head = of_objs[0]
            if etype.of_role == "source" and src is None:
                src = of_head
            elif etype.of_role == "source" and src is not None:
                pass
            else:
                args.targets.append(of_head)
        head = n.head
        light = n.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in self.voc.light_verbs
        if src is None and (light or (n.dep_ == "dobj" and head.pos_ == "VERB")):
            # the subject of the verb that governs the event noun acts in it ("held a meeting",
            # "negotiated the purchase of ...", "announced job cuts"), except for verbs that
            # receive or judge someone else's act ("won an order", "criticised the attack")
            verb = head
            if light or verb.lemma_.lower() not in self.voc.receiving_verbs:
                s, patient = self.subject_of(verb)
                if s is None:
                    s = self.adjacent_subject(verb)
                    args.fallback = s is not None
                if s is not None and not patient:
                    src = s
        if (
            src is not None
            and not of_objs
            and src.head.i == n.i
            and src.dep_ in {"poss", "compound", "nmod"}
            and (n.lemma_.lower() in self.voc.theme_nouns or n.lower_ in self.voc.theme_nouns)
        ):
            # "the aircraft's delivery", "A380 delays": what undergoes the event (PropBank Arg1)
            args.targets.insert(0, src)
            src = None
        if src is not None:
            args.sources.append(src)
        preps = etype.target_preps | etype.dest_preps
        if preps:
            extra = _prep_objects(n, preps - {"between", "among"})
            for p in _prep_objects(n, {"from", "of", "by", "in", "on"}):
                # PP attached one level down ("strikes from Belarusian territory against Ukraine")
                extra += _prep_objects(p, preps - {"between", "among", "of", "in", "on"})
            if light:
                extra += _prep_objects(head, preps - {"between", "among"})
            self._prefer_strong_target(args, extra)
        return args

    # ------------------------------------------------------------------ resolution
    def ref(self, tok: Token) -> ActorRef | None:
        if tok.i not in self._ref_cache:
            ok = not tok.lower_.endswith(("self", "selves")) and tok.ent_type_ not in _NON_PARTICIPANT_ENTS
            self._ref_cache[tok.i] = self.resolver.resolve_head(tok) if ok else None
        return self._ref_cache[tok.i]

    def is_strong(self, tok: Token) -> bool:
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            tok = tok.head.head
        r = self.ref(tok)
        return r is not None and _strong(r, self.resolver) and tok.lower_ not in _WEAK_PRONOUNS

    def is_participant(self, tok: Token) -> bool:
        """A real participant: an actor, or a concrete thing (not an abstraction, a number,
        a date or a pronoun like "it"/"this")."""
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            tok = tok.head.head  # "the company, which ...": judge the antecedent
        r = self.ref(tok)
        if r is None or tok.ent_type_ in _NON_PARTICIPANT_ENTS:
            return False
        if tok.lower_ in _WEAK_PRONOUNS:
            # "it", "this", "which", "many": too often an abstraction or an expletive to make
            # a clause an event on their own (they still fill the slot when another
            # participant qualifies the mention)
            return False
        if _strong(r, self.resolver):
            return True
        if tok.like_num or tok.pos_ == "PRON":
            return False
        return not self.voc.is_abstract(tok.lemma_, tok.text)

    # ------------------------------------------------------------------ factuality & location
    def factuality(self, t: Token) -> str:
        """Asserted, negated, possible, planned/future or reported, from the cues of the
        trigger's own clause and of the clauses that govern it: complements of reporting,
        belief, intention and failure verbs ("claimed to have deployed", "failed to support",
        "plans to visit"), coordination, and temporal clauses (future only). Negation and
        modality of a main clause do not reach a concessive or temporal subordinate clause
        ("Although X withdrew, relations did not collapse"), and an event noun only takes the
        polarity of the verb it is the object of ("did not hold talks")."""
        voc = self.voc
        neg = poss = plan = rep = would = False
        cur = t
        is_noun = t.pos_ in {"NOUN", "PROPN"}
        if is_noun:
            for c in t.children:
                if c.dep_ in {"amod", "compound"}:
                    lm = c.lemma_.lower()
                    poss |= lm in voc.possible
                    plan |= lm in voc.planned
                    rep |= lm in voc.reporting
                if c.dep_ == "det" and c.lower_ == "no":
                    neg = True
        only_future = False  # above a subordinate clause only futurity carries over
        if t.tag_ == "VBN" and (t.lemma_.lower() in voc.planned or t.lower_ in voc.planned) and _is_passive(t):
            plan = True  # "the release, which is scheduled for next summer"
        for _ in range(6):
            for c in cur.children:
                dep = c.dep_
                lm = c.lemma_.lower()
                if dep == "neg":
                    neg |= not only_future
                elif dep == "aux":
                    if lm in {"will", "shall", "'ll"} or c.lower_ in {"will", "shall", "'ll", "wo"}:
                        plan = True
                    elif only_future:
                        continue
                    elif c.lower_ == "would" and not poss:
                        would = True
                    elif lm in voc.possible or c.lower_ in voc.possible:
                        poss = True
                elif only_future:
                    continue
                elif dep == "mark" and c.lower_ in {"if", "unless", "whether"}:
                    poss = True
                elif dep in {"advmod", "acomp"}:
                    if lm in voc.possible:
                        poss = True
                    elif lm in voc.planned:
                        plan = True
                    elif lm in voc.reporting:
                        rep = True
                elif dep == "prep" and lm == "accord":
                    rep = True
            dep = cur.dep_
            head = cur.head
            if head.i == cur.i or dep in {"relcl", "ROOT"}:
                break
            hl = head.lemma_.lower()
            if is_noun and dep in {"nsubj", "nsubjpass", "attr"}:
                # "a visit ... remains unlikely", "the first flight may take place in March",
                # "the delivery will be delayed": only the modality of the predicate applies
                for c in head.children:
                    lm = c.lemma_.lower()
                    if c.dep_ in {"acomp", "advmod"} and lm in voc.possible:
                        poss = True
                    elif c.dep_ == "aux" and (lm in {"will", "shall"} or c.lower_ in {"will", "shall", "'ll", "wo"}):
                        plan = True
                    elif c.dep_ == "aux" and (lm in voc.possible or c.lower_ in voc.possible) and c.lower_ != "would":
                        poss = True
                    elif c.dep_ in {"acomp", "xcomp"} and lm in voc.planned:
                        plan = True  # "the launch is due / set / expected"
                break
            if dep == "prep" and (hl in voc.planned or head.lower_ in voc.planned) and head.tag_ in {"VBN", "JJ"} and not only_future:
                plan = True  # "slated for a release", "scheduled for release next summer"
            if dep not in {"xcomp", "ccomp", "advcl", "conj", "dobj", "pcomp", "acomp", "pobj", "prep", "appos"}:
                break
            if dep in {"xcomp", "ccomp", "dobj"} and head.pos_ in {"VERB", "AUX", "ADJ"} and not only_future:
                if hl in voc.negating and dep != "ccomp":
                    neg = True
                elif hl in voc.reporting and dep in {"ccomp", "xcomp"}:
                    rep = True
                    break
                elif hl in voc.possible:
                    poss = True
                elif hl in voc.planned:
                    plan = True
                elif dep == "ccomp" and hl not in {"be", "seem", "appear", "remain"}:
                    break  # "assess why Kyiv has changed": the complement stands on its own
            if dep == "conj":
                cc = _first(head, {"cc"})
                if cc is not None and cc.lower_ == "but":
                    break
            if dep == "advcl" and any(c.dep_ == "mark" for c in cur.children):
                only_future = True  # "although ...", "when ...": a clause of its own
            cur = head
        if would:
            # "said it would merge": future in reported speech; a bare "would" is hypothetical
            if rep:
                plan = True
            else:
                poss = True
        if neg:
            return "negated"
        if poss:
            return "possible"
        if plan:
            return "planned/future"
        if rep:
            return "reported"
        return "asserted"

    def location(self, t: Token, extra: Token | None = None) -> str | None:
        starts = [t] + ([extra] if extra is not None else [])
        frontier: list[Token] = []
        for s in starts:
            frontier.extend(c for c in s.children if c.dep_ == "prep")
            frontier.extend(g for c in s.children if c.dep_ == "prep" for g in c.children if g.dep_ == "prep")
        seen = 0
        while frontier and seen < 12:
            p = frontier.pop(0)
            seen += 1
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                if p.lower_ in _LOC_PREPS and self.resolver.is_place(o):
                    ent = self.resolver.entity_at(o)
                    if ent is not None:
                        return self.doc[ent[0] : ent[1]].text
                frontier.extend(c for c in o.children if c.dep_ == "prep")
                for cj in o.conjuncts:
                    if p.lower_ in _LOC_PREPS and self.resolver.is_place(cj):
                        ent = self.resolver.entity_at(cj)
                        if ent is not None:
                            return self.doc[ent[0] : ent[1]].text
        return None


_WEAK_PRONOUNS = {
    "it", "its", "this", "that", "these", "those", "which", "what", "itself", "many", "some",
    "others", "other", "all", "both", "several", "few", "most", "one", "each", "either", "neither",
    "any", "none", "much", "more", "less", "such",
}
_AMOUNT_ENTS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
_NON_PARTICIPANT_ENTS = _AMOUNT_ENTS | {"DATE", "TIME", "ORDINAL"}


def _strong(ref: ActorRef, resolver: ActorResolver) -> bool:
    """A real participant: a named/dictionary actor, a resolved pronoun or description, or a
    human collective noun ("developers", "officials")."""
    if ref.resolved_by in STRONG_RESOLUTIONS:
        return True
    a = resolver.actor(ref.actor_id)
    return a is not None and a.actor_type == "group"


def _inanimate(ref: ActorRef, resolver: ActorResolver) -> bool:
    """A thing (product, vehicle, document, generic noun phrase), not a person or a group."""
    a = resolver.actor(ref.actor_id)
    return a is not None and a.actor_type == "other"


def _confidence(etype: str, src: ActorRef | None, tgt: ActorRef | None, fact: str, fallback: bool) -> float:
    """Evidence score: typed trigger, how each actor was resolved, certainty, parse quality."""
    score = 0.3 + (0.15 if etype != OTHER else 0.0)
    weights = {"dictionary": 0.25, "metonymy": 0.2, "ner": 0.2, "title": 0.15, "coreference": 0.12, "nominal": 0.05}
    if src is not None:
        score += weights.get(src.resolved_by, 0.0)
    if tgt is not None:
        score += weights.get(tgt.resolved_by, 0.0) * 0.6
    if fact == "asserted":
        score += 0.05
    if fallback:
        score -= 0.1
    return round(max(0.05, min(0.95, score)), 3)


def extract_events(
    doc: Doc, article: Article, resolver: ActorResolver, event_types: EventTypeVocabulary
) -> list[EventMention]:
    """All event mentions of one parsed article (dates are filled later by pipeline.dates)."""
    ex = _Extractor(doc, resolver, event_types)
    voc = event_types
    out: list[EventMention] = []
    light_nouns: set[int] = set()
    seen_sentences: set[str] = set()
    for sent in doc.sents:
        said = " ".join(sent.text.split())
        if len(said) >= 40 and said in seen_sentences:
            # the same sentence again in one article (a pull quote, a repeated caption or
            # lead) reports the same events: one set of mentions is enough
            continue
        seen_sentences.add(said)
        for t in sent:
            etype_name = ex.trigger_type(t)
            if etype_name is None:
                continue
            etype = voc.event_type(etype_name)
            is_verb = t.pos_ == "VERB"
            if is_verb and (_imperative(t) or (etype.name == OTHER and not ex.eventive_verb(t))):
                continue
            if is_verb:
                lemma = t.lemma_.lower()
                obj = _first(t, _OBJ)
                # a light verb whose object is an event noun ("held a meeting", "imposed
                # sanctions"): one mention on the verb, typed by the noun, with the noun's targets
                noun_type = None
                participle = _light_participle_of(t, voc)
                if participle:
                    obj = t.head  # "the settlement reached between the parties": the same
                if lemma in voc.light_verbs and obj is not None and obj.pos_ == "NOUN":
                    noun_type = voc.noun_type.get(obj.lower_) or voc.noun_type.get(obj.lemma_.lower())
                if noun_type is not None and obj is not None:
                    light_nouns.add(obj.i)
                    if etype.name == OTHER or etype.name == voc.verb_type.get(lemma):
                        etype = voc.event_type(noun_type)
                    args = ex.verb_args(t, etype)
                    nargs = ex.noun_args(obj, etype)
                    # the noun's own possessive pronoun repeats the subject ("the aircraft made
                    # its maiden flight"): not a target of the verb
                    own = [a for a in nargs.targets if not (a.dep_ == "poss" and a.pos_ == "PRON" and a.head.i == obj.i)]
                    args.targets = [a for a in args.targets if a.i != obj.i] or own
                    if participle and not args.sources:
                        args.sources = nargs.sources  # "Russia's sanctions imposed on Belarus"
                else:
                    args = ex.verb_args(t, etype)
            elif t.i in light_nouns or _occasion(t) or any(_light_participle_of(c, voc) for c in t.children):
                continue
            else:
                args = ex.noun_args(t, etype)
            srcs = [r for r in (ex.ref(s) for s in args.sources) if r is not None]
            tgts = [r for r in (ex.ref(s) for s in args.targets) if r is not None]
            if not srcs and not tgts:
                if is_verb or etype.name == OTHER or not ex.time_anchored(t):
                    continue
                # "the invasion on February 24th 2022": a dated event noun is a reported event
                args = _Args()
            if is_verb and etype.name == OTHER and not ex.has_own_participant(t, args):
                # an untyped verb whose participants all come from another clause ("..., aiming
                # to weaken X", "Kyiv, which has sought ...") restates that clause's actors
                continue
            anchored_noun = not is_verb and not args.sources and not args.targets
            if not anchored_noun and not any(ex.is_participant(a) for a in args.sources + args.targets):
                continue
            if not is_verb and not anchored_noun and not any(
                a.pos_ != "PRON" and (ex.is_strong(a) or (etype.name == OTHER and ex.is_participant(a)))
                for a in args.sources + args.targets
            ):
                # a nominal trigger needs a named participant of its own ("Russia's strikes",
                # "sanctions against Belarus"), else it is a topic, not a reported event
                continue
            # coordination of named participants: one row per actor
            # an abstraction or event in the agent slot ("swamped by pre-orders", "the statement
            # caused a decrease") is a cause, not an actor: no source
            args.sources = [a for a in args.sources if ex.is_participant(a) or a.pos_ == "PRON"]
            src_toks = [c for s in args.sources for c in _conjuncts(s) if ex.ref(c) is not None]
            # an abstraction in the object slot ("announced the development", "took medical
            # leave") is part of the predicate, not a participant: no target
            args.targets = [ex.of_participant(a) for a in args.targets]
            args.targets = [a for a in args.targets if ex.is_participant(a) or a.pos_ == "PRON"]
            tgt_toks = [c for s in args.targets for c in _conjuncts(s) if ex.ref(c) is not None]
            src_refs = _dedup([ex.ref(c) for c in src_toks if c == args.sources[0] or ex.is_strong(c)])
            tgt_refs = _dedup([ex.ref(c) for c in tgt_toks if c == args.targets[0] or ex.is_strong(c)])
            if is_verb and t.lemma_.lower() in voc.non_agentive and src_refs and all(_inanimate(r, resolver) for r in src_refs):
                # "the device features a larger memory", "the crash killed 228 people": a thing
                # that has, serves or causes something is not an agent; with no object it is
                # what the clause is about ("the update works with the iPod")
                if not tgt_refs:
                    tgt_refs = src_refs
                src_refs = []
            pairs: list[tuple[ActorRef | None, ActorRef | None]]
            if etype.symmetric and len(src_refs) >= 2 and not tgt_refs:
                # "X and Y met": one row per other party, the first named as source
                pairs = [(src_refs[0], other) for other in src_refs[1:6]]
            else:
                s_opts: list[ActorRef | None] = list(src_refs) or [None]
                t_opts: list[ActorRef | None] = list(tgt_refs) or [None]
                pairs = [(s, g) for s in s_opts for g in t_opts][:6]
                pairs = [(s, g) for s, g in pairs if s is None or g is None or s.start_char != g.start_char]
            fact = ex.factuality(t)
            if is_verb and etype.name == OTHER and fact in {"possible", "negated"}:
                # an untyped predicate that did not (or may) happen is commentary; typed events
                # keep their factuality ("Kyiv won't arm ..." is a negated SUPPORT), and so do
                # event nouns with a participant ("the first flight of the A380 may take place")
                continue
            loc = ex.location(t, t.head if (not is_verb and t.dep_ == "dobj") else None)
            for s, g in pairs:
                if s is not None and g is not None and s.actor_id == g.actor_id:
                    # "Kyiv recalled its ambassador": the target is the phrase, not Kyiv again
                    g = ActorRef(g.start_char, g.end_char, g.text, _generic_id(g.text), "nominal")
                    resolver.register_generic(g.actor_id, g.text)
                m = EventMention(
                    article_id=article.article_id,
                    sentence_text=sent.text,
                    sentence_start=sent.start_char,
                    trigger_start=t.idx,
                    trigger_end=t.idx + len(t.text),
                    trigger_text=t.text,
                    trigger_lemma=t.lemma_.lower(),
                    event_type=etype.name,
                    source=s,
                    target=g,
                    location=loc,
                    factuality=fact,
                    confidence=_confidence(etype.name, s, g, fact, args.fallback),
                    trigger_token=t.i,
                )
                m.mention_id = _mention_id(article.article_id, m)
                out.append(m)
    return out


def _generic_id(text: str) -> str:
    words = [w for w in text.lower().replace("\u2019", "'").split() if w not in {"the", "a", "an", "its", "his", "her", "their"}]
    return f"nom:{slugify(words[-1] if words else text)}"


def _dedup(refs: list[ActorRef | None]) -> list[ActorRef]:
    seen: set[tuple[int, int]] = set()
    out = []
    for r in refs:
        if r is None:
            continue
        key = (r.start_char, r.end_char)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
