"""One file through the pipeline: read, parse, lint, fix, write.

`process` runs in worker processes, so everything it takes (`Settings`) and
returns (`FileReport`) is plain data, and it never raises: a file that breaks
nbfix itself becomes a one-line error, and the other files go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from nbfix.files import NotRegularFile, SourceFile, Target, read_source
from nbfix.report import INTERNAL_ERROR, SYNTAX_ERROR, FileReport
from nbfix.selection import Selection, Selectors
from nbfix.source import SourceError


class Mode(Enum):
    CHECK = "check"
    DIFF = "diff"
    WRITE = "write"


@dataclass(frozen=True)
class Settings:
    """What a worker needs to process a file; plain data so it pickles."""

    codes: tuple[str, ...]  # the enabled rules
    mode: Mode = Mode.CHECK
    unsafe_fixes: bool = False
    fixable: tuple[str, ...] | None = None  # the codes whose fixes may be used (None: every code)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (pattern, codes)
    root: str = "."  # per-file-ignores patterns are relative to it
    # Build each fix of a check's findings, for the outputs that print its
    # edits (JSON). Otherwise a finding is fixable when its rule offers an
    # applicable fix: building one runs a libcst codemod on the cell, which
    # cost a check of a tree with many findings more than finding them.
    fix_edits: bool = True
    # The project file's and the flags' selectors that `codes` came from, for a
    # notebook whose header selects its own rules (None: `codes` is final).
    project: Selectors | None = None
    flags: Selectors = Selectors()

    def may_fix(self, code: str) -> bool:
        """Whether a finding of `code` keeps its fix (--fixable, --unfixable)."""
        return self.fixable is None or code in self.fixable

    @property
    def selection(self) -> Selection:
        return Selection(self.codes, self.per_file_ignores, self.root, self.project, self.flags)

    @property
    def cache_material(self) -> dict:
        """What a cached report depends on besides the file (the mode does not matter)."""
        return {
            "codes": list(self.codes),
            "fixable": None if self.fixable is None else list(self.fixable),
            "unsafe": self.unsafe_fixes,
            "per_file_ignores": [[p, list(c)] for p, c in self.per_file_ignores],
            "fix_edits": self.fix_edits,
            "layers": None if self.project is None else [self.project.as_data(), self.flags.as_data()],
        }


def process(target: Target, settings: Settings, known: tuple[str, FileReport] | None = None) -> FileReport:
    """Process one file. `known` is the cache's last (content hash, report) for it.

    It runs with a deep stack (`nbfix.deep_stack`): a valid expression a
    thousand levels deep must be checked and fixed, and one nested past even
    that deep limit is a one-line error, not a crash.
    """
    from nbfix.deep_stack import call_with_deep_stack

    try:
        return call_with_deep_stack(lambda: _process(target, settings, known))
    except RecursionError:
        return FileReport(
            str(target.path),
            error="nested too deeply to analyze (maximum recursion depth)",
            error_kind=SYNTAX_ERROR,
        )
    except Exception as error:  # a bug in nbfix must not stop the other files
        return FileReport(
            str(target.path),
            error=f"internal error: {type(error).__name__}: {error}",
            error_kind=INTERNAL_ERROR,
        )


def _process(target: Target, settings: Settings, known: tuple[str, FileReport] | None) -> FileReport:
    try:
        source = read_source(target.path)
    except NotRegularFile as reason:
        if not target.explicit:  # a FIFO or device met while walking is not a notebook
            return FileReport(str(target.path), skipped=True)
        return FileReport(str(target.path), error=str(reason))
    except SourceError as reason:
        return FileReport(str(target.path), error=str(reason))
    if known is not None and known[0] == source.digest:
        cached = known[1]
        if settings.mode is Mode.CHECK or cached.fixable_count == 0:
            cached.path = str(target.path)
            return cached
    return analyze_source(target, source, settings)


def analyze_source(target: Target, source: SourceFile, settings: Settings) -> FileReport:
    """Everything after reading: parse, lint, and in DIFF/WRITE mode fix (WRITE also writes).

    The work is `nbfix.pipeline`'s, imported on first use: a run that the
    cache answers in full never loads the notebook model or a rule.
    """
    from nbfix.pipeline import analyze

    return analyze(target, source, settings)
