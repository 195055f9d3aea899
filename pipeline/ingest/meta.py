"""Metadata from mappings (sidecars, front matter, JSON fields) and sidecar discovery.

Why: the same title/date/author/url/source keys appear under many names in the wild; one
reader maps them all to `_Meta`, and sidecars (which override the file) are found here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container, Mapping
from pathlib import Path
from typing import Any

import yaml

from pipeline.ingest.dates import parse_date_value
from pipeline.ingest.decode import _decode, _load_json, _load_yaml
from pipeline.ingest.records import SIDECAR_SUFFIXES, SUPPORTED_SUFFIXES, IngestError, _Meta

# ---------------------------------------------------------------------------------------------
# Metadata


_TITLE_KEYS = ("title", "headline", "name")
_DATE_KEYS = (
    "published", "published_at", "publishedAt", "published_date", "publication_date",
    "publicationDate", "datePublished", "date_published", "pubDate", "pub_date", "date",
)  # fmt: skip
_AUTHOR_KEYS = ("author", "authors", "byline", "creator")
_URL_KEYS = ("url", "link", "canonical_url", "canonical", "href")
_SOURCE_KEYS = ("source", "source_name", "publisher", "site_name", "sitename", "outlet", "publication")
_TEXT_KEYS = ("text", "body", "content", "article", "full_text", "fulltext", "maintext", "article_text")


def _as_text(value: Any) -> str | None:
    """A readable string from a metadata value (names inside dicts/lists included)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title"))
    if isinstance(value, list):
        names = [t for t in (_as_text(v) for v in value) if t]
        return ", ".join(names) or None
    if isinstance(value, (int, float)):
        return str(value)
    return None


def _jsonable(value: Any) -> Any:
    """A copy that json.dumps accepts (YAML gives date objects; the warehouse stores JSON)."""
    return json.loads(json.dumps(value, default=str))


def _meta_from_mapping(data: Mapping[str, Any], where: str, embedded: bool = False) -> _Meta:
    """Read the usual metadata keys from a dict (front matter, sidecar, JSON object).

    `embedded` marks a JSON block found inside the text: its `name` may be an
    organisation's, so only `title`/`headline` count as a title, and other keys stay out.
    """
    meta = _Meta()
    title_keys = ("title", "headline") if embedded else _TITLE_KEYS
    meta.title = next((t for k in title_keys if (t := _as_text(data.get(k)))), None)
    meta.author = next((t for k in _AUTHOR_KEYS if (t := _as_text(data.get(k)))), None)
    meta.url = next((t for k in _URL_KEYS if (t := _as_text(data.get(k)))), None)
    for key in _SOURCE_KEYS:
        value = _as_text(data.get(key))
        if value:
            if re.match(r"https?://", value) and not meta.url:
                meta.url = value
            else:
                meta.source_name = value
            break
    for key in _DATE_KEYS:
        if key in data and data[key] not in (None, ""):
            value = data[key]
            parsed = parse_date_value(value)
            if parsed is None:
                meta.warnings.append(f"{where}: {key}={value!r} is not a date; looked for a dateline instead")
            else:
                meta.published = parsed
            break
    if embedded:
        return meta
    known = set(_TITLE_KEYS + _DATE_KEYS + _AUTHOR_KEYS + _URL_KEYS + _SOURCE_KEYS + _TEXT_KEYS + ("html",))
    for key, value in data.items():
        if key not in known and value is not None and len(str(value)) < 2000:
            meta.extra[str(key)] = _jsonable(value)
    return meta


def _read_sidecar(path: Path) -> tuple[_Meta, bytes]:
    """Metadata from a `.meta.json`/`.meta.yaml` sidecar; IngestError if it is malformed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"sidecar {path.name} cannot be read ({exc.strerror}); fix or remove it") from exc
    text, _ = _decode(raw)
    try:
        data = _load_json(text) if path.name.endswith(".json") else _load_yaml(text, f"sidecar {path.name}")
    except json.JSONDecodeError as exc:
        raise IngestError(f"malformed JSON in sidecar {path.name}: {exc}; fix or remove it") from exc
    except yaml.YAMLError as exc:
        raise IngestError(f"malformed YAML in sidecar {path.name}: {exc}; fix or remove it") from exc
    if not isinstance(data, dict):
        raise IngestError(f"sidecar {path.name} must hold a mapping of metadata (title, published, ...)")
    return _meta_from_mapping(data, f"sidecar {path.name}"), raw


def sidecar_for(path: Path, listed: Container[str] | None = None) -> Path | None:
    """The sidecar of `path`: `<name>.meta.*` or `<stem>.meta.*`, first that exists.

    `listed`: the lower-cased names in the file's folder, when the caller has listed it; only
    a name in it is looked up on disk (six lookups per file made a rerun's scan of a large
    corpus, where nearly no file has a sidecar, slower than the rest of the run)."""
    for base in (path.name, path.stem):
        for suffix in SIDECAR_SUFFIXES:
            name = base + suffix
            if listed is not None and name.lower() not in listed:
                continue
            candidate = path.with_name(name)
            if candidate.is_file():
                return candidate
    return None


def _is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIXES)


def _sidecar_owner_exists(path: Path) -> bool:
    name = path.name
    base = name[: name.lower().rfind(".meta.")]
    if (path.parent / base).is_file() and Path(base).suffix.lower() in SUPPORTED_SUFFIXES:
        return True
    return any((path.parent / (base + s)).is_file() for s in SUPPORTED_SUFFIXES)
