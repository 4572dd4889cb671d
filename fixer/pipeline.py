"""Lint and fix one notebook's source: parse, run the rules, fix, validate, write.

`nbfix.runner` hands each file here once it has been read and the cache
could not answer it. This module holds the imports a cache hit never needs
(the notebook model, the rules, the diff), which is why it stands apart.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from nbfix.config import ConfigError, notebook_selectors
from nbfix.diagnostics import Diagnostic
from nbfix.files import SourceFile, Target, looks_like_notebook, write_fixed
from nbfix.loading import UnparsableSource, parse_notebook
from nbfix.notebook import NotANotebook, Notebook
from nbfix.output.diff import unified_diff
from nbfix.report import CONFIG_ERROR, NOT_A_NOTEBOOK, SYNTAX_ERROR, DroppedRecord, FileReport, finding_of
from nbfix.rules import Inapplicable, Rule, check, may_apply
from nbfix.runner import Mode, Settings
from nbfix.selection import Selectors, rules_by_code
from nbfix.source import encode
from nbfix.suppression import ignores_whole_file

if TYPE_CHECKING:
    from nbfix.engine import FixOutcome


def rules_for(
    settings: Settings, path: Path, header: Selectors | None = None, text: str | None = None
) -> list[Rule]:
    """The enabled rules for `path`: its header's selectors applied, then the per-file ignores.

    Given the notebook's `text`, a rule that cannot find anything in it
    (`Rule.needs_text`) is an `Inapplicable` stand-in and its module is not
    imported: most notebooks never name torch, and the GPU rules are a third
    of the rules' import time, which a check of one small file pays in full.
    """
    codes = settings.selection.for_notebook(header).codes_for(path)
    if text is None:
        return list(rules_by_code(codes))
    wanted = tuple(code for code in codes if may_apply(code, text))
    found = dict(zip(wanted, rules_by_code(wanted), strict=True))
    return [found.get(code) or Inapplicable(code) for code in codes]


def analyze(target: Target, source: SourceFile, settings: Settings) -> FileReport:
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
    rules = rules_for(settings, target.path, header, source.text)
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
