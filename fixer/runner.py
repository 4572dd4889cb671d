"""One file through the pipeline: read, parse, lint, fix, write.

`process` runs in worker processes, so everything it takes (`Settings`) and
returns (`FileReport`) is plain data, and it never raises: a file that breaks
nbfix itself becomes a one-line error, and the other files go on.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from nbfix.config import ConfigError, notebook_selectors
from nbfix.diagnostics import Diagnostic
from nbfix.files import NotRegularFile, SourceFile, Target, looks_like_notebook, read_source, write_fixed
from nbfix.loading import UnparsableSource, parse_notebook
from nbfix.notebook import NotANotebook, Notebook
from nbfix.output.diff import unified_diff
from nbfix.report import (
    CONFIG_ERROR,
    INTERNAL_ERROR,
    NOT_A_NOTEBOOK,
    SYNTAX_ERROR,
    DroppedRecord,
    FileReport,
    finding_of,
)
from nbfix.rules import Rule, check
from nbfix.selection import Selection, Selectors
from nbfix.source import SourceError, encode
from nbfix.suppression import ignores_whole_file

if TYPE_CHECKING:
    from nbfix.engine import FixOutcome


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


def rules_for(settings: Settings, path: Path, header: Selectors | None = None) -> list[Rule]:
    """The enabled rules for `path`: its header's selectors applied, then the per-file ignores."""
    return list(settings.selection.for_notebook(header).rules_for(path))


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
    """Everything after reading: parse, lint, and in DIFF/WRITE mode fix (WRITE also writes)."""
    report = FileReport(str(target.path), content_hash=source.digest)
    if not target.explicit and not looks_like_notebook(source.text.encode()):
        report.skipped = True
        return report
    try:
        notebook = parse_notebook(source.text, str(target.path))
    except UnparsableSource as reason:
        report.error, report.error_kind, report.error_line = str(reason), SYNTAX_ERROR, reason.line
        return report
    except NotANotebook as reason:
        if target.explicit:
            report.error = f"not a marimo notebook ({reason})"
            report.error_kind = NOT_A_NOTEBOOK
        else:
            report.skipped = True
        return report
    if ignores_whole_file(source.text):
        return report
    try:
        header = notebook_selectors(source.text)
    except ConfigError as reason:
        report.error, report.error_kind = str(reason), CONFIG_ERROR
        return report
    rules = rules_for(settings, target.path, header)
    try:
        if settings.mode is Mode.CHECK:
            report.findings = [
                finding_of(d, notebook.index, settings.unsafe_fixes, build=settings.fix_edits)
                for d in _fixable_only(check(notebook, rules), settings)
            ]
            return report
        return _fix(report, source, notebook, rules, settings)
    finally:
        notebook.release()


def _fixable_only(diagnostics: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """The diagnostics, without the fixes that --fixable/--unfixable take away."""
    if settings.fixable is None:
        return diagnostics
    return [d if settings.may_fix(d.code) else dataclasses.replace(d, fix=None) for d in diagnostics]


def _fix(
    report: FileReport, source: SourceFile, notebook: Notebook, rules: list[Rule], settings: Settings
) -> FileReport:
    from nbfix.engine import fix_notebook  # a check never needs the fix engine
    from nbfix.hooks import FixHooks

    hooks = None if settings.fixable is None else FixHooks(keep_fix=lambda _, d: settings.may_fix(d.code))
    outcome = fix_notebook(notebook, rules, unsafe_fixes=settings.unsafe_fixes, hooks=hooks)
    final = outcome.notebook
    try:
        return _report_fixed(report, source, final, outcome, settings)
    finally:
        final.release()


def _report_fixed(
    report: FileReport, source: SourceFile, final: Notebook, outcome: FixOutcome, settings: Settings
) -> FileReport:
    report.findings = [finding_of(d, final.index, settings.unsafe_fixes) for d in outcome.diagnostics]
    report.fixed_count = outcome.fixed_count
    report.fixed_codes = outcome.fixed_codes
    report.dropped = [
        DroppedRecord(d.diagnostic.code, d.diagnostic.message, d.reason) for d in outcome.dropped
    ]
    if outcome.changed:
        report.fixed_text = final.text
        report.diff = unified_diff(report.path, source.text, final.text)
        if settings.mode is Mode.WRITE:
            try:
                write_fixed(source, final.text)
                report.content_hash = hashlib.sha256(encode(final.text, source.has_bom)).hexdigest()
            except OSError as error:
                report.error = f"cannot write: {error.strerror or error}"
                report.fixed_count, report.fixed_codes = 0, []
    return report
