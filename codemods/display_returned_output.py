"""Display what a cell returns instead of returning it to nobody (NB017).

marimo ignores a cell's final `return` when it runs the cell (it recomputes
the cell's definitions from the body), so `return chart` or
`return mo.md(...)` shows nothing. This codemod makes the output the cell's
last expression, just above the `return`:

- `return mo.md(...)` -> `mo.md(...)` then a bare `return`;
- `return (chart,)` (a returned name that holds the output) -> `chart` on a
  line of its own above the `return`, which stays as it is.

The comments and blank lines above the `return` stay above the new line. The
rule offers it only where the cell has no expression of its own at its end
(that one would no longer be displayed).
"""

from __future__ import annotations

import libcst as cst

from nbfix.codemods import Declined, only_function, parse_region


def display_returned_output(source: str, name: str | None = None) -> str:
    """Display `name` (None: the returned expression itself) as the cell's last expression."""
    module = parse_region(source)
    function = only_function(module)
    if not isinstance(function.body, cst.IndentedBlock):
        raise Declined("the cell's body is on the same line as its `def`")
    lines = list(function.body.body)
    last = lines[-1] if lines else None
    if not (
        isinstance(last, cst.SimpleStatementLine)
        and len(last.body) == 1
        and isinstance(last.body[0], cst.Return)
        and last.body[0].value is not None
    ):
        raise Declined("the cell does not end in a `return` of a value")
    returned = last.body[0]
    if name is None:
        shown: cst.BaseExpression = returned.value.with_changes(lpar=[], rpar=[])  # type: ignore[union-attr]
        final = last.with_changes(body=[cst.Return(value=None)], leading_lines=[])
    else:
        shown = cst.Name(name)
        final = last.with_changes(leading_lines=[])
    show = cst.SimpleStatementLine([cst.Expr(shown)], leading_lines=last.leading_lines)
    body = function.body.with_changes(body=[*lines[:-1], show, final])
    return module.with_changes(body=[function.with_changes(body=body)]).code
