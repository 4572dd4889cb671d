"""nbfix against its floors and against `marimo check`, as whole processes, on generated notebooks.

    python bench/run_benchmark.py [--count 1000] [--repeat 5] [--seed 0] [--work-dir DIR]
                                  [--skip-marimo] [--marimo-count N] [--json PATH]

Generates `--count` notebooks with `bench/generate_notebooks.py` (10% of them
seeded with anti-patterns nbfix fixes) into `WORK_DIR/notebooks` (a temporary
directory unless `--work-dir`; an existing set generated with the same seed
and count is reused), then times each of these as a separate process:

  a        python: read every file and `ast.parse` it (the floor)
  b        python: read every file and `libcst.parse_module` it (a libcst-only design)
  c1       `nbfix --no-cache -j 1 DIR` (cold check, one job)
  cJ       `nbfix --no-cache DIR` (cold check, default jobs: one per CPU)
  d        `nbfix -j 1 DIR` with a filled cache (warm check; an untimed run just before fills it)
  e        `nbfix --no-cache -j 1 --write COPY` on a fresh copy (copying not timed)
  f        `marimo check FILES`

One repetition runs a, b, c1, cJ, d, e, f in that order, and the repetitions
follow each other, so drift in the machine's load hits every measurement
alike. Each process is started with `subprocess.Popen` and reaped with
`os.wait4`, which gives its own resource usage: CPU time (user + system, its
reaped worker processes included) and peak resident memory (the largest
single process of its tree, not their sum). Reported: the median wall time
of the repetitions, files per second, the median CPU time, the peak RSS, and
the ratios the nbfix design aims at, each with its target and PASS/MISS.
Targets are reported, never asserted. On a busy machine wall times stretch
while CPU times stay put, so the ratios are also given on CPU time.

`marimo check` is slow (tens to hundreds of milliseconds per notebook). By
default a probe on 20 files estimates a full run; if that is over two
minutes, `f` runs on an evenly spaced subset sized to take about two minutes
and its time is scaled to the whole set (the output says so). `--marimo-count
N` picks the subset size, `--skip-marimo` leaves `f` out.

nbfix exits 1 when it finds something, and so does `marimo check`; that is
not a failure. Exit 2 (or a crash) stops the benchmark with the process's
standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_notebooks import generate  # noqa: E402

import nbfix  # noqa: E402

MARIMO_BUDGET_S = 120.0  # a full `marimo check` run longer than this is timed on a subset
MARIMO_PROBE_FILES = 20
SEEDED_FRACTION = 0.1  # of the notebooks get anti-patterns that `--write` fixes

FLOOR_AST = """\
import ast, os, sys
root = sys.argv[1]
for name in sorted(os.listdir(root)):
    if name.endswith(".py"):
        with open(os.path.join(root, name), "rb") as handle:
            ast.parse(handle.read())
"""

FLOOR_LIBCST = """\
import os, sys
import libcst
root = sys.argv[1]
for name in sorted(os.listdir(root)):
    if name.endswith(".py"):
        with open(os.path.join(root, name), "rb") as handle:
            libcst.parse_module(handle.read())
"""


@dataclass
class Sample:
    wall_s: float
    cpu_s: float
    max_rss_mib: float


@dataclass
class Measurement:
    key: str
    label: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    prepare: Callable[[], None] | None = None  # runs before each timed run, untimed
    files: int = 0  # how many notebooks the timed run processes
    scale: float = 1.0  # timed on a subset: multiply times by this to estimate the whole set
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall_s for s in self.samples) * self.scale

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu_s for s in self.samples) * self.scale

    @property
    def peak_rss(self) -> float:
        return max(s.max_rss_mib for s in self.samples)


class RunFailed(Exception):
    pass


def run_process(argv: list[str], cwd: Path, ok_codes: tuple[int, ...]) -> Sample:
    """Run one process to completion; its wall time, CPU time and peak RSS."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if code not in ok_codes:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace")[-4000:]
            raise RunFailed(f"{' '.join(argv[:6])} ... exited {code}:\n{message}")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    rss_kib = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Sample(wall, usage.ru_utime + usage.ru_stime, rss_kib / 1024)


def nbfix_revision() -> str:
    """The git commit of the nbfix being measured (`+dirty` with uncommitted changes), if any."""
    source = Path(nbfix.__file__).resolve().parent.parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(source), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(source), "status", "--porcelain", "--", "fixer", "codemods"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"{nbfix.__version__} from {source} (not a git checkout)"
    return f"{nbfix.__version__} at {commit}{'+dirty' if dirty else ''} ({source})"


def tool(name: str, module: str) -> list[str]:
    """The console script beside this interpreter (as a user runs it), else `python -m module`."""
    script = Path(sys.executable).parent / name
    return [str(script)] if script.exists() else [sys.executable, "-m", module]


def prepare_notebooks(work_dir: Path, count: int, seed: int) -> tuple[Path, dict]:
    notebooks = work_dir / "notebooks"
    manifest_path = notebooks / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        wanted = {"seed": seed, "count": count, "seeded_fraction": SEEDED_FRACTION}
        same = all(manifest.get(key) == value for key, value in wanted.items())
        if same and len(list(notebooks.glob("*.py"))) == count:
            print(f"reusing {count} notebooks in {notebooks}")
            return notebooks, manifest
        shutil.rmtree(notebooks)
    start = time.perf_counter()
    manifest = generate(notebooks, count, seed, SEEDED_FRACTION)
    print(f"generated {count} notebooks in {notebooks} ({time.perf_counter() - start:.1f} s)")
    return notebooks, manifest


def subset(files: list[Path], n: int) -> list[Path]:
    """n files evenly spaced over the sorted list (so seeded files keep their share)."""
    if n >= len(files):
        return files
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


def choose_marimo_files(
    args: argparse.Namespace, files: list[Path], work_dir: Path, marimo: list[str]
) -> list[Path]:
    if args.marimo_count is not None:
        return subset(files, max(1, args.marimo_count))
    probe = subset(files, MARIMO_PROBE_FILES)
    sample = run_process([*marimo, "check", *map(str, probe)], work_dir, (0, 1))
    estimate = sample.wall_s * len(files) / len(probe)
    print(f"marimo check probe: {sample.wall_s:.1f} s for {len(probe)} files; a full run ~{estimate:.0f} s")
    if estimate <= MARIMO_BUDGET_S:
        return files
    n = max(MARIMO_PROBE_FILES, int(MARIMO_BUDGET_S / sample.wall_s * len(probe)) // 10 * 10)
    print(f"marimo check: timing {n} of {len(files)} files per run and scaling (--marimo-count to change)")
    return subset(files, n)


def build_measurements(args: argparse.Namespace, work_dir: Path, notebooks: Path) -> list[Measurement]:
    files = sorted(notebooks.glob("*.py"))
    nbfix = tool("nbfix", "nbfix")
    marimo = tool("marimo", "marimo")
    copy = work_dir / "write_copy"

    def fill_cache() -> None:
        # The same command, untimed, just before: it fills the cache if it is empty or was
        # invalidated (the cache is keyed by nbfix's settings and its own sources, so an edit
        # to nbfix between repetitions would otherwise turn the warm run into a cold one);
        # when the cache is already valid this is one more warm run.
        run_process([*nbfix, "-j", "1", where], work_dir, (0, 1))

    def fresh_copy() -> None:
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(notebooks, copy)

    n, where, python = len(files), str(notebooks), sys.executable
    measurements = [
        Measurement("a", "ast.parse floor", [python, "-c", FLOOR_AST, where], files=n),
        Measurement("b", "libcst.parse_module", [python, "-c", FLOOR_LIBCST, where], files=n),
        Measurement("c1", "nbfix cold, -j 1", [*nbfix, "--no-cache", "-j", "1", where], (0, 1), files=n),
        Measurement("cJ", "nbfix cold, default -j", [*nbfix, "--no-cache", where], (0, 1), files=n),
        Measurement("d", "nbfix warm, -j 1", [*nbfix, "-j", "1", where], (0, 1), prepare=fill_cache, files=n),
        Measurement(
            "e",
            "nbfix --write, -j 1",
            [*nbfix, "--no-cache", "-j", "1", "--write", str(copy)],
            (0, 1),
            prepare=fresh_copy,
            files=n,
        ),
    ]
    if not args.skip_marimo:
        chosen = choose_marimo_files(args, files, work_dir, marimo)
        label = "marimo check" if len(chosen) == n else f"marimo check (x{n / len(chosen):.1f})"
        measurements.append(
            Measurement(
                "f",
                label,
                [*marimo, "check", *map(str, chosen)],
                (0, 1),
                files=len(chosen),
                scale=n / len(chosen),
            )
        )
    return measurements


# (name, numerator, denominator, target, how the ratio meets it)
RATIOS = (
    ("c1/a", "c1", "a", 3.0, "max", "cold check (1 job) at most 3x the ast floor"),
    ("c1/f", "c1", "f", 0.1, "max", "cold check (1 job) at least 10x faster than marimo check"),
    ("d/c1", "d", "c1", 0.1, "max", "warm check at least 10x faster than cold"),
    ("e/c1", "e", "c1", 1.5, "max", "--write (10% of files to fix) at most 1.5x the cold check"),
    ("b/a", "b", "a", None, None, "libcst parse vs ast parse"),
    ("c1/b", "c1", "b", None, None, "cold check vs a libcst-only parse"),
    ("cJ/c1", "cJ", "c1", None, None, "default jobs vs one job"),
)
RSS_TARGET_MIB = 250.0


def summarize(measurements: list[Measurement], total_files: int) -> dict:
    by_key = {m.key: m for m in measurements}
    ratios = []
    for name, top, bottom, target, _, meaning in RATIOS:
        if top not in by_key or bottom not in by_key:
            continue
        wall = by_key[top].wall / by_key[bottom].wall
        cpu = by_key[top].cpu / by_key[bottom].cpu
        verdict = None if target is None else ("PASS" if wall <= target else "MISS")
        ratios.append(
            {"name": name, "wall": wall, "cpu": cpu, "target": target, "verdict": verdict, "meaning": meaning}
        )
    nbfix_single = [by_key[k] for k in ("c1", "d", "e") if k in by_key]
    peak = max(m.peak_rss for m in nbfix_single)
    return {
        "ratios": ratios,
        "peak_rss_mib": {
            "value": peak,
            "target": RSS_TARGET_MIB,
            "verdict": "PASS" if peak < RSS_TARGET_MIB else "MISS",
            "meaning": "peak RSS of nbfix -j 1 (cold, warm, --write) under 250 MB",
        },
    }


def print_report(measurements: list[Measurement], summary: dict, total_files: int, repeat: int) -> None:
    print()
    print(f"{'':3}{'measurement':<26}{'median s':>10}{'files/s':>10}{'CPU s':>9}{'peak RSS MiB':>14}")
    for m in measurements:
        note = f"  (timed on {m.files} files, scaled)" if m.scale != 1.0 else ""
        print(
            f"{m.key:<3}{m.label:<26}{m.wall:>10.2f}{total_files / m.wall:>10.0f}{m.cpu:>9.2f}"
            f"{m.peak_rss:>14.0f}{note}"
        )
    print(f"(median of {repeat} interleaved repetitions; CPU = user + system, workers included)")
    print()
    print(f"{'ratio':<7}{'wall':>8}{'CPU':>8}  {'target':<9}{'':6}meaning")
    for r in summary["ratios"]:
        target = f"<= {r['target']:g}" if r["target"] is not None else ""
        verdict = r["verdict"] or ""
        print(f"{r['name']:<7}{r['wall']:>8.3f}{r['cpu']:>8.3f}  {target:<9}{verdict:<6}{r['meaning']}")
    rss = summary["peak_rss_mib"]
    print(f"{'RSS':<7}{rss['value']:>8.0f}{'':>8}  {'< 250':<9}{rss['verdict']:<6}{rss['meaning']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="notebooks to generate [1000]")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved repetitions [5]")
    parser.add_argument("--seed", type=int, default=0, help="generator seed [0]")
    parser.add_argument("--work-dir", type=Path, help="where notebooks, copies and the cache go [a temp dir]")
    parser.add_argument("--skip-marimo", action="store_true", help="leave out `marimo check`")
    parser.add_argument("--marimo-count", type=int, help="time `marimo check` on N files and scale")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    temporary = args.work_dir is None
    work_dir = Path(tempfile.mkdtemp(prefix="nbfix-bench-")) if temporary else args.work_dir.resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        notebooks, manifest = prepare_notebooks(work_dir, args.count, args.seed)
        files = sorted(notebooks.glob("*.py"))
        total_lines = sum(p.read_bytes().count(b"\n") for p in files)
        total_bytes = sum(p.stat().st_size for p in files)
        print(
            f"{len(files)} notebooks, {manifest['cells']} cells, {total_lines} lines, "
            f"{total_bytes / 1e6:.1f} MB; {len(manifest['seeded'])} seeded with anti-patterns"
        )
        revision = nbfix_revision()
        print(f"nbfix {revision}")
        load_before = os.getloadavg()
        measurements = build_measurements(args, work_dir, notebooks)

        for repetition in range(args.repeat):
            line = []
            for m in measurements:
                if m.prepare is not None:
                    m.prepare()
                sample = run_process(m.argv, work_dir, m.ok_codes)
                m.samples.append(sample)
                line.append(f"{m.key} {sample.wall_s * m.scale:.2f}s")
            print(f"repetition {repetition + 1}/{args.repeat}: " + ", ".join(line), flush=True)
        load_after = os.getloadavg()

        summary = summarize(measurements, len(files))
        print_report(measurements, summary, len(files), args.repeat)
        cores = os.cpu_count() or 1
        load = f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {cores} CPUs"
        print(f"\n{load}", end="")
        if max(load_before[0], load_after[0]) > cores + 1:  # the benchmark itself keeps one CPU busy
            print(" -- other processes competed for the CPUs: the CPU-time ratios are the steadier ones")
        else:
            print()

        if args.json:
            result = {
                "count": len(files),
                "seed": args.seed,
                "repeat": args.repeat,
                "cells": manifest["cells"],
                "lines": total_lines,
                "bytes": total_bytes,
                "seeded_files": len(manifest["seeded"]),
                "nbfix": revision,
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": cores,
                "load_average": {"before": load_before, "after": load_after},
                "measurements": {
                    m.key: {
                        "label": m.label,
                        "argv": m.argv[:6] + (["..."] if len(m.argv) > 6 else []),
                        "files_timed": m.files,
                        "scale": m.scale,
                        "median_wall_s": m.wall,
                        "median_cpu_s": m.cpu,
                        "files_per_s": len(files) / m.wall,
                        "peak_rss_mib": m.peak_rss,
                        "samples": [vars(s) for s in m.samples],
                    }
                    for m in measurements
                },
                **summary,
            }
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(result, indent=2) + "\n")
            print(f"results written to {args.json}")
    except RunFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        sys.exit(2)
    finally:
        if temporary:
            shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
