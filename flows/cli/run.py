"""`dateline run`: one run with a progress bar, then the summary a person reads (counts, rejects,
where the rows went, what to type next)."""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from rich.table import Table

from flows.cli import terminal
from flows.cli.common import (
    EXIT_USAGE,
    AllowGoneOpt,
    CorpusOpt,
    DaskOpt,
    NoPrefectOpt,
    RunnerOpt,
    WarehouseOpt,
    make_settings,
)
from flows.cli.signals import terminate_like_interrupt
from flows.cli.terminal import data_text
from pipeline.settings import Settings

_MEMBER = re.compile(r"#\d+$")  # `file.jsonl#3` is one article of a multi-article file


def pending_files(settings: Settings) -> list[str]:
    """Corpus files that are new or changed (size/mtime) since the last run: what the next run will read."""
    from pipeline import ingest, runner

    corpus = settings.corpus_dir
    if not corpus.is_dir():
        return []
    known = runner.known_state(settings)
    files: dict[str, tuple[int, int]] = {}
    for known_path, (size, mtime, _sha, _aid) in known.files.items():
        files[_MEMBER.sub("", known_path)] = (size, mtime)
    out = []
    for path in sorted(corpus.rglob("*")):
        rel = path.relative_to(corpus).as_posix()
        name = path.name.lower()
        if any(part.startswith(".") for part in rel.split("/")) or not path.is_file():
            continue
        if name.endswith(ingest.SIDECAR_SUFFIXES) or path.suffix.lower() not in ingest.SUPPORTED_SUFFIXES:
            continue
        st = path.stat()
        if files.get(rel) != (st.st_size, st.st_mtime_ns):
            out.append(rel)
    return out


def execute_run(settings: Settings, no_prefect: bool = False) -> dict[str, Any]:
    """One run (Prefect flow by default), with a progress bar on a terminal. Raises on failure."""
    terminal.quiet_prefect()
    from flows.ingest_flow import summary_dict

    terminal.quiet_handlers()  # after Prefect has set up logging

    if settings.runner not in {"default", "dask"}:
        terminal.fail(f"unknown runner {settings.runner!r}: use --runner default or --runner dask", EXIT_USAGE)
    from pipeline import runlock
    from pipeline import runner as checks

    # before anything walks the corpus (`--corpus /`) or Prefect starts: user errors (a file as
    # --corpus, an unwritable or damaged warehouse) become one line here, not a flow traceback
    checks.check_paths(settings)
    holder = runlock.current_holder(settings.warehouse_path)
    if holder:
        terminal.err.print(data_text(
            ("waiting:", "yellow"),
            f" another Dateline run is using {settings.warehouse_path} ({holder}); this run starts when it ends "
            f"(waiting up to {settings.lock_timeout_s:g}s, lock_timeout_s)",
        ), highlight=False, soft_wrap=True)
    estimate = len(pending_files(settings)) if terminal.err.is_terminal else None
    finishing = "validating and merging into the warehouse"
    if no_prefect:
        from pipeline import runner as plain

        with terminal.progress_bar("extracting articles", estimate, finishing) as on_progress:
            return summary_dict(plain.run_pipeline(settings, on_progress=on_progress))
    from flows.ingest_flow import run_with_runner

    with terminal.progress_bar("extracting articles", estimate, finishing) as on_progress:
        return run_with_runner(settings, on_progress=on_progress)


def run(
    corpus: CorpusOpt = None,
    warehouse: WarehouseOpt = None,
    runner: RunnerOpt = None,
    dask_address: DaskOpt = None,
    no_prefect: NoPrefectOpt = False,
    allow_gone: AllowGoneOpt = False,
) -> None:
    """Ingest the corpus folder and upsert its events into the warehouse."""
    settings = make_settings(corpus, warehouse, runner=runner, dask_address=dask_address, allow_gone=allow_gone or None)
    with terminal.errors("the run"), terminate_like_interrupt():
        result = execute_run(settings, no_prefect)
    print_summary(result, settings)
    if result.get("export_error"):
        terminal.err.print(
            f"warning: the run's rows landed, but the Parquet export failed ({result['export_error']}); "
            "the next run rewrites it", markup=False, highlight=False, soft_wrap=True,
        )


REJECTS_SHOWN = 20  # the summary lists this many rejects and says how many more there are


def print_summary(result: dict[str, Any], settings: Settings) -> None:
    """The short summary a person reads after a run."""
    nothing_new = not (result["articles_new"] or result["articles_changed"] or result["articles_gone"]
                       or result.get("articles_reextracted"))
    table = Table(title="Dateline run " + result["run_id"], show_header=False)
    for key in ("files_seen", "articles_new", "articles_changed", "articles_unchanged", "articles_gone",
                "articles_rejected", "events_extracted", "rows_upserted", "rows_rejected"):
        table.add_row(key.replace("_", " "), str(result[key]))
    if result.get("articles_reextracted"):  # unchanged articles an edit of the vocabularies affects
        table.add_row("articles re-extracted (vocabularies edited)", str(result["articles_reextracted"]))
    terminal.console.print(table)
    if nothing_new:
        terminal.console.print("Nothing new: no article was added, changed or removed, so nothing was re-extracted.")
    if result["rejects"]:
        terminal.console.print("[yellow]Rejected:[/]")
        for r in result["rejects"][:REJECTS_SHOWN]:
            terminal.console.print(data_text(f"  {r['path'] or '-'} ({r['stage']}): {r['reason']}"))
        hidden = result.get("rejects_total", len(result["rejects"])) - REJECTS_SHOWN
        if hidden > 0:
            terminal.console.print(data_text(
                f"  ... and {hidden} more: {command_hint()} query \"SELECT source_path, stage, reason, sentence "
                f"FROM rejects WHERE run_id = '{result['run_id']}'\""
            ))
    if result.get("articles_still_failing"):
        terminal.console.print(
            f"{result['articles_still_failing']} unchanged article(s) failed extraction in an earlier run and were not "
            "retried (they are when edited, or with a new extractor); their rejects: `dateline status`"
        )
    terminal.console.print(data_text(f"Warehouse: {settings.warehouse_path}"))
    if settings.build_data_docs:
        terminal.console.print(data_text(f"Data Docs: {settings.data_docs_dir / 'index.html'}"))
    cmd = command_hint()
    terminal.console.print(data_text(
        f"Try: {cmd} query \"SELECT event_type, count(*) AS n FROM events GROUP BY ALL ORDER BY n DESC\""
        f" · {cmd} report"
    ), soft_wrap=True)


def command_hint() -> str:
    """How to type `dateline` in this shell: `dateline` when it is on PATH, else the script's path
    (`.venv/bin/dateline` after `make run`, when the virtual environment is not activated)."""
    script = Path(sys.executable).parent / "dateline"
    on_path = shutil.which("dateline")
    if on_path and Path(on_path).resolve() == script.resolve():
        return "dateline"
    typed = sys.argv[0] if sys.argv else ""
    if Path(typed).name == "dateline" and "/" in typed and Path(typed).is_file():
        return typed  # as the user typed it, e.g. .venv/bin/dateline: it works from here
    if script.is_file():
        with contextlib.suppress(ValueError):
            return script.relative_to(Path.cwd()).as_posix()  # .venv/bin/dateline
        return str(script)
    return f"{sys.executable} -m flows.cli"
