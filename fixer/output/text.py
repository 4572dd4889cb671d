"""The human format: `path:line:col: CODE message`, the source line, a caret, a summary."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from fixer.diagnostics import Diagnostic, Severity
from fixer.runner import FileReport, Mode

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_diagnostic(console: Console, report: FileReport, diagnostic: Diagnostic, fixable: bool) -> None:
    assert report.notebook is not None
    start, end = diagnostic.span.start_pos, diagnostic.span.end_pos
    line = Text()
    line.append(f"{report.path}:{start.line}:{start.column}: ", style="bold")
    line.append(diagnostic.code, style=_SEVERITY_STYLE[diagnostic.severity])
    if fixable:
        line.append(" [*]", style="cyan")
    line.append(f" {diagnostic.message}")
    console.print(line, soft_wrap=True)

    source_line = report.notebook.index.line_text(start.line)
    gutter = " " * len(str(start.line))
    width = (end.column - start.column) if end.line == start.line else len(source_line) - start.column + 1
    console.print(Text(f"{start.line} | {source_line.expandtabs(4)}", style="dim"), soft_wrap=True)
    caret = Text(f"{gutter} | " + " " * (start.column - 1))
    caret.append("^" * max(1, width), style=_SEVERITY_STYLE[diagnostic.severity])
    console.print(caret, soft_wrap=True)


def render(console: Console, reports: list[FileReport], mode: Mode) -> None:
    found = fixable = fixed = 0
    changed_files = 0
    dropped = []
    for report in reports:
        if report.notebook is None:
            continue
        for diagnostic, fixable_here in zip(report.diagnostics, report.fixable, strict=True):
            render_diagnostic(console, report, diagnostic, fixable_here)
        found += len(report.diagnostics)
        fixable += report.fixable_count
        fixed += report.fixed_count
        changed_files += report.fixed_text is not None
        dropped.extend((report.path, d) for d in report.dropped)
    for path, drop in dropped:
        console.print(
            Text(f"{path}: fix for {drop.diagnostic.code} dropped: {drop.reason}", style="magenta"),
            soft_wrap=True,
        )
    console.print(Text(summary(mode, found, fixable, fixed, changed_files, len(dropped)), style="bold"))


def summary(mode: Mode, found: int, fixable: int, fixed: int, changed_files: int, dropped: int) -> str:
    parts = []
    if mode is Mode.WRITE:
        files = "file" if changed_files == 1 else "files"
        parts.append(f"Fixed {fixed} issue{'s' * (fixed != 1)} in {changed_files} {files}.")
        if found:
            parts.append(f"{found} remaining.")
    elif mode is Mode.DIFF:
        parts.append(
            f"Would fix {fixed} issue{'s' * (fixed != 1)} "
            f"in {changed_files} file{'s' * (changed_files != 1)}."
        )
    else:
        if found:
            parts.append(f"Found {found} issue{'s' * (found != 1)} ({fixable} fixable with --write).")
        else:
            parts.append("All checks passed.")
    if dropped:
        parts.append(f"{dropped} fix{'es' * (dropped != 1)} dropped (failed validation).")
    return " ".join(parts)
