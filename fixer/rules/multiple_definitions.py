"""NB004 multiple-definitions."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import partial

from nbfix.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from nbfix.notebook import Cell, Notebook
from nbfix.rewrite import lazy_codemod, rewrite_cell
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.source import Span

# Calls that reach variables by their name as a string: a rename would miss them.
_BY_NAME = frozenset({"globals", "locals", "vars", "eval", "exec"})


def _rename_blocker(cell: Cell, name: str, private: str) -> str | None:
    """Why renaming `name` to `private` throughout `cell` could change what it does, or None."""
    if not cell.is_code_cell:
        return f"a {cell.kind.value.replace('_', ' ')} cell defines it"
    if private in cell.identifiers:
        return f"`{private}` is already used in a defining cell"
    if _first_binding_updates(cell, name):
        return f"a defining cell updates `{name}` (`{name} += ...`) before it assigns it"
    for node in cell.nodes:
        if isinstance(node, ast.arg) and node.arg == name:
            return f"a function in a defining cell has a parameter named `{name}`"
        if isinstance(node, ast.ClassDef) and name in _class_attributes(node):
            return f"a class in a defining cell has an attribute `{name}`"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _BY_NAME:
            return f"a defining cell calls `{node.func.id}()`"
        if isinstance(node, ast.Import) and any(
            alias.asname is None and "." in alias.name and alias.name.split(".")[0] == name
            for alias in node.names
        ):
            return f"`import {name}.…` binds a package"
        if isinstance(node, ast.JoinedStr) and _self_documenting(node, name):
            return f"an f-string prints `{name}=`"
    return None


def _class_attributes(node: ast.ClassDef) -> set[str]:
    """Names bound in a class body itself (not in its methods): they become attributes."""
    names: set[str] = set()
    pending: list[ast.AST] = list(node.body)
    while pending:
        child = pending.pop()
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(child.name)
            continue  # their bodies are other scopes; decorators and defaults do not bind
        if isinstance(child, ast.Lambda):
            continue
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            names.add(child.id)
        elif isinstance(child, ast.alias):
            names.add(child.asname or child.name.split(".")[0])
        pending.extend(ast.iter_child_nodes(child))
    return names


def _first_binding_updates(cell: Cell, name: str) -> bool:
    """`x += 1` as a cell's first binding of `x`: marimo counts it as a definition, not a read.

    It updates another cell's `x`; made private, it would read an unbound `_x`.
    """
    nodes = cell.scope.def_nodes.get(name, ())
    return bool(nodes) and any(node.target is nodes[0] for node in cell.nodes.of(ast.AugAssign))


def _self_documenting(node: ast.JoinedStr, name: str) -> bool:
    """`f"{name=}"` prints the name itself."""
    pattern = re.compile(rf"(^|\W){re.escape(name)}\s*=\s*$")
    return any(
        isinstance(part, ast.Constant) and isinstance(part.value, str) and pattern.search(part.value)
        for part in node.values
    )


def private_spelling(name: str) -> str | None:
    """`x` -> `_x`; None for `__x`, which marimo does not treat as private with any prefix."""
    return None if name.startswith("_") else "_" + name


def _fix_blocker(notebook: Notebook, name: str, cells: tuple[Cell, ...]) -> str | None:
    """Why `name` cannot be made private in every defining cell, or None."""
    if name in notebook.all_refs:
        return "a cell reads it; rename it by hand in all defining cells but one"
    if notebook.uses_sql:
        return "the notebook runs SQL, which may read it by name"
    private = private_spelling(name)
    if private is None:
        return f"`{name}` has no private spelling (a leading `__` is not private in marimo)"
    if any(private in cell.scope.private_reads for cell in notebook.cells):
        return f"a cell reads `{private}`"
    for cell in cells:
        reason = _rename_blocker(cell, name, private)
        if reason:
            return reason
    return None


def _definition_span(notebook: Notebook, cell: Cell, name: str) -> Span:
    """Where `cell` first binds `name`: the target, the import, or the name after `def`/`class`."""
    nodes = cell.scope.def_nodes.get(name, ())
    index = notebook.index
    if not nodes:
        return index.node_span(cell.node)
    node = nodes[0]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        start = index.offset(node.lineno, node.col_offset)
        line = index.data[start : index.line_end(node.lineno)]
        match = re.search(rb"\b(?:def|class)\s+(" + re.escape(name.encode()) + rb")\b", line)
        if match:
            return index.span(start + match.start(1), start + match.end(1))
        return index.span(start, start)
    return index.node_span(node)


def _make_private(notebook: Notebook, name: str, cells: tuple[Cell, ...]) -> tuple[Edit, ...]:
    private = "_" + name  # private_spelling(name), which _fix_blocker checked
    codemod = lazy_codemod("rename_names", "rename_everywhere", name, private)
    edits: list[Edit] = []
    for cell in cells:
        edits.extend(rewrite_cell(notebook, cell, codemod))
    return tuple(edits)


@register
class MultipleDefinitions(Rule):
    """
    ## What it does
    Finds a global name that more than one cell defines: assigns, imports,
    or binds as a loop variable, function or class.

    ## Why is this bad?
    marimo works out the order of cells from which cell defines each name,
    so a name must have exactly one defining cell. marimo refuses to run a
    notebook where two cells define the same name (its "multiple
    definitions" error). The usual cause is a throwaway name reused across
    cells: loop variables (`i`, `gpu`), `fig, ax = plt.subplots()`.

    ## Example
    ```python
    for gpu in range(2):
        print(gpu)
    # ---
    for gpu in range(4):
        print(gpu * 2)
    ```
    Use instead:
    ```python
    for _gpu in range(2):
        print(_gpu)
    # ---
    for _gpu in range(4):
        print(_gpu * 2)
    ```

    ## Fix safety
    Safe, when no cell reads the name: it becomes private (`_gpu`) in every
    cell that defines it, which keeps each cell's meaning and makes the names
    local to their cells. No fix when another cell reads it (which of the
    definitions should it see?), when the notebook runs SQL (which may read
    it by name), when a setup cell, `@app.function` or `@app.class_definition`
    defines it, or when a defining cell uses the name in a way a rename could
    break: as a function parameter, a class attribute, `f"{name=}"`, or
    through `globals()`/`locals()`/`eval`.
    """

    code = "NB004"
    name = "multiple-definitions"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    valid = (
        Example("for _gpu in range(2):\n    print(_gpu)\n# ---\nfor _gpu in range(4):\n    print(_gpu * 2)"),
        Example("total = 1\n# ---\ndoubled = total * 2"),
    )
    invalid = (
        Example(
            "for gpu in range(2):\n    print(gpu)\n# ---\nfor gpu in range(4):\n    print(gpu * 2)",
            "for _gpu in range(2):\n    print(_gpu)\n# ---\nfor _gpu in range(4):\n    print(_gpu * 2)",
        ),
        Example("limit = 1\n# ---\nlimit = 2\n# ---\nprint(limit)"),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for name, cells in notebook.definers.items():
            if len(cells) < 2:
                continue
            message = (
                f"`{name}` is defined in {len(cells)} cells: marimo refuses to run a notebook "
                "where more than one cell defines a name"
            )
            blocker = _fix_blocker(notebook, name, cells)
            fix = None
            if blocker is None:
                fix = Fix(
                    Applicability.SAFE,
                    f"Make `{name}` private (`_{name}`) in every cell that defines it",
                    partial(_make_private, notebook, name, cells),
                )
            else:
                message += f" (no automatic fix: {blocker})"
            for cell in cells:
                yield self.diagnostic(message, _definition_span(notebook, cell, name), fix)
