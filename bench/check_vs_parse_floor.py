"""nbfix check time against the plain `ast.parse` floor, on the same files, in one run.

    python bench/check_vs_parse_floor.py [PATH ...]   (default: corpus/ and marimo's tutorials)

Times, as medians of interleaved repetitions:
  floor   read every file and ast.parse it (in-process)
  check   read, build the notebook model and run the default rules (in-process)
  cli     `nbfix <files>` as a whole process (imports and startup included)
Run by hand; numbers go in closing notes and the README, never in test assertions.
"""

from __future__ import annotations

import argparse
import ast
import statistics
import subprocess
import sys
import time
from pathlib import Path

import marimo

from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules

ROOT = Path(__file__).resolve().parent.parent


def default_files() -> list[Path]:
    tutorials = Path(marimo.__file__).parent / "_tutorials"
    files = [p for p in ROOT.glob("corpus/**/*.py")] + [
        p for p in tutorials.glob("*.py") if p.name != "__init__.py"
    ]
    return sorted(p for p in files if _parses(p))


def _parses(path: Path) -> bool:
    """Only whole files `ast.parse` reads count: the floor is that parse (NB025's broken cells are not)."""
    try:
        ast.parse(path.read_bytes())
    except (SyntaxError, ValueError):
        return False
    return True


def floor(files: list[Path]) -> None:
    for path in files:
        ast.parse(path.read_bytes())


def nbfix_check(files: list[Path], rules) -> None:
    for path in files:
        check(Notebook.parse(path.read_text(encoding="utf-8"), str(path)), rules)


def cli(files: list[Path]) -> None:
    subprocess.run([sys.executable, "-m", "nbfix", *map(str, files)], capture_output=True, check=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    files = [Path(p) for p in args.paths] or default_files()
    rules = select_rules()
    lines = sum(p.read_bytes().count(b"\n") for p in files)
    timings: dict[str, list[float]] = {"floor": [], "check": [], "cli": []}
    for _ in range(args.repeat):
        for name, run in (
            ("floor", lambda: floor(files)),
            ("check", lambda: nbfix_check(files, rules)),
            ("cli", lambda: cli(files)),
        ):
            start = time.perf_counter()
            run()
            timings[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    print(f"{len(files)} files, {lines} lines, median of {args.repeat}")
    for name, value in medians.items():
        print(f"  {name:<6} {value * 1000:8.1f} ms")
    print(f"  check/floor = {medians['check'] / medians['floor']:.2f}x")


if __name__ == "__main__":
    main()
