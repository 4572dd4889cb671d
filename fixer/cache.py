"""`.nbfix_cache/`: results of unchanged files, so a warm re-run reads no notebook.

One JSON file per nbfix version and effective settings (selected rules, unsafe
fixes, per-file ignores, and a fingerprint of nbfix's own source files, so that
a developer's edit to a rule is never answered from stale results) maps each
path to the file's last seen stat (mtime, size, inode), its content hash, and
the report of that content. A file whose stat is unchanged is not even opened;
one whose stat changed but whose bytes hash the same is not parsed again.
Entries for files that no longer exist, the entry files of other nbfix
versions, and those of settings no run has used for `UNUSED_FOR` are pruned on save.

The folder sits in a repository that anyone may have committed to, so nothing in it
is trusted. No symlink is followed: the cache folder, the version folder and each
entry file are opened relative to their parent's descriptor with `O_NOFOLLOW`, and
one that is a symlink or not the kind of thing expected (a file for a folder, a FIFO
for an entry) leaves the cache unused, which only costs time. Pruning deletes only
regular files named like nbfix's own entry files and then the folders those leave
empty, never anything else. Files are written to a temporary file in the (checked)
folder and renamed into place. An entry whose JSON is not of the shape nbfix writes
is dropped and recomputed; a file that is not a JSON object counts as empty.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import re
import secrets
import stat
import time
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path

from nbfix import __version__
from nbfix.report import FileReport
from nbfix.semantic.installation import installation_key

CACHE_DIRECTORY = ".nbfix_cache"
UNUSED_FOR = 30 * 24 * 3600  # seconds
GITIGNORE = b"# Created by nbfix\n*\n"
# What nbfix writes in a version folder: entry files, and their temporaries (`_write_file`).
OWN_FILE = re.compile(r"[0-9a-f]{16}\.json(\.[0-9a-f]{8}\.tmp)?")
# The *at() system calls every cache file operation goes through (POSIX); without them
# (Windows) the cache is not used.
_DESCRIPTOR_RELATIVE_OPERATIONS = (
    all(hasattr(os, flag) for flag in ("O_NOFOLLOW", "O_DIRECTORY", "O_NONBLOCK", "O_CLOEXEC"))
    and {os.open, os.mkdir, os.stat, os.unlink, os.rmdir, os.rename} <= os.supports_dir_fd
    and os.listdir in os.supports_fd
)


@functools.lru_cache(maxsize=1)
def build_fingerprint() -> str:
    """Size and mtime of nbfix's own sources: editing a rule invalidates cached results."""
    package_root = Path(__file__).resolve().parent.parent
    entries = []
    for package in ("fixer", "codemods"):
        for source in sorted((package_root / package).rglob("*.py")):
            status = source.stat()
            entries.append(f"{source.relative_to(package_root)}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()


def settings_key(material: object) -> str:
    # NB019 checks calls against the installed marimo: its results change when marimo does.
    keyed = {"settings": material, "build": build_fingerprint(), "marimo": installation_key()}
    return hashlib.sha256(json.dumps(keyed, sort_keys=True).encode()).hexdigest()[:16]


def _fingerprint(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_mtime_ns, status.st_size, status.st_ino]


class Cache:
    def __init__(self, root: Path, material: object, folder: str = CACHE_DIRECTORY) -> None:
        """The cache in `root`/`folder` (`--cache-dir` names another folder than `.nbfix_cache`)."""
        self.root = root
        self.folder = folder
        self.name = f"{settings_key(material)}.json"  # in the folder of this nbfix version
        self.entries: dict[str, dict] = {}
        self.dirty = False
        with contextlib.suppress(OSError, ValueError, RecursionError):
            with (
                _folder(root) as top,
                _folder(folder, top) as cache,
                _folder(__version__, cache) as own,
            ):
                data = json.loads(_read_regular_file(self.name, own))
            if isinstance(data, dict):
                self.entries = {key: entry for key, entry in data.items() if _is_entry(entry)}
                self.dirty = len(self.entries) != len(data)  # write the file again without the bad ones

    @staticmethod
    def _key(path: Path) -> str:
        return str(path.absolute())

    def lookup(self, path: Path) -> FileReport | None:
        """The cached report if the file's stat is unchanged (the file is not read)."""
        key = self._key(path)
        entry = self.entries.get(key)
        if entry is None or entry["stat"] != _fingerprint(path):
            return None
        report = self._report(key)
        if report is not None:
            report.path = str(path)
        return report

    def known_content(self, path: Path) -> tuple[str, FileReport] | None:
        """The content hash and report last stored for the path, whatever its stat."""
        key = self._key(path)
        report = self._report(key) if key in self.entries else None
        if report is None or report.content_hash is None:
            return None
        return report.content_hash, report

    def _report(self, key: str) -> FileReport | None:
        """The report stored under `key`; None, and the entry dropped, if nbfix did not write it so."""
        try:
            data = self.entries[key]["report"]
            if not _checker(FileReport)(data):
                raise ValueError("not a report as nbfix writes it")
            return FileReport.from_json(data)
        except (TypeError, KeyError, ValueError, AttributeError):
            del self.entries[key]
            self.dirty = True
            return None

    def store(self, path: Path, report: FileReport) -> None:
        if report.error is not None or report.content_hash is None:
            return
        fingerprint = _fingerprint(path)
        if fingerprint is None:
            return
        self.entries[self._key(path)] = {"stat": fingerprint, "report": report.to_json()}
        self.dirty = True

    def save(self) -> None:
        stale = [key for key in self.entries if not os.path.exists(key)]
        for key in stale:
            del self.entries[key]
        write = self.dirty or bool(stale)
        try:
            with _folder(self.root) as top, _folder(self.folder, top, create=write) as cache:
                if write:
                    _write_file(".gitignore", cache, GITIGNORE, mode=0o666)
                _prune_other_versions(cache)
                with _folder(__version__, cache, create=write) as own:
                    _remove_own_files(own, keep=self.name, unused_since=time.time() - UNUSED_FOR)
                    if write:
                        _write_file(self.name, own, json.dumps(self.entries).encode(), mode=0o600)
        except OSError:
            pass  # a cache that cannot be written only costs time


# --- The shape of an entry --------------------------------------------------------------------


def _is_entry(entry: object) -> bool:
    """`{"stat": [mtime, size, inode], "report": {...}}`; the report is checked when it is used."""
    if not isinstance(entry, dict) or not isinstance(entry.get("report"), dict):
        return False
    fingerprint = entry.get("stat")
    return (
        isinstance(fingerprint, list) and len(fingerprint) == 3 and all(type(n) is int for n in fingerprint)
    )


@functools.cache
def _checker(hint: object) -> Callable[[object], bool]:
    """A test of whether a value read from JSON has the shape `FileReport.to_json` gives a value
    of type `hint`; built once per type, as a warm run tests every report it uses."""
    if hint is type(None):
        return lambda value: value is None
    if hint in (bool, int, str):
        return lambda value: type(value) is hint  # JSON's `true` is no number here, nor `1` a boolean
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_checker(argument) for argument in arguments]
        return lambda value: any(check(value) for check in options)
    if origin in (list, tuple):  # `list[X]` and `tuple[X, ...]` are both JSON arrays of X
        item = _checker(arguments[0])
        return lambda value: isinstance(value, list) and all(item(element) for element in value)
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        names = (
            FileReport(path="").to_json()
            if hint is FileReport
            else [f.name for f in dataclasses.fields(hint)]
        )
        fields = [(name, _checker(hints[name])) for name in names]
        return lambda value: (
            isinstance(value, dict) and all(name in value and check(value[name]) for name, check in fields)
        )
    return lambda value: False


# --- Files in the cache folder, never through a symlink --------------------------------------


@contextlib.contextmanager
def _folder(name: str | Path, parent: int | None = None, *, create: bool = False) -> Iterator[int]:
    """A descriptor of the real folder `name` in the folder `parent`; OSError if it is anything else.

    With `parent` None, `name` is the project root, where a symlink is the user's own choice.
    """
    if not _DESCRIPTOR_RELATIVE_OPERATIONS:
        raise OSError("no descriptor-relative file operations on this system")
    if create:
        with contextlib.suppress(FileExistsError):
            os.mkdir(name, dir_fd=parent)
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | (os.O_NOFOLLOW if parent is not None else 0)
    descriptor = os.open(name, flags, dir_fd=parent)
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def _read_regular_file(name: str, folder: int) -> bytes:
    """The bytes of `name` in `folder`; OSError if it is a symlink or not a regular file."""
    descriptor = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{name} is not a regular file")
        return handle.read()


def _write_file(name: str, folder: int, data: bytes, *, mode: int) -> None:
    """Put `data` in `name` in `folder` atomically; OSError if `name` is there and not a regular file."""
    try:
        existing = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise OSError(f"{name} is not a regular file")
    temporary = f"{name}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    descriptor = os.open(temporary, flags, mode, dir_fd=folder)
    try:
        with open(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)  # replaces a name, follows nothing
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise


def _prune_other_versions(cache: int) -> None:
    """Delete the entry files of other nbfix versions, then their folders if nothing else is left."""
    for name in os.listdir(cache):
        if name == __version__:
            continue
        with contextlib.suppress(OSError):  # a symlink or a file: not a folder nbfix made
            with _folder(name, cache) as other:
                _remove_own_files(other)
            os.rmdir(name, dir_fd=cache)  # refused, as it should be, while anything else is in it


def _remove_own_files(folder: int, *, keep: str = "", unused_since: float | None = None) -> None:
    """Delete the regular files in `folder` named as nbfix names its entry files (and their temporaries)."""
    for name in os.listdir(folder):
        if name == keep or not OWN_FILE.fullmatch(name):
            continue
        with contextlib.suppress(OSError):
            status = os.stat(name, dir_fd=folder, follow_symlinks=False)
            if stat.S_ISREG(status.st_mode) and (unused_since is None or status.st_mtime < unused_since):
                os.unlink(name, dir_fd=folder)  # removes the name; never follows a symlink
