"""Golden rows: what the time tagger and event dating give today, pinned so that moving code
changes nothing (issue 21).

Two inputs: the five sample articles that ship in corpus/, read and parsed exactly as a run
does, and sentences written for this test that touch every part of the grammar (calendar
dates, deictic and anaphoric expressions, durations with relations, sets, ranges, clock
times, quarters, seasons, holidays, decades, vague references). A change that means to move
a row regenerates the file and shows the difference in review:

    PYTHONPATH=. .venv/bin/python -m tests.pipeline.timex.test_golden
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from pipeline import extract, ingest, text
from pipeline.settings import Settings
from pipeline.timex import extract_time_expressions

GOLDEN = Path(__file__).parent / "golden.json"
CORPUS = Path(__file__).resolve().parents[3] / "corpus"

# (publication date or None, text): written for this test, one or two sentences each
SENTENCES: list[tuple[str | None, str]] = [
    ("2024-03-14", "The ministry said on Monday that talks would resume next week."),
    ("2024-03-14", "The board will meet on Friday and again in early May."),
    ("2024-03-14", "Prices rose 3% in the first quarter of 2023 and fell in the second half."),
    ("2024-03-14", "Two years ago the plant closed; three weeks later it reopened."),
    ("2024-03-14", "The strike lasted 18 days, from March 2 to March 20, 2021."),
    ("2024-03-14", "Between 2009 and 2011 the company doubled its sales."),
    ("2024-03-14", "The festival is held every summer and twice a year in the capital."),
    ("2024-03-14", "Currently the mayor is abroad, but recently she visited the north."),
    ("2024-03-14", "In the near future the port will reopen, officials said yesterday."),
    ("2024-03-14", "The vote took place at 6:30 p.m. on Tuesday, March 12."),
    ("2024-03-14", "The war began in the 1990s and by the late 19th century the city had grown."),
    ("2024-03-14", "On Christmas Eve 2019 the bridge collapsed; by New Year's Day it was closed."),
    ("2024-03-14", "Fiscal 2023 revenue beat forecasts, and FY24 guidance was raised."),
    ("2024-03-14", "The company reports quarterly and pays a dividend annually."),
    ("2024-03-14", "Last summer the river flooded, and this winter it froze."),
    ("2024-03-14", "In April 2022 the army moved south. By the end of the year it held the coast."),
    ("2024-03-14", "The law, passed in 2015, took effect the following year."),
    ("2024-03-14", "He was 56 years old and had worked there for a decade."),
    ("2024-03-14", "The ceasefire, agreed on 3 February, collapsed the day after."),
    ("2024-03-14", "Officials expect a decision by the end of the month, perhaps tomorrow morning."),
    ("2024-03-14", "The index fell for the past two years and for several months in a row."),
    ("2024-03-14", "Sales in mid-2020 were weak; in the spring of 2021 they recovered."),
    ("2024-03-14", "The meeting of 12/05/2023 was postponed until next Thursday."),
    ("2024-03-14", "The report covers 2020-21 and the period ending in December."),
    ("2024-03-14", "At midnight on Saturday the border closed for 48 hours."),
    ("2024-03-14", "The project, begun a few months ago, should end within a year."),
    ("2024-03-14", "Since January the agency has hired 200 people a month."),
    ("2024-03-14", "The summit is scheduled for Wednesday; leaders arrive tonight."),
    ("2024-03-14", "During the 70s and the early 1980s the town shrank."),
    ("2024-03-14", "The election on 2024-11-05 comes months after the primaries."),
    ("2024-01-03", "Last December the shop closed, and in February it will reopen."),
    ("2024-01-03", "That same day, the minister resigned; earlier this week he had denied it."),
    ("2023-07-30", "On Sunday at 14:00 GMT, rescuers reached the village, three days after the quake."),
    ("2023-07-30", "The government has spent $300 million in fuel a year for the past decade."),
    (None, "Last week the council approved the budget for 2025."),
    (None, "On June 8, 2010, Jobs unveiled a phone; a day later shares rose."),
]


def _row(tx: Any) -> dict[str, Any]:
    return {"text": tx.text, "start": tx.start_char, "end": tx.end_char, "type": tx.timex_type,
            "value": tx.timex_value, "precision": tx.precision,
            "range": [str(tx.range_start), str(tx.range_end)]}


def _sentence_rows(nlp: Language) -> list[dict[str, Any]]:
    out = []
    for published, sentence in SENTENCES:
        day = dt.date.fromisoformat(published) if published else None
        timexes = extract_time_expressions(nlp(sentence), "s", day)
        out.append({"published": published, "text": sentence, "timexes": [_row(t) for t in timexes]})
    return out


def _corpus_rows(nlp: Language) -> list[dict[str, Any]]:
    extractor = extract.Extractor.from_files()
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        for article in ingest.read_file(path, CORPUS):
            doc = nlp(article.body)
            x = extractor.extract(doc, article)
            events = [{"trigger": [m.trigger_start, m.trigger_end], "date": m.event_date,
                       "precision": m.date_precision, "basis": m.date_basis, "timex": m.date_timex_start}
                      for m in x.mentions]
            out.append({"file": path.name, "published": str(article.published_at),
                        "timexes": [_row(t) for t in x.time_expressions], "events": events})
    return out


def golden_rows(nlp: Language) -> dict[str, Any]:
    return {"sentences": _sentence_rows(nlp), "corpus": _corpus_rows(nlp)}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return text.load_nlp(Settings().spacy_model)


@pytest.fixture(scope="module")
def today(nlp: Language) -> dict[str, Any]:
    return golden_rows(nlp)


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def test_sentences_keep_their_rows(today: dict[str, Any], golden: dict[str, Any]) -> None:
    for now, then in zip(today["sentences"], golden["sentences"], strict=True):
        assert now == then, now["text"]


def test_sample_corpus_keeps_its_rows(today: dict[str, Any], golden: dict[str, Any]) -> None:
    assert [a["file"] for a in today["corpus"]] == [a["file"] for a in golden["corpus"]]
    for now, then in zip(today["corpus"], golden["corpus"], strict=True):
        assert now["timexes"] == then["timexes"], now["file"]
        assert now["events"] == then["events"], now["file"]


if __name__ == "__main__":
    rows = golden_rows(text.load_nlp(Settings().spacy_model))
    GOLDEN.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
