"""Worker processes: the shared extraction pool, batches in flight, and recovery from a dead worker.

Why: spaCy is CPU-bound, so batches run on a process pool while the main process validates
and stages; a worker that dies takes only its batch, which is retried article by article.
"""

from __future__ import annotations

import atexit
import functools
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pipeline.models import Article
from pipeline.runner import progress
from pipeline.runner.extract import FAILED, BatchRows, _failure, extract_batch, extract_serial
from pipeline.settings import Settings
from pipeline.util import mark_extraction_worker

_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the parent may hold threads (Prefect, DuckDB) that fork would copy half-way
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
        initargs=(progress.shared_counter(),),
    )


def _start_worker(counter: Any) -> None:
    """Pool initializer: a worker counts its articles on the run's progress counter."""
    mark_extraction_worker()
    progress.install(counter)


def extraction_pool(settings: Settings) -> ProcessPoolExecutor:
    """`n_process - 1` spawned workers that each load the model once and parse + extract whole
    batches; this process extracts every n-th batch itself and validates and stages between
    them, so all cores run spaCy *and* our rules without one more model in memory. (spaCy's
    own n_process would ship every Doc back here and leave the rules on one core.)"""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = _new_pool(max(settings.n_process - 1, 1))
        return _POOL


def shutdown_pool() -> None:
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_pool)


def _drop_pool(pool: ProcessPoolExecutor) -> None:
    """Forget a pool that a dead worker broke (it takes no more work): the next batch gets a fresh one."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is pool:
            _POOL = None
    pool.shutdown(wait=False, cancel_futures=True)


class PoolBatch:
    """A batch on an extraction worker process whose rows survive the death of a worker.

    A worker killed outright (a crash in native code, the OOM killer, SIGKILL) raises no
    exception an article's stage could catch: the pool breaks and every batch in it fails with
    BrokenProcessPool. Such a batch is extracted again (`extract_isolated`), the article that
    kills its worker becomes a reject, and the run goes on. `result()` and `cancel()`, like the
    future it wraps, for `pipelined` and the Prefect task."""

    def __init__(self, articles: list[Article], settings: Settings, run_id: str) -> None:
        self.articles, self.settings, self.run_id = articles, settings, run_id
        self.pool = extraction_pool(settings)
        try:
            self.future = self.pool.submit(extract_batch, articles, settings, run_id)
        except (BrokenProcessPool, RuntimeError):  # broken by an earlier batch, or just shut down for that
            _drop_pool(self.pool)
            self.pool = extraction_pool(settings)
            self.future = self.pool.submit(extract_batch, articles, settings, run_id)

    def cancel(self) -> bool:
        return self.future.cancel()

    def result(self) -> BatchRows:
        try:
            return self.future.result()
        except BrokenProcessPool:
            _drop_pool(self.pool)
            return extract_isolated(self.articles, self.settings, self.run_id)


def extract_isolated(articles: list[Article], settings: Settings, run_id: str) -> BatchRows:
    """Extract a batch that was in a broken pool, on a private one-worker pool, so that a worker
    death can only be this batch's: first the whole batch (it may only have been waiting beside
    the batch that killed the worker); if its worker dies too, one article at a time, each on a
    fresh worker after a death, and the article whose worker dies is a failure (stage `extract`)."""
    pool = _new_pool(1)
    try:
        if len(articles) > 1:
            try:
                return pool.submit(extract_batch, articles, settings, run_id).result()
            except BrokenProcessPool:
                pool.shutdown(wait=False)
                pool = _new_pool(1)
        rows: BatchRows = {FAILED: []}
        for article in articles:
            try:
                one = pool.submit(extract_batch, [article], settings, run_id).result()
            except BrokenProcessPool:
                rows[FAILED].append(_worker_died(article))
                pool.shutdown(wait=False)
                pool = _new_pool(1)
                continue
            for table, table_rows in one.items():
                rows.setdefault(table, []).extend(table_rows)
        return rows
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_died(article: Article) -> dict[str, Any]:
    from pipeline.extract import StageFailed

    died = BrokenProcessPool(
        f"the extraction worker process died while extracting {article.source_path} (a crash in native code, "
        "or killed, e.g. out of memory); the other articles went on"
    )
    return _failure(article, StageFailed("extract", died))


def submit_batch(articles: list[Article], settings: Settings, run_id: str) -> PoolBatch:
    """One batch on a worker process (each worker runs spaCy single-process)."""
    return PoolBatch(articles, settings, run_id)


def pipelined(
    batches: Iterable[list[Article]],
    n_process: int,
    inline: Callable[[list[Article]], BatchRows],
    submit: Callable[[list[Article]], Any],
) -> Iterator[BatchRows]:
    """Results in batch order: every `n_process`-th batch runs here (when its turn comes),
    the others are submitted ahead to the workers (`submit` returns a future); at most
    `n_process + 1` batches are pending, so memory stays bounded. A future is dropped once its
    rows are handed on: a finished future holds its rows for as long as it is referenced."""
    pending: list[tuple[Any, Callable[[], BatchRows]]] = []  # (future or None, how to get the rows)
    try:
        for i, batch in enumerate(batches):
            if i % n_process == 0:
                pending.append((None, functools.partial(inline, batch)))
            else:
                fut = submit(batch)
                pending.append((fut, fut.result))
            if len(pending) > n_process:
                yield pending.pop(0)[1]()
        while pending:
            yield pending.pop(0)[1]()
    finally:
        for fut, _ in pending:
            if hasattr(fut, "cancel"):  # concurrent futures do; Prefect's task futures do not
                fut.cancel()


def extract_parallel(batches: Iterable[list[Article]], settings: Settings, run_id: str) -> Iterator[BatchRows]:
    """Batches on this process and `n_process - 1` worker processes."""
    return pipelined(
        batches,
        settings.n_process,
        lambda b: extract_batch(b, settings, run_id),
        lambda b: submit_batch(b, settings, run_id),
    )


def extract_default(batches: Iterable[list[Article]], settings: Settings, run_id: str) -> Iterator[BatchRows]:
    """Worker processes when `n_process` > 1, else this process."""
    if settings.n_process > 1:
        return extract_parallel(batches, settings, run_id)
    return extract_serial(batches, settings, run_id)
