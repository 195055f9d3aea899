"""`dateline actors`: counts, kinds, QIDs, aliases and written forms, filtered and sorted."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows import cli
from pipeline import actor_list
from tests.pipeline.test_report import fill_warehouse


@pytest.fixture
def wh(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    fill_warehouse(path)
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO actor_aliases VALUES ('zelenskyy', 'Zelensky'), ('zelenskyy', 'Zelenskiy')")
    con.execute("INSERT INTO actors VALUES ('ner:other:monday', 'Monday', 'other', NULL, NULL, NULL, 'ner')")
    con.close()
    return path


def counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            """SELECT actor_id, count(*) FROM (SELECT source_actor_id AS actor_id FROM event_mentions
               UNION ALL SELECT target_actor_id FROM event_mentions) WHERE actor_id IS NOT NULL GROUP BY ALL"""
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def test_actors_come_with_their_mention_counts_aliases_and_written_forms(wh: Path) -> None:
    rows = actor_list.list_actors(wh)
    expected = counts(wh)
    assert {r.actor_id: r.mentions for r in rows} == expected
    assert [r.mentions for r in rows] == sorted(expected.values(), reverse=True)
    zel = next(r for r in rows if r.actor_id == "zelenskyy")
    assert zel.aliases == ["Zelenskiy", "Zelensky"] and zel.wikidata_qid == "Q3874799" and zel.kind == "person"
    assert zel.written and all(isinstance(w, str) for w in zel.written)


def test_filters_by_kind_search_and_minimum(wh: Path) -> None:
    assert {r.kind for r in actor_list.list_actors(wh, kind="state")} == {"state"}
    assert [r.actor_id for r in actor_list.list_actors(wh, search="zelensk")] == ["zelenskyy"]
    everyone = actor_list.list_actors(wh, min_mentions=0, sort="id")
    assert {r.actor_id for r in everyone} - set(counts(wh)) == {"ner:other:monday"}  # in no mention: only with 0
    assert [r.actor_id for r in everyone] == sorted((r.actor_id for r in everyone), key=str.lower)


def test_the_command_prints_plain_text(wh: Path) -> None:
    result = CliRunner().invoke(cli.app, ["actors", "--warehouse", str(wh), "--kind", "person", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "mentions" in result.output and "more (raise --limit" in result.output
    bad = CliRunner().invoke(cli.app, ["actors", "--warehouse", str(wh), "--sort", "height"])
    assert bad.exit_code == cli.EXIT_USAGE
