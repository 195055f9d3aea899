"""The timex lexicon: month, weekday, season, unit and number words, holidays, vague references.

The words live in `schemas/timex/lexicon.yaml` (the directory is `Settings.timex_dir`) so that
extending the grammar is a data change: the grammar's regular expressions (`grammar`) and the
detection patterns (`detection`) are built from the tables here. The file is read once, when
the package is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.settings import load_settings
from pipeline.yaml_files import read_yaml

LEXICON_FILE = "lexicon.yaml"


@dataclass(frozen=True)
class Holiday:
    """A holiday's date rule: a fixed day of a month, the nth weekday of a month counted from
    `from_day` (nth -1: the last), or a number of days from Easter Sunday; `unit` "week" names
    the ISO week of that day ("Easter week")."""

    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None
    from_day: int = 1
    easter: int | None = None
    unit: str = "day"


def load(path: Path) -> dict[str, Any]:
    """The lexicon file as read (sections with their `examples:`)."""
    data: dict[str, Any] = read_yaml(path)
    return data


def lexicon_path() -> Path:
    return load_settings().timex_dir / LEXICON_FILE


def _holiday(entry: dict[str, Any], weekdays: dict[str, int]) -> Holiday:
    if "date" in entry:
        month, day = (int(x) for x in str(entry["date"]).split("-"))
        return Holiday(month, day)
    unit = str(entry.get("unit", "day"))
    if "easter" in entry:  # Easter falls in March or April; April is the month a tense reads it in
        return Holiday(4, easter=int(entry["easter"]), unit=unit)
    return Holiday(int(entry["month"]), weekday=weekdays[str(entry["weekday"]).lower()], nth=int(entry["nth"]),
                   from_day=int(entry.get("from_day", 1)), unit=unit)


def _words(section: dict[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in section["words"].items()}


_DATA = load(lexicon_path())

MONTHS: dict[str, int] = {**_words(_DATA["months"]), **{str(k): int(v) for k, v in _DATA["months"]["abbreviations"].items()}}
MONTH_NAMES = [m.capitalize() for m in _DATA["months"]["words"]]
_ABBREVS = [str(a).capitalize() for a in _DATA["months"]["abbreviations"]]
MONTH_ABBREVS = [a + "." for a in _ABBREVS] + _ABBREVS
WEEKDAYS: dict[str, int] = _words(_DATA["weekdays"])
WEEKDAY_NAMES = [w.capitalize() for w in WEEKDAYS]
SEASONS: dict[str, str] = _words(_DATA["seasons"])
SEASON_MONTHS: dict[str, tuple[int, int]] = {k: (int(v[0]), int(v[1])) for k, v in _DATA["seasons"]["months"].items()}
PARTS_OF_DAY: dict[str, str] = _words(_DATA["parts_of_day"])
# unit -> (TIMEX3 duration letter, is a time-of-day unit, multiplier)
UNITS: dict[str, tuple[str, bool, int]] = {
    u: (str(e["letter"]), bool(e.get("clock", False)), int(e.get("times", 1))) for u, e in _words(_DATA["units"]).items()}
# unit -> the finer unit a fraction of it is counted in, and how many of that make one ("2 1/2 years": P2Y6M)
FINER_UNITS: dict[str, tuple[str, int]] = {
    u: (str(e["finer"][0]), int(e["finer"][1])) for u, e in _words(_DATA["units"]).items() if "finer" in e}
# other spellings of a unit ("hr", "yr", "centurie" as in "centuries") -> the unit
UNIT_PLURALS: dict[str, str] = {u: str(e.get("plural", u + "s")) for u, e in _words(_DATA["units"]).items()}
UNIT_SPELLINGS: dict[str, str] = {str(s): u for u, e in _words(_DATA["units"]).items() for s in e.get("spellings", [])} | {
    p: u for u, p in UNIT_PLURALS.items() if p != u + "s"}
# units the token patterns look for ("night" is too often not a unit to look for on its own)
UNIT_MODIFIERS = [str(w) for w in _DATA["units"]["modifiers"]]
DETECTED_UNITS = [u for u, e in _words(_DATA["units"]).items() if e.get("detect", True)]
UNIT_WORDS = set(UNITS) | {u + "s" for u in UNITS} | set(UNIT_PLURALS.values()) | {str(w) for w in _DATA["units"]["other_words"]}
NUMBER_WORDS: dict[str, int] = {str(k): int(v) for k, v in _DATA["numbers"]["words"].items()}
ORDINALS: dict[str, int] = {str(k): int(v) for k, v in _DATA["numbers"]["ordinals"].items()}
VAGUE_AMOUNTS = {str(w) for w in _DATA["numbers"]["vague"]}
COUPLE_AMOUNTS = {str(w) for w in _DATA["numbers"]["couple"]}
SPOKEN_CENTURIES = [str(w) for w in _DATA["spoken_years"]["centuries"]]
SPOKEN_MILLENNIUM = str(_DATA["spoken_years"]["millennium"])
SPOKEN_DECADES: dict[str, int] = {str(k): int(v) for k, v in _DATA["spoken_years"]["decades"].items()}
HOLIDAYS: dict[str, Holiday] = {str(k).lower(): _holiday(v, WEEKDAYS) for k, v in _DATA["holidays"].items()}
_REFS: dict[str, Any] = {k: v for k, v in _DATA["vague_references"].items() if k != "examples"}
VAGUE_REFERENCES: dict[str, str] = {str(w): kind for kind, e in _REFS.items() for w in [*e["detected"], *e["understood"]]}
DETECTED_REFERENCES = [str(w) for e in _REFS.values() for w in e["detected"]]
PRESENT_REF_WORDS = {w for w, k in VAGUE_REFERENCES.items() if k == "PRESENT_REF"}
PAST_REF_WORDS = {w for w, k in VAGUE_REFERENCES.items() if k == "PAST_REF"}
FUTURE_REF_WORDS = {w for w, k in VAGUE_REFERENCES.items() if k == "FUTURE_REF"}
SET_ADVERBS: dict[str, str] = {str(k): str(v) for k, v in _DATA["sets"]["adverbs"].items()}
PERIOD_ADJECTIVES = {str(w) for w in _DATA["sets"]["period_adjectives"]}
SET_ADJECTIVES = {str(w) for w in _DATA["sets"]["set_adjectives"]}
TZ_WORDS = {str(w) for w in _DATA["time_zones"]["utc"]}
ZONE_WORDS = [*TZ_WORDS, *(str(w) for w in _DATA["time_zones"]["other"])]
REPORTING_LEMMAS = {str(w) for w in _DATA["reporting_lemmas"]}
# words that may open a time expression span but are not part of it (TimeML excludes signals)
_LEADING_SIGNALS = {str(w) for w in _DATA["leading_signals"]}
_TRAILING_RELATIONS = {str(w) for w in _DATA["trailing_relations"]}
POINTING_RELATIONS = {str(w): str(units) for w, units in _DATA["pointing_relations"].items()}
# forward signals as word tuples ("as early as" -> ("as", "early", "as")), matched before an expression
FORWARD_SIGNALS = {tuple(str(w).split()) for w in _DATA["forward_signals"]}
FORWARD_MONTHS = int(_DATA["forward_months"])
NOT_FORWARD_AFTER = {str(w) for w in _DATA["not_forward_after"]}
AHEAD_MODALS = {str(w) for w in _DATA["ahead_modals"]}
BACKSHIFTED_MODALS = {str(w) for w in _DATA["backshifted_modals"]}
PLANNING_LEMMAS = {str(w) for w in _DATA["planning_lemmas"]}
PLANNED_PARTICIPLES = {str(w) for w in _DATA["planned_participles"]}
DEADLINE_NOUNS = {str(w) for w in _DATA["deadline_nouns"]}
PERIOD_ENDS = {str(w) for w in _DATA["period_ends"]}


def _listed(name: str) -> set[str]:
    return {str(w) for w in _DATA[name]["words"]}


# words the syntax reads (the sections after "Words the syntax reads" in the file)
SPAN_MODIFIERS: list[tuple[str, str]] = [  # longest first: "very end of" before "end of"
    (str(k) + " ", str(v)) for k, v in sorted(_DATA["span_modifiers"]["words"].items(), key=lambda kv: -len(kv[0]))]
SPAN_SUFFIXES: list[tuple[str, str]] = [  # after a unit, longest first: "year's end" before "year end"
    (str(k), str(v)) for k, v in sorted(_DATA["span_modifiers"]["suffixes"].items(), key=lambda kv: -len(kv[0]))]
SUFFIX_UNITS = {str(w) for w in _DATA["span_modifiers"]["suffix_units"]}
APPROXIMATORS = _listed("approximators")
FUTURE_HEADS = _listed("future_heads")
FUTURE_PASSIVES = _listed("future_passives")
BOOKING_VERBS = _listed("booking_verbs")
PUTTING_OFF_VERBS = _listed("putting_off_verbs")
FUTURE_ADJECTIVES = _listed("future_adjectives")
VAGUE_TIME_ADJECTIVES = _listed("vague_time_adjectives")
YEAR_SIGNALS = _listed("year_signals")
AMBIGUOUS_MONTHS = _listed("ambiguous_months")
MONTH_SIGNALS = YEAR_SIGNALS | _listed("month_signals")
MONTH_NOUNS = _listed("month_nouns")
MONTH_NOUN_BEFORE = {str(w) for w in _DATA["month_nouns"]["before"]}
KEPT_FIRST_WORDS = _listed("kept_first_words")
SEASON_DEICTICS = _listed("season_deictics")
SEASON_SIGNALS = _listed("season_signals")
SHARE_QUANTIFIERS = _listed("share_quantifiers")
RANGE_CONNECTORS = _listed("range_connectors")
DAY_LIST_WORDS = _listed("day_list_words")
PERIODS_OF_A_DAY = _listed("periods_of_a_day")
ERA_NOUNS = _listed("era_nouns")
DECADE_MEASURES = _listed("decade_measures")
CONTENT_MEASURES = _listed("content_measures")
STORING_VERBS = {str(w) for w in _DATA["content_measures"]["storing_verbs"]}
NIGHT_HOURS = _listed("night_hours")
TRAILING_APPROXIMATORS = _listed("trailing_approximators")
YEAR_TO_DATE = _listed("year_to_date")
VAGUE_DURATIONS: dict[str, str] = {str(k): str(v) for k, v in _DATA["vague_durations"]["words"].items()}
AGE_NOUNS = _listed("age_nouns")
SOMEDAY_WORDS = _listed("someday_words")
CLOCK_DAY_LINKS = _listed("clock_day_links") | {w for z in ZONE_WORDS for w in z.split()}
_YEAR_RE = re.compile(r"^(1[6-9]\d\d|20\d\d)$")


def alternation(words: list[str] | set[str]) -> str:
    """A regular-expression group matching any of `words`, longest first."""
    return "(" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"
