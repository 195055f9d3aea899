"""Who did an act a noun names, and to whom: possessors, named modifiers, the verb that
governs the noun or its package."""

from __future__ import annotations

import pytest

from tests.pipeline.events.conftest import Extract, ids, on


def test_nominal_triggers_with_prepositional_targets(extract: Extract) -> None:
    ms = extract(
        "In 2021, after the EU introduced sanctions against Belarus, Lukashenka's meeting with Denis Pushilin angered Kyiv."
    )
    (s,) = [m for m in ms if m.event_type == "SANCTION"]
    assert ids(s) == ("igo-eu", "blr")
    (meet,) = on(ms, "meeting")
    assert meet.event_type == "CONSULT" and ids(meet) == ("blr-lukashenka", "rus-pushilin")


@pytest.mark.parametrize("text, noun, source", [
    ("Violence perpetrated by armed gangs displaced thousands of villagers.", "Violence", "nom:gang"),
    ("Wood spoke ahead of a meeting of the Security Council requested by Japan and Kenya.", "meeting", None),
    # who demands or urges an act is not who would do it: the state would free the prisoners
    ("The rebels demanded the release of political prisoners.", "release", None),
    ("Protesters demanded the arrest of the officers on Sunday.", "arrest", None),
    # who brokers an agreement between others is not one of its parties
    ("The truce, brokered by Norway and Cuba, took effect on Monday.", "truce", None),
    ("The deal brokered by the African Union ended two years of fighting.", "deal", None),
])
def test_who_asked_for_or_judged_an_act_is_not_its_doer(extract: Extract, text: str, noun: str,
                                                          source: str | None) -> None:
    ms = on(extract(text), noun)
    assert ms and all((m.source.actor_id if m.source else None) == source for m in ms)


@pytest.mark.parametrize("text, noun, source", [
    ("The judge ordered the release of the journalist.", "release", "nom:judge"),
    ("Iran requested talks with the United States.", "talks", "irn"),
])
def test_who_orders_an_act_or_asks_for_a_joint_one_takes_part(extract: Extract, text: str, noun: str,
                                                                source: str) -> None:
    # `commanding`: an authority acts through those it orders; talks are held by both sides
    (m,) = on(extract(text), noun)
    assert m.source is not None and m.source.actor_id == source


@pytest.mark.parametrize("text, noun, target", [
    ("Otieno denied all the charges on Monday.", "charges", "ner:person:otieno"),
    ("The minister rejected the accusations of corruption.", "accusations", "nom:minister"),
])
def test_who_denies_an_accusation_that_names_no_one_is_whom_it_was_made_against(
        extract: Extract, text: str, noun: str, target: str) -> None:
    # `answering_verbs`
    (m,) = on(extract(text), noun)
    assert m.target is not None and m.target.actor_id == target


@pytest.mark.parametrize("text, noun, source", [
    # who goes somewhere for an act does it, as for the infinitive of a verb of going
    ("Blinken traveled to Beijing for talks with Chinese officials.", "talks", "usa-blinken"),
    ("Putin will travel to Pyongyang next week for a summit with Kim Jong Un.", "summit", "rus-putin"),
])
def test_who_travels_for_an_act_does_it(extract: Extract, text: str, noun: str, source: str) -> None:
    (m,) = on(extract(text), noun)
    assert m.source is not None and m.source.actor_id == source


@pytest.mark.parametrize("text, target", [
    ("Japan lodged a formal protest with Beijing over the incursion.", "chn"),
    ("Vietnam lodged a protest with the Chinese government on Friday.", "chn"),
    # a court, the police or a commission hears a complaint: it is not aimed at them
    ("The opposition lodged a complaint with the electoral commission.", None),
])
def test_a_complaint_lodged_with_a_state_is_aimed_at_it(extract: Extract, text: str, target: str | None) -> None:
    (m,) = [m for m in extract(text) if m.event_type == "ACCUSE"]
    assert (m.target.actor_id if m.target else None) == target


def test_a_place_before_an_event_noun_is_where_not_who(extract: Extract) -> None:
    # a place that is no state names the venue; named parties win over a city before the noun
    (m,) = on(extract("Turkey is eyeing a Mediterranean agreement with Cairo."), "agreement")
    assert ids(m) == ("tur", "egy")
    (m,) = on(extract("The Minsk talks between Russia and Ukraine failed."), "talks")
    assert ids(m) == ("rus", "ukr")
    (m,) = on(extract("The U.S. sanctions on Iran took effect."), "sanctions")
    assert ids(m) == ("usa", "irn")


def test_a_city_before_an_attack_noun_is_where_it_was(extract: Extract) -> None:
    # a capital before an attack is the place attacked; before sanctions it is the government
    (m,) = on(extract("After the Kabul bombing, the Taliban vowed revenge."), "bombing")
    assert ids(m) == (None, "afg")
    (m,) = on(extract("The Pakistan train attack killed 26 people."), "killed")
    assert ids(m)[0] is None
    (m,) = on(extract("A Russian missile strike hit Kyiv."), "hit")
    assert ids(m) == ("rus", "ukr")
    (m,) = on(extract("Nine dead in Taliban suicide bombing in Afghanistan."), "bombing")
    assert ids(m)[0] == "afg-taliban"
    (m,) = on(extract("The Israeli army offensive killed dozens."), "killed")
    assert ids(m)[0] == "isr"
    (m,) = on(extract("Washington sanctions on Caracas took effect."), "sanctions")
    assert ids(m) == ("usa", "ven")


def test_who_adopts_a_package_of_acts_does_them(extract: Extract) -> None:
    (m,) = on(extract("The EU adopted a new sanctions package on Friday."), "sanctions")
    assert ids(m)[0] == "igo-eu"
    (m,) = on(extract("Washington unveiled a fresh round of sanctions against Tehran."), "sanctions")
    assert ids(m) == ("usa", "irn")
    # what the package is against is what the acts in it are against
    (m,) = on(extract("The EU adopted its 12th sanctions package against Russia."), "sanctions")
    assert ids(m) == ("igo-eu", "rus")


def test_whose_package_of_acts_it_is_does_them(extract: Extract) -> None:
    # not the one who blocks it or judges it
    (m,) = on(extract("Slovakia blocked the EU's new sanctions package against Russia."), "sanctions")
    assert ids(m) == ("igo-eu", "rus") and m.factuality == "negated"


def test_who_responds_with_an_act_does_it(extract: Extract) -> None:
    (m,) = on(extract("Russia retaliated with a missile strike on Kyiv."), "strike")
    assert ids(m) == ("rus", "ukr")


@pytest.mark.parametrize("text, noun", [
    ("Police moved in to break up the protest.", "protest"),
    ("The government banned the march on Friday.", "march"),
    ("Ukraine moved to counter the attacks.", "attacks"),
    # who confirms or verifies a claim did not make it
    ("Reporters could not verify the claims.", "claims"),
    # who rebuts or answers a claim did not make it
    ("Rebutting the claim, the minister said the army had not moved.", "claim"),
    # who boycotts or monitors a vote does not hold it
    ("Opposition parties boycotted the election.", "election"),
    ("EU observers monitored the election.", "election"),
    ("The minister played down the protests.", "protests"),
    ("The minister downplayed the protests.", "protests"),
    # who reports, films or covers an act is not in it
    ("Police detained two journalists covering the protest.", "protest"),
    ("A bystander filmed the attack on his phone.", "attack"),
])
def test_who_stops_or_answers_an_act_is_not_in_it(extract: Extract, text: str, noun: str) -> None:
    # `receiving_verbs`: the police broke up someone else's protest
    (m,) = on(extract(text), noun)
    assert m.source is None


@pytest.mark.parametrize("text, noun, causer", [
    ("The government raised fuel prices, sparking protests in the capital.", "protests", "nom:government"),
    ("Police fired tear gas at the march, provoking riots in the north.", "riots", "nom:police"),
])
def test_who_causes_an_act_does_not_do_it(extract: Extract, text: str, noun: str, causer: str) -> None:
    # `receiving_verbs`: sparking protests is no protesting (with no one else named, no row at all)
    assert all(ids(m)[0] != causer for m in on(extract(text), noun))


def test_who_an_act_is_caused_in_still_does_it(extract: Extract) -> None:
    (m,) = on(extract("The ruling prompted protests by farmers."), "protests")
    assert ids(m)[0] == "nom:farmer"


@pytest.mark.parametrize("text, source, target", [
    ("The journalist remains in the custody of the police.", "nom:police", "nom:journalist"),
    ("Five students were still in the custody of the army on Friday.", "nom:army", "nom:student"),
])
def test_who_has_custody_of_someone_holds_them(extract: Extract, text: str, source: str, target: str) -> None:
    # "the arrest of the mayor" is the mayor's; "the custody of the police" is the police's keeping
    (m,) = on(extract(text), "custody")
    assert ids(m) == (source, target)


@pytest.mark.parametrize("text, source", [
    ("Thousands of bus drivers went on strike in the capital on Monday.", "nom:driver"),
    ("The jailed blogger has been on a hunger strike since May.", "nom:blogger"),
    ("Nurses at two hospitals will remain on strike until Friday.", "nom:nurse"),
])
def test_who_is_on_an_act_does_it(extract: Extract, text: str, source: str) -> None:
    # "on strike" names what the subject is engaged in, as a light verb's object would
    (m,) = on(extract(text), "strike")
    assert m.event_type == "PROTEST" and ids(m)[0] == source


@pytest.mark.parametrize("text, noun, source", [
    ("The bombing was carried out by Hamas.", "bombing", "pse-hamas"),
    ("The raid was conducted by Kenyan police on Monday.", "raid", "ken"),
])
def test_the_agent_of_a_passive_light_verb_does_the_act(extract: Extract, text: str, noun: str, source: str) -> None:
    (m,) = on(extract(text), noun)
    assert ids(m)[0] == source


def test_a_passive_verb_that_is_the_act_carries_it_once(extract: Extract) -> None:
    ms = extract("New sanctions were imposed by the EU on Friday.")
    assert [(m.trigger_text, ids(m)[0]) for m in ms] == [("imposed", "igo-eu")]


def test_placing_someone_under_custody_is_one_act_on_the_verb(extract: Extract) -> None:
    ms = extract("The candidate was placed under police custody on Saturday at his home.")
    assert [m.trigger_text for m in ms] == ["placed"]


def test_who_stages_an_act_is_in_it(extract: Extract) -> None:
    (m,) = on(extract("Opposition supporters staged a protest on Sunday."), "staged")
    assert m.source is not None and m.source.actor_id == "nom:supporter"


def test_who_conducts_acts_a_participle_describes_does_them(extract: Extract) -> None:
    # the parser takes "drills" for the subject of "encircling"; they are what China conducted
    text = "A week after the vote, Russia conducted the military drills encircling the region."
    (m,) = on(extract(text), "drills")
    assert m.source is not None and m.source.actor_id == "rus"


@pytest.mark.parametrize("text, noun", [
    ("Activists tried to influence the Madrid talks.", "talks"),
    ("The Paris agreement was signed by 190 countries in 2015.", "agreement"),
])
def test_a_capital_before_a_meeting_or_an_agreement_is_where_it_was_held(extract: Extract, text: str, noun: str) -> None:
    # the parties hold a meeting together; the city names its venue, not a government
    (m,) = on(extract(text), noun)
    assert m.source is None or m.source.actor_id not in {"esp", "fra"}


def test_a_capital_before_sanctions_is_a_government(extract: Extract) -> None:
    (m,) = on(extract("Washington sanctions on Iranian banks took effect."), "sanctions")
    assert m.source is not None and m.source.actor_id == "usa"


@pytest.mark.parametrize("text, noun, target", [
    ("The president confirmed Baghdadi's killing in a post on Sunday.", "killing", "baghdadi"),
    ("Navalny's assassination was planned for months, the report said.", "assassination", "navalny"),
    ("The court jailed Mary Otieno in 2019. Otieno's sentence ends in 2029.", "sentence", "otieno"),
    # whose appointment or nomination is who is appointed or nominated
    ("The opposition contested the judges' appointment.", "appointment", "nom:judge"),
    ("Senators questioned Carla Mendez's nomination on Tuesday.", "nomination", "carla-mendez"),
])
def test_whose_killing_or_appointment_is_who_undergoes_it(extract: Extract, text: str, noun: str, target: str) -> None:
    # `theme_nouns`: the possessor of a killing, a murder or an assassination is who was killed,
    # of an appointment who was appointed
    (m,) = on(extract(text), noun)
    assert m.target is not None and target in m.target.actor_id
    assert m.source is None or target not in m.source.actor_id


def test_who_kills_someone_by_name_is_the_source(extract: Extract) -> None:
    (m,) = on(extract("The Taliban's killing of civilians drew condemnation."), "killing")
    assert ids(m) == ("afg-taliban", "nom:civilian")


@pytest.mark.parametrize("text, noun, source", [
    ("Islamabad has blamed several recent attacks on militants.", "attacks", "nom:militant"),
    ("Kyiv blamed the strike on Russian forces.", "strike", "rus"),
    ("The government blamed the violence on the opposition.", "violence", "nom:opposition"),
])
def test_who_an_act_is_blamed_on_did_it(extract: Extract, text: str, noun: str, source: str) -> None:
    # `blaming_verbs`: the blamer names who did it, and did not do it
    (m,) = on(extract(text), noun)
    assert m.source is not None and m.source.actor_id == source


def test_the_subject_of_a_verb_that_is_no_act_with_the_noun_does_not_do_it(extract: Extract) -> None:
    # "train" misread as a verb before "attack": the train attack is no act of the one denying a link
    (m,) = on(extract("Kabul denies link to train attack in Balochistan"), "attack")
    assert m.source is None


@pytest.mark.parametrize("text, noun, source", [
    # "its" on what its clause does is the clause's subject, or the controller of an infinitive
    ("Moscow stepped up its air strikes on Kharkiv.", "strikes", "rus"),
    ("Warsaw repeated its demands to Minsk.", "demands", "pol"),
    ("Tokyo urged Pyongyang to end its attacks on fishing boats.", "attacks", "prk"),
    # ... and the object blamed or thanked when it is in the reason for it
    ("Berlin criticized Tehran for its attacks on shipping.", "attacks", "irn"),
])
def test_its_is_the_institution_whose_act_its_clause_tells(extract: Extract, text: str, noun: str, source: str) -> None:
    (m,) = on(extract(text), noun)
    assert m.source is not None and m.source.actor_id == source


@pytest.mark.parametrize(("text", "trigger", "parties"), [
    ("U.S.-China talks resumed in Geneva on Monday.", "talks", ("usa", "chn")),
    ("Diplomats praised the India-Pakistan ceasefire.", "ceasefire", ("ind", "pak")),
    ("The U.S.-Taliban deal was signed in Doha.", "deal", ("usa", "afg-taliban")),
])
def test_a_pair_of_names_before_an_event_noun_are_its_parties(extract: Extract, text: str, trigger: str,
                                                              parties: tuple[str, str]) -> None:
    (m,) = on(extract(text), trigger)
    assert ids(m) == parties


@pytest.mark.parametrize("text, noun, source", [
    ("Moscow blamed Kyiv for the attack on the bridge.", "attack", "ukr"),
    ("Washington blamed Iran-backed militias for the drone attack.", "attack", "nom:militia"),
    ("Israel accused Hezbollah of the rocket attack.", "attack", "lbn-hezbollah"),
    ("Rights groups accused police of the killing of a protester.", "killing", "nom:police"),
    # charged with it, and in the passive: the one charged, accused or blamed
    ("Prosecutors charged the mayor with the killing of a journalist.", "killing", "nom:mayor"),
    ("The mayor was charged with the murder of a journalist.", "murder", "nom:mayor"),
    ("Hezbollah was blamed for the rocket attack on Haifa.", "attack", "lbn-hezbollah"),
])
def test_who_is_blamed_for_an_act_did_it_in_the_blamers_words(extract: Extract, text: str, noun: str,
                                                             source: str) -> None:
    # the blamer did not; who did it is the accusation's content, so the act is reported
    (m,) = on(extract(text), noun)
    assert ids(m)[0] == source and m.factuality == "reported"
