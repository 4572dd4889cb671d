"""marimo UI elements: which expressions create one, of what kind, and which names hold one.

`mo.ui.slider(...)` creates a slider; `mo.ui.text().form()` a form;
`mo.md("...").batch(...)` a batch. marimo reruns the cells that read an
element's `.value` when the user changes it, so the reactivity rules
(NB010-NB012, NB015) ask the same questions: does this call create an
element, is the name this cell reads an element another cell creates, and
of what kind (a `run_button` changes only on a click). The UI rules
(NB018, NB020, NB021) ask which global names hold nothing but new elements
(`creations`), what a name holds where a cell uses it (`element_kinds`),
and which names a function or comprehension hides (`visible_nodes`).

Names are resolved through `MarimoImports`: the notebook's imports, plus
the name the file itself imports marimo as (`import marimo` above `app =
marimo.App()`), which the cells' code is read as seeing too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.semantic import Fact
from nbfix.semantic.bindings import (
    Binding,
    BindingKind,
    CellBindings,
    bound_names,
    parameters,
    scope_nodes,
    stored_names,
)
from nbfix.semantic.imports import Imports

# `.value` of an element made by these changes only on an explicit action (a click, a submit).
ACTION_KINDS = frozenset({"run_button", "button", "form"})
# Elements that forward attribute writes to the object they wrap (`mo.ui.anywidget(widget)`,
# `mo.ui.panel(obj)`): Python code may change their value, and `element.value = x` may set the
# wrapped object's own `value` instead of raising.
WRAPPER_KINDS = frozenset({"anywidget", "panel"})
# Elements that hold elements: `array[0]`, `dictionary["key"]`, `batch["key"]` is an element too.
CONTAINER_KINDS = frozenset({"array", "dictionary", "batch"})


class MarimoImports(Imports):
    """`Imports`, where the name the file imports marimo as stands for "marimo" whatever a cell binds."""

    @classmethod
    def compute(cls, notebook: Notebook) -> MarimoImports:
        imports = Imports.of(notebook)
        return cls({**imports.bindings, notebook.marimo_alias: "marimo"}, imports.star_module)


def element_label(kind: str) -> str:
    """How a message names an element kind: "`mo.ui.slider`", "`.form()`"."""
    return f"`.{kind}()`" if kind in ("form", "batch") else f"`mo.ui.{kind}`"


def value_reads(nodes: Sequence[ast.AST] | Iterator[ast.AST]) -> Iterator[tuple[str, ast.Attribute]]:
    """Each `<name>.value` read among `nodes`, with the name."""
    for node in nodes:
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "value"
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name)
        ):
            yield node.value.id, node


@dataclass(frozen=True)
class Creation:
    """A global name that one code cell binds, and only ever to new UI elements.

    `slider = mo.ui.slider(1, 10)`, or one element per branch of an `if`;
    `targets` and `calls` are each binding's name and call, in source order.
    """

    name: str
    cell: Cell
    kinds: frozenset[str]
    targets: tuple[ast.Name, ...]
    calls: tuple[ast.Call, ...]


@dataclass(frozen=True)
class UiElements(Fact):
    """Which expressions create UI elements, and which names other cells bind to one."""

    imports: Imports
    code: CellBindings
    cells: tuple[Cell, ...] = ()

    @classmethod
    def compute(cls, notebook: Notebook) -> UiElements:
        return cls(MarimoImports.of(notebook), CellBindings.of(notebook), notebook.cells)

    def kind(self, value: ast.AST) -> str | None:
        """The kind of UI element an expression creates ("slider", "form", ...); None if it creates none.

        `mo.ui.<kind>(...)` (also `mo.ui.slider.from_series(...)`), `<element>.form(...)`
        and `mo.md(...).batch(...)`; anything else (a helper that returns an
        element, an element taken from a list) is not known to create one.
        """
        if not isinstance(value, ast.Call):
            return None
        func = value.func
        qualified = self.imports.qualify(func)
        if qualified is not None and qualified.startswith("marimo.ui."):
            return qualified.split(".")[2]
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
            if func.attr == "form" and self.kind(func.value) is not None:
                return "form"
            if func.attr == "batch" and self.imports.is_from(func.value.func, "marimo"):
                return "batch"
        return None

    def kind_elsewhere(self, cell: Cell, name: str) -> str | None:
        """The kind of UI element `name` is, when every other cell defining it binds it to one."""
        kinds = self._kinds(self.code.bindings_elsewhere(cell, name))
        return kinds.pop() if len(kinds) == 1 else None

    def _kinds(self, bindings: Sequence[Binding] | None) -> set[str | None]:
        """The kind of element each binding creates (None: it creates none); {None} for no bindings."""
        if not bindings:
            return {None}
        return {self.kind(b.value) if b.kind is BindingKind.VALUE and b.value else None for b in bindings}

    def kinds_in(self, cell: Cell, name: str) -> frozenset[str] | None:
        """The kinds of element `cell` binds `name` to, when each of its bindings of it creates one."""
        kinds = self._kinds(self.code.bindings(cell).get(name))
        return None if None in kinds else frozenset(kinds)  # type: ignore[arg-type]

    def element_kinds(self, cell: Cell, name: str) -> frozenset[str] | None:
        """What `name` holds where `cell`'s code uses it: the kinds of element, or None if not only elements.

        The cell's own bindings when it binds the name, else the bindings of
        every other cell that defines it.
        """
        if name in self.code.bindings(cell):
            return self.kinds_in(cell, name)
        if name not in cell.refs:
            return None
        kinds = self._kinds(self.code.bindings_elsewhere(cell, name))
        return None if None in kinds else frozenset(kinds)  # type: ignore[arg-type]

    def element_kinds_of(self, cell: Cell, node: ast.expr) -> frozenset[str] | None:
        """The kinds of element an expression is: a name holding one, a new one, an item of a container."""
        if isinstance(node, ast.Name):
            return self.element_kinds(cell, node.id)
        if isinstance(node, ast.Subscript):
            container = self.element_kinds_of(cell, node.value)
            return frozenset({"item"}) if container and container <= CONTAINER_KINDS else None
        kind = self.kind(node)
        return frozenset({kind}) if kind else None

    @cached_property
    def creations(self) -> dict[str, Creation]:
        """Every global name that a single code cell binds, each time by `name = <new element>`.

        Private names, names other cells define too, and names also bound by
        a walrus, a loop, a `with` or an augmented assignment are left out.
        """
        found: dict[str, Creation] = {}
        for cell in self.cells:
            if cell.kind is not CellKind.CELL:
                continue
            for name, bindings in self.code.bindings(cell).items():
                if name not in cell.defs or self.code.other_definers(cell, name):
                    continue
                if not all(isinstance(b.node, (ast.Assign, ast.AnnAssign)) for b in bindings):
                    continue
                kinds = self.kinds_in(cell, name)
                if kinds is None:
                    continue
                targets = tuple(_stored_name(b.node, name) for b in bindings)  # type: ignore[arg-type]
                calls = tuple(b.value for b in bindings)
                found[name] = Creation(name, cell, kinds, targets, calls)  # type: ignore[arg-type]
        return found


def _stored_name(statement: ast.Assign | ast.AnnAssign, name: str) -> ast.Name:
    """The target `name` of an assignment that binds it."""
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    for target in targets:
        for node in ast.walk(target):
            if isinstance(node, ast.Name) and node.id == name:
                return node
    raise ValueError(f"{name} is not bound here")


# -- which names a nested scope hides ---------------------------------------------------
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _local_names(scope: ast.AST) -> frozenset[str]:
    """The names a function, lambda, class or comprehension binds for its own body."""
    if isinstance(scope, _COMPREHENSIONS):
        return frozenset(name for generator in scope.generators for name in stored_names(generator.target))
    names: set[str] = set()
    if isinstance(scope, (*_FUNCTIONS, ast.Lambda)):
        names |= parameters(scope.args)
    body = scope.body if isinstance(scope, (*_FUNCTIONS, ast.ClassDef)) else []
    declared: set[str] = set()
    for statement in body:
        for node in scope_nodes(statement):
            if isinstance(node, (ast.Global, ast.Nonlocal)):
                declared.update(node.names)
            else:
                names.update(bound_names(node))
    return frozenset(names - declared)


def visible_nodes(statements: Sequence[ast.AST]) -> Iterator[tuple[ast.AST, frozenset[str]]]:
    """Every node under `statements`, with the names that the functions, lambdas, classes and
    comprehensions around it bind for themselves (a read of such a name is not the cell's).

    A comprehension's names hide from its whole expression, its first iterable
    included: a little more than Python hides, which only ever silences a rule.
    """
    stack: list[tuple[ast.AST, frozenset[str]]] = [(node, frozenset()) for node in reversed(statements)]
    while stack:
        node, hidden = stack.pop()
        yield node, hidden
        if isinstance(node, (*_FUNCTIONS, ast.Lambda, ast.ClassDef, *_COMPREHENSIONS)):
            inner = hidden | _local_names(node)
            outside = {id(part) for part in _evaluated_outside(node)}
            for child in reversed(list(ast.iter_child_nodes(node))):
                stack.append((child, hidden if id(child) in outside else inner))
        else:
            stack.extend((child, hidden) for child in reversed(list(ast.iter_child_nodes(node))))


def _evaluated_outside(scope: ast.AST) -> list[ast.AST]:
    """The children of a definition evaluated in the enclosing scope: decorators, the
    parameter list (defaults), bases, the return annotation."""
    if isinstance(scope, _COMPREHENSIONS):
        return []
    parts: list[ast.AST] = list(getattr(scope, "decorator_list", ()))
    parts += [getattr(scope, field) for field in ("args", "returns") if getattr(scope, field, None)]
    if isinstance(scope, ast.ClassDef):
        parts += [*scope.bases, *scope.keywords]
    return parts
