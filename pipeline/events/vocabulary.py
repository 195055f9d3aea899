"""The event-type vocabulary (`schemas/event_types.yaml`): types, trigger lemmas, context
patterns and the word lists the gates and factuality read."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pipeline.settings import SCHEMAS_DIR
from pipeline.yaml_files import read_yaml

OTHER = "OTHER"


@dataclass(frozen=True)
class EventType:
    """One event type of the vocabulary and how its arguments are read."""

    name: str
    family: str
    symmetric: bool = False
    target_preps: frozenset[str] = frozenset()
    dest_preps: frozenset[str] = frozenset()
    of_role: str = "target"
    source_preps: frozenset[str] = frozenset()  # besides "by": "a letter from X"
    place_target: bool = False  # the state where it happens is aimed at ("attacks in Ukraine")
    place_source: bool = False  # the state where it happens holds it ("the elections in Venezuela")
    moves_forces: bool = False  # an armed-forces object is the mover's own ("withdrew its troops"), no target


@dataclass(frozen=True)
class Pattern:
    """A trigger refined by context: lemma + object/modifier/argument lemma -> type."""

    lemma: str
    type: str
    object: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    argument: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()  # a preposition the trigger governs ("call for", "call on")
    deps: frozenset[str] = frozenset()  # a dependent of these kinds ("called Minsk to release": xcomp)
    prep_object: frozenset[str] = frozenset()  # the object of that preposition ("run for office", not "for their lives")
    complement: frozenset[str] = frozenset()  # a predicative complement ("held Moscow responsible")
    without: frozenset[str] = frozenset()  # no dependent of these kinds ("settled in Houston": no dobj)
    pos: frozenset[str] = frozenset()  # the trigger's part of speech ("talking about": a VERB, not "talks about")
    governor: frozenset[str] = frozenset()  # the verb whose direct object the trigger is ("has a claim")
    subject: frozenset[str] = frozenset()  # the subject or possessor ("workers struck", "the teachers' strike")
    within: frozenset[str] = frozenset()  # the preposition whose object the trigger is ("went on strike")
    undoes: bool = False  # the object is a measure the act ends ("lifted the sanctions"): no act of its own


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
    report_nouns: frozenset[str] = frozenset()  # "reports of attacks": the attacks are reported
    made_by_saying: frozenset[str] = frozenset()  # "rejected the proposal": the proposal was made
    judging: frozenset[str] = frozenset()  # "never condemned the invasion": the invasion happened
    requesting: frozenset[str] = frozenset()  # "urged Minsk to release": the release is possible
    event_nouns: frozenset[str] = field(default_factory=frozenset)
    abstract_nouns: frozenset[str] = frozenset()
    abstract_suffixes: tuple[str, ...] = ()
    concrete_exceptions: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()
    decision_verbs: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = frozenset()
    theme_nouns: frozenset[str] = frozenset()
    non_agentive: frozenset[str] = frozenset()
    gate_words: dict[str, frozenset[str]] = field(default_factory=dict)  # word lists of the gates
    intransitive: frozenset[str] = frozenset()  # verbs typed only without a direct object

    @classmethod
    def load(cls, path: Path | None = None) -> EventTypeVocabulary:
        """Read the YAML vocabulary (default `schemas/event_types.yaml`)."""
        path = path or SCHEMAS_DIR / "event_types.yaml"
        data = read_yaml(path) or {}

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
                source_preps=fs(spec.get("source_preps")),
                place_target=bool(spec.get("place_target", False)),
                place_source=bool(spec.get("place_source", False)),
                moves_forces=bool(spec.get("moves_forces", False)),
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
                prep=fs(p.get("prep")),
                deps=fs(p.get("deps")),
                without=fs(p.get("without")),
                prep_object=fs(p.get("prep_object")),
                governor=fs(p.get("governor")),
                subject=fs(p.get("subject")),
                within=fs(p.get("within")),
                undoes=bool(p.get("undoes", False)),
                complement=fs(p.get("complement")),
                pos=frozenset(str(x).upper() for x in p.get("pos") or []),
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
            report_nouns=fs(fact.get("report_nouns")),
            made_by_saying=fs(fact.get("made_by_saying")),
            judging=fs(fact.get("judging")),
            requesting=fs(fact.get("requesting")),
            event_nouns=frozenset(noun_type),
            abstract_nouns=fs(data.get("abstract_nouns")),
            abstract_suffixes=tuple(sorted(fs(data.get("abstract_suffixes")), key=len, reverse=True)),
            concrete_exceptions=fs(data.get("concrete_exceptions")),
            governors=fs(data.get("governors")),
            decision_verbs=fs(data.get("decision_verbs")),
            receiving_verbs=fs(data.get("receiving_verbs")),
            theme_nouns=fs(data.get("theme_nouns")),
            non_agentive=fs(data.get("non_agentive")),
            gate_words={str(k): fs(v) for k, v in (data.get("gate_words") or {}).items()},
            intransitive=fs(data.get("intransitive")),
        )

    def words(self, name: str) -> frozenset[str]:
        """A word list of the gates (`gate_words` in the YAML); empty when the file has none."""
        return self.gate_words.get(name, frozenset())

    def family(self, event_type: str) -> str:
        t = self.types.get(event_type)
        return t.family if t else event_type

    def is_symmetric(self, event_type: str) -> bool:
        t = self.types.get(event_type)
        return bool(t and t.symmetric)

    @cached_property
    def speaking(self) -> frozenset[str]:
        """Verbs of saying and asking: reporting verbs, STATEMENT verbs, verbs of requesting and
        other acts done by speaking (`verbal_acts`)."""
        return self.reporting | self.verbs_of("STATEMENT") | self.requesting | self.words("verbal_acts")

    def verbs_of(self, name: str) -> frozenset[str]:
        """The trigger verbs of one event type ("say", "announce" for STATEMENT)."""
        return frozenset(v for v, t in self.verb_type.items() if t == name)

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
