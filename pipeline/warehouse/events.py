"""Events rebuilt after a merge: the mentions a run touched are clustered again with those
they could share an event with, and changed or merged events are archived in `event_history`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pandas as pd

from pipeline import dedup
from pipeline.dedup import summary as event_summary
from pipeline.warehouse.connection import count_rows
from pipeline.warehouse.errors import WarehouseError
from pipeline.warehouse.rows import TABLE_COLUMNS
from pipeline.warehouse.schema import sql


def event_ids_of(article_query: str, con: duckdb.DuckDBPyConnection, params: list[Any] | None = None) -> set[str]:
    rows = con.execute(
        f"SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN ({article_query})", params or []
    ).fetchall()
    return {r[0] for r in rows if r[0]}


EVENT_COMPARE = ("event_type", "source_actor_id", "target_actor_id", "event_date", "date_precision",
                 "location", "factuality", "mention_count", "article_count")


def rebuild_events(
    con: duckdb.DuckDBPyConnection, run_id: str, touched_events: set[str], now: dt.datetime
) -> tuple[int, int]:
    """Cluster this run's mentions with the existing ones they could share an event with.

    New mentions are inserted with their event id; existing mentions are updated only when
    their event id changes; events rows are rebuilt for every event involved, and the rows
    they replace are kept in `event_history`. Returns (events written, events changed).
    """
    con.execute("CREATE OR REPLACE TEMP TABLE touched(event_id VARCHAR)")  # typed even when empty
    if touched_events:
        con.register("touched_df", pd.DataFrame({"event_id": sorted(touched_events)}, dtype=object))
        con.execute("INSERT INTO touched SELECT event_id FROM touched_df")
        con.unregister("touched_df")
    dedup.define_macros(con)
    con.execute("CREATE OR REPLACE TEMP TABLE dedup_input AS " + sql("event_candidates").rstrip().rstrip(";"))
    if count_rows(con, "dedup_input") == 0:
        old = con.execute("SELECT * FROM events WHERE event_id IN (SELECT event_id FROM touched)").df()
        _archive(con, old, run_id, now, "removed")
        con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM touched)")
        return 0, len(old)
    _assign_event_ids(con)
    dedup.summarise(con)
    changed = _replace_events(con, run_id, now)
    _check_written_once(con)
    _flag_gone_events(con)
    return count_rows(con, "dedup_events"), changed


def _assign_event_ids(con: duckdb.DuckDBPyConnection) -> None:
    """Cluster, then write each mention's event id and merge reason: new mentions inserted,
    existing ones updated only where either changed."""
    # clustering and event rows stay inside DuckDB: no per-mention Python on a large merge
    dedup.cluster(con)
    # a view: read three times (the id update, the votes, the article rows), never worth a copy
    # of every mention (it would stay in memory until the merge commits)
    con.execute(
        """CREATE OR REPLACE TEMP VIEW dedup_members AS
           SELECT c.*, d.event_id, d.ek, dedup_reason(d.rid, d.ek, d.merge_reason) AS merge_reason
           FROM dedup_input c JOIN dedup_ids d ON d.rid = c.rowid"""
    )
    con.execute(
        """INSERT INTO event_mentions BY NAME
           SELECT n.* REPLACE (a.event_id AS event_id, dedup_reason(a.rid, a.ek, a.merge_reason) AS merge_reason)
           FROM new_mentions n JOIN dedup_ids a USING (mention_id)"""
    )
    con.execute(
        """UPDATE event_mentions SET event_id = a.event_id, merge_reason = a.merge_reason FROM dedup_members a
           WHERE event_mentions.mention_id = a.mention_id AND a.old_event_id IS NOT NULL
             AND (a.old_event_id IS DISTINCT FROM a.event_id
                  OR event_mentions.merge_reason IS DISTINCT FROM a.merge_reason)"""
    )


def _replace_events(con: duckdb.DuckDBPyConnection, run_id: str, now: dt.datetime) -> int:
    """Events rows rebuilt for every event involved; the rows they replace are archived.
    Returns how many existing events changed or went."""
    con.execute(
        """CREATE OR REPLACE TEMP TABLE old_ids AS
           SELECT DISTINCT old_event_id AS event_id FROM dedup_input WHERE old_event_id IS NOT NULL
           UNION SELECT event_id FROM touched"""
    )
    # only the events that existed before are compared and archived: bounded by what changed
    old = con.execute("SELECT * FROM events WHERE event_id IN (SELECT event_id FROM old_ids)").df()
    new_for_old = con.execute("SELECT * FROM dedup_events WHERE event_id IN (SELECT event_id FROM old_ids)").df()
    updated, removed = _changed_events(old, new_for_old)
    con.execute(sql("event_fates"))
    _archive(con, updated, run_id, now, "updated")
    _archive(con, removed, run_id, now, "removed")
    con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM old_ids)")
    cols = ", ".join(c for c in TABLE_COLUMNS["events"] if c in dedup.EVENT_COLUMNS)
    event_summary.describe(con)
    con.execute(
        f"INSERT INTO events BY NAME SELECT {cols}, summary, trigger_text, ? AS run_id, false AS gone "
        "FROM dedup_events_described",
        [run_id],
    )
    return len(updated) + len(removed)


def _check_written_once(con: duckdb.DuckDBPyConnection) -> None:
    """events has no key (its index was a third of the cost of the insert): the rows just
    written are checked instead, and a twice-written event fails the merge."""
    twice = con.execute(
        """SELECT event_id FROM events WHERE event_id IN (SELECT event_id FROM dedup_events)
           GROUP BY event_id HAVING count(*) > 1 LIMIT 1"""
    ).fetchall()
    if twice:
        raise WarehouseError(f"event {twice[0][0]} would occur twice in events; the merge was rolled back")


def _flag_gone_events(con: duckdb.DuckDBPyConnection) -> None:
    """An event whose every article is gone is flagged gone, never deleted."""
    con.execute(
        """UPDATE events SET gone = true WHERE event_id IN (
               SELECT m.event_id FROM event_mentions m JOIN articles a USING (article_id)
               WHERE m.event_id IN (SELECT event_id FROM dedup_events)
                 AND m.event_id IN (SELECT g.event_id FROM event_mentions g
                                    WHERE g.article_id IN (SELECT article_id FROM articles WHERE status = 'gone'))
               GROUP BY m.event_id HAVING bool_and(a.status = 'gone'))"""
    )


def _changed_events(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Old event rows whose content changed (updated) or that no longer exist (removed)."""
    if old.empty:
        return old, old
    gone_mask = ~old["event_id"].isin(set(new["event_id"]))
    cols = [c for c in EVENT_COMPARE if c in new.columns and c in old.columns]
    joined = old[["event_id", *cols]].merge(new[["event_id", *cols]], on="event_id", suffixes=("", "_new"))
    differs = pd.Series(False, index=joined.index)
    for c in cols:
        differs |= joined[c].astype(str) != joined[f"{c}_new"].astype(str)
    updated_ids = set(joined.loc[differs, "event_id"])
    return old[old["event_id"].isin(updated_ids)], old[gone_mask]


def _archive(con: duckdb.DuckDBPyConnection, old: pd.DataFrame, run_id: str, now: dt.datetime, change: str) -> None:
    """Keep the current rows of these events in `event_history` (one SQL statement: an
    incremental run can touch thousands of events that share actors with the new articles).
    An event whose mentions joined another event is archived as `merged`, one whose mentions
    went to several events as `split` (`event_fates.sql`), with the events they went to."""
    if old.empty:
        return
    con.execute(
        """INSERT INTO event_history BY NAME
           SELECT e.event_id, ? AS changed_run_id, ? AS changed_at,
                  coalesce(f.fate, ?) AS change, to_json(e)::VARCHAR AS old_row_json, f.related_event_ids
           FROM events e LEFT JOIN event_fates f ON f.event_id = e.event_id
           WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))""",
        [run_id, now, change, sorted(set(old["event_id"]))],
    )
