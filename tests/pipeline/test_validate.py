"""The data-quality gate with real Great Expectations: bad rows are quarantined with a reason,
good rows pass, warnings are only recorded, and Data Docs are written."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from pipeline import validate
from pipeline.validate import ValidationReport, build_data_docs, merge_reports, validate_tables

MIGRATION = Path(__file__).resolve().parents[2] / "schemas" / "migrations" / "001_init.sql"
TODAY = dt.date(2026, 3, 1)
PUBLISHED = dt.date(2026, 1, 26)
EVENT_TYPES = {"summon", "cross_border", "meet", "protest"}
KNOWN_ACTORS = {"ACT_WAREHOUSE"}

BODY = (
    "WARSAW, 26 January 2026 — Poland summoned the Belarusian ambassador on Monday after drones "
    "crossed the border near Bialystok. Officials in Minsk denied the claim. Talks between the two "
    "governments are planned for February, the foreign ministry said."
)


@cache
def columns(table: str) -> list[str]:
    """The warehouse columns of a table, read from the DDL (the frames the flow passes)."""
    con = duckdb.connect()
    con.execute(MIGRATION.read_text(encoding="utf-8"))
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
    ).fetchall()
    con.close()
    return [c for (c,) in rows]


def frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns(table))


def span(text: str, start_at: int = 0) -> tuple[int, int]:
    start = BODY.index(text, start_at)
    return start, start + len(text)


def article(article_id: str | None, **over: Any) -> dict[str, Any]:
    row = {
        "article_id": article_id,
        "source_path": f"news/{article_id}.txt",
        "title": "Poland summons Belarusian ambassador",
        "published_at": PUBLISHED,
        "published_source": "dateline",
        "body": BODY,
        "content_sha256": "sha",
        "ingested_at": dt.datetime(2026, 2, 1, 9, 0),
        "word_count": len(BODY.split()),
        "extractor_version": "test",
        "status": "active",
        "run_id": "run-test",
    }
    return row | over


def actor(actor_id: str | None, **over: Any) -> dict[str, Any]:
    row = {
        "actor_id": actor_id,
        "canonical_name": f"name of {actor_id}",
        "actor_type": "state",
        "country_code": "POL",
        "role": "GOV",
        "wikidata_qid": "Q36",
        "source": "dictionary",
    }
    return row | over


def timex(timex_id: str | None, **over: Any) -> dict[str, Any]:
    start, end = span("Monday")
    row = {
        "timex_id": timex_id,
        "article_id": "A_GOOD",
        "start_char": start,
        "end_char": end,
        "text": "Monday",
        "timex_type": "DATE",
        "timex_value": "2026-01-26",
        "range_start": dt.date(2026, 1, 26),
        "range_end": dt.date(2026, 1, 26),
        "precision": "day",
        "anchored": True,
        "run_id": "run-test",
    }
    return row | over


def mention(mention_id: str | None, **over: Any) -> dict[str, Any]:
    t_start, t_end = span("summoned")
    s_start, s_end = span("Poland", 10)
    g_start, g_end = span("the Belarusian ambassador")
    row = {
        "mention_id": mention_id,
        "event_id": "",  # the merge assigns event ids after validation
        "article_id": "A_GOOD",
        "sentence_text": BODY[: BODY.index("Bialystok.") + 10],
        "sentence_start": 0,
        "trigger_start": t_start,
        "trigger_end": t_end,
        "trigger_text": "summoned",
        "trigger_lemma": "summon",
        "event_type": "summon",
        "source_start": s_start,
        "source_end": s_end,
        "source_text": "Poland",
        "source_actor_id": "ACT_POL",
        "target_start": g_start,
        "target_end": g_end,
        "target_text": "the Belarusian ambassador",
        "target_actor_id": "ACT_BLR",
        "event_date": "2026-01-26",
        "date_start": dt.date(2026, 1, 26),
        "date_end": dt.date(2026, 1, 26),
        "date_precision": "day",
        "date_basis": "explicit",
        "location": "Warsaw",
        "factuality": "asserted",
        "confidence": 0.8,
        "extractor_version": "test",
        "run_id": "run-test",
    }
    return row | over


# ---------------------------------------------------------------------------------------
# One batch holding good rows and, for every critical expectation, a row that breaks it.
# ---------------------------------------------------------------------------------------

# (table, row key, expectation expected in the reject's `expectation`, fragment of its reason)
BROKEN: list[tuple[str, str, str, str]] = [
    ("articles", "news/None.txt", "article_id_not_null", "article_id is missing"),
    ("articles", "news/dup-1.txt", "article_id_unique", "occurs more than once"),
    ("articles", "news/dup-2.txt", "article_id_unique", "occurs more than once"),
    ("articles", "A_NOBODY", "body_not_null", "body is missing"),
    ("articles", "A_NOPATH", "source_path_not_null", "source_path is missing"),
    ("articles", "A_BADDATE", "values_have_declared_types", "is not a date"),
    (
        "articles",
        "A_FUTURE",
        "published_at_not_before_1900_nor_in_future",
        "2099-05-04 is before 1900-01-01 or in the future",
    ),
    (
        "articles",
        "A_OLD",
        "published_at_not_before_1900_nor_in_future",
        "1850-01-01 is before 1900-01-01 or in the future",
    ),
    ("articles", "A_TOMORROW2", "published_at_not_before_1900_nor_in_future", "(after 2026-03-02: today plus one day"),
    ("actors", "Nobody", "actor_id_not_null", "actor_id is missing"),
    (
        "actors",
        "second ACT_DUP",
        "actor_id_consistent_in_batch",
        "actor_id ACT_DUP appears again with different values; the first row is kept "
        "(canonical_name 'second ACT_DUP' vs 'first ACT_DUP')",
    ),
    ("actors", "ACT_NONAME", "canonical_name_not_null", "canonical_name is missing"),
    ("actors", "ACT_NOTYPE", "actor_type_not_null", "actor_type is missing"),
    ("time_expressions", "T_NOID", "timex_id_not_null", "timex_id is missing"),
    ("time_expressions", "T_DUP Monday", "timex_id_unique", "T_DUP occurs more than once"),
    ("time_expressions", "T_DUP on Monday", "timex_id_unique", "T_DUP occurs more than once"),
    ("time_expressions", "T_NOART", "article_id_not_null", "article_id is missing"),
    ("time_expressions", "T_OTHERART", "article_in_batch", "A_ELSEWHERE is not among this batch's articles"),
    ("time_expressions", "T_FLOAT", "values_have_declared_types", "end_char='12.5' is not a whole number"),
    ("time_expressions", "T_NOSTART", "start_char_not_null", "start_char is missing"),
    ("time_expressions", "T_NOEND", "end_char_not_null", "end_char is missing"),
    ("time_expressions", "T_NEG", "start_char_not_negative", "start_char -3 is negative"),
    ("time_expressions", "T_BACKWARDS", "start_char_before_end_char", "start_char 40 is not before end_char 30"),
    (
        "time_expressions",
        "T_PAST",
        "end_char_inside_body",
        f"past the end of the article body ({len(BODY)} characters)",
    ),
    ("time_expressions", "T_NOTEXT", "text_not_null", "text is missing"),
    ("time_expressions", "T_NOTYPE", "timex_type_not_null", "timex_type is missing"),
    ("time_expressions", "T_BADTYPE", "timex_type_in_set", "timex_type MOMENT is not one of"),
    ("time_expressions", "T_BADPREC", "precision_in_set", "precision fortnight is not a known date precision"),
    (
        "time_expressions",
        "T_RANGE",
        "range_start_not_after_range_end",
        "range_start 2026-01-27 is after range_end 2026-01-26",
    ),
    ("time_expressions", "T_CHILD", "parent_article_not_rejected", "parent article rejected: published_at 2099-05-04"),
    ("event_mentions", "M_NOID", "mention_id_not_null", "mention_id is missing"),
    ("event_mentions", "M_DUP 0.8", "mention_id_unique", "M_DUP occurs more than once"),
    ("event_mentions", "M_DUP 0.3", "mention_id_unique", "M_DUP occurs more than once"),
    ("event_mentions", "M_NOART", "article_id_not_null", "article_id is missing"),
    ("event_mentions", "M_OTHERART", "article_in_batch", "A_ELSEWHERE is not among this batch's articles"),
    ("event_mentions", "M_BADCONF", "values_have_declared_types", "confidence='high' is not a number"),
    ("event_mentions", "M_NOSENT", "sentence_text_not_null", "sentence_text is missing"),
    ("event_mentions", "M_NOTSTART", "trigger_start_not_null", "trigger_start is missing"),
    ("event_mentions", "M_NOTEND", "trigger_end_not_null", "trigger_end is missing"),
    ("event_mentions", "M_TNEG", "trigger_start_not_negative", "trigger_start -1 is negative"),
    ("event_mentions", "M_TBACK", "trigger_start_before_trigger_end", "is not before trigger_end"),
    ("event_mentions", "M_TPAST", "trigger_end_inside_body", "trigger_end 9999 is past the end of the article body"),
    ("event_mentions", "M_SNEG", "source_start_not_negative", "source_start -5 is negative"),
    ("event_mentions", "M_SHALF", "source_start_before_source_end", "both must be set, or neither"),
    ("event_mentions", "M_SPAST", "source_end_inside_body", "source_end 5000 is past the end"),
    ("event_mentions", "M_GNEG", "target_start_not_negative", "target_start -2 is negative"),
    ("event_mentions", "M_GBACK", "target_start_before_target_end", "target_start 60 is not before target_end 50"),
    ("event_mentions", "M_GPAST", "target_end_inside_body", "target_end 4000 is past the end"),
    ("event_mentions", "M_NOTYPE", "event_type_not_null", "event_type is missing"),
    (
        "event_mentions",
        "M_BADTYPE",
        "event_type_in_vocabulary",
        "event_type teleport is not in the event-type vocabulary",
    ),
    ("event_mentions", "M_NOFACT", "factuality_not_null", "factuality is missing"),
    ("event_mentions", "M_BADFACT", "factuality_in_set", "factuality rumoured is not one of"),
    ("event_mentions", "M_BADPREC", "date_precision_in_set", "date_precision fortnight is not a known date precision"),
    (
        "event_mentions",
        "M_DATES",
        "date_start_not_after_date_end",
        "date_start 2026-01-20 is after date_end 2026-01-10",
    ),
    (
        "event_mentions",
        "M_AFTERPUB",
        "event_not_after_publication",
        "event starts 2026-02-10, after the article was published (2026-01-26)",
    ),
    ("event_mentions", "M_NOCONF", "confidence_not_null", "confidence is missing"),
    ("event_mentions", "M_CONF", "confidence_between_0_and_1", "confidence 1.5 is outside [0, 1]"),
    ("event_mentions", "M_SACTOR", "source_actor_in_actors", "source_actor_id ACT_UNKNOWN is not in actors"),
    ("event_mentions", "M_GACTOR", "target_actor_in_actors", "target_actor_id ACT_NONAME is not in actors"),
    ("event_mentions", "M_NOBASIS", "date_basis_not_null", "date_basis is missing"),
    ("event_mentions", "M_CHILD", "parent_article_not_rejected", "parent article rejected: published_at 2099-05-04"),
]
GOOD: dict[str, set[str]] = {
    "articles": {"A_GOOD", "A_TOMORROW"},
    "actors": {"ACT_POL", "ACT_BLR", "ACT_ODDTYPE", "first ACT_DUP"},
    "time_expressions": {"T_GOOD", "T_FEB", "T_MISMATCH"},
    "event_mentions": {"M_GOOD", "M_PLANNED", "M_POSSIBLE", "M_MONTH", "M_NOACTORS", "M_MISMATCH", "M_BASIS", "M_KNOWN"},
}
KEY = {"articles": "article_id", "actors": "actor_id", "time_expressions": "timex_id", "event_mentions": "mention_id"}


def talks_next_month(mention_id: str, factuality: str) -> dict[str, object]:
    """A mention of "Talks" dated to the month after publication, with no actors."""
    return mention(
        mention_id, event_type="meet", trigger_start=BODY.index("Talks"), trigger_end=BODY.index("Talks") + 5,
        trigger_text="Talks", source_start=None, source_end=None, source_actor_id=None, target_start=None,
        target_end=None, target_actor_id=None, event_date="2026-02", date_start=dt.date(2026, 2, 1),
        date_end=dt.date(2026, 2, 28), date_precision="month", factuality=factuality,
    )


def batch() -> dict[str, pd.DataFrame]:
    t_start, t_end = span("summoned")
    feb = span("February")
    crossed = span("crossed")
    arts = [
        article("A_GOOD"),
        article(None),
        article("A_DUP", source_path="news/dup-1.txt"),
        article("A_DUP", source_path="news/dup-2.txt", title="another title"),
        article("A_NOBODY", body=None),
        article("A_NOPATH", source_path=None),
        article("A_BADDATE", published_at="13/45/2024"),
        article("A_FUTURE", published_at=dt.date(2099, 5, 4)),
        article("A_OLD", published_at=dt.date(1850, 1, 1)),
        article("A_TOMORROW", published_at=TODAY + dt.timedelta(days=1)),  # a time zone ahead: fine
        article("A_TOMORROW2", published_at=TODAY + dt.timedelta(days=2)),
    ]
    acts = [
        actor("ACT_POL"),
        actor("ACT_BLR", country_code="BLR", wikidata_qid="Q184"),
        actor("ACT_POL"),  # the same actor from a second article: collapsed, not a failure
        actor("ACT_ODDTYPE", actor_type="planet"),  # warning only
        actor(None, canonical_name="Nobody"),
        actor("ACT_DUP", canonical_name="first ACT_DUP"),
        actor("ACT_DUP", canonical_name="second ACT_DUP"),
        actor("ACT_NONAME", canonical_name=None),
        actor("ACT_NOTYPE", actor_type=None),
    ]
    txs = [
        timex("T_GOOD"),
        timex(
            "T_FEB",
            start_char=feb[0],
            end_char=feb[1],
            text="February",
            timex_value="2026-02",
            range_start=dt.date(2026, 2, 1),
            range_end=dt.date(2026, 2, 28),
            precision="month",
        ),
        timex("T_MISMATCH", text="Tuesday"),  # warning only
        timex(None),
        timex("T_DUP"),
        timex("T_DUP", text="on Monday"),
        timex("T_NOART", article_id=None),
        timex("T_OTHERART", article_id="A_ELSEWHERE"),
        timex("T_FLOAT", start_char=5, end_char=12.5, text=BODY[5:12]),
        timex("T_NOSTART", start_char=None),
        timex("T_NOEND", end_char=None),
        timex("T_NEG", start_char=-3),
        timex("T_BACKWARDS", start_char=40, end_char=30),
        timex("T_PAST", end_char=len(BODY) + 5),
        timex("T_NOTEXT", text=None),
        timex("T_NOTYPE", timex_type=None),
        timex("T_BADTYPE", timex_type="MOMENT"),
        timex("T_BADPREC", precision="fortnight"),
        timex("T_RANGE", range_start=dt.date(2026, 1, 27)),
        timex("T_CHILD", article_id="A_FUTURE"),
    ]
    ms = [
        mention("M_GOOD"),
        talks_next_month("M_PLANNED", "planned"),  # a planned event may lie after publication
        # so may a possible one ("a possible deal on Friday"), or one someone says will happen
        talks_next_month("M_POSSIBLE", "possible"),
        mention(  # month precision: the period contains the publication date, date_start is before it
            "M_MONTH",
            event_type="cross_border",
            trigger_start=crossed[0],
            trigger_end=crossed[1],
            trigger_text="crossed",
            event_date="2026-01",
            date_start=dt.date(2026, 1, 1),
            date_end=dt.date(2026, 1, 31),
            date_precision="month",
        ),
        mention(
            "M_NOACTORS",
            source_start=None,
            source_end=None,
            source_actor_id=None,
            target_start=None,
            target_end=None,
            target_actor_id=None,
            date_start=None,
            date_end=None,
            date_precision=None,
        ),
        mention("M_KNOWN", target_actor_id="ACT_WAREHOUSE"),
        mention("M_MISMATCH", trigger_text="summons"),  # warning only
        mention("M_BASIS", date_basis="guessed"),  # warning only
        mention(None),
        mention("M_DUP"),
        mention("M_DUP", confidence=0.3),
        mention("M_NOART", article_id=None),
        mention("M_OTHERART", article_id="A_ELSEWHERE"),
        mention("M_BADCONF", confidence="high"),
        mention("M_NOSENT", sentence_text=None),
        mention("M_NOTSTART", trigger_start=None),
        mention("M_NOTEND", trigger_end=None),
        mention("M_TNEG", trigger_start=-1),
        mention("M_TBACK", trigger_start=t_end, trigger_end=t_start),
        mention("M_TPAST", trigger_end=9999),
        mention("M_SNEG", source_start=-5),
        mention("M_SHALF", source_end=None),
        mention("M_SPAST", source_end=5000),
        mention("M_GNEG", target_start=-2),
        mention("M_GBACK", target_start=60, target_end=50),
        mention("M_GPAST", target_end=4000),
        mention("M_NOTYPE", event_type=None),
        mention("M_BADTYPE", event_type="teleport"),
        mention("M_NOFACT", factuality=None),
        mention("M_BADFACT", factuality="rumoured"),
        mention("M_BADPREC", date_precision="fortnight"),
        mention("M_DATES", date_start=dt.date(2026, 1, 20), date_end=dt.date(2026, 1, 10)),
        mention("M_AFTERPUB", date_start=dt.date(2026, 2, 10), date_end=dt.date(2026, 2, 10)),
        mention("M_NOCONF", confidence=None),
        mention("M_CONF", confidence=1.5),
        mention("M_SACTOR", source_actor_id="ACT_UNKNOWN"),
        mention("M_GACTOR", target_actor_id="ACT_NONAME"),  # that actor is rejected, so unknown
        mention("M_NOBASIS", date_basis=None),
        mention("M_CHILD", article_id="A_FUTURE"),
    ]
    return {
        "articles": frame("articles", arts),
        "actors": frame("actors", acts),
        "time_expressions": frame("time_expressions", txs),
        "event_mentions": frame("event_mentions", ms),
    }


@pytest.fixture(scope="module")
def report() -> ValidationReport:
    return validate_tables(batch(), event_types=EVENT_TYPES, known_actor_ids=KNOWN_ACTORS, today=TODAY)


def row_key(table: str, row: dict[str, Any]) -> str:
    """How BROKEN names a row: its id, or for rows without one a column that tells them apart."""
    ident = row.get(KEY[table])
    if table == "articles" and (ident is None or ident == "A_DUP"):
        return str(row["source_path"])
    if table == "actors" and (ident is None or ident == "ACT_DUP"):
        return str(row["canonical_name"])
    if ident == "T_DUP":
        return f"T_DUP {row['text']}"
    if ident == "M_DUP":
        return f"M_DUP {row['confidence']}"
    if ident is None:
        return {"time_expressions": "T_NOID", "event_mentions": "M_NOID"}[table]
    return str(ident)


def rejects_by_key(report: ValidationReport) -> dict[tuple[str, str], list[Any]]:
    out: dict[tuple[str, str], list[Any]] = {}
    for r in report.rejects:
        out.setdefault((str(r.table_name), row_key(str(r.table_name), json.loads(r.row_json or "{}"))), []).append(r)
    return out


@pytest.mark.parametrize(("table", "key", "expectation", "reason"), BROKEN, ids=[f"{b[0]}-{b[1]}" for b in BROKEN])
def test_a_row_breaking_a_critical_expectation_is_quarantined_with_its_reason(
    report: ValidationReport, table: str, key: str, expectation: str, reason: str
) -> None:
    found = rejects_by_key(report).get((table, key))
    assert found, f"{table} row {key} was not rejected"
    (reject,) = found
    assert reject.stage == "validate"
    assert expectation in (reject.expectation or "").split(", ")
    assert reason in reject.reason
    assert key not in {row_key(table, r) for r in report.valid[table].to_dict("records")}


def test_good_rows_pass_and_nothing_else_is_rejected(report: ValidationReport) -> None:
    for table, good in GOOD.items():
        kept = {row_key(table, r) for r in report.valid[table].to_dict("records")}
        assert kept == good, table
    expected = {(t, k) for t, k, _, _ in BROKEN}
    assert set(rejects_by_key(report)) == expected
    assert len(report.rejects) == len(expected)  # one reject per row, however many checks it fails


def test_rejects_keep_the_row_and_its_provenance(report: ValidationReport) -> None:
    by_key = rejects_by_key(report)
    (child,) = by_key[("event_mentions", "M_CHILD")]
    assert child.article_id == "A_FUTURE"
    assert child.source_path == "news/A_FUTURE.txt"  # from the parent article
    row = json.loads(child.row_json)
    assert row["mention_id"] == "M_CHILD" and row["date_start"] == "2026-01-26"
    assert child.sentence == row["sentence_text"]  # the analyst sees what was read without unpacking the row
    assert set(row) == set(columns("event_mentions"))  # helper columns never leak out
    (art,) = by_key[("articles", "A_FUTURE")]
    assert json.loads(art.row_json)["body"] == BODY
    assert (
        by_key[("articles", "A_BADDATE")][0].reason
        == "value of the wrong type: published_at='13/45/2024' is not a date"
    )


def test_valid_frames_are_the_input_rows_unchanged(report: ValidationReport) -> None:
    tables = batch()
    for table, frame_ in report.valid.items():
        assert list(frame_.columns) == columns(table)
        original = tables[table].loc[frame_.index]
        pd.testing.assert_frame_equal(frame_, original)


def test_every_critical_expectation_in_the_suites_is_exercised() -> None:
    # actor ids are made unique before the suite runs (first row kept), so the suite's own
    # uniqueness check is only a guard.
    covered = {(t, e) for t, _, e, _ in BROKEN} | {("actors", "actor_id_unique")}
    for table in validate.TABLES:
        spec = validate.load_suite_spec(table)
        critical = {(table, e["meta"]["name"]) for e in spec["expectations"] if e["meta"]["severity"] == "critical"}
        assert critical - covered == set(), f"{table}: add a broken row for these"


def test_a_table_level_expectation_cannot_be_critical(tmp_path: Path) -> None:
    """A critical failure must name the rows it quarantines; a row count cannot."""
    suite: dict[str, Any] = {
        "name": "actors",
        "meta": {},
        "expectations": [
            {
                "type": "expect_table_row_count_to_be_between",
                "kwargs": {"min_value": 1},
                "meta": {"name": "some_rows", "severity": "critical", "reason": "no rows"},
            }
        ],
    }
    (tmp_path / "actors.json").write_text(json.dumps(suite), encoding="utf-8")
    with pytest.raises(ValueError, match="only row-level expectations can be critical"):
        validate.load_suite_spec("actors", tmp_path)
    suite["expectations"][0]["meta"]["severity"] = "warning"
    (tmp_path / "actors.json").write_text(json.dumps(suite), encoding="utf-8")
    assert validate.load_suite_spec("actors", tmp_path)["expectations"][0]["meta"]["name"] == "some_rows"


def test_outcomes_record_every_expectation_with_counts(report: ValidationReport) -> None:
    outcomes = {(o.table_name, o.expectation): o for o in report.outcomes}
    for table in validate.TABLES:
        for exp in validate.load_suite_spec(table)["expectations"]:
            o = outcomes[(table, exp["meta"]["name"])]
            assert o.severity == exp["meta"]["severity"]
            assert o.element_count is not None
    conf = outcomes[("event_mentions", "confidence_between_0_and_1")]
    assert not conf.success and conf.unexpected_count == 1 and conf.details["partial_unexpected_list"] == [1.5]
    assert outcomes[("event_mentions", "mention_id_not_null")].element_count == len(batch()["event_mentions"])
    assert outcomes[("actors", "actor_type_in_set")].severity == "warning"
    repeated = outcomes[("actors", "no_exact_duplicate_rows")]
    assert repeated.success and repeated.unexpected_count == 1  # expected: one row per article
    assert report.failed_critical == len({(t, e) for t, _, e, _ in BROKEN})
    json.dumps([o.details for o in report.outcomes])  # the validations table stores them as JSON


def test_warnings_are_recorded_but_rows_pass(report: ValidationReport) -> None:
    outcomes = {(o.table_name, o.expectation): o for o in report.outcomes}
    for table, name, key in [
        ("actors", "actor_type_in_set", "ACT_ODDTYPE"),
        ("time_expressions", "text_matches_body", "T_MISMATCH"),
        ("event_mentions", "trigger_text_matches_body", "M_MISMATCH"),
        ("event_mentions", "date_basis_in_set", "M_BASIS"),
    ]:
        o = outcomes[(table, name)]
        assert o.severity == "warning" and not o.success and o.unexpected_count, name
        assert key in o.details["unexpected_ids"]
        assert key in {row_key(table, r) for r in report.valid[table].to_dict("records")}
    assert report.failed_warning == 4


def test_long_article_without_events_warns_and_exact_duplicates_collapse() -> None:
    long_body = "The committee reviewed the annual budget line by line. " * 600  # 5,400 words
    short = BODY
    arts = frame(
        "articles",
        [
            article("A_LONG", body=long_body, word_count=len(long_body.split())),
            article("A_SHORT", body=short),
            article("A_SHORT", body=short),  # the same row twice
        ],
    )
    ms = frame("event_mentions", [mention("M_1", article_id="A_SHORT", source_actor_id=None, target_actor_id=None)])
    report = validate_tables(
        {"articles": arts, "event_mentions": ms}, event_types=EVENT_TYPES, known_actor_ids=set(), today=TODAY
    )
    outcomes = {o.expectation: o for o in report.outcomes if o.table_name == "articles"}
    long = outcomes["long_article_has_events"]
    assert long.severity == "warning" and not long.success and long.unexpected_count == 1
    assert long.element_count == 1  # only articles of 5,000+ words are checked
    assert outcomes["no_exact_duplicate_rows"].unexpected_count == 1
    assert report.rejects == []
    assert report.failed_critical == 0
    assert sorted(report.valid["articles"]["article_id"]) == ["A_LONG", "A_SHORT"]
    assert list(report.valid["event_mentions"]["mention_id"]) == ["M_1"]


def test_a_missing_column_quarantines_the_whole_table() -> None:
    """A silent schema change must not slip through: the check cannot run, so nothing passes."""
    ms = frame("event_mentions", [mention("M_1", source_actor_id=None, target_actor_id=None)]).drop(
        columns=["factuality"]
    )
    report = validate_tables(
        {"articles": frame("articles", [article("A_GOOD")]), "event_mentions": ms},
        event_types=EVENT_TYPES,
        known_actor_ids=set(),
        today=TODAY,
    )
    assert report.valid["event_mentions"].empty
    (reject,) = report.rejects
    assert "could not check factuality_in_set" in reject.reason and "factuality" in reject.reason
    assert list(report.valid["articles"]["article_id"]) == ["A_GOOD"]


def test_empty_and_missing_tables_are_fine() -> None:
    report = validate_tables(
        {"articles": frame("articles", []), "actors": frame("actors", [])},
        event_types=EVENT_TYPES,
        known_actor_ids=set(),
    )
    assert report.rejects == [] and report.outcomes == []
    assert set(report.valid) == {"articles", "actors"} and report.valid["articles"].empty


def test_event_types_come_from_the_argument() -> None:
    tables = {
        "articles": frame("articles", [article("A_GOOD")]),
        "event_mentions": frame("event_mentions", [mention("M_1", source_actor_id=None, target_actor_id=None)]),
    }
    report = validate_tables(tables, event_types={"protest"}, known_actor_ids=set(), today=TODAY)
    (reject,) = report.rejects
    assert reject.expectation == "event_type_in_vocabulary" and "summon" in reject.reason


def test_data_docs_index_lists_each_run(report: ValidationReport, tmp_path: Path) -> None:
    out = tmp_path / "warehouse" / "data_docs"
    index = build_data_docs(report, "run-one", out)
    assert index == out / "index.html" and index.is_file()
    html = index.read_text(encoding="utf-8")
    assert "run-one" in html
    pages = sorted(p.name for p in (out / "validations").rglob("*.html"))
    assert pages == ["actors.html", "articles.html", "event_mentions.html", "time_expressions.html"]
    page = next((out / "validations" / "event_mentions").rglob("*.html")).read_text(encoding="utf-8")
    assert "confidence" in page and "Failed" in page
    assert (tmp_path / "warehouse" / "gx").is_dir()  # results kept beside the docs for the next run

    build_data_docs(report, "run-two", out)
    html = index.read_text(encoding="utf-8")
    assert "run-one" in html and "run-two" in html


def test_data_docs_merge_the_batches_of_one_run(tmp_path: Path) -> None:
    def one(mention_id: str, confidence: float) -> ValidationReport:
        tables = {
            "articles": frame("articles", [article("A_GOOD")]),
            "event_mentions": frame("event_mentions", [mention(mention_id, confidence=confidence)]),
        }
        return validate_tables(tables, event_types=EVENT_TYPES, known_actor_ids={"ACT_POL", "ACT_BLR"}, today=TODAY)

    reports = [one("M_1", 0.5), one("M_2", 7.0), one("M_3", 9.0)]
    merged = merge_reports(reports)
    conf = next(o for o in merged.outcomes if o.expectation == "confidence_between_0_and_1")
    assert (conf.success, conf.unexpected_count, conf.element_count) == (False, 2, 3)
    assert conf.details["partial_unexpected_list"] == [7.0, 9.0]
    assert [r.row_json and json.loads(r.row_json)["mention_id"] for r in merged.rejects] == ["M_2", "M_3"]
    assert list(merged.valid["event_mentions"]["mention_id"]) == ["M_1"]
    gx_conf = next(
        r
        for r in merged.gx_results["event_mentions"].results
        if r.expectation_config.meta["name"] == "confidence_between_0_and_1"
    )
    assert gx_conf.result["element_count"] == 3 and gx_conf.result["unexpected_count"] == 2

    index = build_data_docs(reports, "run-batched", tmp_path / "docs", gx_dir=tmp_path / "gx")
    assert index.is_file()
    pages = list((tmp_path / "docs" / "validations" / "event_mentions").rglob("*.html"))
    assert len(pages) == 1  # one page per table, not one per batch
