"""Actor dictionary, the rule component before NER, and in-article resolution (real model)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import actors
from pipeline.models import ActorRef


@pytest.fixture(scope="module")
def resolve(nlp: Language, vocab: actors.ActorVocabulary) -> Callable[[str, str], ActorRef | None]:
    """Resolve the n-th occurrence (default first) of a word used as an argument."""

    def _resolve(text: str, word: str, nth: int = 0) -> ActorRef | None:
        doc: Doc = nlp(text)
        resolver = actors.ActorResolver(doc, vocab)
        toks = [t for t in doc if t.text == word]
        return resolver.resolve_head(toks[nth])

    return _resolve


def test_vocabulary_has_transliterations_and_no_invented_ids(vocab: actors.ActorVocabulary) -> None:
    zel = vocab.entries["ukr-zelenskyy"]
    assert {"Zelensky", "Zelenskyy"} <= {zel.canonical_name.split()[-1], *zel.aliases}
    assert vocab.lookup("LUKASHENKO") == ("blr-lukashenka", "name")
    assert vocab.lookup("Tikhanovskaya")[0] == "blr-tsikhanouskaya"  # type: ignore[index]
    assert vocab.lookup("Kastus Kalinouski Regiment")[0] == "blr-kalinouski-regiment"  # type: ignore[index]
    assert vocab.lookup("Kyiv") == ("ukr", "capital")
    assert vocab.lookup("Belarusian") == ("blr", "demonym")
    assert vocab.entries["ukr"].country_code == "UKR" and vocab.entries["ukr"].actor_type == "state"
    # QIDs only where known: a person without one stays None
    assert vocab.entries["blr-tsikhanouskaya"].wikidata_qid is None
    assert all(a.actor_id == a.actor_id.lower() for a in vocab.actors())


@pytest.mark.parametrize(("alias", "actor_id"), [
    ("Ansar Allah", "yem-houthis"), ("Houthi rebels", "yem-houthis"), ("al-Shabaab", "som-al-shabab"),
    ("Al-Shabab", "som-al-shabab"), ("ISIL", "grp-islamic-state"), ("ECOWAS", "igo-ecowas"),
])
def test_armed_movements_and_regional_bodies_have_one_id_whatever_the_spelling(
    vocab: actors.ActorVocabulary, alias: str, actor_id: str
) -> None:
    found = vocab.lookup(alias)
    assert found is not None and found[0] == actor_id


def test_every_name_in_the_dictionary_names_one_actor(vocab: actors.ActorVocabulary) -> None:
    """A name or an acronym given to two actors ("RSF": the Rapid Support Forces and Reporters
    Without Borders) would silently become one of them everywhere."""
    ids: dict[str, set[str]] = {}
    for text, actor_id, _label, _kind in vocab.surface:
        ids.setdefault(text.lower(), set()).add(actor_id)
    assert {name: found for name, found in ids.items() if len(found) > 1} == {}


@pytest.mark.parametrize(("text", "word", "actor_id"), [
    ("Media watchdog Reporters Without Borders welcomed the release.", "Borders", "ngo-rsf"),
    ("The charity Doctors Without Borders says a million people are out of reach.", "Borders", "ngo-msf"),
    ("Human Rights Watch said the trial was unfair.", "Watch", "ngo-hrw"),
])
def test_international_ngos_are_named_in_full(resolve: Callable[..., ActorRef | None], text: str, word: str,
                                              actor_id: str) -> None:
    """The NER cuts these names ("Media watchdog Reporters Without | Borders"); the dictionary
    gives them whole."""
    ref = resolve(text, word)
    assert ref is not None and ref.actor_id == actor_id


def test_install_is_idempotent_and_before_ner(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    actors.install(nlp, vocab)
    names = nlp.pipe_names
    assert names.count(actors.COMPONENT_NAME) == 1
    assert names.index(actors.COMPONENT_NAME) < names.index("ner")


def test_ruler_fixes_ner_on_names_of_the_region(nlp: Language) -> None:
    doc = nlp("Kyiv recalled its ambassador after Sviatlana Tsikhanouskaya spoke in Vilnius.")
    ents = {e.text: (e.label_, e.id_) for e in doc.ents}
    assert ents["Kyiv"] == ("GPE", "ukr")
    assert ents["Sviatlana Tsikhanouskaya"] == ("PERSON", "blr-tsikhanouskaya")


def test_country_inside_a_company_name_is_left_to_the_ner(nlp: Language) -> None:
    doc = nlp("Qatar Airways ordered sixty jets from Airbus.")
    assert "Qatar" not in {e.text for e in doc.ents if e.id_}


def test_capital_and_kremlin_are_metonyms_for_the_state(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("Kyiv recalled its ambassador.", "Kyiv")
    assert ref is not None and ref.actor_id == "ukr" and ref.resolved_by == "metonymy"
    ref = resolve("The Kremlin deployed missiles to Belarus.", "Kremlin")
    assert ref is not None and ref.actor_id == "rus"


def test_demonym_group_noun_resolves_to_the_state(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("Ukrainian officials claim that Russia uses Belarus.", "officials")
    assert ref is not None and ref.actor_id == "ukr" and ref.text == "Ukrainian officials"
    ref = resolve("The Belarusian authorities detained two journalists.", "authorities")
    assert ref is not None and ref.actor_id == "blr"
    ref = resolve("Russia said its air defenses had shot down 40 drones.", "defenses")
    assert ref is not None and ref.actor_id == "rus"


def _role_examples() -> list[dict[str, str]]:
    import yaml

    from pipeline.settings import SCHEMAS_DIR

    data = yaml.safe_load((SCHEMAS_DIR / "actors.yaml").read_text(encoding="utf-8"))
    return list(data["non_state_roles"]["examples"])


@pytest.mark.parametrize("example", _role_examples(), ids=lambda e: e["text"])
def test_a_countrys_people_who_do_not_act_for_its_state(
    nlp: Language, vocab: actors.ActorVocabulary, example: dict[str, str]
) -> None:
    doc = nlp(example["text"])
    resolver = actors.ActorResolver(doc, vocab)
    ref = resolver.resolve_head(next(t for t in doc if t.text == example["word"]))
    assert ref is not None and ref.actor_id == example["actor"]
    actor = resolver.actor(ref.actor_id)
    assert actor is not None and actor.country_code == vocab.entries[example["actor"][:3]].country_code


def _examples_of(section: str) -> list[dict[str, str]]:
    import yaml

    from pipeline.settings import SCHEMAS_DIR

    return list(yaml.safe_load((SCHEMAS_DIR / "actors.yaml").read_text(encoding="utf-8"))[section]["examples"])


def test_the_title_is_no_person_written_with_another_occupation(resolve: Callable[..., ActorRef | None]) -> None:
    text = "Cambodian journalist Mech Dara was freed. A video of Mech Dara was shared. The minister said he had apologised."
    ref = resolve(text, "minister")
    assert ref is not None and ref.actor_id == "nom:minister"
    text = "Prime Minister Hun Manet spoke on Monday. Journalist Mech Dara was freed. The minister said he had apologised."
    ref = resolve(text, "minister")
    assert ref is not None and ref.actor_id == "ner:person:hun-manet"
    text = ("Police killed gang leader Arnel Joseph on Friday. A State Department spokesperson expressed sorrow. "
            "The spokesperson said the event underscores the need for reform.")
    ref = resolve(text, "spokesperson", 1)
    # the one "a spokesperson" brought in, who speaks for the State Department
    assert ref is not None and ref.actor_id == "usa-state-department"
    text = "Omar Bob joined the crowd. The general who led the coup signed the agreement in August."
    ref = resolve(text, "general")
    assert ref is not None and ref.actor_id == "nom:general"  # a relative clause says who is meant


@pytest.mark.parametrize("example", _examples_of("located_roles") + _examples_of("state_bodies") + _examples_of("counterparts")
                         + _examples_of("governing_bodies"), ids=lambda e: e["text"])
def test_police_in_a_country_and_its_parliament_act_for_it_refugees_there_and_its_banks_do_not(
    resolve: Callable[..., ActorRef | None], example: dict[str, str]
) -> None:
    ref = resolve(example["text"], example["word"])
    assert ref is not None and ref.actor_id == example["actor"]


@pytest.mark.parametrize("example", _examples_of("counterparts"), ids=lambda e: e["text"])
def test_allies_and_rivals_are_others_members_act_for_their_organisation(
    resolve: Callable[..., ActorRef | None], example: dict[str, str]
) -> None:
    ref = resolve(example["text"], example["word"])
    assert ref is not None and ref.actor_id == example["actor"]


@pytest.mark.parametrize("text, word, actor", [
    # an organisation's description with the name before it is that organisation
    ("The Hamas movement said it would study the proposal.", "movement", "pse-hamas"),
    ("The Wagner mercenary group recruited prisoners.", "group", "rus-wagner"),
    # and so are its members when it is their possessor
    ("Two of the Hamas movement's commanders were killed.", "commanders", "pse-hamas"),
    # a description with no name of its own is left to the resolution of descriptions
    ("Apple released a phone. The company's engineers praised it.", "engineers", "nom:engineer"),
    ("The Russian company sued the bank.", "company", "nom:company"),
])
def test_an_organisation_noun_after_a_name_is_that_organisation(
    resolve: Callable[..., ActorRef | None], text: str, word: str, actor: str
) -> None:
    ref = resolve(text, word)
    assert ref is not None and ref.actor_id == actor


@pytest.mark.parametrize("text, parties", [
    # a coordinated subject of the pronoun's own clause, named before it
    ("Macron and Scholz said their talks in Berlin went well.", ["fra-macron", "deu-scholz"]),
    ("Police detained a man. Russia and Belarus held drills near their border.", ["rus", "blr"]),
    # one subject is no pair: left to the resolution of pronouns
    ("The minister said their forces would withdraw.", []),
    # nor a subject the pronoun is part of (read without asking itself again, endlessly)
    ("Lai's son Sebastien and their legal team met the senators.", []),
    # "they" opening a clause of its own is someone else as often as not
    ("Neither Russia nor Belarus has explained why they were not invited.", []),
])
def test_their_after_a_coordinated_subject_of_its_clause_stands_for_both(
    nlp: Language, vocab: actors.ActorVocabulary, text: str, parties: list[str]
) -> None:
    doc = nlp(text)
    their = [t for t in doc if t.lower_ in {"their", "they"}][-1]
    assert actors.ActorResolver(doc, vocab).parties(their) == parties


@pytest.mark.parametrize("example", _examples_of("people_endings"), ids=lambda e: e["text"])
def test_an_agent_noun_ending_in_ist_names_people(nlp: Language, vocab: actors.ActorVocabulary,
                                                  example: dict[str, Any]) -> None:
    # `people_endings`: "environmentalists" are people (a group actor), "lists" are not
    _, kind = _resolved_kind(nlp, vocab, example["text"], example["word"])
    assert (kind == "group") is example["people"]


def _resolved_kind(nlp: Language, vocab: actors.ActorVocabulary, text: str, word: str) -> tuple[str | None, str | None]:
    """The actor id a word resolves to in the text, and that actor's type."""
    doc = nlp(text)
    resolver = actors.ActorResolver(doc, vocab)
    ref = resolver.resolve_head(next(t for t in doc if t.text == word))
    actor = resolver.actor(ref.actor_id) if ref is not None else None
    return (ref.actor_id if ref is not None else None), (actor.actor_type if actor is not None else None)


@pytest.mark.parametrize("text, word, actor", [
    ("Trump to keep tariffs on Canada, aides say", "aides", "nom:aide"),
    ("The schoolgirls were freed by their abductors on Tuesday.", "abductors", "nom:abductor"),
    # by where they move, what they write, teach or preach
    ("Guards beat the immigrants held at the camp.", "immigrants", "nom:immigrant"),
    ("Police detained two bloggers over their posts.", "bloggers", "nom:blogger"),
    ("Clerics condemned the new law on Friday.", "Clerics", "nom:cleric"),
    # by what befell them or what they saw
    ("Survivors told reporters the gunmen shot the guards first.", "Survivors", "nom:survivor"),
    ("Witnesses said soldiers fired into the crowd.", "Witnesses", "nom:witness"),
    ("Inmates attacked the guards during the riot.", "Inmates", "nom:inmate"),
])
def test_aides_captors_and_others_by_what_they_do_are_people(nlp: Language, vocab: actors.ActorVocabulary, text: str, word: str,
                                      actor: str) -> None:
    # people nouns (a group actor that can fill a slot), not things
    assert _resolved_kind(nlp, vocab, text, word) == (actor, "group")


def test_a_role_noun_opening_a_sentence_is_no_name(resolve: Callable[..., ActorRef | None]) -> None:
    """The NER takes "Gunmen" at the start of a sentence for a place; it is a generic participant."""
    ref = resolve("Gunmen abducted 30 students from a school near the border.", "Gunmen")
    assert ref is not None and ref.actor_id == "nom:gunman"
    ref = resolve("NIAMEY — Jihadists on motorcycles stormed an army post near the border.", "Jihadists")
    assert ref is not None and ref.actor_id == "nom:jihadist"
    ref = resolve("Rebels and soldiers exchanged fire near the airport.", "Rebels")  # tagged a proper noun
    assert ref is not None and ref.actor_id == "nom:rebel"


def test_a_plural_noun_opening_a_sentence_is_no_person(resolve: Callable[..., ActorRef | None]) -> None:
    """The NER takes "Missiles" at the start of a sentence for a person; a name is never plural."""
    ref = resolve("Missiles struck the city overnight.", "Missiles")
    assert ref is None or not ref.actor_id.startswith("ner:person")
    ref = resolve("Chagossians settled in Mauritius after the expulsion.", "Chagossians")  # a people, not a person
    assert ref is not None and ref.actor_id == "ner:group:chagossians"


def test_an_office_the_ner_takes_for_an_organisation_is_a_role(resolve: Callable[..., ActorRef | None]) -> None:
    """The NER tags "the Minister of Foreign Affairs" an organisation; it is an office, and the
    name in apposition to it is the person who holds it."""
    ref = resolve("The envoy met with the Minister of Foreign Affairs of Kenya, Musalia Mudavadi.", "Minister")
    assert ref is not None and ref.actor_id == "ner:person:musalia-mudavadi"
    ref = resolve("The envoy met the Minister of Foreign Affairs on Monday.", "Minister")
    assert ref is not None and ref.actor_id == "nom:minister"


def test_an_adverb_the_ner_glues_to_a_name_is_no_part_of_it(resolve: Callable[..., ActorRef | None]) -> None:
    """A subheading run into the next sentence: "President Moise Shortly before ..."; and a name
    after a title is a person's, so "he" can stand for it."""
    text = "Reaction from President Moise Shortly before the press conference, Moise tweeted. He said the police would act."
    ref = resolve(text, "He")
    assert ref is not None and ref.actor_id == "ner:person:moise"


def test_title_resolves_to_last_compatible_person(resolve: Callable[..., ActorRef | None]) -> None:
    text = "Volodymyr Zelenskyy spoke in Davos. Later the Ukrainian president met Sviatlana Tsikhanouskaya."
    ref = resolve(text, "president")
    assert ref is not None and ref.actor_id == "ukr-zelenskyy" and ref.resolved_by == "title"
    assert ref.text == "the Ukrainian president"
    # no Belarusian person named before: the description falls back to the state
    ref = resolve("The Belarusian leader hosted Denis Pushilin.", "leader")
    assert ref is not None and ref.actor_id == "blr"
    # a title in lower case before a name is that person's: "the president" is not the one the
    # article calls only a leader, wherever it names him since
    text = ("Trump met North Korean leader Kim Jong Un in Singapore. Trump will not meet with Kim before the "
            "election, aides said. O'Brien said the president would meet with Kim after it.")
    ref = resolve(text, "president")
    assert ref is not None and ref.actor_id == "usa-trump"


def test_pronouns_follow_gender_and_subject(resolve: Callable[..., ActorRef | None]) -> None:
    text = "Lukashenka met Putin in Minsk. He later criticized the EU."
    ref = resolve(text, "He")
    assert ref is not None and ref.actor_id == "blr-lukashenka" and ref.resolved_by == "coreference"
    text = "Zelenskyy thanked Sviatlana Tsikhanouskaya, and she invited him to Vilnius."
    assert resolve(text, "she").actor_id == "blr-tsikhanouskaya"  # type: ignore[union-attr]
    assert resolve(text, "him").actor_id == "ukr-zelenskyy"  # type: ignore[union-attr]


def test_a_dictionary_name_ending_like_an_adverb_is_a_name(resolve: Callable[..., ActorRef | None]) -> None:
    """"Italy" ends like "utterly" (descriptive_endings); the dictionary knows it as a state."""
    ref = resolve("Italy closed its border on Monday. The country said it would reopen it.", "country")
    assert ref is not None and ref.actor_id == "ita"


def test_countries_are_several_or_the_body_they_make_up(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("Italy closed its border. Many countries said they would do the same.", "countries")
    assert ref is not None and ref.actor_id == "nom:country"
    ref = resolve("Italy closed its border. The EU's member states failed to agree on a plan.", "states")
    assert ref is not None and ref.actor_id == "igo-eu"


@pytest.mark.parametrize("text, state", [
    ("Amos Wekesa, a lawmaker in Kenya, said his government's decision was a mistake.", "ken"),
    ("Maria Lopes, a senator, said her government would expel the diplomats.", None),
])
def test_his_government_is_a_states_not_the_persons(resolve: Callable[..., ActorRef | None], text: str,
                                                     state: str | None) -> None:
    # a person's government is the state the text is about (as "the government" is), never the person
    ref = resolve(text, "government")
    assert ref is not None and "person" not in ref.actor_id
    assert state is None or ref.actor_id == state


@pytest.mark.parametrize("text, word, state", [
    ("The government of Pakistan condemned the attack.", "government", "pak"),
    ("Kabul agreed to cooperate with the government of Pakistan.", "government", "pak"),
    ("The people of Ukraine protested against the war.", "people", "ukr-cvl"),
    ("Armed forces of the Russian Federation shelled the town.", "forces", "rus"),
    # people "from" a state or an organisation act for it, as "Russian officials" do
    ("Officials from Russia met the Ukrainian negotiators in Istanbul.", "Officials", "rus"),
    ("Senior diplomats from the European Union urged Minsk to free the prisoners.", "diplomats", "igo-eu"),
    ("Refugees from Sudan protested outside the embassy.", "Refugees", "sdn-cvl"),
])
def test_a_body_of_a_state_named_in_an_of_phrase_is_the_states(resolve: Callable[..., ActorRef | None], text: str,
                                                                word: str, state: str) -> None:
    # as "Pakistan's government" and "the Pakistani government" are
    ref = resolve(text, word)
    assert ref is not None and ref.actor_id == state


def test_the_two_countries_are_the_pair_named_before(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("Kenya and Uganda signed a trade deal. Both countries agreed to cut tariffs.", "countries")
    assert ref is not None and ref.actor_id == "ken" and ref.resolved_by == "coreference"
    ref = resolve("Putin met Lukashenko in Minsk. The two leaders discussed the war.", "leaders")
    assert ref is not None and ref.actor_id == "rus-putin"


def test_its_after_and_is_the_first_conjunct(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("Pakistan says the separatist group and its allies launched the attacks.", "its")
    assert ref is not None and ref.actor_id == "nom:group"  # the group's allies, not Pakistan's


def test_an_outlet_told_something_is_no_ones_antecedent(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("Taliban officials do not respond to VOA queries because they have imposed a ban on it.", "they")
    assert ref is None or ref.actor_id != "usa-voa"


@pytest.mark.parametrize("text, word, actor", [
    # the people named since the last state or organisation, not that state or organisation
    ("Gunmen took the girls from a school in Gusau. The governor said their release was a relief.", "their",
     "nom:girl"),
    ("Police arrested dozens of protesters in Minsk. They were charged with rioting.", "They", "nom:protester"),
    ("Kenya's government ministers say they hope tourism will resume soon.", "they", "ken"),
])
def test_they_are_the_people_named_last(resolve: Callable[..., ActorRef | None], text: str, word: str,
                                        actor: str) -> None:
    ref = resolve(text, word)
    assert ref is not None and ref.actor_id == actor


@pytest.mark.parametrize("text, word, actor", [
    # a "they" that opens its sentence continues the plural subject of the sentence before, not
    # the people or the country named in between; "he said" at its end reports that subject's act
    ("The gunmen ordered the passengers to come forward, a survivor said. Then they shot three police officers.",
     "they", "nom:gunman"),
    ("Analysts say the talks aim to deepen ties with the Philippines. They said cooperation would grow.", "They",
     "nom:analyst"),
    # a people noun inside the clause before the pronoun is the clause's own
    ("Officials said roads were washed away. Aid agencies distributed food where they could.", "they", "nom:agency"),
])
def test_they_continues_the_plural_subject_before(resolve: Callable[..., ActorRef | None], text: str, word: str,
                                                  actor: str) -> None:
    ref = resolve(text, word)
    assert ref is not None and ref.actor_id == actor


@pytest.mark.parametrize("text, word, actor", [
    ("Six press freedom groups called for the editor's release. “We urge the Bolivian authorities to free him "
     "at once,” they said in a joint statement.", "they", "nom:group"),
    ("Amnesty International published a report on Tuesday. “The Ethiopian army killed dozens of civilians in "
     "Tigray,” it said.", "it", "ngo-amnesty"),
    ("Raila Odinga spoke in Kisumu on Monday. “President William Ruto has betrayed the voters,” he said.", "he",
     "ner:person:raila-odinga"),
])
def test_a_pronoun_that_attributes_a_quotation_is_no_one_named_inside_it(
        resolve: Callable[..., ActorRef | None], text: str, word: str, actor: str) -> None:
    # a speaker says "we" or "I" of itself: the names in the quotation are whom it talks about
    ref = resolve(text, word)
    assert ref is not None and ref.actor_id == actor


def test_he_is_the_person_whose_untagged_surname_was_last(resolve: Callable[..., ActorRef | None]) -> None:
    """The NER tags "Michel Barnier" and "Viktor Orban" but not a later bare "Barnier": it is still a
    mention of him, and the last one before "He"."""
    text = ("Former EU official Michel Barnier spoke in Paris. Hungarian Prime Minister Viktor Orban agreed. "
            "Barnier, too, was a strong advocate of Schengen. He cited trafficking as a concern.")
    ref = resolve(text, "He")
    assert ref is not None and ref.actor_id == "ner:person:michel-barnier"


@pytest.mark.parametrize("text, word, person", [
    ("Lydia Kamau, 29, works at a clinic. The army shelled it, Kamau said.", "Kamau", "ner:person:lydia-kamau"),
    ("Kofi Mensah and Lydia Marosi are teachers. They said the army had shelled the school.", "Marosi",
     "ner:person:lydia-marosi"),
    ("\"The plan is flawed,\" Rogier Creemers, assistant professor at Leiden University, told VOA. "
     "\"You can do a lot with software,\" Creemers said.", "Creemers", "ner:person:rogier-creemers"),
])
def test_a_name_with_an_age_a_title_or_beside_a_persons_is_a_person(resolve: Callable[..., ActorRef | None], text: str, word: str,
                                                             person: str) -> None:
    """The NER labels these names an organisation; the age in commas, the person's name
    coordinated with it and the title in apposition say otherwise, for the full name and the
    surname alone."""
    ref = resolve(text, word)
    assert ref is not None and ref.actor_id == person


@pytest.mark.parametrize("text, word, person", [
    # a work, then an organisation: the verb of saying shows the full name to be a person's
    ("\"This is completely false,\" Anatoly Antonov told the council on Friday. Antonov dismissed the panel's "
     "findings.", "Antonov", "ner:person:anatoly-antonov"),
    # untagged, then an organisation: the title in apposition
    ("Tomasz Wrobel, a farmer from the village, said the army had left. Wrobel said he was afraid.", "Wrobel",
     "ner:person:tomasz-wrobel"),
    # an organisation, then untagged: named after a person's noun ("Another passenger, ...")
    ("Another passenger, Siyoka Mwale, told VOA that the gunmen fled. Mwale said the soldiers came later.", "Mwale",
     "ner:person:siyoka-mwale"),
    ("Another passenger, Allah Rakha, told VOA that the gunmen fled. Rakha said the soldiers came later.", "Rakha",
     "ner:person:allah-rakha"),
    # the NER tags the surname only, an organisation: the given name before it is the name's
    ("Siyoka Mwale, director at the farmers' union, says prices will rise. Mwale says the ban is wrong.", "Mwale",
     "ner:person:siyoka-mwale"),
])
def test_a_surname_is_the_person_whose_full_name_the_ner_mislabelled(
        resolve: Callable[..., ActorRef | None], text: str, word: str, person: str) -> None:
    """News names a person in full once and by surname after, and the NER labels the two apart: the
    full name shown by its sentence to be a person's (a verb of saying, a title beside it) makes the
    surname that person too, whatever label the surname got."""
    ref = resolve(text, word, 1)
    assert ref is not None and ref.actor_id == person


@pytest.mark.parametrize("text, word, nth, person", [
    # the family name first: the first word of the full name alone is that person
    ("China's envoy Fu Cong blamed the Trump administration. Fu noted that China will convene a meeting.", "Fu", 1,
     "ner:person:fu-cong"),
    ("South Korean minister Park Jin met his Japanese counterpart. Park said the talks were useful.", "Park", 1,
     "ner:person:park-jin"),
    # a surname of the article's people comes before another's first word ("Ortega Murillo")
    ("Daniel Ortega named his son envoy to China. Ortega Murillo said he would travel to Beijing. President "
     "Ortega called the sanctions illegal.", "Ortega", 2, "ner:person:daniel-ortega"),
])
def test_a_name_written_family_name_first_is_that_person_by_its_first_word(
        resolve: Callable[..., ActorRef | None], text: str, word: str, nth: int, person: str) -> None:
    ref = resolve(text, word, nth)
    assert ref is not None and ref.actor_id == person


def test_a_whole_name_tagged_an_organisation_may_speak_for_itself(resolve: Callable[..., ActorRef | None]) -> None:
    """"Baiba Braze" tagged an organisation is not made a person by speaking: an organisation's name
    of plain words says things as often ("Human Rights Watch said")."""
    ref = resolve("\"This is completely false,\" Baiba Braze told the council on Friday. Braze dismissed the "
                  "panel's findings.", "Braze", 1)
    assert ref is not None and ref.actor_id == "ner:organisation:braze"


def test_an_untagged_name_after_a_title_in_one_phrase_is_a_person(resolve: Callable[..., ActorRef | None]) -> None:
    """The NER tags nothing in "Military spokesperson Chaundry"; the title says a person follows."""
    ref = resolve("Military spokesperson Chaundry claimed the attackers had help from abroad.", "Chaundry")
    assert ref is not None and ref.actor_id == "ner:person:chaundry"


def test_a_plural_proper_noun_the_ner_calls_a_person_is_a_people(resolve: Callable[..., ActorRef | None]) -> None:
    """"Marsh Arabs" is no one "he" can be; it is a group of the story. "Hong Kongers", which
    the NER also calls a person, is a demonym of the dictionary, as "Sri Lankans" is."""
    text = "Many Marsh Arabs moved to Basra last year. He said integrating is important."
    assert resolve(text, "He") is None
    ref = resolve(text, "Arabs")
    assert ref is not None and ref.actor_id == "ner:group:marsh-arabs"
    text = "Many Hong Kongers moved to Tokyo last year. He said integrating is important."
    assert resolve(text, "He") is None
    ref = resolve(text, "Kongers")
    assert ref is not None and ref.actor_id == "hkg"


def test_a_pronoun_is_none_of_the_names_it_is_coordinated_with(resolve: Callable[..., ActorRef | None]) -> None:
    text = ("Amina Yusuf visited the camp. Peter Otieno briefed the council on the war. "
            "She and Otieno both urged the council to act.")
    ref = resolve(text, "She")
    assert ref is not None and ref.actor_id == "ner:person:amina-yusuf"


def test_the_possessor_of_a_title_says_whose_it_is(resolve: Callable[..., ActorRef | None]) -> None:
    """"China's U.N. ambassador" is China's, not the U.N.'s, and not the British ambassador named before."""
    text = ("British Deputy U.N. Ambassador James Kariuki spoke first. "
            "China's U.N. ambassador told reporters that Beijing opposed the meeting.")
    ref = resolve(text, "ambassador")
    assert ref is not None and ref.actor_id == "chn"


def test_his_opening_what_someone_says_is_who_says_it(resolve: Callable[..., ActorRef | None]) -> None:
    """"said his forces ...": the speaker's forces, not the man named before; a speaker known
    only by an office of a state speaks for that state."""
    text = "President Biden visited Kabul in May. The Afghan army chief said his forces had killed 200 fighters."
    ref = resolve(text, "forces")
    assert ref is not None and ref.actor_id == "afg"
    text = "Joe Biden visited Nairobi in May. William Ruto said his government would buy the drones."
    ref = resolve(text, "his")
    assert ref is not None and ref.actor_id == "ner:person:william-ruto"


def test_a_full_name_with_and_without_its_middle_initial_is_one_person(resolve: Callable[..., ActorRef | None]) -> None:
    """Even when the NER cuts the given name off ("Defense Lloyd | J. Austin III")."""
    text = ("Secretary of Defense Lloyd J. Austin III met the Polish minister on Wednesday. "
            "Lloyd Austin thanked him for the visit.")
    first, second = resolve(text, "Austin"), resolve(text, "Austin", 1)
    assert first is not None and second is not None
    assert first.actor_id == second.actor_id == "ner:person:lloyd-j-austin-iii"


def test_he_opening_what_someone_says_is_who_says_it(resolve: Callable[..., ActorRef | None]) -> None:
    """Even when that speaker is named by surname only, which alone is no antecedent."""
    text = "Maria Kowalska met the envoy George Washington Mutua. Kowalski noted that he fought in Iraq."
    ref = resolve(text, "he")
    assert ref is not None and ref.actor_id == "ner:person:kowalski"


@pytest.mark.parametrize("text, actor", [
    # a possessive in a phrase that opens the sentence looks ahead to the subject after it
    ("Prosecutors say Maria Lopez was followed for weeks. In his testimony on Tuesday, Carlos Ruiz said he had "
     "watched the house.", "ner:person:carlos-ruiz"),
    ("Angela Merkel hosted the summit in 2015. During his visit to Berlin, Emmanuel Macron met Olaf Scholz.",
     "fra-macron"),
])
def test_a_possessive_in_an_opening_phrase_looks_ahead_to_the_subject(
        resolve: Callable[..., ActorRef | None], text: str, actor: str) -> None:
    ref = resolve(text, "his")
    assert ref is not None and ref.actor_id == actor


def test_a_subject_pronoun_continues_a_subject_named_in_apposition(resolve: Callable[..., ActorRef | None]) -> None:
    text = "The prime minister of Kenya, John Mwangi, condemned the attack by Mark Otieno. He said it was cowardly."
    ref = resolve(text, "He")
    assert ref is not None and ref.actor_id == "ner:person:john-mwangi"


def test_appositive_name_and_new_ner_actors(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    text = "Kyiv recalled its ambassador, Ihor Kyzym. Apple Computer hired Steve Jobs. Jobs said Apple was ready."
    doc = nlp(text)
    res = actors.ActorResolver(doc, vocab)
    amb = res.resolve_head(next(t for t in doc if t.text == "ambassador"))
    assert amb is not None and amb.actor_id == "ner:person:ihor-kyzym" and "Kyzym" in amb.text
    apples = [res.resolve_head(t) for t in doc if t.text == "Apple"]
    assert {a.actor_id for a in apples if a} == {"ner:organisation:apple-computer"}
    jobs = [res.resolve_head(t) for t in doc if t.text == "Jobs"]
    assert {a.actor_id for a in jobs if a} == {"ner:person:steve-jobs"}
    ids = {a.actor_id: a for a in res.actors()}
    assert ids["ukr"].source == "dictionary" and ids["ner:person:steve-jobs"].source == "ner"
    assert ids["ner:person:steve-jobs"].actor_type == "person"


@pytest.mark.parametrize("text, word, actor", [
    # an unnamed holder of an office "of" a body acts for it, as event data codes an official
    ("The head of Doctors Without Borders told the council that his teams had seen atrocities.", "head",
     "ngo-msf"),
    ("The director of the World Health Organization declared an emergency on Friday.", "director", "igo-who"),
    # unless a person of the article was written with that body
    ("World Food Programme head Cindy McCain arrived in Gaza. The head of the World Food Programme said aid "
     "was running out.", "head", "ner:person:cindy-mccain"),
    ("Tom Fletcher arrived in Gaza. The head of the World Food Programme said aid was running out.", "head",
     "ner:organisation:world-food-programme"),
])
def test_the_holder_of_an_office_of_a_body(resolve: Callable[..., ActorRef | None], text: str, word: str,
                                           actor: str) -> None:
    ref = resolve(text, word, text.count(f" {word} ") - 1)  # the last one: "The head of ..."
    assert ref is not None and ref.actor_id == actor


def test_a_name_after_an_indefinite_description_and_a_comma_is_its_name(
        resolve: Callable[..., ActorRef | None]) -> None:
    # the parser hangs "the Syrian Democratic Forces" on "agreements", not on "group"
    text = ("Pedersen said agreements between Syria's transitional authorities and an armed group, the Syrian "
            "Democratic Forces (SDF), are a positive sign.")
    ref = resolve(text, "group")
    assert ref is not None and ref.actor_id == "syr-sdf"
    # a list is no apposition
    ref = resolve("Police arrested members of a militia, the army said.", "militia")
    assert ref is None or ref.actor_id.startswith("nom:")


def test_generic_participant_is_a_nominal_actor(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("Developers will distribute the applications.", "Developers")
    assert ref is not None and ref.resolved_by == "nominal" and ref.actor_id == "nom:developer"


def test_a_title_names_the_person_buried_in_its_of_phrase(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("President of Kenya William Ruto met Yoweri Museveni on Monday.", "President")
    assert ref is not None and ref.resolved_by == "title" and ref.text.endswith("William Ruto")
    assert ref.actor_id.startswith("ner:person:")


def test_an_office_named_with_of_is_one_span(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("The secretary of defense said the strikes had ended.", "secretary")
    assert ref is not None and ref.text == "The secretary of defense"
    ref = resolve("The president of Kenya said the strikes had ended.", "president")
    assert ref is not None and ref.text == "The president"  # a state after "of" is not the office's name


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Russia's defense ministry said the strikes had ended.", "rus"),
        ("The Polish Foreign Ministry condemned the arrest.", "pol"),
        ("Ukraine's Air Force said the drones came from the south.", "ukr"),
    ],
)
def test_a_states_generic_institution_acts_for_the_state(nlp: Language, vocab: actors.ActorVocabulary, text: str, state: str) -> None:
    """The NER takes "defense ministry" or "Air Force" for a name of its own; event data codes
    the state (with a government or military sector), so reports of one act agree on it."""
    doc = nlp(text)
    resolver = actors.ActorResolver(doc, vocab)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    ref = resolver.resolve_head(subject)
    assert ref is not None and ref.actor_id == state


@pytest.mark.parametrize("slip", ["Brexit", "COVID-19"])
def test_a_one_word_person_only_the_ner_vouches_for_is_no_antecedent(
    nlp: Language, vocab: actors.ActorVocabulary, slip: str
) -> None:
    """The small model tags words like "Brexit" or "COVID-19" PERSON; "he" after them is the
    last person named in full, not the slip."""
    doc = nlp(f"Jean Moreau led the talks for France. {slip} changed everything, he said.")
    at = doc.text.index(slip)
    tagged = doc.char_span(at, at + len(slip), label="PERSON")
    assert tagged is not None
    doc.ents = [e for e in doc.ents if e.end <= tagged.start or e.start >= tagged.end] + [tagged]
    res = actors.ActorResolver(doc, vocab)
    ref = res.resolve_head(next(t for t in doc if t.lower_ == "he"))
    assert ref is not None and ref.actor_id == "ner:person:jean-moreau"


def test_they_in_what_a_plural_subject_says_is_that_subject(resolve: Callable[..., ActorRef | None]) -> None:
    """"Militants said they released ...": not the last organisation named before."""
    text = "Reuters reported the siege on Monday. Militants said they released the hostages."
    ref = resolve(text, "they")
    assert ref is not None and ref.actor_id == "nom:militant"


def test_news_outlets_are_media_actors(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("The mayor told VOA that the bridge was closed.", "VOA")
    assert ref is not None and ref.actor_id == "usa-voa"


@pytest.mark.parametrize(("text", "word"), [
    ("The mayor told VOA Albanian that the bridge was closed.", "Albanian"),
    ("\"The vote was rigged,\" the opposition leader told VOA Persian.", "Persian"),
])
def test_an_outlets_service_in_a_language_is_the_outlet(resolve: Callable[..., ActorRef | None], text: str,
                                                         word: str) -> None:
    """"told VOA Albanian": VOA's service, not Albania."""
    ref = resolve(text, word)
    assert ref is not None and ref.actor_id == "usa-voa"


def test_a_peoples_word_after_no_outlet_is_the_people(resolve: Callable[..., ActorRef | None]) -> None:
    ref = resolve("Prime Minister Edi Rama told Albanian reporters the vote was fair.", "Albanian")
    assert ref is not None and ref.actor_id == "alb"


def test_the_dictionary_knows_the_worlds_states(vocab: actors.ActorVocabulary) -> None:
    """A state missing from the dictionary became an NER guess ("Nicaraguan police" a group,
    "Paraguay" an organisation) with no country code to export or merge on."""
    states = [a for a in vocab.actors() if a.actor_type == "state"]
    assert len(states) >= 193
    assert all(a.actor_id == (a.country_code or "").lower() for a in states)


@pytest.mark.parametrize(
    ("word", "state"),
    [("Ugandan", "uga"), ("Managua", "nic"), ("Burkinabe", "bfa"), ("Tashkent", "uzb"), ("Paraguay", "pry"),
     ("Côte d'Ivoire", "civ"), ("Hong Kong", "hkg"), ("Greenlanders", "grl")],
)
def test_names_demonyms_and_capitals_of_the_worlds_states(vocab: actors.ActorVocabulary, word: str, state: str) -> None:
    hit = vocab.lookup(word)
    assert hit is not None and hit[0] == state


def test_an_armed_group_is_a_group_and_takes_no_he(resolve: Callable[..., ActorRef | None]) -> None:
    """The NER types "Boko Haram" a person; the dictionary knows the group, so the "he" of the
    next sentence is the governor, not the group."""
    text = "Governor Ali Musa said Boko Haram attacked the village. He said troops were on the way."
    ref = resolve(text, "Boko")
    assert ref is not None and ref.actor_id == "nga-boko-haram"
    ref = resolve(text, "He")
    assert ref is not None and ref.actor_id != "nga-boko-haram"
    ref = resolve("Al-Shabaab fighters stormed a hotel in Kismayo.", "fighters")
    assert ref is not None and ref.actor_id == "som-al-shabab"
    ref = resolve("VOA spoke to residents. The BLA attacked a train, and the separatist group took hostages.", "group")
    assert ref is not None and ref.actor_id == "pak-bla"


def test_a_name_written_in_lower_case_is_shown_as_a_name(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    # one actor id, one name in every article: "frontier corps" here, "Frontier Corps" elsewhere
    doc = nlp("Four frontier corps personnel were also killed, Chaudhry said.")
    names = {a.actor_id: a.canonical_name for a in actors.ActorResolver(doc, vocab).actors()}
    assert names["ner:organisation:frontier-corps"] == "Frontier Corps"


@pytest.mark.parametrize(("text", "word", "actor"), [
    ("Top diplomats from the Group of Seven urged Russia to accept a truce. The diplomats said more sanctions were possible.",
     "diplomats", "igo-g7"),
    ("Ukrainian officials said the strike killed three people. The officials did not say who fired.", "officials", "ukr"),
    # an earlier mention that names no one leaves the later one as generic as it was
    ("Officials said the strike killed three people. The officials did not say who fired.", "officials", "nom:official"),
])
def test_the_same_plural_noun_again_is_whom_it_named_before(resolve: Callable[..., ActorRef | None], text: str,
                                                              word: str, actor: str) -> None:
    ref = resolve(text, word, -1)
    assert ref is not None and ref.actor_id == actor


@pytest.mark.parametrize(("text", "word", "not_actor"), [
    ("The Congress of South African Trade Unions called for a general strike.", "Congress", "usa-congress"),
    ("The Alliance of Democracies was sanctioned by Beijing this year.", "Alliance", "igo-nato"),
])
def test_an_alias_that_opens_a_longer_name_with_of_is_another_body(resolve: Callable[..., ActorRef | None], text: str,
                                                                   word: str, not_actor: str) -> None:
    ref = resolve(text, word)
    assert ref is None or ref.actor_id != not_actor
