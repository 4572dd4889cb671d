"""NB015 ui-value-in-defining-cell, and the model of marimo UI elements that NB010-NB012 share.

The shared part answers three questions every reactivity rule asks about a
notebook, from its `ast` alone:
- what does a dotted name resolve to (`mo.ui.slider` -> "marimo.ui.slider",
  `ort.InferenceSession` -> "onnxruntime.InferenceSession"): imports are
  global in marimo, so one map from every import of every cell serves all;
- which code runs when a cell runs (not the bodies of the functions,
  lambdas and classes it defines: those run when called);
- how a cell binds a name (to the value of an assignment, by an import, a
  `def`, a `class`, a loop...), and which values create a UI element.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from fixer.diagnostics import Diagnostic, Severity
from fixer.nodes import child_fields, children, dotted_name, walk
from fixer.notebook import Cell, Notebook
from fixer.rules import NO_FIX, Example, Rule, register

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DEFERRED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

# `.value` of an element made by these changes only on an explicit action (a click, a submit).
ACTION_KINDS = frozenset({"run_button", "button", "form"})


_last_model: NotebookModel | None = None


# -- names -------------------------------------------------------------------
def root_name(node: ast.AST) -> ast.Name | None:
    """The name an attribute/subscript chain starts from (`df.loc[0]` -> `df`); None past a call."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def position(node: ast.AST) -> tuple[int, int]:
    return (node.lineno, node.col_offset)  # type: ignore[attr-defined]


def end_position(node: ast.AST) -> tuple[int, int]:
    return (node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Imports:
    """What each imported name stands for: `mo` -> "marimo", `pipeline` -> "transformers.pipeline"."""

    modules: dict[str, str]

    @classmethod
    def of(cls, notebook: Notebook) -> Imports:
        """The first binding of each name wins, as `notebook.import_bindings` lists them in file order."""
        modules = {notebook.marimo_alias: "marimo"}
        for name, target in notebook.import_bindings:
            modules.setdefault(name, target)
        return cls(modules)

    def qualify(self, node: ast.AST) -> str | None:
        """The full dotted name of an imported name or attribute of one; None if not rooted in an import."""
        dotted = dotted_name(node)
        if dotted is None:
            return None
        first, _, rest = dotted.partition(".")
        module = self.modules.get(first)
        if module is None:
            return None
        return f"{module}.{rest}" if rest else module

    def is_marimo(self, node: ast.AST) -> bool:
        qualified = self.qualify(node)
        return qualified is not None and (qualified == "marimo" or qualified.startswith("marimo."))

    def ui_kind(self, value: ast.AST) -> str | None:
        """The kind of UI element an expression creates ("slider", "form", ...); None if it creates none.

        `mo.ui.<kind>(...)` (also `mo.ui.slider.from_series(...)`), `<element>.form(...)`
        and `mo.md(...).batch(...)`; anything else (a helper that returns an
        element, an element taken from a list) is not known to create one.
        """
        if not isinstance(value, ast.Call):
            return None
        func = value.func
        qualified = self.qualify(func)
        if qualified is not None and qualified.startswith("marimo.ui."):
            return qualified.split(".")[2]
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
            if func.attr == "form" and self.ui_kind(func.value) is not None:
                return "form"
            if func.attr == "batch" and self.is_marimo(func.value.func):
                return "batch"
        return None


def element_label(kind: str) -> str:
    """How a message names an element kind: "`mo.ui.slider`", "`.form()`"."""
    return f"`.{kind}()`" if kind in ("form", "batch") else f"`mo.ui.{kind}`"


# -- what runs when a cell runs ------------------------------------------------
_DEFERRED_TYPES = frozenset(_DEFERRED)


def _children(node: ast.AST) -> list[ast.AST]:
    """The child nodes that run with `node` (of a function, lambda or class: what runs at definition)."""
    if type(node) in _DEFERRED_TYPES:
        return _evaluated_at_definition(node)
    return children(node)


def executed(
    nodes: Sequence[ast.AST], ancestors: tuple[ast.AST, ...] = ()
) -> Iterator[tuple[ast.AST, tuple[ast.AST, ...]]]:
    """Each node that runs when `nodes` run, with its ancestors (outermost first), in source order.

    The bodies of functions, lambdas and classes are not entered (only their
    decorators, defaults and bases run where they stand); comprehensions are.
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
            stack.extend(reversed(_evaluated_at_definition(node)))
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


def _evaluated_at_definition(node: ast.AST) -> list[ast.AST]:
    parts: list[ast.AST] = list(getattr(node, "decorator_list", ()))
    args = getattr(node, "args", None)
    if isinstance(args, ast.arguments):
        parts += [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
    if isinstance(node, ast.ClassDef):
        parts += [*node.bases, *(k.value for k in node.keywords)]
    return parts


# -- how a cell binds names ----------------------------------------------------
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


def _stored_names(target: ast.AST) -> Iterator[str]:
    for node in walk([target]):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield node.id


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
        for name in _stored_names(node.target):
            yield name, Binding(BindingKind.LOOP, node)
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            if item.optional_vars is not None:
                for name in _stored_names(item.optional_vars):
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


class NotebookModel:
    """The facts NB010-NB015 read about one notebook, computed lazily and once for all four rules."""

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        self._nodes: dict[int, list[ast.AST]] = {}
        self._bindings: dict[int, dict[str, tuple[Binding, ...]]] = {}

    @classmethod
    def of(cls, notebook: Notebook) -> NotebookModel:
        """The model of `notebook`, shared by the rules that check it one after the other."""
        global _last_model
        if _last_model is None or _last_model.notebook is not notebook:
            _last_model = cls(notebook)
        return _last_model

    @cached_property
    def imports(self) -> Imports:
        return Imports.of(self.notebook)

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
        return tuple(d for d in self.notebook.definers.get(name, ()) if d is not cell)

    def bindings_elsewhere(self, cell: Cell, name: str) -> tuple[Binding, ...] | None:
        """How the other cells that define `name` bind it; None if some binding is not seen."""
        found: list[Binding] = []
        for definer in self.other_definers(cell, name):
            bindings = self.bindings(definer).get(name)
            if not bindings:
                return None
            found.extend(bindings)
        return tuple(found) or None

    def ui_kind_elsewhere(self, cell: Cell, name: str) -> str | None:
        """The kind of UI element `name` is, when every other cell defining it binds it to one."""
        bindings = self.bindings_elsewhere(cell, name)
        if not bindings:
            return None
        kinds = {
            self.imports.ui_kind(b.value) if b.kind is BindingKind.VALUE and b.value else None
            for b in bindings
        }
        return kinds.pop() if len(kinds) == 1 else None

    @cached_property
    def functions(self) -> dict[str, tuple[ast.FunctionDef | ast.AsyncFunctionDef, ...]]:
        """Every function a cell defines where it runs (`@app.function` ones too), by name."""
        found: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for cell in self.notebook.cells:
            for name, bindings in self.bindings(cell).items():
                for binding in bindings:
                    if binding.kind is BindingKind.FUNCTION:
                        found.setdefault(name, []).append(binding.node)  # type: ignore[arg-type]
        return {name: tuple(nodes) for name, nodes in found.items()}


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


# -- NB015 ---------------------------------------------------------------------
def _shadowed_in(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Does the function have its own `name` (a parameter, or a name it binds)?"""
    args = function.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    if any(p is not None and p.arg == name for p in params):
        return True
    declared = any(
        isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names for node in walk(function.body)
    )
    binds = name in bindings_of(executed_nodes(function.body))
    return binds and not declared


def _reads_when_called(
    function: ast.FunctionDef | ast.AsyncFunctionDef, elements: set[str]
) -> Iterator[tuple[str, ast.Attribute]]:
    """The `<element>.value` reads a function makes when called (nested functions not entered)."""
    for name, read in value_reads(executed_nodes(function.body)):
        if name in elements and not _shadowed_in(function, name):
            yield name, read


@register
class UiValueInDefiningCell(Rule):
    """
    ## What it does
    Finds a cell that reads `.value` of a `mo.ui` element that the same cell
    creates (`mo.ui.slider(...)`, `mo.ui.dictionary(...)`, `.form()`,
    `mo.md(...).batch(...)`, ...): at its top level, or in a function that
    the cell defines and calls.

    ## Why is this bad?
    marimo raises `RuntimeError: Accessing the value of a UIElement in the
    cell that created it is not allowed` when the cell runs: an element's
    value only reaches Python when the user interacts with it, and marimo then
    reruns the cells that *read* the element, never the one that created it
    (that would create a new element). Move the read to another cell.

    ## Example
    ```python
    threshold = mo.ui.slider(0, 1, step=0.1)
    filtered = scores[scores > threshold.value]
    ```
    Use instead:
    ```python
    threshold = mo.ui.slider(0, 1, step=0.1)
    threshold
    ```
    and in another cell:
    ```python
    filtered = scores[scores > threshold.value]
    ```

    ## Fix safety
    No fix: moving code to a new cell changes the notebook's layout and
    dataflow, which is the author's decision. Reads in an `on_change`
    callback, or in a function that another cell calls, are fine and not
    reported.
    """

    code = "NB015"
    name = "ui-value-in-defining-cell"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    valid = (
        Example("import marimo as mo\n# ---\nslider = mo.ui.slider(1, 10)\n# ---\nsquared = slider.value**2"),
        Example(
            "import marimo as mo\n# ---\n"
            "slider = mo.ui.slider(1, 10, on_change=lambda v: print(v))\n"
            "def current():\n    return slider.value\nslider"
        ),
    )
    invalid = (
        Example("import marimo as mo\n# ---\nslider = mo.ui.slider(1, 10)\nsquared = slider.value**2"),
        Example(
            "import marimo as mo\n# ---\n"
            "form = mo.ui.text().form()\n"
            "def submitted():\n    return form.value\n"
            "mo.vstack([form, mo.md(f'{submitted()}')])"
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if ".value" not in notebook.text:
            return
        model = NotebookModel.of(notebook)
        for cell in notebook.code_cells:
            yield from self._check_cell(model, cell)

    def _check_cell(self, model: NotebookModel, cell: Cell) -> Iterator[Diagnostic]:
        """Each report reads `.value` somewhere in the cell (its own code or a function it defines).

        The cell's `.value` reads, from its node index, tell which of the three
        searches below can find anything: reads of a name need an element
        the cell creates, a read of a call's `.value` needs no binding.
        """
        reads = [node for node in cell.nodes.of(ast.Attribute) if node.attr == "value"]
        reads = [node for node in reads if isinstance(node.ctx, ast.Load)]
        of_name = any(isinstance(read.value, ast.Name) for read in reads)
        of_call = any(isinstance(read.value, ast.Call) for read in reads)
        if not (of_name or of_call):
            return
        imports = model.imports
        created = _created(model, cell) if of_name else {}
        index = model.notebook.index
        nodes = model.nodes(cell)
        if created:
            for name, read in value_reads(nodes):
                if name in created and position(read) > created[name]:
                    yield self.diagnostic(_message(f"`{name}.value` is read in", name), index.node_span(read))
        if of_call:
            for node in nodes:
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr == "value"
                    and isinstance(node.ctx, ast.Load)
                ):
                    kind = imports.ui_kind(node.value)
                    if kind is not None:
                        message = _message(f"`.value` of a {element_label(kind)} element is read in", None)
                        yield self.diagnostic(message, index.node_span(node))
        if created:
            yield from self._reads_in_called_functions(model, cell, nodes, created)

    def _reads_in_called_functions(
        self, model: NotebookModel, cell: Cell, nodes: list[ast.AST], created: dict[str, tuple[int, int]]
    ) -> Iterator[Diagnostic]:
        functions = {
            name: b.node
            for name, bindings in model.bindings(cell).items()
            for b in bindings
            if b.kind is BindingKind.FUNCTION and len(bindings) == 1
        }
        reported: set[int] = set()
        for call in nodes:
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                continue
            function = functions.get(call.func.id)
            if function is None or position(call) < position(function):
                continue
            ready = {name for name, at in created.items() if at < position(call)}
            for name, read in _reads_when_called(function, ready):  # type: ignore[arg-type]
                if id(read) not in reported:
                    reported.add(id(read))
                    message = _message(f"`{name}.value` is read by `{call.func.id}()`, which runs in", name)
                    yield self.diagnostic(message, model.notebook.index.node_span(read))


def _created(model: NotebookModel, cell: Cell) -> dict[str, tuple[int, int]]:
    """The names the cell binds only to new UI elements, with where the first binding ends."""
    imports = model.imports
    created: dict[str, tuple[int, int]] = {}
    for name, bindings in model.bindings(cell).items():
        if all(b.kind is BindingKind.VALUE and b.value and imports.ui_kind(b.value) for b in bindings):
            created[name] = min(end_position(b.node) for b in bindings)
    return created


def _message(what: str, name: str | None) -> str:
    creator = f"the cell that creates `{name}`" if name else "the cell that creates it"
    return (
        f"{what} {creator}: marimo raises a RuntimeError (a UI element's value is only "
        "available in other cells); move the read to another cell"
    )


__all__ = [
    "ACTION_KINDS",
    "Binding",
    "BindingKind",
    "Imports",
    "NotebookModel",
    "UiValueInDefiningCell",
    "bindings_of",
    "element_label",
    "executed",
    "executed_nodes",
    "position",
    "root_name",
    "value_reads",
]
