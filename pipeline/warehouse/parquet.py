"""The Parquet export beside the warehouse, for tools that should never open the live file:
written to a temporary folder and swapped in whole, with a manifest naming its run."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from glob import escape as glob_escape
from pathlib import Path

import duckdb

from pipeline.warehouse.connection import quote_path
from pipeline.warehouse.schema import SCHEMA_VERSION

EXPORTED = ("events", "event_mentions", "actors", "articles", "actor_timeline", "actor_pairs", "events_per_month")
EXPORT_MANIFEST = "_dateline_export.json"


def export_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path, run_id: str | None = None) -> list[Path]:
    """Write the report views and core tables to Parquet for tools that must not touch the file.

    All files are written into a hidden folder beside `out_dir`, with a manifest naming the
    run they reflect, and the folder is then swapped in: readers see the old export or the new
    one, never a mix, and a failure half-way leaves the old export whole. When `out_dir` is a
    link (to shared storage), the folder it points at is replaced and the link kept.
    """
    real = Path(os.path.realpath(out_dir))
    real.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(real)
    tmp = real.with_name(f".{real.name}.tmp-{uuid.uuid4().hex[:8]}")
    tmp.mkdir()
    try:
        for name in EXPORTED:
            _export_table(con, name, tmp / f"{name}.parquet")
        _write_manifest(tmp, run_id)
        _swap_in(tmp, real)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [Path(out_dir) / f"{name}.parquet" for name in EXPORTED]


def _export_table(con: duckdb.DuckDBPyConnection, name: str, target: Path) -> None:
    con.execute(f"COPY (SELECT * FROM {name}) TO '{quote_path(target)}' (FORMAT parquet)")


def _write_manifest(out_dir: Path, run_id: str | None) -> None:
    """The run the export reflects (written atomically: temp file, then rename)."""
    manifest = {"run_id": run_id, "schema_version": SCHEMA_VERSION, "files": [f"{n}.parquet" for n in EXPORTED],
                "exported_at": dt.datetime.now().isoformat(timespec="seconds")}
    tmp = out_dir / f".{EXPORT_MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    tmp.replace(out_dir / EXPORT_MANIFEST)


def _swap_in(new: Path, real: Path) -> None:
    """Replace the folder `real` by `new` (two renames; a crash between them leaves no
    export, which the next run notices and rewrites)."""
    old = real.with_name(f".{real.name}.old-{uuid.uuid4().hex[:8]}")
    had_old = real.exists()
    if had_old:
        real.rename(old)
    try:
        new.rename(real)
    except BaseException:
        if had_old:
            old.rename(real)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(real: Path) -> None:
    """Temp and old folders of an export that was killed half-way (the run lock keeps
    other runs out, so none of them is in use)."""
    for left in real.parent.glob(f".{glob_escape(real.name)}.*-*"):
        if left.is_dir() and (".tmp-" in left.name or ".old-" in left.name):
            shutil.rmtree(left, ignore_errors=True)


def export_current(out_dir: Path, run_id: str | None) -> bool:
    """Whether the export at `out_dir` is complete and reflects the warehouse as of `run_id`."""
    try:
        manifest = json.loads((Path(out_dir) / EXPORT_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or manifest.get("run_id") != run_id or run_id is None:
        return False
    return all((Path(out_dir) / f"{n}.parquet").is_file() for n in EXPORTED)


def stamp_export(out_dir: Path, run_id: str) -> None:
    """A run that changed nothing: the current export now reflects this run too."""
    _write_manifest(Path(os.path.realpath(out_dir)), run_id)
