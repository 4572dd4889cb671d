"""NB003 private-name-shared."""

from __future__ import annotations

import ast
import builtins
import keyword
from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from nbfix.messages import code_list
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rewrite import cell_fix, lazy_codemod, rewrite_cell
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.scope import is_private
from nbfix.signature import header_span, signature_codemod


def public_name(name: str) -> str:
    return name.lstrip("_")


def rename_blocker(notebook: Notebook, name: str, cells: list[Cell]) -> str | None:
    """Why `name` cannot become public in `cells`, or None when it can."""
    new = public_name(name)
    if not new.isidentifier() or keyword.iskeyword(new):
        return f"`{name}` has no public spelling"
    if any(cell.kind not in (CellKind.CELL, CellKind.FUNCTION) for cell in cells):
        return "a setup cell, class cell or unparsable cell would have to be renamed"
    if hasattr(builtins, new):
        return f"`{new}` is a builtin"
    if new in notebook.definers or new in notebook.toplevel_names or new in notebook.all_refs:
        return f"`{new}` is already used in the notebook"
    if any(new in cell.identifiers for cell in cells):
        return f"`{new}` is already used in a cell that would be renamed"
    return None


def _rename_fix(notebook: Notebook, name: str, cells: list[Cell]) -> Fix | None:
    """The rename of `name` to its public spelling in `cells`; None when it could collide."""
    if rename_blocker(notebook, name, cells):
        return None
    new = public_name(name)

    def build() -> tuple[Edit, ...]:
        codemod = lazy_codemod("rename_names", "rename_everywhere", name, new)
        edits: list[Edit] = []
        for cell in cells:
            edits.extend(rewrite_cell(notebook, cell, codemod))
        return tuple(edits)

    return Fix(Applicability.SAFE, f"Rename `{name}` to `{new}` in every cell that uses it", build)


@register
class PrivateNameShared(Rule):
    """
    ## What it does
    Finds `_private` names used across cells: defined in one cell and read
    (in the body or the parameter list) by another, or listed in a cell's
    `return`.

    ## Why is this bad?
    In marimo, a name that starts with an underscore is local to its cell:
    marimo renames it when it runs the cell, so another cell reading it gets a
    `NameError`, and listing it in a `return` shares nothing.

    That holds for `_` itself: marimo 0.25 treats `_` as private like any
    `_name`, so ibis' `from ibis import _` in one cell does not give `_` to
    the others (each cell that uses the deferred `_` must import it), and a
    `for _ in ...` in one cell is nothing another cell can read. It holds for
    the setup cell too: `import numpy as _np` in `with app.setup:` leaves
    `_np` undefined in the other cells and in `@app.function`s when marimo
    runs the notebook.

    ## Example
    ```python
    _threshold = 0.5
    # --- another cell
    keep = [s for s in scores if s > _threshold]
    ```
    Use instead:
    ```python
    threshold = 0.5
    # --- another cell
    keep = [s for s in scores if s > threshold]
    ```

    ## Fix safety
    Safe: the name loses its leading underscores in the defining cell and in
    every reader, which is a consistent renaming to a name nothing else in
    those cells or the notebook uses. Only when exactly one cell defines the
    private name: when several do (each its own temporary `_i`), a rename
    would merge them into one public name that marimo then sees defined
    twice, so there is no fix. No fix either when the new name would collide
    with a name any cell defines or reads, a builtin, or a name the renamed
    cells already use, when there is none (`_`, `_1`), or when the setup
    cell defines it (the rename edits cell functions only). A private name
    only listed in a `return` is dropped from it.

    ## Precision
    2026-12-03: 9 of 9 hits on the ecosystem notebooks are true, each a
    NameError when marimo 0.25 runs the notebook (see
    docs/precision/NB003.md).
    """

    code = "NB003"
    name = "private-name-shared"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    valid = (Example("_scratch = 1\nprint(_scratch)\n# ---\n_scratch = 2\nprint(_scratch)"),)
    invalid = (
        Example(
            "_threshold = 0.5\n# ---\nprint(1 > _threshold)",
            "threshold = 0.5\n# ---\nprint(1 > threshold)",
        ),
        Example("_a = 1\n# ---\n_a = 2\n# ---\nprint(_a)"),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        readers: dict[str, list[tuple[Cell, ast.AST]]] = {}
        for cell in notebook.cells:
            for name, nodes in cell.scope.private_reads.items():
                readers.setdefault(name, []).append((cell, nodes[0]))
            if cell.is_code_cell:
                for arg in (*cell.node.args.posonlyargs, *cell.node.args.args):  # type: ignore[attr-defined]
                    if is_private(arg.arg) and arg.arg not in cell.scope.private_reads:
                        readers.setdefault(arg.arg, []).append((cell, arg))
        # Only the definers of names some cell reads matter.
        private_definers: dict[str, list[Cell]] = {}
        if readers:
            for cell in notebook.cells:
                for name in cell.scope.def_nodes.keys() & readers.keys():
                    if is_private(name):
                        private_definers.setdefault(name, []).append(cell)

        for name, reading in sorted(readers.items()):
            definers = private_definers.get(name, [])
            others = [c for c in definers if all(c is not r for r, _ in reading)]
            if not others:
                continue  # undefined everywhere: NB002's business
            fix = None
            if len(definers) == 1:
                cells = [definers[0], *(cell for cell, _ in reading if cell is not definers[0])]
                fix = _rename_fix(notebook, name, cells)
            where = "the cell that defines it" if len(definers) == 1 else "each cell that defines it"
            for _reader, node in reading:
                yield self.diagnostic(
                    f"`{name}` is private to {where} (its name starts with `_`)",
                    notebook.index.node_span(node),
                    fix,
                )
        yield from self._private_returns(notebook, readers)

    def _private_returns(self, notebook: Notebook, readers: dict[str, list]) -> Iterator[Diagnostic]:
        for cell in notebook.code_cells:
            listed = [n for n in cell.returned_names or () if is_private(n) and n not in readers]
            if not listed:
                continue
            codemod = signature_codemod(notebook, cell)
            yield self.diagnostic(
                f"The cell's return lists private {code_list(listed)}: marimo never shares a `_` name",
                header_span(notebook, cell),
                cell_fix(notebook, cell, codemod, Applicability.SAFE, "Drop private names from the return"),
            )
