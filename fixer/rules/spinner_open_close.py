"""NB006 spinner-open-close."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.nodes import dotted_name, walk
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rewrite import cell_fix
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.scope import is_private
from nbfix.semantic.bindings import binds, bound_names, parameters, scope_nodes
from nbfix.semantic.execution import evaluated_at_definition

# Where marimo's status indicators live, besides `<marimo alias>.status`.
_STATUS_MODULES = frozenset({"marimo._plugins.stateless.status"})
_STATUS_PARENTS = frozenset({"marimo", "marimo._plugins.stateless"})
# Context managers with no `.open()`/`.close()`. Only a spinner shows nothing
# until it is entered; a progress bar shows itself when it is created.
SPINNER = "spinner"
PROGRESS_BAR = "progress_bar"
_FACTORIES = (SPINNER, PROGRESS_BAR)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


# -- which calls make a spinner ----------------------------------------------
def status_factories(notebook: Notebook) -> dict[str, str]:
    """Each dotted callee that makes a status indicator (`mo.status.spinner`) -> its kind.

    Aliases come from every import in the notebook, as marimo shares them
    between cells: `import marimo as mo`, `from marimo import status`, ...
    """
    marimo_names = {notebook.marimo_alias}
    status_names: set[str] = set()
    factories: dict[str, str] = {}
    for cell in notebook.cells:
        for node in cell.nodes.of(ast.Import):
            for alias in node.names:
                if alias.name == "marimo":
                    marimo_names.add(alias.asname or "marimo")
                elif alias.name in _STATUS_MODULES and alias.asname:
                    status_names.add(alias.asname)
        for node in cell.nodes.of(ast.ImportFrom):
            if node.level == 0:
                for alias in node.names:
                    bound = alias.asname or alias.name
                    if node.module in _STATUS_PARENTS and alias.name == "status":
                        status_names.add(bound)
                    elif node.module in _STATUS_MODULES and alias.name in _FACTORIES:
                        factories[bound] = alias.name
    status_names |= {f"{name}.status" for name in marimo_names}
    factories.update({f"{prefix}.{kind}": kind for prefix in status_names for kind in _FACTORIES})
    return factories


# -- scopes, blocks, bindings and reads ------------------------------------------
def function_scopes(body: Sequence[ast.stmt]) -> Iterator[tuple[Sequence[ast.stmt], bool]]:
    """The cell body (True) and the body of every function defined anywhere in it (False)."""
    yield body, True
    for node in walk(body):
        if isinstance(node, _FUNCTIONS):
            yield node.body, False


def blocks(body: Sequence[ast.stmt]) -> Iterator[Sequence[ast.stmt]]:
    """Every statement list of one scope: the body and the blocks nested in its statements."""
    yield body
    for statement in body:
        if isinstance(statement, _SCOPES):
            continue
        for name in ("body", "orelse", "finalbody"):
            child = getattr(statement, name, None)
            if isinstance(child, list) and child and isinstance(child[0], ast.stmt):
                yield from blocks(child)
        for part in (*getattr(statement, "handlers", ()), *getattr(statement, "cases", ())):
            yield from blocks(part.body)


def _shadows(node: ast.AST, name: str) -> bool:
    """Does the nested scope `node` have its own `name`?"""
    if isinstance(node, ast.ClassDef):
        return False  # its methods see the enclosing `name`: keep every read (conservative)
    if isinstance(node, ast.Lambda):
        return name in parameters(node.args)
    if isinstance(node, _COMPREHENSIONS):
        return any(
            name in bound_names(target)
            for generator in node.generators
            for target in ast.walk(generator.target)
        )
    body = node.body  # type: ignore[attr-defined]
    declared = any(
        isinstance(n, ast.Nonlocal | ast.Global) and name in n.names for s in body for n in scope_nodes(s)
    )
    own = isinstance(node, _FUNCTIONS) and name in parameters(node.args)  # type: ignore[attr-defined]
    return not declared and (own or any(binds(statement, name) for statement in body))


def reads(node: ast.AST, name: str) -> Iterator[ast.Name]:
    """The reads of `name` under `node` that see this scope's `name` (closures included)."""
    if isinstance(node, ast.Name):
        if node.id == name and isinstance(node.ctx, ast.Load):
            yield node
        return
    if isinstance(node, (*_SCOPES, *_COMPREHENSIONS)) and _shadows(node, name):
        for part in _evaluated_outside(node):
            yield from reads(part, name)
        return
    for child in ast.iter_child_nodes(node):
        yield from reads(child, name)


def _evaluated_outside(node: ast.AST) -> list[ast.AST]:
    """The parts of a nested scope that run in the enclosing one (decorators, defaults, ...)."""
    if isinstance(node, _COMPREHENSIONS):
        return [node.generators[0].iter]  # type: ignore[attr-defined]
    return evaluated_at_definition(node)


# -- one spinner -------------------------------------------------------------
@dataclass
class SpinnerUses:
    """How the statements after `name = <factory>(...)` use `name`, in its block."""

    opens: list[int] = field(default_factory=list)  # block indices of `name.open()` statements
    closes: list[int] = field(default_factory=list)  # ... of `name.close()` statements
    misplaced: list[ast.AST] = field(default_factory=list)  # `name.open`/`.close` anywhere else
    first_call: ast.AST | None = None  # the first open/close, where the diagnostic points
    entered: bool = False  # `with name:` somewhere
    updates: list[ast.Name] = field(default_factory=list)  # `name.update(...)`
    others: list[ast.Name] = field(default_factory=list)  # any other read
    reads: list[ast.Name] = field(default_factory=list)  # every read, by position

    @property
    def misused(self) -> bool:
        return bool(self.opens or self.closes or self.misplaced)


def _method_statement(statement: ast.stmt, name: str) -> str | None:
    """ "open" / "close" for the statement `name.open()` / `name.close()`."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return None
    call = statement.value
    func = call.func
    if (
        not call.args
        and not call.keywords
        and isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == name
        and func.attr in ("open", "close")
    ):
        return func.attr
    return None


def classify(block: Sequence[ast.stmt], start: int, stop: int, name: str) -> SpinnerUses:
    """The uses of `name` in `block[start:stop]`."""
    uses = SpinnerUses()
    for index in range(start, stop):
        statement = block[index]
        method = _method_statement(statement, name)
        if method is not None:
            (uses.opens if method == "open" else uses.closes).append(index)
            uses.first_call = uses.first_call or statement.value  # type: ignore[attr-defined]
            uses.reads.append(statement.value.func.value)  # type: ignore[attr-defined]
            continue
        parents = {id(kid): parent for parent in ast.walk(statement) for kid in ast.iter_child_nodes(parent)}
        for read in reads(statement, name):
            uses.reads.append(read)
            _classify_read(read, parents, uses)
    return uses


def _classify_read(read: ast.Name, parents: dict[int, ast.AST], uses: SpinnerUses) -> None:
    parent = parents.get(id(read))
    grandparent = parents.get(id(parent)) if parent is not None else None
    is_call = isinstance(grandparent, ast.Call) and grandparent.func is parent
    if isinstance(parent, ast.Attribute) and parent.value is read:
        if parent.attr in ("open", "close"):
            where = grandparent if is_call else parent
            uses.misplaced.append(where)  # type: ignore[arg-type]
            uses.first_call = uses.first_call or where
        elif parent.attr == "update" and is_call:
            uses.updates.append(read)
        else:
            uses.others.append(read)
    elif isinstance(parent, ast.withitem) and parent.context_expr is read:
        uses.entered = True
    else:
        uses.others.append(read)


@dataclass(frozen=True)
class Spinner:
    """One `name = <factory>(...)` statement and what follows it in its block."""

    block: Sequence[ast.stmt]
    index: int
    name: str
    factory: str  # the callee as written, e.g. "mo.status.spinner"
    kind: str
    stop: int  # the block index where `name` is bound again (or the block's length)
    uses: SpinnerUses


def _assigned_factory(statement: ast.stmt, factories: dict[str, str]) -> tuple[str, str, str] | None:
    """(name, callee, kind) for `name = <factory>(...)`."""
    if not (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and isinstance(statement.value, ast.Call)
    ):
        return None
    callee = dotted_name(statement.value.func)
    if callee is None or callee not in factories:
        return None
    return statement.targets[0].id, callee, factories[callee]


def find_spinners(scope: Sequence[ast.stmt], factories: dict[str, str]) -> Iterator[Spinner]:
    for block in blocks(scope):
        for index, statement in enumerate(block):
            found = _assigned_factory(statement, factories)
            if found is None:
                continue
            name, callee, kind = found
            stop = next((j for j in range(index + 1, len(block)) if binds(block[j], name)), len(block))
            uses = classify(block, index + 1, stop, name)
            yield Spinner(block, index, name, callee, kind, stop, uses)


# -- the verdict ---------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    spinner: Spinner
    report: bool
    # The fix's `SpinnerPlan`, as its arguments (its module loads libcst); None: no automatic fix.
    plan: dict[str, object] | None
    reason: str = ""  # why there is no fix


def _shares_a_line(block: Sequence[ast.stmt], index: int) -> bool:
    statement = block[index]
    before = index > 0 and block[index - 1].end_lineno == statement.lineno
    after = index + 1 < len(block) and block[index + 1].lineno == statement.end_lineno
    return before or after


class _Context:
    """What the verdict on one spinner needs to know about its scope and the notebook."""

    def __init__(self, notebook: Notebook, cell: Cell, scope: Sequence[ast.stmt], top: bool) -> None:
        self.notebook = notebook
        self.cell = cell
        self.scope = scope
        self.top = top
        self.first_line = cell.span.start_pos.line

    def stray_reads(self, spinner: Spinner, claimed: set[int]) -> bool:
        """Is `name` read somewhere no spinner of the scope accounts for?"""
        return any(id(r) not in claimed for s in self.scope for r in reads(s, spinner.name))

    def declared(self, name: str) -> bool:
        return any(
            isinstance(n, ast.Global | ast.Nonlocal) and name in n.names
            for s in self.scope
            for n in scope_nodes(s)
        )

    def shared(self, name: str) -> bool:
        """A global name of the cell that another cell reads."""
        if not self.top or is_private(name) or self.cell.kind is not CellKind.CELL:
            return False
        return any(other is not self.cell and name in other.refs for other in self.notebook.cells)

    def line(self, node: ast.AST) -> int:
        return node.lineno - self.first_line + 1  # type: ignore[attr-defined]


def judge(spinner: Spinner, context: _Context, claimed: set[int]) -> Verdict:
    uses = spinner.uses
    stray = context.stray_reads(spinner, claimed)
    declared = context.declared(spinner.name)
    shared = context.shared(spinner.name)
    never_entered = (
        spinner.kind == SPINNER and not uses.entered and not uses.others and not (stray or declared or shared)
    )
    if not (uses.misused or never_entered):
        return Verdict(spinner, report=False, plan=None)
    end = region_end(spinner, context.top and spinner.block is context.scope)
    reason = _no_fix_reason(spinner, end, stray, declared, shared)
    if reason:
        return Verdict(spinner, report=True, plan=None, reason=reason)
    block, start = spinner.block, spinner.index
    plan = {
        "name": spinner.name,
        "assign_line": context.line(block[start]),
        "end_line": context.line(block[end]),
        "open_line": context.line(block[uses.opens[0]]) if uses.opens else None,
        "close_line": context.line(block[end]) if uses.closes else None,
        "keep_name": bool(uses.updates),
    }
    return Verdict(spinner, report=True, plan=plan)


def region_end(spinner: Spinner, cell_top: bool) -> int:
    """The block index of the last statement the `with` would hold.

    The `.close()`; without one, the statement before `name` is bound again
    or the block ends, but not the expression that ends a cell body (unless it
    is the spinner's `.update()`): marimo only displays a cell's last
    expression while it is a top-level statement.
    """
    if spinner.uses.closes:
        return spinner.uses.closes[0]
    end = spinner.stop - 1
    last = spinner.block[end]
    is_output = cell_top and end == len(spinner.block) - 1 and isinstance(last, ast.Expr)
    if is_output and next(reads(last, spinner.name), None) is None:
        end -= 1
    return end


def _no_fix_reason(spinner: Spinner, end: int, stray: bool, declared: bool, shared: bool) -> str:
    uses, name = spinner.uses, spinner.name
    if uses.misplaced:
        return f"`{name}.open()`/`{name}.close()` is called in a nested block or passed on"
    if len(uses.opens) > 1 or len(uses.closes) > 1:
        return f"`{name}` is opened or closed more than once"
    if uses.entered:
        return f"`{name}` is also entered with `with`"
    if uses.others:
        return f"`{name}` is used for more than `.update()`"
    if stray:
        return f"`{name}` is also read outside the block that creates it"
    if declared:
        return f"`{name}` is declared `global` or `nonlocal`"
    if shared:
        return f"another cell reads `{name}`"
    opened = uses.opens[0] if uses.opens else spinner.index
    if uses.closes and opened > end:
        return f"`{name}.open()` comes after `{name}.close()`"
    if uses.closes and any(r.lineno > spinner.block[end].end_lineno for r in uses.reads):  # type: ignore[operator]
        return f"`{name}` is used after `{name}.close()`"
    body = set(range(spinner.index + 1, end + (0 if uses.closes else 1))) - set(uses.opens)
    if not body:
        return "no statement runs between the spinner's creation and its end"
    edges = [spinner.index, end, *uses.opens]
    if any(_shares_a_line(spinner.block, i) for i in edges):
        return "the spinner's statements share a line with others (`;`)"
    return ""


MAX_MESSAGE = 100


# -- the rule ------------------------------------------------------------------
def _message(verdict: Verdict) -> str:
    spinner = verdict.spinner
    name, factory, uses = spinner.name, spinner.factory, spinner.uses
    if uses.misused:
        methods = {n.attr for n in _misplaced_attributes(uses)}
        methods |= {m for m, hits in (("open", uses.opens), ("close", uses.closes)) if hits}
        called = [f"`{name}.{m}()`" for m in ("open", "close") if m in methods]
        message = f"{' and '.join(called)}: a `{factory}(...)` has no such method (AttributeError)"
        if len(message) > MAX_MESSAGE:
            message = f"{' and '.join(called)}: a spinner has no such method (AttributeError)"
    else:
        message = f"`{name} = {factory}(...)` is never entered with `with`: the spinner never shows"
        if uses.updates:
            message = f"`{name}` is never entered with `with`: it never shows, `.update()` raises"
    return message


def _misplaced_attributes(uses: SpinnerUses) -> Iterator[ast.Attribute]:
    for node in uses.misplaced:
        yield node.func if isinstance(node, ast.Call) else node  # type: ignore[misc]


def _calls_a_factory(cell: Cell, factories: dict[str, str]) -> bool:
    """Does the cell (functions included) call a spinner or progress bar factory, as every spinner does?"""
    return any(dotted_name(call.func) in factories for call in cell.nodes.of(ast.Call))


def _spinner_to_with(source: str, plan: dict[str, object]) -> str:
    from nbfix.codemods.spinner_to_with import (
        SpinnerPlan,
        spinner_to_with,
    )  # libcst loads only when a fix is built

    return spinner_to_with(source, SpinnerPlan(**plan))  # type: ignore[arg-type]


def verdicts(notebook: Notebook, cell: Cell, factories: dict[str, str]) -> Iterator[Verdict]:
    """The verdict on every spinner-like assignment of a cell, nested functions included."""
    for scope, top in function_scopes(cell.body):
        spinners = list(find_spinners(scope, factories))
        if not spinners:
            continue
        context = _Context(notebook, cell, scope, top)
        claimed = {id(r) for s in spinners for r in s.uses.reads}
        for spinner in spinners:
            yield judge(spinner, context, claimed)


@register
class SpinnerOpenClose(Rule):
    """
    ## What it does
    Finds a `mo.status.spinner(...)` (or `mo.status.progress_bar(...)`) bound
    to a name and then driven with `.open()` / `.close()`, and a spinner bound
    to a name that is never entered with `with`. Any import of marimo or of
    its `status` module counts (`import marimo as mo`, `from marimo import
    status`), in cells and in functions defined in them.

    ## Why is this bad?
    marimo's spinner is a context manager and nothing else: it has no
    `.open()` or `.close()` method, so the first call raises AttributeError
    and the cell fails. A spinner that is created and never entered never
    appears (and its `.update()` raises AttributeError too): only `with`
    shows it, and takes it away when the block ends, even on an exception.

    ## Example
    ```python
    spinner = mo.status.spinner(title="Running...")
    spinner.open()
    result = expensive_operation()
    spinner.update(subtitle="Plotting...")
    chart = plot(result)
    spinner.close()
    ```
    Use instead:
    ```python
    with mo.status.spinner(title="Running...") as spinner:
        result = expensive_operation()
        spinner.update(subtitle="Plotting...")
        chart = plot(result)
    ```

    ## Fix safety
    Safe. The statements from the assignment through `.close()` (to the end
    of the block when there is none) become the body of the `with`; the
    `.open()` and `.close()` calls are dropped, their comments kept; `as
    name` stays only if the body still uses the name (`spinner.update(...)`).
    No fix when `.open()`/`.close()` sit in another block than the
    assignment (a branch, a `finally`), are called twice, or when the
    spinner is used for anything but `.update()` or read after `.close()`.
    """

    code = "NB006"
    name = "spinner-open-close"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    valid = (
        Example(
            "import marimo as mo\n# ---\n"
            'with mo.status.spinner(title="Loading...") as spinner:\n'
            "    total = sum(range(10))\n"
            '    spinner.update(subtitle="done")'
        ),
        Example("import marimo as mo\n# ---\nloading = mo.status.spinner(title='Loading...')\nloading"),
        Example('with open(__file__, encoding="utf-8") as fh:\n    first = fh.readline()'),
    )
    invalid = (
        Example(
            "import marimo as mo\n# ---\n"
            'spinner = mo.status.spinner(title="Running...")\n'
            "spinner.open()\n"
            "result = sum(range(10))\n"
            "spinner.close()",
            "import marimo as mo\n# ---\n"
            'with mo.status.spinner(title="Running..."):\n'
            "    result = sum(range(10))",
        ),
        Example(
            "import marimo as mo\n# ---\n"
            'spinner = mo.status.spinner(title="Running...")\n'
            "spinner.open()\n"
            "result = sum(range(10))\n"
            'spinner.update(subtitle="done")\n'
            "spinner.close()",
            "import marimo as mo\n# ---\n"
            'with mo.status.spinner(title="Running...") as spinner:\n'
            "    result = sum(range(10))\n"
            '    spinner.update(subtitle="done")',
        ),
        Example(
            "import marimo as mo\n# ---\n"
            'spinner = mo.status.spinner(title="Running...")\n'
            "spinner.open()\n"
            "result = sum(range(10))\n"
            "if result:\n"
            "    spinner.close()",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if not any(kind in notebook.text for kind in _FACTORIES):
            return  # the common case, decided without walking a single cell
        factories: dict[str, str] | None = None
        for cell in notebook.cells:
            if cell.kind not in (CellKind.CELL, CellKind.FUNCTION):
                continue
            if factories is None:
                factories = status_factories(notebook)
            if not _calls_a_factory(cell, factories):
                continue  # no spinner is created here: decided from the node index
            for verdict in verdicts(notebook, cell, factories):
                if verdict.report:
                    yield self._diagnostic(notebook, cell, verdict)

    def _diagnostic(self, notebook: Notebook, cell: Cell, verdict: Verdict) -> Diagnostic:
        spinner = verdict.spinner
        where = spinner.uses.first_call or spinner.block[spinner.index]
        fix = None
        if verdict.plan is not None:
            codemod = partial(_spinner_to_with, plan=verdict.plan)
            message = "Convert the spinner's open/close to a `with` block"
            fix = cell_fix(notebook, cell, codemod, Applicability.SAFE, message)
        return self.diagnostic(_message(verdict), notebook.index.node_span(where), fix)
