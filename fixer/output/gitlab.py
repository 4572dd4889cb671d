"""GitLab Code Quality: a JSON array of issues that a merge request shows as a widget.

Each issue has a `check_name` (the rule's code, or the kind of error of a file
nbfix could not process), a `description` that starts with it (GitLab shows no
other field), a `severity` (error: major, warning: minor, info: info; a file that
could not be processed: critical), a `location` (the path relative to
`CI_PROJECT_DIR`, else to the working directory, and the positions) and a
`fingerprint`, which GitLab uses to tell new issues from old ones: a hash of the
code, the path and the message (never the line, so that moving code keeps it),
with a counter for repeats in one file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from nbfix.report import FileReport

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
ERROR_SEVERITY = "critical"


def _relative(path: str) -> str:
    root = Path(os.environ.get("CI_PROJECT_DIR") or Path.cwd()).absolute()
    absolute = Path(path).absolute()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _fingerprint(seen: set[str], *parts: str) -> str:
    salt = 0
    while True:
        digest = hashlib.sha256("\0".join([*parts, str(salt)]).encode()).hexdigest()[:32]
        if digest not in seen:
            seen.add(digest)
            return digest
        salt += 1


def _issue(check: str, message: str, severity: str, path: str, begin: dict, end: dict, seen: set) -> dict:
    return {
        "check_name": check,
        "description": f"{check}: {message}",
        "severity": severity,
        "fingerprint": _fingerprint(seen, check, path, message),
        "location": {"path": path, "positions": {"begin": begin, "end": end}},
    }


def issues(reports: list[FileReport]) -> list[dict]:
    found: list[dict] = []
    seen: set[str] = set()
    for report in reports:
        path = _relative(report.path)
        if report.error is not None:
            where = {"line": report.error_line or 1, "column": 1}
            found.append(_issue(report.error_name, report.error, ERROR_SEVERITY, path, where, where, seen))
        for f in report.findings:
            begin = {"line": f.start.line, "column": f.start.column}
            end = {"line": f.end.line, "column": f.end.column}
            found.append(_issue(f.code, f.message, _SEVERITY[f.severity], path, begin, end, seen))
    return found


def render(reports: list[FileReport]) -> str:
    return json.dumps(issues(reports), indent=2) + "\n"
