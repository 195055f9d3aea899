"""What every command shares: the exit codes, the help epilog, the options several commands take,
and the process state (`--debug`, a SIGTERM that arrived)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline.settings import Settings, load_settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_TOO_NEW, EXIT_NO_SERVER, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 5, 130

EPILOG = (
    "Exit codes: 0 success, 1 run/report failed, 2 usage or configuration error, 3 warehouse locked by "
    "another process, 4 warehouse newer than this Dateline, 5 no Prefect server (serve), 130 interrupted."
)

state = {"debug": False, "terminated": False}  # terminated: a SIGTERM arrived

CorpusOpt = Annotated[Path | None, typer.Option("--corpus", help="Folder of articles (default: corpus/).")]
WarehouseOpt = Annotated[Path | None, typer.Option("--warehouse", help="DuckDB file (default: warehouse/dateline.duckdb).")]
RunnerOpt = Annotated[str | None, typer.Option(help="Task runner: default or dask.")]
DaskOpt = Annotated[str | None, typer.Option(help="Address of an existing Dask scheduler.")]
NoPrefectOpt = Annotated[bool, typer.Option("--no-prefect", help="Run the plain pipeline without Prefect.")]
AllowGoneOpt = Annotated[
    bool,
    typer.Option("--allow-gone", help="Let the run mark more than half of the warehouse's articles gone (refused by default)."),
]


def make_settings(corpus: Path | None = None, warehouse: Path | None = None, **extra: Any) -> Settings:
    return load_settings(corpus_dir=corpus, warehouse_path=warehouse, **extra)
