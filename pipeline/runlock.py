"""The run lock: one pipeline run per warehouse at a time.

Why: a run keeps its rows in a staging file beside the warehouse until its merge, and a run
removes the staging files of earlier, killed runs before it starts. A second run started
beside a live one would remove the live run's staging and make it fail. DuckDB's own file
lock cannot keep them apart: a run holds the warehouse open only while it merges.

The lock is an advisory `flock` on `<warehouse>.run.lock`, so the kernel releases it when
the holder dies, however it dies (SIGKILL included): a stale lock file never blocks a run.
The file is never deleted (deleting a flock file lets two processes lock two different
files); it holds the holder's pid, host and start time for the message of a waiting run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pipeline.warehouse import WarehouseLocked


class RunLocked(WarehouseLocked):
    """Another run holds the run lock of this warehouse for longer than the configured wait."""


def lock_path(warehouse_path: Path) -> Path:
    """`dateline.duckdb` → `dateline.duckdb.run.lock`, beside the warehouse."""
    warehouse_path = Path(warehouse_path)
    return warehouse_path.with_name(warehouse_path.name + ".run.lock")


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    text = " ".join(handle.read().split())
    return text or "an unknown process"


def _try_lock(handle: IO[str]) -> bool:
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def current_holder(warehouse_path: Path) -> str | None:
    """Who holds the run lock of `warehouse_path` now (pid, host, since, command), or None.

    For a run that is about to wait: it says at once what it is waiting for, instead of
    staying silent for up to lock_timeout_s. Takes the lock for an instant when it is free.
    """
    path = lock_path(warehouse_path)
    if not path.is_file():
        return None
    with path.open("r", encoding="utf-8") as handle:
        if _try_lock(handle):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            return None
        return _holder(handle)


@contextlib.contextmanager
def run_lock(warehouse_path: Path, timeout_s: float) -> Iterator[None]:
    """Hold the run lock of `warehouse_path`, waiting up to `timeout_s` for another run to end.

    Raises RunLocked naming the holder (pid, host, since when, command) when the wait runs out.
    """
    path = lock_path(warehouse_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        deadline = time.monotonic() + timeout_s
        delay = 0.1
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise RunLocked(
                    f"another Dateline run is using {warehouse_path} ({_holder(handle)}) and did not finish "
                    f"within {timeout_s:.0f}s: wait for it to end, or raise lock_timeout_s "
                    f"(lock file {path})"
                )
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
        handle.seek(0)
        handle.truncate()
        command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))[:200]
        started = dt.datetime.now().isoformat(timespec="seconds")
        handle.write(f"pid {os.getpid()} on {socket.gethostname()}, since {started}: {command}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing the file releases the flock
