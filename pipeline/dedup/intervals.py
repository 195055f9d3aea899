"""Interval clustering of the first de-duplication pass, for the groups SQL cannot settle.

A group is one type family, one named actor pair and one negation. Its mentions are one event
per distinct day when every member has a day date and at most one place (SQL does that);
otherwise this module clusters them: dated mentions, finest ranges first, join the one
cluster whose range they overlap (ambiguous: a cluster of their own), undated ones the only
fitting cluster (or their article's own undated cluster).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from pipeline.events import EventTypeVocabulary

GENERIC_PREFIX = "nom:"
# untyped mentions are distinct predicates (the family says nothing about what happened)
UNMERGED_FAMILIES = {"OTHER"}


@lru_cache(maxsize=1)
def vocabulary() -> EventTypeVocabulary:
    return EventTypeVocabulary.load()


def named_actor(value: object) -> str | None:
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


def greedy_ids(mentions: pd.DataFrame) -> pd.Series:
    """Event ids for whole groups that need interval clustering (index-aligned): each id names
    a member mention, `ev_<mention_id>`.

    Dated mentions, finest ranges first, join the one cluster whose range they overlap
    (ambiguous: a cluster of their own); undated two-actor mentions join the only fitting
    cluster. Columns are read once into Python lists: per-cell pandas access is slow.
    """
    n = len(mentions)
    if n == 0:
        return pd.Series([], index=mentions.index, dtype=object)
    voc = vocabulary()
    df = mentions.reset_index(drop=True)
    starts = _dates(df, "date_start")
    ends = _dates(df, "date_end")
    published = _dates(df, "published_at")
    mention_ids = [str(x) for x in df["mention_id"].tolist()]
    articles = _column(df, "article_id", lambda v: "" if v is None else str(v))
    etypes = _column(df, "event_type", lambda v: "OTHER" if v is None else str(v))
    sources = _column(df, "source_actor_id", named_actor)
    targets = _column(df, "target_actor_id", named_actor)
    facts = _column(df, "factuality", _text)
    locs = _column(df, "location", lambda v: (_text(v) or "").casefold() or None)
    order = [_order_key(published[i], articles[i], mention_ids[i]) for i in range(n)]

    groups: dict[tuple[object, ...], list[int]] = {}
    for i in range(n):
        src, tgt, etype = sources[i], targets[i], etypes[i]
        fam = voc.family(etype)
        if src is None or tgt is None or fam in UNMERGED_FAMILIES:
            continue  # fewer than two named actors: the link pass (links.py) decides
        actors = tuple(sorted((src, tgt))) if voc.is_symmetric(etype) else (src, tgt)
        groups.setdefault((fam, actors, facts[i] == "negated"), []).append(i)

    ids: list[str] = [""] * n
    for rows in groups.values():
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
        by_article: dict[str, _Cluster] = {}
        for i in sorted(undated, key=lambda i: order[i]):
            pub = published[i]
            fits = [
                c
                for c in local
                if c.start is not None and c.location_ok(locs[i]) and (pub is None or c.start <= pub)
            ]
            same_place = [c for c in fits if locs[i] is not None and locs[i] in c.locations]
            if len(same_place) == 1 or len(fits) == 1:
                (same_place or fits)[0].add(i, None, None, locs[i], articles[i])
                continue
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
        if not ids[i]:  # not a two-actor mention: its own event until the link pass
            ids[i] = f"ev_{mention_ids[i]}"
    return pd.Series(ids, index=mentions.index, dtype=object)


