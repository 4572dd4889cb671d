"""What the MCP server's tools do, as plain functions of plain data (no MCP SDK needed here).

`check_notebook` and `fix_notebook` take a notebook's path, its text, or both
(the text of the notebook at that path, not yet saved: the path then only
finds the project's configuration and the per-file ignores), and return JSON-ready
dicts. Both go through the same pipeline as the command line (`nbfix.runner`):
the project's `[tool.nbfix]` configuration, the same rules, the same proven fixes,
and for `write=True` the same safe write (`nbfix.files.write_fixed`: atomic, and
never over a file that changed since it was read). Anything that stops a
notebook from being checked is a `ToolFailure` with a one-line reason.

Positions are 1-based lines and 1-based columns counted in characters, as in
`nbfix --output-format json`; an edit replaces the text from its start up to
(not including) its end.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from nbfix.config import ConfigError, find_config_file, load_config
from nbfix.deep_stack import call_with_deep_stack
from nbfix.files import SourceFile, Target, read_source, source_from_bytes
from nbfix.report import FileReport, Finding
from nbfix.rules import UnknownCode
from nbfix.runner import Mode, Settings, analyze_source
from nbfix.selection import Selection
from nbfix.source import Position, SourceError

try:  # pydantic (which reads these types for the tools' schemas) needs this one before Python 3.12
    from typing_extensions import TypedDict
except ImportError:  # pragma: no cover - without the MCP SDK, any TypedDict does
    from typing import TypedDict

TEXT_NAME = "notebook.py"  # the name a notebook given only as text is checked under


class ToolFailure(Exception):
    """The notebook could not be checked or fixed; the message says why, in one line."""


class EditData(TypedDict):
    content: str
    line: int
    column: int
    end_line: int
    end_column: int


class FixData(TypedDict):
    applicability: str  # "safe" | "unsafe"
    title: str  # what the fix does
    applied_by_fix_notebook: bool  # fix_notebook (with its `unsafe`) would apply it
    edits: list[EditData]


class DiagnosticData(TypedDict):
    code: str
    name: str
    message: str
    severity: str  # "error" | "warning" | "info"
    line: int
    column: int
    end_line: int
    end_column: int
    fix: FixData | None


class CheckResult(TypedDict):
    path: str | None
    diagnostics: list[DiagnosticData]
    summary: str


class DroppedData(TypedDict):
    code: str
    message: str
    reason: str


class FixResult(TypedDict):
    path: str | None
    changed: bool
    written: bool
    fixed: dict[str, int]  # rule code -> how many of its diagnostics were fixed
    fixed_text: str
    diff: str
    remaining: list[DiagnosticData]
    dropped: list[DroppedData]
    summary: str


def check_notebook(path: str | None = None, text: str | None = None) -> CheckResult:
    """The diagnostics of a notebook, each with its fix (if any) as concrete edits."""
    report, _ = _run(path, text, Mode.CHECK, unsafe=None)
    diagnostics = [_diagnostic(finding) for finding in report.findings]
    return {"path": path, "diagnostics": diagnostics, "summary": _summary(diagnostics)}


def fix_notebook(
    path: str | None = None, text: str | None = None, unsafe: bool | None = None, write: bool = False
) -> FixResult:
    """Apply every fix that validates; the fixed text and what remains. `write` saves it to `path`."""
    if write and (path is None or text is not None):
        raise ToolFailure("write=true needs `path` and no `text`: nbfix writes the file it read")
    report, source = _run(path, text, Mode.WRITE if write else Mode.DIFF, unsafe)
    remaining = [_diagnostic(finding) for finding in report.findings]
    fixed = dict(sorted(Counter(report.fixed_codes).items()))
    summary = _summary(remaining, fixed=sum(fixed.values()))
    return {
        "path": path,
        "changed": report.changed,
        "written": write and report.changed,
        "fixed": fixed,
        "fixed_text": source.text if report.fixed_text is None else report.fixed_text,
        "diff": report.diff or "",
        "remaining": remaining,
        "dropped": [{"code": d.code, "message": d.message, "reason": d.reason} for d in report.dropped],
        "summary": summary,
    }


def _run(
    path: str | None, text: str | None, mode: Mode, unsafe: bool | None
) -> tuple[FileReport, SourceFile]:
    if path is None and text is None:
        raise ToolFailure("give the notebook's `path`, its `text`, or both")
    name = Path(path) if path is not None else Path(TEXT_NAME)
    settings = _settings(name if path is not None else None, mode, unsafe)
    try:
        source = read_source(name) if text is None else source_from_bytes(text.encode("utf-8"), name)
    except SourceError as reason:
        raise ToolFailure(f"{name}: {reason}") from None
    report = call_with_deep_stack(lambda: analyze_source(Target(name, explicit=True), source, settings))
    if report.error is not None:
        raise ToolFailure(f"{name}: {report.error}")
    return report, source


def _settings(path: Path | None, mode: Mode, unsafe: bool | None) -> Settings:
    """The project's configuration for `path` (found from its folder, else the working directory)."""
    start = path.absolute().parent if path is not None else Path.cwd()
    try:
        config = load_config(find_config_file(start))
        selection = Selection.of(config)
    except (ConfigError, UnknownCode) as error:
        raise ToolFailure(str(error)) from None
    # Settings carries the whole selection (its codes, per-file ignores, root and whatever
    # else a selection holds), as the command line's do.
    carried = {field.name for field in dataclasses.fields(Settings)} & {
        field.name for field in dataclasses.fields(Selection)
    }
    unsafe_fixes = config.unsafe_fixes if unsafe is None else unsafe
    return Settings(
        mode=mode, unsafe_fixes=unsafe_fixes, **{name: getattr(selection, name) for name in carried}
    )


def _diagnostic(finding: Finding) -> DiagnosticData:
    fix: FixData | None = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability,
            "title": finding.fix.message,
            "applied_by_fix_notebook": finding.fixable,
            "edits": [_edit(edit.content, edit.start, edit.end) for edit in finding.fix.edits],
        }
    return {
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "severity": finding.severity,
        "line": finding.start.line,
        "column": finding.start.column,
        "end_line": finding.end.line,
        "end_column": finding.end.column,
        "fix": fix,
    }


def _edit(content: str, start: Position, end: Position) -> EditData:
    return {
        "content": content,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
    }


def _summary(diagnostics: list[DiagnosticData], *, fixed: int | None = None) -> str:
    """One line, as the command line's summary: what was fixed, what is left, which fixes wait."""
    parts = [] if fixed is None else [f"fixed {fixed}"]
    count = len(diagnostics)
    if not count:
        return "; ".join([*parts, "no diagnostics left" if fixed is not None else "no diagnostics"])
    applies = sum(d["fix"] is not None and d["fix"]["applied_by_fix_notebook"] for d in diagnostics)
    unsafe = sum(d["fix"] is not None and not d["fix"]["applied_by_fix_notebook"] for d in diagnostics)
    parts.append(f"{count} diagnostic{'s' if count != 1 else ''}{' left' if fixed is not None else ''}")
    if applies and fixed is None:
        parts.append(f"{applies} fixable by fix_notebook")
    if unsafe:
        parts.append(f"{unsafe} more fixable with unsafe=true")
    return "; ".join(parts)
