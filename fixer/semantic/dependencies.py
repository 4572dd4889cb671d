"""Which cells depend on which: the cycles among cells, and what the setup cell reads from others.

marimo refuses to run cells that depend on each other in a cycle and a setup
cell that reads a name another cell defines. Both questions are answered from
the cell graph of `nbfix.graph` (built from the defs and refs the notebook
model computes as marimo does), once per notebook, and phrased here the way
diagnostics name cells: a named cell by its name, an anonymous one (`_`,
`__`) by the line of its `def`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from nbfix.graph import CycleGroup, cycle_groups
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.semantic import Fact
from nbfix.source import Span


@dataclass(frozen=True)
class SetupRead:
    """A name the setup cell reads that other cells define."""

    setup: Cell
    name: str
    definers: tuple[Cell, ...]


@dataclass(frozen=True)
class Dependencies(Fact):
    cycles: tuple[CycleGroup, ...]
    setup_reads: tuple[SetupRead, ...]  # in the order of the names

    @classmethod
    def compute(cls, notebook: Notebook) -> Dependencies:
        setup_reads = []
        for cell in notebook.cells:
            if cell.kind is not CellKind.SETUP:
                continue
            for name in sorted(cell.refs):
                others = tuple(owner for owner in notebook.definers.get(name, ()) if owner is not cell)
                if others:
                    setup_reads.append(SetupRead(cell, name, others))
        return cls(tuple(cycle_groups(notebook)), tuple(setup_reads))


def cell_label(cell: Cell) -> str:
    """How a message names a cell: `load_data` (a named `@app.cell`), `the setup cell`, or `line 12`
    (the line of its `def`, for an anonymous cell, an `@app.function` or an `@app.class_definition`)."""
    if cell.kind is CellKind.SETUP:
        return "the setup cell"
    if cell.kind is CellKind.CELL and cell.name.strip("_"):
        return f"`{cell.name}`"
    return f"line {cell.node.lineno}"


def statement_line_span(notebook: Notebook, node: ast.stmt) -> Span:
    """A statement's first line, from where it starts (past decorators) to the line's end."""
    index = notebook.index
    start = index.offset(node.lineno, node.col_offset)
    line = index.data[start : index.line_end(node.lineno)]
    return index.span(start, start + len(line.rstrip(b"\r\n")))


def first_binding_span(notebook: Notebook, cell: Cell, name: str) -> Span | None:
    """Where `cell` first binds `name` at its top level: the target, the import, or a `def`/`class` line."""
    nodes = cell.scope.def_nodes.get(name, ())
    if not nodes:
        return None
    node = nodes[0]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return statement_line_span(notebook, node)
    return notebook.index.node_span(node)


def first_read_span(notebook: Notebook, cell: Cell, name: str) -> Span | None:
    """Where `cell` first reads the global `name`."""
    nodes = cell.scope.ref_nodes.get(name, ())
    return notebook.index.node_span(nodes[0]) if nodes else None
