"""`pipeline.query`: one read-only statement, a table that says when it is cut, every row as
CSV/JSON through DuckDB's writers, a time limit and a memory limit. A real warehouse file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pipeline import query as q
from tests.pipeline.test_report import fill_warehouse

LIMITS = {"timeout_s": 30.0, "memory_limit": "256MB", "lock_timeout_s": 5.0}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query") / "dateline.duckdb"
    fill_warehouse(path)  # seven events
    return path


def test_table_shows_the_first_rows_and_counts_all_of_them(warehouse: Path) -> None:
    result = q.table(warehouse, "SELECT event_id FROM events ORDER BY event_id", max_rows=3, **LIMITS)
    assert result.columns == ["event_id"] and len(result.rows) == 3
    assert result.total == 7 and result.cut


def test_table_not_cut_when_everything_fits(warehouse: Path) -> None:
    result = q.table(warehouse, "SELECT event_id FROM events", max_rows=50, **LIMITS)
    assert result.total == len(result.rows) == 7 and not result.cut


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_write_streams_every_row_to_a_file(warehouse: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    count = q.write(warehouse, "SELECT event_id, event_type FROM events ORDER BY event_id", fmt,
                    output=out, stdout=None, **LIMITS)
    text = out.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
    elif fmt == "json":
        rows = json.loads(text)
    else:
        rows = [json.loads(line) for line in text.splitlines()]
    assert count == len(rows) == 7 and set(rows[0]) == {"event_id", "event_type"}
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left beside it


def test_write_to_a_stream_when_no_file_is_given(warehouse: Path) -> None:
    sink = io.BytesIO()
    count = q.write(warehouse, "SELECT 'a,\"b\"' AS tricky, 2 AS n", "csv", output=None, stdout=sink, **LIMITS)
    assert count == 1
    assert list(csv.reader(io.StringIO(sink.getvalue().decode()))) == [["tricky", "n"], ['a,"b"', "2"]]


def test_write_refuses_the_warehouse_as_output(warehouse: Path) -> None:
    before = warehouse.read_bytes()
    with pytest.raises(q.QueryError, match="warehouse itself"):
        q.write(warehouse, "SELECT 1", "csv", output=warehouse, stdout=None, **LIMITS)
    assert warehouse.read_bytes() == before


def test_the_allowed_output_file_does_not_open_other_files(warehouse: Path, tmp_path: Path) -> None:
    """The one path the result may be written to is allowed; the SQL still cannot reach another."""
    with pytest.raises(q.QueryError, match="read-only"):
        q.write(warehouse, f"SELECT * FROM read_text('{warehouse}')", "csv", output=tmp_path / "o.csv", stdout=None, **LIMITS)
    assert not (tmp_path / "o.csv").exists()


def test_a_long_query_is_interrupted_after_the_time_limit(warehouse: Path) -> None:
    slow = "SELECT count(*) FROM range(100000000000) a"
    with pytest.raises(q.QueryTimeout, match=r"longer than 0\.5s"):
        q.table(warehouse, slow, max_rows=5, timeout_s=0.5, memory_limit="256MB", lock_timeout_s=5)


def test_interrupted_write_leaves_no_file(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "big.csv"
    with pytest.raises(q.QueryTimeout):
        q.write(warehouse, "SELECT range AS n FROM range(100000000000)", "csv", output=out, stdout=None,
                timeout_s=0.5, memory_limit="256MB", lock_timeout_s=5)
    assert list(tmp_path.iterdir()) == []


def test_a_query_over_the_memory_limit_fails_with_a_reason(warehouse: Path) -> None:
    hungry = "SELECT list(range) AS l FROM range(50000000)"
    with pytest.raises(q.QueryError, match="memory"):
        q.table(warehouse, hungry, max_rows=1, timeout_s=60, memory_limit="32MB", lock_timeout_s=5)


def test_the_memory_limit_cannot_be_raised_by_the_sql(warehouse: Path) -> None:
    with pytest.raises(q.QueryError, match="locked"):
        q.table(warehouse, "SET memory_limit = '64GB'", max_rows=1, **LIMITS)


def test_sql_from_stdin_and_from_a_file(tmp_path: Path) -> None:
    assert q.read_sql("-", io.StringIO("SELECT 42")) == "SELECT 42"
    (tmp_path / "q.sql").write_text("SELECT 7 -- from a file\n", encoding="utf-8")
    assert q.read_sql(f"@{tmp_path / 'q.sql'}") == "SELECT 7 -- from a file\n"
    assert q.read_sql("SELECT 1") == "SELECT 1"
    with pytest.raises(q.QueryError, match="cannot read SQL"):
        q.read_sql(f"@{tmp_path / 'missing.sql'}")
