"""Running one table's suite and turning GX results into outcomes and reject reasons.

Why: GX results are large and nested; the gate needs, per expectation, success, counts,
a short list of unexpected values, and the failing row indices for quarantine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipeline.validate.records import _PARTIAL, KEY_COLUMN, ExpectationOutcome
from pipeline.validate.suites import _build_suite
from pipeline.validate.values import _display, _json_value, _Values

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
    reasons = _reasons(failures, gx_frame, display_frame, parameters)
    for result in gx_result.results:
        _trim_result(result)
    return _TableCheck(outcomes, reasons, gx_result)


def _reasons(
    failures: dict[int, list[tuple[str, str]]],
    gx_frame: pd.DataFrame,
    display_frame: pd.DataFrame,
    parameters: Mapping[str, Any],
) -> dict[int, list[tuple[str, str]]]:
    """Reason templates filled in, only for failing rows, from original values overlaid on helpers."""
    reasons: dict[int, list[tuple[str, str]]] = {}
    if not failures:
        return reasons
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
    return reasons
