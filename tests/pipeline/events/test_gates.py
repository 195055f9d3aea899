"""The gates, run on the examples written next to their word lists in
`schemas/event_types.yaml` (`gates:`): each example says whether its trigger is a mention."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from pipeline import actors, events
from pipeline.events import gates
from pipeline.models import Article, EventMention
from pipeline.settings import SCHEMAS_DIR


def _examples() -> list[Any]:
    data = yaml.safe_load(Path(SCHEMAS_DIR / "event_types.yaml").read_text(encoding="utf-8"))
    return [
        pytest.param(gate, ex["text"], ex["trigger"], ex["kept"], id=f"{gate}:{ex['trigger']}:{'kept' if ex['kept'] else 'dropped'}")
        for gate, examples in data["gates"].items()
        for ex in examples
    ]



def extract(nlp: Language, vocab: actors.ActorVocabulary, text: str) -> list[EventMention]:
    doc = nlp(text)
    art = Article("a1", "a1.txt", None, None, "test", text, "sha")
    return events.extract_events(doc, art, actors.ActorResolver(doc, vocab), events.EventTypeVocabulary.load())


def test_every_gate_has_examples() -> None:
    named = {p.values[0] for p in _examples()}
    assert named == {g.__name__ for g in gates.GATES} - {"has_participant"}


@pytest.mark.parametrize(("gate", "text", "trigger", "kept"), _examples())
def test_gate_example(nlp: Language, vocab: actors.ActorVocabulary, gate: str, text: str, trigger: str, kept: bool) -> None:
    triggers = [m.trigger_text for m in extract(nlp, vocab, text)]
    assert (trigger in triggers) == kept, f"{gate}: {text!r} -> mentions on {triggers}"


@pytest.mark.parametrize(
    ("text", "trigger", "kept"),
    [
        ("Three people died in the attack on Monday.", "attack", True),
        ("Officials counted the damage from Russia's strikes.", "strikes", True),
        ("The ministry described this latest airstrike.", "airstrike", True),
        ("Sanctions are a blunt tool.", "Sanctions", False),
        ("Any attack would be answered.", "attack", False),
        # a crowd of no stated side protests; a count is no participant of other acts
        ("Thousands protested in the capital on Saturday.", "protested", True),
        ("Tens of thousands of people rallied in the capital.", "rallied", True),
        ("Thousands of people were killed in the fighting.", "killed", False),
        # a bare count that a verb of harm or custody acts on counts people
        ("Officials said the attack killed 12.", "killed", True),
        ("Officials said the 40 were deported last month.", "deported", True),
        ("Over the past three years, more than 60 have been killed.", "killed", False),
        ("The company sold 12 last year.", "sold", False),
    ],
)
def test_a_mention_needs_a_participant(
    nlp: Language, vocab: actors.ActorVocabulary, text: str, trigger: str, kept: bool
) -> None:
    """has_participant: an event noun needs a named participant or a specific reference."""
    assert (trigger in [m.trigger_text for m in extract(nlp, vocab, text)]) == kept


def test_event_noun_subject_of_the_same_act_is_one_mention_on_the_verb(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    (m,) = extract(nlp, vocab, "Russia's strikes hit Kyiv on Monday.")
    assert m.trigger_text == "hit" and m.event_type == "ASSAULT"
    assert m.source is not None and m.source.actor_id == "rus"


@pytest.mark.parametrize(
    ("text", "trigger", "kept"),
    [
        ("Analysts say the blockade is a threat to the region.", "threat", False),
        ("The minister condemned the launch as a provocation and a threat.", "threat", False),
        ("The immediate cause was the arrest of the opposition leader by the police.", "arrest", True),
    ],
)
def test_a_classifying_noun_is_not_an_event(nlp: Language, vocab: actors.ActorVocabulary, text: str, trigger: str, kept: bool) -> None:
    assert (trigger in [m.trigger_text for m in extract(nlp, vocab, text)]) == kept
