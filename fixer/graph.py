"""The cross-cell problems that stop marimo from running a notebook.

marimo runs cells in the order of a graph: an edge goes from the cell that
defines a name to each cell that reads it. It refuses a name defined by more
than one cell (its MB002), cells that depend on each other in a cycle (MB003),
and a setup cell that depends on another cell (MB004).

A fix must not bring in any of these. marimo's own linter can tell, but it
compiles every cell of the notebook to build its graph, and doing that twice
per fixed file cost more than the whole check of that file. The notebook
model already holds each cell's defs and refs exactly as marimo computes them
(`fixer.scope`, tested against marimo), so the graph is built from those;
`tests/test_graph.py` checks that this agrees with marimo's MB002-MB004.
"""

from __future__ import annotations

from dataclasses import dataclass

from fixer.notebook import Cell, CellKind, Notebook


@dataclass(frozen=True)
class GraphProblems:
    multiply_defined: frozenset[str]
    # One entry per group of cells that depend on each other: the names on
    # the edges inside the group (cells move between fix rounds; names do not).
    cycles: frozenset[frozenset[str]]
    # Names the setup cell reads that another cell defines.
    setup_dependencies: frozenset[str]

    def first_new(self, before: GraphProblems) -> str | None:
        """A description of a problem here that `before` did not have, or None."""
        for name in sorted(self.multiply_defined - before.multiply_defined):
            return f"`{name}` would be defined by more than one cell"
        for cycle in sorted(self.cycles - before.cycles, key=sorted):
            return f"cells would depend on each other in a cycle (through {', '.join(sorted(cycle))})"
        for name in sorted(self.setup_dependencies - before.setup_dependencies):
            return f"the setup cell would depend on `{name}`, defined by another cell"
        return None


def graph_problems(notebook: Notebook) -> GraphProblems:
    cells = [cell for cell in notebook.cells if cell.kind is not CellKind.UNPARSABLE]
    definers = notebook.definers
    multiply_defined = frozenset(name for name, owners in definers.items() if len(owners) > 1)
    # children[i]: (j, name) for each edge i -> j.
    position = {cell.index: i for i, cell in enumerate(cells)}
    children: list[list[tuple[int, str]]] = [[] for _ in cells]
    for j, cell in enumerate(cells):
        for name in cell.refs:
            for owner in definers.get(name, ()):
                i = position.get(owner.index)
                if i is not None and i != j:
                    children[i].append((j, name))
    setup_dependencies = frozenset(
        name
        for cell in cells
        if cell.kind is CellKind.SETUP
        for name in cell.refs
        if any(owner is not cell for owner in definers.get(name, ()))
    )
    return GraphProblems(multiply_defined, _cycles(cells, children), setup_dependencies)


def _cycles(cells: list[Cell], children: list[list[tuple[int, str]]]) -> frozenset[frozenset[str]]:
    """The edge names inside each strongly connected group of more than one cell."""
    reach = [_reachable(i, children) for i in range(len(cells))]
    groups: set[frozenset[int]] = set()
    for i in range(len(cells)):
        group = frozenset(j for j in reach[i] if i in reach[j])
        if len(group) > 1:
            groups.add(group)
    return frozenset(
        frozenset(name for i in group for j, name in children[i] if j in group) for group in groups
    )


def _reachable(start: int, children: list[list[tuple[int, str]]]) -> set[int]:
    seen = {start}
    stack = [start]
    while stack:
        for child, _ in children[stack.pop()]:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen
