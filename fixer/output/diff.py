"""Unified diffs of the fixes: coloured on a terminal, plain when piped."""

from __future__ import annotations

import difflib

from nbfix.output.console import Printer
from nbfix.report import FileReport

_STYLES = (("+++", "bold"), ("---", "bold"), ("+", "green"), ("-", "red"), ("@@", "cyan"))


def unified_diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=path, tofile=path
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


def render(printer: Printer, reports: list[FileReport]) -> None:
    for report in reports:
        if report.diff is None:
            continue
        for line in report.diff.splitlines():
            style = next((style for prefix, style in _STYLES if line.startswith(prefix)), "")
            printer.line((line.rstrip("\r"), style) if style else line.rstrip("\r"))
