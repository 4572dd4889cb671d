"""Unscale the gradients before they are clipped (NB103).

With a GradScaler, `scaler.scale(loss).backward()` leaves every gradient
multiplied by the loss scale (65536 at first). Clipping must see the true
gradients, so `scaler.unscale_(optimizer)` goes right before the clip;
`scaler.step(optimizer)` then knows they are unscaled and does not divide
them again:

    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)                       # inserted
    torch.nn.utils.clip_grad_norm_(params, max_norm=1.0)
    scaler.step(optimizer)

The rule decides where (the statements holding the clip calls, by
position) and the exact statement; this module inserts it.
"""

from __future__ import annotations

from nbfix.codemods.positions import Position, Splice, parse_with_positions


def unscale_before_clip(source: str, inserts: tuple[tuple[Position, str], ...]) -> str:
    """Insert each statement (`scaler.unscale_(optimizer)`) before the statement at its position."""
    module, positions = parse_with_positions(source)
    before: dict[Position, list[str]] = {}
    for position, statement in inserts:
        before.setdefault(position, []).append(statement)
    splice = Splice(positions, before=before)
    new = module.visit(splice)
    splice.check_all_used()
    return new.code
