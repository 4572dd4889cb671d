"""NB013 loop-closure."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.messages import code_list
from nbfix.nodes import walk
from nbfix.notebook import Cell, Notebook
from nbfix.rewrite import cell_fix, lazy_codemod, node_position
from nbfix.rules import Example, Rule, always, register
from nbfix.semantic.bindings import parameters, stored_names
from nbfix.semantic.execution import executed_nodes
from nbfix.source import Span

Function = ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef
_FUNCTIONS = (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)
_LOOPS = (ast.For, ast.AsyncFor)
# Comprehensions whose result holds every element at once. A generator expression
# hands out one element at a time, so a closure it yields is usually called before
# the next one exists: not reported.
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp)
_CONTAINERS = (ast.List, ast.Tuple, ast.Set, ast.Starred)

# Methods that keep their argument: containers, queues.
STORING_METHODS = frozenset(
    {"append", "appendleft", "add", "insert", "extend", "extendleft", "setdefault", "update", "put", "push"}
    | {"put_nowait"}
)
# Calls that keep a function to call it later (registries, signals, executors, threads).
REGISTERING_CALLS = frozenset(
    {"register", "connect", "add_done_callback", "add_callback", "submit", "call_soon", "call_later"}
    | {"call_soon_threadsafe", "call_at", "run_in_executor", "observe", "Thread", "Timer"}
)
CALLBACK_KEYWORDS = frozenset({"target", "command", "callback", "hook", "handler"})


def is_callback_keyword(name: str | None) -> bool:
    """`on_change=`, `on_click=`, `callback=`, `done_callback=`, `error_handler=`, `target=` ..."""
    if name is None:
        return False
    return name.startswith("on_") or name in CALLBACK_KEYWORDS or name.endswith(("_callback", "_handler"))


def _callee(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _keeps_arguments(call: ast.Call) -> bool:
    name = _callee(call) or ""
    if isinstance(call.func, ast.Attribute) and name in STORING_METHODS:
        return True
    return name in REGISTERING_CALLS or name.startswith("on_")


# -- names -----------------------------------------------------------------------------
def names_read(node: ast.AST) -> set[str]:
    """Names an expression reads when it is evaluated (not inside the functions it creates)."""
    return {n.id for n in executed_nodes([node]) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def free_names(function: Function) -> set[str]:
    """Names the function body reads from enclosing scopes, when it is called.

    Anything bound anywhere inside the function (parameters, assignments,
    imports, nested functions and their parameters, `global`/`nonlocal`) is
    left out, so a name that is both is never reported.
    """
    body: list[ast.AST] = [function.body] if isinstance(function, ast.Lambda) else list(function.body)
    bound = set(parameters(function.args))
    reads: set[str] = set()
    for node in walk(body):
        if isinstance(node, ast.Name):
            (reads if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, _FUNCTIONS):
            bound |= parameters(node.args)
            if not isinstance(node, ast.Lambda):
                bound.add(node.name)
        elif isinstance(node, ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return reads - bound


def varying_names(loop: ast.For | ast.AsyncFor) -> set[str]:
    """The loop's targets, and the names its body binds from them (per iteration), at any depth."""
    varying = set(stored_names(loop.target))
    bindings: list[tuple[set[str], set[str]]] = []
    for node in executed_nodes(loop.body):
        if isinstance(node, (ast.For, ast.AsyncFor)):
            varying.update(stored_names(node.target))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            varying.add(node.name)  # a new function each iteration: a late call gets the last one
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
            varying.update(*(stored_names(t) for t in node.targets))
        elif isinstance(node, ast.Assign):
            bindings.append((set().union(*(stored_names(t) for t in node.targets)), names_read(node.value)))
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and node.value is not None:
            bindings.append((set(stored_names(node.target)), names_read(node.value)))
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            bindings.append((set(stored_names(node.optional_vars)), names_read(node.context_expr)))
    changed = True
    while changed:
        changed = False
        for targets, reads in bindings:
            if reads & varying and not targets <= varying:
                varying |= targets
                changed = True
    return varying


def _comprehension_names(comprehension: ast.ListComp | ast.SetComp | ast.DictComp) -> set[str]:
    return set().union(*(stored_names(g.target) for g in comprehension.generators))


# -- does a function outlive its iteration? ------------------------------------------------
class _Escapes:
    """Whether a value created in a loop is kept past its iteration, from where it stands."""

    def __init__(self, parents: dict[ast.AST, ast.AST], loop: ast.AST) -> None:
        self.parents = parents
        self.loop = loop
        self._seen: set[str] = set()

    def value(self, node: ast.AST) -> bool:
        parent = self.parents.get(node)
        if parent is None or parent is self.loop:
            # The element of the comprehension under analysis: its result holds it.
            return parent is self.loop and isinstance(parent, _COMPREHENSIONS)
        if isinstance(parent, _COMPREHENSIONS):
            return node in (getattr(parent, "elt", None), getattr(parent, "value", None)) and self.value(
                parent
            )
        if isinstance(parent, _CONTAINERS) or (isinstance(parent, ast.Dict) and node in parent.values):
            return self.value(parent)
        if isinstance(parent, ast.IfExp):
            return node is not parent.test and self.value(parent)
        if isinstance(parent, ast.keyword):
            call = self.parents.get(parent)
            return is_callback_keyword(parent.arg) or (isinstance(call, ast.Call) and _keeps_arguments(call))
        if isinstance(parent, ast.Call):
            return node is not parent.func and _keeps_arguments(parent)
        if isinstance(parent, (ast.Assign, ast.AnnAssign)):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            return node is parent.value and any(self._target_keeps(t) for t in targets)
        if isinstance(parent, ast.NamedExpr):
            return self._target_keeps(parent.target)
        return isinstance(parent, (ast.Yield, ast.YieldFrom))

    def _target_keeps(self, target: ast.expr) -> bool:
        if isinstance(target, (ast.Subscript, ast.Attribute)):
            return True
        return isinstance(target, ast.Name) and self.name(target.id)

    def name(self, name: str) -> bool:
        """Whether a name bound in the loop body is kept: stored, registered, or read by a kept closure."""
        if not isinstance(self.loop, _LOOPS) or name in self._seen:
            return False
        self._seen.add(name)
        for node in walk(self.loop.body):
            if not (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)):
                continue
            closure = self._enclosing_function(node)
            if closure is None:
                if self.value(node):
                    return True
            elif name in free_names(closure) and self.function(closure):
                return True
        return False

    def function(self, function: Function) -> bool:
        if isinstance(function, ast.Lambda):
            return self.value(function)
        return self.name(function.name)

    def _enclosing_function(self, node: ast.AST) -> Function | None:
        """The outermost function inside the loop whose body holds `node` (None if none)."""
        found = None
        child, current = node, self.parents.get(node)
        while current is not None and current is not self.loop:
            if isinstance(current, _FUNCTIONS) and _in_body(child, current):
                found = current
            child, current = current, self.parents.get(current)
        return found


def _in_body(child: ast.AST, function: Function) -> bool:
    """Whether `child` (a direct child of `function`) runs when the function is called."""
    if isinstance(function, ast.Lambda):
        return child is function.body
    return any(child is statement for statement in function.body)


# -- the closures a cell creates in loops --------------------------------------------------
@dataclass(frozen=True)
class LoopClosure:
    function: Function
    names: tuple[str, ...]  # the loop variables it reads late, sorted
    in_comprehension: bool  # only comprehension variables (no `for` statement's)


def _functions_created_in(nodes: list[ast.AST]) -> Iterator[Function]:
    """The functions created directly in these nodes (not those created by other functions)."""
    for node in executed_nodes(nodes):
        if isinstance(node, _FUNCTIONS):
            yield node


def _created_and_varying(loop: ast.AST) -> tuple[list[Function], set[str]]:
    """The functions a loop creates per iteration, and the names that vary between iterations.

    The names are only worked out for a loop that creates a function: most create none.
    """
    if isinstance(loop, _LOOPS):
        created = list(_functions_created_in(list(loop.body)))
        return created, (varying_names(loop) if created else set())
    element = [loop.key, loop.value] if isinstance(loop, ast.DictComp) else [loop.elt]  # type: ignore[attr-defined]
    created = list(_functions_created_in(element))
    return created, (_comprehension_names(loop) if created else set())  # type: ignore[arg-type]


def _has_loop_and_function(cell: Cell) -> bool:
    """A cheap first pass on the cell's by-type node index: most cells create no function in a loop."""
    index = cell.nodes
    return any(index.of(kind) for kind in _FUNCTIONS) and any(
        index.of(kind) for kind in (*_LOOPS, *_COMPREHENSIONS)
    )


def _start_and_end(node: ast.AST) -> tuple[tuple[int, int], tuple[int, int]]:
    return (node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]


def _loops_around_functions(cell: Cell) -> list[ast.AST]:
    """The cell's loops and comprehensions whose source span holds a function, in walk order.

    A function a loop creates lies inside the loop's span, so the others
    cannot create one; skipping them saves walking every loop of a cell that
    merely defines a function somewhere else.
    """
    functions = [_start_and_end(function) for function in cell.nodes.of(*_FUNCTIONS)]
    loops = []
    for loop in cell.nodes.of(*_LOOPS, *_COMPREHENSIONS):
        start, end = _start_and_end(loop)
        if any(start <= inner_start and inner_end <= end for inner_start, inner_end in functions):
            loops.append(loop)
    return loops


def loop_closures(cell: Cell) -> list[LoopClosure]:
    """Each function a cell creates in a loop that reads the loop's variables late and is kept."""
    if not _has_loop_and_function(cell):
        return []  # most cells: no closure, nothing to analyse
    nodes = cell.nodes.nodes
    candidates: list[tuple[ast.AST, Function, set[str]]] = []
    for loop in _loops_around_functions(cell):
        created, varying = _created_and_varying(loop)
        for function in created:
            late = free_names(function) & varying
            if late:
                candidates.append((loop, function, late))
    if not candidates:
        return []
    # The index leaves out the marker singletons (`Load`, `Add`): they have no children to map.
    parents = {child: node for node in nodes for child in ast.iter_child_nodes(node)}
    late_names: dict[Function, set[str]] = {}
    from_statement_loop: set[Function] = set()
    for loop, function, late in candidates:
        if _Escapes(parents, loop).function(function):
            late_names.setdefault(function, set()).update(late)
            if isinstance(loop, _LOOPS):
                from_statement_loop.add(function)
    closures = [
        LoopClosure(function, tuple(sorted(names)), function not in from_statement_loop)
        for function, names in late_names.items()
    ]
    return sorted(closures, key=lambda c: (c.function.lineno, c.function.col_offset))


# -- diagnostics ------------------------------------------------------------------------------
def _message(closure: LoopClosure) -> str:
    function = closure.function
    where = "a comprehension" if closure.in_comprehension else "a loop"
    what = "A `lambda`" if isinstance(function, ast.Lambda) else f"Function `{function.name}`"
    return f"{what} in {where} reads {code_list(closure.names)} late: every copy sees the last value"


def _span(notebook: Notebook, function: Function) -> Span:
    """A lambda's whole expression; a function's `def name`."""
    if isinstance(function, ast.Lambda):
        return notebook.index.node_span(function)
    start = notebook.index.offset(function.lineno, function.col_offset)
    line = notebook.index.data[start : notebook.index.line_end(function.lineno)]
    name_at = line.find(
        function.name.encode(), len(b"async def " if isinstance(function, ast.AsyncFunctionDef) else b"def ")
    )
    end = start + (name_at + len(function.name.encode()) if name_at >= 0 else len(line.rstrip()))
    return notebook.index.span(start, end)


@register
class LoopClosureRule(Rule):
    """
    ## What it does
    Finds a `lambda` or nested `def` created in a `for` loop (or a list, set
    or dict comprehension) that reads the loop variable, or a name the loop
    body binds from it, and that outlives its iteration: it is stored in a
    container or a subscript, appended, or passed as a callback
    (`on_change=`, `on_click=`, `callback=`, `executor.submit(...)`).

    ## Why is this bad?
    A closure looks its free variables up when it is *called*, not when it
    is created. By the time a button's `on_click` or a stored function runs,
    the loop has finished, so every copy sees the loop variable's last
    value: all buttons act on the last item. `[lambda: i for i in range(3)]`
    is the same bug (every function returns 2). A closure called within its
    iteration, or consumed at once (`sorted(key=lambda ...)`, a generator
    expression), is fine and not reported; so is a variable already bound as
    a default argument.

    ## Example
    ```python
    buttons = [
        mo.ui.button(label=name, on_click=lambda count: print(name))
        for name in ["train", "eval"]
    ]
    ```
    Use instead:
    ```python
    buttons = [
        mo.ui.button(label=name, on_click=lambda count, name=name: print(name))
        for name in ["train", "eval"]
    ]
    ```

    ## Fix safety
    Unsafe: the fix binds each variable as a default argument (`lambda v,
    name=name: ...`, `def handler(v, name=name):`), which freezes the value
    of the iteration (that is the point) but also adds a parameter a caller
    could pass, and it is wrong if the late lookup was intended.
    """

    code = "NB013"
    name = "loop-closure"
    severity = Severity.ERROR
    fix_availability = always(Applicability.UNSAFE)
    valid = (
        Example("squares = []\nfor i in range(3):\n    square = lambda: i * i\n    squares.append(square())"),
        Example("callbacks = []\nfor i in range(3):\n    callbacks.append(lambda i=i: i)"),
        Example("words = ['b', 'a']\nranked = sorted(words, key=lambda w: (len(w), w))"),
        Example("offsets = [1, 2]\nshifted = [list(map(lambda v: v + k, [0, 1])) for k in offsets]"),
    )
    # The fix is unsafe, so the examples' expected `--write` result is no change;
    # tests/test_misc_rules.py checks what `--unsafe-fixes` makes of them.
    invalid = (
        Example("callbacks = []\nfor i in range(3):\n    callbacks.append(lambda: i)"),
        Example(
            "handlers = {}\nfor name in ['a', 'b']:\n    def handler(value):\n        print(name, value)\n"
            "    handlers[name] = handler"
        ),
        Example("getters = [lambda: i for i in range(3)]"),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for cell in notebook.cells:
            closures = loop_closures(cell)
            for closure in closures:
                position = node_position(notebook, cell, closure.function)
                codemod = lazy_codemod("bind_loop_variable", "bind_loop_variables", {position: closure.names})
                message = (
                    "Bind " + " and ".join(f"`{n}={n}`" for n in closure.names) + " as default arguments"
                )
                fix = cell_fix(notebook, cell, codemod, Applicability.UNSAFE, message)
                yield self.diagnostic(_message(closure), _span(notebook, closure.function), fix)
