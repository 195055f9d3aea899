"""PLOVER event modes from cue words: "a drone strike" is an aerial ASSAULT, "arrested" an
arrest. POLECAT fills its "Event Mode" column from a trained model; Dateline fills it only
where a word of the report says which mode, so an analyst comparing the two sees no guesses.
The cues are data (`schemas/plover.yaml`, `modes`), tried in their listed order."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.settings import SCHEMAS_DIR
from pipeline.yaml_files import read_yaml

WINDOW = 60  # characters either side of the trigger in which a cue word counts


@lru_cache(maxsize=1)
def plover() -> dict[str, Any]:
    """schemas/plover.yaml: PLOVER names, quads, sectors and modes of Dateline's types."""
    return dict(read_yaml(SCHEMAS_DIR / "plover.yaml") or {})


@lru_cache(maxsize=1)
def _modes() -> dict[str, list[tuple[str, frozenset[str], re.Pattern[str] | None]]]:
    """type -> [(mode, trigger lemmas, cue-word pattern)] in the file's order."""
    out: dict[str, list[tuple[str, frozenset[str], re.Pattern[str] | None]]] = {}
    for etype, modes in (plover().get("modes") or {}).items():
        for mode, cues in modes.items():
            words = sorted(cues.get("words") or [], key=len, reverse=True)
            pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I) if words else None
            out.setdefault(etype, []).append((mode, frozenset(cues.get("trigger") or []), pattern))
    return out


def event_mode(event_type: str | None, trigger_lemma: str | None, sentence: str | None,
               trigger_offset: int | None = None) -> str | None:
    """The PLOVER mode a cue gives, or None. `trigger_offset` is the trigger's position in
    `sentence`; without it the whole sentence is the window."""
    text = sentence or ""
    if trigger_offset is not None and trigger_offset >= 0:
        text = text[max(0, trigger_offset - WINDOW): trigger_offset + WINDOW]
    lemma = (trigger_lemma or "").lower()
    for mode, lemmas, pattern in _modes().get(event_type or "", []):
        if lemma in lemmas or (pattern is not None and pattern.search(text)):
            return mode
    return None


def examples() -> list[dict[str, Any]]:
    return list(plover().get("mode_examples") or [])
