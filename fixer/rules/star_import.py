"""NB024 star-import."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.notebook import Notebook
from nbfix.rules import NO_FIX, Example, Rule, register


def module_written(node: ast.ImportFrom) -> str:
    """The module as the import names it: `os.path`, `.`, `..utils`."""
    return "." * node.level + (node.module or "")


@register
class StarImport(Rule):
    """
    ## What it does
    Finds `from module import *` in a cell, at any depth: in an
    `@app.cell`, the setup cell, an `@app.function` or an
    `@app.class_definition`.

    ## Why is this bad?
    marimo works out what each cell defines by reading its code, and a star
    import defines names nobody can see in it. marimo refuses the cell
    ("Importing symbols with `import *` is not allowed"), and since a cell
    is a function in the file, Python itself refuses to compile the
    notebook as a script ("import * only allowed at module level").

    ## Example
    ```python
    from math import *

    area = pi * radius**2
    ```
    Use instead:
    ```python
    import math

    area = math.pi * radius**2
    ```

    ## Fix safety
    No fix: which names the star import brings depends on the installed
    module. Import the module (`import math`) and qualify the names, or
    import the names the cell uses (`from math import pi`).

    ## Precision
    2026-12-03, on the 1,080 notebooks of the ecosystem check: 3 of 3
    diagnostics true (100%), in marimo's star-import fixture, where
    marimo's MB005 agrees. See `docs/precision/NB024.md`.
    """

    code = "NB024"
    name = "star-import"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    valid = (
        Example("import math\n\narea = math.pi * 2**2"),
        Example("from math import pi\n\narea = pi * 2**2"),
    )
    invalid = (Example("from math import *\n\narea = pi * 2**2"),)

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for cell in notebook.cells:
            for node in cell.nodes.of(ast.ImportFrom):
                if any(alias.name == "*" for alias in node.names):
                    message = f"Star import from `{module_written(node)}`: marimo cannot tell what it defines"
                    yield self.diagnostic(message, notebook.index.node_span(node))
