"""Stop a cell with a clear message when CUDA is not available (NB105).

Inserts, before one of the cell's top-level statements, the statement

```python
mo.stop(
    not torch.cuda.is_available(),
    mo.callout(mo.md("..."), kind="warn"),
)
```

with the notebook's own names for marimo and torch. `mo.stop` ends the cell
and skips every cell that depends on it, showing the callout instead of a
CUDA error. The insertion itself is `insert_cuda_sync.insert_before`'s: blank
lines above the statement move above the guard, comments stay with the
statement they describe.
"""

from __future__ import annotations

from nbfix.codemods.insert_cuda_sync import Position, insert_before

MESSAGE = "CUDA is not available: this notebook needs an NVIDIA GPU."


def guard_text(mo: str, torch: str, message: str = MESSAGE) -> str:
    return (
        f"{mo}.stop(\n"
        f"    not {torch}.cuda.is_available(),\n"
        f'    {mo}.callout({mo}.md("{message}"), kind="warn"),\n'
        ")"
    )


def insert_cuda_guard(source: str, before: Position, mo: str, torch: str) -> str:
    """Insert the guard before the statement that starts at `before` (line in the region, column)."""
    return insert_before(source, before, guard_text(mo, torch))
