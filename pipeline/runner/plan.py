"""Planning a run: what the warehouse knows, which files the scan reads, which articles to extract.

Why: only new, changed or vocabulary-affected articles are extracted, the same text saved
under two names is extracted once, and a corpus missing most known articles is refused
before anything is extracted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pipeline import ingest, warehouse
from pipeline.models import Article, Reject
from pipeline.runner.guards import own_outputs
from pipeline.settings import Settings
from pipeline.warehouse import KnownState


@dataclass
class ScanResult:
    """What the corpus scan found, with articles grouped for extraction."""

    articles: list[Article] = field(default_factory=list)
    path_rows: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    seen_paths: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def known_state(settings: Settings) -> KnownState:
    """Read what the warehouse already holds (read-only, waits for a writer to finish)."""
    return warehouse.read_known(settings.warehouse_path, timeout_s=settings.lock_timeout_s)


_MEMBER = re.compile(r"#\d+$")  # `file.jsonl#3`: one article of a multi-article file


def _file_of(source_path: str) -> str:
    return _MEMBER.sub("", source_path)


def scan(settings: Settings, known: KnownState, run_id: str) -> Iterator[tuple[ingest.FileOutcome, list[dict[str, Any]], list[str]]]:
    """Walk the corpus; yield each file outcome with its `article_paths` rows and seen paths.

    A multi-article file (JSON list, JSONL) has one path row per article (`file.jsonl#3`);
    the file's state is shared by them.
    """
    members: dict[str, list[str]] = {}
    for p in known.files:
        members.setdefault(_file_of(p), []).append(p)
    states = {}
    for file_path, paths in members.items():
        size, mtime, sha, _aid = known.files[paths[0]]
        states[file_path] = ingest.FileState(file_path, size, mtime, sha)
    now = dt.datetime.now()
    scanned = ingest.scan_corpus(
        settings.corpus_dir, states, max_file_bytes=settings.max_file_bytes, exclude=own_outputs(settings)
    )
    for outcome in scanned:
        st = outcome.state
        if st is None or outcome.status == "rejected":
            yield outcome, [], ([st.source_path, *members.get(st.source_path, [])] if st else [])
            continue
        base = {"size": st.size, "mtime_ns": st.mtime_ns, "file_sha256": st.file_sha256,
                "first_seen": now, "last_seen": now, "gone_at": None, "run_id": run_id}
        if outcome.status == "unchanged":
            paths = members.get(st.source_path, [st.source_path])
            rows = [base | {"source_path": p, "article_id": known.files[p][3]} for p in paths if p in known.files]
        else:
            rows = [base | {"source_path": a.source_path, "article_id": a.article_id} for a in outcome.articles]
        yield outcome, rows, [st.source_path, *(str(r["source_path"]) for r in rows)]


def force_reextraction(known: KnownState, stale: dict[str, str]) -> dict[str, tuple[str, set[str]]]:
    """Make the scan read again the files of articles the vocabularies' edit affects (their
    remembered state no longer matches); returns file -> (its remembered hash, the affected
    article ids), so articles of the file that are not affected stay as they are."""
    forced: dict[str, tuple[str, set[str]]] = {}
    for path, (_size, _mtime, sha, article_id) in list(known.files.items()):
        if article_id in stale and article_id not in known.failed:
            forced.setdefault(_file_of(path), (sha, set()))[1].add(article_id)
    for path, (_size, mtime, _sha, article_id) in list(known.files.items()):
        if _file_of(path) in forced:
            known.files[path] = (-1, mtime, "", article_id)
    return forced


def reextracted(outcome: ingest.FileOutcome, forced: dict[str, tuple[str, set[str]]]) -> list[Article] | None:
    """The articles to extract again from a file read only because of a vocabulary edit (None
    when the file was not forced, or its text changed too: then it is an ordinary change)."""
    st = outcome.state
    if st is None or st.source_path not in forced or outcome.status != "changed":
        return None
    sha, ids = forced[st.source_path]
    if st.file_sha256 != sha:
        return None
    return [a for a in outcome.articles if a.article_id in ids]


def refuse_mass_gone(settings: Settings, known: KnownState) -> None:
    """Refuse, before extracting anything, a run over a corpus that lacks the files of more than
    half of the warehouse's articles (a wrong or empty folder): a different corpus would
    otherwise be extracted in full before the merge refuses it. The merge checks again, exactly."""
    if settings.allow_gone or not known.files:
        return
    present = ingest.corpus_files(settings.corpus_dir, own_outputs(settings))
    alive: dict[str, bool] = {}
    for path, (_size, _mtime, _sha, article_id) in known.files.items():
        alive[article_id] = alive.get(article_id, False) or _file_of(path) in present
    gone = sum(1 for here in alive.values() if not here)
    if gone * 2 > len(alive):
        raise warehouse.GoneRefused(gone, len(alive), str(settings.corpus_dir))


def _unique(articles: list[Article], pending: list[Article]) -> list[Article]:
    """The same text saved under two names is one article: extract it once per batch."""
    have = {a.article_id for a in pending}
    out = []
    for a in articles:
        if a.article_id not in have:
            have.add(a.article_id)
            out.append(a)
    return out
