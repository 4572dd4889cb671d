"""Proof that a rewritten notebook is at least as good as the original.

Cheap checks run on every fix round (see `nbfix.engine`): it is still a
notebook with the same cells, and each rewritten cell compiles, both as the
function the file holds and the way marimo compiles its body (top-level
code, top-level await allowed).
The expensive checks run once per fixed file, and only on what changed:
libcst parses each rewritten cell, marimo's own loader loads the rewritten
cells with a status no worse than the originals and no new problem, and the
cell graph has no new multiply-defined name, cycle or setup dependency
(`nbfix.graph`). Unchanged cells are not re-checked: marimo loads each cell
on its own, so an untouched cell loads as it did.

A notebook with a cell that does not parse (`Cell.is_broken`) cannot be held
to "the file compiles": it is held to "no worse than before". Its broken
cells must come out of every fix byte for byte the same, and no other cell
may join them; what is compiled as a whole is the file without them
(`Notebook.parsable_text`).
"""

from __future__ import annotations

import ast
import functools
import io
import logging
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from nbfix.notebook import Cell, CellKind, Notebook

# marimo's breaking rules that look at one cell at a time: unparsable cells, syntax errors.
_CELL_RULES = ("MB001", "MB005")
# marimo's notebook statuses, best first.
_STATUS_RANK = {"valid": 0, "has_warnings": 1, "empty": 2, "has_errors": 3, "invalid": 4}


class ValidationError(Exception):
    """A rewrite that must not be written; the message says why."""


@functools.lru_cache(maxsize=64)
def compiles(text: str, path: str) -> bool:
    """Whether the whole file compiles (a notebook that did not is held to no such standard)."""
    try:
        compile(text, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def check_broken_cells_kept(before: Notebook, after: Notebook) -> None:
    """The cells that do not parse are the same, byte for byte, and no other cell stopped parsing.

    A file with a syntax error in one cell is parsed cell by cell, so a fix
    that breaks another cell still gives a notebook: it is refused here, as
    is any change to a broken cell.
    """
    old = [_source(before, cell) for cell in before.broken_cells]
    new = [(_source(after, cell), cell) for cell in after.broken_cells]
    if [source for source, _ in new] == old:
        return
    added = [cell.syntax_error for source, cell in new if source not in old]
    if len(new) > len(old) and added and added[0] is not None:
        raise ValidationError(f"the fix produced invalid Python: {added[0].msg}")
    raise ValidationError("the fix changed a cell that does not parse")


def _source(notebook: Notebook, cell: Cell) -> bytes:
    return notebook.index.data[cell.span.start : cell.span.end]


def check_compiles(text: str, path: str) -> None:
    try:
        compile(text, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        raise ValidationError(f"the fixed file does not compile: {error}") from None


def _compile_error(statements: list[ast.stmt], path: str, flags: int = 0) -> str | None:
    try:
        compile(ast.Module(body=statements, type_ignores=[]), path, "exec", flags=flags, dont_inherit=True)
    except SyntaxError as error:
        return error.msg
    return None


def _statement_error(cell: Cell, path: str) -> str | None:
    """Why the cell's statement (the decorated function) does not compile in the file, or None.

    Compiling only what changed stands for compiling the file: a top-level
    statement compiles the same alone as among the others.
    """
    return _compile_error([cell.node], path)


def _body_error(cell: Cell, path: str) -> str | None:
    """Why the cell body does not compile as marimo compiles it (top-level code), or None."""
    if cell.kind is not CellKind.CELL or not cell.body:
        return None
    return _compile_error(list(cell.body), path, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


def check_rewritten_cell_compiles(before: Cell | None, after: Cell, path: str) -> None:
    """A rewritten (or inserted) cell compiles as the file holds it and as marimo runs it.

    Each only if the cell did before the rewrite: a cell with a misplaced
    `return` may be improved by one fix before another one makes it compile.
    """
    checks = (
        (_statement_error, "the fixed file does not compile: {}"),
        (_body_error, f"cell `{after.name}` no longer compiles: {{}}"),
    )
    for error_of, message in checks:
        if before is not None and error_of(before, path) is not None:
            continue
        error = error_of(after, path)
        if error is not None:
            raise ValidationError(message.format(error))


def check_libcst(text: str, what: str = "the fixed file") -> None:
    import libcst as cst

    try:
        cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        raise ValidationError(f"libcst cannot parse {what}: {error.message}") from None


@dataclass(frozen=True)
class MarimoVerdict:
    status: str
    violations: frozenset[str]
    breaking: frozenset[str]

    @property
    def is_clean(self) -> bool:
        return self.status == "valid" and not self.violations and not self.breaking


def marimo_verdict(text: str, path: str) -> MarimoVerdict:
    """How marimo itself sees a notebook: load status and its per-cell breaking lint messages.

    The graph rules (MB002-MB004) are left to `nbfix.graph`: they compile
    every cell, and `text` may hold only some of the notebook's cells.
    """
    import asyncio

    from marimo._ast.parse import all_violations_soft, parse_notebook
    from marimo._lint.rule_engine import RuleEngine
    from marimo._lint.rules.breaking import BREAKING_RULE_CODES

    sink = io.StringIO()
    previous_disable = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with redirect_stdout(sink), redirect_stderr(sink):
            try:
                notebook = parse_notebook(text.strip(), filepath=path)
            except Exception as error:  # its recovery from a syntax error fails on some files
                return MarimoVerdict("invalid", frozenset({_unreadable(error)}), frozenset())
            if notebook is None:
                return MarimoVerdict("empty", frozenset(), frozenset())
            violations = frozenset(v.description for v in notebook.violations)
            if not notebook.valid:
                return MarimoVerdict("invalid", violations, frozenset())
            status = "valid"
            if notebook.violations:
                status = "has_warnings" if all_violations_soft(notebook.violations) else "has_errors"
            engine = RuleEngine([BREAKING_RULE_CODES[code]() for code in _CELL_RULES])
            found = asyncio.run(engine.check_notebook(notebook, text))
            breaking = frozenset(f"{d.code} {d.message}" for d in found)
    finally:
        logging.disable(previous_disable)
    return MarimoVerdict(status, violations, breaking)


def _unreadable(error: Exception) -> str:
    """marimo's parser failing, said without a line number (a fix may move lines)."""
    reason = error.msg if isinstance(error, SyntaxError) else type(error).__name__
    return f"marimo cannot read the notebook: {reason}"


def check_marimo_no_worse(before: MarimoVerdict, after: MarimoVerdict) -> None:
    if _STATUS_RANK[after.status] > _STATUS_RANK[before.status]:
        raise ValidationError(f"marimo would load the fixed file as {after.status!r}, not {before.status!r}")
    new_violations = after.violations - before.violations
    if new_violations:
        raise ValidationError(f"marimo reports new problems: {sorted(new_violations)[0]}")
    new_breaking = after.breaking - before.breaking
    if new_breaking:
        raise ValidationError(f"marimo's linter reports a new breaking problem: {sorted(new_breaking)[0]}")
