"""The report as a reader uses it, in headless Chromium driven like a mouse and keyboard: the
event list's filters and count, the factuality and date-basis encoding, the asserted-only
counts and their toggle, chart clicks that filter the list, an actor's view, and the whole
page working with the network switched off."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from pipeline import report
from pipeline.settings import Settings
from tests.pipeline.test_report import DevTools, devtools

pytestmark = pytest.mark.slow


def _open(page: DevTools, index: Path) -> None:
    page.open(index)
    page.wait_for("document.getElementById('render-status').dataset.done === '1'")
    status = json.loads(page.eval("JSON.stringify(document.getElementById('render-status').dataset)"))
    assert status["errors"] == "" and status["rendered"] == status["expected"], status


def _count(page: DevTools) -> int:
    return int(page.eval("document.getElementById('match-count').dataset.count"))


def _choose(page: DevTools, select_id: str, value: str) -> None:
    """Set a filter control the way a reader does: a value, then the change event."""
    page.eval(
        f"(() => {{ const f = document.getElementById({json.dumps(select_id)}); f.value = {json.dumps(value)};"
        " f.dispatchEvent(new Event(f.type === 'search' ? 'input' : 'change')); })()"
    )


def _listed(page: DevTools) -> list[str]:
    return list(page.eval("[...document.querySelectorAll('#event-list details.event summary')].map(s => s.textContent)"))


def test_the_list_filters_every_event_and_says_how_many_match(mixed: Settings, chromium: Path, vega_js: str, tmp_path: Path) -> None:
    result = report.build_report(mixed, tmp_path / "out", inline_js=vega_js)
    with devtools(chromium, tmp_path) as page:
        _open(page, result.index_path)
        assert _count(page) == 7 and page.eval("document.getElementById('match-count').textContent").startswith("All 7 events")
        first = _listed(page)[0]
        assert "2026-02-18" in first and "SANCTION" in first  # newest first
        # the event dated only by its article's publication date says so, in the list and its tooltip
        tag = page.eval("document.querySelector('#event-list details.event .tag.basis-article').title")
        assert "publication date" in tag
        assert "date basis: only the article's publication date" in page.eval("document.querySelector('#event-list details.event').textContent")
        # negated, possible and planned events are marked
        assert page.eval("document.querySelectorAll('#event-list details.fact-negated').length") == 1
        assert page.eval("document.querySelectorAll('#event-list details.fact-possible').length") == 1
        assert page.eval("document.querySelectorAll('#event-list details.fact-planned').length") == 1
        # sentences keep their marks, built as elements from text
        assert page.eval("[...document.querySelectorAll('#event-list span.trigger')].some(s => s.textContent === 'meeting')")
        assert page.eval("document.querySelectorAll('#event-list a[href^=\"javascript\"]').length") == 0
        _choose(page, "f-type", "SANCTION")
        assert _count(page) == 3  # the recalled ambassador is a SANCTION too, as PLOVER codes it
        _choose(page, "f-type", "CONSULT")
        assert _count(page) == 1
        _choose(page, "f-fact", "negated")
        assert _count(page) == 0 and "0 of 7 events match" in page.eval("document.getElementById('match-count').textContent")
        page.click("#f-clear")
        _choose(page, "f-fact", "negated")
        assert _count(page) == 1 and "SANCTION" in _listed(page)[0]
        page.click("#f-clear")
        _choose(page, "f-actor", "budanov")
        assert _count(page) == 1 and "Kyrylo Budanov" in _listed(page)[0]
        page.click("#f-clear")
        _choose(page, "f-basis", "article")
        assert _count(page) == 1
        page.click("#f-clear")
        _choose(page, "f-from", "2026-01-01")
        assert _count(page) == 2  # the meeting of 25 January and the sanction of 18 February
        _choose(page, "f-to", "2026-01-31")
        assert _count(page) == 1
        page.click("#f-clear")
        _choose(page, "filter", "spymaster tone")  # words of a sentence, not of the summary line
        assert _count(page) == 1 and "SUPPORT" in _listed(page)[0]
        page.click("#f-clear")
        assert _count(page) == 7


def test_counts_leave_out_what_did_not_happen_until_asked(mixed: Settings, chromium: Path, vega_js: str, tmp_path: Path) -> None:
    result = report.build_report(mixed, tmp_path / "out", inline_js=vega_js)
    with devtools(chromium, tmp_path) as page:
        _open(page, result.index_path)
        shown = "document.querySelector('#stat-events b').innerText.trim()"
        bars = "document.querySelectorAll('#chart-monthly-types .mark-rect path').length"
        assert page.eval(shown) == "4"
        before = page.eval(bars)
        page.click("#count-all")
        assert page.eval(shown) == "7"
        assert page.eval(bars) > before  # December's possible SUPPORT is counted now
        page.click("#count-all")
        assert page.eval(shown) == "4" and page.eval(bars) == before


def test_chart_clicks_filter_the_list_and_open_an_actors_view(mixed: Settings, chromium: Path, vega_js: str, tmp_path: Path) -> None:
    result = report.build_report(mixed, tmp_path / "out", inline_js=vega_js)
    with devtools(chromium, tmp_path) as page:
        _open(page, result.index_path)
        # a day-level event on the timeline: the list shows that one event, opened
        page.click("#chart-timeline .mark-symbol path")
        assert _count(page) == 1
        assert page.eval("document.querySelector('#event-list details.event').open")
        # a bar of the per-month chart: that type in that month
        page.click("#f-clear")
        page.click("#chart-monthly-types .mark-rect path")
        assert 1 <= _count(page) < 7
        assert page.eval("document.getElementById('f-type').value") != ""
        assert page.eval("document.getElementById('f-from').value").endswith("-01")
        # an actor in the network: its own view, with its counterparts and its events only
        page.click("#chart-network .mark-symbol path")
        assert page.eval("location.hash").startswith("#actor=")
        assert page.eval("document.getElementById('actor-view').hidden") is False
        assert page.eval("document.getElementById('timeline').hidden") is True
        name = page.eval("document.getElementById('actor-name').textContent")
        assert page.eval("document.querySelectorAll('#actor-counterparts tbody a.actor-link').length") >= 1
        page.wait_for("document.getElementById('chart-actor').dataset.rendered === '1'")
        assert page.eval("document.querySelectorAll('#chart-actor svg .mark-rect path').length") >= 1
        assert _count(page) >= 1 and all(name in s for s in _listed(page))
        # a bar of its chart: its events of that month
        own = _count(page)
        page.click("#chart-actor .mark-rect path")
        assert 1 <= _count(page) <= own and page.eval("document.getElementById('f-actor').value") != ""
        assert page.eval("document.getElementById('f-from').value").endswith("-01")
        # a counterpart's link opens its view in turn
        other = page.eval("document.querySelector('#actor-counterparts tbody a.actor-link').textContent")
        page.click("#actor-counterparts tbody a.actor-link")
        assert page.eval("document.getElementById('actor-name').textContent") == other
        # actor names in the list link to their views too; back to the whole report
        page.click("#actor-back")
        assert page.eval("document.getElementById('actor-view').hidden") is True and _count(page) == 7
        page.click("#event-list a.actor-link")
        assert page.eval("document.getElementById('actor-view').hidden") is False
        assert page.eval("document.getElementById('render-status').dataset.errors") == ""


def test_the_report_works_with_the_network_off(mixed: Settings, chromium: Path, vega_js: str, tmp_path: Path) -> None:
    docs = mixed.data_docs_dir
    docs.mkdir(parents=True)
    (docs / "index.html").write_text("<html>docs</html>", encoding="utf-8")
    result = report.build_report(mixed, tmp_path / "out", inline_js=vega_js)
    with devtools(chromium, tmp_path) as page:
        page.call("Network.enable")
        page.call("Network.emulateNetworkConditions", offline=True, latency=0, downloadThroughput=-1, uploadThroughput=-1)
        _open(page, result.index_path)
        assert _count(page) == 7
        fetched = [e["params"]["request"]["url"] for e in page.events if e["method"] == "Network.requestWillBeSent"]
        assert fetched and all(u.startswith(("file:", "data:", "blob:", "about:")) for u in fetched), fetched
        # the validation results are in the page itself; Data Docs are linked as optional
        rows = page.eval("document.querySelectorAll('#validations tr').length")
        assert rows == 3
        assert page.eval("document.querySelectorAll('#run-history tr.fail').length") == 2
        assert "optional" in page.eval("document.querySelector('a[href$=\"data_docs/index.html\"]').parentElement.textContent")


BULK = 50_000


def test_fifty_thousand_events_stay_usable(chromium: Path, vega_js: str, tmp_path: Path) -> None:
    from tests.pipeline.report.bulk import fill_bulk, sentence

    wh = tmp_path / "bulk.duckdb"
    fill_bulk(wh, BULK)
    result = report.build_report(Settings(warehouse_path=wh), tmp_path / "out", inline_js=vega_js)
    html = result.index_path.read_text(encoding="utf-8")
    assert "only the 3000 latest dated events are drawn" in html
    with devtools(chromium, tmp_path) as page:
        started = time.monotonic()
        _open(page, result.index_path)
        opened = time.monotonic() - started
        assert opened < 60, opened
        assert _count(page) == BULK
        # rendered a page at a time, not 50,000 nodes
        assert page.eval("document.querySelectorAll('#event-list details.event').length") == 50
        page.click("#more")
        assert page.eval("document.querySelectorAll('#event-list details.event').length") == 100
        # the search covers every event, the oldest too (the list used to stop at 2,000)
        oldest = sentence(0).split()[-1].rstrip(".")
        started = time.monotonic()
        _choose(page, "filter", oldest)
        searched = time.monotonic() - started
        assert _count(page) == 1 and oldest in page.eval("document.getElementById('event-list').textContent")
        assert searched < 5, searched
        page.click("#f-clear")
        _choose(page, "f-actor", "act007")
        assert 0 < _count(page) < BULK
        assert page.eval("document.getElementById('render-status').dataset.errors") == ""
