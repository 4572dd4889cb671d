"""NB103 clip-before-unscale."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from nbfix.diagnostics import Applicability, Diagnostic, Fix, Severity
from nbfix.notebook import Cell, Notebook
from nbfix.rewrite import cell_fix, lazy_codemod, node_position
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.semantic.statements import Located, Scope, called_name, calls_of, last_name, method_call, scopes
from nbfix.semantic.torch_amp import GradScalers, is_clip_call


@dataclass(frozen=True)
class _Run:
    """The clips between one `scaler.scale(loss).backward()` and the next unscale, step or backward."""

    scope: Scope
    scaler: str
    clips: tuple[tuple[Located, ast.Call], ...]
    optimizer: str | None
    problem: str | None


class _Reader:
    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        self.scaler_names = GradScalers.of(notebook).names

    def source(self, node: ast.AST) -> str:
        span = self.notebook.index.node_span(node)
        return self.notebook.index.data[span.start : span.end].decode("utf-8")

    def scaler_of(self, call: ast.Call) -> str | None:
        """The scaler of a `<scaler>.scale(<loss>).backward()` call."""
        loss = method_call(call, "backward")
        if not isinstance(loss, ast.Call):
            return None
        scaler = method_call(loss, "scale")
        name = last_name(scaler) if scaler is not None else None
        if scaler is None or name is None:
            return None
        if "scaler" not in name.lower() and name not in self.scaler_names:
            return None
        return self.source(scaler)

    def _calls_on(self, call: ast.Call, scaler: str, method: str) -> ast.expr | None:
        receiver = method_call(call, method)
        return receiver if receiver is not None and self.source(receiver) == scaler else None

    def may_run(self, cell: Cell) -> bool:
        """Does the cell (functions included) call `<scaler>.scale(<loss>).backward()`?

        Every run starts with one. Cheap, from the cell's node index: the
        other cells need no statement-by-statement reading.
        """
        return any(self.scaler_of(call) is not None for call in cell.nodes.of(ast.Call))

    def runs(self, scope: Scope) -> Iterator[_Run]:
        statements = scope.statements
        for located in statements:
            for call in calls_of(located.statement):
                scaler = self.scaler_of(call)
                if scaler is None:
                    continue
                clips = self._clips_after(statements, located.order, scaler)
                if clips:
                    optimizer, problem = self._optimizer(statements, clips[0][0], scaler)
                    yield _Run(scope, scaler, tuple(clips), optimizer, problem)

    def _clips_after(
        self, statements: tuple[Located, ...], start: int, scaler: str
    ) -> list[tuple[Located, ast.Call]]:
        clips: list[tuple[Located, ast.Call]] = []
        for located in statements[start + 1 :]:
            for call in calls_of(located.statement):
                if (
                    self._calls_on(call, scaler, "unscale_") is not None
                    or self._calls_on(call, scaler, "step") is not None
                    or self.scaler_of(call) == scaler
                ):
                    return clips
                if is_clip_call(call):
                    clips.append((located, call))
        return clips

    def _optimizer(
        self, statements: tuple[Located, ...], clip: Located, scaler: str
    ) -> tuple[str | None, str | None]:
        """The optimizer `<scaler>.step()` steps after the clip, or why there is no single one."""
        optimizers: list[str] = []
        first_step: Located | None = None
        for located in statements[clip.order + 1 :]:
            calls = calls_of(located.statement)
            if any(self.scaler_of(c) == scaler for c in calls):
                break
            for call in calls:
                if self._calls_on(call, scaler, "step") is not None and call.args:
                    first_step = first_step or located
                    optimizer = self.source(call.args[0])
                    if optimizer not in optimizers:
                        optimizers.append(optimizer)
        if not optimizers or first_step is None:
            return None, f"no `{scaler}.step(...)` follows it"
        if len(optimizers) > 1:
            return None, "several optimizers step after it"
        if not {id(loop) for loop in clip.loops} <= {id(loop) for loop in first_step.loops}:
            return None, "it is outside the step's loop"
        return optimizers[0], None


def _message(run: _Run, call: ast.Call) -> str:
    message = f"`{called_name(call)}` runs on gradients still scaled by `{run.scaler}`"
    return message if run.problem is None else f"{message} (no fix: {run.problem})"


@register
class ClipBeforeUnscale(Rule):
    """
    ## What it does
    With a GradScaler, finds `clip_grad_norm_` / `clip_grad_value_` called
    after `scaler.scale(loss).backward()` with no `scaler.unscale_(optimizer)`
    between them.

    ## Why is this bad?
    After a scaled backward every gradient is multiplied by the loss scale
    (65536 at first, changing as training goes). Clipping those gradients
    to `max_norm=1.0` clips them to 1/65536 of the intended norm: in effect
    every step is clipped, by a factor that drifts as the scale changes.

    ## Example
    ```python
    scaler.scale(loss).backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    scaler.step(optimizer)
    scaler.update()
    ```
    Use instead:
    ```python
    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    scaler.step(optimizer)
    scaler.update()
    ```

    ## Fix safety
    Safe: `scaler.step()` skips its own unscale when `unscale_` ran, so the
    step applies the same update that an unclipped run would, clipped as
    intended. The optimizer is the one `scaler.step(...)` steps after the
    clip; no fix when several do, or when the clip runs in a loop the step
    is not in (`unscale_` may run only once per step).
    """

    code = "NB103"
    name = "clip-before-unscale"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    needs_text = ("clip_grad",)
    valid = (
        Example(
            "import torch\n# ---\n"
            "model = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            'scaler = torch.amp.GradScaler("cuda", enabled=False)\n'
            "loss = model(torch.randn(4, 2)).pow(2).mean()\n"
            "scaler.scale(loss).backward()\nscaler.unscale_(optimizer)\n"
            "torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)\n"
            "scaler.step(optimizer)\nscaler.update()"
        ),
    )
    invalid = (
        Example(
            "import torch\n# ---\n"
            "model = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            'scaler = torch.amp.GradScaler("cuda", enabled=False)\n'
            "loss = model(torch.randn(4, 2)).pow(2).mean()\n"
            "scaler.scale(loss).backward()\n"
            "torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)\n"
            "scaler.step(optimizer)\nscaler.update()",
            "import torch\n# ---\n"
            "model = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            'scaler = torch.amp.GradScaler("cuda", enabled=False)\n'
            "loss = model(torch.randn(4, 2)).pow(2).mean()\n"
            "scaler.scale(loss).backward()\nscaler.unscale_(optimizer)\n"
            "torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)\n"
            "scaler.step(optimizer)\nscaler.update()",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if not GradScalers.of(notebook).created:
            return
        reader = _Reader(notebook)
        for cell in notebook.cells:
            if not reader.may_run(cell):
                continue
            runs = [run for scope in scopes(cell) for run in reader.runs(scope)]
            fix = _fix(notebook, cell, [run for run in runs if run.problem is None])
            reported: set[int] = set()
            for run in runs:
                for _, call in run.clips:
                    if id(call) in reported:
                        continue
                    reported.add(id(call))
                    yield self.diagnostic(
                        _message(run, call),
                        notebook.index.node_span(call),
                        fix if run.problem is None else None,
                    )


def _fix(notebook: Notebook, cell: Cell, runs: list[_Run]) -> Fix | None:
    """One fix per cell: an unscale before the first clip of each run."""
    if not runs:
        return None
    inserts = tuple(
        dict.fromkeys(
            (
                node_position(notebook, cell, run.clips[0][0].statement),
                f"{run.scaler}.unscale_({run.optimizer})",
            )
            for run in runs
        )
    )
    return cell_fix(
        notebook,
        cell,
        lazy_codemod("unscale_before_clip", "unscale_before_clip", inserts),
        Applicability.SAFE,
        "Unscale the gradients before clipping them",
    )
