"""Ruff's JSON output schema, so that tools reading Ruff's JSON read nbfix's."""

from __future__ import annotations

import json

from fixer.diagnostics import Diagnostic, FixUnavailable
from fixer.runner import FileReport
from fixer.source import LineIndex


def _location(index: LineIndex, offset: int) -> dict[str, int]:
    position = index.position(offset)
    return {"row": position.line, "column": position.column}


def _fix(index: LineIndex, diagnostic: Diagnostic) -> dict | None:
    if diagnostic.fix is None:
        return None
    try:
        edits = diagnostic.fix.edits
    except FixUnavailable:
        return None
    return {
        "applicability": diagnostic.fix.applicability.value,
        "message": diagnostic.fix.message,
        "edits": [
            {
                "content": edit.content,
                "location": _location(index, edit.start),
                "end_location": _location(index, edit.end),
            }
            for edit in edits
        ],
    }


def diagnostic_record(report: FileReport, diagnostic: Diagnostic) -> dict:
    assert report.notebook is not None
    start, end = diagnostic.span.start_pos, diagnostic.span.end_pos
    return {
        "cell": None,
        "code": diagnostic.code,
        "message": diagnostic.message,
        "filename": str(report.path.resolve()),
        "location": {"row": start.line, "column": start.column},
        "end_location": {"row": end.line, "column": end.column},
        "noqa_row": start.line,
        "fix": _fix(report.notebook.index, diagnostic),
        "url": None,
        "severity": diagnostic.severity.value,
        "name": diagnostic.name,
    }


def render(reports: list[FileReport]) -> str:
    records = [
        diagnostic_record(report, diagnostic)
        for report in reports
        if report.notebook is not None
        for diagnostic in report.diagnostics
    ]
    return json.dumps(records, indent=2)
