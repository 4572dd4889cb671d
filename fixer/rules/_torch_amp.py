"""What the PyTorch mixed-precision rules (NB101-NB103) know about torch code, on `ast`.

Not a rule (no `@register`): the shared reading of a notebook that the three
rules need. It resolves names through the notebook's imports (`import torch
as th`, `from torch.cuda.amp import autocast`), recognises autocast calls and
their device, dtype and `enabled=` arguments, and walks the statements of one
*scope* (a cell body, or the body of a function defined in it) in source
order with the blocks and loops that enclose each one. Rules decide on these
facts; codemods receive positions computed here.
"""

from __future__ import annotations

import ast
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from fixer.nodes import children, walk
from fixer.notebook import Cell, Notebook

AUTOCAST = frozenset({"torch.autocast", "torch.amp.autocast", "torch.amp.autocast_mode.autocast"})
LEGACY_AUTOCAST = frozenset({"torch.cuda.amp.autocast", "torch.cuda.amp.autocast_mode.autocast"})
LEGACY_GRAD_SCALER = frozenset({"torch.cuda.amp.GradScaler", "torch.cuda.amp.grad_scaler.GradScaler"})
FLOAT16 = frozenset({"torch.float16", "torch.half"})
CLIP_FUNCTIONS = frozenset({"clip_grad_norm_", "clip_grad_value_", "clip_grad_norm", "clip_grads_with_norm_"})
OPTIMIZER_CLASSES = frozenset(
    {"SGD", "Adam", "AdamW", "Adamax", "Adagrad", "Adadelta", "RMSprop", "Rprop", "NAdam", "RAdam"}
    | {"SparseAdam", "ASGD", "LBFGS", "Adafactor", "Muon", "Lion", "Adam8bit", "AdamW8bit", "Optimizer"}
)
# Legacy `torch.cuda.amp.autocast(enabled, dtype, cache_enabled)` vs `torch.autocast(device_type, ...)`.
LEGACY_AUTOCAST_PARAMS = ("enabled", "dtype", "cache_enabled")
AUTOCAST_PARAMS = ("device_type", "dtype", "enabled", "cache_enabled")

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
LOOPS = (ast.For, ast.AsyncFor, ast.While)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


# -- names ------------------------------------------------------------------------
def mentions(notebook: Notebook, word: str) -> bool:
    """Could an identifier of the notebook be `word`? False only when it certainly is not.

    A cheap test that lets a rule skip a notebook without walking it. Python
    reads identifiers in NFKC form (`ｔorch` is `torch`), so a text that is
    not ASCII is also searched in that form.
    """
    text = notebook.text
    if word in text:
        return True
    return not text.isascii() and word in unicodedata.normalize("NFKC", text)


def last_name(expr: ast.expr) -> str | None:
    """`a.b.c` -> "c", `c` -> "c", anything else -> None."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


def called_name(call: ast.Call) -> str | None:
    return last_name(call.func)


def names_read(node: ast.AST) -> set[str]:
    return {n.id for n in walk((node,)) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def names_bound(targets: list[ast.expr]) -> set[str]:
    return {n.id for n in walk(targets) if isinstance(n, ast.Name)}


@dataclass(frozen=True)
class TorchNames:
    """The notebook's import bindings of torch names, to resolve an expression to its dotted name.

    Imports are global in marimo (each is a definition of its cell), so one
    map serves every cell: `th` -> "torch", `autocast` -> "torch.cuda.amp.autocast".
    """

    bindings: dict[str, str]
    # Every module-level `name = <value>` of the notebook, for one-step constant lookups.
    assignments: dict[str, tuple[ast.expr, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, notebook: Notebook) -> TorchNames:
        """The first binding of each name to a torch module or one of its members wins.

        (`from torch import *` binds nothing here: no rule resolves a name through it.)
        """
        bindings: dict[str, str] = {}
        for name, target in notebook.import_bindings:
            if _is_torch_module(target):
                bindings.setdefault(name, target)
        assignments: dict[str, list[ast.expr]] = {}
        for cell in notebook.cells:
            for node in cell.nodes.of(ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assignments.setdefault(target.id, []).append(node.value)
        return cls(bindings, {name: tuple(values) for name, values in assignments.items()})

    def qualname(self, expr: ast.expr) -> str | None:
        """`th.cuda.amp.autocast` -> "torch.cuda.amp.autocast"; None if not rooted in a torch import."""
        if isinstance(expr, ast.Name):
            return self.bindings.get(expr.id)
        if isinstance(expr, ast.Attribute):
            base = self.qualname(expr.value)
            return f"{base}.{expr.attr}" if base else None
        return None

    @cached_property
    def torch_alias(self) -> str | None:
        """A name the notebook binds to the `torch` module itself."""
        names = sorted(name for name, target in self.bindings.items() if target == "torch")
        return "torch" if "torch" in names else (names[0] if names else None)

    def is_float16(self, expr: ast.expr) -> bool | None:
        """True for torch.float16/half, False for another torch dtype, None when unknown."""
        name = self.qualname(expr)
        if name is None and isinstance(expr, ast.Name):
            values = self.assignments.get(expr.id, ())
            verdicts = {self.is_float16(v) for v in values if not isinstance(v, ast.Name)}
            return verdicts.pop() if len(verdicts) == 1 else None
        if name is None or not name.startswith("torch."):
            return None
        return name in FLOAT16


def _is_torch_module(module: str | None) -> bool:
    return module is not None and (module == "torch" or module.startswith("torch."))


# -- autocast --------------------------------------------------------------------
@dataclass(frozen=True)
class Autocast:
    """One autocast call and its arguments, bound to parameter names."""

    call: ast.Call
    legacy: bool  # torch.cuda.amp.autocast
    arguments: dict[str, ast.expr]

    @property
    def enabled(self) -> ast.expr | None:
        return self.arguments.get("enabled")

    def is_cuda_float16(self, names: TorchNames) -> bool:
        """Float16 on CUDA and not switched off by a literal `enabled=False`."""
        if not self.legacy:
            device = self.arguments.get("device_type")
            if not (isinstance(device, ast.Constant) and device.value == "cuda"):
                return False
        enabled = self.enabled
        if isinstance(enabled, ast.Constant) and not enabled.value:
            return False
        dtype = self.arguments.get("dtype")
        return dtype is None or names.is_float16(dtype) is True


def parse_autocast(expr: ast.expr, names: TorchNames) -> Autocast | None:
    """The autocast call `expr` is, or None (also for `*args`/`**kwargs` calls it cannot bind)."""
    if not isinstance(expr, ast.Call):
        return None
    qualname = names.qualname(expr.func)
    if qualname in AUTOCAST:
        params, legacy = AUTOCAST_PARAMS, False
    elif qualname in LEGACY_AUTOCAST:
        params, legacy = LEGACY_AUTOCAST_PARAMS, True
    else:
        return None
    if any(isinstance(a, ast.Starred) for a in expr.args) or any(k.arg is None for k in expr.keywords):
        return None
    if len(expr.args) > len(params):
        return None
    arguments = dict(zip(params, expr.args, strict=False))
    arguments.update({k.arg: k.value for k in expr.keywords if k.arg is not None})
    return Autocast(expr, legacy, arguments)


def float16_autocast(statement: ast.stmt, names: TorchNames) -> Autocast | None:
    """The CUDA float16 autocast a `with` statement enters, if any."""
    if not isinstance(statement, (ast.With, ast.AsyncWith)):
        return None
    for item in statement.items:
        autocast = parse_autocast(item.context_expr, names)
        if autocast is not None and autocast.is_cuda_float16(names):
            return autocast
    return None


def has_grad_scaler(notebook: Notebook) -> bool:
    """Whether any cell calls something named `...GradScaler(...)` (torch's, or a sharded one)."""
    if not mentions(notebook, "GradScaler"):
        return False
    return any(
        (called_name(node) or "").endswith("GradScaler")
        for cell in notebook.cells
        for node in cell.nodes.of(ast.Call)
    )


def is_clip_call(call: ast.Call) -> bool:
    return called_name(call) in CLIP_FUNCTIONS


# -- statements of a scope, in source order ------------------------------------------
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
        args = self.function.args
        params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        params |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
        assigned = {n.id for n in walk(self.body) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        return params | assigned

    def locate(self, statement: ast.stmt) -> Located:
        return next(located for located in self.statements if located.statement is statement)


def child_blocks(statement: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists nested directly in a compound statement (not in nested scopes)."""
    if isinstance(statement, _SCOPES):
        return []
    blocks = [
        getattr(statement, name)
        for name in ("body", "orelse", "finalbody")
        if isinstance(getattr(statement, name, None), list)
    ]
    blocks += [handler.body for handler in getattr(statement, "handlers", [])]
    blocks += [case.body for case in getattr(statement, "cases", [])]
    return blocks


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


def method_call(call: ast.Call, method: str) -> ast.expr | None:
    """The receiver of `<receiver>.<method>(...)`."""
    if isinstance(call.func, ast.Attribute) and call.func.attr == method:
        return call.func.value
    return None


def expression_statement_of(call: ast.Call, statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and statement.value is call


def is_inside(inner: Located, outer: ast.stmt) -> bool:
    return inner.statement is outer or any(a is outer for a in inner.ancestors)


# -- positions for codemods ---------------------------------------------------------
Position = tuple[int, int]


def cell_position(notebook: Notebook, cell: Cell, line: int, byte_column: int) -> Position:
    """An `ast` position as (line within the cell source, 1-based; character column, 0-based)."""
    first_line = notebook.index.line_of(cell.span.start)
    start = notebook.index.line_start(line)
    column = len(notebook.index.data[start : start + byte_column].decode("utf-8", errors="replace"))
    return (line - first_line + 1, column)


def node_position(notebook: Notebook, cell: Cell, node: ast.AST) -> Position:
    return cell_position(notebook, cell, node.lineno, node.col_offset)  # type: ignore[attr-defined]


def fresh_name(
    notebook: Notebook,
    cell: Cell,
    candidates: tuple[str, ...],
    claimed: set[str] | frozenset[str] = frozenset(),
) -> str:
    """The first candidate that no cell defines or reads, this cell does not mention, and no fix claimed."""
    taken = {
        *notebook.definers,
        *notebook.toplevel_names,
        *notebook.all_refs,
        *cell.identifiers,
        *cell.params,
    }
    taken |= claimed
    for name in candidates:
        if name not in taken:
            return name
    index = 2
    while f"{candidates[0]}_{index}" in taken:
        index += 1
    return f"{candidates[0]}_{index}"
