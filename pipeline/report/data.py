"""What the report reads: every figure comes from a `schemas/sql/report_*.sql` file, so an analyst
can run the same query in a SQL tool and get the numbers the page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipeline.warehouse import SQL_DIR, schema_version

Row = dict[str, Any]

# Factuality values that say the event happened (the extractor's set is in
# schemas/expectations/event_mentions.json). "reported" is a happened event attributed to a
# source ("according to officials, X met Y"); negated, possible and planned ones did not
# (yet) happen, so counts leave them out unless the reader asks for every event.
FACTUAL = ("asserted", "reported")

# Date bases that come from the article rather than from its text: the event was dated to the
# publication (or reference) date because no time expression in the sentence said when.
ARTICLE_DATED = ("publication", "reference")


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
    runs: list[Row] = field(default_factory=list)
    reject_history: list[Row] = field(default_factory=list)
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
    data.runs = _rows(con, "runs")
    data.reject_history = _rows(con, "reject_history")
    data.articles = _rows(con, "articles")
    data.spans = _rows(con, "spans")
    return data
