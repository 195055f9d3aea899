"""Chart specs (Altair -> Vega-Lite): the timeline, the actor network and the per-month counts.

Dates are drawn with the precision they were extracted with: an event dated "December 2025"
spans the month, one dated "2023" spans the year; events dated only to a quarter or year are
not squeezed into a month in the per-month counts. A day-level event dated only by its
article's publication date is drawn as a hollow marker: nothing in the text said when it
happened. Factuality is drawn too: the marker's shape, and a dashed, faint bar for events that
did not (or not yet) happen. Every mark carries the ids the page script needs to filter the
event list when it is clicked.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from pipeline.report.data import FACTUAL, Row
from pipeline.report.dates import article_dated, basis_label, date_label, event_span
from pipeline.report.layout import network_layout

MAX_TIMELINE_ACTORS = 25
MAX_NETWORK_ACTORS = 40
MAX_NETWORK_LABELS = 20  # more labels overlap; the rest are named in tooltips
MAX_HEATMAP_ACTORS = 15
MAX_TIMELINE_EVENTS = 3000  # SVG stays quick to draw and to hover; every event is in the list
NO_ACTOR = "(no actor identified)"
POINT_PRECISIONS = {"day", "time"}
FACTUALITY_SHAPES = {
    "asserted": "circle",
    "reported": "square",
    "negated": "cross",
    "possible": "diamond",
    "planned": "triangle-up",
}
ALL_EVENTS_PARAM = "all_events"  # the page's "count every event" toggle sets this signal


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
        factuality = e.get("factuality") or "unknown"
        base = {
            "event_id": e["event_id"],
            "event_type": e["event_type"],
            "start": start.isoformat(),
            "end": end.isoformat(),
            "point": (end - start).days <= 1 or (e.get("date_precision") in POINT_PRECISIONS),
            "date": date_label(e),
            "precision": e.get("date_precision") or "unknown",
            "basis": basis_label(e.get("date_basis")),
            "article_dated": article_dated(e),
            "source": _actor_label(e.get("source_name"), e.get("source_actor_id")) if e.get("source_actor_id") else "—",
            "target": _actor_label(e.get("target_name"), e.get("target_actor_id")) if e.get("target_actor_id") else "—",
            "factuality": factuality,
            "factual": factuality in FACTUAL,
            "mentions": int(e.get("mention_count") or 0),
            "articles": int(e.get("article_count") or 0),
        }
        roles = [("source", e.get("source_actor_id"), e.get("source_name")),
                 ("target", e.get("target_actor_id"), e.get("target_name"))]
        named = [(role, aid, name) for role, aid, name in roles if aid]
        if not named:
            per_actor[NO_ACTOR].append(base | {"actor": NO_ACTOR, "actor_id": "", "role": "—"})
        for role, aid, name in named:
            label = _actor_label(name, aid)
            per_actor[label].append(base | {"actor": label, "actor_id": aid, "role": role})
    ranked = sorted(per_actor, key=lambda a: (a == NO_ACTOR, -len({r["event_id"] for r in per_actor[a]}), a))
    kept = ranked[:max_actors]
    records = [r for a in kept for r in per_actor[a]]
    return records, max(0, len(ranked) - len(kept))


def most_recent(records: list[Row], limit: int = MAX_TIMELINE_EVENTS) -> tuple[list[Row], int]:
    """The records of the `limit` latest-starting events (in their order); also how many events were left out."""
    starts: dict[str, str] = {}
    for r in records:
        starts[r["event_id"]] = r["start"]
    if len(starts) <= limit:
        return records, 0
    keep = set(sorted(starts, key=lambda e: (starts[e], e), reverse=True)[:limit])
    return [r for r in records if r["event_id"] in keep], len(starts) - limit


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
    """Bars span each event's dated period; markers mark day-level dates.

    Marker shape is the factuality; a hollow marker is an event dated only by its article's
    date. Bars of events that did not (or not yet) happen are faint and dashed.
    """
    alt = _alt()
    order = list(dict.fromkeys(r[row_field] for r in records))  # records come busiest-first
    pick = alt.selection_point(fields=["event_type"], bind="legend", name="pick_type")
    tooltip = [
        alt.Tooltip("event_type:N", title="type"),
        alt.Tooltip("date:N", title="date"),
        alt.Tooltip("basis:N", title="date basis"),
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
    present = sorted({r["factuality"] for r in records} | {"asserted"})
    shape = alt.Shape("factuality:N", title="factuality (marker)",
                      scale=alt.Scale(domain=present, range=[FACTUALITY_SHAPES.get(f, "stroke") for f in present]),
                      legend=alt.Legend(orient="right"))
    opacity = alt.condition(pick, alt.value(0.85), alt.value(0.12))
    base = alt.Chart(alt.NamedData(name="events"))
    bars = base.mark_bar(height={"band": 0.7}, stroke="#333", strokeWidth=0.6, strokeOpacity=0.7).encode(
        x=alt.X("start:T", scale=x_scale, title="date (bars span the period each event is dated to)",
                axis=alt.Axis(format="%b %Y", formatType="utc")),
        x2="end:T", y=y, color=color, opacity=opacity, tooltip=tooltip,
        fillOpacity=alt.condition("datum.factual", alt.value(1.0), alt.value(0.3)),
        strokeDash=alt.condition("datum.factual", alt.value([1, 0]), alt.value([4, 2])),
    ).add_params(pick)
    points = base.transform_filter("datum.point")
    text_dated = points.transform_filter("!datum.article_dated").mark_point(
        filled=True, size=60, stroke="#222", strokeWidth=0.5).encode(
        x=alt.X("start:T", scale=x_scale), y=y, color=color, opacity=opacity, tooltip=tooltip, shape=shape,
    )
    article = points.transform_filter("datum.article_dated").mark_point(
        filled=False, size=90, strokeWidth=2).encode(
        x=alt.X("start:T", scale=x_scale), y=y, color=color, opacity=opacity, tooltip=tooltip, shape=shape,
    )
    rows = max(1, len(order))
    chart = alt.layer(bars, text_dated, article).properties(width=820, height=max(120, 24 * rows))
    return _spec(chart, events=records)


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
            "actor_id": p["actor_a"], "counterpart_id": p["actor_b"],
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
    """Node-link drawing with a precomputed layout: edge width = events between the pair.

    A click on a node opens the actor's view; on an edge, lists the pair's events.
    """
    alt = _alt()
    width = 820
    y_top = max([n["y"] for n in nodes] + [0.0])
    height = int(min(640, max(220, width * (y_top + 0.16) / 1.16)))
    axis_off = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    sx = alt.Scale(domain=[-0.08, 1.08], nice=False, zero=False)
    sy = alt.Scale(domain=[-0.08, y_top + 0.08], nice=False, zero=False)
    lines = alt.Chart(alt.NamedData(name="edges")).mark_rule(color="#7a8899", opacity=0.55, strokeCap="round", cursor="pointer").encode(
        x=alt.X("x:Q", scale=sx, axis=axis_off), y=alt.Y("y:Q", scale=sy, axis=axis_off), x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("events:Q", scale=alt.Scale(range=[1, 9], zero=False), title="events between the pair",
                                    legend=alt.Legend(values=_int_values(e["events"] for e in edges), format="d")),
        tooltip=[alt.Tooltip("pair:N", title="pair"), alt.Tooltip("events:Q", title="events"),
                 alt.Tooltip("directions:N", title="by direction"), alt.Tooltip("types:N", title="event types")],
    )
    node_base = alt.Chart(alt.NamedData(name="nodes"))
    dots = node_base.mark_circle(opacity=0.9, stroke="white", strokeWidth=1.5, cursor="pointer").encode(
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
    return _spec(chart, edges=edges, nodes=nodes)


def _all_events_param() -> Any:
    """The count toggle: false counts asserted and reported events only (the page's default)."""
    return _alt().param(name=ALL_EVENTS_PARAM, value=False)


def _counted(factuality: str) -> bool:
    return factuality in FACTUAL


def monthly_type_chart(monthly: Sequence[Row], types: Sequence[str] = ()) -> dict[str, Any]:
    """Stacked events per month and type; counts asserted/reported events unless the toggle says all."""
    alt = _alt()
    records = [
        {"month": r["month"], "event_type": r["label"], "factuality": r.get("factuality") or "unknown",
         "factual": _counted(r.get("factuality") or ""), "events": int(r["event_count"])}
        for r in monthly if r["dimension"] == "event_type"
    ]
    months = months_between(r["month"] for r in records)
    chart = alt.Chart(alt.NamedData(name="months")).transform_filter(
        f"{ALL_EVENTS_PARAM} || datum.factual"
    ).mark_bar(cursor="pointer").encode(
        x=alt.X("month:O", title="month", scale=alt.Scale(domain=months), axis=alt.Axis(labelAngle=-45, labelOverlap=True)),
        y=alt.Y("sum(events):Q", title="events", axis=alt.Axis(tickMinStep=1, format="d")),
        color=type_color([*types, *(r["event_type"] for r in records)], title="event type"),
        tooltip=[alt.Tooltip("month:O", title="month"), alt.Tooltip("event_type:N", title="type"),
                 alt.Tooltip("sum(events):Q", title="events")],
    ).add_params(_all_events_param()).properties(width=max(360, min(820, 60 * len(months))), height=260)
    return _spec(chart, months=records)


def monthly_actor_chart(monthly: Sequence[Row], max_actors: int = MAX_HEATMAP_ACTORS) -> dict[str, Any]:
    """Events per month of the busiest actors; the same count toggle as the per-type chart."""
    alt = _alt()
    rows = [r for r in monthly if r["dimension"] == "actor"]
    totals: Counter[str] = Counter()
    for r in rows:
        totals[r["label"]] += int(r["event_count"])
    top = [a for a, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:max_actors]]
    keep = set(top)
    records = [{"month": r["month"], "actor": r["label"], "actor_id": r["key"], "events": int(r["event_count"]),
                "factual": _counted(r.get("factuality") or "")}
               for r in rows if r["label"] in keep]
    months = months_between(r["month"] for r in records)
    per_cell: Counter[tuple[str, str]] = Counter()
    for r in records:
        per_cell[(r["month"], r["actor"])] += r["events"]
    base = alt.Chart(alt.NamedData(name="cells")).transform_filter(
        f"{ALL_EVENTS_PARAM} || datum.factual"
    ).transform_aggregate(events="sum(events)", groupby=["month", "actor", "actor_id"]).encode(
        x=alt.X("month:O", title="month", scale=alt.Scale(domain=months), axis=alt.Axis(labelAngle=-45, labelOverlap=True)),
        y=alt.Y("actor:N", sort=top, title=None, axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect(cursor="pointer").encode(
        color=alt.Color("events:Q", title="events", scale=alt.Scale(scheme="blues"),
                        legend=alt.Legend(values=_int_values(per_cell.values()), format="d")),
        tooltip=[alt.Tooltip("actor:N"), alt.Tooltip("month:O"), alt.Tooltip("events:Q")],
    )
    text = base.mark_text(fontSize=10).encode(
        text="events:Q",
        color=alt.condition("datum.events > 3", alt.value("white"), alt.value("#222")),
    )
    chart = alt.layer(cells, text).add_params(_all_events_param()).properties(width=max(160, min(820, 48 * len(months))), height=max(80, 22 * len(top)))
    return _spec(chart, cells=records)


def _spec(chart: Any, **datasets: list[Row]) -> dict[str, Any]:
    """The Vega-Lite spec, with the records as named `datasets` added after Altair's schema check:
    validating 50,000 inline records took Altair a minute, and they need no checking."""
    spec: dict[str, Any] = chart.to_dict()
    spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    spec.setdefault("config", {})
    spec["config"].setdefault("font", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif")
    return spec
