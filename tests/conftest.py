from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

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


def load_bench_script(name: str) -> ModuleType:
    """`bench/<name>.py`, imported as the module `nbfix_bench_<name>` (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"nbfix_bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


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
