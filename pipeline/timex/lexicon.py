"""The timex lexicon: month, weekday, season, unit and number words, holidays, vague references.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAMES = [m.capitalize() for m in list(MONTHS)[:12]]
MONTH_ABBREVS = ["Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
                 "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
WEEKDAY_NAMES = [w.capitalize() for w in WEEKDAYS]
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# unit -> (TIMEX3 duration letter, is a time-of-day unit, multiplier)
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1), "fortnight": ("W", False, 2),
    "month": ("M", False, 1), "quarter": ("Q", False, 1), "year": ("Y", False, 1),
    "decade": ("Y", False, 10), "century": ("Y", False, 100),
}
UNIT_WORDS = set(UNITS) | {u + "s" for u in UNITS} | {"centuries", "weekend", "weekends", "hrs", "mins", "yr", "yrs"}
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty first": 21,
}
VAGUE_AMOUNTS = {"few", "a few", "several", "many", "some", "multiple", "numerous", "dozens of", "scores of",
                 "hundreds of", "thousands of", "millions of"}
# vague in speech, exact in TIMEX3: "a couple of weeks" is P2W (MEANTIME annotates it so)
COUPLE_AMOUNTS = {"couple", "a couple", "couple of", "a couple of"}
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
    "new year's eve": (12, 31), "new year": (1, 1), "boxing day": (12, 26), "halloween": (10, 31),
    "valentine's day": (2, 14), "independence day": (7, 4), "may day": (5, 1),
}
PRESENT_REF_WORDS = {"now", "right now", "currently", "at present", "presently", "nowadays", "these days",
                     "at the moment", "at this time", "the present", "present"}
PAST_REF_WORDS = {"recently", "lately", "more recently", "most recently", "the past", "in the past", "past",
                  "recent times", "in recent times"}
FUTURE_REF_WORDS = {"the future", "the near future", "in the future", "in the near future", "future", "near future",
                    "the distant future", "the foreseeable future"}
SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q", "yearly": "P1Y", "annually": "P1Y",
    "nightly": "P1D", "hourly": "PT1H",
}
TZ_WORDS = {"utc", "gmt", "z"}
REPORTING_LEMMAS = {
    "say", "tell", "announce", "state", "claim", "report", "confirm", "add", "note", "explain", "warn",
    "write", "declare", "insist", "argue", "comment", "describe", "acknowledge", "admit", "quote",
    "reveal", "deny", "stress", "emphasise", "emphasize", "suggest", "believe", "accord", "indicate",
}
# words that may open a time expression span but are not part of it (TimeML excludes signals)
_LEADING_SIGNALS = {"in", "on", "at", "since", "by", "until", "till", "during", "for", "within", "of",
                    "around", "about", "before", "after", "from", "to", "through", "throughout", "as", "into",
                    "just", "only", "back", ",", "(", "-", "–", "—", "'s"}
_TRAILING_RELATIONS = {"ago", "later", "earlier", "before", "after", "hence", "afterwards", "prior"}
_YEAR_RE = re.compile(r"^(1[6-9]\d\d|20\d\d)$")
