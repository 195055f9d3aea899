"""Refusals before a run touches anything: a corpus that is / or home or holds the warehouse,
and Dateline's own output inside the corpus.

Why: a run never reads what it writes and never scans the whole disk; nothing is touched
when it refuses.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import runlock, warehouse
from pipeline.settings import Settings
from pipeline.warehouse import WarehouseError


class RunRefused(WarehouseError):
    """A run that would read or write what it must not; nothing was touched (exit 2)."""


def check_paths(settings: Settings) -> None:
    """Refuse a corpus that is the filesystem root, the home folder or a folder holding it
    (every file the user can read would become an article) and a warehouse inside the corpus
    (its own Data Docs, report and export would be read back as articles)."""
    corpus = settings.corpus_dir
    if corpus.exists() and not corpus.is_dir():
        raise RunRefused(f"--corpus {corpus} is a file, not a folder: pass the folder that holds the articles (--corpus DIR)")
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus} does not exist: create it or pass --corpus DIR")
    warehouse.check_writable(settings.warehouse_path)
    real = corpus.resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError):
        home = None
    if real == Path(real.anchor) or (home is not None and home.is_relative_to(real)):
        what = "the filesystem root" if real == Path(real.anchor) else (
            "your home folder" if real == home else f"a folder that holds your home folder ({home})")
        raise RunRefused(
            f"--corpus {corpus} is {what}: every file in it would be read as an article; "
            "pass the folder that holds the articles (--corpus DIR)"
        )
    if settings.warehouse_path.resolve().is_relative_to(real):
        raise RunRefused(
            f"the warehouse {settings.warehouse_path} is inside the corpus folder {corpus}: its Data Docs, report "
            "and export would be read as articles; put the warehouse outside the corpus (--warehouse FILE)"
        )


def own_outputs(settings: Settings) -> list[Path]:
    """What Dateline writes: never scanned as articles, wherever the settings put it."""
    wh = settings.warehouse_path
    return [wh, wh.with_name(wh.name + ".wal"), runlock.lock_path(wh), wh.parent / ".staging",
            settings.data_docs_dir, settings.export_dir, settings.report_path]
