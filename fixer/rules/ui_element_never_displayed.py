"""NB018 ui-element-never-displayed."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.notebook import CellKind, Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.ui import WRAPPER_KINDS, Creation, UiElements, element_label

# Attributes of an element whose reading shows nothing (`slider.value`, `dropdown.selected_key`).
# Any other use of the element's name may display it: `mo.hstack([slider])`, `f"{slider}"`,
# `slider.center()`, `controls = slider`, a call, a list, the cell's last expression...
_READ_ATTRIBUTES = frozenset({"value", "selected_key", "options"})
# Calls through which code can reach any name of the notebook without naming it.
_DYNAMIC_CALLS = frozenset({"globals", "locals", "vars", "eval", "exec"})
# A longer name is cut in the message, to keep it on one short line.
_NAME_WIDTH = 30
_MESSAGE_WIDTH = 100


def _uses(notebook: Notebook) -> tuple[set[str], set[str]]:
    """The names whose `.value` some cell reads, and the names some cell uses any other way."""
    value_read: set[str] = set()
    other_use: set[str] = set()
    for cell in notebook.cells:
        read_only: set[int] = set()
        for node in cell.nodes.of(ast.Attribute):
            if node.attr in _READ_ATTRIBUTES and isinstance(node.value, ast.Name):
                read_only.add(id(node.value))
                if node.attr == "value" and isinstance(node.ctx, ast.Load):
                    value_read.add(node.value.id)
        for node in cell.nodes.of(ast.Name):
            if isinstance(node.ctx, ast.Load) and id(node) not in read_only:
                other_use.add(node.id)
    return value_read, other_use


def _reads_names_dynamically(notebook: Notebook) -> bool:
    return any(
        isinstance(node.func, ast.Name) and node.func.id in _DYNAMIC_CALLS
        for cell in notebook.cells
        for node in cell.nodes.of(ast.Call)
    )


def _in_unparsable_cell(notebook: Notebook, name: str) -> bool:
    """An unparsable cell's code is unknown: it may display anything whose name it mentions."""
    index = notebook.index
    for cell in notebook.cells:
        if cell.kind is CellKind.UNPARSABLE and name.encode() in index.data[cell.span.start : cell.span.end]:
            return True
    return False


@register
class UiElementNeverDisplayed(Rule):
    """
    ## What it does
    Finds a `mo.ui` element bound to a name whose `.value` some cell reads,
    but that no cell ever outputs: the name is used nowhere but in
    `.value` reads. Not as a cell's last expression, not in `mo.md(f"...")`,
    a layout (`mo.hstack`, `mo.vstack`, `mo.ui.array`, `.form()`,
    `mo.sidebar`, ...), a list, a dict, or as an argument of any call.

    ## Why is this bad?
    marimo shows an element only where a cell outputs it. An element that is
    never shown cannot be touched, so its `.value` stays at its initial
    value forever: the cells that read it never react, and a
    `mo.ui.refresh` that is never shown never ticks.

    ## Example
    ```python
    auto_refresh = mo.ui.refresh(default_interval="5s")
    ```
    and in another cell:
    ```python
    auto_refresh.value
    metrics = read_metrics()
    ```
    Use instead:
    ```python
    auto_refresh = mo.ui.refresh(default_interval="5s")
    auto_refresh
    ```

    ## Fix safety
    No fix: where the element belongs in the layout is the author's
    decision. The rule stays silent whenever the element may be shown: its
    name passed to any call, placed in any container or f-string, given
    another name, or used any way but reading `.value`, `.selected_key`
    or `.options`; an element bound by a walrus or by several cells;
    `mo.ui.anywidget` and `mo.ui.panel` (Python can change their value);
    and notebooks that call `globals()`, `locals()`, `vars()`, `eval` or
    `exec`.

    ## Precision
    2026-12-03, on the 1,080 public notebooks of the ecosystem check: 7
    hits, 7 true (100%): sliders, a number, a checkbox, a matrix, a text and
    a file browser that their notebooks read but never show. See
    `docs/precision/NB018.md`.
    """

    code = "NB018"
    name = "ui-element-never-displayed"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    needs_text = (".value",)
    valid = (
        Example("import marimo as mo\n# ---\nslider = mo.ui.slider(1, 10)\nslider\n# ---\nslider.value"),
        Example(
            "import marimo as mo\n# ---\nslider = mo.ui.slider(1, 10)\n"
            "text = mo.ui.text()\n# ---\nmo.hstack([slider, text])\n# ---\nslider.value + len(text.value)"
        ),
        Example(
            "import marimo as mo\n# ---\nslider = mo.ui.slider(1, 10)\n# ---\n"
            'mo.md(f"{slider}")\nslider.value'
        ),
    )
    invalid = (
        Example(
            'import marimo as mo\n# ---\nauto_refresh = mo.ui.refresh(default_interval="5s")\n# ---\n'
            "auto_refresh.value\nticks = 1"
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        creations = UiElements.of(notebook).creations
        if not creations:
            return
        value_read, other_use = _uses(notebook)
        candidates = [
            creation
            for name, creation in creations.items()
            if name in value_read and name not in other_use and not creation.kinds & WRAPPER_KINDS
        ]
        if not candidates or _reads_names_dynamically(notebook):
            return
        for creation in candidates:
            if not _in_unparsable_cell(notebook, creation.name):
                yield self.diagnostic(_message(creation), notebook.index.node_span(creation.targets[0]))


def _message(creation: Creation) -> str:
    name = creation.name if len(creation.name) <= _NAME_WIDTH else creation.name[: _NAME_WIDTH - 3] + "..."
    message = f"`{name}` is never displayed, so its `.value` never changes"
    if len(creation.kinds) == 1:
        with_kind = message.replace("` is", f"` ({element_label(next(iter(creation.kinds)))}) is", 1)
        message = with_kind if len(with_kind) <= _MESSAGE_WIDTH else message
    return message
