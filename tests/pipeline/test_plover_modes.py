"""PLOVER modes are given by cue words near the trigger, and left empty without one."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline import plover_modes


@pytest.mark.parametrize("ex", plover_modes.examples(), ids=lambda ex: f"{ex['type']}:{ex['text'][:30]}")
def test_mode_examples(ex: dict[str, Any]) -> None:
    text = ex["text"]
    lemma = ex["trigger"]
    found = text.lower().find(lemma[:4])
    assert plover_modes.event_mode(ex["type"], lemma, text, found if found >= 0 else None) == ex["expect"]


def test_a_cue_far_from_the_trigger_gives_no_mode() -> None:
    sentence = ("The two leaders met on Monday in the capital to discuss trade, energy and the border, "
                "a week after a telephone")
    assert plover_modes.event_mode("CONSULT", "meet", sentence, sentence.find("met")) is None
    assert plover_modes.event_mode("CONSULT", "meet", sentence) == "phone"  # without an offset, the sentence


def test_the_trigger_decides_before_a_later_general_mode() -> None:
    assert plover_modes.event_mode("COERCE", "deport", "Troops deported the activists.", 7) == "deport"
    assert plover_modes.event_mode("OTHER", "deport", "x", 0) is None
