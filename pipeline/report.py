"""The analyst's report: one self-contained HTML page over the warehouse, plus a page per article.

Why it is shaped like this:
- Every figure comes from a `.sql` file in `schemas/sql/report_*.sql`, so an analyst can run
  the same query in a SQL tool and get the numbers the page shows.
- Charts are Vega-Lite specs built with Altair; the Vega JavaScript is embedded inline
  (from `vl-convert-python`) so the file opens offline, e-mailed or on a share. Without that
  package the page falls back to loading Vega from a CDN and says so at the top.
- Dates are drawn with the precision they were extracted with: an event dated "December 2025"
  spans the month, one dated "2023" spans the year; events dated only to a quarter or year are
  not squeezed into a month in the per-month counts.
- Every event lists its source sentences and links to a generated page of the article with
  the trigger, actors and time expressions highlighted, so a reader can check each claim.
- Article text and metadata are written by whoever can put a file in the corpus: everything is
  escaped, only http(s) URLs become links, and a Content-Security-Policy lets only the page's
  own scripts run (by hash), so a `javascript:` URL or injected script does nothing.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import itertools
import json
import math
import os
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipeline import __version__
from pipeline.settings import Settings
from pipeline.warehouse import SQL_DIR, connect_query, schema_version

Row = dict[str, Any]

MAX_TIMELINE_ACTORS = 25
MAX_NETWORK_ACTORS = 40
MAX_NETWORK_LABELS = 20  # more labels overlap; the rest are named in tooltips
MAX_HEATMAP_ACTORS = 15
MAX_LISTED_EVENTS = 2000
MAX_SENTENCES_PER_EVENT = 12
NO_ACTOR = "(no actor identified)"
POINT_PRECISIONS = {"day", "time"}
SPAN_CLASSES = {"trigger": "trigger", "source": "actor source", "target": "actor target", "timex": "timex"}

CDN_HOST = "https://cdn.jsdelivr.net"
CDN = {
    "vega": "https://cdn.jsdelivr.net/npm/vega@6",
    "vega-lite": "https://cdn.jsdelivr.net/npm/vega-lite@6",
    "vega-embed": "https://cdn.jsdelivr.net/npm/vega-embed@7",
}


@dataclass
class ReportData:
    """Everything the page shows, read in one read-only session."""

    events: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    actors: list[Row] = field(default_factory=list)
    pairs: list[Row] = field(default_factory=list)
    monthly: list[Row] = field(default_factory=list)
    latest_run: Row | None = None
    validations: list[Row] = field(default_factory=list)
    rejects: list[Row] = field(default_factory=list)
    articles: list[Row] = field(default_factory=list)
    spans: list[Row] = field(default_factory=list)


@dataclass
class ReportResult:
    """Where the report went and what it holds, for the CLI and tests."""

    index_path: Path
    events: int
    articles: int
    charts: int
    inline_js: bool
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


def report_sql(name: str) -> str:
    """The text of `schemas/sql/report_<name>.sql`."""
    return (SQL_DIR / f"report_{name}.sql").read_text(encoding="utf-8")


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> list[Row]:
    cur = con.execute(report_sql(name), params or {})
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def load_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Run every report query; an empty (never-run) warehouse gives an empty ReportData."""
    data = ReportData()
    if schema_version(con) == 0:
        return data
    data.events = _rows(con, "events")
    data.mentions = _rows(con, "mentions")
    data.actors = _rows(con, "actors")
    data.pairs = _rows(con, "actor_pairs")
    data.monthly = _rows(con, "monthly")
    runs = _rows(con, "latest_run")
    data.latest_run = runs[0] if runs else None
    if data.latest_run:
        rid = {"run_id": data.latest_run["run_id"]}
        data.validations = _rows(con, "validations", rid)
        data.rejects = _rows(con, "rejects", rid)
    data.articles = _rows(con, "articles")
    data.spans = _rows(con, "spans")
    return data


# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def event_span(event: Row) -> tuple[dt.date, dt.date] | None:
    """The period an event is dated to, as [start, end) with an exclusive end; None if undated."""
    start = _as_date(event.get("date_start"))
    if start is None:
        return None
    end = _as_date(event.get("date_end")) or start
    if end < start:
        end = start
    return start, end + dt.timedelta(days=1)


def date_label(event: Row) -> str:
    """How the date reads to a person: the TIMEX3 value and its precision, never more precise."""
    value = event.get("event_date")
    precision = event.get("date_precision")
    span = event_span(event)
    if span is None:
        return f"{value} (undated)" if value else "undated"
    start, end = span
    days = (end - start).days
    shown = str(value) if value else start.isoformat()
    if days > 1:
        shown += f" ({start.isoformat()} – {(end - dt.timedelta(days=1)).isoformat()})"
    if precision:
        shown += f" · {precision}"
    return shown


# ---------------------------------------------------------------------------------------
# Charts (Altair -> Vega-Lite specs)
# ---------------------------------------------------------------------------------------


def _actor_label(name: Any, actor_id: Any) -> str:
    return str(name or actor_id or NO_ACTOR)


def timeline_records(events: Sequence[Row], max_actors: int = MAX_TIMELINE_ACTORS) -> tuple[list[Row], int]:
    """One record per (actor, dated event); rows limited to the busiest actors. Returns (records, actors left out)."""
    per_actor: dict[str, list[Row]] = defaultdict(list)
    for e in events:
        span = event_span(e)
        if span is None:
            continue
        start, end = span
        base = {
            "event_id": e["event_id"],
            "event_type": e["event_type"],
            "start": start.isoformat(),
            "end": end.isoformat(),
            "point": (end - start).days <= 1 or (e.get("date_precision") in POINT_PRECISIONS),
            "date": date_label(e),
            "precision": e.get("date_precision") or "unknown",
            "source": _actor_label(e.get("source_name"), e.get("source_actor_id")) if e.get("source_actor_id") else "—",
            "target": _actor_label(e.get("target_name"), e.get("target_actor_id")) if e.get("target_actor_id") else "—",
            "factuality": e.get("factuality") or "",
            "mentions": int(e.get("mention_count") or 0),
            "articles": int(e.get("article_count") or 0),
        }
        roles = [("source", e.get("source_actor_id"), e.get("source_name")),
                 ("target", e.get("target_actor_id"), e.get("target_name"))]
        named = [(role, aid, name) for role, aid, name in roles if aid]
        if not named:
            per_actor[NO_ACTOR].append(base | {"actor": NO_ACTOR, "role": "—"})
        for role, aid, name in named:
            label = _actor_label(name, aid)
            per_actor[label].append(base | {"actor": label, "role": role})
    ranked = sorted(per_actor, key=lambda a: (a == NO_ACTOR, -len({r["event_id"] for r in per_actor[a]}), a))
    kept = ranked[:max_actors]
    records = [r for a in kept for r in per_actor[a]]
    return records, max(0, len(ranked) - len(kept))


def _alt() -> Any:
    import altair as alt

    return alt


def type_color(types: Iterable[str], **kw: Any) -> Any:
    """One colour per event type, the same in every chart (20 distinct colours before repeating)."""
    alt = _alt()
    return alt.Color("event_type:N", scale=alt.Scale(domain=sorted(set(types)), scheme="tableau20"), **kw)


def months_between(months: Iterable[str]) -> list[str]:
    """Every 'YYYY-MM' from the first to the last given, so empty months show as gaps."""
    have = sorted(set(months))
    if not have:
        return []
    y, m = map(int, have[0].split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= have[-1]:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline_chart(records: list[Row], row_field: str, row_title: str, types: Sequence[str] = ()) -> dict[str, Any]:
    """Bars span each event's dated period (a month-level date spans the month); dots mark day-level dates."""
    alt = _alt()
    order = list(dict.fromkeys(r[row_field] for r in records))  # records come busiest-first
    pick = alt.selection_point(fields=["event_type"], bind="legend", name="pick_type")
    tooltip = [
        alt.Tooltip("event_type:N", title="type"),
        alt.Tooltip("date:N", title="date"),
        alt.Tooltip("source:N", title="source"),
        alt.Tooltip("target:N", title="target"),
        alt.Tooltip("factuality:N", title="factuality"),
        alt.Tooltip("mentions:Q", title="mentions"),
        alt.Tooltip("articles:Q", title="articles"),
    ]
    y = alt.Y(f"{row_field}:N", sort=order, title=row_title, axis=alt.Axis(labelLimit=220))
    x_scale = alt.Scale(type="utc", nice=True)
    color = type_color([*types, *(r["event_type"] for r in records)], title="event type",
                       legend=alt.Legend(orient="right", symbolLimit=40))
    opacity = alt.condition(pick, alt.value(0.85), alt.value(0.12))
    base = alt.Chart(alt.Data(values=records))
    bars = base.mark_bar(height={"band": 0.7}, stroke="#333", strokeWidth=0.4, strokeOpacity=0.6).encode(
        x=alt.X("start:T", scale=x_scale, title="date (bars span the period each event is dated to)",
                axis=alt.Axis(format="%b %Y", formatType="utc")),
        x2="end:T", y=y, color=color, opacity=opacity, tooltip=tooltip,
    ).add_params(pick)
    dots = base.transform_filter("datum.point").mark_point(filled=True, size=45, stroke="#222", strokeWidth=0.5).encode(
        x=alt.X("start:T", scale=x_scale), y=y, color=color, opacity=opacity, tooltip=tooltip, shape=alt.value("circle"),
    )
    rows = max(1, len(order))
    chart = alt.layer(bars, dots).properties(width=820, height=max(120, 24 * rows))
    return _spec(chart)


def network_layout(
    nodes: list[str], edges: list[tuple[str, str, float]], iterations: int = 300, seed: int = 7, aspect: float = 1.6
) -> dict[str, tuple[float, float]]:
    """Deterministic node positions, x in [0, 1]: a layout per connected component, components packed in rows.

    Laying out components separately keeps a pair that never meets the rest from being flung
    to a corner and squashing everything else into the opposite one.
    """
    parent = {n: n for n in nodes}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b, _ in edges:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in sorted(nodes):
        groups[find(n)].append(n)
    components = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    # Shelf packing: each component gets a square box with side ~ sqrt(its size); of the row
    # widths that can occur, take the one whose bounding box is closest to the chart's aspect.
    sides = [math.sqrt(len(c)) for c in components]
    best: tuple[float, list[tuple[float, float]]] | None = None
    for width in sorted({sum(sides[:k]) for k in range(1, len(sides) + 1)}):
        if width < max(sides, default=0.0):
            continue
        origins, used = _shelf(sides, width)
        height = max((oy + side for (_ox, oy), side in zip(origins, sides, strict=True)), default=1.0)
        score = abs(math.log((used / height) / aspect))
        if best is None or score < best[0]:
            best = (score, origins)
    placed: dict[str, tuple[float, float]] = {}
    for comp, side, (x0, y0) in zip(components, sides, best[1] if best else [], strict=False):
        local = _force_layout(comp, [e for e in edges if e[0] in set(comp)], iterations, seed)
        pad = 0.18 * side
        for name, (x, y) in local.items():
            placed[name] = (x0 + pad + x * (side - 2 * pad), y0 + pad + y * (side - 2 * pad))
    if not placed:
        return {}
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    scale = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    return {n: ((x - min(xs)) / scale, (max(ys) - y) / scale) for n, (x, y) in placed.items()}


def _shelf(sides: list[float], width: float) -> tuple[list[tuple[float, float]], float]:
    """Origins of square boxes laid left to right in rows of at most `width`; also the width used."""
    origins = []
    x0 = y0 = row_h = used = 0.0
    for side in sides:
        if x0 > 0 and x0 + side > width + 1e-9:
            x0, y0, row_h = 0.0, y0 + row_h, 0.0
        origins.append((x0, y0))
        x0 += side
        used = max(used, x0)
        row_h = max(row_h, side)
    return origins, used


def _force_layout(nodes: list[str], edges: list[tuple[str, str, float]], iterations: int, seed: int) -> dict[str, tuple[float, float]]:
    """Stress majorization (SMACOF) on hop distances for one connected component, scaled to [0, 1]².

    Unlike a spring embedder it keeps edges about equally long, so a dense core of hubs is
    not crushed while leaves spread out; deterministic for a given input.
    """
    import numpy as np

    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.5, 0.5)}
    if n == 2:
        return {nodes[0]: (0.0, 0.5), nodes[1]: (1.0, 0.5)}
    index = {name: i for i, name in enumerate(nodes)}
    adj: dict[int, set[int]] = defaultdict(set)
    for a, b, _ in edges:
        adj[index[a]].add(index[b])
        adj[index[b]].add(index[a])
    hops = np.full((n, n), float(n))
    for src in range(n):  # BFS from every node (n is small)
        hops[src, src] = 0.0
        frontier, seen, d = [src], {src}, 0
        while frontier:
            d += 1
            nxt = []
            for u in frontier:
                for v in adj[u]:
                    if v not in seen:
                        seen.add(v)
                        hops[src, v] = d
                        nxt.append(v)
            frontier = nxt
    weights = np.where(hops > 0, 1.0 / np.maximum(hops, 1e-9) ** 2, 0.0)
    v_mat = -weights
    np.fill_diagonal(v_mat, weights.sum(axis=1))
    v_inv = np.linalg.pinv(v_mat)
    rng = np.random.default_rng(seed)
    angles = np.linspace(0, 2 * math.pi, n, endpoint=False)
    pos = np.column_stack([np.cos(angles), np.sin(angles)]) * n / 4 + rng.normal(0, 0.05, (n, 2))
    for _ in range(iterations):
        dist = np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=2)
        with np.errstate(divide="ignore", invalid="ignore"):
            b_mat = np.where(dist > 1e-9, -weights * hops / dist, 0.0)
        np.fill_diagonal(b_mat, 0.0)
        np.fill_diagonal(b_mat, -b_mat.sum(axis=1))
        new = v_inv @ (b_mat @ pos)
        if np.abs(new - pos).max() < 1e-5:
            pos = new
            break
        pos = new
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    scale = float(max(hi[0] - lo[0], hi[1] - lo[1], 1e-9))
    centre = (1.0 - (hi - lo) / scale) / 2
    scaled = (pos - lo) / scale + centre
    return {name: (float(scaled[i, 0]), float(scaled[i, 1])) for name, i in index.items()}


def network_records(pairs: Sequence[Row], actors: Sequence[Row], max_actors: int = MAX_NETWORK_ACTORS) -> tuple[list[Row], list[Row], int]:
    """Nodes and edges of the actor network (busiest actors by weighted degree). Returns (nodes, edges, left out)."""
    degree: Counter[str] = Counter()
    names: dict[str, str] = {}
    for p in pairs:
        degree[p["actor_a"]] += int(p["event_count"])
        degree[p["actor_b"]] += int(p["event_count"])
        names[p["actor_a"]] = p["name_a"]
        names[p["actor_b"]] = p["name_b"]
    kept = [a for a, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:max_actors]]
    keep = set(kept)
    kept_pairs = [p for p in pairs if p["actor_a"] in keep and p["actor_b"] in keep]
    linked = {p["actor_a"] for p in kept_pairs} | {p["actor_b"] for p in kept_pairs}
    kept = [a for a in kept if a in linked]  # a node whose partners were all cut would float alone
    keep = set(kept)
    layout = network_layout(sorted(keep), [(p["actor_a"], p["actor_b"], float(p["event_count"])) for p in kept_pairs])
    info = {a["actor_id"]: a for a in actors}
    nodes = [
        {
            "actor_id": a,
            "name": names[a],
            "label": names[a] if rank < MAX_NETWORK_LABELS else "",
            "x": layout[a][0],
            "y": layout[a][1],
            "events": int(info.get(a, {}).get("event_count") or degree[a]),
            "pair_events": degree[a],
            "actor_type": info.get(a, {}).get("actor_type") or "unknown",
            "country": info.get(a, {}).get("country_code") or "",
        }
        for rank, a in enumerate(kept)
    ]
    edges = [
        {
            "x": layout[p["actor_a"]][0], "y": layout[p["actor_a"]][1],
            "x2": layout[p["actor_b"]][0], "y2": layout[p["actor_b"]][1],
            "pair": f"{p['name_a']} – {p['name_b']}",
            "events": int(p["event_count"]),
            "directions": f"{p['name_a']} → {p['name_b']}: {p['a_to_b']}; {p['name_b']} → {p['name_a']}: {p['b_to_a']}",
            "types": ", ".join(p["event_types"] or []),
        }
        for p in kept_pairs
    ]
    return nodes, edges, max(0, len(degree) - len(kept))


def _int_values(values: Iterable[int], most: int = 5) -> list[int]:
    """Whole-number legend entries between the smallest and largest count (counts are never fractional)."""
    vals = list(values)
    if not vals:
        return []
    lo, hi = min(vals), max(vals)
    step = max(1, math.ceil((hi - lo) / (most - 1))) if hi > lo else 1
    out = list(range(lo, hi + 1, step))
    if out[-1] != hi:
        out.append(hi)
    return out


def network_chart(nodes: list[Row], edges: list[Row]) -> dict[str, Any]:
    """Node-link drawing with a precomputed layout: edge width = events between the pair."""
    alt = _alt()
    width = 820
    y_top = max([n["y"] for n in nodes] + [0.0])
    height = int(min(640, max(220, width * (y_top + 0.16) / 1.16)))
    axis_off = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    sx = alt.Scale(domain=[-0.08, 1.08], nice=False, zero=False)
    sy = alt.Scale(domain=[-0.08, y_top + 0.08], nice=False, zero=False)
    lines = alt.Chart(alt.Data(values=edges)).mark_rule(color="#7a8899", opacity=0.55, strokeCap="round").encode(
        x=alt.X("x:Q", scale=sx, axis=axis_off), y=alt.Y("y:Q", scale=sy, axis=axis_off), x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("events:Q", scale=alt.Scale(range=[1, 9], zero=False), title="events between the pair",
                                    legend=alt.Legend(values=_int_values(e["events"] for e in edges), format="d")),
        tooltip=[alt.Tooltip("pair:N", title="pair"), alt.Tooltip("events:Q", title="events"),
                 alt.Tooltip("directions:N", title="by direction"), alt.Tooltip("types:N", title="event types")],
    )
    node_base = alt.Chart(alt.Data(values=nodes))
    dots = node_base.mark_circle(opacity=0.9, stroke="white", strokeWidth=1.5).encode(
        x=alt.X("x:Q", scale=sx, axis=axis_off), y=alt.Y("y:Q", scale=sy, axis=axis_off),
        size=alt.Size("events:Q", scale=alt.Scale(range=[60, 900], zero=False), title="events of the actor",
                      legend=alt.Legend(values=_int_values(n["events"] for n in nodes), format="d")),
        color=alt.Color("actor_type:N", title="actor type"),
        tooltip=[alt.Tooltip("name:N", title="actor"), alt.Tooltip("actor_type:N", title="type"),
                 alt.Tooltip("country:N", title="country"), alt.Tooltip("events:Q", title="events")],
    )
    labels = node_base.mark_text(dy=-15, fontSize=11, color="#222").encode(
        x=alt.X("x:Q", scale=sx, axis=axis_off), y=alt.Y("y:Q", scale=sy, axis=axis_off), text="label:N",
    )
    chart = alt.layer(lines, dots, labels).properties(width=width, height=height).configure_view(strokeWidth=0)
    return _spec(chart)


def monthly_type_chart(monthly: Sequence[Row], types: Sequence[str] = ()) -> dict[str, Any]:
    alt = _alt()
    records = [
        {"month": r["month"], "event_type": r["label"], "events": int(r["event_count"])}
        for r in monthly if r["dimension"] == "event_type"
    ]
    months = months_between(r["month"] for r in records)
    chart = alt.Chart(alt.Data(values=records)).mark_bar().encode(
        x=alt.X("month:O", title="month", scale=alt.Scale(domain=months), axis=alt.Axis(labelAngle=-45, labelOverlap=True)),
        y=alt.Y("sum(events):Q", title="events", axis=alt.Axis(tickMinStep=1, format="d")),
        color=type_color([*types, *(r["event_type"] for r in records)], title="event type"),
        tooltip=[alt.Tooltip("month:O", title="month"), alt.Tooltip("event_type:N", title="type"),
                 alt.Tooltip("sum(events):Q", title="events")],
    ).properties(width=max(360, min(820, 60 * len(months))), height=260)
    return _spec(chart)


def monthly_actor_chart(monthly: Sequence[Row], max_actors: int = MAX_HEATMAP_ACTORS) -> dict[str, Any]:
    alt = _alt()
    rows = [r for r in monthly if r["dimension"] == "actor"]
    totals: Counter[str] = Counter()
    for r in rows:
        totals[r["label"]] += int(r["event_count"])
    top = [a for a, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:max_actors]]
    keep = set(top)
    records = [{"month": r["month"], "actor": r["label"], "events": int(r["event_count"])} for r in rows if r["label"] in keep]
    months = months_between(r["month"] for r in records)
    base = alt.Chart(alt.Data(values=records)).encode(
        x=alt.X("month:O", title="month", scale=alt.Scale(domain=months), axis=alt.Axis(labelAngle=-45, labelOverlap=True)),
        y=alt.Y("actor:N", sort=top, title=None, axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("events:Q", title="events", scale=alt.Scale(scheme="blues"),
                        legend=alt.Legend(values=_int_values(r["events"] for r in records), format="d")),
        tooltip=[alt.Tooltip("actor:N"), alt.Tooltip("month:O"), alt.Tooltip("events:Q")],
    )
    text = base.mark_text(fontSize=10).encode(
        text="events:Q",
        color=alt.condition("datum.events > 3", alt.value("white"), alt.value("#222")),
    )
    chart = alt.layer(cells, text).properties(width=max(160, min(820, 48 * len(months))), height=max(80, 22 * len(top)))
    return _spec(chart)


def _spec(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict()
    spec.setdefault("config", {})
    spec["config"].setdefault("font", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif")
    return spec


# ---------------------------------------------------------------------------------------
# JavaScript
# ---------------------------------------------------------------------------------------


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


def _script_safe(text: str) -> str:
    """Text that cannot close the <script> element it sits in."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _json_data(value: Any) -> str:
    """JSON for a `<script type="application/json">` block: no `<` at all, so article text in it can
    neither close the element nor open a comment that keeps it open."""
    return json.dumps(value, default=str, ensure_ascii=False).replace("<", "\\u003c")


# ---------------------------------------------------------------------------------------
# What the page may run and link to
# ---------------------------------------------------------------------------------------

_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def safe_link(url: Any) -> str | None:
    """The URL if it may become a link, else None: only http(s).

    The URL comes from article metadata (front matter, sidecars, HTML), which anyone who can put
    a file in the corpus writes; a `javascript:`, `data:` or `vbscript:` link runs their script
    in the reader's browser when clicked.
    """
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    return candidate if _WEB_URL.fullmatch(candidate) else None


def original_link(url: Any) -> str:
    """HTML for an article's original URL: a link for http(s), the URL as plain text otherwise."""
    from html import escape

    link = safe_link(url)
    if link:
        return f'<a href="{escape(link)}" rel="noopener noreferrer">original</a>'
    return f'original: <span class="url">{escape(str(url))}</span>'


def _script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(scripts: Sequence[str] = (), hosts: Sequence[str] = ()) -> str:
    """A policy that runs only the page's own scripts (by hash) and scripts from `hosts`.

    No inline script, event handler or `javascript:` URL that reaches the page through article
    text can run, and nothing is fetched. Charts need no eval: they are drawn with Vega's
    expression interpreter (`ast: true`).
    """
    allowed = " ".join([*(_script_hash(s) for s in scripts), *hosts]) or "'none'"
    return (
        f"default-src 'none'; script-src {allowed}; style-src 'unsafe-inline'; img-src data: blob:; "
        "base-uri 'none'; form-action 'none'"
    )


# ---------------------------------------------------------------------------------------
# Highlighting
# ---------------------------------------------------------------------------------------


def highlight(text: str, spans: Iterable[tuple[int, int, str, str, str | None]], offset: int = 0) -> str:
    """HTML of `text` with (start, end, css class, title, anchor id) spans marked; overlaps nest safely.

    Offsets are into the article body; `offset` is where `text` starts in it.
    """
    from html import escape

    cuts = {0, len(text)}
    items = []
    for start, end, cls, title, anchor in spans:
        s, e = max(0, start - offset), min(len(text), end - offset)
        if e <= s:
            continue
        items.append((s, e, cls, title, anchor))
        cuts.update((s, e))
    anchors: dict[int, list[str]] = defaultdict(list)
    for s, _e, _cls, _title, anchor in items:
        if anchor:
            anchors[s].append(anchor)
    bounds = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(bounds):
        for anchor in anchors.get(a, []):
            out.append(f'<a class="anchor" id="{escape(anchor)}"></a>')
        piece = escape(text[a:b])
        active = [(cls, title) for s, e, cls, title, _ in items if s <= a and b <= e]
        if active:
            classes = " ".join(sorted({c for c, _ in active}))
            titles = " | ".join(dict.fromkeys(t for _, t in active if t))
            piece = f'<span class="{classes}" title="{escape(titles)}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def sentence_html(m: Row) -> str:
    """A mention's sentence with its trigger and actors marked (offsets relative to the sentence)."""
    text = m.get("sentence_text") or ""
    start = m.get("sentence_start")
    if start is None:
        found = text.find(m.get("trigger_text") or "\x00")
        start = (m["trigger_start"] - found) if found >= 0 else m["trigger_start"] + len(text) + 1
    spans: list[tuple[int, int, str, str, str | None]] = [
        (m["trigger_start"], m["trigger_end"], "trigger", "event trigger", None)
    ]
    for role in ("source", "target"):
        s, e = m.get(f"{role}_start"), m.get(f"{role}_end")
        if s is not None and e is not None:
            spans.append((s, e, f"actor {role}", role, None))
    return highlight(text, spans, offset=int(start))


def _page_name(article_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", article_id) + ".html"


# ---------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------


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


def write_report(
    data: ReportData,
    out: Path,
    settings: Settings,
    js: str | None,
    *,
    on_progress: Callable[[int, int | None], None] | None = None,
) -> ReportResult:
    """Render ReportData to HTML files in `out` (index last, atomically replaced)."""
    import jinja2
    from markupsafe import Markup

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
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["original"] = lambda url: Markup(original_link(url))

    # Article pages first: the index links to them.
    spans_by_article: dict[str, list[Row]] = defaultdict(list)
    for s in data.spans:
        spans_by_article[s["article_id"]].append(s)
    mentions_by_article: dict[str, list[Row]] = defaultdict(list)
    for m in data.mentions:
        mentions_by_article[m["article_id"]].append(m)
    event_by_id = {e["event_id"]: e for e in data.events}
    article_tpl = env.from_string(ARTICLE_TEMPLATE)
    written = set()
    total = len(data.articles)
    for i, a in enumerate(data.articles, 1):
        marks = []
        for s in spans_by_article.get(a["article_id"], []):
            anchor = f"m-{s['ref']}" if s["kind"] == "trigger" else None
            css = SPAN_CLASSES.get(str(s["kind"]), str(s["kind"]))
            marks.append((int(s["start_char"]), int(s["end_char"]), css, str(s["label"] or ""), anchor))
        page = article_tpl.render(
            a=a,
            body=Markup(highlight(a["body"] or "", marks)),
            source_link=_source_file_link(a["source_path"], corpus_dir, articles_dir),
            mentions=[
                m | {"event": event_by_id.get(m["event_id"]), "html": Markup(sentence_html(m))}
                for m in mentions_by_article.get(a["article_id"], [])
            ],
            date_label=date_label,
            style=Markup(STYLE),
            csp=content_security_policy(),
            version=__version__,
        )
        name = _page_name(a["article_id"])
        (articles_dir / name).write_text(page, encoding="utf-8")
        written.add(name)
        if on_progress and (i % 25 == 0 or i == total):
            on_progress(i, total)
    for stale in articles_dir.glob("*.html"):
        if stale.name not in written:
            stale.unlink()

    # Charts.
    charts: list[dict[str, Any]] = []
    notes: dict[str, str] = {}
    all_types = sorted({e["event_type"] for e in data.events})
    timeline, left_out = timeline_records(data.events)
    undated = sum(1 for e in data.events if event_span(e) is None)
    if timeline:
        charts.append({"id": "chart-timeline", "title": "Timeline by actor", "spec": timeline_chart(timeline, "actor", "actor", all_types)})
        # One record per event (the per-actor records repeat an event for source and target).
        type_records = list({r["event_id"]: r for r in timeline_records(data.events, max_actors=10**9)[0]}.values())
        type_records.sort(key=lambda r: r["start"])
        charts.append({"id": "chart-timeline-type", "title": "Timeline by event type",
                       "spec": timeline_chart(type_records, "event_type", "event type", all_types)})
    notes["timeline"] = "; ".join(
        x for x in (
            f"{_n(left_out, 'less active actor')} not drawn (top {MAX_TIMELINE_ACTORS} shown)" if left_out else "",
            f"{_n(undated, 'undated event')} listed below but not drawn" if undated else "",
        ) if x
    )
    nodes, edges, net_left = network_records(data.pairs, data.actors)
    if edges:
        charts.append({"id": "chart-network", "title": "Actor network", "spec": network_chart(nodes, edges)})
    notes["network"] = f"{_n(net_left, 'actor')} with fewer shared events not drawn (top {MAX_NETWORK_ACTORS} shown)" if net_left else ""
    if any(r["dimension"] == "event_type" for r in data.monthly):
        charts.append({"id": "chart-monthly-types", "title": "Event types per month", "spec": monthly_type_chart(data.monthly, all_types)})
    if any(r["dimension"] == "actor" for r in data.monthly):
        charts.append({"id": "chart-monthly-actors", "title": "Top actors per month", "spec": monthly_actor_chart(data.monthly)})
    in_months = sum(int(r["event_count"]) for r in data.monthly if r["dimension"] == "event_type")
    not_monthly = len(data.events) - in_months
    notes["monthly"] = (
        f"{_n(not_monthly, 'event')} dated only to a quarter, a year or not at all not counted in any month"
        if not_monthly > 0 else ""
    )

    # Events with their sentences.
    mentions_by_event: dict[str, list[Row]] = defaultdict(list)
    for m in data.mentions:
        mentions_by_event[m["event_id"]].append(m)
    listed = data.events[:MAX_LISTED_EVENTS]
    event_items = []
    for e in listed:
        ms = mentions_by_event.get(e["event_id"], [])
        event_items.append({
            "e": e,
            "date": date_label(e),
            "source": e.get("source_name") or e.get("source_actor_id"),
            "target": e.get("target_name") or e.get("target_actor_id"),
            "mentions": [
                m | {
                    "html": Markup(sentence_html(m)),
                    "page": f"articles/{_page_name(m['article_id'])}#m-{m['mention_id']}",
                    "file": _source_file_link(m.get("source_path"), corpus_dir, out),
                }
                for m in ms[:MAX_SENTENCES_PER_EVENT]
            ],
            "more": max(0, len(ms) - MAX_SENTENCES_PER_EVENT),
        })

    # Data quality.
    run = data.latest_run
    failed = [v for v in data.validations if not v["success"]]
    docs_index = settings.data_docs_dir / "index.html"
    quality = {
        "run": run,
        "duration": _duration(run) if run else "—",
        "validations": data.validations,
        "failed": failed,
        "rejects": data.rejects,
        "reject_total": sum(int(r["reject_count"]) for r in data.rejects),
        "data_docs": _rel(docs_index, out) if docs_index.is_file() else None,
        "data_docs_path": str(docs_index),
    }

    type_counts = Counter(e["event_type"] for e in data.events)
    vega_script = f"/* Vega, Vega-Lite and vega-embed (BSD-3-Clause), embedded by vl-convert */\n{_script_safe(js)}\n" if js else None
    index = env.from_string(INDEX_TEMPLATE).render(
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        warehouse=str(settings.warehouse_path),
        version=__version__,
        n_events=len(data.events),
        n_dated=len(data.events) - undated,
        n_articles=len(data.articles),
        n_actors=len(data.actors),
        type_counts=type_counts.most_common(),
        actors=data.actors[:20],
        charts=charts,
        chart_ids={c["id"] for c in charts},
        specs=Markup(_json_data({c["id"]: c["spec"] for c in charts})),
        notes=notes,
        events=event_items,
        more_events=max(0, len(data.events) - len(listed)),
        max_events=MAX_LISTED_EVENTS,
        q=quality,
        fmt=_fmt_dt,
        vega_script=Markup(vega_script) if vega_script else None,
        page_script=Markup(PAGE_SCRIPT),
        csp=content_security_policy([s for s in (vega_script, PAGE_SCRIPT) if s], [] if js or not charts else [CDN_HOST]),
        cdn=CDN,
        warnings=warnings,
        style=Markup(STYLE),
    )
    tmp = out / ".index.html.tmp"
    tmp.write_text(index, encoding="utf-8")
    tmp.replace(out / "index.html")
    return ReportResult(out / "index.html", len(data.events), len(data.articles), len(charts), js is not None, warnings)


def clean_report(out: Path) -> None:
    """Remove a generated report folder (only what the report writes)."""
    (out / "index.html").unlink(missing_ok=True)
    shutil.rmtree(out / "articles", ignore_errors=True)


# ---------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------

STYLE = """
:root { --ink:#1d2733; --muted:#5b6878; --line:#d9dee5; --bg:#fbfcfd; --accent:#1f5fa8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
.muted, .note { color: var(--muted); font-size: 13px; }
.banner { background: #fff4d6; border: 1px solid #e8c66a; padding: 8px 12px; border-radius: 6px; margin: 12px 0; }
.empty { background: #f0f3f7; border: 1px dashed #b8c2cf; padding: 14px; border-radius: 6px; color: var(--muted); }
.stats { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.stat { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.stat b { display: block; font-size: 22px; }
nav a { margin-right: 14px; }
table { border-collapse: collapse; margin: 8px 0; background: white; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.fail td { background: #fde8e8; }
.ok { color: #1e7b34; } .bad { color: #b3261e; font-weight: 600; }
.chart { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin: 8px 0; overflow-x: auto; }
.chart-error { color: #b3261e; }
details.event { background: white; border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; padding: 6px 10px; }
details.event summary { cursor: pointer; }
.etype { font-weight: 600; } .date { font-variant-numeric: tabular-nums; color: #31445a; }
.tag { font-size: 12px; background: #eef2f6; border-radius: 4px; padding: 1px 6px; margin-left: 4px; }
ul.sentences { margin: 6px 0 4px 0; padding-left: 18px; }
ul.sentences li { margin: 4px 0; }
.trigger { background: #ffe08a; border-radius: 2px; }
.actor { border-bottom: 2px solid #1f5fa8; }
.actor.target { border-bottom-color: #b3261e; }
.timex { background: #dff0e3; border-radius: 2px; }
.body { white-space: pre-wrap; background: white; border: 1px solid var(--line); border-radius: 6px; padding: 16px; }
a.anchor { position: relative; top: -80px; }
:target + span, .anchor:target + span { outline: 2px solid #e07b00; }
input#filter { width: 100%; max-width: 420px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 4px; }
footer { margin: 40px auto 24px; }
"""

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<title>Dateline report</title>
<style>{{ style }}</style>
{% if vega_script %}
<script>{{ vega_script }}</script>
{% elif charts %}
<script src="{{ cdn['vega'] }}"></script>
<script src="{{ cdn['vega-lite'] }}"></script>
<script src="{{ cdn['vega-embed'] }}"></script>
{% endif %}
</head>
<body>
<header>
<h1>Dateline report</h1>
<div class="muted">Generated {{ generated }} from <code>{{ warehouse }}</code> · Dateline {{ version }}</div>
{% for w in warnings %}<div class="banner">Note: {{ w }}.</div>{% endfor %}
<div class="stats">
  <div class="stat"><b>{{ n_events }}</b>events</div>
  <div class="stat"><b>{{ n_dated }}</b>dated events</div>
  <div class="stat"><b>{{ n_actors }}</b>actors in events</div>
  <div class="stat"><b>{{ n_articles }}</b>articles</div>
</div>
<nav><a href="#timeline">Timeline</a><a href="#network">Actor network</a><a href="#monthly">Per month</a><a href="#quality">Data quality</a><a href="#events">Events and sources</a></nav>
</header>
<main>
<section id="timeline">
<h2>Timeline</h2>
{% if 'chart-timeline' in chart_ids %}
<p class="note">Each bar spans the period an event is dated to: a date known to the month spans the month, one known to the year spans the year. Dots mark events dated to a day. Click a legend entry to pick an event type.</p>
<div class="chart" id="chart-timeline" data-chart="chart-timeline"></div>
<h3>By event type</h3>
<div class="chart" id="chart-timeline-type" data-chart="chart-timeline-type"></div>
{% else %}
<div class="empty">No dated events yet. Add articles to the corpus folder and run <code>dateline run</code>.</div>
{% endif %}
{% if notes.timeline %}<p class="note">{{ notes.timeline }}.</p>{% endif %}
</section>

<section id="network">
<h2>Actor network</h2>
{% if 'chart-network' in chart_ids %}
<p class="note">Actors linked by the events between them (either direction); line width is the number of events, circle size the actor's events. Positions come from a force layout and carry no meaning of their own.</p>
<div class="chart" id="chart-network" data-chart="chart-network"></div>
{% else %}
<div class="empty">No events with both a source and a target actor yet, so there is no network to draw.</div>
{% endif %}
{% if notes.network %}<p class="note">{{ notes.network }}.</p>{% endif %}
</section>

<section id="monthly">
<h2>Per month</h2>
{% if 'chart-monthly-types' in chart_ids %}
<h3>Event types per month</h3>
<div class="chart" id="chart-monthly-types" data-chart="chart-monthly-types"></div>
{% else %}
<div class="empty">No events dated to a day, week or month yet.</div>
{% endif %}
{% if 'chart-monthly-actors' in chart_ids %}
<h3>Top actors per month</h3>
<div class="chart" id="chart-monthly-actors" data-chart="chart-monthly-actors"></div>
{% endif %}
{% if notes.monthly %}<p class="note">{{ notes.monthly }}.</p>{% endif %}
{% if type_counts %}
<h3>All events by type</h3>
<table><tr><th>event type</th><th>events</th></tr>
{% for t, n in type_counts %}<tr><td>{{ t }}</td><td class="num">{{ n }}</td></tr>{% endfor %}
</table>
{% endif %}
{% if actors %}
<h3>Most active actors</h3>
<table><tr><th>actor</th><th>type</th><th>country</th><th>events</th><th>as source</th><th>as target</th></tr>
{% for a in actors %}<tr><td>{{ a.actor_name }}</td><td>{{ a.actor_type }}</td><td>{{ a.country_code or '' }}</td><td class="num">{{ a.event_count }}</td><td class="num">{{ a.as_source }}</td><td class="num">{{ a.as_target }}</td></tr>{% endfor %}
</table>
{% endif %}
</section>

<section id="quality">
<h2>Data quality of the latest run</h2>
{% if q.run %}
<table>
<tr><th>run</th><td><code>{{ q.run.run_id }}</code></td><th>status</th><td class="{{ 'ok' if q.run.status == 'succeeded' else 'bad' }}">{{ q.run.status }}</td></tr>
<tr><th>started</th><td>{{ fmt(q.run.started_at) }}</td><th>took</th><td>{{ q.duration }}</td></tr>
<tr><th>files seen</th><td class="num">{{ q.run.files_seen }}</td><th>articles new / changed / unchanged / gone</th><td>{{ q.run.articles_new }} / {{ q.run.articles_changed }} / {{ q.run.articles_unchanged }} / {{ q.run.articles_gone }}</td></tr>
<tr><th>articles rejected</th><td class="num">{{ q.run.articles_rejected }}</td><th>rows rejected</th><td class="num">{{ q.run.rows_rejected }}</td></tr>
<tr><th>events extracted</th><td class="num">{{ q.run.events_extracted }}</td><th>rows upserted</th><td class="num">{{ q.run.rows_upserted }}</td></tr>
<tr><th>versions</th><td colspan="3">{{ q.run.dateline_version or '' }} · model {{ q.run.spacy_model or '' }}</td></tr>
{% if q.run.message %}<tr><th>message</th><td colspan="3">{{ q.run.message }}</td></tr>{% endif %}
</table>
{% if q.data_docs %}<p>Full validation results: <a href="{{ q.data_docs }}">Great Expectations Data Docs</a>.</p>
{% else %}<p class="note">No Data Docs found at <code>{{ q.data_docs_path }}</code>.</p>{% endif %}
<h3>Expectations</h3>
{% if q.validations %}
<p>{{ q.validations|length - q.failed|length }} of {{ q.validations|length }} expectations passed{% if q.failed %}; <span class="bad">{{ q.failed|length }} failed</span> (their rows went to <code>rejects</code>){% endif %}.</p>
<table><tr><th>table</th><th>expectation</th><th>severity</th><th>result</th><th>unexpected</th><th>checked</th></tr>
{% for v in q.validations %}<tr class="{{ '' if v.success else 'fail' }}"><td>{{ v.table_name }}</td><td>{{ v.expectation }}</td><td>{{ v.severity }}</td><td class="{{ 'ok' if v.success else 'bad' }}">{{ 'passed' if v.success else 'failed' }}</td><td class="num">{{ v.unexpected_count if v.unexpected_count is not none else '' }}</td><td class="num">{{ v.element_count if v.element_count is not none else '' }}</td></tr>
{% endfor %}</table>
{% else %}<div class="empty">This run validated no rows (nothing new to extract).</div>{% endif %}
<h3>Rejects</h3>
{% if q.rejects %}
<p>{{ q.reject_total }} rows or files were rejected in this run:</p>
<table><tr><th>stage</th><th>table</th><th>expectation</th><th>reason</th><th>count</th><th>example</th></tr>
{% for r in q.rejects %}<tr><td>{{ r.stage }}</td><td>{{ r.table_name or '' }}</td><td>{{ r.expectation or '' }}</td><td>{{ r.reason }}</td><td class="num">{{ r.reject_count }}</td><td>{{ r.example_path or '' }}</td></tr>
{% endfor %}</table>
{% else %}<p class="ok">Nothing was rejected in this run.</p>{% endif %}
{% else %}
<div class="empty">No run recorded yet: run <code>dateline run</code>.</div>
{% endif %}
</section>

<section id="events">
<h2>Events and their sources</h2>
{% if events %}
<p><input id="filter" type="search" placeholder="Filter events (actor, type, date, words in the sentence)…" aria-label="filter events"></p>
<div id="event-list">
{% for it in events %}
<details class="event" id="e-{{ it.e.event_id }}">
<summary><span class="date">{{ it.date }}</span> · <span class="etype">{{ it.e.event_type }}</span>
{% if it.source or it.target %} · {{ it.source or '?' }} → {{ it.target or '?' }}{% endif %}
{% if it.e.location %}<span class="tag">{{ it.e.location }}</span>{% endif %}
<span class="tag">{{ it.e.factuality }}</span><span class="tag">{{ it.e.mention_count }} mention{{ '' if it.e.mention_count == 1 else 's' }}, {{ it.e.article_count }} article{{ '' if it.e.article_count == 1 else 's' }}</span></summary>
<ul class="sentences">
{% for m in it.mentions %}<li>“{{ m.html }}” — <a href="{{ m.page }}">{{ m.title or m.source_path }}</a>{% if m.published_at %} ({{ m.published_at }}){% endif %}{% if m.source_name %}, {{ m.source_name }}{% endif %}{% if m.file %} · <a href="{{ m.file }}">source file</a>{% endif %}{% if m.url %} · {{ original(m.url) }}{% endif %} <span class="muted">date basis: {{ m.date_basis }}</span></li>
{% endfor %}{% if it.more %}<li class="muted">and {{ it.more }} more mentions</li>{% endif %}
</ul>
</details>
{% endfor %}
</div>
{% if more_events %}<p class="note">Only the first {{ max_events }} events are listed; {{ more_events }} more are in the warehouse (<code>dateline query "SELECT * FROM events"</code>).</p>{% endif %}
{% else %}
<div class="empty">No events in the warehouse yet.</div>
{% endif %}
</section>
</main>
<footer class="muted">Dateline {{ version }} · every figure here comes from <code>schemas/sql/report_*.sql</code>, which you can run yourself with <code>dateline query</code>.</footer>
<div id="render-status" hidden data-expected="{{ charts|length }}" data-rendered="0" data-errors=""></div>
<script id="chart-specs" type="application/json">{{ specs }}</script>
<script>{{ page_script }}</script>
</body>
</html>
"""

PAGE_SCRIPT = """
(function () {
  var status = document.getElementById('render-status');
  function fail(msg) {
    status.dataset.errors = (status.dataset.errors ? status.dataset.errors + ' | ' : '') + msg;
  }
  window.addEventListener('error', function (e) { fail(String(e.message || e)); });
  var filter = document.getElementById('filter');
  if (filter) {
    filter.addEventListener('input', function () {
      var q = filter.value.toLowerCase();
      document.querySelectorAll('#event-list details.event').forEach(function (d) {
        d.hidden = q && d.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  var ids = Object.keys(specs);
  if (!ids.length) { status.dataset.done = '1'; return; }
  if (typeof vegaEmbed === 'undefined') {
    ids.forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.innerHTML = '<p class="chart-error">This chart needs Vega, which could not be loaded (offline without an embedded copy).</p>'; }
    });
    fail('vegaEmbed is not available');
    status.dataset.done = '1';
    return;
  }
  var done = 0;
  ids.forEach(function (id) {
    var el = document.getElementById(id);
    vegaEmbed(el, specs[id], { renderer: 'svg', ast: true, actions: { export: true, source: false, compiled: false, editor: false } })
      .then(function () { status.dataset.rendered = String(Number(status.dataset.rendered) + 1); })
      .catch(function (err) { el.insertAdjacentHTML('beforeend', '<p class="chart-error">Chart failed: ' + String(err).replace(/</g, '&lt;') + '</p>'); fail(id + ': ' + err); })
      .finally(function () { done += 1; if (done === ids.length) { status.dataset.done = '1'; } });
  });
})();
"""  # the report's own script: filter box and charts; allowed by its hash

ARTICLE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<title>{{ a.title or a.source_path }} · Dateline</title>
<style>{{ style }}</style>
</head>
<body>
<header>
<p><a href="../index.html#events">← back to the report</a></p>
<h1>{{ a.title or a.source_path }}</h1>
<div class="muted">
Published {{ a.published_at or 'unknown' }} ({{ a.published_source }}){% if a.author %} · {{ a.author }}{% endif %}{% if a.source_name %} · {{ a.source_name }}{% endif %}
 · file <code>{{ a.source_path }}</code>{% if source_link %} (<a href="{{ source_link }}">open</a>){% endif %}
{% if a.url %} · {{ original(a.url) }}{% endif %}
</div>
<p class="note">Marked: <span class="trigger">event trigger</span>, <span class="actor source">source actor</span>, <span class="actor target">target actor</span>, <span class="timex">time expression</span> (hover for values).</p>
</header>
<main>
<div class="body">{{ body }}</div>
<h2>Events in this article</h2>
{% if mentions %}
<table><tr><th>type</th><th>date</th><th>sentence</th></tr>
{% for m in mentions %}<tr><td>{{ m.event.event_type if m.event else '' }}</td><td>{{ date_label(m.event) if m.event else '' }}</td><td><a href="#m-{{ m.mention_id }}">{{ m.html }}</a></td></tr>
{% endfor %}</table>
{% else %}<div class="empty">No events were extracted from this article.</div>{% endif %}
</main>
<footer class="muted">Dateline {{ version }} · offsets refer to the stored article body.</footer>
</body>
</html>
"""
