"""The records ingest hands out (files, outcomes, errors) and the formats it accepts.

Why a module of its own: every other ingest module raises `IngestError` or fills `_Meta`,
and the flow and the warehouse keep `FileState`/`FileOutcome`; one place for them avoids
import cycles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pipeline.models import Article, Reject

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
_SUPPORTED_LIST = ", ".join(sorted(set(SUPPORTED_SUFFIXES)))

# ---------------------------------------------------------------------------------------------
# Records


class IngestError(Exception):
    """A file that cannot become articles; `reason` is one line and says what to do."""

    def __init__(self, reason: str) -> None:
        reason = " ".join(reason.split())
        super().__init__(reason)
        self.reason = reason


@dataclass
class FileState:
    """What the warehouse remembers about a file between runs."""

    source_path: str  # relative to the corpus root, POSIX separators
    size: int
    mtime_ns: int
    file_sha256: str


@dataclass
class FileOutcome:
    """The result of looking at one file during a scan."""

    state: FileState | None  # None if the file could not even be stat'ed/read
    status: str  # 'unchanged' | 'new' | 'changed' | 'rejected'
    articles: list[Article] = field(default_factory=list)
    reject: Reject | None = None


@dataclass
class _Meta:
    """Metadata gathered from a sidecar, front matter, JSON fields or HTML."""

    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    url: str | None = None
    source_name: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
