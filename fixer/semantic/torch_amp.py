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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from nbfix.nodes import children, dotted_name, walk
from nbfix.notebook import Cell, Notebook
from nbfix.semantic import Fact
from nbfix.semantic.bindings import Binding, CellBindings, bindings_of, root_name
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


# -- optimizers --------------------------------------------------------------------
def builds_optimizer(value: ast.expr, names: TorchNames) -> bool | None:
    """Whether an assigned value builds an optimizer (True), a scheduler (False), or unknown (None)."""
    if not isinstance(value, ast.Call):
        return None
    qualname = names.qualify(value.func) or ""
    callee = called_name(value) or ""
    if "lr_scheduler" in qualname or "Scheduler" in callee or callee.endswith("LR"):
        return False
    if qualname.startswith("torch.optim.") or callee in OPTIMIZER_CLASSES:
        return True
    return None


# -- float16 weights -------------------------------------------------------------------
# Casts a module (in place) or a tensor: to float16 (True) or to another float dtype (False).
_CAST_METHODS = {"half": True, "float": False, "double": False, "bfloat16": False}
_DTYPE_METHODS = frozenset({"to", "type"})
# Methods that keep the dtype of what they are called on.
_KEEP_DTYPE = frozenset({"cuda", "cpu", "train", "eval", "requires_grad_", "detach", "clone", "contiguous"})
_DTYPE_KEYWORDS = ("torch_dtype", "dtype")
_QUANTIZED = frozenset({"load_in_8bit", "load_in_4bit", "quantization_config"})
_FLOAT16_STRINGS = {"float16": True, "half": True, "torch.float16": True}
_FLOAT16_STRINGS |= {"bfloat16": False, "float32": False, "float": False, "torch.bfloat16": False}
_HALF_TENSORS = frozenset({"torch.HalfTensor", "torch.cuda.HalfTensor"})
_PARAMETER_METHODS = frozenset({"parameters", "named_parameters"})
# Calls that may give a model float32 trainable weights (PEFT adapters, `prepare_model_for_kbit_training`,
# diffusers' `cast_training_params`): what they get is in doubt.
_UPCASTING_CALLS = ("peft", "kbit", "int8_training", "cast_training_params", "adapter", "upcast")
_ADDS_MODULES = frozenset({"add_module", "register_module", "register_parameter", "setattr"})

Key = tuple[int | None, str]  # a name, with the cell for a private `_name`


def _key(cell: Cell, name: str) -> Key:
    return (cell.index if name.startswith("_") else None, name)


@dataclass(frozen=True)
class _Cast:
    """An in-place cast of a name's module (`model.half()`), or of its parameters' `.data`."""

    cell: Cell
    line: int
    to_float16: bool
    how: str


@dataclass(frozen=True)
class Fp16Optimizer:
    """An optimizer built on float16 weights, and the calls that step it."""

    cell: Cell
    call: ast.Call  # its construction
    name: str
    weights: str  # the expression whose float16 parameters it gets (`model`, `pipe.unet`)
    how: str  # what made them float16: `.half()`, `torch_dtype=torch.float16`, ...
    steps: tuple[ast.Call, ...]


@dataclass(frozen=True)
class Fp16Weights(Fact):
    """Optimizers that step float16 weights (NB106), and their steps (NB101 stays silent on them).

    A name holds float16 weights when it is bound to a model loaded or built
    with `torch_dtype=`/`dtype=torch.float16`, cast with `.half()`,
    `.to(torch.float16)` or `.to(other.dtype)` of a float16 model, or
    (modules cast in place) when such a cast runs before, in its cell or in
    a cell it depends on. Precision first: a name cast back to another dtype
    anywhere, handed to PEFT or an upcasting helper, or frozen and given new
    modules, is not float16 here.
    """

    optimizers: tuple[Fp16Optimizer, ...]

    @classmethod
    def compute(cls, notebook: Notebook) -> Fp16Weights:
        text = notebook.text
        if "step" not in text or not any(w in text for w in ("half", "float16", "dtype", "Half")):
            return cls(())
        if not mentions(notebook, "torch"):
            return cls(())
        return cls(tuple(_HalfReader(notebook).optimizers()))

    @cached_property
    def _step_ids(self) -> frozenset[int]:
        return frozenset(id(step) for optimizer in self.optimizers for step in optimizer.steps)

    def steps_float16(self, call: ast.Call) -> bool:
        """Is this `.step()` (or `scaler.step(...)`) call one of an optimizer of float16 weights?"""
        return id(call) in self._step_ids


class _HalfReader:
    """Reads one notebook for `Fp16Weights`."""

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        self.names = TorchNames.of(notebook)
        self.executed = CellBindings.of(notebook)
        self.bindings: dict[Key, list[tuple[Cell, Binding]]] = {}
        self.casts: dict[Key, list[_Cast]] = {}
        self.doubtful: set[Key] = set()
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self._ancestors: dict[int, frozenset[int]] = {}
        self._visiting: set[tuple[int, int]] = set()
        for cell in notebook.cells:
            for name, bindings in bindings_of(cell.nodes.nodes).items():
                self.bindings.setdefault(_key(cell, name), []).extend((cell, b) for b in bindings)
            for function in cell.nodes.of(ast.FunctionDef) + cell.nodes.of(ast.AsyncFunctionDef):
                self.functions.setdefault(function.name, function)
        for cell in notebook.cells:
            self._read_casts(cell)
        self._read_doubts()

    # -- what the notebook does to its weights ---------------------------------------------
    def _read_casts(self, cell: Cell) -> None:
        for call in cell.nodes.of(ast.Call):
            func = call.func
            if not isinstance(func, ast.Attribute):
                continue
            root = root_name(func.value)
            cast = self.cast_of(call, (cell, call.lineno))
            if root is not None and cast is not None:
                self.casts.setdefault(_key(cell, root.id), []).append(_Cast(cell, call.lineno, *cast))
        for loop in cell.nodes.of(ast.For):
            roots = [
                root_name(node.func.value)
                for node in walk([loop.iter])
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _PARAMETER_METHODS
            ]
            for node in walk(loop.body):
                if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
                    continue
                if not any(isinstance(t, ast.Attribute) and t.attr == "data" for t in node.targets):
                    continue
                cast = self.cast_of(node.value, (cell, node.lineno))
                for root in roots:
                    if root is not None and cast is not None:
                        self.casts.setdefault(_key(cell, root.id), []).append(_Cast(cell, node.lineno, *cast))

    def _read_doubts(self) -> None:
        """Names whose trainable weights may be float32 after all (see `Fp16Weights`)."""
        frozen = False
        restructured: set[Key] = set()
        adds_modules = {name for name, f in self.functions.items() if _adds_modules(f.body)}
        for cell in self.notebook.cells:
            for call in cell.nodes.of(ast.Call):
                callee = (called_name(call) or "").lower()
                arguments = [*call.args, *(k.value for k in call.keywords)]
                roots = [_key(cell, r.id) for r in map(root_name, arguments) if r is not None]
                if any(word in callee for word in _UPCASTING_CALLS):
                    self.doubtful.update(roots)
                if callee in adds_modules or callee == "setattr":
                    restructured.update(roots[:1] if callee == "setattr" else roots)
                receiver = root_name(call.func.value) if isinstance(call.func, ast.Attribute) else None
                if receiver is not None and callee in _ADDS_MODULES:
                    restructured.add(_key(cell, receiver.id))
                frozen = frozen or _freezes(call)
            for node in cell.nodes.of(ast.Assign):
                frozen = frozen or _freezes(node)
                if isinstance(node.value, ast.Call):
                    for target in node.targets:
                        root = root_name(target) if isinstance(target, ast.Attribute) else None
                        if root is not None:
                            restructured.add(_key(cell, root.id))
        if frozen:
            self.doubtful |= restructured

    # -- dtypes ----------------------------------------------------------------------------
    def cast_of(self, call: ast.Call, at: tuple[Cell, int]) -> tuple[bool, str] | None:
        """What a cast call casts to: (True, how) for float16, (False, how) for another dtype, or None."""
        func = call.func
        if not isinstance(func, ast.Attribute):
            return None
        if func.attr in _CAST_METHODS and not call.args:
            return _CAST_METHODS[func.attr], f"`.{func.attr}()`"
        if func.attr in _DTYPE_METHODS:
            dtypes = [("", a) for a in call.args]
            dtypes += [(f"{k.arg}=", k.value) for k in call.keywords if k.arg in ("dtype", "dst_type")]
            for label, dtype in dtypes:
                verdict = self.dtype_is_float16(dtype, at)
                if verdict is not None:
                    return verdict, f"`.{func.attr}({label}{_short(dtype)})`"
        return None

    def dtype_is_float16(self, expr: ast.expr, at: tuple[Cell, int]) -> bool | None:
        """A dtype: torch.float16 (also through a name or a string), or a float16 model's `.dtype`."""
        if self.names.qualify(expr) in _HALF_TENSORS:
            return True
        verdict = self.names.is_float16(expr)
        if verdict is not None:
            return verdict
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return _FLOAT16_STRINGS.get(expr.value)
        if isinstance(expr, ast.Attribute) and expr.attr == "dtype":
            return True if self.float16(expr.value, at) else None
        if isinstance(expr, ast.Name):
            binding = self._binding_before(_key(at[0], expr.id), at)
            if binding is not None and binding[1].value is not None:
                return self._guarded(
                    binding, lambda cell, value: self.dtype_is_float16(value, (cell, value.lineno))
                )
        return None

    def float16(self, expr: ast.expr, at: tuple[Cell, int]) -> str | None:
        """How `expr` holds float16 weights (a module, a parameter or a tensor); None if not known to."""
        if isinstance(expr, ast.Call):
            cast = self.cast_of(expr, at)
            if cast is not None:
                return cast[1] if cast[0] else None
            func = expr.func
            if isinstance(func, ast.Attribute) and (func.attr in _KEEP_DTYPE or func.attr in _DTYPE_METHODS):
                return self.float16(func.value, at)
            for keyword in expr.keywords:
                if keyword.arg in _DTYPE_KEYWORDS:
                    if self.dtype_is_float16(keyword.value, at) and not _quantized(expr):
                        return f"`{keyword.arg}={_short(keyword.value)}`"
                    return None
            if called_name(expr) == "Parameter" and expr.args:
                return self.float16(expr.args[0], at)
            return None
        if isinstance(expr, ast.Name):
            return self.name_float16(_key(at[0], expr.id), at)
        if isinstance(expr, ast.Attribute) and expr.attr != "dtype" or isinstance(expr, ast.Subscript):
            return self.float16(expr.value, at)
        return None

    def name_float16(self, key: Key, at: tuple[Cell, int]) -> str | None:
        if key in self.doubtful:
            return None
        casts = self.casts.get(key, ())
        if any(not cast.to_float16 for cast in casts):
            return None  # cast back somewhere: in doubt
        for cast in casts:
            if self._runs_before(cast.cell, cast.line, at):
                return cast.how
        binding = self._binding_before(key, at)
        if binding is None or binding[1].value is None:
            return None
        return self._guarded(binding, lambda cell, value: self.float16(value, (cell, value.lineno)))

    def _guarded(self, binding: tuple[Cell, Binding], read):  # noqa: ANN001, ANN202
        """`read(cell, value)` of a binding, once at a time (a binding may lead back to itself)."""
        cell, found = binding
        mark = (cell.index, id(found.node))
        if mark in self._visiting:
            return None
        self._visiting.add(mark)
        try:
            return read(cell, found.value)
        finally:
            self._visiting.discard(mark)

    # -- where and when ---------------------------------------------------------------------
    def _binding_before(self, key: Key, at: tuple[Cell, int]) -> tuple[Cell, Binding] | None:
        """The binding a read at `at` sees: the last before it in its cell, else the defining cell's last."""
        cell, line = at
        bindings = self.bindings.get(key, ())
        here = [b for b in bindings if b[0] is cell and b[1].node.lineno < line]
        if here:
            return max(here, key=lambda b: b[1].node.lineno)
        elsewhere = [
            (c, b)
            for c in self.notebook.definers.get(key[1], ())
            if c is not cell
            for b in self.executed.bindings(c).get(key[1], ())
        ]
        return max(elsewhere, key=lambda b: b[1].node.lineno) if elsewhere else None

    def _runs_before(self, cell: Cell, line: int, at: tuple[Cell, int]) -> bool:
        """Does code at (cell, line) run before `at`: earlier in its cell, or in a cell it depends on?"""
        if cell is at[0]:
            return line < at[1]
        return cell.index in self.ancestors(at[0])

    def ancestors(self, cell: Cell) -> frozenset[int]:
        found = self._ancestors.get(cell.index)
        if found is None:
            seen: set[int] = set()
            pending = [cell]
            while pending:
                for name in pending.pop().refs:
                    for definer in self.notebook.definers.get(name, ()):
                        if definer.index not in seen and definer is not cell:
                            seen.add(definer.index)
                            pending.append(definer)
            found = self._ancestors[cell.index] = frozenset(seen)
        return found

    # -- optimizers --------------------------------------------------------------------------
    def optimizers(self) -> Iterator[Fp16Optimizer]:
        steps = self._steps()
        for cell in self.notebook.cells:
            for node in cell.nodes.of(ast.Assign):
                call = node.value
                if not isinstance(call, ast.Call) or builds_optimizer(call, self.names) is not True:
                    continue
                params = call.args[0] if call.args else _keyword(call, "params")
                if params is None:
                    continue
                found = self._float16_source(params, (cell, call.lineno))
                if found is None:
                    continue
                for target in node.targets:
                    if isinstance(target, ast.Name) and steps.get(_key(cell, target.id)):
                        weights, how = found
                        yield Fp16Optimizer(
                            cell, call, target.id, weights, how, tuple(steps[_key(cell, target.id)])
                        )

    def _float16_source(
        self, params: ast.expr, at: tuple[Cell, int], depth: int = 0
    ) -> tuple[str, str] | None:
        """The first weights among an optimizer's parameters that are float16, and how."""
        for candidate in _parameter_sources(params):
            how = self.float16(candidate, at)
            if how is not None:
                return dotted_name(candidate) or "parameters", how
            if isinstance(candidate, ast.Name) and depth < 3:
                binding = self._binding_before(_key(at[0], candidate.id), at)
                if binding is not None and binding[1].value is not None:
                    cell, found = binding
                    inner = self._float16_source(found.value, (cell, found.node.lineno), depth + 1)
                    if inner is not None:
                        return inner
        return None

    def _steps(self) -> dict[Key, list[ast.Call]]:
        """`opt.step()` and `scaler.step(opt)` calls by optimizer name, also in a function it is passed to."""
        found: dict[Key, list[ast.Call]] = {}
        for cell in self.notebook.cells:
            for call in cell.nodes.of(ast.Call):
                for name in _stepped(call):
                    found.setdefault(_key(cell, name), []).append(call)
        for cell in self.notebook.cells:
            for call in cell.nodes.of(ast.Call):
                function = self.functions.get(call.func.id) if isinstance(call.func, ast.Name) else None
                if function is None:
                    continue
                for parameter, argument in _passed(function, call):
                    if isinstance(argument, ast.Name):
                        inner = [
                            c
                            for c in walk(function.body)
                            if isinstance(c, ast.Call) and parameter in _stepped(c)
                        ]
                        found.setdefault(_key(cell, argument.id), []).extend(inner)
        return found


def _stepped(call: ast.Call) -> list[str]:
    """The optimizer name a call steps: `opt.step()` -> opt, `scaler.step(opt)` -> opt."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "step"):
        return []
    if not call.args and not call.keywords and isinstance(func.value, ast.Name):
        return [func.value.id]
    if call.args and isinstance(call.args[0], ast.Name):
        return [call.args[0].id]
    return []


def _passed(
    function: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call
) -> Iterator[tuple[str, ast.expr]]:
    """(parameter, argument) pairs of a call of a notebook function."""
    positional = [*function.args.posonlyargs, *function.args.args]
    for parameter, argument in zip(positional, call.args, strict=False):
        yield parameter.arg, argument
    for keyword in call.keywords:
        if keyword.arg is not None:
            yield keyword.arg, keyword.value


def _parameter_sources(params: ast.expr) -> Iterator[ast.expr]:
    """What an optimizer's parameters come from: `model` in `model.parameters()`, `(p for p in
    lora.parameters() if p.requires_grad)`, `[{"params": head.parameters()}]`, `[w, b]`."""
    pending: list[ast.AST] = [params]
    while pending:
        node = pending.pop(0)
        func = node.func if isinstance(node, ast.Call) else None
        if isinstance(func, ast.Attribute) and func.attr in _PARAMETER_METHODS:
            yield func.value
            continue
        if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
            yield node  # type: ignore[misc]
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.comprehension):
            pending.append(node.iter)
            continue
        if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
            pending.extend(node.generators)
            continue
        pending.extend(children(node))


def _short(expr: ast.expr) -> str:
    """An expression as written, for a message (`...` when long)."""
    text = ast.unparse(expr)
    return text if len(text) <= 30 else "..."


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _quantized(call: ast.Call) -> bool:
    return any(k.arg in _QUANTIZED for k in call.keywords)


def _freezes(node: ast.AST) -> bool:
    """`p.requires_grad = False` or `m.requires_grad_(False)`."""
    if isinstance(node, ast.Assign):
        return (
            any(isinstance(t, ast.Attribute) and t.attr == "requires_grad" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and node.value.value is False
        )
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "requires_grad_"
    ):
        values = [*node.args, *(k.value for k in node.keywords)]
        return any(isinstance(v, ast.Constant) and v.value is False for v in values)
    return False


def _adds_modules(body: list[ast.stmt]) -> bool:
    """A function that gives what it gets new modules (`setattr`, `m.head = Linear(...)`, `add_module`)."""
    for node in walk(body):
        if isinstance(node, ast.Call) and called_name(node) in _ADDS_MODULES:
            return True
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and any(isinstance(t, ast.Attribute) for t in node.targets)
        ):
            return True
    return False
