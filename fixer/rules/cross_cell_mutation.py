"""NB011 cross-cell-mutation."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.nodes import dotted_name
from nbfix.notebook import Cell, Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.bindings import Binding, BindingKind, CellBindings, root_name
from nbfix.semantic.ui import MarimoImports

# Methods of list/dict/set that change the object and return None: a call whose
# result is used is not one of them (`df2 = df.append(row)` in old pandas).
_MUTATORS_RETURNING_NONE = frozenset(
    {"append", "extend", "update", "sort", "clear", "insert", "remove", "add", "discard"}
)
# Methods that change the object and return something often used.
_MUTATORS_RETURNING_VALUE = frozenset({"pop", "popitem", "setdefault"})

# Packages whose objects are meant to be changed in place, or are not data:
# marimo's own objects (UI elements, state, status), figures and axes,
# widgets, loggers, progress bars, synchronization primitives.
_NOT_DATA_PACKAGES = frozenset(
    {
        "marimo",
        "matplotlib",
        "seaborn",
        "plotly",
        "altair",
        "bokeh",
        "holoviews",
        "hvplot",
        "panel",
        "pygwalker",
        "logging",
        "tqdm",
        "traitlets",
        "threading",
        "multiprocessing",
        "asyncio",
        "queue",
        "concurrent",
        # widget libraries whose package name does not say so
        "ipyleaflet",
        "leafmap",
        "bqplot",
        "pythreejs",
        "ipycanvas",
        "ipyvolume",
        "ipympl",
        "lonboard",
        "pydeck",
        "folium",
        "quak",
        "drawdata",
        "wigglystuff",
        "jscatter",
        "ipydatagrid",
    }
)
# Methods that return a figure's axes or figures (`fig.add_subplot(...)`, `ax.twinx()`).
_FIGURE_FACTORIES = frozenset(
    {
        "subplots",
        "subplot",
        "subplot_mosaic",
        "subfigures",
        "figure",
        "gca",
        "gcf",
        "axes",
        "add_axes",
        "add_subplot",
        "inset_axes",
        "twinx",
        "twiny",
        "getLogger",
    }
)
_MAX_DEPTH = 6
_OPERATORS = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.MatMult: "@",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.BitAnd: "&",
}


def _is_widget_name(qualified: str) -> bool:
    return "widget" in qualified.lower()


@dataclass(frozen=True)
class Mutation:
    """One place where a cell changes an object in place."""

    name: str  # the global name the changed object is reached from
    node: ast.AST  # where to report
    shown: str  # how the message shows it: "`df[...] = ...`"


def _skeleton(node: ast.AST) -> str:
    """`df.loc[df.a > 0, "b"]` -> "df.loc[...]": the access path without its details."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_skeleton(node.value)}.{node.attr}"
    if isinstance(node, ast.Subscript):
        return f"{_skeleton(node.value)}[...]"
    return "..."


def _targets(target: ast.expr) -> Iterator[ast.expr]:
    if isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _targets(element.value if isinstance(element, ast.Starred) else element)
    else:
        yield target


def _assignment_mutations(node: ast.AST) -> Iterator[tuple[ast.Name, ast.AST, str]]:
    """`x[k] = v`, `x.a = v`, `x.a[k] += v`, `del x[k]`: (root name, target, how it is shown)."""
    if isinstance(node, ast.Assign):
        targets = [t for target in node.targets for t in _targets(target)]
    elif isinstance(node, ast.AugAssign) or (isinstance(node, ast.AnnAssign) and node.value is not None):
        targets = [node.target]
    elif isinstance(node, ast.Delete):
        targets = [t for target in node.targets for t in _targets(target)]
    else:
        return
    for target in targets:
        if not isinstance(target, (ast.Attribute, ast.Subscript)):
            continue
        root = root_name(target)
        if root is None:
            continue
        if isinstance(node, ast.Delete):
            yield root, target, f"`del {_skeleton(target)}`"
        elif isinstance(node, ast.AugAssign):
            yield root, target, f"`{_skeleton(target)} {_OPERATORS.get(type(node.op), '')}= ...`"
        else:
            yield root, target, f"`{_skeleton(target)} = ...`"


def _call_mutations(node: ast.AST, statement_call: bool) -> Iterator[tuple[ast.Name, ast.AST, str]]:
    """`x.append(v)` (as a statement), `x.pop(k)`, `x.method(..., inplace=True)`."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return
    receiver, method = node.func.value, node.func.attr
    if (statement_call and method in _MUTATORS_RETURNING_NONE) or method in _MUTATORS_RETURNING_VALUE:
        root = root_name(receiver)
        if root is not None:
            arguments = "(...)" if node.args or node.keywords else "()"
            yield root, node, f"`{_skeleton(receiver)}.{method}{arguments}`"
        return
    inplace = any(
        k.arg == "inplace" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in node.keywords
    )
    if inplace and isinstance(receiver, ast.Name):
        yield receiver, node, f"`{receiver.id}.{method}(..., inplace=True)`"


def mutations(nodes: list[ast.AST]) -> Iterator[tuple[ast.Name, ast.AST, str]]:
    """Every in-place change among the nodes that run with a cell, by the name it starts from."""
    statement_calls = set()
    for node in nodes:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            statement_calls.add(id(node.value))
        yield from _assignment_mutations(node)
        yield from _call_mutations(node, id(node) in statement_calls)


_MUTATORS = _MUTATORS_RETURNING_NONE | _MUTATORS_RETURNING_VALUE


def _target_roots(target: ast.expr, roots: list[ast.Name]) -> None:
    """Add the root names of the parts of an assignment target that are changed in place."""
    kind = type(target)
    if kind is ast.Attribute or kind is ast.Subscript:
        root = root_name(target)
        if root is not None:
            roots.append(root)
    elif kind is ast.Tuple or kind is ast.List:
        for element in target.elts:  # type: ignore[attr-defined]
            _target_roots(element.value if type(element) is ast.Starred else element, roots)


def _possible_mutation_roots(cell: Cell) -> list[ast.Name]:
    """The root name of every change `mutations` might find in the cell, and more.

    Read from the cell's shared node index, so without the walk of the code
    that runs: it also looks into function bodies and counts every call of a
    mutating method as a statement. A cell with none of these roots needs no
    closer look.
    """
    nodes = cell.nodes
    roots: list[ast.Name] = []
    for kind in (ast.Assign, ast.Delete):
        for node in nodes.of(kind):
            for target in node.targets:
                if type(target) is not ast.Name:
                    _target_roots(target, roots)
    for node in nodes.of(ast.AugAssign):
        _target_roots(node.target, roots)
    for node in nodes.of(ast.AnnAssign):
        if node.value is not None:
            _target_roots(node.target, roots)
    for call in nodes.of(ast.Call):
        func = call.func
        if type(func) is not ast.Attribute:
            continue
        if func.attr in _MUTATORS:
            root = root_name(func.value)
            if root is not None:
                roots.append(root)
        elif call.keywords and type(func.value) is ast.Name:
            roots.append(func.value)  # maybe `x.method(..., inplace=True)`
    return roots


class _DataObjects:
    """Decides whether a name another cell defines holds data, or an object meant to be changed.

    Not data: modules and what is imported, functions and classes, and the
    results of calls into marimo (UI elements, state), plotting libraries
    (figures, axes), widget libraries (anywidget and ipywidgets instances,
    instances of a notebook class that subclasses a widget), loggers,
    progress bars and synchronization primitives; also anything reached from
    one of these. Unsure (a `with ... as` target, a name some cell binds in a
    way not seen) counts as not data: the rule stays silent.
    """

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        self.code = CellBindings.of(notebook)
        self.imports = MarimoImports.of(notebook)

    @cached_property
    def widget_classes(self) -> set[str]:
        """The notebook's classes that subclass a widget (`class Counter(anywidget.AnyWidget)`)."""
        found: set[str] = set()
        if not any(
            self._subclasses_widget(c) for cell in self.notebook.cells for c in cell.nodes.of(ast.ClassDef)
        ):
            return found  # no class anywhere has a widget base: no need to see which ones run
        for cell in self.notebook.cells:
            for name, bindings in self.code.bindings(cell).items():
                for binding in bindings:
                    node = binding.node
                    if (
                        binding.kind is BindingKind.CLASS
                        and isinstance(node, ast.ClassDef)
                        and self._subclasses_widget(node)
                    ):
                        found.add(name)
        return found

    def _subclasses_widget(self, node: ast.ClassDef) -> bool:
        bases = [self.imports.qualify(b) or dotted_name(b) or "" for b in node.bases]
        return any(_is_widget_name(base) or base.startswith("traitlets.") for base in bases)

    def holds_data(self, reader: Cell, name: str) -> bool:
        """Does every other cell that defines `name` bind it to data?"""
        definers = self.code.other_definers(reader, name)
        return bool(definers) and all(self._defined_as_data(d, name, 0) for d in definers)

    def _defined_as_data(self, cell: Cell, name: str, depth: int) -> bool:
        bindings = self.code.bindings(cell).get(name, ())
        return bool(bindings) and all(self._binding_is_data(cell, b, depth + 1) for b in bindings)

    def _binding_is_data(self, cell: Cell, binding: Binding, depth: int) -> bool:
        if binding.kind is BindingKind.LOOP:
            return True
        if binding.kind is not BindingKind.VALUE or binding.value is None:
            return False
        return self._value_is_data(cell, binding.value, depth)

    def _name_is_data(self, cell: Cell, name: str, depth: int) -> bool:
        """Seen from `cell`: its own binding of `name` if it has one, else the other definers'."""
        if depth > _MAX_DEPTH:
            return False
        if name in self.code.bindings(cell):
            return self._defined_as_data(cell, name, depth)
        definers = self.notebook.definers.get(name, ())
        return bool(definers) and all(self._defined_as_data(d, name, depth) for d in definers)

    def _value_is_data(self, cell: Cell, value: ast.expr, depth: int) -> bool:
        if isinstance(value, ast.Await):
            value = value.value
        if isinstance(value, ast.Call):
            return self._call_result_is_data(cell, value, depth)
        if isinstance(value, ast.Name):
            return self._name_is_data(cell, value.id, depth)
        if isinstance(value, (ast.Attribute, ast.Subscript)):
            return self._access_is_data(cell, value, depth)
        return True  # literals, comprehensions, arithmetic: new data

    def _access_is_data(self, cell: Cell, value: ast.Attribute | ast.Subscript, depth: int) -> bool:
        """`axes[0]`, `cfg.section`: data when what it is taken from is; `element.value` is."""
        chain: list[ast.AST] = []
        node: ast.AST = value
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            chain.append(node)
            node = node.value
        if isinstance(node, ast.Call):
            return self._call_result_is_data(cell, node, depth)
        if not isinstance(node, ast.Name):
            return True
        first = chain[-1]
        if isinstance(first, ast.Attribute) and first.attr == "value":
            return True  # a UI element's value is data
        return self._name_is_data(cell, node.id, depth)  # an import (a module's attribute) is not

    def _call_result_is_data(self, cell: Cell, call: ast.Call, depth: int) -> bool:
        """A call's result is data unless the callee makes one of the objects that are not."""
        node: ast.AST = call
        while isinstance(node, ast.Call):
            func = node.func
            qualified = self.imports.qualify(func)
            last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if qualified is not None and (
                qualified.split(".")[0] in _NOT_DATA_PACKAGES or _is_widget_name(qualified)
            ):
                return False
            if last in _FIGURE_FACTORIES or last.endswith("Widget") or last in self.widget_classes:
                return False
            if not isinstance(func, ast.Attribute):
                return True
            node = func.value
            while isinstance(node, (ast.Attribute, ast.Subscript)):
                node = node.value
        if isinstance(node, ast.Name) and self.imports.qualify(node) is None:
            return self._name_is_data(cell, node.id, depth)  # `fig.add_axes(...)`: what is `fig`?
        return True


def _has_other_readers(notebook: Notebook, mutator: Cell, name: str) -> bool:
    """Does a cell other than the mutating one and the defining ones read `name`?

    Without such a cell no one sees stale data: a dict that one cell creates
    and another fills as a cache of its own is not reported.
    """
    definers = notebook.definers.get(name, ())
    return any(  # `is`, not `in`: a Cell's `==` compares every field
        name in cell.refs and cell is not mutator and all(cell is not d for d in definers)
        for cell in notebook.cells
    )


@register
class CrossCellMutation(Rule):
    """
    ## What it does
    Finds a cell that changes in place an object another cell defined:
    `x[k] = v`, `x.attr = v`, `del x[k]`, `x.append(...)` and the other
    mutating methods of lists, dicts and sets (`extend`, `update`, `pop`,
    `sort`, `clear`, `setdefault`, `insert`, `remove`, `add`, `discard`), or
    `x.method(..., inplace=True)`.

    ## Why is this bad?
    marimo reruns a cell when a variable it reads is *redefined*, not when an
    object is changed in place: the cells that read `x` keep showing what
    they computed before the mutation, and the result depends on the order
    in which cells happened to run. Change the object in the cell that
    defines it, or build a new object (`df2 = df.assign(total=...)`).

    Not reported: objects no third cell reads (a cache that one cell creates
    and another fills and uses: no one sees stale data), objects the cell
    binds itself, modules and their
    attributes (`torch.backends.cudnn.benchmark = True`, `os.environ[...]`:
    process configuration, not data), UI elements and `mo.state`, widgets
    (anywidget, ipywidgets), figures and axes, loggers, progress bars, and
    mutations inside functions (they run when called, maybe in the cell
    that owns the object).

    ## Example
    ```python
    df = pd.read_csv("sales.csv")
    ```
    and in another cell:
    ```python
    df["total"] = df.price * df.quantity
    ```
    Use instead:
    ```python
    sales = df.assign(total=df.price * df.quantity)
    ```

    ## Fix safety
    No fix: where the change belongs is the author's decision.
    """

    code = "NB011"
    name = "cross-cell-mutation"
    severity = Severity.WARNING
    fix_availability = NO_FIX
    valid = (
        Example("items = [1, 2]\n# ---\nmore = [*items, 3]"),
        Example(
            "import matplotlib\nimport os\n# ---\n"
            "os.environ['MPLBACKEND'] = 'Agg'\nmatplotlib.rcParams['figure.dpi'] = 80\n"
            "# ---\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots()\n"
            "# ---\nax.title.set_text('x')\nfig.dpi = 90\n# ---\nprint(fig, ax)"
        ),
        Example("import marimo as mo\n# ---\nget_n, set_n = mo.state(0)\n# ---\nset_n(1)"),
        Example("log = []\n# ---\ndef record(x):\n    log.append(x)\n# ---\nprint(log)"),
    )
    invalid = (
        Example("items = [1, 2]\n# ---\nitems.append(3)\n# ---\ntotal = sum(items)"),
        Example("config = {'lr': 0.1}\n# ---\nconfig['lr'] = 0.01\n# ---\nprint(config)"),
        Example("class Box:\n    pass\nbox = Box()\n# ---\nbox.size = 3\n# ---\nprint(box.size)"),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        code = CellBindings.of(notebook)
        objects = _DataObjects(notebook)
        for cell in notebook.code_cells:
            if not self._may_mutate(notebook, cell, objects):
                continue
            reported: set[str] = set()
            for root, node, shown in mutations(code.nodes(cell)):
                name = root.id
                if name in reported or not self._reads_global(cell, root):
                    continue
                if not objects.holds_data(cell, name) or not _has_other_readers(notebook, cell, name):
                    continue
                reported.add(name)
                yield self.diagnostic(
                    f"{shown} changes `{name}`, which another cell defines: marimo does not track "
                    f"mutations, so the cells that read `{name}` are not rerun and may show stale data; "
                    "change it in its defining cell, or build a new object here",
                    notebook.index.node_span(node),
                )

    def _may_mutate(self, notebook: Notebook, cell: Cell, objects: _DataObjects) -> bool:
        """Might the cell report? Cheap: no walk of the code that runs in the cell.

        Checks the conditions of `check` on a superset of the cell's
        mutations; most cells fail them, and only the rest pay for the exact
        (ordered, function bodies left out) search.
        """
        roots = _possible_mutation_roots(cell)
        if not roots:
            return False
        names = {root.id for root in roots if self._reads_global(cell, root)}
        return any(
            _has_other_readers(notebook, cell, name) and objects.holds_data(cell, name) for name in names
        )

    @staticmethod
    def _reads_global(cell: Cell, root: ast.Name) -> bool:
        """Is `root` a read of another cell's variable (not one this cell binds)?"""
        name = root.id
        if name in cell.defs or name not in cell.refs:
            return False
        return any(node is root for node in cell.scope.ref_nodes.get(name, ()))


__all__ = ["CrossCellMutation", "mutations"]
