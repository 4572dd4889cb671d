"""The statements of a scope in source order, with the blocks and loops around each.

The training-loop rules (NB101, NB103) ask "which call comes after which, in
which loop"; the timing rule (NB104) asks "what runs between two timer
reads". Both read a cell's control structure the same way: a *scope* is a
cell body or the body of a function defined in it, walked statement by
statement, nested blocks included and nested scopes left to their own walk.

Not a `Fact` cached on the notebook: a scope is read per cell, by the rule
that needs it, and no two rules read the same cell's scopes in one
notebook (NB101 wants a notebook without a GradScaler, NB103 one with).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from nbfix.nodes import children, walk
from nbfix.notebook import Cell
from nbfix.semantic.bindings import parameters

# What opens a scope of its own: a walk of the enclosing scope does not enter it.
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
LOOPS = (ast.For, ast.AsyncFor, ast.While)


# -- names and calls ------------------------------------------------------------------
def last_name(expr: ast.expr) -> str | None:
    """`a.b.c` -> "c", `c` -> "c", anything else -> None."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


def called_name(call: ast.Call) -> str | None:
    return last_name(call.func)


def method_call(call: ast.Call, method: str) -> ast.expr | None:
    """The receiver of `<receiver>.<method>(...)`."""
    if isinstance(call.func, ast.Attribute) and call.func.attr == method:
        return call.func.value
    return None


def names_read(node: ast.AST) -> set[str]:
    return {n.id for n in walk((node,)) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def names_bound(targets: list[ast.expr]) -> set[str]:
    return {n.id for n in walk(targets) if isinstance(n, ast.Name)}


# -- blocks ---------------------------------------------------------------------------
def child_blocks(statement: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists nested directly in a compound statement (not in nested scopes)."""
    if isinstance(statement, SCOPES):
        return []
    blocks = [
        getattr(statement, name)
        for name in ("body", "orelse", "finalbody")
        if isinstance(getattr(statement, name, None), list)
    ]
    blocks += [handler.body for handler in getattr(statement, "handlers", [])]
    blocks += [case.body for case in getattr(statement, "cases", [])]
    return blocks


def flatten(statements: list[ast.stmt] | tuple[ast.stmt, ...]) -> Iterator[ast.stmt]:
    """A scope's statements in source order, nested blocks included, nested scopes not."""
    for statement in statements:
        yield statement
        for block in child_blocks(statement):
            yield from flatten(block)


def header_nodes(statement: ast.stmt) -> list[ast.AST]:
    """The expressions a statement evaluates itself (for a compound one, its header only)."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [*statement.decorator_list]
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        return [statement.target, statement.iter]
    if isinstance(statement, (ast.While, ast.If)):
        return [statement.test]
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return list(statement.items)
    if isinstance(statement, ast.Match):
        return [statement.subject]
    if child_blocks(statement):  # try
        return []
    return [statement]


def calls_of(statement: ast.stmt) -> list[ast.Call]:
    """The calls a statement makes itself, in source order, not counting lambda bodies."""
    found: list[ast.Call] = []
    pending = list(reversed(header_nodes(statement)))
    while pending:  # depth first, children in field order, as a recursive visit goes
        node = pending.pop()
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            found.append(node)
        pending.extend(reversed(children(node)))
    return sorted(found, key=lambda c: (c.lineno, c.col_offset))


def expression_statement_of(call: ast.Call, statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and statement.value is call


# -- scopes -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Located:
    """A statement of a scope with the statements that enclose it (outermost first)."""

    statement: ast.stmt
    ancestors: tuple[ast.stmt, ...]
    order: int

    @property
    def loops(self) -> tuple[ast.stmt, ...]:
        return tuple(a for a in self.ancestors if isinstance(a, LOOPS))


@dataclass(frozen=True)
class Scope:
    """A cell body, or the body of a function defined (at any depth) in a cell."""

    cell: Cell
    body: tuple[ast.stmt, ...]
    function: ast.FunctionDef | ast.AsyncFunctionDef | None
    # The enclosing scope's view of the `def` statement (None for the cell body).
    definition: Located | None
    parent: Scope | None

    @cached_property
    def statements(self) -> tuple[Located, ...]:
        found: list[Located] = []
        _walk_block(self.body, (), found)
        return tuple(found)

    @cached_property
    def local_names(self) -> set[str]:
        """Parameters and names assigned in this function (empty for a cell body)."""
        if self.function is None:
            return set()
        assigned = {n.id for n in walk(self.body) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        return assigned | parameters(self.function.args)

    def locate(self, statement: ast.stmt) -> Located:
        return next(located for located in self.statements if located.statement is statement)


def _walk_block(
    block: list[ast.stmt] | tuple[ast.stmt, ...], ancestors: tuple[ast.stmt, ...], out: list
) -> None:
    for statement in block:
        out.append(Located(statement, ancestors, len(out)))
        for inner in child_blocks(statement):
            _walk_block(inner, (*ancestors, statement), out)


def scopes(cell: Cell) -> Iterator[Scope]:
    """The cell body and every function defined in it, each walked on its own."""
    root = Scope(cell, cell.body, None, None, None)
    pending = [root]
    while pending:
        scope = pending.pop(0)
        yield scope
        for located in scope.statements:
            if isinstance(located.statement, FUNCTIONS):
                pending.append(Scope(cell, tuple(located.statement.body), located.statement, located, scope))
