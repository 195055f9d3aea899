"""The `dateline` command line: help everywhere, one-line errors with exit codes, run → status → report."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows import cli
from tests.flows.conftest import SEEDS, copy_seeds, dateline, start, stop, tail
from tests.pipeline.test_report import fill_warehouse

runner = CliRunner()
COMMANDS = ["run", "status", "query", "report", "serve", "watch"]


def _no_prefect_server_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_everywhere_lists_options_and_exit_codes(command: str | None) -> None:
    result = runner.invoke(cli.app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0, result.output
    assert "Exit codes" in result.output
    if command in {"run", "status", "report", "serve", "watch"}:
        assert "--corpus" in result.output and "--warehouse" in result.output
    if command == "report":
        assert "--output" in result.output


def test_version() -> None:
    result = runner.invoke(cli.app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("dateline ")


def test_report_command_writes_index_and_article_pages(tmp_path: Path) -> None:
    wh = tmp_path / "w" / "dateline.duckdb"
    fill_warehouse(wh)
    out = tmp_path / "out"
    result = runner.invoke(cli.app, ["report", "--warehouse", str(wh), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and len(list((out / "articles").glob("*.html"))) == 3
    assert "7 events, 3 articles" in result.output and str(out / "index.html") in result.output.replace("\n", "")
    default = runner.invoke(cli.app, ["report", "--warehouse", str(wh)])
    assert default.exit_code == 0 and (wh.parent / "report" / "index.html").is_file()


def test_query_prints_a_table_and_rejects_writes(tmp_path: Path) -> None:
    wh = tmp_path / "dateline.duckdb"
    fill_warehouse(wh)
    ok = runner.invoke(cli.app, ["query", "SELECT event_type, count(*) AS n FROM events GROUP BY ALL ORDER BY n DESC, event_type", "--warehouse", str(wh)])
    assert ok.exit_code == 0 and "SANCTION" in ok.output
    write = runner.invoke(cli.app, ["query", "DELETE FROM events", "--warehouse", str(wh)])
    assert write.exit_code == cli.EXIT_USAGE and "read-only" in write.output
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (7,)
    con.close()


def test_query_says_when_the_table_is_cut_and_csv_streams_every_row(tmp_path: Path) -> None:
    wh = tmp_path / "dateline.duckdb"
    fill_warehouse(wh)  # seven events
    cut = runner.invoke(cli.app, ["query", "SELECT event_id FROM events", "--warehouse", str(wh), "--max-rows", "2"])
    assert cut.exit_code == 0 and "showing 2 of 7 rows" in cut.output, cut.output
    as_file = tmp_path / "table.txt"
    to_file = runner.invoke(cli.app, ["query", "SELECT event_id FROM events", "--warehouse", str(wh), "--max-rows", "3",
                                      "--output", str(as_file)])
    assert to_file.exit_code == 0 and to_file.output == "", to_file.output
    assert "showing 3 of 7 rows" in as_file.read_text(encoding="utf-8")
    sql = tmp_path / "events.sql"
    sql.write_text("SELECT event_id, event_type FROM events ORDER BY event_id", encoding="utf-8")
    done = dateline("query", f"@{sql}", "--warehouse", wh, "--format", "csv", "--max-rows", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "event_id,event_type" and len(lines) == 8  # every row, --max-rows is for tables
    piped = dateline("query", "-", "--warehouse", wh, "--format", "json", input_text="SELECT count(*) AS n FROM events")
    assert piped.returncode == 0 and json.loads(piped.stdout) == [{"n": 7}], piped.stderr
    out = tmp_path / "events.jsonl"
    to_file = dateline("query", "--file", sql, "--warehouse", wh, "--format", "jsonl", "--output", out)
    assert to_file.returncode == 0 and to_file.stdout == "" and "7 rows written" in to_file.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 7


def test_query_timeout_stops_a_runaway_query_with_one_line(tmp_path: Path) -> None:
    wh = tmp_path / "dateline.duckdb"
    fill_warehouse(wh)
    started = time.monotonic()
    done = dateline("query", "SELECT count(*) FROM range(100000000000) a", "--warehouse", wh, "--timeout", "1")
    assert done.returncode == cli.EXIT_USAGE and time.monotonic() - started < 60, done.stderr
    assert done.stderr.startswith("error:") and "--timeout" in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "code", "hint"),
    [
        (["status", "--warehouse", "{tmp}/none.duckdb"], cli.EXIT_USAGE, "run `dateline run` first"),
        (["report", "--warehouse", "{tmp}/none.duckdb"], cli.EXIT_USAGE, "run `dateline run` first"),
        (["query", "SELECT 1", "--warehouse", "{tmp}/none.duckdb"], cli.EXIT_USAGE, "run `dateline run` first"),
        (["run", "--corpus", "{tmp}/no-such-folder", "--warehouse", "{tmp}/w.duckdb"], cli.EXIT_USAGE, "pass --corpus DIR"),
        (["run", "--corpus", "{tmp}", "--runner", "spark"], cli.EXIT_USAGE, "--runner default"),
        (["watch", "--corpus", "{tmp}/no-such-folder"], cli.EXIT_USAGE, "pass --corpus DIR"),
        (["serve", "--cron", "every hour"], cli.EXIT_USAGE, "five fields"),
        (["serve", "--cron", "0 * * * *", "--interval", "60"], cli.EXIT_USAGE, "not both"),
    ],
)
def test_errors_are_one_line_with_what_to_do_and_an_exit_code(tmp_path: Path, args: list[str], code: int, hint: str) -> None:
    result = runner.invoke(cli.app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert hint in lines[0]


def test_serve_without_a_prefect_server_exits_5(tmp_path: Path) -> None:
    done = dateline("serve", "--corpus", copy_seeds(tmp_path / "c", [0]), "--warehouse", tmp_path / "w.duckdb",
                    env=_no_prefect_server_env(), timeout=120)
    assert done.returncode == cli.EXIT_NO_SERVER, done.stderr
    assert done.stderr.count("\n") == 1 and "prefect server start" in done.stderr


def test_locked_warehouse_exits_3_and_says_to_open_tools_read_only(tmp_path: Path) -> None:
    wh = tmp_path / "dateline.duckdb"
    fill_warehouse(wh)
    holder = duckdb.connect(str(wh))  # a SQL tool holding the file read-write
    try:
        done = dateline("status", "--warehouse", wh, env=os.environ | {"DATELINE_LOCK_TIMEOUT_S": "1"}, timeout=120)
    finally:
        holder.close()
    assert done.returncode == cli.EXIT_LOCKED, done.stdout + done.stderr
    waiting, error = done.stderr.splitlines()  # said at once, then the one-line error
    assert waiting.startswith("waiting:") and f"PID {os.getpid()}" in waiting, done.stderr
    assert error.startswith("error:") and "read-only" in error


def test_a_failing_run_exits_1_with_one_line(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0])
    # a failure inside the run (a damaged warehouse is a user error now: exit 2, test_cli_user_errors)
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / ".staging").write_text("a file where the run's staging folder goes", encoding="utf-8")
    warehouse = tmp_path / "w" / "dateline.duckdb"
    result = runner.invoke(cli.app, ["run", "--no-prefect", "--corpus", str(corpus), "--warehouse", str(warehouse)])
    assert result.exit_code == cli.EXIT_FAILED, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "failed" in lines[0] and "--debug" in lines[0]


# ---------------------------------------------------------------------------------------
# The whole loop, as an analyst does it (real pipeline)
# ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_run_status_report_and_a_newly_copied_article(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [0, 1])
    wh = tmp_path / "warehouse" / "dateline.duckdb"
    first = dateline("run", "--corpus", corpus, "--warehouse", wh)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "articles new" in first.stdout and str(wh) in first.stdout.replace("\n", "")

    new = SEEDS[4]
    shutil.copy2(new, corpus / new.name)
    waiting = dateline("status", "--corpus", corpus, "--warehouse", wh)
    assert waiting.returncode == 0 and "1 file(s)" in waiting.stdout and new.name in waiting.stdout

    second = dateline("run", "--no-prefect", "--corpus", corpus, "--warehouse", wh)
    assert second.returncode == 0, second.stderr
    after = dateline("status", "--corpus", corpus, "--warehouse", wh)
    assert "everything is in the warehouse" in after.stdout
    assert new.name[:12] in after.stdout.split("Latest articles")[1]

    rep = dateline("report", "--corpus", corpus, "--warehouse", wh)
    assert rep.returncode == 0, rep.stderr
    index = (wh.parent / "report" / "index.html").read_text(encoding="utf-8")
    assert new.name in index or any(new.name in p.read_text(encoding="utf-8") for p in (wh.parent / "report" / "articles").glob("*.html"))


@pytest.mark.slow
def test_watch_runs_after_a_new_article_lands_and_rebuilds_the_report(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", [1])
    wh = tmp_path / "warehouse" / "dateline.duckdb"
    log = tmp_path / "watch.log"
    proc = start([sys.executable, "-m", "flows.cli", "watch", "--no-prefect", "--report", "--quiet", "1",
                  "--corpus", corpus, "--warehouse", wh], dict(os.environ), log)

    def articles() -> int:
        if not wh.exists():
            return 0
        try:
            con = duckdb.connect(str(wh), read_only=True)
        except duckdb.Error:
            return -1  # the run holds the file right now
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
        except duckdb.Error:
            return 0
        finally:
            con.close()

    def wait_for(n: int, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while articles() != n or not (wh.parent / "report" / "index.html").exists():
            assert proc.poll() is None, tail(log)
            assert time.monotonic() < deadline, f"warehouse never reached {n} articles:\n{tail(log)}"
            time.sleep(0.5)

    try:
        wait_for(1)  # the catch-up run at start
        report_mtime = (wh.parent / "report" / "index.html").stat().st_mtime
        time.sleep(1.5)
        shutil.copy2(SEEDS[3], corpus / SEEDS[3].name)
        (corpus / ".~lock.notes.txt#").write_text("editor lock file", encoding="utf-8")
        wait_for(2)
        deadline = time.monotonic() + 60
        while (wh.parent / "report" / "index.html").stat().st_mtime == report_mtime:
            assert time.monotonic() < deadline, tail(log)
            time.sleep(0.5)
    finally:
        code = stop(proc, signal.SIGINT)
    assert code == 0, tail(log)
    text = log.read_text()
    assert "Stopped watching" in text and "error" not in text.lower(), text


@pytest.mark.slow
def test_a_run_with_a_failing_article_exits_0_and_names_it(tmp_path: Path) -> None:
    """Issue 18: one article failing at a stage no longer sinks the run (it was exit 1 and
    nothing landed); the summary names it, and the next run says it was not retried."""
    corpus = copy_seeds(tmp_path / "corpus", [1])
    (corpus / "fails.txt").write_text("The Zorblax accord was signed in Vilnius on Monday.\n")
    wh = tmp_path / "w.duckdb"
    env = dict(os.environ, DATELINE_FAULT_AT="events:Zorblax", DATELINE_N_PROCESS="1", DATELINE_BUILD_DATA_DOCS="0")
    first = dateline("run", "--no-prefect", "--corpus", corpus, "--warehouse", wh, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    out = " ".join(first.stdout.split())
    assert "fails.txt (events): extraction failed at events: InjectedFault: fault injected at events ('Zorblax')" in out
    second = dateline("run", "--no-prefect", "--corpus", corpus, "--warehouse", wh, env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "1 unchanged article(s) failed extraction in an earlier run" in " ".join(second.stdout.split())


@pytest.mark.parametrize("venv_on_path", [False, True])
def test_the_summary_names_a_command_that_works_in_this_shell(monkeypatch: pytest.MonkeyPatch, venv_on_path: bool) -> None:
    """After `make run` without an activated venv, `dateline` is "command not found": the
    summary's "Try:" line names `.venv/bin/dateline` (or whatever runs) instead."""
    bin_dir = str(Path(sys.executable).parent)
    path = "/usr/bin:/bin" if not venv_on_path else f"{bin_dir}:/usr/bin:/bin"
    monkeypatch.setenv("PATH", path)
    hint = cli.command_hint()
    assert (hint == "dateline") == venv_on_path
    done = subprocess.run([*shlex.split(hint), "--version"], env=os.environ | {"PATH": path}, cwd=os.getcwd(),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("dateline "), done.stderr


def test_the_summary_repeats_the_path_the_user_typed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    script = tmp_path / ".venv" / "bin" / "dateline"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", [".venv/bin/dateline", "run"])
    assert cli.command_hint() == ".venv/bin/dateline"


def test_the_summary_says_how_many_rejects_it_did_not_list(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from flows.cli import terminal
    from pipeline.settings import load_settings

    out = io.StringIO()
    monkeypatch.setattr(terminal, "console", Console(file=out, width=400))
    rejects = [{"path": f"bad_{i}.txt", "stage": "ingest", "reason": "not UTF-8 text"} for i in range(cli.REJECTS_SHOWN + 5)]
    counts = dict.fromkeys(("files_seen", "articles_new", "articles_changed", "articles_unchanged", "articles_gone",
                            "articles_rejected", "events_extracted", "rows_upserted", "rows_rejected"), 0)
    result = counts | {"run_id": "20260302T100000-abcd", "rejects": rejects}
    cli.print_summary(result, load_settings(warehouse_path=tmp_path / "w.duckdb", build_data_docs=False))
    text = out.getvalue()
    assert f"bad_{cli.REJECTS_SHOWN - 1}.txt" in text and f"bad_{cli.REJECTS_SHOWN}.txt" not in text
    assert "... and 5 more" in text and "run_id = '20260302T100000-abcd'" in text
