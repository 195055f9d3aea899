"""Writing the report: `index.html` and a page per article, from the warehouse.

Templates (`templates/*.html.j2`) are rendered by Jinja2 with autoescaping, so text from
articles is escaped by default; the stylesheet and the page script live in `static/` and are
inlined so the page stays one file that opens offline, e-mailed or on a share. The Vega
JavaScript is embedded from `vl-convert-python`; without it the page loads Vega from a CDN and
says so at the top.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from pipeline import __version__
from pipeline.report import charts as ch
from pipeline.report.data import FACTUAL, ReportData, ReportResult, Row, load_report_data
from pipeline.report.dates import basis_label, date_label, event_span
from pipeline.report.listing import actor_records, event_records, page_meta
from pipeline.report.markup import SPAN_CLASSES, highlight, page_name, sentence_html
from pipeline.report.safety import content_security_policy, json_data, original_link, script_safe
from pipeline.settings import Settings
from pipeline.warehouse import connect_query

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

CDN_HOST = "https://cdn.jsdelivr.net"
CDN = {
    "vega": "https://cdn.jsdelivr.net/npm/vega@6",
    "vega-lite": "https://cdn.jsdelivr.net/npm/vega-lite@6",
    "vega-embed": "https://cdn.jsdelivr.net/npm/vega-embed@7",
}
MAX_RUNS_SHOWN = 30


def static_text(name: str) -> str:
    """A file of `static/` (the stylesheet or the page script)."""
    return (STATIC / name).read_text(encoding="utf-8")


def environment() -> jinja2.Environment:
    """Jinja2 over `templates/`, escaping by default, failing on a misspelt variable."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["original"] = lambda url: Markup(original_link(url))
    env.globals["fmt"] = _fmt_dt
    env.globals["date_label"] = date_label
    env.globals["basis_label"] = basis_label
    return env


def vega_javascript() -> str | None:
    """Vega + Vega-Lite + vega-embed as one inline bundle, or None without vl-convert-python."""
    try:
        import vl_convert as vlc
    except ImportError:
        return None
    from altair.vegalite import SCHEMA_VERSION

    vl_version = "_".join(SCHEMA_VERSION.lstrip("v").split(".")[:2])
    # The stub marks `snippet` required; at run time it defaults to exposing vegaEmbed globally.
    return str(vlc.javascript_bundle(vl_version=f"v{vl_version}"))  # type: ignore[call-arg]


def _n(count: int, noun: str) -> str:
    """'1 event', '3 events' (nouns here take a plain -s)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _fmt_dt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def _duration(run: Row) -> str:
    s, f = run.get("started_at"), run.get("finished_at")
    if isinstance(s, dt.datetime) and isinstance(f, dt.datetime):
        return f"{(f - s).total_seconds():.1f} s"
    return "—"


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def _source_file_link(source_path: str | None, corpus_dir: Path | None, page_dir: Path) -> str | None:
    if not source_path or corpus_dir is None:
        return None
    path = corpus_dir / source_path
    return _rel(path, page_dir) if path.is_file() else None


def build_report(
    settings: Settings,
    output_dir: Path | None = None,
    *,
    on_progress: Callable[[int, int | None], None] | None = None,
    inline_js: str | bool | None = True,
) -> ReportResult:
    """Write `<output_dir>/index.html` and `<output_dir>/articles/*.html` from the warehouse.

    `inline_js=True` embeds Vega from vl-convert-python when installed; a string is used as the
    bundle itself (tests); False/None links the CDN.
    """
    from pipeline.warehouse import WarehouseError

    out = Path(output_dir or settings.report_path)
    if not settings.warehouse_path.exists():
        raise WarehouseError(f"no warehouse at {settings.warehouse_path}: run `dateline run` first or pass --warehouse FILE")
    with contextlib.closing(connect_query(settings.warehouse_path, timeout_s=settings.lock_timeout_s)) as con:
        data = load_report_data(con)
    js = vega_javascript() if inline_js is True else (inline_js or None)
    return write_report(data, out, settings, js, on_progress=on_progress)


def _write_articles(
    data: ReportData, env: jinja2.Environment, articles_dir: Path, corpus_dir: Path,
    on_progress: Callable[[int, int | None], None] | None,
) -> None:
    """A page per article with its triggers, actors and time expressions marked; stale pages removed."""
    spans_by_article: dict[str, list[Row]] = defaultdict(list)
    for s in data.spans:
        spans_by_article[s["article_id"]].append(s)
    mentions_by_article: dict[str, list[Row]] = defaultdict(list)
    for m in data.mentions:
        mentions_by_article[m["article_id"]].append(m)
    event_by_id = {e["event_id"]: e for e in data.events}
    template = env.get_template("article.html.j2")
    style = Markup(static_text("report.css"))
    written = set()
    total = len(data.articles)
    for i, a in enumerate(data.articles, 1):
        marks = []
        for s in spans_by_article.get(a["article_id"], []):
            anchor = f"m-{s['ref']}" if s["kind"] == "trigger" else None
            css = SPAN_CLASSES.get(str(s["kind"]), str(s["kind"]))
            marks.append((int(s["start_char"]), int(s["end_char"]), css, str(s["label"] or ""), anchor))
        page = template.render(
            a=a,
            body=Markup(highlight(a["body"] or "", marks)),
            source_link=_source_file_link(a["source_path"], corpus_dir, articles_dir),
            mentions=[
                m | {"event": event_by_id.get(m["event_id"]), "html": Markup(sentence_html(m))}
                for m in mentions_by_article.get(a["article_id"], [])
            ],
            style=style,
            csp=content_security_policy(),
            version=__version__,
        )
        name = page_name(a["article_id"])
        (articles_dir / name).write_text(page, encoding="utf-8")
        written.add(name)
        if on_progress and (i % 25 == 0 or i == total):
            on_progress(i, total)
    for stale in articles_dir.glob("*.html"):
        if stale.name not in written:
            stale.unlink()


def _charts(data: ReportData) -> tuple[list[Row], dict[str, str]]:
    """The chart specs the page draws, and the notes that say what each leaves out."""
    charts: list[Row] = []
    notes: dict[str, str] = {}
    all_types = sorted({e["event_type"] for e in data.events})
    timeline, left_out = ch.timeline_records(data.events)
    undated = sum(1 for e in data.events if event_span(e) is None)
    older = 0
    if timeline:
        timeline, older = ch.most_recent(timeline)
        charts.append({"id": "chart-timeline", "spec": ch.timeline_chart(timeline, "actor", "actor", all_types)})
        # One record per event (the per-actor records repeat an event for source and target).
        type_records = list({r["event_id"]: r for r in ch.timeline_records(data.events, max_actors=10**9)[0]}.values())
        type_records, older_types = ch.most_recent(type_records)
        older = max(older, older_types)
        type_records.sort(key=lambda r: r["start"])
        charts.append({"id": "chart-timeline-type", "spec": ch.timeline_chart(type_records, "event_type", "event type", all_types)})
    notes["timeline"] = "; ".join(
        x for x in (
            f"{_n(left_out, 'less active actor')} not drawn (top {ch.MAX_TIMELINE_ACTORS} shown)" if left_out else "",
            f"{_n(undated, 'undated event')} listed below but not drawn" if undated else "",
            f"only the {ch.MAX_TIMELINE_EVENTS} latest dated events are drawn: {_n(older, 'older event')} are in the list below"
            if older else "",
        ) if x
    )
    nodes, edges, net_left = ch.network_records(data.pairs, data.actors)
    if edges:
        charts.append({"id": "chart-network", "spec": ch.network_chart(nodes, edges)})
    notes["network"] = f"{_n(net_left, 'actor')} with fewer shared events not drawn (top {ch.MAX_NETWORK_ACTORS} shown)" if net_left else ""
    if any(r["dimension"] == "event_type" for r in data.monthly):
        charts.append({"id": "chart-monthly-types", "spec": ch.monthly_type_chart(data.monthly, all_types)})
    if any(r["dimension"] == "actor" for r in data.monthly):
        charts.append({"id": "chart-monthly-actors", "spec": ch.monthly_actor_chart(data.monthly)})
    in_months = sum(int(r["event_count"]) for r in data.monthly if r["dimension"] == "event_type")
    not_monthly = len(data.events) - in_months
    notes["monthly"] = (
        f"{_n(not_monthly, 'event')} dated only to a quarter, a year or not at all not counted in any month"
        if not_monthly > 0 else ""
    )
    return charts, notes


def _quality(data: ReportData, settings: Settings, out: Path) -> Row:
    """The data-quality section: the latest run in detail, and every run's checks and rejects."""
    run = data.latest_run
    docs_index = settings.data_docs_dir / "index.html"
    return {
        "run": run,
        "duration": _duration(run) if run else "—",
        "validations": data.validations,
        "failed": [v for v in data.validations if not v["success"]],
        "rejects": data.rejects,
        "reject_total": sum(int(r["reject_count"]) for r in data.rejects),
        "runs": data.runs[:MAX_RUNS_SHOWN],
        "runs_more": max(0, len(data.runs) - MAX_RUNS_SHOWN),
        "runs_failing": sum(1 for r in data.runs if r["expectations_failed"] or r["rejects"]),
        "reject_history": data.reject_history,
        "reject_history_total": sum(int(r["reject_count"]) for r in data.reject_history),
        "data_docs": _rel(docs_index, out) if docs_index.is_file() else None,
        "data_docs_path": str(docs_index),
    }


def write_report(
    data: ReportData,
    out: Path,
    settings: Settings,
    js: str | None,
    *,
    on_progress: Callable[[int, int | None], None] | None = None,
) -> ReportResult:
    """Render ReportData to HTML files in `out` (index last, atomically replaced)."""
    warnings: list[str] = []
    if js is None:
        warnings.append(
            "charts load Vega from a CDN (the page needs internet to draw them): install vl-convert-python "
            "to embed Vega and make the report work offline"
        )
    out.mkdir(parents=True, exist_ok=True)
    articles_dir = out / "articles"
    articles_dir.mkdir(exist_ok=True)
    corpus_dir = Path(data.latest_run["corpus_dir"]) if data.latest_run and data.latest_run.get("corpus_dir") else settings.corpus_dir
    if not corpus_dir.is_absolute():
        corpus_dir = (Path.cwd() / corpus_dir).resolve()
    env = environment()
    _write_articles(data, env, articles_dir, corpus_dir, on_progress)  # first: the index links to them

    charts, notes = _charts(data)
    factual = [e for e in data.events if (e.get("factuality") or "") in FACTUAL]
    undated = sum(1 for e in data.events if event_span(e) is None)
    page_script = static_text("report.js")
    vega_script = f"/* Vega, Vega-Lite and vega-embed (BSD-3-Clause), embedded by vl-convert */\n{script_safe(js)}\n" if js else None
    index = env.get_template("index.html.j2").render(
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        warehouse=str(settings.warehouse_path),
        version=__version__,
        n_events=len(data.events),
        n_factual=len(factual),
        n_dated=len(data.events) - undated,
        n_article_dated=sum(1 for e in data.events if e.get("date_basis") in ("publication", "reference")),
        n_articles=len(data.articles),
        n_actors=len(data.actors),
        type_counts=Counter(e["event_type"] for e in factual),
        type_counts_all=Counter(e["event_type"] for e in data.events),
        actors=data.actors[:20],
        charts=charts,
        chart_ids={c["id"] for c in charts},
        specs=Markup(json_data({c["id"]: c["spec"] for c in charts})),
        events_json=Markup(json_data(event_records(
            data.events, data.mentions, lambda p: _source_file_link(p, corpus_dir, out)))),
        actors_json=Markup(json_data(actor_records(data.actors))),
        meta_json=Markup(json_data(page_meta())),
        notes=notes,
        q=_quality(data, settings, out),
        vega_script=Markup(vega_script) if vega_script else None,
        page_script=Markup(page_script),
        csp=content_security_policy([s for s in (vega_script, page_script) if s], [] if js or not charts else [CDN_HOST]),
        cdn=CDN,
        warnings=warnings,
        style=Markup(static_text("report.css")),
    )
    tmp = out / ".index.html.tmp"
    tmp.write_text(index, encoding="utf-8")
    tmp.replace(out / "index.html")
    return ReportResult(out / "index.html", len(data.events), len(data.articles), len(charts), js is not None, warnings)


def clean_report(out: Path) -> None:
    """Remove a generated report folder (only what the report writes)."""
    (out / "index.html").unlink(missing_ok=True)
    shutil.rmtree(out / "articles", ignore_errors=True)
