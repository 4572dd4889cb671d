"""The human formats: `full` (the line and a caret under each finding) and `concise`.

Also the closing lines every text run prints: the errors (on stderr),
statistics, the fixes made, the dropped fixes and the summary. Everything
goes through a `Printer`: plain text when piped, rich's styles on a terminal.
"""

from __future__ import annotations

from collections import Counter

from nbfix.output.console import Part, Printer
from nbfix.report import FileReport, Finding, rule_statistics

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
FIXABLE = "[*]"  # every finding of the rule (or this finding) is fixed by --write
SOME_FIXABLE = "[-]"  # some findings of the rule are, others not


def _headline(report: FileReport, finding: Finding) -> list[Part]:
    parts: list[Part] = [
        (f"{report.path}:{finding.start.line}:{finding.start.column}: ", "bold"),
        (finding.code, _SEVERITY_STYLE[finding.severity]),
    ]
    if finding.fixable:
        parts.append((f" {FIXABLE}", "cyan"))
    parts.append(f" {finding.message}")
    return parts


def _snippet(finding: Finding) -> tuple[list[Part], list[Part]]:
    start, end = finding.start, finding.end
    number = str(start.line)
    source = finding.source_line.expandtabs(4)
    width = (
        (end.column - start.column) if end.line == start.line else len(finding.source_line) - start.column + 1
    )
    caret: list[Part] = [
        f"{' ' * len(number)} | " + " " * (start.column - 1),
        ("^" * max(1, width), _SEVERITY_STYLE[finding.severity]),
    ]
    return [(f"{number} | {source}", "dim")], caret


def render_findings(printer: Printer, reports: list[FileReport], *, full: bool) -> None:
    for report in reports:
        for finding in report.findings:
            printer.line(*_headline(report, finding))
            if full:
                for line in _snippet(finding):
                    printer.line(*line)


def render_errors(printer: Printer, reports: list[FileReport]) -> None:
    """One line per file that could not be processed (`path: error: reason`)."""
    for report in reports:
        if report.error is not None:
            printer.line((f"{report.path}: error: {report.error}", "red"))


def render_statistics(printer: Printer, reports: list[FileReport]) -> None:
    """Counts per code, most frequent first (Ruff's --statistics), and what the markers mean."""
    markers = set()
    for row in rule_statistics(reports):
        if row.code is None:  # files that could not be processed, by kind of error
            printer.line(f"{row.count:>5}  {'-':<6}     {row.name}")
            continue
        marker = FIXABLE if row.fixable_count == row.count else SOME_FIXABLE if row.fixable_count else ""
        markers.add(marker)
        printer.line(f"{row.count:>5}  {row.code:<6} {marker:<3} {row.name}")
    legend = []
    if FIXABLE in markers:
        legend.append(f"{FIXABLE} fixable with --write")
    if SOME_FIXABLE in markers:
        legend.append(f"{SOME_FIXABLE} some fixable with --write")
    if legend:
        printer.line("; ".join(legend))


def render_fixes(printer: Printer, reports: list[FileReport]) -> None:
    """What --write fixed, per file and rule (Ruff's --show-fixes)."""
    changed = [r for r in reports if r.fixed_codes]
    if not changed:
        return
    from nbfix.rules import CATALOG, rule_classes

    rules = rule_classes(sorted({code for r in changed for code in r.fixed_codes if code in CATALOG}))
    total = sum(len(r.fixed_codes) for r in changed)
    printer.line(f"\nFixed {_plural(total, 'issue')}:")
    for report in changed:
        printer.line(f"- {report.path}:")
        for code, count in sorted(Counter(report.fixed_codes).items()):
            name = rules[code].name if code in rules else ""
            printer.line(f"    {count} × {code} ({name})" if name else f"    {count} × {code}")


def render_dropped(printer: Printer, reports: list[FileReport]) -> None:
    for report in reports:
        for dropped in report.dropped:
            printer.line((f"{report.path}: fix for {dropped.code} dropped: {dropped.reason}", "magenta"))


def _plural(count: int, word: str) -> str:
    plural = word + ("es" if word.endswith("x") else "s")
    return f"{count} {word if count == 1 else plural}"


def summary(reports: list[FileReport], mode: str) -> str:
    """The closing line. It never says "All checks passed!" beside a file that could not be processed."""
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
    elif not errors:
        parts.append("All checks passed!")
    if hidden and mode != "diff":
        parts.append(f"{_plural(hidden, 'hidden fix')} can be enabled with --unsafe-fixes.")
    if errors:
        parts.append(f"{_plural(errors, 'file')} could not be processed (see the errors above).")
    if dropped:
        parts.append(f"{_plural(dropped, 'fix')} dropped (failed validation).")
    return " ".join(parts)


def render_summary(printer: Printer, reports: list[FileReport], mode: str) -> None:
    printer.line((summary(reports, mode), "bold"))
