"""Start-up cost of nbfix's small runs, as whole processes: CPU time, median of N.

    python bench/startup.py [REV ...] [--runs N]

REV is a git revision (`main`, `HEAD~3`) or `WORKTREE` (the default: the working
tree as it is). Each revision is extracted with `git archive` and run with this
interpreter, its packages mapped as its pyproject.toml says (as bench/ecosystem.py
does), through the function its `[project.scripts] nbfix` names. Measured:

- `python -c pass`: the interpreter's own floor;
- `nbfix --version`;
- a check of one tiny notebook (pre-commit's usual call), text output piped;
- the same with `--output-format json`;
- with `--warm DIR`: a warm check (cache filled by the warm-up run) of a copy of DIR,
  `-j 1`, text output piped: what is left when no notebook is parsed (reading the cache,
  printing).

Bytecode is compiled before timing (a warm-up run with PYTHONDONTWRITEBYTECODE
unset), as it is for an installed package. CPU time is the children's user +
system time from `resource.getrusage`, steadier than wall time on a busy
machine; wall time is printed beside it. Only the standard library here.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORKTREE = "WORKTREE"
TINY = """import marimo

app = marimo.App()


@app.cell
def _():
    x = 1
    return (x,)


if __name__ == "__main__":
    app.run()
"""
RUNNER = """
import importlib.util, json, os, sys
folders = json.loads(os.environ["NBFIX_BENCH_PACKAGES"])
class MappedPackages:
    @staticmethod
    def find_spec(name, path=None, target=None):
        folder = folders.get(name)
        if folder is None:
            return None
        init = os.path.join(folder, "__init__.py")
        return importlib.util.spec_from_file_location(name, init, submodule_search_locations=[folder])
sys.meta_path.insert(0, MappedPackages)
module, _, function = os.environ["NBFIX_BENCH_ENTRY"].partition(":")
sys.argv[0] = "nbfix"
sys.exit(getattr(importlib.import_module(module), function or "main")())
"""


def tree_of(revision: str, scratch: Path) -> Path:
    if revision == WORKTREE:
        return REPO
    target = scratch / revision.replace("/", "_")
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision], check=True, capture_output=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return target


def environment(tree: Path) -> dict[str, str]:
    import tomllib

    config = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))
    folders = config["tool"]["setuptools"]["package-dir"]
    packages = {name: str((tree / folder).resolve()) for name, folder in folders.items() if name}
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        NBFIX_BENCH_PACKAGES=json.dumps(packages),
        NBFIX_BENCH_ENTRY=config["project"]["scripts"]["nbfix"],
        NO_COLOR="1",
    )
    return env


def measure(command: list[str], env: dict[str, str], cwd: Path, runs: int) -> tuple[float, float]:
    """Median CPU and wall milliseconds of `runs` runs, after one warm-up run."""
    subprocess.run(command, env=env, cwd=cwd, capture_output=True)
    cpu, wall = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="*", default=[WORKTREE])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warm", type=Path, help="a folder of notebooks for the warm-check row")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="nbfix-startup-"))
    try:
        project = scratch / "project"
        project.mkdir()
        (project / "tiny.py").write_text(TINY)
        if args.warm:
            shutil.copytree(args.warm, project / "warm", ignore=shutil.ignore_patterns(".nbfix_cache"))
        floor = measure([sys.executable, "-c", "pass"], dict(os.environ), project, args.runs)
        print(f"{'python -c pass':<40} CPU {floor[0]:6.0f} ms   wall {floor[1]:6.0f} ms")
        for revision in args.revisions:
            env = environment(tree_of(revision, scratch))
            nbfix = [sys.executable, "-c", RUNNER]
            rows = {
                "nbfix --version": [*nbfix, "--version"],
                "nbfix --no-cache tiny.py": [*nbfix, "--no-cache", "tiny.py"],
                "nbfix --no-cache --output-format json tiny.py": [
                    *nbfix,
                    "--no-cache",
                    "--output-format",
                    "json",
                    "tiny.py",
                ],
            }
            if args.warm:
                rows[f"nbfix -j 1 {args.warm.name}/ (warm)"] = [*nbfix, "-j", "1", "warm"]
            for name, command in rows.items():
                cpu, wall = measure(command, env, project, args.runs)
                print(f"{revision:<10} {name:<50} CPU {cpu:6.0f} ms   wall {wall:6.0f} ms")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
