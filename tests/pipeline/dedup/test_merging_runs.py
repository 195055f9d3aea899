"""Merging through real runs: syndicated copies add no events, and a later run that merges
events explains it in `event_history`."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.dedup import links
from pipeline.runner import run_pipeline
from pipeline.settings import load_settings

STORY = """---
title: Ministers meet as shelling continues
published: {published}
---
Russian forces shelled the eastern city of Kharkiv on Tuesday, regional officials said.
The Ukrainian foreign minister met his Polish counterpart in Warsaw on Wednesday to discuss air defence.
The European Union imposed new sanctions on Belarus on Thursday over its support for the war.
{last_line}
Copyright {outlet}.
"""
LAST = "Lithuania closed two border crossings with Belarus after a series of balloon incursions."
CHANGED = "Latvia said it would send more border guards to its frontier with Belarus next month."


def write(corpus: Path, name: str, published: str, last_line: str = LAST) -> None:
    """One copy of the story; each outlet's copy differs in its credit line, so each is an article."""
    corpus.mkdir(exist_ok=True)
    text = STORY.format(published=published, last_line=last_line, outlet=name.removesuffix(".md").title())
    (corpus / name).write_text(text, encoding="utf-8")


def events(wh: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return con.execute("SELECT event_id, event_type, article_count FROM events ORDER BY event_id").fetchall()


def run(corpus: Path, wh: Path) -> None:
    run_pipeline(load_settings(corpus_dir=corpus, warehouse_path=wh))


def test_three_near_identical_copies_add_no_events(tmp_path: Path) -> None:
    one, three = tmp_path / "one", tmp_path / "three"
    write(one, "wire.md", "2026-03-06")
    for n, name in enumerate(("wire.md", "paper.md", "site.md")):
        write(three, name, f"2026-03-0{6 + n}", CHANGED if name == "site.md" else LAST)
    run(one, tmp_path / "one.duckdb")
    run(three, tmp_path / "three.duckdb")
    single, copies = events(tmp_path / "one.duckdb"), events(tmp_path / "three.duckdb")
    assert single, "the story has coded events"
    with duckdb.connect(str(tmp_path / "three.duckdb"), read_only=True) as con:
        changed_line = con.execute(
            """SELECT count(DISTINCT event_id) FROM event_mentions m JOIN articles a USING (article_id)
               WHERE a.source_path LIKE '%site.md' AND m.sentence_text LIKE 'Latvia%'"""
        ).fetchone()
    assert changed_line is not None
    # the copies add only the changed line's events (the original last line is still in two)
    assert len(copies) == len(single) + changed_line[0]
    assert max(int(str(e[2])) for e in copies) == 3  # an event reported by all three copies


def test_a_merge_in_a_later_run_is_explained_in_event_history(tmp_path: Path) -> None:
    corpus, wh = tmp_path / "corpus", tmp_path / "w.duckdb"
    write(corpus, "late.md", "2026-03-07")
    run(corpus, wh)
    before = {e[0] for e in events(wh)}
    write(corpus, "early.md", "2026-03-06")  # the same story, published a day earlier
    run(corpus, wh)
    after = {e[0] for e in events(wh)}
    assert before and not (before & after), "each event is now named after the earlier report"
    with duckdb.connect(str(wh), read_only=True) as con:
        history = con.execute("SELECT event_id, change, related_event_ids FROM event_history").fetchall()
        reasons = con.execute(
            "SELECT DISTINCT merge_reason FROM event_mentions m JOIN articles a USING (article_id) "
            "WHERE a.source_path LIKE '%late.md'"
        ).fetchall()
    merged = {h[0]: h[2] for h in history if h[1] == "merged"}
    assert set(merged) == before
    assert all(len(ids) == 1 and ids[0] in after for ids in merged.values())
    assert links.REASON_SYNDICATED in {r[0] for r in reasons}
    assert {r[0] for r in reasons} <= {links.REASON_SYNDICATED, links.REASON_KEY, links.REASON_ARTICLE}
