"""NB005 stale-cell-signature: the part of a cell's signature that misleads."""

from __future__ import annotations

from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.messages import code_list, plural
from nbfix.notebook import Notebook
from nbfix.rewrite import cell_fix
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.signature import Staleness, header_span, signature_codemod, staleness


def describe(stale: Staleness) -> str:
    """`missing parameter `x`; does not return `y``: what misleads, most harmful first."""
    parts = []
    if stale.missing_params:
        noun = plural(len(stale.missing_params), "parameter")
        parts.append(f"missing {noun} {code_list(stale.missing_params)}")
    if stale.missing_returns:
        parts.append(f"does not return {code_list(stale.missing_returns)}")
    if stale.undefined_returns:
        parts.append(f"returns undefined {code_list(stale.undefined_returns)}")
    if stale.needs_async:
        parts.append("`await` in a plain `def`")
    if stale.named_extras:
        parts.append(f"named cell takes unused {code_list(stale.named_extras)}")
    return "; ".join(parts)


@register
class StaleCellSignature(Rule):
    """
    ## What it does
    Checks the parts of a cell's parameter list and final `return` that
    mislead: a name the body reads from another cell that the parameters
    leave out, a name another cell reads that the `return` leaves out, a
    returned name the cell never defines, an `await` in a plain `def`, and
    any difference in the parameters of a *named* cell (`def load_data(...)`).

    ## Why is this bad?
    marimo ignores the signature when it runs the notebook, but nothing else
    does. Pyright, Ruff and a reader see a missing parameter as an undefined
    name and a missing return as an unused variable; `python notebook.py`
    fails to compile an `await` in a plain `def`; and code that imports a
    named cell and calls it, or pytest running a `test_*` cell, gets a
    `TypeError` when its parameters are wrong.

    Order, extra parameters and extra returned names mislead nothing (the
    marimo editor rewrites them on save): they are NB016's, off by default.
    Table names that a cell's SQL may read or create are never stale (marimo
    writes them into signatures when duckdb is installed).

    ## Example
    ```python
    @app.cell
    def _(np):
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
    Safe: marimo never runs the parameter list or the final return. Unsafe
    on a cell with decorators of its own besides `@app.cell` (a
    `@pytest.mark.xfail(raises=TypeError)` test of a wrong signature, as
    marimo's own test suite has), where the signature may be wrong on purpose. The fix
    is minimal: missing names are added (in sorted place when the list is
    sorted, else at its end), undefined returned names dropped, and
    everything else stays as the author wrote it: order, defaults,
    annotations, comments. Every other fix that changes what a cell reads or
    defines mends its signature the same way.

    ## Precision
    2026-12-03: 20 of 20 hits read on the ecosystem notebooks are true (see
    docs/precision/NB005.md).
    """

    code = "NB005"
    name = "stale-cell-signature"
    severity = Severity.WARNING
    fix_availability = sometimes(Applicability.SAFE, Applicability.UNSAFE)
    valid = (
        Example("x = 1\n# ---\ny = x + 1"),
        # Extra and unsorted names mislead nothing: NB016's, off by default.
        Example(
            "@app.cell\ndef _(unused):\n    x = 1\n    y = 2\n    return y, x\n\n\n"
            "@app.cell\ndef _(x):\n    print(x)\n    return\n"
        ),
    )
    invalid = (
        Example(
            "@app.cell\ndef _(z):\n    x = 1\n    return\n\n\n"
            "@app.cell\ndef _(x):\n    print(x)\n    return\n",
            "@app.cell\ndef _(z):\n    x = 1\n    return (x,)\n\n\n"
            "@app.cell\ndef _(x):\n    print(x)\n    return\n",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for cell in notebook.code_cells:
            stale = staleness(notebook, cell)
            if not stale:
                continue
            # A cell with decorators of its own (`@pytest.mark.xfail(raises=TypeError)`) may be
            # a test whose wrong signature is the point: its mend is the author's call.
            decorated = len(getattr(cell.node, "decorator_list", ())) > 1
            yield self.diagnostic(
                f"Stale cell signature: {describe(stale)}",
                header_span(notebook, cell),
                cell_fix(
                    notebook,
                    cell,
                    signature_codemod(notebook, cell),
                    Applicability.UNSAFE if decorated else Applicability.SAFE,
                    "Add the missing names to the signature, drop the undefined ones",
                ),
            )
