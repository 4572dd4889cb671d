"""PyTorch mixed precision: torch names, float16, autocast, GradScaler.

What the mixed-precision rules (NB101 fp16-without-gradscaler, NB102
deprecated-cuda-amp, NB103 clip-before-unscale) know about torch code: the
dotted name an expression stands for through the notebook's torch imports
(`import torch as th`, `from torch.cuda.amp import autocast`), whether a
dtype is float16 (also through a module-level constant), what an autocast
call's device, dtype and `enabled=` are, and whether the notebook creates a
GradScaler at all. Rules decide on these facts; codemods get positions.
"""

from __future__ import annotations

import ast
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from nbfix.notebook import Notebook
from nbfix.semantic import Fact
from nbfix.semantic.imports import Imports
from nbfix.semantic.statements import called_name

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


# -- names ------------------------------------------------------------------------
@dataclass(frozen=True)
class TorchNames(Fact):
    """The notebook's torch imports, and its `name = <value>` assignments for one-step lookups.

    Only imports of torch and what is inside it count, the first of them
    binding a name winning: `autocast` is torch's even where an earlier
    `from contextlib import nullcontext as autocast` binds it too. (`from
    torch import *` binds nothing here: no rule resolves a name through it.)
    """

    imports: Imports
    assignments: dict[str, tuple[ast.expr, ...]]

    @classmethod
    def compute(cls, notebook: Notebook) -> TorchNames:
        bindings: dict[str, str] = {}
        for name, target in notebook.import_bindings:
            if target == "torch" or target.startswith("torch."):
                bindings.setdefault(name, target)
        assignments: dict[str, list[ast.expr]] = {}
        for cell in notebook.cells:
            for node in cell.nodes.of(ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assignments.setdefault(target.id, []).append(node.value)
        return cls(Imports(bindings), {name: tuple(values) for name, values in assignments.items()})

    def qualify(self, expr: ast.expr) -> str | None:
        """`th.cuda.amp.autocast` -> "torch.cuda.amp.autocast"; None if not rooted in a torch import."""
        return self.imports.qualify(expr)

    @cached_property
    def torch_alias(self) -> str | None:
        """A name the notebook binds to the `torch` module itself ("torch" when it is one)."""
        aliases = self.imports.aliases("torch")
        return aliases[0] if aliases else None

    def is_float16(self, expr: ast.expr) -> bool | None:
        """True for torch.float16/half, False for another torch dtype, None when unknown."""
        name = self.qualify(expr)
        if name is None and isinstance(expr, ast.Name):
            values = self.assignments.get(expr.id, ())
            verdicts = {self.is_float16(v) for v in values if not isinstance(v, ast.Name)}
            return verdicts.pop() if len(verdicts) == 1 else None
        if name is None or not name.startswith("torch."):
            return None
        return name in FLOAT16


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
    qualname = names.qualify(expr.func)
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


# -- GradScaler and clipping ---------------------------------------------------------
@dataclass(frozen=True)
class GradScalers(Fact):
    """Whether any cell calls something named `...GradScaler(...)` (torch's, or a sharded one),
    and the names such a call is assigned to (`scaler = torch.amp.GradScaler("cuda")`).

    NB101 reports only where there is none, NB103 only where there is one.
    """

    created: bool
    names: frozenset[str]

    @classmethod
    def compute(cls, notebook: Notebook) -> GradScalers:
        if not mentions(notebook, "GradScaler") or not any(
            _creates_scaler(call) for cell in notebook.cells for call in cell.nodes.of(ast.Call)
        ):
            return cls(False, frozenset())
        names = frozenset(
            target.id
            for cell in notebook.cells
            for node in cell.nodes.of(ast.Assign)
            if isinstance(node.value, ast.Call) and _creates_scaler(node.value)
            for target in node.targets
            if isinstance(target, ast.Name)
        )
        return cls(True, names)


def _creates_scaler(call: ast.Call) -> bool:
    return (called_name(call) or "").endswith("GradScaler")


def is_clip_call(call: ast.Call) -> bool:
    return called_name(call) in CLIP_FUNCTIONS
