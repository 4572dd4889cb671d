"""Put a float16 training step under a GradScaler (NB101).

The rewrite of the pattern torch documents for float16 mixed precision, in
the `torch.amp` API:

    scaler = torch.amp.GradScaler("cuda", enabled=<autocast's enabled>)  # before the loop
    ...
    scaler.scale(loss).backward()       # was loss.backward()
    scaler.unscale_(optimizer)          # only before a gradient clip
    torch.nn.utils.clip_grad_norm_(...)
    scaler.step(optimizer)              # was optimizer.step()
    scaler.update()

`enabled=` repeats the autocast's own, so with mixed precision off the
scaler is a pass-through and the float32 path runs as before. Which
statements and calls to change is the rule's analysis (`ScalerPlan`, by
position); this module only edits them, in one libcst pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from nbfix.codemods.positions import CallKey, CallRewrite, Position, Splice, parse_with_positions


@dataclass(frozen=True)
class ScalerPlan:
    """What to change in one cell. Positions are relative to the cell's source."""

    scaler: str  # the name the scaler gets
    torch: str  # the cell's name for the torch module
    # Statements before which a scaler is created, each with its `enabled=` source.
    creations: tuple[tuple[Position, str], ...]
    # `<loss>.backward(...)` calls, by start: become `<scaler>.scale(<loss>).backward(...)`.
    backward_calls: tuple[Position, ...]
    # `<optimizer>.step()` expression statements: become `<scaler>.step(<optimizer>)` + update.
    step_calls: tuple[Position, ...]
    # Statements that clip gradients, with the optimizer whose gradients to unscale first.
    unscales: tuple[tuple[Position, str], ...] = ()


def creation_text(plan: ScalerPlan, enabled: str) -> str:
    return f'{plan.scaler} = {plan.torch}.amp.GradScaler("cuda", enabled={enabled})'


def add_grad_scaler(source: str, plan: ScalerPlan) -> str:
    """Apply `plan` to the cell in `source`."""
    module, positions = parse_with_positions(source)
    before: dict[Position, list[str]] = {}
    for position, enabled in plan.creations:
        before.setdefault(position, []).append(creation_text(plan, enabled))
    for position, optimizer in plan.unscales:
        before.setdefault(position, []).append(f"{plan.scaler}.unscale_({optimizer})")
    after = {position: [f"{plan.scaler}.update()"] for position in plan.step_calls}
    calls: dict[CallKey, CallRewrite] = {}
    for line, column in plan.backward_calls:
        calls[(line, column, "backward")] = lambda call: _scale_receiver(call, plan.scaler)
    for line, column in plan.step_calls:
        calls[(line, column, "step")] = lambda call: _scaler_step(call, plan.scaler)
    splice = Splice(positions, before=before, after=after, calls=calls)
    new = module.visit(splice)
    splice.check_all_used()
    return new.code


def _scale_receiver(call: cst.Call, scaler: str) -> cst.Call:
    """`<loss>.backward(...)` -> `<scaler>.scale(<loss>).backward(...)`."""
    func = call.func
    assert isinstance(func, cst.Attribute)
    loss = func.value
    if not isinstance(loss, (cst.Tuple, cst.GeneratorExp, cst.Yield)):
        loss = loss.with_changes(lpar=[], rpar=[])  # an argument needs no parentheses of its own
    scaled = cst.Call(
        func=cst.Attribute(value=cst.Name(scaler), attr=cst.Name("scale")), args=[cst.Arg(value=loss)]
    )
    return call.with_changes(func=func.with_changes(value=scaled))


def _scaler_step(call: cst.Call, scaler: str) -> cst.Call:
    """`<optimizer>.step()` -> `<scaler>.step(<optimizer>)`."""
    func = call.func
    assert isinstance(func, cst.Attribute)
    optimizer = func.value.with_changes(lpar=[], rpar=[])
    return call.with_changes(
        func=cst.Attribute(value=cst.Name(scaler), attr=cst.Name("step")), args=[cst.Arg(value=optimizer)]
    )
