"""Unified diffs of what --diff would write: coloured on a terminal, plain when piped."""

from __future__ import annotations

import difflib

from rich.console import Console
from rich.text import Text

from fixer.runner import FileReport


def unified_diff(report: FileReport) -> str:
    assert report.original_text is not None and report.fixed_text is not None
    lines = difflib.unified_diff(
        report.original_text.splitlines(keepends=True),
        report.fixed_text.splitlines(keepends=True),
        fromfile=str(report.path),
        tofile=str(report.path),
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


def render(console: Console, reports: list[FileReport]) -> None:
    for report in reports:
        if report.fixed_text is None:
            continue
        for line in unified_diff(report).splitlines():
            style = None
            if line.startswith(("+++", "---")):
                style = "bold"
            elif line.startswith("+"):
                style = "green"
            elif line.startswith("-"):
                style = "red"
            elif line.startswith("@@"):
                style = "cyan"
            console.print(Text(line.rstrip("\r"), style=style or ""), soft_wrap=True, highlight=False)
