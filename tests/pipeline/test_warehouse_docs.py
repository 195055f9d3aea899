"""The warehouse explains itself: every table, view and column of a new warehouse has a comment,
docs/warehouse.md carries the same text, and its analyst queries run and return rows."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from pipeline import query as q
from pipeline import warehouse as wh
from pipeline import warehouse_docs as docs
from tests.pipeline.test_report import fill_warehouse

QUERIES = re.findall(r"```sql\n(.*?)```", docs.DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "dateline.duckdb"
    fill_warehouse(path)  # three real articles, their mentions, events and actors
    return path


def test_every_table_view_and_column_of_a_new_warehouse_has_a_comment(tmp_path: Path) -> None:
    with wh.open_warehouse(tmp_path / "dateline.duckdb") as con:
        missing_columns = con.execute(
            """SELECT table_name || '.' || column_name FROM duckdb_columns()
               WHERE database_name = current_database() AND NOT internal AND coalesce(comment, '') = ''"""
        ).fetchall()
        relations = docs.relations(con)
    assert missing_columns == []
    assert [name for name, _kind, comment in relations if not comment] == []
    assert {"events", "event_mentions", "actor_timeline", "latest_run", "schema_version"} <= {r[0] for r in relations}


def test_comments_survive_the_next_migration_and_a_rerun(tmp_path: Path) -> None:
    """Views are re-created on every migration; their comments must come back with them."""
    path = tmp_path / "dateline.duckdb"
    with wh.open_warehouse(path) as con:
        con.execute("DELETE FROM schema_version WHERE version = (SELECT max(version) FROM schema_version)")
    with wh.open_warehouse(path) as con:  # re-applies the last migration and the views
        assert docs.render(con.cursor()) == docs.render()


def test_docs_reference_is_generated_from_the_comments() -> None:
    document = docs.DOC.read_text(encoding="utf-8")
    assert docs.section(document) == docs.render(), "docs/warehouse.md is stale: run python -m pipeline.warehouse_docs"


def test_docs_explain_the_columns_analysts_ask_about() -> None:
    document = docs.DOC.read_text(encoding="utf-8")
    before_reference = document[: document.index(docs.BEGIN)]
    for value in ("asserted", "negated", "possible", "planned", "reported",  # factuality
                  "explicit", "relative-to-publication", "inherited", "publication", "reference", "unknown"):
        assert f"`{value}`" in before_reference, value
    for word in ("date_precision", "actor_id", "GOV", "source", "target"):
        assert word in before_reference


def test_docs_have_five_analyst_queries() -> None:
    assert len(QUERIES) == 5


@pytest.mark.parametrize("sql", QUERIES, ids=[f"query-{i + 1}" for i in range(len(QUERIES))])
def test_each_analyst_query_in_the_docs_returns_rows(warehouse: Path, sql: str) -> None:
    result = q.table(warehouse, sql, max_rows=5, timeout_s=30, memory_limit="256MB", lock_timeout_s=5)
    assert result.total > 0, sql


def test_fresh_catalog_is_a_migrated_in_memory_warehouse() -> None:
    con = docs.fresh_catalog()
    try:
        assert wh.schema_version(con) == wh.SCHEMA_VERSION
        assert isinstance(con, duckdb.DuckDBPyConnection)
    finally:
        con.close()
