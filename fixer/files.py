"""Reading source files and writing fixed ones atomically (finding them: `fixer.discovery`)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fixer.source import SourceError, decode, encode


@dataclass(frozen=True)
class Target:
    """A file to process; `explicit` when the user named it (a non-notebook is then an error)."""

    path: Path
    explicit: bool


def looks_like_notebook(data: bytes) -> bool:
    """A cheap test run before parsing: every marimo notebook mentions both."""
    return b"marimo" in data and b"App(" in data


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str
    has_bom: bool
    mode: int
    digest: str  # sha256 of the bytes read: the cache's content key


def read_source(path: Path) -> SourceFile:
    """Read a file as text; SourceError with a one-line reason if it cannot be."""
    try:
        data = path.read_bytes()
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except OSError as error:
        raise SourceError(error.strerror or str(error)) from None
    if not data.strip():
        raise SourceError("empty file")
    text, has_bom = decode(data)
    return SourceFile(path, text, has_bom, mode, hashlib.sha256(data).hexdigest())


def write_atomically(source: SourceFile, text: str) -> None:
    """Replace the file's content in one step, keeping its mode; never a half-written file."""
    directory = source.path.parent
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{source.path.name}.", suffix=".nbfix")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(encode(text, source.has_bom))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, source.mode & 0o7777)
        os.replace(temporary, source.path)
    except BaseException:
        with _suppress_os_errors():
            os.unlink(temporary)
        raise


class _suppress_os_errors:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, value: object, traceback: object) -> bool:
        return isinstance(value, OSError)
