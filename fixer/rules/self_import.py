"""NB026 self-import."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import PurePath

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.notebook import Notebook
from nbfix.rules import NO_FIX, Example, Rule, register

# Built into every CPython: never loaded from a file, so no file can shadow them.
_BUILT_IN = frozenset({"sys", "builtins"})


def module_name(path: str) -> str | None:
    """The module a notebook file can be imported as (`numpy` for `.../numpy.py`); None for `<string>`."""
    name = PurePath(path).name
    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix != "py" or not stem.isidentifier() or stem in _BUILT_IN:
        return None
    return stem


def imported_modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The top-level modules an import loads first (`import a.b, c` -> a, c); none for a relative import."""
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if node.level or not node.module:
        return []
    return [node.module.split(".")[0]]


@register
class SelfImport(Rule):
    """
    ## What it does
    Finds an import of a module that has the notebook's own file name: a
    notebook saved as `numpy.py` that runs `import numpy`, `torch.py` with
    `from torch import nn`, `marimo.py` (which imports marimo in its first
    line). Every import in the file counts, in any cell or function. Only a
    notebook read from a file, standard input (`--stdin-filename`) or an
    editor buffer saved under a name has a file name; `sys` and `builtins`
    are built into Python and cannot be shadowed.

    ## Why is this bad?
    Python looks for a module in the notebook's own folder first, so the
    import loads the notebook itself instead of the library: a circular
    import, an `AttributeError` on the library's names, or the notebook
    running twice. marimo's `marimo check` reports it too (its MR001).

    ## Example
    In a notebook saved as `numpy.py`:
    ```python
    import numpy as np

    values = np.arange(3)
    ```
    Use instead: the same code in a notebook saved as `numpy_demo.py`.

    ## Fix safety
    No fix: rename the file (nbfix does not rename files).

    ## Precision
    2026-12-03, on the 1,080 notebooks of the ecosystem check: no hit
    (their file names, flattened or as in their repositories, shadow
    nothing they import), so the corpus cases carry it. See
    `docs/precision/NB026.md`.
    """

    code = "NB026"
    name = "self-import"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    valid = (
        Example("import numpy as np\n\nvalues = np.arange(3)", path="numpy_demo.py"),
        Example("import numpy as np\n\nvalues = np.arange(3)"),  # `<string>`: no file name
    )
    invalid = (Example("import numpy as np\n\nvalues = np.arange(3)", path="numpy.py"),)

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        own = module_name(notebook.path)
        if own is None or own not in notebook.text:
            return
        for node in _imports(notebook):
            if own in imported_modules(node):
                message = f"`{own}.py` shadows the module `{own}` it imports"
                yield self.diagnostic(message, notebook.index.node_span(node))


def _imports(notebook: Notebook) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import of the file: in the cells, and outside them (the frame's `import marimo`)."""
    cell_nodes = {id(cell.node) for cell in notebook.cells}
    for cell in notebook.cells:
        yield from cell.nodes.of(ast.Import)
        yield from cell.nodes.of(ast.ImportFrom)
    for statement in notebook.module.body:
        if id(statement) not in cell_nodes:
            yield from (n for n in ast.walk(statement) if isinstance(n, (ast.Import, ast.ImportFrom)))
