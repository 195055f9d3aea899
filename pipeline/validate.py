"""Data-quality gate: Great Expectations suites over the rows a run is about to write.

The suites live as JSON in `schemas/expectations/<table>.json`, one per warehouse table, so
analysts can read and review them without reading Python. Every expectation carries
`meta.severity`: a failing *critical* expectation quarantines exactly the failing rows into
`rejects` (the rest is written); a failing *warning* is only recorded. Children of a rejected
article (its time expressions and event mentions) are quarantined with it, because their
offsets and dates only mean something against that article.

Before the suites run, identical rows are collapsed to one (a row written twice loses
nothing), and rows repeating an actor_id with different values keep the first and quarantine
the rest: each article contributes its own copy of the actors it names.

Facts that live in another table (body length, publication date, known actor ids) are joined
onto each frame as `dq_*` helper columns before GX runs; `valid` never contains them.
Frames are validated as pandas DataFrames: GX cannot validate DuckDB through SQLAlchemy
(GX issue #10738). GX is imported lazily because importing it costs ~2.5 s.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import math
import numbers
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pipeline.models import Reject

if TYPE_CHECKING:
    from types import ModuleType

log = logging.getLogger(__name__)

SUITES_DIR = Path(__file__).resolve().parent.parent / "schemas" / "expectations"

# Validation order matters: articles first (children need their bodies and rejections),
# actors before event_mentions (mentions may only point at actors that pass).
TABLES: tuple[str, ...] = ("articles", "actors", "time_expressions", "event_mentions")
SEVERITIES = ("critical", "warning")
CHILD_TABLES = ("time_expressions", "event_mentions")

ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "actors": ("actor_id",),
    "time_expressions": ("timex_id", "article_id"),
    "event_mentions": ("mention_id", "article_id", "source_actor_id", "target_actor_id"),
}
KEY_COLUMN = {
    "articles": "article_id",
    "actors": "actor_id",
    "time_expressions": "timex_id",
    "event_mentions": "mention_id",
}
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("published_at",),
    "actors": (),
    "time_expressions": ("range_start", "range_end"),
    "event_mentions": ("date_start", "date_end"),
}
# (column, must be a whole number)
NUMBER_COLUMNS: dict[str, tuple[tuple[str, bool], ...]] = {
    "articles": (("word_count", True),),
    "actors": (),
    "time_expressions": (("start_char", True), ("end_char", True)),
    "event_mentions": (
        ("sentence_start", True),
        ("trigger_start", True),
        ("trigger_end", True),
        ("source_start", True),
        ("source_end", True),
        ("target_start", True),
        ("target_end", True),
        ("confidence", False),
    ),
}

DUPLICATE_CHECK = "no_exact_duplicate_rows"
PARENT_CHECK = "parent_article_not_rejected"
ACTOR_CONSISTENCY_CHECK = "actor_id_consistent_in_batch"
# Expectation families that judge row by row, so a failure names the rows to quarantine.
_ROW_LEVEL = (
    "expect_column_values_",
    "expect_column_pair_values_",
    "expect_multicolumn_values_",
    "expect_compound_columns_",
    "expect_select_column_values_",
)
_DOCS_SITE = "dateline"
_PARTIAL = 20  # unexpected values kept per expectation in details and Data Docs


@dataclass
class ExpectationOutcome:
    """One expectation's result on one table; becomes a row of the `validations` table."""

    table_name: str
    expectation: str
    severity: str  # 'critical' | 'warning'
    success: bool
    unexpected_count: int | None
    element_count: int | None
    details: dict[str, Any]


@dataclass
class ValidationReport:
    """What the gate decided: rows to write, rows quarantined, and every expectation's result."""

    valid: dict[str, pd.DataFrame]  # the input frames minus quarantined (and identical repeated) rows
    rejects: list[Reject]
    outcomes: list[ExpectationOutcome]
    # GX ExpectationSuiteValidationResult per table (trimmed), kept for build_data_docs.
    gx_results: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def failed_critical(self) -> int:
        """Critical expectations that failed (their rows are in `rejects`)."""
        return sum(1 for o in self.outcomes if o.severity == "critical" and not o.success)

    @property
    def failed_warning(self) -> int:
        """Warning expectations that failed (recorded only)."""
        return sum(1 for o in self.outcomes if o.severity == "warning" and not o.success)

    def rejected_rows(self, table_name: str) -> int:
        """Quarantined rows of one table."""
        return sum(1 for r in self.rejects if r.table_name == table_name)


# --------------------------------------------------------------------------- suites


def suite_path(table_name: str, suites_dir: Path | None = None) -> Path:
    return (suites_dir or SUITES_DIR) / f"{table_name}.json"


def load_suite_spec(table_name: str, suites_dir: Path | None = None) -> dict[str, Any]:
    """Read and sanity-check one suite file (GX would silently drop a malformed expectation)."""
    spec: dict[str, Any] = json.loads(suite_path(table_name, suites_dir).read_text(encoding="utf-8"))
    names: set[str] = set()
    for exp in spec["expectations"]:
        meta = exp.get("meta") or {}
        name, severity = meta.get("name"), meta.get("severity")
        if not name or name in names:
            raise ValueError(f"{table_name}: expectation without a unique meta.name: {exp}")
        if severity not in SEVERITIES:
            raise ValueError(f"{table_name}.{name}: meta.severity must be one of {SEVERITIES}")
        if severity == "critical" and not str(exp.get("type", "")).startswith(_ROW_LEVEL):
            raise ValueError(
                f"{table_name}.{name}: only row-level expectations can be critical (they name the rows to quarantine)"
            )
        names.add(name)
    return spec


def _gx() -> ModuleType:
    """Import GX quietly (no analytics) only when a validation actually runs."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    return gx


def _build_suite(spec: Mapping[str, Any]) -> Any:
    """The GX suite for a spec; meta.severity is also copied to GX's own severity field."""
    gx = _gx()
    expectations = [
        {
            "type": exp["type"],
            "kwargs": dict(exp["kwargs"]),
            "meta": dict(exp["meta"]),
            "severity": exp["meta"]["severity"],
            "notes": _notes(exp["meta"]),
        }
        for exp in spec["expectations"]
    ]
    suite = gx.ExpectationSuite(name=spec["name"], expectations=expectations, meta=dict(spec.get("meta", {})))
    if len(suite.expectations) != len(expectations):
        raise ValueError(f"suite {spec['name']}: GX rejected some expectations (see the log)")
    return suite


def _notes(meta: Mapping[str, Any]) -> str:
    """What Data Docs show under an expectation: its severity and what a failure does."""
    effect = "failing rows are quarantined into rejects" if meta["severity"] == "critical" else "recorded only"
    return f"{meta['name']} ({meta['severity']}: {effect}). Reject reason: {meta.get('reason', '')}"


def _referenced_columns(spec: Mapping[str, Any]) -> list[str]:
    """Every column a suite reads (kwargs and row conditions), in first-seen order."""
    seen: dict[str, None] = {}

    def walk_condition(cond: Any) -> None:
        if isinstance(cond, dict):
            column = cond.get("column")
            if isinstance(column, dict) and isinstance(column.get("name"), str):
                seen.setdefault(column["name"])
            for sub in cond.get("conditions", []):
                walk_condition(sub)

    for exp in spec["expectations"]:
        kwargs = exp["kwargs"]
        for key in ("column", "column_A", "column_B"):
            if isinstance(kwargs.get(key), str):
                seen.setdefault(kwargs[key])
        for column in kwargs.get("column_list", []):
            seen.setdefault(column)
        walk_condition(kwargs.get("row_condition"))
    return list(seen)


# --------------------------------------------------------------------------- value helpers


def _is_null(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_date(value: Any) -> dt.date | None:
    """A DATE column value as a date, or None when it is not a date."""
    if isinstance(value, dt.datetime):  # includes pandas.Timestamp
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            try:
                return dt.datetime.fromisoformat(text).date()
            except ValueError:
                return None
    if isinstance(value, numbers.Number):  # pandas would read 2024 as nanoseconds since 1970
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if _is_null(stamp) else stamp.date()


def _normalise_dates(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates as Python `date` objects (any year 1-9999; GX compares them with date bounds)."""
    values: list[dt.date | None] = []
    bad: list[bool] = []
    cache: dict[Any, dt.date | None] = {}
    for value in series.tolist():
        if _is_null(value):
            values.append(None)
            bad.append(False)
            continue
        try:
            parsed = cache[value]
        except KeyError:
            parsed = cache[value] = _as_date(value)
        except TypeError:  # unhashable
            parsed = _as_date(value)
        values.append(parsed)
        bad.append(parsed is None)
    return pd.Series(values, dtype=object), pd.Series(bad, dtype=bool)


def _normalise_numbers(series: pd.Series, integral: bool) -> tuple[pd.Series, pd.Series]:
    """Numbers as float64 (NaN for null) so GX compares them vectorised."""
    plain = series.reset_index(drop=True)
    if pd.api.types.is_bool_dtype(plain.dtype):
        numbers = pd.Series(float("nan"), index=plain.index)
    else:
        numbers = pd.to_numeric(plain, errors="coerce")
        if not pd.api.types.is_numeric_dtype(numbers.dtype) or pd.api.types.is_bool_dtype(numbers.dtype):
            numbers = pd.Series(float("nan"), index=plain.index)
        numbers = numbers.astype("float64")
    bad = plain.notna() & numbers.isna()
    if integral:
        bad |= numbers.notna() & ((numbers % 1) != 0)
    return numbers, bad.astype(bool)


def _blank_to_null(series: pd.Series) -> pd.Series:
    """Empty or whitespace-only ids count as missing."""
    values = [None if _is_null(v) or (isinstance(v, str) and not v.strip()) else v for v in series.tolist()]
    return pd.Series(values, dtype=object)


def _display(value: Any) -> str:
    """A value as a reason shows it: short, null spelled out, whole floats as ints."""
    if _is_null(value):
        return "null"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _json_value(value: Any) -> Any:
    """A cell as JSON: dates ISO, NaN/NaT null, numpy scalars as Python."""
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        try:
            return _json_value(value.tolist())
        except (TypeError, ValueError):
            pass
    if _is_null(value):
        return None
    if isinstance(value, float) and math.isinf(value):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "item"):
        try:
            return _json_value(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


def _row_json(record: Mapping[str, Any]) -> str:
    return json.dumps({str(k): _json_value(v) for k, v in record.items()}, ensure_ascii=False)


# --------------------------------------------------------------------------- GX frames


@dataclass
class _ArticleFacts:
    """What child rows need from their article, keyed by article_id."""

    bodies: dict[Any, str | None]
    published: dict[Any, dt.date | None]
    source_paths: dict[Any, str | None]


def _article_facts(articles: pd.DataFrame | None) -> _ArticleFacts:
    facts = _ArticleFacts({}, {}, {})
    if articles is None or "article_id" not in articles.columns:
        return facts
    ids = articles["article_id"].tolist()
    bodies = articles["body"].tolist() if "body" in articles.columns else [None] * len(ids)
    published = (
        _normalise_dates(articles["published_at"])[0].tolist()
        if "published_at" in articles.columns
        else [None] * len(ids)
    )
    paths = articles["source_path"].tolist() if "source_path" in articles.columns else [None] * len(ids)
    for aid, body, pub, path in zip(ids, bodies, published, paths, strict=True):
        if _is_null(aid) or aid in facts.bodies:
            continue  # first row wins; duplicates are rejected by the articles suite
        facts.bodies[aid] = body if isinstance(body, str) else None
        facts.published[aid] = pub
        facts.source_paths[aid] = None if _is_null(path) else str(path)
    return facts


def _span_matches(
    bodies: Mapping[Any, str | None], article_ids: list[Any], starts: list[Any], ends: list[Any], texts: list[Any]
) -> list[bool | None]:
    """body[start:end] == text per row; None when one side is unknown."""
    out: list[bool | None] = []
    for aid, start, end, text in zip(article_ids, starts, ends, texts, strict=True):
        body = bodies.get(aid) if not _is_null(aid) else None
        if body is None or _is_null(start) or _is_null(end) or not isinstance(text, str):
            out.append(None)
            continue
        try:
            out.append(body[int(start) : int(end)] == text)
        except (TypeError, ValueError, OverflowError):  # not an offset: the type check reports it
            out.append(None)
    return out


def _col(cols: Mapping[str, pd.Series], name: str, n: int) -> list[Any]:
    """A column's values as a list, or n nulls when the frame lacks it."""
    return cols[name].tolist() if name in cols else [None] * n


def _gx_frame(
    table: str,
    frame: pd.DataFrame,
    spec: Mapping[str, Any],
    facts: _ArticleFacts,
    event_counts: Mapping[Any, int] | None,
    known_actor_ids: set[str],
) -> pd.DataFrame:
    """The frame GX sees: referenced columns normalised to comparable types, plus dq_* helpers."""
    n = len(frame)
    cols: dict[str, pd.Series] = {}
    for name in frame.columns:
        cols[name] = frame[name].reset_index(drop=True)
    type_errors: list[list[str]] = [[] for _ in range(n)]

    for name in ID_COLUMNS[table]:
        if name in cols:
            cols[name] = _blank_to_null(cols[name])
    for name in DATE_COLUMNS[table]:
        if name in cols:
            original = cols[name]
            cols[name], bad = _normalise_dates(original)
            for pos in bad[bad].index:
                type_errors[pos].append(f"{name}={_display(original.iat[pos])!r} is not a date")
    for name, integral in NUMBER_COLUMNS[table]:
        if name in cols:
            original = cols[name]
            cols[name], bad = _normalise_numbers(original, integral)
            kind = "a whole number" if integral else "a number"
            for pos in bad[bad].index:
                type_errors[pos].append(f"{name}={_display(original.iat[pos])!r} is not {kind}")
    cols["dq_type_errors"] = pd.Series(["; ".join(e) if e else None for e in type_errors], dtype=object)

    article_ids = _col(cols, "article_id", n)
    if table == "articles":
        bodies = _col(cols, "body", n)
        words = [len(b.split()) if isinstance(b, str) else None for b in bodies]
        cols["dq_word_count"] = pd.Series(words, dtype="float64")
        if event_counts is None:  # no event_mentions frame given: cannot judge
            cols["dq_event_count"] = pd.Series([float("nan")] * n, dtype="float64")
        else:
            counts = [float(event_counts.get(a, 0)) if not _is_null(a) else float("nan") for a in article_ids]
            cols["dq_event_count"] = pd.Series(counts, dtype="float64")
    if table in CHILD_TABLES:
        in_batch = [(not _is_null(a)) and a in facts.bodies for a in article_ids]
        cols["dq_article_in_batch"] = pd.Series(in_batch, dtype=bool)
        bodies_of = [None if _is_null(a) else facts.bodies.get(a) for a in article_ids]
        lengths = [None if b is None else float(len(b)) for b in bodies_of]
        cols["dq_body_chars"] = pd.Series(lengths, dtype="float64")
    def text_matches_body(start: str, end: str, text: str) -> pd.Series:
        spans = _span_matches(facts.bodies, article_ids, _col(cols, start, n), _col(cols, end, n), _col(cols, text, n))
        return pd.Series(spans, dtype=object)

    if table == "time_expressions":
        cols["dq_text_matches_body"] = text_matches_body("start_char", "end_char", "text")
    if table == "event_mentions":
        cols["dq_published_at"] = pd.Series(
            [facts.published.get(a) if not _is_null(a) else None for a in article_ids], dtype=object
        )
        for role in ("source", "target"):
            ids = _col(cols, f"{role}_actor_id", n)
            known = [None if _is_null(a) else a in known_actor_ids for a in ids]
            cols[f"dq_{role}_actor_known"] = pd.Series(known, dtype=object)
        cols["dq_trigger_text_matches_body"] = text_matches_body("trigger_start", "trigger_end", "trigger_text")

    wanted = [c for c in _referenced_columns(spec) if c in cols]
    return pd.DataFrame({c: cols[c] for c in wanted}, index=pd.RangeIndex(n))


# --------------------------------------------------------------------------- GX results


def _exception_message(result: Any) -> str | None:
    """The exception GX caught while evaluating an expectation, if any."""
    info = result.exception_info or {}
    if "raised_exception" in info:
        return str(info.get("exception_message")) if info.get("raised_exception") else None
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message"))
    return None


def _trim_result(result: Any) -> None:
    """Drop the full unexpected lists once rows are quarantined (they can hold 100k items)."""
    for key in ("unexpected_list", "unexpected_index_list", "unexpected_index_query", "unexpected_rows"):
        result.result.pop(key, None)
    for key in ("partial_unexpected_list", "partial_unexpected_index_list", "partial_unexpected_counts"):
        if isinstance(result.result.get(key), list):
            result.result[key] = result.result[key][:_PARTIAL]


def _details(exp_type: str, kwargs: Mapping[str, Any], result: Any, error: str | None) -> dict[str, Any]:
    shown = {k: v for k, v in kwargs.items() if k != "batch_id"}
    if isinstance(shown.get("value_set"), (list, set, tuple)) and len(shown["value_set"]) > 50:
        values = sorted(map(str, shown["value_set"]))
        shown["value_set"] = [*values[:50], f"... {len(values) - 50} more"]
    details: dict[str, Any] = {"type": exp_type, "kwargs": _json_value(shown)}
    if result is not None:
        res = result.result
        details["unexpected_percent"] = _json_value(res.get("unexpected_percent"))
        details["partial_unexpected_list"] = _json_value((res.get("partial_unexpected_list") or [])[:_PARTIAL])
        if res.get("missing_count") is not None:
            details["missing_count"] = _json_value(res.get("missing_count"))
    if error:
        details["exception"] = error
    return details


@dataclass
class _TableCheck:
    outcomes: list[ExpectationOutcome]
    failures: dict[int, list[tuple[str, str]]]  # position -> [(expectation, reason)]
    gx_result: Any


def _run_suite(
    context: Any,
    table: str,
    gx_frame: pd.DataFrame,
    display_frame: pd.DataFrame,
    spec: Mapping[str, Any],
    parameters: Mapping[str, Any],
) -> _TableCheck:
    suite = _build_suite(spec)
    asset = context.data_sources.get("dateline").add_dataframe_asset(name=table)
    batch = asset.add_batch_definition_whole_dataframe("all_rows").get_batch(batch_parameters={"dataframe": gx_frame})
    gx_result = batch.validate(
        suite, result_format={"result_format": "COMPLETE"}, expectation_parameters=dict(parameters)
    )
    by_name = {r.expectation_config.meta.get("name"): r for r in gx_result.results}
    outcomes: list[ExpectationOutcome] = []
    failures: dict[int, list[tuple[str, str]]] = {}
    n = len(gx_frame)
    for exp in spec["expectations"]:
        meta = exp["meta"]
        name, severity = meta["name"], meta["severity"]
        result = by_name.get(name)
        error = _exception_message(result) if result is not None else "GX returned no result"
        res = result.result if result is not None else {}
        success = bool(result.success) if result is not None and not error else False
        unexpected = res.get("unexpected_count")
        element = res.get("element_count")
        outcomes.append(
            ExpectationOutcome(
                table_name=table,
                expectation=name,
                severity=severity,
                success=success,
                unexpected_count=int(unexpected) if unexpected is not None else None,
                element_count=int(element) if element is not None else n,
                details=_details(
                    exp["type"], result.expectation_config.kwargs if result else exp["kwargs"], result, error
                ),
            )
        )
        if success:
            continue
        if error:  # could not evaluate: nothing of this table was checked, so nothing passes
            positions: list[int] = list(range(n))
            template = f"could not check {name}: {error}"
        else:
            positions = [int(i) for i in res.get("unexpected_index_list") or []]
            template = meta.get("reason") or name
            key = KEY_COLUMN[table]
            if key in display_frame.columns and positions:  # which rows, for warnings above all
                outcomes[-1].details["unexpected_ids"] = [
                    _json_value(v) for v in display_frame[key].iloc[positions[:_PARTIAL]].tolist()
                ]
        if severity != "critical":
            continue
        for pos in positions:
            failures.setdefault(pos, []).append((name, template))
    # Reasons are formatted only for failing rows, from original values overlaid on helpers.
    reasons: dict[int, list[tuple[str, str]]] = {}
    if failures:
        positions = sorted(failures)
        helper = gx_frame.iloc[positions].to_dict("records")
        original = display_frame.iloc[positions].to_dict("records")
        for pos, hrow, orow in zip(positions, helper, original, strict=True):
            values = _Values({k: _display(v) for k, v in hrow.items()})
            values.update({k: _display(v) for k, v in orow.items()})
            values.update({k: _display(v) for k, v in parameters.items() if not isinstance(v, list)})
            formatted = []
            for name, template in failures[pos]:
                try:
                    formatted.append((name, template.format_map(values)))
                except (ValueError, IndexError, AttributeError):
                    formatted.append((name, template))
            reasons[pos] = formatted
    for result in gx_result.results:
        _trim_result(result)
    return _TableCheck(outcomes, reasons, gx_result)


def _ephemeral_context() -> Any:
    gx = _gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.data_sources.add_pandas(name="dateline")
    return context


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
            cascaded = 0
            for pos, aid in enumerate(article_ids):
                if not _is_null(aid) and aid in rejected_articles:
                    cascaded += 1
                    reason = f"parent article rejected: {rejected_articles[aid]}"
                    failures.setdefault(pos, []).insert(0, (PARENT_CHECK, reason))
            report.outcomes.append(
                ExpectationOutcome(
                    table_name=table,
                    expectation=PARENT_CHECK,
                    severity="critical",
                    success=cascaded == 0,
                    unexpected_count=cascaded,
                    element_count=len(frame),
                    details={"type": "dateline", "note": "rows of a rejected article are quarantined with it"},
                )
            )

        keep = [pos for pos in range(len(frame)) if pos not in failures]
        report.valid[table] = frame.iloc[keep]
        if failures:
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
                report.rejects.append(
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


# --------------------------------------------------------------------------- Data Docs


def build_data_docs(
    report: ValidationReport | Sequence[ValidationReport],
    run_id: str,
    out_dir: Path,
    *,
    gx_dir: Path | None = None,
    keep_runs: int = 50,
) -> Path:
    """Render this run's validation results as GX Data Docs in `out_dir`; return its index.html.

    A run validated batch by batch may pass all its reports: they are merged into one page
    per table. Results are kept in a file-backed GX project (`gx_dir`, default
    `<out_dir>/../gx`) so the index lists earlier runs too; the newest `keep_runs` are kept.
    """
    if not isinstance(report, ValidationReport):
        report = merge_reports(list(report)) if report else ValidationReport({}, [], [])
    gx = _gx()
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    out_dir = Path(out_dir).resolve()
    gx_dir = Path(gx_dir).resolve() if gx_dir is not None else out_dir.parent / "gx"
    out_dir.mkdir(parents=True, exist_ok=True)
    gx_dir.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(gx_dir))
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.variables.analytics_enabled = False
    site_config: Any = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(out_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    sites = context.list_data_docs_sites()
    for name in list(sites):
        if name != _DOCS_SITE:
            context.delete_data_docs_site(name)
    if _DOCS_SITE in sites:
        if sites[_DOCS_SITE] != site_config:
            context.update_data_docs_site(_DOCS_SITE, site_config)
    else:
        context.add_data_docs_site(_DOCS_SITE, site_config)

    run = RunIdentifier(run_name=run_id, run_time=dt.datetime.now(dt.UTC))
    resources: list[Any] = []
    for table, result in report.gx_results.items():
        spec = load_suite_spec(table)
        context.suites.add_or_update(_build_suite(spec))
        suite_key = ExpectationSuiteIdentifier(name=spec["name"])
        key = ValidationResultIdentifier(expectation_suite_identifier=suite_key, run_id=run, batch_identifier=table)
        result.meta["run_id"] = run
        result.meta["validation_time"] = run.run_time
        context.validation_results_store.set(key, result)
        resources += [key, suite_key]
    _prune_runs(context, out_dir, keep_runs)
    context.build_data_docs(site_names=[_DOCS_SITE], resource_identifiers=resources or None)
    return out_dir / "index.html"


def _prune_runs(context: Any, out_dir: Path, keep_runs: int) -> None:
    """Forget validation results of all but the newest `keep_runs` runs (store and HTML)."""
    store = context.validation_results_store
    keys = list(store.list_keys())
    runs = sorted({(str(k.run_id.run_time), str(k.run_id.run_name)) for k in keys}, reverse=True)
    old = set(runs[keep_runs:])
    for key in keys:
        if (str(key.run_id.run_time), str(key.run_id.run_name)) in old:
            store.remove_key(key)
            page_dir = out_dir.joinpath("validations", *map(str, key.to_tuple()[:-1]))
            shutil.rmtree(page_dir, ignore_errors=True)


def merge_reports(reports: Sequence[ValidationReport]) -> ValidationReport:
    """One report for a run validated batch by batch: frames and rejects concatenated,
    outcomes and GX results summed per expectation (so Data Docs show one page per table)."""
    if len(reports) == 1:
        return reports[0]
    valid: dict[str, pd.DataFrame] = {}
    for table in dict.fromkeys(t for r in reports for t in r.valid):
        parts = [r.valid[table] for r in reports if table in r.valid]
        valid[table] = pd.concat(parts) if len(parts) > 1 else parts[0]
    outcomes: dict[tuple[str, str], ExpectationOutcome] = {}
    for r in reports:
        for o in r.outcomes:
            key = (o.table_name, o.expectation)
            have = outcomes.get(key)
            if have is None:
                outcomes[key] = ExpectationOutcome(**{**o.__dict__, "details": dict(o.details)})
                continue
            have.success = have.success and o.success
            have.unexpected_count = _add(have.unexpected_count, o.unexpected_count)
            have.element_count = _add(have.element_count, o.element_count)
            if not o.success:
                for list_key in ("partial_unexpected_list", "unexpected_ids"):
                    seen = have.details.get(list_key) or []
                    more = o.details.get(list_key) or []
                    if seen or more:
                        have.details[list_key] = [*seen, *more][:_PARTIAL]
                if "exception" in o.details:
                    have.details.setdefault("exception", o.details["exception"])
    gx_results: dict[str, Any] = {}
    for table in dict.fromkeys(t for r in reports for t in r.gx_results):
        gx_results[table] = _merge_gx_results([r.gx_results[table] for r in reports if table in r.gx_results])
    return ValidationReport(
        valid=valid,
        rejects=[rej for r in reports for rej in r.rejects],
        outcomes=list(outcomes.values()),
        gx_results=gx_results,
    )


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None and b is None else (a or 0) + (b or 0)


def _merge_gx_results(results: list[Any]) -> Any:
    """Sum one suite's GX results over batches, expectation by expectation."""
    merged = copy.deepcopy(results[0])
    if len(results) == 1:
        return merged
    by_name = {r.expectation_config.meta.get("name"): r for r in merged.results}
    for other in results[1:]:
        for res in other.results:
            mine = by_name.get(res.expectation_config.meta.get("name"))
            if mine is None:
                continue
            mine.success = bool(mine.success and res.success)
            if res.exception_info and _exception_message(res) and not _exception_message(mine):
                mine.exception_info = res.exception_info
            a, b = mine.result, res.result
            for key in ("element_count", "unexpected_count", "missing_count"):
                if key in a or key in b:
                    a[key] = (a.get(key) or 0) + (b.get(key) or 0)
            for key in ("partial_unexpected_list", "partial_unexpected_index_list"):
                if key in a or key in b:
                    a[key] = [*(a.get(key) or []), *(b.get(key) or [])][:_PARTIAL]
            if "partial_unexpected_counts" in a or "partial_unexpected_counts" in b:
                counts: dict[str, list[Any]] = {}
                for item in [*(a.get("partial_unexpected_counts") or []), *(b.get("partial_unexpected_counts") or [])]:
                    slot = counts.setdefault(repr(item.get("value")), [item.get("value"), 0])
                    slot[1] += item.get("count") or 0
                ranked = sorted(counts.values(), key=lambda vc: -vc[1])[:_PARTIAL]
                a["partial_unexpected_counts"] = [{"value": v, "count": c} for v, c in ranked]
            if a.get("element_count"):
                total, missing, bad = a["element_count"], a.get("missing_count") or 0, a.get("unexpected_count") or 0
                a["unexpected_percent_total"] = 100.0 * bad / total
                a["unexpected_percent_nonmissing"] = 100.0 * bad / (total - missing) if total > missing else None
                a["unexpected_percent"] = a["unexpected_percent_nonmissing"]
                if "missing_percent" in a:
                    a["missing_percent"] = 100.0 * missing / total
    evaluated = len(merged.results)
    passed = sum(1 for r in merged.results if r.success)
    merged.success = passed == evaluated
    merged.statistics.update(
        {
            "evaluated_expectations": evaluated,
            "successful_expectations": passed,
            "unsuccessful_expectations": evaluated - passed,
            "success_percent": 100.0 * passed / evaluated if evaluated else None,
        }
    )
    return merged


def summarise(outcomes: Iterable[ExpectationOutcome]) -> str:
    """One line per failed expectation, for logs and the run message."""
    lines = [
        f"{o.severity.upper():8} {o.table_name}.{o.expectation}: {o.unexpected_count} of {o.element_count}"
        for o in outcomes
        if not o.success
    ]
    return "\n".join(lines) or "all expectations passed"
