"""NB101 fp16-without-gradscaler."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.nodes import walk
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rewrite import cell_fix, node_position
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.semantic.statements import (
    LOOPS,
    Located,
    Scope,
    calls_of,
    expression_statement_of,
    last_name,
    method_call,
    names_bound,
    names_read,
    scopes,
)
from nbfix.semantic.torch_amp import (
    Autocast,
    Fp16Weights,
    GradScalers,
    TorchNames,
    builds_optimizer,
    float16_autocast,
    is_clip_call,
    mentions,
)

MESSAGE = "Float16 autocast training step without a GradScaler"
SCALER_NAMES = ("scaler", "grad_scaler", "amp_scaler")


@dataclass(frozen=True)
class _Anchor:
    """Where float16 starts: an autocast `with`, or a call of a function that runs one."""

    located: Located
    autocast: Autocast
    helper: Scope | None = None  # the called function, for a call


@dataclass
class _Group:
    """One training step: what shares one scaler, created before `target`."""

    scope: Scope
    target: Located
    target_scope: Scope
    anchors: list[_Anchor] = field(default_factory=list)
    backwards: list[tuple[Located, ast.Call]] = field(default_factory=list)
    steps: list[tuple[Located, ast.Call]] = field(default_factory=list)
    clips: list[Located] = field(default_factory=list)

    def add(self, items: list, new: list) -> None:
        for item in new:
            if not any(_same(item, old) for old in items):
                items.append(item)


def _same(a: object, b: object) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return all(x is y for x, y in zip(a, b, strict=True))
    return a is b


class _Analysis:
    """NB101's reading of one notebook."""

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        self.names = TorchNames.of(notebook)
        self.helpers = self._helpers()

    def source(self, node: ast.AST) -> str:
        span = self.notebook.index.node_span(node)
        return self.notebook.index.data[span.start : span.end].decode("utf-8")

    def _helpers(self) -> dict[str, tuple[Scope, Autocast]]:
        """Functions defined at a cell's top level that run a float16 autocast."""
        found: dict[str, tuple[Scope, Autocast]] = {}
        for cell in self.notebook.cells:
            if not self.has_float16_autocast(cell):
                continue
            for scope in scopes(cell):
                if scope.function is None or scope.parent is None or scope.parent.function is not None:
                    continue
                for located in scope.statements:
                    autocast = float16_autocast(located.statement, self.names)
                    if autocast is not None:
                        found.setdefault(scope.function.name, (scope, autocast))
                        break
        return found

    def has_float16_autocast(self, cell: Cell) -> bool:
        """Does a `with` anywhere in the cell (functions included) enter a CUDA float16 autocast?"""
        nodes = cell.nodes
        return any(
            float16_autocast(node, self.names) is not None
            for kind in (ast.With, ast.AsyncWith)
            for node in nodes.of(kind)
        )

    def may_have_anchors(self, cell: Cell) -> bool:
        """Could a scope of the cell hold an anchor: a float16 autocast, or a call of a helper running one?

        Cheap, from the cell's node index: most cells of a torch notebook hold
        neither and need no statement-by-statement reading.
        """
        if self.helpers and any(
            type(call.func) is ast.Name and call.func.id in self.helpers for call in cell.nodes.of(ast.Call)
        ):
            return True
        return self.has_float16_autocast(cell)

    # -- one scope -----------------------------------------------------------------
    def anchors(self, scope: Scope) -> dict[int, _Anchor]:
        anchors: dict[int, _Anchor] = {}
        withs: set[int] = set()
        own_name = scope.function.name if scope.function else None
        for located in scope.statements:
            autocast = float16_autocast(located.statement, self.names)
            if autocast is not None:
                anchors[located.order] = _Anchor(located, autocast)
                withs.add(id(located.statement))
                continue
            if any(id(a) in withs for a in located.ancestors):
                continue
            for call in calls_of(located.statement):
                name = call.func.id if isinstance(call.func, ast.Name) else None
                if name in self.helpers and name != own_name:
                    helper, autocast = self.helpers[name]
                    anchors[located.order] = _Anchor(located, autocast, helper)
                    break
        return anchors

    def groups(self, scope: Scope) -> list[_Group]:
        anchors = self.anchors(scope)
        if not anchors:
            return []
        groups: dict[int, _Group] = {}
        for anchor, backward in self._float16_backwards(scope, anchors):
            steps, clips = self._steps_after(scope, anchors, backward[0])
            if not steps:
                continue
            members = [anchor.located, backward[0], *(s for s, _ in steps), *clips]
            target_scope, target = self._insertion(scope, members, [s for s, _ in steps])
            group = groups.setdefault(id(target.statement), _Group(scope, target, target_scope))
            group.add(group.anchors, [anchor])
            group.add(group.backwards, [backward])
            group.add(group.steps, steps)
            group.add(group.clips, clips)
        return list(groups.values())

    def _float16_backwards(
        self, scope: Scope, anchors: dict[int, _Anchor]
    ) -> Iterator[tuple[_Anchor, tuple[Located, ast.Call]]]:
        """`<loss>.backward()` calls whose loss comes from float16 autocast (a simple forward taint)."""
        withs = {id(a.located.statement) for a in anchors.values() if a.helper is None}
        tainted: set[str] = set()
        current: _Anchor | None = None
        for located in scope.statements:
            statement = located.statement
            current = anchors.get(located.order, current)
            under = any(id(a) in withs for a in located.ancestors) or (
                located.order in anchors and anchors[located.order].helper is not None
            )
            for call in calls_of(statement):
                loss = method_call(call, "backward")
                if loss is None or current is None or _is_scaled(loss):
                    continue
                if under or names_read(loss) & tainted:
                    yield current, (located, call)
            targets, value = _assignment(statement)
            if targets and (under or (value is not None and names_read(value) & tainted)):
                tainted |= names_bound(targets)

    def _steps_after(
        self, scope: Scope, anchors: dict[int, _Anchor], backward: Located
    ) -> tuple[list[tuple[Located, ast.Call]], list[Located]]:
        """Optimizer steps after a backward (up to the next autocast), and the clips before them."""
        steps: list[tuple[Located, ast.Call]] = []
        clips: list[Located] = []
        for located in scope.statements[backward.order + 1 :]:
            if located.order in anchors:
                break
            for call in calls_of(located.statement):
                optimizer = method_call(call, "step")
                if (
                    optimizer is not None
                    and not call.args
                    and not call.keywords
                    and self.is_optimizer(optimizer)
                ):
                    steps.append((located, call))
                elif is_clip_call(call) and not steps:
                    clips.append(located)
        return steps, (clips if steps else [])

    def is_optimizer(self, receiver: ast.expr) -> bool:
        name = last_name(receiver)
        if name is None or "sched" in name.lower():
            return False
        if isinstance(receiver, ast.Name):
            verdicts = {builds_optimizer(v, self.names) for v in self.names.assignments.get(receiver.id, ())}
            if False in verdicts:
                return False
            if True in verdicts:
                return True
        return "opt" in name.lower()

    def _insertion(self, scope: Scope, members: list[Located], steps: list[Located]) -> tuple[Scope, Located]:
        """Where the scaler is created: before the outermost loop around the step, in its scope.

        A function whose step is not in one of its own loops runs once per
        step, so its scaler is created before the function's `def` instead.
        """
        if scope.function is not None and any(not s.loops for s in steps) and scope.definition is not None:
            assert scope.parent is not None
            return scope.parent, scope.definition
        chains = [(*m.ancestors, m.statement) for m in members]
        limit = min(len(c) for c in chains) - 1
        prefix = 0
        while prefix < limit and all(c[prefix] is chains[0][prefix] for c in chains):
            prefix += 1
        earliest = min(members, key=lambda m: m.order)
        enclosing = (*earliest.ancestors, earliest.statement)
        loops = [s for s in enclosing[:prefix] if isinstance(s, LOOPS)]
        return scope, scope.locate(loops[0] if loops else enclosing[prefix])


def _assignment(statement: ast.stmt) -> tuple[list[ast.expr], ast.expr | None]:
    if isinstance(statement, ast.Assign):
        return statement.targets, statement.value
    if isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
        return [statement.target], statement.value
    return [], None


def _is_scaled(loss: ast.expr) -> bool:
    """`scaler.scale(loss)`: already scaled."""
    return isinstance(loss, ast.Call) and method_call(loss, "scale") is not None


def _fresh_name(notebook: Notebook, cell: Cell, candidates: tuple[str, ...], claimed: set[str]) -> str:
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


class _Planner:
    """Turns the groups of one cell into a ScalerPlan, or says why a group gets no fix."""

    def __init__(self, analysis: _Analysis, cell: Cell) -> None:
        self.analysis = analysis
        self.notebook = analysis.notebook
        self.cell = cell

    def problem(self, group: _Group) -> str | None:
        """Why this group gets no fix (None: it gets one)."""
        optimizers = self.optimizers(group)
        if len(optimizers) > 1:
            return "several optimizers step here"
        if self.analysis.names.torch_alias is None:
            return "the notebook does not `import torch`"
        if any(not expression_statement_of(call, located.statement) for located, call in group.steps):
            return "the step is inside an expression"
        if self.cell.kind is CellKind.FUNCTION and group.target_scope.function is None:
            return "the step is in an `@app.function`"
        moved_out = group.scope.function is not None and group.target_scope is not group.scope
        if moved_out and (group.target_scope.function is not None or group.target.loops):
            return "the step is in a nested function"
        enabled = {self.enabled_source(a) for a in group.anchors}
        if len(enabled) > 1:
            return "the autocasts differ in `enabled=`"
        if not self.enabled_is_visible(group):
            return "`enabled=` reads a local name"
        step_loops = [{id(loop) for loop in located.loops} for located, _ in group.steps]
        for clip in group.clips:
            if not all({id(loop) for loop in clip.loops} <= loops for loops in step_loops):
                return "a clip is outside the step's loop"
        return None

    def optimizers(self, group: _Group) -> list[str]:
        found: list[str] = []
        for _, call in group.steps:
            receiver = self.analysis.source(call.func.value)  # type: ignore[attr-defined]
            if receiver not in found:
                found.append(receiver)
        return found

    def enabled_source(self, anchor: _Anchor) -> str:
        enabled = anchor.autocast.enabled
        return "True" if enabled is None else self.analysis.source(enabled)

    def enabled_is_visible(self, group: _Group) -> bool:
        """The names `enabled=` reads are bound, unchanged, where the scaler is created."""
        bound_in_target = {
            n.id
            for n in walk((group.target.statement,))
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        for anchor in group.anchors:
            enabled = anchor.autocast.enabled
            if enabled is None:
                continue
            read = names_read(enabled)
            if read & bound_in_target:
                return False
            if anchor.helper is not None and read & anchor.helper.local_names:
                return False
            if group.target_scope is not group.scope and read & group.scope.local_names:
                return False
        return True

    def plan(self, groups: list[_Group], claimed: set[str]) -> dict[str, object]:
        """The cell's rewrite, as the arguments of a `ScalerPlan`; a scaler created at cell level
        claims its name for the notebook.

        The plan is built when the cell is checked (the names it claims decide
        the next cell's), the `ScalerPlan` only with the fix: its module loads libcst.
        """
        scaler = _fresh_name(self.notebook, self.cell, SCALER_NAMES, claimed)
        if any(group.target_scope.function is None for group in groups):
            claimed.add(scaler)
        position = lambda node: node_position(self.notebook, self.cell, node)  # noqa: E731
        creations = []
        for group in groups:
            creation = (position(group.target.statement), self.enabled_source(group.anchors[0]))
            if creation not in creations:
                creations.append(creation)
        unscales = [
            (position(clip.statement), self.optimizers(group)[0]) for group in groups for clip in group.clips
        ]
        return {
            "scaler": scaler,
            "torch": self.analysis.names.torch_alias or "torch",
            "creations": tuple(creations),
            "backward_calls": tuple(position(call) for group in groups for _, call in group.backwards),
            "step_calls": tuple(position(call) for group in groups for _, call in group.steps),
            "unscales": tuple(dict.fromkeys(unscales)),
        }


def _add_grad_scaler(source: str, plan: dict[str, object]) -> str:
    """The codemod, with its `ScalerPlan` built only when it runs (not with `lazy_codemod`: the
    plan's class lives in the codemod's module, which loads libcst)."""
    from nbfix.codemods.add_grad_scaler import ScalerPlan, add_grad_scaler

    return add_grad_scaler(source, ScalerPlan(**plan))  # type: ignore[arg-type]


@register
class Fp16WithoutGradScaler(Rule):
    """
    ## What it does
    Finds a training step under float16 autocast (`torch.autocast("cuda")`,
    `torch.amp.autocast("cuda", dtype=torch.float16)`,
    `torch.cuda.amp.autocast()`, with or without `enabled=`): a
    `<loss>.backward()` whose loss comes from the autocast region (directly,
    or returned by a function that runs one) followed by an
    `<optimizer>.step()`, in a notebook that creates no `GradScaler`.
    bfloat16 autocast has float32's range and needs no scaler: not reported.

    ## Why is this bad?
    float16 cannot represent magnitudes below about 6e-8: small gradients
    flush to zero in the backward pass, and the model silently trains worse
    or not at all. A `GradScaler` multiplies the loss before `backward()`
    and divides the gradients before the optimizer step (skipping steps
    whose gradients overflowed).

    ## Example
    ```python
    for batch in loader:
        optimizer.zero_grad()
        with torch.amp.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            loss = model(batch)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        optimizer.step()
    ```
    Use instead:
    ```python
    scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
    for batch in loader:
        optimizer.zero_grad()
        with torch.amp.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            loss = model(batch)
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        scaler.step(optimizer)
        scaler.update()
    ```

    ## Fix safety
    Safe. The scaler is created before the outermost loop around the step
    (before the function, when a function runs one step per call), with the
    autocast's own `enabled=`: when mixed precision is off the scaler is a
    pass-through, so the float32 path computes exactly what it did. No fix
    when several optimizers step (one scaler must serve them all, with one
    `update()` per iteration), or when `enabled=` reads a name the scaler
    cannot see where it is created.

    Not reported where the optimizer steps float16 weights (NB106
    fp16-trainable-weights): a scaler there raises `ValueError: Attempting
    to unscale FP16 gradients.`, so this fix would break the notebook.

    ## Precision
    2026-12-03, on the 1,080 ecosystem notebooks: no hit (none of them
    trains under float16 autocast); measured on the corpus cases and their
    clean look-alikes (bfloat16, float16 inference, a scaler already there,
    float16 weights) (docs/precision/gpu.md).
    """

    code = "NB101"
    name = "fp16-without-gradscaler"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    needs_text = ("autocast", "torch")
    valid = (
        Example(
            "import torch\n# ---\n"
            "model = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            "x = torch.randn(4, 2)\n"
            'with torch.autocast("cuda", dtype=torch.bfloat16, enabled=False):\n'
            "    loss = model(x).pow(2).mean()\nloss.backward()\noptimizer.step()"
        ),
    )
    invalid = (
        Example(
            "import torch\nuse_fp16 = False\n# ---\n"
            "model = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            "x = torch.randn(4, 2)\n"
            "for _ in range(3):\n"
            '    with torch.autocast("cuda", enabled=use_fp16):\n'
            "        loss = model(x).pow(2).mean()\n    loss.backward()\n    optimizer.step()",
            "import torch\nuse_fp16 = False\n# ---\n"
            "model = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            "x = torch.randn(4, 2)\n"
            'scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)\n'
            "for _ in range(3):\n"
            '    with torch.autocast("cuda", enabled=use_fp16):\n'
            "        loss = model(x).pow(2).mean()\n"
            "    scaler.scale(loss).backward()\n    scaler.step(optimizer)\n    scaler.update()",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if not mentions(notebook, "torch"):
            return  # an autocast is only recognised through an import of torch
        if GradScalers.of(notebook).created:
            return
        analysis = _Analysis(notebook)
        fp16 = Fp16Weights.of(notebook)
        claimed: set[str] = set()
        for cell in notebook.cells:
            if not analysis.may_have_anchors(cell):
                continue
            groups = [
                group
                for scope in scopes(cell)
                for group in analysis.groups(scope)
                if not any(fp16.steps_float16(call) for _, call in group.steps)  # NB106's: no scaler helps
            ]
            if not groups:
                continue
            planner = _Planner(analysis, cell)
            problems = [planner.problem(group) for group in groups]
            fixable = [group for group, problem in zip(groups, problems, strict=True) if problem is None]
            fix = None
            if fixable:
                plan = planner.plan(fixable, claimed)
                fix = cell_fix(
                    notebook,
                    cell,
                    partial(_add_grad_scaler, plan=plan),
                    Applicability.SAFE,
                    "Scale the loss with a GradScaler",
                )
            for group, problem in zip(groups, problems, strict=True):
                message = MESSAGE if problem is None else f"{MESSAGE} (no fix: {problem})"
                span = notebook.index.node_span(group.backwards[0][1])
                yield self.diagnostic(message, span, fix if problem is None else None)
