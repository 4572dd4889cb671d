"""NB002 undefined-name."""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Edit, Fix, FixUnavailable, Severity
from nbfix.nodes import walk
from nbfix.notebook import BUILTINS, Cell, CellKind, Notebook
from nbfix.rewrite import lazy_codemod, node_position, rewrite_cell
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.scope import is_private
from nbfix.semantic.sql import SqlNames

_NESTED_SCOPES = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def fold(name: str) -> str:
    """`CUDF_AVAILABLE`, `cudf_available` and `_Cudf_Available` fold to the same key."""
    return name.lower().lstrip("_")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def imports_marimo(cell: Cell) -> bool:
    return any(any(alias.name == "marimo" for alias in node.names) for node in cell.nodes.of(ast.Import))


def bound_in_nested_scope(cell: Cell, name: str) -> bool:
    """Whether a function, class or comprehension in the cell binds `name` (a rename would be captured)."""
    for scope in cell.nodes.of(*_NESTED_SCOPES):
        for node in walk((scope,)):
            if _binds(node, name):
                return True
    return False


def _binds(node: ast.AST, name: str) -> bool:
    if isinstance(node, ast.Name):
        return node.id == name and not isinstance(node.ctx, ast.Load)
    if isinstance(node, ast.arg):
        return node.arg == name
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name == name
    return False


def _rename_fix(notebook: Notebook, cell: Cell, old: str, new: str) -> Fix:
    """Rename the cell's reads of `old` to `new`, a name another cell already defines.

    Unsafe, and declared as a rename to an existing binding: the code then
    refers to another object, and if the undefined name came from another fix
    of the same run (a name made private, a new f-string field), that fix is
    dropped instead (RULES.md, fix contract 5).
    """

    def build() -> tuple[Edit, ...]:
        nodes = cell.scope.ref_nodes.get(old, ())
        if not nodes or not all(isinstance(node, ast.Name) for node in nodes):
            raise FixUnavailable(f"`{old}` is read through `global`; rename it by hand")
        if bound_in_nested_scope(cell, new):
            raise FixUnavailable(f"a function or comprehension in the cell binds `{new}`")
        positions = [node_position(notebook, cell, node) for node in nodes]
        # The parameter list names it too (RULES.md): the mend of the signature adds
        # `new` but would leave `old` behind, an undefined parameter.
        arguments = getattr(cell.node, "args", None)
        if arguments is not None and new not in cell.params:
            for arg in (*arguments.posonlyargs, *arguments.args):
                if arg.arg == old:
                    positions.append(node_position(notebook, cell, arg))
        return rewrite_cell(notebook, cell, lazy_codemod("rename_names", "rename_reads", positions, old, new))

    return Fix(Applicability.UNSAFE, f"Rename `{old}` to `{new}`", build, renames_to_existing=True)


def _import_marimo_fix(notebook: Notebook) -> Fix:
    def build() -> tuple[Edit, ...]:
        first = next((c for c in notebook.cells if c.kind is not CellKind.SETUP), None)
        if first is None:
            raise FixUnavailable("the notebook has no cell to insert before")
        newline = notebook.index.newline
        lines = ["@app.cell", "def _():", "    import marimo as mo", "    return (mo,)", "", "", ""]
        cell = newline.join(lines)
        return (Edit(first.span.start, first.span.start, cell),)

    return Fix(Applicability.SAFE, "Add a cell with `import marimo as mo`", build, adds_cell=True)


@register
class UndefinedName(Rule):
    """
    ## What it does
    Finds names a cell reads (in its body or its parameter list) that no cell,
    setup cell, `@app.function`, `@app.class_definition`, import or builtin
    defines.

    ## Why is this bad?
    marimo runs the cell and it fails with a `NameError`. The usual cause is a
    name spelt differently in the defining cell (`cudf_available` read where
    `CUDF_AVAILABLE` was written), or `mo` used without a cell importing marimo.

    ## Example
    ```python
    CUDF_AVAILABLE = True
    # --- another cell
    if cudf_available:
        print("GPU dataframes")
    ```
    Use instead:
    ```python
    if CUDF_AVAILABLE:
        print("GPU dataframes")
    ```

    ## Fix safety
    Unsafe when exactly one defined name is the same after case-folding and
    stripping leading underscores: the reads in this cell are renamed to it
    (`--unsafe-fixes`). The rename binds the code to another cell's object,
    which may hide the real mistake: a misspelt definition, or a name that was
    meant to be defined here. Unsafe too when the only match is within edit
    distance 2 (names of 4+ characters). An undefined name that another fix of
    the same run brought up (a variable made private, a new f-string field) is
    never renamed: that other fix is dropped instead. Safe for `mo` when no
    cell imports marimo: a new first cell `import marimo as mo`. Otherwise no
    fix; the message lists the closest names.
    A notebook with a `from x import *` cell or an unparsable cell is not
    checked: the names those define are unknown. Nor is a name that appears
    in the text of any cell's SQL (`mo.sql(...)`): a table that a
    `CREATE TABLE` or the database provides, which marimo writes into
    signatures.
    """

    code = "NB002"
    name = "undefined-name"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE, Applicability.UNSAFE)
    valid = (
        Example("import math\n# ---\nprint(math.pi, len([1]), __file__)"),
        Example("def helper():\n    return later\nlater = 1\n# ---\nprint(helper())"),
    )
    invalid = (
        # The rename to `CUDF_AVAILABLE` is unsafe: `--write` alone leaves the cell as it is
        # (corpus/NB002/case_mismatch.unsafe.fixed.py is the result with `--unsafe-fixes`).
        Example("CUDF_AVAILABLE = True\n# ---\nif cudf_available:\n    print('gpu')"),
        Example(
            "title = 'GPU report'\n# ---\nmo.md(title)",
            "import marimo as mo\n# ---\ntitle = 'GPU report'\n# ---\nmo.md(title)",
        ),
        Example("print(completely_unknown)"),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if any(c.scope.star_import or c.kind is CellKind.UNPARSABLE for c in notebook.cells):
            return
        # A name some cell's SQL may name is a table that SQL or the engine provides.
        sql = SqlNames.of(notebook)
        defined = set(notebook.definers) | notebook.toplevel_names
        defined.update(name for cell in notebook.cells for name in cell.refs if sql.anywhere(name))
        defined.update(name for cell in notebook.code_cells for name in cell.params if sql.anywhere(name))
        known = defined | BUILTINS
        candidates = sorted(n for n in defined if not is_private(n))
        marimo_in_a_cell = any(imports_marimo(c) for c in notebook.cells)
        for cell in notebook.cells:
            for name in sorted(cell.refs - known):
                node = cell.scope.ref_nodes[name][0]
                message, fix = self._explain(notebook, cell, name, candidates, marimo_in_a_cell)
                yield self.diagnostic(message, notebook.index.node_span(node), fix)
            yield from self._undefined_parameters(notebook, cell, defined)
            for name, reads in sorted(cell.scope.private_reads.items()):
                if name not in defined and not any(name in c.scope.def_nodes for c in notebook.cells):
                    yield self.diagnostic(
                        f"Undefined name `{name}`: no cell defines it", notebook.index.node_span(reads[0])
                    )

    def _explain(
        self, notebook: Notebook, cell: Cell, name: str, candidates: list[str], marimo_in_a_cell: bool
    ) -> tuple[str, Fix | None]:
        if name == "mo" and not marimo_in_a_cell:
            return "Undefined name `mo`: no cell imports marimo", _import_marimo_fix(notebook)
        same = [c for c in candidates if fold(c) == fold(name)]
        if len(same) == 1:
            return (
                f"Undefined name `{name}`: a cell defines `{same[0]}`",
                _rename_fix(notebook, cell, name, same[0]),
            )
        if len(same) > 1:
            listed = ", ".join(f"`{c}`" for c in same)
            return f"Undefined name `{name}`: several cells define a name spelt like it ({listed})", None
        if len(name) >= 4:
            near = [c for c in candidates if len(c) >= 4 and edit_distance(name, c, 2) <= 2]
            if len(near) == 1:
                return (
                    f"Undefined name `{name}`: did you mean `{near[0]}`?",
                    _rename_fix(notebook, cell, name, near[0]),
                )
        closest = difflib.get_close_matches(name, candidates, n=3)
        hint = f" (closest: {', '.join(f'`{c}`' for c in closest)})" if closest else ""
        return f"Undefined name `{name}`: no cell defines it{hint}", None

    def _undefined_parameters(
        self, notebook: Notebook, cell: Cell, defined: set[str]
    ) -> Iterator[Diagnostic]:
        if not cell.is_code_cell:
            return
        arguments = cell.node.args  # type: ignore[attr-defined]
        for arg in (*arguments.posonlyargs, *arguments.args):
            name = arg.arg
            if name in cell.refs or name in defined or name in BUILTINS or is_private(name):
                continue
            yield self.diagnostic(
                f"Undefined name `{name}` in the cell's parameters: no cell defines it",
                notebook.index.node_span(arg),
            )
