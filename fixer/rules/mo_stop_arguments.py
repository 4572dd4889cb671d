"""NB009 mo-stop-arguments."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rewrite import cell_fix, lazy_codemod, node_position
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.semantic.outputs import OutputNames

_STOP = "marimo.stop"


def is_stop_output(node: ast.expr, names: OutputNames) -> bool:
    """An argument that is certainly an output, and so always true as a condition.

    A string counts only when it cannot be empty (`""` and `f"{x}"` may be
    false), a marimo element always (its truthiness is an object's).
    """
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value != ""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.Constant) and part.value for part in node.values)
    return names.is_marimo_output(node)


def _fix_blocker(call: ast.Call, names: OutputNames) -> str | None:
    if call.keywords or any(isinstance(arg, ast.Starred) for arg in call.args) or len(call.args) > 2:
        return "only `mo.stop(output)` and `mo.stop(output, condition)` are rewritten"
    if len(call.args) == 2 and is_stop_output(call.args[1], names):
        return "both arguments are outputs"
    return None


@register
class MoStopArguments(Rule):
    """
    ## What it does
    Finds `mo.stop(...)` whose first argument is an output (a string, an
    f-string, `mo.md(...)`, `mo.callout(...)` or any other marimo element)
    rather than a condition.

    ## Why is this bad?
    `mo.stop(predicate, output=None)` stops the cell when `predicate` is
    true, and shows `output` in its place. An output as the first argument is
    always true: the cell always stops, and since no output was passed, the
    message the author wrote is never shown.

    ## Example
    ```python
    mo.stop(mo.md("Press **Train** to start"), not train_button.value)
    ```
    Use instead:
    ```python
    mo.stop(not train_button.value, mo.md("Press **Train** to start"))
    ```

    ## Fix safety
    Safe. `mo.stop(out, cond)` becomes `mo.stop(cond, out)`, and a lone
    `mo.stop(out)` becomes `mo.stop(True, out)`: it stopped the cell every
    time already, and now it also shows its message. Calls with keywords or
    more arguments, or whose both arguments are outputs, are reported
    without a fix.
    """

    code = "NB009"
    name = "mo-stop-arguments"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    needs_text = ("stop",)
    valid = (
        Example(
            "import marimo as mo\n# ---\nready = True\n# ---\n"
            'mo.stop(not ready, mo.md("Not ready"))\nvalue = 1'
        ),
        Example('import marimo as mo\n# ---\nmessage = ""\n# ---\nmo.stop(message)\nvalue = 1'),
    )
    invalid = (
        Example(
            "import marimo as mo\n# ---\nready = True\n# ---\n"
            'mo.stop(mo.md("Not ready"), not ready)\nvalue = 1',
            "import marimo as mo\n# ---\nready = True\n# ---\n"
            'mo.stop(not ready, mo.md("Not ready"))\nvalue = 1',
        ),
        Example(
            "import marimo as mo\n# ---\nready = False\n# ---\n"
            'if not ready:\n    mo.stop("Not ready")\nvalue = 1',
            "import marimo as mo\n# ---\nready = False\n# ---\n"
            'if not ready:\n    mo.stop(True, "Not ready")\nvalue = 1',
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        names = OutputNames.of(notebook)
        for cell in notebook.cells:
            if cell.kind not in (CellKind.CELL, CellKind.FUNCTION):
                continue
            for node in cell.nodes.of(ast.Call):
                if names.qualify(node.func) == _STOP and node.args and is_stop_output(node.args[0], names):
                    yield self._diagnostic(notebook, cell, node, names)

    def _diagnostic(self, notebook: Notebook, cell: Cell, call: ast.Call, names: OutputNames) -> Diagnostic:
        callee = ast.unparse(call.func)
        message = f"`{callee}(...)` gets an output as its condition: it always stops, the output never shows"
        blocker = _fix_blocker(call, names)
        fix = None
        if blocker is None:
            position = node_position(notebook, cell, call.func)
            codemod = lazy_codemod("fix_mo_stop", "fix_mo_stop", [position])
            fix = cell_fix(
                notebook, cell, codemod, Applicability.SAFE, "Put the condition first and the output second"
            )
        return self.diagnostic(message, notebook.index.node_span(call), fix)
