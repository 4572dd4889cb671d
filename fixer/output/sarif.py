"""SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure) import.

Each finding is a `result` of its rule. A file nbfix could not process is not a
result (it breaks no rule, and code-scanning services file a result without a
rule under an unknown one): it is a `toolExecutionNotification` of the run's
`invocation`, SARIF's place for "the tool could not analyse this", with the kind
of error as its descriptor id, and the invocation's `executionSuccessful` is
false. Each rule's `shortDescription` is the first whole sentence of its "What it
does"; `helpUri` and `informationUri` appear only when the package metadata names
them (see `nbfix.rule_docs`).
"""

from __future__ import annotations

import json
from pathlib import Path

from nbfix import __version__
from nbfix.report import FileReport
from nbfix.rule_docs import first_sentence, home_url, rule_url

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules() -> list[dict]:
    from nbfix.rules import all_rules

    described = []
    for code, rule in all_rules().items():
        documentation = rule.documentation()
        entry = {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": first_sentence(documentation) or f"{rule.name}."},
            "fullDescription": {"text": documentation},
            "help": {"text": documentation, "markdown": documentation},
            "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
            "properties": {"fix": str(rule.fix_availability), "default_enabled": rule.default_enabled},
        }
        url = rule_url(code)
        if url is not None:
            entry["helpUri"] = url
        described.append(entry)
    return described


def _location(report: FileReport, region: dict) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": Path(report.path).as_posix()}, "region": region}}


def _notification(report: FileReport) -> dict:
    return {
        "level": "error",
        "message": {"text": f"{report.path}: {report.error}"},
        "descriptor": {"id": report.error_name},
        "locations": [_location(report, {"startLine": report.error_line or 1})],
    }


def render(reports: list[FileReport]) -> str:
    rules = _rules()
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results = []
    for report in reports:
        for f in report.findings:
            region = {
                "startLine": f.start.line,
                "startColumn": f.start.column,
                "endLine": f.end.line,
                "endColumn": f.end.column,
            }
            results.append(
                {
                    "ruleId": f.code,
                    "ruleIndex": index.get(f.code, 0),
                    "level": _LEVEL[f.severity],
                    "message": {"text": f.message},
                    "locations": [_location(report, region)],
                }
            )
    notifications = [_notification(r) for r in reports if r.error is not None]
    driver = {"name": "nbfix", "version": __version__, "rules": rules}
    home = home_url()
    if home is not None:
        driver["informationUri"] = home
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"
