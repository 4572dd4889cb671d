"""NB105 cuda-without-availability-check.

Also the home of what the CUDA rules (NB104, NB105) read from a notebook on
`ast`: the names its imports bind (`th` -> `torch`, `perf_counter` ->
`time.perf_counter`) and the expressions that name a CUDA device.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from fixer.diagnostics import Applicability, Diagnostic, Fix, FixUnavailable, Severity
from fixer.notebook import Cell, CellKind, Notebook
from fixer.rewrite import rewrite_cell
from fixer.rules import Example, Rule, register, sometimes

_CUDA_DEVICE = re.compile(r"cuda(:\d+)?")
# Anything that asks whether a GPU is there: the author thought about machines without one.
AVAILABILITY_CHECKS = frozenset(
    {"torch.cuda.is_available", "torch.cuda.device_count", "torch.backends.cuda.is_built"}
    | {"torch.accelerator.is_available", "torch.accelerator.device_count", "torch.cuda.is_initialized"}
    | {"cupy.cuda.is_available", "cupy.cuda.runtime.getDeviceCount", "numba.cuda.is_available"}
)
# Expressions under these run only sometimes: a CUDA use there is the author's choice.
_CONDITIONAL = (ast.If, ast.IfExp, ast.BoolOp, ast.Match, ast.While)


# -- names ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ModuleNames:
    """What the names bound by the notebook's imports stand for, as dotted names.

    Imports are global in marimo, so one map serves every cell; imports
    inside functions are included (a name is rarely bound to two modules).
    """

    bindings: dict[str, str]

    @classmethod
    def of(cls, notebook: Notebook) -> ModuleNames:
        """The first binding of each name wins; the first `from m import *` binds "*" to "m.*"."""
        bindings: dict[str, str] = {}
        for name, target in notebook.import_bindings:
            bindings.setdefault(name, target)
        star = _first_star_import(notebook)
        if star is not None:
            bindings.setdefault("*", f"{star}.*")
        return cls(bindings)

    def qualname(self, expr: ast.AST) -> str | None:
        """`th.cuda.synchronize` -> "torch.cuda.synchronize"; None if not rooted in an import."""
        if isinstance(expr, ast.Name):
            return self.bindings.get(expr.id)
        if isinstance(expr, ast.Attribute):
            base = self.qualname(expr.value)
            return f"{base}.{expr.attr}" if base else None
        return None

    def aliases(self, module: str) -> list[str]:
        """The names bound to `module` itself, the conventional one first."""
        names = sorted(name for name, target in self.bindings.items() if target == module)
        preferred = {"torch": "torch", "marimo": "mo", "cupy": "cp"}.get(module)
        return sorted(names, key=lambda n: n != preferred)

    @cached_property
    def modules(self) -> frozenset[str]:
        return frozenset(target.split(".")[0] for target in self.bindings.values())


def _first_star_import(notebook: Notebook) -> str | None:
    """The module of the notebook's first `from <module> import *` (it counts in `ModuleNames.modules`)."""
    for cell in notebook.cells:
        for node in cell.nodes.of(ast.ImportFrom):
            if node.level == 0 and node.module and any(alias.name == "*" for alias in node.names):
                return node.module
    return None


def global_alias(notebook: Notebook, names: ModuleNames, module: str) -> str | None:
    """A name for `module` that every cell can read: imported at the top level of some cell."""
    for name in names.aliases(module):
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


def is_torch_device_call(node: ast.AST, names: ModuleNames) -> bool:
    return isinstance(node, ast.Call) and names.qualname(node.func) == "torch.device"


def device_argument(call: ast.Call) -> ast.expr | None:
    """The device a `.to(...)` call moves to: `device=`, or its first argument."""
    for keyword in call.keywords:
        if keyword.arg == "device":
            return keyword.value
    return call.args[0] if call.args else None


def has_availability_check(notebook: Notebook, names: ModuleNames) -> bool:
    for cell in notebook.cells:
        for node in cell.nodes.of(ast.Attribute):
            if node.attr in ("is_available", "device_count"):
                return True  # also through a name the import map does not know
            if names.qualname(node) in AVAILABILITY_CHECKS:
                return True
        if any(names.qualname(node) in AVAILABILITY_CHECKS for node in cell.nodes.of(ast.Name)):
            return True
    return False


# -- where the notebook moves work to CUDA, unconditionally ---------------------------------------------
@dataclass(frozen=True)
class CudaUse:
    cell: Cell
    node: ast.AST  # the `.cuda()` call, `torch.device("cuda")`, or the "cuda" string
    statement: ast.stmt  # the cell's top-level statement that holds it


class _CudaUses:
    def __init__(self, notebook: Notebook, names: ModuleNames) -> None:
        self.notebook = notebook
        self.names = names

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
        return is_torch_device_call(node, self.names) and bool(node.args) and is_cuda_string(node.args[0])  # type: ignore[attr-defined]

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
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "cuda" and self.names.qualname(func) is None:
            return True
        return self._is_device_literal(call) and is_torch_device_call(call, self.names)

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
            or self.names.qualname(func) == "torch.set_default_device"
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


def cuda_uses(notebook: Notebook, names: ModuleNames) -> list[CudaUse]:
    """The places the notebook moves work to CUDA, unconditionally, in file order."""
    return _CudaUses(notebook, names).find()


def region_position(notebook: Notebook, cell: Cell, node: ast.AST) -> tuple[int, int]:
    """An `ast` node's start as a codemod addresses it: (line within the cell's region, 1-based;
    column in characters, 0-based)."""
    first_line = notebook.index.line_of(cell.span.start)
    line_start = notebook.index.line_start(node.lineno)  # type: ignore[attr-defined]
    prefix = notebook.index.data[line_start : line_start + node.col_offset]  # type: ignore[attr-defined]
    return (node.lineno - first_line + 1, len(prefix.decode("utf-8", errors="replace")))  # type: ignore[attr-defined]


# -- the fix -------------------------------------------------------------------------------------------
def _statement_index(cell: Cell, node: ast.AST) -> int | None:
    line = node.lineno  # type: ignore[attr-defined]
    for index, statement in enumerate(cell.body):
        if statement.lineno <= line <= (statement.end_lineno or statement.lineno):
            return index
    return None


def _bound_before(cell: Cell, name: str, limit: int) -> int | None:
    """Index just past the last top-level statement before `limit` that binds `name` in this cell."""
    found = None
    for node in cell.scope.def_nodes.get(name, ()):
        index = _statement_index(cell, node)
        if index is not None and index < limit:
            found = max(found or 0, index + 1)
    return found


def guard_position(notebook: Notebook, use: CudaUse, mo: str, torch: str) -> tuple[int, int]:
    """Where (line within the cell's region, column) the statement the guard goes before starts.

    The top of the cell, after its leading imports and after the statements
    that bind the names the guard reads; never after the first CUDA use.
    """
    cell = use.cell
    first_use = next(i for i, s in enumerate(cell.body) if s is use.statement)
    position = 0
    while position < first_use and isinstance(cell.body[position], (ast.Import, ast.ImportFrom)):
        position += 1
    for name in (mo, torch):
        if name in cell.defs or name in cell.scope.def_nodes:
            bound = _bound_before(cell, name, first_use + 1)
            if bound is None or bound > first_use:
                raise FixUnavailable(f"`{name}` is bound in this cell after its first use of CUDA")
            position = max(position, bound)
    return region_position(notebook, cell, cell.body[position])


def _fix(notebook: Notebook, names: ModuleNames, use: CudaUse) -> Fix | None:
    if use.cell.kind is not CellKind.CELL:
        return None
    mo = global_alias(notebook, names, "marimo")
    torch = global_alias(notebook, names, "torch")
    if mo is None or torch is None:
        return None

    def edits():
        # libcst loads only when a fix is built
        from codemods.cuda_availability_guard import insert_cuda_guard

        before = guard_position(notebook, use, mo, torch)
        return rewrite_cell(notebook, use.cell, lambda source: insert_cuda_guard(source, before, mo, torch))

    return Fix(
        Applicability.UNSAFE,
        f"Stop the cell when CUDA is missing (`{mo}.stop(not {torch}.cuda.is_available(), ...)`)",
        edits,
    )


@register
class CudaWithoutAvailabilityCheck(Rule):
    """
    ## What it does
    Finds a notebook that moves work to CUDA (`.cuda()`, `.to("cuda")`,
    `device="cuda"`, `torch.device("cuda")`, or a name assigned such a
    device and used as one) and never asks whether a GPU is there
    (`torch.cuda.is_available()`, `torch.cuda.device_count()`, ...). It is
    reported once, at the first use. Uses under an `if`, a conditional
    expression or a `try` are the author's choice and do not count.

    ## Why is this bad?
    On a machine without a GPU (a laptop, CI, a colleague's CPU box, molab)
    the notebook fails in the middle of a cell with
    `AssertionError: Torch not compiled with CUDA enabled` or
    `RuntimeError: No CUDA GPUs are available`, and every cell that depends
    on it shows an error, instead of one clear message up front.

    ## Example
    ```python
    model = Net().cuda()
    ```
    Use instead:
    ```python
    mo.stop(
        not torch.cuda.is_available(),
        mo.callout(mo.md("CUDA is not available: ..."), kind="warn"),
    )
    model = Net().cuda()
    ```
    or pick the device: `device = "cuda" if torch.cuda.is_available() else "cpu"`.

    ## Fix safety
    Unsafe: the fix adds the `mo.stop(...)` guard at the top of the first
    cell that uses CUDA (after its imports), so on a machine without a GPU
    that cell and the cells that depend on it stop with a callout instead of
    failing. It changes what the notebook does there, and cells that use
    CUDA without depending on that cell are not covered. It needs a cell
    that imports marimo and one that imports torch; otherwise there is no
    fix.
    """

    code = "NB105"
    name = "cuda-without-availability-check"
    severity = Severity.WARNING
    fix_availability = sometimes(Applicability.UNSAFE)
    valid = (
        Example(
            "import torch\n# ---\n"
            'device = "cuda" if torch.cuda.is_available() else "cpu"\n'
            "weights = torch.ones(3).to(device)"
        ),
        Example(
            "import torch\n# ---\nif torch.cuda.device_count() > 1:\n    print('many GPUs')\n"
            "# ---\nweights = torch.ones(3).cuda()"
        ),
        Example(
            "import torch\n# ---\nuse_gpu = False\n# ---\n"
            "weights = torch.ones(3)\nif use_gpu:\n    weights = weights.cuda()"
        ),
    )
    # The fix is unsafe: `--write` leaves the examples unchanged (tests/test_misc_rules.py
    # checks what `--unsafe-fixes` makes of them).
    invalid = (
        Example("import marimo as mo\nimport torch\n# ---\nweights = torch.ones(3).cuda()"),
        Example('import torch\n# ---\ndevice = torch.device("cuda")\nweights = torch.ones(3, device=device)'),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if "cuda" not in notebook.text:
            return
        names = ModuleNames.of(notebook)
        uses = cuda_uses(notebook, names)
        if not uses or has_availability_check(notebook, names):
            return
        first = uses[0]
        message = (
            "The notebook moves work to CUDA but never checks `torch.cuda.is_available()`: "
            "without a GPU it fails with a CUDA error instead of a clear message"
        )
        yield self.diagnostic(message, notebook.index.node_span(first.node), _fix(notebook, names, first))
