"""GitHub Actions workflow commands: each finding, and each file nbfix could not process, an annotation."""

from __future__ import annotations

from nbfix.report import FileReport

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_property(value: str) -> str:
    return (
        value.replace("%", "%25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace(":", "%3A")
        .replace(",", "%2C")
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _error(report: FileReport) -> str:
    """A file nbfix could not process: an error annotation titled with the kind of error."""
    line = report.error_line or 1
    properties = ",".join(
        [
            f"title={_escape_property(f'nbfix ({report.error_name})')}",
            f"file={_escape_property(report.path)}",
            f"line={line}",
        ]
    )
    return f"::error {properties}::{_escape_data(f'{report.path}:{line}: error: {report.error}')}\n"


def render(reports: list[FileReport]) -> str:
    lines = []
    for report in reports:
        if report.error is not None:
            lines.append(_error(report))
        for f in report.findings:
            properties = ",".join(
                [
                    f"title={_escape_property(f'nbfix ({f.code})')}",
                    f"file={_escape_property(report.path)}",
                    f"line={f.start.line}",
                    f"col={f.start.column}",
                    f"endLine={f.end.line}",
                    f"endColumn={f.end.column}",
                ]
            )
            message = f"{report.path}:{f.start.line}:{f.start.column}: {f.code} {f.message}"
            lines.append(f"::{_LEVEL[f.severity]} {properties}::{_escape_data(message)}\n")
    return "".join(lines)
