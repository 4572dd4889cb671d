"""NB011 cross-cell-mutation."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.nodes import dotted_name
from nbfix.notebook import Cell, Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.bindings import Binding, BindingKind, CellBindings, root_name
from nbfix.semantic.ui import MarimoImports

# Methods of list/dict/set/deque that change the object and return None: a call whose
# result is used is not one of them (`df2 = df.append(row)` in old pandas).
_MUTATORS_RETURNING_NONE = frozenset(
    {"append", "extend", "update", "sort", "clear", "insert", "remove", "add", "discard", "reverse"}
    | {"appendleft", "extendleft"}
)
# Methods that change the object and return something often used.
_MUTATORS_RETURNING_VALUE = frozenset({"pop", "popitem", "setdefault", "popleft"})
# Of those, the ones no common frame or array type has with another meaning: on an
# object of unknown type they still change it. `update`, `remove`, `sort`, `clear` and
# `add` are not among them: polars' `df.update(...)`/`df.remove(...)`/`df.sort(...)`/
# `df.clear()` and pandas' `df.add(...)` return a new object.
_UNAMBIGUOUS_RETURNING_NONE = frozenset({"append", "extend", "insert", "discard", "appendleft", "extendleft"})
_UNAMBIGUOUS_RETURNING_VALUE = frozenset({"pop", "popitem", "setdefault", "popleft"})
# pandas: `df.update(other)`, `df.insert(...)` and `df.pop(column)` change the frame
# (most other methods return a new one; `inplace=True` is checked apart).
_PANDAS_RETURNING_NONE = frozenset({"update", "insert"})
_PANDAS_RETURNING_VALUE = frozenset({"pop"})
# numpy: `a.sort()`, `a.fill(0)`, `a.resize(...)`, `a.put(...)` change the array.
_NUMPY_RETURNING_NONE = frozenset({"sort", "fill", "resize", "put"})

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
# Packages whose data objects are immutable: their "mutating" methods return new objects.
_IMMUTABLE_PACKAGES = frozenset({"polars", "pyarrow", "ibis", "jax", "narwhals", "duckdb", "datafusion"})
_BUILTIN_CONTAINERS = frozenset({"list", "dict", "set", "bytearray", "sorted"})
_CONTAINER_FACTORIES = frozenset(
    {"collections.defaultdict", "collections.OrderedDict", "collections.Counter", "collections.deque"}
)
# Plain attribute bags, changed in place like an instance of a notebook class.
_NAMESPACES = frozenset({"types.SimpleNamespace", "argparse.Namespace"})
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


class Kind(Enum):
    """What an object is, as far as changing it in place goes."""

    CONTAINER = "list, dict, set or deque"
    PANDAS = "pandas object"
    NUMPY = "numpy array"
    INSTANCE = "instance of a notebook class, or a namespace"
    UNKNOWN = "unknown"


class Operation(Enum):
    ITEM = "item"  # x[k] = v, x[k] += v, del x[k]
    ATTRIBUTE = "attribute"  # x.a = v, del x.a
    METHOD = "method"  # x.append(v)
    INPLACE = "inplace"  # x.method(..., inplace=True)


@dataclass(frozen=True)
class Mutation:
    """One place where a cell may change an object in place."""

    root: ast.Name  # the global name the changed object is reached from
    node: ast.AST  # where to report
    shown: str  # how the message shows it: "`df[...] = ...`"
    operation: Operation
    method: str = ""  # for METHOD: its name
    statement: bool = False  # for METHOD: the call is a statement (its result unused)
    through_attribute: bool = False  # the changed object is an attribute of the root (`x.a[k] = v`)
    on_root: bool = True  # the changed object is the root itself, not a part of it


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


def _passes_attribute(node: ast.AST) -> bool:
    """Is an attribute on the way from the root to `node`'s object (`x.a[k]`: yes, `x[k][j]`: no)?"""
    node = node.value if isinstance(node, (ast.Attribute, ast.Subscript)) else node  # type: ignore[attr-defined]
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            return True
        node = node.value
    return False


def _assignment_mutations(node: ast.AST) -> Iterator[Mutation]:
    """`x[k] = v`, `x.a = v`, `x.a[k] += v`, `del x[k]`."""
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
            shown = f"`del {_skeleton(target)}`"
        elif isinstance(node, ast.AugAssign):
            shown = f"`{_skeleton(target)} {_OPERATORS.get(type(node.op), '')}= ...`"
        else:
            shown = f"`{_skeleton(target)} = ...`"
        operation = Operation.ITEM if isinstance(target, ast.Subscript) else Operation.ATTRIBUTE
        yield Mutation(
            root,
            target,
            shown,
            operation,
            through_attribute=_passes_attribute(target),
            on_root=target.value is root,
        )


def _call_mutations(node: ast.AST, statement_call: bool) -> Iterator[Mutation]:
    """`x.append(v)` (as a statement), `x.pop(k)`, `x.method(..., inplace=True)`."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return
    receiver, method = node.func.value, node.func.attr
    if (statement_call and method in _MUTATORS_RETURNING_NONE) or method in _MUTATORS_RETURNING_VALUE:
        root = root_name(receiver)
        if root is not None:
            arguments = "(...)" if node.args or node.keywords else "()"
            yield Mutation(
                root,
                node,
                f"`{_skeleton(receiver)}.{method}{arguments}`",
                Operation.METHOD,
                method,
                statement_call,
                through_attribute=_passes_attribute(node.func),
                on_root=receiver is root,
            )
        return
    inplace = any(
        k.arg == "inplace" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in node.keywords
    )
    if inplace and isinstance(receiver, ast.Name):
        yield Mutation(
            receiver, node, f"`{receiver.id}.{method}(..., inplace=True)`", Operation.INPLACE, method
        )


def mutations(nodes: list[ast.AST]) -> Iterator[Mutation]:
    """Every change in place among the nodes that run with a cell, with the name it starts from."""
    statement_calls = set()
    for node in nodes:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            statement_calls.add(id(node.value))
        yield from _assignment_mutations(node)
        yield from _call_mutations(node, id(node) in statement_calls)


def changes_in_place(kind: Kind, mutation: Mutation) -> bool:
    """Does `mutation` change an object of this kind in place (and not return a new one)?

    Known kinds change under every assignment and `del`, and under their own
    mutating methods. An object of unknown type is judged by the operation:
    an item assignment or `del` on it or on an item of it changes a container,
    and so does a method only lists, dicts and sets have (`append`, `pop`,
    `setdefault`, ...); but setting an attribute of a library object (a
    solver parameter's `.value`, a model's flag) is its API, and a method
    that a frame type also has (`update`, `remove`, `sort`) may return a new
    frame: neither is reported.
    """
    operation = mutation.operation
    if operation is Operation.INPLACE:
        return kind in (Kind.PANDAS, Kind.UNKNOWN)
    if operation is not Operation.METHOD:
        return kind is not Kind.UNKNOWN or (operation is Operation.ITEM and not mutation.through_attribute)
    method, statement = mutation.method, mutation.statement
    if kind is Kind.PANDAS:
        return (statement and method in _PANDAS_RETURNING_NONE) or method in _PANDAS_RETURNING_VALUE
    if kind is Kind.NUMPY:
        return statement and method in _NUMPY_RETURNING_NONE
    if mutation.on_root and kind is not Kind.UNKNOWN:  # a list, dict, set or notebook object
        return (statement and method in _MUTATORS_RETURNING_NONE) or method in _MUTATORS_RETURNING_VALUE
    if kind is Kind.UNKNOWN and mutation.through_attribute:
        return False  # a method of a library object's attribute
    return (statement and method in _UNAMBIGUOUS_RETURNING_NONE) or method in _UNAMBIGUOUS_RETURNING_VALUE


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


def _combined(kinds: Iterable[Kind | None]) -> Kind | None:
    """One kind for several bindings: None if any is not data, the kind they share, or UNKNOWN."""
    found = set(kinds)
    if not found or None in found:
        return None
    return found.pop() if len(found) == 1 else Kind.UNKNOWN  # type: ignore[return-value]


class _Kinds:
    """What kind of object a name another cell defines holds, from how that cell binds it.

    `pd.read_csv(...)`, `df.dropna()` on a pandas frame: pandas; `np.zeros(...)`:
    numpy; `[...]`, `{...}`, `dict(...)`, `collections.deque()`: a container;
    `Box()` for a notebook class `Box`: an instance; `pl.DataFrame(...)` and
    other immutable frames (polars, pyarrow, ibis, jax): None, like what is
    not data at all: modules and what is imported, functions and classes,
    and the results of calls into marimo (UI elements, state), plotting
    libraries (figures, axes), widget libraries (anywidget and ipywidgets
    instances, instances of a notebook class that subclasses a widget),
    loggers, progress bars and synchronization primitives, and anything
    reached from one of these. Unsure (a `with ... as` target, a name some
    cell binds in a way not seen) is None too: the rule stays silent. Any
    other call (`json.load(...)`, a notebook function) is UNKNOWN.
    """

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        self.code = CellBindings.of(notebook)
        self.imports = MarimoImports.of(notebook)

    @cached_property
    def _classes(self) -> dict[str, bool]:
        """The notebook's classes, by name: True for those that subclass a widget."""
        found: dict[str, bool] = {}
        if not any(cell.nodes.of(ast.ClassDef) for cell in self.notebook.cells):
            return found
        for cell in self.notebook.cells:
            for name, bindings in self.code.bindings(cell).items():
                for binding in bindings:
                    node = binding.node
                    if binding.kind is BindingKind.CLASS and isinstance(node, ast.ClassDef):
                        found[name] = found.get(name, False) or self._subclasses_widget(node)
        return found

    def _subclasses_widget(self, node: ast.ClassDef) -> bool:
        bases = [self.imports.qualify(b) or dotted_name(b) or "" for b in node.bases]
        return any(_is_widget_name(base) or base.startswith("traitlets.") for base in bases)

    def of(self, reader: Cell, name: str) -> Kind | None:
        """The kind of object `name` holds, as the other cells that define it bind it."""
        definers = self.code.other_definers(reader, name)
        return _combined(self._defined_kind(d, name, 0) for d in definers) if definers else None

    def _defined_kind(self, cell: Cell, name: str, depth: int) -> Kind | None:
        bindings = self.code.bindings(cell).get(name, ())
        return _combined(self._binding_kind(cell, b, depth + 1) for b in bindings)

    def _binding_kind(self, cell: Cell, binding: Binding, depth: int) -> Kind | None:
        if binding.kind is BindingKind.LOOP:
            return Kind.UNKNOWN
        if binding.kind is not BindingKind.VALUE or binding.value is None:
            return None
        return self._value_kind(cell, binding.value, depth)

    def _name_kind(self, cell: Cell, name: str, depth: int) -> Kind | None:
        """Seen from `cell`: its own binding of `name` if it has one, else the other definers'."""
        if depth > _MAX_DEPTH:
            return None
        if name in self.code.bindings(cell):
            return self._defined_kind(cell, name, depth)
        definers = self.notebook.definers.get(name, ())
        return _combined(self._defined_kind(d, name, depth) for d in definers)

    def _value_kind(self, cell: Cell, value: ast.expr, depth: int) -> Kind | None:
        if isinstance(value, ast.Await):
            value = value.value
        if isinstance(value, (ast.List, ast.ListComp, ast.Dict, ast.DictComp, ast.Set, ast.SetComp)):
            return Kind.CONTAINER
        if isinstance(value, (ast.Constant, ast.JoinedStr, ast.Tuple, ast.GeneratorExp, ast.Lambda)):
            return None  # nothing to change in place
        if isinstance(value, ast.Call):
            return self._call_kind(cell, value, depth)
        if isinstance(value, ast.Name):
            return self._name_kind(cell, value.id, depth)
        if isinstance(value, (ast.Attribute, ast.Subscript)):
            return self._access_kind(cell, value, depth)
        if isinstance(value, ast.IfExp):
            return _combined(self._value_kind(cell, v, depth) for v in (value.body, value.orelse))
        return Kind.UNKNOWN  # arithmetic, `a or b`, ...

    def _access_kind(self, cell: Cell, value: ast.Attribute | ast.Subscript, depth: int) -> Kind | None:
        """`df["a"]`, `arr[0]`: what it is taken from, for pandas and numpy; `axes[0]` of a figure is
        not data; an item of a list or an attribute of an object may be anything."""
        node: ast.AST = value
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            first = node
            node = node.value
        if isinstance(node, ast.Call):
            source = self._call_kind(cell, node, depth)
        elif isinstance(node, ast.Name):
            if isinstance(first, ast.Attribute) and first.attr == "value":
                return Kind.UNKNOWN  # a UI element's value: data of any kind
            source = self._name_kind(cell, node.id, depth)  # an import (a module's attribute) is None
        else:
            return Kind.UNKNOWN
        return source if source in (None, Kind.PANDAS, Kind.NUMPY) else Kind.UNKNOWN

    def _call_kind(self, cell: Cell, call: ast.Call, depth: int) -> Kind | None:
        """What a call returns, by its callee (and, for a method, by its object's kind)."""
        func = call.func
        qualified = self.imports.qualify(func)
        last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if last in _FIGURE_FACTORIES or last.endswith("Widget") or self._classes.get(last):
            return None
        if qualified is not None:
            package = qualified.split(".")[0]
            if package in _NOT_DATA_PACKAGES or package in _IMMUTABLE_PACKAGES or _is_widget_name(qualified):
                return None
            if package in ("pandas", "numpy"):
                return Kind.PANDAS if package == "pandas" else Kind.NUMPY
            if qualified in _CONTAINER_FACTORIES:
                return Kind.CONTAINER
            return Kind.INSTANCE if qualified in _NAMESPACES else Kind.UNKNOWN
        if isinstance(func, ast.Name):
            if func.id in _BUILTIN_CONTAINERS:
                return Kind.CONTAINER
            return Kind.INSTANCE if func.id in self._classes else Kind.UNKNOWN
        if isinstance(func, ast.Attribute):  # a method: `df.dropna()`, `fig.add_axes()`, `d.copy()`
            receiver = self._value_kind(cell, func.value, depth)
            if receiver in (None, Kind.PANDAS, Kind.NUMPY):
                return receiver
            return Kind.CONTAINER if receiver is Kind.CONTAINER and last == "copy" else Kind.UNKNOWN
        return Kind.UNKNOWN

    @cached_property
    def state_setters(self) -> frozenset[str]:
        """The names bound to a `mo.state` setter (`get_x, set_x = mo.state(0)`)."""
        found: set[str] = set()
        for cell in self.notebook.cells:
            for node in cell.nodes.of(ast.Assign):
                value, target = node.value, node.targets[0]
                if (
                    isinstance(value, ast.Call)
                    and isinstance(target, (ast.Tuple, ast.List))
                    and len(target.elts) == 2
                    and isinstance(target.elts[1], ast.Name)
                    and self.imports.qualify(value.func) == "marimo.state"
                ):
                    found.add(target.elts[1].id)
        return frozenset(found)

    def signals_change(self, cell: Cell) -> bool:
        """Does the cell call a `mo.state` setter? Then marimo reruns the cells that read the state."""
        setters = self.state_setters
        return bool(setters) and any(
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in setters
            for node in self.code.nodes(cell)
        )


_CONSEQUENCE = ": its readers are not rerun"


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
    `x.method(..., inplace=True)`, when the object is of a type that changes
    in place.

    The type comes from how the defining cell binds the object: a list,
    dict or set (`[...]`, `{...}`, `dict(...)`, `collections.deque()`), a
    pandas object (`pd.read_csv(...)`, `df.dropna()`), a numpy array
    (`np.zeros(...)`), or an instance of a class the notebook defines (or a
    `SimpleNamespace`); each with its own mutating methods (pandas:
    `update`, `insert`, `pop`; numpy: `sort`, `fill`, `resize`, `put`).
    Polars, pyarrow, ibis and jax objects never change in place (polars'
    `df.remove(...)`, `df.update(...)` return a new frame): not reported.
    An object of unknown type (`json.load(...)`, a function's result) is
    judged by the operation alone: an item assignment or `del` on it, or a
    method only containers have (`append`, `extend`, `insert`, `pop`,
    `setdefault`, `discard`), is reported; an attribute assignment (a solver
    parameter's `.value`, a model's flag) or a method a frame type also has
    (`update`, `remove`, `sort`, `clear`, `add`) is not.

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
    process configuration, not data), UI elements (assigning `.value` is
    NB021's) and `mo.state`, widgets (anywidget, ipywidgets), figures and
    axes, loggers, progress bars, mutations inside functions (they run when
    called, maybe in the cell that owns the object), and the mutations of a
    cell that also calls a `mo.state` setter: it tells marimo itself that
    something changed, and marimo reruns the cells that read the state.

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

    ## Precision
    2026-12-03: 5 of 5 hits on the ecosystem notebooks are true (there were
    10, 5 of them false: polars, a cvxpy parameter, two changes signalled
    through `mo.state`; see docs/precision/NB011.md).
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
        kinds = _Kinds(notebook)
        for cell in notebook.code_cells:
            if not self._may_mutate(notebook, cell, kinds) or kinds.signals_change(cell):
                continue
            reported: set[str] = set()
            for mutation in mutations(code.nodes(cell)):
                name = mutation.root.id
                if name in reported or not self._reads_global(cell, mutation.root):
                    continue
                kind = kinds.of(cell, name)
                if kind is None or not changes_in_place(kind, mutation):
                    continue
                if not _has_other_readers(notebook, cell, name):
                    continue
                reported.add(name)
                message = f"{mutation.shown} changes `{name}`, which another cell defines"
                if len(message) + len(_CONSEQUENCE) <= 100:
                    message += _CONSEQUENCE
                yield self.diagnostic(message, notebook.index.node_span(mutation.node))

    def _may_mutate(self, notebook: Notebook, cell: Cell, kinds: _Kinds) -> bool:
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
            _has_other_readers(notebook, cell, name) and kinds.of(cell, name) is not None for name in names
        )

    @staticmethod
    def _reads_global(cell: Cell, root: ast.Name) -> bool:
        """Is `root` a read of another cell's variable (not one this cell binds)?"""
        name = root.id
        if name in cell.defs or name not in cell.refs:
            return False
        return any(node is root for node in cell.scope.ref_nodes.get(name, ()))


__all__ = ["CrossCellMutation", "mutations"]
