"""Reading one file safely: stat first, refuse non-regular and oversized files, clear errors.

Why: a FIFO would block, a huge file would exhaust memory, and an OS error must become a
one-line reason that says what to do.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pipeline.ingest.formats import _check_suffix, _fingerprint, _parse
from pipeline.ingest.meta import _read_sidecar, sidecar_for
from pipeline.ingest.records import DEFAULT_MAX_FILE_BYTES, IngestError
from pipeline.models import Article


def _relative(path: Path, corpus_dir: Path) -> str:
    try:
        return path.relative_to(corpus_dir).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(corpus_dir.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _open_error(exc: OSError, path: Path) -> IngestError:
    if exc.errno == errno.ELOOP:
        return IngestError("symlink loop: the link never reaches a file; remove or fix the link")
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return IngestError(f"broken symlink to {os.readlink(path)!r}; fix or remove the link")
    if isinstance(exc, PermissionError):
        return IngestError("permission denied; make the file readable by the pipeline's user (chmod a+r)")
    if isinstance(exc, IsADirectoryError):
        return IngestError("is a directory, not a file")
    return IngestError(f"cannot read the file ({exc.strerror or exc}); check it and run again")


def _read_bounded(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """Stat and read a regular file, refusing non-regular and oversized files before reading."""
    try:
        st = path.stat()
    except OSError as exc:
        raise _open_error(exc, path) from exc
    if stat.S_ISDIR(st.st_mode):
        raise IngestError("is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        what = "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "not a regular file (socket or device)"
        raise IngestError(f"{what}: only regular files are read; replace it with the article file")
    if st.st_size > max_bytes:
        raise IngestError(
            f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit (max_file_bytes); "
            "split it into articles or raise the limit"
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _open_error(exc, path) from exc
    if len(raw) > max_bytes:
        raise IngestError(f"file grew past the {max_bytes:,}-byte limit while being read; split it or raise the limit")
    return raw, st


def read_file(path: Path, corpus_dir: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[Article]:
    """Read one file (and its sidecar) into articles; raises IngestError on bad input."""
    path = Path(path)
    raw, _ = _read_bounded(path, max_file_bytes)
    _check_suffix(path)
    sidecar_path = sidecar_for(path)
    sidecar, side_raw = _read_sidecar(sidecar_path) if sidecar_path else (None, None)
    return _parse(raw, path, _relative(path, Path(corpus_dir)), sidecar, _fingerprint(raw, side_raw))
