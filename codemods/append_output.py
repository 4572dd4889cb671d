"""Show outputs that a cell throws away: `E` -> `mo.output.append(E)` (NB017).

marimo displays a cell's last top-level expression and nothing else, so
`mo.md("Training...")` in the middle of a cell, or in a loop or a branch, is
evaluated and lost. `mo.output.append(E)` writes `E` to the cell's output
area when it runs (several appends stack up in order), which is what such a
line was written for. The rule chooses the expression statements (addressed
by where each starts, see `nbfix.codemods.positions`) and whether the fix is
safe: an expression the cell displays at its end replaces what was appended.

Parentheses around the expression are dropped (the call's own hold it);
comments and line breaks inside it stay as they are.
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from nbfix.codemods import Declined
from nbfix.codemods.positions import Position, parse_with_positions


class _Append(cst.CSTTransformer):
    def __init__(
        self, positions: Collection[Position], starts: dict[cst.CSTNode, Position], callee: str
    ) -> None:
        super().__init__()
        self.wanted = set(positions)
        self.starts = starts
        self.callee = cst.parse_expression(callee)
        self.done: set[Position] = set()

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.Expr:
        start = self.starts.get(original_node)
        if start not in self.wanted:
            return updated_node
        self.done.add(start)  # type: ignore[arg-type]
        value = updated_node.value.with_changes(lpar=[], rpar=[])
        return updated_node.with_changes(value=cst.Call(self.callee, [cst.Arg(value)]))


def append_output(source: str, positions: Collection[Position], marimo: str = "mo") -> str:
    """Wrap each expression statement starting at `positions` in `<marimo>.output.append(...)`."""
    module, ranges = parse_with_positions(source)
    starts = {
        node: (where.start.line, where.start.column)
        for node, where in ranges.items()
        if isinstance(node, cst.Expr)
    }
    transformer = _Append(positions, starts, f"{marimo}.output.append")
    new = module.visit(transformer)
    if transformer.done != set(positions):
        raise Declined("the cell does not have the shape the rule analysed")
    return new.code
