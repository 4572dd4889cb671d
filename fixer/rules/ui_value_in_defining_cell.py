"""NB015 ui-value-in-defining-cell."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.nodes import walk
from nbfix.notebook import Cell, Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.bindings import BindingKind, CellBindings, bindings_of, parameters
from nbfix.semantic.execution import end_position, executed_nodes, position
from nbfix.semantic.ui import UiElements, element_label, value_reads


def _shadowed_in(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Does the function have its own `name` (a parameter, or a name it binds)?"""
    if name in parameters(function.args):
        return True
    declared = any(
        isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names for node in walk(function.body)
    )
    binds = name in bindings_of(executed_nodes(function.body))
    return binds and not declared


def _reads_when_called(
    function: ast.FunctionDef | ast.AsyncFunctionDef, elements: set[str]
) -> Iterator[tuple[str, ast.Attribute]]:
    """The `<element>.value` reads a function makes when called (nested functions not entered)."""
    for name, read in value_reads(executed_nodes(function.body)):
        if name in elements and not _shadowed_in(function, name):
            yield name, read


@register
class UiValueInDefiningCell(Rule):
    """
    ## What it does
    Finds a cell that reads `.value` of a `mo.ui` element that the same cell
    creates (`mo.ui.slider(...)`, `mo.ui.dictionary(...)`, `.form()`,
    `mo.md(...).batch(...)`, ...): at its top level, or in a function that
    the cell defines and calls.

    ## Why is this bad?
    marimo raises `RuntimeError: Accessing the value of a UIElement in the
    cell that created it is not allowed` when the cell runs: an element's
    value only reaches Python when the user interacts with it, and marimo then
    reruns the cells that *read* the element, never the one that created it
    (that would create a new element). Move the read to another cell.

    ## Example
    ```python
    threshold = mo.ui.slider(0, 1, step=0.1)
    filtered = scores[scores > threshold.value]
    ```
    Use instead:
    ```python
    threshold = mo.ui.slider(0, 1, step=0.1)
    threshold
    ```
    and in another cell:
    ```python
    filtered = scores[scores > threshold.value]
    ```

    ## Fix safety
    No fix: moving code to a new cell changes the notebook's layout and
    dataflow, which is the author's decision. Reads in an `on_change`
    callback, or in a function that another cell calls, are fine and not
    reported.
    """

    code = "NB015"
    name = "ui-value-in-defining-cell"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    needs_text = (".value",)
    valid = (
        Example("import marimo as mo\n# ---\nslider = mo.ui.slider(1, 10)\n# ---\nsquared = slider.value**2"),
        Example(
            "import marimo as mo\n# ---\n"
            "slider = mo.ui.slider(1, 10, on_change=lambda v: print(v))\n"
            "def current():\n    return slider.value\nslider"
        ),
    )
    invalid = (
        Example("import marimo as mo\n# ---\nslider = mo.ui.slider(1, 10)\nsquared = slider.value**2"),
        Example(
            "import marimo as mo\n# ---\n"
            "form = mo.ui.text().form()\n"
            "def submitted():\n    return form.value\n"
            "mo.vstack([form, mo.md(f'{submitted()}')])"
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        elements = UiElements.of(notebook)
        for cell in notebook.code_cells:
            yield from self._check_cell(notebook, elements, cell)

    def _check_cell(self, notebook: Notebook, elements: UiElements, cell: Cell) -> Iterator[Diagnostic]:
        """Each report reads `.value` somewhere in the cell (its own code or a function it defines).

        The cell's `.value` reads, from its node index, tell which of the three
        searches below can find anything: reads of a name need an element
        the cell creates, a read of a call's `.value` needs no binding.
        """
        reads = [node for node in cell.nodes.of(ast.Attribute) if node.attr == "value"]
        reads = [node for node in reads if isinstance(node.ctx, ast.Load)]
        of_name = any(isinstance(read.value, ast.Name) for read in reads)
        of_call = any(isinstance(read.value, ast.Call) for read in reads)
        if not (of_name or of_call):
            return
        created = _created(elements, cell) if of_name else {}
        index = notebook.index
        nodes = elements.code.nodes(cell)
        if created:
            for name, read in value_reads(nodes):
                if name in created and position(read) > created[name]:
                    yield self.diagnostic(_message(f"`{name}.value` read in"), index.node_span(read))
        if of_call:
            for node in nodes:
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr == "value"
                    and isinstance(node.ctx, ast.Load)
                ):
                    kind = elements.kind(node.value)
                    if kind is not None:
                        message = _message(f"`.value` of a {element_label(kind)} read in")
                        yield self.diagnostic(message, index.node_span(node))
        if created:
            yield from self._reads_in_called_functions(notebook, elements.code, cell, nodes, created)

    def _reads_in_called_functions(
        self,
        notebook: Notebook,
        code: CellBindings,
        cell: Cell,
        nodes: list[ast.AST],
        created: dict[str, tuple[int, int]],
    ) -> Iterator[Diagnostic]:
        functions = {
            name: b.node
            for name, bindings in code.bindings(cell).items()
            for b in bindings
            if b.kind is BindingKind.FUNCTION and len(bindings) == 1
        }
        reported: set[int] = set()
        for call in nodes:
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                continue
            function = functions.get(call.func.id)
            if function is None or position(call) < position(function):
                continue
            ready = {name for name, at in created.items() if at < position(call)}
            for name, read in _reads_when_called(function, ready):  # type: ignore[arg-type]
                if id(read) not in reported:
                    reported.add(id(read))
                    message = _message(f"`{name}.value` read by `{call.func.id}()` in")
                    yield self.diagnostic(message, notebook.index.node_span(read))


def _created(elements: UiElements, cell: Cell) -> dict[str, tuple[int, int]]:
    """The names the cell binds only to new UI elements, with where the first binding ends."""
    created: dict[str, tuple[int, int]] = {}
    for name, bindings in elements.code.bindings(cell).items():
        if all(b.kind is BindingKind.VALUE and b.value and elements.kind(b.value) for b in bindings):
            created[name] = min(end_position(b.node) for b in bindings)
    return created


def _message(what: str) -> str:
    return f"{what} the cell that creates it: a RuntimeError"
