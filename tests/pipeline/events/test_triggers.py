"""Which words are triggers, and of which type: vocabulary verbs and event nouns, context
patterns, light verbs with their event noun (one mention), imperatives and occasions (none)."""

from __future__ import annotations

import pytest

from tests.pipeline.events.conftest import Extract, ids, on


def test_moving_military_forces_is_a_deployment(extract: Extract) -> None:
    (m,) = on(extract("Russia moved troops to Belarus."), "moved")
    assert m.event_type == "MOBILIZE" and ids(m) == ("rus", "blr")
    (m,) = on(extract("Tanks and artillery were moved to the border in March."), "moved")
    assert m.event_type == "MOBILIZE"
    # "move" is not a trigger of its own: moving anything else is no coded event
    assert extract("The company moved its headquarters to Warsaw.") == []


def test_a_threat_one_poses_is_a_quality_and_no_mention(extract: Extract) -> None:
    # "poses a threat" says what the army is, not that it threatened anyone (gate not_a_danger)
    ms = extract("The Belarusian army poses a threat to Ukraine.")
    assert not on(ms, "poses") and not on(ms, "threat")
    ms = extract("Ministers discussed the threat the Belarusian army poses to Ukraine.")
    assert not on(ms, "poses") and not on(ms, "threat")
    (m,) = on(extract("The Belarusian army issued a threat to Ukraine."), "issued")
    assert m.event_type == "THREATEN"


def test_an_event_noun_that_says_what_the_subject_event_was_is_the_same_mention(extract: Extract) -> None:
    ms = extract("The attack on the market was the deadliest assault since 2015.")
    assert on(ms, "attack") and not on(ms, "assault")
    ms = extract("North Korea carried out a missile test on Wednesday. The test was the third such launch this month.")
    assert not on(ms, "launch")


def test_event_noun_with_a_light_participle_is_one_mention(extract: Extract) -> None:
    ms = extract("The store was a breach of the 1991 settlement reached between the two parties.")
    (m,) = on(ms, "reached")
    assert m.event_type == "AGREE" and m.source is not None and m.source.text == "the two parties"
    assert not on(ms, "settlement")


@pytest.mark.parametrize(("text", "trigger", "etype", "source", "target", "noun"), [
    ("The European Union will review the tariffs Beijing imposed on Canadian canola.",
     "imposed", "SANCTION", "chn", "can", "tariffs"),
    ("The sanctions that were imposed on Iran in 2018 remain.", "imposed", "SANCTION", None, "irn", "sanctions"),
    ("Observers criticised the raid that police carried out in the capital.",
     "carried", "COERCE", "nom:police", None, "raid"),
    ("Lawmakers debated the new sanctions the government may impose on Minsk.",
     "impose", "SANCTION", "nom:government", "blr", "sanctions"),
    ("The ministry published the agreement Kyiv signed with Warsaw.", "signed", "AGREE", "ukr", "pol", "agreement"),
])
def test_event_noun_with_a_light_relative_clause_is_one_mention_on_the_verb(
        extract: Extract, text: str, trigger: str, etype: str, source: str | None, target: str | None,
        noun: str) -> None:
    # the clause's subject did the act, not the subject of the verb the noun is the object of
    ms = extract(text)
    (m,) = on(ms, trigger)
    assert m.event_type == etype and ids(m) == (source, target)
    assert not on(ms, noun) and len([x for x in ms if x.event_type == etype]) == 1


def test_a_relative_clause_the_event_noun_is_subject_of_is_no_light_verb(extract: Extract) -> None:
    (m,) = on(extract("The tariffs which took effect on Tuesday hurt exporters."), "tariffs")
    assert m.event_type == "SANCTION"


def test_a_relative_clause_set_off_by_commas_describes_the_act_the_noun_names(extract: Extract) -> None:
    ms = extract("Canada said its tariffs, which are paid by importers, target American steel.")
    assert on(ms, "tariffs") and not on(ms, "paid")


def test_a_light_clause_on_an_occasion_is_no_mention(extract: Extract) -> None:
    # the report is where the figure comes from, not an act of its own
    ms = extract("Rents rose sharply last year, according to a report issued by the Institute of Housing Studies.")
    assert not on(ms, "issued") and not on(ms, "report")


@pytest.mark.parametrize(("text", "trigger", "source", "target"), [
    ("The European Union lifted its embargo on Iran.", "lifted", "igo-eu", "irn"),
    ("The EU agreed to ease sanctions against Belarus.", "ease", "igo-eu", "blr"),
    ("Sanctions on Belarus were relaxed in May.", "relaxed", None, "blr"),
    ("Kyiv welcomed the lifting of US sanctions on Belarus.", "lifting", "usa", "blr"),
    ("Prosecutors in Minsk dropped the charges against Tsikhanouskaya.", "dropped", "blr", "blr-tsikhanouskaya"),
    ("Poland withdrew its lawsuit against Belarus.", "withdrew", "pol", "blr"),
    ("Canada eased some of its sanctions on Venezuela.", "eased", "can", "ven"),
    ("Seoul agreed to scrap its tariffs on Japanese steel.", "scrap", "kor", "jpn"),
])
def test_lifting_a_sanction_or_dropping_a_case_is_one_concession_aimed_at_its_target(
        extract: Extract, text: str, trigger: str, source: str | None, target: str) -> None:
    ms = extract(text)
    (m,) = on(ms, trigger)
    assert m.event_type == "CONCEDE" and ids(m) == (source, target)
    assert not [x for x in ms if x.event_type in {"SANCTION", "ACCUSE"}]


@pytest.mark.parametrize(("text", "trigger", "source"), [
    ("Mexico backed down from its threat to close the border.", "backed", "mex"),
    ("Beijing may back off its demands on Taiwan.", "back", "chn"),
])
def test_backing_down_is_a_concession_not_support(extract: Extract, text: str, trigger: str, source: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.event_type == "CONCEDE" and ids(m)[0] == source


def test_renewing_or_maintaining_a_sanction_is_one_act_on_the_verb(extract: Extract) -> None:
    ms = extract("The EU may renew its sanctions on Belarus in March.")
    (m,) = on(ms, "renew")
    assert m.event_type == "SANCTION" and ids(m) == ("igo-eu", "blr") and m.factuality == "possible"
    assert not on(ms, "sanctions")


def test_filing_a_lawsuit_is_one_accuse_mention(extract: Extract) -> None:
    ms = extract("Chrysler filed a lawsuit against Ford in a Detroit court.")
    (m,) = on(ms, "filed")
    assert m.event_type == "ACCUSE" and m.source is not None and m.source.text == "Chrysler"
    assert not on(ms, "lawsuit")
    # a light verb with a prepositional complement, not an event noun, is an event of its own
    (m,) = on(extract("Ukraine signed with the IMF on Monday."), "signed")
    assert m.event_type == "AGREE" and m.source is not None and m.source.text == "Ukraine"
    assert m.target is not None and m.target.text == "IMF"


def test_event_noun_that_sets_the_scene_is_not_a_mention(extract: Extract) -> None:
    ms = extract("At the annual conference in Vilnius, Lithuania and Poland signed a treaty.")
    assert not on(ms, "conference") and on(ms, "signed")
    ms = extract("According to the Kremlin's statement, Russia deployed troops to Belarus.")
    assert not on(ms, "statement") and on(ms, "deployed")
    # the same noun as a participant-bearing event stays, as one mention with the verb of the
    # same act ("hosted a conference with Poland", "won the election")
    (m,) = extract("Lithuania hosted a conference with Poland in Vilnius.")
    assert m.event_type == "CONSULT" and ids(m) == ("ltu", "pol")
    assert [m.trigger_text for m in extract("Pierre Nkurunziza won the presidential election.")] == ["won"]


@pytest.mark.parametrize(("text", "trigger", "etype"), [
    ("The ceasefire talks resumed in Doha on Monday.", "talks", "CONSULT"),
    ("Analysts said much work remains on a Gaza ceasefire deal.", "deal", "AGREE"),
    ("The protest march drew thousands in Minsk.", "march", "PROTEST"),
])
def test_an_event_noun_naming_the_kind_of_another_is_one_mention_on_the_head(
        extract: Extract, text: str, trigger: str, etype: str) -> None:
    """"ceasefire" says what the talks or the deal are about; the act is the head's."""
    ms = extract(text)
    assert not on(ms, "ceasefire")
    (m,) = on(ms, trigger)
    assert m.event_type == etype


def test_governing_verb_and_imperatives_are_not_events(extract: Extract) -> None:
    ms = extract("Poland began to close the border with Belarus.")
    assert not on(ms, "began") and on(ms, "close")
    assert extract("Follow us on social media and support our work.") == []


def test_a_named_gathering_that_takes_place_is_a_meeting(extract: Extract) -> None:
    (m,) = on(extract("In March 2023, the first Nairobi Peace Forum took place in Kampala."), "took")
    assert m.event_type == "CONSULT"
    assert m.source is not None and "Nairobi Peace Forum" in m.source.text
    ms = extract("In March, the summit between Kenya and Uganda took place in Kampala.")
    assert [m.trigger_text for m in ms] == ["summit"]  # the noun carries the event once


def test_a_definite_general_event_noun_takes_the_type_of_its_antecedent(extract: Extract) -> None:
    ms = extract("North Korea carried out a ballistic missile launch on Monday. Japan condemned the launch.")
    assert [m.event_type for m in on(ms, "launch")] == ["MOBILIZE"]
    ms = extract("Apple announced a product launch. The launch was delayed.")
    assert not on(ms, "launch")  # no coded antecedent, no coded event


def test_welcoming_someone_to_a_place_is_hosting_a_visit(extract: Extract) -> None:
    (m,) = on(extract("The Estonian prime minister welcomed the Moldovan president to Tallinn."), "welcomed")
    assert m.event_type == "CONSULT"
    (m,) = on(extract("The Estonian government welcomed the new sanctions against Belarus."), "welcomed")
    assert m.event_type == "SUPPORT"


@pytest.mark.parametrize(
    ("text", "consult"),
    [
        ("Kenya must turn to Moscow to meet its defense requirements, the minister warned.", False),
        ("The Kenyan government failed to meet the deadline set by the IMF.", False),
        ("The Kenyan president will meet the Ugandan leader in Kampala on Friday.", True),
    ],
)
def test_meeting_a_target_or_a_deadline_is_no_meeting(extract: Extract, text: str, consult: bool) -> None:
    assert bool(on(extract(text), "meet")) == consult


@pytest.mark.parametrize(
    ("text", "trigger", "coded"),
    [
        ("Clinics in the region attract foreign patients, yet charge less.", "charge", False),
        ("The hospital charged higher fees to foreigners.", "charged", False),
        ("Prosecutors charged the mayor with fraud.", "charged", True),
        ("Iran hanged a man convicted of killing a police officer.", "hanged", True),
        ("Protesters hung a banner from the bridge.", "hung", False),
        ("Italian officials said they struck on the idea of a shorter route.", "struck", False),
        ("The Italian crew struck upon a plan to save fuel.", "struck", False),
        ("Russian missiles struck on Monday.", "struck", True),
        # a dispute is a relation between parties, no act; suing over one is an act
        ("Kenya's dispute with Somalia centers on the sea border.", "dispute", False),
        ("The trade dispute hurt spirits makers.", "dispute", False),
        ("Somalia sued Kenya over the sea border dispute.", "sued", True),
    ],
)
def test_a_word_is_an_event_only_in_its_event_sense(extract: Extract, text: str, trigger: str, coded: bool) -> None:
    assert bool(on(extract(text), trigger)) == coded


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("The president fired the army chief on Monday.", "APPOINT"),
        ("Troops fired on the crowd.", "ASSAULT"),
        ("The navy fired two missiles into the sea.", "MOBILIZE"),
    ],
)
def test_firing_an_official_is_a_dismissal_whatever_follows(extract: Extract, text: str, etype: str) -> None:
    (m,) = on(extract(text), "fired")
    assert m.event_type == etype


def test_releasing_a_document_in_a_relative_clause_frees_no_one(extract: Extract) -> None:
    """What a relative participle releases is the noun it modifies: a report, not prisoners."""
    ms = on(extract("According to a U.N. report to be released next month and seen by Reuters, the junta expanded its fleet."), "released")
    assert all(m.event_type != "CONCEDE" for m in ms)


@pytest.mark.parametrize("text, triggers", [
    ("Ethiopia accused Sudan of arming the rebels, a charge Khartoum denied.", ["accused", "arming", "denied"]),
    ("Serbia accused Kosovo of provoking the clashes, an allegation Pristina denies.", ["accused", "clashes", "denies"]),
    # a noun of another kind is no act, and what its clause tells is one
    ("Police arrested the editor, a move the opposition condemned.", ["arrested", "condemned"]),
    ("The parliament ratified the treaty, a decision Moscow criticised on Friday.", ["ratified", "criticised"]),
])
def test_a_noun_that_sums_up_the_clause_before_is_the_same_act(extract: Extract, text: str, triggers: list[str]) -> None:
    assert [m.trigger_text for m in extract(text)] == triggers


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # running is an election only for an office or in a race
        ("Joe Biden ran for president in 2020.", "ran", ["ELECTION"]),
        ("Nurses began a nationwide strike over pay.", "strike", ["PROTEST"]),
        ("Rioters set fire to the governor's office.", "set", ["ASSAULT"]),
        ("Border guards denied entry to the foreign journalists.", "denied", ["COERCE"]),
        ("The two sides reached a ceasefire agreement in Doha.", "reached", ["AGREE"]),
        ("Spain recognized a Palestinian state on Tuesday.", "recognized", ["SUPPORT"]),
        ("The EU must decide on recognizing the country as a strategic rival.", "recognizing", []),
        ("Washington added 12 firms to its trade blacklist.", "added", ["SANCTION"]),
        ("The two countries concluded a trade agreement on Monday.", "concluded", ["AGREE"]),
        ("Beijing cites old maps to back its territorial claims in the sea.", "claims", []),
        ("The minister concluded his visit to Kyiv on Friday.", "concluded", []),
        ("The review concluded that the strike was lawful.", "concluded", []),
        # charging a sum or a share is setting a price, not a charge against someone
        ("The province is charging 25% more for the power it sells to Michigan.", "charging", []),
        ("The airline charged $40 for each extra bag.", "charged", []),
        ("Prosecutors in Kenya charged the senator with fraud.", "charged", ["ACCUSE"]),
        ("Canada has designated the militia as a terrorist organization.", "designated", ["SANCTION"]),
        ("The party designated its deputy leader as his successor.", "designated", ["APPOINT"]),
        ("Washington announced the designation of the militia as a terrorist organization.", "designation",
         ["SANCTION"]),
        ("The U.S. designation comes after months of review.", "designation", []),
        # confirming someone as the holder of an office appoints them; confirming a report says it
        ("The Senate confirmed Maria Lopez as ambassador to Kenya.", "confirmed", ["APPOINT"]),
        ("The ministry confirmed the arrests on Monday.", "confirmed", ["STATEMENT"]),
        # a successor is a person, no act of appointing
        ("The former premier's successor, Lulzim Hoxha, was under pressure from the party.", "successor", []),
        ("The opposition candidate conceded defeat on Monday.", "conceded", ["CONCEDE"]),
        ("Budapest blocked the bloc's aid package for Kyiv.", "blocked", ["REJECT"]),
        ("Minsk dismissed the threats from Warsaw.", "dismissed", ["REJECT"]),
        ("The president dismissed the defence minister.", "dismissed", ["APPOINT"]),
        ("The militia launched dozens of rockets at the airport.", "launched", ["ASSAULT"]),
        ("Inflation reached its highest level in a decade.", "reached", []),
        ("Seoul called the launch a grave threat to the region.", "called", ["ACCUSE"]),
        ("The opposition called the referendum a sham.", "called", ["ACCUSE"]),
        ("The minister called the talks a success.", "called", []),
        ("Air force jets were scrambled after bombers crossed the median line.", "scrambled", ["MOBILIZE"]),
        ("The court issued an arrest warrant for the former minister.", "issued", ["ACCUSE"]),
        ("The junta ordered the UN mission to leave the country.", "ordered", ["REQUEST"]),
        ("The bloc suspended Guinea's membership.", "suspended", ["SANCTION"]),
        # "stage" is a light verb like "hold" ("held talks"): it carries its object's event
        ("Soldiers staged a coup against the president.", "staged", ["COERCE"]),
        ("The army overthrew the elected government.", "overthrew", ["COERCE"]),
        # choosing or naming someone as an office holder appoints them; "as a suspect" does not
        ("The alliance chose Oscar Sovalbarro as its presidential candidate.", "chose", ["APPOINT"]),
        ("Biden named Caroline Kennedy as ambassador to Japan.", "named", ["APPOINT"]),
        ("Police named the driver as a suspect.", "named", []),
        ("The court set a date for the trial.", "set", []),
        # ramming a boat is an attack, ramming a bill through parliament is passing it
        ("Coast guard vessels rammed a fishing boat near the shoal.", "rammed", ["ASSAULT"]),
        ("The ruling party rammed the bill through parliament.", "rammed", []),
        ("Armenia and Azerbaijan swapped 32 prisoners on Friday.", "swapped", ["CONCEDE", "CONCEDE"]),
        # promoting an officer is an appointment, promoting stability is not; forcing people to
        # act is coercion, forcing an issue is not
        ("The army promoted the colonel to general.", "promoted", ["APPOINT"]),
        ("The envoys urged Beijing to promote stability in the region.", "promote", []),
        ("Police forced the protesters to leave the square.", "forced", ["COERCE"]),
        ("The senator wants to force the issue before the election.", "force", []),
        # dismissing findings, or anything as false, rejects it; dismissing a minister is an appointment act
        ("The envoy dismissed the panel's findings as biased.", "dismissed", ["REJECT"]),
        ("The president dismissed the defense minister on Friday.", "dismissed", ["APPOINT"]),
        # fighting an enemy is an attack, fighting corruption or an extradition is not
        ("Government troops fought the rebels near the border.", "fought", ["ASSAULT"]),
        # ... and so is fighting any thing or trend that is neither an actor nor an act (`fighting_verbs`)
        ("The minister vowed to fight the rise of extremism in schools.", "fight", []),
        ("The rebels have been fighting an insurgency against the army since 2012.", "fighting", ["ASSAULT"]),
        ("The new government vowed to fight corruption.", "fight", []),
        ("The former leader is fighting his extradition to the United States.", "fighting", []),
        ("Campaigners have fought for the rights of migrant workers since 2010.", "fought", []),
        ("Teachers were fighting for Amina Bello and for all the girls, the mother said.", "fighting", []),
        ("The rebels fought for control of the airport.", "fought", ["ASSAULT"]),
        # killed in an accident or a disaster is no attack; killed in an attack is
        ("Nine miners were killed in the collapse of the tunnel on Monday.", "killed", []),
        ("Eight villagers were killed by floods in the north.", "killed", []),
        ("Three soldiers were killed in the ambush near the border.", "killed", ["ASSAULT"]),
        # attacking someone for what they did or said criticises them; attacking a convoy for hours is an attack
        ("The senator attacked the central bank for refusing to cut rates.", "attacked", ["ACCUSE"]),
        ("Opposition leaders attacked the minister for her remarks on migrants.", "attacked", ["ACCUSE"]),
        ("Rebels attacked the convoy for the second time in a week.", "attacked", ["ASSAULT"]),
        # settling a dispute is an agreement, settling in a city is not
        ("Many migrants settled in Houston in the 1990s.", "settled", []),
        ("Some voters told reporters they agree with the removal of the deputy president.", "agree", []),
        # protesters gathering and people taking to the streets protest
        ("Thousands took to the streets of the capital on Saturday.", "took", ["PROTEST"]),
        ("Hundreds of demonstrators gathered outside parliament.", "gathered", ["PROTEST"]),
        ("Foreign ministers gathered in Geneva for the conference.", "gathered", []),
        ("The minister took the issue to the courts.", "took", []),
        ("The navy fired three rockets at the port.", "fired", ["ASSAULT"]),
        ("The navy fired three rockets into the sea.", "fired", ["MOBILIZE"]),
        ("The navy launched two cruise missiles on Friday.", "launched", ["MOBILIZE"]),
        ("Guards opened fire on the marchers.", "opened", ["ASSAULT"]),
        ("The board fired the bank's chairman.", "fired", ["APPOINT"]),
        ("The guards fired warning shots into the air.", "fired", []),
        ("Rebels and soldiers exchanged fire near the airport.", "exchanged", ["ASSAULT", "ASSAULT"]),
        ("Vilnius summoned the Belarusian envoy over the incident.", "summoned", ["ACCUSE"]),
        ("The military council dissolved all political parties.", "dissolved", ["COERCE"]),
        ("Mr. Obi was sworn in as governor on Monday.", "sworn", ["APPOINT"]),
        # verbs of the vocabulary, among them a past tense the lemmatiser leaves as it is
        ("Militia fighters retook the airport.", "retook", ["ASSAULT"]),
        ("The assembly impeached the governor.", "impeached", ["ACCUSE"]),
        # a pattern's words match the lemma or the form: "relations" is lemmatised "relation"
        ("Ecuador suspended relations with Mexico.", "suspended", ["SANCTION"]),
        ("Niger cut ties with France.", "cut", ["SANCTION"]),
        ("Oman and Qatar restored diplomatic ties in May.", "restored", ["AGREE"]),
        ("The engineers restored power to the city.", "restored", []),
        ("Norway mediated between the government and the rebels.", "mediated", ["CONSULT", "CONSULT"]),
        ("Rebels denounced the missile strike on the depot.", "strike", ["ASSAULT"]),
        # a protest a government lodges is a complaint, a crowd's protest a demonstration
        ("Beijing lodged a formal protest with Washington.", "protest", ["ACCUSE"]),
        ("Moscow sent a diplomatic protest to Helsinki.", "protest", ["ACCUSE"]),
        ("Thousands of students joined the protest in Tbilisi.", "protest", ["PROTEST"]),
        # going to the polls is voting; a share of the vote is a tally
        ("Voters in Ecuador went to the polls on Sunday.", "went", ["ELECTION"]),
        ("Noboa won 55 percent of the vote.", "vote", []),
        ("The opposition won a majority of the votes.", "votes", []),
        # signing a player hires them; signing a treaty agrees it
        ("The club signed the Brazilian striker for 60 million euros.", "signed", []),
        ("Chile signed a trade agreement with India.", "signed", ["AGREE"]),
        # a strike working people are on or do is a protest; striking someone is an attack
        ("The strike by railway workers entered its second week.", "strike", ["PROTEST"]),
        ("The pilots' strike grounded dozens of flights.", "strike", ["PROTEST"]),
        ("Postal employees struck for two days in March.", "struck", ["PROTEST"]),
        ("Farmers struck the police officer with a stick.", "struck", ["ASSAULT"]),
        ("Airport staff went on strike over pay.", "strike", ["PROTEST"]),
        ("Tom Smith ran for his life after the blast.", "ran", []),
        # a vote of a body on a bill or a measure, or to do something, is its decision
        ("The U.S. Senate will vote on sanctions against Turkey.", "vote", []),
        ("The Georgian parliament voted to suspend the treaty.", "voted", []),
        ("The Georgian parliament voted against the bill.", "voted", []),
        # kicking or throwing someone out is an expulsion
        ("The government kicked the journalists out of the country.", "kicked", ["COERCE"]),
        ("The junta will throw the foreign reporters out.", "throw", ["COERCE"]),
        ("Police kicked the protester in the head.", "kicked", ["ASSAULT"]),
        # forces are dispatched or relocated; coffins, families and factories are not
        ("The governor dispatched two police battalions to the port.", "dispatched", ["MOBILIZE"]),
        ("The hospital dispatched ambulances and coffins to the station.", "dispatched", []),
        ("The carmaker will relocate its factories to Mexico.", "relocate", []),
        # conferring with someone is consulting; conferring an honour on someone is not
        ("The Kenyan minister conferred with the Ugandan envoy in Kampala.", "conferred", ["CONSULT"]),
        ("Kenya conferred its highest honour on the Ugandan president.", "conferred", []),
        # talking with someone is consulting; talking about a topic is not
        ("\"We are not talking about the refugees,\" the Kenyan minister said.", "talking", []),
        ("Buyers want hybrids, the Chinese dealer said, talking about his own business.", "talking", []),
        ("The talks about the border resumed in Minsk on Monday.", "talks", ["CONSULT"]),
        ("The mayor said he would talk the traders into selling other goods.", "talk", []),
        # writing with nothing written, to no one and nowhere is an activity
        ("Many Afghan women still write and paint.", "write", []),
        # a titled agreement in running text is a document; a titled summit is a meeting
        ("Warsaw praised the 2020 Enhanced Defense Cooperation Agreement which supports the rotation of U.S. forces.",
         "Agreement", []),
        ("The organization concluded a Democracy Summit in Copenhagen this week.", "Summit", ["CONSULT"]),
        ("\"We will win,\" Zelensky wrote.", "wrote", ["STATEMENT"]),
        # talk alone is speech or rumour; a talk with someone is a meeting
        ("Analysts say the proposals from Beijing are just talk.", "talk", []),
        ("Putin held a talk with Lukashenko on Monday.", "held", ["CONSULT"]),
        # a disease claiming lives says nothing; a claim to a sea is no statement
        ("The outbreak has spread to 13 countries, claiming more than 500 lives.", "claiming", []),
        ("China uses its coast guard to fortify its claim over the sea.", "claim", []),
        ("China uses a U-shaped line to demarcate its claims in the South China Sea.", "claims", []),
        ("The rebels claimed that they had taken the airport.", "claimed", ["STATEMENT"]),
        ("Many islanders argue the kingdom has never had a rightful claim to their homeland.", "had", []),
        ("Kenya claimed to the United Nations that its troops had left.", "claimed", ["STATEMENT"]),
        ("Brunei, Malaysia and Vietnam claim parts of the sea.", "claim", []),
        # warning of a danger, or experts warning, says something; warning someone threatens
        ("The UN warned of famine in Darfur.", "warned", ["STATEMENT"]),
        ("Climate Talks Must Speed Up, Scientists Warn", "Warn", ["STATEMENT"]),
        ("The army warned protesters that it would use force.", "warned", ["THREATEN"]),
        # a warning that something else will happen says it; that the warner will act threatens
        ("The senator warns that such measures could embolden the president.", "warns", ["STATEMENT"]),
        ("Officials cited concerns, warning that the drought is hurting farmers.", "warning", ["STATEMENT"]),
        ("Moscow warned that it would respond with force.", "warned", ["THREATEN"]),
        ("Minsk warned that Belarusian troops would cross the border.", "warned", ["THREATEN"]),
        ("The general warned that the attackers will not be spared.", "warned", ["THREATEN"]),
        ("Washington warned that sanctions would follow.", "warned", ["THREATEN"]),
        # ... but an act of others, named by its parties or told as a clause, is what is warned of
        ("Seoul warned that the deployment of troops by Pyongyang would destabilize the region.", "warned", ["STATEMENT"]),
        ("Tokyo warned that expanding military ties with Moscow is dangerous.", "warned", ["STATEMENT"]),
        # "train" before an event noun is a train
        ("Kabul rejects link to train attack in Balochistan", "train", []),
        ("Russia trained Belarusian troops near Brest.", "trained", ["SUPPORT"]),
        # hitting someone with tariffs is a sanction; hitting the port with missiles a blow
        ("Washington hit Beijing with new tariffs on steel.", "hit", ["SANCTION"]),
        ("Russia hit the port of Odesa with missiles.", "hit", ["ASSAULT"]),
        # demand for energy is a market's; demands of a side are requests
        ("Poland's growing energy demand worries Brussels.", "demand", []),
        ("Vilnius rejected the demands of Minsk.", "demands", ["REQUEST"]),
        # a charge raised or paid is a price; charges brought are accusations
        ("Ontario will raise the charge on power it sells to Michigan.", "charge", []),
        ("Prosecutors brought charges against Navalny.", "charges", ["ACCUSE"]),
        # a claim one has or lays is a title; one makes a claim by saying it
        ("Saudi Arabia has no claim in the gulf, but it backs its neighbours.", "has", []),
        ("Both countries hold competing claims along the river.", "hold", []),
        ("The minister made a claim that the border was closed.", "made", ["STATEMENT"]),
        ("China claims the islands and the reefs around them.", "claims", []),
        ("Vietnam claims about 40% of the disputed waters.", "claims", []),
        # exchanging words is no release; exchanging prisoners is
        ("Turkey had been exchanging angry barbs with France.", "exchanging", []),
        ("Russia exchanged 150 prisoners of war with Ukraine on Friday.", "exchanged", ["CONCEDE"]),
        # a war of trade or of words is a rivalry
        ("The American people did not start this trade war with Canada.", "war", []),
        ("The two ministers waged a war of words over the dam.", "war", []),
        # occupying a position or an area of life is holding it; occupying a town is an attack
        ("The Chinese Texans occupied a gray area under the segregation laws.", "occupied", []),
        ("Russian troops occupied the town of Kupiansk in March.", "occupied", ["ASSAULT"]),
        ("Police cracked down on opposition supporters in Minsk.", "cracked", ["COERCE"]),
        # settling somewhere is making a home there
        ("Thailand would not let the Uyghur detainees settle elsewhere.", "settle", []),
        ("The two companies settled on Monday after years in court.", "settled", ["AGREE"]),
        ("The Kenyan minister talked with the Ugandan envoy about the border.", "talked", ["CONSULT"]),
        # a reporter's request for comment is no political request
        ("Iran's Foreign Ministry did not reply to an email from Reuters requesting comment.", "requesting", []),
        ("The two governments have ignored Reuters requests for comment.", "requests", []),
        # concluding that something is so is a finding
        ("The army's assessment concluded that the airstrike killed two militants.", "concluded", []),
        ("Kyiv and Warsaw concluded an agreement on grain.", "concluded", ["AGREE"]),
        # adding or continuing what one says is a statement
        ("Austin added that the troops were ready.", "added", ["STATEMENT"]),
        ("\"We are ready,\" Austin continued.", "continued", ["STATEMENT"]),
        ("The company added 2,000 jobs in Warsaw.", "added", []),
        # seeking something from someone, pressing someone to act
        ("Ukraine has urgently sought more air defence systems from its Western allies.", "sought", ["REQUEST"]),
        ("The students planned to press the government to cancel the law.", "press", ["REQUEST"]),
        # dispersing people is a coercion; a crowd dispersing goes home
        ("Police in Nairobi used tear gas to disperse protesters on Tuesday.", "disperse", ["COERCE"]),
        ("The rally in Minsk was dispersed by riot police.", "dispersed", ["COERCE"]),
        ("The crowd dispersed peacefully after the speech.", "dispersed", []),
        # responding with or by an act is that act; responding to questions is a statement
        ("Israel responded with airstrikes on Gaza.", "responded", []),
        ("Iran responded by firing missiles at Israel.", "responded", []),
        ("The ministry responded to questions from reporters.", "responded", ["STATEMENT"]),
        # seizing on something is making use of it
        ("His remarks are likely to be seized on by nationalist populists.", "seized", []),
        ("The opposition seized on the minister's remarks.", "seized", []),
        ("Police seized the weapons on Monday.", "seized", ["COERCE"]),
        ("The town was seized on Monday by the rebels.", "seized", ["COERCE"]),
        # holding someone responsible, recognising someone's efforts
        ("Kyiv held Moscow responsible for the attack.", "held", ["ACCUSE"]),
        ("Austin recognized Poland's efforts to modernise its army.", "recognized", ["SUPPORT"]),
        # taking someone into custody is an arrest
        ("Soldiers took three journalists into custody near the border.", "took", ["COERCE"]),
        # giving, sending or pledging relief is aid; sending a message is not
        ("Japan sent humanitarian aid to Turkey after the earthquake.", "sent", ["SUPPORT"]),
        ("The charity delivered medicines and blankets to the camp.", "delivered", ["SUPPORT"]),
        ("Norway pledged 200 million kroner in aid to Sudan.", "pledged", ["SUPPORT"]),
        ("The Netherlands provided Ukraine with F-16 jets.", "provided", ["SUPPORT"]),
        ("The minister sent a message to the conference.", "sent", []),
        # blowing up or sinking what another owns is an attack; a tyre blowing up, shares sinking are not
        ("Saboteurs blew up the railway bridge overnight.", "blew", ["ASSAULT"]),
        ("Ukrainian drones sank a Russian patrol boat near Crimea.", "sank", ["ASSAULT"]),
        ("The car blew up in the heat.", "blew", []),
        ("Shares of the carmaker sank 5 percent.", "sank", []),
        ("Hardliners tried to sabotage the peace talks.", "sabotage", []),
        # attacking what someone decided or said criticises them; a court striking down a law rejects it
        ("The senator attacked the governor's budget plan as reckless.", "attacked", ["ACCUSE"]),
        ("The mayor attacked the minister over his handling of the floods.", "attacked", ["ACCUSE"]),
        ("Rebels attacked the convoy over the weekend.", "attacked", ["ASSAULT"]),
        ("The constitutional court struck down the ban on protests.", "struck", ["REJECT"]),
        # declaring an emergency restricts; suspending a paper's licence silences it; protesters
        # blocking a road protest
        ("Peru declared a state of emergency in the capital.", "declared", ["COERCE"]),
        ("The regulator suspended the newspaper's license for a month.", "suspended", ["COERCE"]),
        ("Demonstrators blocked the main bridge into the city.", "blocked", ["PROTEST"]),
        ("The army declared martial law in three provinces.", "declared", ["COERCE"]),
        ("The WHO declared the outbreak a global health emergency.", "declared", ["STATEMENT"]),
        # walking out in protest or off the job protests; walking out of a hospital does not
        ("Opposition lawmakers walked out of parliament in protest.", "walked", ["PROTEST"]),
        ("Dock workers walked off the job on Monday.", "walked", ["PROTEST"]),
        ("The patient walked out of the hospital on Monday.", "walked", []),
        # closing a border crossing or a checkpoint to a neighbour sanctions it; a shop closing does not
        ("Poland closed its last border crossing with Belarus.", "closed", ["SANCTION"]),
        ("The shop closed its doors for good.", "closed", []),
        # stepping back from a role is no retreat of forces
        ("The former premier has retreated from public life since his defeat.", "retreated", []),
        ("Rebel fighters retreated from the town on Sunday.", "retreated", ["RETREAT"]),
        # tourists visiting a country travel; an envoy visiting it meets its government
        ("Nearly two million German tourists visited Spain last summer.", "visited", []),
        ("The German chancellor visited Spain last summer.", "visited", ["CONSULT"]),
        # slaughtering animals is farming
        ("Farmers slaughtered thousands of pigs after the outbreak.", "slaughtered", []),
    ],
)
def test_context_patterns_type_the_trigger(extract: Extract, text: str, trigger: str, expected: list[str]) -> None:
    """The conditioned triggers of schemas/event_types.yaml (`patterns:`), one example each way."""
    assert [m.event_type for m in on(extract(text), trigger)] == expected


def test_the_speaker_who_adds_is_the_source(extract: Extract) -> None:
    (m,) = on(extract("\"We are ready,\" Austin continued."), "continued")
    assert m.source is not None and m.source.text == "Austin"


def test_speaking_by_phone_is_a_consultation(extract: Extract) -> None:
    (m,) = on(extract("Zelenskyy and Macron spoke by phone on Monday."), "spoke")
    assert m.event_type == "CONSULT" and set(ids(m)) == {"ukr-zelenskyy", "fra-macron"}


@pytest.mark.parametrize(("text", "trigger", "etype", "source", "target"), [
    ("Gunmen assassinated the mayor of a mountain town on Sunday.", "assassinated", "ASSAULT", "nom:gunman", "nom:mayor"),
    ("A mob lynched two men accused of theft.", "lynched", "ASSAULT", "nom:mob", "nom:man"),
    ("Militiamen slaughtered dozens of villagers overnight.", "slaughtered", "ASSAULT", "nom:militiaman", "nom:villager"),
    ("Russian forces besieged the city for three months.", "besieged", "ASSAULT", "rus", None),
    ("Rebels overran an army base in the north.", "overran", "ASSAULT", "nom:rebel", "nom:army"),
    ("Rioters looted shops and ransacked offices.", "ransacked", "ASSAULT", "nom:rioter", None),
    ("Unknown attackers sabotaged a railway line.", "sabotaged", "ASSAULT", "nom:attacker", None),
    ("Vandals defaced a memorial in the capital.", "defaced", "ASSAULT", "nom:vandal", None),
    ("Hackers hacked the email accounts of three ministers.", "hacked", "ASSAULT", "nom:hacker", None),
    ("Pirates hijacked a cargo ship off the coast.", "hijacked", "COERCE", "nom:pirate", None),
    ("The navy blockaded the rebel-held port for a month.", "blockaded", "COERCE", "nom:navy", None),
    ("Police harassed journalists outside the court.", "harassed", "COERCE", "nom:police", "nom:journalist"),
    ("The militants flogged two men in public.", "flogged", "COERCE", "nom:militant", "nom:man"),
])
def test_violent_and_coercive_acts_of_every_kind_are_coded(
        extract: Extract, text: str, trigger: str, etype: str, source: str, target: str | None) -> None:
    # killing a named person, lynching, sieges, looting, sabotage, break-ins into computers,
    # hijacking, harassment: acts the news reports in every conflict, with their doers
    (m,) = on(extract(text), trigger)
    assert m.event_type == etype and ids(m)[0] == source
    assert target is None or ids(m)[1] == target


@pytest.mark.parametrize(("text", "noun", "etype"), [
    ("The siege of the port city lasted 80 days.", "siege", "ASSAULT"),
    ("The cyberattack by pro-Russian hackers disrupted Danish websites.", "cyberattack", "ASSAULT"),
    ("Police are investigating the arson at the mosque.", "arson", "ASSAULT"),
    ("Reporters described the harassment of their colleagues.", "harassment", "COERCE"),
])
def test_nouns_of_violent_and_coercive_acts_are_triggers(extract: Extract, text: str, noun: str, etype: str) -> None:
    assert [m.event_type for m in on(extract(text), noun)] == [etype]
