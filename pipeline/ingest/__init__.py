"""Ingest: turn the files analysts save into `Article` records, and say why when a file fails.

Why this stage is careful: the publication date anchors every relative date downstream
("last weekend", "in December"), and `Article.body` is the text every offset refers to, so
the body keeps the article's own characters and the date comes from the article, never from
the file's modification time.

Choices (documented here because the flow, the warehouse and the tests rely on them):

* Formats: `.txt`/`.text`, `.md`/`.markdown` (optional YAML front matter), `.html`/`.htm`
  (main text by trafilatura), `.json` (one object, a list of objects, or an object with an
  `articles`/`items` list) and `.jsonl` (one object per line). Any file may have a sidecar
  `<file>.meta.json|yaml|yml` or `<stem>.meta.json|yaml|yml` holding metadata (title,
  published, author, url, source); a sidecar overrides what the file says. A sidecar without
  its main file is rejected (nothing is dropped silently). Other extensions are rejected
  with the list of supported ones.
* Body: the decoded text (CRLF/CR become LF, a BOM is dropped) with boilerplate lines removed
  (rules in `schemas/boilerplate.yaml`: navigation, share/newsletter/podcast promos, logos,
  legal footers, picture credits, related-article lists, embedded JSON blocks), leading blank
  lines and trailing whitespace dropped, and a run of blank lines left by a removed line
  shrunk to one. Nothing else changes: no re-wrapping, the title line and the dateline stay
  (MEANTIME's gold body starts with both), Markdown stays as written. For `.md` the front
  matter is not part of the body; for HTML the body is trafilatura's text.
* Captions stay in the body (they report events, e.g. a rally in a photo caption) and are
  also listed in `extra["captions"]`; short credits ("Photo: Getty") leave the body for
  `extra["credits"]`.
* Publication date, first found wins: sidecar, then the file's own metadata (front matter,
  JSON fields, HTML metadata via trafilatura/htmldate with `extensive_search=False`: meta
  tags, JSON-LD, <time>/date-classed elements and the URL, never free text or today; an
  embedded JSON block in a text file), then a dateline or byline
  among the first lines of the body, then a date in the file name (`2026-02-04`,
  `2026_02_04`, `20260204`), else None with `published_source='unknown'`. A dateline is a
  short line that is (mostly) a date, maybe followed by a dash and an author, or a
  "Published on/Posted/Updated" byline; a date inside a sentence is not one. "Published"
  beats a bare date, which beats "Updated". Numeric dates: `23.02.2026` and `23-02-2026` are
  day-first, `2026-02-23` is ISO; `a/b/yyyy` is used only when one field exceeds 12,
  otherwise it is ambiguous and ignored.
* Identity: `article_id` = first 16 hex digits of sha256 of the body with Unicode NFC and
  whitespace runs collapsed, so the same article saved twice has one id (the caller records
  both paths). `content_sha256` = sha256 of the exact body.
* Paths: `source_path` is relative to the corpus root with POSIX separators. A `.jsonl`
  article is `file.jsonl#<line number>` (1-based); a `.json` list element is
  `file.json#<index>` (1-based); a single-object `.json` is just `file.json`.
* Bad input raises `IngestError` with a one-line reason that says what to do. A JSON/JSONL
  file is all-or-nothing: one malformed line rejects the file, so fixing it brings every
  article back on the next run.
* Change detection: `FileState` fingerprints the file together with its sidecar (size and
  mtime are summed/maxed over both, `file_sha256` hashes the file bytes, plus the sidecar
  bytes when there is one). Rejected files carry a state for information only; the caller
  records states of successful files alone, so a fixed file is read again on the next run.
* Links: a link (to a file, a folder or a sidecar) that resolves outside the corpus root is
  rejected, never read (a link to /etc/passwd would otherwise land in the warehouse, the
  export and the report); links inside the corpus are followed. Dateline's own output
  (warehouse, report, Data Docs, export), wherever the settings put it, is rejected too.
* Unreadable files: tests run as root, where `chmod 000` does not stop a read, so the scan is
  tested with real failures: a FIFO (not a regular file: rejected without opening, since
  opening it would block), a dangling symlink, a symlink loop, a directory passed to
  `read_file`, and a permission test that drops to an unprivileged effective uid.

Layout (a reader finds a behaviour by its module name): `records` (errors, file states,
supported formats), `dates` (date values and file-name dates), `dateline` (datelines and
bylines), `clean` (boilerplate), `decode` (encodings, bounded JSON/YAML), `meta` (metadata
keys, sidecars), `article` (assembly, ids, date precedence), `formats` (readers per file
type), `read` (one file, safely), `scan` (the corpus walk and change detection).
"""

from pipeline.ingest.article import article_id_for
from pipeline.ingest.clean import BOILERPLATE_FILE, clean_text
from pipeline.ingest.dateline import find_dateline
from pipeline.ingest.dates import date_from_file_name, parse_date_value
from pipeline.ingest.meta import sidecar_for
from pipeline.ingest.read import read_file
from pipeline.ingest.records import (
    DEFAULT_MAX_FILE_BYTES,
    SIDECAR_SUFFIXES,
    SUPPORTED_SUFFIXES,
    FileOutcome,
    FileState,
    IngestError,
)
from pipeline.ingest.scan import corpus_files, scan_corpus
from pipeline.models import Article

__all__ = [
    "BOILERPLATE_FILE",
    "DEFAULT_MAX_FILE_BYTES",
    "SIDECAR_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "Article",
    "FileOutcome",
    "FileState",
    "IngestError",
    "article_id_for",
    "clean_text",
    "corpus_files",
    "date_from_file_name",
    "find_dateline",
    "parse_date_value",
    "read_file",
    "scan_corpus",
    "sidecar_for",
]
