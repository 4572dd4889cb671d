"""nbfix's cell graph finds the problems marimo's MB002, MB003 and MB004 find, on the same notebooks."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from conftest import TUTORIALS, corpus_notebooks
from marimo._ast.parse import parse_notebook
from marimo._lint.rule_engine import RuleEngine
from marimo._lint.rules.breaking import BREAKING_RULE_CODES
from notebooks import FOOTER, HEADER, make_notebook

from nbfix.graph import graph_problems
from nbfix.notebook import Notebook

SETUP_READS_A_CELL = (
    HEADER
    + "with app.setup:\n    import math\n    scale = factor * math.pi\n\n\n"
    + "@app.cell\ndef _():\n    factor = 2\n    return (factor,)\n"
    + FOOTER
)
SETUP_AND_CELL_DEFINE = (
    HEADER
    + "with app.setup:\n    limit = 3\n\n\n"
    + "@app.cell\ndef _():\n    limit = 4\n    return (limit,)\n"
    + FOOTER
)
CONSTRUCTED = {
    "cycle_of_three": make_notebook(["a = c + 1", "b = a + 1", "c = b + 1"]),
    "two_cycles": make_notebook(["a = b", "b = a", "x = y", "y = x"]),
    "cycle_and_tail": make_notebook(["a = b", "b = a", "c = a + b"]),
    "defined_twice": make_notebook(["x = 1", "x = 2", "print(x)"]),
    "deleted_elsewhere": make_notebook(["x = 1", "del x"]),
    "function_reads_later_name": make_notebook(["def f():\n    return g()", "def g():\n    return f"]),
    "setup_reads_a_cell": SETUP_READS_A_CELL,
    "setup_and_cell_define": SETUP_AND_CELL_DEFINE,
}


def _marimo_problems(text: str, path: str) -> tuple[set[str], bool, bool]:
    notebook = parse_notebook(text, filepath=path)
    rules = [BREAKING_RULE_CODES[code]() for code in ("MB002", "MB003", "MB004")]
    found = asyncio.run(RuleEngine(rules).check_notebook(notebook, text))
    names = {m.group(1) for d in found if d.code == "MB002" and (m := re.search(r"'(.+?)'", d.message))}
    return names, any(d.code == "MB003" for d in found), any(d.code == "MB004" for d in found)


def _cases() -> list[tuple[str, str]]:
    files = [*TUTORIALS, *corpus_notebooks()]
    cases = [(str(p), p.read_text(encoding="utf-8")) for p in files if _is_notebook(p)]
    return cases + sorted(CONSTRUCTED.items())


def _is_notebook(path: Path) -> bool:
    try:
        Notebook.parse(path.read_text(encoding="utf-8"), str(path))
    except Exception:
        return False
    return True


@pytest.mark.parametrize(("path", "text"), _cases(), ids=lambda value: Path(value).name[:40])
def test_graph_problems_agree_with_marimo(path: str, text: str) -> None:
    ours = graph_problems(Notebook.parse(text, path))
    names, has_cycle, setup_depends = _marimo_problems(text, path)
    assert set(ours.multiply_defined) == names
    assert bool(ours.cycles) == has_cycle
    assert bool(ours.setup_dependencies) == setup_depends


def test_constructed_cases_have_the_problems_they_are_named_for() -> None:
    problems = {name: graph_problems(Notebook.parse(text)) for name, text in CONSTRUCTED.items()}
    assert problems["cycle_of_three"].cycles == {frozenset({"a", "b", "c"})}
    assert len(problems["two_cycles"].cycles) == 2
    assert problems["defined_twice"].multiply_defined == {"x"}
    assert problems["setup_reads_a_cell"].setup_dependencies == {"factor"}
    assert problems["setup_and_cell_define"].multiply_defined == {"limit"}


def test_first_new_names_only_what_the_fix_brought_in() -> None:
    before = graph_problems(Notebook.parse(CONSTRUCTED["cycle_and_tail"]))
    after = graph_problems(Notebook.parse(make_notebook(["a = b", "b = a", "c = a + b", "c = 0"])))
    assert after.first_new(before) == "`c` would be defined by more than one cell"
    assert before.first_new(before) is None
