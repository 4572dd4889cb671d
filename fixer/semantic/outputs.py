"""What marimo displays: which expressions are written to be shown, and which are thrown away.

marimo displays the value of a cell's last top-level expression statement,
and nothing else (`mo.output.append` aside). Three rules ask about it:
NB008 whether the output at the end of the branches of a cell's last
if/try/match is lost, NB017 whether an output written anywhere else in a
cell is thrown away, NB009 whether `mo.stop`'s first argument is an output
rather than a condition. They read one narrow answer, because a false
positive would tell users to rewrite working code:

- an *output* is a marimo element (`mo.md`, `mo.callout`, `mo.vstack`,
  `mo.ui.*`, ...) or a figure or chart (`plt.gcf()`, `px.bar(...)`,
  `alt.Chart(...)...`, `go.Figure(...)`); a generic call such as `compute()`
  is not one (it is usually run for its effect), nor is a call that draws on
  matplotlib's current figure (`plt.plot(...)`), nor one that does something
  with an output (`fig.show()`, `chart.save(...)`, `mo.output.append(...)`);
- a *display expression* (NB008, at the end of a branch) is an output or a
  bare name: a name alone on its line has no other use;
- a name *holds an output* (NB017) when every assignment to it in its cell
  binds one (`chart = alt.Chart(df)`, `fig, ax = plt.subplots()`); alone
  on its line in another cell, the name is a dependency, not an output.

A `try` whose body is one expression and whose handlers report the error
without an output of their own (`try: int(x)` / `except ValueError:
print(...)`) runs that expression to see whether it raises: it is not a
hidden output.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from nbfix.notebook import Cell, Notebook
from nbfix.semantic import Fact
from nbfix.semantic.bindings import Binding, BindingKind, CellBindings
from nbfix.semantic.execution import end_position, position
from nbfix.semantic.imports import Imports
from nbfix.semantic.statements import child_blocks

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
# Calls that make a chart whose methods return the chart again (`alt.Chart(df).mark_bar()`).
CHART_CALLS = frozenset(
    {
        "plotly.graph_objects.Figure",
        "plotly.graph_objects.FigureWidget",
        "plotly.subplots.make_subplots",
        "altair.Chart",
        "altair.layer",
        "altair.hconcat",
        "altair.vconcat",
        "altair.concat",
    }
)
# matplotlib's current figure and axes: outputs, but their methods draw or set
# something and return anything but a figure (`plt.gca().invert_yaxis()`).
MATPLOTLIB_FIGURES = frozenset({"matplotlib.pyplot.gcf", "matplotlib.pyplot.gca"})
# What a name holds a figure from, though the call alone on its line is not an output
# (`plt.figure()` makes the current figure that `plt.plot` then draws on).
_FIGURE_MAKERS = frozenset({"matplotlib.pyplot.figure"})
_SUBPLOTS = "matplotlib.pyplot.subplots"  # `fig, ax = plt.subplots()`: the first name is the figure
# `plotly.express.<name>` that make no figure.
_PLOTLY_EXPRESS_OTHERS = frozenset({"set_mapbox_access_token", "get_trendline_results"})
# Modules whose import aliases matter here.
_TRACKED_ROOTS = frozenset({"marimo", "matplotlib", "plotly", "altair"})
# Methods that do something with an output instead of returning one.
_NOT_OUTPUT_METHOD_PREFIXES = ("_", "show", "save", "write", "to_", "display", "serve")
# Calls that return None, so as a cell's last statement they display nothing.
_SILENT_CALLS = frozenset({"print"})
# Context managers whose body is written to fail (`with pytest.raises(ValueError):`).
_EXPECTING_ERRORS = frozenset(
    {"raises", "warns", "deprecated_call", "assertRaises", "assertRaisesRegex", "assertWarns"}
    | {"assertWarnsRegex"}
)
# Calls that throw away what `mo.output.append` showed before them.
_OUTPUT_REPLACERS = frozenset({"marimo.output.replace", "marimo.output.clear"})

TRY = (ast.Try, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))
BRANCHING = (ast.If, ast.Match, *TRY)
_BLOCK_KEYWORDS: dict[type, str] = {
    ast.If: "if",
    ast.Match: "match",
    ast.For: "for",
    ast.AsyncFor: "for",
    ast.While: "while",
    ast.With: "with",
    ast.AsyncWith: "with",
    **{kind: "try" for kind in TRY},
}


def _is_plotly_express_figure(name: str) -> bool:
    """`plotly.express.bar`, not `plotly.express.data.iris` nor `plotly.express.set_mapbox_access_token`."""
    module, _, function = name.rpartition(".")
    return module == "plotly.express" and function[:1].islower() and function not in _PLOTLY_EXPRESS_OTHERS


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

    @property
    def marimo(self) -> str | None:
        """The name marimo itself is imported as in the cells (`mo`), if any."""
        found = self.aliases("marimo")
        return found[0] if found else None

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
        return self.qualify(node.func) in MATPLOTLIB_FIGURES or self._is_chart(node)

    def _is_chart(self, node: ast.expr) -> bool:
        if not isinstance(node, ast.Call):
            return False
        name = self.qualify(node.func)
        if name is not None and (name in CHART_CALLS or _is_plotly_express_figure(name)):
            return True
        return self._is_output_method(node, self._is_chart)

    @staticmethod
    def _is_output_method(call: ast.Call, is_output: Callable[[ast.expr], bool]) -> bool:
        """`<output>.method(...)` returns an output too: `mo.md(...).center()`, `chart.encode(...)`."""
        func = call.func
        return (
            isinstance(func, ast.Attribute)
            and not func.attr.startswith(_NOT_OUTPUT_METHOD_PREFIXES)
            and is_output(func.value)
        )

    def is_output(self, node: ast.expr) -> bool:
        """A marimo element, a figure or a chart."""
        return self.is_marimo_output(node) or self.is_figure(node)

    def is_display(self, node: ast.expr) -> bool:
        """An expression written to be displayed: a marimo element, a figure, or a bare name."""
        return isinstance(node, ast.Name) or self.is_output(node)

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

    def makes_figure(self, binding: Binding, name: str) -> bool:
        """Whether an assignment binds `name` to a figure (`plt.figure()`, the `fig` of `plt.subplots()`)."""
        value = binding.value
        if not isinstance(value, ast.Call):
            return False
        called = self.qualify(value.func)
        if called in _FIGURE_MAKERS:
            return True
        node = binding.node
        if called != _SUBPLOTS or not isinstance(node, ast.Assign) or len(node.targets) != 1:
            return False
        target = node.targets[0]
        return (
            isinstance(target, (ast.Tuple, ast.List))
            and bool(target.elts)
            and isinstance(target.elts[0], ast.Name)
            and target.elts[0].id == name
        )


# -- branches and the output at their end ------------------------------------------
def branches(statement: ast.stmt, names: OutputNames) -> list[list[ast.stmt]]:
    """The blocks of an if/try/match after which control leaves it (an empty `else` included).

    A `try` body that is there to raise (`raises_on_purpose`) is left out: its
    expression is not written to be seen.
    """
    if isinstance(statement, ast.If):
        return [statement.body, statement.orelse]
    if isinstance(statement, ast.Match):
        return [case.body for case in statement.cases]
    if isinstance(statement, TRY):
        body = [] if raises_on_purpose(statement, names) else [statement.body]  # type: ignore[attr-defined]
        handlers = [handler.body for handler in statement.handlers]  # type: ignore[attr-defined]
        return [*body, *handlers, statement.orelse, statement.finalbody]  # type: ignore[attr-defined]
    return []


def raises_on_purpose(statement: ast.stmt, names: OutputNames) -> bool:
    """A `try` whose body is one expression and whose handlers report its error without an output.

    `try: alt.Chart(cars).encode(z="x")` / `except TypeError as e: print(e)`
    runs the expression to show that it raises: its value is not meant to be
    seen, whatever it is. Handlers that only `pass` report nothing: that
    `try` silences a failure of an output that is meant to be seen.
    """
    if not isinstance(statement, TRY):
        return False
    body = statement.body  # type: ignore[attr-defined]
    handlers = statement.handlers  # type: ignore[attr-defined]
    return (
        len(body) == 1
        and isinstance(body[0], ast.Expr)
        and any(not all(_is_placeholder(s) for s in handler.body) for handler in handlers)
        and not any(ends_in_display(handler.body, names) for handler in handlers)
    )


def _is_placeholder(statement: ast.stmt) -> bool:
    """`pass`, `...` or a lone string: a statement that does nothing."""
    return isinstance(statement, ast.Pass) or (
        isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
    )


def trailing_outputs(block: Sequence[ast.stmt], names: OutputNames) -> list[ast.Expr]:
    """The display expressions in a row at the end of a block (`mo.md(...)` then `mo.ui.table(df)`)."""
    found: list[ast.Expr] = []
    for statement in reversed(block):
        if not (isinstance(statement, ast.Expr) and names.is_display(statement.value)):
            break
        found.append(statement)
    return found[::-1]


def ends_in_display(block: Sequence[ast.stmt], names: OutputNames) -> bool:
    """Whether a block's last statement is a display expression (or a compound one ending so)."""
    if not block:
        return False
    last = block[-1]
    if isinstance(last, ast.Expr):
        return names.is_display(last.value)
    return isinstance(last, BRANCHING) and any(ends_in_display(b, names) for b in branches(last, names))


def exposed_runs(statement: ast.stmt, names: OutputNames) -> Iterator[list[ast.Expr]]:
    """The rows of display expressions at the end of the branches of `statement` (nested ones included)."""
    for block in branches(statement, names):
        run = trailing_outputs(block, names)
        if run:
            yield run
        elif block and isinstance(block[-1], BRANCHING):
            yield from exposed_runs(block[-1], names)


def hidden_compound(body: Sequence[ast.stmt], names: OutputNames) -> ast.stmt | None:
    """The cell's last if/try/match whose branches end in an output that the cell never shows.

    Statements may follow it if the cell's last one displays nothing and none
    of them is an output of its own (that would be a different mistake).
    """
    for index in range(len(body) - 1, -1, -1):
        statement = body[index]
        if isinstance(statement, BRANCHING):
            return statement if ends_in_display([statement], names) else None
        is_last = index == len(body) - 1
        if (is_last and not names.is_silent(statement)) or _is_display_line(statement, names):
            return None
    return None


def _is_display_line(statement: ast.stmt, names: OutputNames) -> bool:
    return isinstance(statement, ast.Expr) and names.is_display(statement.value)


# -- outputs a cell throws away ------------------------------------------------------
@dataclass(frozen=True)
class Discarded:
    """An output expression statement that marimo evaluates and throws away."""

    statement: ast.Expr
    block: str | None  # the keyword of the innermost block around it ("if", "for", ...); None: top level
    replaced: bool  # the cell displays something after it, which would replace an appended output


@dataclass(frozen=True)
class ReturnedOutput:
    """A cell's final `return` of an output, or of names holding outputs that nothing reads."""

    statement: ast.Return
    names: tuple[str, ...]  # the returned names that hold outputs; () when an output expression is returned


class Outputs(Fact):
    """Per cell: the hidden output at the end of its branches, and the outputs it throws away."""

    def __init__(self, names: OutputNames, code: CellBindings, readers: dict[str, frozenset[int]]) -> None:
        self.names = names
        self.code = code
        self._readers = readers  # each global name -> the indexes of the cells that read it
        self._hidden: dict[int, ast.stmt | None] = {}

    @classmethod
    def compute(cls, notebook: Notebook) -> Outputs:
        readers: dict[str, set[int]] = {}
        for cell in notebook.cells:
            for name in cell.refs:
                readers.setdefault(name, set()).add(cell.index)
        frozen = {name: frozenset(cells) for name, cells in readers.items()}
        return cls(OutputNames.of(notebook), CellBindings.of(notebook), frozen)

    # -- NB008 ---------------------------------------------------------------------
    def hidden_branch(self, cell: Cell) -> ast.stmt | None:
        """The cell's last if/try/match whose branches end in an output the cell never shows."""
        if cell.index not in self._hidden:
            self._hidden[cell.index] = hidden_compound(cell.body, self.names)
        return self._hidden[cell.index]

    def exposed(self, cell: Cell) -> list[list[ast.Expr]]:
        """The rows of outputs at the end of the hidden branches (what NB008 reports and shows)."""
        compound = self.hidden_branch(cell)
        return [] if compound is None else list(exposed_runs(compound, self.names))

    # -- NB017 ---------------------------------------------------------------------
    def _all_bind_output(self, bindings: Sequence[Binding] | None, name: str) -> bool:
        return bool(bindings) and all(
            b.kind is BindingKind.VALUE
            and b.value is not None
            and (self.names.is_output(b.value) or self.names.makes_figure(b, name))
            for b in bindings  # type: ignore[union-attr]
        )

    def _read_by_another_cell(self, cell: Cell, name: str) -> bool:
        return bool(self._readers.get(name, frozenset()) - {cell.index})

    def _is_lost(self, cell: Cell, statement: ast.Expr) -> bool:
        """Whether the output this statement makes is shown nowhere else.

        A name alone on its line that another cell defines marks a dependency
        (`button` makes the cell rerun on a click), not an output; one the cell
        binds itself is lost unless some code reads it again. An expression
        that the cell writes again later (`mo.ui.table(df)`, then
        `mo.vstack([..., mo.ui.table(df)])`) loses nothing, nor does
        matplotlib's current figure, which the cell may show in any form later.
        """
        value = statement.value
        if isinstance(value, ast.Name):
            name = value.id
            if not self._all_bind_output(self.code.bindings(cell).get(name), name):
                return False
            if self._read_by_another_cell(cell, name):
                return False
        elif not self.names.is_output(value) or self.names.qualify(value.func) in MATPLOTLIB_FIGURES:  # type: ignore[attr-defined]
            return False
        shape = ast.dump(value)
        after = end_position(statement)
        return not any(
            position(node) >= after and ast.dump(node) == shape for node in cell.nodes.of(type(value))
        )

    def discarded(self, cell: Cell) -> list[Discarded]:
        """Each output expression statement of the cell that marimo throws away, in source order.

        A cell whose last line is `None` says it displays nothing on purpose: it
        has none.
        """
        if not cell.body or _is_none(cell.body[-1]):
            return []
        shown = {id(s) for run in self.exposed(cell) for s in run}
        shown.add(id(cell.body[-1]))
        found = [
            (statement, block)
            for statement, block in _expression_statements(cell.body, None, self.names)
            if id(statement) not in shown and self._is_lost(cell, statement)
        ]
        if not found:
            return []
        displays_later = self.hidden_branch(cell) is not None or not self.names.is_silent(cell.body[-1])
        replacers = [
            position(node)
            for node in cell.nodes.of(ast.Call)
            if self.names.qualify(node.func) in _OUTPUT_REPLACERS
        ]
        return [
            Discarded(
                statement, block, displays_later or any(at > end_position(statement) for at in replacers)
            )
            for statement, block in found
        ]

    def returned_output(self, cell: Cell) -> ReturnedOutput | None:
        """The cell's final `return` of an output that nothing displays or reads, if it has one.

        Only in a cell that displays nothing of its own: an expression at its
        end may show the returned output in another form (`plt.gca()` shows
        the returned `fig`).
        """
        statement = cell.final_return
        if statement is None or statement.value is None:
            return None
        if cell.body and not self.names.is_silent(cell.body[-1]):
            return None
        value = statement.value
        if self.names.is_output(value):
            return ReturnedOutput(statement, ())
        items = value.elts if isinstance(value, ast.Tuple) else [value]
        if not all(isinstance(item, ast.Name) for item in items):
            return None
        read_here = {n.id for n in cell.nodes.of(ast.Name) if isinstance(n.ctx, ast.Load)}
        unread = tuple(
            item.id  # type: ignore[attr-defined]
            for item in items
            if item.id not in read_here  # type: ignore[attr-defined]
            and not self._read_by_another_cell(cell, item.id)  # type: ignore[attr-defined]
            and self._all_bind_output(self.code.bindings(cell).get(item.id), item.id)  # type: ignore[attr-defined]
        )
        return ReturnedOutput(statement, unread) if unread else None


def _is_none(statement: ast.stmt) -> bool:
    value = statement.value if isinstance(statement, ast.Expr) else None
    return isinstance(value, ast.Constant) and value.value is None


def _expects_an_error(statement: ast.stmt) -> bool:
    """`with pytest.raises(...)`, `with self.assertWarns(...)`: a body that fails on purpose."""
    if not isinstance(statement, (ast.With, ast.AsyncWith)):
        return False
    for item in statement.items:
        call = item.context_expr
        if isinstance(call, ast.Call):
            callee = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            if callee in _EXPECTING_ERRORS:
                return True
    return False


def _expression_statements(
    block: Sequence[ast.stmt], keyword: str | None, names: OutputNames
) -> Iterator[tuple[ast.Expr, str | None]]:
    """Each expression statement of a cell body (not of the functions and classes it defines),
    with the keyword of the innermost block around it; a `try` body there to raise is left out."""
    for statement in block:
        if isinstance(statement, ast.Expr):
            yield statement, keyword
            continue
        if _expects_an_error(statement):
            continue
        inner = _BLOCK_KEYWORDS.get(type(statement), keyword)
        skipped = statement.body[0] if raises_on_purpose(statement, names) else None  # type: ignore[attr-defined]
        for child in child_blocks(statement):
            for found in _expression_statements(child, inner, names):
                if found[0] is not skipped:
                    yield found
