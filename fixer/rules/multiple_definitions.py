"""NB004 multiple-definitions."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from nbfix.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from nbfix.notebook import Cell, CellKind, Notebook
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


def fix_blocker(notebook: Notebook, name: str) -> str | None:
    """Why `name` cannot be made private in every cell that defines it, or None."""
    cells = notebook.definers.get(name, ())
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
    if _repeats_private_import(notebook, name, private):
        return f"`import ... as {private}` would be repeated in several cells (marimo's MR004)"
    return None


# -- imports -------------------------------------------------------------------------
ImportKey = tuple[str, int, str, str]  # ("import" or "from", level, module, imported name)


def _import_key(statement: ast.Import | ast.ImportFrom, alias: ast.alias) -> ImportKey:
    if isinstance(statement, ast.ImportFrom):
        return ("from", statement.level, statement.module or "", alias.name)
    return ("import", 0, "", alias.name)


def _imports(cell: Cell, *, top_level: bool) -> dict[int, tuple[ast.Import | ast.ImportFrom, ast.alias]]:
    """The cell's import aliases by id, with their statements (only the body's own statements, or all)."""
    statements = (
        [s for s in cell.body if isinstance(s, (ast.Import, ast.ImportFrom))]
        if top_level
        else cell.nodes.of(ast.Import, ast.ImportFrom)
    )
    return {id(alias): (s, alias) for s in statements for alias in s.names}  # type: ignore[union-attr]


def _repeats_private_import(notebook: Notebook, name: str, private: str) -> bool:
    """Would `import x as _x` stand in two cells once every definer's `name` is made private?

    marimo's linter flags a private import alias repeated across cells
    (MR004): privatising a duplicated import trades one complaint for another.
    """
    cells_by_key: dict[ImportKey, set[int]] = {}
    for cell in notebook.cells:
        wanted = {private} if name not in cell.defs else {name, private}
        for statement, alias in _imports(cell, top_level=False).values():
            bound = alias.asname or alias.name.split(".")[0]
            if bound in wanted:
                cells_by_key.setdefault(_import_key(statement, alias), set()).add(cell.index)
    return any(len(cells) > 1 for cells in cells_by_key.values())


def _same_import(cell: Cell, name: str) -> ImportKey | None:
    """What `cell` imports as `name`, when every binding of `name` there is that one top-level import."""
    if name in cell.scope.deleted_refs:
        return None
    nodes = cell.scope.def_nodes.get(name, ())
    imports = _imports(cell, top_level=True)
    keys = set()
    for node in nodes:
        found = imports.get(id(node))
        if found is None:
            return None
        keys.add(_import_key(*found))
    return keys.pop() if len(keys) == 1 else None


def _only_imports_of(cell: Cell, name: str) -> bool:
    """Would removing its imports of `name` leave the cell with no statement?"""
    return all(
        isinstance(s, (ast.Import, ast.ImportFrom))
        and all((a.asname or a.name.split(".")[0]) == name for a in s.names)
        for s in cell.body
    )


def _depends_on_any(notebook: Notebook, start: Cell, targets: set[int], ignored: str) -> bool:
    """Does `start` read, directly or through other cells, a name a cell of `targets` defines?

    Reads of `ignored` are not followed: once the fix has run, only `start`
    defines it.
    """
    seen = {start.index}
    stack = [start]
    while stack:
        for ref in stack.pop().refs:
            if ref == ignored:
                continue
            for definer in notebook.definers.get(ref, ()):
                if definer.index in targets:
                    return True
                if definer.index not in seen:
                    seen.add(definer.index)
                    stack.append(definer)
    return False


@dataclass(frozen=True)
class ImportPlan:
    """Keep `name`'s import in `keeper`; remove it from `others`."""

    keeper: Cell
    others: tuple[Cell, ...]


def import_plan(notebook: Notebook, name: str) -> ImportPlan | str:
    """How to keep one of several identical imports of `name`, or why that is not the fix.

    Every cell that defines `name` must import the same thing as `name` at
    its top level, and nothing else must bind it there. The import stays in
    the first cell that reads nothing (directly or not) from the others, so
    that they can read it from that cell without a cycle; a cell that would
    be left empty keeps it instead.
    """
    cells = notebook.definers.get(name, ())
    keys = {_same_import(cell, name) for cell in cells}
    if None in keys or len(keys) != 1:
        return "the cells do not all import the same thing as it"
    if any(cell.kind not in (CellKind.CELL, CellKind.SETUP) for cell in cells):
        return f"a {cells[0].kind.value} cell defines it"
    setup = [cell for cell in cells if cell.kind is CellKind.SETUP]
    emptied = [cell for cell in cells if cell.is_code_cell and _only_imports_of(cell, name)]
    if len(setup) + len(emptied) > 1:
        return "removing the import would leave a cell empty"
    indices = {cell.index for cell in cells}
    candidates = [
        cell
        for cell in (*setup, *emptied, *cells)
        if not cell.options.get("disabled")
        and not _depends_on_any(notebook, cell, indices - {cell.index}, name)
    ]
    forced = [*setup, *emptied]  # the one cell that must keep the import, if any
    keeper = candidates[0] if candidates else None
    if keeper is None or (forced and keeper is not forced[0]):
        return "the cells that import it read from each other"
    return ImportPlan(keeper, tuple(cell for cell in cells if cell is not keeper))


def _remove_imports(notebook: Notebook, name: str, plan: ImportPlan) -> tuple[Edit, ...]:
    codemod = lazy_codemod("remove_import", "remove_import", name)
    edits: list[Edit] = []
    for cell in plan.others:
        edits.extend(rewrite_cell(notebook, cell, codemod))
    return tuple(edits)


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

    Two cells that import the same thing under the same name:
    ```python
    import json
    print(json.dumps({"device": "cuda:0"}))
    # ---
    import json
    config = json.loads('{"lr": 0.001}')
    ```
    Use instead: import it once, and read it from that cell
    ```python
    import json
    print(json.dumps({"device": "cuda:0"}))
    # ---
    config = json.loads('{"lr": 0.001}')
    ```

    ## Fix safety
    Safe, in two forms:
    - when every defining cell imports the same thing under the name, at
      its top level (`import json`, `from a import b`), the import stays in
      one cell (the first that reads nothing from the others; a cell that
      holds nothing but the import, or the setup cell, keeps it) and is
      removed from the others, which then read the name from that cell
      (their parameters are updated). Only the duplicated name goes from an
      import of several (`import os, json`). Whether other cells read the
      name does not matter: they keep seeing the same module.
    - otherwise, when no cell reads the name, it becomes private (`_gpu`) in
      every cell that defines it, which keeps each cell's meaning and makes
      the names local to their cells. A duplicated import is never made
      private: marimo's own linter flags `import json as _json` repeated in
      several cells (its MR004).

    No fix when another cell reads a name that is not one identical import
    (which of the definitions should it see?), when the notebook runs SQL
    (which may read it by name), when a setup cell, `@app.function` or
    `@app.class_definition` defines it with anything but the same import,
    or when a defining cell uses the name in a way a rename could break: as
    a function parameter, a class attribute, `f"{name=}"`, `name += ...`
    before it assigns it, or through `globals()`/`locals()`/`eval`. No fix
    either when two of the importing cells hold nothing but the import (one
    of them would be left empty), or when the importing cells read from each
    other so that sharing the import would make a cycle.

    ## Precision
    2026-12-03: 47 of 47 hits on the ecosystem notebooks are true; marimo's
    own linter reports every one of their 25 names (see
    docs/precision/NB004.md).
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
        Example(
            "import json\nprint(json.dumps([1]))\n# ---\nimport json\nconfig = json.loads('[2]')",
            "import json\nprint(json.dumps([1]))\n# ---\nconfig = json.loads('[2]')",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for name, cells in notebook.definers.items():
            if len(cells) < 2:
                continue
            message = f"`{name}` is defined in {len(cells)} cells: marimo refuses to run the notebook"
            fix = _fix(notebook, name)
            for cell in cells:
                yield self.diagnostic(message, _definition_span(notebook, cell, name), fix)


def _fix(notebook: Notebook, name: str) -> Fix | None:
    """One import kept (duplicated imports), or the name made private everywhere, or None."""
    plan = import_plan(notebook, name)
    if isinstance(plan, ImportPlan):
        return Fix(
            Applicability.SAFE,
            f"Keep one import of `{name}` and remove the others",
            partial(_remove_imports, notebook, name, plan),
        )
    if fix_blocker(notebook, name) is not None:
        return None
    return Fix(
        Applicability.SAFE,
        f"Make `{name}` private (`_{name}`) in every cell that defines it",
        partial(_make_private, notebook, name, notebook.definers[name]),
    )
