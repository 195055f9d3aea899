"""Expectation suites: the JSON specs in `schemas/expectations/`, GX itself, and its context.

Why: analysts review the suites as JSON, not Python; GX is imported lazily (about 2.5 s),
and an ephemeral context keeps a run from leaving GX state on disk.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import ModuleType
from pipeline.validate.records import _ROW_LEVEL, SEVERITIES, SUITES_DIR

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


def _ephemeral_context() -> Any:
    gx = _gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.data_sources.add_pandas(name="dateline")
    return context
