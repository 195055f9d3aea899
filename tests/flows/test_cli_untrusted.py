"""The CLI with hostile input: `query` only reads the warehouse, and text from articles prints as text.

One real warehouse per module, built by `dateline run` over a tiny corpus of our own whose
title, body, front matter and file names carry Rich markup (`[/bold]`), emoji codes (`:x:`)
and ANSI escapes (ESC [31m). Every attack goes through the real command.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows import cli
from tests.flows.conftest import dateline

runner = CliRunner()
ESC = "\x1b"
SHOWN_ESC = "\\x1b"  # how an escape character is printed: visibly, as text
TITLE = f"Kyiv [/bold] talks :x: {ESC}[31mred"
SECRET = "dateline-test-secret-7f3a"

HOSTILE_ARTICLE = f"""---
title: "Kyiv [/bold] talks :x: \\e[31mred"
published: 2026-02-10
---
Kyiv [/bold] talks :x: {ESC}[31mred{ESC}[0m in Minsk.

On 9 February 2026, Ukraine imposed new sanctions on Belarus after the talks failed.
"""
# Malformed front matter: the reject reason quotes the line, markup and all.
BAD_FRONT_MATTER = """---
title: Minsk [/bold] :x: talks: here
---
Minsk talks began on 3 March 2026.
"""
EMPTY_FILE = f"{ESC}[31mempty :x:.txt"  # a reject whose path holds an escape and an emoji code
RLO, PDF = "\u202e", "\u202c"  # right-to-left override and its end: invisible, they reverse what follows
BIDI_TITLE = f"Riga talks {RLO}delayed again{PDF} says Latvia"
BIDI_ARTICLE = f"""---
title: "{BIDI_TITLE}"
published: 2026-02-11
---
On 10 February 2026, Latvia postponed the talks in Riga.
"""
BIDI_FILE = f"notes {RLO}txt.md"  # shows as "notes dm.txt" on a terminal that honours the override


@dataclass
class Built:
    warehouse: Path
    corpus: Path
    other_db: Path
    secret: Path
    run: subprocess.CompletedProcess[str]


def _env() -> dict[str, str]:
    """Wide output, so a table cell is never folded in the middle of what a test looks for."""
    return os.environ | {"COLUMNS": "250", "DATELINE_N_PROCESS": "1"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("untrusted")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "hostile.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (corpus / "bad_front_matter.md").write_text(BAD_FRONT_MATTER, encoding="utf-8")
    (corpus / EMPTY_FILE).write_text("", encoding="utf-8")
    (corpus / BIDI_FILE).write_text(BIDI_ARTICLE, encoding="utf-8")
    warehouse = root / "warehouse" / "dateline.duckdb"
    done = dateline("run", "--no-prefect", "--corpus", corpus, "--warehouse", warehouse, env=_env())
    other = root / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE notes AS SELECT 'keep me' AS note")
    con.close()
    secret = root / "secret.csv"
    secret.write_text(f"{SECRET}\n{SECRET},{SECRET}\n", encoding="utf-8")
    return Built(warehouse, corpus, other, secret, done)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _query(built: Built, sql: str) -> tuple[int, str]:
    result = runner.invoke(cli.app, ["query", sql, "--warehouse", str(built.warehouse)])
    return result.exit_code, result.output


# ---------------------------------------------------------------------------------------
# `dateline query` reads the warehouse and nothing else
# ---------------------------------------------------------------------------------------


def test_query_still_reads_tables_and_views(built: Built) -> None:
    assert built.run.returncode == 0, built.run.stdout + built.run.stderr
    code, out = _query(built, "SELECT count(*) AS n FROM articles WHERE source_path = 'hostile.md'")
    assert code == 0 and "│ 1 " in out, out


@pytest.mark.parametrize(
    "attack",
    [
        pytest.param("COPY (SELECT 'gone' AS x) TO '{warehouse}'", id="copy-over-warehouse"),  # was exit 0
        pytest.param("COPY (SELECT 'gone' AS x) TO '{warehouse}' (FORMAT parquet)", id="copy-parquet-over-warehouse"),
        pytest.param("COPY articles TO '{root}/leak.csv'", id="copy-to-file"),
        pytest.param("EXPORT DATABASE '{root}/dump'", id="export-database"),
        pytest.param("ATTACH '{other}' AS other (READ_WRITE)", id="attach-other-read-write"),
        pytest.param("ATTACH '{root}/new.duckdb' AS fresh", id="attach-new-file"),
        pytest.param("INSTALL httpfs", id="install-extension"),
        pytest.param("SET enable_external_access = true", id="set-external-access"),
        pytest.param("SET lock_configuration = false", id="set-unlock"),
        pytest.param("DELETE FROM articles", id="delete"),
        pytest.param("SELECT 1; COPY (SELECT 'gone' AS x) TO '{warehouse}'", id="second-statement-copy"),
        pytest.param("SELECT 1; DELETE FROM articles", id="second-statement-delete"),
    ],
)
def test_query_cannot_write_the_warehouse_other_databases_or_files(built: Built, attack: str) -> None:
    root = built.warehouse.parent.parent
    before = {p: _digest(p) for p in (built.warehouse, built.other_db)}
    sql = attack.format(warehouse=built.warehouse, root=root, other=built.other_db)
    code, out = _query(built, sql)
    assert code == cli.EXIT_USAGE, out
    assert out.startswith("error:") and out.count("\n") == 1, out
    assert {p: _digest(p) for p in before} == before
    assert not any((root / name).exists() for name in ("leak.csv", "dump", "new.duckdb"))
    con = duckdb.connect(str(built.other_db), read_only=True)
    assert con.execute("SELECT note FROM notes").fetchall() == [("keep me",)]
    con.close()


@pytest.mark.parametrize(
    "attack",
    [
        pytest.param("SELECT content FROM read_text('{secret}')", id="read_text"),
        pytest.param("SELECT content FROM read_blob('{secret}')", id="read_blob"),
        pytest.param("SELECT * FROM read_csv('{secret}', header = false)", id="read_csv"),
        pytest.param("SELECT * FROM '{secret}'", id="replacement-scan"),
        pytest.param("SELECT file FROM glob('{root}/*')", id="glob"),
        pytest.param("SELECT * FROM read_text('/etc/passwd')", id="etc-passwd"),
    ],
)
def test_query_cannot_read_files(built: Built, attack: str) -> None:
    code, out = _query(built, attack.format(secret=built.secret, root=built.secret.parent))
    assert code == cli.EXIT_USAGE, out
    assert SECRET not in out and "other.duckdb" not in out and "root:x:" not in out, out
    assert "read-only" in out


@pytest.mark.parametrize("sql", ["SELECT 1; SELECT 2", "SELECT 1;\nSELECT 2;", "", "  -- just a comment"])
def test_query_takes_exactly_one_statement(built: Built, sql: str) -> None:
    code, out = _query(built, sql)
    assert code == cli.EXIT_USAGE and "exactly one SQL statement" in out, out


# ---------------------------------------------------------------------------------------
# Text from articles prints as text: no markup, no emoji codes, no terminal escapes
# ---------------------------------------------------------------------------------------


def _no_terminal_control(out: str) -> None:
    assert ESC not in out and "❌" not in out, repr(out)
    assert not any(c in out for c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), repr(out)


def test_run_summary_prints_reject_reasons_and_paths_as_text(built: Built) -> None:
    out = built.run.stdout
    assert built.run.returncode == 0, out + built.run.stderr  # the summary crashed on `[/bold]` (exit 1)
    assert "title: Minsk [/bold] :x: talks: here" in out, out
    assert f"{SHOWN_ESC}[31mempty :x:.txt (ingest)" in out, out
    _no_terminal_control(out)


def test_status_prints_titles_and_rejects_as_text(built: Built) -> None:
    done = dateline("status", "--corpus", built.corpus, "--warehouse", built.warehouse, env=_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert TITLE.replace(ESC, SHOWN_ESC) in done.stdout, done.stdout
    assert f"{SHOWN_ESC}[31mempty :x:.txt" in done.stdout and "Minsk [/bold] :x:" in done.stdout
    _no_terminal_control(done.stdout + done.stderr)


def test_status_escapes_bidirectional_overrides_in_titles_and_paths(built: Built) -> None:
    """U+202E in a title or file name would reverse the rest of the printed line (and can make
    `notes \u202etxt.md` look like `notes dm.txt`): it is shown as a visible `\\u202e`."""
    done = dateline("status", "--corpus", built.corpus, "--warehouse", built.warehouse, env=_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Riga talks \\u202edelayed again\\u202c says Latvia" in done.stdout, done.stdout
    assert "notes \\u202etxt.md" in done.stdout, done.stdout
    _no_terminal_control(done.stdout + done.stderr)


def test_query_prints_cells_and_headers_as_text(built: Built) -> None:
    done = dateline("query", "SELECT title AS \"[/bold] :x:\", body FROM articles WHERE source_path = 'hostile.md'",
                    "--warehouse", built.warehouse, env=_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[/bold] :x:" in done.stdout.splitlines()[1], done.stdout  # the header
    assert TITLE.replace(ESC, SHOWN_ESC) in done.stdout
    assert f"Kyiv [/bold] talks :x: {SHOWN_ESC}[31mred{SHOWN_ESC}[0m in Minsk." in done.stdout
    _no_terminal_control(done.stdout + done.stderr)


def test_errors_quoting_data_print_as_text(built: Built) -> None:
    done = dateline("query", f'SELECT * FROM "[/bold] :x: {ESC}[31m"', "--warehouse", built.warehouse, env=_env())
    assert done.returncode == cli.EXIT_USAGE, done.stdout + done.stderr
    assert done.stderr.startswith("error:") and done.stderr.count("\n") == 1, done.stderr
    _no_terminal_control(done.stderr)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("bell\x07", "bell\\x07"),
        ("over\rwrite", "over\\x0dwrite"),
        ("c1\x9bcsi", "c1\\x9bcsi"),
        ("del\x7f", "del\\x7f"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("[/bold] :x:", "[/bold] :x:"),
        ("ab\u202ecd\u202c", "ab\\u202ecd\\u202c"),
        ("\u2066iso\u2069 \u200eLRM \u200fRLM \u061cALM \u202aLRE \u202dLRO", "\\u2066iso\\u2069 \\u200eLRM \\u200fRLM \\u061cALM \\u202aLRE \\u202dLRO"),
        ("Рига \u05e9\u05dc\u05d5\u05dd zero\u200bwidth", "Рига \u05e9\u05dc\u05d5\u05dd zero\u200bwidth"),
        (None, ""),
    ],
)
def test_plain_escapes_control_characters_and_keeps_the_rest(raw: str | None, shown: str) -> None:
    assert cli.plain(raw) == shown
