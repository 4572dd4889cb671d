"""NB006: the `spinner_to_with` codemod on its own, and what the rule reports, fixes and declines."""

from __future__ import annotations

import pytest
from notebooks import wrap_cells

from nbfix.codemods import Declined
from nbfix.codemods.spinner_to_with import SpinnerPlan, spinner_to_with
from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import check
from nbfix.rules.spinner_open_close import SpinnerOpenClose

RULE = SpinnerOpenClose()

# -- the codemod, with explicit plans (lines are 1-based within the cell) -------
CODEMOD_CASES = {
    "rules_example": (
        "@app.cell\n"
        "def _(mo):\n"
        '    spinner = mo.status.spinner(title="Running...")\n'
        "    spinner.open()\n"
        "    result = expensive_operation()\n"
        "    spinner.close()\n"
        "    return (result,)\n",
        SpinnerPlan("spinner", assign_line=3, end_line=6, open_line=4, close_line=6, keep_name=False),
        "@app.cell\n"
        "def _(mo):\n"
        '    with mo.status.spinner(title="Running..."):\n'
        "        result = expensive_operation()\n"
        "    return (result,)\n",
    ),
    "update_keeps_the_name": (
        "@app.cell\n"
        "def _(mo):\n"
        "    s = mo.status.spinner()\n"
        "    s.open()\n"
        "    a = 1\n"
        '    s.update(subtitle="two")\n'
        "    b = 2\n"
        "    s.close()\n"
        "    c = a + b\n"
        "    return\n",
        SpinnerPlan("s", assign_line=3, end_line=8, open_line=4, close_line=8, keep_name=True),
        "@app.cell\n"
        "def _(mo):\n"
        "    with mo.status.spinner() as s:\n"
        "        a = 1\n"
        '        s.update(subtitle="two")\n'
        "        b = 2\n"
        "    c = a + b\n"
        "    return\n",
    ),
    "nested_statements_between": (
        "@app.cell\n"
        "def _(mo):\n"
        "    s = mo.status.spinner()\n"
        "    s.open()\n"
        "    for i in range(3):\n"
        "        if i:\n"
        "            s.update(title=str(i))\n"
        "        else:\n"
        "            pass\n"
        "    s.close()\n"
        "    return\n",
        SpinnerPlan("s", assign_line=3, end_line=10, open_line=4, close_line=10),
        "@app.cell\n"
        "def _(mo):\n"
        "    with mo.status.spinner() as s:\n"
        "        for i in range(3):\n"
        "            if i:\n"
        "                s.update(title=str(i))\n"
        "            else:\n"
        "                pass\n"
        "    return\n",
    ),
    "no_close_runs_to_the_end": (
        "@app.cell\ndef _(mo):\n    s = mo.status.spinner()\n    x = 1\n    y = 2\n    return\n",
        SpinnerPlan("s", assign_line=3, end_line=5, keep_name=False),
        "@app.cell\ndef _(mo):\n    with mo.status.spinner():\n        x = 1\n        y = 2\n    return\n",
    ),
    "open_after_other_statements": (
        "@app.cell\n"
        "def _(mo):\n"
        "    s = mo.status.spinner()\n"
        "    n = 3\n"
        "    s.open()\n"
        "    total = n * 2\n"
        "    s.close()\n"
        "    return\n",
        SpinnerPlan("s", assign_line=3, end_line=7, open_line=5, close_line=7, keep_name=False),
        "@app.cell\n"
        "def _(mo):\n"
        "    with mo.status.spinner():\n"
        "        n = 3\n"
        "        total = n * 2\n"
        "    return\n",
    ),
    "comments_stay_re_indented": (
        "@app.cell\n"
        "def _(mo):\n"
        "    # above\n"
        "    s = mo.status.spinner()  # header\n"
        "    # before open\n"
        "    s.open()  # on open\n"
        "\n"
        "    # body\n"
        "    x = [\n"
        "        1,  # one\n"
        "    ]\n"
        "    # before close\n"
        "    s.close()  # on close\n"
        "    # after\n"
        "    y = 2\n"
        "    return\n",
        SpinnerPlan("s", assign_line=4, end_line=13, open_line=6, close_line=13, keep_name=False),
        "@app.cell\n"
        "def _(mo):\n"
        "    # above\n"
        "    with mo.status.spinner():  # header\n"
        "        # before open\n"
        "        # on open\n"
        "\n"
        "        # body\n"
        "        x = [\n"
        "            1,  # one\n"
        "        ]\n"
        "        # before close\n"
        "        # on close\n"
        "    # after\n"
        "    y = 2\n"
        "    return\n",
    ),
    "blank_line_after_open_dropped": (
        "@app.cell\n"
        "def _(mo):\n"
        "    s = mo.status.spinner()\n"
        "    s.open()\n"
        "\n"
        "    x = 1\n"
        "\n"
        "    s.close()\n"
        "    return\n",
        SpinnerPlan("s", assign_line=3, end_line=8, open_line=4, close_line=8, keep_name=False),
        "@app.cell\ndef _(mo):\n    with mo.status.spinner():\n        x = 1\n    return\n",
    ),
    "inside_a_function": (
        "@app.cell\n"
        "def _(mo):\n"
        "    def load():\n"
        "        s = mo.status.spinner()\n"
        "        s.open()\n"
        "        value = 1\n"
        "        s.close()\n"
        "        return value\n"
        "\n"
        "    loaded = load()\n"
        "    return\n",
        SpinnerPlan("s", assign_line=4, end_line=7, open_line=5, close_line=7, keep_name=False),
        "@app.cell\n"
        "def _(mo):\n"
        "    def load():\n"
        "        with mo.status.spinner():\n"
        "            value = 1\n"
        "        return value\n"
        "\n"
        "    loaded = load()\n"
        "    return\n",
    ),
    "async_cell": (
        "@app.cell\n"
        "async def _(asyncio, mo):\n"
        "    s = mo.status.spinner()\n"
        "    s.open()\n"
        "    done = await asyncio.sleep(0, result=1)\n"
        "    s.close()\n"
        "    return\n",
        SpinnerPlan("s", assign_line=3, end_line=6, open_line=4, close_line=6, keep_name=False),
        "@app.cell\n"
        "async def _(asyncio, mo):\n"
        "    with mo.status.spinner():\n"
        "        done = await asyncio.sleep(0, result=1)\n"
        "    return\n",
    ),
    "multiline_call_and_crlf": (
        "@app.cell(hide_code=True)\r\n"
        "def _(marimo_lib):\r\n"
        "    s = marimo_lib.status.spinner(\r\n"
        '        title="a",\r\n'
        "    )\r\n"
        "    s.open()\r\n"
        "    x = 1\r\n"
        "    s.close()\r\n"
        "    return\r\n",
        SpinnerPlan("s", assign_line=3, end_line=8, open_line=6, close_line=8, keep_name=False),
        "@app.cell(hide_code=True)\r\n"
        "def _(marimo_lib):\r\n"
        "    with marimo_lib.status.spinner(\r\n"
        '        title="a",\r\n'
        "    ):\r\n"
        "        x = 1\r\n"
        "    return\r\n",
    ),
}


@pytest.mark.parametrize("case", CODEMOD_CASES, ids=str)
def test_codemod(case: str) -> None:
    source, plan, expected = CODEMOD_CASES[case]
    assert spinner_to_with(source, plan) == expected


_SIMPLE = (
    "@app.cell\ndef _(mo):\n    s = mo.status.spinner()\n    s.open()\n    x = 1\n    s.close()\n    return\n"
)

CODEMOD_DECLINES = {
    "plan_line_is_not_the_assignment": (_SIMPLE, SpinnerPlan("s", 5, 6, open_line=4, close_line=6)),
    "another_name": (_SIMPLE, SpinnerPlan("t", 3, 6, open_line=4, close_line=6)),
    "open_line_is_not_open": (_SIMPLE, SpinnerPlan("s", 3, 6, open_line=5, close_line=6)),
    "close_line_is_not_close": (_SIMPLE, SpinnerPlan("s", 3, 5, open_line=4, close_line=5)),
    "close_is_not_the_end": (_SIMPLE, SpinnerPlan("s", 3, 7, open_line=4, close_line=6)),
    "end_before_assignment": (_SIMPLE, SpinnerPlan("s", 3, 2)),
    "nothing_under_the_spinner": (
        "@app.cell\ndef _(mo):\n    s = mo.status.spinner()\n    s.open()\n    s.close()\n    return\n",
        SpinnerPlan("s", 3, 5, open_line=4, close_line=5),
    ),
    "semicolons": (
        "@app.cell\ndef _(mo):\n    s = mo.status.spinner(); s.open()\n"
        "    x = 1\n    s.close()\n    return\n",
        SpinnerPlan("s", 3, 5, open_line=3, close_line=5),
    ),
    "one_line_suite": (
        "@app.cell\ndef _(mo):\n    if True: s = mo.status.spinner()\n    return\n",
        SpinnerPlan("s", 3, 3),
    ),
    "open_in_another_block": (
        "@app.cell\n"
        "def _(mo):\n"
        "    s = mo.status.spinner()\n"
        "    if True:\n"
        "        s.open()\n"
        "    x = 1\n"
        "    s.close()\n"
        "    return\n",
        SpinnerPlan("s", 3, 7, open_line=5, close_line=7),
    ),
    "not_a_single_function": ("x = 1\n", SpinnerPlan("s", 1, 1)),
}


@pytest.mark.parametrize("case", CODEMOD_DECLINES, ids=str)
def test_codemod_declines(case: str) -> None:
    source, plan = CODEMOD_DECLINES[case]
    with pytest.raises(Declined):
        spinner_to_with(source, plan)


# -- the rule: detection, fixes through the engine, declines --------------------
def _diagnostics(source: str) -> list:
    return check(Notebook.parse(wrap_cells(source)), [RULE])


def _fixed(source: str) -> str:
    return fix_notebook(Notebook.parse(wrap_cells(source)), [RULE]).notebook.text


RULE_FIXES = {
    "marimo_alias": (
        "import marimo as marimo_lib\n# ---\ns = marimo_lib.status.spinner()\ns.open()\nx = 1\ns.close()",
        "import marimo as marimo_lib\n# ---\nwith marimo_lib.status.spinner():\n    x = 1",
    ),
    "status_module": (
        "from marimo import status\n# ---\ns = status.spinner()\ns.open()\nx = 1\ns.close()",
        "from marimo import status\n# ---\nwith status.spinner():\n    x = 1",
    ),
    "internal_import": (
        "from marimo._plugins.stateless.status import spinner as make_spinner\n# ---\n"
        "s = make_spinner()\ns.open()\nx = 1\ns.close()",
        "from marimo._plugins.stateless.status import spinner as make_spinner\n# ---\n"
        "with make_spinner():\n    x = 1",
    ),
    "never_entered_runs_to_the_end_but_not_the_output": (
        "import marimo as mo\n# ---\ns = mo.status.spinner()\nx = 1\ny = 2\ny",
        "import marimo as mo\n# ---\nwith mo.status.spinner():\n    x = 1\n    y = 2\ny",
    ),
    "never_entered_update_is_the_last_statement": (
        "import marimo as mo\n# ---\ns = mo.status.spinner()\nx = 1\ns.update('done')",
        "import marimo as mo\n# ---\nwith mo.status.spinner() as s:\n    x = 1\n    s.update('done')",
    ),
    "no_close_stops_before_the_name_is_bound_again": (
        "import marimo as mo\n# ---\ns = mo.status.spinner()\ns.open()\nx = 1\ns = None",
        "import marimo as mo\n# ---\nwith mo.status.spinner():\n    x = 1\ns = None",
    ),
    "in_a_loop_body": (
        "import marimo as mo\n# ---\n"
        "for i in range(2):\n    s = mo.status.spinner()\n    s.open()\n    x = i\n    s.close()",
        "import marimo as mo\n# ---\nfor i in range(2):\n    with mo.status.spinner():\n        x = i",
    ),
    "progress_bar": (
        "import marimo as mo\n# ---\n"
        "bar = mo.status.progress_bar(total=2)\nbar.open()\n"
        "for _ in range(2):\n    bar.update()\nbar.close()",
        "import marimo as mo\n# ---\n"
        "with mo.status.progress_bar(total=2) as bar:\n    for _ in range(2):\n        bar.update()",
    ),
    "a_closure_keeps_the_name": (
        "import marimo as mo\n# ---\n"
        "s = mo.status.spinner()\ns.open()\ndef step(m):\n    s.update(title=m)\nstep('a')\ns.close()",
        "import marimo as mo\n# ---\n"
        "with mo.status.spinner() as s:\n    def step(m):\n        s.update(title=m)\n    step('a')",
    ),
}


@pytest.mark.parametrize("case", RULE_FIXES, ids=str)
def test_rule_fixes(case: str) -> None:
    source, expected = RULE_FIXES[case]
    diagnostics = _diagnostics(source)
    assert diagnostics and all(d.fix is not None for d in diagnostics)
    assert _fixed(source) == wrap_cells(expected)


RULE_DECLINES = {
    "close_in_a_branch": "s = mo.status.spinner()\ns.open()\nx = 1\nif x:\n    s.close()",
    "open_in_a_branch": "s = mo.status.spinner()\nif True:\n    s.open()\nx = 1\ns.close()",
    "close_in_finally": "s = mo.status.spinner()\ns.open()\ntry:\n    x = 1\nfinally:\n    s.close()",
    "close_passed_on": "import atexit\ns = mo.status.spinner()\ns.open()\natexit.register(s.close)",
    "opened_twice": "s = mo.status.spinner()\ns.open()\nx = 1\ns.open()\ns.close()",
    "close_before_open": "s = mo.status.spinner()\ns.close()\nx = 1\ns.open()",
    "used_after_close": "s = mo.status.spinner()\ns.open()\nx = 1\ns.close()\ns.update('late')",
    "other_use": "s = mo.status.spinner()\ns.open()\nprint(s)\ns.close()",
    "also_entered": "s = mo.status.spinner()\ns.open()\nwith s:\n    x = 1",
    "nothing_between": "s = mo.status.spinner()\ns.open()\ns.close()",
    "semicolons": "s = mo.status.spinner(); s.open()\nx = 1\ns.close()",
    "read_outside_its_block": "if True:\n    s = mo.status.spinner()\n    s.open()\n    x = 1\ns.close()",
}


@pytest.mark.parametrize("case", RULE_DECLINES, ids=str)
def test_rule_reports_without_fix(case: str) -> None:
    source = "import marimo as mo\n# ---\n" + RULE_DECLINES[case]
    diagnostics = _diagnostics(source)
    assert diagnostics, "the misuse is reported"
    assert all(d.fix is None for d in diagnostics)
    assert _fixed(source) == wrap_cells(source)


def test_read_by_another_cell_is_reported_without_fix() -> None:
    source = (
        "import marimo as mo\n# ---\ns = mo.status.spinner()\ns.open()\nx = 1\ns.close()\n# ---\nprint(s)"
    )
    (diagnostic,) = _diagnostics(source)
    assert diagnostic.fix is None


CLEAN = {
    "with_as": "s = mo.status.spinner()\nwith s as active:\n    active.update('x')",
    "passed_to_with": "with mo.status.spinner(title='x') as s:\n    s.update('y')",
    "displayed": "s = mo.status.spinner()\ns",
    "shown_by_another_cell": "s = mo.status.spinner()\n# ---\nwith s:\n    x = 1",
    "progress_bar_never_entered": "bar = mo.status.progress_bar(range(3))\nitems = list(bar)",
    "progress_bar_unused": "bar = mo.status.progress_bar(total=3)",
    "file_open": "handle = open(__file__, encoding='utf-8')\nhandle.close()",
    "generator_named_spinner": "spinner = (c for c in '|/-')\nspinner.close()",
    "other_module_spinner": "import types\nstatus = types.SimpleNamespace(spinner=dict)\n"
    "s = status.spinner()\ns.clear()",
    "shadowed_in_a_lambda": "s = mo.status.spinner()\nwith s:\n    f = lambda s: s.open()",
}


@pytest.mark.parametrize("case", CLEAN, ids=str)
def test_clean(case: str) -> None:
    assert _diagnostics("import marimo as mo\n# ---\n" + CLEAN[case]) == []


def test_message_has_no_line_numbers_and_names_the_factory() -> None:
    (diagnostic,) = _diagnostics(
        "import marimo as mo\n# ---\ns = mo.status.spinner()\ns.open()\nx = 1\ns.close()"
    )
    assert diagnostic.message.startswith("`s.open()` and `s.close()`: a `mo.status.spinner(...)` has no")
    assert not any(ch.isdigit() for ch in diagnostic.message)
    assert (
        diagnostic.span.start_pos.line
        == wrap_cells("import marimo as mo\n# ---\ns = mo.status.spinner()\ns.open()")
        .splitlines()
        .index("    s.open()")
        + 1
    )
