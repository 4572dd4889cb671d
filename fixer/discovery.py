"""Which files a run processes.

Paths may be files, directories or glob patterns. A directory is walked
without following symbolic links (so a link loop cannot hang the walk),
skipping hidden folders, virtualenvs, caches and build output, anything the
`.gitignore` files in force exclude (matched by `pathspec`, which implements
git's rules), and the `exclude` patterns of the configuration. A file named
explicitly is always processed; a `.py` file found by walking is processed
only if it looks like a notebook (see `nbfix.files.looks_like_notebook`).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nbfix.files import Target

if TYPE_CHECKING:
    import pathspec

ALWAYS_SKIPPED = frozenset(
    {
        "__pycache__",
        "node_modules",
        "site-packages",
        "venv",
        "build",
        "dist",
        "__marimo__",
        "__pypackages__",
    }
)
_GLOB_CHARACTERS = frozenset("*?[")


def _spec(lines: Sequence[str]) -> pathspec.GitIgnoreSpec:
    import pathspec  # a run that names its files walks no folder and needs no patterns

    return pathspec.GitIgnoreSpec.from_lines(lines)


class _IgnoreRules:
    """The `.gitignore` files and exclude patterns that apply below some folders."""

    def __init__(self, root: Path, exclude: Sequence[str]) -> None:
        self.root = root
        self.exclude = _spec(exclude) if exclude else None
        self.gitignores: dict[Path, pathspec.GitIgnoreSpec] = {}

    def load_gitignore(self, folder: Path) -> None:
        if folder in self.gitignores:
            return
        path = folder / ".gitignore"
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        self.gitignores[folder] = _spec(lines)

    def load_ancestors(self, folder: Path) -> None:
        """The `.gitignore` files from the repository root down to `folder`."""
        chain = []
        for candidate in (folder, *folder.parents):
            chain.append(candidate)
            if (candidate / ".git").exists():
                break
        else:
            chain = [folder]
        for candidate in reversed(chain):
            self.load_gitignore(candidate)

    def ignored(self, path: Path, is_dir: bool) -> bool:
        suffix = "/" if is_dir else ""
        if self.exclude is not None:
            relative = _relative(path, self.root)
            if relative is not None and self.exclude.match_file(relative + suffix):
                return True
        for base, spec in self.gitignores.items():
            relative = _relative(path, base)
            if relative and spec.match_file(relative + suffix):
                return True
        return False


def _relative(path: Path, base: Path) -> str | None:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return None


def _is_virtualenv(folder: Path) -> bool:
    return (folder / "pyvenv.cfg").is_file()


def _walk(top: Path, rules: _IgnoreRules) -> Iterator[tuple[Path, Path]]:
    """Each notebook candidate under `top`, with its real path.

    The walk never enters a linked folder, so a file's real path is its
    folder's (resolved once per folder) and its name, unless the file itself
    is a link: resolving every path instead was a quarter of a warm run.
    """
    rules.load_ancestors(top)
    for directory, subdirectories, files in os.walk(top, followlinks=False):
        here = Path(directory)
        real_here: Path | None = None
        rules.load_gitignore(here)
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if not name.startswith(".")
            and name not in ALWAYS_SKIPPED
            and not _is_virtualenv(here / name)
            and not rules.ignored(here / name, is_dir=True)
        )
        for name in sorted(files):
            path = here / name
            if name.endswith(".py") and not rules.ignored(path, is_dir=False):
                if os.path.islink(path):
                    yield path, path.resolve()
                else:
                    real_here = real_here or here.resolve()
                    yield path, real_here / name


def discover(paths: Iterable[str], *, root: Path, exclude: Sequence[str] = ()) -> list[Target]:
    """Every file to process, each once, sorted by path."""
    rules = _IgnoreRules(root.resolve(), exclude)
    found: dict[Path, Target] = {}

    def add(path: Path, explicit: bool, real: Path | None = None) -> None:
        # Keyed by the real file: a notebook reached through a link and by its own
        # name is processed once (two writers of one file would race).
        real = real or path.resolve()
        if real not in found or explicit:
            found[real] = Target(path, explicit)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file, real in _walk(path.absolute(), rules):
                add(_display(file, path), explicit=False, real=real)
        elif not path.exists() and _GLOB_CHARACTERS & set(raw):
            for match in sorted(glob.glob(raw, recursive=True)):
                matched = Path(match)
                if matched.is_dir():
                    for file, real in _walk(matched.absolute(), rules):
                        add(_display(file, matched), explicit=False, real=real)
                elif match.endswith(".py") and not rules.ignored(matched.absolute(), is_dir=False):
                    add(matched, explicit=False)
        else:
            add(path, explicit=True)
    return sorted(found.values(), key=lambda target: str(target.path))


def _display(file: Path, argument: Path) -> Path:
    """Show a walked file relative to the argument the user typed (as they typed it)."""
    try:
        return argument / file.relative_to(argument.absolute())
    except ValueError:
        return file
