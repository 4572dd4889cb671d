"""Where a notebook moves work to CUDA, and whether it ever asks for a GPU.

Read by the CUDA rules (NB104 cuda-timing-without-sync, NB105
cuda-without-availability-check): the expressions that name a CUDA device
(`"cuda"`, `"cuda:0"`, `torch.device("cuda")`), the places that move work
there unconditionally (`CudaUses`), and whether any cell checks that a GPU is
there (`AvailabilityCheck`), which also decides how a fix may call CUDA.
Names resolve through the notebook's imports (`nbfix.semantic.imports`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from nbfix.nodes import walk
from nbfix.notebook import Cell, Notebook
from nbfix.semantic import Fact
from nbfix.semantic.imports import Imports

_CUDA_DEVICE = re.compile(r"cuda(:\d+)?")
# Expressions under these run only sometimes: a CUDA use there is the author's choice.
_CONDITIONAL = (ast.If, ast.IfExp, ast.BoolOp, ast.Match, ast.While)


def global_alias(notebook: Notebook, module: str) -> str | None:
    """A name for `module` that every cell can read: imported at the top level of some cell."""
    for name in Imports.of(notebook).aliases(module):
        if name in notebook.definers or name in notebook.toplevel_names:
            return name
    return None


# -- CUDA devices ---------------------------------------------------------------------------------
def is_cuda_string(node: ast.AST) -> bool:
    """`"cuda"`, `"cuda:0"`, or an f-string starting with `cuda:`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _CUDA_DEVICE.fullmatch(node.value) is not None
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        return isinstance(first, ast.Constant) and str(first.value).startswith("cuda:")
    return False


def is_torch_device_call(node: ast.AST, imports: Imports) -> bool:
    return isinstance(node, ast.Call) and imports.qualify(node.func) == "torch.device"


def is_cuda_method_call(call: ast.Call, imports: Imports) -> bool:
    """`x.cuda()`: moves `x` to the GPU (`torch.cuda(...)`, an imported name, is not the method)."""
    func = call.func
    return isinstance(func, ast.Attribute) and func.attr == "cuda" and imports.qualify(func) is None


def device_argument(call: ast.Call) -> ast.expr | None:
    """The device a `.to(...)` call moves to: `device=`, or its first argument."""
    for keyword in call.keywords:
        if keyword.arg == "device":
            return keyword.value
    return call.args[0] if call.args else None


# -- GPU checks -------------------------------------------------------------------------------------
# Calls that ask whether a GPU is there, also through a name the imports do not resolve.
_CHECK_ATTRIBUTES = frozenset(
    {"is_available", "device_count", "getDeviceCount", "is_gpu_available", "list_physical_devices"}
    | {"current_accelerator", "nvmlInit", "nvmlDeviceGetCount", "getGPUs", "cuda_is_available"}
)
# The same through an import (`from numba import cuda` -> `cuda.detect()`).
AVAILABILITY_CHECKS = frozenset(
    {"torch.cuda.is_available", "torch.cuda.device_count", "torch.backends.cuda.is_built"}
    | {"torch.accelerator.is_available", "torch.accelerator.device_count", "torch.cuda.is_initialized"}
    | {"cupy.cuda.is_available", "cupy.cuda.runtime.getDeviceCount", "numba.cuda.is_available"}
    | {"numba.cuda.detect", "numba.cuda.gpus", "numba.cuda.list_devices", "pycuda.driver.Device.count"}
    | {"jax.devices", "jax.device_count", "jax.default_backend", "GPUtil.getAvailable"}
)
# Libraries that import only where there is a GPU (or its toolkit): a `try` around
# an import of one is a GPU check.
GPU_LIBRARIES = frozenset(
    {"cupy", "cupyx", "cudf", "cuml", "cugraph", "cuspatial", "cusignal", "cuxfilter", "cucim"}
    | {"dask_cudf", "dask_cuda", "rmm", "pylibraft", "raft_dask", "cuvs", "nvtabular", "pycuda"}
    | {"cuda", "pynvml", "nvidia_smi", "GPUtil", "gpustat", "tensorrt", "triton", "flash_attn"}
    | {"xformers", "apex", "bitsandbytes", "numba.cuda"}
)
# Words that make a name a GPU flag (`HAS_GPU`, `gpu_available`, `use_cuda`, `n_devices`).
_GPU_ONLY = frozenset({"gpu", "gpus", "cuda", "nvidia"})
_GPU_WORDS = _GPU_ONLY | {"accelerator", "mps", "device", "devices"}
_SMI = ("nvidia-smi", "rocm-smi")


@dataclass(frozen=True)
class AvailabilityCheck(Fact):
    """Whether some cell checks, in any form, that a GPU is there; `evidence` says how.

    Generous on purpose (a false "it checks" only costs a report): an
    `.is_available()`/`.device_count()` of anything (torch, cupy, numba, mps),
    `nvidia-smi` in any string (`subprocess.run(["nvidia-smi"])`,
    `shutil.which("nvidia-smi")`), a `try` around an import of a GPU library
    or around code that names CUDA, or a GPU flag (`HAS_GPU`, `use_cuda`)
    read by an `if`, `while`, `assert`, conditional expression or `mo.stop`.
    """

    found: bool
    evidence: str = ""

    @classmethod
    def compute(cls, notebook: Notebook) -> AvailabilityCheck:
        imports = Imports.of(notebook)
        device_like = _device_like_names(notebook, imports)
        for cell in notebook.cells:
            evidence = _check_in(cell, imports, device_like)
            if evidence is not None:
                return cls(True, evidence)
        return cls(False)


def _check_in(cell: Cell, imports: Imports, device_like: frozenset[str]) -> str | None:
    nodes = cell.nodes
    for node in nodes.of(ast.Attribute):
        if node.attr in _CHECK_ATTRIBUTES or imports.qualify(node) in AVAILABILITY_CHECKS:
            return f"`.{node.attr}`"
    for node in nodes.of(ast.Name):
        if node.id in _CHECK_ATTRIBUTES or imports.qualify(node) in AVAILABILITY_CHECKS:
            return f"`{node.id}`"
    for node in nodes.of(ast.Constant):
        if isinstance(node.value, str) and any(smi in node.value for smi in _SMI):
            return "`nvidia-smi`"
    for node in nodes.of(ast.Try):
        if node.handlers and _probes_gpu(node.body):
            return "a `try` around GPU code"
    for test in _tests(cell, imports):
        flag = _gpu_flag(test, device_like)
        if flag is not None:
            return f"the flag `{flag}`"
    return None


def _probes_gpu(body: list[ast.stmt]) -> bool:
    """A `try` body that imports a GPU library or names CUDA or a GPU (`torch.cuda.init()`)."""
    for node in walk(body):
        if isinstance(node, ast.Import) and any(_is_gpu_library(alias.name) for alias in node.names):
            return True
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and any(_is_gpu_library(f"{node.module}.{alias.name}") for alias in node.names)
        ):
            return True
        if isinstance(node, (ast.Name, ast.Attribute)) and _has_gpu_word(_identifier(node), _GPU_ONLY):
            return True
    return False


def _is_gpu_library(module: str) -> bool:
    """`cudf`, `cupy.cuda`, `numba.cuda.random`: the module or a package above it is a GPU library."""
    parts = module.split(".")
    return any(".".join(parts[:end]) in GPU_LIBRARIES for end in range(1, len(parts) + 1))


def _tests(cell: Cell, imports: Imports) -> Iterator[ast.expr]:
    """The conditions the cell decides on: `if`, `while`, `assert`, `x if c else y`, `mo.stop(c, ...)`."""
    nodes = cell.nodes
    for node in nodes.of(ast.If) + nodes.of(ast.While) + nodes.of(ast.IfExp) + nodes.of(ast.Assert):
        yield node.test
    for call in nodes.of(ast.Call):
        if call.args and imports.qualify(call.func) == "marimo.stop":
            yield call.args[0]


def _gpu_flag(test: ast.expr, device_like: frozenset[str]) -> str | None:
    """A name or attribute in the test that names a GPU (`HAS_GPU`, `args.cuda`), not a device string."""
    for node in walk([test]):
        if isinstance(node, ast.Name) and node.id in device_like:
            continue
        if isinstance(node, (ast.Name, ast.Attribute)) and _has_gpu_word(_identifier(node)):
            return _identifier(node)
    return None


def _identifier(node: ast.Name | ast.Attribute) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr


def _has_gpu_word(identifier: str, words: frozenset[str] = _GPU_WORDS) -> bool:
    """`HAS_GPU`, `gpuAvailable`, `use_cuda`: a word of the identifier is one of `words`."""
    parts = re.split(r"_+|(?<=[a-z0-9])(?=[A-Z])", identifier)
    return any(part.lower() in words for part in parts)


def _device_like_names(notebook: Notebook, imports: Imports) -> frozenset[str]:
    """Names assigned a string or a `torch.device(...)`: `device == "cuda"` tests a device, not a GPU."""
    found: set[str] = set()
    for cell in notebook.cells:
        for node in cell.nodes.of(ast.Assign):
            value = node.value
            if isinstance(value, (ast.Constant, ast.JoinedStr)) or is_torch_device_call(value, imports):
                found.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(found)


# -- where the notebook moves work to CUDA, unconditionally ---------------------------------------------
@dataclass(frozen=True)
class CudaUse:
    cell: Cell
    node: ast.AST  # the `.cuda()` call, `torch.device("cuda")`, or the "cuda" string
    statement: ast.stmt  # the cell's top-level statement that holds it


@dataclass(frozen=True)
class CudaUses(Fact):
    """The places the notebook moves work to CUDA, unconditionally, in file order.

    `.cuda()`, `.to("cuda")`, `device="cuda"`, `torch.device("cuda")`, and a
    name assigned such a device used as one. Uses under an `if`, a
    conditional expression or a `try` are the author's choice and left out.
    """

    uses: tuple[CudaUse, ...]

    @classmethod
    def compute(cls, notebook: Notebook) -> CudaUses:
        return cls(tuple(_Finder(notebook, Imports.of(notebook)).find()))


class _Finder:
    def __init__(self, notebook: Notebook, imports: Imports) -> None:
        self.notebook = notebook
        self.imports = imports

    def find(self) -> list[CudaUse]:
        uses: list[CudaUse] = []
        device_names = self._device_names()
        for cell in self.notebook.cells:
            if not any(self._use_nodes(call, device_names) for call in cell.nodes.of(ast.Call)):
                continue  # decided from the node index, without walking the cell's conditions
            for statement in cell.body:
                uses.extend(self._in_statement(cell, statement, device_names))
        return sorted(uses, key=lambda u: (u.node.lineno, u.node.col_offset))  # type: ignore[attr-defined]

    def _is_device_literal(self, node: ast.AST) -> bool:
        if is_cuda_string(node):
            return True
        return is_torch_device_call(node, self.imports) and bool(node.args) and is_cuda_string(node.args[0])  # type: ignore[attr-defined]

    def _assigns_device(self, node: ast.Assign) -> bool:
        """`name = <CUDA device literal>`."""
        return (
            self._is_device_literal(node.value)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        )

    def _device_names(self) -> dict[str, ast.AST]:
        """Names assigned a CUDA device literal (not under a condition) -> the literal."""
        found: dict[str, ast.AST] = {}
        for cell in self.notebook.cells:
            if not any(self._assigns_device(node) for node in cell.nodes.of(ast.Assign)):
                continue  # decided from the node index, without walking the cell's conditions
            for statement in cell.body:
                for node, conditional in _walk_with_condition(statement):
                    if isinstance(node, ast.Assign) and not conditional and self._assigns_device(node):
                        found.setdefault(node.targets[0].id, node.value)  # type: ignore[attr-defined]
        return found

    def _device_expression(self, node: ast.AST | None, device_names: dict[str, ast.AST]) -> ast.AST | None:
        """The CUDA literal a device expression stands for (itself, or through a name)."""
        if node is None:
            return None
        if self._is_device_literal(node):
            return node
        if isinstance(node, ast.Name):
            return device_names.get(node.id)
        return None

    def _moves_itself(self, call: ast.Call) -> bool:
        """`x.cuda()` (not `torch.cuda` and friends), or `torch.device("cuda")`."""
        if is_cuda_method_call(call, self.imports):
            return True
        return self._is_device_literal(call) and is_torch_device_call(call, self.imports)

    def _in_statement(
        self, cell: Cell, statement: ast.stmt, device_names: dict[str, ast.AST]
    ) -> Iterator[CudaUse]:
        for node, conditional in _walk_with_condition(statement):
            if conditional or not isinstance(node, ast.Call):
                continue
            for use in self._use_nodes(node, device_names):
                yield CudaUse(cell, use, statement)

    def _use_nodes(self, call: ast.Call, device_names: dict[str, ast.AST]) -> list[ast.AST]:
        """Where a call moves work to CUDA, if it runs: the call, its device literal, or its `device=`."""
        func = call.func
        if self._moves_itself(call):
            return [call]
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "to"
            or self.imports.qualify(func) == "torch.set_default_device"
        ):
            literal = self._device_expression(device_argument(call), device_names)
            if literal is None:
                return []
            return [literal if literal is device_argument(call) else call]
        return [
            keyword.value
            for keyword in call.keywords
            if keyword.arg == "device" and self._device_expression(keyword.value, device_names) is not None
        ]


def _walk_with_condition(statement: ast.stmt) -> Iterator[tuple[ast.AST, bool]]:
    """Every node of a statement, with whether it runs only under a condition or a `try`."""
    pending: list[tuple[ast.AST, bool]] = [(statement, False)]
    while pending:
        node, conditional = pending.pop()
        yield node, conditional
        inner = conditional or isinstance(node, _CONDITIONAL)
        if isinstance(node, ast.Try) and node.handlers:
            for child in node.body:
                pending.append((child, True))
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                pending.append((child, conditional))
            continue
        for child in reversed(list(ast.iter_child_nodes(node))):
            test = getattr(node, "test", None)
            pending.append((child, conditional if child is test else inner))
