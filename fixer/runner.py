"""One file through the pipeline: read, parse, lint, fix, write.

Returns a `FileReport` that output formats render; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from fixer.diagnostics import Diagnostic, FixUnavailable
from fixer.engine import DroppedFix, fix_notebook, is_applicable
from fixer.files import SourceFile, Target, looks_like_notebook, read_source, write_atomically
from fixer.notebook import NotANotebook, Notebook
from fixer.rules import Rule, check
from fixer.source import SourceError


class Mode(Enum):
    CHECK = "check"
    DIFF = "diff"
    WRITE = "write"


@dataclass(frozen=True)
class Settings:
    rules: tuple[Rule, ...]
    mode: Mode = Mode.CHECK
    unsafe_fixes: bool = False


@dataclass
class FileReport:
    path: Path
    error: str | None = None  # a one-line reason the file could not be processed
    skipped: bool = False  # not a notebook, found while walking a directory
    notebook: Notebook | None = None  # what the diagnostics' positions refer to
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixable: list[bool] = field(default_factory=list)  # per diagnostic: --write would fix it
    original_text: str | None = None
    fixed_text: str | None = None  # set when fixes changed the text
    fixed_count: int = 0
    dropped: list[DroppedFix] = field(default_factory=list)

    @property
    def fixable_count(self) -> int:
        return sum(self.fixable)


def process(target: Target, settings: Settings) -> FileReport:
    report = FileReport(target.path)
    try:
        source = read_source(target.path)
    except SourceError as reason:
        report.error = str(reason)
        return report
    if not target.explicit and not looks_like_notebook(source.text.encode()):
        report.skipped = True
        return report
    try:
        notebook = Notebook.parse(source.text, str(target.path))
    except SyntaxError as error:
        report.error = f"syntax error at line {error.lineno}: {error.msg}"
        return report
    except NotANotebook as reason:
        if target.explicit:
            report.error = f"not a marimo notebook ({reason})"
        else:
            report.skipped = True
        return report
    except (RecursionError, ValueError, MemoryError) as error:
        report.error = f"cannot parse: {error}"
        return report
    report.original_text = source.text
    rules = list(settings.rules)
    if settings.mode is Mode.CHECK:
        return _report_only(report, notebook, rules, settings)
    return _fix(report, source, notebook, rules, settings)


def _report_only(report: FileReport, notebook: Notebook, rules: list[Rule], settings: Settings) -> FileReport:
    report.notebook = notebook
    report.diagnostics = check(notebook, rules)
    report.fixable = [_buildable(d, settings.unsafe_fixes) for d in report.diagnostics]
    return report


def _buildable(diagnostic: Diagnostic, unsafe_fixes: bool) -> bool:
    if not is_applicable(diagnostic, unsafe_fixes):
        return False
    try:
        return bool(diagnostic.fix.edits)  # type: ignore[union-attr]
    except FixUnavailable:
        return False


def _fix(
    report: FileReport, source: SourceFile, notebook: Notebook, rules: list[Rule], settings: Settings
) -> FileReport:
    outcome = fix_notebook(notebook, rules, unsafe_fixes=settings.unsafe_fixes)
    report.notebook = outcome.notebook
    report.diagnostics = outcome.diagnostics
    report.fixed_count = outcome.fixed_count
    report.dropped = outcome.dropped
    report.fixable = [_buildable(d, settings.unsafe_fixes) for d in outcome.diagnostics]
    if outcome.changed:
        report.fixed_text = outcome.notebook.text
        if settings.mode is Mode.WRITE:
            try:
                write_atomically(source, outcome.notebook.text)
            except OSError as error:
                report.error = f"cannot write: {error.strerror or error}"
    return report
