"""What marimo displays: which expressions are written to be shown.

marimo displays the value of a cell's last top-level expression. NB008 asks
whether an expression stranded at the end of a branch was meant to be seen,
NB009 whether `mo.stop`'s first argument is an output rather than a
condition. Both read the same narrow answer, because a false positive would
tell users to rewrite working code: marimo output elements (`mo.md`,
`mo.callout`, `mo.vstack`, `mo.ui.*`, ...), figures and charts
(`plt.gcf()`, `px.*(...)`, `alt.Chart(...)...`) and bare names. A generic
call such as `compute()` is not one: it is usually run for its effect.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from nbfix.notebook import Notebook
from nbfix.semantic.imports import Imports

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


class OutputNames(Imports):
    """The notebook's imports of the modules that make outputs: `mo` -> "marimo", `px` -> "plotly.express".

    Only the imports of marimo and the plotting libraries count, so a name
    first imported from another module and later from one of these stands
    for the later one here.
    """

    @classmethod
    def compute(cls, notebook: Notebook) -> OutputNames:
        aliases: dict[str, str] = {}
        for bound, target in notebook.import_bindings:
            if target.split(".")[0] in _TRACKED_ROOTS:
                aliases.setdefault(bound, target)
        return cls(aliases)

    def is_marimo_output(self, node: ast.expr) -> bool:
        """A call that makes a marimo output element: `mo.md(...)`, `mo.ui.slider(...)`, `md(...)`."""
        if not isinstance(node, ast.Call):
            return False
        name = self.qualify(node.func)
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
        name = self.qualify(node.func)
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
        name = self.qualify(value.func)
        return name is not None and name.startswith("marimo.output.")
