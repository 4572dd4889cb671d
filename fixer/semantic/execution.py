"""What runs when a cell runs, in the order it runs.

A cell's body runs top to bottom, but the body of a function, lambda or
class it defines does not run there: only what the definition evaluates
where it stands does (decorators, default values, base classes). Rules that
ask "does the cell read `x.value`", "is this load under `if run.value:`",
"which names does the cell bind" ask it of the code that runs, so they share
this one walk. Comprehensions are entered: they run where they stand.

Order is source order: `position(a) < position(b)` when `a` starts first.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from nbfix.nodes import child_fields, children

# Definitions whose body runs only when called (a class body's names are attributes, not the cell's).
DEFERRED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_DEFERRED_TYPES = frozenset(DEFERRED)


def position(node: ast.AST) -> tuple[int, int]:
    """Where a node starts, comparable in source order."""
    return (node.lineno, node.col_offset)  # type: ignore[attr-defined]


def end_position(node: ast.AST) -> tuple[int, int]:
    return (node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]


def evaluated_at_definition(node: ast.AST) -> list[ast.AST]:
    """What a `def`, `lambda` or `class` evaluates where it stands: decorators, defaults, bases, keywords."""
    parts: list[ast.AST] = list(getattr(node, "decorator_list", ()))
    args = getattr(node, "args", None)
    if isinstance(args, ast.arguments):
        parts += [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
    if isinstance(node, ast.ClassDef):
        parts += [*node.bases, *(k.value for k in node.keywords)]
    return parts


def _children(node: ast.AST) -> list[ast.AST]:
    """The child nodes that run with `node` (of a function, lambda or class: what runs at definition)."""
    if type(node) in _DEFERRED_TYPES:
        return evaluated_at_definition(node)
    return children(node)


def executed(
    nodes: Sequence[ast.AST], ancestors: tuple[ast.AST, ...] = ()
) -> Iterator[tuple[ast.AST, tuple[ast.AST, ...]]]:
    """Each node that runs when `nodes` run, with its ancestors (outermost first), in source order.

    Iterative, so that a deeply nested expression cannot exhaust the stack.
    Building the ancestors costs a tuple per node: use `executed_nodes` when
    they are not needed.
    """
    stack = [(node, ancestors) for node in reversed(nodes)]
    while stack:
        node, above = stack.pop()
        yield node, above
        inner = (*above, node)
        stack.extend((child, inner) for child in reversed(_children(node)))


def executed_nodes(nodes: Sequence[ast.AST]) -> list[ast.AST]:
    """`executed` without the ancestors: every node that runs, in source order.

    The same walk as `executed`, inlined: the model runs it over many cells,
    and pushing children straight onto the stack (last first), from the
    fields that can hold nodes, is about three times as fast as building
    each node's child list from all its fields.
    """
    found: list[ast.AST] = []
    append = found.append
    stack = list(reversed(nodes))
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        append(node)
        node_type = type(node)
        if node_type in _DEFERRED_TYPES:
            stack.extend(reversed(evaluated_at_definition(node)))
            continue
        for field in reversed(child_fields(node_type)):
            value = getattr(node, field, None)
            if type(value) is list:
                for item in reversed(value):
                    if isinstance(item, ast.AST):
                        push(item)
            elif isinstance(value, ast.AST):
                push(value)
    return found
