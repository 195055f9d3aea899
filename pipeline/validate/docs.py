"""Data Docs, merging reports of several batches, and the one-line summary.

Why: a run validates in batches but an analyst reads one report per run; Data Docs keep
the last runs only.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.validate.expectations import _exception_message
from pipeline.validate.records import _DOCS_SITE, _PARTIAL, ExpectationOutcome, ValidationReport
from pipeline.validate.suites import _build_suite, _gx, load_suite_spec

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
