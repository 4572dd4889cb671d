"""NB022, NB023, NB024 and NB026: what each reports, where, in what words, and what each leaves alone."""

from __future__ import annotations

import pytest
from conftest import CORPUS
from notebooks import FOOTER, HEADER, make_notebook, wrap_cells

from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.rules.cyclic_cells import MAX_MESSAGE
from nbfix.rules.self_import import module_name

RULES = select_rules(select=["NB022", "NB023", "NB024", "NB026"])


def _found(text: str, path: str = "<string>") -> list[tuple[str, int, str]]:
    return [(d.code, d.span.start_pos.line, d.message) for d in check(Notebook.parse(text, path), RULES)]


def _codes(text: str, path: str = "<string>") -> list[str]:
    return [code for code, _, _ in _found(text, path)]


# -- NB022 cyclic-cells ----------------------------------------------------------------
def test_every_cell_of_a_cycle_is_reported_with_a_cycle_through_it() -> None:
    found = _found(make_notebook(["a = c + 1", "b = a + 1", "c = b + 1", "print(a)"]))
    assert [(code, line) for code, line, _ in found] == [("NB022", 9), ("NB022", 15), ("NB022", 21)]
    assert found[0][2] == "Cells form a cycle: line 8 -> line 14 (`a`) -> line 20 (`b`) -> line 8 (`c`)"


def test_a_shortest_cycle_is_shown_when_a_group_holds_several() -> None:
    # a <-> b and a -> c -> b: the cell of `a` is shown its two-cell cycle.
    found = _found(make_notebook(["a = b", "b = a + c", "c = a"]))
    assert found[0][2] == "Cells form a cycle: line 8 -> line 14 (`a`) -> line 8 (`b`)"
    assert len(found) == 3


def test_cells_apart_from_the_cycle_are_not_reported() -> None:
    found = _found(make_notebook(["x = 1", "a = b + x", "b = a", "print(a, b)"]))
    assert {line for _, line, _ in found} == {15, 21}


@pytest.mark.parametrize(
    "bodies",
    [
        ["x = [x for x in range(3)]\ny = 1", "x_len = y"],  # a comprehension's own `x`
        ["def f(y):\n    return y", "y = f(1)"],  # a parameter named like another cell's variable
        ["tmp = 1\ndel tmp\nz = 2", "tmp = z"],  # deleting its own name
        ["import math", "def g():\n    return math.pi"],  # imports flow one way
    ],
)
def test_no_cycle_in_look_alikes(bodies: list[str]) -> None:
    assert "NB022" not in _codes(make_notebook(bodies))


def test_messages_are_cut_to_a_hundred_characters() -> None:
    names = [f"quite_a_long_name_{i}" for i in range(6)]
    bodies = [", ".join(names) + " = " + ", ".join(f"other_{n}" for n in names)]
    bodies.append(", ".join(f"other_{n}" for n in names) + " = " + ", ".join(names))
    ring = [f"value_number_{i} = value_number_{(i - 1) % 12} + 1" for i in range(12)]
    for text in (make_notebook(bodies), make_notebook(ring)):
        messages = [message for _, _, message in _found(text)]
        assert messages and all(len(message) <= MAX_MESSAGE for message in messages)
    assert any(message.endswith(" more") for _, _, message in _found(make_notebook(ring)))
    assert "and 5 more" in _found(make_notebook(bodies))[0][2]


def test_a_large_ring_reports_every_cell_once() -> None:
    ring = [f"v{i} = v{(i - 1) % 150}" for i in range(150)]
    found = _found(make_notebook(ring))
    assert len(found) == 150 == len({line for _, line, _ in found})


def test_named_cells_and_the_setup_cell_are_named() -> None:
    text = wrap_cells(
        "with app.setup:\n    y = x\n\n\n@app.cell\ndef make_x(y):\n    x = y\n    return (x,)\n"
    )
    messages = {message for code, _, message in _found(text) if code == "NB022"}
    assert messages == {
        "Cells form a cycle: the setup cell -> `make_x` (`y`) -> the setup cell (`x`)",
        "Cells form a cycle: `make_x` -> the setup cell (`x`) -> `make_x` (`y`)",
    }


def test_a_suppression_on_the_reported_line_silences_that_cell() -> None:
    text = make_notebook(["a = b  # nbfix: ignore[NB022]", "b = a"])
    assert [line for _, line, _ in _found(text)] == [15]


# -- NB023 setup-cell-dependency ---------------------------------------------------------
SETUP = "with app.setup:\n    import math\n\n    scale = factor * math.pi\n\n\n"


def test_setup_reading_a_cell_is_reported_at_the_read() -> None:
    text = wrap_cells(SETUP + "@app.cell\ndef _():\n    factor = 2\n    return\n")
    message = "The setup cell reads `factor`, which another cell defines (line 14)"
    assert _found(text) == [("NB023", 10, message)]


def test_every_defining_cell_is_listed() -> None:
    cell = "@app.cell\ndef {name}():\n    factor = 2\n    return\n\n\n"
    text = wrap_cells(SETUP + cell.format(name="first") + cell.format(name="_"))
    [message] = [m for code, _, m in _found(text) if code == "NB023"]
    assert message == "The setup cell reads `factor`, which another cell defines (`first` and line 20)"


def test_setup_defining_what_cells_read_is_fine() -> None:
    text = wrap_cells(
        "with app.setup:\n    factor = 2\n\n    def double(factor):\n        return factor * 2\n\n\n"
        "@app.cell\ndef _():\n    print(double(factor))\n    return\n"
    )
    assert _codes(text) == []


# -- NB024 star-import ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cells", "module"),
    [
        ("@app.cell\ndef _():\n    from os.path import *\n    return\n", "os.path"),
        ("with app.setup:\n    from math import *\n", "math"),
        ("@app.cell\ndef _():\n    def f():\n        from .utils import *\n    return\n", ".utils"),
        ("@app.function\ndef f():\n    from .. import *\n", ".."),
    ],
)
def test_star_imports_anywhere_in_any_cell(cells: str, module: str) -> None:
    [(code, _, message)] = _found(wrap_cells(cells))
    assert code == "NB024"
    assert message == f"Star import from `{module}`: marimo cannot tell what it defines"


# -- NB026 self-import ---------------------------------------------------------------------
IMPORTS_JSON = make_notebook(["import json", "from json import decoder", "import json.decoder as d"])


@pytest.mark.parametrize(
    ("path", "module"),
    [
        ("json.py", "json"),
        ("/home/me/notebooks/torch.py", "torch"),
        ("<string>", None),
        ("stdin.py", "stdin"),
        ("my-notebook.py", None),  # not importable
        ("json.md", None),
        ("sys.py", None),  # built in: never loaded from a file
        ("json.py.bak", None),
    ],
)
def test_module_name_of_a_path(path: str, module: str | None) -> None:
    assert module_name(path) == module


def test_every_import_of_the_module_is_reported() -> None:
    assert [line for _, line, _ in _found(IMPORTS_JSON, "nb/json.py")] == [9, 15, 21]
    assert _found(IMPORTS_JSON, "nb/json.py")[0][2] == "`json.py` shadows the module `json` it imports"


@pytest.mark.parametrize("path", ["<string>", "json_tools.py", "jso.py", "decoder.py", "sys.py"])
def test_other_names_are_silent(path: str) -> None:
    assert _codes(IMPORTS_JSON, path) == []


def test_relative_imports_are_not_the_module() -> None:
    text = make_notebook(["from . import json", "from .json import loads"])
    assert _codes(text, "json.py") == []


def test_a_notebook_called_marimo_imports_itself_in_its_first_line() -> None:
    text = HEADER + "@app.cell\ndef _():\n    return\n" + FOOTER
    assert _found(text, "marimo.py") == [("NB026", 1, "`marimo.py` shadows the module `marimo` it imports")]


def test_standard_input_takes_the_name_it_is_given(run_nbfix_stdin) -> None:
    text = (CORPUS / "NB026" / "json.py").read_text(encoding="utf-8")
    code, out, _ = run_nbfix_stdin(text, "-", "--stdin-filename", "json.py")
    assert code == 1 and "NB026" in out
    code, out, _ = run_nbfix_stdin(text, "-")
    assert code == 0 and "NB026" not in out
