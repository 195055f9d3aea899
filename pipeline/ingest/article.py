"""Article assembly: a cleaned body, its id, and the first publication date found.

Why: whatever the format, an article is built the same way, so the date precedence
(sidecar, file metadata, dateline, file name) and the id rule live in one place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from typing import Any

from pipeline.ingest.clean import Cleaned, _core, clean_text
from pipeline.ingest.dateline import Dateline, _date_line, _name_like, find_dateline
from pipeline.ingest.dates import date_from_file_name
from pipeline.ingest.meta import _jsonable, _meta_from_mapping
from pipeline.ingest.records import IngestError, _Meta
from pipeline.models import Article

# ---------------------------------------------------------------------------------------------
# Article assembly


def article_id_for(body: str) -> str:
    """Content-derived id: the same text saved under two names gets the same id."""
    normal = " ".join(unicodedata.normalize("NFC", body).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


_SOURCE_LINE = re.compile(
    r"^(?:(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)|(?:published|appeared)\s+(?:by|in))"
    r"\s+(?P<src>.+)$",
    re.I,
)
_MD_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")


def _guess_title(body: str, dateline: Dateline | None) -> str | None:
    """A headline-like line: before the dateline, or among the first three lines."""
    lines = [(m.start(), m.group().strip()) for m in re.finditer(r"[^\n]+", body)]
    lines = [(pos, text) for pos, text in lines if text]
    limit = dateline.start if dateline else -1
    for k, (pos, text) in enumerate(lines[:12]):
        before = dateline is not None and pos < limit
        if not before and k >= 3:
            break
        if dateline is not None and pos == dateline.start:
            continue
        words = text.split()
        if 3 <= len(words) <= 30 and len(text) <= 200 and not text.endswith((".", ":", ",")):
            if _SOURCE_LINE.match(_core(text)) or _date_line(text) is not None:
                continue
            return _MD_LINK.sub(r"\g<text>", text).lstrip("# ").strip()
    return None


def _guess_source(body: str) -> str | None:
    """An "Originally published by X" line near the top names the outlet."""
    for line in body.split("\n")[:15]:
        m = _SOURCE_LINE.match(_core(line))
        if m:
            src = m.group("src").strip().rstrip(".")
            link = _MD_LINK.search(src)
            return link.group("text") if link else src
    return None


def _by_author(body: str) -> str | None:
    for line in body.split("\n")[:25]:
        m = re.match(r"^\s*by\s+(.{2,80})$", line.strip(), re.I)
        if m:
            name = _name_like(m.group(1))
            if name:
                return name
    return None


def _build_article(
    text: str,
    source_path: str,
    file_name: str,
    raw_sha: str,
    metas: list[tuple[str, _Meta]],
    extra: dict[str, Any],
) -> Article:
    """Clean `text`, pick the publication date by precedence, fill the Article.

    `metas` is ordered by precedence: (published_source, metadata) pairs.
    """
    cleaned = clean_text(text)
    body = cleaned.body
    if not body.strip():
        raise IngestError("no article text left after removing boilerplate; check the file holds the article")
    embedded = [v for v in cleaned.embedded_json if isinstance(v, dict)]
    all_metas = list(metas) + [("metadata", _meta_from_mapping(v, "embedded JSON", embedded=True)) for v in embedded]
    dateline = find_dateline(body)

    published, published_source = _publication_date(all_metas, dateline, file_name)

    def first(attr: str) -> Any:
        return next((getattr(m, attr) for _, m in all_metas if getattr(m, attr)), None)

    title = first("title") or _guess_title(body, dateline)
    author = first("author") or (dateline.author if dateline else None) or _by_author(body)
    extra = _article_extra(extra, all_metas, cleaned, embedded, dateline)
    return Article(
        article_id=article_id_for(body),
        source_path=source_path,
        title=title,
        published_at=published,
        published_source=published_source,
        body=body,
        content_sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        author=author,
        url=first("url"),
        source_name=first("source_name") or _guess_source(body),
        file_sha256=raw_sha,
        extra=extra,
    )


def _publication_date(
    metas: list[tuple[str, _Meta]], dateline: Dateline | None, file_name: str
) -> tuple[dt.date | None, str]:
    """(date, published_source), first found wins: metadata by precedence, dateline, file name."""
    for source, meta in metas:
        if meta.published is not None:
            return meta.published, source
    if dateline is not None:
        return dateline.date, dateline.source
    from_name = date_from_file_name(file_name)
    if from_name is not None:
        return from_name, "file name"
    return None, "unknown"


def _article_extra(
    extra: dict[str, Any],
    metas: list[tuple[str, _Meta]],
    cleaned: Cleaned,
    embedded: list[dict[str, Any]],
    dateline: Dateline | None,
) -> dict[str, Any]:
    """`Article.extra`: the format's notes, metadata extras (higher precedence wins), warnings,
    what cleaning removed or noted, small embedded JSON blocks and where the dateline is."""
    extra = dict(extra)
    for _, meta in reversed(metas):
        extra.update({k: v for k, v in meta.extra.items() if k not in extra})
    warnings = [w for _, m in metas for w in m.warnings]
    if warnings:
        extra["warnings"] = warnings
    if cleaned.removed:
        extra["boilerplate_removed"] = len(cleaned.removed)
        extra["boilerplate_lines"] = [r[:200] for r in cleaned.removed[:50]]
    if cleaned.captions:
        extra["captions"] = cleaned.captions
    if cleaned.credits:
        extra["credits"] = cleaned.credits
    if embedded:
        small = [v for v in embedded if len(json.dumps(v, default=str)) <= 10000]
        if small:
            extra["embedded_json"] = _jsonable(small)
    if dateline is not None:
        body = cleaned.body
        extra["dateline"] = {"text": body[dateline.start : dateline.end], "start": dateline.start, "end": dateline.end}
    return extra
