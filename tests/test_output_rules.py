"""NB008 and NB017: what is an output, which are hidden or thrown away, and how each is shown."""

from __future__ import annotations

import ast

import pytest
from notebooks import wrap_cells

from nbfix.codemods import Declined
from nbfix.codemods.append_output import append_output
from nbfix.codemods.display_returned_output import display_returned_output
from nbfix.codemods.expose_branch_output import expose_branch_output
from nbfix.diagnostics import Applicability, Diagnostic
from nbfix.engine import fix_notebook
from nbfix.messages import code_list
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.rules.discarded_output import DiscardedOutput, label
from nbfix.rules.hidden_branch_output import HiddenBranchOutput
from nbfix.semantic.outputs import OutputNames, raises_on_purpose

MO = "import marimo as mo\n# ---\n"
PLOTS = "import marimo as mo\nimport matplotlib.pyplot as plt\nimport plotly.express as px\n"
PLOTS += "import altair as alt\n# ---\n"
BOTH = [HiddenBranchOutput(), DiscardedOutput()]


def _notebook(source: str) -> Notebook:
    return Notebook.parse(wrap_cells(source))


def _found(source: str, rules: list | None = None) -> list[Diagnostic]:
    return check(_notebook(source), rules or BOTH)


def _codes(source: str) -> list[str]:
    return [d.code for d in _found(source)]


def _cell(*lines: str, is_async: bool = False, params: str = "mo") -> str:
    header = "async def" if is_async else "def"
    return f"@app.cell\n{header} _({params}):\n" + "".join(f"    {line}\n" for line in lines)


def _is_mo_display(text: str) -> bool:
    return OutputNames({"mo": "marimo"}).is_display_source(text)


# -- what an output is ------------------------------------------------------------------
def _names() -> OutputNames:
    return OutputNames.of(_notebook(PLOTS + "x = 1"))


@pytest.mark.parametrize(
    "text",
    [
        "plt.gcf()",
        "px.bar(x=[1], y=[2]).update_layout(height=300)",
        "alt.Chart(df).mark_bar().encode(x='a').properties(width=300)",
        "mo.ui.text().form()",
        "mo.md('a').batch(x=mo.ui.slider(1, 2))",
        "mo.ui.slider.from_series(s)",
        "mo.mpl.interactive(fig)",
    ],
)
def test_outputs(text: str) -> None:
    assert _names().is_output(ast.parse(text, mode="eval").body)


@pytest.mark.parametrize(
    "text",
    [
        "plt.gca().invert_yaxis()",  # matplotlib's axes methods return anything but a figure
        "plt.gcf().savefig('a.png')",
        "plt.plot([1, 2])",
        "plt.show()",
        "px.data.iris()",  # a dataframe
        "px.set_mapbox_access_token('t')",
        "alt.Chart(df).mark_bar().display()",
        "alt.Chart(df).save('chart.html')",
        "alt.data_transformers.enable('vegafusion')",
        "mo.output.append(mo.md('a'))",
        "mo.stop(True)",
        "mo.md('a').text",
        "print(mo.md('a'))",
    ],
)
def test_not_outputs(text: str) -> None:
    assert not _names().is_output(ast.parse(text, mode="eval").body)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("try:\n    int(x)\nexcept ValueError as e:\n    print(e)", True),
        ("try:\n    mo.ui.slider(0, n)\nexcept ValueError:\n    logging.warning('bad')", True),
        ("try:\n    mo.md(text)\nexcept ValueError:\n    pass", False),  # silences, reports nothing
        ("try:\n    mo.md(text)\nexcept ValueError:\n    mo.md('bad')", False),  # a choice of outputs
        ("try:\n    x = 1\n    mo.md(text)\nexcept ValueError as e:\n    print(e)", False),
        ("try:\n    mo.md(text)\nfinally:\n    print('done')", False),
    ],
)
def test_raises_on_purpose(source: str, expected: bool) -> None:
    statement = ast.parse(source).body[0]
    assert raises_on_purpose(statement, OutputNames({"mo": "marimo"})) is expected


# -- NB008: what it reports ----------------------------------------------------------
def test_nb008_leaves_a_try_body_that_is_there_to_raise() -> None:
    """The real shapes: a chart that raises TypeError, a multiselect too large for marimo."""
    for body in (
        'try:\n    alt.Chart(cars).mark_point().encode(z="Horsepower")\nexcept TypeError as e:\n'
        '    print(f"TypeError: {e}")',
        "try:\n    mo.ui.multiselect(options)\nexcept ValueError as e:\n    print(e)",
    ):
        assert _found(f"{PLOTS}cars = options = None\n# ---\n{body}") == []


def test_nb008_reports_a_try_whose_handler_hides_its_output() -> None:
    source = f'{MO}text = "4"\n# ---\ntry:\n    int(text)\nexcept ValueError:\n    mo.md("bad")'
    assert _codes(source) == ["NB008"]
    fixed = fix_notebook(_notebook(source), BOTH).notebook.text
    expected = (
        '        int(text)\n        _output = None\n    except ValueError:\n        _output = mo.md("bad")\n'
    )
    assert expected + "    _output\n" in fixed


def test_nb008_keeps_every_output_of_a_row() -> None:
    """A real notebook lost four of five `mo.md(...)` lines when only the last was kept."""
    lines = "".join(f'    mo.md("line {i}")\n' for i in range(5))
    source = f"{MO}ok = True\n# ---\nif ok:\n{lines}"
    fixed = fix_notebook(_notebook(source), BOTH).notebook.text
    for i in range(5):
        assert f'            mo.md("line {i}"),\n' in fixed
    assert "        _output = mo.vstack([\n" in fixed and "        ])\n" in fixed
    compile(fixed, "fixed.py", "exec")


def test_nb008_row_without_a_marimo_name_gets_no_fix() -> None:
    source = 'from marimo import md\n# ---\nok = True\n# ---\nif ok:\n    md("a")\n    md("b")'
    [diagnostic] = _found(source)
    assert diagnostic.code == "NB008" and diagnostic.fix is None


def test_nb008_message_is_short() -> None:
    source = f'{MO}ok = True\n# ---\ntry:\n    x = 1\nfinally:\n    mo.md("a")'
    [diagnostic] = _found(source)
    assert len(diagnostic.message) <= 100 and diagnostic.fix is None


# -- NB008: the codemod on outputs in a row --------------------------------------------
ROW_CASES = {
    "comments_travel_with_their_lines": (
        _cell(
            "if a:",
            '    mo.md("x")  # first',
            "    # about y",
            "",
            '    mo.md("y")',
            "return",
        ),
        _cell(
            "if a:",
            "    _output = mo.vstack([",
            '        mo.md("x"),  # first',
            "        # about y",
            '        mo.md("y"),',
            "    ])",
            "else:",
            "    _output = None",
            "_output",
            "return",
        ),
    ),
    "row_starting_after_a_statement_on_its_line": (
        _cell("if a:", '    x = 1; mo.md("x")  # note', '    mo.md("y")', "return"),
        _cell(
            "if a:",
            "    x = 1  # note",
            "    _output = mo.vstack([",
            '        mo.md("x"),',
            '        mo.md("y"),',
            "    ])",
            "else:",
            "    _output = None",
            "_output",
            "return",
        ),
    ),
    "row_on_one_line": (
        _cell("if a:", '    mo.md("x"); mo.md("y")', "return"),
        _cell(
            "if a:",
            '    _output = mo.vstack([mo.md("x"), mo.md("y")])',
            "else:",
            "    _output = None",
            "_output",
            "return",
        ),
    ),
    "one_line_suite": (
        _cell('if a: mo.md("x"); mo.md("y")', 'else: mo.md("z")', "return"),
        _cell(
            'if a: _output = mo.vstack([mo.md("x"), mo.md("y")])',
            'else: _output = mo.md("z")',
            "_output",
            "return",
        ),
    ),
    "multi_line_element_moves_one_level_deeper": (
        _cell("if a:", "    mo.md(", '        "x"', "    )", "    mo.ui.table(rows)", "return"),
        _cell(
            "if a:",
            "    _output = mo.vstack([",
            "        mo.md(",
            '            "x"',
            "        ),",
            "        mo.ui.table(rows),",
            "    ])",
            "else:",
            "    _output = None",
            "_output",
            "return",
        ),
    ),
    "nested_branch": (
        _cell("if a:", "    if b:", '        mo.md("x")', '        mo.md("y")', "return"),
        _cell(
            "if a:",
            "    if b:",
            "        _output = mo.vstack([",
            '            mo.md("x"),',
            '            mo.md("y"),',
            "        ])",
            "    else:",
            "        _output = None",
            "else:",
            "    _output = None",
            "_output",
            "return",
        ),
    ),
    "async_cell": (
        _cell("if await a():", '    mo.md("x")', '    mo.md("y")', "return", is_async=True),
        _cell(
            "if await a():",
            "    _output = mo.vstack([",
            '        mo.md("x"),',
            '        mo.md("y"),',
            "    ])",
            "else:",
            "    _output = None",
            "_output",
            "return",
            is_async=True,
        ),
    ),
}


@pytest.mark.parametrize("case", ROW_CASES)
def test_expose_branch_output_stacks_a_row(case: str) -> None:
    source, expected = ROW_CASES[case]
    assert expose_branch_output(source, _is_mo_display, stack="mo.vstack") == expected


def test_expose_branch_output_stacks_with_crlf() -> None:
    source, expected = ROW_CASES["comments_travel_with_their_lines"]
    crlf = source.replace("\n", "\r\n")
    assert expose_branch_output(crlf, _is_mo_display, stack="mo.vstack") == expected.replace("\n", "\r\n")


def test_expose_branch_output_declines_a_row_without_stack() -> None:
    source, _ = ROW_CASES["row_on_one_line"]
    with pytest.raises(Declined, match="vstack"):
        expose_branch_output(source, _is_mo_display, stack=None)


def test_expose_branch_output_leaves_a_try_body_there_to_raise() -> None:
    source = _cell(
        "if a:",
        "    try:",
        "        mo.md(t)",
        "    except E as e:",
        "        print(e)",
        "else:",
        '    mo.md("y")',
    )
    expected = _cell(
        "if a:",
        "    try:",
        "        mo.md(t)",
        "    except E as e:",
        "        print(e)",
        "    _output = None",
        "else:",
        '    _output = mo.md("y")',
        "_output",
    )
    assert expose_branch_output(source, _is_mo_display) == expected


# -- NB017: what it reports ------------------------------------------------------------
DISCARDED = {
    "middle_of_cell": 'mo.md("## GPU Computation")\nx = 1',
    "callout_then_statements": 'mo.callout("careful", kind="warn")\nx = 1\ny = 2',
    "in_a_branch_before_work": 'if ready:\n    mo.md("### Training in progress...")\n    x = sum(range(9))',
    "in_a_loop": "for i in range(3):\n    mo.md(f'{i}')",
    "in_a_while": "while False:\n    mo.ui.slider(1, 2)",
    "in_a_with": 'with mo.status.spinner():\n    mo.md("done")',
    "in_an_except": 'try:\n    x = 1\nexcept ValueError:\n    mo.md("bad")\n    x = 0',
    "in_a_match_case": 'match ready:\n    case True:\n        mo.md("yes")\n        x = 1',
    "nested": 'for i in range(2):\n    with open(__file__):\n        if i:\n            mo.md("odd")',
    "one_line_if": 'if ready: mo.md("a"); x = 1',
    "layout": 'mo.vstack([mo.md("a"), mo.md("b")])\nx = 1',
    "element_method": 'mo.md("a").center()\nx = 1',
    "form": "mo.ui.text().form()\nx = 1",
    "name_bound_here": "chart = mo.ui.slider(1, 9)\nchart\nx = 1",
    "the_last_in_a_row": 'mo.md("a")\nmo.md("b")\nx = 1',
}
DISCARDED_CHARTS = {
    "plotly": "fig = px.bar(x=[1], y=[2])\nfig\nx = 1",
    "plotly_call": "px.line(x=[1], y=[2])\nx = 1",
    "altair": "alt.Chart(df).mark_bar()\nx = 1",
    "subplots_figure": "fig, ax = plt.subplots()\nfig\nx = 1",
}


@pytest.mark.parametrize("body", DISCARDED.values(), ids=DISCARDED.keys())
def test_discarded_output_is_reported(body: str) -> None:
    found = _found(f"{MO}ready = True\n# ---\n{body}")
    assert {d.code for d in found} == {"NB017"}
    assert all(len(d.message) <= 100 for d in found)


@pytest.mark.parametrize("body", DISCARDED_CHARTS.values(), ids=DISCARDED_CHARTS.keys())
def test_discarded_chart_is_reported(body: str) -> None:
    assert _codes(f"{PLOTS}df = None\n# ---\n{body}") == ["NB017"]


@pytest.mark.parametrize(
    "body",
    [
        'mo.md("shown")',
        'x = 1\nmo.md("shown")',
        'print("a")\nmo.stop(False)\nmo.output.append(mo.md("a"))\nmo.output.replace(mo.md("b"))\nx = 1',
        "plt.plot([1, 2])\nplt.title('t')\nplt.gca()\nplt.show()\nplt.gca()",
        "fig, ax = plt.subplots()\nax.plot([1])\nfig.savefig('a.png')\nx = 1",
        "plt.gca().invert_yaxis()\nx = 1",
        "fig = px.bar(x=[1], y=[2])\nfig.show()\nfig.write_html('a.html')\nx = 1",
        "_ = mo.md('hidden on purpose')\nx = 1",
        "'a string'\n...\nx = 1",
        "def show(text):\n    mo.md(text)\n    return mo.md(text)\nx = 1",
        "mo.ui.table(df)\nmo.vstack([mo.md('a'), mo.ui.table(df)])",
        "chart = mo.ui.slider(1, 9)\nchart\nmo.md(f'{chart}')",
        "mo.ui.slider(1, 9)\nNone",
        "with pytest.raises(ValueError):\n    mo.ui.slider(9, 1)\nx = 1",
        "try:\n    mo.ui.slider(0, int('x'))\nexcept ValueError as e:\n    print(e)\nx = 1",
        'if ready:\n    mo.md("a")\n    mo.md("b")',  # NB008's
    ],
)
def test_shown_or_not_output_is_not_reported(body: str) -> None:
    source = f"{PLOTS}import pytest\nready = True\ndf = None\n# ---\n{body}"
    assert "NB017" not in _codes(source)


def test_a_name_alone_from_another_cell_marks_a_dependency() -> None:
    """`button` at the top of a cell makes marimo rerun it on a click: not an output."""
    source = f'{MO}button = mo.ui.button(label="Go")\nbutton\n# ---\nbutton\nx = 1'
    assert _codes(source) == []


def test_a_name_another_cell_reads_is_not_lost() -> None:
    source = f"{MO}chart = mo.ui.slider(1, 9)\nchart\nx = 1\n# ---\nchart"
    assert _codes(source) == []


@pytest.mark.parametrize(
    "body",
    [
        'if ready:\n    mo.md("a")\n    x = 1\n    mo.md("b")\n    mo.md("c")',
        'if ready:\n    for i in range(2):\n        mo.md("a")\nelse:\n    mo.md("b")',
        'try:\n    mo.md("a")\n    x = 1\nexcept ValueError:\n    mo.md("b")\n    mo.md("c")',
        'match ready:\n    case True:\n        with open(__file__):\n            mo.md("a")\n'
        '    case _:\n        mo.md("b")',
    ],
)
def test_never_both_rules_on_one_expression(body: str) -> None:
    """NB008's fix assigns the outputs it exposes: NB017 must report none of them, before or after."""
    notebook = _notebook(f"{MO}ready = True\n# ---\n{body}")
    before = [d for d in check(notebook, BOTH) if d.code == "NB017"]
    assert any(d.code == "NB008" for d in check(notebook, BOTH))
    fixed = fix_notebook(notebook, [HiddenBranchOutput()]).notebook
    after = [d for d in check(fixed, BOTH) if d.code == "NB017"]
    assert len(after) == len(before) >= 1


def test_status_lines_in_a_hidden_branch_are_nb017_and_its_tail_nb008() -> None:
    body = 'if ready:\n    mo.md("Loading")\n    x = 1\n    mo.md("Training")\n    y = 2\n    mo.md("done")\n'
    found = _found(f"{MO}ready = True\n# ---\n{body}")
    assert [(d.code, d.span.start_pos.line - found[0].span.start_pos.line) for d in found] == [
        ("NB008", 0),
        ("NB017", 1),
        ("NB017", 3),
    ]
    assert all(d.fix.applicability is Applicability.UNSAFE for d in found if d.code == "NB017")


@pytest.mark.parametrize(
    ("body", "applicability"),
    [
        ('mo.md("a")\nx = 1', Applicability.SAFE),
        ('mo.md("a")\nprint("done")', Applicability.SAFE),
        ('mo.md("a")\nmo.output.append(mo.md("b"))', Applicability.SAFE),
        ('mo.output.replace(mo.md("b"))\nmo.md("a")\nx = 1', Applicability.SAFE),
        ('mo.md("a")\nx = 1\nx', Applicability.UNSAFE),
        ('mo.md("a")\nx = 1\nmo.output.replace(mo.md("b"))\ny = 2', Applicability.UNSAFE),
        ('mo.md("a")\nmo.output.clear()', Applicability.UNSAFE),
        ('for i in range(2):\n    mo.md(f"{i}")\nmo.md("end")', Applicability.UNSAFE),
    ],
)
def test_fix_is_safe_only_when_nothing_replaces_the_appended_output(
    body: str, applicability: Applicability
) -> None:
    [diagnostic] = _found(f"{MO}{body}", [DiscardedOutput()])
    assert diagnostic.fix is not None and diagnostic.fix.applicability is applicability


def test_no_fix_without_a_marimo_name() -> None:
    [diagnostic] = _found('from marimo import md\n# ---\nmd("a")\nx = 1', [DiscardedOutput()])
    assert diagnostic.fix is None


def test_fix_appends_and_the_result_compiles() -> None:
    body = 'for i in range(2):\n    mo.md(f"{i}")\nwith open(__file__):\n    mo.callout("c")  # note\nx = 1'
    outcome = fix_notebook(_notebook(f"{MO}{body}"), [DiscardedOutput()])
    text = outcome.notebook.text
    assert '        mo.output.append(mo.md(f"{i}"))\n' in text
    assert '        mo.output.append(mo.callout("c"))  # note\n' in text
    compile(text, "fixed.py", "exec")
    assert check(outcome.notebook, [DiscardedOutput()]) == []


def test_fix_uses_the_notebook_name_for_marimo() -> None:
    outcome = fix_notebook(_notebook('import marimo as marimo_lib\n# ---\nmarimo_lib.md("a")\nx = 1'), BOTH)
    assert 'marimo_lib.output.append(marimo_lib.md("a"))' in outcome.notebook.text


# -- NB017: a returned output ----------------------------------------------------------
def _returned(*lines: str) -> str:
    return wrap_cells(f"@app.cell\ndef _():\n    import marimo as mo\n    return (mo,)\n\n\n{_cell(*lines)}")


def test_returned_expression_is_displayed_instead() -> None:
    notebook = Notebook.parse(_returned("x = 1", 'return mo.md("## Results")'))
    [diagnostic] = check(notebook, [DiscardedOutput()])
    assert "is returned" in diagnostic.message and diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.SAFE
    fixed = fix_notebook(notebook, [DiscardedOutput()]).notebook.text
    assert '    x = 1\n    mo.md("## Results")\n    return\n' in fixed


def test_returned_name_nobody_reads_is_displayed() -> None:
    notebook = Notebook.parse(_returned("slider = mo.ui.slider(1, 9)", "# shown below", "return (slider,)"))
    [diagnostic] = check(notebook, [DiscardedOutput()])
    assert diagnostic.message == "`slider` is returned but never displayed, and no cell reads it"
    fixed = fix_notebook(notebook, [DiscardedOutput()]).notebook.text
    assert "    slider = mo.ui.slider(1, 9)\n    # shown below\n    slider\n    return (slider,)\n" in fixed


@pytest.mark.parametrize(
    "lines",
    [
        ("slider = mo.ui.slider(1, 9)", "slider", "return (slider,)"),  # displayed
        ("slider = mo.ui.slider(1, 9)", "mo.md(f'{slider}')", "return (slider,)"),  # embedded
        ("slider = mo.ui.slider(1, 9)", "x = 1", "x", "return (slider,)"),  # the cell shows something
        ("n = 3", "return (n,)"),  # not an output
    ],
)
def test_returned_output_shown_or_not_an_output_is_not_reported(lines: tuple[str, ...]) -> None:
    assert check(Notebook.parse(_returned(*lines)), [DiscardedOutput()]) == []


def test_returned_output_another_cell_reads_is_not_reported() -> None:
    source = f"{MO}slider = mo.ui.slider(1, 9)\n# ---\nslider"
    notebook = _notebook(source)
    assert "return (slider,)" in notebook.text
    assert check(notebook, [DiscardedOutput()]) == []


def test_several_returned_outputs_get_no_fix() -> None:
    lines = ("a = mo.ui.slider(1, 9)", "b = mo.ui.slider(1, 9)", "return a, b")
    [diagnostic] = check(Notebook.parse(_returned(*lines)), [DiscardedOutput()])
    assert diagnostic.message.startswith("`a` and `b` are returned") and diagnostic.fix is None


# -- NB017: messages and codemods on their own -------------------------------------------
def test_labels_and_name_lists() -> None:
    expression = ast.parse("alt.Chart(df).mark_bar().encode(x='a')", mode="eval").body
    assert label(expression) == "alt.Chart(...)"
    long = ast.parse("a_very_long_module_name.with_a_long_attribute.md('x')", mode="eval").body
    assert label(long) == "a_very_long_module_na...(...)"
    assert code_list(("a", "b", "c", "d", "e")) == "`a`, `b`, `c` and 2 more"


def test_append_output_wraps_only_the_addressed_statements() -> None:
    source = _cell('mo.md("a"); mo.md("b")', "(mo.md(", '    "c"', "))", "return")
    expected = _cell(
        'mo.md("a"); mo.output.append(mo.md("b"))', "mo.output.append(mo.md(", '    "c"', "))", "return"
    )
    assert append_output(source, [(3, 16), (4, 4)], "mo") == expected
    assert append_output(source.replace("\n", "\r\n"), [(3, 16), (4, 4)]) == expected.replace("\n", "\r\n")


def test_append_output_declines_a_position_it_does_not_find() -> None:
    with pytest.raises(Declined):
        append_output(_cell('mo.md("a")', "return"), [(9, 4)], "mo")


def test_display_returned_output_declines_without_a_returned_value() -> None:
    with pytest.raises(Declined):
        display_returned_output(_cell("x = 1", "return"), "x")


def test_nb017_is_on_by_default_and_an_error() -> None:
    rules = {rule.code: rule for rule in select_rules()}
    assert "NB017" in rules and rules["NB017"].severity.value == "error"
