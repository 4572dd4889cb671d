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
from nbfix.source import Span

MAX_LINE_LENGTH = 80
INDENT = "    "


@dataclass(frozen=True)
class Signature:
    params: tuple[str, ...]
    returns: tuple[str, ...]
    is_async: bool


def expected_signature(notebook: Notebook, cell: Cell) -> Signature:
    visible = notebook.always_visible
    params = tuple(
        ref for ref in sorted(cell.refs) if ref not in visible and ref not in cell.defs and ref.isidentifier()
    )
    defaulted = _defaulted_params(cell)
    if defaulted:
        params = tuple(p for p in params if p not in defaulted) + tuple(p for p in params if p in defaulted)
    returns = tuple(name for name in sorted(cell.defs) if name in notebook.all_refs)
    return Signature(params, returns, cell.scope.awaits)


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
    """Whether the cell's parameters and return name what marimo would write.

    Formatting is not compared (`return x,` names the same as `return (x,)`),
    and a cell that defines nothing others read may omit its bare `return`
    unless `require_return` (marimo writes one, but a hand-written cell
    without it is fine).
    SQL reads and writes tables that marimo only sees with duckdb installed,
    so in a notebook that runs SQL, a cell may return names only SQL cells
    read, and a SQL cell may take names only its SQL reads.
    """
    returned = cell.returned_names
    if returned is None or cell.is_async != expected.is_async:
        return False
    if cell.final_return is None and require_return:
        return False
    if not notebook.uses_sql:
        return cell.params == expected.params and returned == expected.returns
    defined_anywhere = set(notebook.definers)
    if cell.scope.uses_sql:
        # Its SQL may read more names, and a name its SQL also creates as a
        # table is left out of the return: only the Python reads are certain.
        return set(expected.params) <= set(cell.params) <= set(expected.params) | defined_anywhere
    params_ok = cell.params == expected.params
    returns_ok = set(expected.returns) <= set(returned) <= cell.defs
    return params_ok and returns_ok and list(returned) == sorted(returned)


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


def signature_codemod(notebook: Notebook, cell: Cell) -> Codemod:
    """The codemod that gives `cell` the names marimo would write in its signature.

    Only the parts that differ are rewritten (the parameter list, `async`, the
    final `return`); a part that already names the right names in the right
    order is left as the author wrote it, and a name that stays keeps its
    default, annotation and comments (see `nbfix.codemods.cell_signature`).
    """
    expected = expected_signature(notebook, cell)
    header = None
    if cell.params != expected.params or cell.is_async != expected.is_async:
        header = render_header(cell.name, annotated_params(notebook, expected.params), expected.is_async)
    return_text = None
    if cell.final_return is None or cell.returned_names != expected.returns:
        return_text = render_return(expected.returns)
    return lazy_codemod("cell_signature", "rewrite_signature", header, return_text)


def header_span(notebook: Notebook, cell: Cell) -> Span:
    """The `def name(` part of a cell, where a problem with its signature is reported."""
    node = cell.node
    start = notebook.index.offset(node.lineno, node.col_offset)
    line_end = notebook.index.line_end(node.lineno)
    text = notebook.index.data[start:line_end]
    end = start + max(text.find(b"("), 0) + 1
    return notebook.index.span(start, end)
