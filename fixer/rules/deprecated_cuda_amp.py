"""NB102 deprecated-cuda-amp."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nbfix.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from nbfix.messages import code_list
from nbfix.notebook import Cell, Notebook
from nbfix.rewrite import lazy_codemod, node_position, rewrite_cell
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.semantic.torch_amp import (
    LEGACY_AUTOCAST,
    LEGACY_AUTOCAST_PARAMS,
    LEGACY_GRAD_SCALER,
    TorchNames,
    mentions,
)

if TYPE_CHECKING:
    from nbfix.codemods.modernize_cuda_amp import AmpPlan

# What each deprecated import may bring for the fix to move it whole to torch.amp.
_MOVABLE = {"torch.cuda.amp": {"autocast", "GradScaler"}, "torch.cuda": {"amp"}}


@dataclass
class _Site:
    """One deprecated call."""

    cell: Cell
    call: ast.Call
    kind: str  # "autocast" or "GradScaler"
    binding: str | None = None  # the imported name or module alias it is called through
    drop_cuda: bool = False
    problem: str | None = None


@dataclass
class _Import:
    """An import statement that binds torch.cuda.amp names."""

    cell: Cell
    node: ast.Import | ast.ImportFrom
    bound: set[str]
    problem: str | None = None
    sites: list[_Site] = field(default_factory=list)


class _Reader:
    """Finds the deprecated calls and the imports they depend on."""

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        self.names = TorchNames.of(notebook)
        self.sites: list[_Site] = []
        self.imports: list[_Import] = []
        self.loads: dict[str, list[ast.Name]] = {}
        self.called: set[int] = set()  # ids of Names called directly, or as `<name>.autocast/GradScaler(...)`
        for cell in notebook.cells:
            for call in cell.nodes.of(ast.Call):
                self._visit_call(cell, call)
        if not self.sites:
            return  # nothing to report: the imports and reads only matter to the fix of a call
        for cell in notebook.cells:
            for node in cell.nodes.of(ast.Import, ast.ImportFrom):
                bound = self._bound_by(node)
                if bound:
                    self.imports.append(_Import(cell, node, bound))
        imported = {name for i in self.imports for name in i.bound}
        for cell in notebook.cells:
            for node in cell.nodes.of(ast.Name):
                if node.id in imported and isinstance(node.ctx, ast.Load):
                    self.loads.setdefault(node.id, []).append(node)
        self._link()

    @property
    def fixable(self) -> bool:
        """Does the fix change anything: a call, or an import with calls through it, that it can rewrite?"""
        return any(site.problem is None for site in self.sites) or any(
            imported.problem is None and imported.sites for imported in self.imports
        )

    def _visit_call(self, cell: Cell, call: ast.Call) -> None:
        func = call.func
        if isinstance(func, ast.Name):
            self.called.add(id(func))
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.attr in ("autocast", "GradScaler")
        ):
            self.called.add(id(func.value))
        qualname = self.names.qualify(func)
        if qualname in LEGACY_AUTOCAST or qualname in LEGACY_GRAD_SCALER:
            kind = "autocast" if qualname in LEGACY_AUTOCAST else "GradScaler"
            self.sites.append(self._site(cell, call, kind))

    @staticmethod
    def _bound_by(node: ast.Import | ast.ImportFrom) -> set[str]:
        if isinstance(node, ast.Import):
            return {a.asname for a in node.names if a.name == "torch.cuda.amp" and a.asname}
        if node.level == 0 and node.module == "torch.cuda.amp":
            return {a.asname or a.name for a in node.names}
        if node.level == 0 and node.module == "torch.cuda":
            return {a.asname or a.name for a in node.names if a.name == "amp"}
        return set()

    def _site(self, cell: Cell, call: ast.Call, kind: str) -> _Site:
        site = _Site(cell, call, kind)
        func = call.func
        if isinstance(func, ast.Name):
            site.binding = func.id
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            site.binding = func.value.id
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "amp"
            and isinstance(func.value.value, ast.Attribute)
            and func.value.value.attr == "cuda"
            and self.names.qualify(func.value.value.value) == "torch"
        ):
            site.drop_cuda = True
        else:
            site.problem = "an unusual spelling"
        if kind == "autocast" and site.problem is None:
            positional = [a for a in call.args if not isinstance(a, ast.Starred)]
            if len(positional) != len(call.args):
                site.problem = "autocast is called with `*args`"
            elif len(positional) > len(LEGACY_AUTOCAST_PARAMS):
                site.problem = "too many positional arguments"
        return site

    def _link(self) -> None:
        """Attach each call through an imported name to its imports; an import is fixed whole or not."""
        for site in self.sites:
            if site.binding is None:
                continue
            owners = [i for i in self.imports if site.binding in i.bound]
            if not owners:
                site.problem = site.problem or f"`{site.binding}` is not imported from torch.cuda"
            for owner in owners:
                owner.sites.append(site)
        # A problem spreads from a call to its imports and back to their other calls, until it settles.
        changed = True
        while changed:
            changed = False
            for imported in self.imports:
                if imported.problem is None:
                    imported.problem = self._import_problem(imported)
                    changed = changed or imported.problem is not None
                for site in imported.sites:
                    if imported.problem is not None and site.problem is None:
                        site.problem = imported.problem
                        changed = True

    def _import_problem(self, imported: _Import) -> str | None:
        node = imported.node
        if isinstance(node, ast.ImportFrom):
            others = sorted({a.name for a in node.names} - _MOVABLE[node.module or ""])
            if others:
                return f"its import also brings {code_list(others)}"
        for name in sorted(imported.bound):
            if any(id(load) not in self.called for load in self.loads.get(name, [])):
                return f"`{name}` is used other than called"
        blocked = next((s for s in imported.sites if s.problem), None)
        if blocked is not None:
            return "another call through its import cannot be"
        return None


def _message(site: _Site) -> str:
    name = site.kind
    message = f"`torch.cuda.amp.{name}(...)` is deprecated"
    return message if site.problem is None else f"{message} (no fix: {site.problem})"


def _plans(notebook: Notebook, reader: _Reader) -> dict[int, tuple[Cell, AmpPlan]]:
    """Per cell index, what the one notebook-wide fix changes there (built with the fix: it loads libcst)."""
    from nbfix.codemods.modernize_cuda_amp import AmpPlan, CallChange

    calls: dict[int, list[CallChange]] = {}
    imports: dict[int, list[tuple[int, int]]] = {}
    cells: dict[int, Cell] = {}
    for site in reader.sites:
        if site.problem is not None:
            continue
        cell = site.cell
        cells[cell.index] = cell
        callee = site.call.func.id if isinstance(site.call.func, ast.Name) else site.call.func.attr  # type: ignore[attr-defined]
        calls.setdefault(cell.index, []).append(
            CallChange(node_position(notebook, cell, site.call), callee, site.kind, site.drop_cuda)
        )
    for imported in reader.imports:
        if imported.problem is None and imported.sites:
            cells[imported.cell.index] = imported.cell
            imports.setdefault(imported.cell.index, []).append(
                node_position(notebook, imported.cell, imported.node)
            )
    return {
        index: (cell, AmpPlan(tuple(calls.get(index, [])), tuple(imports.get(index, []))))
        for index, cell in cells.items()
    }


@register
class DeprecatedCudaAmp(Rule):
    """
    ## What it does
    Finds calls of `torch.cuda.amp.autocast(...)` and
    `torch.cuda.amp.GradScaler(...)`, however they are imported
    (`import torch as th`, `from torch.cuda.amp import autocast`,
    `import torch.cuda.amp as amp`).

    ## Why is this bad?
    Both are deprecated since torch 2.4: every call emits a `FutureWarning`
    (in a training loop, once per step), and they are slated for removal.
    `torch.amp.autocast("cuda", ...)` and `torch.amp.GradScaler("cuda", ...)`
    are the same objects with the device named explicitly.

    ## Example
    ```python
    scaler = torch.cuda.amp.GradScaler(enabled=use_fp16)
    with torch.cuda.amp.autocast(enabled=use_fp16):
        loss = model(batch)
    ```
    Use instead:
    ```python
    scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
    with torch.amp.autocast("cuda", enabled=use_fp16):
        loss = model(batch)
    ```

    ## Fix safety
    Safe. `"cuda"` is added as the first argument; the old autocast's
    positional arguments `(enabled, dtype, cache_enabled)` become keywords,
    because the new one's positions differ. `from torch.cuda.amp import
    autocast, GradScaler` becomes `from torch.amp import ...` and every call
    through those names is rewritten with it; no fix when the import brings
    other names, or a name is used other than called.
    """

    code = "NB102"
    name = "deprecated-cuda-amp"
    severity = Severity.WARNING
    fix_availability = sometimes(Applicability.SAFE)
    needs_text = ("cuda", "amp", "torch")
    valid = (
        Example(
            "import torch\n# ---\n"
            'scaler = torch.amp.GradScaler("cuda", enabled=False)\n'
            'with torch.amp.autocast("cuda", enabled=False):\n    y = 1'
        ),
    )
    invalid = (
        Example(
            "import torch\n# ---\n"
            "scaler = torch.cuda.amp.GradScaler(enabled=False)\n"
            "with torch.cuda.amp.autocast(False):\n    y = 1",
            "import torch\n# ---\n"
            'scaler = torch.amp.GradScaler("cuda", enabled=False)\n'
            'with torch.amp.autocast("cuda", enabled=False):\n    y = 1',
        ),
        Example(
            "from torch.cuda.amp import autocast\n# ---\nwith autocast(enabled=False):\n    y = 1",
            'from torch.amp import autocast\n# ---\nwith autocast("cuda", enabled=False):\n    y = 1',
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if not mentions(notebook, "torch"):
            return  # a deprecated call is only recognised through an import of torch
        reader = _Reader(notebook)
        if not reader.sites:
            return

        def build() -> tuple[Edit, ...]:
            edits: list[Edit] = []
            for cell, plan in _plans(notebook, reader).values():
                modernize = lazy_codemod("modernize_cuda_amp", "modernize_cuda_amp", plan)
                edits.extend(rewrite_cell(notebook, cell, modernize))
            return tuple(edits)

        title = "Use `torch.amp` instead of `torch.cuda.amp`"
        fix = Fix(Applicability.SAFE, title, build) if reader.fixable else None
        for site in reader.sites:
            yield self.diagnostic(
                _message(site), notebook.index.node_span(site.call), fix if site.problem is None else None
            )
