"""The run itself: lock, plan, run the batch loop, Data Docs, merge, export; a failed run is recorded.

Why: this is the one place where the order of the stages is written down; a failed run is
recorded and never loses warehouse data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pipeline
from pipeline import __version__, curation, runlock, warehouse
from pipeline.runner.batches import RunLoop
from pipeline.runner.guards import check_paths
from pipeline.runner.plan import force_reextraction, known_state, refuse_mass_gone
from pipeline.runner.pools import shutdown_pool
from pipeline.runner.steps import Steps
from pipeline.runner.summary import RunSummary, new_run_id
from pipeline.settings import Settings
from pipeline.util import pause_point
from pipeline.warehouse import RunRecord, Staging

if TYPE_CHECKING:
    import duckdb


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
        dateline_version=f"{__version__} (extractor {pipeline.EXTRACTOR_VERSION})",
    )
    now = dt.datetime.now()
    try:
        refuse_mass_gone(settings, known)  # before any extraction
        vocabularies = curation.state_of(settings)
        forced = force_reextraction(known, curation.stale_articles(settings, vocabularies))
        staging.append_rows("vocabularies", [vocabularies.row(run_id)])
        loop = RunLoop(settings, steps, run_id, known, forced, staging, summary, now)
        loop.extract_and_validate(on_progress)
        if settings.build_data_docs and loop.reports:
            from pipeline import validate

            docs = validate.build_data_docs(loop.reports, run_id, settings.data_docs_dir)
            summary.data_docs_path = docs
            record.data_docs_path = str(docs)
        summary.copy_counts_to(record)
        merge = steps.merge or merge_staging
        staging.close()
        pause_point("staged")  # lock tests start a second run here, with this run's staging on disk
        stats = merge(settings, staging.path, record, loop.seen)
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
