"""Machine formats: Ruff's JSON schema (`json`) and one object per line (`json-lines`).

A file nbfix could not process is a record too, as Ruff reports its syntax and
I/O errors: `code` null, `name` the kind of error (`io-error`, `syntax-error`,
`not-a-notebook`, `internal-error`), `severity` "error", the reason as the message,
located at the line of the error (or 1:1), with no fix.
"""

from __future__ import annotations

import json
from pathlib import Path

from nbfix.report import FileReport, Finding, rule_statistics
from nbfix.rule_docs import rule_url
from nbfix.source import Position


def _location(position: Position) -> dict[str, int]:
    return {"row": position.line, "column": position.column}


def record(report: FileReport, finding: Finding) -> dict:
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability,
            "message": finding.fix.message,
            "edits": [
                {"content": e.content, "location": _location(e.start), "end_location": _location(e.end)}
                for e in finding.fix.edits
            ],
        }
    return {
        "cell": None,
        "code": finding.code,
        "message": finding.message,
        "filename": str(Path(report.path).absolute()),
        "location": _location(finding.start),
        "end_location": _location(finding.end),
        "noqa_row": finding.start.line,
        "fix": fix,
        "url": rule_url(finding.code),
        "severity": finding.severity,
        "name": finding.name,
    }


def error_record(report: FileReport) -> dict:
    where = _location(Position(report.error_line or 1, 1))
    return {
        "cell": None,
        "code": None,
        "message": report.error,
        "filename": str(Path(report.path).absolute()),
        "location": where,
        "end_location": where,
        "noqa_row": None,
        "fix": None,
        "url": None,
        "severity": "error",
        "name": report.error_name,
    }


def records(reports: list[FileReport]) -> list[dict]:
    """Each report's error, if any, then its findings: in path order, as the reports come."""
    found = []
    for report in reports:
        if report.error is not None:
            found.append(error_record(report))
        found.extend(record(report, finding) for finding in report.findings)
    return found


def render(reports: list[FileReport]) -> str:
    return json.dumps(records(reports), indent=2) + "\n"


def render_lines(reports: list[FileReport]) -> str:
    return "".join(json.dumps(item) + "\n" for item in records(reports))


def statistics(reports: list[FileReport]) -> list[dict]:
    """`--statistics` as data, Ruff's shape: `fixable` when --write fixes every one of them."""
    return [
        {
            "code": row.code,
            "name": row.name,
            "count": row.count,
            "fixable": row.count > 0 and row.fixable_count == row.count,
            "fixable_count": row.fixable_count,
        }
        for row in rule_statistics(reports)
    ]


def render_statistics(reports: list[FileReport]) -> str:
    return json.dumps(statistics(reports), indent=2) + "\n"


def render_statistics_lines(reports: list[FileReport]) -> str:
    return "".join(json.dumps(row) + "\n" for row in statistics(reports))
