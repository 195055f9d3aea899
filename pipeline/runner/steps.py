"""The replaceable steps of a run (extract many, validate, merge) and the batch validation step.

Why: `flows/` passes Prefect-task versions of the steps through `Steps`, so the run loop
stays plain Python and the stage order is written down once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from pipeline import warehouse
from pipeline.models import Article, Reject
from pipeline.runner.extract import BatchRows
from pipeline.runner.pools import extract_default
from pipeline.settings import Settings


@dataclass
class BatchValidation:
    """The data-quality gate's verdict on a batch of rows."""

    valid: BatchRows
    rejects: list[Reject]
    outcomes: list[dict[str, Any]]
    report: Any  # validate.ValidationReport, kept for Data Docs


def validate_batch(rows: BatchRows, settings: Settings, known_actor_ids: set[str], run_id: str) -> BatchValidation:
    """Run the data-quality gate on a batch: valid rows, quarantined rejects, validation rows."""
    from pipeline import validate
    from pipeline.events import EventTypeVocabulary

    tables = {t: warehouse.frame(t, rows.get(t, [])) for t in ("articles", "time_expressions", "event_mentions", "actors")}
    event_types = set(EventTypeVocabulary.load(settings.event_types_file).types)
    report = validate.validate_tables(tables, event_types=event_types, known_actor_ids=known_actor_ids)
    valid: BatchRows = {t: df.to_dict("records") for t, df in report.valid.items()}
    report.valid = {}  # the report is kept for Data Docs until the run ends: drop its row copies
    kept_actors = {r["actor_id"] for r in valid.get("actors", [])} | known_actor_ids
    aliases = {(r["actor_id"], r["alias"]) for r in rows.get("actor_aliases", []) if r["actor_id"] in kept_actors}
    valid["actor_aliases"] = [{"actor_id": a, "alias": al} for a, al in sorted(aliases)]
    outcomes = [
        {
            "run_id": run_id,
            "table_name": o.table_name,
            "expectation": o.expectation,
            "severity": o.severity,
            "success": o.success,
            "unexpected_count": o.unexpected_count,
            "element_count": o.element_count,
            "details_json": _json(o.details),
        }
        for o in report.outcomes
    ]
    return BatchValidation(valid, report.rejects, outcomes, report)


def _json(obj: Any) -> str:
    import json

    return json.dumps(obj, default=str, ensure_ascii=False)


@dataclass
class Steps:
    """The replaceable parts of a run; flows pass Prefect-task versions of them."""

    extract_many: Callable[[Iterable[list[Article]], Settings, str], Iterator[BatchRows]] = extract_default
    validate: Callable[..., BatchValidation] = validate_batch
    merge: Callable[..., warehouse.MergeStats] | None = None


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
