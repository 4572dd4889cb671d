"""NB008 hidden-branch-output, and what NB008 and NB009 call an output.

marimo displays the value of a cell's last top-level expression statement,
and nothing else. An `if`/`try`/`match` at the end of a cell whose branches
end in `mo.md(...)` runs them and shows nothing. marimo's own MR002 catches
the case where the compound statement is the cell's very last statement;
this rule also catches it when only statements that display nothing follow
(an assignment, a loop, a `print(...)`).

What counts as an output is deliberately narrow, because a false positive
would tell users to rewrite working code: marimo output elements
(`mo.md`, `mo.callout`, `mo.vstack`, `mo.ui.*`, ...), figures and charts
(`plt.gcf()`, `px.*(...)`, `alt.Chart(...)...`) and bare names. A generic call
such as `compute()` is not one: it is usually run for its effect (NB001's fix
turns `return compute()` into `compute()` at the end of a branch).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from fixer.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from fixer.nodes import dotted_name
from fixer.notebook import Cell, Notebook
from fixer.rewrite import rewrite_cell
from fixer.rules import Example, Rule, register, sometimes

# The name `codemods.expose_branch_output` assigns (it is not imported from
# there: that would load libcst for every check; a test keeps them equal).
OUTPUT_NAME = "_output"

# `mo.<element>(...)` that make something to display (`marimo.__all__`, minus
# the functions that return None, control flow, caches, state and I/O).
MARIMO_OUTPUT_ELEMENTS = frozenset(
    {
        "Html",
        "accordion",
        "as_html",
        "audio",
        "callout",
        "carousel",
        "center",
        "doc",
        "download",
        "hstack",
        "icon",
        "iframe",
        "image",
        "image_compare",
        "inspect",
        "json",
        "lazy",
        "left",
        "md",
        "mermaid",
        "nav_menu",
        "outline",
        "pdf",
        "plain",
        "plain_text",
        "right",
        "routes",
        "show_code",
        "sidebar",
        "stat",
        "style",
        "tabs",
        "tree",
        "video",
        "vstack",
    }
)
FIGURE_CALLS = frozenset(
    {
        "matplotlib.pyplot.gcf",
        "matplotlib.pyplot.gca",
        "plotly.graph_objects.Figure",
        "altair.Chart",
        "altair.layer",
        "altair.hconcat",
        "altair.vconcat",
        "altair.concat",
    }
)
# Modules whose import aliases matter here.
_TRACKED_ROOTS = frozenset({"marimo", "matplotlib", "plotly", "altair"})
# Methods that do something with an output instead of returning one.
_NOT_OUTPUT_METHOD_PREFIXES = ("_", "show", "save", "write", "to_")
# Calls that return None, so as a cell's last statement they display nothing.
_SILENT_CALLS = frozenset({"print"})

BRANCHING = (ast.If, ast.Try, ast.Match, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))


@dataclass(frozen=True)
class OutputNames:
    """What each name bound by an import in the notebook stands for: `mo` -> "marimo".

    marimo shares a cell's imports with every other cell, so the aliases of
    the whole notebook apply everywhere (`import marimo as mo` in one cell,
    `mo.md(...)` in another).
    """

    aliases: dict[str, str]

    @classmethod
    def of(cls, notebook: Notebook) -> OutputNames:
        aliases: dict[str, str] = {}
        for bound, target in notebook.import_bindings:
            if target.split(".")[0] in _TRACKED_ROOTS:
                aliases.setdefault(bound, target)
        return cls(aliases)

    def qualified(self, node: ast.expr) -> str | None:
        """The dotted name a callee stands for (`mo.md` -> "marimo.md"), for tracked modules only."""
        dotted = dotted_name(node)
        parts = dotted.split(".") if dotted else None
        if parts is None or parts[0] not in self.aliases:
            return None
        return ".".join([self.aliases[parts[0]], *parts[1:]])

    def is_marimo_output(self, node: ast.expr) -> bool:
        """A call that makes a marimo output element: `mo.md(...)`, `mo.ui.slider(...)`, `md(...)`."""
        if not isinstance(node, ast.Call):
            return False
        name = self.qualified(node.func)
        if name is not None:
            parts = name.split(".")
            if parts[0] == "marimo" and len(parts) >= 2:
                return (
                    (len(parts) == 2 and parts[1] in MARIMO_OUTPUT_ELEMENTS)
                    or (parts[1] == "ui" and len(parts) >= 3)
                    or name == "marimo.mpl.interactive"
                )
        return self._is_output_method(node, self.is_marimo_output)

    def is_figure(self, node: ast.expr) -> bool:
        """A call that makes a figure or chart: `plt.gcf()`, `px.bar(...)`, `alt.Chart(df).mark_bar()`."""
        if not isinstance(node, ast.Call):
            return False
        name = self.qualified(node.func)
        if name is not None and (name in FIGURE_CALLS or name.startswith("plotly.express.")):
            return True
        return self._is_output_method(node, self.is_figure)

    @staticmethod
    def _is_output_method(call: ast.Call, is_output: Callable[[ast.expr], bool]) -> bool:
        """`<output>.method(...)` returns an output too: `mo.md(...).center()`, `chart.encode(...)`."""
        func = call.func
        return (
            isinstance(func, ast.Attribute)
            and not func.attr.startswith(_NOT_OUTPUT_METHOD_PREFIXES)
            and is_output(func.value)
        )

    def is_display(self, node: ast.expr) -> bool:
        """An expression written to be displayed: a marimo element, a figure, or a bare name."""
        return isinstance(node, ast.Name) or self.is_marimo_output(node) or self.is_figure(node)

    def is_display_source(self, text: str) -> bool:
        """`is_display` of an expression given as source text (what a codemod sees)."""
        try:
            expression = ast.parse(text.strip(), mode="eval").body
        except SyntaxError:
            return False
        return self.is_display(expression)

    def is_silent(self, statement: ast.stmt) -> bool:
        """A statement that, as a cell's last, displays nothing."""
        if not isinstance(statement, ast.Expr):
            return True
        value = statement.value
        if not isinstance(value, ast.Call):
            return False
        if isinstance(value.func, ast.Name) and value.func.id in _SILENT_CALLS:
            return True
        name = self.qualified(value.func)
        return name is not None and name.startswith("marimo.output.")


# -- branches ------------------------------------------------------------------
def branches(statement: ast.stmt) -> list[list[ast.stmt]]:
    """The blocks of a compound statement after which control leaves it (an empty `else` included)."""
    if isinstance(statement, ast.If):
        return [statement.body, statement.orelse]
    if isinstance(statement, ast.Match):
        return [case.body for case in statement.cases]
    if isinstance(statement, BRANCHING):  # try
        blocks = [statement.body, *(handler.body for handler in statement.handlers)]  # type: ignore[attr-defined]
        return [*blocks, statement.orelse, statement.finalbody]  # type: ignore[attr-defined]
    return []


def ends_in_display(block: Sequence[ast.stmt], names: OutputNames) -> bool:
    """Whether a block's last statement is a display expression (or a compound one ending so)."""
    if not block:
        return False
    last = block[-1]
    if isinstance(last, ast.Expr):
        return names.is_display(last.value)
    return isinstance(last, BRANCHING) and any(ends_in_display(b, names) for b in branches(last))


def hidden_compound(body: Sequence[ast.stmt], names: OutputNames) -> ast.stmt | None:
    """The cell's last if/try/match whose branches end in an output that the cell never shows.

    Statements may follow it if the cell's last one displays nothing and none
    of them is an output of its own (that would be a different mistake).
    """
    for position in range(len(body) - 1, -1, -1):
        statement = body[position]
        if isinstance(statement, BRANCHING):
            return statement if ends_in_display([statement], names) else None
        is_last = position == len(body) - 1
        if (is_last and not names.is_silent(statement)) or _is_display_line(statement, names):
            return None
    return None


def _is_display_line(statement: ast.stmt, names: OutputNames) -> bool:
    return isinstance(statement, ast.Expr) and names.is_display(statement.value)


def fix_blocker(statement: ast.stmt, names: OutputNames) -> str | None:
    """Why the branches of `statement` cannot all assign `_output`, or None."""
    if isinstance(statement, BRANCHING) and not isinstance(statement, (ast.If, ast.Match)):
        if ends_in_display(statement.finalbody, names):  # type: ignore[attr-defined]
            return "the `finally` block ends in an output"
        if statement.orelse and ends_in_display(statement.body, names):  # type: ignore[attr-defined]
            return "the `try` block ends in an output but its `else` block runs after it"
    for block in branches(statement):
        if block and isinstance(block[-1], BRANCHING):
            reason = fix_blocker(block[-1], names)
            if reason:
                return reason
    return None


def _expose_output(notebook: Notebook, cell: Cell, names: OutputNames) -> tuple[Edit, ...]:
    from codemods.expose_branch_output import expose_branch_output  # libcst loads only when a fix is built

    return rewrite_cell(notebook, cell, partial(expose_branch_output, is_display=names.is_display_source))


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
    Safe. Each branch's final output `E` becomes `_output = E`, a branch
    without one gets `_output = None` (an `if` without `else`, or a `match`
    without a catch-all case, gets one that does), and `_output` becomes the
    cell's last expression. `_output` is private to the cell, so no other
    cell changes. No fix when the cell already uses the name `_output`, or
    when a `finally` block (or a `try` block that has an `else`) ends in an
    output. If the output is meant to stay hidden, assign it: `_ = E`.
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
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        names = OutputNames.of(notebook)
        for cell in notebook.code_cells:
            compound = hidden_compound(cell.body, names)
            if compound is None:
                continue
            keyword = _KEYWORDS.get(type(compound), "try")
            message = (
                f"The output at the end of this `{keyword}` statement's branches is never displayed: "
                "marimo shows only the value of a cell's last top-level expression"
            )
            blocker = fix_blocker(compound, names)
            if blocker is None and OUTPUT_NAME in cell.identifiers:
                blocker = f"the cell already uses the name `{OUTPUT_NAME}`"
            fix = None
            if blocker is None:
                fix = Fix(
                    Applicability.SAFE,
                    f"Assign each branch's output to `{OUTPUT_NAME}` and display it",
                    partial(_expose_output, notebook, cell, names),
                )
            else:
                message += f" (no automatic fix: {blocker})"
            start = notebook.index.offset(compound.lineno, compound.col_offset)
            yield self.diagnostic(message, notebook.index.span(start, start + len(keyword)), fix)
