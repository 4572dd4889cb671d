"""A cell's parameter list and final `return`, as marimo's serializer writes them.

marimo ignores both when it runs a notebook (it recomputes them from the
body), but it rewrites them on every save, and a stale one misleads readers
and type checkers. The rules here mirror `marimo/_ast/codegen.py`:

- parameters: the cell's refs, sorted, minus names every cell sees anyway
  (unshadowed builtins, setup-cell defs, `@app.function`/`@app.class_definition`
  names) and minus the cell's own defs; a ref with an annotation in its
  defining cell is written `x: T`. marimo drops default arguments; nbfix keeps
  them (`limit=10`), so those parameters come last, sorted, as Python wants;
- return: the cell's defs that some other cell reads, sorted: `return`,
  `return (x,)` or `return a, b`;
- either one goes multi-line, one item per line with a trailing comma, once
  its line would reach 80 columns.

`signature_codemod` is the rewrite that gives a cell these (NB005's fix, NB003's
for a private name in a `return`, and the engine's re-signing of the cells a fix
round changed); `header_span` is where a problem with them is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from nbfix.notebook import Cell, Notebook
from nbfix.rewrite import Codemod, lazy_codemod
from nbfix.scope import is_private
from nbfix.semantic.sql import SqlNames
from nbfix.source import Span

MAX_LINE_LENGTH = 80
INDENT = "    "


# The rule whose selection asks for marimo's exact form; without it, re-signing is minimal.
CANONICAL_SIGNATURE_RULE = "NB016"


@dataclass(frozen=True)
class Signature:
    params: tuple[str, ...]
    returns: tuple[str, ...]
    is_async: bool


def expected_signature(notebook: Notebook, cell: Cell) -> Signature:
    """The signature marimo's serializer writes for the cell (NB016's target).

    Names the cell's SQL may name (see `nbfix.semantic.sql`) that the author
    listed stay listed, since marimo with duckdb lists them too: a parameter
    named in the cell's SQL, a returned name some SQL reads or this cell's SQL
    creates; such a name is never required either.
    """
    visible = notebook.always_visible
    sql = SqlNames.of(notebook)
    wanted = {ref for ref in cell.refs if ref not in visible and ref not in cell.defs and ref.isidentifier()}
    wanted.update(p for p in cell.params if sql.in_cell(cell, p) and p not in visible and p not in cell.defs)
    params = tuple(sorted(wanted))
    defaulted = _defaulted_params(cell)
    if defaulted:
        params = tuple(p for p in params if p not in defaulted) + tuple(p for p in params if p in defaulted)
    # A name the cell's own SQL names may be the table it creates: marimo leaves it
    # out of the return (its readers take it from the engine), or lists it.
    returns = {name for name in cell.defs if name in notebook.all_refs and not sql.in_cell(cell, name)}
    returns.update(
        name
        for name in cell.returned_names or ()
        if sql.in_cell(cell, name) or (sql.anywhere(name) and name in cell.defs)
    )
    return Signature(params, tuple(sorted(returns)), cell.scope.awaits)


def _defaulted_params(cell: Cell) -> frozenset[str]:
    """The parameters the author gave a default value (`def _(mo, limit=10):`)."""
    args = getattr(cell.node, "args", None)
    if args is None or not args.defaults:
        return frozenset()
    positional = [*args.posonlyargs, *args.args]
    return frozenset(arg.arg for arg in positional[len(positional) - len(args.defaults) :])


def signature_matches(
    notebook: Notebook, cell: Cell, expected: Signature, *, require_return: bool = False
) -> bool:
    """Whether the cell's parameters and return name what marimo would write, in its order.

    Formatting is not compared (`return x,` names the same as `return (x,)`),
    and a cell that defines nothing others read may omit its bare `return`
    unless `require_return` (marimo writes one, but a hand-written cell
    without it is fine).
    """
    returned = cell.returned_names
    if returned is None or cell.is_async != expected.is_async:
        return False
    if cell.final_return is None and require_return:
        return False
    return cell.params == expected.params and returned == expected.returns


def is_named(cell: Cell) -> bool:
    """A cell with a real name (`def load_data(...)`), which other code can import and call."""
    return bool(cell.name.strip("_"))


@dataclass(frozen=True)
class Staleness:
    """What in a cell's signature misleads (NB005), as opposed to differing only in form (NB016).

    A missing parameter reads as an undefined name to Pyright, Ruff and a
    reader; a name another cell reads but the `return` leaves out reads as an
    unused variable; a returned name the cell never defines is a lie; an
    `await` in a plain `def` does not compile; and a named cell, which other
    code calls (and pytest fills with fixtures), must take exactly its names.
    """

    missing_params: tuple[str, ...] = ()
    missing_returns: tuple[str, ...] = ()
    undefined_returns: tuple[str, ...] = ()
    needs_async: bool = False
    named_extras: tuple[str, ...] = ()  # parameters a named cell should not take

    def __bool__(self) -> bool:
        return bool(
            self.missing_params
            or self.missing_returns
            or self.undefined_returns
            or self.needs_async
            or self.named_extras
        )


def staleness(notebook: Notebook, cell: Cell) -> Staleness:
    """The misleading part of the cell's signature (falsy when nothing misleads)."""
    expected = expected_signature(notebook, cell)
    params = set(cell.params)
    returned = cell.returned_names or ()
    missing_params = tuple(p for p in expected.params if p not in params and p in notebook.definers)
    sql = SqlNames.of(notebook)
    missing_returns = tuple(name for name in expected.returns if name not in returned)
    undefined_returns = tuple(
        name
        for name in returned
        if name not in cell.defs and not sql.in_cell(cell, name) and not is_private(name)
    )
    named_extras: tuple[str, ...] = ()
    if is_named(cell):
        # Calling a named cell (`load_data(df)`, or pytest filling a `test_*` cell's
        # parameters with fixtures) passes exactly the written parameters.
        named_extras = tuple(p for p in cell.params if p not in expected.params)
        missing_params = tuple(p for p in expected.params if p not in params)
    return Staleness(
        missing_params,
        missing_returns,
        undefined_returns,
        expected.is_async and not cell.is_async,
        named_extras,
    )


def minimal_signature(notebook: Notebook, cell: Cell) -> Signature:
    """The cell's own signature with only its misleading part mended (NB005's target).

    Missing names are added, returned names the cell does not define are
    dropped (and, for a named cell, parameters it should not take);
    everything else stays in the author's order. A new name goes into its
    sorted place when the author's list is sorted, else at its end (before
    the parameters that have a default value).
    """
    stale = staleness(notebook, cell)
    defaulted = _defaulted_params(cell)
    kept_params = [p for p in cell.params if p not in stale.named_extras]
    params = _merge(kept_params, stale.missing_params, defaulted)
    returned = cell.returned_names or ()
    kept_returns = [n for n in returned if n not in stale.undefined_returns and not is_private(n)]
    returns = _merge(kept_returns, stale.missing_returns, frozenset())
    return Signature(params, returns, cell.is_async or stale.needs_async)


def _merge(kept: list[str], added: tuple[str, ...], defaulted: frozenset[str]) -> tuple[str, ...]:
    plain = [name for name in kept if name not in defaulted]
    tail = [name for name in kept if name in defaulted]
    plain = sorted(plain + list(added)) if plain == sorted(plain) else plain + sorted(added)
    return tuple(plain + tail)


def annotated_params(notebook: Notebook, params: tuple[str, ...]) -> tuple[str, ...]:
    """`x: T` for a parameter whose defining cell annotates it (as marimo does)."""
    visible = notebook.always_visible
    rendered = []
    for name in params:
        annotation = None
        for definer in notebook.definers.get(name, ()):
            annotation = definer.scope.annotations.get(name)
            if annotation is not None:
                break
        if annotation is None:
            rendered.append(name)
        elif annotation.refs - visible:
            escaped = annotation.text.replace('"', '\\"')
            rendered.append(f'{name}: "{escaped}"')
        else:
            rendered.append(f"{name}: {annotation.text}")
    return tuple(rendered)


def _format_items(prefix: str, items: tuple[str, ...], suffix: str, indent: str) -> str:
    single = f"{indent}{prefix}{', '.join(items)}{suffix}"
    if len(single) < MAX_LINE_LENGTH or not items:
        return single
    body = "".join(f"{indent}{INDENT}{item},\n" for item in items)
    return f"{indent}{prefix}\n{body}{indent}{suffix.lstrip(',')}"


def render_header(name: str, params: tuple[str, ...], is_async: bool) -> str:
    """`def _(a, b):` (one line) or the multi-line form marimo writes."""
    keyword = "async def" if is_async else "def"
    return _format_items(f"{keyword} {name}(", params, "):", "")


def render_return(returns: tuple[str, ...], indent: str = INDENT) -> str:
    """`return`, `return (x,)`, `return a, b`, or the multi-line tuple."""
    if not returns:
        return f"{indent}return"
    if len(returns) == 1:
        single = f"{indent}return ({returns[0]},)"
        if len(single) < MAX_LINE_LENGTH:
            return single
        return f"{indent}return (\n{indent}{INDENT}{returns[0]},\n{indent})"
    single = f"{indent}return {', '.join(returns)}"
    if len(single) < MAX_LINE_LENGTH:
        return single
    return _format_items("return (", returns, ")", indent)


def signature_codemod(notebook: Notebook, cell: Cell, *, canonical: bool = False) -> Codemod:
    """The codemod that mends `cell`'s signature: minimally (NB005), or to marimo's exact form (NB016).

    Only the parts that differ are rewritten (the parameter list, `async`, the
    final `return`); a part that already names the right names in the right
    order is left as the author wrote it, and a name that stays keeps its
    default, annotation and comments (see `nbfix.codemods.cell_signature`).
    A minimal mend adds no bare `return` to a cell that has none.
    """
    target = expected_signature(notebook, cell) if canonical else minimal_signature(notebook, cell)
    header = None
    if cell.params != target.params or cell.is_async != target.is_async:
        header = render_header(cell.name, annotated_params(notebook, target.params), target.is_async)
    return_text = None
    if cell.final_return is None:
        if canonical or target.returns:
            return_text = render_return(target.returns)
    elif cell.returned_names != target.returns:
        return_text = render_return(target.returns)
    return lazy_codemod("cell_signature", "rewrite_signature", header, return_text)


def header_span(notebook: Notebook, cell: Cell) -> Span:
    """The `def name(` part of a cell, where a problem with its signature is reported."""
    node = cell.node
    start = notebook.index.offset(node.lineno, node.col_offset)
    line_end = notebook.index.line_end(node.lineno)
    text = notebook.index.data[start:line_end]
    end = start + max(text.find(b"("), 0) + 1
    return notebook.index.span(start, end)
