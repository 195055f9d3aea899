"""The event-type vocabulary is data: `schemas/event_types.yaml` read into lookups."""

from __future__ import annotations

from pathlib import Path

from pipeline import events


def test_vocabulary_is_data(types: events.EventTypeVocabulary) -> None:
    assert types.verb_type["meet"] == "CONSULT" and types.family("CONSULT") == "CONSULT"
    assert types.is_symmetric("CONSULT") and not types.is_symmetric("SANCTION")
    assert types.noun_type["sanctions"] == "SANCTION" and "OTHER" in types.types
    assert types.is_abstract("cooperation", "cooperation") and not types.is_abstract("aircraft", "aircraft")


def test_a_context_pattern_types_a_lemma_only_with_its_objects(types: events.EventTypeVocabulary) -> None:
    # "moved troops to Belarus" is a deployment; "move" alone is no trigger of any type
    (move,) = types.patterns["move"]
    assert move.type == "MOBILIZE" and {"troop", "troops", "missile", "equipment"} <= move.object
    assert "move" not in types.verb_type


def test_load_reads_types_preps_and_patterns_from_any_file(tmp_path: Path) -> None:
    path = tmp_path / "types.yaml"
    path.write_text(
        "types:\n"
        "  CONSULT: {family: CONSULT, symmetric: true, verbs: [Meet], nouns: [talks], target_preps: [with]}\n"
        '  SANCTION: {target_preps: [against, "on"]}\n'
        "patterns:\n"
        "  - {lemma: hold, object: [talks], type: CONSULT}\n",
        encoding="utf-8",
    )
    voc = events.EventTypeVocabulary.load(path)
    assert voc.verb_type == {"meet": "CONSULT"} and voc.noun_type == {"talks": "CONSULT"}
    assert voc.types["CONSULT"].target_preps == {"with"} and voc.types["SANCTION"].target_preps == {"against", "on"}
    assert voc.family("SANCTION") == "SANCTION" and voc.event_type("NO_SUCH").name == "OTHER"
    assert voc.patterns["hold"][0].object == {"talks"}
