"""Start-up cost of nbfix's small runs, as whole processes: CPU time, median of N.

    python bench/startup.py [REV ...] [--runs N]

REV is a git revision (`main`, `HEAD~3`) or `WORKTREE` (the default: the working
tree as it is, uncommitted files included). Each revision is extracted and run as
bench/ecosystem.py runs it (its packages mapped as its pyproject.toml says, through
the function its `[project.scripts] nbfix` names), with this interpreter. Measured:

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
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ecosystem import WORKTREE, Revision, locate_cli, materialise  # noqa: E402 - bench/ is no package

TINY = """import marimo

app = marimo.App()


@app.cell
def _():
    x = 1
    return (x,)


if __name__ == "__main__":
    app.run()
"""


def prepared(revision: str, scratch: Path) -> Revision:
    """The revision extracted (or the working tree copied) and its CLI located, as ecosystem.py does."""
    prepared = Revision(revision.replace("/", "_"), revision, scratch / revision.replace("/", "_"))
    materialise(prepared)
    locate_cli(prepared)
    return prepared


def environment(revision: Revision) -> dict[str, str]:
    """The revision's environment, with bytecode written (as an installed package has it)."""
    return {key: value for key, value in revision.env().items() if key != "PYTHONDONTWRITEBYTECODE"}


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
            prepared_revision = prepared(revision, scratch)
            env = environment(prepared_revision)
            nbfix = prepared_revision.command([])
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
