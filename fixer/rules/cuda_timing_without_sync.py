"""NB104 cuda-timing-without-sync."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.nodes import children, walk
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rewrite import cell_fix, lazy_codemod, node_position
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.semantic.cuda import (
    AvailabilityCheck,
    device_argument,
    global_alias,
    is_cuda_method_call,
    is_cuda_string,
    is_torch_device_call,
)
from nbfix.semantic.imports import Imports
from nbfix.semantic.statements import FUNCTIONS, SCOPES, child_blocks, flatten, names_bound

TIMERS = frozenset(
    {"time.time", "time.perf_counter", "time.monotonic", "time.time_ns", "time.perf_counter_ns"}
    | {"time.monotonic_ns", "timeit.default_timer"}
)
GPU_LIBRARIES = frozenset({"cupy", "cudf"})
MESSAGE = "GPU work timed with no `torch.cuda.synchronize()` before the timer stops"
# Calls that wait for the GPU: an explicit synchronize, or a copy of a result to the host.
SYNC_METHODS = frozenset({"synchronize", "item", "cpu", "numpy", "tolist"})
HOST_COPY_METHODS = frozenset({"get", "to_pandas", "to_numpy", "to_arrow", "to_list", "values_host"})
SYNCING_BUILTINS = frozenset({"print", "float", "int", "bool", "str", "repr", "format"})
HOST_LIBRARY_CALLS = frozenset({"cupy.asnumpy"})
# Results that live on the host even when their receiver is on the GPU.
HOST_METHODS = SYNC_METHODS | HOST_COPY_METHODS | {"size", "dim", "numel", "stride", "data_ptr", "get_device"}
HOST_ATTRIBUTES = frozenset(
    {"shape", "dtype", "device", "ndim", "is_cuda", "requires_grad", "nbytes", "itemsize"}
)


class Event(Enum):
    WORK = "work"  # queues GPU work
    SYNC = "sync"  # waits for the GPU


# -- what is on the GPU --------------------------------------------------------------------------
def _assignments(notebook: Notebook) -> list[tuple[list[ast.expr], ast.expr]]:
    """Every `targets = value` of every cell (functions included), for the name fixpoints."""
    found: list[tuple[list[ast.expr], ast.expr]] = []
    for cell in notebook.cells:
        for node in cell.nodes.of(ast.Assign, ast.AnnAssign, ast.NamedExpr):
            if isinstance(node, ast.Assign):
                found.append((node.targets, node.value))
            elif node.value is not None:
                found.append(([node.target], node.value))
    return found


class GpuValues:
    """Which names hold CUDA devices, and which hold data or models on the GPU.

    A name-based reading of the whole notebook (marimo globals are unique):
    `device = "cuda" if ... else "cpu"` is a device (CUDA may be chosen),
    `x = torch.randn(..., device=device)`, `model = Net().to(device)`,
    `model.cuda()` as a statement, `a = cp.ones(3)` are on the GPU, and so is
    what a GPU model, method, operator or torch function makes of them
    (`y = model(x)`, `z = x @ w`, `opt = torch.optim.SGD(model.parameters())`),
    but not `.item()`, `.cpu()`, `.shape` and other host results.
    """

    def __init__(self, notebook: Notebook, imports: Imports) -> None:
        self.imports = imports
        assignments = _assignments(notebook)
        self.devices: set[str] = set()
        self._fixpoint(assignments, self.devices, self.is_device)
        # `model.to(x)` moves `model` when `x` is a device or a GPU tensor, which
        # the GPU names found so far tell; so grow both until neither changes.
        self.on_gpu: set[str] = set()
        while True:
            before = len(self.on_gpu)
            self.on_gpu |= self._moved_in_place(notebook)
            self._fixpoint(assignments, self.on_gpu, self.is_on_gpu)
            if len(self.on_gpu) == before:
                break

    @staticmethod
    def _fixpoint(assignments: list[tuple[list[ast.expr], ast.expr]], names: set[str], test) -> None:
        changed = True
        while changed:
            changed = False
            for targets, value in assignments:
                bound = names_bound(targets)
                if not bound <= names and test(value):
                    names |= bound
                    changed = True

    def _moved_in_place(self, notebook: Notebook) -> set[str]:
        """`model.cuda()` / `model.to(device)` as a statement moves a module's parameters in place."""
        moved: set[str] = set()
        for cell in notebook.cells:
            for node in cell.nodes.of(ast.Expr):
                if (
                    isinstance(node.value, ast.Call)
                    and isinstance(node.value.func, ast.Attribute)
                    and isinstance(node.value.func.value, ast.Name)
                    and self._moves_to_gpu(node.value)
                ):
                    moved.add(node.value.func.value.id)
        return moved

    def is_device(self, node: ast.AST) -> bool:
        """`"cuda"`, `"cuda:0"`, `torch.device("cuda")`, a conditional choice that may be CUDA, ..."""
        if is_cuda_string(node):
            return True
        if isinstance(node, ast.Name):
            return node.id in self.devices
        if isinstance(node, ast.IfExp):
            return self.is_device(node.body) or self.is_device(node.orelse)
        if isinstance(node, ast.BoolOp):
            return any(self.is_device(v) for v in node.values)
        if is_torch_device_call(node, self.imports):
            return bool(node.args) and self.is_device(node.args[0])  # type: ignore[attr-defined]
        if isinstance(node, ast.Attribute) and node.attr == "device":
            return self.is_on_gpu(node.value)
        return False

    def _moves_to_gpu(self, call: ast.Call) -> bool:
        func = call.func
        if is_cuda_method_call(call, self.imports):
            return True
        if isinstance(func, ast.Attribute) and func.attr == "to":
            target = device_argument(call)
            return target is not None and (self.is_device(target) or self.is_on_gpu(target))
        return any(k.arg == "device" and self.is_device(k.value) for k in call.keywords)

    def _library_call(self, call: ast.Call) -> str | None:
        name = self.imports.qualify(call.func)
        return name if name and name.split(".")[0] in GPU_LIBRARIES else None

    def is_on_gpu(self, node: ast.AST) -> bool:
        """Whether an expression's value lives on the GPU (as far as the notebook shows)."""
        if isinstance(node, ast.Name):
            return node.id in self.on_gpu
        if isinstance(node, ast.Call):
            return self._call_on_gpu(node)
        if isinstance(node, ast.Attribute):
            return node.attr not in HOST_ATTRIBUTES and self.is_on_gpu(node.value)
        if isinstance(node, (ast.Subscript, ast.Starred)):
            return self.is_on_gpu(node.value)
        if isinstance(node, ast.BinOp):
            return self.is_on_gpu(node.left) or self.is_on_gpu(node.right)
        if isinstance(node, ast.UnaryOp):
            return self.is_on_gpu(node.operand)
        if isinstance(node, ast.Compare):
            return any(self.is_on_gpu(v) for v in (node.left, *node.comparators))
        if isinstance(node, (ast.Tuple, ast.List)):
            return any(self.is_on_gpu(e) for e in node.elts)
        return False

    def _call_on_gpu(self, call: ast.Call) -> bool:
        if self._moves_to_gpu(call):
            return True
        library = self._library_call(call)
        if library is not None:
            return library not in HOST_LIBRARY_CALLS
        func = call.func
        if isinstance(func, ast.Attribute) and self.imports.qualify(func) is None:
            if func.attr == "to":
                target = device_argument(call)
                if target is not None and _is_host_device(target):
                    return False
            return func.attr not in HOST_METHODS and self.is_on_gpu(func.value)
        if isinstance(func, ast.Name) and func.id in self.on_gpu:
            return True  # a module on the GPU, called
        qualname = self.imports.qualify(func) or ""
        return qualname.startswith("torch.") and self.has_gpu_argument(call)

    def has_gpu_argument(self, call: ast.Call) -> bool:
        return any(self.is_on_gpu(a) for a in call.args) or any(
            self.is_on_gpu(k.value) for k in call.keywords
        )


def _is_host_device(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == "cpu"


# -- events of a statement -----------------------------------------------------------------------------
def _own_nodes(statement: ast.stmt) -> list[ast.AST]:
    """What a statement evaluates itself (a compound statement: its header).

    Unlike `statements.header_nodes`, a `for` target and a `with`'s `as`
    target are left out: what is assigned there is no work of the statement.
    """
    if isinstance(statement, SCOPES):
        return [*getattr(statement, "decorator_list", [])]
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        return [statement.iter]
    if isinstance(statement, (ast.If, ast.While)):
        return [statement.test]
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return [item.context_expr for item in statement.items]
    if isinstance(statement, ast.Match):
        return [statement.subject]
    if isinstance(statement, ast.Try) or child_blocks(statement):
        return []
    return [statement]


def _post_order(node: ast.AST) -> Iterator[ast.AST]:
    """Nodes in evaluation order (operands before the operation), not entering nested scopes or lambdas.

    The marker singletons (`Load`, `Add`, ...) are left out: no event is one.
    """
    if isinstance(node, SCOPES):
        return
    for child in children(node):
        yield from _post_order(child)
    yield node


class Events:
    """The GPU work and synchronizations each statement performs, in order."""

    def __init__(self, notebook: Notebook, imports: Imports, gpu: GpuValues) -> None:
        self.imports = imports
        self.gpu = gpu
        self.functions = {node.name: node for cell in notebook.cells for node in cell.nodes.of(*FUNCTIONS)}
        self._function_events: dict[str, list[Event]] = {}

    def of_statement(self, statement: ast.stmt, until: ast.AST | None = None) -> list[Event]:
        """The statement's events in evaluation order (only those before `until`, if given)."""
        events: list[Event] = []
        for root in _own_nodes(statement):
            for node in _post_order(root):
                if node is until:
                    return events
                event = self._of_node(node)
                if event is not None:
                    events.append(event)
        if isinstance(statement, (ast.If, ast.While, ast.Assert)) and self.gpu.is_on_gpu(statement.test):
            events.append(Event.SYNC)  # a GPU tensor's truth value is read on the host
        return events

    def _of_node(self, node: ast.AST) -> Event | None:
        if isinstance(node, ast.Call):
            return self._of_call(node)
        if isinstance(node, ast.FormattedValue) and self.gpu.is_on_gpu(node.value):
            return Event.SYNC
        if isinstance(node, ast.BinOp) and self.gpu.is_on_gpu(node):
            return Event.WORK
        if isinstance(node, ast.AugAssign) and (
            self.gpu.is_on_gpu(node.target) or self.gpu.is_on_gpu(node.value)
        ):
            return Event.WORK
        return None

    def _of_call(self, call: ast.Call) -> Event | None:
        func = call.func
        qualname = self.imports.qualify(func)
        if isinstance(func, ast.Attribute) and func.attr in SYNC_METHODS:
            return Event.SYNC
        if (
            isinstance(func, ast.Attribute)
            and func.attr in HOST_COPY_METHODS
            and self.gpu.is_on_gpu(func.value)
        ):
            return Event.SYNC
        if qualname in HOST_LIBRARY_CALLS:
            return Event.SYNC
        if isinstance(func, ast.Attribute) and func.attr == "to" and _is_host_device(device_argument(call)):
            return Event.SYNC
        if isinstance(func, ast.Name) and func.id in SYNCING_BUILTINS and self.gpu.has_gpu_argument(call):
            return Event.SYNC
        if self.gpu.is_on_gpu(call):
            return Event.WORK
        if isinstance(func, ast.Attribute) and qualname is None and self.gpu.is_on_gpu(func.value):
            return Event.WORK  # `loss.backward()`, `optimizer.step()`: work with no GPU result
        if isinstance(func, ast.Name) and func.id in self.functions:
            return self._of_notebook_function(func.id, call)
        return None

    def _of_notebook_function(self, name: str, call: ast.Call) -> Event | None:
        """A function the notebook defines: it syncs if its body does, else works if it touches the GPU."""
        if name not in self._function_events:
            self._function_events[name] = []  # a recursive call reads nothing
            function = self.functions[name]
            self._function_events[name] = [e for s in flatten(function.body) for e in self.of_statement(s)]
        events = self._function_events[name]
        if Event.SYNC in events:
            return Event.SYNC
        if Event.WORK in events or self.gpu.has_gpu_argument(call):
            return Event.WORK
        return None


# -- timed intervals ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnsyncedTiming:
    scope: Cell
    closing: ast.stmt  # the statement that stops the timer
    timer: ast.Call  # its timer call


class _Timings:
    def __init__(self, imports: Imports, events: Events) -> None:
        self.imports = imports
        self.events = events

    def timer_call(self, node: ast.AST) -> bool:
        return isinstance(node, ast.Call) and self.imports.qualify(node.func) in TIMERS

    def _timer_calls(self, statement: ast.stmt) -> list[ast.Call]:
        return [n for root in _own_nodes(statement) for n in _post_order(root) if self.timer_call(n)]

    def _start_name(self, statement: ast.stmt) -> str | None:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and self.timer_call(statement.value)
        ):
            return statement.targets[0].id
        return None

    def _subtracts(self, statements: list[ast.stmt], later: ast.AST | str, start: str) -> bool:
        """Whether some statement computes `<later> - <start>` (later: a timer call, or a name)."""
        for node in walk(statements):
            if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub)):
                continue
            if not (isinstance(node.right, ast.Name) and node.right.id == start):
                continue
            left = node.left
            if left is later or (isinstance(later, str) and isinstance(left, ast.Name) and left.id == later):
                return True
        return False

    def in_scope(self, body: list[ast.stmt] | tuple[ast.stmt, ...]) -> Iterator[tuple[ast.stmt, ast.Call]]:
        """Each (closing statement, its timer call) that stops an interval whose last GPU work is unsynced."""
        statements = list(flatten(body))
        reported: set[int] = set()
        for index, statement in enumerate(statements):
            start = self._start_name(statement)
            if start is None:
                continue
            closing = self._closing(statements, index, start)
            if closing is None or id(closing[0]) in reported:
                continue
            between = [e for s in statements[index + 1 : closing[1]] for e in self.events.of_statement(s)]
            # `print(loss.item(), time.time() - t0)`: what the closing statement evaluates first counts.
            between += self.events.of_statement(closing[0], until=closing[2])
            if between and between[-1] is Event.WORK:
                reported.add(id(closing[0]))
                yield closing[0], closing[2]

    def _closing(
        self, statements: list[ast.stmt], index: int, start: str
    ) -> tuple[ast.stmt, int, ast.Call] | None:
        """The first later statement that reads a timer, if it stops the interval begun at `index`."""
        for position in range(index + 1, len(statements)):
            statement = statements[position]
            calls = self._timer_calls(statement)
            if not calls:
                continue
            for call in calls:
                if self._subtracts([statement], call, start):
                    return statement, position, call
            end = self._start_name(statement)
            if end is not None and end != start and self._subtracts(statements[position + 1 :], end, start):
                return statement, position, calls[0]
            return None
        return None


def unsynced_timings(notebook: Notebook) -> Iterator[UnsyncedTiming]:
    text = notebook.text
    if not any(word in text for word in ("cuda", "cupy", "cudf")) or not any(
        word in text for word in ("time", "perf_counter", "monotonic", "default_timer")
    ):
        return
    imports = Imports.of(notebook)
    if not imports.modules & {"time", "timeit"}:
        return  # (a timer is never resolved through `from time import *`)
    gpu = GpuValues(notebook, imports)
    timings = _Timings(imports, Events(notebook, imports, gpu))
    for cell in notebook.cells:
        bodies: list[list[ast.stmt] | tuple[ast.stmt, ...]] = [cell.body]
        bodies += [node.body for node in cell.nodes.of(*FUNCTIONS)]
        for body in bodies:
            for closing, timer in timings.in_scope(body):
                yield UnsyncedTiming(cell, closing, timer)


# -- the fix --------------------------------------------------------------------------------
def sync_statement(notebook: Notebook, cell: Cell) -> str | None:
    """`torch.cuda.synchronize()` (guarded if the notebook may run on a CPU), or cupy's; None if neither."""
    visible = notebook.toplevel_names if cell.kind is CellKind.FUNCTION else None
    torch = global_alias(notebook, "torch")
    if torch is not None and (visible is None or torch in visible):
        if AvailabilityCheck.of(notebook).found:
            return f"if {torch}.cuda.is_available():\n    {torch}.cuda.synchronize()"
        return f"{torch}.cuda.synchronize()"
    cupy = global_alias(notebook, "cupy")
    if cupy is not None and (visible is None or cupy in visible):
        return f"{cupy}.cuda.Device().synchronize()"
    return None


@register
class CudaTimingWithoutSync(Rule):
    """
    ## What it does
    Finds elapsed time measured with `time.time()`, `time.perf_counter()`,
    `time.monotonic()` (or `timeit.default_timer()`) around GPU work, where
    nothing waits for the GPU between the last work and the timer that stops
    the interval: no `torch.cuda.synchronize()` and no call that copies a
    result to the host (`.item()`, `.cpu()`, `.numpy()`, `.tolist()`,
    `print(tensor)`).

    GPU work is what the notebook shows to be on the GPU: tensors and models
    moved with `.cuda()`, `.to("cuda")`, `.to(device)` or created with
    `device=...` where the device may be CUDA, what GPU models, methods,
    operators and torch functions make of them, and cupy or cudf calls.
    Without such evidence nothing is reported.

    ## Why is this bad?
    CUDA runs kernels asynchronously: `model(x)` returns as soon as the work
    is queued. The timer then measures how long it took to *queue* it, often
    a thousand times less than the real time, and a benchmark built on it
    compares nothing.

    ## Example
    ```python
    start = time.perf_counter()
    y = model(x)
    elapsed = time.perf_counter() - start
    ```
    Use instead:
    ```python
    start = time.perf_counter()
    y = model(x)
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - start
    ```

    ## Fix safety
    Safe: waiting for the GPU before reading the clock changes no result,
    only the measurement. The fix inserts `torch.cuda.synchronize()` before
    the statement that stops the timer; in a notebook that checks
    `torch.cuda.is_available()` (it may run on a CPU, where the call fails)
    it inserts `if torch.cuda.is_available(): torch.cuda.synchronize()`. A
    notebook that uses cupy without torch gets `cp.cuda.Device().synchronize()`.
    There is no fix when no cell imports torch or cupy.
    """

    code = "NB104"
    name = "cuda-timing-without-sync"
    severity = Severity.WARNING
    fix_availability = sometimes(Applicability.SAFE)
    needs_text = ("cu", "time")
    valid = (
        Example(
            "import time\nimport torch\n# ---\n"
            "x = torch.ones(4, 4).cuda()\nstart = time.perf_counter()\ny = x @ x\n"
            "torch.cuda.synchronize()\nelapsed = time.perf_counter() - start"
        ),
        Example(
            "import time\nimport torch\n# ---\n"
            "x = torch.ones(4, 4).cuda()\nstart = time.perf_counter()\ntotal = (x @ x).sum().item()\n"
            "elapsed = time.perf_counter() - start"
        ),
        Example(
            "import time\nimport torch\n# ---\n"
            "x = torch.ones(4, 4)\nstart = time.perf_counter()\ny = x @ x\n"
            "elapsed = time.perf_counter() - start"
        ),
    )
    invalid = (
        Example(
            "import time\nimport torch\n# ---\n"
            'device = "cuda" if torch.cuda.is_available() else "cpu"\n'
            "x = torch.ones(4, 4, device=device)\nstart = time.perf_counter()\ny = x @ x\n"
            "elapsed = time.perf_counter() - start",
            "import time\nimport torch\n# ---\n"
            'device = "cuda" if torch.cuda.is_available() else "cpu"\n'
            "x = torch.ones(4, 4, device=device)\nstart = time.perf_counter()\ny = x @ x\n"
            "if torch.cuda.is_available():\n    torch.cuda.synchronize()\n"
            "elapsed = time.perf_counter() - start",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        timings = list(unsynced_timings(notebook))
        if not timings:
            return
        for timing in timings:
            statement = sync_statement(notebook, timing.scope)
            fix = None
            if statement is not None:
                position = node_position(notebook, timing.scope, timing.closing)
                fix = cell_fix(
                    notebook,
                    timing.scope,
                    lazy_codemod("insert_cuda_sync", "insert_before", position, statement),
                    Applicability.SAFE,
                    "Wait for the GPU before stopping the timer",
                )
            yield self.diagnostic(MESSAGE, notebook.index.node_span(timing.timer), fix)
