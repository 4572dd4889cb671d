"""NB005 stale-cell-signature."""

from __future__ import annotations

from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.notebook import Notebook
from nbfix.rewrite import cell_fix
from nbfix.rules import Example, Rule, always, register
from nbfix.signature import expected_signature, header_span, signature_codemod, signature_matches


def _listing(names: tuple[str, ...] | None) -> str:
    if names is None:
        return "an expression"
    return ", ".join(f"`{name}`" for name in names) if names else "nothing"


@register
class StaleCellSignature(Rule):
    """
    ## What it does
    Checks that each cell's parameter list and final `return` are the ones
    marimo's serializer would write for its body: the names it reads from
    other cells (sorted, those given a default value last), and the names it
    defines that other cells read.

    ## Why is this bad?
    marimo ignores both when it runs the notebook and recomputes them from
    the body, so a stale signature does not break the notebook, but it lies
    to readers, to type checkers and to anyone who imports the notebook as a
    module, and marimo rewrites it on the next save (a noisy diff).

    ## Example
    ```python
    @app.cell
    def _(np, unused):
        total = np.sum(values)
        return
    ```
    Use instead:
    ```python
    @app.cell
    def _(np, values):
        total = np.sum(values)
        return (total,)
    ```

    ## Fix safety
    Safe: marimo never runs the parameter list or the final return. Only
    the part that is stale is rewritten, and a parameter or returned name
    that stays keeps its default, annotation and comments; the comments of
    one that goes stay behind as comment lines.
    """

    code = "NB005"
    name = "stale-cell-signature"
    severity = Severity.WARNING
    fix_availability = always(Applicability.SAFE)
    valid = (Example("x = 1\n# ---\ny = x + 1"),)
    invalid = (
        Example(
            "@app.cell\ndef _(z):\n    x = 1\n    return\n\n\n"
            "@app.cell\ndef _(x):\n    print(x)\n    return\n",
            "@app.cell\ndef _():\n    x = 1\n    return (x,)\n\n\n"
            "@app.cell\ndef _(x):\n    print(x)\n    return\n",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for cell in notebook.code_cells:
            if cell.scope.star_import:  # what it reads is unknowable, and marimo refuses it (NB024)
                continue
            expected = expected_signature(notebook, cell)
            if signature_matches(notebook, cell, expected):
                continue
            problems = []
            if cell.params != expected.params:
                problems.append(
                    f"parameters should be {_listing(expected.params)}, not {_listing(cell.params)}"
                )
            if cell.is_async != expected.is_async:
                problems.append(
                    "`async def` needed: the cell awaits" if expected.is_async else "no `await`: plain `def`"
                )
            returned = cell.returned_names
            if returned != expected.returns:
                problems.append(f"return should be {_listing(expected.returns)}, not {_listing(returned)}")
            codemod = signature_codemod(notebook, cell)
            yield self.diagnostic(
                "Stale cell signature: " + "; ".join(problems or ["not in marimo's order"]),
                header_span(notebook, cell),
                cell_fix(
                    notebook, cell, codemod, Applicability.SAFE, "Regenerate the cell's parameters and return"
                ),
            )
