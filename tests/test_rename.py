"""NB002/NB003 renames: the codemod on its own, and the rules' edge cases."""

from __future__ import annotations

import pytest
from notebooks import make_notebook

from nbfix.codemods import Declined
from nbfix.codemods.rename_names import rename_everywhere, rename_reads
from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.rules.undefined_name import edit_distance, fold

CELL = "@app.cell\ndef _(gpu):\n    if gpu:  # GPU?\n        print(gpu, GPU, obj.gpu, f(gpu=1))\n    return\n"


def test_rename_reads_touches_only_the_given_positions() -> None:
    out = rename_reads(CELL, [(3, 7), (4, 14)], "gpu", "GPU")
    assert out == CELL.replace("if gpu:", "if GPU:").replace("print(gpu,", "print(GPU,")


def test_rename_reads_declines_a_wrong_position() -> None:
    with pytest.raises(Declined):
        rename_reads(CELL, [(3, 4)], "gpu", "GPU")


def test_rename_reads_counts_characters_not_bytes() -> None:
    source = '@app.cell\ndef _():\n    s = "é"; print(gpu)\n    return\n'
    assert "print(GPU)" in rename_reads(source, [(3, 19)], "gpu", "GPU")


def test_rename_everywhere_is_consistent_and_leaves_attributes_and_keywords() -> None:
    source = (
        "@app.cell\ndef _():\n    import numpy as _np\n    from math import _x\n    global _y\n"
        "    def _f(_x=_x):\n        return _x + obj._x + g(_x=1)\n    return\n"
    )
    out = rename_everywhere(source, "_x", "x")
    assert "from math import _x as x" in out
    assert "def _f(x=x):" in out and "return x + obj._x + g(_x=1)" in out
    assert "import numpy as _np" in out and "global _y" in out


def test_rename_everywhere_declines_dotted_import_of_the_name() -> None:
    with pytest.raises(Declined):
        rename_everywhere("@app.cell\ndef _():\n    import _x.sub\n    return\n", "_x", "x")


def test_fold_and_edit_distance() -> None:
    assert fold("CUDF_AVAILABLE") == fold("cudf_available") == fold("__Cudf_Available")
    assert edit_distance("datafram", "dataframe", 2) == 1
    assert edit_distance("kitten", "sitting", 2) == 3
    assert edit_distance("a", "abcdef", 2) == 3


def _codes(bodies: list[str]) -> list[str]:
    return [d.code for d in check(Notebook.parse(make_notebook(bodies)), select_rules(["ALL"]))]


def test_builtins_dunders_and_function_locals_are_not_undefined() -> None:
    assert "NB002" not in _codes(["print(__file__, __name__, len([]))", "def f(a):\n    b = a\n    return b"])


def test_names_defined_only_inside_functions_are_not_notebook_defs() -> None:
    assert "NB002" in _codes(["def f():\n    hidden = 1\n    return hidden", "print(hidden)"])


def test_star_import_makes_names_unknown_so_nothing_is_reported() -> None:
    assert "NB002" not in _codes(["from math import *", "print(anything)"])


def test_ambiguous_case_fold_gets_no_fix() -> None:
    text = make_notebook(["GPU_COUNT = 1\nGpu_Count = 2", "print(gpu_count)"])
    [diagnostic] = [d for d in check(Notebook.parse(text), select_rules()) if d.code == "NB002"]
    assert diagnostic.fix is None and "`GPU_COUNT`" in diagnostic.message


def test_private_read_captured_by_a_later_nested_definition_is_not_shared() -> None:
    body = "def outer():\n    def inner():\n        return _y\n    _y = 1\n    return inner()\nprint(outer())"
    assert not {"NB002", "NB003"} & set(_codes([body]))


def test_several_private_definers_no_fix() -> None:
    text = make_notebook(["_a = 1", "_a = 2", "print(_a)"])
    outcome = fix_notebook(Notebook.parse(text), select_rules())
    assert not outcome.changed and any(d.code == "NB003" for d in outcome.diagnostics)
