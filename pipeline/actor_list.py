"""`dateline actors`: the actors of the warehouse, so an analyst sees what to curate.

Each actor with its mention and article counts, kind, Wikidata QID, aliases and the forms the
articles wrote it in: two ids for one entity, a non-actor ("Monday", a newspaper's name) or a
missing alias show up here, and are fixed in the curation file (README, "Curating actors").
The query is `schemas/sql/actor_list.sql`; filters and sorting are plain Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline import warehouse

SORTS = ("mentions", "articles", "id", "name", "kind")


@dataclass
class ActorRow:
    actor_id: str
    name: str
    kind: str
    source: str | None
    country_code: str | None
    wikidata_qid: str | None
    mentions: int
    articles: int
    aliases: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # forms in the text, most frequent first

    def matches(self, needle: str) -> bool:
        """Whether `needle` occurs (any case) in the id, name, an alias or a written form."""
        low = needle.lower()
        return any(low in (s or "").lower() for s in (self.actor_id, self.name, *self.aliases, *self.written))


def list_actors(
    path: Path,
    *,
    kind: str | None = None,
    min_mentions: int = 1,
    search: str | None = None,
    sort: str = "mentions",
    timeout_s: float = 120.0,
) -> list[ActorRow]:
    """The warehouse's actors, filtered and sorted (most mentions first, then id)."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
    with warehouse.open_warehouse(path, read_only=True, timeout_s=timeout_s) as con:
        rows = [ActorRow(*r) for r in con.execute(warehouse.sql("actor_list")).fetchall()]
    rows = [r for r in rows if r.mentions >= min_mentions]
    if kind:
        rows = [r for r in rows if r.kind == kind]
    if search:
        rows = [r for r in rows if r.matches(search)]
    if sort in {"mentions", "articles"}:
        rows.sort(key=lambda r: (-getattr(r, sort), r.actor_id))
    else:
        attr = {"id": "actor_id"}.get(sort, sort)
        rows.sort(key=lambda r: (str(getattr(r, attr)).lower(), r.actor_id))
    return rows


def _short(items: list[str], n: int = 4) -> str:
    shown = ", ".join(items[:n])
    return shown + (f" (+{len(items) - n})" if len(items) > n else "")


def format_rows(rows: list[ActorRow], limit: int | None = None) -> str:
    """Plain text, one actor per block: a header line and its aliases and written forms."""
    lines = []
    for r in rows[:limit] if limit else rows:
        qid = f" {r.wikidata_qid}" if r.wikidata_qid else ""
        country = f" {r.country_code}" if r.country_code else ""
        lines.append(f"{r.mentions:>6} mentions {r.articles:>4} articles  {r.actor_id}  {r.name!r}  "
                     f"[{r.kind}{country}{qid}, {r.source or 'unknown'}]")
        if r.aliases:
            lines.append(f"{'':>8}aliases: {_short(r.aliases, 6)}")
        if r.written:
            lines.append(f"{'':>8}written: {_short(r.written)}")
    if limit and len(rows) > limit:
        lines.append(f"... {len(rows) - limit} more (raise --limit, or filter with --kind/--search/--min-mentions)")
    lines.append(f"{len(rows)} actors")
    return "\n".join(lines)
