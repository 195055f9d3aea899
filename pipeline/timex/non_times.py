"""Words and spans that look like time expressions and are not: ages ("in her early 70s"),
counts and shares ("two of the days"), a year before a name ("1600 Pennsylvania Avenue"), a
month that names a procession ("the March on Washington"), night hours, measured decades,
amounts of recorded material ("75 hours of video"), glued words, quoted titles and rates. Each
predicate is one rule of English with its words in the lexicon; `filters` applies them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from pipeline.timex.lexicon import (
    _YEAR_RE,
    AGE_NOUNS,
    CONTENT_MEASURES,
    DECADE_MEASURES,
    DETECTED_REFERENCES,
    ERA_NOUNS,
    HOLIDAYS,
    MONTH_NAMES,
    MONTH_NOUN_BEFORE,
    MONTH_NOUNS,
    MONTH_SIGNALS,
    MONTHS,
    NIGHT_HOURS,
    PARTS_OF_DAY,
    SEASONS,
    SET_ADVERBS,
    SHARE_QUANTIFIERS,
    SPOKEN_CENTURIES,
    SPOKEN_DECADES,
    STORING_VERBS,
    UNIT_WORDS,
    UNITS,
    WEEKDAYS,
    YEAR_SIGNALS,
)

ARTICLES = {"the", "a", "an"}
_TIME_WORDS = (set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | set(PARTS_OF_DAY) | UNIT_WORDS
               | {"today", "tonight", "yesterday", "tomorrow", "now", "currently", "recently", "lately",
                  "nowadays", "presently", "present", "future", "past", "christmas", "noon", "midnight", "midday",
                  "annually", "daily", "weekly", "monthly", "quarterly", "yearly", "hourly", "nightly",
                  "fy", "q1", "q2", "q3", "q4", "h1", "h2", "days", "era", "period"}
               | set(SET_ADVERBS) | {w.split()[-1] for w in DETECTED_REFERENCES} | set(SPOKEN_CENTURIES)
               | set(SPOKEN_DECADES)
               | {w for h in HOLIDAYS for w in h.split() if len(w) > 3 and w not in UNIT_WORDS})


def _is_time_token(t: Token) -> bool:
    low = t.lower_.strip(".").replace("’", "'")
    if low in _TIME_WORDS or low.rstrip("s") in _TIME_WORDS:
        return True
    if _YEAR_RE.match(t.text) or re.match(r"^(mid-)?(1[6-9]|20)\d\d", low):
        return True
    if re.match(r"^\d{1,2}[./:]\d{1,2}([./]\d{2,4})?$", t.text) or re.match(r"^\d{4}-\d{2}-\d{2}$", t.text):
        return True
    if re.match(r"^(mid-)?'?\d{2,4}'?s$", low) or re.match(r"^\d{1,2}(am|pm)$", low) or low in ("a.m", "p.m", "am", "pm"):
        return True
    if re.match(r"^\d+-(year|month|week|day|hour|minute)s?$", low) or re.match(r"^[a-z]+-(year|month|week|day)s?$", low):
        return True
    return re.match(r"^fy-?\d{2,4}$", low) is not None


def _looks_like_age(doc: Doc, s: int, e: int) -> bool:
    """'aged 55', 'at the age of 56', 'Papermaster, 49,', '56-year-old', 'his 50s'."""
    text = doc[s:e].text.lower()
    if "year-old" in text or "years old" in text or " age " in f" {text} " or "-year-old" in doc[s:min(e + 3, len(doc))].text.lower():
        return True
    # "Mr. Reupke, 52 years old,", "employees 55 years old or older" (an "8-month-old truce" is a time)
    if e < len(doc) and doc[e].lower_ == "old" and doc[e - 1].lower_ in ("years", "months", "weeks", "days"):
        return True
    if any(t.like_num for t in doc[s:e]) and text.endswith(" old"):
        return True  # the span took the "old" in: "three weeks old"
    if text.endswith("-old") and e < len(doc) and doc[e].lemma_.lower() in AGE_NOUNS:
        return True  # "their 6-month-old son" (an "8-month-old truce" is a time)
    prev = doc[s - 1].lower_ if s > 0 else ""
    prev2 = doc[s - 2].lower_ if s > 1 else ""
    if prev in ("aged", "age") or (prev == "of" and prev2 == "age"):
        return True
    decade = doc[e - 1].lower_
    if re.match(r"^\d0s$", decade) or decade in SPOKEN_DECADES:
        k = e - 2  # the word before the decade and its "early", "late", "mid"
        while k >= 0 and doc[k].lower_ in _DECADE_PARTS:
            k -= 1
        if k >= 0 and doc[k].lower_ in ("his", "her", "their", "its"):
            return True  # "his 50s", "in their sixties", "in her early 70s"
    only_number = e - s == 1 and doc[s].like_num and not _YEAR_RE.match(doc[s].text)
    return only_number and prev == "," and e < len(doc) and doc[e].text == ","


def _not_a_date_word(doc: Doc, i: int) -> bool:
    """A lone word that only looks like a date: "an august body", "1600 Pennsylvania Avenue"."""
    t = doc[i]
    if t.lower_ in MONTHS and not t.text[:1].isupper():
        return True
    if _YEAR_RE.match(t.text) and i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i + 1].text[:1].isupper():
        return not (i > 0 and (doc[i - 1].lower_ in YEAR_SIGNALS or doc[i - 1].text in MONTH_NAMES)) \
            and not _year_of_a_thing(t)
    if t.text in MONTH_NOUNS and _a_procession(doc, i):
        return True
    return t.lower_ == "today" and _of_an_era(doc, i)


def _a_procession(doc: Doc, i: int) -> bool:
    """A month name that is a procession's noun: after a name's possessive ("the Women's March"),
    or before "for"/"on"/"against" after an article or a word that is no month signal ("the
    annual March for Life"; "in March for the first time" stays a month)."""
    prev = doc[i - 1] if i > 0 else None
    if prev is None:
        return False
    if prev.tag_ == "POS":
        owner = doc[i - 2] if i > 1 else None
        return owner is not None and owner.text[:1].isupper() and not _is_time_token(owner)
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is not None and nxt.lower_ in MONTH_NOUN_BEFORE \
        and (prev.lower_ in ARTICLES or prev.lower_ not in MONTH_SIGNALS)


def _year_of_a_thing(t: Token) -> bool:
    """A year before a name that dates what the phrase names: it modifies a common noun ("1990
    BellSouth earnings") or follows a possessive ("the company's 2010 Worldwide Developer
    Conference"); a number heading a name stays a number ("at 1600 Pennsylvania Avenue")."""
    if t.dep_ != "nummod":
        return False
    prev = t.doc[t.i - 1] if t.i > 0 else None
    return t.head.pos_ == "NOUN" or (prev is not None and prev.tag_ in ("POS", "PRP$"))


def _night_hours(doc: Doc, s: int, e: int) -> bool:
    """"the early hours", "the small hours" (of Sunday): the night, not a number of hours
    (lexicon: night_hours); the day after "of" is an expression of its own."""
    words = [t.lower_ for t in doc[s:e]]
    return len(words) in (2, 3) and words[-1] == "hours" and words[-2] in NIGHT_HOURS and words[0] in ("the", *NIGHT_HOURS)


_DECADE_PARTS = ("early", "late", "mid", "mid-", "-")


def _not_a_decade(doc: Doc, a: int, b: int) -> bool:
    """"70s" without an apostrophe is a decade only after "the" ("since the 70s", "the late 70s";
    "in her early 70s" is an age), and not in a sentence that measures something ("temperatures
    in the 70s": a range of numbers; lexicon: decade_measures)."""
    last = doc[b - 1]
    if not re.fullmatch(r"(?:mid-)?[1-9]0s", last.text) or (last.i > 0 and doc[last.i - 1].text in ("'", "’")):
        return False
    first = a - 1 if a > 0 and doc[a].lower_ != "the" else a
    the = doc[first].lower_ == "the" and all(t.lower_ in _DECADE_PARTS for t in doc[first + 1:b - 1])
    return not the or any(t.lower_ in DECADE_MEASURES for t in doc[a].sent)


def _measures_content(doc: Doc, a: int, b: int) -> bool:
    """A count of a unit "of" recorded material, or one that is stored, is an amount of it, not
    a time ("75 hours of video", "150 hours can be stored"; lexicon: content_measures)."""
    unit = doc[b - 1]
    if unit.lower_ not in UNIT_WORDS or not any(t.like_num for t in doc[a:b - 1]):
        return False
    if unit.dep_ in ("nsubjpass", "dobj") and unit.head.lemma_.lower() in STORING_VERBS:
        return True
    return b + 1 < len(doc) and doc[b].lower_ == "of" and doc[b + 1].lower_ in CONTENT_MEASURES


def _of_an_era(doc: Doc, i: int) -> bool:
    """"today's world", "today's youth": nowadays, not a day (lexicon: era_nouns)."""
    if i + 2 >= len(doc) or doc[i + 1].lower_ not in ("'s", "’s"):
        return False
    head = doc[i + 2]
    while head.dep_ in ("amod", "compound") and head.head.i > head.i:  # "today's young people"
        head = head.head
    return head.lower_ in ERA_NOUNS or doc[i + 2].lower_ in ERA_NOUNS


def _glued(doc: Doc, s: int, e: int) -> bool:
    """Part of a hyphenated word without a number: "after-hours trading", "day-to-day"."""
    if e - s > 1 and doc[e - 1].lower_ in ("long", "old"):
        return False
    if any(t.like_num for t in doc[s:e]):
        return False
    before = s > 1 and doc[s - 1].text == "-" and not doc[s - 1].whitespace_ and not doc[s - 2].whitespace_
    after = e < len(doc) - 1 and doc[e].text == "-" and not doc[e - 1].whitespace_ and not doc[e].whitespace_
    return before or (after and doc[e + 1].lower_ not in ("long", "old"))  # "decades-long" is a duration


def _looks_like_count(doc: Doc, s: int, e: int) -> bool:
    """A lone year-like number counting something: '1999 people', '2000 soldiers'."""
    if e - s != 1 or not _YEAR_RE.match(doc[s].text) or e >= len(doc):
        return False
    nxt = doc[e]
    if nxt.tag_ != "NNS" or nxt.lower_ in _TIME_WORDS or s == 0:
        return False
    prev = doc[s - 1]  # "the 2020 protests", "Zapad 2021 exercises", "Belarus's 2020 protests" are years
    return not (prev.tag_ in ("DT", "PRP$", "POS", "NNP", "NNPS", "JJ")
                or prev.lower_ in ("in", "since", "by", "until", "during", "before", "after", "of", "from", "through"))


_OPEN_QUOTES = {'"', "``", "`", "''", "“", "'", "‘"}
_CLOSE_QUOTES = {'"', "''", "”", "'", "’"}


def _quoted_title(doc: Doc, a: int, b: int) -> bool:
    """A title in quotes, not a time: ABC's "This Week", CBS's "60 Minutes", the film "High
    Noon" -- capitalised words in a short quoted stretch without a verb."""
    if not all(t.text[:1].isupper() or t.like_num for t in doc[a:b]):
        return False
    lo = next((i for i in range(a - 1, max(-1, a - 4), -1) if doc[i].text in _OPEN_QUOTES), None)
    hi = next((i for i in range(b, min(len(doc), b + 6)) if doc[i].text in _CLOSE_QUOTES), None)
    if lo is None or hi is None:
        return False
    inside = doc[lo + 1:hi]
    return len(inside) <= 8 and not any(t.pos_ in ("VERB", "AUX") for t in inside)


def _share(doc: Doc, a: int, b: int) -> bool:
    """"the quarter of the staff", "more than a quarter of the market", "three-quarters of its food":
    a share, not a time ("the first quarter of 2023" is one, and so is "a quarter of an hour")."""
    if b >= len(doc) or doc[b].lower_ != "of":
        return False
    if b + 2 < len(doc) and doc[b + 1].lower_ in ("a", "an") and doc[b + 2].lower_ in UNITS:
        return False  # "a quarter of a century"
    words = [t.lower_ for t in doc[a:b]]
    while len(words) > 1 and words[0] in SHARE_QUANTIFIERS:
        words = words[1:]
    if " ".join(words) in ("quarter", "the quarter", "a quarter", "half", "a half"):
        return True
    # a hyphenated fraction: "three-quarters", "two-thirds" (a duration is "three quarters of losses")
    return len(words) == 3 and words[1] == "-" and doc[b - 1].lower_ == "quarters" and not doc[b - 3].whitespace_




# words written in lower case inside a sentence: capitalised after another word they belong to a
# name ("ABC's This Week", "60 Minutes", "High Noon", "VOA Today"), not to a time expression
_LOWER_CASE_TIME_WORDS = (UNIT_WORDS | set(PARTS_OF_DAY) | set(SET_ADVERBS)
                          | {"today", "tonight", "yesterday", "tomorrow", "now", "noon", "midnight", "midday"})


def _in_a_title(doc: Doc, a: int, b: int) -> bool:
    """A time word capitalised after a word of the same name: a programme's or a work's title.

    A holiday keeps its capitals ("Thanksgiving Day"), so a span naming one is left alone."""
    text = doc[a:b].text.lower()
    if any(h in text for h in HOLIDAYS):
        return False
    for i in range(max(a, 1), b):
        t = doc[i]
        if t.text[:1].isupper() and t.lower_ in _LOWER_CASE_TIME_WORDS and not t.is_sent_start \
                and doc[i - 1].text[:1].isalnum():  # after a word, not after a quote mark
            return True
    return False


def _is_rate(doc: Doc, a: int, b: int) -> bool:
    """'a year' after an amount is a rate (SET), not a duration: "save $300 million in fuel a year"."""
    if b - a != 2 or doc[a].lower_ not in ("a", "an", "per") or doc[b - 1].lower_ not in UNITS or a == 0:
        return False
    prev = doc[a - 1]
    if prev.pos_ in ("ADP", "VERB", "AUX", "SCONJ", "DET") or prev.lower_ in ("than", "about", "nearly", "almost"):
        return False
    return any(t.like_num or t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") for t in doc[max(0, a - 6):a])


def _anaphoric_unit(doc: Doc, a: int, b: int) -> bool:
    """'the year before', 'the day after': the relation word is part of the expression."""
    return b - a == 3 and doc[a].lower_ == "the" and doc[a + 1].lower_ in ("day", "week", "month", "year")
