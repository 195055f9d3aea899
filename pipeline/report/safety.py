"""What the page may run and link to.

Article text and metadata are written by whoever can put a file in the corpus: everything is
escaped (Jinja2 autoescaping; the event list builds DOM nodes from text, never HTML), only
http(s) URLs become links, and a Content-Security-Policy lets only the page's own scripts run
(by hash), so a `javascript:` URL or injected script does nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from html import escape
from typing import Any

_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def safe_link(url: Any) -> str | None:
    """The URL if it may become a link, else None: only http(s).

    The URL comes from article metadata (front matter, sidecars, HTML), which anyone who can put
    a file in the corpus writes; a `javascript:`, `data:` or `vbscript:` link runs their script
    in the reader's browser when clicked.
    """
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    return candidate if _WEB_URL.fullmatch(candidate) else None


def original_link(url: Any) -> str:
    """HTML for an article's original URL: a link for http(s), the URL as plain text otherwise."""
    link = safe_link(url)
    if link:
        return f'<a href="{escape(link)}" rel="noopener noreferrer">original</a>'
    return f'original: <span class="url">{escape(str(url))}</span>'


def script_safe(text: str) -> str:
    """Text that cannot close the <script> element it sits in."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def json_data(value: Any) -> str:
    """JSON for a `<script type="application/json">` block: no `<` at all, so article text in it can
    neither close the element nor open a comment that keeps it open."""
    return json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(scripts: Sequence[str] = (), hosts: Sequence[str] = ()) -> str:
    """A policy that runs only the page's own scripts (by hash) and scripts from `hosts`.

    No inline script, event handler or `javascript:` URL that reaches the page through article
    text can run, and nothing is fetched. Charts need no eval: they are drawn with Vega's
    expression interpreter (`ast: true`).
    """
    allowed = " ".join([*(script_hash(s) for s in scripts), *hosts]) or "'none'"
    return (
        f"default-src 'none'; script-src {allowed}; style-src 'unsafe-inline'; img-src data: blob:; "
        "base-uri 'none'; form-action 'none'"
    )
