"""Scanning a corpus folder: walking it, fencing links and Dateline's own output, change detection.

Why: a run reads only new or changed files, never follows a link out of the corpus, and one
bad file is a reject while the scan goes on.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from pipeline.ingest.formats import _check_suffix, _fingerprint, _parse
from pipeline.ingest.meta import _is_sidecar, _read_sidecar, _sidecar_owner_exists, sidecar_for
from pipeline.ingest.read import _open_error, _read_bounded, _relative
from pipeline.ingest.records import DEFAULT_MAX_FILE_BYTES, FileOutcome, FileState, IngestError
from pipeline.models import Reject

# ---------------------------------------------------------------------------------------------
# Scanning


def _walk(corpus_dir: Path, exclude: Sequence[Path] = ()) -> Iterator[tuple[Path, str | None, Path | None]]:
    """(path, problem, sidecar) for every candidate file, sorted, never entering a directory
    twice in a chain.

    `problem` is a reject reason for entries that cannot be walked (symlink loops, unreadable
    directories, links that lead out of the corpus, Dateline's own output in `exclude`);
    hidden entries and sidecars are skipped here.
    """
    real_root = Path(os.path.realpath(corpus_dir))
    fenced = _fences_within(real_root, exclude)

    def visit(directory: Path, ancestors: frozenset[tuple[int, int]]) -> Iterator[tuple[Path, str | None, Path | None]]:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield directory, f"directory cannot be listed ({exc.strerror}); fix its permissions", None
            return
        real_dir = Path(os.path.realpath(directory))
        listed = {e.name.lower() for e in entries}
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            real = Path(os.path.realpath(path)) if entry.is_symlink() else real_dir / entry.name
            problem = _outside(path, real_root) or _own_output(real, fenced)
            if problem is not None:
                yield path, problem, None
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                try:
                    st = path.stat()
                except OSError as exc:
                    yield path, _open_error(exc, path).reason, None
                    continue
                ident = (st.st_dev, st.st_ino)
                if ident in ancestors:
                    yield (
                        path,
                        (
                            f"symlink loop: this directory link points back to {os.readlink(path) if path.is_symlink() else path.name!r}, "
                            "which is already being walked; remove the link"
                        ),
                        None,
                    )
                    continue
                yield from visit(path, ancestors | {ident})
                continue
            if _is_sidecar(entry.name):
                if not _sidecar_owner_exists(path):
                    yield path, "sidecar without its main file; add the article file next to it or delete the sidecar", None
                continue
            side = sidecar_for(path, listed)
            yield path, _outside(side, real_root, "its sidecar ") if side is not None else None, side

    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus_dir} does not exist or is not a directory")
    root = corpus_dir.stat()
    yield from visit(corpus_dir, frozenset({(root.st_dev, root.st_ino)}))


def _outside(path: Path, root: Path, what: str = "") -> str | None:
    """A reject reason when `path` is a link that resolves outside the corpus `root`.

    Links inside the corpus are fine (an article filed under two folders); a link out of it
    would put any file the pipeline's user can read (/etc/passwd) into the warehouse, the
    Parquet export and the report. Dangling links and loops are left to the read, which
    names them.
    """
    if not path.is_symlink() or not path.exists():
        return None
    target = Path(os.path.realpath(path))
    if target == root or target.is_relative_to(root):
        return None
    return (
        f"{what}symlink to {os.readlink(path)!r} resolves outside the corpus folder ({target}); "
        "links may only point inside the corpus: copy the file into the corpus or remove the link"
    )


def _fences_within(real_root: Path, exclude: Sequence[Path]) -> list[Path]:
    """The resolved output paths an entry of the corpus could be: those inside it, or holding
    it. Every entry resolves inside the corpus (a link out of it is rejected first), so the
    others cannot match, and a corpus beside its warehouse checks nothing per file."""
    fenced = [Path(os.path.realpath(p)) for p in exclude]
    return [f for f in fenced if f.is_relative_to(real_root) or real_root.is_relative_to(f)]


def _own_output(real: Path, fenced: Sequence[Path]) -> str | None:
    """A reject reason when `real` (an entry's resolved path) is the warehouse or one of
    Dateline's output folders (report, Data Docs, Parquet export, staging): never read as
    articles, wherever the settings put them."""
    if any(real == f or real.is_relative_to(f) for f in fenced):
        return "Dateline's own output (warehouse, report, Data Docs or Parquet export), not read as articles; move it out of the corpus folder"
    return None


def _reject(rel: str, reason: str, state: FileState | None) -> FileOutcome:
    return FileOutcome(
        state=state, status="rejected", articles=[], reject=Reject(stage="ingest", source_path=rel, reason=reason)
    )


def scan_corpus(
    corpus_dir: Path,
    known: Mapping[str, FileState],
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    exclude: Sequence[Path] = (),
) -> Iterator[FileOutcome]:
    """Walk `corpus_dir` and yield one outcome per file, one file at a time.

    Links that resolve outside the corpus and the paths in `exclude` (Dateline's own output)
    are rejected, never read.

    `known` holds the states recorded after earlier successful reads. A file whose size and
    mtime (with its sidecar's) match is 'unchanged' without being read; if they differ but
    the bytes hash the same it is 'unchanged' with a refreshed state. Bad files yield
    'rejected' with a reason and the scan goes on; record only non-rejected states, so a fixed
    file is read again next run.
    """
    corpus_dir = Path(corpus_dir)
    for path, problem, sidecar in _walk(corpus_dir, exclude):
        rel = _relative(path, corpus_dir)
        if problem is not None:
            yield _reject(rel, problem, None)
            continue
        yield _scan_guarded(path, rel, known.get(rel), max_file_bytes, sidecar)


class _Unexpected(Exception):
    """An exception other than IngestError while reading a file, with the stage it hit."""

    def __init__(self, stage: str, error: Exception) -> None:
        super().__init__(stage)
        self.stage = stage
        self.error = error


@contextlib.contextmanager
def _stage(name: str) -> Iterator[None]:
    try:
        yield
    except (IngestError, _Unexpected):
        raise
    except Exception as exc:
        raise _Unexpected(name, exc) from exc


def _scan_guarded(path: Path, rel: str, known: FileState | None, max_file_bytes: int, sidecar: Path | None) -> FileOutcome:
    """`_scan_one`, with an unexpected exception turned into a reject of this file alone:
    a safety net (each cause found is fixed where it arises), never a reason to stop the scan."""
    try:
        with _stage("scan"):
            return _scan_one(path, rel, known, max_file_bytes, sidecar)
    except _Unexpected as exc:
        name = type(exc.error).__name__
        reason = (f"reading the file failed unexpectedly: {name}: {exc.error}; "
                  "please report it with the file (it is retried when it changes)")
        # a state, so the run counts the file as seen: its articles already in the warehouse stay active
        return FileOutcome(state=FileState(rel, 0, 0, ""), status="rejected", articles=[],
                           reject=Reject(stage=exc.stage, source_path=rel, reason=reason[:2000], error_type=name))


def corpus_files(corpus_dir: Path, exclude: Sequence[Path] = ()) -> set[str]:
    """The relative paths a scan would read, without reading them (a cheap look before a run)."""
    return {_relative(path, corpus_dir) for path, problem, _ in _walk(Path(corpus_dir), exclude) if problem is None}


def _scan_one(path: Path, rel: str, known: FileState | None, max_file_bytes: int, sidecar: Path | None) -> FileOutcome:
    """One file's outcome; `sidecar` is the one the walk found beside it."""
    try:
        st = path.stat()
    except OSError as exc:
        return _reject(rel, _open_error(exc, path).reason, None)
    sidecar_path = sidecar if stat.S_ISREG(st.st_mode) else None
    size, mtime = st.st_size, st.st_mtime_ns
    side_st = None
    if sidecar_path is not None:
        try:
            side_st = sidecar_path.stat()
            size += side_st.st_size
            mtime = max(mtime, side_st.st_mtime_ns)
        except OSError:
            side_st = None
    if known is not None and known.size == size and known.mtime_ns == mtime and stat.S_ISREG(st.st_mode):
        return FileOutcome(state=known, status="unchanged")
    state = FileState(rel, size, mtime, "")
    try:
        raw, _ = _read_bounded(path, max_file_bytes)
        _check_suffix(path)
        with _stage("decode"):
            sidecar_meta, side_raw = _read_sidecar(sidecar_path) if sidecar_path else (None, None)
        state.file_sha256 = _fingerprint(raw, side_raw)
        if known is not None and known.file_sha256 == state.file_sha256:
            return FileOutcome(state=state, status="unchanged")
        with _stage("decode"):
            articles = _parse(raw, path, rel, sidecar_meta, state.file_sha256)
    except IngestError as exc:
        return _reject(rel, exc.reason, state)
    for article in articles:
        if sidecar_path is not None:
            article.extra.setdefault("sidecar", _relative(sidecar_path, path.parent))
    return FileOutcome(state=state, status="changed" if known is not None else "new", articles=articles)
