"""Every node of a cell body, walked once and shared by all rules.

Most rules look for a few kinds of node (calls, imports, string constants)
anywhere in a cell. Each calling `ast.walk` on the body made the rules cost
several parses of the file: `ast.walk` is pure Python and visits every
context and operator singleton too. A cell's `NodeIndex` walks its body once,
in exactly `ast.walk`'s order (statement by statement, breadth first), leaves
out the nodes no rule asks for (`Load`, `Store`, `Add`, `And`, `Eq`, ...) and
groups the rest by type on first use.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

# Singletons that carry no position and that no rule looks for in a walk.
MARKERS = (ast.expr_context, ast.operator, ast.boolop, ast.cmpop, ast.unaryop)

# Fields that never hold a node, whatever the node type (a string, a number,
# a flag). Skipping them saves a `getattr` and an `isinstance` per field.
_SCALAR_FIELDS = frozenset(
    {"id", "attr", "arg", "asname", "module", "level", "kind", "type_comment", "conversion", "is_async"}
)
# Fields named like a child elsewhere that hold a string (or strings) here.
_SCALAR_BY_TYPE = {
    ast.Constant: {"value"},
    ast.FunctionDef: {"name"},
    ast.AsyncFunctionDef: {"name"},
    ast.ClassDef: {"name"},
    ast.alias: {"name"},
    ast.ExceptHandler: {"name"},
    ast.MatchAs: {"name"},
    ast.MatchStar: {"name"},
    ast.MatchMapping: {"rest"},
    ast.Global: {"names"},
    ast.Nonlocal: {"names"},
    ast.ImportFrom: {"module"},
}
_CHILD_FIELDS_CACHE: dict[type, tuple[str, ...]] = {}
# The base classes of node types: asking for one means asking for all its kinds.
_ABSTRACT = frozenset(
    getattr(ast, name)
    for name in ("AST", "mod", "stmt", "expr", "excepthandler", "pattern", "type_param", "type_ignore")
    if hasattr(ast, name)
)


def child_fields(node_type: type) -> tuple[str, ...]:
    """The fields of a node type that may hold child nodes."""
    fields = _CHILD_FIELDS_CACHE.get(node_type)
    if fields is None:
        scalar = _SCALAR_FIELDS | _SCALAR_BY_TYPE.get(node_type, set())
        fields = tuple(name for name in node_type._fields if name not in scalar)
        _CHILD_FIELDS_CACHE[node_type] = fields
    return fields


def walk(statements: Iterable[ast.AST]) -> list[ast.AST]:
    """`[n for s in statements for n in ast.walk(s)]` without the marker singletons, and faster."""
    nodes: list[ast.AST] = []
    append = nodes.append
    for statement in statements:
        position = len(nodes)
        append(statement)
        while position < len(nodes):
            node = nodes[position]
            position += 1
            for name in child_fields(type(node)):
                value = getattr(node, name, None)
                if type(value) is list:
                    for item in value:
                        if isinstance(item, ast.AST) and not isinstance(item, MARKERS):
                            append(item)
                elif isinstance(value, ast.AST) and not isinstance(value, MARKERS):
                    append(value)
    return nodes


class NodeIndex:
    """The nodes under some statements, in `ast.walk` order, and by type."""

    __slots__ = ("nodes", "_by_type")

    def __init__(self, statements: Iterable[ast.AST]) -> None:
        self.nodes = walk(statements)
        self._by_type: dict[type, list[ast.AST]] | None = None

    def of(self, *types: type) -> list:
        """The nodes that are instances of `types`, in walk order.

        Concrete node types are answered from a by-type table; an abstract one
        (`ast.stmt`, `ast.expr`) filters the whole list.
        """
        if len(types) == 1 and types[0] not in _ABSTRACT:
            if self._by_type is None:
                table: dict[type, list[ast.AST]] = {}
                for node in self.nodes:
                    kind = type(node)
                    bucket = table.get(kind)
                    if bucket is None:
                        table[kind] = [node]
                    else:
                        bucket.append(node)
                self._by_type = table
            return self._by_type.get(types[0], [])
        return [node for node in self.nodes if isinstance(node, types)]

    def __iter__(self):
        return iter(self.nodes)
