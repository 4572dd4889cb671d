"""NB105 cuda-without-availability-check."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Fix, FixUnavailable, Severity
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rewrite import Position, cell_fix, lazy_codemod, node_position
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.semantic.cuda import AvailabilityCheck, CudaUse, CudaUses, global_alias

MESSAGE = "Work moved to CUDA, but no cell checks that a GPU is available"


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


def guard_position(notebook: Notebook, use: CudaUse, mo: str, torch: str) -> Position:
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
    return node_position(notebook, cell, cell.body[position])


def _fix(notebook: Notebook, use: CudaUse) -> Fix | None:
    if use.cell.kind is not CellKind.CELL:
        return None
    mo = global_alias(notebook, "marimo")
    torch = global_alias(notebook, "torch")
    if mo is None or torch is None:
        return None

    def insert_guard(source: str) -> str:
        # Where the guard goes is decided with the fix: it may find none (FixUnavailable).
        before = guard_position(notebook, use, mo, torch)
        return lazy_codemod("cuda_availability_guard", "insert_cuda_guard", before, mo, torch)(source)

    return cell_fix(
        notebook,
        use.cell,
        insert_guard,
        Applicability.UNSAFE,
        f"Stop the cell when CUDA is missing (`{mo}.stop(not {torch}.cuda.is_available(), ...)`)",
    )


@register
class CudaWithoutAvailabilityCheck(Rule):
    """
    ## What it does
    Finds a notebook that moves work to CUDA (`.cuda()`, `.to("cuda")`,
    `device="cuda"`, `torch.device("cuda")`, or a name assigned such a
    device and used as one) and checks nowhere, in any form, that a GPU is
    there. It is reported once, at the first use. Uses under an `if`, a
    conditional expression or a `try` are the author's choice and do not
    count.

    Any check silences it: `torch.cuda.is_available()` or `device_count()`,
    `torch.backends.mps.is_available()`, `nvidia-smi` in any string
    (`subprocess.run(["nvidia-smi"])`, `shutil.which("nvidia-smi")`,
    `os.popen(...)`), cupy's `cp.cuda.runtime.getDeviceCount()`,
    `numba.cuda.is_available()`, a `try` around an import of a GPU library
    (cupy, cudf, cuml, pynvml, ...), or a flag such as `HAS_GPU` or
    `gpu_available` read by an `if`, `assert` or `mo.stop(...)`.

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

    ## Precision
    2026-12-03, on the 1,080 ecosystem notebooks: 1 hit, true (an unsloth
    fine-tuning notebook that sends its inputs `.to("cuda")` and never
    checks): 100%, on one hit. The 12 other GPU notebooks there check, or
    move nothing to CUDA unconditionally (docs/precision/gpu.md).
    """

    code = "NB105"
    name = "cuda-without-availability-check"
    severity = Severity.WARNING
    fix_availability = sometimes(Applicability.UNSAFE)
    needs_text = ("cuda",)
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
        Example(
            "import shutil\nimport marimo as mo\nimport torch\n# ---\n"
            'mo.stop(shutil.which("nvidia-smi") is None, mo.md("This notebook needs an NVIDIA GPU."))\n'
            "weights = torch.ones(3).cuda()"
        ),
    )
    # The fix is unsafe: `--write` leaves the examples unchanged (tests/test_misc_rules.py
    # checks what `--unsafe-fixes` makes of them).
    invalid = (
        Example("import marimo as mo\nimport torch\n# ---\nweights = torch.ones(3).cuda()"),
        Example('import torch\n# ---\ndevice = torch.device("cuda")\nweights = torch.ones(3, device=device)'),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        uses = CudaUses.of(notebook).uses
        if not uses or AvailabilityCheck.of(notebook).found:
            return
        first = uses[0]
        yield self.diagnostic(MESSAGE, notebook.index.node_span(first.node), _fix(notebook, first))
