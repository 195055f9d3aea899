"""Bytes to text (encodings, BOMs, newlines) and bounded JSON/YAML loading.

Why: a corpus holds files from anywhere; a legacy encoding must still decode, and a hostile
JSON or YAML file (deep nesting, alias bombs, lone surrogates) must be a reject, not a hang.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import yaml

from pipeline.ingest.records import IngestError

# ---------------------------------------------------------------------------------------------
# Decoding

_MAGIC = [
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (e.g. .docx/.epub)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old MS Office file"),
]


def _decode(raw: bytes) -> tuple[str, str]:
    """Bytes to text and the encoding used; IngestError when it is not text."""
    if not raw.strip():
        raise IngestError("empty file: no text to read; put the article text in it or delete it")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return _newlines(raw.decode(enc)), enc
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"not valid {enc} despite its byte-order mark ({exc}); re-save the file as UTF-8"
                ) from exc
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise IngestError(f"binary file: looks like {what}; convert it to .txt/.md/.html text first")
    if b"\x00" in raw[:65536]:
        raise IngestError("binary file: contains NUL bytes, so it is not text; convert it to .txt/.md/.html first")
    try:
        text = raw.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        decoded = _detect_legacy(raw)
        if decoded is None:
            raise IngestError(
                f"not valid UTF-8 ({exc.reason} at byte {exc.start}) and the encoding could not be "
                "detected with confidence; re-save the file as UTF-8"
            ) from exc
        text, encoding = decoded
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:65536]) // 100):
        raise IngestError("binary file: too many control characters to be text; convert it to .txt first")
    return _newlines(text), encoding


def _detect_legacy(raw: bytes) -> tuple[str, str] | None:
    """Decode non-UTF-8 text with charset-normalizer, or None when no guess is confident.

    Among equally clean candidates windows-1252 wins: it is what Western editors save when
    not UTF-8 (and what the HTML standard reads latin-1 as), while the detector's first
    choice on short English text is often a look-alike code page (cp1250, cp775) that
    garbles accents and curly quotes.
    """
    import charset_normalizer

    matches = [m for m in charset_normalizer.from_bytes(raw) if m.encoding and m.chaos <= 0.1]
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, m.encoding != "cp1252"))
    return str(best), best.encoding


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------------
# Bounded JSON and YAML
#
# Metadata is small and shallow; a file may still be hostile or broken. Deeper JSON than
# MAX_JSON_DEPTH is refused before `json.loads` (which recurses, and raises RecursionError near
# depth 1,000); YAML is read by a safe loader that refuses more than MAX_YAML_ALIASES aliases
# and documents that expand to more than MAX_YAML_NODES nodes (a 452-byte "billion laughs"
# expands to 9**9 strings), and text over MAX_YAML_CHARS. Lone UTF-16 surrogates that JSON's
# "\\u" escapes allow (such as "\\ud800"; no UTF-8 text can hold one) become U+FFFD.

MAX_JSON_DEPTH = 100
MAX_YAML_CHARS = 200_000
MAX_YAML_ALIASES = 200
MAX_YAML_NODES = 100_000
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_depth(text: str) -> int:
    """The deepest nesting of brackets outside strings (linear; numpy for hostile inputs)."""
    brackets = re.sub(r"[^\[\]{}]+", "", _JSON_STRING.sub("", text))
    if not brackets:
        return 0
    codes = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    return int(np.cumsum(np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)).max())


def _load_json(text: str) -> Any:
    """`json.loads` with a depth limit and lone surrogates repaired; IngestError past the limit
    (json.JSONDecodeError passes through for the caller to explain)."""
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise IngestError(
            f"JSON nested {depth:,} levels deep, over the limit of {MAX_JSON_DEPTH}: not article data; fix the file"
        )
    return _repair_surrogates(json.loads(text))


def _repair_surrogates(value: Any) -> Any:
    """A copy of decoded JSON/YAML with every lone surrogate replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_repair_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_repair_surrogates(k): _repair_surrogates(v) for k, v in value.items()}
    return value


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing alias bombs (aliases are counted as they are composed)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise IngestError(f"YAML with more than {MAX_YAML_ALIASES} aliases (*name): refused; write the values out")
        return super().compose_node(parent, index)


def _load_yaml(text: str, what: str) -> Any:
    """Safe-load one YAML document within the limits; yaml.YAMLError passes through."""
    if len(text) > MAX_YAML_CHARS:
        raise IngestError(f"{what} is {len(text):,} characters, over the {MAX_YAML_CHARS:,}-character limit; shorten it")
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node, {})
        if size > MAX_YAML_NODES:
            raise IngestError(
                f"{what} expands to over {MAX_YAML_NODES:,} values through its aliases (*name): refused; "
                "write the values out"
            )
        return _repair_surrogates(loader.construct_document(node))
    except RecursionError as exc:
        raise IngestError(f"{what} is nested too deeply to read; fix it") from exc
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many nodes `node` stands for with every alias written out (each shared node is
    counted once per use, computed once); stops counting past MAX_YAML_NODES."""
    key = id(node)
    if key not in sizes:
        sizes[key] = MAX_YAML_NODES + 1  # a node that contains itself expands forever
        total = 1
        if isinstance(node, yaml.SequenceNode):
            children: list[yaml.Node] = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = []
        for child in children:
            total += _expanded_size(child, sizes)
            if total > MAX_YAML_NODES:
                break
        sizes[key] = total
    return sizes[key]
