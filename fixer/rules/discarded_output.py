"""NB017 discarded-output.

marimo displays the value of a cell's last top-level expression, and
nothing else. An output written anywhere else (a progress message before
minutes of training, a callout followed by more statements, a status line in
a loop) is evaluated and thrown away. NB008 owns the outputs at the end of
the branches of a cell's last if/try/match; this rule every other one, and a
cell that `return`s an output nobody reads. Which expressions are outputs,
and which names hold one, is `nbfix.semantic.outputs`'s narrow answer.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Fix, Severity
from nbfix.messages import code_list
from nbfix.notebook import Cell, Notebook
from nbfix.rewrite import cell_fix, lazy_codemod, node_position
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.semantic.outputs import Discarded, Outputs, ReturnedOutput

_LABEL_WIDTH = 24


def label(value: ast.expr) -> str:
    """How a message names an output: `mo.md(...)`, `alt.Chart(...)`, `chart`."""
    if isinstance(value, ast.Name):
        return value.id
    root = value
    # A method chain is named after the call it starts from: `alt.Chart(df).mark_bar()` -> `alt.Chart(...)`.
    while (
        isinstance(root, ast.Call)
        and isinstance(root.func, ast.Attribute)
        and isinstance(root.func.value, ast.Call)
    ):
        root = root.func.value
    callee = ast.unparse(root.func) if isinstance(root, ast.Call) else ast.unparse(root)
    if len(callee) > _LABEL_WIDTH:
        callee = callee[: _LABEL_WIDTH - 3] + "..."
    return f"{callee}(...)"


@register
class DiscardedOutput(Rule):
    """
    ## What it does
    Finds an expression statement whose value is an output, a marimo element
    (`mo.md(...)`, `mo.callout(...)`, `mo.vstack(...)`, `mo.ui.*(...)`) or
    a chart or figure (`px.bar(...)`, `alt.Chart(...)`, `go.Figure(...)`),
    anywhere but as the cell's last top-level expression: in the middle of
    a cell, or inside a loop, a `with` block or a branch. Also a name alone
    on its line that the cell binds to an output and nothing reads again,
    and a cell that displays nothing and ends in `return X`, where `X` is an
    output or a name holding one that no cell reads.

    Not reported: calls that display nothing themselves (`print(...)`,
    `mo.stop(...)`, `mo.output.append(...)`, `plt.plot(...)`, `plt.show()`,
    `fig.savefig(...)`, `chart.save(...)`); `plt.gca()`/`plt.gcf()`, the
    current figure a cell usually shows later in another form; a name that
    another cell defines (alone on its line, it makes the cell rerun when
    that element changes); an output the cell writes again later (in a
    layout, say); a `try` body that is one expression run to see whether it
    raises (`try: int(text)` / `except ValueError as error: print(error)`),
    or a `with pytest.raises(...)` body; a cell whose last line is `None`.
    The outputs at the end of the branches of a cell's last `if`/`try`/
    `match` are NB008's.

    ## Why is this bad?
    marimo displays the value of a cell's last top-level expression, and
    nothing else; it ignores what a cell returns. Any other output is
    evaluated and thrown away: a progress message that never appears, a
    callout nobody sees, a chart that is drawn for no one.

    ## Example
    ```python
    if train_button.value:
        mo.md("### Training in progress...")
        model = train(data)
    ```
    Use instead:
    ```python
    if train_button.value:
        mo.output.append(mo.md("### Training in progress..."))
        model = train(data)
    ```

    ## Fix safety
    `E` becomes `mo.output.append(E)`, which shows `E` when that line runs
    (appended outputs stack up in order). Safe when the cell displays
    nothing after it. Unsafe when it does (the cell ends in an expression,
    or in branches that NB008 makes display one, or calls
    `mo.output.replace`/`mo.output.clear` later): that output replaces what
    was appended when the cell finishes, so `E` shows only while the cell
    runs. No fix where no cell imports marimo as a name.

    A returned output becomes the cell's last expression, above the
    `return` (safe); no fix when the cell returns several.

    ## Precision
    2026-12-03, on the 1,080 ecosystem notebooks: 42 hits, all read, 41 TRUE
    (97.6%; 19 of the 20 in the table of `docs/precision/NB017.md`). The
    false one builds a chart for a side effect nothing in the code names.
    """

    code = "NB017"
    name = "discarded-output"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE, Applicability.UNSAFE)
    valid = (
        Example(
            "import marimo as mo\n# ---\nready = True\n# ---\n"
            'mo.output.append(mo.md("Loading..."))\ntotal = sum(range(10))\nmo.md(f"Total: {total}")'
        ),
        Example(
            "import marimo as mo\nimport matplotlib.pyplot as plt\n# ---\n"
            "plt.plot([1, 2, 3])\nplt.title('Line')\nplt.gca()"
        ),
        Example(
            "import marimo as mo\n# ---\ntext = '4'\n# ---\n"
            "try:\n    mo.ui.slider(0, int(text))\nexcept ValueError as error:\n    print(error)\nvalue = 1"
        ),
    )
    invalid = (
        Example(
            "import marimo as mo\n# ---\nready = True\n# ---\n"
            'if ready:\n    mo.md("### Training in progress...")\n    total = sum(range(10))',
            "import marimo as mo\n# ---\nready = True\n# ---\n"
            'if ready:\n    mo.output.append(mo.md("### Training in progress..."))\n'
            "    total = sum(range(10))",
        ),
        Example(
            'import marimo as mo\n# ---\nmo.callout(mo.md("Loading"), kind="info")\ntotal = sum(range(10))',
            "import marimo as mo\n# ---\n"
            'mo.output.append(mo.callout(mo.md("Loading"), kind="info"))\ntotal = sum(range(10))',
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        outputs = Outputs.of(notebook)
        marimo = outputs.names.marimo
        for cell in notebook.code_cells:
            for found in outputs.discarded(cell):
                yield self._discarded(notebook, cell, found, marimo)
            returned = outputs.returned_output(cell)
            if returned is not None:
                yield self._returned(notebook, cell, returned)

    def _discarded(self, notebook: Notebook, cell: Cell, found: Discarded, marimo: str | None) -> Diagnostic:
        where = f" inside `{found.block}`" if found.block else ""
        subject = label(found.statement.value)
        message = f"`{subject}`{where} is never displayed: it is not the cell's last expression"
        fix = None
        if marimo is not None:
            codemod = lazy_codemod(
                "append_output", "append_output", [node_position(notebook, cell, found.statement)], marimo
            )
            applicability = Applicability.UNSAFE if found.replaced else Applicability.SAFE
            fix = cell_fix(
                notebook, cell, codemod, applicability, f"Show it with `{marimo}.output.append(...)`"
            )
        return self.diagnostic(message, notebook.index.node_span(found.statement), fix)

    def _returned(self, notebook: Notebook, cell: Cell, returned: ReturnedOutput) -> Diagnostic:
        value = returned.statement.value
        assert value is not None
        if returned.names:
            subject = code_list(returned.names)
            message = f"{subject} is returned but never displayed, and no cell reads it"
            if len(returned.names) > 1:
                message = f"{subject} are returned but never displayed, and no cell reads them"
        else:
            message = f"`{label(value)}` is returned, never displayed: marimo ignores what a cell returns"
        fix: Fix | None = None
        if len(returned.names) <= 1:
            name = returned.names[0] if returned.names else None
            codemod = lazy_codemod("display_returned_output", "display_returned_output", name)
            title = (
                f"Display `{name}` as the cell's last expression"
                if name
                else "Display it instead of returning it"
            )
            fix = cell_fix(notebook, cell, codemod, Applicability.SAFE, title)
        return self.diagnostic(message, notebook.index.node_span(value), fix)
