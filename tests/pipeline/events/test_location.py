"""Where an event happened: the first place named in a locative phrase of the trigger."""

from __future__ import annotations

from tests.pipeline.events.conftest import Extract, on


def test_place_of_a_verbal_trigger(extract: Extract) -> None:
    (m,) = on(extract("Roman Protasevich was detained by the Belarusian KGB in Minsk."), "detained")
    assert m.location == "Minsk"
    (m,) = on(extract("Russian troops attacked positions near Bakhmut in March."), "attacked")
    assert m.location == "Bakhmut"


def test_destination_of_a_movement_is_its_place(extract: Extract) -> None:
    (m,) = on(extract("The Kremlin deployed nuclear weapons to Belarus."), "deployed")
    assert m.location == "Belarus"


def test_a_date_or_a_thing_is_no_place(extract: Extract) -> None:
    (m,) = on(extract("Lithuania expelled two Belarusian diplomats in March."), "expelled")
    assert m.location is None


def test_place_attached_to_the_event_noun_of_a_light_verb(extract: Extract) -> None:
    (m,) = on(extract("Lukashenka held talks with Putin in Minsk on Friday."), "held")
    assert m.location == "Minsk"
