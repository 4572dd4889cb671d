"""NB012 reload-on-ui-change."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.nodes import dotted_name, walk
from nbfix.notebook import Cell, Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.execution import executed, executed_nodes, position
from nbfix.semantic.imports import Imports
from nbfix.semantic.ui import ACTION_KINDS, UiElements, value_reads

# Calls that load a model or a large resource, by full dotted name.
# Words one of them has in its source, whatever the imports: a notebook without any is skipped.
_LOADER_WORDS = ("from_pretrained", "load", "InferenceSession", "pipeline", "SentenceTransformer")
_LOADERS = frozenset(
    {
        "torch.load",
        "onnx.load",
        "onnxruntime.InferenceSession",
        "transformers.pipeline",
        "transformers.pipelines.pipeline",
        "joblib.load",
        "sentence_transformers.SentenceTransformer",
    }
)
# The last part of each loader's name: a call of an attribute with another last part loads nothing.
_LOADER_ATTRIBUTES = frozenset(loader.rsplit(".", 1)[-1] for loader in _LOADERS)


def _is_caching_decorator(decorator: ast.expr) -> bool:
    """`@mo.cache`, `@functools.lru_cache(maxsize=2)`, `@memory.cache`: anything named like a cache."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    dotted = dotted_name(target) or ""
    return "cache" in dotted.rsplit(".", 1)[-1].lower()


@dataclass(frozen=True)
class Load:
    """A call in a cell's own code that loads a resource, directly or through a function."""

    call: ast.Call
    shown: str  # "AutoModel.from_pretrained" or "load_model"
    ancestors: tuple[ast.AST, ...]


class _Loads:
    """Finds the loading calls of a cell, and the notebook's functions that load."""

    def __init__(self, notebook: Notebook, elements: UiElements) -> None:
        self.notebook = notebook
        self.elements = elements
        self.imports = elements.imports

    def anywhere(self) -> bool:
        """Does any cell call a loader? If none does, no function loads either and the notebook is fine."""
        return any(
            self.loader_name(call) is not None
            for cell in self.notebook.cells
            for call in cell.nodes.of(ast.Call)
        )

    @cached_property
    def loading_functions(self) -> set[str]:
        return {
            name
            for name, nodes in self.elements.code.functions.items()
            if any(
                not any(_is_caching_decorator(d) for d in node.decorator_list) and self._body_loads(node)
                for node in nodes
            )
        }

    def loader_name(self, call: ast.Call) -> str | None:
        """How a loading call is shown ("torch.load"), None when `call` loads nothing."""
        func = call.func
        if isinstance(func, ast.Attribute):
            if func.attr == "from_pretrained":
                return dotted_name(func) or "from_pretrained"
            if func.attr not in _LOADER_ATTRIBUTES:
                return None
        elif not isinstance(func, ast.Name):
            return None
        qualified = self.imports.qualify(func)
        if qualified in _LOADERS:
            return dotted_name(func)
        return None

    def _body_loads(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        """Does the body call a loader (outside `with mo.persistent_cache(...)`)?

        The ancestors, which that needs, are built only for a body that calls a loader at all.
        """
        calls = (node for node in executed_nodes(function.body) if isinstance(node, ast.Call))
        if not any(self.loader_name(call) for call in calls):
            return False
        early_returns = [s for s in function.body if _returns_when_cached(s)]
        saved = _declared_global(function)
        return any(
            isinstance(node, ast.Call)
            and self.loader_name(node)
            and not _cached_by_context(self.imports, a)
            and not _cached_by_hand(a)
            and not any(position(guard) < position(node) for guard in early_returns)
            and not _stored_in_global(a, saved)
            for node, a in executed(function.body)
        )

    def _shown(self, call: ast.Call) -> str | None:
        """How a loading call is shown: the loader, or the notebook function that loads."""
        shown = self.loader_name(call)
        if shown is None and isinstance(call.func, ast.Name) and call.func.id in self.loading_functions:
            shown = call.func.id
        return shown

    def of(self, cell: Cell) -> Iterator[Load]:
        """The cell's loading calls that run with it, in source order, with their ancestors.

        The cell's node index tells which calls load; the walk that builds
        ancestors (and leaves out what runs only when called) runs only when some do.
        """
        loading = {id(call) for call in cell.nodes.of(ast.Call) if self._shown(call) is not None}
        if not loading:
            return
        for node, ancestors in executed(cell.body):
            if id(node) in loading:
                yield Load(node, self._shown(node), ancestors)  # type: ignore[arg-type]


def _cached_by_context(imports: Imports, ancestors: tuple[ast.AST, ...]) -> bool:
    """Inside `with mo.persistent_cache(...)` (or `mo.cache`)?"""
    for node in ancestors:
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                expr = item.context_expr
                called = imports.qualify(expr.func if isinstance(expr, ast.Call) else expr) or ""
                if called in ("marimo.persistent_cache", "marimo.cache"):
                    return True
    return False


def _cached_by_hand(ancestors: tuple[ast.AST, ...]) -> bool:
    """Does the load run only when a kept copy is missing?

    Under `if key not in cache:`, `if model is None:`, `if not hasattr(self, "model"):`,
    or in the `except KeyError:` of a lookup in a cache: the author keeps the loaded object.
    """
    for node in ancestors:
        if isinstance(node, ast.If) and _is_cache_check(node.test, present=False):
            return True
        if isinstance(node, ast.ExceptHandler) and _catches_a_miss(node):
            return True
    return False


def _is_cache_check(test: ast.expr, *, present: bool) -> bool:
    """`key in cache`, `model is not None`, `hasattr(obj, "model")` (present), or their negations."""
    if isinstance(test, ast.BoolOp):
        return any(_is_cache_check(value, present=present) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _is_cache_check(test.operand, present=not present)
    if isinstance(test, ast.Call):
        return present and isinstance(test.func, ast.Name) and test.func.id == "hasattr"
    if not isinstance(test, ast.Compare):
        return False
    membership = (ast.In,) if present else (ast.NotIn,)
    if any(isinstance(op, membership) for op in test.ops):
        return True
    identity = (ast.IsNot, ast.NotEq) if present else (ast.Is, ast.Eq)
    operands = [test.left, *test.comparators]
    return any(isinstance(op, identity) for op in test.ops) and any(
        isinstance(o, ast.Constant) and o.value is None for o in operands
    )


def _catches_a_miss(handler: ast.ExceptHandler) -> bool:
    """`except KeyError:` (or `LookupError`, `AttributeError`): the fallback of a cache lookup."""
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(
        (dotted_name(kind) or "").rsplit(".", 1)[-1] in ("KeyError", "LookupError", "AttributeError")
        for kind in caught
        if kind is not None
    )


def _returns_when_cached(statement: ast.stmt) -> bool:
    """`if key in cache: return cache[key]`: what follows runs only on a miss."""
    return (
        isinstance(statement, ast.If)
        and _is_cache_check(statement.test, present=True)
        and bool(statement.body)
        and isinstance(statement.body[-1], ast.Return)
    )


def _declared_global(function: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """The names the function declares `global` or `nonlocal` (not those of functions inside it)."""
    names: set[str] = set()
    for node in executed_nodes(function.body):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
    return frozenset(names)


def _stored_in_global(ancestors: tuple[ast.AST, ...], names: frozenset[str]) -> bool:
    """`global _model` and `_model = load(...)`: the function keeps what it loads outside itself."""
    if not names:
        return False
    for node in ancestors:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(n, ast.Name) and n.id in names for t in targets for n in walk([t])):
                return True
    return False


def _mentions_value_of(node: ast.AST, names: set[str]) -> bool:
    return any(name in names for name, _ in value_reads(walk([node])))


def _gated(load: Load, stops: list[ast.Call], run_buttons: set[str]) -> bool:
    """Does a run button's value decide whether the load runs (`if run.value:`, `mo.stop(not run.value)`)?"""
    for node in load.ancestors:
        if isinstance(node, (ast.If, ast.While, ast.IfExp)) and _mentions_value_of(node.test, run_buttons):
            return True
    return any(
        position(stop) < position(load.call) and _mentions_value_of(stop, run_buttons) for stop in stops
    )


def _dependencies(nodes: list[ast.AST], load: Load) -> set[str]:
    """The names the load's inputs are computed from, following the cell's assignments before it."""
    assignments: list[ast.Assign | ast.AnnAssign | ast.AugAssign | ast.NamedExpr] = [
        node  # type: ignore[misc]
        for node in nodes
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr))
        and position(node) < position(load.call)
    ]
    names = {n.id for n in walk([load.call]) if isinstance(n, ast.Name)}
    changed = True
    while changed:
        changed = False
        for node in assignments:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            bound = {n.id for n in walk(targets) if isinstance(n, ast.Name)}
            if bound & names and node.value is not None:
                new = {n.id for n in walk([node.value]) if isinstance(n, ast.Name)} - names
                if new:
                    names |= new
                    changed = True
    return names


@register
class ReloadOnUiChange(Rule):
    """
    ## What it does
    Finds a cell that loads a model or another large resource
    (`from_pretrained(...)`, `torch.load`, `onnx.load`,
    `onnxruntime.InferenceSession`, `transformers.pipeline`, `joblib.load`,
    `SentenceTransformer(...)`, or a notebook function that calls one of
    them) and also reads the `.value` of a UI element that another cell
    defines, when the load does not depend on that element, is not cached
    and is not gated by a run button.

    Not reported: a load that keeps what it loaded, by hand or not. The
    load runs under `if key not in cache:`, `if model is None:`, `if not
    hasattr(obj, "model"):` or in the `except KeyError:` of a cache lookup,
    or after `if key in cache: return cache[key]`; or its function stores
    it in a `global`; or the function is cached (`@mo.cache`,
    `@mo.persistent_cache`, `@functools.cache`, `@functools.lru_cache`, any
    decorator named like a cache), or the load runs in `with
    mo.persistent_cache(...)`. A slider move then finds the model already
    there.

    ## Why is this bad?
    marimo reruns the whole cell every time the element changes: each slider
    move reloads the model from disk (seconds to minutes, and GPU memory).
    A load that takes the element's value as input (a model picker) must
    rerun and is not reported.

    ## Example
    ```python
    model = AutoModel.from_pretrained("bert-base-uncased")
    outputs = model(**tokenizer(prompt.value, return_tensors="pt"))
    ```
    Use instead: load in a cell of its own, which reads no UI element
    ```python
    model = AutoModel.from_pretrained("bert-base-uncased")
    ```
    and in another cell:
    ```python
    outputs = model(**tokenizer(prompt.value, return_tensors="pt"))
    ```
    or cache the loading function (`@mo.cache`, `@functools.cache`, `with
    mo.persistent_cache(...)`), or gate the cell with a `mo.ui.run_button`
    (`mo.stop(not run.value)`).

    ## Fix safety
    No fix: splitting a cell is the author's decision.

    ## Precision
    2026-12-03: no hit on the 1,080 ecosystem notebooks. On a set of GPU
    notebooks 4 of 4 hits were wrong, all loads memoized by hand, which are
    no longer reported; the corpus carries it (see docs/precision/NB012.md).
    """

    code = "NB012"
    name = "reload-on-ui-change"
    severity = Severity.WARNING
    fix_availability = NO_FIX
    needs_text = (".value",)
    valid = (
        Example(
            "import marimo as mo\nimport torch\n# ---\nsteps = mo.ui.slider(1, 10)\n# ---\n"
            "@mo.cache\ndef load():\n    return torch.load('model.pt')\n# ---\n"
            "model = load()\nresult = steps.value * 2"
        ),
        Example(
            "import marimo as mo\nimport torch\n# ---\nsteps = mo.ui.slider(1, 10)\n"
            "run = mo.ui.run_button()\n# ---\n"
            "mo.stop(not run.value)\nmodel = torch.load('model.pt')\nresult = steps.value * 2"
        ),
        Example(
            "import marimo as mo\nimport torch\n# ---\nchoice = mo.ui.dropdown(['a.pt', 'b.pt'])\n# ---\n"
            "path = choice.value\nmodel = torch.load(path)"
        ),
    )
    invalid = (
        Example(
            "import marimo as mo\nimport torch\n# ---\nsteps = mo.ui.slider(1, 10)\n# ---\n"
            "model = torch.load('model.pt')\nresult = steps.value * 2"
        ),
        Example(
            "import marimo as mo\nfrom transformers import AutoModel\n# ---\n"
            "text = mo.ui.text()\n# ---\n"
            "def load():\n    return AutoModel.from_pretrained('bert-base-uncased')\n# ---\n"
            "model = load()\nprompt = text.value"
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if not any(word in notebook.text for word in _LOADER_WORDS):
            return
        loads = _Loads(notebook, UiElements.of(notebook))
        if not loads.anywhere():
            return
        for cell in notebook.code_cells:
            yield from self._check_cell(loads, cell)

    def _check_cell(self, loads: _Loads, cell: Cell) -> Iterator[Diagnostic]:
        elements, imports = loads.elements, loads.imports
        found = [
            load
            for load in loads.of(cell)
            if not _cached_by_context(imports, load.ancestors) and not _cached_by_hand(load.ancestors)
        ]
        if not found:
            return
        triggers: list[str] = []
        run_buttons: set[str] = set()
        for name, _ in value_reads(cell.nodes.of(ast.Attribute)):
            if name in cell.defs or name not in cell.refs:
                continue
            kind = elements.kind_elsewhere(cell, name)
            if kind == "run_button":
                run_buttons.add(name)
            elif kind is not None and kind not in ACTION_KINDS and name not in triggers:
                triggers.append(name)
        if not triggers:
            return
        nodes = elements.code.nodes(cell)
        stops = [
            node
            for node in nodes
            if isinstance(node, ast.Call) and imports.qualify(node.func) == "marimo.stop"
        ]
        for load in found:
            if _gated(load, stops, run_buttons):
                continue
            needed = _dependencies(nodes, load)
            independent = [name for name in triggers if name not in needed]
            if independent:
                element = independent[0]
                message = f"`{load.shown}(...)` runs again every time `{element}` changes"
                reason = f": this cell reads `{element}.value`"
                if len(message) + len(reason) <= 100:
                    message += reason
                yield self.diagnostic(message, loads.notebook.index.node_span(load.call))


__all__ = ["ReloadOnUiChange"]
