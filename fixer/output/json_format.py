"""Machine formats: Ruff's JSON schema (`json`) and one object per line (`json-lines`)."""

from __future__ import annotations

import json
from pathlib import Path

from nbfix.report import FileReport, Finding
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
        "url": None,
        "severity": finding.severity,
        "name": finding.name,
    }


def render(reports: list[FileReport]) -> str:
    return json.dumps([record(r, f) for r in reports for f in r.findings], indent=2)


def render_lines(reports: list[FileReport]) -> str:
    return "".join(json.dumps(record(r, f)) + "\n" for r in reports for f in r.findings)
