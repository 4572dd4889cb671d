"""Reading source files and writing fixed ones safely (finding them: `nbfix.discovery`).

The promise this module keeps is that nbfix never loses a user's code:

- Only regular files are read. A FIFO, a device or a socket named `x.py`
  would block a read forever (or never end), so it is refused before a
  byte is read; the open itself does not block (`O_NONBLOCK`).
- A write goes to the file's real target: a symbolic link stays a link and
  its target gets the fix.
- The user's file wins. Just before the fixed text replaces the file, the
  file on disk is compared (stat and content) with what was read; if it was
  edited, replaced or deleted meanwhile, nothing is written (`FileChanged`).
- A write is atomic (a temporary file beside the target, then one
  `os.replace`), keeping the mode, and the owner and group where the
  process may set them. A file with other hard links, or one whose owner
  cannot be kept, is rewritten in place instead, so its links and owner
  survive; the original bytes are first saved beside it
  (`.<name>.nbfix-backup`) and removed once the new content is on disk, so
  that even a run killed mid-write leaves the user a copy.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from nbfix.source import SourceError, decode, encode

READ_CHUNK = 1 << 20
BACKUP_SUFFIX = ".nbfix-backup"


@dataclass(frozen=True)
class Target:
    """A file to process; `explicit` when the user named it (a non-notebook is then an error)."""

    path: Path
    explicit: bool


class NotRegularFile(SourceError):
    """A path that is not a regular file (FIFO, device, socket): never read."""


class FileChanged(OSError):
    """The file on disk is no longer what nbfix read: it is left alone."""


def looks_like_notebook(data: bytes) -> bool:
    """A cheap test run before parsing: every marimo notebook mentions both."""
    return b"marimo" in data and b"App(" in data


@dataclass(frozen=True)
class Identity:
    """What tells that a file is still the one that was read: device, inode, size, mtime."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, status: os.stat_result) -> Identity:
        return cls(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str
    has_bom: bool
    digest: str  # sha256 of the bytes read: the cache's content key
    identity: Identity | None = None  # None for text that did not come from a file (stdin)


def source_from_bytes(data: bytes, path: Path) -> SourceFile:
    """Text of a notebook's bytes, however they arrived (a file, stdin): one decoding for all."""
    if not data.strip():
        raise SourceError("empty file")
    text, has_bom = decode(data)
    return SourceFile(path, text, has_bom, hashlib.sha256(data).hexdigest())


def read_source(path: Path) -> SourceFile:
    """Read a regular file as text; SourceError with a one-line reason if it cannot be."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise SourceError(_reason(error)) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise SourceError("is a directory")
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile("not a regular file")
        data = _read_all(descriptor)
    except OSError as error:
        raise SourceError(_reason(error)) from None
    finally:
        os.close(descriptor)
    return dataclasses.replace(
        source_from_bytes(data, path),
        identity=Identity.of(status),
    )


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while chunk := os.read(descriptor, READ_CHUNK):
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno == errno.EISDIR:
        return "is a directory"
    return error.strerror or str(error)


def write_fixed(source: SourceFile, text: str) -> None:
    """Replace the file's content with `text`, keeping everything else about the file.

    Raises `FileChanged` (writing nothing) if the file is no longer what was read,
    and OSError if it cannot be written (the file is then as it was).
    """
    real = Path(os.path.realpath(source.path))
    data = encode(text, source.has_bom)
    try:
        current = _still_as_read(source, real)
    except FileChanged:
        if _holds(real, data):  # another run (or the user) already wrote this very fix
            return
        raise
    if current.st_nlink > 1:
        _write_in_place(real, data, source)
        return
    temporary = _write_temporary(real, data, current)
    try:
        if not _owner_kept(temporary, current):
            os.unlink(temporary)
            _write_in_place(real, data, source)
            return
        _still_as_read(source, real)  # the last moment the user's edit can still win
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _still_as_read(source: SourceFile, real: Path) -> os.stat_result:
    """The file's stat if it is still exactly what was read; FileChanged otherwise."""
    try:
        status = os.stat(real)
    except FileNotFoundError:
        raise FileChanged(errno.ENOENT, "deleted since nbfix read it; not written") from None
    if source.identity is not None and Identity.of(status) != source.identity:
        raise FileChanged(errno.EAGAIN, "changed on disk since nbfix read it; not written")
    with open(real, "rb") as handle:
        if hashlib.sha256(handle.read()).hexdigest() != source.digest:
            raise FileChanged(errno.EAGAIN, "changed on disk since nbfix read it; not written")
    return status


def _holds(real: Path, data: bytes) -> bool:
    try:
        with open(real, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _write_temporary(real: Path, data: bytes, current: os.stat_result) -> str:
    """A new file beside `real` holding `data`, flushed to disk, with `real`'s mode."""
    descriptor, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".nbfix")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(current.st_mode))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def _owner_kept(temporary: str, current: os.stat_result) -> bool:
    """Give the new file the original's owner and group; False if this process may not."""
    created = os.stat(temporary)
    if (created.st_uid, created.st_gid) == (current.st_uid, current.st_gid):
        return True
    if not hasattr(os, "chown"):  # pragma: no cover - not POSIX
        return True
    try:
        os.chown(temporary, current.st_uid, current.st_gid)
    except PermissionError:
        return False
    # chown clears set-user/group-ID bits on some systems: put the mode back.
    os.chmod(temporary, stat.S_IMODE(current.st_mode))
    return True


def _write_in_place(real: Path, data: bytes, source: SourceFile) -> None:
    """Rewrite the file's own inode (hard links and owner kept), with a backup until done."""
    backup = real.parent / f".{real.name}{BACKUP_SUFFIX}"
    original = _backup_original(real, backup, source)
    try:
        with open(real, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        if _restored(real, original):  # otherwise the backup stays: the user's only copy
            with contextlib.suppress(OSError):
                os.unlink(backup)
        raise
    with contextlib.suppress(OSError):
        os.unlink(backup)


def _backup_original(real: Path, backup: Path, source: SourceFile) -> bytes:
    """Save the file's bytes (checked to be what was read) beside it, never over another file."""
    with open(real, "rb") as handle:
        original = handle.read()
    if hashlib.sha256(original).hexdigest() != source.digest:
        raise FileChanged(errno.EAGAIN, "changed on disk since nbfix read it; not written")
    try:
        descriptor = os.open(
            backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
    except FileExistsError:
        raise OSError(errno.EEXIST, f"{backup.name} exists (from an interrupted run?); not written") from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(original)
        handle.flush()
        os.fsync(handle.fileno())
    return original


def _restored(real: Path, original: bytes) -> bool:
    """Put the original bytes back after a failed in-place write; whether that worked."""
    try:
        with open(real, "r+b") as handle:
            handle.write(original)
            handle.truncate()
    except OSError:
        return False
    return True
