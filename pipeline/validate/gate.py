"""The gate: duplicate rows collapsed, actors made consistent, suites run, failing rows quarantined.

Why: critical failures quarantine exactly the failing rows (and their children) into
`rejects` while the rest is written; warnings are only recorded.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pandas as pd

from pipeline.models import Reject
from pipeline.validate.expectations import _run_suite
from pipeline.validate.frames import _article_facts, _ArticleFacts, _gx_frame
from pipeline.validate.records import (
    _PARTIAL,
    ACTOR_CONSISTENCY_CHECK,
    CHILD_TABLES,
    DUPLICATE_CHECK,
    PARENT_CHECK,
    TABLES,
    ExpectationOutcome,
    ValidationReport,
)
from pipeline.validate.suites import _ephemeral_context, load_suite_spec
from pipeline.validate.values import _blank_to_null, _display, _is_null, _json_value, _row_json

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- the gate


def _drop_exact_duplicates(table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, ExpectationOutcome | None]:
    """Identical rows are one row written twice: keep the first (nothing is lost). Only a
    warning for articles and extractions; expected for actors (one row per article)."""
    if frame.empty:
        return frame, None
    try:
        dup = frame.duplicated(keep="first")
    except TypeError:  # unhashable cells (lists, dicts): nothing to collapse safely
        return frame, None
    count = int(dup.sum())
    outcome = ExpectationOutcome(
        table_name=table,
        expectation=DUPLICATE_CHECK,
        severity="warning",
        success=count == 0 or table == "actors",
        unexpected_count=count,
        element_count=len(frame),
        details={"type": "dateline", "note": "identical rows collapsed to one before validation"},
    )
    return (frame[~dup.to_numpy()] if count else frame), outcome


def _consolidate_actors(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Reject], ExpectationOutcome | None]:
    """One actor appears once per article that mentions it; when two rows of one actor_id
    differ (a name spelled two ways), keep the first, as the warehouse would, and quarantine
    the rest. Rejecting every copy would also reject each event that names the actor."""
    if frame.empty or "actor_id" not in frame.columns:
        return frame, [], None
    ids = _blank_to_null(frame["actor_id"])
    repeat = (ids.notna() & ids.duplicated(keep="first")).to_numpy()
    count = int(repeat.sum())
    rejects: list[Reject] = []
    if count:
        first_pos: dict[Any, int] = {}
        for pos, aid in enumerate(ids.tolist()):
            if aid is not None:
                first_pos.setdefault(aid, pos)
        records = frame.to_dict("records")
        for pos in [int(p) for p in repeat.nonzero()[0]]:
            aid = ids.iat[pos]
            first = records[first_pos[aid]]
            diffs = [
                f"{col} {_display(records[pos][col])!r} vs {_display(first[col])!r}"
                for col in frame.columns
                if _display(records[pos][col]) != _display(first[col])
            ]
            rejects.append(
                Reject(
                    stage="validate",
                    source_path=None,
                    reason=f"actor_id {aid} appears again with different values; the first row is kept ("
                    + "; ".join(diffs)
                    + ")",
                    table_name="actors",
                    expectation=ACTOR_CONSISTENCY_CHECK,
                    row_json=_row_json(records[pos]),
                )
            )
    outcome = ExpectationOutcome(
        table_name="actors",
        expectation=ACTOR_CONSISTENCY_CHECK,
        severity="critical",
        success=count == 0,
        unexpected_count=count,
        element_count=len(frame),
        details={
            "type": "dateline",
            "note": "rows repeating an actor_id with different values; the first is kept",
            "unexpected_ids": [_json_value(v) for v in ids[repeat].tolist()[:_PARTIAL]],
        },
    )
    return (frame[~repeat] if count else frame), rejects, outcome


def validate_tables(
    tables: dict[str, pd.DataFrame],
    *,
    event_types: set[str],
    known_actor_ids: set[str],
    today: dt.date | None = None,
) -> ValidationReport:
    """Run each table's suite; quarantine rows failing critical expectations (and their children).

    `tables` holds 'articles' (with body, published_at), 'time_expressions', 'event_mentions'
    and 'actors'; any may be empty or missing. `known_actor_ids` are actor ids already in the
    warehouse; actors of this batch that pass are added to them.
    """
    today = today or dt.date.today()
    parameters = {
        "today": today,
        # an article dated in a time zone ahead of this machine may carry tomorrow's date
        "latest_publication_date": today + dt.timedelta(days=1),
        "event_types": sorted(event_types),
    }
    report = ValidationReport(valid={}, rejects=[], outcomes=[])
    frames = _prepared_frames(tables, report)
    facts = _article_facts(frames.get("articles"))
    event_counts: dict[Any, int] | None = None
    mentions = frames.get("event_mentions")
    if mentions is not None and "article_id" in mentions.columns:
        event_counts = {k: int(v) for k, v in mentions["article_id"].value_counts().items()}

    context: Any = None
    rejected_articles: dict[Any, str] = {}  # article_id -> reason
    actors_ok = set(known_actor_ids)
    for table in TABLES:
        frame = frames.get(table)
        if frame is None:
            continue
        if frame.empty:
            report.valid[table] = frame
            continue
        if context is None:
            context = _ephemeral_context()
        spec = load_suite_spec(table)
        gx_frame = _gx_frame(table, frame, spec, facts, event_counts, actors_ok)
        check = _run_suite(context, table, gx_frame, frame.reset_index(drop=True), spec, parameters)
        report.outcomes.extend(check.outcomes)
        report.gx_results[table] = check.gx_result
        failures = check.failures

        article_ids = frame["article_id"].tolist() if "article_id" in frame.columns else [None] * len(frame)
        if table in CHILD_TABLES:
            report.outcomes.append(_cascade(table, len(frame), article_ids, rejected_articles, failures))

        keep = [pos for pos in range(len(frame)) if pos not in failures]
        report.valid[table] = frame.iloc[keep]
        if failures:
            report.rejects.extend(_quarantined(table, frame, failures, article_ids, facts))
        if table == "articles":
            kept_ids = (
                {a for a in report.valid[table]["article_id"].tolist()} if "article_id" in frame.columns else set()
            )
            for pos in sorted(failures):
                key = article_ids[pos]
                if not _is_null(key) and key not in kept_ids and key not in rejected_articles:
                    rejected_articles[key] = "; ".join(text for _, text in failures[pos])
        if table == "actors" and "actor_id" in frame.columns:
            actors_ok |= {a for a in report.valid[table]["actor_id"].tolist() if not _is_null(a)}
    return report


def _prepared_frames(tables: dict[str, pd.DataFrame], report: ValidationReport) -> dict[str, pd.DataFrame]:
    """The known tables with identical rows collapsed and actors made consistent (outcomes and
    rejects go to `report`); tables without a suite pass through to `report.valid` unchecked."""
    frames: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        if tables.get(table) is not None:
            frame, dup_outcome = _drop_exact_duplicates(table, tables[table])
            if dup_outcome is not None:
                report.outcomes.append(dup_outcome)
            if table == "actors":
                frame, actor_rejects, actor_outcome = _consolidate_actors(frame)
                report.rejects.extend(actor_rejects)
                if actor_outcome is not None:
                    report.outcomes.append(actor_outcome)
            frames[table] = frame
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        log.warning("validate: no suite for tables %s; passed through unchecked", unknown)
        for table in unknown:
            report.valid[table] = tables[table]
    return frames


def _cascade(
    table: str,
    n_rows: int,
    article_ids: list[Any],
    rejected_articles: dict[Any, str],
    failures: dict[int, list[tuple[str, str]]],
) -> ExpectationOutcome:
    """Fail the child rows of rejected articles (first reason: the parent) and say how many."""
    cascaded = 0
    for pos, aid in enumerate(article_ids):
        if not _is_null(aid) and aid in rejected_articles:
            cascaded += 1
            reason = f"parent article rejected: {rejected_articles[aid]}"
            failures.setdefault(pos, []).insert(0, (PARENT_CHECK, reason))
    return ExpectationOutcome(
        table_name=table,
        expectation=PARENT_CHECK,
        severity="critical",
        success=cascaded == 0,
        unexpected_count=cascaded,
        element_count=n_rows,
        details={"type": "dateline", "note": "rows of a rejected article are quarantined with it"},
    )


def _quarantined(
    table: str,
    frame: pd.DataFrame,
    failures: dict[int, list[tuple[str, str]]],
    article_ids: list[Any],
    facts: _ArticleFacts,
) -> list[Reject]:
    """One `rejects` row per failing row, naming every failed expectation and the row as JSON."""
    rejects = []
    positions = sorted(failures)
    records = frame.iloc[positions].to_dict("records")
    for pos, record in zip(positions, records, strict=True):
        aid = article_ids[pos]
        aid = None if _is_null(aid) else str(aid)
        path: str | None
        if table == "articles":
            path = None if _is_null(record.get("source_path")) else str(record.get("source_path"))
        else:
            path = facts.source_paths.get(article_ids[pos]) if aid else None
        names = [name for name, _ in failures[pos]]
        reason = "; ".join(text for _, text in failures[pos])
        rejects.append(
            Reject(
                stage="validate",
                source_path=path,
                reason=reason,
                article_id=aid,
                table_name=table,
                expectation=", ".join(dict.fromkeys(names)),
                row_json=_row_json(record),
                sentence=None if _is_null(record.get("sentence_text")) else str(record.get("sentence_text")),
            )
        )
    return rejects
