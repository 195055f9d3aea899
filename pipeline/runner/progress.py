"""Articles finished so far, counted across the extraction processes, for a progress bar.

Why: a run extracts batches of 64 articles, so a bar fed once per batch sat at 0 for half a
minute and then jumped by 64. Every process that extracts (this one and the pool's spawned
workers, which get the counter when they start) adds one to a shared counter as each article
finishes; a ticker thread in the run's process reads it a few times a second. Dask workers
live in other processes or machines without the counter: there the bar still moves per batch.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

_COUNTER: Any = None  # a multiprocessing Value('q'): articles finished by any extraction process
_COUNTER_LOCK = threading.Lock()
INTERVAL = 0.25  # seconds between two readings of the counter


def shared_counter() -> Any:
    """This process's counter, made on first use; pass it to worker processes as they start."""
    global _COUNTER
    with _COUNTER_LOCK:
        if _COUNTER is None:
            _COUNTER = multiprocessing.get_context("spawn").Value("q", 0)
        return _COUNTER


def install(counter: Any) -> None:
    """Worker initializer: count this worker's articles on its parent's counter."""
    global _COUNTER
    _COUNTER = counter


def article_done() -> None:
    """One article finished extracting (its rows or its failure are ready)."""
    counter = _COUNTER
    if counter is not None:
        with counter.get_lock():
            counter.value += 1


def articles_done() -> int:
    return int(shared_counter().value)


class Ticker:
    """Calls `on_progress(done, None)` while a run extracts: `done` is the larger of the articles
    the counter saw finish since the ticker started and what the run loop has confirmed
    (`confirm`, which also covers cached batches and workers without the counter). Never
    reports a smaller number than before: a batch retried after a worker died counts again."""

    def __init__(self, on_progress: Callable[[int, int | None], None] | None, interval: float | None = None) -> None:
        self.on_progress, self.interval = on_progress, INTERVAL if interval is None else interval
        self.start = articles_done() if on_progress is not None else 0  # no bar, no shared counter needed
        self.floor = self.shown = 0
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._tick, name="dateline-progress", daemon=True)

    def __enter__(self) -> Ticker:
        if self.on_progress is not None:
            self.thread.start()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join()

    def confirm(self, done: int) -> None:
        """The run loop has the rows (or failures) of `done` articles."""
        with self.lock:
            self.floor = max(self.floor, done)
        self._report()

    def _tick(self) -> None:
        while not self.stopped.wait(self.interval):
            self._report()

    def _report(self) -> None:
        if self.on_progress is None:
            return
        with self.lock:
            done = max(self.floor, articles_done() - self.start)
            if done <= self.shown:
                return
            self.shown = done
            self.on_progress(done, None)
