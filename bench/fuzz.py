# ruff: noqa: E402 (the imports of nbfix follow the sys.path set-up)
"""Fuzz nbfix's fix engine with mutated real notebooks and check the fix contract on each.

Usage (from the repository root, in the project's virtualenv):

    python bench/fuzz.py [ECOSYSTEM_DIR] [--cases N | --seconds T] [--seed S] [--start I]
                         [--jobs J] [--out DIR] [--unsafe-fixes] [--keep K] [--max-minimize-s S]
    python bench/fuzz.py --replay FILE [--minimize] [--unsafe-fixes]

    python bench/fuzz.py --cases 2000 --seed 1                # 2,000 cases, one worker per CPU
    python bench/fuzz.py --seconds 600 --out /tmp/nbfix-fuzz  # ten minutes
    python bench/fuzz.py --replay /tmp/nbfix-fuzz/idempotent/s0-c123/input.py --minimize

ECOSYSTEM_DIR defaults to `../shared/ecosystem` next to the repository; `--out` to
`$TMPDIR/nbfix-fuzz`. Case `I` of seed `S` always draws the same notebook and the same
mutations, whatever `--jobs` is: one to three of delete / swap / duplicate a line of a
cell body, rename a variable in one or all of its cells (often to a near miss), make a
name private, duplicate a cell, drop a parameter or return a name nobody defines,
inject an anti-pattern of the rule catalogue (`ANTI_PATTERNS`) into a cell, into a
nested block of one, or as a new cell; then maybe CRLF or CR line endings and maybe a
UTF-8 BOM. About 5% of the mutated files do not parse (nbfix must report them and
leave them alone).

Each case is fixed the way `nbfix --write` fixes a file (`nbfix.runner.process` in
WRITE mode on a temporary file) and must satisfy every property in `PROPERTIES`.
A failing input is written at once to `OUT/<property>/s<seed>-c<case>/input.py`, with
`failure.txt` saying which property failed and how; after the run it is minimized
(greedy deletion of chunks of lines, then of single lines, keeping the same property
failing) into `minimized.py` beside it. Only the first `--keep` failures of each
property are saved (the rest are counted); `OUT/summary.txt` gets a line per run
with the failures per property and what nbfix fixed. `--replay FILE` checks one
file again (after a fix to nbfix, say); `--minimize` then minimizes it too.

`Checker` is also what `tests/test_fix_properties.py` runs on generated notebooks.
This script uses nbfix's public API, the standard library, and marimo (nbfix's
dependency) for marimo's own verdict on a notebook.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import io
import multiprocessing
import os
import random
import re
import sys
import tempfile
import time
import tokenize
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # fuzz the tree this script belongs to
    sys.path.insert(0, str(ROOT))

from nbfix.diagnostics import Applicability
from nbfix.files import Target, read_source
from nbfix.notebook import Cell, Notebook
from nbfix.rewrite import cell_source
from nbfix.rules import check, select_rules
from nbfix.runner import Mode, Settings, analyze_source, process
from nbfix.validate import ValidationError, check_marimo_no_worse, marimo_verdict

BOM = b"\xef\xbb\xbf"

PROPERTIES = {
    "no-crash": "nbfix processed the file without an internal error",
    "unchanged-on-error": "a file nbfix reports an error for is left as it was",
    "compiles": "the fixed file compiles (when the input did)",
    "marimo-no-worse": "marimo loads the fixed file no worse (status, violations, breaking lint)",
    "idempotent": "a second --write changes nothing",
    "cell-count": "the cell count is kept (NB002 may add one `import marimo as mo` cell)",
    "untouched-cells": "a cell with no fixable diagnostic (at the start, or once other cells are "
    "fixed) is byte-identical, apart from its signature and a rename that a fixed cell also got "
    "or a diagnostic names",
    "line-endings": "no line-ending style the input lacked appears in the output",
    "bom": "the UTF-8 BOM is kept or left out as it was",
    "no-new-diagnostic": "no diagnostic the input did not have",
}


@dataclass(frozen=True)
class Violation:
    prop: str
    detail: str

    def __str__(self) -> str:
        return f"{self.prop}: {self.detail}"


# --------------------------------------------------------------------------- properties


def _line_endings(data: bytes) -> Counter:
    counts: Counter = Counter()
    for match in re.finditer(rb"\r\n|\r|\n", data):
        counts[match.group()] += 1
    return counts


def _describe(endings: Counter) -> str:
    return ", ".join(f"{count} x {ending.decode()!r}" for ending, count in sorted(endings.items())) or "none"


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _tokens(text: str) -> list[tuple[int, str]] | None:
    """(type, string) of each significant token, or None if the text does not tokenize."""
    skip = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    try:
        return [
            (tok.type, tok.string)
            for tok in tokenize.generate_tokens(io.StringIO(_normalize_newlines(text)).readline)
            if tok.type not in skip
        ]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None


def _header_end_line(text: str) -> int:
    """The 1-based line (in `text`) of the `:` that ends a cell's `def` line; 0 if none."""
    depth = 0
    seen_def = False
    try:
        for tok in tokenize.generate_tokens(io.StringIO(_normalize_newlines(text)).readline):
            if tok.type == tokenize.NAME and tok.string == "def" and not seen_def:
                seen_def = True
            elif seen_def and tok.type == tokenize.OP:
                if tok.string in "([{":
                    depth += 1
                elif tok.string in ")]}":
                    depth -= 1
                elif tok.string == ":" and depth == 0:
                    return tok.start[0]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return 0
    return 0


def _body_text(notebook: Notebook, cell: Cell) -> str:
    """A code cell's text without its signature (`def` line(s) and final `return`)."""
    text = _normalize_newlines(cell_source(notebook, cell))
    if not cell.is_code_cell:
        return text
    lines = text.split("\n")
    first_line = cell.span.start_pos.line
    start = _header_end_line(text)
    end = len(lines)
    if cell.final_return is not None:
        end = cell.final_return.lineno - first_line
    return "\n".join(lines[start:end])


def _rename_pairs(before: str, after: str) -> set[tuple[str, str]]:
    """(old, new) identifier pairs that the change from `before` to `after` renamed."""
    a, b = _tokens(before), _tokens(after)
    if a is None or b is None:
        return set()
    pairs: set[tuple[str, str]] = set()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        olds = [s for t, s in a[i1:i2] if t == tokenize.NAME]
        news = [s for t, s in b[j1:j2] if t == tokenize.NAME]
        if len(olds) == len(news):
            pairs.update((o, n) for o, n in zip(olds, news, strict=True) if o != n)
        for (ta, sa), (tb, sb) in zip(a[i1:i2], b[j1:j2], strict=False):
            if ta == tb == tokenize.STRING and sa != sb:  # a rename inside an f-string
                for o, n in zip(re.findall(r"\w+", sa), re.findall(r"\w+", sb), strict=False):
                    if o != n:
                        pairs.add((o, n))
    return pairs


def _bindings_as_renames(tokens: list, pairs: set[tuple[str, str]]) -> list:
    """`import _x as x` read as `import x`: how a rename reaches an import binding (NB003)."""
    out = []
    i = 0
    while i < len(tokens):
        window = tokens[i : i + 3]
        if (
            len(window) == 3
            and all(kind == tokenize.NAME for kind, _ in window)
            and window[1][1] == "as"
            and (window[0][1], window[2][1]) in pairs
        ):
            out.append(window[2])
            i += 3
            continue
        out.append(tokens[i])
        i += 1
    return out


def _renamed_only(before: str, after: str, pairs: set[tuple[str, str]]) -> bool:
    """Whether `after` is `before` with some of the identifier renames in `pairs` applied."""
    a, b = _tokens(before), _tokens(after)
    if a is None or b is None:
        return False
    b = _bindings_as_renames(b, pairs)
    if len(a) != len(b):
        return False
    for (ta, sa), (tb, sb) in zip(a, b, strict=True):
        if (ta, sa) == (tb, sb):
            continue
        if ta != tb:
            return False
        if ta == tokenize.NAME and (sa, sb) in pairs:
            continue
        if ta == tokenize.STRING:  # an f-string: the same text, words renamed
            words_a, words_b = re.findall(r"\w+", sa), re.findall(r"\w+", sb)
            if (
                re.sub(r"\w+", "", sa) == re.sub(r"\w+", "", sb)
                and len(words_a) == len(words_b)
                and all(o == n or (o, n) in pairs for o, n in zip(words_a, words_b, strict=True))
            ):
                continue
        return False
    return True


def _align(before: Notebook, after: Notebook, fixed_codes: list[str]) -> list[tuple[Cell, Cell]] | None:
    """(old, new) for each cell of `before`; None if the cells do not correspond.

    The same number of cells pair up in order. One more is allowed when NB002
    was fixed and the extra cell imports marimo as `mo` (it goes at the top, or
    after the setup cell); the pairing that leaves the most cells identical wins.
    """
    if len(after.cells) == len(before.cells):
        return list(zip(before.cells, after.cells, strict=True))
    if len(after.cells) != len(before.cells) + 1 or "NB002" not in fixed_codes:
        return None
    best: list[tuple[Cell, Cell]] | None = None
    best_same = -1
    for k, added in enumerate(after.cells):
        if "import marimo as mo" not in cell_source(after, added):
            continue
        pairs = list(zip(before.cells, after.cells[:k] + after.cells[k + 1 :], strict=True))
        same = sum(cell_source(before, old) == cell_source(after, new) for old, new in pairs)
        if same > best_same:
            best, best_same = pairs, same
    return best


def _compiles(text: str) -> bool:
    try:
        compile(text, "notebook.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def _renamed_away(new: list[str], gone: list[str]) -> list[str]:
    """The problems in `new` that are not a `gone` one under another name.

    A fix that renames a variable (NB003, NB004) renames it in marimo's messages
    about it too: `name 'x' is assigned to before global declaration` for `_x`.
    """
    shapes = Counter(re.sub(r"'[^']*'", "'*'", problem) for problem in gone)
    kept = []
    for problem in new:
        shape = re.sub(r"'[^']*'", "'*'", problem)
        if shapes[shape]:
            shapes[shape] -= 1
        else:
            kept.append(problem)
    return kept


_CELL_SYNTAX = ("MB001", "MB005")  # marimo's codes for a cell it cannot parse or compile
_GRAPH = ("MB002", "MB003", "MB004")  # and for its graph: defined twice, cycle, setup dependency


def _marimo_breaking(text: str) -> frozenset[str]:
    """Every breaking problem marimo's own linter reports on the whole notebook (MB001-MB005)."""
    import asyncio
    import logging
    from contextlib import redirect_stderr, redirect_stdout

    from marimo._ast.parse import parse_notebook
    from marimo._lint.rule_engine import RuleEngine
    from marimo._lint.rules.breaking import BREAKING_RULE_CODES

    sink = io.StringIO()
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with redirect_stdout(sink), redirect_stderr(sink):
            try:
                notebook = parse_notebook(text.strip(), filepath="notebook.py")
            except SyntaxError:  # marimo's recovery from a broken cell fails on some files (CR endings)
                return frozenset()
            if notebook is None or not notebook.valid:
                return frozenset()
            engine = RuleEngine([rule() for rule in BREAKING_RULE_CODES.values()])
            found = asyncio.run(engine.check_notebook(notebook, text))
    finally:
        logging.disable(previous)
    # a private name is reported mangled with its cell's id (`_cell_Hbol_x`), and the
    # ids follow the cells' order: one cell added at the top renames them all
    return frozenset(re.sub(r"_cell_\w{4}_", "_cell_*_", f"{d.code} {d.message}") for d in found)


class Checker:
    """Runs `nbfix --write` on a file's bytes and checks the fix contract's properties."""

    def __init__(self, unsafe_fixes: bool = False, workdir: Path | None = None) -> None:
        self.rules = select_rules()
        self.settings = Settings(
            codes=tuple(rule.code for rule in self.rules), mode=Mode.WRITE, unsafe_fixes=unsafe_fixes
        )
        self.unsafe_fixes = unsafe_fixes
        self._tmp = None
        if workdir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="nbfix-fuzz-")
            workdir = Path(self._tmp.name)
        self.path = workdir / "notebook.py"
        self.last_report = None  # the first write's report of the last `check`

    def write(self, data: bytes):
        """`nbfix --write` on `data`; returns (report, the file's bytes afterwards)."""
        self.path.write_bytes(data)
        report = process(Target(self.path, explicit=True), self.settings)
        return report, self.path.read_bytes()

    def traceback_of_crash(self, data: bytes) -> str:
        """Re-run the crashing file outside `process`'s catch-all, for its traceback."""
        self.path.write_bytes(data)
        settings = Settings(codes=self.settings.codes, mode=Mode.DIFF, unsafe_fixes=self.unsafe_fixes)
        try:
            analyze_source(Target(self.path, explicit=True), read_source(self.path), settings)
        except Exception:
            return traceback.format_exc(limit=-8)
        return "(did not crash again outside process())"

    def check(self, data: bytes, only: str | None = None) -> list[Violation]:
        """Every property `data` violates (all of them, or only `only`)."""
        try:
            return self._check(data, only)
        except Exception as error:  # a crash of nbfix outside process(), or of this checker
            return [
                Violation("no-crash", f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=-6)}")
            ]

    def _check(self, data: bytes, only: str | None) -> list[Violation]:
        found: list[Violation] = []

        def want(prop: str) -> bool:
            return only is None or only == prop

        report, fixed = self.write(data)
        self.last_report = report
        if report.error is not None:
            if report.error.startswith("internal error") and want("no-crash"):
                found.append(Violation("no-crash", report.error))
            elif fixed != data and want("unchanged-on-error"):
                found.append(Violation("unchanged-on-error", report.error))
            return found
        if fixed == data:
            return found
        if want("bom") and fixed.startswith(BOM) != data.startswith(BOM):
            found.append(
                Violation("bom", f"input BOM {data.startswith(BOM)}, output {fixed.startswith(BOM)}")
            )
        if want("line-endings"):
            before_endings, after_endings = _line_endings(data), _line_endings(fixed)
            new = [repr(e.decode()) for e in after_endings if not before_endings[e]]
            if new:
                found.append(
                    Violation(
                        "line-endings", f"input has {_describe(before_endings)}, output adds {', '.join(new)}"
                    )
                )
        before_text = data.removeprefix(BOM).decode("utf-8")
        after_text = fixed.removeprefix(BOM).decode("utf-8")
        if want("compiles") and _compiles(before_text) and not _compiles(after_text):
            try:
                compile(after_text, "notebook.py", "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as error:
                found.append(Violation("compiles", f"{type(error).__name__}: {error}"))
        try:
            after_nb = Notebook.parse(after_text, "notebook.py")
        except Exception as error:
            found.append(Violation("compiles", f"the output is no longer a notebook: {error}"))
            return found
        before_nb = Notebook.parse(before_text, "notebook.py")
        if want("marimo-no-worse"):
            found.extend(self._marimo_no_worse(before_text, after_text))
        if want("idempotent"):
            second, again = self.write(fixed)
            if again != fixed:
                delta = "".join(
                    difflib.unified_diff(
                        _normalize_newlines(after_text).splitlines(keepends=True),
                        _normalize_newlines(again.removeprefix(BOM).decode("utf-8", "replace")).splitlines(
                            keepends=True
                        ),
                        "first write",
                        "second write",
                        n=1,
                    )
                )
                found.append(Violation("idempotent", f"second write fixed {second.fixed_codes}:\n{delta}"))
        pairs = _align(before_nb, after_nb, report.fixed_codes)
        if pairs is None:
            if want("cell-count"):
                found.append(
                    Violation(
                        "cell-count",
                        f"{len(before_nb.cells)} cells became {len(after_nb.cells)} "
                        f"(fixed: {', '.join(report.fixed_codes)})",
                    )
                )
        elif want("untouched-cells"):
            found.extend(self._untouched_cells(before_nb, after_nb, pairs))
        if want("no-new-diagnostic"):
            before_keys = Counter(d.key for d in check(before_nb, self.rules))
            after_keys = Counter(d.key for d in check(after_nb, self.rules))
            new = after_keys - before_keys
            if new:
                code, message = sorted(new)[0]
                found.append(Violation("no-new-diagnostic", f"{code} {message}"))
        return found

    def _marimo_no_worse(self, before_text: str, after_text: str) -> list[Violation]:
        after = marimo_verdict(after_text, "notebook.py")
        if not after.is_clean:  # a clean load is no worse than anything
            try:
                check_marimo_no_worse(marimo_verdict(before_text, "notebook.py"), after)
            except ValidationError as reason:
                return [Violation("marimo-no-worse", str(reason))]
        breaking = _marimo_breaking(after_text)
        if not breaking:
            return []
        before_breaking = _marimo_breaking(before_text)
        new = _renamed_away(sorted(breaking - before_breaking), sorted(before_breaking - breaking))
        if any(problem.startswith(_CELL_SYNTAX) for problem in before_breaking):
            # marimo leaves a cell it cannot parse out of its graph: a fix that
            # makes it parse (NB001) can bring a cycle or a double definition to light
            new = [problem for problem in new if not problem.startswith(_GRAPH)]
        if new:
            return [Violation("marimo-no-worse", f"marimo's linter reports a new problem: {new[0]}")]
        return []

    def _fixable(self, notebook: Notebook) -> list[tuple[int, str]]:
        """(cell position, message) of each diagnostic `--write` would try to fix."""
        positions = {cell.index: i for i, cell in enumerate(notebook.cells)}
        return [
            (positions[cell.index], d.message)
            for d in check(notebook, self.rules)
            if d.fix is not None
            and (d.fix.applicability is Applicability.SAFE or self.unsafe_fixes)
            and (cell := notebook.cell_at(d.span.start)) is not None
        ]

    def _untouched_cells(
        self, before: Notebook, after: Notebook, pairs: list[tuple[Cell, Cell]]
    ) -> list[Violation]:
        found_in = self._fixable(before)
        fixable = {position for position, _ in found_in}  # positions in `before`
        messages = [message for _, message in found_in]
        # A fix can bring a fixable diagnostic to another cell (NB002's `mo`
        # cell puts `mo` in scope, and a string there now misses its `f`):
        # lint the fixed cells in their final form beside the others as they
        # were, until no cell joins.
        positions = {cell.index: j for j, cell in enumerate(after.cells)}
        pair_at = {positions[new.index]: i for i, (_, new) in enumerate(pairs)}  # after position -> pair
        while True:
            data = after.index.data
            for i, (old, new) in sorted(enumerate(pairs), key=lambda p: -p[1][1].span.start):
                if i not in fixable:
                    old_bytes = before.index.data[old.span.start : old.span.end]
                    data = data[: new.span.start] + old_bytes + data[new.span.end :]
            try:
                hybrid = Notebook.parse(data.decode("utf-8"), "notebook.py")
            except Exception:
                break
            if len(hybrid.cells) != len(after.cells):
                break
            joined = [
                (pair_at[j], message)
                for j, message in self._fixable(hybrid)
                if j in pair_at and pair_at[j] not in fixable
            ]
            if not joined:
                break
            fixable |= {position for position, _ in joined}
            messages += [message for _, message in joined]
        # A rename reaches cells without the diagnostic (NB003 renames `_x` in
        # the defining cell and every reader, NB004 every definition): allowed
        # are the renames seen in a fixed cell, and making public or private a
        # name that a fixable diagnostic names.
        renames: set[tuple[str, str]] = set()
        for message in messages:
            for name in re.findall(r"`(_*[A-Za-z]\w*)`", message):
                renames |= {(name, name.lstrip("_")), (name, "_" + name)}
        for i, (old, new) in enumerate(pairs):
            if i in fixable:
                renames |= _rename_pairs(cell_source(before, old), cell_source(after, new))
        found = []
        for i, (old, new) in enumerate(pairs):
            if i in fixable or cell_source(before, old) == cell_source(after, new):
                continue
            old_body, new_body = _body_text(before, old), _body_text(after, new)
            if old_body == new_body or _renamed_only(old_body, new_body, renames):
                continue
            delta = "".join(
                difflib.unified_diff(
                    (old_body + "\n").splitlines(keepends=True),
                    (new_body + "\n").splitlines(keepends=True),
                    n=0,
                )
            )
            found.append(
                Violation(
                    "untouched-cells",
                    f"cell {old.index} (`{old.name}`, line {old.span.start_pos.line}) had no fixable "
                    f"diagnostic (at the start, or after other cells' fixes) but its body changed:\n{delta}",
                )
            )
        return found


# --------------------------------------------------------------------------- the anti-patterns

# Cell-body snippets with the catalogue's anti-patterns. `{a}` is a name the
# notebook defines (read here), `{n}` a fresh name, `{A}` `{a}` misspelt.
ANTI_PATTERNS: dict[str, list[str]] = {
    "NB001": [
        "if {a}:\n    {n} = 1\n    return {n}\nelse:\n    {n} = 2\n    return {n}",
        "if not {a}:\n    return\nprint({a})",
        "try:\n    {n} = int({a})\n    return {n}\n"
        "except (TypeError, ValueError):\n    {n} = 0\n    return {n}",
        "for _item in range(3):\n    if _item:\n        return",
        "match {a}:\n    case 0:\n        {n} = 'zero'\n        return {n}\n"
        "    case _:\n        {n} = 'many'\n        return {n}",
    ],
    "NB002": ["print({A})", "{n} = {A} * 2", "mo.md(f'{{{A}}}')"],
    "NB003": ["_{n} = {a}\nprint(_{n})"],
    "NB004": ["{a} = 0", "import math\n{n} = math.pi"],
    "NB006": [
        '{n} = mo.status.spinner(title="Working")\n{n}.open()\nprint({a})\n{n}.close()',
        '{n} = mo.status.spinner(title="Loading")\n{n}.open()\nprint({a})',
    ],
    "NB007": ['print("value: {{{a}}}")', '{n} = "total {{{a}}} rows"', "{n} = r'path {{{a}}}' + \"x\""],
    "NB008": [
        'if {a}:\n    mo.md("yes")\nelse:\n    mo.md("no")',
        "try:\n    {n} = int({a})\n    mo.md(f'{{{n}}}')\nexcept Exception:\n    mo.md('bad')",
    ],
    "NB009": [
        'mo.stop(mo.md("stopped"))',
        'mo.stop("no data", not {a})',
        "mo.stop(mo.callout('x'), {a} is None)",
    ],
    "NB011": ["{a}.append(1)", "{a}['key'] = 1"],
    "NB013": ["{n} = []\nfor _k in range(3):\n    {n}.append(lambda: _k)"],
    "NB015": ["{n} = mo.ui.slider(1, 10)\nprint({n}.value)"],
    "NB101": [
        "import torch\n{n} = torch.nn.Linear(2, 1)\n_opt = torch.optim.SGD({n}.parameters(), lr=0.1)\n"
        'with torch.autocast("cuda", dtype=torch.float16):\n    _loss = {n}(torch.ones(2)).sum()\n'
        "_loss.backward()\n_opt.step()"
    ],
    "NB102": [
        "import torch\n{n} = torch.cuda.amp.GradScaler()",
        "import torch\nwith torch.cuda.amp.autocast():\n    pass",
    ],
    "NB104": [
        "import time\nimport torch\n_t0 = time.time()\n"
        "{n} = torch.ones(3).cuda() * 2\n_dt = time.time() - _t0"
    ],
    "NB105": ['import torch\n{n} = torch.ones(2).to("cuda")'],
    # positions are byte offsets inside nbfix and characters for people: non-ASCII text
    # before an edit, statements joined by `;` and continued lines shift one from the other
    "non-ascii": [
        'print("naïve → {{{a}}} µs")',
        "if {a}:  # ünïcode ✓\n    {n} = 'é'\n    return {n}\nelse:\n    {n} = 'ß'\n    return {n}",
        'mo.stop(mo.md("🚫 stopped — {{{a}}}"))',
        "{n} = '日本'; mo.stop(mo.md(\"停止\"))",
    ],
    "layout": [
        "{n} = {a}; print({n})",
        '{n} = {a} + \\\n    1\nprint("sum {{{n}}}")',
        "if {a}: {n} = 1; print({n})",
        "{n} = (\n    {a},  # first\n)\nif {n}:\n    return {n}",
    ],
    "suppression": ['print("v {{{a}}}")  # nbfix: ignore[NB007]', "print({A})  # noqa: NB002"],
}


def misspell(name: str, rng: random.Random) -> str:
    """A near miss of `name`: other case, a leading underscore, or one letter changed."""
    choice = rng.randrange(4)
    if choice == 0 and name.upper() != name:
        return name.upper()
    if choice == 1 and name.lower() != name:
        return name.lower()
    if choice == 2:
        return name.lstrip("_") if name.startswith("_") else "_" + name
    if len(name) >= 4:
        i = rng.randrange(1, len(name))
        return name[:i] + rng.choice("aeiouxz") + name[i + 1 :]
    return name + "s"


def render_anti_pattern(template: str, read: str, fresh: str, rng: random.Random) -> str:
    return template.format(a=read, n=fresh, A=misspell(read, rng))


# --------------------------------------------------------------------------- mutations


_IDENT = re.compile(r"[A-Za-z_]\w*")


def _cell_lines(notebook: Notebook, cell: Cell) -> tuple[int, int] | None:
    """0-based [first, last) file lines of a code cell's body statements (signature excluded)."""
    if not cell.is_code_cell or not cell.body:
        return None
    return cell.body[0].lineno - 1, cell.body[-1].end_lineno or cell.body[-1].lineno


class Mutator:
    """Random, seeded mutations of a notebook's text (`\\n` line endings)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fresh_count = 0

    def fresh(self) -> str:
        self.fresh_count += 1
        return f"fz_{self.rng.choice(['value', 'rows', 'label', 'total'])}{self.fresh_count}"

    def mutate(self, text: str) -> tuple[str, list[str]]:
        applied: list[str] = []
        for _ in range(self.rng.choice([1, 1, 2, 2, 3])):
            for _attempt in range(8):
                op = self.rng.choice(self.OPS)
                try:
                    notebook = Notebook.parse(text)
                except Exception:
                    return text, applied
                result = op(self, text, notebook)
                if result is None:
                    continue
                new_text, what = result
                try:
                    ast.parse(new_text)
                except SyntaxError:
                    if self.rng.random() > 0.05:  # a few unparsable inputs: nbfix must report them
                        continue
                text = new_text
                applied.append(what)
                break
        return text, applied

    def _pick_cell(self, notebook: Notebook) -> Cell | None:
        cells = [c for c in notebook.cells if _cell_lines(notebook, c) is not None]
        return self.rng.choice(cells) if cells else None

    def _defined_names(self, notebook: Notebook) -> list[str]:
        return sorted({name for cell in notebook.cells for name in cell.defs})

    def _picked_lines(self, text: str, notebook: Notebook):
        """A random cell's line range (first, last) and the text's lines; None if no cell has lines."""
        cell = self._pick_cell(notebook)
        if cell is None:
            return None
        first, last = _cell_lines(notebook, cell)
        return first, last, text.split("\n")

    def delete_line(self, text: str, notebook: Notebook):
        picked = self._picked_lines(text, notebook)
        if picked is None:
            return None
        first, last, lines = picked
        i = self.rng.randrange(first, last)
        del lines[i]
        return "\n".join(lines), f"delete line {i + 1}"

    def swap_lines(self, text: str, notebook: Notebook):
        picked = self._picked_lines(text, notebook)
        if picked is None or picked[1] - picked[0] < 2:
            return None
        first, last, lines = picked
        i = self.rng.randrange(first, last - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
        return "\n".join(lines), f"swap lines {i + 1}-{i + 2}"

    def duplicate_line(self, text: str, notebook: Notebook):
        picked = self._picked_lines(text, notebook)
        if picked is None:
            return None
        first, last, lines = picked
        i = self.rng.randrange(first, last)
        lines.insert(i, lines[i])
        return "\n".join(lines), f"duplicate line {i + 1}"

    def rename(self, text: str, notebook: Notebook):
        names = self._defined_names(notebook)
        if not names:
            return None
        name = self.rng.choice(names)
        new = misspell(name, self.rng) if self.rng.random() < 0.7 else self.fresh()
        cells = [c for c in notebook.cells if name in c.defs or name in c.refs or name in c.params]
        if self.rng.random() < 0.5:
            cells = [self.rng.choice(cells)]
        data = notebook.index.data
        pattern = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
        for cell in sorted(cells, key=lambda c: c.span.start, reverse=True):
            source = data[cell.span.start : cell.span.end].decode()
            source = pattern.sub(new, source)
            data = data[: cell.span.start] + source.encode() + data[cell.span.end :]
        return data.decode(), f"rename {name} -> {new} in {len(cells)} cell(s)"

    def make_private(self, text: str, notebook: Notebook):
        names = [n for n in self._defined_names(notebook) if not n.startswith("_")]
        if not names:
            return None
        name = self.rng.choice(names)
        cell = next(c for c in notebook.cells if name in c.defs)
        data = notebook.index.data
        source = data[cell.span.start : cell.span.end].decode()
        source = re.sub(rf"(?<![\w.]){re.escape(name)}\b", "_" + name, source)
        return (
            data[: cell.span.start] + source.encode() + data[cell.span.end :]
        ).decode(), f"privatise {name}"

    def duplicate_cell(self, text: str, notebook: Notebook):
        cell = self._pick_cell(notebook)
        if cell is None:
            return None
        data = notebook.index.data
        source = data[cell.span.start : cell.span.end]
        return (data[: cell.span.end] + b"\n\n" + source + data[cell.span.end :]).decode(), (
            f"duplicate cell {cell.index}"
        )

    def stale_signature(self, text: str, notebook: Notebook):
        cells = [c for c in notebook.cells if c.is_code_cell]
        if not cells:
            return None
        cell = self.rng.choice(cells)
        data = notebook.index.data
        source = data[cell.span.start : cell.span.end].decode()
        if cell.params and self.rng.random() < 0.5:
            param = self.rng.choice(cell.params)
            new = re.sub(rf"\b{re.escape(param)}\b,? ?", "", source, count=1)
            what = f"drop parameter {param} of cell {cell.index}"
        else:
            bogus = self.fresh()
            new, count = re.subn(r"\n(\s+)return\s*\n", rf"\n\1return ({bogus},)\n", source)
            if not count:
                return None
            what = f"return bogus {bogus} from cell {cell.index}"
        return (data[: cell.span.start] + new.encode() + data[cell.span.end :]).decode(), what

    def inject(self, text: str, notebook: Notebook):
        code = self.rng.choice(sorted(ANTI_PATTERNS))
        template = self.rng.choice(ANTI_PATTERNS[code])
        names = self._defined_names(notebook) or ["x"]
        snippet = render_anti_pattern(template, self.rng.choice(names), self.fresh(), self.rng)
        cell = self._pick_cell(notebook)
        lines = text.split("\n")
        if cell is None or self.rng.random() < 0.25:  # as a new cell, after the last one
            if not notebook.cells:
                return None
            at = notebook.cells[-1].span.end_pos.line  # 1-based last line, 0-based next
            body = "\n".join("    " + line for line in snippet.split("\n"))
            lines[at:at] = ["", "", "@app.cell", "def _():", body, "    return", ""]
            return "\n".join(lines), f"inject {code} as a new cell"
        first, last = _cell_lines(notebook, cell)
        starts = [s.lineno - 1 for s in cell.body] + [last]
        at = self.rng.choice(starts)
        indent = " " * cell.body[0].col_offset
        lines[at:at] = [indent + line for line in snippet.split("\n")]
        return "\n".join(lines), f"inject {code} into cell {cell.index} at line {at + 1}"

    def inject_nested(self, text: str, notebook: Notebook):
        """An anti-pattern at the top of a nested block (an if/for/while/with/try body)."""
        cell = self._pick_cell(notebook)
        if cell is None:
            return None
        blocks = [
            node
            for statement in cell.body
            for node in ast.walk(statement)
            if isinstance(node, (ast.If, ast.For, ast.While, ast.With, ast.Try, ast.AsyncFor, ast.AsyncWith))
            and node.body
            and node.body[0].lineno > node.lineno  # not `if x: y` on one line
        ]
        if not blocks:
            return None
        block = self.rng.choice(blocks)
        code = self.rng.choice(sorted(ANTI_PATTERNS))
        names = self._defined_names(notebook) or ["x"]
        template = self.rng.choice(ANTI_PATTERNS[code])
        snippet = render_anti_pattern(template, self.rng.choice(names), self.fresh(), self.rng)
        at = block.body[0].lineno - 1
        indent = " " * block.body[0].col_offset
        lines = text.split("\n")
        lines[at:at] = [indent + line for line in snippet.split("\n")]
        return "\n".join(lines), f"inject {code} into a nested block of cell {cell.index} at line {at + 1}"

    OPS = [
        inject_nested,
        delete_line,
        swap_lines,
        duplicate_line,
        rename,
        rename,
        make_private,
        duplicate_cell,
        stale_signature,
        inject,
        inject,
        inject,
        inject,
    ]


def make_case(files: list[Path], seed: int, case: int) -> tuple[bytes, str, list[str]]:
    """The input of case `case` of seed `seed`: (bytes, source file, mutations applied)."""
    rng = random.Random(f"{seed}:{case}")
    path = rng.choice(files)
    data = path.read_bytes()
    mutations: list[str] = []
    try:
        text = _normalize_newlines(data.removeprefix(BOM).decode("utf-8"))
    except UnicodeDecodeError:
        return data, str(path), mutations
    text, mutations = Mutator(rng).mutate(text)
    roll = rng.random()
    if roll < 0.15:
        text = text.replace("\n", "\r\n")
        mutations.append("CRLF line endings")
    elif roll < 0.22:
        text = text.replace("\n", "\r")
        mutations.append("CR line endings")
    data = text.encode("utf-8")
    if rng.random() < 0.1:
        data = BOM + data
        mutations.append("UTF-8 BOM")
    return data, str(path), mutations


# --------------------------------------------------------------------------- minimizing


def _split_lines(data: bytes) -> list[bytes]:
    return re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", data)


def minimize(data: bytes, fails, deadline: float) -> bytes:
    """Greedy line deletion: chunks of halving size, then single lines, while `fails(candidate)`."""
    head = BOM if data.startswith(BOM) else b""
    lines = _split_lines(data.removeprefix(BOM))
    chunk = max(1, len(lines) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i = len(lines) - chunk
        changed = False
        while i >= 0 and time.monotonic() < deadline:
            candidate = lines[:i] + lines[i + chunk :]
            if candidate and fails(head + b"".join(candidate)):
                lines = candidate
                changed = True
            i -= chunk
        if not changed:
            chunk //= 2
        elif chunk > len(lines):
            chunk = max(1, len(lines) // 2)
    return head + b"".join(lines)


# --------------------------------------------------------------------------- running


@dataclass
class CaseResult:
    seed: int
    case: int
    source: str
    mutations: list[str]
    seconds: float
    violations: list[Violation] = field(default_factory=list)
    data: bytes = b""
    fixed_codes: list[str] = field(default_factory=list)
    error: bool = False


_checker: Checker | None = None
_files: list[Path] = []
_seed = 0


def _init_worker(files: list[Path], seed: int, unsafe_fixes: bool) -> None:
    global _checker, _files, _seed
    _checker = Checker(unsafe_fixes=unsafe_fixes)
    _files = files
    _seed = seed


def _run_case(case: int) -> CaseResult:
    assert _checker is not None
    data, source, mutations = make_case(_files, _seed, case)
    began = time.monotonic()
    violations = _checker.check(data)
    result = CaseResult(_seed, case, source, mutations, time.monotonic() - began, violations)
    report = _checker.last_report
    if report is not None:
        result.fixed_codes = list(report.fixed_codes)
        result.error = report.error is not None
    if violations:
        result.data = data
    return result


def _minimize_case(args: tuple[int, bytes, Violation, float]) -> tuple[int, str, bytes, str]:
    case, data, violation, budget = args
    assert _checker is not None
    checker = _checker

    def fails(candidate: bytes) -> bool:
        return any(v.prop == violation.prop for v in checker.check(candidate, only=violation.prop))

    small = minimize(data, fails, time.monotonic() + budget)
    details = [str(v) for v in checker.check(small, only=violation.prop)]
    if violation.prop == "no-crash":
        details.append(checker.traceback_of_crash(small))
    return case, violation.prop, small, "\n".join(details)


def _save(out: Path, result: CaseResult, violation: Violation) -> Path:
    """Save a failing input as soon as it is found (minimizing comes after the run)."""
    folder = out / violation.prop / f"s{result.seed}-c{result.case}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "input.py").write_bytes(result.data)
    (folder / "failure.txt").write_text(
        f"property: {violation.prop} ({PROPERTIES.get(violation.prop, '')})\n"
        f"seed: {result.seed}, case: {result.case}\nsource: {result.source}\n"
        f"mutations: {'; '.join(result.mutations)}\n\n--- on the input:\n{violation.detail}\n"
    )
    return folder


def _save_minimized(folder: Path, small: bytes, small_detail: str) -> None:
    (folder / "minimized.py").write_bytes(small)
    with (folder / "failure.txt").open("a") as handle:
        handle.write(
            f"\n--- on minimized.py ({len(_split_lines(small))} lines; line endings "
            f"{_describe(_line_endings(small))}; BOM {small.startswith(BOM)}):\n"
            f"{small_detail}\n"
        )


def replay(path: Path, unsafe_fixes: bool, minimize_it: bool, budget: float) -> int:
    """Check one file; with `minimize_it`, also minimize it for its first failing property."""
    checker = Checker(unsafe_fixes=unsafe_fixes)
    data = path.read_bytes()
    violations = checker.check(data)
    for violation in violations:
        print(violation)
    print("ok" if not violations else f"{len(violations)} violation(s)")
    if violations and minimize_it:
        prop = violations[0].prop

        def fails(candidate: bytes) -> bool:
            return any(v.prop == prop for v in checker.check(candidate, only=prop))

        small = minimize(data, fails, time.monotonic() + budget)
        target = path.with_name("minimized.py" if path.name == "input.py" else path.name + ".min.py")
        target.write_bytes(small)
        print(f"minimized for {prop}: {target} ({len(_split_lines(small))} lines)")
        for violation in checker.check(small, only=prop):
            print(violation)
    return 1 if violations else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ecosystem", nargs="?", type=Path, default=ROOT.parent / "shared" / "ecosystem")
    parser.add_argument("--cases", type=int, default=None, help="number of cases (default 1000)")
    parser.add_argument("--seconds", type=float, default=None, help="run for this long instead")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="first case number")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "nbfix-fuzz")
    parser.add_argument("--unsafe-fixes", action="store_true")
    parser.add_argument("--keep", type=int, default=5, help="failures minimized and saved per property")
    parser.add_argument("--max-minimize-s", type=float, default=60.0)
    parser.add_argument("--replay", type=Path, help="check one file and print what fails")
    parser.add_argument("--minimize", action="store_true", help="with --replay: minimize the file too")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay, args.unsafe_fixes, args.minimize, args.max_minimize_s)

    files = sorted(p for p in args.ecosystem.rglob("*.py") if p.is_file())
    if not files:
        parser.error(f"no .py files under {args.ecosystem}")
    count = args.cases if args.cases is not None else (10**9 if args.seconds else 1000)
    deadline = time.monotonic() + args.seconds if args.seconds else float("inf")
    args.out.mkdir(parents=True, exist_ok=True)

    per_prop: Counter = Counter()
    fixed: Counter = Counter()  # fixed diagnostics per code, over all cases
    outcomes: Counter = Counter()  # fixed / unchanged / error
    saved: Counter = Counter()
    done = 0
    began = time.monotonic()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(args.jobs, _init_worker, (files, args.seed, args.unsafe_fixes)) as pool:
        to_minimize = []
        for result in pool.imap_unordered(_run_case, range(args.start, args.start + count), chunksize=4):
            done += 1
            fixed.update(result.fixed_codes)
            outcomes["error" if result.error else "fixed" if result.fixed_codes else "unchanged"] += 1
            for violation in result.violations:
                per_prop[violation.prop] += 1
                if saved[violation.prop] < args.keep:
                    saved[violation.prop] += 1
                    folder = _save(args.out, result, violation)
                    to_minimize.append((folder, result, violation))
                    print(f"{violation.prop}: {folder}", flush=True)
            if done % 250 == 0:
                rate = done / (time.monotonic() - began)
                print(f"{done} cases, {rate:.1f}/s, failures {dict(per_prop)}", flush=True)
            if time.monotonic() > deadline:
                pool.terminate()
                break
        elapsed = time.monotonic() - began
        print(f"ran {done} cases in {elapsed:.0f} s ({done / elapsed:.1f}/s); minimizing {len(to_minimize)}")
    with context.Pool(args.jobs, _init_worker, (files, args.seed, args.unsafe_fixes)) as pool:
        jobs = [(r.case, r.data, v, args.max_minimize_s) for _, r, v in to_minimize]
        folders = {(r.case, v.prop): folder for folder, r, v in to_minimize}
        for case, prop, small, detail in pool.imap_unordered(_minimize_case, jobs):
            _save_minimized(folders[case, prop], small, detail)
            print(f"minimized {prop}: {folders[case, prop]} ({len(_split_lines(small))} lines)", flush=True)

    summary = [
        f"seed {args.seed}, cases {args.start}..{args.start + done - 1} ({done}), "
        f"{elapsed:.0f} s, {done / elapsed:.1f} cases/s, unsafe fixes: {args.unsafe_fixes}",
        f"outcomes: {dict(outcomes)}; fixed diagnostics: {dict(sorted(fixed.items()))}",
        *(f"{prop}: {n} failing cases" for prop, n in per_prop.most_common()),
    ]
    with (args.out / "summary.txt").open("a") as handle:
        handle.write("\n".join(summary) + "\n\n")
    print("\n".join(summary))
    return 1 if per_prop else 0


if __name__ == "__main__":
    sys.exit(main())
