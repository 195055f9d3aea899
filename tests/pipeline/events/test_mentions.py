"""One parsed article to event mentions, end to end: offsets, sentences, ids, one row per
actor pair, each sentence once, and only coded acts with a participant."""

from __future__ import annotations

import pytest

from tests.pipeline.events.conftest import Extract, ids, on


def test_active_clause_offsets_and_sentence(extract: Extract) -> None:
    text = "Intro line. Kyiv recalled its ambassador, Ihor Kyzym."
    (m,) = on(extract(text), "recalled")
    assert m.event_type == "SANCTION"
    assert ids(m) == ("ukr", "ner:person:ihor-kyzym")
    assert text[m.trigger_start : m.trigger_end] == "recalled"
    assert m.source is not None and text[m.source.start_char : m.source.end_char] == "Kyiv"
    assert m.sentence_text == "Kyiv recalled its ambassador, Ihor Kyzym." and m.sentence_start == 12
    assert m.factuality == "asserted" and 0 < m.confidence <= 1 and m.trigger_token == 4


def test_mention_ids_are_stable(extract: Extract) -> None:
    text = "Kyiv imposed sanctions on Belarus in 2021."
    a = [m.mention_id for m in extract(text)]
    b = [m.mention_id for m in extract(text)]
    assert a == b and all(len(x) == 16 for x in a)
    (m,) = extract(text)
    assert m.event_type == "SANCTION" and ids(m) == ("ukr", "blr") and m.trigger_text == "imposed"


def test_coordinated_objects_give_one_row_per_actor(extract: Extract) -> None:
    ms = on(extract("Russia attacked Ukraine and Georgia in 2022."), "attacked")
    assert {ids(m) for m in ms} == {("rus", "ukr"), ("rus", "geo")}
    assert len({m.mention_id for m in ms}) == 2


def test_they_after_a_meeting_gives_one_row_per_party_each_with_its_own_id(extract: Extract) -> None:
    # "They" stands for both sides of the meeting before it: two rows at one span, two ids
    ms = on(extract("Russia met Belarus in Minsk on Monday. They agreed to hold joint drills."), "hold")
    assert {m.source.actor_id for m in ms if m.source is not None} == {"rus", "blr"}
    assert len({m.mention_id for m in ms}) == len(ms) == 2


def test_a_plural_title_is_not_the_person_named_before(extract: Extract) -> None:
    # "Afghanistan's de facto leaders" are not the rapporteur, and "him" then is the rapporteur
    text = ("Special rapporteur Richard Bennett confirmed Wednesday that the Taliban, Afghanistan’s de facto "
            "leaders, had prohibited him from entering the country.")
    (m,) = on(extract(text), "prohibited")
    assert m.source is None or m.source.actor_id != "ner:person:richard-bennett"
    assert m.target is None or m.target.actor_id == "ner:person:richard-bennett"


def test_multilateral_meeting_names_every_party(extract: Extract) -> None:
    ms = on(extract("Russia, Belarus and Kazakhstan met in Minsk on Monday."), "met")
    assert {ids(m) for m in ms} == {("rus", "blr"), ("rus", "kaz")}


def test_repeated_sentence_gives_one_set_of_mentions(extract: Extract) -> None:
    sent = "Lukashenka met Putin in Minsk and allowed Russian forces to strike Ukraine from Belarusian territory."
    ms = extract(f"{sent} Analysts disagree. {sent}")
    assert len(on(ms, "strike")) == len(on(extract(sent), "strike")) >= 1
    assert len(on(ms, "met")) == 1


def test_untyped_predicates_are_not_mentions(extract: Extract) -> None:
    # real participants, but no Dateline type: no row, so no actor, event or report entry
    assert extract("The aircraft was delivered to Qatar Airways. Apple bought the company.") == []


# the gates, seen through the wiring (each gate has its own tests in test_gates.py)


def test_nominal_trigger_needs_a_named_participant(extract: Extract) -> None:
    assert not on(extract("Closer cooperation remains a distant goal."), "cooperation")
    assert extract("Sanctions remain a powerful tool.") == []
    (m,) = on(extract("The invasion on February 24th 2022 reshaped the region."), "invasion")
    assert m.event_type == "ASSAULT" and m.source is None and m.target is None
    # a relative clause that dates it makes it one occasion too; a general one does not
    (m,) = on(extract("Dozens were detained in a crackdown that began two months ago."), "crackdown")
    assert m.event_type == "COERCE"
    assert not on(extract("Dozens were detained in a crackdown that targets dissent."), "crackdown")


def test_no_events_for_copulas_stance_verbs_and_abstractions(extract: Extract) -> None:
    ms = extract("The situation remains difficult. It seems that the new approach has helped the peace process.")
    assert ms == []


@pytest.mark.parametrize(("text", "kept", "dropped"), [
    # two words for one act, with no actor or date of their own: one mention
    ("Many of the protesters were kicked or beaten as they were arrested.", "kicked", "beaten"),
    ("The ministry condemned the house arrest and detainment of Cristiana Chamorro.", "arrest", "detainment"),
])
def test_two_words_for_one_act_are_one_mention(extract: Extract, text: str, kept: str, dropped: str) -> None:
    ms = extract(text)
    assert on(ms, kept) and not on(ms, dropped)


@pytest.mark.parametrize(("text", "first", "second"), [
    # another target or another date makes a second act
    ("Russia attacked Kyiv and struck Lviv.", "attacked", "struck"),
    ("Police arrested the activist on Monday and jailed him on Friday.", "arrested", "jailed"),
    ("Five soldiers were killed in the attack and the ensuing battle with the militants.", "attack", "battle"),
])
def test_conjoined_acts_of_their_own_are_two_mentions(extract: Extract, text: str, first: str, second: str) -> None:
    ms = extract(text)
    assert on(ms, first) and on(ms, second)


@pytest.mark.parametrize(("text", "first", "second"), [
    # a conjoined clause with its own subject, or joined by "but", is a statement of its own
    ("Lawyer Chris Mhike said it would be improper to discuss the case but said the judge had to consider the issues.",
     "said", "said"),
    ("Presidential adviser Mesut Casin says a reset is possible but says Washington needs to act.", "says", "says"),
    ("DHS officials did not respond to a request for comment, but they have repeatedly denied the allegations.",
     "respond", "denied"),
])
def test_conjoined_clauses_of_their_own_are_two_mentions(extract: Extract, text: str, first: str, second: str) -> None:
    ms = extract(text)
    assert len([m for m in ms if m.trigger_text in {first, second}]) == 2


@pytest.mark.parametrize(("text", "kept", "dropped", "target"), [
    # the participants two words share hang on the second: it is the mention
    ("The raid came days after the house arrest and detainment of Cristiana Chamorro.", "detainment", "arrest",
     "ner:person:cristiana-chamorro"),
    ("Rebels attacked and killed five soldiers near the border.", "killed", "attacked", "nom:soldier"),
])
def test_of_two_words_for_one_act_the_one_with_the_participants_is_the_mention(
        extract: Extract, text: str, kept: str, dropped: str, target: str) -> None:
    ms = extract(text)
    (m,) = on(ms, kept)
    assert not on(ms, dropped) and m.target is not None and m.target.actor_id == target
