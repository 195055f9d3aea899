"""Who did it to whom, as actors: argument tokens turned into source and target actors."""

from __future__ import annotations

import pytest

from tests.pipeline.events.conftest import Extract, ids, on


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


@pytest.mark.parametrize("text, trigger, pairs", [
    # a meeting between the people of two states: the second is the other party
    ("Japanese and Chinese diplomats met in Tokyo on Tuesday.", "met", {("jpn", "chn")}),
    ("Last month, Chad and Niger officials met in the border town.", "met", {("tcd", "ner")}),
    # one row per people acting or acted upon
    ("Police detained Afghan and Iranian migrants near the border.", "detained", {("nom:police", "afg-cvl"), ("nom:police", "irn-cvl")}),
])
def test_people_of_two_states_named_before_one_noun_are_two_actors(extract: Extract, text: str, trigger: str,
                                                                    pairs: set[tuple[str, str]]) -> None:
    ms = on(extract(text), trigger)
    assert {(m.source.actor_id if m.source else None, m.target.actor_id if m.target else None) for m in ms} == pairs


@pytest.mark.parametrize("text, source", [
    # a name the dictionary does not know before a weapon is its model, not its owner
    ("Lancet drones destroyed two tanks near the front.", None),
    ("Kamikaze drones struck the capital on Monday.", None),
    ("Geran drones struck the power station on Monday.", None),
    ("Hezbollah rockets struck the town on Monday.", "lbn-hezbollah"),
    ("Russian drones hit the power plant on Monday.", "rus"),
])
def test_who_owns_the_weapons_that_strike_does_it(extract: Extract, text: str, source: str | None) -> None:
    (m,) = [m for m in extract(text) if m.event_type == "ASSAULT"]
    assert (m.source.actor_id if m.source else None) == source


@pytest.mark.parametrize("text, trigger, target", [
    # a place before a document is where it was made, no party to it
    ("Forty countries have signed the Paris Agreement.", "signed", None),
    ("The two sides signed the Tashkent Accord on Monday.", "signed", None),
    ("Eleven states refused to sign the Lisbon Protocol.", "sign", None),
    # a pair of names before it names the parties
    ("Warsaw signed the Poland-Lithuania defense agreement on Monday.", "signed", "ltu"),
])
def test_the_place_a_document_is_named_for_is_no_party(extract: Extract, text: str, trigger: str,
                                                      target: str | None) -> None:
    (m,) = on(extract(text), trigger)
    assert (m.target.actor_id if m.target else None) == target


@pytest.mark.parametrize("text", [
    "The talks followed a wave of strikes by Russian forces last week that hit Kyiv.",
    "A barrage of rockets by Russian forces hit the port on Monday.",
])
def test_who_made_what_struck_did_it(extract: Extract, text: str) -> None:
    (m,) = on(extract(text), "hit")
    assert m.source is not None and m.source.actor_id == "rus"


def test_a_full_name_the_ner_missed_after_a_title_is_that_person(extract: Extract) -> None:
    # the second "Andris Spruds" is in no entity: the long title before it took the NER's attention
    text = ("The minister welcomed Defence Minister Andris Spruds to Warsaw. "
            "He met with Latvian Minister of National Defence Andris Spruds at the ministry.")
    (m,) = on(extract(text), "met")
    assert m.target is not None and m.target.actor_id == "ner:person:andris-spruds"


@pytest.mark.parametrize("text", [
    "Armenia and Azerbaijan accused each other of shelling border villages.",
    "Armenia and Azerbaijan expelled each other's diplomats.",
])
def test_what_two_sides_do_to_each_other_each_does_to_the_other(extract: Extract, text: str) -> None:
    pairs = sorted(ids(m) for m in extract(text) if m.event_type in {"ACCUSE", "SANCTION"})
    assert pairs == [("arm", "aze"), ("aze", "arm")]


def test_sides_that_trade_fire_each_fire_at_the_other(extract: Extract) -> None:
    # `reciprocal_verbs`: "traded fire" says what "fired at each other" says
    ms = on(extract("India and Pakistan traded fire along the border."), "traded")
    assert sorted(ids(m) for m in ms) == [("ind", "pak"), ("pak", "ind")]


def test_who_made_the_attack_a_victim_died_in_did_the_killing(extract: Extract) -> None:
    (m,) = on(extract("Two journalists were killed in an Israeli airstrike on Sunday."), "killed")
    assert ids(m) == ("isr", "nom:journalist")
    assert not on(extract("A man was killed in a car crash."), "killed")


def test_the_officials_of_coordinated_states_are_each_states(extract: Extract) -> None:
    (m,) = on(extract("The foreign ministers of Japan and South Korea held talks in Tokyo."), "held")
    assert set(ids(m)) == {"jpn", "kor"}


def test_the_child_of_two_people_is_not_the_second_of_them(extract: Extract) -> None:
    # only officials "of" coordinated states stand for each state
    ms = on(extract("The Treasury is sanctioning an adviser and son of Daniel Ortega and Rosario Murillo, "
                    "Laureano Ortega Murillo, who heads a trade agency."), "sanctioning")
    assert "ner:person:rosario-murillo" not in {ids(m)[1] for m in ms}


@pytest.mark.parametrize("text, pair", [
    # what was discussed is no party, nor is its owner (`topic_verbs`)
    ("G7 foreign ministers also discussed China's role in global security.", ("igo-g7", None)),
    ("The two leaders discussed Russia's war in Ukraine.", ("nom:leader", None)),
    ("Macron and Scholz discussed Ukraine on Monday.", ("fra-macron", "deu-scholz")),
    # ... whom it was discussed with is
    ("Blinken discussed the crisis with his Turkish counterpart.", ("usa-blinken", "tur")),
])
def test_what_was_discussed_is_no_party(extract: Extract, text: str, pair: tuple[str, str | None]) -> None:
    (m,) = on(extract(text), "discussed")
    assert ids(m) == pair
