"""The word lists of event dating (`schemas/event_dates.yaml`), loaded once per process.

Why data: which words mark a boundary ("until", "as of"), a governor that says an act happened
("managed to"), a same-day opener ("Later in the day") is English, not code; adding one is an
edit of the YAML file, whose examples run as tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.settings import SCHEMAS_DIR
from pipeline.yaml_files import read_yaml

LEXICON_FILE = SCHEMAS_DIR / "event_dates.yaml"


@dataclass(frozen=True)
class Lexicon:
    """The word lists of `schemas/event_dates.yaml`."""

    end_boundaries: tuple[str, ...]
    start_boundaries: tuple[str, ...]
    realised_governors: frozenset[str]
    anaphoric: tuple[str, ...]
    possessives: frozenset[str]
    nominalisations: tuple[tuple[str, str], ...]
    lasting: frozenset[str]
    upcoming: tuple[str, ...]
    relative_upcoming: frozenset[str]
    period_starts: tuple[str, ...]
    same_day: tuple[str, ...]
    frame_prepositions: frozenset[str]
    anterior: frozenset[str]
    same_time: tuple[str, ...]
    after: tuple[str, ...]
    recent: frozenset[str]
    modals: frozenset[str]
    memory_verbs: frozenset[str]
    occasion_prepositions: frozenset[str]
    anniversary_nouns: frozenset[str]
    elapsed_prepositions: frozenset[str]
    period_openers: tuple[str, ...]
    baselines: tuple[str, ...]
    speech_types: frozenset[str]
    aside_kept_types: frozenset[str]
    onset_verbs: frozenset[str]
    report_nouns: frozenset[str]
    report_participles: frozenset[str]
    counted_occasions: frozenset[str]
    aftermath_nouns: frozenset[str]
    closing_prepositions: tuple[str, ...]
    examples: tuple[dict[str, Any], ...]
    historical_before: int = 1900  # acts that ended before this year are background


@lru_cache(maxsize=4)
def lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """Load the lists once per process."""
    data = read_yaml(path) or {}

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in (data.get(key) or {}).get("words", []))

    examples = tuple({**ex, "list": key} for key, section in data.items() if isinstance(section, dict)
                     for ex in section.get("examples", []))
    return Lexicon(words("end_boundaries"), words("start_boundaries"),
                   frozenset(words("realised_complement_governors")), words("anaphoric_determiners"),
                   frozenset(words("possessive_determiners")),
                   tuple((str(v or ""), str(n)) for v, n in (data.get("nominalisations") or {}).get("endings", [])),
                   frozenset(words("lasting_nouns")),
                   words("upcoming_prepositions"), frozenset(words("relative_upcoming")),
                   words("period_start_prepositions"), words("same_day_openers"),
                   frozenset(words("frame_prepositions")), frozenset(words("anterior_adverbials")),
                   words("same_time_openers"), words("after_openers"), frozenset(words("recent_references")),
                   frozenset(words("modals")), frozenset(words("memory_verbs")),
                   frozenset(words("occasion_prepositions")), frozenset(words("anniversary_nouns")),
                   frozenset(words("elapsed_prepositions")), words("period_openers"),
                   words("baseline_prepositions"), frozenset(w.upper() for w in words("speech_types")),
                   frozenset(w.upper() for w in words("aside_kept_types")), frozenset(words("onset_verbs")),
                   frozenset(words("report_nouns")), frozenset(words("report_participles")),
                   frozenset(words("counted_occasions")), frozenset(words("aftermath_nouns")),
                   words("closing_prepositions"), examples,
                   int((data.get("historical_before") or {}).get("year", 1900)))

