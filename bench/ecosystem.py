"""The ecosystem check: what a change to nbfix does to real notebooks, rule by rule.

    python bench/ecosystem.py BASE HEAD [--corpus DIR] [--out DIR] [-j N] [--select CODES]
                              [--write-check [--unsafe-fixes]] [--limit N]

Runs two git revisions of nbfix over a folder of public marimo notebooks
(`../shared/ecosystem` beside the repository by default; see DESIGN.md, "Truth on
real notebooks") and compares what they report, as Ruff's ecosystem check does.
BASE and HEAD are git revisions; HEAD (or BASE) may be `WORKTREE`: a snapshot of the
working tree taken at the start, uncommitted and untracked (not ignored) files included.

Each revision is extracted with `git archive` into a temporary folder and its own CLI
is run with this interpreter: `python -c <runner> --no-cache --output-format json -j 1
FILES`, the import path pointing into that folder. The runner imports the module that
the revision's `[project.scripts] nbfix` names (`nbfix.cli` today; an `nbfix` package
kept in `fixer/` through `[tool.setuptools.package-dir]` works too) and refuses to run
one imported from anywhere else. The files go in batches, `-j` at a time; a batch
whose process crashes or prints no JSON is split until the file that does it is found,
and only that file is lost (it is reported as a crash).

Printed, for each rule with a difference (all of them in OUT/results.json):
  + file:line:col CODE message      a diagnostic only HEAD reports ([fix]: it offers one)
  - file:line:col CODE message      a diagnostic only BASE reports
  ~ file:line:col CODE message      same file, rule and line, another column or message
    -> file:line:col CODE message     (BASE first, then HEAD)
  fix+ / fix- / fix~ ...            a diagnostic both report, whose fix HEAD gained,
                                    lost or changed (applicability, message and edits)
then the per-file errors (`path: error: ...`) added and removed, crashes, and a table:
per rule, BASE and HEAD counts of diagnostics and of fixable ones, with the added,
removed and changed of each.

--write-check also copies the corpus, runs HEAD's `--write` on the copy and, for each
file it changed, asks marimo whether the result is worse than the original: its
loader (`marimo._ast.load.get_notebook_status`) and all its default lint rules, as
`marimo check` runs them. Worse: a worse load status, a new load violation, or a new
breaking or runtime diagnostic (new formatting diagnostics are listed apart). This
deliberately does not call nbfix's own validation, which is what is being checked.
Then a second `--write` of the written files must change nothing (idempotence).

Only the standard library here; nbfix and marimo run in subprocesses.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORKTREE = "WORKTREE"
BATCH_TIMEOUT_S = 900
SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules", "site-packages", "venv", "__marimo__"})
OPTIONAL_FLAGS = ("--skip-non-notebooks", "--quiet", "--no-cache", "--jobs", "--show-fixes")

# One revision's CLI. Packages that pyproject.toml maps to another folder are found
# first (ahead of the virtualenv's editable install, which points at the working tree).
RUNNER = """
import importlib.util, json, os, sys
folders = json.loads(os.environ["NBFIX_ECO_PACKAGES"])
class MappedPackages:
    @staticmethod
    def find_spec(name, path=None, target=None):
        folder = folders.get(name)
        if folder is None:
            return None
        init = os.path.join(folder, "__init__.py")
        return importlib.util.spec_from_file_location(name, init, submodule_search_locations=[folder])
sys.meta_path.insert(0, MappedPackages)
module = importlib.import_module(os.environ["NBFIX_ECO_MODULE"])
tree = os.environ["NBFIX_ECO_TREE"]
if not os.path.realpath(module.__file__).startswith(tree + os.sep):
    sys.exit(f"ecosystem: {module.__name__} came from {module.__file__}, not from {tree}")
sys.argv[0] = "nbfix"
sys.exit(getattr(module, os.environ["NBFIX_ECO_FUNCTION"])())
"""


# -- revisions -------------------------------------------------------------------------------------


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True).stdout


@dataclass
class Revision:
    label: str  # "base" or "head"
    rev: str  # as given on the command line
    tree: Path
    sha: str = ""
    module: str = "nbfix.cli"
    function: str = "main"
    packages: dict[str, str] = field(default_factory=dict)
    import_root: str = ""
    flags: set[str] = field(default_factory=set)

    def command(self, args: list[str]) -> list[str]:
        return [sys.executable, "-c", RUNNER, *args]

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": self.import_root,
            "NBFIX_ECO_PACKAGES": json.dumps(self.packages),
            "NBFIX_ECO_MODULE": self.module,
            "NBFIX_ECO_FUNCTION": self.function,
            "NBFIX_ECO_TREE": str(self.tree.resolve()),
            **PLAIN_OUTPUT,
        }

    def describe(self) -> str:
        return f"{self.rev} ({self.sha[:12]}, {self.module})"


PLAIN_OUTPUT = {"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "10000", "PYTHONIOENCODING": "utf-8"}


def materialise(revision: Revision) -> None:
    """Put the revision's files in revision.tree: `git archive`, or a copy of the working tree."""
    revision.tree.mkdir(parents=True)
    if revision.rev == WORKTREE:
        revision.sha = git("rev-parse", "HEAD").strip() + "+worktree"
        for name in git("ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0"):
            source = REPO / name
            if name and source.is_file():  # tracked files deleted in the working tree are left out
                (revision.tree / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, revision.tree / name)
        return
    revision.sha = git("rev-parse", "--verify", f"{revision.rev}^{{commit}}").strip()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision.sha], check=True, capture_output=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(revision.tree, **safe)


def locate_cli(revision: Revision) -> None:
    """Which module holds the revision's `nbfix` command, and where its packages live."""
    config: dict = {}
    try:
        import tomllib

        config = tomllib.loads((revision.tree / "pyproject.toml").read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError):
        pass
    module, _, function = config.get("project", {}).get("scripts", {}).get("nbfix", "").partition(":")
    if not module:
        module = "nbfix.cli" if (revision.tree / "nbfix" / "cli.py").is_file() else "nbfix.cli"
    folders = config.get("tool", {}).get("setuptools", {}).get("package-dir", {})
    revision.module, revision.function = module, function or "main"
    revision.import_root = str((revision.tree / folders.get("", ".")).resolve())
    revision.packages = {
        name: str((revision.tree / folder).resolve()) for name, folder in folders.items() if name
    }


def prepare(revision: Revision, cwd: Path, select: str | None) -> None:
    materialise(revision)
    locate_cli(revision)
    shown = subprocess.run(
        revision.command(["check", "--help"]), cwd=cwd, env=revision.env(), capture_output=True, text=True
    )
    if shown.returncode != 0:
        sys.exit(f"{revision.label} {revision.rev}: its CLI does not start:\n{shown.stderr[-3000:]}")
    revision.flags = {flag for flag in OPTIONAL_FLAGS if flag in shown.stdout}
    if "--skip-non-notebooks" not in revision.flags:
        print(f"note: {revision.label} has no --skip-non-notebooks; its non-notebooks are errors")
    # The options alone, on an empty folder: a selection the revision rejects stops here.
    tried = subprocess.run(
        revision.command(check_args(revision, select)),
        cwd=cwd,
        env=revision.env(),
        capture_output=True,
        text=True,
    )
    if tried.returncode not in (0, 1):
        sys.exit(f"{revision.label} {revision.rev} rejects the options:\n{tried.stderr[-3000:]}")


def check_args(revision: Revision, select: str | None, output_format: str = "json") -> list[str]:
    args = ["check", "--output-format", output_format]
    args += [flag for flag in ("--skip-non-notebooks", "--quiet", "--no-cache") if flag in revision.flags]
    if "--jobs" in revision.flags:
        args += ["-j", "1"]  # the parallelism is ours: one process per batch
    if select:
        args += ["--select", select]
    return args


# -- running in batches ----------------------------------------------------------------------------


@dataclass
class Batch:
    files: list[str]
    returncode: int
    stdout: str
    stderr: str


def run_batches(
    command: Callable[[list[str]], list[str]],
    env: dict[str, str],
    cwd: Path,
    files: list[str],
    jobs: int,
    size: int,
    ok: Callable[[Batch], bool],
) -> tuple[list[Batch], list[Batch]]:
    """Run `command(files)` over batches of files, `jobs` at a time: (good batches, crashed files)."""

    def attempt(chunk: list[str]) -> tuple[list[Batch], list[Batch]]:
        try:
            done = subprocess.run(
                command(chunk),
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=BATCH_TIMEOUT_S,
            )
            batch = Batch(chunk, done.returncode, done.stdout, done.stderr)
        except subprocess.TimeoutExpired:
            batch = Batch(chunk, -9, "", f"timed out after {BATCH_TIMEOUT_S} s")
        if ok(batch):
            return [batch], []
        if len(chunk) == 1:
            return [], [batch]
        first, second = attempt(chunk[: len(chunk) // 2]), attempt(chunk[len(chunk) // 2 :])
        return first[0] + second[0], first[1] + second[1]

    good: list[Batch] = []
    crashed: list[Batch] = []
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        for done, failed in pool.map(attempt, chunks):
            good += done
            crashed += failed
    return good, crashed


def prints_json(batch: Batch) -> bool:
    if batch.returncode not in (0, 1, 2):
        return False
    try:
        return isinstance(json.loads(batch.stdout or "[]"), list)
    except ValueError:
        return False


def crash_record(batch: Batch, root: Path) -> dict:
    return {
        "file": os.path.relpath(batch.files[0], root),
        "returncode": batch.returncode,
        "stderr": batch.stderr[-2000:],
    }


def split_stderr(batch: Batch, root: Path) -> tuple[list[dict], list[str]]:
    """The `path: error: message` lines of a batch's files, and the other lines."""
    names = set(batch.files)
    errors, other = [], []
    for line in batch.stderr.splitlines():
        path, separator, message = line.partition(": error: ")
        if separator and path in names:
            errors.append({"file": os.path.relpath(path, root), "message": message})
        elif line.strip():
            other.append(line)
    return errors, other


def diagnostic(record: dict, root: Path) -> dict:
    fix = record.get("fix")
    if fix is not None:
        fix = {
            "applicability": fix.get("applicability"),
            "message": fix.get("message"),
            "edits": [
                [
                    e["location"]["row"],
                    e["location"]["column"],
                    e["end_location"]["row"],
                    e["end_location"]["column"],
                ]
                + [e["content"]]
                for e in fix.get("edits", [])
            ],
        }
    return {
        "file": os.path.relpath(record["filename"], root),
        "code": record["code"],
        "name": record.get("name"),
        "line": record["location"]["row"],
        "column": record["location"]["column"],
        "message": record["message"],
        "fix": fix,
    }


def check(revision: Revision, corpus: Path, files: list[str], args: argparse.Namespace, cwd: Path) -> dict:
    started = time.perf_counter()
    targets = [str(corpus / name) for name in files]
    command_args = check_args(revision, args.select)
    good, crashed = run_batches(
        lambda chunk: revision.command([*command_args, *chunk]),
        revision.env(),
        cwd,
        targets,
        args.jobs,
        args.batch_size,
        prints_json,
    )
    diagnostics, errors, other = [], [], []
    for batch in good:
        # A record without a code is a file nbfix could not process: stderr says so too (below).
        records = [record for record in json.loads(batch.stdout or "[]") if record["code"] is not None]
        diagnostics += [diagnostic(record, corpus) for record in records]
        found, rest = split_stderr(batch, corpus)
        errors += found
        other += rest
    diagnostics.sort(key=lambda d: (d["file"], d["line"], d["column"], d["code"], d["message"]))
    return {
        "revision": revision.rev,
        "sha": revision.sha,
        "module": revision.module,
        "seconds": round(time.perf_counter() - started, 2),
        "diagnostics": diagnostics,
        "errors": sorted(errors, key=lambda e: (e["file"], e["message"])),
        "crashes": [crash_record(batch, corpus) for batch in crashed],
        "other_stderr": sorted(set(other)),
    }


# -- comparing -------------------------------------------------------------------------------------


def match(base: list[dict], head: list[dict], key: Callable) -> tuple[list[tuple[dict, dict]], list, list]:
    """Items equal under `key` in both (pairs), items only in base, items only in head."""
    waiting = defaultdict(list)
    for item in base:
        waiting[key(item)].append(item)
    both, only_head = [], []
    for item in head:
        twins = waiting.get(key(item))
        if twins:
            both.append((twins.pop(0), item))
        else:
            only_head.append(item)
    only_base = [item for items in waiting.values() for item in items]
    return both, only_base, only_head


def full_key(d: dict) -> tuple:
    return (d["file"], d["code"], d["line"], d["column"], d["message"])


def place_key(d: dict) -> tuple:
    return (d["file"], d["code"], d["line"])


def compare_rule(base: list[dict], head: list[dict]) -> dict:
    both, removed, added = match(base, head, full_key)
    changed, removed, added = match(removed, added, place_key)
    fixes: dict[str, list] = {"gained": [], "lost": [], "changed": []}
    for old, new in both:
        if old["fix"] != new["fix"]:
            kind = "gained" if old["fix"] is None else "lost" if new["fix"] is None else "changed"
            fixes[kind].append({"base": old, "head": new})
    return {
        "name": next((d["name"] for d in [*head, *base] if d.get("name")), ""),
        "base": len(base),
        "head": len(head),
        "base_fixable": sum(d["fix"] is not None for d in base),
        "head_fixable": sum(d["fix"] is not None for d in head),
        "added": added,
        "removed": removed,
        "changed": [{"base": old, "head": new} for old, new in changed],
        "fixes": fixes,
    }


def compare(base: dict, head: dict) -> dict:
    by_rule: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for side, result in enumerate((base, head)):
        for d in result["diagnostics"]:
            by_rule[d["code"]][side].append(d)
    changed, removed, added = match(base["errors"], head["errors"], lambda e: (e["file"], e["message"]))
    changed, removed, added = match(removed, added, lambda e: e["file"])
    return {
        "rules": {code: compare_rule(*by_rule[code]) for code in sorted(by_rule)},
        "errors": {
            "base": len(base["errors"]),
            "head": len(head["errors"]),
            "added": added,
            "removed": removed,
            "changed": [{"base": old, "head": new} for old, new in changed],
        },
    }


# -- printing --------------------------------------------------------------------------------------


def shown(d: dict) -> str:
    marker = f" [{d['fix']['applicability']} fix]" if d.get("fix") else ""
    return f"{d['file']}:{d['line']}:{d['column']} {d['code']} {d['message']}{marker}"


def shown_fix(fix: dict | None) -> str:
    if fix is None:
        return "no fix"
    edits = "; ".join(f"{a}:{b}-{c}:{d} {content[:60]!r}" for a, b, c, d, content in fix["edits"])
    return f"{fix['applicability']} fix {fix['message']!r}: {edits or 'no edits'}"


def print_limited(lines: list[str], limit: int) -> None:
    for line in lines[:limit]:
        print(line)
    if len(lines) > limit:
        print(f"    ... and {len(lines) - limit} more (see results.json)")


def print_rule(code: str, rule: dict, limit: int) -> bool:
    fixes = rule["fixes"]
    differences = (
        len(rule["added"]) + len(rule["removed"]) + len(rule["changed"]) + sum(map(len, fixes.values()))
    )
    if not differences:
        return False
    print(
        f"\n{code} {rule['name']}: {rule['base']} -> {rule['head']} diagnostics "
        f"(+{len(rule['added'])} -{len(rule['removed'])} ~{len(rule['changed'])}), "
        f"{rule['base_fixable']} -> {rule['head_fixable']} fixable"
    )
    print_limited([f"  + {shown(d)}" for d in rule["added"]], limit)
    print_limited([f"  - {shown(d)}" for d in rule["removed"]], limit)
    print_limited([f"  ~ {shown(p['base'])}\n    -> {shown(p['head'])}" for p in rule["changed"]], limit)
    for kind, sign in (("gained", "+"), ("lost", "-"), ("changed", "~")):
        print_limited(
            [
                f"  fix{sign} {shown(p['base'])}\n      base: {shown_fix(p['base']['fix'])}"
                f"\n      head: {shown_fix(p['head']['fix'])}"
                for p in fixes[kind]
            ],
            limit,
        )
    return True


def print_table(rules: dict[str, dict]) -> None:
    print(f"\n{'rule':<7}{'base':>6}{'head':>6}{'+':>5}{'-':>5}{'~':>5}  | fixable{'base':>6}{'head':>6}")
    totals: Counter = Counter()
    for code, rule in rules.items():
        row = [
            rule["base"],
            rule["head"],
            len(rule["added"]),
            len(rule["removed"]),
            len(rule["changed"]),
            rule["base_fixable"],
            rule["head_fixable"],
            len(rule["fixes"]["gained"]),
            len(rule["fixes"]["lost"]),
            len(rule["fixes"]["changed"]),
        ]
        totals.update(dict(enumerate(row)))
        print(table_row(code, row))
    print(table_row("total", [totals[i] for i in range(10)]))


def table_row(label: str, row: list[int]) -> str:
    """rule, BASE, HEAD, +, -, ~ of the diagnostics, then the same for the fixable ones."""
    changes = [f"{sign}{count}" for sign, count in zip("+-~+-~", row[2:5] + row[7:10], strict=True)]
    left = f"{label:<7}{row[0]:>6}{row[1]:>6}" + "".join(f"{c:>5}" for c in changes[:3])
    return left + f"  | {'':>7}{row[5]:>6}{row[6]:>6}" + "".join(f"{c:>5}" for c in changes[3:])


def print_report(base: dict, head: dict, comparison: dict, limit: int) -> None:
    differing = [code for code, rule in comparison["rules"].items() if print_rule(code, rule, limit)]
    if not differing:
        print("\nno rule reports a different diagnostic or fix")
    errors = comparison["errors"]
    print(f"\nerrors (files nbfix could not process): base {errors['base']}, head {errors['head']}")
    print_limited([f"  + {e['file']}: {e['message']}" for e in errors["added"]], limit)
    print_limited([f"  - {e['file']}: {e['message']}" for e in errors["removed"]], limit)
    print_limited(
        [
            f"  ~ {p['base']['file']}: {p['base']['message']}\n    -> {p['head']['message']}"
            for p in errors["changed"]
        ],
        limit,
    )
    for result in (base, head):
        for crash in result["crashes"]:
            last = crash["stderr"].strip().splitlines()[-1:] or ["(no stderr)"]
            print(f"  CRASH in {result['revision']}: {crash['file']} (exit {crash['returncode']}): {last[0]}")
        if result["other_stderr"]:
            count = len(result["other_stderr"])
            print(f"  {result['revision']} printed {count} other stderr lines (see results.json)")
    print("\ndiagnostics per rule (left) and fixable ones (right): BASE, HEAD, added, removed, changed")
    print("(fix +/-/~: a fix gained, lost or changed by a diagnostic both revisions report)")
    print_table(comparison["rules"])


# -- the write check -------------------------------------------------------------------------------

STATUS_RANK = {"valid": 0, "has_warnings": 1, "empty": 2, "has_errors": 3, "invalid": 4, "unreadable": 5}


def marimo_worker(paths: list[str]) -> None:
    """`--marimo-worker PATH...`: marimo's view of each file, as one JSON line at the end of stdout."""
    import asyncio

    from marimo._ast.load import get_notebook_status
    from marimo._lint.rule_engine import RuleEngine
    from marimo._loggers import capture_output

    verdicts = {}
    for path in paths:
        problems: list[list[str]] = []
        try:
            with capture_output() as (stdout, stderr, logs):
                loaded = get_notebook_status(path)
            status = loaded.status
            notebook = loaded.notebook
            if notebook is not None:
                problems += [["violation", v.description] for v in notebook.violations]
            if notebook is not None and status not in ("empty", "invalid"):
                engine = RuleEngine.create_default()
                found = asyncio.run(
                    engine.check_notebook(
                        notebook,
                        loaded.contents or "",
                        stdout=stdout.getvalue().strip(),
                        stderr=stderr.getvalue().strip(),
                        logs=logs,
                    )
                )
                problems += [
                    [d.severity.value if d.severity else "?", f"{d.code} {d.message}"] for d in found
                ]
        except Exception as error:  # a SyntaxError, marimo's MarimoFileError, or marimo failing
            status, problems = "unreadable", [["exception", f"{type(error).__name__}: {error}"]]
        verdicts[path] = {"status": status, "problems": sorted(problems)}
    sys.stdout.write("\n" + json.dumps(verdicts) + "\n")


def last_json_line(batch: Batch) -> dict | None:
    try:
        return json.loads(batch.stdout.rstrip().rsplit("\n", 1)[-1])
    except (ValueError, IndexError):
        return None


def marimo_verdicts(paths: list[str], jobs: int, cwd: Path) -> dict[str, dict]:
    env = {**os.environ, **PLAIN_OUTPUT}
    env.pop("PYTHONPATH", None)
    good, crashed = run_batches(
        lambda chunk: [sys.executable, str(Path(__file__).resolve()), "--marimo-worker", *chunk],
        env,
        cwd,
        paths,
        jobs,
        10,
        lambda batch: batch.returncode == 0 and last_json_line(batch) is not None,
    )
    verdicts = {}
    for batch in good:
        verdicts.update(last_json_line(batch))
    for batch in crashed:
        verdicts[batch.files[0]] = {"status": "unreadable", "problems": [["exception", batch.stderr[-300:]]]}
    return verdicts


def worse(before: dict, after: dict) -> tuple[list[str], list[str], list[str]]:
    """Why marimo sees `after` as worse than `before`; its new formatting/wasm diagnostics; what it fixed."""
    reasons, warnings = [], []
    if STATUS_RANK.get(after["status"], 5) > STATUS_RANK.get(before["status"], 5):
        reasons.append(f"load status {before['status']} -> {after['status']}")
    old, new = Counter(map(tuple, before["problems"])), Counter(map(tuple, after["problems"]))
    for kind, text in sorted(new - old):
        (warnings if kind in ("formatting", "wasm") else reasons).append(f"new {kind}: {text}")
    resolved = [f"{kind}: {text}" for kind, text in sorted(old - new) if kind not in ("formatting", "wasm")]
    return reasons, warnings, resolved


def parse_write_output(batch: Batch, root: Path) -> tuple[Counter, list[dict]]:
    """What a `--write --show-fixes --output-format concise` batch fixed (per rule) and dropped."""
    fixed: Counter = Counter()
    dropped = []
    for line in batch.stdout.splitlines():
        path, separator, rest = line.partition(": fix for ")
        if separator:
            code, _, reason = rest.partition(" dropped: ")
            dropped.append({"file": os.path.relpath(path, root), "code": code, "reason": reason})
        elif line.startswith("    ") and " × " in line:
            count, _, code = line.strip().partition(" × ")
            if count.isdigit():
                fixed[code] += int(count)
    return fixed, dropped


def write_pass(head: Revision, root: Path, files: list[str], args: argparse.Namespace, cwd: Path) -> dict:
    command_args = [*check_args(head, args.select, "concise"), "--write"]
    if args.unsafe_fixes:
        command_args.append("--unsafe-fixes")
    if "--show-fixes" in head.flags:
        command_args.append("--show-fixes")
    good, crashed = run_batches(
        lambda chunk: head.command([*command_args, *chunk]),
        head.env(),
        cwd,
        [str(root / name) for name in files],
        args.jobs,
        args.batch_size,
        lambda batch: batch.returncode in (0, 1, 2),
    )
    fixed: Counter = Counter()
    dropped, errors = [], []
    for batch in good:
        counts, lost = parse_write_output(batch, root)
        fixed += counts
        dropped += lost
        errors += split_stderr(batch, root)[0]
    return {
        "fixed": dict(sorted(fixed.items())),
        "dropped": dropped,
        "errors": errors,
        "crashes": [crash_record(batch, root) for batch in crashed],
    }


def write_check(
    head: Revision, corpus: Path, files: list[str], args: argparse.Namespace, scratch: Path, checked: dict
) -> dict:
    started = time.perf_counter()
    copy = scratch / "corpus"
    shutil.copytree(corpus, copy)
    first = write_pass(head, copy, files, args, scratch / "cwd")
    written_at = time.perf_counter()
    written = {name: (copy / name).read_bytes() for name in files}
    written = {name: data for name, data in written.items() if data != (corpus / name).read_bytes()}

    names = sorted(written)
    originals = marimo_verdicts([str(corpus / n) for n in names], args.jobs, scratch / "cwd")
    results = marimo_verdicts([str(copy / n) for n in names], args.jobs, scratch / "cwd")
    marimo_at = time.perf_counter()
    files_worse, files_warned = {}, {}
    for name in names:
        reasons, warnings, resolved = worse(originals[str(corpus / name)], results[str(copy / name)])
        if reasons:
            files_worse[name] = {"new": reasons, "resolved": resolved}
        if warnings:
            files_warned[name] = warnings

    second = write_pass(head, copy, names, args, scratch / "cwd")
    not_idempotent = [name for name in names if (copy / name).read_bytes() != written[name]]
    known = {(e["file"], e["message"]) for e in checked["errors"]}
    for outcome in (first, second):  # errors the check did not report too
        outcome["new_errors"] = [e for e in outcome["errors"] if (e["file"], e["message"]) not in known]
    return {
        "files": len(files),
        "written": names,
        "first_write": first,
        "marimo_worse": files_worse,
        "marimo_new_warnings": files_warned,
        "second_write": second,
        "not_idempotent": not_idempotent,
        "seconds": {
            "write": round(written_at - started, 2),
            "marimo": round(marimo_at - written_at, 2),
            "second_write": round(time.perf_counter() - marimo_at, 2),
        },
    }


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def print_write_check(result: dict, limit: int) -> None:
    first = result["first_write"]
    fixed = ", ".join(f"{code} {count}" for code, count in first["fixed"].items()) or "none"
    print(f"\nwrite check (HEAD --write on a copy of {plural(result['files'], 'file')})")
    print(f"  written: {plural(len(result['written']), 'file')}; fixes applied: {fixed}")
    print(f"  fixes dropped (failed validation): {len(first['dropped'])}")
    print_limited([f"    {d['file']}: {d['code']}: {d['reason']}" for d in first["dropped"]], limit)
    for label, outcome in (("first", first), ("second", result["second_write"])):
        old = len(outcome["errors"]) - len(outcome["new_errors"])
        if old:
            print(f"  {label} --write: {plural(old, 'error')} the check reports too")
        for error in outcome["new_errors"]:
            print(f"  {label} --write error: {error['file']}: {error['message']}")
        for crash in outcome["crashes"]:
            print(f"  {label} --write CRASH: {crash['file']} (exit {crash['returncode']})")
    print(f"  load worse in marimo than the original: {plural(len(result['marimo_worse']), 'file')}")
    for name, why in list(result["marimo_worse"].items())[:limit]:
        print(f"    {name}: {'; '.join(why['new'])}")
        if why["resolved"]:
            print(f"      (and gone: {plural(len(why['resolved']), 'problem')}, e.g. {why['resolved'][0]})")
    warned = plural(len(result["marimo_new_warnings"]), "file")
    print(f"  new marimo formatting diagnostics (not counted as worse): {warned}")
    print_limited(
        [f"    {name}: {'; '.join(why)}" for name, why in result["marimo_new_warnings"].items()], limit
    )
    print(f"  changed again by a second --write: {plural(len(result['not_idempotent']), 'file')}")
    print_limited([f"    {name}" for name in result["not_idempotent"]], limit)
    took = result["seconds"]
    print(f"  time: --write {took['write']} s, marimo {took['marimo']} s, ", end="")
    print(f"second --write {took['second_write']} s")


# -- main ------------------------------------------------------------------------------------------


def corpus_files(corpus: Path) -> list[str]:
    files = []
    for path in corpus.rglob("*.py"):
        parts = path.relative_to(corpus).parts
        if not any(part.startswith(".") or part in SKIPPED_FOLDERS for part in parts[:-1]):
            files.append(str(path.relative_to(corpus)))
    return sorted(files)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", metavar="BASE", help="git revision, or WORKTREE")
    parser.add_argument(
        "head", metavar="HEAD", help="git revision, or WORKTREE (the working tree, uncommitted)"
    )
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "ecosystem")
    parser.add_argument("--out", type=Path, help="folder for results.json [default: a new temporary folder]")
    parser.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="nbfix processes at a time"
    )
    parser.add_argument("--batch-size", type=int, default=100, help="files per nbfix process")
    parser.add_argument("--select", help="passed to both revisions [default: each one's default rules]")
    parser.add_argument("--write-check", action="store_true", help="also --write HEAD on a copy; ask marimo")
    parser.add_argument(
        "--unsafe-fixes", action="store_true", help="with --write-check: apply unsafe fixes too"
    )
    parser.add_argument("--limit", type=int, default=30, help="lines printed per kind of change and rule")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--marimo-worker"]:
        marimo_worker(argv[1:])
        return 0
    args = parse_args(argv)
    corpus = args.corpus.resolve()
    files = corpus_files(corpus)
    if not files:
        sys.exit(f"no .py files under {corpus}")
    out = args.out or Path(tempfile.mkdtemp(prefix="nbfix-ecosystem-"))
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nbfix-ecosystem-scratch-") as temporary:
        scratch = Path(temporary)
        (scratch / "cwd").mkdir()  # no pyproject.toml above it: each revision's defaults
        base = Revision("base", args.base, scratch / "base")
        head = Revision("head", args.head, scratch / "head")
        for revision in (base, head):
            prepare(revision, scratch / "cwd", args.select)
        print(f"base {base.describe()}\nhead {head.describe()}\ncorpus {corpus} ({len(files)} .py files)")
        base_result = check(base, corpus, files, args, scratch / "cwd")
        head_result = check(head, corpus, files, args, scratch / "cwd")
        comparison = compare(base_result, head_result)
        print_report(base_result, head_result, comparison, args.limit)
        written = write_check(head, corpus, files, args, scratch, head_result) if args.write_check else None
        if written:
            print_write_check(written, args.limit)
    results = {
        "corpus": str(corpus),
        "files": len(files),
        "select": args.select,
        "base": {key: value for key, value in base_result.items() if key != "diagnostics"},
        "head": {key: value for key, value in head_result.items() if key != "diagnostics"},
        **comparison,
        "write_check": written,
    }
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    for name, result in (("base", base_result), ("head", head_result)):
        (out / f"{name}.json").write_text(
            json.dumps(result["diagnostics"], indent=1) + "\n", encoding="utf-8"
        )
    print(
        f"\ntime: base {base_result['seconds']} s, head {head_result['seconds']} s, "
        f"total {time.perf_counter() - started:.1f} s; results in {out}/results.json"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
