"""NB001 return-in-branch."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.notebook import Notebook
from nbfix.rewrite import cell_fix, lazy_codemod
from nbfix.rules import Example, Rule, register, sometimes

_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_CONSTRUCT_NAMES = {
    ast.If: "an `if` branch",
    ast.Try: "a `try` statement",
    ast.With: "a `with` block",
    ast.AsyncWith: "an `async with` block",
    ast.Match: "a `match` case",
    ast.For: "a `for` loop",
    ast.AsyncFor: "an `async for` loop",
    ast.While: "a `while` loop",
}
if hasattr(ast, "TryStar"):
    _CONSTRUCT_NAMES[ast.TryStar] = "a `try` statement"


def misplaced_returns(body: tuple[ast.stmt, ...]) -> Iterator[tuple[ast.Return, tuple[ast.stmt, ...]]]:
    """Each return of a cell body (final return excluded), with its enclosing statements."""

    def walk(
        node: ast.AST, enclosing: tuple[ast.stmt, ...]
    ) -> Iterator[tuple[ast.Return, tuple[ast.stmt, ...]]]:
        if isinstance(node, ast.Return):
            yield node, enclosing
            return
        if isinstance(node, _SCOPES):
            return
        inner = (*enclosing, node) if isinstance(node, ast.stmt) else enclosing
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                yield from walk(child, inner)

    for statement in body:
        yield from walk(statement, ())


@register
class ReturnInBranch(Rule):
    """
    ## What it does
    Finds a `return` in a cell body anywhere but as the cell's last top-level
    statement: inside if/elif/else, try/except/finally, with, match, or a loop.

    ## Why is this bad?
    marimo runs a cell's body as top-level code, not as a function, so
    Python raises `SyntaxError: 'return' outside function` and marimo
    refuses to run the cell. (The cell function's final `return` is only
    marimo's record of what the cell defines, and is fine.)

    ## Example
    ```python
    if cudf_available:
        result = "yes"
        return result
    else:
        result = "no"
        return result
    ```
    Use instead:
    ```python
    if cudf_available:
        result = "yes"
    else:
        result = "no"
    ```

    ## Fix safety
    Safe. Returns in tail position of a branch are removed (an emptied branch
    gets `pass`), `return <expr>` that does work keeps its expression, and an
    early-return guard `if cond: return` followed by more statements becomes
    `if not (cond):` around them. A return inside a loop, in a `finally`, or
    anything else whose meaning would change gets no fix.

    ## Precision
    2026-12-03: 2 of 2 hits on the ecosystem notebooks are true (both
    marimo's own syntax-error fixtures; see docs/precision/NB001.md). Few
    hits: the corpus cases carry the rest.
    """

    code = "NB001"
    name = "return-in-branch"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    valid = (
        Example("def helper(x):\n    if x:\n        return 1\n    return 2\nvalue = helper(3)"),
        Example("values = [1, 2]\nsquares = list(map(lambda v: v * v, values))"),
    )
    invalid = (
        Example(
            'flag = True\n# ---\nif flag:\n    result = "yes"\n    return result\n'
            'else:\n    result = "no"\n    return result',
            'flag = True\n# ---\nif flag:\n    result = "yes"\nelse:\n    result = "no"',
        ),
        Example(
            "items = []\n# ---\nif not items:\n    return\ntotal = sum(items)",
            "items = []\n# ---\nif items:\n    total = sum(items)",
        ),
        Example("for i in range(3):\n    if i:\n        return i"),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for cell in notebook.code_cells:
            if not cell.nodes.of(ast.Return):  # most cells have none, not even in a function
                continue
            found = list(misplaced_returns(cell.body))
            if not found:
                continue
            in_loop = any(isinstance(s, _LOOPS) for _, enclosing in found for s in enclosing)
            fix = None
            if not in_loop:
                codemod = lazy_codemod("hoist_returns", "hoist_returns")
                fix = cell_fix(
                    notebook, cell, codemod, Applicability.SAFE, "Remove the returns from the cell body"
                )
            for node, enclosing in found:
                where = _CONSTRUCT_NAMES.get(type(enclosing[-1]), "a block") if enclosing else "the cell body"
                message = (
                    f"`return` inside {where}: SyntaxError in a marimo cell, which runs as top-level code"
                )
                yield self.diagnostic(message, notebook.index.node_span(node), fix)
