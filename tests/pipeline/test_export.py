"""`dateline export`: coded events in POLECAT's columns (PLOVER names), CSV or Parquet."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from pipeline import export
from pipeline.runner import run_pipeline
from pipeline.settings import load_settings

ARTICLE = """---
title: Talks in Warsaw
published: 2026-03-06
url: https://example.org/talks
---
Polish President Andrzej Duda met Ukrainian President Volodymyr Zelenskyy in Warsaw on Thursday.
Russian forces shelled the city of Kharkiv on Wednesday, regional officials said.
The European Union imposed new sanctions on Belarus on Tuesday.
Lithuania rejected Belarus's proposal for joint border patrols on Friday.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "talks.md").write_text(ARTICLE, encoding="utf-8")
    wh = root / "w.duckdb"
    run_pipeline(load_settings(corpus_dir=corpus, warehouse_path=wh))
    return wh


def test_polecat_export_speaks_plover(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    n = export.export_events(built, "polecat", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert n == len(rows) > 0
    assert list(rows[0])[:8] == ["Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code",
                                 "Contexts", "Actor Name"]
    meet = next(r for r in rows if r["Dateline Event Type"] == "CONSULT")
    assert meet["Event Type"] == "CONSULT" and meet["Quad Code"] == "VERBAL COOPERATION"
    assert {meet["Actor Country"], meet["Recipient Country"]} == {"POL", "UKR"}
    assert meet["Actor Name"] and meet["Recipient Name"] and meet["Sentence"].startswith("Polish President")
    assert meet["Publication Date"] == "2026-03-06" and meet["URL"] == "https://example.org/talks"
    assert next(r for r in rows if r["Event Type"] == "ASSAULT")["Event Mode"] == "explosives"  # "shelled"
    assert meet["Event Mode"] == ""  # no cue: left empty, not guessed
    rejection = next(r for r in rows if r["Event Type"] == "REJECT")
    assert rejection["Quad Code"] == "VERBAL CONFLICT"
    assert (rejection["Actor Country"], rejection["Recipient Country"]) == ("LTU", "BLR")
    sanction = next(r for r in rows if r["Event Type"] == "SANCTION")
    assert sanction["Quad Code"] == "MATERIAL CONFLICT" and sanction["Recipient Country"] == "BLR"
    with duckdb.connect(str(built), read_only=True) as con:
        coded = con.execute("SELECT count(*) FROM events WHERE event_type <> 'OTHER' AND NOT gone").fetchone()
    assert coded is not None and coded[0] == n


def test_csv_and_parquet_hold_the_same_events(built: Path, tmp_path: Path) -> None:
    n_csv = export.export_events(built, "csv", tmp_path / "e.csv")
    n_pq = export.export_events(built, "parquet", tmp_path / "e.parquet")
    pq = duckdb.connect().execute(f"SELECT count(*), count(summary) FROM '{tmp_path / 'e.parquet'}'").fetchone()
    assert n_csv == n_pq and pq is not None and pq[0] == n_pq and pq[1] == n_pq
    header = (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"event_id", "plover_type", "source_country", "target_sector", "sentence_text"} <= set(header)


def test_every_event_type_has_a_plover_name() -> None:
    from pipeline.events import EventTypeVocabulary

    types = set(EventTypeVocabulary.load().types) - {"OTHER"}
    assert types <= set(export.plover()["event_types"])


def test_cli_export_and_a_bad_format(built: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "x.tsv"
    ok = runner.invoke(app, ["export", "--warehouse", str(built), "--output", str(out)])
    assert ok.exit_code == 0, ok.output
    assert "events written to" in ok.output and out.exists()
    bad = runner.invoke(app, ["export", "--warehouse", str(built), "--format", "xml"])
    assert bad.exit_code == 2 and "unknown format" in bad.output
