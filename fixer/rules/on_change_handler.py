"""NB010 on-change-handler."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.nodes import walk
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.bindings import CellBindings
from nbfix.semantic.imports import Imports
from nbfix.semantic.ui import UiElements, element_label

# The methods of `mo.query_params()` that change the URL.
_QUERY_PARAMS_SETTERS = frozenset({"set", "append", "remove", "clear"})


@dataclass(frozen=True)
class _Synchronizers:
    """What a callback may call and still only feed marimo's dataflow: state setters, query parameters."""

    setters: frozenset[str]
    query_params: frozenset[str]
    notebook: Notebook
    code: CellBindings

    @cached_property
    def _defined_functions(self) -> frozenset[str]:
        """The name of every function a cell defines, at any depth (a superset of `code.functions`)."""
        return frozenset(
            node.name
            for cell in self.notebook.cells
            for kind in (ast.FunctionDef, ast.AsyncFunctionDef)
            for node in cell.nodes.of(kind)
        )

    def _functions(self, name: str) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, ...]:
        """The notebook functions named `name`; only a name some cell defines needs the walk of what runs."""
        if name not in self._defined_functions:
            return ()
        return self.code.functions.get(name, ())

    def _is_sync_call(self, call: ast.Call) -> bool:
        func = call.func
        if isinstance(func, ast.Name):
            return func.id in self.setters
        return (
            isinstance(func, ast.Attribute)
            and func.attr in _QUERY_PARAMS_SETTERS
            and isinstance(func.value, ast.Name)
            and func.value.id in self.query_params
        )

    def _calls_sync(self, node: ast.AST) -> bool:
        return any(isinstance(n, ast.Call) and self._is_sync_call(n) for n in walk((node,)))

    def _function_syncs(self, name: str) -> bool:
        return any(self._calls_sync(f) for f in self._functions(name))

    def feeds_dataflow(self, handler: ast.expr) -> bool:
        """Does the callback set `mo.state` (or a query parameter), directly or through a notebook function?

        marimo documents `on_change=set_value` as the way to keep an element
        in sync with state: setting state reruns the cells that read it, so
        such a callback feeds the dataflow instead of hiding work from it.
        """
        if isinstance(handler, ast.Name):
            return handler.id in self.setters or self._function_syncs(handler.id)
        if not isinstance(handler, ast.Lambda):
            return False
        if self._calls_sync(handler.body):
            return True
        return any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and self._function_syncs(n.func.id)
            for n in walk((handler.body,))
        )


def _synchronizers(notebook: Notebook, elements: UiElements) -> _Synchronizers:
    """Names bound to `mo.state` setters, and to `mo.query_params()` objects, anywhere in the notebook.

    `get, set = mo.state(...)` binds both names to the call; the setter is
    the second name of the unpacking.
    """
    setters: set[str] = set()
    query_params: set[str] = set()
    imports = elements.imports
    for cell in notebook.cells:
        if not _may_synchronize(cell, imports):
            continue
        for node in elements.code.nodes(cell):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
                continue
            called = imports.qualify(node.value.func)
            for target in node.targets:
                if called == "marimo.state" and isinstance(target, ast.Tuple) and len(target.elts) == 2:
                    setter = target.elts[1]
                    if isinstance(setter, ast.Name):
                        setters.add(setter.id)
                elif called == "marimo.query_params" and isinstance(target, ast.Name):
                    query_params.add(target.id)
    return _Synchronizers(frozenset(setters), frozenset(query_params), notebook, elements.code)


def _may_synchronize(cell: Cell, imports: Imports) -> bool:
    """Does the cell call `mo.state` or `mo.query_params` in an assignment anywhere (functions included)?

    Decided from the cell's node index: only such a cell needs the walk of the code that runs.
    """
    return any(
        isinstance(node.value, ast.Call)
        and imports.qualify(node.value.func) in ("marimo.state", "marimo.query_params")
        for node in cell.nodes.of(ast.Assign)
    )


def ui_calls_with_handler(
    elements: UiElements, nodes: Iterable[ast.AST]
) -> Iterator[tuple[str, ast.keyword]]:
    """The `on_change=` keyword (not `None`) of each call creating a UI element, with its kind."""
    for node in nodes:
        kind = elements.kind(node)
        if kind is None:
            continue
        for keyword in node.keywords:  # type: ignore[attr-defined]
            value = keyword.value
            if keyword.arg == "on_change" and not (isinstance(value, ast.Constant) and value.value is None):
                yield kind, keyword


@register
class OnChangeHandler(Rule):
    """
    ## What it does
    Finds `on_change=` callbacks passed to `mo.ui` elements (and to
    `.form()`). Off by default: enable it with `--select NB010`.

    ## Why is this bad?
    A callback hides the notebook's dataflow: the work it does happens
    outside any cell, its results are invisible to marimo's dependency graph,
    and the cells that need them are not rerun. The marimo way is to read the
    element's `.value` in another cell, which marimo reruns whenever the
    element changes.

    Not reported: callbacks that set `mo.state` (`on_change=set_value`, a
    lambda or a notebook function that calls a setter) or a query parameter
    (`mo.query_params().set(...)`). marimo documents these for keeping an
    element in sync with state: setting state reruns the cells that read it,
    so the callback feeds the dataflow instead of hiding work from it.

    ## Example
    ```python
    totals = []
    amount = mo.ui.number(0, 100, on_change=lambda v: totals.append(v))
    ```
    Use instead:
    ```python
    amount = mo.ui.number(0, 100)
    ```
    and in another cell:
    ```python
    total = amount.value
    ```

    ## Fix safety
    No fix: a callback's logic has to be moved into a cell by hand.
    """

    code = "NB010"
    name = "on-change-handler"
    severity = Severity.INFO
    fix_availability = NO_FIX
    needs_text = ("on_change",)
    default_enabled = False
    valid = (
        Example("import marimo as mo\n# ---\nslider = mo.ui.slider(1, 10)\n# ---\nsquared = slider.value**2"),
        Example(
            "import marimo as mo\n# ---\nget_n, set_n = mo.state(1)\n# ---\n"
            "n = mo.ui.number(1, 9, value=get_n(), on_change=set_n)\n"
            "m = mo.ui.slider(1, 9, value=get_n(), on_change=lambda v: set_n(v))"
        ),
    )
    invalid = (
        Example(
            "import marimo as mo\n# ---\n"
            "log = []\n# ---\n"
            "text = mo.ui.text(on_change=lambda v: log.append(v))"
        ),
        Example(
            "import marimo as mo\n# ---\n"
            "def report(v):\n    print(v)\n"
            "form = mo.ui.text().form(on_change=report)"
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        elements = UiElements.of(notebook)
        synchronizers = _synchronizers(notebook, elements)
        for cell in notebook.cells:
            if cell.kind is CellKind.UNPARSABLE:
                continue
            calls = [
                call for call in cell.nodes.of(ast.Call) if any(k.arg == "on_change" for k in call.keywords)
            ]
            for kind, keyword in ui_calls_with_handler(elements, calls):
                if synchronizers.feeds_dataflow(keyword.value):
                    continue
                yield self.diagnostic(
                    f"`on_change=` callback on {element_label(kind)}: read its `.value` in another cell",
                    notebook.index.node_span(keyword),
                )


__all__ = ["OnChangeHandler"]
