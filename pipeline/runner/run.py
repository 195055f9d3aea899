"""The run itself: lock, scan, extract, validate, stage, merge, export, and the run summary.

Why: this is the one place where the order of the stages is written down; a failed run is
recorded and never loses warehouse data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import EXTRACTOR_VERSION, __version__, curation, runlock, warehouse
from pipeline.models import Article, Reject
from pipeline.settings import Settings
from pipeline.util import pause_point
from pipeline.warehouse import RunCounts, RunRecord, Staging

if TYPE_CHECKING:
    import duckdb
from pipeline.runner.extract import FAILED, BatchRows, failure_rows
from pipeline.runner.guards import check_paths
from pipeline.runner.plan import _unique, force_reextraction, known_state, reextracted, refuse_mass_gone, scan
from pipeline.runner.pools import shutdown_pool
from pipeline.runner.steps import Steps


@dataclass(kw_only=True)
class RunSummary(RunCounts):
    """What a run did, for the CLI summary and tests."""

    run_id: str
    warehouse_path: Path
    rejects: list[Reject] = field(default_factory=list)
    data_docs_path: Path | None = None
    export_dir: Path | None = None
    export_error: str | None = None  # the merge landed but the Parquet export failed (repaired next run)
    validation_failures: int = 0
    # unchanged articles whose extraction failed in an earlier run with this extractor (not
    # re-attempted; their rejects are in the warehouse)
    articles_still_failing: int = 0

    @property
    def nothing_new(self) -> bool:
        return not (self.articles_new or self.articles_changed or self.articles_gone or self.articles_reextracted)


def new_run_id() -> str:
    return dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


def run_pipeline(
    settings: Settings,
    steps: Steps | None = None,
    on_progress: Callable[[int, int | None], None] | None = None,
) -> RunSummary:
    """Run the whole pipeline once over `settings.corpus_dir` into `settings.warehouse_path`.

    The paths are checked first (check_paths); the run then holds the warehouse's run lock
    from before it reads the warehouse until its export is written, so a second run waits
    (up to `lock_timeout_s`) instead of removing this run's staging (runlock.RunLocked).
    """
    check_paths(settings)
    with runlock.run_lock(settings.warehouse_path, settings.lock_timeout_s):
        return _locked_run(settings, steps, on_progress)


def _locked_run(
    settings: Settings,
    steps: Steps | None,
    on_progress: Callable[[int, int | None], None] | None,
) -> RunSummary:
    """The run itself; the caller holds the run lock, so other staging files are stale."""
    steps = steps or Steps()
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id, warehouse_path=settings.warehouse_path)
    if not settings.corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {settings.corpus_dir} does not exist: create it or pass --corpus DIR")
    known = known_state(settings)
    warehouse.clean_stale_staging(settings.warehouse_path)
    staging = Staging(settings.warehouse_path, run_id)
    record = RunRecord(
        run_id=run_id,
        started_at=dt.datetime.now(),
        corpus_dir=str(settings.corpus_dir),
        spacy_model=settings.spacy_model,
        dateline_version=f"{__version__} (extractor {EXTRACTOR_VERSION})",
    )
    seen: list[str] = []
    actor_ids = set(known.actor_ids)
    now = dt.datetime.now()
    try:
        refuse_mass_gone(settings, known)  # before any extraction
        vocabularies = curation.state_of(settings)
        forced = force_reextraction(known, curation.stale_articles(settings, vocabularies))
        staging.append_rows("vocabularies", [vocabularies.row(run_id)])
        path_buffer: list[dict[str, Any]] = []

        def batches() -> Iterator[list[Article]]:
            pending: list[Article] = []
            for outcome, path_rows, seen_paths in scan(settings, known, run_id):
                seen.extend(seen_paths)
                summary.files_seen += 1
                if outcome.status == "rejected":
                    if outcome.reject is not None:
                        summary.rejects.append(outcome.reject)
                        staging.append_rows("rejects", [warehouse.reject_row(outcome.reject, run_id, now)])
                    summary.articles_rejected += 1
                    continue
                path_buffer.extend(path_rows)
                if len(path_buffer) >= 5000:  # unchanged files add rows too: append them in bulk
                    staging.append_rows("article_paths", path_buffer)
                    path_buffer.clear()
                again = reextracted(outcome, forced)
                if again is not None:  # an unchanged file the vocabularies' edit affects
                    summary.articles_reextracted += len(again)
                    summary.articles_unchanged += 0 if again else 1
                    pending.extend(_unique(again, pending))
                    if len(pending) >= settings.batch_size:
                        yield pending
                        pending = []
                    continue
                if outcome.status == "unchanged":
                    summary.articles_unchanged += 1
                    summary.articles_still_failing += sum(r["article_id"] in known.failed for r in path_rows)
                    continue
                if outcome.status == "new":
                    summary.articles_new += len(outcome.articles)
                else:
                    summary.articles_changed += len(outcome.articles)
                pending.extend(_unique(outcome.articles, pending))
                if len(pending) >= settings.batch_size:
                    yield pending
                    pending = []
            if pending:
                yield pending
            staging.append_rows("article_paths", path_buffer)
            path_buffer.clear()

        def stage_failures(failures: list[dict[str, Any]]) -> int:
            """Stage the rejects of articles whose extraction failed, and remember them."""
            rejects, memory = failure_rows(failures, run_id, now)
            staging.append_rows("rejects", [warehouse.reject_row(r, run_id, now) for r in rejects])
            staging.append_rows("extraction_failures", memory)
            summary.rejects.extend(rejects)
            summary.articles_rejected += len(rejects)
            return len(rejects)

        done = 0
        reports: list[Any] = []
        buffered: BatchRows = {}

        def gate(rows: BatchRows) -> None:
            """Validate buffered rows and stage what passes."""
            nonlocal actor_ids
            checked = steps.validate(rows, settings, actor_ids, run_id)
            actor_ids |= {r["actor_id"] for r in checked.valid.get("actors", [])}
            for table, table_rows in checked.valid.items():
                staging.append_rows(table, table_rows)
            staging.append_rows("rejects", [warehouse.reject_row(r, run_id, now) for r in checked.rejects])
            staging.append_rows("validations", checked.outcomes)
            reports.append(checked.report)
            summary.rejects.extend(checked.rejects)
            summary.rows_rejected += len(checked.rejects)
            summary.validation_failures += sum(1 for o in checked.outcomes if not o["success"] and o["severity"] == "critical")
            summary.events_extracted += len(checked.valid.get("event_mentions", []))

        # GX has a fixed cost per call: validate several extraction batches at once.
        for rows in steps.extract_many(batches(), settings, run_id):
            done += stage_failures(rows.pop(FAILED, []))
            for table, table_rows in rows.items():
                buffered.setdefault(table, []).extend(table_rows)
            done += len(rows.get("articles", []))
            if len(buffered.get("articles", [])) >= settings.validate_batch_size:
                gate(buffered)
                buffered = {}
            if on_progress:
                on_progress(done, None)
        shutdown_pool()  # extraction is over: the workers' memory is not needed for the merge
        if buffered.get("articles"):
            gate(buffered)
        if settings.build_data_docs and reports:
            from pipeline import validate

            docs = validate.build_data_docs(reports, run_id, settings.data_docs_dir)
            summary.data_docs_path = docs
            record.data_docs_path = str(docs)
        summary.copy_counts_to(record)
        merge = steps.merge or merge_staging
        staging.close()
        pause_point("staged")  # lock tests start a second run here, with this run's staging on disk
        stats = merge(settings, staging.path, record, seen)
        summary.rows_upserted = stats.rows_upserted
        summary.articles_gone = stats.articles_gone
        summary.export_error = stats.export_error
    except BaseException as exc:
        staging.discard()
        _record_failure(settings, record, exc)
        raise
    finally:
        shutdown_pool()
    staging.discard()
    summary.export_dir = settings.export_dir if settings.export_parquet else None
    return summary


def merge_staging(settings: Settings, staging_path: Path, record: RunRecord, seen: list[str]) -> warehouse.MergeStats:
    """The single writer: merge in one transaction, then bring the Parquet export up to date."""
    with warehouse.open_warehouse(
        settings.warehouse_path, timeout_s=settings.lock_timeout_s, storage_version=settings.storage_version
    ) as con:
        warehouse.limit_memory(con, settings.merge_memory_limit)
        previous = warehouse.latest_run_id(con)
        stats = warehouse.merge_run(con, staging_path, record, seen, allow_gone=settings.allow_gone)
        if settings.export_parquet:
            changed = bool(stats.rows_upserted or stats.articles_gone or stats.events_changed)
            stats.export_error = export_after_merge(con, settings.export_dir, record.run_id, previous, changed)
    return stats


def export_after_merge(con: duckdb.DuckDBPyConnection, export_dir: Path, run_id: str, previous: str | None, changed: bool) -> str | None:
    """Rewrite the export when this run changed data or the export does not reflect the
    previous run (missing, half-written, or a failed export of an earlier run); otherwise only
    stamp it with this run. The merge has committed: a failed export is noted on the run's
    row (still 'succeeded': its rows landed) and returned, and the next run repairs it."""
    try:
        if changed or not warehouse.export_current(export_dir, previous):
            warehouse.export_parquet(con, export_dir, run_id)
        else:
            warehouse.stamp_export(export_dir, run_id)
    except Exception as exc:
        message = f"export failed: {type(exc).__name__}: {' '.join(str(exc).split())[:500]}"
        with contextlib.suppress(Exception):  # the same full disk may refuse the note: the summary still says it
            warehouse.note_run(con, run_id, f"{message}; the next run rewrites the export")
        return message
    return None


def _record_failure(settings: Settings, record: RunRecord, exc: BaseException) -> None:
    """Leave a `failed` row in `runs` when possible; never mask the original error."""
    if isinstance(exc, (KeyboardInterrupt, warehouse.WarehouseLocked, warehouse.WarehouseTooNew, warehouse.ForeignDatabase)):
        return
    try:
        with warehouse.open_warehouse(settings.warehouse_path, timeout_s=5.0, storage_version=settings.storage_version) as con:
            warehouse.record_failed_run(con, record, f"{type(exc).__name__}: {exc}")
    except Exception:
        pass
