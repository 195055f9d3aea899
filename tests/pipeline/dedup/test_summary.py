"""Readable event summaries: every example of schemas/event_summaries.yaml, rendered by SQL."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from pipeline.dedup import summary

EXAMPLES: list[dict[str, Any]] = summary.load()["examples"]


def render(example: dict[str, Any]) -> tuple[str, str | None]:
    con = duckdb.connect()
    con.execute("CREATE TABLE actors(actor_id VARCHAR, canonical_name VARCHAR)")
    con.execute("CREATE TABLE event_mentions(mention_id VARCHAR, trigger_text VARCHAR)")
    con.execute("INSERT INTO event_mentions VALUES ('m1', 'met')")
    for slot in ("source", "target"):
        if example.get(slot):
            con.execute("INSERT INTO actors VALUES (?, ?)", [f"id-{slot}", example[slot]])
    con.execute(
        """CREATE TABLE dedup_events AS SELECT 'ev_m1' AS event_id, ?::VARCHAR AS event_type,
               ?::VARCHAR AS source_actor_id, ?::VARCHAR AS target_actor_id, ?::VARCHAR AS location,
               ?::VARCHAR AS factuality""",
        [example["type"], "id-source" if example.get("source") else None, "id-target" if example.get("target") else None,
         example.get("location"), example.get("factuality", "asserted")],
    )
    summary.describe(con)
    row = con.execute("SELECT summary, trigger_text FROM dedup_events_described").fetchone()
    assert row is not None
    return row[0], row[1]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["expect"] for e in EXAMPLES])
def test_summary_example(example: dict[str, Any]) -> None:
    text, trigger = render(example)
    assert text == example["expect"]
    assert trigger == "met"  # the trigger of the mention the event is named after


def test_every_coded_event_type_has_a_template() -> None:
    from pipeline.events import EventTypeVocabulary

    types = set(EventTypeVocabulary.load().types) - {"OTHER"}
    assert types <= set(summary.load()["templates"])
