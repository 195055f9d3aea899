"""The second pass of de-duplication: events that share no full actor key but are one act.

The first pass (`dedup_assign.sql` and the interval clustering) merges mentions whose named
actors are the same pair. Real reporting names an act once and refers to it again without
its actors ("Russia attacked Kyiv on Monday. ... The attack killed three."), or names one
side only; a syndicated copy repeats a sentence word for word. This pass links the first
pass's events (units) in three steps, each an explainable rule:

1. **Syndicated sentences**: the same sentence (40 characters or more) with the trigger at
   the same place, the same type family and actors, in two articles, is one event.
2. **Inside one article**: a mention with an empty or generic slot joins, in document order,
   the compatible event of its family in the same article (named actors agree where both have one, dates
   overlap, places do not conflict), the one with the most shared named actors, then the
   same date, then the most mentions. A mention with neither a named actor nor a date joins
   only when the article has exactly one candidate; one dated only to a season or a year
   ("attacks since the start of the year") sums up many acts: it joins none and none joins it. An event of the
   article dated only by a default (the publication date) joins one with a shared named actor
   whose date the text gives, in the week before (a default is weak evidence, not a veto).
   Before all that, a mention with no named actor and only a default date continues the act
   of its family in the mention just before it, if that act's date (a month or finer) came
   from the text ("Russia struck Kharkiv last week. Those strikes used drones.").
3. **Across articles**: an event that holds such mentions joins an event of another article
   when their actors are compatible, their places agree, their dates are known and overlap,
   and they share enough: two named actors and dates of a month or finer, or one named actor
   and the same day read from the text on both sides (a date that is only the publication
   date is weak evidence: "the United States imposed tariffs" and "the United States banned
   chips", both dated by their articles' day, are two acts) — and only when exactly one event
   fits (a coarse mention that fits two acts stays apart).

Statements link inside their article only, and only to a statement of the same named speaker
on the same date: a press remark reported in five sentences ("she said", "she added") is one
statement, a speaker's remarks in two articles may be two. Untyped mentions take no part.
Every decision leaves a `merge_reason` on the mentions it moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipeline.dedup.intervals import named_actor

REASON_KEY = "same type family, named actors and date"
REASON_SYNDICATED = "same sentence in another article (syndicated copy)"
REASON_ARTICLE = "same article: compatible actors, date and place"
REASON_SPEAKER = "same article: the same speaker on the same date"
REASON_WEAK_DATE = "same article: a shared actor, and the date in the text instead of a default"
REASON_ACROSS = "another article: a shared named actor, compatible actors, dates and place"
REASON_PREVIOUS = "same article: a bare reference with a default date continues the act just before it"

SYNDICATED_MIN_CHARS = 40
PAIR_DAYS = 31  # with two shared named actors a month is fine enough to link across articles
COARSE_DAYS = 31  # a mention dated more coarsely than a month joins nothing inside its article
WEAK_DAYS = 7  # a publication-date default may give way to a text date this many days earlier
# date bases read from the text; a publication or reference default is weak evidence
TEXT_BASES = frozenset({"explicit", "relative-to-publication", "inherited"})
DEFAULT_BASES = frozenset({"publication", "reference"})


@dataclass
class Group:
    """A set of first-pass events being linked, with what they jointly say."""

    srcs: set[str] = field(default_factory=set)
    tgts: set[str] = field(default_factory=set)
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    locs: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    size: int = 0
    from_text: bool = False  # a member's date was read from the text, not defaulted
    defaulted: bool = False  # every member's date is a default (publication or reference date)

    def parts(self) -> set[str]:
        return self.srcs | self.tgts

    def absorb(self, other: Group) -> None:
        self.srcs |= other.srcs
        self.tgts |= other.tgts
        self.locs |= other.locs
        self.articles |= other.articles
        self.size += other.size
        self.from_text |= other.from_text
        self.defaulted &= other.defaulted
        if other.start is not None and other.end is not None:
            if self.start is None or self.end is None:
                self.start, self.end = other.start, other.end
            elif max(self.start, other.start) <= min(self.end, other.end):
                self.start, self.end = max(self.start, other.start), min(self.end, other.end)

    def dated(self) -> bool:
        return self.start is not None and self.end is not None

    def width_days(self) -> int:
        assert self.start is not None and self.end is not None
        return int((self.end - self.start).days)


def actors_agree(a: Group, b: Group, symmetric: bool) -> bool:
    """Named actors agree where both sides name one: an empty slot never blocks, a different
    named actor does. Symmetric types (a meeting) compare their participants as one set."""
    if symmetric:
        pa, pb = a.parts(), b.parts()
        return not pa or not pb or pa <= pb or pb <= pa or len(pa | pb) <= 2
    return (not a.srcs or not b.srcs or bool(a.srcs & b.srcs)) and (not a.tgts or not b.tgts or bool(a.tgts & b.tgts))


def dates_agree(a: Group, b: Group) -> bool:
    """Unknown dates never block; known ones must overlap at the coarser precision."""
    if not a.dated() or not b.dated():
        return True
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    return max(a.start, b.start) <= min(a.end, b.end)


def places_agree(a: Group, b: Group) -> bool:
    return not a.locs or not b.locs or bool(a.locs & b.locs)


def compatible(a: Group, b: Group, symmetric: bool) -> bool:
    return actors_agree(a, b, symmetric) and dates_agree(a, b) and places_agree(a, b)


def enough_in_common(a: Group, b: Group, shared: int) -> bool:
    """Across articles: two shared named actors and month-fine dates, or one shared actor and
    the same day read from the text on both sides."""
    if shared >= 2:
        return max(a.width_days(), b.width_days()) <= PAIR_DAYS
    return shared == 1 and a.from_text and b.from_text and a.width_days() == 0 and b.width_days() == 0


class Links:
    """Union-find over first-pass event ids, remembering why each set was joined."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.groups: dict[str, Group] = {}
        self.reason: dict[str, str] = {}  # unit -> why it joined the set it is in
        self.members: dict[str, list[str]] = {}  # root -> its units

    def add(self, uid: str, group: Group) -> None:
        if uid in self.groups:
            return
        self.parent[uid] = uid
        self.groups[uid] = group
        self.members[uid] = [uid]

    def find(self, uid: str) -> str:
        root = uid
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[uid] != root:
            self.parent[uid], uid = root, self.parent[uid]
        return root

    def union(self, keep: str, join: str, reason: str) -> str:
        """Join `join`'s set to `keep`'s; the units of `join`'s set record `reason`."""
        a, b = self.find(keep), self.find(join)
        if a == b:
            return a
        for uid in (*self.members[a], *self.members[b]):
            self.reason.setdefault(uid, reason)  # either side's id may be the one that goes
        self.members[a].extend(self.members.pop(b))
        self.parent[b] = a
        self.groups[a].absorb(self.groups.pop(b))
        return a

    def group(self, uid: str) -> Group:
        return self.groups[self.find(uid)]


def _when(value: Any) -> pd.Timestamp | None:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    ts = pd.Timestamp(value)
    return None if pd.isna(ts) else ts


def _unit_groups(rows: pd.DataFrame) -> tuple[Links, dict[str, bool]]:
    """One group per first-pass event from its mention rows (dates: the members' common range)."""
    links = Links()
    symmetric: dict[str, bool] = {}
    for r in rows.itertuples(index=False):
        uid = str(r.event_id)
        start, end = _when(r.date_start), _when(r.date_end)
        one = Group(
            srcs={a for a in [named_actor(r.src)] if a},
            tgts={a for a in [named_actor(r.tgt)] if a},
            start=start if end is not None else None,
            end=end if start is not None else None,
            locs={str(r.loc)} if isinstance(r.loc, str) and r.loc else set(),
            articles={str(r.article_id)},
            size=1,
            from_text=start is not None and end is not None and str(r.date_basis) in TEXT_BASES,
            defaulted=start is not None and end is not None and str(r.date_basis) in DEFAULT_BASES,
        )
        symmetric[uid] = bool(r.is_symmetric)
        if uid in links.groups:
            links.groups[uid].absorb(one)
        else:
            links.add(uid, one)
    return links, symmetric


def link_syndicated(rows: pd.DataFrame, links: Links) -> None:
    """Step 1: units holding the same long sentence (trigger at the same place) in other articles."""
    keyed = rows[rows["sent_key"].notna()]
    for _, grp in keyed.groupby(["fam", "negated", "sent_key"], sort=True):
        if grp["article_id"].nunique() < 2:
            continue
        uids = sorted(set(grp["event_id"].astype(str)))
        for uid in uids[1:]:
            sym = bool(grp["is_symmetric"].iloc[0])
            if compatible(links.group(uids[0]), links.group(uid), sym):
                links.union(uids[0], uid, REASON_SYNDICATED)


def _best(cands: list[str], links: Links, unit: Group, order: dict[str, tuple[object, ...]]) -> str:
    """The candidate set a unit joins: most shared named actors, same date, most mentions, earliest."""

    def score(root: str) -> tuple[object, ...]:
        g = links.groups[root]
        shared = len(g.parts() & unit.parts())
        same_date = g.dated() and unit.dated() and g.start == unit.start and g.end == unit.end
        return (-shared, not same_date, -g.size, order[root])

    return min(cands, key=score)


def link_in_articles(rows: pd.DataFrame, links: Links, symmetric: dict[str, bool], order: dict[str, tuple[object, ...]]) -> set[str]:
    """Step 2: partial units join a compatible set of their family in the same article.
    Returns the units that were partial (they may link across articles in step 3)."""
    partial: set[str] = set()
    for (_art, _fam, _neg), grp in rows.groupby(["article_id", "fam", "negated"], sort=True):
        grp = grp.sort_values(["trigger_start", "mention_id"], na_position="last")
        units = dict(zip(grp["event_id"], grp["partial"], strict=True))
        if bool(grp["speaker_only"].iloc[0]):
            link_speaker(units, links)
            link_weak_dates(list(units), links, symmetric, order)
            continue
        # fully named events of the article are candidates wherever they stand in it (a
        # headline's one-sided "Russia launches attacks" precedes the lead that names both)
        seen = [uid for uid, is_partial in units.items() if not is_partial]
        previous: dict[str, str | None] = {}  # unit -> the unit of the mention just before its first
        last: str | None = None
        for eid in grp["event_id"]:
            previous.setdefault(eid, last)
            last = eid
        for uid, is_partial in units.items():
            if not is_partial:
                continue
            partial.add(uid)
            unit = links.group(uid)
            if _continues_previous(uid, previous.get(uid), links, symmetric[uid]):
                links.union(str(previous[uid]), uid, REASON_PREVIOUS)
                seen.append(uid)
                continue
            roots = list(dict.fromkeys(links.find(s) for s in seen if links.find(s) != links.find(uid)))
            cands = [r for r in roots if compatible(links.groups[r], unit, symmetric[uid])]
            bare = not unit.parts() and not unit.dated()
            if _coarse(unit):
                cands = []
            # one dated only to a season or a year sums up many acts and takes none in, though
            # it still makes a bare reference ambiguous
            fine = [r for r in cands if not _coarse(links.groups[r])]
            if fine and (not bare or len(cands) == 1):
                links.union(_best(fine, links, unit, order), uid, REASON_ARTICLE)
            seen.append(uid)
        link_weak_dates(list(units), links, symmetric, order)
    return partial


def _coarse(g: Group) -> bool:
    """Dated only to a season, a year or coarser ("attacks since the start of the year"): a
    summary of many acts, which neither joins nor takes in a single one inside its article."""
    return g.dated() and g.width_days() > COARSE_DAYS


def _continues_previous(uid: str, prev: str | None, links: Links, symmetric: bool) -> bool:
    """A reference with no named actor and only a default date ("Those attacks involved
    drones") continues the act of its family reported just before it, even when that act's
    date was read from the text (a default date is weak evidence, not a veto)."""
    if prev is None or links.find(prev) == links.find(uid):
        return False
    unit, before = links.group(uid), links.group(prev)
    if unit.parts() or not unit.defaulted or unit.width_days() > COARSE_DAYS:
        return False
    if not (before.from_text and before.dated()) or before.width_days() > COARSE_DAYS:
        return False
    return actors_agree(before, unit, symmetric) and places_agree(before, unit)


def _weak_fits(weak: Group, g: Group, symmetric: bool) -> bool:
    """A publication-date default gives way to a date read from the text of the week before."""
    if not (g.from_text and g.dated() and weak.dated()) or not (g.parts() & weak.parts()):
        return False
    assert g.start is not None and g.end is not None and weak.start is not None and weak.end is not None
    in_week = weak.start - pd.Timedelta(days=WEAK_DAYS) <= g.start and g.end <= weak.end
    return in_week and actors_agree(g, weak, symmetric) and places_agree(g, weak)


def _text_dated_on(g: Group, weak: Group) -> bool:
    return g.from_text and g.dated() and dates_agree(g, weak) and g.width_days() <= weak.width_days()


def link_weak_dates(uids: list[str], links: Links, symmetric: dict[str, bool], order: dict[str, tuple[object, ...]]) -> None:
    """Step 2b: an event of this article dated only by a default (publication or reference
    date) joins the event with a shared named actor whose date the text gives, in the week
    before: "the president addressed the nation on Tuesday ... in his address, he said" is one
    address, not one on Tuesday and one on the publication day."""
    for uid in uids:
        root = links.find(uid)
        weak = links.groups[root]
        if root != uid or not weak.defaulted or weak.width_days() > COARSE_DAYS or len(weak.articles) != 1:
            continue
        roots = list(dict.fromkeys(links.find(u) for u in uids if links.find(u) != root))
        if any(_text_dated_on(links.groups[r], weak) for r in roots):
            continue  # the text itself reports an act of this kind on the default's date
        cands = [r for r in roots if _weak_fits(weak, links.groups[r], symmetric[uid])]
        if cands:
            links.union(_best(cands, links, weak, order), uid, REASON_WEAK_DATE)


def link_speaker(units: dict[str, bool], links: Links) -> None:
    """Step 2 for statements: one named speaker's statements of one date in one article."""
    seen: list[str] = []
    for uid in units:
        unit = links.group(uid)
        if unit.srcs:
            for other in seen:
                g = links.group(other)
                if g.srcs & unit.srcs and g.start == unit.start and g.end == unit.end and actors_agree(g, unit, False):
                    links.union(other, uid, REASON_SPEAKER)
                    break
        seen.append(uid)


def link_across(rows: pd.DataFrame, links: Links, symmetric: dict[str, bool], partial: set[str], order: dict[str, tuple[object, ...]]) -> None:
    """Step 3: a set holding partial units joins the one fitting set of another article."""
    fam_of = dict(zip(rows["event_id"], zip(rows["fam"], rows["negated"], strict=True), strict=True))
    by_actor: dict[str, set[str]] = {}
    for uid, g0 in links.groups.items():
        for a in g0.parts():
            by_actor.setdefault(a, set()).add(uid)
    speakers = set(rows.loc[rows["speaker_only"].astype(bool), "event_id"])
    for start in sorted({links.find(u) for u in partial - speakers}, key=lambda r: order[r]):
        root = links.find(start)
        g = links.groups[root]
        if not g.parts() or not g.dated():
            continue
        fam = fam_of[root]
        near = {links.find(u) for a in g.parts() for u in by_actor.get(a, ())}
        cands = []
        for other in sorted(near, key=lambda r: order[r]):
            o = links.groups[other]
            if other == root or fam_of.get(other) != fam or (o.articles & g.articles) or not o.dated():
                continue
            shared = len(o.parts() & g.parts())
            if not enough_in_common(o, g, shared):
                continue
            if compatible(o, g, symmetric[root]):
                cands.append(other)
        if len(cands) == 1:
            first, second = sorted([cands[0], root], key=lambda r: order[r])
            links.union(first, second, REASON_ACROSS)


def link(rows: pd.DataFrame) -> pd.DataFrame:
    """New event ids for linked units.

    `rows`: one row per mention with `rid`, `mention_id`, `article_id`, `event_id` (first pass),
    `fam`, `negated`, `is_symmetric`, `src`, `tgt`, `date_start`, `date_end`, `loc`,
    `trigger_start`, `order_key` (a sortable tuple), `partial` (an empty named slot),
    `speaker_only` (a statement) and `sent_key`. Returns (rid, event_id, merge_reason) for every row: the id of a linked set is
    its earliest unit's id (first-pass ids name their earliest mention).
    """
    if rows.empty:
        return pd.DataFrame(columns=["rid", "event_id", "merge_reason"])
    rows = rows.assign(event_id=rows["event_id"].astype(str))
    order: dict[str, tuple[object, ...]] = {}
    for uid, key in zip(rows["event_id"], rows["order_key"], strict=True):
        if uid not in order or key < order[uid]:
            order[uid] = key
    links, symmetric = _unit_groups(rows)
    link_syndicated(rows, links)
    partial = link_in_articles(rows, links, symmetric, order)
    link_across(rows, links, symmetric, partial, order)
    # a set's id: its earliest unit (find() roots are not necessarily the earliest)
    new_id = {uid: min(ms, key=lambda u: order[u]) for ms in links.members.values() for uid in ms}
    out = rows[["rid", "mention_id", "event_id"]].copy()
    out["event_id"] = [new_id[u] for u in rows["event_id"]]
    out["merge_reason"] = [links.reason.get(u) for u in rows["event_id"]]
    return out[["rid", "event_id", "merge_reason"]]
