"""NB023 setup-cell-dependency."""

from __future__ import annotations

from collections.abc import Iterator

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.messages import listing
from nbfix.notebook import Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.dependencies import (
    Dependencies,
    cell_label,
    first_read_span,
    statement_line_span,
)

_SETUP_READS_A_CELL = (
    "with app.setup:\n    import math\n\n    scale = factor * math.pi\n\n\n"
    "@app.cell\ndef _():\n    factor = 2\n    return (factor,)\n"
)
_SETUP_ALONE = (
    "with app.setup:\n    import math\n\n    factor = 2\n    scale = factor * math.pi\n\n\n"
    "@app.cell\ndef _():\n    print(scale)\n    return\n"
)


@register
class SetupCellDependency(Rule):
    """
    ## What it does
    Finds a setup cell (`with app.setup:`) that reads a name another cell
    defines: an `@app.cell`, an `@app.function` or an
    `@app.class_definition`.

    ## Why is this bad?
    The setup cell runs first, before any other cell, and what it defines
    is visible to every cell and to the notebook's top-level functions. It
    cannot wait for another cell, so marimo refuses a setup cell that
    depends on one (its "setup cell cannot have dependencies" error,
    MB004): the notebook does not run.

    ## Example
    ```python
    with app.setup:
        import math

        scale = factor * math.pi


    @app.cell
    def _():
        factor = 2
        return (factor,)
    ```
    Use instead:
    ```python
    with app.setup:
        import math

        factor = 2
        scale = factor * math.pi
    ```

    ## Fix safety
    No fix: move the definition into the setup cell (if it needs nothing
    from other cells), or move the code that reads it out of the setup cell.

    ## Precision
    2026-12-03, on the 1,080 notebooks of the ecosystem check: 1 of 1
    diagnostic true (marimo's MB004 fixture). Too few to measure: the
    corpus cases and look-alikes carry it. See `docs/precision/NB023.md`.
    """

    code = "NB023"
    name = "setup-cell-dependency"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    valid = (Example(_SETUP_ALONE),)
    invalid = (Example(_SETUP_READS_A_CELL),)

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for read in Dependencies.of(notebook).setup_reads:
            where = listing([cell_label(cell) for cell in read.definers])
            message = f"The setup cell reads `{read.name}`, which another cell defines ({where})"
            span = first_read_span(notebook, read.setup, read.name)
            yield self.diagnostic(message, span or statement_line_span(notebook, read.setup.node))
