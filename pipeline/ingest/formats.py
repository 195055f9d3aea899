"""Readers per file type: text, Markdown front matter, HTML (trafilatura), JSON and JSONL.

Why: each format finds its text and metadata differently, then hands them to
`_build_article`; adding a format means adding a reader here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from pipeline.ingest.article import _build_article
from pipeline.ingest.dates import parse_date_value
from pipeline.ingest.decode import _decode, _load_json, _load_yaml, _newlines
from pipeline.ingest.meta import _TEXT_KEYS, _as_text, _meta_from_mapping
from pipeline.ingest.records import _SUPPORTED_LIST, SUPPORTED_SUFFIXES, IngestError, _Meta
from pipeline.models import Article

# ---------------------------------------------------------------------------------------------
# Formats


def _split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """YAML front matter of a Markdown file (or None) and the text after it."""
    stripped = text.lstrip("\ufeff")
    if not re.match(r"---[ \t]*\n", stripped):
        return None, text
    m = re.search(r"\n(?:---|\.\.\.)[ \t]*(?:\n|$)", stripped[3:])
    if not m:
        raise IngestError("front matter opened with '---' is never closed; add a closing '---' line")
    block = stripped[3 : 3 + m.start() + 1]
    rest = stripped[3 + m.end() :]
    try:
        data = _load_yaml(block, "the front matter")
    except yaml.YAMLError as exc:
        raise IngestError(f"malformed YAML front matter: {exc}; fix the block between the '---' lines") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise IngestError("front matter must be a YAML mapping (title: ..., published: ...); fix it")
    return data, rest


def _looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(?:p|div|br|html|body|article|span|h[1-6])\b[^>]*>", text[:5000], re.I))


def _html_article_text(html: str) -> tuple[str, _Meta, list[str]]:
    """Main text, metadata and figure captions of an HTML page (trafilatura)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises many parser errors
        raise IngestError(f"HTML could not be parsed ({type(exc).__name__}: {exc}); save the page again") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise IngestError(
            "no article text found in the HTML (broken, empty or not an article page); "
            "save the complete page again or paste its text into a .txt file"
        )
    meta = _Meta()
    assert doc is not None
    meta.title = _as_text(getattr(doc, "title", None))
    meta.author = _as_text(getattr(doc, "author", None))
    meta.url = _as_text(getattr(doc, "url", None))
    meta.source_name = _as_text(getattr(doc, "sitename", None))
    date_value = getattr(doc, "date", None)
    if date_value:
        meta.published = parse_date_value(str(date_value))
    return _newlines(text), meta, _figure_captions(html)


def _figure_captions(html: str) -> list[str]:
    try:
        import lxml.html

        tree = lxml.html.fromstring(html)
    except Exception:  # captions are a nicety; the text already parsed
        return []
    captions = []
    for node in tree.iter("figcaption"):
        caption = " ".join(node.text_content().split())
        if caption:
            captions.append(caption)
    return captions


def _json_objects(text: str, rel: str, jsonl: bool) -> list[tuple[str, dict[str, Any]]]:
    """(source_path, object) pairs of a .json/.jsonl file; IngestError when malformed."""
    pairs: list[tuple[str, dict[str, Any]]] = []
    if jsonl:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                obj = _load_json(line)
            except IngestError as exc:
                raise IngestError(f"line {number}: {exc.reason}") from exc
            except json.JSONDecodeError as exc:
                raise IngestError(
                    f"malformed JSON on line {number}: {exc.msg} (column {exc.colno}); fix that line"
                ) from exc
            if not isinstance(obj, dict):
                raise IngestError(f"line {number} is not a JSON object; each line must be one article object")
            pairs.append((f"{rel}#{number}", obj))
        if not pairs:
            raise IngestError("empty JSONL file: no article objects; add one object per line or delete it")
        return pairs
    try:
        data = _load_json(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"malformed JSON: {exc}; fix the file (one object or a list of objects)") from exc
    if isinstance(data, dict):
        for key in ("articles", "items", "data", "results"):
            if isinstance(data.get(key), list) and not any(k in data for k in _TEXT_KEYS):
                data = data[key]
                break
    if isinstance(data, dict):
        return [(rel, data)]
    if isinstance(data, list) and data:
        for index, obj in enumerate(data, start=1):
            if not isinstance(obj, dict):
                raise IngestError(f"element {index} of the JSON list is not an object; each must be one article")
            pairs.append((f"{rel}#{index}", obj))
        return pairs
    raise IngestError("JSON holds no article object; expected an object or a list of objects with a 'text' field")


def _json_text(obj: Mapping[str, Any], where: str) -> tuple[str, _Meta | None, list[str]]:
    """The article text of a JSON object (HTML text goes through trafilatura)."""
    for key in (*_TEXT_KEYS, "html"):
        value = obj.get(key)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "\n\n".join(value)
        if isinstance(value, str) and value.strip():
            if key == "html" or _looks_like_html(value):
                text, meta, captions = _html_article_text(value)
                return text, meta, captions
            return _newlines(value), None, []
    raise IngestError(f"{where}: no article text; put it in a 'text', 'body' or 'content' field")


def _check_suffix(path: Path) -> str:
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise IngestError(
            f"unsupported file type {path.suffix or '(no extension)'!r}; save articles as {_SUPPORTED_LIST}"
        )
    return kind


def _fingerprint(raw: bytes, sidecar_raw: bytes | None) -> str:
    """sha256 of the file's bytes, plus its sidecar's when there is one."""
    digest = hashlib.sha256(raw)
    if sidecar_raw is not None:
        digest.update(b"\0")
        digest.update(sidecar_raw)
    return digest.hexdigest()


def _parse(raw: bytes, path: Path, rel: str, sidecar: _Meta | None, raw_sha: str) -> list[Article]:
    """Articles of one file from its raw bytes (the format chosen by extension)."""
    kind = _check_suffix(path)
    text, encoding = _decode(raw)
    extra: dict[str, Any] = {"format": kind}
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        extra["encoding"] = encoding
    metas: list[tuple[str, _Meta]] = [("sidecar", sidecar)] if sidecar else []

    if kind == "text":
        return [_build_article(text, rel, path.name, raw_sha, metas, extra)]
    if kind == "markdown":
        front, rest = _split_front_matter(text)
        if front is not None:
            metas.append(("front matter", _meta_from_mapping(front, "front matter")))
        return [_build_article(rest, rel, path.name, raw_sha, metas, extra)]
    if kind == "html":
        body_text, html_meta, captions = _html_article_text(text)
        metas.append(("html metadata", html_meta))
        if captions:
            extra["figure_captions"] = captions
        return [_build_article(body_text, rel, path.name, raw_sha, metas, extra)]
    articles = []
    for where, obj in _json_objects(text, rel, jsonl=kind == "jsonl"):
        obj_text, obj_html_meta, captions = _json_text(obj, where)
        obj_metas = [*metas, ("json", _meta_from_mapping(obj, where))]
        if obj_html_meta is not None:
            obj_metas.append(("html metadata", obj_html_meta))
        obj_extra = dict(extra, figure_captions=captions) if captions else dict(extra)
        try:
            articles.append(_build_article(obj_text, where, path.name, raw_sha, obj_metas, obj_extra))
        except IngestError as exc:
            raise IngestError(f"{where}: {exc.reason}") from exc
    return articles
