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
# They only ever stand in the fields `ctx`, `op` and `ops`.
MARKERS = (ast.expr_context, ast.operator, ast.boolop, ast.cmpop, ast.unaryop)

# Fields that never hold a node worth visiting, whatever the node type: a
# string, a number, a flag, or a marker.
_LEAF_FIELDS = frozenset(
    {"ctx", "op", "ops", "id", "attr", "arg", "asname", "module", "level", "rest", "kwd_attrs"}
    | {"kind", "conversion", "is_async", "type_comment"}
)
# Fields named like a child elsewhere (`TypeAlias.name` is a node) that hold strings here.
_LEAF_FIELDS_BY_TYPE: dict[type, frozenset[str]] = {
    ast.Constant: frozenset({"value"}),
    ast.Global: frozenset({"names"}),
    ast.Nonlocal: frozenset({"names"}),
    **{
        node_type: frozenset({"name"})
        for node_type in (
            ast.FunctionDef,
            ast.AsyncFunctionDef,
            ast.ClassDef,
            ast.alias,
            ast.ExceptHandler,
            ast.MatchAs,
            ast.MatchStar,
        )
    },
}
_CHILD_FIELDS_CACHE: dict[type, tuple[str, ...]] = {}
# The base classes of node types: asking for one means asking for all its kinds.
_ABSTRACT = frozenset(
    getattr(ast, name)
    for name in ("AST", "mod", "stmt", "expr", "excepthandler", "pattern", "type_param", "type_ignore")
    if hasattr(ast, name)
)


def child_fields(node_type: type) -> tuple[str, ...]:
    """The fields of a node type that may hold child nodes, in field order (computed once per type)."""
    fields = _CHILD_FIELDS_CACHE.get(node_type)
    if fields is None:
        leaves = _LEAF_FIELDS | _LEAF_FIELDS_BY_TYPE.get(node_type, frozenset())
        fields = tuple(name for name in node_type._fields if name not in leaves)
        _CHILD_FIELDS_CACHE[node_type] = fields
    return fields


def children(node: ast.AST) -> list[ast.AST]:
    """`ast.iter_child_nodes` without the marker singletons, and faster."""
    found: list[ast.AST] = []
    for name in child_fields(type(node)):
        value = getattr(node, name, None)
        if type(value) is list:
            found.extend(item for item in value if isinstance(item, ast.AST))
        elif isinstance(value, ast.AST):
            found.append(value)
    return found


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
                        if isinstance(item, ast.AST):
                            append(item)
                elif isinstance(value, ast.AST):
                    append(value)
    return nodes


def dotted_name(node: ast.AST) -> str | None:
    """`mo.ui.slider` -> "mo.ui.slider"; None for anything but a name and its attributes."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


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
        if _ABSTRACT.isdisjoint(types):
            # The parser makes no subclasses of concrete node types: a set lookup
            # of each node's type is several times faster than `isinstance` with a tuple.
            wanted = frozenset(types)
            return [node for node in self.nodes if type(node) in wanted]
        return [node for node in self.nodes if isinstance(node, types)]

    def __iter__(self):
        return iter(self.nodes)
