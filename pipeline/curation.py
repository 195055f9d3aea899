"""Curation: what an edit of the vocabularies changes, and which articles it affects.

An analyst fixes actors in `schemas/actors.yaml` or in the curation file it names (a new actor,
an alias, a non-actor, two ids merged), and the next run must apply the fix to every article
already in the warehouse that it touches - and re-extract no other. So every article keeps the
hash of the vocabularies it was extracted with (`articles.vocabulary_hash`), and the warehouse
keeps what each hash stood for (`vocabularies`: a snapshot of aliases, actors, merges and
non-actors). A run compares the snapshot of the current files with the one each article was
extracted with:

- a changed event vocabulary, name rules or description nouns affect every article;
- a changed alias or non-actor name affects the articles whose text holds that name;
- a changed actor (new, removed, other type, gender, titles, QID), a merged id or a declared
  non-actor id affect the articles whose mentions hold that id, and those whose text holds
  one of its names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import actor_names
from pipeline.actors import ActorVocabulary, alias_key

if TYPE_CHECKING:
    import duckdb

    from pipeline.settings import Settings

EVENT_DATES_FILE = actor_names.SCHEMAS_DIR / "event_dates.yaml"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path | None) -> str:
    return _sha(path.read_bytes()) if path is not None and Path(path).is_file() else ""


@dataclass
class VocabularyState:
    """The vocabularies a run extracts with: the loaded actor dictionary, a snapshot of what
    decides actor ids (JSON-able), and the hash articles are stamped with."""

    vocabulary: ActorVocabulary
    snapshot: dict[str, Any]
    hash: str
    files: list[str] = field(default_factory=list)

    def row(self, run_id: str) -> dict[str, Any]:
        """The `vocabularies` row that lets a later run tell what an edit changed."""
        return {"vocabulary_hash": self.hash, "snapshot_json": json.dumps(self.snapshot, sort_keys=True),
                "files": json.dumps(self.files), "run_id": run_id, "recorded_at": dt.datetime.now()}


def snapshot(vocabulary: ActorVocabulary, event_types_file: Path | None) -> dict[str, Any]:
    """What decides extraction, in a form two runs can compare: per alias key and surface form
    the actor it names, per actor its attributes, the merges and non-actors, and one hash of
    everything whose change affects every article (event vocabularies, name rules, role nouns)."""
    everything = hashlib.sha256()
    event_types_file = event_types_file or actor_names.SCHEMAS_DIR / "event_types.yaml"
    for part in (_file_sha(event_types_file), _file_sha(EVENT_DATES_FILE), _sha(actor_names.file_bytes()),
                 json.dumps({k: sorted(v) for k, v in vocabulary.descriptions.items()}, sort_keys=True)):
        everything.update(part.encode())
    surface: dict[str, list[str]] = {}
    for text, actor_id, label, kind in vocabulary.surface:
        surface.setdefault(text, []).append(f"{actor_id}|{label}|{kind}")
    return {
        "global": everything.hexdigest(),
        "aliases": {k: list(v) for k, v in vocabulary.alias_index.items()},
        "surface": {k: sorted(set(v)) for k, v in surface.items()},
        "actors": {
            a.actor_id: [a.canonical_name, a.actor_type, a.country_code, a.role, a.wikidata_qid,
                         vocabulary.genders.get(a.actor_id), sorted(vocabulary.titles.get(a.actor_id, ()))]
            for a in vocabulary.entries.values()
        },
        "merge": dict(vocabulary.merges),
        "non_actor_ids": sorted(vocabulary.non_actor_ids),
        "non_actor_names": sorted(vocabulary.non_actor_names),
    }


def vocabulary_state(actors_file: Path | None, curation_file: Path | None, event_types_file: Path | None) -> VocabularyState:
    """Load the actor dictionary with its curation and take its snapshot and hash."""
    vocabulary = ActorVocabulary.load(actors_file, curation_file)
    snap = snapshot(vocabulary, event_types_file)
    digest = _sha(json.dumps(snap, sort_keys=True).encode())[:16]
    files = [str(p) for p in (*vocabulary.files, event_types_file) if p is not None]
    return VocabularyState(vocabulary, snap, digest, files)


def state_of(settings: Settings) -> VocabularyState:
    return vocabulary_state(settings.actors_file, settings.curation_file, settings.event_types_file)


@dataclass
class Change:
    """What changed between two snapshots: everything, or these names and ids."""

    everything: bool = False
    names: set[str] = field(default_factory=set)  # alias keys
    actor_ids: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.names or self.actor_ids)


def _id_name(actor_id: str) -> str:
    """The name a discovered id was made from ("ner:organisation:acme-corp" -> "acme corp")."""
    return actor_id.rsplit(":", 1)[-1].replace("-", " ") if ":" in actor_id else ""


def diff(old: dict[str, Any], new: dict[str, Any]) -> Change:
    """The names and actor ids whose meaning differs between two snapshots."""
    if old.get("global") != new.get("global"):
        return Change(everything=True)
    change = Change()
    old_alias, new_alias = old.get("aliases", {}), new.get("aliases", {})
    for key in set(old_alias) | set(new_alias):
        if old_alias.get(key) != new_alias.get(key):
            change.names.add(key)
    old_surface, new_surface = old.get("surface", {}), new.get("surface", {})
    for text in set(old_surface) | set(new_surface):
        if old_surface.get(text) != new_surface.get(text):
            change.names.add(alias_key(text))
    old_actors, new_actors = old.get("actors", {}), new.get("actors", {})
    for actor_id in set(old_actors) | set(new_actors):
        if old_actors.get(actor_id) != new_actors.get(actor_id):
            change.actor_ids.add(actor_id)
            change.names.update(k for k, v in old_alias.items() if v[0] == actor_id)
            change.names.update(k for k, v in new_alias.items() if v[0] == actor_id)
    old_merge, new_merge = old.get("merge", {}), new.get("merge", {})
    for source in set(old_merge) | set(new_merge):
        if old_merge.get(source) != new_merge.get(source):
            change.actor_ids.add(source)
            if source in old_merge:  # an undone merge: the articles that hold the merged id now
                change.actor_ids.add(old_merge[source])
            change.names.add(_id_name(source))
    for section in ("non_actor_ids",):
        for actor_id in set(old.get(section, [])) ^ set(new.get(section, [])):
            change.actor_ids.add(actor_id)
            change.names.add(_id_name(actor_id))  # a withdrawn declaration: the id is in no mention
    change.names.update(set(old.get("non_actor_names", [])) ^ set(new.get("non_actor_names", [])))
    change.names.discard("")
    return change


def name_pattern(names: set[str]) -> str | None:
    """An RE2 pattern that finds any of these alias keys as whole words in a body that was
    lower-cased and stripped of accents (words of a key may be apart by any non-word run)."""
    parts = []
    for key in sorted(names):
        # words of any script are kept (a Cyrillic alias is searched for too); a boundary is
        # anything but a-z and 0-9, so a non-Latin name may match inside a longer word: an
        # article extracted again for nothing, never one missed
        words = [w for w in re.split(r"[\s.,;:!?'\u2019\-/()\"]+", key) if w]
        if words:
            parts.append(r"[^a-z0-9]+".join(re.escape(w) for w in words))
    if not parts:
        return None
    return r"(^|[^a-z0-9])(" + "|".join(parts) + r")([^a-z0-9]|$)"


def _snapshots(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    return {h: json.loads(s) for h, s in con.execute("SELECT vocabulary_hash, snapshot_json FROM vocabularies").fetchall()}


def affected_articles(con: duckdb.DuckDBPyConnection, current: VocabularyState, extractor_version: str) -> dict[str, str]:
    """Active articles of this extractor version that the current vocabularies would extract
    differently: article id -> why (for the run summary and tests). Articles extracted before
    hashes were kept, or under a hash whose snapshot is lost, are all affected."""
    hashes = [r[0] for r in con.execute(
        "SELECT DISTINCT vocabulary_hash FROM articles WHERE status = 'active' AND extractor_version = ?",
        [extractor_version],
    ).fetchall()]
    known = _snapshots(con) if any(h and h != current.hash for h in hashes) else {}
    out: dict[str, str] = {}
    for old_hash in hashes:
        if old_hash == current.hash:
            continue
        base = "SELECT article_id FROM articles WHERE status = 'active' AND extractor_version = ? AND vocabulary_hash "
        params: list[Any] = [extractor_version]
        where = "IS NULL" if old_hash is None else "= ?"
        if old_hash is not None:
            params.append(old_hash)
        change = diff(known[old_hash], current.snapshot) if old_hash in known else Change(everything=True)
        if change.everything:
            reason = "vocabularies changed" if old_hash in known else "extracted before vocabulary hashes"
            out.update({r[0]: reason for r in con.execute(base + where, params).fetchall()})
            continue
        pattern = name_pattern(change.names)
        if pattern is not None:
            rows = con.execute(
                base + where + " AND regexp_matches(strip_accents(lower(replace(body, '\u2019', ''''))), ?)",
                [*params, pattern],
            ).fetchall()
            out.update({r[0]: "a name whose actor changed" for r in rows})
        if change.actor_ids:
            rows = con.execute(
                base + where + """ AND article_id IN (SELECT article_id FROM event_mentions
                     WHERE source_actor_id IN (SELECT unnest(?::VARCHAR[]))
                        OR target_actor_id IN (SELECT unnest(?::VARCHAR[])))""",
                [*params, sorted(change.actor_ids), sorted(change.actor_ids)],
            ).fetchall()
            for r in rows:
                out.setdefault(r[0], "an actor id that was merged, declared or changed")
    return out


def stale_articles(settings: Settings, current: VocabularyState) -> dict[str, str]:
    """The warehouse's articles the current vocabularies affect (read-only; {} without a
    warehouse). A warehouse written before hashes were kept has all its articles affected."""
    from pipeline import EXTRACTOR_VERSION, warehouse

    if not Path(settings.warehouse_path).exists():
        return {}
    with warehouse.open_warehouse(settings.warehouse_path, read_only=True, timeout_s=settings.lock_timeout_s) as con:
        version = warehouse.schema_version(con)
        if version == 0:
            return {}
        if version < 6:
            rows = con.execute(
                "SELECT article_id FROM articles WHERE status = 'active' AND extractor_version = ?", [EXTRACTOR_VERSION]
            ).fetchall()
            return {r[0]: "extracted before vocabulary hashes" for r in rows}
        return affected_articles(con, current, EXTRACTOR_VERSION)
