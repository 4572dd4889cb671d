"""NB021 ui-value-assignment."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.notebook import Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.ui import WRAPPER_KINDS, UiElements, visible_nodes

# The longest element expression a message quotes whole.
_TARGET_WIDTH = 30


@register
class UiValueAssignment(Rule):
    """
    ## What it does
    Finds an assignment to the `.value` of a `mo.ui` element (`=`, `+=`
    and the other augmented assignments, an annotated assignment, a
    target in an unpacking or a `for`), through a name that a cell binds to
    a new element (`slider = mo.ui.slider(...)`), an item of a
    `mo.ui.array`, `mo.ui.dictionary` or batch, or a new element itself.

    ## Why is this bad?
    A UI element's value belongs to the person using it: marimo raises
    `RuntimeError: Setting the value of a UIElement is not allowed` when
    the assignment runs. To set an element's value from code, create it
    again with `value=` (in the cell that reads the new value), or keep the
    value in `mo.state` and pass the getter to `value=`.

    ## Example
    ```python
    counter = mo.ui.number(0, 100)
    ```
    and in another cell:
    ```python
    if reset_button.value:
        counter.value = 0
    ```
    Use instead:
    ```python
    get_count, set_count = mo.state(0)
    ```
    ```python
    counter = mo.ui.number(0, 100, value=get_count(), on_change=set_count)
    ```
    ```python
    if reset_button.value:
        set_count(0)
    ```

    ## Fix safety
    No fix: the state the element should be driven by is the author's
    design. `mo.ui.anywidget` and `mo.ui.panel` are left alone: they pass
    attribute writes on to the object they wrap, whose `value` may be
    writable. A name bound to anything but new elements (a loop variable, a
    function's parameter, a widget from another library) is not reported.

    ## Precision
    2026-12-03, on the 1,080 public notebooks of the ecosystem check: 1
    hit, 1 true (100%); the other `.value =` writes there (anywidgets,
    cvxpy parameters, classes) are rightly left alone. See
    `docs/precision/NB021.md`.
    """

    code = "NB021"
    name = "ui-value-assignment"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    needs_text = (".value",)
    valid = (
        Example(
            "import marimo as mo\n# ---\nget_v, set_v = mo.state(0)\n# ---\n"
            "slider = mo.ui.slider(0, 9, value=get_v(), on_change=set_v)\n# ---\nset_v(3)"
        ),
        Example("class Knob:\n    value = 0\n# ---\nknob = Knob()\n# ---\nknob.value = 3"),
    )
    invalid = (
        Example("import marimo as mo\n# ---\nslider = mo.ui.slider(0, 9)\n# ---\nslider.value = 3"),
        Example("import marimo as mo\n# ---\ncount = mo.ui.number(0, 9)\n# ---\ncount.value += 1"),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        elements = UiElements.of(notebook)
        for cell in notebook.cells:
            if not any(_is_value_store(node) for node in cell.nodes.of(ast.Attribute)):
                continue
            for node, hidden in visible_nodes(cell.body):
                if not _is_value_store(node):
                    continue
                target = node.value  # type: ignore[attr-defined]
                root = _root_name(target)
                if root is not None and root in hidden:
                    continue
                kinds = elements.element_kinds_of(cell, target)
                if kinds and not kinds & WRAPPER_KINDS:
                    yield self.diagnostic(_message(notebook, target), notebook.index.node_span(node))


def _is_value_store(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "value" and isinstance(node.ctx, ast.Store)


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _message(notebook: Notebook, target: ast.expr) -> str:
    span = notebook.index.node_span(target)
    text = notebook.index.data[span.start : span.end].decode("utf-8")
    short = len(text) <= _TARGET_WIDTH and "\n" not in text and "\r" not in text
    what = f"`{text}.value`" if short else "A UI element's `.value`"
    return f"{what} is assigned, but it is read-only: marimo raises a RuntimeError"
