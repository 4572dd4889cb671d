"""NB008 hidden-branch-output.

marimo displays the value of a cell's last top-level expression statement,
and nothing else. An `if`/`try`/`match` at the end of a cell whose branches
end in `mo.md(...)` runs them and shows nothing. marimo's own MR002 catches
the case where the compound statement is the cell's very last statement;
this rule also catches it when only statements that display nothing follow
(an assignment, a loop, a `print(...)`). What counts as an output is
`nbfix.semantic.outputs`'s narrow answer: a generic call such as `compute()`
is not one (NB001's fix turns `return compute()` into `compute()` at the end
of a branch).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.notebook import Notebook
from nbfix.rewrite import cell_fix, lazy_codemod
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.semantic.outputs import (
    BRANCHING,
    TRY,
    OutputNames,
    Outputs,
    branches,
    ends_in_display,
    raises_on_purpose,
)

# The name `nbfix.codemods.expose_branch_output` assigns (it is not imported from
# there: that would load libcst for every check; a test keeps them equal).
OUTPUT_NAME = "_output"


def fix_blocker(statement: ast.stmt, names: OutputNames) -> str | None:
    """Why the branches of `statement` cannot all assign `_output`, or None."""
    if isinstance(statement, TRY):
        if ends_in_display(statement.finalbody, names):  # type: ignore[attr-defined]
            return "the `finally` block ends in an output"
        if (
            statement.orelse  # type: ignore[attr-defined]
            and not raises_on_purpose(statement, names)
            and ends_in_display(statement.body, names)  # type: ignore[attr-defined]
        ):
            return "the `try` block ends in an output but its `else` block runs after it"
    for block in branches(statement, names):
        if block and isinstance(block[-1], BRANCHING):
            reason = fix_blocker(block[-1], names)
            if reason:
                return reason
    return None


_KEYWORDS = {ast.If: "if", ast.Match: "match"}


@register
class HiddenBranchOutput(Rule):
    """
    ## What it does
    Finds a cell whose last top-level statement is an `if`/`elif`/`else`,
    `try` or `match` (or one followed only by statements that display
    nothing, such as assignments or `print(...)`) whose branches end in an
    output: a marimo element (`mo.md(...)`, `mo.callout(...)`,
    `mo.vstack(...)`, `mo.ui.*(...)`), a figure or chart (`plt.gcf()`,
    `px.bar(...)`, `alt.Chart(...)`), or a bare name.

    A `try` whose body is a single expression and whose `except` blocks
    report the error without an output (`try: int(text)` / `except
    ValueError: print("not a number")`) runs that expression to see whether
    it raises: that is not a hidden output.

    ## Why is this bad?
    marimo displays the value of a cell's last top-level expression, and
    nothing else. An expression at the end of a branch is evaluated and
    thrown away: the cell shows nothing, and the message or figure the
    author wrote never appears.

    ## Example
    ```python
    if gpu_available:
        mo.md("Running on the GPU")
    else:
        mo.callout(mo.md("No GPU: running on the CPU"), kind="warn")
    ```
    Use instead:
    ```python
    if gpu_available:
        _output = mo.md("Running on the GPU")
    else:
        _output = mo.callout(mo.md("No GPU: running on the CPU"), kind="warn")
    _output
    ```

    ## Fix safety
    Safe. Each branch's final output `E` becomes `_output = E`; several
    outputs in a row at the end of a branch are all kept, stacked as
    `_output = mo.vstack([E1, E2, ...])`. A branch without one gets
    `_output = None` (an `if` without `else`, or a `match` without a
    catch-all case, gets one that does), and `_output` becomes the cell's
    last expression. `_output` is private to the cell, so no other cell
    changes. No fix when the cell already uses the name `_output`, when a
    `finally` block (or a `try` block that has an `else`) ends in an output,
    or when outputs in a row need `mo.vstack` and no cell imports marimo as
    a name. If the output is meant to stay hidden, assign it: `_ = E`.

    Outputs elsewhere in the cell (in the middle of a branch, in a loop or a
    `with` block) are NB017's.

    ## Precision
    2026-12-03, on the 1,080 ecosystem notebooks: 9 hits, all read, 9 TRUE
    (100%); the two `try` bodies written to raise that it used to report are
    gone (`docs/precision/NB008.md`).
    """

    code = "NB008"
    name = "hidden-branch-output"
    severity = Severity.WARNING
    fix_availability = sometimes(Applicability.SAFE)
    valid = (
        Example(
            "import marimo as mo\n# ---\nflag = True\n# ---\n"
            '_output = mo.md("yes") if flag else mo.md("no")\n_output'
        ),
        Example(
            "import marimo as mo\n# ---\nflag = True\n# ---\n"
            'if flag:\n    print("yes")\nelse:\n    total = sum([1, 2])'
        ),
        Example(
            'import marimo as mo\n# ---\nflag = True\n# ---\nif flag:\n    _ = mo.md("hidden on purpose")'
        ),
        Example(
            "import marimo as mo\n# ---\ntext = '4'\n# ---\n"
            "try:\n    mo.md(text).center()\nexcept ValueError as error:\n    print(error)"
        ),
    )
    invalid = (
        Example(
            "import marimo as mo\n# ---\ngpu_available = False\n# ---\n"
            'if gpu_available:\n    mo.md("Running on the GPU")\nelse:\n'
            '    mo.callout(mo.md("No GPU"), kind="warn")',
            "import marimo as mo\n# ---\ngpu_available = False\n# ---\n"
            'if gpu_available:\n    _output = mo.md("Running on the GPU")\nelse:\n'
            '    _output = mo.callout(mo.md("No GPU"), kind="warn")\n_output',
        ),
        Example(
            "import marimo as mo\n# ---\nrows = []\n# ---\n"
            'if not rows:\n    mo.md("No rows yet")\ncount = len(rows)',
            "import marimo as mo\n# ---\nrows = []\n# ---\n"
            'if not rows:\n    _output = mo.md("No rows yet")\nelse:\n    _output = None\n'
            "count = len(rows)\n_output",
        ),
        Example(
            "import marimo as mo\n# ---\nrows = [1]\n# ---\n"
            'if rows:\n    mo.md("### Rows")\n    mo.ui.table(rows)',
            "import marimo as mo\n# ---\nrows = [1]\n# ---\n"
            "if rows:\n    _output = mo.vstack([\n"
            '        mo.md("### Rows"),\n        mo.ui.table(rows),\n    ])\n'
            "else:\n    _output = None\n_output",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        outputs = Outputs.of(notebook)
        names = outputs.names
        stack = f"{names.marimo}.vstack" if names.marimo else None
        for cell in notebook.code_cells:
            compound = outputs.hidden_branch(cell)
            if compound is None:
                continue
            keyword = _KEYWORDS.get(type(compound), "try")
            blocker = fix_blocker(compound, names)
            if blocker is None and OUTPUT_NAME in cell.identifiers:
                blocker = f"the cell already uses the name `{OUTPUT_NAME}`"
            if blocker is None and stack is None and any(len(run) > 1 for run in outputs.exposed(cell)):
                blocker = "no cell imports marimo as a name, to stack outputs in a row with `vstack`"
            fix = None
            if blocker is None:
                codemod = lazy_codemod(
                    "expose_branch_output",
                    "expose_branch_output",
                    is_display=names.is_display_source,
                    stack=stack,
                )
                fix = cell_fix(
                    notebook,
                    cell,
                    codemod,
                    Applicability.SAFE,
                    f"Assign each branch's output to `{OUTPUT_NAME}` and display it",
                )
            message = f"Output at the end of this `{keyword}` statement's branches is never displayed"
            start = notebook.index.offset(compound.lineno, compound.col_offset)
            yield self.diagnostic(message, notebook.index.span(start, start + len(keyword)), fix)
