from __future__ import annotations

import os
import sys
from pathlib import Path

import marimo
import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TUTORIALS = sorted(
    p for p in (Path(marimo.__file__).parent / "_tutorials").glob("*.py") if p.name != "__init__.py"
)

sys.path.insert(0, str(Path(__file__).parent))


def corpus_notebooks() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.py"))


@pytest.fixture
def run_nbfix():
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from nbfix.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        runner = CliRunner()
        result = runner.invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    os.environ.setdefault("NO_COLOR", "1")
    return run


@pytest.fixture
def run_nbfix_stdin():
    """Run the CLI in-process with `stdin` as standard input."""
    from click.testing import CliRunner

    from nbfix.cli import main

    def run(stdin: str, *args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run
