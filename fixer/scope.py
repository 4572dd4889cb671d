"""Which global names a cell defines and reads, computed the way marimo does.

marimo decides a cell's *defs* (names it binds at top level) and *refs* (names
it reads that it did not bind first) with `marimo/_ast/visitor.py`
(`ScopedVisitor`). nbfix must agree with it exactly: a rule that disagrees
with marimo about what a cell reads reports names marimo never complains
about. This module follows marimo's rules, quirks included (they are tested
against marimo's own result for every cell of the corpus and of the
tutorials shipped with marimo), and adds what marimo throws away: *where*
each name is read, and the reads of `_private` names.

The quirks worth knowing:
- a read before the cell's own top-level definition is still a ref
  (`print(x); x = 1` reads `x`), but a read inside a function body that the
  cell defines later is not (the function runs after the definition);
- `x += 1` defines `x` and does not read it;
- names bound by `except E as e` are invisible inside the handler;
- a class body's names are visible to its methods;
- every name bound by any `match` pattern is a def.

One quirk is not followed: for `global _p` marimo records a ref to the
mangled name `_cell_<id>_p`; here `_p` stays private, like every `_name`.
"""

from __future__ import annotations

import ast
import copy
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from nbfix.nodes import child_fields

SQL_CALLS = frozenset({"mo.sql", "marimo.sql", "duckdb.sql", "duckdb.execute"})


def is_private(name: str) -> bool:
    """marimo's rule: `_x` and `__` are private to their cell, `__x` is not."""
    return name == "__" or (name.startswith("_") and not name.startswith("__"))


class _BlockKind(Enum):
    MODULE = "module"
    FUNCTION = "function"
    CLASS = "class"
    COMPREHENSION = "comprehension"
    ANNOTATION = "annotation"


@dataclass(eq=False)
class _Block:
    kind: _BlockKind
    defs: set[str] = field(default_factory=set)
    global_names: set[str] = field(default_factory=set)


@dataclass(eq=False)
class _Ref:
    """One read of an undefined name, as seen from one block."""

    block: _Block
    parents: tuple[_Block, ...]
    deleted: bool
    nodes: list[ast.AST] = field(default_factory=list)


@dataclass(frozen=True)
class Annotation:
    """The annotation of a top-level `x: T = ...`, as marimo's serializer shows it."""

    text: str
    refs: frozenset[str]


@dataclass(frozen=True)
class CellScope:
    """The result of scoping one cell body."""

    defs: frozenset[str]
    refs: frozenset[str]
    deleted_refs: frozenset[str]
    # Every node that reads a ref (ast.Name, or ast.Global), per ref.
    ref_nodes: dict[str, tuple[ast.AST, ...]]
    # `_private` names read but never defined by this cell, with their reads.
    private_reads: dict[str, tuple[ast.Name, ...]]
    # Top-level bindings of each global and private name this cell defines.
    def_nodes: dict[str, tuple[ast.AST, ...]]
    annotations: dict[str, Annotation]
    star_import: bool
    uses_sql: bool
    # An await outside any function: marimo runs (and writes) the cell as `async def`.
    awaits: bool = False


class ScopeAnalyzer(ast.NodeVisitor):
    """Walks one cell body. Read-only: unlike marimo's visitor, it never mangles."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = [_Block(_BlockKind.MODULE)]
        self.refs: dict[str, list[_Ref]] = {}
        self.obscured: list[str | None] = []
        # `_private` reads not bound when read, with the blocks enclosing each read.
        self.private_reads: dict[str, list[tuple[ast.Name, tuple[_Block, ...]]]] = {}
        self.def_nodes: dict[str, list[ast.AST]] = {}
        self.annotations: dict[str, Annotation] = {}
        self.star_import = False
        self.uses_sql = False
        self.awaits = False
        self._annotation_refs: list[set[str]] = []

    # -- results ---------------------------------------------------------
    def result(self) -> CellScope:
        module_defs = self.blocks[0].defs
        return CellScope(
            defs=frozenset(n for n in module_defs if not is_private(n)),
            refs=frozenset(self.refs),
            deleted_refs=frozenset(n for n, refs in self.refs.items() if any(r.deleted for r in refs)),
            ref_nodes={n: tuple(node for r in refs for node in r.nodes) for n, refs in self.refs.items()},
            private_reads={
                n: tuple(node for node, _ in reads)
                for n, reads in self.private_reads.items()
                if reads and n not in module_defs
            },
            def_nodes={n: tuple(nodes) for n, nodes in self.def_nodes.items()},
            annotations=self.annotations,
            star_import=self.star_import,
            uses_sql=self.uses_sql,
            awaits=self.awaits,
        )

    # -- bookkeeping -----------------------------------------------------
    def _is_defined(self, name: str) -> bool:
        for block in self.blocks:  # noqa: SIM110 (a loop, not `any(...)`: this runs for every name read)
            if name in block.defs:
                return True
        return False

    def _add_ref(self, node: ast.AST, name: str, *, deleted: bool) -> None:
        if self._annotation_refs:
            self._annotation_refs[-1].add(name)
        refs = self.refs.setdefault(name, [])
        current = self.blocks[-1]
        found = next((r for r in refs if r.block is current), None)
        if found is None:
            found = _Ref(current, tuple(self.blocks[:-1]), deleted)
            refs.append(found)
        elif deleted:
            found.deleted = True
        found.nodes.append(node)

    def _define_in_block(
        self, name: str, block_index: int, *, is_method: bool = False, node: ast.AST | None = None
    ) -> None:
        block = self.blocks[block_index]
        block.defs.add(name)
        if block is self.blocks[0] and node is not None:
            self.def_nodes.setdefault(name, []).append(node)
        # A read from a nested scope before the definition was a capture.
        if not is_method and name in self.refs:
            kept = [r for r in self.refs[name] if not any(b is block for b in r.parents)]
            if kept:
                self.refs[name] = kept
            else:
                del self.refs[name]
        if name in self.private_reads:
            self.private_reads[name] = [
                (node, parents) for node, parents in self.private_reads[name] if block not in parents
            ]

    def _define(self, name: str, *, is_method: bool = False, node: ast.AST | None = None) -> None:
        index = 0 if name in self.blocks[-1].global_names else -1
        self._define_in_block(name, index, is_method=is_method, node=node)

    def _push(self, kind: _BlockKind) -> None:
        self.blocks.append(_Block(kind))

    def _pop(self) -> None:
        self.blocks.pop()

    # -- dispatch --------------------------------------------------------
    # `ast.NodeVisitor` finds the visitor by building a method name for every
    # node; one cell body has hundreds of nodes, and the notebook model scopes
    # every cell, so the handler is looked up once per node type instead
    # (`_handler`).
    def visit(self, node: ast.AST) -> None:
        (_HANDLERS.get(type(node)) or _handler(type(node)))(self, node)

    def _visit_children(self, node: ast.AST) -> None:
        """`NodeVisitor.generic_visit`, skipping what binds and reads nothing.

        Fields that never hold a node, marker nodes (`Load`, `Add`: see
        `nbfix.nodes.child_fields`) and constants are not visited. This loop
        runs for most nodes of a notebook, so it dispatches to the children's
        handlers itself.
        """
        handlers = _HANDLERS
        for name in child_fields(type(node)):
            value = getattr(node, name, None)
            if type(value) is list:
                for item in value:
                    kind = type(item)
                    if kind is not ast.Constant and isinstance(item, ast.AST):
                        (handlers.get(kind) or _handler(kind))(self, item)
            elif value is not None:
                kind = type(value)
                if kind is not ast.Constant and isinstance(value, ast.AST):
                    (handlers.get(kind) or _handler(kind))(self, value)

    # -- scopes ----------------------------------------------------------
    def generic_visit(self, node: ast.AST) -> None:
        if type(node) not in _SCOPING_TYPES:
            self._visit_children(node)
        elif isinstance(node, (ast.ClassDef, ast.Lambda)):
            self._push(_BlockKind.CLASS if isinstance(node, ast.ClassDef) else _BlockKind.FUNCTION)
            self._visit_children(node)
            self._pop()
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self._push(_BlockKind.FUNCTION)
            for param in getattr(node, "type_params", ()):
                self.visit(param)
            self._visit_children(node)
            self._pop()
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            self._push(_BlockKind.COMPREHENSION)
            for generator in node.generators:
                self.visit(generator)
            self.visit(node.elt)
            self._pop()
        elif isinstance(node, ast.DictComp):
            self._push(_BlockKind.COMPREHENSION)
            for generator in node.generators:
                self.visit(generator)
            self.visit(node.value)
            self.visit(node.key)
            self._pop()
        elif isinstance(node, ast.Try) or (sys.version_info >= (3, 11) and isinstance(node, ast.TryStar)):
            for stmt in node.body:
                self.visit(stmt)
            for handler in node.handlers:
                self.obscured.append(handler.name)
                self.visit(handler)
                self.obscured.pop()
            for stmt in node.orelse:
                self.visit(stmt)
            for stmt in node.finalbody:
                self.visit(stmt)
        elif sys.version_info >= (3, 12) and isinstance(node, ast.TypeAlias):
            self.visit(node.name)
            self._push(_BlockKind.ANNOTATION)
            for param in node.type_params:
                self.visit(param)
            self.visit(node.value)
            self._pop()
        else:
            self._visit_children(node)

    def _visit_definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        # The signature (decorators, defaults, annotations, bases) is read
        # where the definition stands; marimo visits it once without the body.
        signature_only = copy.copy(node)
        signature_only.body = []
        self.generic_visit(signature_only)
        if not isinstance(node, ast.ClassDef) and self.blocks[-1].kind is not _BlockKind.CLASS:
            # The body may call the function recursively.
            self.blocks[-1].defs.add(node.name)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._visit_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._visit_function(node)

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._visit_definition(node)
        self._define(node.name, is_method=self.blocks[-1].kind is _BlockKind.CLASS, node=node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._visit_definition(node)
        self._define(node.name, node=node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and f"{func.value.id}.{func.attr}" in SQL_CALLS
            and len(node.args) == 1
        ):
            self.uses_sql = True
        self.generic_visit(node)

    def _note_await(self, node: ast.AST) -> None:
        if not any(b.kind in (_BlockKind.FUNCTION, _BlockKind.CLASS) for b in self.blocks):
            self.awaits = True
        self.generic_visit(node)

    visit_Await = _note_await
    visit_AsyncFor = _note_await
    visit_AsyncWith = _note_await

    def visit_Constant(self, node: ast.Constant) -> None:
        """Constants bind and read nothing (and `NodeVisitor`'s default is slow)."""

    def visit_arg(self, node: ast.arg) -> None:
        self._define(node.arg)
        if node.annotation is not None:
            self.visit(node.annotation)

    def visit_arguments(self, node: ast.arguments) -> None:
        for default in node.kw_defaults:
            if default is not None:
                self.visit(default)
        for default in node.defaults:
            self.visit(default)
        for arg in (*node.posonlyargs, *node.args, *node.kwonlyargs):
            self.visit(arg)
        if node.vararg is not None:
            self.visit(node.vararg)
        if node.kwarg is not None:
            self.visit(node.kwarg)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        self.visit(node.target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self._annotation_refs.append(set())
        self.visit(node.annotation)
        annotation_refs = self._annotation_refs.pop()
        if self._annotation_refs:
            self._annotation_refs[-1] |= annotation_refs
        target = node.target
        record = (
            isinstance(target, ast.Name) and len(self.blocks) == 1 and target.id not in self.blocks[0].defs
        )
        self.visit(target)
        if record:
            text = ast.unparse(node.annotation).replace("\n", "").strip()
            self.annotations[target.id] = Annotation(text, frozenset(annotation_refs))  # type: ignore[union-attr]

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self.visit(node.iter)
        self.visit(node.target)
        for condition in node.ifs:
            self.visit(condition)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        target = node.target
        if self.blocks[-1].kind is _BlockKind.COMPREHENSION and isinstance(target, ast.Name):
            # A walrus in a comprehension binds in the enclosing scope.
            for index in range(len(self.blocks) - 1, -1, -1):
                if self.blocks[index].kind is not _BlockKind.COMPREHENSION:
                    self._define_in_block(target.id, index, node=target)
                    break
        else:
            self.visit(target)

    def visit_Name(self, node: ast.Name) -> None:
        name = node.id
        if self.obscured and name in self.obscured:
            return
        context = type(node.ctx)
        if context is ast.Store:
            self._define(name, node=node)
        elif not self._is_defined(name):
            if not is_private(name):
                self._add_ref(node, name, deleted=context is ast.Del)
            elif context is ast.Load:
                self.private_reads.setdefault(name, []).append((node, tuple(self.blocks[:-1])))
        elif self._annotation_refs and isinstance(node.ctx, ast.Load):
            self._annotation_refs[-1].add(name)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            self.blocks[-1].global_names.add(name)
            if name not in self.blocks[0].defs and not is_private(name):
                self._add_ref(node, name, deleted=False)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._define(alias.asname or alias.name.split(".")[0], node=alias)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name == "*":
                self.star_import = True
                continue
            self._define(alias.asname or alias.name, node=alias)

    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        if node.name is not None:
            self._define(node.name, node=node)
        if node.pattern is not None:
            self.visit(node.pattern)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        if node.rest is not None:
            self._define(node.rest, node=node)
        for key in node.keys:
            self.visit(key)
        for pattern in node.patterns:
            self.visit(pattern)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        if node.name is not None:
            self._define(node.name, node=node)

    def visit_TypeVar(self, node: ast.AST) -> None:  # Python 3.12+
        self._define(node.name)  # type: ignore[attr-defined]
        bound = getattr(node, "bound", None)
        if isinstance(bound, tuple):
            for item in bound:
                self.visit(item)
        elif bound is not None:
            self.visit(bound)

    def visit_ParamSpec(self, node: ast.AST) -> None:  # Python 3.12+
        self._define(node.name)  # type: ignore[attr-defined]

    def visit_TypeVarTuple(self, node: ast.AST) -> None:  # Python 3.12+
        self._define(node.name)  # type: ignore[attr-defined]


_HANDLERS: dict[type, Callable[[ScopeAnalyzer, ast.AST], None]] = {}


def _handler(node_type: type) -> Callable[[ScopeAnalyzer, ast.AST], None]:
    """The method that visits a node type: its `visit_<Type>`, or the generic visit it needs."""
    handler = getattr(ScopeAnalyzer, f"visit_{node_type.__name__}", None)
    if handler is None:
        scoping = node_type in _SCOPING_TYPES
        handler = ScopeAnalyzer.generic_visit if scoping else ScopeAnalyzer._visit_children
    _HANDLERS[node_type] = handler
    return handler


# Node types whose children `generic_visit` scopes in a block of their own
# (or, for `try`, visits in an order of its own).
_SCOPING_TYPES = frozenset(
    getattr(ast, name)
    for name in (
        "ClassDef",
        "Lambda",
        "FunctionDef",
        "AsyncFunctionDef",
        "ListComp",
        "SetComp",
        "GeneratorExp",
        "DictComp",
        "Try",
        "TryStar",
        "TypeAlias",
    )
    if hasattr(ast, name)
)


def analyze(statements: list[ast.stmt]) -> CellScope:
    """Scope a cell body given as its top-level statements."""
    analyzer = ScopeAnalyzer()
    for statement in statements:
        analyzer.visit(statement)
    return analyzer.result()
