"""marimo UI elements: which expressions create one, of what kind, and which names hold one.

`mo.ui.slider(...)` creates a slider; `mo.ui.text().form()` a form;
`mo.md("...").batch(...)` a batch. marimo reruns the cells that read an
element's `.value` when the user changes it, so the reactivity rules
(NB010-NB012, NB015) ask the same questions: does this call create an
element, is the name this cell reads an element another cell creates, and
of what kind (a `run_button` changes only on a click).

Names are resolved through `MarimoImports`: the notebook's imports, plus
the name the file itself imports marimo as (`import marimo` above `app =
marimo.App()`), which the cells' code is read as seeing too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from nbfix.notebook import Cell, Notebook
from nbfix.semantic import Fact
from nbfix.semantic.bindings import BindingKind, CellBindings
from nbfix.semantic.imports import Imports

# `.value` of an element made by these changes only on an explicit action (a click, a submit).
ACTION_KINDS = frozenset({"run_button", "button", "form"})


class MarimoImports(Imports):
    """`Imports`, where the name the file imports marimo as stands for "marimo" whatever a cell binds."""

    @classmethod
    def compute(cls, notebook: Notebook) -> MarimoImports:
        imports = Imports.of(notebook)
        return cls({**imports.bindings, notebook.marimo_alias: "marimo"}, imports.star_module)


def element_label(kind: str) -> str:
    """How a message names an element kind: "`mo.ui.slider`", "`.form()`"."""
    return f"`.{kind}()`" if kind in ("form", "batch") else f"`mo.ui.{kind}`"


def value_reads(nodes: Sequence[ast.AST] | Iterator[ast.AST]) -> Iterator[tuple[str, ast.Attribute]]:
    """Each `<name>.value` read among `nodes`, with the name."""
    for node in nodes:
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "value"
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name)
        ):
            yield node.value.id, node


@dataclass(frozen=True)
class UiElements(Fact):
    """Which expressions create UI elements, and which names other cells bind to one."""

    imports: Imports
    code: CellBindings

    @classmethod
    def compute(cls, notebook: Notebook) -> UiElements:
        return cls(MarimoImports.of(notebook), CellBindings.of(notebook))

    def kind(self, value: ast.AST) -> str | None:
        """The kind of UI element an expression creates ("slider", "form", ...); None if it creates none.

        `mo.ui.<kind>(...)` (also `mo.ui.slider.from_series(...)`), `<element>.form(...)`
        and `mo.md(...).batch(...)`; anything else (a helper that returns an
        element, an element taken from a list) is not known to create one.
        """
        if not isinstance(value, ast.Call):
            return None
        func = value.func
        qualified = self.imports.qualify(func)
        if qualified is not None and qualified.startswith("marimo.ui."):
            return qualified.split(".")[2]
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
            if func.attr == "form" and self.kind(func.value) is not None:
                return "form"
            if func.attr == "batch" and self.imports.is_from(func.value.func, "marimo"):
                return "batch"
        return None

    def kind_elsewhere(self, cell: Cell, name: str) -> str | None:
        """The kind of UI element `name` is, when every other cell defining it binds it to one."""
        bindings = self.code.bindings_elsewhere(cell, name)
        if not bindings:
            return None
        kinds = {self.kind(b.value) if b.kind is BindingKind.VALUE and b.value else None for b in bindings}
        return kinds.pop() if len(kinds) == 1 else None
