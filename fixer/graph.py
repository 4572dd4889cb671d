"""The cross-cell problems that stop marimo from running a notebook.

marimo runs cells in the order of a graph: an edge goes from the cell that
defines a name to each cell that reads it, and from each cell that reads a
name to every other cell that deletes it (`del x` runs after the reads of
`x`; two cells that both delete `x` depend on each other). It refuses a name
defined by more than one cell (its MB002), cells that depend on each other in
a cycle (MB003), and a setup cell that depends on another cell (MB004).

A fix must not bring in any of these. marimo's own linter can tell, but it
compiles every cell of the notebook to build its graph, and doing that twice
per fixed file cost more than the whole check of that file. The notebook
model already holds each cell's defs and refs exactly as marimo computes them
(`nbfix.scope`, tested against marimo), so the graph is built from those;
`tests/test_graph.py` checks that this agrees with marimo's MB002-MB004.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from nbfix.notebook import Cell, CellKind, Notebook


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
    cells, children = _edges(notebook)
    definers = notebook.definers
    multiply_defined = frozenset(name for name, owners in definers.items() if len(owners) > 1)
    setup_dependencies = frozenset(
        name
        for cell in cells
        if cell.kind is CellKind.SETUP
        for name in cell.refs
        if any(owner is not cell for owner in definers.get(name, ()))
    )
    return GraphProblems(multiply_defined, _cycles(cells, children), setup_dependencies)


def dependency_levels(notebook: Notebook) -> dict[int, int]:
    """Each cell's place (by `Cell.index`) in an order in which a cell comes after the cells it reads.

    Cells that depend on each other in a cycle share a place. So a cell can
    depend, directly or not, only on cells placed before it or beside it: a
    search for a path between two cells need not look outside that range.
    """
    cells, children = _edges(notebook)
    # Tarjan's algorithm finds a group after every group that depends on it.
    groups = _strongly_connected(len(cells), children)
    return {cells[i].index: len(groups) - place for place, group in enumerate(groups) for i in group}


def _edges(notebook: Notebook) -> tuple[list[Cell], list[list[tuple[int, str]]]]:
    """The parsable cells, and for each (by position) the (child position, name) of its edges."""
    cells = [cell for cell in notebook.cells if cell.kind is not CellKind.UNPARSABLE]
    definers = notebook.definers
    position = {cell.index: i for i, cell in enumerate(cells)}
    children: list[list[tuple[int, str]]] = [[] for _ in cells]
    deleted: dict[str, list[int]] = {}  # a name some cell deletes -> the cells that delete it
    for j, cell in enumerate(cells):
        for name in cell.refs:
            for owner in definers.get(name, ()):
                i = position.get(owner.index)
                if i is not None and i != j:
                    children[i].append((j, name))
        for name in cell.scope.deleted_refs:
            deleted.setdefault(name, []).append(j)
    if deleted:  # rare: most notebooks delete nothing another cell reads
        for i, cell in enumerate(cells):
            for name in cell.refs & deleted.keys():
                children[i].extend((j, name) for j in deleted[name] if j != i)
    return cells, children


@dataclass(frozen=True)
class CycleGroup:
    """Cells that depend on each other, directly or not: a strongly connected group of the graph."""

    cells: tuple[Cell, ...]  # in file order
    # (parent, child) by `Cell.index` -> the names on that edge, sorted: the child reads
    # what the parent defines, or deletes what the parent reads.
    edges: dict[tuple[int, int], tuple[str, ...]]

    @cached_property
    def _following(self) -> dict[int, list[int]]:
        following: dict[int, list[int]] = {}
        for parent, child in sorted(self.edges):
            following.setdefault(parent, []).append(child)
        return following

    def cycle_through(self, cell: Cell) -> list[Cell]:
        """A shortest cycle from `cell` back to itself (`cell` first, and not repeated at the end).

        A breadth-first search along the group's edges: linear in them.
        """
        start = cell.index
        came_from: dict[int, int] = {}
        frontier = [start]
        while frontier and start not in came_from:
            ahead = []
            for parent in frontier:
                for child in self._following.get(parent, ()):
                    if child not in came_from:
                        came_from[child] = parent
                        ahead.append(child)
            frontier = ahead
        if start not in came_from:
            raise ValueError(f"cell {start} is not in this group")
        path = [start]  # backwards, from the cell before `start` to the one after it
        while (previous := came_from[path[-1]]) != start:
            path.append(previous)
        by_index = {member.index: member for member in self.cells}
        return [by_index[index] for index in [start, *reversed(path[1:])]]


def cycle_groups(notebook: Notebook) -> list[CycleGroup]:
    """Each group of two cells or more that depend on each other in a cycle, in file order."""
    cells, children = _edges(notebook)
    groups = []
    for group in _strongly_connected(len(cells), children):
        if len(group) < 2:
            continue
        names: dict[tuple[int, int], set[str]] = {}
        for i in group:
            for j, name in children[i]:
                if j in group:
                    names.setdefault((cells[i].index, cells[j].index), set()).add(name)
        members = tuple(cells[i] for i in sorted(group))
        groups.append(CycleGroup(members, {edge: tuple(sorted(found)) for edge, found in names.items()}))
    return sorted(groups, key=lambda group: group.cells[0].index)


def _cycles(cells: list[Cell], children: list[list[tuple[int, str]]]) -> frozenset[frozenset[str]]:
    """The edge names inside each strongly connected group of more than one cell."""
    groups = [group for group in _strongly_connected(len(cells), children) if len(group) > 1]
    return frozenset(
        frozenset(name for i in group for j, name in children[i] if j in group) for group in groups
    )


def _strongly_connected(count: int, children: list[list[tuple[int, str]]]) -> list[frozenset[int]]:
    """The strongly connected components of the graph (Tarjan's algorithm, without recursion).

    Linear in cells and edges. Asking, for each cell, which cells it reaches
    was quadratic: 5,000 cells that each read the one before took seconds
    per check of the graph, and every fixed file is checked twice.
    """
    index = [-1] * count  # when each cell was first reached
    low = [0] * count  # the earliest cell on the stack that it reaches
    on_stack = [False] * count
    stack: list[int] = []
    components: list[frozenset[int]] = []
    counter = 0
    for root in range(count):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]  # (cell, position of the next child to look at)
        while work:
            cell, position = work[-1]
            edges = children[cell]
            if position < len(edges):
                work[-1] = (cell, position + 1)
                child = edges[position][0]
                if index[child] < 0:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack[child] = True
                    work.append((child, 0))
                elif on_stack[child]:
                    low[cell] = min(low[cell], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[cell])
            if low[cell] == index[cell]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component.append(member)
                    if member == cell:
                        break
                components.append(frozenset(component))
    return components
