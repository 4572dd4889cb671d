"""Hostile and extreme notebooks: work that grows linearly with the input, and deep nesting.

- A string with 20,000 `{x}` fields, and 5,000 cells that each read the one
  before, used to make NB007 and the cell graph quadratic (a 64,000-field
  string took 24 seconds, 5,000 chained cells most of a minute to fix).
- A 1,000-term sum or a 1,000-link attribute chain, which Python compiles,
  was refused with "maximum recursion depth exceeded"; nesting 100,000 deep
  must still be a one-line error, never a crash.

Nothing here is timed. Each case runs in a fresh interpreter (`_run`), so a
segfault is a failed test and not a dead test run, and no recursion limit
or thread stack of this process leaks into it; the timeout there only
guards against a hang. What a case asserts is the result, and where the old
code did quadratic work, a count of that work. Each case takes a few
seconds; the quadratic code took minutes on them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest

TESTS = Path(__file__).resolve().parent
HEADER = 'import marimo\n\n__generated_with = "0.25.2"\napp = marimo.App()\n\n\n'
FOOTER = '\n\nif __name__ == "__main__":\n    app.run()\n'

FIELDS = 20_000
CELLS = 5_000


def _run(case: str, *args: object) -> dict:
    """Run `_case_<case>(*args)` of this module in a fresh interpreter; the JSON it printed last."""
    code = f"import sys; sys.path.insert(0, {str(TESTS)!r}); import test_hostile_input as t; t._case_{case}"
    code += f"(*{args!r})"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=TESTS.parent
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    return json.loads(result.stdout.splitlines()[-1])


def _notebook(cells: list[str]) -> str:
    return HEADER + "\n\n".join(cells) + FOOTER


def _cell(body: str, params: str = "", returns: str = "") -> str:
    return f"@app.cell\ndef _({params}):\n{textwrap.indent(body, '    ')}\n    return{returns}\n"


def _process(path: Path, mode: str, codes: tuple[str, ...] | None = None) -> dict:
    """`nbfix.runner.process` on a file, as the CLI calls it; the report's essentials."""
    from nbfix.files import Target
    from nbfix.rules import select_rules
    from nbfix.runner import Mode, Settings, process

    codes = codes or tuple(rule.code for rule in select_rules())
    report = process(Target(path, explicit=True), Settings(codes, Mode[mode], fix_edits=False))
    return {
        "error": report.error,
        "codes": dict(Counter(finding.code for finding in report.findings)),
        "fixed": report.fixed_count,
    }


# -- many fields in one string ----------------------------------------------------------
def _case_fields() -> None:
    import ast
    import re

    from nbfix.codemods.add_f_prefix import add_f_prefix
    from nbfix.notebook import Notebook
    from nbfix.rewrite import cell_source
    from nbfix.rules import check, select_rules

    fields = " ".join(["{x}"] * FIELDS)
    zeros = "0" * 100_000  # `%000...`: a search for %-placeholders backtracked through every split
    text = _notebook(
        [
            _cell("x = 1", returns=" (x,)"),
            _cell(f'print("{fields}")'),
            _cell(f'print("{{x}} %{zeros}z")'),
        ]
    )
    notebook = Notebook.parse(text)
    # The fields of every f-string `ast.parse` is given from here on: parsing
    # one with many fields whole is quadratic before Python 3.12.
    parsed: list[int] = []
    real_parse = ast.parse

    def parse(source: object, *args: object, **kwargs: object) -> object:
        if isinstance(source, str) and re.match(r"\s*[rRuU]?[fF][rR]?['\"]", source):
            parsed.append(source.count("{"))
        return real_parse(source, *args, **kwargs)  # type: ignore[arg-type]

    ast.parse = parse
    try:
        messages = [d.message for d in check(notebook, select_rules(["NB007"]))]
        cell = notebook.cells[1]
        source = cell_source(notebook, cell)
        rewritten = add_f_prefix(source, positions=[(3, 10)])  # the string of `    print("...")`
    finally:
        ast.parse = real_parse
    print(
        json.dumps(
            {
                "messages": [message[:200] for message in messages],
                "most_fields_parsed_at_once": max(parsed),
                "rewritten": rewritten == source.replace('print("', 'print(f"'),
            }
        )
    )


def test_a_string_with_20000_fields_is_checked_without_parsing_it_whole() -> None:
    result = _run("fields")
    first, second = result["messages"]
    assert first.startswith("String has `{x}` field")  # the same field 20,000 times, named once
    if sys.version_info < (3, 12):
        assert "no automatic fix: Python before 3.12 compiles it slowly" in first
    assert second.startswith("String has `{x}` field")
    assert result["rewritten"], "the codemod still prefixes a string with 20,000 fields"
    # One field at a time (`nbfix.codemods.add_f_prefix._parse_pieces`): never the whole string.
    assert result["most_fields_parsed_at_once"] == 1


# -- many cells in a chain --------------------------------------------------------------
def _chain(cells: int, *, show_previous: bool) -> list[str]:
    """Cell i reads `v{i-1}` and defines `v{i}` (the last one only `print`s); with
    `show_previous`, each also prints `"{v(i-1)}"`, a string missing its `f`."""
    chain = [_cell("v0 = 0", returns=" (v0,)")]
    for i in range(1, cells):
        last = i == cells - 1
        body = f"print(v{i - 1})" if last else f"v{i} = v{i - 1} + 1"
        if show_previous:
            body += f'\nprint("{{v{i - 1}}}")'
        chain.append(_cell(body, params=f"v{i - 1}", returns="" if last else f" (v{i},)"))
    return chain


def _case_chained_check(tmp: str) -> None:
    from nbfix.graph import graph_problems
    from nbfix.notebook import Cell, Notebook

    path = Path(tmp) / "chain.py"
    path.write_text(_notebook(_chain(CELLS, show_previous=True)))
    # How often the check reads a cell's refs: NB007 asked, for each string,
    # whether the cell defining the name depends on the string's cell, by
    # climbing every cell above it: quadratic in the number of cells.
    reads = 0
    refs = Cell.refs

    def counted(cell: Cell) -> frozenset[str]:
        nonlocal reads
        reads += 1
        return refs.fget(cell)  # type: ignore[attr-defined]

    Cell.refs = property(counted)  # type: ignore[assignment,method-assign]
    try:
        report = _process(path, "CHECK")
    finally:
        Cell.refs = refs  # type: ignore[method-assign]
    problems = graph_problems(Notebook.parse(path.read_text()))
    report["refs_read_per_cell"] = reads / CELLS
    report["graph_problems"] = bool(problems.cycles or problems.multiply_defined)
    print(json.dumps(report))


def _case_chained_write(tmp: str) -> None:
    import nbfix.graph
    from nbfix.notebook import Notebook

    path = Path(tmp) / "chain.py"
    text = _notebook(_chain(CELLS, show_previous=False))
    last = f"v{CELLS - 2}"
    path.write_text(text.replace(f"print({last})", f'print({last}, "{{{last}}}")'))
    report = _process(path, "WRITE")
    report["written"] = path.read_text() == text.replace(f"print({last})", f'print({last}, f"{{{last}}}")')
    # The fix engine checks the cell graph of the notebook before and after;
    # count the lines that check runs: asking, for each cell, which cells it
    # reaches ran them 5,000 times 2,500 times.
    notebook = Notebook.parse(text)
    report["graph_lines_per_cell"] = (
        _lines_run(nbfix.graph.__file__, lambda: nbfix.graph.graph_problems(notebook)) / CELLS
    )
    print(json.dumps(report))


def _lines_run(filename: str, function: Callable[[], object]) -> int:
    """How many lines of the file `filename` Python runs while `function()` runs (in this thread)."""
    lines = 0

    def count(frame: FrameType, event: str, arg: object) -> Callable | None:
        nonlocal lines
        lines += event == "line"
        return count

    def trace(frame: FrameType, event: str, arg: object) -> Callable | None:
        return count if frame.f_code.co_filename == filename else None

    sys.settrace(trace)
    try:
        function()
    finally:
        sys.settrace(None)
    return lines


def test_5000_chained_cells_are_checked_with_a_few_reads_per_cell(tmp_path: Path) -> None:
    result = _run("chained_check", str(tmp_path))
    assert result["error"] is None
    assert result["codes"] == {"NB007": CELLS - 1}  # each cell's `"{v(i-1)}"`
    assert not result["graph_problems"]
    assert result["refs_read_per_cell"] < 20  # the quadratic search read them 2,500 times per cell


def test_5000_chained_cells_are_fixed(tmp_path: Path) -> None:
    # One fix, but the engine parses, re-lints, checks the cell graph of and
    # loads in marimo all 5,000 cells, before and after.
    result = _run("chained_write", str(tmp_path))
    assert result["error"] is None
    assert result["fixed"] == 1
    assert result["written"]
    assert result["codes"] == {}
    assert result["graph_lines_per_cell"] < 100


# -- deep nesting -----------------------------------------------------------------------
def _deep_cells(depth: int) -> list[str]:
    """A `depth`-term sum and a `depth`-link attribute chain, each beside a string missing its `f`."""
    total = " + ".join(["1"] * depth)
    chain = "a" + ".b" * depth
    return [
        _cell(
            f'import types\na = types.SimpleNamespace()\ntotal = {total}\nprint("{{total}}")', returns=" (a,)"
        ),
        _cell(f'link = {chain}\nprint("{{link}}")', params="a"),
    ]


def _case_deep(tmp: str, depth: int) -> None:
    path = Path(tmp) / "deep.py"
    text = _notebook(_deep_cells(depth))
    path.write_text(text)
    limit = sys.getrecursionlimit()
    result = {"check": _process(path, "CHECK"), "write": _process(path, "WRITE")}
    written = path.read_text()
    result["unchanged"] = written == text
    result["prefixed"] = 'print(f"{total}")' in written and 'print(f"{link}")' in written
    result["deep_kept"] = " + ".join(["1"] * depth) in written and "a" + ".b" * depth in written
    try:
        compile(written, str(path), "exec")
        result["compiles"] = True
    except (SyntaxError, RecursionError, MemoryError):
        result["compiles"] = False
    result["limit_restored"] = sys.getrecursionlimit() == limit
    print(json.dumps(result))


def test_a_1000_term_sum_and_a_1000_link_attribute_chain_are_checked_and_fixed(tmp_path: Path) -> None:
    result = _run("deep", str(tmp_path), 1_000)
    assert result["check"]["error"] is None
    assert result["check"]["codes"]["NB007"] == 2
    assert result["write"]["error"] is None
    assert result["write"]["fixed"] >= 2
    assert result["prefixed"] and result["deep_kept"] and result["compiles"]
    assert result["limit_restored"]


@pytest.mark.parametrize("depth", [25_000, 100_000])
def test_absurd_nesting_is_a_one_line_error(tmp_path: Path, depth: int) -> None:
    # 25,000 levels pass Python's parser (its limit is three times the
    # recursion limit) and stop in nbfix's own analysis; 100,000 stop in the parser.
    result = _run("deep", str(tmp_path), depth)
    for mode in ("check", "write"):
        error = result[mode]["error"]
        assert error and "\n" not in error and "recursion" in error, error
    assert result["unchanged"]
    assert result["limit_restored"]


# -- the deep stack itself --------------------------------------------------------------
def _case_interrupted() -> None:
    import signal
    import threading
    import time

    from nbfix.deep_stack import call_with_deep_stack

    events: list[str] = []

    def work() -> None:
        try:
            while True:
                time.sleep(0.01)
        finally:
            events.append("work unwound")

    main = threading.main_thread().ident
    assert main is not None
    threading.Timer(0.3, signal.pthread_kill, (main, signal.SIGINT)).start()
    try:
        call_with_deep_stack(work)
    except KeyboardInterrupt:
        events.append("interrupted")
    print(json.dumps({"events": events}))


def test_an_interruption_unwinds_the_work_in_the_deep_thread() -> None:
    # A worker's SIGTERM (or Ctrl-C) reaches the thread that waits: the work
    # must unwind as it would have there (a write in progress removes its
    # temporary file) before the interruption goes on.
    result = _run("interrupted")
    assert result["events"] == ["work unwound", "interrupted"]


def test_the_deep_stack_returns_raises_and_puts_the_limit_back() -> None:
    from nbfix.deep_stack import RECURSION_LIMIT, call_with_deep_stack

    def depth(levels: int) -> int:
        return 0 if levels == 0 else 1 + depth(levels - 1)

    limit = sys.getrecursionlimit()
    assert call_with_deep_stack(lambda: depth(RECURSION_LIMIT // 2)) == RECURSION_LIMIT // 2
    with pytest.raises(RecursionError):
        call_with_deep_stack(lambda: depth(RECURSION_LIMIT * 2))
    with pytest.raises(ZeroDivisionError):
        call_with_deep_stack(lambda: 1 // 0)
    assert sys.getrecursionlimit() == limit


def test_a_deep_expression_on_stdin_is_checked_like_a_file() -> None:
    """Standard input goes through the same deep stack as a file (the editor too)."""
    source = (
        'import marimo\n\n__generated_with = "0.25.2"\napp = marimo.App()\n\n\n@app.cell\ndef _():\n'
        "    x = " + " + ".join(["1"] * 1000) + '\n    print("{x}")\n    return\n'
    )
    result = subprocess.run(
        [sys.executable, "-m", "nbfix", "-", "--stdin-filename", "deep.py", "--output-format", "json"],
        input=source,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "recursion" not in result.stderr
    assert [d["code"] for d in json.loads(result.stdout)] == ["NB007"]
