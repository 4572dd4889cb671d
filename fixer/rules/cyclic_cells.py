"""NB022 cyclic-cells."""

from __future__ import annotations

from collections.abc import Iterator

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.graph import CycleGroup
from nbfix.messages import listing
from nbfix.notebook import Cell, Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.dependencies import (
    Dependencies,
    cell_label,
    first_binding_span,
    first_read_span,
    statement_line_span,
)
from nbfix.source import Span

MAX_MESSAGE = 100
# Past this many cells a group shares one cycle in every message: a search per cell would be quadratic.
_SEARCHED_GROUP = 64


def _names(names: tuple[str, ...], limit: int) -> str:
    return listing([f"`{name}`" for name in names], limit)


def _hop(parent: Cell, child: Cell, names: tuple[str, ...], limit: int) -> str:
    """`line 20 (`x`)`: the child and the names it reads from the parent (`del `x``: deletes after it)."""
    deletes = tuple(n for n in names if n in child.scope.deleted_refs and n not in parent.defs)
    reads = tuple(n for n in names if n not in deletes)
    parts = [_names(reads, limit)] if reads else []
    if deletes:
        parts.append(f"del {_names(deletes, limit)}")
    return f"{cell_label(child)} ({', '.join(parts)})"


def cycle_message(group: CycleGroup, cycle: list[Cell]) -> str:
    """`Cells form a cycle: line 12 -> line 20 (`x`) -> line 12 (`y`)`, cut to fit."""
    pairs = list(zip(cycle, [*cycle[1:], cycle[0]], strict=True))
    head = f"Cells form a cycle: {cell_label(cycle[0])}"
    for limit in (3, 1):
        hops = [_hop(a, b, group.edges[a.index, b.index], limit) for a, b in pairs]
        text = head + "".join(f" -> {hop}" for hop in hops)
        if len(text) <= MAX_MESSAGE:
            return text
    shown = len(hops)
    while shown > 1 and len(text) > MAX_MESSAGE:
        shown -= 1
        text = head + "".join(f" -> {hop}" for hop in hops[:shown]) + f" and {len(hops) - shown} more"
    return text


def _span(notebook: Notebook, group: CycleGroup, cell: Cell, cycle: list[Cell]) -> Span:
    """Where `cell` hands the next cell of the cycle what it needs: a definition, or a read that a
    `del` there follows (a cell off the cycle: any of its edges in the group)."""
    outgoing = [names for (parent, _), names in sorted(group.edges.items()) if parent == cell.index]
    if cycle[0] is cell:
        outgoing.insert(0, group.edges[cell.index, cycle[1].index])
    for names in outgoing:
        for name in names:
            span = first_binding_span(notebook, cell, name) or first_read_span(notebook, cell, name)
            if span is not None:
                return span
    return statement_line_span(notebook, cell.node)


def _cycles(group: CycleGroup) -> Iterator[tuple[Cell, list[Cell]]]:
    """Each cell of the group, with a cycle through it that starts at it.

    Past `_SEARCHED_GROUP` cells one cycle is shared, since a search per cell
    would be quadratic: a cell on it gets it turned to start at the cell, a
    cell off it gets it as it is.
    """
    if len(group.cells) <= _SEARCHED_GROUP:
        for cell in group.cells:
            yield cell, group.cycle_through(cell)
        return
    shared = group.cycle_through(group.cells[0])
    for cell in group.cells:
        at = next((i for i, member in enumerate(shared) if member is cell), 0)
        yield cell, [*shared[at:], *shared[:at]]


@register
class CyclicCells(Rule):
    """
    ## What it does
    Finds cells that depend on each other in a cycle: a cell reads a name
    that a second cell defines, and the second cell (directly, or through
    other cells) reads a name that the first one defines. A cell that
    deletes a name (`del x`) runs after every cell that reads it, so
    deleting a name in two cells, or deleting one that a cell you read
    from reads, also closes a cycle. Each cell of the cycle is reported,
    with a shortest cycle through it: in `line 12 -> line 20 (`x`)` the
    cell at line 20 reads `x`, which the cell at line 12 defines; in
    `line 12 -> line 20 (del `x`)` it deletes `x`, which the cell at line
    12 reads. A cell with a name of its own is named by it.

    ## Why is this bad?
    marimo runs a cell after the cells it reads from. In a cycle no cell
    can run first, so marimo refuses to run any cell of it (its "cycle"
    error, MB003). The usual cause is one value computed in two steps by
    two cells that each need the other's result, or a name reused for two
    different things.

    ## Example
    ```python
    total = offset + 1
    # ---
    offset = total * 2
    ```
    Use instead:
    ```python
    total = 1
    # ---
    offset = total * 2
    ```

    ## Fix safety
    No fix: which cell should give way is a design decision. Move the
    computation that needs both values into one cell, or break the cycle
    by giving one of the names another source.

    ## Precision
    2026-12-03, on the 1,080 notebooks of the ecosystem check: 14 of 14
    diagnostics true (100%), in 6 notebooks, all marimo's own tutorial,
    smoke test and fixtures; marimo's MB003 agrees on each cell. See
    `docs/precision/NB022.md`.
    """

    code = "NB022"
    name = "cyclic-cells"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    valid = (Example("total = 1\n# ---\noffset = total * 2"),)
    invalid = (Example("total = offset + 1\n# ---\noffset = total * 2"),)

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for group in Dependencies.of(notebook).cycles:
            for cell, cycle in _cycles(group):
                yield self.diagnostic(cycle_message(group, cycle), _span(notebook, group, cell, cycle))
