"""The word groups and the text preparation of the normalisation grammar (grammar.py and
calendar_rules.py share them): regular-expression pieces built from the lexicon
(schemas/timex/), punctuation unified and numbers and spoken years written as digits.
"""

from __future__ import annotations

import re

from pipeline.timex.lexicon import (
    APPROXIMATORS,
    COUPLE_AMOUNTS,
    HOLIDAYS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    SPOKEN_CENTURIES,
    SPOKEN_DECADES,
    SPOKEN_MILLENNIUM,
    UNIT_MODIFIERS,
    UNIT_SPELLINGS,
    UNITS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
    ZONE_WORDS,
    alternation,
)

# the word groups of the regular expressions below, built from the lexicon (schemas/timex/)
_MON = alternation(set(MONTHS)) + r"\.?"
_Y = r"(\d{4})"
_D = r"(\d{1,2})"
_WD = alternation(set(WEEKDAYS))
_SEASON = alternation(set(SEASONS))
_PART = alternation(set(PARTS_OF_DAY))
_UNIT = alternation(set(UNITS) | set(UNIT_SPELLINGS)) + "s?"
_UNIT_MOD = "(?:" + alternation(set(UNIT_MODIFIERS))[1:]
_NUM = r"(\d+(?:\.\d+)?|" + alternation(VAGUE_AMOUNTS | COUPLE_AMOUNTS | {"a", "an"})[1:]
_HOLIDAY = alternation(set(HOLIDAYS))
_ZONE = alternation(ZONE_WORDS)
# approximators ("close to two years"), any number of them: in the span, not in the value
_APPROX = r"(?:(?:" + alternation(APPROXIMATORS)[1:] + r"\s+)*"



def _prep(text: str) -> str:
    """Lower-case, unify punctuation and spell numbers as digits."""
    s = text.lower().replace("’", "'").replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip(" ,.;:()[]\"'")
    s = re.sub(r"(?:'s|')$", "", s).strip()
    s = s.replace("a.m.", "am").replace("p.m.", "pm").replace("a.m", "am").replace("p.m", "pm")
    s = re.sub(r"\(\s*", "", s).replace(")", "")
    for word, n in sorted(ORDINALS.items(), key=lambda kv: -len(kv[0])):
        if word in s and word not in ("first", "second", "third", "fourth"):
            s = re.sub(rf"\b{word}\b", f"{n}th", s)
    s = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)[ -]centur(?:y|ies)\b", r"century#\1", s)
    s = re.sub(r"\b(\d{1,2})(st|nd|rd|th)\b", r"\1", s)
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    s = _spoken_years(s, tens, ones)
    s = re.sub(rf"\b({tens})[- ]({ones})\b", lambda m: str(NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)]), s)
    s = re.sub(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", lambda m: str(NUMBER_WORDS[m.group(1)]), s)
    s = re.sub(r"\b(\d+) and a half\b", lambda m: f"{int(m.group(1)) + 0.5:g}", s)
    s = re.sub(r"\b(\d+) 1/2\b", lambda m: f"{int(m.group(1)) + 0.5:g}", s)  # "2 1/2 years"
    s = re.sub(r"\b(a|an|1) (\w+?s?) and a half\b", r"1.5 \2", s)
    s = re.sub(r"\bhalf an? (\w+)", r"0.5 \1", s)
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    return s


_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


def _spoken_years(s: str, tens: str, ones: str) -> str:
    """Years spoken in words, as digits: "nineteen ninety-six" 1996, "nineteen ten" 1910,
    "nineteen hundred" 1900, "two thousand and three" 2003, "the nineties" the 1990s
    (lexicon: spoken_years)."""
    cent = "|".join(SPOKEN_CENTURIES)

    def year(m: re.Match[str]) -> str:
        c = NUMBER_WORDS[m.group(1)] * 100
        if m.group(2):
            return str(c + NUMBER_WORDS[m.group(2)] + (NUMBER_WORDS[m.group(3)] if m.group(3) else 0))
        return str(c + (NUMBER_WORDS[m.group(4)] if m.group(4) else 0))

    s = re.sub(rf"\b({cent}) (?:({tens})(?:[- ]({ones}))?|({_TEENS})|hundred)\b", year, s)
    s = re.sub(r"\b" + alternation(set(SPOKEN_DECADES)) + r"\b", lambda m: f"{SPOKEN_DECADES[m.group(1)]}0s", s)
    millennium = re.escape(SPOKEN_MILLENNIUM)
    return re.sub(rf"\b{millennium}(?: (?:and )?({ones}|{_TEENS}))?\b",
                  lambda m: str(2000 + (NUMBER_WORDS[m.group(1)] if m.group(1) else 0)), s)
