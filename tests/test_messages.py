"""Every message is one short line, in Ruff's manner (issue 13): at most 100 characters, no line break."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS

from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.source import SourceError

MAX_MESSAGE = 100
ALL_RULES = select_rules(select=["ALL"])


def _inputs() -> list[Path]:
    return sorted(p for p in CORPUS.glob("**/*.py") if not p.name.endswith(".fixed.py"))


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_messages_are_one_short_line(path: Path) -> None:
    try:
        notebook = Notebook.parse(path.read_bytes().decode("utf-8"), str(path))
    except (SyntaxError, SourceError, ValueError):
        pytest.skip("not a notebook nbfix parses")
    for diagnostic in check(notebook, ALL_RULES):
        message = diagnostic.message
        assert len(message) <= MAX_MESSAGE and "\n" not in message, f"{diagnostic.code}: {message}"
