"""Which names code binds, and how.

Two questions, asked by several rules:
- which names a statement binds in its own scope, as Python decides it
  (`bound_names`, `binds`, `parameters`): whether a nested function or
  comprehension has its own `x`, whether a name is rebound further down a block;
- how a cell binds each name when it runs (`bindings_of`, `CellBindings`): to
  the value of an assignment, by an import, a `def`, a loop... which is what
  tells a UI element, a figure or a dataframe from one another. A cell's
  bindings are computed the first time a rule asks and kept on the notebook.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from nbfix.nodes import walk
from nbfix.notebook import Cell, Notebook
from nbfix.semantic import Fact
from nbfix.semantic.execution import executed_nodes

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPES = (*_FUNCTIONS, ast.ClassDef, ast.Lambda)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


# -- names in an expression -------------------------------------------------------
def root_name(node: ast.AST) -> ast.Name | None:
    """The name an attribute/subscript chain starts from (`df.loc[0]` -> `df`); None past a call."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def stored_names(target: ast.AST) -> list[str]:
    """The names an assignment target stores to (`a, (b, *c)` -> a, b, c), in walk order."""
    return [
        node.id for node in walk([target]) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    ]


def parameters(args: ast.arguments) -> frozenset[str]:
    """Every parameter name, `*args` and `**kwargs` included."""
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return frozenset(arg.arg for arg in every if arg is not None)


# -- names a statement binds in its scope -------------------------------------------
def scope_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """`node` and its descendants in the same scope (nested scopes are yielded, not entered)."""
    yield node
    if isinstance(node, (*_SCOPES, *_COMPREHENSIONS)):
        return
    for child in ast.iter_child_nodes(node):
        yield from scope_nodes(child)


def bound_names(node: ast.AST) -> Iterator[str]:
    """The names one node binds in its scope (a `global`/`nonlocal` declaration counts)."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        yield node.id
    elif isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
        yield node.name
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            yield alias.asname or alias.name.split(".")[0]
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        yield from node.names
    elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
        yield node.name
    elif isinstance(node, ast.MatchMapping) and node.rest:
        yield node.rest
    elif isinstance(node, _COMPREHENSIONS):  # a walrus in a comprehension binds outside it
        for inner in ast.walk(node):
            if isinstance(inner, ast.NamedExpr) and isinstance(inner.target, ast.Name):
                yield inner.target.id


def binds(statement: ast.stmt, name: str) -> bool:
    """Whether running `statement` binds `name` in the scope it stands in."""
    return any(name in bound_names(node) for node in scope_nodes(statement))


# -- how a cell binds names when it runs ----------------------------------------------
class BindingKind(Enum):
    VALUE = "value"  # `x = <value>` (also annotated, walrus, and each name of an unpacking)
    IMPORT = "import"
    FUNCTION = "function"
    CLASS = "class"
    LOOP = "loop"  # a `for` target
    OTHER = "other"  # `with ... as x`, `x += ...`, `except ... as x`, match captures, ...


@dataclass(frozen=True)
class Binding:
    kind: BindingKind
    node: ast.AST  # the statement (or walrus) that binds
    value: ast.expr | None = None  # for VALUE: the expression the name is bound to


def _target_values(target: ast.expr, value: ast.expr) -> Iterator[tuple[str, ast.expr]]:
    """`a, b = f(), g()` -> (a, f()), (b, g()); `a, b = h()` -> (a, h()), (b, h())."""
    if isinstance(target, ast.Name):
        yield target.id, value
    elif isinstance(target, (ast.Tuple, ast.List)):
        paired = (
            isinstance(value, (ast.Tuple, ast.List))
            and len(value.elts) == len(target.elts)
            and not any(isinstance(e, ast.Starred) for e in (*value.elts, *target.elts))
        )
        for index, element in enumerate(target.elts):
            inner = element.value if isinstance(element, ast.Starred) else element
            yield from _target_values(inner, value.elts[index] if paired else value)  # type: ignore[attr-defined]


def _bindings_of(node: ast.AST) -> Iterator[tuple[str, Binding]]:
    if isinstance(node, ast.Assign):
        for target in node.targets:
            for name, value in _target_values(target, node.value):
                yield name, Binding(BindingKind.VALUE, node, value)
    elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and isinstance(node.target, ast.Name):
        if node.value is not None:
            yield node.target.id, Binding(BindingKind.VALUE, node, node.value)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            yield (alias.asname or alias.name.split(".")[0]), Binding(BindingKind.IMPORT, node)
    elif isinstance(node, _FUNCTIONS):
        yield node.name, Binding(BindingKind.FUNCTION, node)
    elif isinstance(node, ast.ClassDef):
        yield node.name, Binding(BindingKind.CLASS, node)
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        for name in stored_names(node.target):
            yield name, Binding(BindingKind.LOOP, node)
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            if item.optional_vars is not None:
                for name in stored_names(item.optional_vars):
                    yield name, Binding(BindingKind.OTHER, node)
    elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        yield node.target.id, Binding(BindingKind.OTHER, node)
    elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
        yield node.name, Binding(BindingKind.OTHER, node)


# The node types `_bindings_of` reads: any other node binds nothing, and most nodes are of other types.
_BINDING_TYPES = frozenset(
    {ast.Assign, ast.AnnAssign, ast.NamedExpr, ast.Import, ast.ImportFrom, *_FUNCTIONS, ast.ClassDef}
    | {ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, ast.AugAssign, ast.ExceptHandler}
    | {ast.MatchAs, ast.MatchStar}
)


def bindings_of(nodes: Sequence[ast.AST]) -> dict[str, tuple[Binding, ...]]:
    """Every name that running `nodes` binds (private names too), with how."""
    found: dict[str, list[Binding]] = {}
    for node in nodes:
        if type(node) not in _BINDING_TYPES:
            continue
        for name, binding in _bindings_of(node):
            found.setdefault(name, []).append(binding)
    return {name: tuple(bindings) for name, bindings in found.items()}


class CellBindings(Fact):
    """Each cell's code that runs (`executed_nodes`) and what it binds, computed per cell on first use.

    Holds the cells and the map of definers, not the notebook, so that the
    notebook's fact cache does not refer back to the notebook.
    """

    def __init__(self, cells: tuple[Cell, ...], definers: dict[str, tuple[Cell, ...]]) -> None:
        self._cells = cells
        self._definers = definers
        self._nodes: dict[int, list[ast.AST]] = {}
        self._bindings: dict[int, dict[str, tuple[Binding, ...]]] = {}

    @classmethod
    def compute(cls, notebook: Notebook) -> CellBindings:
        return cls(notebook.cells, notebook.definers)

    def nodes(self, cell: Cell) -> list[ast.AST]:
        """Every node that runs when the cell runs, in source order."""
        if cell.index not in self._nodes:
            self._nodes[cell.index] = executed_nodes(cell.body)
        return self._nodes[cell.index]

    def bindings(self, cell: Cell) -> dict[str, tuple[Binding, ...]]:
        if cell.index not in self._bindings:
            self._bindings[cell.index] = bindings_of(self.nodes(cell))
        return self._bindings[cell.index]

    def other_definers(self, cell: Cell, name: str) -> tuple[Cell, ...]:
        return tuple(d for d in self._definers.get(name, ()) if d is not cell)

    def bindings_elsewhere(self, cell: Cell, name: str) -> tuple[Binding, ...] | None:
        """How the other cells that define `name` bind it; None if some binding is not seen."""
        found: list[Binding] = []
        for definer in self.other_definers(cell, name):
            bindings = self.bindings(definer).get(name)
            if not bindings:
                return None
            found.extend(bindings)
        return tuple(found) or None

    @cached_property
    def functions(self) -> dict[str, tuple[ast.FunctionDef | ast.AsyncFunctionDef, ...]]:
        """Every function a cell defines where it runs (`@app.function` ones too), by name."""
        found: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for cell in self._cells:
            for name, bindings in self.bindings(cell).items():
                for binding in bindings:
                    if binding.kind is BindingKind.FUNCTION:
                        found.setdefault(name, []).append(binding.node)  # type: ignore[arg-type]
        return {name: tuple(nodes) for name, nodes in found.items()}
