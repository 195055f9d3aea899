"""The warehouse: migrations, the one-transaction merge, replacement, history, old readers."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import warehouse
from pipeline.models import ActorRef, Article, EventMention, Extraction, TimeExpression
from pipeline.util import stable_id
from pipeline.warehouse import RunRecord, Staging

BODY = "On 25 January 2026 in Vilnius, Tsikhanouskaya met Zelenskyy. Kyiv recalled its ambassador in 2023."


def make_extraction(body: str = BODY, path: str = "a.txt", date: str = "2026-01-25") -> Extraction:
    aid = stable_id("a", body)
    art = Article(aid, path, "t", dt.date(2026, 2, 6), "dateline", body, stable_id("c", body))
    s = body.index("Tsikhanouskaya")
    z = body.index("Zelenskyy")
    trig = body.index("met")
    mention = EventMention(
        article_id=aid, sentence_text=body[: body.index(".") + 1], sentence_start=0,
        trigger_start=trig, trigger_end=trig + 3, trigger_text="met", trigger_lemma="meet", event_type="CONSULT",
        source=ActorRef(s, s + 14, "Tsikhanouskaya", "blr-tsikhanouskaya", "dictionary"),
        target=ActorRef(z, z + 9, "Zelenskyy", "ukr-zelenskyy", "dictionary"),
        event_date=date, date_start=dt.date.fromisoformat(date), date_end=dt.date.fromisoformat(date),
        date_precision="day", date_basis="explicit", location="Vilnius", factuality="asserted", confidence=0.9,
    )
    day = dt.date.fromisoformat(date)
    phrase = f"{day.day} January 2026"
    t0 = body.index(phrase)
    timex = TimeExpression(aid, t0, t0 + len(phrase), phrase, "DATE", date, day, day, "day")
    from pipeline.models import Actor

    actors = [Actor("blr-tsikhanouskaya", "Sviatlana Tsikhanouskaya", "person", "BLR", "OPP", aliases=["Tsikhanouskaya"]),
              Actor("ukr-zelenskyy", "Volodymyr Zelenskyy", "person", "UKR", "GOV", aliases=["Zelenskyy"])]
    return Extraction(art, [timex], [mention], actors)


def stage_and_merge(
    wh: Path, extractions: list[Extraction], seen: list[str] | None = None, allow_gone: bool = True
) -> warehouse.MergeStats:
    run_id = f"run-{dt.datetime.now().timestamp()}"
    staging = Staging(wh, run_id)
    now = dt.datetime.now()
    for ex in extractions:
        for table, rows in warehouse.extraction_rows(ex, run_id, now).items():
            staging.append_rows(table, rows)
        a = ex.article
        staging.append_rows("article_paths", [{
            "source_path": a.source_path, "article_id": a.article_id, "file_sha256": a.content_sha256,
            "size": len(a.body), "mtime_ns": 1, "first_seen": now, "last_seen": now, "gone_at": None, "run_id": run_id,
        }])
    record = RunRecord(run_id=run_id, started_at=now, corpus_dir="corpus", spacy_model="model", dateline_version="test")
    with warehouse.open_warehouse(wh) as con:
        staging.close()
        seen = seen if seen is not None else [e.article.source_path for e in extractions]
        stats = warehouse.merge_run(con, staging.path, record, seen, allow_gone=allow_gone)
    staging.discard()
    return stats


def counts(wh: Path) -> dict[str, int]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                for t in ("articles", "time_expressions", "event_mentions", "events", "actors", "runs")}
    finally:
        con.close()


def test_merge_is_idempotent(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    stage_and_merge(wh, [make_extraction()])
    first = counts(wh)
    stage_and_merge(wh, [make_extraction()])
    second = counts(wh)
    assert first["articles"] == second["articles"] == 1
    assert first["event_mentions"] == second["event_mentions"] == 1
    assert first["events"] == second["events"] == 1
    assert second["runs"] == 2


def test_edited_article_replaces_its_rows_and_history_keeps_the_old_event(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    stage_and_merge(wh, [make_extraction()])
    edited = BODY.replace("25 January", "26 January")
    stage_and_merge(wh, [make_extraction(edited, date="2026-01-26")])
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1  # type: ignore[index]
    assert con.execute("SELECT list(event_date) FROM event_mentions").fetchone()[0] == ["2026-01-26"]  # type: ignore[index]
    assert con.execute("SELECT count(*) FROM event_history").fetchone()[0] >= 1  # type: ignore[index]
    # the old row is kept whole, as JSON an analyst can query
    old_dates = con.execute("SELECT list(json_extract_string(old_row_json, '$.event_date')) FROM event_history").fetchone()[0]  # type: ignore[index]
    assert "2026-01-25" in old_dates
    con.close()


def test_deleted_file_is_flagged_not_erased(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    stage_and_merge(wh, [make_extraction()])
    stats = stage_and_merge(wh, [], seen=[])
    assert stats.articles_gone == 1
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT status FROM articles").fetchone()[0] == "gone"  # type: ignore[index]
    assert con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] == 1  # type: ignore[index]
    assert con.execute("SELECT gone FROM events").fetchone()[0] is True  # type: ignore[index]
    con.close()


def test_merge_that_would_write_an_event_twice_fails_and_changes_nothing(tmp_path: Path) -> None:
    """events has no key; the merge checks the event rows it writes instead. A stray row already
    holding the id of an event the merge creates must fail the merge, not duplicate the event."""
    wh = tmp_path / "w.duckdb"
    stage_and_merge(wh, [make_extraction()])
    other = make_extraction(BODY.replace("25 January", "27 January").replace("Vilnius", "Warsaw"), path="b.txt", date="2026-01-27")
    mention_id = warehouse.extraction_rows(other, "r", dt.datetime.now())["event_mentions"][0]["mention_id"]
    with warehouse.open_warehouse(wh) as con:
        con.execute(
            "INSERT INTO events (event_id, event_type, mention_count, article_count, source_count, run_id) "
            "VALUES (?, 'CONSULT', 1, 1, 1, 'stray')", [f"ev_{mention_id}"]
        )
    before = counts(wh)
    with pytest.raises(warehouse.WarehouseError, match="twice"):
        stage_and_merge(wh, [make_extraction(), other])
    assert counts(wh) == before


def test_version_1_warehouse_keeps_its_events_without_the_key(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    con = duckdb.connect(str(wh))
    con.execute((warehouse.MIGRATIONS_DIR / "001_init.sql").read_text(encoding="utf-8"))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP, name VARCHAR)")
    con.execute("INSERT INTO schema_version VALUES (1, current_timestamp, '001_init.sql')")
    con.execute("INSERT INTO events (event_id, event_type, mention_count, article_count, source_count, run_id) "
                "VALUES ('ev_1', 'CONSULT', 2, 2, 1, 'old')")
    con.close()
    with warehouse.open_warehouse(wh) as con:
        assert con.execute("SELECT event_id, mention_count, gone FROM events").fetchall() == [("ev_1", 2, False)]
        keys = con.execute(
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'events' AND constraint_type = 'PRIMARY KEY'"
        ).fetchone()
        assert keys == (0,)
        con.execute("SELECT * FROM actor_pairs").fetchall()


def test_refuses_a_newer_schema(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    with warehouse.open_warehouse(wh) as con:
        con.execute("INSERT INTO schema_version VALUES (999, current_timestamp, 'future')")
    with pytest.raises(warehouse.WarehouseTooNew, match="newer"), warehouse.open_warehouse(wh):
        pass


def test_query_connection_reads_tables_and_nothing_outside_them(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    with warehouse.open_warehouse(wh):
        pass
    outside = tmp_path / "outside.txt"
    outside.write_text("not for queries", encoding="utf-8")
    con = warehouse.connect_query(wh, timeout_s=5)
    try:
        assert warehouse.schema_version(con) == warehouse.SCHEMA_VERSION
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"SELECT * FROM read_text('{outside}')")
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"COPY (SELECT 1) TO '{tmp_path / 'written.csv'}'")
        for setting in ("enable_external_access = true", "lock_configuration = false", "autoload_known_extensions = true"):
            with pytest.raises(duckdb.InvalidInputException, match="locked"):
                con.execute(f"SET {setting}")
    finally:
        con.close()
    assert not (tmp_path / "written.csv").exists()


def test_migrates_an_older_warehouse_in_place(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    with warehouse.open_warehouse(wh) as con:
        con.execute("DELETE FROM schema_version")  # as if written before versioning
        con.execute("DROP VIEW actor_pairs")
    with warehouse.open_warehouse(wh) as con:
        assert warehouse.schema_version(con) == warehouse.SCHEMA_VERSION
        con.execute("SELECT * FROM actor_pairs").fetchall()


def test_migration_renames_stored_types_to_plover_names(tmp_path: Path) -> None:
    """A warehouse written before extractor 4 holds MEET/DEPLOY rows; opening it renames them,
    so a count by type does not split CONSULT between an old and a new name."""
    wh = tmp_path / "w.duckdb"
    stage_and_merge(wh, [make_extraction()])
    with warehouse.open_warehouse(wh) as con:
        con.execute("UPDATE event_mentions SET event_type = 'MEET'")
        con.execute("UPDATE events SET event_type = 'DEPLOY'")
        con.execute("DELETE FROM schema_version WHERE version >= 9")
    with warehouse.open_warehouse(wh) as con:
        assert warehouse.schema_version(con) == warehouse.SCHEMA_VERSION
        assert con.execute("SELECT DISTINCT event_type FROM event_mentions").fetchall() == [("CONSULT",)]
        assert con.execute("SELECT DISTINCT event_type FROM events").fetchall() == [("MOBILIZE",)]


def test_reopened_warehouse_takes_a_data_frame_at_once(tmp_path: Path) -> None:
    """Opening reads the schema version; no half-read result may be left on the connection
    (DuckDB refuses to register a frame while one is pending)."""
    wh = tmp_path / "w.duckdb"
    for _ in range(2):
        with warehouse.open_warehouse(wh) as con:
            con.register("df", pd.DataFrame({"x": [1]}))
            assert con.execute("SELECT x FROM df").fetchall() == [(1,)]


def test_file_opens_in_the_duckdb_1_5_cli(tmp_path: Path) -> None:
    """SQL tools bundle DuckDB 1.4/1.5: the file must be readable by them."""
    cli = Path(sys.executable).parent / "duckdb"
    if not cli.exists():
        cli_path = shutil.which("duckdb")
        assert cli_path, "duckdb-cli (pinned 1.5.x in requirements.lock) is not installed"
        cli = Path(cli_path)
    wh = tmp_path / "w.duckdb"
    stage_and_merge(wh, [make_extraction()])
    version = subprocess.run([str(cli), "-version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1.5"), version
    out = subprocess.run(
        [str(cli), "-readonly", "-csv", str(wh), "SELECT count(*) AS n FROM event_mentions"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert out.split() == ["n", "1"]


@contextlib.contextmanager
def read_only_reader(wh: Path, seconds: float) -> Iterator[None]:
    """Another process (as a SQL tool would) holding the file read-only for `seconds`."""
    reader = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(wh)!r}, read_only=True); "
         f"print('open', flush=True); time.sleep({seconds}); c.close()"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
        yield
    finally:
        reader.kill()
        reader.wait()


def test_reader_lock_makes_writer_wait_with_a_clear_message(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    stage_and_merge(wh, [make_extraction()])
    with read_only_reader(wh, 30), pytest.raises(warehouse.WarehouseLocked, match="read-only"):
        warehouse.connect(wh, timeout_s=1.0)


def test_run_waits_for_a_reader_then_completes(tmp_path: Path) -> None:
    """A SQL tool holding the file read-only delays a run; nothing is lost once it closes."""
    wh = tmp_path / "w.duckdb"
    stage_and_merge(wh, [make_extraction()])
    with read_only_reader(wh, 3):
        t0 = time.monotonic()
        stage_and_merge(wh, [make_extraction(BODY.replace("25 January", "26 January"), path="b.txt", date="2026-01-26")],
                        seen=["a.txt", "b.txt"])
        waited = time.monotonic() - t0
    assert waited >= 1.0, "the writer did not wait for the reader"
    assert counts(wh)["articles"] == 2 and counts(wh)["event_mentions"] == 2


def test_a_failed_commit_reports_its_cause_and_changes_nothing(tmp_path: Path) -> None:
    """A full disk at COMMIT: the error names it ("No space left on device"), not the ROLLBACK
    that follows ("cannot rollback - no transaction is active"). The WAL is a link to
    /dev/full, whose every write fails with ENOSPC: a real full disk, at the moment of commit."""
    wh = tmp_path / "w.duckdb"
    stage_and_merge(wh, [make_extraction()])
    before = counts(wh)
    wal = Path(str(wh) + ".wal")
    wal.unlink(missing_ok=True)
    wal.symlink_to("/dev/full")
    with pytest.raises(duckdb.Error) as caught:
        stage_and_merge(wh, [make_extraction(BODY.replace("25 January", "26 January"), path="b.txt", date="2026-01-26")],
                        seen=["a.txt", "b.txt"])
    assert "No space left on device" in str(caught.value), caught.value
    wal.unlink()
    assert counts(wh) == before


def test_a_database_of_another_application_is_refused_and_left_untouched(tmp_path: Path) -> None:
    other = tmp_path / "inventory.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE parts (id INTEGER, name VARCHAR)")
    con.execute("CREATE SCHEMA sales")
    con.execute("CREATE TABLE sales.orders (id INTEGER)")
    con.execute("INSERT INTO parts VALUES (1, 'bolt')")
    con.close()
    digest = hashlib.sha256(other.read_bytes()).hexdigest()
    with pytest.raises(warehouse.ForeignDatabase, match="another application"), warehouse.open_warehouse(other):
        pass
    with pytest.raises(warehouse.ForeignDatabase, match="untouched"):
        warehouse.read_known(other)
    assert hashlib.sha256(other.read_bytes()).hexdigest() == digest
    con = duckdb.connect(str(other), read_only=True)
    assert sorted(r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()) == ["orders", "parts"]
    con.close()
    # an empty DuckDB file is no one's data: it becomes a warehouse
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with warehouse.open_warehouse(empty) as con:
        assert warehouse.schema_version(con) == warehouse.SCHEMA_VERSION


def test_export_is_swapped_in_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure half-way through the export leaves the previous export whole (no mix of old and
    new files, no temp folder left); the manifest names the run the export reflects."""
    wh = tmp_path / "w.duckdb"
    out = tmp_path / "export"
    stage_and_merge(wh, [make_extraction()])
    with warehouse.open_warehouse(wh) as con:
        warehouse.export_parquet(con, out, "run-1")
    assert warehouse.export_current(out, "run-1") and not warehouse.export_current(out, "run-2")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    stage_and_merge(wh, [make_extraction(BODY.replace("25 January", "26 January"), path="b.txt", date="2026-01-26")],
                    seen=["a.txt", "b.txt"])
    real_export = warehouse.parquet._export_table
    written: list[str] = []

    def fail_on_the_fourth(con: duckdb.DuckDBPyConnection, name: str, target: Path) -> None:
        if len(written) == 3:
            raise OSError(28, "No space left on device (injected)")
        real_export(con, name, target)
        written.append(name)

    monkeypatch.setattr(warehouse.parquet, "_export_table", fail_on_the_fourth)
    with warehouse.open_warehouse(wh) as con, pytest.raises(OSError, match="injected"):
        warehouse.export_parquet(con, out, "run-2")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if "export" in p.name] == ["export"]
    monkeypatch.undo()
    with warehouse.open_warehouse(wh) as con:
        warehouse.export_parquet(con, out, "run-2")
    assert warehouse.export_current(out, "run-2")
    assert duckdb.sql(f"SELECT count(*) FROM '{out}/articles.parquet'").fetchall() == [(2,)]


def test_a_merge_that_would_mark_most_articles_gone_is_rolled_back_unless_allowed(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    b = make_extraction(BODY.replace("25 January", "26 January"), path="b.txt", date="2026-01-26")
    stage_and_merge(wh, [make_extraction(), b])
    before = counts(wh)
    with pytest.raises(warehouse.GoneRefused, match="2 of the warehouse's 2 articles"):
        stage_and_merge(wh, [], seen=[], allow_gone=False)
    assert counts(wh) == before
    assert stage_and_merge(wh, [], seen=["a.txt"], allow_gone=False).articles_gone == 1  # half is not more than half
    assert stage_and_merge(wh, [], seen=[], allow_gone=True).articles_gone == 1
