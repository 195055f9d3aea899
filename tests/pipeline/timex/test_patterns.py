"""The detection patterns are data: every example of `schemas/timex/patterns.yaml` runs through
the real pipeline here (spaCy, the rule component, the filters and the grammar)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from spacy.language import Language

from pipeline import timex
from pipeline.settings import Settings, load_settings
from pipeline.text import load_nlp
from pipeline.timex import detection

DATA = detection.load_patterns(load_settings().timex_dir / detection.PATTERNS_FILE)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(Settings().spacy_model)


def _examples() -> list[Any]:
    return [pytest.param(e, id=f"{label}:{e['text']}") for label, entry in DATA["labels"].items()
            for e in entry.get("examples", [])]


@pytest.mark.parametrize("example", _examples())
def test_pattern_examples(nlp: Language, example: dict[str, Any]) -> None:
    published = example["published"]
    assert isinstance(published, dt.date)
    found = {t.text: t.timex_value for t in timex.extract_time_expressions(nlp(example["text"]), "a", published)}
    expected = {str(k): v for k, v in example["expect"].items()}
    assert {k: found.get(k, "<not found>") for k in expected} == expected


def test_every_label_has_examples() -> None:
    assert all(entry.get("examples") for entry in DATA["labels"].values())


def test_every_named_token_is_defined() -> None:
    names = {item for entry in DATA["labels"].values() for p in entry.get("patterns", []) for item in p
             if isinstance(item, str)}
    assert names <= set(DATA["tokens"])
