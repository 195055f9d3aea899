"""Who did it to whom, as actors: argument tokens turned into source and target actors."""

from __future__ import annotations

import pytest

from tests.pipeline.events.conftest import Extract, on


@pytest.mark.parametrize("text, trigger, source", [
    ("Tens of thousands of Sudanese began protesting late last year.", "protesting", "sdn-opp"),
    ("Iranians rallied in Tehran on Friday.", "rallied", "irn-opp"),
    ("Police broke up protests by Palestinians in Hebron.", "protests", "pse-opp"),
])
def test_a_people_named_by_its_demonym_protests_as_its_people(extract: Extract, text: str, trigger: str,
                                                               source: str) -> None:
    # the state does not take to the streets; its people do (non_state_roles OPP)
    (m,) = on(extract(text), trigger)
    assert m.source is not None and m.source.actor_id == source


def test_a_state_named_protests_as_a_state(extract: Extract) -> None:
    (m,) = on(extract("China protested the visit on Monday."), "protested")
    assert m.source is not None and m.source.actor_id == "chn"
