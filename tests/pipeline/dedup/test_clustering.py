"""Cross-article de-duplication of event mentions into events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import dedup, warehouse
from pipeline.dedup import links

D = dt.date
PUB = D(2026, 2, 6)


def row(mid: str, art: str, etype: str, src: str | None, tgt: str | None, date: str | None,
        start: dt.date | None, end: dt.date | None, precision: str | None, loc: str | None = None,
        fact: str = "asserted", pub: dt.date | None = PUB, source: str | None = None) -> dict[str, object]:
    return {
        "mention_id": mid, "article_id": art, "event_type": etype, "source_actor_id": src,
        "target_actor_id": tgt, "event_date": date, "date_start": start, "date_end": end,
        "date_precision": precision, "location": loc, "factuality": fact, "published_at": pub,
        "source_name": source or art, "confidence": 0.8,
    }


ZEL, TSI = "ukr-zelenskyy", "blr-tsikhanouskaya"


def meeting_rows() -> list[dict[str, object]]:
    """The Vilnius meeting as four articles report it, plus a different meeting."""
    return [
        row("m1", "A", "CONSULT", TSI, ZEL, "2026-01-25", D(2026, 1, 25), D(2026, 1, 25), "day", "Vilnius", pub=D(2026, 2, 6)),
        row("m2", "B", "CONSULT", ZEL, TSI, None, None, None, None, "Vilnius", pub=None),  # "last weekend", no date
        row("m3", "C", "CONSULT", ZEL, TSI, "2026-01-25", D(2026, 1, 25), D(2026, 1, 25), "day", "Vilnius", pub=D(2026, 2, 4)),
        row("m4", "C", "CONSULT", ZEL, TSI, "2026-01", D(2026, 1, 1), D(2026, 1, 31), "month", None, pub=D(2026, 2, 4)),
        row("m5", "D", "CONSULT", TSI, ZEL, "2025-06-02", D(2025, 6, 2), D(2025, 6, 2), "day", "Kyiv", pub=D(2025, 6, 3)),
    ]


def test_same_meeting_across_articles_is_one_event_in_either_order() -> None:
    df = pd.DataFrame(meeting_rows())
    ids = dedup.assign_event_ids(df)
    assert ids[0] == ids[1] == ids[2] == ids[3]
    assert ids[4] != ids[0]
    events = dedup.build_events(df.assign(event_id=ids))
    vilnius = events[events.event_id == ids[0]].iloc[0]
    assert vilnius.article_count == 3 and vilnius.mention_count == 4 and vilnius.source_count == 3
    assert vilnius.event_date == "2026-01-25" and vilnius.date_precision == "day"
    assert vilnius.location == "Vilnius" and vilnius.first_seen == D(2026, 2, 4) and vilnius.last_seen == D(2026, 2, 6)


def test_ids_are_deterministic_and_independent_of_row_order() -> None:
    df = pd.DataFrame(meeting_rows())
    a = dedup.assign_event_ids(df)
    shuffled = df.sample(frac=1, random_state=3)
    b = dedup.assign_event_ids(shuffled).reindex(df.index)
    assert list(a) == list(b)
    # the id comes from the earliest-published mention of the cluster
    assert a[0] == "ev_m3"


def test_directed_events_keep_direction_and_family() -> None:
    df = pd.DataFrame([
        row("s1", "A", "SANCTION", "ukr", "blr", "2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
        row("s2", "B", "SANCTION", "blr", "ukr", "2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
        row("s3", "C", "SANCTION", "ukr", "blr", "2021-06", D(2021, 6, 1), D(2021, 6, 30), "month"),
        row("s4", "C", "ACCUSE", "ukr", "blr", "2021-06", D(2021, 6, 1), D(2021, 6, 30), "month"),
    ])
    ids = dedup.assign_event_ids(df)
    assert ids[0] == ids[2] and ids[1] != ids[0] and ids[3] != ids[2]


def test_conflicting_dates_negation_and_generic_actors_do_not_merge() -> None:
    df = pd.DataFrame([
        row("a", "A", "ASSAULT", "rus", "ukr", "2022-02-24", D(2022, 2, 24), D(2022, 2, 24), "day"),
        row("b", "B", "ASSAULT", "rus", "ukr", "2022-03-02", D(2022, 3, 2), D(2022, 3, 2), "day"),
        row("c", "C", "ASSAULT", "rus", "ukr", "2022", D(2022, 1, 1), D(2022, 12, 31), "year"),  # fits both: ambiguous
        row("d", "D", "ASSAULT", "rus", "ukr", "2022-02-24", D(2022, 2, 24), D(2022, 2, 24), "day", fact="negated"),
        row("e", "E", "OTHER", "nom:aircraft", None, "2022-02-24", D(2022, 2, 24), D(2022, 2, 24), "day"),
        row("f", "F", "OTHER", "nom:aircraft", None, "2022-02-24", D(2022, 2, 24), D(2022, 2, 24), "day"),
        row("g", "G", "STATEMENT", "ukr", None, None, None, None, None),
        row("h", "H", "STATEMENT", "ukr", None, None, None, None, None),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert len(set(ids)) == len(ids)


def test_build_events_on_empty_input() -> None:
    out = dedup.build_events(pd.DataFrame(columns=["mention_id", "event_id"]))
    assert out.empty and "article_count" in out.columns


def test_untyped_mentions_stay_apart_and_a_speaker_is_one_statement_per_article_and_day() -> None:
    """A press remark reported as "she said ... she added" is one statement; the same speaker in
    another article, on another day or another speaker is another."""
    day = (D(2026, 1, 25), D(2026, 1, 25))
    df = pd.DataFrame([
        row("o1", "A", "OTHER", "ukr", "blr", "2026-01-25", *day, "day"),
        row("o2", "B", "OTHER", "ukr", "blr", "2026-01-25", *day, "day"),
        row("s1", "A", "STATEMENT", "ukr-zelenskyy", None, "2026-01-25", *day, "day"),
        row("s2", "A", "STATEMENT", "ukr-zelenskyy", None, "2026-01-25", *day, "day"),
        row("s3", "A", "STATEMENT", "ukr-zelenskyy", None, "2026-01-24", D(2026, 1, 24), D(2026, 1, 24), "day"),
        row("s4", "A", "STATEMENT", "pol-duda", None, "2026-01-25", *day, "day"),
        row("s5", "B", "STATEMENT", "ukr-zelenskyy", None, "2026-01-25", *day, "day"),
        row("s6", "A", "STATEMENT", None, None, "2026-01-25", *day, "day"),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert ids[0] != ids[1]
    assert ids[2] == ids[3]
    assert len({ids[3], ids[4], ids[5], ids[6], ids[7]}) == 5


def sentence_row(mid: str, art: str, etype: str, src: str | None, tgt: str | None, day: dt.date | None,
                 at: int, sentence: str = "", basis: str = "explicit", **kw: object) -> dict[str, object]:
    """A mention with its place in the article (trigger offset), its sentence and date basis."""
    r = row(mid, art, etype, src, tgt, day.isoformat() if day else None, day, day, "day" if day else None, **kw)  # type: ignore[arg-type]
    r.update(trigger_start=at, sentence_start=at - 5 if sentence else None, sentence_text=sentence or None,
             date_basis=basis if day else "unknown")
    return r


def test_one_sided_and_bare_references_join_their_act_inside_and_across_articles() -> None:
    """"Russia attacked Kyiv on Monday. ... The attack killed three." in one outlet, "Moscow's
    strike on Monday" in another: one event. A strike a week earlier stays apart."""
    mon, week_before = D(2026, 3, 2), D(2026, 2, 23)
    df = pd.DataFrame([
        sentence_row("a1", "A", "ASSAULT", "rus", "ukr", mon, 10),
        sentence_row("a2", "A", "ASSAULT", None, None, mon, 200),  # "the attack killed three"
        sentence_row("a3", "A", "ASSAULT", "rus", None, week_before, 400),  # last week's strike
        sentence_row("b1", "B", "ASSAULT", "rus", None, mon, 15),  # "Moscow's strike on Monday"
        sentence_row("b2", "B", "ASSAULT", None, "nom:civilian", mon, 90),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert ids[0] == ids[1] == ids[3] == ids[4]
    assert ids[2] != ids[0]


def test_a_different_named_actor_or_a_coarse_date_blocks_a_link() -> None:
    mon = D(2026, 3, 2)
    df = pd.DataFrame([
        sentence_row("a1", "A", "ASSAULT", "rus", "ukr", mon, 10),
        sentence_row("a2", "A", "ASSAULT", "blr", None, mon, 50),  # another attacker: another act
        row("b1", "B", "ASSAULT", "rus", None, "2026-03", D(2026, 3, 1), D(2026, 3, 31), "month"),
        row("c1", "C", "SANCTION", "usa", "rus", "2026-03-02", mon, mon, "day"),
        row("d1", "D", "SANCTION", "usa", None, "2026-03-02", mon, mon, "day", loc="Paris"),
        row("d2", "D", "SANCTION", "usa", None, "2026-03-02", mon, mon, "day", loc="Rome"),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert ids[1] != ids[0]
    assert ids[2] != ids[0]  # one shared actor and a month: too coarse to say it is this act
    assert ids[4] != ids[5]  # places conflict
    assert ids[3] in (ids[4], ids[5]) or len({ids[3], ids[4], ids[5]}) == 3


def test_one_shared_actor_and_publication_dates_are_not_enough_across_articles() -> None:
    """"The United States imposed tariffs" and "the United States banned chip exports", each
    dated only by its article's day: two acts. With the day in the text, one."""
    day = D(2026, 3, 2)
    weak = pd.DataFrame([
        sentence_row("a1", "A", "SANCTION", "usa", None, day, 10, basis="publication"),
        sentence_row("b1", "B", "SANCTION", "usa", None, day, 10, basis="publication"),
    ])
    assert len(set(dedup.assign_event_ids(weak))) == 2
    strong = weak.assign(date_basis="explicit")
    assert len(set(dedup.assign_event_ids(strong))) == 1


def test_a_publication_date_default_gives_way_to_the_date_in_the_text() -> None:
    """"The president addressed parliament on Tuesday ... In the address, the president said":
    the second mention, dated only by the publication day, is the Tuesday address."""
    tue, pub = D(2026, 3, 3), D(2026, 3, 6)
    df = pd.DataFrame([
        sentence_row("a1", "A", "STATEMENT", "ukr-zelenskyy", "ner:organisation:rada", tue, 10),
        sentence_row("a2", "A", "STATEMENT", "ukr-zelenskyy", "ner:organisation:rada", pub, 90, basis="publication"),
        sentence_row("a3", "A", "ASSAULT", "rus", None, tue, 150),
        sentence_row("a4", "A", "ASSAULT", "rus", None, D(2026, 2, 20), 190, basis="explicit"),  # two weeks before
        sentence_row("a5", "A", "ASSAULT", "rus", None, pub, 240, basis="publication"),
        sentence_row("b1", "B", "ASSAULT", "rus", None, D(2026, 3, 20), 10, basis="publication"),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert ids[0] == ids[1]
    assert ids[4] == ids[2] != ids[3]
    assert ids[5] not in ids[:5]


def test_a_default_date_stays_when_the_text_reports_an_act_on_that_day() -> None:
    """"Drones hit the capital on Monday (the publication day) ... Russia's attacks" stays
    with Monday's attack even when the attacker named there conflicts; last week's strike
    is not Monday's."""
    mon, last_week = D(2026, 3, 2), D(2026, 2, 24)
    df = pd.DataFrame([
        sentence_row("a1", "A", "ASSAULT", "ner:organisation:drone-maker", "ukr", mon, 10),
        sentence_row("a2", "A", "ASSAULT", "rus", None, mon, 90, basis="publication"),
        sentence_row("a3", "A", "ASSAULT", "rus", None, last_week, 150),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert ids[1] != ids[2]


def test_a_year_long_summary_joins_no_single_act() -> None:
    df = pd.DataFrame([
        sentence_row("a1", "A", "ASSAULT", "ner:organisation:front", None, D(2026, 3, 2), 10),
        row("a2", "A", "ASSAULT", "ner:organisation:front", None, "2026", D(2026, 1, 1), D(2026, 12, 31), "year"),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert ids[0] != ids[1]


def test_a_year_long_summary_takes_in_no_single_act_told_after_it() -> None:
    """"Since the start of the year the front has stepped up attacks. Last month its fighters
    ambushed a bus": the summary is many acts, the ambush one of them or not; they stay apart."""
    df = pd.DataFrame([
        row("a1", "A", "ASSAULT", "ner:organisation:front", "nom:worker", "2026", D(2026, 1, 1), D(2026, 12, 31), "year"),
        row("a2", "A", "ASSAULT", "ner:organisation:front", None, "2026-02", D(2026, 2, 1), D(2026, 2, 28), "month"),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert ids[0] != ids[1]


def test_undated_bare_reference_joins_only_the_one_candidate() -> None:
    mon, tue = D(2026, 3, 2), D(2026, 3, 3)
    df = pd.DataFrame([
        sentence_row("a1", "A", "ASSAULT", "rus", "ukr", mon, 10),
        sentence_row("a2", "A", "ASSAULT", "rus", "pol", tue, 50),
        sentence_row("a3", "A", "ASSAULT", None, None, None, 90),  # "the attack": which one?
        sentence_row("b1", "B", "ASSAULT", "rus", "ukr", mon, 10),
        sentence_row("b2", "B", "ASSAULT", None, None, None, 90),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert len({ids[0], ids[1], ids[2]}) == 3
    assert ids[0] == ids[3] == ids[4]


def test_syndicated_copies_add_no_events_and_say_why() -> None:
    """Three near-identical copies of one wire story (one line changed) give the events of one."""
    lines = [
        ("ASSAULT", "rus", None, "Russian forces shelled the eastern city of Kharkiv overnight, officials said."),
        ("ACCUSE", "ukr", "rus", "Kyiv accused Moscow of deliberately targeting apartment blocks in the city."),
        ("CONSULT", "fra", "ukr", "The French foreign minister met his Ukrainian counterpart in Paris on Friday."),
        ("STATEMENT", "ukr-zelenskyy", None, "The president said the attacks would not break the country."),
    ]
    rows = []
    for copy in ("A", "B", "C"):
        for n, (etype, src, tgt, text) in enumerate(lines):
            if copy == "C" and n == 3:
                text = "A spokesman said the attacks would not break the country's resolve."
            rows.append(sentence_row(f"{copy}{n}", copy, etype, src, tgt, D(2026, 3, 6 - n), 100 * n + 12, text,
                                     pub=D(2026, 3, 6) + dt.timedelta(days="ABC".index(copy))))
    df = pd.DataFrame(rows)
    ids = dedup.assign_event_ids(df)
    events = dedup.build_events(df.assign(event_id=ids))
    assert len(events) == 5  # four events of the story, and the changed line's statement
    assert ids[0] == ids[4] == ids[8] and ids[3] == ids[7] != ids[11]
    with dedup._frame_connection(df, "dedup_input") as con:
        dedup.cluster(con)
        reasons = dict(con.execute(
            "SELECT mention_id, dedup_reason(rid, ek, merge_reason) FROM dedup_ids"
        ).fetchall())
    assert reasons["A0"] is None  # the first mention: the event id names it
    assert reasons["B0"] == links.REASON_SYNDICATED and reasons["C2"] == links.REASON_KEY


def test_interval_clustering_in_slices_gives_the_same_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """Groups that need Python are fetched a slice of whole groups at a time (bounded memory)."""
    df = pd.DataFrame([
        *meeting_rows(),
        row("s1", "A", "SANCTION", "ukr", "blr", "2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
        row("s3", "C", "SANCTION", "ukr", "blr", "2021-06", D(2021, 6, 1), D(2021, 6, 30), "month"),
    ])
    whole = list(dedup.assign_event_ids(df))
    monkeypatch.setattr(dedup, "GREEDY_SLICE_ROWS", 1)
    assert list(dedup.assign_event_ids(df)) == whole
    assert whole[0] == whole[1] == whole[2] == whole[3] and whole[5] == whole[6]


def test_event_summary_spills_under_half_the_merge_memory_limit(tmp_path: Path) -> None:
    """A million events summarised under 256 MB, half the merge's default limit: every step must
    be able to spill to disk. Per-event count(DISTINCT) and hash joins side by side could not,
    and ran out of memory. Half the events are single mentions (the fast path); the other half
    have two mentions that disagree on the place, so the votes run for them (all the votes
    joined in one statement ran out here too)."""
    con = duckdb.connect(str(tmp_path / "summary.duckdb"))
    con.execute(
        """CREATE TABLE dedup_members AS SELECT ek, 'ev_m' || ek AS event_id, 'm' || i AS mention_id,
               'CONSULT' AS event_type, 'act-' || (ek % 500) AS source_actor_id, 'ukr' AS target_actor_id,
               '2026-01-25' AS event_date, 'day' AS date_precision, DATE '2026-01-25' AS date_start,
               DATE '2026-01-25' AS date_end, CASE WHEN paired AND i % 2 = 1 THEN 'Minsk' ELSE 'Vilnius' END AS location,
               'asserted' AS factuality, i // 3 AS article_no, i % 7 AS outlet_no,
               TIMESTAMP '2026-01-26' AS published_at, 0.5 AS confidence
           FROM (SELECT i, i < 1000000 AS paired, CASE WHEN i < 1000000 THEN i // 2 ELSE i END AS ek
                 FROM range(1500000) t(i))"""
    )
    con.execute("SET threads = 2")
    warehouse.limit_memory(con, "256MB")
    dedup.summarise(con)
    assert con.execute(
        """SELECT count(*), sum(mention_count), count(*) FILTER (location = 'Minsk'),
                  count(*) FILTER (mention_count = 2 AND article_count = 2 AND source_count = 2)
           FROM dedup_events"""
    ).fetchall() == [(1_000_000, 1_500_000, 500_000, 166_667)]  # a pair spans two articles when 2k+1 starts one


def test_a_bare_reference_with_a_default_date_continues_the_act_just_before_it() -> None:
    """"Russia struck Kharkiv last week. Those strikes used drones." beside "On Monday Russia
    attacked Odesa": "those strikes" (no actor, dated only by the publication day) is last
    week's act, not Monday's, though the default date matches Monday. A year-long summary
    just before a bare reference is no act to continue."""
    mon = D(2026, 3, 2)
    week = row("a2", "A", "ASSAULT", "rus", None, "2026-W09", D(2026, 2, 23), D(2026, 3, 1), "week")
    week.update(trigger_start=60, sentence_start=55, sentence_text=None, date_basis="relative-to-publication")
    year = row("c1", "C", "ASSAULT", "rus", None, "2025", D(2025, 1, 1), D(2025, 12, 31), "year")
    year.update(trigger_start=10, sentence_start=5, sentence_text=None, date_basis="explicit")
    df = pd.DataFrame([
        sentence_row("a1", "A", "ASSAULT", "rus", "ukr", mon, 10),  # Monday's attack
        week,  # last week's strike
        sentence_row("a3", "A", "ASSAULT", None, None, mon, 90, basis="publication"),  # "those strikes"
        sentence_row("a4", "A", "ASSAULT", "rus", None, mon, 120),  # "Monday's attack"
        sentence_row("a5", "A", "ASSAULT", None, None, mon, 150, basis="publication"),  # "the attack"
        year,  # "strikes all last year"
        sentence_row("c2", "C", "ASSAULT", None, None, mon, 50, basis="publication"),
    ])
    ids = list(dedup.assign_event_ids(df))
    assert ids[1] == ids[2] != ids[0]
    assert ids[0] == ids[3] == ids[4]
    assert ids[5] != ids[6]
