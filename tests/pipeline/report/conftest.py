"""A warehouse like the one of tests/pipeline/test_report.py, with what an analyst meets in real
runs: events that did not (or not yet) happen, an event dated only by its article's
publication date, and an earlier run whose rejects the latest run does not repeat."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.settings import Settings
from pipeline.warehouse import open_warehouse
from tests.pipeline.test_report import chromium, fill_warehouse, vega_js  # noqa: F401 (fixtures shared with the report's first tests)

EARLIER_RUN = "20260220T080000-test0000"


def mix_factuality_and_dates(path: Path) -> None:
    """Budanov's SUPPORT becomes possible, the recalled ambassador negated, Lukashenka's undated
    announcement planned, and the 18 February SANCTION dated only by the publication date."""
    changes = [("SUPPORT", "%", "possible"), ("SANCTION", "recalled", "negated"), ("ANNOUNCE", "%", "planned")]
    with open_warehouse(path) as con:
        for etype, trigger, fact in changes:
            picked = "SELECT event_id FROM event_mentions WHERE event_type = ? AND trigger_text LIKE ?"
            for table in ("events", "event_mentions"):
                con.execute(f"UPDATE {table} SET factuality = ? WHERE event_id IN ({picked})", [fact, etype, trigger])
        con.execute("UPDATE event_mentions SET date_basis = 'publication' WHERE event_type = 'SANCTION' AND event_date = '2026-02-18'")


def add_earlier_run(path: Path) -> None:
    """A run before the fixture's, which checked 70 rows, failed one expectation and rejected two files."""
    started = dt.datetime(2026, 2, 20, 8, 0, 0)
    with open_warehouse(path) as con:
        con.execute(
            """INSERT INTO runs (run_id, started_at, finished_at, status, corpus_dir, files_seen, articles_new,
               articles_changed, articles_unchanged, articles_gone, articles_rejected, events_extracted,
               rows_upserted, rows_rejected, dateline_version, extractor_version, spacy_model)
               VALUES (?, ?, ?, 'succeeded', 'corpus', 12, 10, 0, 0, 0, 2, 60, 300, 3, '0.1.0', '1', 'm')""",
            [EARLIER_RUN, started, started + dt.timedelta(seconds=40)],
        )
        con.execute(
            "INSERT INTO validations VALUES (?, 'event_mentions', 'expect_column_values_to_be_in_set(factuality)', 'critical', false, 3, 70, NULL)",
            [EARLIER_RUN],
        )
        for i, reason in enumerate(["not UTF-8 text: cannot decode byte 0xff", "not UTF-8 text: cannot decode byte 0xff"]):
            con.execute(
                """INSERT INTO rejects (reject_id, run_id, stage, source_path, reason, created_at)
                   VALUES (?, ?, 'ingest', ?, ?, ?)""",
                [f"rj-early-{i}", EARLIER_RUN, f"bad/latin1_{i}.txt", reason, started],
            )


@pytest.fixture
def mixed(tmp_path: Path) -> Settings:
    wh = tmp_path / "wh" / "dateline.duckdb"
    fill_warehouse(wh)
    mix_factuality_and_dates(wh)
    add_earlier_run(wh)
    return Settings(warehouse_path=wh)
