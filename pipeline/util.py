"""Small helpers shared by several stages."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb
    import pandas as pd


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id from content: the same inputs give the same id on every run."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:20]}"


def pause_point(name: str) -> None:
    """Crash-test hook: with DATELINE_PAUSE_AT=<name>, announce and wait here to be killed.

    Lets a test SIGKILL a run at a known point (e.g. inside the upsert transaction)
    instead of racing a timer, or (DATELINE_PAUSE_SECONDS) hold it there while another run
    starts. Inert unless the variable names this point.
    """
    import os
    import time
    from pathlib import Path

    if os.environ.get("DATELINE_PAUSE_AT") != name:
        return
    marker = os.environ.get("DATELINE_PAUSE_MARKER")
    if marker:
        Path(marker).write_text(name, encoding="utf-8")
    time.sleep(float(os.environ.get("DATELINE_PAUSE_SECONDS", "600")))


class InjectedFault(RuntimeError):
    """The failure `fault_point` raises on request (tests of per-article fault isolation)."""


# True in the extraction worker processes of the runner's pool (set by their initializer).
_EXTRACTION_WORKER = False


def mark_extraction_worker() -> None:
    """Pool initializer: lets `fault_point` crash a worker process, never the run's own process."""
    global _EXTRACTION_WORKER
    _EXTRACTION_WORKER = True


def _markers(variable: str, stage: str) -> list[str]:
    import os

    wanted = os.environ.get(variable)
    return [w.partition(":")[2] for w in wanted.split(",") if w.partition(":")[0] == stage] if wanted else []


def fault_point(stage: str, doc: Any) -> None:
    """Fault-isolation hook: with DATELINE_FAULT_AT=<stage>:<marker>[,<stage>:<marker>...],
    raise `InjectedFault` while reading the sentence of `doc` (a spaCy Doc) that contains a
    marker named for `stage`. With DATELINE_CRASH_AT (same form), an extraction worker process
    dies on the spot instead (`os._exit`, as a segfault in native code or the OOM killer would
    end it): no exception, no cleanup, the pool is broken.

    Lets a test make one article fail at a chosen stage, in this process and in spawned
    worker processes alike (they inherit the environment). Inert unless a variable is set.
    """
    import os

    markers = _markers("DATELINE_FAULT_AT", stage)
    crash = _markers("DATELINE_CRASH_AT", stage) if _EXTRACTION_WORKER else []
    for sent in doc.sents if markers or crash else ():
        for marker in crash:
            if marker in sent.text:
                os._exit(70)
        for marker in markers:
            if marker in sent.text:
                raise InjectedFault(f"fault injected at {stage} ({marker!r})")


def temp_table(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """`frame` copied into the temp table `name`: a registered frame is a view of Python
    memory that later statements (and other connections' cursors) must not depend on."""
    con.register(f"{name}_df", frame)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_df")
    finally:
        con.unregister(f"{name}_df")
