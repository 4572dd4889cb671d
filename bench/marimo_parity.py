"""marimo's own structural findings against nbfix's: does nbfix report each one, on the same cell?

    python bench/marimo_parity.py [PATH ...] [--corpus DIR] [--original-names] [--limit N]

For each notebook (the files and folders given, or `../shared/ecosystem` beside the
repository), marimo's lint rules that stop a notebook (MB001-MB005) and its self-import
rule (MR001) run in this process, through marimo's parser and `RuleEngine` as
`marimo check` runs them, and nbfix checks the same text under the same path. Each marimo
finding is mapped to the nbfix rule that reports the same problem (`COUNTERPART`), and
has a counterpart when nbfix reports that rule in the cell of each line marimo gives.
The ecosystem corpus flattens each file's path into its name; `--original-names` checks
every notebook under its name in its repository instead, alone in a temporary folder (what
MR001 and NB026, which read the file name, need).

Printed: a table (marimo code, findings, with an nbfix counterpart, pending, known
exceptions, misses); the other way round, per nbfix rule, its diagnostics and how many
marimo reports too (on the same cell); then each finding without a counterpart with
file:line and why, and each nbfix diagnostic marimo does not report.
Pending: the counterpart rule is not in this nbfix yet (NB025 is built on another
branch). Known exceptions (`exception_reason`): what nbfix deliberately does not do.
tests/test_marimo_parity.py runs the same comparison on the notebooks that ship with
marimo and on nbfix's own corpus.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import logging
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# marimo's codes that stop a notebook (or load the wrong module) and nbfix's rule for each.
MARIMO_CODES = ("MB001", "MB002", "MB003", "MB004", "MB005", "MR001")
COUNTERPART = {
    "MB001": "NB025",  # an unparsable cell
    "MB002": "NB004",  # a name defined in more than one cell
    "MB003": "NB022",  # cells in a cycle
    "MB004": "NB023",  # the setup cell reads another cell's name
    "MR001": "NB026",  # the file name shadows an imported module
}
# MB005 is every cell that fails to compile: one message is a star import, one a `return`
# outside a function (NB001's), and the rest are syntax errors (NB025's).
STAR_IMPORT_MESSAGE = "Importing symbols with `import *` is not allowed in marimo."
RETURN_MESSAGE = "'return' outside function"
# What nbfix deliberately does not report, as (code, a part of marimo's message) -> why.
EXCEPTIONS = {
    ("MR001", "conflicts with a module in site-packages"): (
        "marimo's second MR001 looks for a file or package beside the notebook named like an "
        "import; nbfix rules never read the file system, and NB026 is about the notebook's own name"
    ),
    ("MR001", "conflicts with file name 'sys.py'"): "`sys` is built into Python: no file can shadow it",
    (
        "MR001",
        "conflicts with file name 'builtins.py'",
    ): "`builtins` is built into Python: no file can shadow it",
}


def counterpart(code: str, message: str) -> str:
    if code == "MB005":
        if message == STAR_IMPORT_MESSAGE:
            return "NB024"
        return "NB001" if message == RETURN_MESSAGE else "NB025"
    return COUNTERPART[code]


def exception_reason(code: str, message: str) -> str | None:
    for (known_code, part), reason in EXCEPTIONS.items():
        if code == known_code and part in message:
            return reason
    return None


@dataclass
class Finding:
    """One marimo finding and what nbfix reports for it."""

    path: str
    code: str
    message: str
    lines: tuple[int, ...]  # as marimo shows them
    # A line in each cell marimo's graph names (its cell ids), where it names cells: marimo
    # finds the lines it shows from those cells by code similarity, and is sometimes wrong.
    cell_lines: tuple[int, ...]
    expected: str  # the nbfix code that should report it
    status: str = "matched"  # matched, pending, exception or missed
    why: str = ""

    def where(self) -> str:
        return f"{self.path}:{','.join(map(str, self.lines))}"


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None  # why marimo did not lint it
    # Each diagnostic of a counterpart rule, as (code, line, message), and whether marimo
    # reports the same problem in its cell (the other direction: what only nbfix reports).
    diagnostics: list[tuple[str, int, str, bool]] = field(default_factory=list)


@dataclass(frozen=True)
class MarimoFinding:
    code: str
    message: str
    lines: tuple[int, ...]
    cell_lines: tuple[int, ...]


def marimo_findings(path: str) -> tuple[str, list[MarimoFinding]] | None:
    """The file's text and marimo's findings in it, as `marimo check` loads and lints it; None when
    marimo does not lint it (not a notebook, empty, or a syntax error outside the cells)."""
    from marimo._ast.load import get_notebook_status
    from marimo._lint.context import LintContext, RuleContext
    from marimo._lint.rules.breaking import BREAKING_RULE_CODES
    from marimo._lint.rules.runtime import RUNTIME_RULE_CODES

    codes = {**BREAKING_RULE_CODES, **RUNTIME_RULE_CODES}
    sink = io.StringIO()
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            try:
                loaded = get_notebook_status(path)
            except Exception:  # marimo's loader raises SyntaxError and its own file errors
                return None
            if loaded.status in ("empty", "invalid") or loaded.notebook is None:
                return None
            contents = loaded.contents or ""
            # What marimo's RuleEngine does, with the context kept: its graph names the cells.
            context = LintContext(loaded.notebook, contents)

            async def lint() -> list:
                for code in MARIMO_CODES:
                    rule = codes[code]()
                    await rule.check(RuleContext(context, rule))
                return await context.get_diagnostics()

            found = asyncio.run(lint())
            cell_line = _cell_lines(loaded.notebook, context.get_graph())
    finally:
        logging.disable(previous)
    findings = []
    for d in found:
        lines = tuple(d.line) if isinstance(d.line, list) else (d.line,)
        named = [cell_line.get(cell_id) for cell_id in d.cell_id or ()]
        cell_lines = tuple(line for line in named if line is not None) if named and all(named) else lines
        findings.append(MarimoFinding(d.code or "", d.message, lines, cell_lines))
    return contents, findings


def _cell_lines(notebook: object, graph: object) -> dict[str, int]:
    """marimo's cell id -> the first line of that cell, matched by the cell's code, in file order."""
    cells = list(notebook.cells)  # type: ignore[attr-defined]
    taken: set[int] = set()
    lines: dict[str, int] = {}
    for cell_id, cell in graph.cells.items():  # type: ignore[attr-defined]
        for position, definition in enumerate(cells):
            if position not in taken and definition.code == cell.code:
                is_setup = definition.name == "setup"
                if is_setup == (cell_id == "setup"):
                    taken.add(position)
                    lines[cell_id] = definition.lineno
                    break
    return lines


def compare(path: str) -> FileResult:
    """marimo's findings in one notebook file, each with its status against nbfix's diagnostics."""
    from nbfix.loading import UnparsableSource, parse_notebook
    from nbfix.notebook import NotANotebook
    from nbfix.rules import all_rules, check, select_rules

    result = FileResult(path)
    linted = marimo_findings(path)
    if linted is None:
        result.skipped = "marimo does not lint it"
        return result
    text, found = linted
    known = all_rules()
    try:
        notebook = parse_notebook(text, path)
    except (UnparsableSource, NotANotebook) as error:
        notebook, failure = None, f"nbfix cannot parse the file ({error})"
    reported: set[tuple[str, int]] = set()
    if notebook is not None:
        codes = sorted({*COUNTERPART.values(), "NB001", "NB024"} & known.keys())
        diagnostics = check(notebook, select_rules(select=codes))
        reported = {(d.code, cell.index) for d in diagnostics if (cell := notebook.cell_at(d.span.start))}
        marimo_cells = {
            (counterpart(f.code, f.message), _cell_index(notebook, line))
            for f in found
            for line in f.cell_lines
        }
        for d in diagnostics:
            cell = notebook.cell_at(d.span.start)
            agreed = cell is not None and (d.code, cell.index) in marimo_cells
            result.diagnostics.append((d.code, d.span.start_pos.line, d.message, agreed))
    for each in found:
        finding = Finding(
            path, each.code, each.message, each.lines, each.cell_lines, counterpart(each.code, each.message)
        )
        result.findings.append(finding)
        reason = exception_reason(finding.code, finding.message)
        if reason is not None:
            finding.status, finding.why = "exception", reason
        elif finding.expected not in known:
            finding.status, finding.why = "pending", f"{finding.expected} is not in this nbfix yet"
        elif notebook is None:
            finding.status, finding.why = "missed", failure
        else:
            cells = [_cell_index(notebook, line) for line in finding.cell_lines]
            unmatched = [
                line
                for line, cell in zip(finding.cell_lines, cells, strict=True)
                if (finding.expected, cell) not in reported
            ]
            if unmatched:
                finding.status = "missed"
                finding.why = f"no {finding.expected} in the cell of line {', '.join(map(str, unmatched))}"
    return result


def _cell_index(notebook: object, line: int) -> int | None:
    index = notebook.index  # type: ignore[attr-defined]
    if not 1 <= line <= index.line_count:
        return None
    cell = notebook.cell_at(index.line_start(line))  # type: ignore[attr-defined]
    return None if cell is None else cell.index


def notebook_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)
        else:
            files.append(path)
    return sorted(files)


def run(files: list[Path], root: Path | None = None) -> list[FileResult]:
    results = []
    for file in files:
        result = compare(str(file))
        if root is not None:
            shown = str(file.relative_to(root)) if file.is_relative_to(root) else str(file)
            result.path = shown
            for finding in result.findings:
                finding.path = shown
        results.append(result)
    return results


STATUSES = ("matched", "pending", "exception", "missed")


def table(results: list[FileResult]) -> str:
    counts: dict[str, Counter] = {}
    for result in results:
        for finding in result.findings:
            key = f"{finding.code} -> {finding.expected}"
            counts.setdefault(key, Counter())[finding.status] += 1
    rows = [
        "| marimo -> nbfix | findings | nbfix counterpart | pending | exception | missed |",
        "|---|---|---|---|---|---|",
    ]
    for key in sorted(counts):
        row = counts[key]
        cells = [str(sum(row.values())), *(str(row[status]) for status in STATUSES)]
        rows.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def reverse_table(results: list[FileResult]) -> str:
    """Per nbfix rule: its diagnostics, and how many are on a cell where marimo reports the same."""
    counts: dict[str, Counter] = {}
    for result in results:
        for code, _, _, agreed in result.diagnostics:
            counts.setdefault(code, Counter())[agreed] += 1
    rows = ["| nbfix | diagnostics | marimo reports it too | nbfix only |", "|---|---|---|---|"]
    for code in sorted(counts):
        row = counts[code]
        rows.append(f"| {code} | {row[True] + row[False]} | {row[True]} | {row[False]} |")
    return "\n".join(rows)


def report(results: list[FileResult], limit: int) -> str:
    checked = [r for r in results if r.skipped is None]
    lines = [
        f"{len(results)} files, {len(checked)} linted by marimo, {len(results) - len(checked)} skipped",
        "",
    ]
    lines += [table(results), "", reverse_table(results)]
    for status in ("missed", "exception", "pending"):
        chosen = [f for r in results for f in r.findings if f.status == status]
        if not chosen:
            continue
        lines += ["", f"{status} ({len(chosen)}):"]
        for finding in chosen[:limit]:
            lines.append(f"  {finding.where()} {finding.code} {finding.message} -> {finding.why}")
        if len(chosen) > limit:
            lines.append(f"  ... and {len(chosen) - limit} more")
    alone = [(r.path, d) for r in results for d in r.diagnostics if not d[3]]
    if alone:
        lines += ["", f"nbfix only ({len(alone)}):"]
        lines += [f"  {path}:{line} {code} {message}" for path, (code, line, message, _) in alone[:limit]]
        if len(alone) > limit:
            lines.append(f"  ... and {len(alone) - limit} more")
    return "\n".join(lines)


def under_original_names(corpus: Path, scratch: Path) -> dict[Path, str]:
    """Copy each notebook of `corpus/manifest.tsv` into its own folder under `scratch`, with the file
    name it has in its repository (the corpus flattens paths: `tests___lint__x.py`); copy -> shown path."""
    copies: dict[Path, str] = {}
    rows = (corpus / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for number, row in enumerate(rows):
        file, _, _, original, *_ = row.split("\t")
        folder = scratch / str(number)
        folder.mkdir()
        copy = folder / Path(original).name
        shutil.copyfile(corpus / file, copy)
        copies[copy] = f"{file} (as {Path(original).name})"
    return copies


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks or folders [default: --corpus]")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "ecosystem")
    parser.add_argument(
        "--original-names",
        action="store_true",
        help="check each --corpus notebook under its own name (manifest.tsv), alone in a folder",
    )
    parser.add_argument("--limit", type=int, default=50, help="findings listed per status")
    args = parser.parse_args(argv)
    if args.original_names:
        with tempfile.TemporaryDirectory() as scratch:
            copies = under_original_names(args.corpus, Path(scratch))
            results = run(sorted(copies))
            for result in results:
                shown = copies[Path(result.path)]
                result.path = shown
                for finding in result.findings:
                    finding.path = shown
    else:
        paths = args.paths or [args.corpus]
        root = args.corpus.resolve() if not args.paths else None
        results = run(notebook_files(p.resolve() for p in paths), root)
    print(report(results, args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
