"""`.nbfix_cache/`: results of unchanged files, so a warm re-run reads no notebook.

One JSON file per nbfix version and effective settings (selected rules, unsafe
fixes, per-file ignores, and a fingerprint of nbfix's own source files, so that
a developer's edit to a rule is never answered from stale results) maps each
path to the file's last seen stat (mtime, size, inode), its content hash, and
the report of that content. A file whose stat is unchanged is not even opened;
one whose stat changed but whose bytes hash the same is not parsed again.
Entries for files that no longer exist, caches of other nbfix versions, and
caches of settings no run has used for `UNUSED_FOR` are pruned on save.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from fixer import __version__
from fixer.report import FileReport

CACHE_DIRECTORY = ".nbfix_cache"
UNUSED_FOR = 30 * 24 * 3600  # seconds


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
    keyed = {"settings": material, "build": build_fingerprint()}
    return hashlib.sha256(json.dumps(keyed, sort_keys=True).encode()).hexdigest()[:16]


def _fingerprint(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_mtime_ns, status.st_size, status.st_ino]


class Cache:
    def __init__(self, root: Path, material: object) -> None:
        self.directory = root / CACHE_DIRECTORY
        self.file = self.directory / __version__ / f"{settings_key(material)}.json"
        self.entries: dict[str, dict] = {}
        self.dirty = False
        with contextlib.suppress(OSError, ValueError):
            self.entries = json.loads(self.file.read_text(encoding="utf-8"))

    @staticmethod
    def _key(path: Path) -> str:
        return str(path.absolute())

    def lookup(self, path: Path) -> FileReport | None:
        """The cached report if the file's stat is unchanged (the file is not read)."""
        entry = self.entries.get(self._key(path))
        if entry is None or entry["stat"] != _fingerprint(path):
            return None
        report = FileReport.from_json(entry["report"])
        report.path = str(path)
        return report

    def known_content(self, path: Path) -> tuple[str, FileReport] | None:
        """The content hash and report last stored for the path, whatever its stat."""
        entry = self.entries.get(self._key(path))
        if entry is None:
            return None
        return entry["report"]["content_hash"], FileReport.from_json(entry["report"])

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
        self._prune_other_versions()
        if not (self.dirty or stale):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            (self.directory / ".gitignore").write_text("# Created by nbfix\n*\n", encoding="utf-8")
            descriptor, temporary = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(self.entries, handle)
            os.replace(temporary, self.file)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _prune_other_versions(self) -> None:
        if not self.directory.is_dir():
            return
        for child in self.directory.iterdir():
            if child.is_dir() and child.name != __version__:
                shutil.rmtree(child, ignore_errors=True)
        horizon = time.time() - UNUSED_FOR
        for other in self.file.parent.glob("*.json") if self.file.parent.is_dir() else ():
            with contextlib.suppress(OSError):
                if other != self.file and other.stat().st_mtime < horizon:
                    other.unlink()
