"""NB901 on real notebooks, which carry no nbfix suppression of their own.

    python bench/suppression_probe.py [--corpus DIR] [--plant N] [--seed S]

On a copy of the ecosystem notebooks (`../shared/ecosystem` by default):
1. suppress every finding of a default run with the comment the editor's
   "ignore" action writes (`nbfix.lsp.suppress.ignore_change`); a run must then
   report nothing at all, NB901 included (no used suppression is called unused);
2. plant `# nbfix: ignore[NB009]` at the end of N random indented code lines
   that carry no comment; NB901 must report each planted comment in every
   file nbfix can parse;
3. `--write`: every file must come back byte for byte as it was before the
   planting (the fix removes exactly what was planted and touches nothing else).

Prints the counts and every exception. Runs the installed `nbfix` in subprocesses.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from nbfix.lsp.suppress import LineComments, ignore_change

PLANTED = "NB009"


def run(folder: Path, *args: str) -> list[dict]:
    command = [sys.executable, "-m", "nbfix", "--no-cache", "--output-format", "json", "-j", "2", *args]
    result = subprocess.run([*command, str(folder)], capture_output=True, text=True)
    return json.loads(result.stdout or "[]")


def add_comments(path: Path, wanted: set[tuple[int, str]]) -> int:
    """Add `# nbfix: ignore[CODE]` to each (line, code), as the editor does; how many went in."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    added = 0
    for line, code in sorted(wanted, reverse=True):
        raw = lines[line - 1]
        body = raw.rstrip("\r\n")
        change = ignore_change(body, 0, line, code, LineComments.of("".join(lines)))
        if change is not None:
            lines[line - 1] = body[: change.start] + change.content + body[change.end :] + raw[len(body) :]
            added += 1
    path.write_text("".join(lines), encoding="utf-8")
    return added


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "ecosystem"
    )
    parser.add_argument("--plant", type=int, default=200, help="files to plant an unused suppression in")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        copy, before_planting = Path(scratch) / "eco", Path(scratch) / "before"
        shutil.copytree(options.corpus, copy)
        findings = run(copy)
        wanted: dict[str, set[tuple[int, str]]] = {}
        for finding in findings:
            wanted.setdefault(finding["filename"], set()).add((finding["location"]["row"], finding["code"]))
        added = sum(add_comments(Path(name), lines) for name, lines in wanted.items())
        left = run(copy)
        print(f"1. findings {len(findings)}; suppressions added {added}; reported after: {len(left)}")
        for finding in left:
            where = f"{finding['filename']}:{finding['location']['row']}"
            print(f"   {where} {finding['code']} {finding['message']}")

        shutil.copytree(copy, before_planting)
        random.seed(options.seed)
        planted: set[Path] = set()
        for path in random.sample(
            sorted(copy.rglob("*.py")), min(options.plant, len(list(copy.rglob("*.py"))))
        ):
            lines = path.read_text(encoding="utf-8").splitlines()
            candidates = [n for n, text in enumerate(lines, 1) if text.startswith("    ") and text.strip()]
            candidates = [n for n in candidates if "#" not in lines[n - 1]]
            if candidates and add_comments(path, {(random.choice(candidates), PLANTED)}):
                planted.add(path)
        reported = {Path(f["filename"]) for f in run(copy) if f["code"] == "NB901"}
        unparsable = {Path(f) for f in _errors(copy)}
        missed = sorted(planted - reported - unparsable)
        print(f"2. planted {len(planted)} (in {len(planted & unparsable)} unparsable files); NB901 reports")
        elsewhere = len(reported - planted)
        print(
            f"   {len(planted & reported)}; missed in parsable files: {len(missed)}; elsewhere: {elsewhere}"
        )
        for path in missed:
            print(f"   missed {path}")

        run(copy, "--write")
        changed = [
            p
            for p in copy.rglob("*.py")
            if p.read_bytes() != (before_planting / p.relative_to(copy)).read_bytes()
        ]
        print(f"3. after --write, files that differ from before the planting: {len(changed)}")
        for path in changed:
            print(f"   {path.relative_to(copy)}{' (unparsable)' if path in unparsable else ''}")
    return 0


def _errors(folder: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "nbfix", "--no-cache", "-q", "-j", "2", str(folder)],
        capture_output=True,
        text=True,
    )
    return [line.split(": error:")[0] for line in result.stderr.splitlines() if ": error:" in line]


if __name__ == "__main__":
    sys.exit(main())
