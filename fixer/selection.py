"""Which rules run on which file: one answer for the command line, the workers and the editor.

Selectors are Ruff's: a rule code (`NB007`), a prefix (`NB0`, `NB1`) or `ALL`.
A rule that is off by default runs only when a selector names it exactly or
is `ALL` (a prefix is not enough: `NB0` must not switch on NB010's opinion).
The project file and the user's flags combine the way Ruff combines them:
a command-line (or editor) `select` replaces the file's `select` *and*
`ignore`; `extend-select` and `ignore` add; `per-file-ignores` then turn
rules off for the paths their patterns match.

A notebook's own `[tool.nbfix]` header is a layer between the project
file and the flags (`Selectors.then`; see `nbfix.config`).

The selection is resolved once, to the codes it enables (`Selection.codes`);
what crosses into a worker process is those codes, the per-file ignores and
the layers of selectors, and a worker resolves selectors again only for a
notebook whose header has its own (`Selection.for_notebook`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from nbfix.rules import CATALOG, Rule, UnknownCode, rule_classes

if TYPE_CHECKING:
    import pathspec

    from nbfix.config import Config

PerFileIgnores = tuple[tuple[str, tuple[str, ...]], ...]  # (gitignore-style pattern, codes)


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(selector == "ALL" or code.startswith(selector) for selector in selectors)


def resolve_codes(
    select: Iterable[str] | None = None, ignore: Iterable[str] = (), extend_select: Iterable[str] = ()
) -> tuple[str, ...]:
    """The codes enabled by selectors; UnknownCode for a selector that matches no rule.

    Without `select` the default-on rules run. `extend_select` adds to
    `select` (or to the defaults); `ignore` wins over both.
    """
    chosen = list(select) if select is not None else None
    ignored = list(ignore)
    extended = list(extend_select)
    for selector in [*(chosen or []), *ignored, *extended]:
        if selector != "ALL" and not any(code.startswith(selector) for code in CATALOG):
            raise UnknownCode(f"unknown rule code or prefix: {selector}")

    def enabled_by(selectors: list[str], code: str, default: bool) -> bool:
        return code in selectors or "ALL" in selectors or (_matches(code, selectors) and default)

    codes = []
    for code, (_, default, _) in sorted(CATALOG.items()):
        enabled = default if chosen is None else enabled_by(chosen, code, default)
        enabled = enabled or enabled_by(extended, code, default)
        if enabled and not _matches(code, ignored):
            codes.append(code)
    return tuple(codes)


@functools.lru_cache(maxsize=32)
def rules_by_code(codes: tuple[str, ...]) -> tuple[Rule, ...]:
    """One instance of each rule named (rules are stateless: instances are shared)."""
    return tuple(rule() for rule in rule_classes(codes).values())


@dataclass(frozen=True)
class Selectors:
    """One layer of selectors: the project file's, a notebook header's, or the user's flags."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()

    def then(self, later: Selectors) -> Selectors:
        """Under a later layer: its `select` replaces `select` and `ignore`; its other selectors add."""
        extend = (*self.extend_select, *later.extend_select)
        if later.select is not None:
            return Selectors(later.select, later.ignore, extend)
        return Selectors(self.select, (*self.ignore, *later.ignore), extend)

    def codes(self) -> tuple[str, ...]:
        return resolve_codes(self.select, self.ignore, self.extend_select)

    def as_data(self) -> list:
        """A JSON value (for the cache key)."""
        return [
            None if self.select is None else list(self.select),
            list(self.ignore),
            list(self.extend_select),
        ]


@dataclass(frozen=True)
class Selection:
    """The enabled codes and the per-file ignores: plain data, so it pickles into workers."""

    codes: tuple[str, ...]
    per_file_ignores: PerFileIgnores = ()
    root: str = "."  # per-file-ignores patterns are relative to it
    # The layers `codes` was resolved from; None: `codes` is final, a notebook header changes nothing.
    project: Selectors | None = None
    flags: Selectors = Selectors()

    @classmethod
    def of(
        cls,
        config: Config,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
    ) -> Selection:
        """The project file's selection (`config`) overridden by the user's flags or editor settings."""
        project = Selectors(config.select, tuple(config.ignore), tuple(config.extend_select))
        flags = Selectors(None if select is None else tuple(select), tuple(ignore), tuple(extend_select))
        codes = project.then(flags).codes()
        return cls(codes, tuple(sorted(config.per_file_ignores.items())), str(config.root), project, flags)

    def for_notebook(self, header: Selectors | None) -> Selection:
        """The selection for a notebook whose script header selects `header` (between project and flags)."""
        if header is None or self.project is None:
            return self
        return replace(self, codes=self.project.then(header).then(self.flags).codes())

    @property
    def rules(self) -> tuple[Rule, ...]:
        return rules_by_code(self.codes)

    def rules_for(self, path: Path) -> tuple[Rule, ...]:
        """The enabled rules minus those the per-file ignores turn off for `path`."""
        return rules_by_code(self.codes_for(path))

    def codes_for(self, path: Path) -> tuple[str, ...]:
        """The enabled codes minus those the per-file ignores turn off for `path`."""
        if not self.per_file_ignores:
            return self.codes
        ignored = _ignored_for(self.per_file_ignores, _relative(path, self.root))
        return tuple(code for code in self.codes if not _matches(code, ignored))


def _relative(path: Path, root: str) -> str:
    try:
        return path.absolute().relative_to(Path(root).absolute()).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=8)
def _specs(per_file_ignores: PerFileIgnores) -> tuple[tuple[pathspec.GitIgnoreSpec, tuple[str, ...]], ...]:
    import pathspec  # only a run with per-file ignores pays for it

    return tuple((pathspec.GitIgnoreSpec.from_lines([pattern]), codes) for pattern, codes in per_file_ignores)


def _ignored_for(per_file_ignores: PerFileIgnores, relative: str) -> list[str]:
    ignored: list[str] = []
    for spec, codes in _specs(per_file_ignores):
        if spec.match_file(relative):
            ignored.extend(codes)
    return ignored
