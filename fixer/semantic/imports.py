"""Imports and aliases: what each imported name stands for, notebook-wide.

marimo shares a cell's imports with every other cell, so one map from every
import of every cell serves all: `import marimo as mo` in one cell makes
`mo.md(...)` in another "marimo.md". The first binding of a name wins, in
file order. Relative imports bind nothing here; the first `from m import *`
is remembered (`star_module`), since a name it brings cannot be resolved.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cached_property

from nbfix.nodes import dotted_name
from nbfix.notebook import Notebook
from nbfix.semantic import Fact

# The name each module is conventionally imported as: preferred when a fix writes one.
CONVENTIONAL_ALIASES = {"torch": "torch", "marimo": "mo", "cupy": "cp", "numpy": "np", "pandas": "pd"}


@dataclass(frozen=True)
class Imports(Fact):
    """`mo` -> "marimo", `pipeline` -> "transformers.pipeline", `th` -> "torch"."""

    bindings: dict[str, str]
    star_module: str | None = None

    @classmethod
    def compute(cls, notebook: Notebook) -> Imports:
        bindings: dict[str, str] = {}
        for name, target in notebook.import_bindings:
            bindings.setdefault(name, target)
        return cls(bindings, _first_star_import(notebook))

    def qualify(self, node: ast.AST) -> str | None:
        """The dotted name an imported name (or an attribute of one) stands for; None if not imported."""
        dotted = dotted_name(node)
        if dotted is None:
            return None
        first, _, rest = dotted.partition(".")
        module = self.bindings.get(first)
        if module is None:
            return None
        return f"{module}.{rest}" if rest else module

    def is_from(self, node: ast.AST, module: str) -> bool:
        """Whether the node names `module` or something inside it (`mo.ui.slider`, "marimo")."""
        qualified = self.qualify(node)
        return qualified is not None and (qualified == module or qualified.startswith(module + "."))

    def aliases(self, module: str) -> list[str]:
        """The names bound to `module` itself, the conventional one first."""
        names = sorted(name for name, target in self.bindings.items() if target == module)
        preferred = CONVENTIONAL_ALIASES.get(module)
        return sorted(names, key=lambda name: name != preferred)

    @cached_property
    def modules(self) -> frozenset[str]:
        """The top-level modules the notebook imports anything from."""
        return frozenset(target.split(".")[0] for target in self.bindings.values())


def _first_star_import(notebook: Notebook) -> str | None:
    for cell in notebook.cells:
        for node in cell.nodes.of(ast.ImportFrom):
            if node.level == 0 and node.module and any(alias.name == "*" for alias in node.names):
                return node.module
    return None
