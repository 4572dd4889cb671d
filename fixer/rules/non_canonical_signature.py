"""NB016 non-canonical-signature: a signature that differs from marimo's only in form."""

from __future__ import annotations

from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.messages import code_list, plural
from nbfix.notebook import Cell, Notebook
from nbfix.rewrite import cell_fix
from nbfix.rules import Example, Rule, always, register
from nbfix.signature import (
    Signature,
    expected_signature,
    header_span,
    signature_codemod,
    signature_matches,
    staleness,
)


def describe(cell: Cell, expected: Signature) -> str:
    """What differs: extra names, order, `async`, a returned expression."""
    returned = cell.returned_names
    if returned is None:
        return "returns an expression, not names"
    parts = []
    extra_params = [p for p in cell.params if p not in expected.params]
    if extra_params:
        parts.append(f"unused {plural(len(extra_params), 'parameter')} {code_list(extra_params)}")
    extra_returns = [n for n in returned if n not in expected.returns]
    if extra_returns:
        parts.append(f"returns unread {code_list(extra_returns)}")
    if cell.is_async and not expected.is_async:
        parts.append("`async def` without `await`")
    if not parts:
        parts.append("names not in marimo's order")
    return "; ".join(parts)


@register
class NonCanonicalSignature(Rule):
    """
    ## What it does
    Checks that each cell's parameter list and final `return` are exactly
    the ones marimo's serializer writes: the names the body reads from other
    cells, sorted, and the names it defines that other cells read, sorted.
    Reports only what misleads nothing (NB005 has the rest): an extra
    parameter, an extra returned name the cell defines, the order, `async`
    without `await`.

    ## Why is this bad?
    It is not, for running the notebook: marimo ignores both and recomputes
    them. The marimo editor rewrites them on the next save, which makes a
    noisy diff; this rule lets a team keep files exactly as marimo writes
    them. Off by default.

    ## Example
    ```python
    @app.cell
    def _(pd, np, unused):
        total = np.sum(pd.Series([1]))
        return
    ```
    Use instead:
    ```python
    @app.cell
    def _(np, pd):
        total = np.sum(pd.Series([1]))
        return
    ```

    ## Fix safety
    Safe: marimo never runs the parameter list or the final return. Names
    that stay keep their defaults, annotations and comments. With this rule
    selected, every other fix re-signs the cells it changes in marimo's form
    too, instead of minimally.
    """

    code = "NB016"
    name = "non-canonical-signature"
    severity = Severity.INFO
    fix_availability = always(Applicability.SAFE)
    default_enabled = False
    valid = (Example("x = 1\n# ---\ny = x + 1"),)
    invalid = (
        Example(
            "@app.cell\ndef _(z):\n    x = 1\n    y = 2\n    return y, x\n\n\n"
            "@app.cell\ndef _(x, y):\n    print(x, y)\n    return\n",
            "@app.cell\ndef _():\n    x = 1\n    y = 2\n    return x, y\n\n\n"
            "@app.cell\ndef _(x, y):\n    print(x, y)\n    return\n",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for cell in notebook.code_cells:
            expected = expected_signature(notebook, cell)
            if signature_matches(notebook, cell, expected) or staleness(notebook, cell):
                continue
            yield self.diagnostic(
                f"Cell signature not in marimo's form: {describe(cell, expected)}",
                header_span(notebook, cell),
                cell_fix(
                    notebook,
                    cell,
                    signature_codemod(notebook, cell, canonical=True),
                    Applicability.SAFE,
                    "Rewrite the signature as marimo writes it",
                ),
            )
