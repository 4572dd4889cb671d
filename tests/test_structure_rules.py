"""NB004, NB008, NB009: their codemods on their own, and what each rule reports, fixes and declines."""

from __future__ import annotations

import ast
import textwrap

import pytest
from notebooks import wrap_cells

from nbfix.codemods import Declined
from nbfix.codemods.expose_branch_output import expose_branch_output
from nbfix.codemods.fix_mo_stop import fix_mo_stop
from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.rules.hidden_branch_output import HiddenBranchOutput
from nbfix.rules.mo_stop_arguments import MoStopArguments
from nbfix.rules.multiple_definitions import MultipleDefinitions, fix_blocker
from nbfix.semantic.outputs import OutputNames

MO = "import marimo as mo\n# ---\n"


def _notebook(source: str) -> Notebook:
    return Notebook.parse(wrap_cells(source))


def _messages(rule: object, source: str) -> list[str]:
    return [d.message for d in check(_notebook(source), [rule])]  # type: ignore[list-item]


def _cell(*lines: str, is_async: bool = False) -> str:
    header = "async def" if is_async else "def"
    return f"@app.cell\n{header} _(mo):\n" + "".join(f"    {line}\n" for line in lines)


def _is_mo_display(text: str) -> bool:
    """What the rule passes the codemod for a notebook importing `marimo as mo`."""
    return OutputNames({"mo": "marimo"}).is_display_source(text)


# -- NB008: the codemod ----------------------------------------------------------
EXPOSE_CASES = {
    "if_else": (
        _cell("if a:", '    mo.md("x")', "else:", '    mo.md("y")', "return"),
        _cell("if a:", '    _output = mo.md("x")', "else:", '    _output = mo.md("y")', "_output", "return"),
    ),
    "no_final_return": (
        _cell("if a:", '    mo.md("x")'),
        _cell("if a:", '    _output = mo.md("x")', "else:", "    _output = None", "_output"),
    ),
    "one_line_suites": (
        _cell("if a: x = 1; mo.md('x')", "else: print(2)", "return"),
        _cell("if a: x = 1; _output = mo.md('x')", "else: print(2); _output = None", "_output", "return"),
    ),
    "match_with_catch_all": (
        _cell("match a:", "    case 1:", '        mo.md("one")', "    case other:", "        pass", "return"),
        _cell(
            "match a:",
            "    case 1:",
            '        _output = mo.md("one")',
            "    case other:",
            "        _output = None",
            "_output",
            "return",
        ),
    ),
    "match_guarded_wildcard_is_no_catch_all": (
        _cell("match a:", "    case _ if a:", '        mo.md("one")', "return"),
        _cell(
            "match a:",
            "    case _ if a:",
            '        _output = mo.md("one")',
            "    case _:",
            "        _output = None",
            "_output",
            "return",
        ),
    ),
    "try_else_handlers": (
        _cell(
            "try:",
            "    x = 1",
            "except ValueError:",
            "    raise",
            "except KeyError:",
            '    print("k")',
            "else:",
            '    mo.md("ok")',
            "finally:",
            "    x = 2",
            "return",
        ),
        _cell(
            "try:",
            "    x = 1",
            "except ValueError:",
            "    raise",
            "except KeyError:",
            '    print("k")',
            "    _output = None",
            "else:",
            '    _output = mo.md("ok")',
            "finally:",
            "    x = 2",
            "_output",
            "return",
        ),
    ),
    "nested_compound_without_output_gets_none_after_it": (
        _cell("if a:", '    mo.md("x")', "else:", "    for i in b:", "        print(i)", "return"),
        _cell(
            "if a:",
            '    _output = mo.md("x")',
            "else:",
            "    for i in b:",
            "        print(i)",
            "    _output = None",
            "_output",
            "return",
        ),
    ),
    "return_comments_move_above_output": (
        _cell("if a:", '    mo.md("x")', "else:", '    mo.md("y")', "", "# done", "return"),
        _cell(
            "if a:",
            '    _output = mo.md("x")',
            "else:",
            '    _output = mo.md("y")',
            "",
            "# done",
            "_output",
            "return",
        ),
    ),
    "async": (
        _cell("if await a():", '    mo.md("x")', "else:", '    mo.md("y")', "return", is_async=True),
        _cell(
            "if await a():",
            '    _output = mo.md("x")',
            "else:",
            '    _output = mo.md("y")',
            "_output",
            "return",
            is_async=True,
        ),
    ),
}


@pytest.mark.parametrize("case", EXPOSE_CASES)
def test_expose_branch_output(case: str) -> None:
    source, expected = EXPOSE_CASES[case]
    assert expose_branch_output(source, _is_mo_display) == expected


def test_expose_branch_output_keeps_crlf() -> None:
    source, expected = EXPOSE_CASES["if_else"]
    crlf = source.replace("\n", "\r\n")
    assert expose_branch_output(crlf, _is_mo_display) == expected.replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (_cell("x = 1", "return"), "no if/try/match"),
        (_cell("_output = 1", "if a:", '    mo.md("x")', "return"), "already uses"),
        (_cell("try:", "    x = 1", "finally:", '    mo.md("x")', "return"), "finally"),
        (_cell("try:", '    mo.md("x")', "except E:", "    pass", "else:", "    y = 1", "return"), "else"),
        (_cell("if a:", "    compute()", "return"), "no branch"),
    ],
)
def test_expose_branch_output_declines(source: str, reason: str) -> None:
    with pytest.raises(Declined, match=reason):
        expose_branch_output(source, _is_mo_display)


# -- NB008: what the rule reports ------------------------------------------------
HIDDEN = [
    'if flag:\n    mo.md("a")\nelse:\n    mo.md("b")',
    'if flag:\n    mo.md("a")\nx = 1',
    'if flag:\n    mo.md("a")\nprint("done")',
    'if flag:\n    mo.md("a")\nmo.output.append(mo.md("b"))\nx = 1',
    "if flag:\n    mo.ui.slider(1, 10)",
    "if flag:\n    flag",
    'if flag:\n    mo.md("a").center()',
    'if flag:\n    x = 1\nelif not flag:\n    mo.vstack([mo.md("a")])',
    'try:\n    x = 1\nexcept ValueError:\n    mo.callout("bad", kind="warn")',
    'match flag:\n    case True:\n        mo.md("a")',
    'if flag:\n    if not flag:\n        mo.md("a")\n    else:\n        x = 1',
]
NOT_HIDDEN = [
    'if flag:\n    _ = mo.md("a")',
    'if flag:\n    print("a")\nelse:\n    x = 1',
    "def compute():\n    return 1\n\nif flag:\n    compute()",
    'if flag:\n    mo.md("a")\nsummary = mo.md("b")\nsummary',
    'if flag:\n    mo.md("a")\nsorted([2, 1])',
    'if flag:\n    mo.md("a")\nmo.md("b")\nx = 1',
    'if flag:\n    mo.output.replace(mo.md("a"))',
    'if flag:\n    mo.stop(True, mo.md("a"))',
    'if flag:\n    "a string, not an output"',
    'for i in range(2):\n    mo.md("a")',
    'with open(__file__):\n    mo.md("a")',
    'if flag:\n    mo.md("a").show()',
]


@pytest.mark.parametrize("body", HIDDEN)
def test_hidden_output_is_reported(body: str) -> None:
    messages = _messages(HiddenBranchOutput(), f"{MO}flag = True\n# ---\n{body}")
    assert len(messages) == 1


@pytest.mark.parametrize("body", NOT_HIDDEN)
def test_shown_or_unknown_output_is_not_reported(body: str) -> None:
    assert _messages(HiddenBranchOutput(), f"{MO}flag = True\n# ---\n{body}") == []


@pytest.mark.parametrize(
    "imports",
    [
        "import matplotlib.pyplot as plt\n# ---\nexpr = plt.gcf()",
        "from matplotlib import pyplot as plt\n# ---\nexpr = plt.gca()",
        "import plotly.express as px\n# ---\nexpr = px.bar(x=[1], y=[2]).update_layout(height=300)",
        "import altair as alt\n# ---\nexpr = alt.Chart(data).mark_bar().encode(x='a')",
        "import plotly.graph_objects as go\n# ---\nexpr = go.Figure()",
        "from marimo import md\n# ---\nexpr = md('a')",
        "import marimo as marimo_lib\n# ---\nexpr = marimo_lib.callout('a')",
    ],
)
def test_figures_and_aliased_elements_are_outputs(imports: str) -> None:
    setup, expression = imports.split("\n# ---\n")
    notebook = _notebook(f"{setup}\n# ---\ndata = None")
    value = ast.parse(expression.removeprefix("expr = "), mode="eval").body
    assert OutputNames.of(notebook).is_display(value)


def test_plotting_calls_without_their_import_are_not_outputs() -> None:
    notebook = _notebook("x = 1")
    for text in ("plt.gcf()", "px.bar()", "alt.Chart(d)", "mo.md('a')", "compute()", "x.y"):
        assert not OutputNames.of(notebook).is_display_source(text)


def test_nb001_then_nb008_chain() -> None:
    """Removing `return mo.md(...)` from branches leaves outputs that NB008 then exposes."""
    source = f'{MO}flag = True\n# ---\nif flag:\n    return mo.md("yes")\nelse:\n    return mo.md("no")'
    outcome = fix_notebook(_notebook(source), select_rules())
    expected = f'{MO}flag = True\n# ---\nif flag:\n    _output = mo.md("yes")\nelse:\n'
    expected += '    _output = mo.md("no")\n_output'
    assert outcome.notebook.text == wrap_cells(expected)


# -- NB009 -------------------------------------------------------------------------
STOP_CASES = {
    "one_argument": ('mo.stop(mo.md("x"))', 'mo.stop(True, mo.md("x"))'),
    "swap": ('mo.stop("x", not ready)', 'mo.stop(not ready, "x")'),
    "swap_keeps_spacing": ('mo.stop( "x" ,  flag )', 'mo.stop( flag ,  "x" )'),
    "comments_follow_their_values": (
        'mo.stop(\n        "x",  # message\n        flag  # condition\n    )',
        'mo.stop(\n        flag,  # condition\n        "x"  # message\n    )',
    ),
}


@pytest.mark.parametrize("case", STOP_CASES)
def test_fix_mo_stop(case: str) -> None:
    before, after = STOP_CASES[case]
    assert fix_mo_stop(_cell(before, "return"), [(3, 4)]) == _cell(after, "return")


@pytest.mark.parametrize(
    ("call", "position"),
    [
        ('mo.stop("x", output="y")', (3, 4)),
        ('mo.stop(*["x"])', (3, 4)),
        ('mo.stop("x", a, b)', (3, 4)),
        ('mo.stop("x")', (3, 0)),
    ],
)
def test_fix_mo_stop_declines(call: str, position: tuple[int, int]) -> None:
    with pytest.raises(Declined):
        fix_mo_stop(_cell(call, "return"), [position])


@pytest.mark.parametrize(
    "body",
    [
        'mo.stop("No GPU")',
        'mo.stop(f"{n} GPUs", n == 0)',
        'mo.stop(mo.callout(mo.md("x"), kind="warn"), n == 0)',
        "mo.stop(mo.ui.button(), n == 0)",
        'mo.stop(mo.md("x").center())',
        'mo.stop("a", mo.md("b"))',
        'mo.stop(mo.md("x"), output=mo.md("y"))',
    ],
)
def test_stop_with_output_first_is_reported(body: str) -> None:
    assert len(_messages(MoStopArguments(), f"{MO}n = 0\n# ---\n{body}")) == 1


@pytest.mark.parametrize(
    "body",
    [
        'mo.stop(n == 0, mo.md("x"))',
        "mo.stop(n)",
        'mo.stop("")',
        'mo.stop(f"{n}")',
        'mo.stop(predicate=n == 0, output="x")',
        'mo.output.replace(mo.md("x"))',
        'mo.stop(not mo.md("x"))',
    ],
)
def test_stop_with_condition_first_is_not_reported(body: str) -> None:
    assert _messages(MoStopArguments(), f"{MO}n = 0\n# ---\n{body}") == []


def test_stop_of_other_objects_is_not_reported() -> None:
    source = (
        'class Timer:\n    def stop(self, label):\n        return label\n\nTimer().stop("epoch")\n'
        'def stop(label):\n    return label\n\nstop("warmup")'
    )
    assert _messages(MoStopArguments(), f"{MO}{source}") == []


def test_stop_through_any_marimo_alias_is_reported() -> None:
    for source in (
        'import marimo as m2\n# ---\nm2.stop(m2.md("x"))',
        'from marimo import stop\n# ---\nstop("x")',
        'import marimo\n# ---\nmarimo.stop(marimo.md("x"), True)',
    ):
        assert len(_messages(MoStopArguments(), source)) == 1, source


def test_fix_of_both_calls_in_one_cell() -> None:
    source = f'{MO}n = 0\n# ---\nmo.stop("a", n == 1)\nmo.stop(mo.md("b"))\nvalue = n'
    outcome = fix_notebook(_notebook(source), [MoStopArguments()])
    expected = f'{MO}n = 0\n# ---\nmo.stop(n == 1, "a")\nmo.stop(True, mo.md("b"))\nvalue = n'
    assert outcome.notebook.text == wrap_cells(expected)


# -- NB004 -------------------------------------------------------------------------
def test_one_diagnostic_per_defining_cell_without_line_numbers() -> None:
    source = "x = 1\n# ---\nx = 2\n# ---\nfor x in range(3):\n    pass"
    diagnostics = check(_notebook(source), [MultipleDefinitions()])
    assert len(diagnostics) == 3
    assert len({d.message for d in diagnostics}) == 1
    assert "`x` is defined in 3 cells" in diagnostics[0].message
    assert all(d.fix is not None for d in diagnostics)
    assert len({d.span.start_pos.line for d in diagnostics}) == 3


def test_reported_at_the_name_of_a_def() -> None:
    source = "def helper():\n    return 1\n# ---\nasync def helper():\n    return 2"
    notebook = _notebook(source)
    for diagnostic in check(notebook, [MultipleDefinitions()]):
        start, end = diagnostic.span.start, diagnostic.span.end
        assert notebook.index.data[start:end] == b"helper"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("limit = 1\n# ---\nlimit = 2\n# ---\nprint(limit)", "a cell reads it"),
        ("print(limit)\nlimit = 1\n# ---\nlimit = 2", "a cell reads it"),
        ("n = 0\n# ---\nn += 1", "updates `n`"),
        ("n = 1\nprint(f'{n=}')\n# ---\nn = 2", "prints `n=`"),
        ("n = 1\n_n = 2\n# ---\nn = 3", "`_n` is already used"),
        ("n = 1\n# ---\nn = 2\n# ---\nprint(_n)", "a cell reads `_n`"),
        ("n = 1\ndef f(n):\n    return n\n# ---\nn = 2", "parameter named `n`"),
        ("n = 1\nclass C:\n    n = 2\n# ---\nn = 3", "has an attribute `n`"),
        ("n = 1\nprint(globals()['n'])\n# ---\nn = 2", "`globals()`"),
        ("import os.path\n# ---\nos = 1", "binds a package"),
        ("__n = 1\n# ---\n__n = 2", "no private spelling"),
        (
            "import marimo as mo\n# ---\nt = 1\n# ---\nt = 2\n# ---\n_df = mo.sql('SELECT 1')",
            "runs SQL",
        ),
    ],
)
def test_no_fix_when_a_rename_could_change_meaning(source: str, reason: str) -> None:
    notebook = _notebook(source)
    diagnostics = check(notebook, [MultipleDefinitions()])
    assert diagnostics
    for diagnostic in diagnostics:
        assert diagnostic.fix is None
        assert reason in (fix_blocker(notebook, diagnostic.message.split("`")[1]) or "")


def test_no_fix_when_the_setup_cell_defines_it() -> None:
    source = (
        "with app.setup:\n    SEED = 0\n\n\n@app.cell\ndef _():\n    SEED = 1\n    print(SEED)\n    return\n"
    )
    notebook = Notebook.parse(wrap_cells(source))
    diagnostics = check(notebook, [MultipleDefinitions()])
    assert len(diagnostics) == 2
    assert all(d.fix is None for d in diagnostics)
    assert "setup cell" in (fix_blocker(notebook, "SEED") or "")


def test_fix_renames_every_defining_cell_and_keeps_attributes_and_keywords() -> None:
    source = (
        "import json\n"
        "class Box:\n    def get(self):\n        return item\n"
        "box = Box()\nitem = 0\nbox.item = item\nprint(json.dumps(dict(item=item)))\n"
        "# ---\n"
        "import json\nitem = json.loads('1')\nprint(item)\n"
        "# ---\n"
        "def item():\n    return 2\nprint(item())"
    )
    outcome = fix_notebook(_notebook(source), [MultipleDefinitions()])
    assert outcome.notebook.text == wrap_cells(
        "import json\n"
        "class Box:\n    def get(self):\n        return _item\n"
        "box = Box()\n_item = 0\nbox.item = _item\nprint(json.dumps(dict(item=_item)))\n"
        "# ---\n"
        "_item = json.loads('1')\nprint(_item)\n"
        "# ---\n"
        "def _item():\n    return 2\nprint(_item())"
    )


# -- NB004: the import-removal codemod --------------------------------------------------
def _one_cell(body: str) -> str:
    return "@app.cell\ndef _():\n" + textwrap.indent(body, "    ") + "\n    return\n"


REMOVE_IMPORT_CASES = {  # name: (the name, the body before, the body after)
    "alone": ("json", "import json\n\nx = json.loads('1')", "x = json.loads('1')"),
    "among_others": ("json", "import os, json\nprint(os)", "import os\nprint(os)"),
    "last_of_parenthesized": (
        "json",
        "from a import (\n    b,\n    json,\n)\nprint(b)",
        "from a import (\n    b,\n)\nprint(b)",
    ),
    "first_of_line": ("json", "import json; x = 1\nprint(x)", "x = 1\nprint(x)"),
    "last_of_line": ("json", "x = 1; import json\nprint(x)", "x = 1\nprint(x)"),
    "comment_above_stays": (
        "json",
        "x = 1\n\n# json, for the config\nimport json\n\nprint(x)",
        "x = 1\n\n# json, for the config\n\nprint(x)",
    ),
    "aliased_twice": ("js", "import json as js\nimport json as js\nprint(js)", "print(js)"),
    "package": ("os", "import os.path\nprint(os.sep)", "print(os.sep)"),
    "nested_untouched": (
        "json",
        "if x:\n    import json\nimport json\nprint(json)",
        "if x:\n    import json\nprint(json)",
    ),
}


@pytest.mark.parametrize("case", REMOVE_IMPORT_CASES)
def test_remove_import(case: str) -> None:
    from nbfix.codemods.remove_import import remove_import

    name, before, after = REMOVE_IMPORT_CASES[case]
    assert remove_import(_one_cell(before), name) == _one_cell(after)


@pytest.mark.parametrize(
    ("body", "reason"),
    [("import os\nprint(os)", "no top-level import"), ("import json", "leave the cell empty")],
)
def test_remove_import_declines(body: str, reason: str) -> None:
    from nbfix.codemods.remove_import import remove_import

    with pytest.raises(Declined, match=reason):
        remove_import(_one_cell(body), "json")


# -- NB004: duplicated imports ---------------------------------------------------------
def _fixed(source: str) -> str:
    outcome = fix_notebook(_notebook(source), [MultipleDefinitions()])
    return outcome.notebook.text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (  # a third cell reads it: it still sees the same module
            "import json\nprint(json.dumps(1))\n# ---\nimport json\nx = json.loads('2')\n# ---\nprint(json)",
            "import json\nprint(json.dumps(1))\n# ---\nx = json.loads('2')\n# ---\nprint(json)",
        ),
        (  # one import of several: only the duplicated name goes
            "import os, json\nprint(os, json)\n# ---\nimport json, sys\nprint(json, sys)",
            "import os, json\nprint(os, json)\n# ---\nimport sys\nprint(json, sys)",
        ),
        (
            "from math import pi\nprint(pi)\n# ---\nfrom math import tau, pi\nprint(pi, tau)",
            "from math import pi\nprint(pi)\n# ---\nfrom math import tau\nprint(pi, tau)",
        ),
        (  # three cells, aliased: the first keeps it
            "import numpy as np\na = np.ones(1)\n# ---\nimport numpy as np\nb = np.ones(2)\n"
            "# ---\nimport numpy as np\nc = np.ones(3)",
            "import numpy as np\na = np.ones(1)\n# ---\nb = np.ones(2)\n# ---\nc = np.ones(3)",
        ),
        (  # the first cell reads from the second: the second keeps it, no cycle
            "import json\ny = json.dumps(x)\n# ---\nimport json\nx = json.loads('1')",
            "y = json.dumps(x)\n# ---\nimport json\nx = json.loads('1')",
        ),
        (  # a cell that is nothing but the import keeps it: no cell is left empty
            "import json\nprint(json.dumps(1))\n# ---\nimport json",
            "print(json.dumps(1))\n# ---\nimport json",
        ),
    ],
)
def test_duplicated_import_is_kept_in_one_cell(source: str, expected: str) -> None:
    assert _fixed(source) == wrap_cells(expected)


def test_duplicated_import_in_the_setup_cell_stays_there() -> None:
    source = (
        "with app.setup:\n    import json\n\n\n"
        "@app.cell\ndef _():\n    import json\n\n    print(json.dumps(1))\n    return\n"
    )
    fixed = fix_notebook(Notebook.parse(wrap_cells(source)), [MultipleDefinitions()]).notebook.text
    assert fixed == wrap_cells(
        "with app.setup:\n    import json\n\n\n@app.cell\ndef _():\n    print(json.dumps(1))\n    return\n"
    )


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\n# ---\nimport jax.numpy as np\n# ---\nprint(np)",  # not the same thing
        "import json\n# ---\nimport json",  # either cell would be left empty
        "import json\nprint(b)\na = 1\n# ---\nimport json\nprint(a)\nb = 2",  # they read each other
        "import json\nprint(json)\n# ---\nif True:\n    import json\nprint(json)",  # not at the top level
        "import json\nprint(json)\n# ---\nimport json\njson = 1\n# ---\nprint(json)",  # bound twice
    ],
)
def test_no_import_fix(source: str) -> None:
    diagnostics = check(_notebook(source), [MultipleDefinitions()])
    assert diagnostics and all(d.fix is None for d in diagnostics)


def test_duplicated_import_is_never_made_private() -> None:
    """`import json as _json` in two cells is marimo's MR004: no fix rather than that one."""
    source = "import json\n# ---\nimport json\n# ---\njson = 3"
    notebook = _notebook(source)
    diagnostics = check(notebook, [MultipleDefinitions()])
    assert len(diagnostics) == 3 and all(d.fix is None for d in diagnostics)
    assert "MR004" in (fix_blocker(notebook, "json") or "")
    # One private import is not a repetition: different imports under one name are made private.
    fixed = _fixed("import numpy as np\nprint(np)\n# ---\nimport jax.numpy as np\nprint(np)")
    assert "import numpy as _np" in fixed and "import jax.numpy as _np" in fixed


@pytest.mark.parametrize(
    "source",
    [
        "x = 1\n# ---\nx = 2",
        "import json\nprint(json.dumps(1))\n# ---\nimport json\nx = json.loads('2')",
        "import os.path\n# ---\nos = 1",
        "n = 1\nclass C:\n    n = 2\n# ---\nn = 3",
    ],
)
def test_message_is_one_short_line(source: str) -> None:
    for diagnostic in check(_notebook(source), [MultipleDefinitions()]):
        assert len(diagnostic.message) <= 100 and "\n" not in diagnostic.message
        assert diagnostic.message.endswith("marimo refuses to run the notebook")


def test_nb008_names_the_variable_its_codemod_assigns() -> None:
    """The rule keeps its own copy of the name (importing the codemod would load libcst on every check)."""
    from nbfix.codemods import expose_branch_output as codemod
    from nbfix.rules import hidden_branch_output as rule

    assert rule.OUTPUT_NAME == codemod.OUTPUT_NAME
