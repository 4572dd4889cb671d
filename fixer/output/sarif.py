"""SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure) import."""

from __future__ import annotations

import json
from pathlib import Path

from nbfix import __version__
from nbfix.report import FileReport
from nbfix.rules import all_rules

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules() -> list[dict]:
    described = []
    for code, rule in all_rules().items():
        documentation = rule.documentation()
        first_line = next(
            (line for line in documentation.splitlines() if line and not line.startswith("#")), ""
        )
        described.append(
            {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": first_line or rule.name},
                "fullDescription": {"text": documentation},
                "help": {"text": documentation, "markdown": documentation},
                "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
                "properties": {"fix": str(rule.fix_availability), "default_enabled": rule.default_enabled},
            }
        )
    return described


def render(reports: list[FileReport]) -> str:
    rules = _rules()
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results = []
    for report in reports:
        uri = Path(report.path).as_posix()
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
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                }
            )
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nbfix",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/nbfix/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2)
