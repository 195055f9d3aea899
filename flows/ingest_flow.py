"""The ingest flow: the pipeline's steps as Prefect tasks.

Extraction batches are tasks (cached by the content hashes of their articles, run on Dask
when asked); the merge is the single writer task (the run lock and DuckDB's file lock keep
writers apart; with `writer_tag` set it is also tagged for a Prefect concurrency limit of one),
never cached and not retried by Prefect: the one failure a retry can fix, a lock held by
another process, is already waited out inside the task (`lock_timeout_s`, with backoff), and
retrying anything else (a full disk, a refused merge) only multiplied the wait and replaced the
first cause with a later one.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext
from prefect.utilities.annotations import quote

from pipeline import EXTRACTOR_VERSION, runner
from pipeline.models import Article
from pipeline.settings import Settings, load_settings
from pipeline.warehouse import MergeStats, RunRecord

T = TypeVar("T")


def _code_hash(root: Path | None = None, schemas: Path | None = None) -> str:
    """The extraction code and its rule files, so an edited rule never returns a stale cached
    result: every module of `pipeline/` (packages included: `events/`, `actors/`, `timex/`)
    and every YAML rule file of `schemas/`."""
    import pipeline
    from pipeline.settings import SCHEMAS_DIR

    root = root or Path(pipeline.__file__).parent
    schemas = schemas or SCHEMAS_DIR
    files = sorted(root.rglob("*.py")) + sorted(schemas.rglob("*.yaml"))
    h = hashlib.sha256()
    for path in files:
        h.update(str(path.relative_to(path.parent.parent)).encode())
        h.update(_file_hash(path).encode())
    return h.hexdigest()


def _content_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Cache extraction by what it depends on: article contents, extractor code, model, vocabularies."""
    from pipeline import curation

    settings: Settings = parameters["settings"]
    h = hashlib.sha256()
    # the vocabularies' hash covers the actor dictionary, the curation file and the event types
    for part in (EXTRACTOR_VERSION, settings.spacy_model, curation.state_of(settings).hash, _code_hash()):
        h.update(part.encode())
    for article in parameters["articles"]:  # already unquoted: Prefect resolves before keying
        h.update(article.content_sha256.encode())
        h.update(str(article.published_at).encode())
        h.update(article.article_id.encode())
    return "extract-" + h.hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


@task(name="extract-batch", cache_key_fn=_content_key, persist_result=True, retries=1)
def extract_task(articles: list[Article], settings: Settings, run_id: str, here: bool = False) -> runner.BatchRows:
    """spaCy + rules over one batch of articles: in this process when `here` (the flow's own
    share of the batches), else on an extraction worker process with the default runner (a
    Dask worker is already a process of its own). `here` does not enter the cache key."""
    if _local_workers(settings) and not here:
        rows = runner.submit_batch(articles, settings, run_id).result()
    else:
        rows = runner.extract_batch(articles, settings, run_id)
    # rows carry the run id of the run that extracted them; a cached result is re-stamped.
    return rows


@task(name="validate-batch", cache_policy=NO_CACHE)
def validate_task(rows: runner.BatchRows, settings: Settings, known_actor_ids: set[str], run_id: str) -> Any:
    return runner.validate_batch(rows, settings, known_actor_ids, run_id)


@task(name="upsert", retries=0, cache_policy=NO_CACHE)
def upsert_task(settings: Settings, staging_path: Path, record: RunRecord, seen: list[str]) -> MergeStats:
    """The only task that writes the warehouse: one transaction (it waits for a lock itself)."""
    return runner.merge_staging(settings, staging_path, record, seen)


def _restamp(rows: runner.BatchRows, run_id: str) -> runner.BatchRows:
    for table_rows in rows.values():
        for row in table_rows:
            if "run_id" in row:
                row["run_id"] = run_id
    return rows


def submit_extract(in_flight: int = 2) -> Any:
    """Extraction through task futures, at most `in_flight` batches pending (bounded memory)."""

    def extract_many(batches: Iterable[list[Article]], settings: Settings, run_id: str) -> Iterator[runner.BatchRows]:
        if _local_workers(settings):
            # every n-th batch runs as a task in this process, the others on worker processes
            rows = runner.pipelined(
                batches,
                settings.n_process,
                lambda b: cast(runner.BatchRows, extract_task(_quoted(b), settings, run_id, here=True)),
                lambda b: extract_task.submit(_quoted(b), settings, run_id),
            )
            for r in rows:
                yield _restamp(r, run_id)
            return
        pending = []
        for batch in batches:
            # not quoted: Dask ships the parameters as they are, and a quoted one would arrive wrapped
            pending.append(extract_task.submit(batch, settings, run_id))
            if len(pending) >= in_flight:
                yield _restamp(pending.pop(0).result(), run_id)
        for fut in pending:
            yield _restamp(fut.result(), run_id)

    return extract_many


def _local_workers(settings: Settings) -> bool:
    """Extraction on this machine's worker processes (not on Dask, not single-process)."""
    return settings.runner == "default" and settings.n_process > 1


def _quoted(value: T) -> T:
    """`quote(value)`, typed as the value (Prefect unwraps it before the task runs)."""
    return cast(T, quote(value))


# Large parameters are quoted: Prefect would otherwise walk every row dict looking for futures
# (profiled: ~2 s per validation call on 500 articles, more than the validation itself).
def _validate(rows: runner.BatchRows, settings: Settings, ids: set[str], run_id: str) -> runner.BatchValidation:
    return cast(runner.BatchValidation, validate_task(_quoted(rows), settings, _quoted(ids), run_id))


def _merge(settings: Settings, staging_path: Path, record: RunRecord, seen: list[str]) -> MergeStats:
    upsert = upsert_task.with_options(tags={settings.writer_tag}) if settings.writer_tag else upsert_task
    return cast(MergeStats, upsert(settings, staging_path, record, _quoted(seen)))


def _steps(in_flight: int) -> runner.Steps:
    return runner.Steps(extract_many=submit_extract(in_flight), validate=_validate, merge=_merge)


# A progress callback for in-process runs (flow parameters must stay serialisable).
_PROGRESS: Callable[[int, int | None], None] | None = None


def task_runner_for(settings: Settings) -> Any:
    """The task runner: threads by default, Dask (LocalCluster or an existing scheduler) on request."""
    if settings.runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": settings.dask_workers, "threads_per_worker": 1, "processes": True})
    from prefect.task_runners import ThreadPoolTaskRunner

    # threads only wait on the extraction worker processes: one per worker
    return ThreadPoolTaskRunner(max_workers=max(settings.n_process, 1))


@flow(name="dateline-ingest", log_prints=True)
def ingest_flow(
    corpus_dir: str | None = None,
    warehouse_path: str | None = None,
    runner_name: str | None = None,
    dask_address: str | None = None,
    batch_size: int | None = None,
    allow_gone: bool | None = None,
) -> dict[str, Any]:
    """Ingest the corpus folder into the warehouse (the scheduled job)."""
    settings = load_settings(
        corpus_dir=corpus_dir, warehouse_path=warehouse_path, runner=runner_name,
        dask_address=dask_address, batch_size=batch_size, allow_gone=allow_gone,
    )
    in_flight = (settings.dask_workers if settings.runner == "dask" else settings.n_process) + 1
    summary = runner.run_pipeline(settings, steps=_steps(in_flight), on_progress=_PROGRESS)
    result = summary_dict(summary)
    if _served():  # `dateline serve` shows one line per scheduled run; `dateline run` prints its own table
        sys.stdout.write(run_line(result) + "\n")
        sys.stdout.flush()
    return result


def _served() -> bool:
    """Is this flow run a deployment's (started by `dateline serve` or a worker)?"""
    from prefect.runtime import deployment

    return bool(deployment.id)


def run_line(result: dict[str, Any]) -> str:
    """One line per run for a terminal that serves the flow for hours."""
    return (f"dateline run {result['run_id']}: {result['articles_new']} new, {result['articles_changed']} changed, "
            f"{result['articles_gone']} gone, {result['articles_rejected'] + result['rows_rejected']} rejected, "
            f"{result['events_extracted']} events -> {result['warehouse']}")


def summary_dict(summary: runner.RunSummary) -> dict[str, Any]:
    """A JSON-friendly summary (flow results are persisted and shown in the UI)."""
    return {
        "run_id": summary.run_id,
        "warehouse": str(summary.warehouse_path),
        "files_seen": summary.files_seen,
        "articles_new": summary.articles_new,
        "articles_changed": summary.articles_changed,
        "articles_unchanged": summary.articles_unchanged,
        "articles_gone": summary.articles_gone,
        "articles_rejected": summary.articles_rejected,
        "events_extracted": summary.events_extracted,
        "rows_upserted": summary.rows_upserted,
        "rows_rejected": summary.rows_rejected,
        "articles_still_failing": summary.articles_still_failing,
        "articles_reextracted": summary.articles_reextracted,
        "rejects": [{"path": r.source_path, "stage": r.stage, "reason": r.reason} for r in summary.rejects[:200]],
        "rejects_total": len(summary.rejects),
        "export_error": summary.export_error,
    }


def run_with_runner(settings: Settings, on_progress: Callable[[int, int | None], None] | None = None) -> dict[str, Any]:
    """Run the flow in this process with the task runner the settings ask for.

    Without Prefect's flow-run heartbeats: they let a server mark a deployment's run crashed
    when its worker dies, which a run in this process has no use for, and their thread sleeps
    in whole seconds that the flow waits out at its end, so every run took up to 1 s longer
    (a rerun with nothing new took 2.0 s instead of 1.1 s). Served deployments keep them."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    global _PROGRESS
    configured = ingest_flow.with_options(task_runner=task_runner_for(settings))
    _PROGRESS = on_progress
    try:
        with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            return _run(configured, settings)
    finally:
        _PROGRESS = None


def _run(configured: Any, settings: Settings) -> dict[str, Any]:
    return configured(
        corpus_dir=str(settings.corpus_dir),
        warehouse_path=str(settings.warehouse_path),
        runner_name=settings.runner,
        dask_address=settings.dask_address,
        batch_size=settings.batch_size,
        allow_gone=settings.allow_gone,
    )
