"""NB018, NB020 and NB021: what each reports and, above all, what each leaves alone.

Each silent case is a way real notebooks show an element, read its label or
write a `value` that is not a UI element's; each reported case is a variant
of the bug (nested blocks, callbacks, aliases, containers).
"""

from __future__ import annotations

import pytest
from notebooks import wrap_cells

from nbfix.codemods import Declined
from nbfix.codemods.replace_literal import replace_literals
from nbfix.diagnostics import Applicability
from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import Rule, check, select_rules
from nbfix.rules.dropdown_label_compared import DropdownLabelCompared
from nbfix.rules.ui_element_never_displayed import UiElementNeverDisplayed
from nbfix.rules.ui_value_assignment import UiValueAssignment

MO = "import marimo as mo\n# ---\n"


def messages(source: str, rule: Rule) -> list[str]:
    """The messages `rule` reports on cells given as bodies separated by `# ---`."""
    return [d.message for d in check(Notebook.parse(wrap_cells(source)), [rule])]


def fixed(source: str, rule: Rule) -> str:
    outcome = fix_notebook(Notebook.parse(wrap_cells(source)), [rule], unsafe_fixes=False, max_rounds=8)
    assert outcome.settled
    return outcome.notebook.text


def test_the_three_rules_are_on_by_default() -> None:
    assert {"NB018", "NB020", "NB021"} <= {rule.code for rule in select_rules()}


# -- NB018 ui-element-never-displayed ---------------------------------------------------
@pytest.mark.parametrize(
    "source",
    [
        # the cell's last expression, here or in another cell
        MO + "s = mo.ui.slider(1, 9)\ns\n# ---\nx = s.value",
        MO + "s = mo.ui.slider(1, 9)\n# ---\ns\n# ---\nx = s.value",
        # any call, container, f-string, layout, batch, form
        MO + "s = mo.ui.slider(1, 9)\n# ---\nmo.hstack([s, mo.md('x')])\n# ---\nx = s.value",
        MO + "s = mo.ui.slider(1, 9)\n# ---\nmo.md(f'Pick {s}')\n# ---\nx = s.value",
        MO + "s = mo.ui.slider(1, 9)\n# ---\npanel = {'s': s}\n# ---\nx = s.value",
        MO + "s = mo.ui.slider(1, 9)\n# ---\nb = mo.md('{s}').batch(s=s)\nb\n# ---\nx = s.value",
        MO + "s = mo.ui.slider(1, 9)\n# ---\nf = s.form()\nf\n# ---\nx = s.value",
        MO + "s = mo.ui.slider(1, 9)\n# ---\nmo.output.append(s.center())\n# ---\nx = s.value",
        MO + "s = mo.ui.slider(1, 9)\n# ---\nshow(s)\n# ---\ndef show(e):\n    return e\n# ---\nx = s.value",
        MO + "s = mo.ui.slider(1, 9)\ncontrols = s\n# ---\ncontrols\n# ---\nx = s.value",
        MO + "s = mo.ui.slider(1, 9)\n# ---\nprint(s)\n# ---\nx = s.value",
        # a walrus binds it where it is shown
        MO + "mo.hstack([(s := mo.ui.slider(1, 9))])\n# ---\nx = s.value",
        # made by a function, taken from a container: not known to be new and unseen
        MO + "def make():\n    return mo.ui.slider(1, 9)\ns = make()\n# ---\nx = s.value",
        MO + "a = mo.ui.array([mo.ui.slider(1, 9)])\na\n# ---\nx = a[0].value",
        # wrappers whose value Python code may change
        MO + "import anywidget\nw = mo.ui.anywidget(anywidget.AnyWidget())\n# ---\nx = w.value",
        MO + "w = mo.ui.panel(object())\n# ---\nx = w.value",
        # nobody reads its value
        MO + "s = mo.ui.slider(1, 9)",
        # code that reaches names without naming them
        MO + "s = mo.ui.slider(1, 9)\n# ---\nmo.vstack(list(globals().values()))\n# ---\nx = s.value",
        # two cells define it (NB004's business)
        MO + "s = mo.ui.slider(1, 9)\n# ---\ns = mo.ui.slider(1, 5)\n# ---\nx = s.value",
        # bound to something else too
        MO + "s = mo.ui.slider(1, 9)\ns = s.form()\n# ---\nx = s.value",
    ],
)
def test_never_displayed_leaves_alone(source: str) -> None:
    assert messages(source, UiElementNeverDisplayed()) == []


@pytest.mark.parametrize(
    "source",
    [
        MO + "tick = mo.ui.refresh(default_interval='5s')\n# ---\ntick.value\nstatus = 1",
        # read in a function, a comprehension, an f-string of another cell
        MO + "s = mo.ui.slider(1, 9)\n# ---\ndef f():\n    return s.value\n# ---\nxs = [s.value for _ in ()]",
        MO + "s = mo.ui.slider(1, 9)\n# ---\nmo.md(f'{s.value}')",
        # `.selected_key` and `.options` show nothing either
        MO + "d = mo.ui.dropdown(['a', 'b'])\n# ---\nk = d.selected_key\nv = d.value\no = d.options",
        # the name in comments and strings only
        MO + "s = mo.ui.slider(1, 9)  # s is shown below\n# ---\nlabel = 's'\nv = s.value",
    ],
)
def test_never_displayed_reports(source: str) -> None:
    assert len(messages(source, UiElementNeverDisplayed())) == 1


def test_never_displayed_ignores_the_return_tuple_of_an_old_style_cell() -> None:
    text = wrap_cells(
        "@app.cell\ndef __():\n    import marimo as mo\n    return mo,\n\n\n"
        "@app.cell\ndef __(mo):\n    s = mo.ui.slider(1, 9)\n    return s,\n\n\n"
        "@app.cell\ndef __(s):\n    v = s.value\n    return v,\n"
    )
    assert len(check(Notebook.parse(text), [UiElementNeverDisplayed()])) == 1


def test_never_displayed_is_silent_when_an_unparsable_cell_names_the_element() -> None:
    text = wrap_cells(
        "@app.cell\ndef _():\n    import marimo as mo\n    return (mo,)\n\n\n"
        "@app.cell\ndef _(mo):\n    s = mo.ui.slider(1, 9)\n    return (s,)\n\n\n"
        "@app.cell\ndef _(s):\n    v = s.value\n    return\n\n\n"
        'app._unparsable_cell(\n    r"""\n    mo.hstack([s,\n    """,\n    name="_"\n)\n'
    )
    assert check(Notebook.parse(text), [UiElementNeverDisplayed()]) == []


def test_never_displayed_reports_where_the_element_is_bound_in_a_short_message() -> None:
    name = "a_very_long_name_for_an_element_that_nobody_ever_displays"
    source = MO + f"{name} = mo.ui.date_range()\n# ---\nv = {name}.value"
    (diagnostic,) = check(Notebook.parse(wrap_cells(source)), [UiElementNeverDisplayed()])
    assert len(diagnostic.message) <= 100
    assert diagnostic.span.start_pos.column == 5


# -- NB020 dropdown-label-compared --------------------------------------------------------
DEVICE = (
    MO + "device = mo.ui.dropdown(options={'Graphics card': 'cuda', 'Processor': 'cpu'})\ndevice\n# ---\n"
)


@pytest.mark.parametrize(
    "source",
    [
        DEVICE + "x = device.value == 'Graphics card'",
        DEVICE + "x = 'Graphics card' == device.value",
        DEVICE + "x = device.value != 'Processor'",
        DEVICE + "x = device.value in ('Processor', 'tpu')",
        DEVICE + "x = device.value not in {'Processor'}",
        DEVICE + "match device.value:\n    case 'Processor' as p:\n        x = p",
        DEVICE + "d = device.value\nx = d == 'Processor'",
        DEVICE + "d = device.value\n# ---\nx = d == 'Processor'",
        DEVICE + "def f():\n    if True:\n        return device.value == 'Processor'",
        MO + "r = mo.ui.radio({'One': 1, 'Two': 2})\nr\n# ---\nx = r.value == 'One'",
        MO + "import math\nf = mo.ui.radio({'Sin': math.sin})\nf\n# ---\nx = f.value == 'Sin'",
    ],
)
def test_label_compared_reports(source: str) -> None:
    assert len(messages(source, DropdownLabelCompared())) == 1


@pytest.mark.parametrize(
    "source",
    [
        DEVICE + "x = device.value == 'cuda'",
        DEVICE + "x = device.selected_key == 'Processor'",
        DEVICE + "x = 'Processor' in device.value",  # a substring test, not a label
        DEVICE + "def f(device):\n    return device.value == 'Processor'",
        DEVICE + "x = [device.value == 'Processor' for device in []]",
        DEVICE + "d = device.value\nd = d.upper()\nx = d == 'Processor'",
        # list options, a label that is a value too, values a name could make equal
        MO + "d = mo.ui.dropdown(['a', 'b'])\nd\n# ---\nx = d.value == 'a'",
        MO + "d = mo.ui.dropdown({'a': 'a', 'b': 'c'})\nd\n# ---\nx = d.value == 'a'",
        MO + "d = mo.ui.dropdown({'b': 'a', 'a': 'c'})\nd\n# ---\nx = d.value == 'a'",
        MO + "default = 'x'\n# ---\nd = mo.ui.dropdown({'a': default})\nd\n# ---\nx = d.value == 'a'",
        MO + "more = {}\n# ---\nd = mo.ui.dropdown({'a': 'x', **more})\nd\n# ---\nx = d.value == 'a'",
        MO + "d = mo.ui.dropdown(options=OPTIONS)\nd\n# ---\nx = d.value == 'a'\n# ---\nOPTIONS = {'a': 1}",
        # not a dropdown or radio, or not only one
        MO + "d = mo.ui.multiselect({'a': 'x'})\nd\n# ---\nx = d.value == 'a'",
        MO + "d = mo.ui.dropdown({'a': 'x'})\n# ---\nd = 3\n# ---\nx = d.value == 'a'",
    ],
)
def test_label_compared_leaves_alone(source: str) -> None:
    assert messages(source, DropdownLabelCompared()) == []


@pytest.mark.parametrize(
    ("options", "before", "after"),
    [
        ("{'Fast': 0.5, 'Slow': 2}", "x = d.value == 'Slow'", "x = d.value == 2"),
        ("{'Fast': 'f'}", "x = d.value in ('Fast', 'g')", "x = d.value in ('f', 'g')"),
        ('{"Fast": "f"}', "x = (d.value == 'Fast')", 'x = (d.value == "f")'),
        (
            "{'Fast': 'f'}",
            "match d.value:\n    case 'Fast':\n        x = 1",
            "match d.value:\n    case 'f':\n        x = 1",
        ),
    ],
)
def test_label_compared_fix_writes_the_value(options: str, before: str, after: str) -> None:
    head = MO + f"d = mo.ui.dropdown({options})\nd\n# ---\n"
    assert fixed(head + before, DropdownLabelCompared()) == wrap_cells(head + after)


@pytest.mark.parametrize("value", ["None", "True", "[1, 2]", "lambda: 1"])
def test_label_compared_offers_no_fix_for_a_value_that_is_not_a_string_or_number(value: str) -> None:
    source = MO + f"d = mo.ui.dropdown({{'A': {value}}})\nd\n# ---\nx = d.value == 'A'"
    (diagnostic,) = check(Notebook.parse(wrap_cells(source)), [DropdownLabelCompared()])
    assert diagnostic.fix is None


def test_label_compared_fix_is_safe_and_messages_are_short() -> None:
    long = "a label much longer than anything a message should quote"
    source = (
        MO + f"an_element_with_a_long_name = mo.ui.dropdown({{'{long}': 'v'}})\nan_element_with_a_long_name\n"
        f"# ---\nanother_long_name_for_the_value = an_element_with_a_long_name.value\n"
        f"# ---\nx = another_long_name_for_the_value == '{long}'\n"
        f"y = an_element_with_a_long_name.value == '{long}'"
    )
    diagnostics = check(Notebook.parse(wrap_cells(source)), [DropdownLabelCompared()])
    assert len(diagnostics) == 2
    for diagnostic in diagnostics:
        assert len(diagnostic.message) <= 100
        assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.SAFE


def test_replace_literal_codemod_declines_what_it_was_not_pointed_at() -> None:
    source = "@app.cell\ndef _(d):\n    x = d.value == 'A'\n    return\n"
    assert replace_literals(source, {(3, 19): ("A", '"a"')}) == source.replace("'A'", '"a"')
    with pytest.raises(Declined):
        replace_literals(source, {(3, 19): ("B", '"b"')})
    with pytest.raises(Declined):
        replace_literals(source, {(3, 19): ("A", "some_name")})
    with pytest.raises(Declined):
        replace_literals(source, {(3, 4): ("A", '"a"')})
    concatenated = "@app.cell\ndef _(d):\n    x = d.value == 'A' 'B'\n    return\n"
    with pytest.raises(Declined):
        replace_literals(concatenated, {(3, 19): ("AB", '"ab"')})


# -- NB021 ui-value-assignment --------------------------------------------------------------
SLIDER = MO + "s = mo.ui.slider(1, 9)\ns\n# ---\n"


@pytest.mark.parametrize(
    "source",
    [
        SLIDER + "s.value = 3",
        SLIDER + "s.value += 1",
        SLIDER + "s.value: int = 3",
        SLIDER + "s.value, y = 3, 4",
        SLIDER + "for s.value in range(3):\n    pass",
        SLIDER + "def reset(_):\n    s.value = 1\nb = mo.ui.button(on_click=reset)",
        SLIDER + "if True:\n    with open(__file__):\n        s.value = 2",
        MO + "s = mo.ui.slider(1, 9)\ns.value = 3\ns",
        MO + "mo.ui.slider(1, 9).value = 3",
        MO + "a = mo.ui.array([mo.ui.slider(1, 9)])\na\n# ---\na[0].value = 2",
        MO + "d = mo.ui.dictionary({'k': mo.ui.text()})\nd\n# ---\nd['k'].value = 'x'",
        MO + "b = mo.md('{k}').batch(k=mo.ui.text())\nb\n# ---\nb['k'].value = 'x'",
        MO + "f = mo.ui.text().form()\nf\n# ---\nf.value = 'x'",
    ],
)
def test_value_assignment_reports(source: str) -> None:
    assert len(messages(source, UiValueAssignment())) == 1


@pytest.mark.parametrize(
    "source",
    [
        SLIDER + "x = s.value",
        SLIDER + "def f(s):\n    s.value = 1",
        SLIDER + "f = lambda s: setattr(s, 'value', 1)",
        SLIDER + "for s in [object()]:\n    s.value = 1",
        SLIDER + "class K:\n    def __init__(self):\n        self.value = 1",
        SLIDER + "s.widget.value = 1",
        SLIDER + "items = [s]\nitems[0].value = 1",
        MO + "w = mo.ui.anywidget(widget)\nw\n# ---\nw.value = {'count': 1}",
        MO + "p = mo.ui.panel(obj)\np\n# ---\np.value = 1",
        MO + "class Knob:\n    value = 0\n# ---\nk = Knob()\n# ---\nk.value = 3",
        MO + "s = mo.ui.slider(1, 9)\n# ---\ns = object()\n# ---\ns.value = 1",
    ],
)
def test_value_assignment_leaves_alone(source: str) -> None:
    assert messages(source, UiValueAssignment()) == []


def test_value_assignment_message_is_short() -> None:
    source = (
        MO
        + "e = mo.ui.dictionary({'k': mo.ui.text()})\ne\n# ---\ne['a key long enough to be cut'].value = 'x'"
    )
    (message,) = messages(source, UiValueAssignment())
    assert message.startswith("A UI element's `.value` is assigned") and len(message) <= 100
