"""Cross-article de-duplication: mentions of one real-world event share one `event_id`.

Two mentions are the same event when they have the same type family (PLOVER root: a MEET
and a "talks" CONSULT are one family), the same named actors (in either order for symmetric
types such as MEET), compatible dates at their precision (the day 2026-01-25 lies inside the
month 2026-01) and compatible locations (equal, or one unknown). Negated mentions ("did not
meet") never join asserted ones.

Mentions without a named actor (only generic participants such as "the aircraft") never
merge; untyped (OTHER) mentions never merge, since their type says nothing about what
happened; mentions with a single named actor merge only inside one article; statements need
a named addressee. Undated mentions merge only when they name two actors and exactly one
dated event with those actors exists; a coarse date that fits two distinct events stays on
its own rather than being guessed into one.

The event id is derived from the cluster's earliest mention (publication date, then article
and mention id), so it is deterministic and does not depend on row order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from pipeline.events import EventTypeVocabulary

GENERIC_PREFIX = "nom:"
# untyped mentions are distinct predicates (the family says nothing about what happened)
UNMERGED_FAMILIES = {"OTHER"}
# a speaker says many things a day: statements merge only with a named addressee too
PAIR_ONLY_FAMILIES = {"STATEMENT"}
FACTUALITY_RANK = {"asserted": 0, "reported": 1, "planned/future": 2, "possible": 3, "negated": 4}


@lru_cache(maxsize=1)
def _vocabulary() -> EventTypeVocabulary:
    return EventTypeVocabulary.load()


def _actor(value: object) -> str | None:
    """Named actor id, or None for missing and generic (nominal) participants."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    s = str(value)
    if not s or s.startswith(GENERIC_PREFIX):
        return None
    return s


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    s = str(value).strip()
    return s or None


@dataclass
class _Cluster:
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    locations: set[str] = field(default_factory=set)
    members: list[int] = field(default_factory=list)  # positional row numbers
    articles: set[str] = field(default_factory=set)

    def location_ok(self, loc: str | None) -> bool:
        return loc is None or not self.locations or loc in self.locations

    def overlaps(self, start: pd.Timestamp, end: pd.Timestamp) -> bool:
        return self.start is not None and self.end is not None and start <= self.end and self.start <= end

    def add(self, pos: int, start: pd.Timestamp | None, end: pd.Timestamp | None, loc: str | None, article: str) -> None:
        self.members.append(pos)
        self.articles.add(article)
        if loc is not None:
            self.locations.add(loc)
        if start is not None and end is not None:
            if self.start is None or self.end is None:
                self.start, self.end = start, end
            else:
                # keep the finest range the members agree on
                s, e = max(self.start, start), min(self.end, end)
                if s <= e:
                    self.start, self.end = s, e


def _dates(df: pd.DataFrame, col: str) -> list[Any]:
    """A column as Python timestamps (None where missing): cheap to compare in loops."""
    if col not in df.columns:
        return [None] * len(df)
    values = pd.to_datetime(df[col], errors="coerce")
    return [None if pd.isna(v) else v for v in values.tolist()]


def _column(df: pd.DataFrame, name: str, fn: Callable[[object], Any]) -> list[Any]:
    """A column as a Python list through `fn` (missing column: all None)."""
    if name not in df.columns:
        return [None] * len(df)
    return [fn(v) for v in df[name].tolist()]


def _order_key(published: Any, article: str, mention_id: str) -> tuple[object, ...]:
    return (published is None, published if published is not None else pd.Timestamp.max, article, mention_id)


def assign_event_ids(mentions: pd.DataFrame) -> pd.Series:
    """One event id per mention row (index-aligned with `mentions`).

    Columns are read once into Python lists: the loops below touch every mention, and
    per-cell pandas access would make a large merge cost minutes instead of seconds.
    """
    n = len(mentions)
    if n == 0:
        return pd.Series([], index=mentions.index, dtype=object)
    voc = _vocabulary()
    df = mentions.reset_index(drop=True)
    starts = _dates(df, "date_start")
    ends = _dates(df, "date_end")
    published = _dates(df, "published_at")
    mention_ids = [str(x) for x in df["mention_id"].tolist()]
    articles = _column(df, "article_id", lambda v: "" if v is None else str(v))
    etypes = _column(df, "event_type", lambda v: "OTHER" if v is None else str(v))
    sources = _column(df, "source_actor_id", _actor)
    targets = _column(df, "target_actor_id", _actor)
    facts = _column(df, "factuality", _text)
    locs = _column(df, "location", lambda v: (_text(v) or "").casefold() or None)
    order = [_order_key(published[i], articles[i], mention_ids[i]) for i in range(n)]

    groups: dict[tuple[object, ...], list[int]] = {}
    for i in range(n):
        src, tgt, etype = sources[i], targets[i], etypes[i]
        if src is None and tgt is None:
            continue
        fam = voc.family(etype)
        if fam in UNMERGED_FAMILIES:
            continue
        actors: tuple[str, ...]
        if voc.is_symmetric(etype):
            actors = tuple(sorted(a for a in (src, tgt) if a is not None))
        else:
            actors = (src or "", tgt or "")
        named = len([a for a in actors if a])
        if named < 2 and fam in PAIR_ONLY_FAMILIES:
            continue
        # one named actor is weak evidence across articles ("Russia attacked" in two articles
        # on one day may be two attacks): such mentions merge only inside one article
        scope = "" if named >= 2 else articles[i]
        groups.setdefault((fam, actors, facts[i] == "negated", scope), []).append(i)

    ids: list[str] = [""] * n
    for key, rows in groups.items():
        dated = [i for i in rows if starts[i] is not None and ends[i] is not None]
        dated_set = set(dated)
        undated = [i for i in rows if i not in dated_set]
        # finest ranges first, then a deterministic order
        dated.sort(key=lambda i: ((ends[i] - starts[i]).days, *order[i]))
        local: list[_Cluster] = []
        for i in dated:
            s, e = starts[i], ends[i]
            fits = [c for c in local if c.overlaps(s, e) and c.location_ok(locs[i])]
            if len(fits) == 1:
                fits[0].add(i, s, e, locs[i], articles[i])
            else:
                c = _Cluster(None, None)
                c.add(i, s, e, locs[i], articles[i])
                local.append(c)
        two_actors = len([a for a in key[1] if a]) >= 2  # type: ignore[attr-defined]
        by_article: dict[str, _Cluster] = {}
        for i in sorted(undated, key=lambda i: order[i]):
            pub = published[i]
            fits = [
                c
                for c in local
                if c.start is not None and c.location_ok(locs[i]) and (pub is None or c.start <= pub)
            ]
            same_place = [c for c in fits if locs[i] is not None and locs[i] in c.locations]
            if two_actors and (len(same_place) == 1 or len(fits) == 1):
                (same_place or fits)[0].add(i, None, None, locs[i], articles[i])
                continue
            if not two_actors:
                continue  # an undated one-actor mention stays its own event
            # undated repeats of a two-actor event inside one article are one event
            own = by_article.get(articles[i])
            if own is None:
                own = _Cluster(None, None)
                by_article[articles[i]] = own
                local.append(own)
            own.add(i, None, None, locs[i], articles[i])
        for c in local:
            eid = f"ev_{mention_ids[min(c.members, key=lambda i: order[i])]}"
            for i in c.members:
                ids[i] = eid
    for i in range(n):
        if not ids[i]:  # no named actor: every such mention is its own event
            ids[i] = f"ev_{mention_ids[i]}"
    return pd.Series(ids, index=mentions.index, dtype=object)


def _mode(values: list[object]) -> object | None:
    vals = [v for v in values if v is not None and not (isinstance(v, float) and pd.isna(v)) and v is not pd.NA]
    if not vals:
        return None
    counts = Counter(str(v) for v in vals)
    best = max(counts.values())
    pick = min(k for k, c in counts.items() if c == best)
    return next(v for v in vals if str(v) == pick)


EVENT_COLUMNS = [
    "event_id", "event_type", "source_actor_id", "target_actor_id", "event_date", "date_start",
    "date_end", "date_precision", "location", "factuality", "mention_count", "article_count",
    "source_count", "first_seen", "last_seen", "confidence",
]


def build_events(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per event_id with its consensus attributes and mention/article/source counts."""
    if mentions.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    df = mentions.reset_index(drop=True)
    event_ids = (
        [str(v) for v in df["event_id"].tolist()] if "event_id" in df.columns else assign_event_ids(df).tolist()
    )
    starts = _dates(df, "date_start")
    ends = _dates(df, "date_end")
    published = _dates(df, "published_at")
    etypes = _column(df, "event_type", _text)
    srcs = _column(df, "source_actor_id", _text)
    tgts = _column(df, "target_actor_id", _text)
    named = _column(df, "source_actor_id", _actor), _column(df, "target_actor_id", _actor)
    event_dates = _column(df, "event_date", _text)
    precisions = _column(df, "date_precision", _text)
    locations = _column(df, "location", _text)
    facts = _column(df, "factuality", _text)
    articles = _column(df, "article_id", _text)
    outlets = [
        n or p or a
        for n, p, a in zip(_column(df, "source_name", _text), _column(df, "source_path", _text), articles, strict=True)
    ]
    confidences = _column(df, "confidence", lambda v: None if v is None or pd.isna(v) else float(v))  # type: ignore[arg-type]
    members_of: dict[str, list[int]] = {}
    for i, eid in enumerate(event_ids):
        members_of.setdefault(eid, []).append(i)
    rows = []
    for eid in sorted(members_of):
        members = members_of[eid]
        etype = _mode([etypes[i] for i in members]) or "OTHER"
        # the actor pair: the most frequent named pair, generic participants only as fallback
        with_name = [i for i in members if named[0][i] is not None or named[1][i] is not None] or members
        pair = _mode([f"{srcs[i] or ''}\x1f{tgts[i] or ''}" for i in with_name])
        src, tgt = [*str(pair).split("\x1f"), ""][:2] if pair is not None else ("", "")
        # the date: the finest range among the members, its most frequent value
        dated = [i for i in members if starts[i] is not None and ends[i] is not None]
        if dated:
            width = min((ends[i] - starts[i]).days for i in dated)
            finest = [i for i in dated if (ends[i] - starts[i]).days == width]
            val = _mode([event_dates[i] for i in finest])
            pick = next((i for i in finest if event_dates[i] == val), finest[0])
            event_date, precision = event_dates[pick], precisions[pick]
            d_start, d_end = starts[pick].date(), ends[pick].date()
        else:
            event_date = _text(_mode([event_dates[i] for i in members]))
            d_start = d_end = None
            precision = _text(_mode([precisions[i] for i in members]))
        fs = [facts[i] for i in members if facts[i]]
        factuality = min(fs, key=lambda f: FACTUALITY_RANK.get(str(f), 9)) if fs else None
        pubs = [published[i] for i in members if published[i] is not None]
        conf = [confidences[i] for i in members if confidences[i] is not None]
        rows.append(
            {
                "event_id": eid,
                "event_type": etype,
                "source_actor_id": src or None,
                "target_actor_id": tgt or None,
                "event_date": event_date,
                "date_start": d_start,
                "date_end": d_end,
                "date_precision": precision,
                "location": _mode([locations[i] for i in members]),
                "factuality": factuality,
                "mention_count": len(members),
                "article_count": len({articles[i] for i in members}),
                "source_count": len({outlets[i] for i in members} - {None}),
                "first_seen": min(pubs).date() if pubs else None,
                "last_seen": max(pubs).date() if pubs else None,
                "confidence": max(conf) if conf else None,
            }
        )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)
