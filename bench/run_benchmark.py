"""Every row of issue 15's speed table, as whole processes, on generated notebooks or a real corpus.

    python bench/run_benchmark.py [--count 1000] [--seed 0] | [--corpus DIR]
                                  [--repeat 5] [--work-dir DIR] [--skip-marimo] [--marimo-count N]
                                  [--skip-editor] [--json PATH]

Without `--corpus`, generates `--count` notebooks with `bench/generate_notebooks.py`
(10% of them seeded with anti-patterns nbfix fixes) into `WORK/notebooks` (WORK is a
temporary directory unless `--work-dir`; an existing set generated with the same seed and
count is reused). With `--corpus DIR`, measures the `.py` files under DIR instead (walked
recursively, e.g. `../shared/ecosystem`), read only: `--write` runs on a fresh copy.
Either way it also writes one tiny notebook (two cells) and one generated notebook of about
50,000 lines with a few stale signatures (NB005) into WORK. Then it times each of these as
a separate process (DIR is the notebooks' folder):

  a        python WORK/floor_ast.py DIR: read every .py file, `ast.parse` it (the floor)
  b        python WORK/floor_libcst.py DIR: the same with `libcst.parse_module`
  c1       nbfix --no-cache -j 1 DIR                         cold text check, one job
  json     nbfix --no-cache -j 1 --output-format json DIR    cold JSON check, one job
  cJ       nbfix --no-cache DIR                              cold check, default jobs
  d        nbfix -j 1 --cache-dir WORK/.nbfix_cache DIR      warm (an untimed run fills the cache)
  e        nbfix --no-cache -j 1 --write WORK/write_copy     on a fresh copy of DIR (copy untimed)
  f        marimo check FILES                                marimo's linter
  pass     python -c pass                                    the interpreter's floor
  ruff     ruff check --no-cache --isolated TINY             for scale (if ruff is installed)
  tiny     nbfix --no-cache TINY                             pre-commit's call on one small file
  version  nbfix --version
  50k-check  nbfix --no-cache -j 1 BIG                       check of one 50,000-line notebook
  50k      nbfix --no-cache -j 1 --write BIG_COPY            its --write, on a fresh copy

The floors skip files that do not parse. One repetition runs them in that order (the
short ones, pass to version, five times each), and the repetitions follow each other, so
drift in the machine's load hits every measurement alike. Each process is started with
`subprocess.Popen` and reaped with `os.wait4`, which gives its own resource usage: CPU time
(user + system, its reaped worker processes included) and peak resident memory (the largest
single process of its tree, not their sum; MB = 10^6 bytes). Reported: medians of the
repetitions. Then, with `bench/editor.py` (unless `--skip-editor`), its in-process editor rows.

The report is one table: each row of issue 15 with its value (wall and CPU time, peak RSS),
its target and PASS/MISS, and the command that reproduces it (paths as $WORK, $DIR, ...,
defined above the table). Ratios are judged on CPU time, steadier than wall time on a busy
machine, except default -j vs -j 1, which is about wall time. Targets are reported, never
asserted.

`marimo check` is slow (tens to hundreds of milliseconds per notebook). By default a probe
on 20 files estimates a full run; if that is over two minutes, `f` runs on an evenly spaced
subset sized to take about two minutes and its time is scaled to the whole set (the output
says so). `--marimo-count N` picks the subset size, `--skip-marimo` leaves `f` out.

nbfix exits 1 when it finds something, and so do `marimo check` and ruff; that is not a
failure. Exit 2 (or a crash) stops the benchmark with the process's standard error.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import random
import shlex
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

import nbfix  # noqa: E402

MARIMO_BUDGET_S = 120.0  # a full `marimo check` run longer than this is timed on a subset
MARIMO_PROBE_FILES = 20
SEEDED_FRACTION = 0.1  # of the notebooks get anti-patterns that `--write` fixes
# The measured processes may write bytecode, as a pip install leaves it compiled: with
# PYTHONDONTWRITEBYTECODE set (some CI images and sandboxes set it), every start-up would
# compile nbfix, click and the rest from source again, 40-90 ms that no user pays.
MEASURED_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
SHORT_RUNS = 5  # timed runs per repetition of the short measurements (pass, ruff, tiny, version)
BIG_CELLS = 5100  # cells of the big notebook: about 49,700 lines
BIG_STALE = 20  # cells of the big notebook given a stale signature (about half are reported)

# Both floors walk DIR recursively (sorted, as nbfix does) and skip files that do not parse;
# they differ only in the parser (`_floor` fills in its import and its call).
_FLOOR = """\
import os, sys
{imports}
paths = []
for folder, folders, names in os.walk(sys.argv[1]):
    folders.sort()
    paths += [os.path.join(folder, name) for name in sorted(names) if name.endswith(".py")]
for path in paths:
    with open(path, "rb") as handle:
        source = handle.read()
    try:
        {parse}(source)
    except Exception:
        pass
"""
FLOOR_AST = _FLOOR.format(imports="import ast", parse="ast.parse")
FLOOR_LIBCST = _FLOOR.format(imports="import libcst", parse="libcst.parse_module")

TINY = """\
import marimo

__generated_with = "0.13.0"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    greeting = "hello"
    mo.md(f"# {greeting}")
    return


if __name__ == "__main__":
    app.run()
"""


@dataclass
class Sample:
    wall_s: float
    cpu_s: float
    max_rss_mb: float


@dataclass
class Measurement:
    key: str
    label: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    prepare: Callable[[], None] | None = None  # runs before each timed run, untimed
    files: int = 0  # how many notebooks the timed run processes
    scale: float = 1.0  # timed on a subset: multiply times by this to estimate the whole set
    runs: int = 1  # timed runs per repetition
    shown: str | None = None  # the command as printed, when argv is too long to show
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall_s for s in self.samples) * self.scale

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu_s for s in self.samples) * self.scale

    @property
    def peak_rss(self) -> float:
        return max(s.max_rss_mb for s in self.samples)


class RunFailed(Exception):
    pass


def run_process(argv: list[str], cwd: Path, ok_codes: tuple[int, ...]) -> Sample:
    """Run one process to completion; its wall time, CPU time and peak RSS."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=MEASURED_ENV,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if code not in ok_codes:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace")[-4000:]
            raise RunFailed(f"{' '.join(argv[:6])} ... exited {code}:\n{message}")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    rss_bytes = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Sample(wall, usage.ru_utime + usage.ru_stime, rss_bytes / 1e6)


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


def python_files(root: Path) -> list[Path]:
    """Every .py file under root, recursively, in the order the floors read them."""
    return sorted(p for p in root.rglob("*.py") if p.is_file())


def in_fresh_process(function: Callable, *args: object) -> object:
    """function(*args) in a new interpreter, so that this process stays small.

    A child's peak RSS (`ru_maxrss` from `os.wait4`) counts the memory of the process it was
    forked from, up to its exec: generating notebooks here would inflate every measured peak.
    """
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, args)


def generate_set(notebooks: Path, count: int, seed: int) -> dict:
    from generate_notebooks import generate

    return generate(notebooks, count, seed, SEEDED_FRACTION)


def render_big(big: Path, seed: int) -> int:
    """Write the big notebook (see write_big); its line count."""
    import generate_notebooks

    rng = random.Random(f"nbfix-bench:big:{seed}")
    topic = rng.choice(generate_notebooks.TOPICS)
    builder = generate_notebooks.NotebookBuilder(rng, topic, BIG_CELLS, [])
    builder.build()
    candidates = [c for c in builder.cells if c.kind == "cell" and c.reads and c.final_return]
    for cell in rng.sample(candidates, min(BIG_STALE, len(candidates))):
        cell.stale = True
    text = generate_notebooks.render(rng, builder, topic.title)
    ast.parse(text)
    big.write_text(text, encoding="utf-8")
    return text.count("\n")


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
    manifest = in_fresh_process(generate_set, notebooks, count, seed)
    print(f"generated {count} notebooks in {notebooks} ({time.perf_counter() - start:.1f} s)")
    return notebooks, manifest


def nbfix_findings(argv: list[str], cwd: Path) -> list[dict]:
    """What nbfix reports on a path (untimed), from its JSON output."""
    result = subprocess.run(
        [*argv, "--no-cache", "-j", "1", "--output-format", "json"],
        cwd=cwd,
        env=MEASURED_ENV,  # writes the bytecode the timed runs then find
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        raise RunFailed(f"{' '.join(argv)} exited {result.returncode}:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout or "[]")


def write_tiny(work_dir: Path, nbfix_cmd: list[str]) -> Path:
    """A small valid marimo notebook (two cells) that nbfix finds nothing in."""
    tiny = work_dir / "tiny" / "tiny.py"
    tiny.parent.mkdir(parents=True, exist_ok=True)
    tiny.write_text(TINY, encoding="utf-8")
    findings = nbfix_findings([*nbfix_cmd, str(tiny)], work_dir)
    if findings:
        print(f"warning: nbfix reports {len(findings)} finding(s) on the tiny notebook {tiny}")
    return tiny


def write_big(work_dir: Path, seed: int, nbfix_cmd: list[str]) -> tuple[Path, int, list[dict]]:
    """One generated notebook of about 50,000 lines, some cells with a stale signature.

    The generator's builder run for BIG_CELLS cells instead of 30-80: one valid marimo app
    (every name defined once), then BIG_STALE cells that read something get a stale
    signature, as the seeded NB005 notebooks do. Checked: it parses and nbfix reports
    fixable findings on it.
    """
    big = work_dir / "big" / "big.py"
    big.parent.mkdir(parents=True, exist_ok=True)
    lines = in_fresh_process(render_big, big, seed)
    findings = nbfix_findings([*nbfix_cmd, str(big)], work_dir)
    fixable = sum(1 for f in findings if f.get("fix"))
    if not fixable:
        raise RunFailed(f"nbfix reports nothing fixable on the big notebook {big}")
    return big, lines, findings


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


@dataclass
class Paths:
    work: Path
    notebooks: Path  # DIR
    copy: Path  # --write's fresh copy of DIR
    tiny: Path
    big: Path
    big_copy: Path
    cache: Path  # the warm run's cache

    def variables(self, tools: dict[str, list[str]]) -> list[tuple[str, str]]:
        """(name, value) for the report's shell variables, most specific first."""
        names = [("DIR", str(self.notebooks)), ("WORK", str(self.work))]
        for name, argv in tools.items():
            if len(argv) == 1:
                names.append((name, argv[0]))
        names.append(("PY", sys.executable))
        return names


def build_measurements(
    args: argparse.Namespace, paths: Paths, files: list[Path], tools: dict[str, list[str]]
) -> list[Measurement]:
    variables = paths.variables(tools)
    nbfix_cmd, marimo, ruff = tools["NBFIX"], tools["MARIMO"], tools.get("RUFF")

    def fill_cache() -> None:
        # The same command, untimed, just before: it fills the cache if it is empty or was
        # invalidated (the cache is keyed by nbfix's settings and its own sources, so an edit
        # to nbfix between repetitions would otherwise turn the warm run into a cold one);
        # when the cache is already valid this is one more warm run.
        run_process(warm, paths.work, (0, 1))

    def fresh(source: Path, target: Path) -> Callable[[], None]:
        def copy() -> None:
            if target.exists():
                shutil.rmtree(target) if target.is_dir() else target.unlink()
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns(".nbfix_cache"))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)

        return copy

    n, where, python, work = len(files), str(paths.notebooks), sys.executable, paths.work
    floor_ast, floor_libcst = work / "floor_ast.py", work / "floor_libcst.py"
    floor_ast.write_text(FLOOR_AST)
    floor_libcst.write_text(FLOOR_LIBCST)
    warm = [*nbfix_cmd, "-j", "1", "--cache-dir", str(paths.cache), where]
    cold = [*nbfix_cmd, "--no-cache", "-j", "1"]
    nb_codes = (0, 1)
    measurements = [
        Measurement("a", "ast.parse floor", [python, str(floor_ast), where], files=n),
        Measurement("b", "libcst.parse_module", [python, str(floor_libcst), where], files=n),
        Measurement("c1", "nbfix cold, -j 1", [*cold, where], nb_codes, files=n),
        Measurement(
            "json", "nbfix cold JSON, -j 1", [*cold, "--output-format", "json", where], nb_codes, files=n
        ),
        Measurement("cJ", "nbfix cold, default -j", [*nbfix_cmd, "--no-cache", where], nb_codes, files=n),
        Measurement("d", "nbfix warm, -j 1", warm, nb_codes, prepare=fill_cache, files=n),
        Measurement(
            "e",
            "nbfix --write, -j 1",
            [*cold, "--write", str(paths.copy)],
            nb_codes,
            prepare=fresh(paths.notebooks, paths.copy),
            files=n,
        ),
    ]
    if not args.skip_marimo:
        chosen = choose_marimo_files(args, files, work, marimo)
        label = "marimo check" if len(chosen) == n else f"marimo check (x{n / len(chosen):.1f})"
        shown = f"{show(marimo, variables)} check <the {n} .py files under $DIR>"
        if len(chosen) != n:
            subset_files = f"<{len(chosen)} of the {n} files, evenly spaced; times scaled>"
            shown = f"{show(marimo, variables)} check {subset_files}"
        measurements.append(
            Measurement(
                "f",
                label,
                [*marimo, "check", *map(str, chosen)],
                (0, 1),
                files=len(chosen),
                scale=n / len(chosen),
                shown=shown,
            )
        )
    short = SHORT_RUNS
    measurements.append(Measurement("pass", "python -c pass, for scale", [python, "-c", "pass"], runs=short))
    if ruff is not None:
        ruff_argv = [*ruff, "check", "--no-cache", "--isolated", str(paths.tiny)]
        measurements.append(
            Measurement("ruff", "ruff on the tiny file, for scale", ruff_argv, (0, 1), files=1, runs=short)
        )
    measurements += [
        Measurement(
            "tiny",
            "nbfix, one tiny file",
            [*nbfix_cmd, "--no-cache", str(paths.tiny)],
            nb_codes,
            files=1,
            runs=short,
        ),
        Measurement("version", "nbfix --version", [*nbfix_cmd, "--version"], runs=short),
        Measurement("50k-check", "nbfix check, 50k lines", [*cold, str(paths.big)], nb_codes, files=1),
        Measurement(
            "50k",
            "nbfix --write, 50k lines",
            [*cold, "--write", str(paths.big_copy)],
            nb_codes,
            prepare=fresh(paths.big, paths.big_copy),
            files=1,
        ),
    ]
    return measurements


def show(argv: list[str], variables: list[tuple[str, str]]) -> str:
    """argv as a shell command, with the report's variables ($DIR, $NBFIX, ...) for its paths."""
    words = []
    for arg in argv:
        for name, value in variables:
            if arg == value or arg.startswith(value + "/"):
                words.append("$" + name + shlex.quote(arg[len(value) :]) if arg != value else "$" + name)
                break
        else:
            words.append(shlex.quote(arg))
    return " ".join(words)


# Ratios of issue 15's table: (row, numerator, denominator, target, judged on, meaning).
RATIOS = (
    ("c1/a", "c1", "a", 2.5, "cpu", "cold text check (-j 1) vs reading + ast.parse of every file"),
    ("b/a", "b", "a", None, "cpu", "libcst parse vs ast parse"),
    ("c1/b", "c1", "b", None, "cpu", "cold check vs a libcst-only parse"),
    ("json/c1", "json", "c1", 1.3, "cpu", "--output-format json vs the text check"),
    ("e/c1", "e", "c1", 2.0, "cpu", "--write vs the text check"),
    ("d/c1", "d", "c1", 0.05, "cpu", "warm check vs cold"),
    ("cJ/c1", "cJ", "c1", 1.0, "wall", "default -j never slower than -j 1"),
    ("c1/f", "c1", "f", 0.1, "cpu", "cold check (-j 1) at least 10x faster than marimo check"),
)
# Short runs judged on their CPU milliseconds, and peak memory: (row, target, meaning).
CPU_MS_TARGETS = {
    "tiny": (80.0, "one tiny file (pre-commit calls nbfix per commit)"),
    "version": (50.0, "nbfix --version"),
}
BIG_RSS_TARGET_MB = 200.0
RSS_TARGET_MB = 250.0
# The report's rows, grouped as issue 15's table (then marimo and the memory of the bulk runs).
ORDER = (
    ("a", "b", "c1", "c1/a", "b/a", "c1/b"),
    ("json", "json/c1"),
    ("e", "e/c1"),
    ("pass", "ruff", "tiny"),
    ("version",),
    ("d", "d/c1"),
    ("cJ", "cJ/c1"),
    ("editor",),
    ("50k-check", "50k"),
    ("f", "c1/f"),
    ("rss",),
)


def verdict(value: float, target: float, strict: bool = False) -> str:
    return "PASS" if (value < target if strict else value <= target) else "MISS"


def summarize(
    measurements: list[Measurement],
    total_files: int,
    variables: list[tuple[str, str]],
    editor: list[dict] | None,
    repeat: int,
) -> list[dict]:
    """The report's rows, in ORDER: each {row, what, wall_s, cpu_s, ..., target, verdict, command}."""
    by_key = {m.key: m for m in measurements}
    rows: dict[str, dict] = {}
    for m in measurements:
        row = {
            "row": m.key,
            "what": m.label,
            "wall_s": m.wall,
            "cpu_s": m.cpu,
            "peak_rss_mb": m.peak_rss,
            "files_per_s": total_files / m.wall if m.files > 1 else None,
            "target": None,
            "verdict": None,
            "command": m.shown or show(m.argv, variables),
        }
        if m.key in CPU_MS_TARGETS:
            target, meaning = CPU_MS_TARGETS[m.key]
            row.update(what=meaning, target=f"CPU <= {target:g} ms", verdict=verdict(m.cpu * 1000, target))
        if m.key == "50k":
            row.update(
                what="--write of one 50,000-line notebook, peak memory",
                target=f"RSS <= {BIG_RSS_TARGET_MB:g} MB",
                verdict=verdict(m.peak_rss, BIG_RSS_TARGET_MB),
            )
        if m.key == "50k-check":
            row["what"] = "check of the 50,000-line notebook (its peak memory for scale)"
        rows[m.key] = row
    for name, top, bottom, target, judged, meaning in RATIOS:
        if top not in by_key or bottom not in by_key:
            continue
        wall = by_key[top].wall / by_key[bottom].wall
        cpu = by_key[top].cpu / by_key[bottom].cpu
        rows[name] = {
            "row": name,
            "what": meaning,
            "wall_ratio": wall,
            "cpu_ratio": cpu,
            "target": None if target is None else f"{'CPU' if judged == 'cpu' else 'wall'} <= {target:g}x",
            "verdict": None if target is None else verdict(cpu if judged == "cpu" else wall, target),
            "command": f"{top} / {bottom}",
        }
    single = [by_key[k] for k in ("c1", "json", "d", "e") if k in by_key]
    peak = max(m.peak_rss for m in single)
    rows["rss"] = {
        "row": "rss",
        "what": "peak RSS of nbfix -j 1 on DIR (c1, json, d, e)",
        "peak_rss_mb": peak,
        "target": f"RSS < {RSS_TARGET_MB:g} MB",
        "verdict": verdict(peak, RSS_TARGET_MB, strict=True),
        "command": "max of c1, json, d, e",
    }
    editor_command = (
        f"cd bench && $PY -c 'from editor import editor_rows; print(editor_rows(repeat={repeat}))'"
    )
    for row in editor or []:
        ok = row.get("ok")
        target_ms = row.get("target_ms")
        rows[f"editor:{row['key']}"] = {
            "row": str(row["key"]),
            "what": str(row.get("label", "")),
            "value_ms": row.get("value_ms"),
            "target": f"< {target_ms:g} ms" if isinstance(target_ms, int | float) else target_ms,
            "verdict": None if ok is None else ("PASS" if ok else "MISS"),
            "command": editor_command,
        }
    ordered = []
    for group in ORDER:
        for key in group:
            if key == "editor":
                ordered += [row for name, row in rows.items() if name.startswith("editor:")]
            elif key in rows:
                ordered.append(rows[key])
    return ordered


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def print_report(rows: list[dict], variables: list[tuple[str, str]], repeat: int) -> None:
    print()
    for name, value in reversed(variables):
        print(f"{name}={shlex.quote(value)}")
    print()
    key = max(len(row["row"]) for row in rows) + 2
    header = f"{'row':<{key}}{'wall':>10}{'CPU':>10}{'RSS MB':>8}{'files/s':>9}  {'target':<16}{'result':<7}"
    print(header + "command  # what")
    width = max(len(row["command"]) for row in rows)
    for row in rows:
        if "wall_ratio" in row:
            wall, cpu = f"{row['wall_ratio']:.3f}x", f"{row['cpu_ratio']:.3f}x"
        elif "value_ms" in row:
            value = row["value_ms"]
            wall, cpu = (f"{value:.0f} ms" if isinstance(value, int | float) else str(value)), ""
        else:
            wall, cpu = duration(row.get("wall_s")), duration(row.get("cpu_s"))
        rss = f"{row['peak_rss_mb']:.0f}" if row.get("peak_rss_mb") is not None else ""
        rate = f"{row['files_per_s']:.0f}" if row.get("files_per_s") else ""
        target, result = row["target"] or "", row["verdict"] or ""
        command = f"{row['command']:<{width}}  # {row['what']}"
        print(f"{row['row']:<{key}}{wall:>10}{cpu:>10}{rss:>8}{rate:>9}  {target:<16}{result:<7}{command}")
    print(
        f"(median of {repeat} interleaved repetitions, the short rows {SHORT_RUNS} runs each; "
        "CPU = user + system, workers included; RSS = largest single process)"
    )


def editor_report(args: argparse.Namespace) -> list[dict] | None:
    if args.skip_editor:
        return None
    try:
        from editor import editor_rows
    except ImportError as error:
        print(f"the editor rows need bench/editor.py (editor_rows): {error}")
        return None
    print("editor rows (bench/editor.py) ...", flush=True)
    try:
        return editor_rows(repeat=args.repeat)
    except Exception as error:  # noqa: BLE001 - someone else's module: report, keep the rest
        print(f"bench/editor.py failed: {type(error).__name__}: {error}")
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="notebooks to generate [1000]")
    parser.add_argument("--seed", type=int, default=0, help="generator seed [0]")
    parser.add_argument(
        "--corpus", type=Path, help="measure the .py files under this folder instead of generating"
    )
    parser.add_argument("--repeat", type=int, default=5, help="interleaved repetitions [5]")
    parser.add_argument("--work-dir", type=Path, help="where notebooks, copies and the cache go [a temp dir]")
    parser.add_argument("--skip-marimo", action="store_true", help="leave out `marimo check`")
    parser.add_argument("--marimo-count", type=int, help="time `marimo check` on N files and scale")
    parser.add_argument("--skip-editor", action="store_true", help="leave out bench/editor.py's rows")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if args.corpus is not None and not args.corpus.is_dir():
        parser.error(f"--corpus {args.corpus}: not a folder")

    temporary = args.work_dir is None
    work_dir = Path(tempfile.mkdtemp(prefix="nbfix-bench-")) if temporary else args.work_dir.resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        tools = {"NBFIX": tool("nbfix", "nbfix"), "MARIMO": tool("marimo", "marimo")}
        if (Path(sys.executable).parent / "ruff").exists() or shutil.which("ruff"):
            tools["RUFF"] = tool("ruff", "ruff")
        if args.corpus is not None:
            notebooks, manifest = args.corpus.resolve(), None
            files = python_files(notebooks)
            if not files:
                parser.error(f"--corpus {args.corpus}: no .py files")
        else:
            notebooks, manifest = prepare_notebooks(work_dir, args.count, args.seed)
            files = python_files(notebooks)
        total_lines = sum(p.read_bytes().count(b"\n") for p in files)
        total_bytes = sum(p.stat().st_size for p in files)
        if manifest is not None:
            print(
                f"{len(files)} generated notebooks (seed {args.seed}), {manifest['cells']} cells, "
                f"{total_lines} lines, {total_bytes / 1e6:.1f} MB; {len(manifest['seeded'])} seeded "
                "with anti-patterns"
            )
        else:
            print(
                f"corpus {notebooks}: {len(files)} .py files, {total_lines} lines, {total_bytes / 1e6:.1f} MB"
            )
        tiny = write_tiny(work_dir, tools["NBFIX"])
        big, big_lines, big_findings = write_big(work_dir, args.seed, tools["NBFIX"])
        print(
            f"big notebook: {big_lines} lines, {BIG_CELLS} cells, nbfix reports {len(big_findings)} "
            f"finding(s) ({sum(1 for f in big_findings if f.get('fix'))} fixable)"
        )
        paths = Paths(
            work=work_dir,
            notebooks=notebooks,
            copy=work_dir / "write_copy",
            tiny=tiny,
            big=big,
            big_copy=work_dir / "big_write" / "big.py",
            cache=work_dir / ".nbfix_cache",
        )
        variables = paths.variables(tools)
        revision = nbfix_revision()
        print(f"nbfix {revision}")
        load_before = os.getloadavg()
        measurements = build_measurements(args, paths, files, tools)

        for repetition in range(args.repeat):
            line = []
            for m in measurements:
                for _ in range(m.runs):
                    if m.prepare is not None:
                        m.prepare()
                    sample = run_process(m.argv, work_dir, m.ok_codes)
                    m.samples.append(sample)
                line.append(f"{m.key} {duration(sample.wall_s * m.scale)}")
            print(f"repetition {repetition + 1}/{args.repeat}: " + ", ".join(line), flush=True)
        load_after = os.getloadavg()

        editor = editor_report(args)
        rows = summarize(measurements, len(files), variables, editor, args.repeat)
        print_report(rows, variables, args.repeat)
        cores = os.cpu_count() or 1
        load = f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {cores} CPUs"
        print(f"\n{load}", end="")
        if max(load_before[0], load_after[0]) > cores + 1:  # the benchmark itself keeps one CPU busy
            print(" -- other processes competed for the CPUs: the CPU-time ratios are the steadier ones")
        else:
            print()

        if args.json:
            result = {
                "source": str(notebooks) if manifest is None else "generated",
                "count": len(files),
                "seed": None if manifest is None else args.seed,
                "repeat": args.repeat,
                "short_runs": SHORT_RUNS,
                "cells": None if manifest is None else manifest["cells"],
                "lines": total_lines,
                "bytes": total_bytes,
                "seeded_files": None if manifest is None else len(manifest["seeded"]),
                "big_notebook": {"lines": big_lines, "cells": BIG_CELLS, "findings": len(big_findings)},
                "nbfix": revision,
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": cores,
                "load_average": {"before": load_before, "after": load_after},
                "variables": dict(variables),
                "rows": rows,
                "measurements": {
                    m.key: {
                        "label": m.label,
                        "argv": m.argv[:8] + (["..."] if len(m.argv) > 8 else []),
                        "files_timed": m.files,
                        "scale": m.scale,
                        "median_wall_s": m.wall,
                        "median_cpu_s": m.cpu,
                        "peak_rss_mb": m.peak_rss,
                        "samples": [vars(s) for s in m.samples],
                    }
                    for m in measurements
                },
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
