"""Factuality of a mention: asserted, negated, possible, planned or reported, from the
cues of its own clause and of the clauses that govern it."""

from __future__ import annotations

import pytest

from tests.pipeline.events.conftest import Extract, on


@pytest.mark.parametrize(
    ("text", "trigger", "factuality"),
    [
        ("Kyiv won't arm the Belarusian volunteers.", "arm", "negated"),
        # an act in a package goes with the package: a vetoed package was not adopted
        ("Hungary vetoed the EU sanctions package.", "sanctions", "negated"),
        ("Ukraine did not sign the agreement with Belarus.", "sign", "negated"),
        # an object that denies any: nothing said, no sanctions imposed
        ("The ministry has said nothing about the detained sailors.", "said", "negated"),
        ("The council imposed no new sanctions on Minsk.", "imposed", "negated"),
        ("Minsk may expel the Ukrainian diplomats.", "expel", "possible"),
        ("Zelenskyy will visit Warsaw next week.", "visit", "planned"),
        ("Poland plans to close the border with Belarus.", "close", "planned"),
        ("The Kremlin claimed to have deployed missiles to Belarus.", "deployed", "reported"),
        ("According to Ukrainian intelligence, Russia moved troops to Belarus.", "moved", "reported"),
        ("Lukashenka hosted Denis Pushilin in Minsk.", "hosted", "asserted"),
        ("Although Belarusian diplomats withdrew from Ukraine, relations did not collapse.", "withdrew", "asserted"),
        ("A visit by Tsikhanouskaya to Kyiv remains unlikely.", "visit", "possible"),
        ("Lukashenko said he would meet Putin in Minsk.", "meet", "planned"),
        # a decision or effort verb is no mention: its coded complement is, with the verb's modality
        ("Lithuania is planning to expel Belarusian diplomats.", "expel", "planned"),
        ("Kyiv has sought to expel Belarusian diplomats.", "expel", "possible"),
        # a hope is not a plan, whatever its own clause says ("hopes" is read as "hope", not "hop")
        ("She hopes that Russia will withdraw its troops from the border.", "withdraw", "possible"),
        ("They hoped Minsk would release the prisoners.", "release", "possible"),
        # a threatened act is conditional: the threat is the event, the act is possible
        ("Minsk threatened to shell the border villages.", "shell", "possible"),
        # ruling out undoes an act; not ruling it out leaves it possible
        ("Lisbon ruled out sanctions against the junta.", "sanctions", "negated"),
        ("Lisbon has not ruled out sanctions against the junta.", "sanctions", "possible"),
        # an event noun that is cancelled or called off did not take place
        ("The envoy's visit to Riga was cancelled.", "visit", "negated"),
        ("The talks with the rebels were called off.", "talks", "negated"),
        # a yes/no question asks whether the act happened; a question word presupposes it
        ("Did the navy shell the harbour?", "shell", "possible"),
        ("Why did the navy shell the harbour?", "shell", "asserted"),
        # the consequence of a condition is possible; what someone denies is reported, not asserted
        ("If the rebels attack the port, the navy will shell their positions.", "shell", "possible"),
        ("Minsk threatened retaliation if the sanctions are imposed.", "threatened", "asserted"),
        ("If Moscow attacks, the alliance will respond, the minister said.", "respond", "possible"),
        ("The Council rejected the proposal to sanction Iran.", "sanction", "possible"),
        ("This abuse must be rejected to protect the Council's credibility.", "protect", "possible"),
        ("Poland refused to help Ukraine.", "help", "negated"),
        ("Turkey is eyeing an agreement with Egypt.", "agreement", "possible"),
        # a clause a later noun sums up is the main clause, not what the later verb denies
        ("Ethiopia accused Sudan of arming the rebels, a charge Khartoum denied.", "accused", "asserted"),
        ("Ethiopia accused Sudan of arming the rebels, a charge Khartoum denied.", "arming", "reported"),
        ("Kyiv said Minsk had moved troops to the border.", "moved", "reported"),
        # what a report says happened is its claim, confirmed or denied
        ("Tehran denied reports that it had arrested three French tourists.", "arrested", "reported"),
        # the consequence of a condition written without "if" is possible, not planned
        ("Should the talks fail, the army will shell the port.", "shell", "possible"),
        # what a source confirms is its claim; what no one confirms is in doubt
        ("Officials confirmed that the army had shelled the port.", "shelled", "reported"),
        ("The ministry did not confirm that rebels had attacked the convoy.", "attacked", "possible"),
        ("Neither side has confirmed the talks took place.", "talks", "possible"),
        ("Reporters could not verify the claims.", "claims", "asserted"),
        # a time left to act: not done yet
        ("Serbia has until Friday to respond to the request.", "respond", "possible"),
        # what is offered waits on the other side's answer
        ("Qatar offered to mediate between the army and the rebels.", "mediate", "possible"),
        ("Oslo has offered its mediation in the border dispute with Sweden.", "mediation", "possible"),
        ("The government suspended its accession talks with the EU.", "talks", "negated"),
        ("The five detainees face the risk of being deported to China.", "deported", "possible"),
        ("Diplomats raised the prospect of talks with the rebels.", "talks", "possible"),
        ("The EU is weighing new sanctions on Iran.", "sanctions", "possible"),
        ("Sanctions laws prevent relief agencies to negotiate with armed groups.", "negotiate", "negated"),
        ("Asked if the army would withdraw, the minister said it would stay.", "said", "asserted"),
        ("The governor denied that soldiers had beaten the traders.", "beaten", "reported"),
        # an act postponed is still to come
        ("The commission postponed the vote until June.", "vote", "planned"),
        ("The summit in Nairobi was postponed until July.", "summit", "planned"),
        ("The judge ordered the release of the journalist.", "release", "possible"),
        # what someone is prevented or banned from doing is not done
        ("Police prevented the activists from marching to the ministry.", "marching", "negated"),
        # an act someone has yet to do is not done; nor is one neither side did
        ("The rebels have yet to release the hostages.", "release", "negated"),
        ("Neither group has claimed responsibility for the bombing.", "claimed", "negated"),
        # what someone denies doing is their claim, not a fact either way
        ("Tehran denied supplying drones to the militia.", "supplying", "reported"),
        ("Kenya denied the attack on the border post.", "attack", "reported"),
        ("Moscow denies involvement in the attack on the pipeline.", "attack", "asserted"),
        # what one fights or campaigns to do is striven for, not done
        ("The rebels are fighting to overthrow the government.", "overthrow", "possible"),
        # whether an act took place is open; a condition on a told act leaves it in doubt
        ("Officials have not confirmed whether the raid took place.", "raid", "possible"),
        ("If the talks fail, the offensive will resume.", "talks", "asserted"),
        ("If confirmed, the airstrike would be the deadliest of the war.", "airstrike", "possible"),
        ("A new UN report warns of famine in the region if the fighting continues.", "warns", "asserted"),
        # a negation on a focus particle leaves the act done
        ("Police did not just detain the protesters; they beat them.", "detain", "asserted"),
        ("Russia did not attack Kyiv alone; it also struck Lviv.", "attack", "asserted"),
        ("Kyiv did not attack the bridge.", "attack", "negated"),
        ("The two sides simply are not talking to each other.", "talking", "negated"),
        # a report rejected was made all the same
        ("The government rejected the report.", "report", "asserted"),
        ("A spokesperson declined comment.", "comment", "negated"),
        ("The referendum is scheduled for May.", "referendum", "planned"),
        # what one agrees to do is still to come
        ("Russia agreed to hold talks with Ukraine.", "hold", "planned"),
        # a vote moved to another day has not been held yet
        ("The vote was pushed from September 25 to Friday.", "vote", "planned"),
        ("The election was moved to November.", "election", "planned"),
        ("The summit in Nairobi was held on Monday.", "summit", "asserted"),
        ("The sanctions on Minsk are aimed at its potash exports.", "sanctions", "asserted"),
        # an act permitted is not done
        ("The court authorized police to detain the strikers.", "detain", "possible"),
        # a passive infinitive on a noun is still to come, unless it ranks acts done
        ("The summit, to be hosted by Turkey in May, will focus on grain.", "hosted", "planned"),
        ("The first summit to be hosted by Turkey took place in May.", "hosted", "asserted"),
        # an infinitive on a noun of intent is not done, and the noun's own clause still counts
        ("Poland announced plans to expel Belarusian diplomats.", "expel", "planned"),
        ("The minister did not think the crisis would affect plans to expel Belarusian diplomats.", "expel", "planned"),
        # a finite conjunct keeps its own polarity; a bare one shares the negated auxiliary
        ("Minsk does not recognize the border, and accused Kyiv of shelling it.", "accused", "asserted"),
        ("Ukraine did not sign or ratify the agreement with Belarus.", "ratify", "negated"),
        # a past clause of its own under a future one was told, not planned
        ("Washington will keep up the pressure on Iran, as Tehran rejected its offer of talks.", "rejected", "asserted"),
        ("Washington will lift the sanctions after Tehran signs the deal.", "signs", "planned"),
        ("Analysts said Moscow will react, although Kyiv rejected the offer on Monday.", "rejected", "reported"),
    ],
)
def test_factuality(extract: Extract, text: str, trigger: str, factuality: str) -> None:
    ms = on(extract(text), trigger)
    assert ms, f"no mention on {trigger!r}"
    assert {m.factuality for m in ms} == {factuality}


def test_event_noun_subject_takes_the_modality_of_its_predicate(extract: Extract) -> None:
    (m,) = on(extract("The first meeting of the two presidents may take place in March."), "meeting")
    assert m.factuality == "possible"
    (m,) = on(extract("The withdrawal of Russian troops will be delayed until October."), "withdrawal")
    assert m.factuality == "planned"
    (m,) = on(extract("Tsikhanouskaya is slated for a visit to Kyiv on June 24."), "visit")
    assert m.factuality == "planned"


def test_a_quoted_first_person_act_is_done_by_saying_it(extract: Extract) -> None:
    (m,) = on(extract('"We strongly condemn the arrest of the journalists," said Senator Mary Clark.'), "condemn")
    assert m.factuality == "asserted"
    (m,) = on(extract('"We will not condemn the arrest," said Senator Mary Clark.'), "condemn")
    assert m.factuality == "negated"
    (m,) = on(extract('"Kenya condemns the arrest of the journalists," said Senator Mary Clark.'), "condemns")
    assert m.factuality == "reported"


def test_an_event_noun_subject_inside_a_claim_is_reported(extract: Extract) -> None:
    (m,) = on(extract("Kenya's president said the attack by the rebels shows their weakness."), "attack")
    assert m.factuality == "reported"
    (m,) = on(extract("The attack by the rebels shows their weakness."), "attack")
    assert m.factuality == "asserted"


@pytest.mark.parametrize(
    ("text", "trigger", "factuality"),
    [
        ("The United States urged the Belarusian government to release the prisoners.", "release", "possible"),
        ("The protesters demanded the release of the journalists.", "release", "possible"),
        ("The crowd called for his immediate release.", "release", "possible"),
        # striving for an act is asking for it
        ("His family has pushed for the release of the journalist.", "release", "possible"),
        ("Activists lobbied for the release of the prisoners.", "release", "possible"),
        ("Belarus released the prisoners after Kenya urged it.", "released", "asserted"),
        # calling a meeting convenes it; calling for one asks for it (`convening`)
        ("France called an emergency meeting of the Security Council on Tuesday.", "meeting", "asserted"),
        ("Ukraine called for an emergency meeting of the Security Council.", "meeting", "possible"),
    ],
)
def test_an_act_asked_for_is_possible(extract: Extract, text: str, trigger: str, factuality: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.factuality == factuality


@pytest.mark.parametrize(
    ("text", "trigger", "factuality"),
    [
        # a subject that denies any participant
        ("Officials said no civilians were injured or killed in the strike.", "killed", "negated"),
        ("Officials said no civilians were injured or killed in the strike.", "strike", "reported"),
        # a claim covers its subordinate clauses too
        ("Klitschko said Monday's attack killed one person, while damaging several apartment blocks.", "damaging", "reported"),
        ("Russia attacked Kyiv on Monday.", "attacked", "asserted"),
    ],
)
def test_negative_subjects_and_claims(extract: Extract, text: str, trigger: str, factuality: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.factuality == factuality



@pytest.mark.parametrize("text, trigger", [
    ("Foreign Minister to Visit Warsaw Next Week", "Visit"),
    # parsed as a noun the infinitive describes, with no verb to govern it: the same plan
    ("Scholz to visit Washington next week", "visit"),
    ("Chile's President to Visit Peru, Bolivia to Discuss Water Rights", "Visit"),
])
def test_a_headline_infinitive_is_a_plan(extract: Extract, text: str, trigger: str) -> None:
    for m in on(extract(text), trigger):
        assert m.factuality == "planned"
    assert on(extract(text), trigger)


def test_an_infinitive_describing_a_noun_in_a_sentence_is_no_headline(extract: Extract) -> None:
    (m,) = on(extract("The envoy who was sent to visit Warsaw met the minister."), "met")
    assert m.factuality == "asserted"


def test_an_act_called_for_is_possible(extract: Extract) -> None:
    (m,) = on(extract("Protesters rallied with calls for the president to resign."), "resign")
    assert m.factuality == "possible"
    # the parser hangs "with them to ..." on the pleading as an adjunct
    (m,) = on(extract("Traders are pleading with officials on both sides to drop the restrictions."), "drop")
    assert m.factuality == "possible"


@pytest.mark.parametrize(("text", "trigger", "factuality"), [
    # a clause "when" opens is one of its own, though the parser makes "when" its adverb: the
    # main clause's negation does not reach it
    ("When police raided the office, they did not find the documents.", "raided", "asserted"),
    ("When reporters asked the ministry about the arrests, it did not respond.", "arrests", "asserted"),
    # an act "any" picks out, one warned against or only supposed to happen is not told
    ("Any attack on Estonia would bring a joint response from its allies.", "attack", "possible"),
    ("The minister warned against any deployment of foreign troops.", "deployment", "possible"),
    ("Moscow warned Chisinau against joining the European Union.", "joining", "possible"),
    ("Kyiv and Minsk were supposed to hold talks in May.", "hold", "possible"),
    # what one threatens to do is not done
    ("Ankara backed down from its threat to close the airspace.", "close", "possible"),
    # what someone was hired, paid or recruited for was meant, not done as far as the clause says
    ("Prosecutors say the men hired a hitman to kill the journalist.", "kill", "possible"),
    ("The mayor paid gang members to attack the newspaper's office.", "attack", "possible"),
    ("Police say the suspect was paid to bomb the embassy.", "bomb", "possible"),
    ("The group recruited teenagers to attack police stations.", "attack", "possible"),
    ("The mayor paid the workers after they attacked the office.", "attacked", "asserted"),
    # what one may answer was done: the modality is the answer's ("any" attack is not told); what
    # one will answer may be to come
    ("Beijing could respond to Washington's restrictions on chip exports.", "restrictions", "asserted"),
    ("Moscow may retaliate for Kyiv's attack on the bridge.", "attack", "asserted"),
    ("Moscow may retaliate for any attack by Kyiv on the bridge.", "attack", "possible"),
    ("It is hard to predict how Manila will react to the minister's visit.", "visit", "planned"),
    # not hesitating to act is acting
    ("Minsk did not hesitate to criticise Kyiv.", "criticise", "asserted"),
    ("Ukraine will not hesitate to strike Russia.", "strike", "planned"),
    # a clause of its own keeps its polarity: a free relative, a complement a wh-word opens,
    # an act a quoted answer is hung on
    ("Lukashenko was not pleased with what happened on his trip to Moscow.", "trip", "asserted"),
    ("Kyiv is not what Moscow says it is.", "says", "asserted"),
    ('"Absolutely not," Lukashenko said.', "said", "asserted"),
    # an attitude to an act, or abiding by it, is not the act ("was not supportive of the meeting")
    ("Minsk was not supportive of Friday's summit in Vilnius.", "summit", "asserted"),
    ("Minsk does not recognize the presidential election in Lithuania.", "election", "asserted"),
    # what is stopped was going on, whatever is said of the stopping
    ("Moscow halted its air strikes on Kharkiv.", "strikes", "asserted"),
    ("The navy will fire again if the rebels do not end their attacks on tankers.", "attacks", "asserted"),
    ("The army stopped shelling the villages near Goma.", "shelling", "asserted"),
    # not keeping someone from an act lets it happen
    ("Police did not stop the activists from protesting outside the embassy.", "protesting", "asserted"),
    # what one side demanded or proposed was made, whatever the other does with it
    ("Lithuania refused to give in to Minsk's demands.", "demands", "asserted"),
    # a clause that denies something of a participant does not deny the act describing it
    ("For the activists still in Belarusian custody, the danger has not passed.", "custody", "asserted"),
    # the act something happened in took place, whatever is asked or supposed of that thing
    ("The committee urged an inquiry into claims of fraud in the January election.", "election", "asserted"),
    ("The mediators called for a pause in the strikes on the capital.", "strikes", "asserted"),
    # an ongoing or recent act is a fact whatever the clause says might happen to it
    ("Officials fear the dispute could derail the ongoing talks with the lenders.", "talks", "asserted"),
    ("The vote may undermine the recent agreement between Kyiv and Minsk.", "agreement", "asserted"),
    # a participle after a denied act is a second act of the same subject: the denial is not its
    ("The UN did not invite the activists to the talks, citing security concerns.", "citing", "asserted"),
    ("The embassy declined to comment, saying the case was still pending.", "saying", "asserted"),
    ("The envoy will visit Minsk on Monday, meeting the foreign minister.", "meeting", "planned"),
])
def test_what_the_clause_above_does_not_reach(extract: Extract, text: str, trigger: str, factuality: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.factuality == factuality


@pytest.mark.parametrize(("text", "trigger"), [
    # a light verb's event noun that "no" denies: no act
    ("Kyiv and Minsk held no talks in May.", "held"),
    ("The Kremlin had no comment on the arrests.", "had"),
])
def test_a_light_verb_with_no_event_is_negated(extract: Extract, text: str, trigger: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.factuality == "negated"


@pytest.mark.parametrize(("text", "trigger"), [
    # a quest, an ambition or a drive to do something is not doing it
    ("The opposition leader is touring the country in his quest to win the presidency.", "win"),
    ("Kenya's drive to sign a trade deal with China began last year.", "sign"),
])
def test_what_someone_strives_to_do_is_possible(extract: Extract, text: str, trigger: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.factuality == "possible"


@pytest.mark.parametrize(("text", "trigger"), [
    # a to-infinitive with its own subject after "for" says what is needed or wanted
    ("It is vital for Ankara to negotiate a new loan with the lenders.", "negotiate"),
    ("Foreign aid is crucial for the army to defend the northern towns.", "defend"),
])
def test_what_it_is_needed_for_someone_to_do_is_possible(extract: Extract, text: str, trigger: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.factuality == "possible"


@pytest.mark.parametrize(("text", "trigger"), [
    # a cause or a concession is a fact whatever the clause says of its effect (`cause_prepositions`)
    ("Hunters will not be coming to the region due to the trophy bans.", "bans"),
    ("Exports may not recover despite the sanctions on Minsk.", "sanctions"),
])
def test_a_cause_of_what_did_not_happen_did_happen(extract: Extract, text: str, trigger: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.factuality == "asserted"


@pytest.mark.parametrize(("text", "trigger"), [
    # what was done "without" is not done
    ("The council sold the land without consulting the villagers.", "consulting"),
    ("Police held the activists for two days without charging them.", "charging"),
])
def test_what_is_done_without_is_negated(extract: Extract, text: str, trigger: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.factuality == "negated"


@pytest.mark.parametrize(("text", "trigger"), [
    # what "whether" asks about is in doubt, whatever the clause that asks says
    ("Officials did not say whether Minsk expelled the Lithuanian diplomats.", "expelled"),
    ("The council will decide whether to impose sanctions on Caracas.", "impose"),
    ("It remains unclear whether the two presidents met in Astana.", "met"),
    ("Whether or not Ankara agrees, Athens will hold the vote.", "agrees"),
])
def test_what_whether_asks_about_is_possible(extract: Extract, text: str, trigger: str) -> None:
    (m,) = on(extract(text), trigger)
    assert m.factuality == "possible"


def test_a_claim_reaches_an_agent_phrase(extract: Extract) -> None:
    ms = extract("Officials said the power station was hit by Monday's drone attacks.")
    (m,) = on(ms, "attacks")
    assert m.factuality == "reported"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a quotation's act is the speaker's claim, also when the quote runs over sentences
        ('"Rebel drones are attacking our towns," the governor said.', "attacking"),
        ('The governor spoke on radio. "Last week the rebels shelled the market. We will rebuild it."', "shelled"),
        ('"Another rocket attack on Goma," the army wrote.', "attack"),
        # the object of a report noun, the by-agent of a claimed passive, a noting verb
        ("Aid groups cited credible reports of renewed attacks against journalists.", "attacks"),
        ("Officials said the depots were hit by Tuesday's rocket attacks.", "attacks"),
        ("The minister noted that Kenyan troops had attacked the rebel camp in Gedo.", "attacked"),
    ],
)
def test_a_claim_is_reported(extract: Extract, text: str, trigger: str) -> None:
    ms = on(extract(text), trigger)
    assert ms, f"no mention on {trigger!r}"
    assert {m.factuality for m in ms} == {"reported"}


def test_a_statement_the_publication_issues_is_its_own_text_not_a_claim(extract: Extract) -> None:
    release = ("Senators Mary Clark and John Hale issued the following statement:\n\n"
               "\u201cWe condemn the regime. With today\u2019s arrest of the candidate, its fear is plain.\n\n"
               "\u201cPolice detained ten more students on Monday.\u201d\n\n"
               "The minister said: \u201cPolice arrested ten protesters.\u201d\n")
    mentions = extract(release)
    assert [m.factuality for m in on(mentions, "arrest")] == ["asserted"]
    assert [m.factuality for m in on(mentions, "detained")] == ["asserted"]  # a paragraph that carries the quote on
    assert [m.factuality for m in on(mentions, "arrested")] == ["reported"]  # a quote in a report stays a claim


def test_a_coordinated_quoted_first_person_act_is_done_by_saying_it(extract: Extract) -> None:
    (m,) = on(extract('"We condemn the raid and call for the release of the journalists," said Senator Mary Clark.'), "call")
    assert m.factuality == "asserted"


@pytest.mark.parametrize(
    ("text", "trigger", "factuality"),
    [
        # a proposal, request or accusation that is rejected or denied was made all the same
        ("Finland rejected Moscow's proposal for a joint border commission.", "proposal", "asserted"),
        ("The Chilean minister denied the accusations of the opposition.", "accusations", "asserted"),
        # an act that is rejected, refused or vetoed did not happen
        ("Norway refused to sign the fisheries agreement with Iceland.", "sign", "negated"),
        ("Uganda's refusal to release the journalists angered Kenya.", "release", "negated"),
        # what a request asks for is possible, not done, however the parser attaches it
        ("Chile rebuffed calls from Argentina to release the detained fishermen.", "release", "possible"),
        ("Peru turned down a request by Bolivia to arrest the senator.", "arrest", "possible"),
        # someone else's act that is condemned, or not condemned, happened all the same: the
        # negation and the modality belong to the condemning
        ("Chile has never condemned Peru's annexation of the islands.", "annexation", "asserted"),
        ("The senator refused to criticize the army's raid on the village.", "raid", "asserted"),
        ("\"We condemn the army's raid on the village,\" the senator said.", "raid", "reported"),
    ],
)
def test_what_a_rejection_leaves_done_and_undone(extract: Extract, text: str, trigger: str, factuality: str) -> None:
    ms = on(extract(text), trigger)
    assert ms, f"no mention on {trigger!r}"
    assert {m.factuality for m in ms} == {factuality}


@pytest.mark.parametrize("text, trigger", [
    ("It was not long ago that Turkey had been threatening France.", "threatening"),
    ("The army did not withdraw from the town until Friday.", "withdraw"),
])
def test_a_negation_of_a_time_is_no_negation_of_the_act(extract: Extract, text: str, trigger: str) -> None:
    """`negated_times`: "not long ago", "not until Friday": the act was done, then."""
    (m,) = on(extract(text), trigger)
    assert m.factuality == "asserted"


def test_claiming_responsibility_for_an_attack_admits_it(extract: Extract) -> None:
    # the group says it did it: no allegation of another's, unlike "accused police of the killing"
    (m,) = on(extract("The militant group claimed responsibility for the bombing of the market."), "bombing")
    assert m.factuality == "asserted"


@pytest.mark.parametrize("text, trigger", [
    ("The plan would see Israel withdraw from Gaza in stages.", "withdraw"),
    ("The proposal would have the rebels release all hostages within a month.", "release"),
])
def test_what_a_proposal_would_bring_about_is_possible(extract: Extract, text: str, trigger: str) -> None:
    # `proposal_nouns`: the clause of a plan's "would" is its content, not what happened
    (m,) = on(extract(text), trigger)
    assert m.factuality == "possible"
