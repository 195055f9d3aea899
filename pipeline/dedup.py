"""Cross-article de-duplication: mentions of one real-world event share one `event_id`.

Two mentions are the same event when they have the same type family (PLOVER root: a MEET
and a "talks" CONSULT are one family), the same named actors (in either order for symmetric
types such as MEET), compatible dates at their precision (the day 2026-01-25 lies inside the
month 2026-01) and compatible locations (equal, or one unknown). Negated mentions ("did not
meet") never join asserted ones.

Mentions without a named actor (only generic participants such as "the aircraft") never
merge across articles. Undated mentions merge only when they name two actors and exactly one
dated event with those actors exists; a coarse date that fits two distinct events stays on
its own rather than being guessed into one.

The event id is derived from the cluster's earliest mention (publication date, then article
and mention id), so it is deterministic and does not depend on row order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from pipeline.events import EventTypeVocabulary

GENERIC_PREFIX = "nom:"
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


def _dates(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df.columns:
        return pd.Series([pd.NaT] * len(df), index=df.index, dtype="datetime64[ns]")
    return pd.to_datetime(df[col], errors="coerce")


def assign_event_ids(mentions: pd.DataFrame) -> pd.Series:
    """One event id per mention row (index-aligned with `mentions`)."""
    n = len(mentions)
    if n == 0:
        return pd.Series([], index=mentions.index, dtype=object)
    voc = _vocabulary()
    df = mentions.reset_index(drop=True)
    starts = _dates(df, "date_start")
    ends = _dates(df, "date_end")
    published = _dates(df, "published_at")
    col = df.columns
    mention_ids = [str(x) for x in df["mention_id"]]
    articles = [str(x) for x in df["article_id"]] if "article_id" in col else [""] * n

    keys: list[tuple[object, ...] | None] = []
    for i in range(n):
        etype = str(df.at[i, "event_type"]) if "event_type" in col else "OTHER"
        fam = voc.family(etype)
        src = _actor(df.at[i, "source_actor_id"]) if "source_actor_id" in col else None
        tgt = _actor(df.at[i, "target_actor_id"]) if "target_actor_id" in col else None
        if src is None and tgt is None:
            keys.append(None)
            continue
        negated = (_text(df.at[i, "factuality"]) if "factuality" in col else None) == "negated"
        actors: tuple[str, ...]
        if voc.is_symmetric(etype):
            actors = tuple(sorted(a for a in (src, tgt) if a is not None))
        else:
            actors = (src or "", tgt or "")
        keys.append((fam, actors, negated))

    locs = [(_text(df.at[i, "location"]) or "").casefold() or None if "location" in col else None for i in range(n)]
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, k in enumerate(keys):
        if k is not None:
            groups.setdefault(k, []).append(i)

    def order(i: int) -> tuple[object, ...]:
        p = published[i]
        return (pd.isna(p), p if not pd.isna(p) else pd.Timestamp.max, articles[i], mention_ids[i])

    cluster_of: list[int] = list(range(n))  # default: every mention its own event
    clusters: list[_Cluster] = []
    for key, rows in groups.items():
        dated = [i for i in rows if not pd.isna(starts[i]) and not pd.isna(ends[i])]
        undated = [i for i in rows if i not in set(dated)]
        # finest ranges first, then a deterministic order
        dated.sort(key=lambda i: ((ends[i] - starts[i]).days, *order(i)))
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
        for i in sorted(undated, key=order):
            pub = published[i]
            fits = [
                c
                for c in local
                if c.start is not None and c.location_ok(locs[i]) and (pd.isna(pub) or c.start <= pub)
            ]
            same_place = [c for c in fits if locs[i] is not None and locs[i] in c.locations]
            if two_actors and (len(same_place) == 1 or len(fits) == 1):
                (same_place or fits)[0].add(i, None, None, locs[i], articles[i])
                continue
            # undated repeats inside one article are one event
            own = by_article.get(articles[i])
            if own is None:
                own = _Cluster(None, None)
                by_article[articles[i]] = own
                local.append(own)
            own.add(i, None, None, locs[i], articles[i])
        clusters.extend(local)

    ids: list[str] = [""] * n
    for c in clusters:
        first = min(c.members, key=order)
        eid = f"ev_{mention_ids[first]}"
        for i in c.members:
            ids[i] = eid
    for i in range(n):
        if not ids[i]:
            ids[i] = f"ev_{mention_ids[cluster_of[i]]}"
    return pd.Series(ids, index=mentions.index, dtype=object)


def _mode(values: list[object]) -> object | None:
    vals = [v for v in values if v is not None and not (isinstance(v, float) and pd.isna(v)) and v is not pd.NA]
    if not vals:
        return None
    counts = Counter(str(v) for v in vals)
    best = max(counts.values())
    pick = min(k for k, c in counts.items() if c == best)
    return next(v for v in vals if str(v) == pick)


def build_events(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per event_id with its consensus attributes and mention/article/source counts."""
    columns = [
        "event_id", "event_type", "source_actor_id", "target_actor_id", "event_date", "date_start",
        "date_end", "date_precision", "location", "factuality", "mention_count", "article_count",
        "source_count", "first_seen", "last_seen", "confidence",
    ]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    df = mentions.reset_index(drop=True).copy()
    if "event_id" not in df.columns:
        df["event_id"] = assign_event_ids(df).to_numpy()
    starts = _dates(df, "date_start")
    ends = _dates(df, "date_end")
    published = _dates(df, "published_at")
    col = set(df.columns)
    rows = []
    for eid, idx in df.groupby("event_id", sort=True).indices.items():
        members = list(idx)
        sub = df.iloc[members]

        def get(name: str, sub: pd.DataFrame = sub) -> list[object]:
            return list(sub[name]) if name in col else [None] * len(sub)

        etype = _mode(get("event_type")) or "OTHER"
        # the actor pair: the most frequent named pair, generic participants only as fallback
        pairs = [
            (s, t)
            for s, t in zip(get("source_actor_id"), get("target_actor_id"), strict=True)
        ]
        named = [(s, t) for s, t in pairs if _actor(s) is not None or _actor(t) is not None]
        pair = _mode([f"{_text(s) or ''}\x1f{_text(t) or ''}" for s, t in (named or pairs)])
        src, tgt = [*str(pair).split("\x1f"), ""][:2] if pair is not None else ("", "")
        # the date: the finest range among the members, its most frequent value
        dated = [i for i in members if not pd.isna(starts[i]) and not pd.isna(ends[i])]
        if dated:
            width = min((ends[i] - starts[i]).days for i in dated)
            finest = [i for i in dated if (ends[i] - starts[i]).days == width]
            val = _mode([_text(df.at[i, "event_date"]) if "event_date" in col else None for i in finest])
            pick = next(
                (i for i in finest if ("event_date" in col and _text(df.at[i, "event_date"]) == val)), finest[0]
            )
            event_date = _text(df.at[pick, "event_date"]) if "event_date" in col else None
            d_start, d_end = starts[pick].date(), ends[pick].date()
            precision = _text(df.at[pick, "date_precision"]) if "date_precision" in col else None
        else:
            event_date = _text(_mode([_text(v) for v in get("event_date")]))
            d_start = d_end = None
            precision = _text(_mode([_text(v) for v in get("date_precision")]))
        facts = [_text(v) for v in get("factuality") if _text(v)]
        factuality = min(facts, key=lambda f: FACTUALITY_RANK.get(str(f), 9)) if facts else None
        sources = {
            _text(n) or _text(p) or _text(a)
            for n, p, a in zip(get("source_name"), get("source_path"), get("article_id"), strict=True)
        }
        pubs = [published[i] for i in members if not pd.isna(published[i])]
        conf = [float(v) for v in get("confidence") if v is not None and not pd.isna(v)]  # type: ignore[arg-type]
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
                "location": _mode([_text(v) for v in get("location")]),
                "factuality": factuality,
                "mention_count": len(members),
                "article_count": len({_text(a) for a in get("article_id")}),
                "source_count": len(sources - {None}),
                "first_seen": min(pubs).date() if pubs else None,
                "last_seen": max(pubs).date() if pubs else None,
                "confidence": max(conf) if conf else None,
            }
        )
    return pd.DataFrame(rows, columns=columns)
