"""What the report says, read from the written files: date bases, factuality, every event,
quality across runs, templates as files. The browser tests (test_report_browser.py) check
the same things as a reader sees them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline import report
from pipeline.report import build, charts
from pipeline.settings import Settings
from pipeline.warehouse import open_warehouse
from tests.pipeline.report.conftest import EARLIER_RUN

PACKAGE = Path(report.__file__).parent
FAKE_JS = "window.vegaEmbed = function () { return Promise.resolve(); };"


def _embedded(html: str, script_id: str) -> Any:
    found = re.search(rf'<script id="{script_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, script_id
    return json.loads(found.group(1))


def test_the_page_is_html_css_and_js_files_rendered_with_autoescaping() -> None:
    assert {p.name for p in (PACKAGE / "templates").glob("*.j2")} >= {"index.html.j2", "article.html.j2"}
    assert {p.name for p in (PACKAGE / "static").iterdir()} >= {"report.css", "report.js"}
    for module in PACKAGE.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert len(text.splitlines()) < 500, module.name
        assert "<!DOCTYPE" not in text and "<style" not in text and "function (" not in text, module.name
    env = build.environment()
    assert env.autoescape is True or env.autoescape("index.html.j2")  # type: ignore[operator]
    assert "&lt;b&gt;" in env.from_string("{{ x }}").render(x="<b>")


def test_an_event_dated_only_by_its_article_carries_that_basis(mixed: Settings) -> None:
    with open_warehouse(mixed.warehouse_path, read_only=True) as con:
        data = report.load_report_data(con)
    basis = {(e["event_type"], e["event_date"]): e["date_basis"] for e in data.events}
    assert basis[("SANCTION", "2026-02-18")] == "publication"
    # two mentions date the meeting: one relative to the publication, one explicit; the explicit one counts
    assert basis[("CONSULT", "2026-01-25")] == "explicit"
    assert basis[("ANNOUNCE", None)] == "undated"
    records, _ = charts.timeline_records(data.events)
    sanction = next(r for r in records if r["event_type"] == "SANCTION" and r["start"] == "2026-02-18")
    assert sanction["article_dated"] and "publication date" in sanction["basis"]
    support = next(r for r in records if r["event_type"] == "SUPPORT")
    assert support["factuality"] == "possible" and not support["factual"] and not support["article_dated"]


def test_the_timeline_draws_article_dated_markers_hollow_and_factuality_as_shape(mixed: Settings, tmp_path: Path) -> None:
    result = report.build_report(mixed, tmp_path / "out", inline_js=FAKE_JS)
    spec = _embedded(result.index_path.read_text(encoding="utf-8"), "chart-specs")["chart-timeline"]
    layers = spec["layer"]
    marks = [(lay["mark"], [t.get("filter") for t in lay.get("transform", [])]) for lay in layers]
    hollow = [m for m, f in marks if "datum.article_dated" in f]
    filled = [m for m, f in marks if "!datum.article_dated" in f]
    assert hollow and hollow[0]["filled"] is False and filled and filled[0]["filled"] is True
    assert all(lay["encoding"]["shape"]["field"] == "factuality" for lay in layers[1:])
    bars = layers[0]["encoding"]
    assert bars["strokeDash"]["condition"]["test"] == "datum.factual"
    tooltip_titles = {t["title"] for t in bars["tooltip"]}
    assert {"date basis", "factuality"} <= tooltip_titles


def test_counts_are_of_asserted_events_unless_the_reader_asks_for_all(mixed: Settings, tmp_path: Path) -> None:
    result = report.build_report(mixed, tmp_path / "out", inline_js=FAKE_JS)
    html = result.index_path.read_text(encoding="utf-8")
    stat = re.search(r'<div class="stat" id="stat-events"><b><span class="count-factual">(\d+)</span><span class="count-all">(\d+)</span>', html)
    assert stat and stat.groups() == ("4", "7")  # possible, negated and planned left out by default
    monthly = _embedded(html, "chart-specs")["chart-monthly-types"]
    assert {"name": "all_events", "value": False} in monthly["params"]
    assert monthly["transform"][0]["filter"] == "all_events || datum.factual"
    assert '<input type="checkbox" id="count-all">' in html


def test_the_list_holds_every_event_newest_first_with_basis_and_factuality(mixed: Settings, tmp_path: Path) -> None:
    result = report.build_report(mixed, tmp_path / "out", inline_js=FAKE_JS)
    listed = _embedded(result.index_path.read_text(encoding="utf-8"), "event-data")
    assert len(listed) == 7
    starts = [e["s"] for e in listed if "s" in e]
    assert starts == sorted(starts, reverse=True) and "s" not in listed[-1]  # undated last
    by_type = {(e["t"], e.get("s")): e for e in listed}
    assert by_type[("SANCTION", "2026-02-18")]["b"] == "publication"
    assert by_type[("SANCTION", "2023-01-01")]["f"] == "negated"
    assert all(m["b"] for e in listed for m in e["ms"])  # each sentence says what dated it


def test_data_quality_shows_every_run_and_earlier_rejects(mixed: Settings, tmp_path: Path) -> None:
    result = report.build_report(mixed, tmp_path / "out", inline_js=FAKE_JS)
    html = result.index_path.read_text(encoding="utf-8")
    history = html[html.index('<table id="run-history">'):]
    history = history[:history.index("</table>")]
    assert EARLIER_RUN in history and "20260301T090000-test0001" in history
    assert history.index("20260301T090000-test0001") < history.index(EARLIER_RUN)  # newest first
    assert "0 of 1" in history  # the earlier run's failed expectation stays visible
    rejects = html[html.index('<table id="reject-history">'):]
    rejects = rejects[:rejects.index("</table>")]
    assert "not UTF-8 text: cannot decode byte 0xff" in rejects and "empty file: no text to extract" in rejects
    assert "2 runs recorded; 2 had a failed expectation or a reject" in html


def test_data_docs_are_optional_and_the_results_are_in_the_report(mixed: Settings, tmp_path: Path) -> None:
    docs = mixed.data_docs_dir
    docs.mkdir(parents=True)
    (docs / "index.html").write_text("<html>docs</html>", encoding="utf-8")
    html = report.build_report(mixed, tmp_path / "out", inline_js=FAKE_JS).index_path.read_text(encoding="utf-8")
    assert "expect_column_values_to_be_between(confidence, 0, 1)" in html  # the latest run's results, here
    assert "optional: they load Bootstrap and jQuery from the internet" in html


def test_a_summary_and_merge_reason_reach_the_list_when_the_warehouse_has_them(mixed: Settings, tmp_path: Path) -> None:
    """`events.summary`, `events.trigger_text` and `event_mentions.merge_reason` are newer columns:
    used when present (a warehouse without them is the other tests' case)."""
    with open_warehouse(mixed.warehouse_path) as con:
        con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS summary VARCHAR")
        con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS trigger_text VARCHAR")
        con.execute("ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS merge_reason VARCHAR")
        con.execute("UPDATE events SET summary = 'Zelenskyy met Tsikhanouskaya in Vilnius', trigger_text = 'meeting' WHERE event_type = 'CONSULT'")
        con.execute("UPDATE event_mentions SET merge_reason = 'same pair, type and day' WHERE event_type = 'CONSULT'")
    html = report.build_report(mixed, tmp_path / "out", inline_js=FAKE_JS).index_path.read_text(encoding="utf-8")
    meet = next(e for e in _embedded(html, "event-data") if e["t"] == "CONSULT")
    assert meet["sum"] == "Zelenskyy met Tsikhanouskaya in Vilnius" and meet["trig"] == "meeting"
    assert {m["mr"] for m in meet["ms"]} == {"same pair, type and day"}


def test_the_sql_counts_the_same_factuality_as_the_page() -> None:
    """report_actors.sql spells the counted factualities out (an analyst runs it as it is): the same as FACTUAL."""
    sql = report.report_sql("actors")
    assert "IN (" + ", ".join(f"'{f}'" for f in report.FACTUAL) + ")" in sql


def test_a_quiet_run_does_not_hide_an_earlier_ones_checks(mixed: Settings) -> None:
    with open_warehouse(mixed.warehouse_path, read_only=True) as con:
        data = report.load_report_data(con)
    runs = {r["run_id"]: r for r in data.runs}
    assert (runs[EARLIER_RUN]["expectations"], runs[EARLIER_RUN]["expectations_failed"]) == (1, 1)
    assert runs[EARLIER_RUN]["rows_checked"] == 70 and runs[EARLIER_RUN]["rejects"] == 2
    latest = runs["20260301T090000-test0001"]
    assert (latest["expectations"], latest["expectations_failed"], latest["rows_checked"]) == (2, 1, 9)
    factual = {a["actor_id"]: a["factual_count"] for a in data.actors}
    assert factual["budanov"] == 0  # his one event is only possible


def test_article_pages_link_each_actor_to_its_view(mixed: Settings, tmp_path: Path) -> None:
    result = report.build_report(mixed, tmp_path / "out", inline_js=FAKE_JS)
    pages = "".join(p.read_text(encoding="utf-8") for p in (result.index_path.parent / "articles").glob("*.html"))
    assert 'href="../index.html#actor=budanov">Kyrylo Budanov</a>' in pages
    assert "only the article&#39;s publication date" in pages and '<span class="tag fact">possible</span>' in pages
