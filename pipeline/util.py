"""Small helpers shared by several stages."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id from content: the same inputs give the same id on every run."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:20]}"
