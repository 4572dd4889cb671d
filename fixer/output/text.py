"""The human formats: `full` (the line and a caret under each finding) and `concise`.

Also the closing lines every text run prints: statistics, the fixes made,
the dropped fixes and the summary.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.text import Text

from nbfix.report import FileReport, Finding

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _headline(report: FileReport, finding: Finding) -> Text:
    line = Text()
    line.append(f"{report.path}:{finding.start.line}:{finding.start.column}: ", style="bold")
    line.append(finding.code, style=_SEVERITY_STYLE[finding.severity])
    if finding.fixable:
        line.append(" [*]", style="cyan")
    line.append(f" {finding.message}")
    return line


def _snippet(finding: Finding) -> tuple[Text, Text]:
    start, end = finding.start, finding.end
    number = str(start.line)
    source = finding.source_line.expandtabs(4)
    width = (
        (end.column - start.column) if end.line == start.line else len(finding.source_line) - start.column + 1
    )
    caret = Text(f"{' ' * len(number)} | " + " " * (start.column - 1))
    caret.append("^" * max(1, width), style=_SEVERITY_STYLE[finding.severity])
    return Text(f"{number} | {source}", style="dim"), caret


def render_findings(console: Console, reports: list[FileReport], *, full: bool) -> None:
    for report in reports:
        for finding in report.findings:
            console.print(_headline(report, finding), soft_wrap=True)
            if full:
                for line in _snippet(finding):
                    console.print(line, soft_wrap=True)


def render_statistics(console: Console, reports: list[FileReport]) -> None:
    """Counts per code, most frequent first (Ruff's --statistics)."""
    counts = Counter(f.code for r in reports for f in r.findings)
    names = {f.code: f.name for r in reports for f in r.findings}
    fixable = Counter(f.code for r in reports for f in r.findings if f.fixable)
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        marker = "[*]" if fixable[code] == count else "[-]" if fixable[code] else "   "
        console.print(f"{count:>5}  {code:<6} {marker} {names[code]}", markup=False, highlight=False)


def render_fixes(console: Console, reports: list[FileReport]) -> None:
    """What --write fixed, per file (Ruff's --show-fixes)."""
    changed = [r for r in reports if r.fixed_codes]
    if not changed:
        return
    total = sum(len(r.fixed_codes) for r in changed)
    console.print(f"\nFixed {total} issue{'s' * (total != 1)}:", markup=False)
    for report in changed:
        console.print(f"- {report.path}:", markup=False)
        for code, count in sorted(Counter(report.fixed_codes).items()):
            console.print(f"    {count} × {code}", markup=False)


def render_dropped(console: Console, reports: list[FileReport]) -> None:
    for report in reports:
        for dropped in report.dropped:
            console.print(
                Text(f"{report.path}: fix for {dropped.code} dropped: {dropped.reason}", style="magenta"),
                soft_wrap=True,
            )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def summary(reports: list[FileReport], mode: str) -> str:
    found = sum(len(r.findings) for r in reports)
    fixable = sum(r.fixable_count for r in reports)
    fixed = sum(r.fixed_count for r in reports)
    changed = sum(r.changed for r in reports)
    dropped = sum(len(r.dropped) for r in reports)
    errors = sum(r.error is not None for r in reports)
    hidden = sum(f.hidden_fix for r in reports for f in r.findings)
    parts = []
    if mode == "write":
        if fixed or not found:
            parts.append(f"Fixed {_plural(fixed, 'issue')} in {_plural(changed, 'file')}.")
        if found:
            parts.append(f"Found {_plural(found, 'issue')} ({fixable} fixable with --write).")
    elif mode == "diff":
        parts.append(f"Would fix {_plural(fixed, 'issue')} in {_plural(changed, 'file')}.")
    elif found:
        parts.append(f"Found {_plural(found, 'issue')} ({fixable} fixable with --write).")
    elif not errors:  # never claim success beside an error
        parts.append("All checks passed!")
    if hidden and mode != "diff":
        parts.append(
            f"{_plural(hidden, 'hidden fix')} can be enabled with --unsafe-fixes.".replace("fixs", "fixes")
        )
    if errors:
        parts.append(f"{_plural(errors, 'file')} could not be processed (see the errors above).")
    if dropped:
        parts.append(f"{_plural(dropped, 'fix')} dropped (failed validation).".replace("fixs", "fixes"))
    return " ".join(parts)
