"""NB025 unparsable-cell."""

from __future__ import annotations

import ast
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from nbfix.diagnostics import Applicability, Diagnostic, Fix, Severity
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rewrite import cell_fix, cell_source, lazy_codemod
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.source import Span

MAX_MESSAGE = 100
_STORED = "Cell is stored as unparsable (`app._unparsable_cell`)"
_RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"
# Where Python's message names a line, or the line it detected a problem at: the
# diagnostic stands on that line, and a message must not move when lines do.
_LINE_NOTE = re.compile(r"\s*\(detected at line \d+\)|\s+on line \d+")


@dataclass(frozen=True)
class _Reason:
    message: str  # why, without "Cell does not parse"
    line: int | None = None  # 1-based file line of the problem, when known
    column: int | None = None  # 1-based character column on that line
    end_column: int | None = None


def _python_reason(error: SyntaxError) -> str:
    return _LINE_NOTE.sub("", error.msg or "invalid syntax").strip() or "invalid syntax"


def _error_reason(error: SyntaxError) -> _Reason:
    end = None
    same_line = error.end_lineno == error.lineno
    if error.offset and error.end_offset and same_line and error.end_offset > error.offset:
        end = error.end_offset
    return _Reason(_python_reason(error), error.lineno, error.offset, end)


# -- syntax that a newer Python accepts ---------------------------------------
# What each of the constructs below needs in its text: a `type X` statement, a
# `def f[`/`class C[` type parameter list, an f-string prefix. A broken cell
# with none of them skips libcst (its import alone is a third of a second).
_MAY_USE_NEWER_SYNTAX = re.compile(r"\btype\s+\w|\b(?:def|class)\s+\w+\s*\[|\b(?:[rR]?[fF]|[fF][rR])['\"]")


def _newer_syntax(source: str, error_line: int | None) -> str | None:
    """What 3.12 syntax the source uses where this Python (< 3.12) stopped, or None.

    libcst parses Python 3.12's grammar (type parameter lists, `type` statements,
    f-strings as PEP 701 writes them). Only a cell it parses, whose Python
    error sits on a line of such syntax, is said to need a newer Python.
    """
    if sys.version_info >= (3, 12) or error_line is None or not _MAY_USE_NEWER_SYNTAX.search(source):
        return None
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    try:
        wrapper = MetadataWrapper(cst.parse_module(source))
    except (cst.ParserSyntaxError, RecursionError, ValueError):
        return None
    found: list[tuple[int, int, str]] = []  # (first line, last line, what)

    class _Finder(cst.CSTVisitor):
        METADATA_DEPENDENCIES = (PositionProvider,)

        def _add(self, node: cst.CSTNode, what: str) -> None:
            where = self.get_metadata(PositionProvider, node)
            found.append((where.start.line, where.end.line, what))

        def visit_TypeAlias(self, node: cst.TypeAlias) -> None:
            self._add(node, "`type` statements")

        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            if node.type_parameters is not None:
                self._add(node.type_parameters, "type parameter lists")

        def visit_ClassDef(self, node: cst.ClassDef) -> None:
            if node.type_parameters is not None:
                self._add(node.type_parameters, "type parameter lists")

        def visit_FormattedString(self, node: cst.FormattedString) -> None:
            what = _pep701_use(node)
            if what is not None:
                self._add(node, what)

    wrapper.visit(_Finder())
    for first, last, what in found:
        if first <= error_line <= last:
            return what
    return None


def _pep701_use(node: object) -> str | None:
    """Which f-string freedom of Python 3.12 (PEP 701) a libcst f-string uses, if any."""
    import libcst as cst

    assert isinstance(node, cst.FormattedString)
    quote = node.start.lstrip("rRfFbBuU")
    empty = cst.Module(body=[])
    for part in node.parts:
        if not isinstance(part, cst.FormattedStringExpression):
            continue
        text = empty.code_for_node(part)
        if quote in text:
            return "quotes reused inside f-strings"
        if "\\" in text:
            return "backslashes in f-string expressions"
        if "#" in text:
            return "comments in f-string expressions"
        if len(quote) == 1 and "\n" in text:
            return "line breaks in f-string expressions"
    return None


def _newer_python_message(notebook: Notebook, what: str) -> str:
    declared = _declared_python(notebook)
    if declared is not None and declared[0] >= (3, 12):
        # The notebook says so itself: not its error, but the cell is not checked.
        return f"Cell not checked: nbfix runs on Python {_RUNNING}, the notebook requires {declared[1]}"
    return f"Cell does not parse on Python {_RUNNING}: {what} need Python 3.12"


_LOWER_BOUND = re.compile(r"^\s*(>=|>|~=|==)\s*(\d+)\.(\d+)")


def _declared_python(notebook: Notebook) -> tuple[tuple[int, int], str] | None:
    """The lowest Python the notebook's `# /// script` block allows (`requires-python`), with its text."""
    from nbfix.codemods.script_metadata import block_toml, find_script_blocks, load_toml

    blocks = find_script_blocks(notebook.index.data)
    if len(blocks) != 1:
        return None
    start, end = blocks[0]
    metadata = load_toml(block_toml(notebook.index.data[start:end].decode("utf-8")))
    spec = metadata.get("requires-python") if metadata else None
    if not isinstance(spec, str):
        return None
    bounds = [match.groups() for clause in spec.split(",") if (match := _LOWER_BOUND.match(clause))]
    if not bounds:
        return None
    return max((int(major), int(minor)) for _, major, minor in bounds), spec.strip()


# -- cells that parse but do not compile ----------------------------------------
# Statements whose misuse only the compiler sees (`global x` after `x = 1`, `break`
# outside a loop, `yield` at top level): only a cell that has one is compiled.
_COMPILER_CHECKED = (ast.Global, ast.Nonlocal, ast.Yield, ast.YieldFrom, ast.Break, ast.Continue)
_NB001_OWNS = "'return' outside function"


def _compile_error(notebook: Notebook, cell: Cell) -> SyntaxError | None:
    """The error Python's compiler raises on the cell's body run as top-level code, as marimo runs it.

    A misplaced `return` is NB001's, not this rule's.
    """
    if not cell.nodes.of(*_COMPILER_CHECKED):
        return None
    body = list(getattr(cell.node, "body", ()))
    if body and isinstance(body[-1], ast.Return):
        body.pop()
    module = ast.Module(body=body, type_ignores=[])
    try:
        compile(module, notebook.path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as error:
        return None if _NB001_OWNS in (error.msg or "") else error
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


# -- `app._unparsable_cell(...)` --------------------------------------------
def _stored_code(cell: Cell) -> ast.Constant | None:
    call = getattr(cell.node, "value", None)
    if isinstance(call, ast.Call) and call.args:
        literal = call.args[0]
        if isinstance(literal, ast.Constant) and isinstance(literal.value, str):
            return literal
    return None


def _code_lines(literal: ast.Constant) -> tuple[str, int]:
    """The code marimo reads from the string (dedented, stripped), and how many lines it skipped."""
    value: str = literal.value
    dedented = textwrap.dedent(value)
    stripped = dedented.lstrip()
    skipped = dedented[: len(dedented) - len(stripped)].count("\n")
    return stripped.rstrip(), skipped


def _compile_problem(code: str) -> SyntaxError | None:
    try:
        compile(code, "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as error:
        return error
    except ValueError:  # NUL bytes
        return SyntaxError("source code contains null bytes")
    return None


def _star_import(code: str) -> bool:
    try:
        module = ast.parse(code)
    except SyntaxError:
        return False
    return any(
        isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names)
        for node in ast.walk(module)
    )


_OPENING = re.compile("[rRuU]?(" + "|".join(re.escape(q) for q in ("'''", '"""', "'", '"')) + ")")


def _literal_maps_to_file(notebook: Notebook, literal: ast.Constant) -> bool:
    """Whether the string's characters stand one for one in the file (no escape, one literal)."""
    span = notebook.index.node_span(literal)
    source = notebook.index.data[span.start : span.end].decode("utf-8")
    opening = _OPENING.match(source)
    if opening is None:
        return False
    inner = source[opening.end() : len(source) - len(opening.group(1))]
    return re.sub(r"\r\n?", "\n", inner) == literal.value


def _top_level_yield(code: str) -> bool:
    """A `yield` outside any function: as a function body, the cell would become a generator."""
    pending: list[ast.AST] = [ast.parse(code)]
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            pending.extend(ast.iter_child_nodes(node))
    return False


def _only_misplaced_returns(code: str) -> bool:
    """The code compiles as a function body and fails at top level only for its `return`s."""
    error = _compile_problem(code)
    if error is None or error.msg != "'return' outside function" or _star_import(code):
        return False
    if _top_level_yield(code):
        return False
    if all(isinstance(statement, ast.Return) for statement in ast.parse(code).body):
        return False  # nothing would be left: an empty cell, which marimo flags (MF004)
    return _compile_problem(_as_function(code, "async def")) is None


def _as_function(code: str, keyword: str) -> str:
    return f"{keyword} _():\n" + textwrap.indent(code, "    ") + "\n"


@register
class UnparsableCell(Rule):
    """
    ## What it does
    Finds a cell that does not parse: a syntax error in a cell of the file, or
    a cell marimo stored as `app._unparsable_cell(...)` because its code did
    not compile. The other cells are still checked and fixed. Syntax that
    only a newer Python accepts (type parameter lists, `type` statements,
    Python 3.12's f-strings) is named as such, as Ruff names it; where the
    notebook's `# /// script` block itself requires that newer Python, the
    message says only that nbfix, on an older one, could not check the cell.

    ## Why is this bad?
    marimo cannot run such a cell, and `python notebook.py` refuses to run
    the notebook at all (marimo raises `UnparsableError`). A syntax error in
    one cell of the file also hides it from every tool that parses the file
    as a whole.

    ## Example
    ```python
    @app.cell
    def _(df):
        total = (df["a"] +
        return
    ```
    Use instead:
    ```python
    @app.cell
    def _(df):
        total = df["a"] + df["b"]
        return (total,)
    ```

    ## Fix safety
    An `app._unparsable_cell(...)` whose code fails only because it has a
    `return` outside a function (marimo runs a cell body as top-level code)
    is turned back into an `@app.cell`, its returns removed as NB001 removes
    them: safe. Any other syntax error gets no fix, and a fix of another cell
    never changes a byte of a cell that does not parse.

    ## Precision
    2026-12-03, on the 1,080 public notebooks of the ecosystem check (nbfix on
    Python 3.11): 43 hits in 13 files, all read, all true (100%): 19 syntax
    errors (18 in marimo's test fixtures, broken on purpose), and 24 cells of
    Python 3.12 syntax in notebooks that require 3.12, reported as not checked.
    See docs/precision/NB025.md.
    """

    code = "NB025"
    name = "unparsable-cell"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    valid = (Example("x = 1\n# ---\ny = x + 1"),)
    invalid = (Example("x = (1 +\n# ---\ny = 2"),)

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for cell in notebook.cells:
            if cell.kind is CellKind.CELL:
                error = _compile_error(notebook, cell)
                if error is not None:
                    reason = _error_reason(error)
                    message = _message(reason.message, "compile")
                    yield self.diagnostic(message, _error_span(notebook, cell, reason))
                continue
            if cell.kind is not CellKind.UNPARSABLE:
                continue
            if cell.syntax_error is not None:
                yield self._broken(notebook, cell, cell.syntax_error)
            else:
                yield self._stored(notebook, cell)

    def _broken(self, notebook: Notebook, cell: Cell, error: SyntaxError) -> Diagnostic:
        first_line = notebook.index.line_of(cell.span.start)
        newer = None
        if error.lineno is not None:
            newer = _newer_syntax(cell_source(notebook, cell), error.lineno - first_line + 1)
        message = _newer_python_message(notebook, newer) if newer else _message(_python_reason(error))
        return self.diagnostic(message, _error_span(notebook, cell, _error_reason(error)))

    def _stored(self, notebook: Notebook, cell: Cell) -> Diagnostic:
        literal = _stored_code(cell)
        call_span = _line_span(notebook, cell, notebook.index.line_of(cell.span.start))
        if literal is None:
            return self.diagnostic(_STORED, call_span)
        code, skipped = _code_lines(literal)
        problem = _compile_problem(code)
        if problem is None:
            star = _star_import(code)
            return self.diagnostic(
                f"{_STORED}: `import *` is not allowed in a cell" if star else _STORED, call_span
            )
        newer = _newer_syntax(code, problem.lineno)
        message = _newer_python_message(notebook, newer) if newer else _message(_python_reason(problem))
        fix = self._revive(notebook, cell, code) if _only_misplaced_returns(code) else None
        span = call_span
        if problem.lineno is not None and _literal_maps_to_file(notebook, literal):
            reason = _stored_reason(notebook, literal, code, skipped, problem)
            if reason is not None:
                span = _error_span(notebook, cell, reason)
        return self.diagnostic(message, span, fix)

    def _revive(self, notebook: Notebook, cell: Cell, code: str) -> Fix:
        keywords = [k for k in cell.node.value.keywords if k.arg != "name"]  # type: ignore[attr-defined]
        options = ", ".join(ast.get_source_segment(notebook.text, k) or ast.unparse(k) for k in keywords)
        decorator = f"@{notebook.app_name}.cell" + (f"({options})" if options else "")
        name = cell.name if cell.name.isidentifier() else "_"
        is_async = _compile_problem(_as_function(code, "def")) is not None
        codemod = lazy_codemod(
            "revive_unparsable_cell", "revive_unparsable_cell", decorator, name, code, is_async
        )
        return cell_fix(
            notebook, cell, codemod, Applicability.SAFE, "Turn it back into a cell, without the `return`s"
        )


def _message(reason: str, verb: str = "parse") -> str:
    message = f"Cell does not {verb}: {reason}"
    if len(message) <= MAX_MESSAGE:
        return message
    return message[: MAX_MESSAGE - 3].rstrip() + "..."


def _line_span(notebook: Notebook, cell: Cell, line: int) -> Span:
    """The code on one line of the cell (from its first non-blank character to the line's end)."""
    index = notebook.index
    last = index.line_of(max(cell.span.end - 1, cell.span.start))
    line = min(max(line, index.line_of(cell.span.start)), last)
    text = index.line_text(line)
    start = index.line_start(line) + len(text[: len(text) - len(text.lstrip())].encode())
    return index.span(start, index.line_start(line) + len(text.encode()))


def _stored_reason(
    notebook: Notebook, literal: ast.Constant, code: str, skipped: int, problem: SyntaxError
) -> _Reason | None:
    """Python's error in the stored code, moved to where that code stands in the file."""
    assert problem.lineno is not None
    line = literal.lineno + skipped + problem.lineno - 1
    code_lines = code.split("\n")
    if line > notebook.index.line_count or problem.lineno > len(code_lines):
        return None
    code_line, file_line = code_lines[problem.lineno - 1], notebook.index.line_text(line)
    if not file_line.endswith(code_line):
        return None
    margin = len(file_line) - len(code_line)
    reason = _error_reason(problem)
    return _Reason(
        reason.message,
        line,
        reason.column + margin if reason.column else None,
        reason.end_column + margin if reason.end_column else None,
    )


def _error_span(notebook: Notebook, cell: Cell, reason: _Reason) -> Span:
    """Where Python stopped: its column to its end column (or to the line's end), inside the cell."""
    index = notebook.index
    if reason.line is None or reason.line > index.line_count:
        return _line_span(notebook, cell, reason.line or 0)
    if not cell.span.start <= index.line_start(reason.line) < cell.span.end:
        return _line_span(notebook, cell, reason.line)
    text = index.line_text(reason.line)
    if not reason.column or reason.column > len(text):
        return _line_span(notebook, cell, reason.line)
    line_start = index.line_start(reason.line)
    start = line_start + len(text[: reason.column - 1].encode())
    end_column = len(text) + 1
    if reason.end_column and reason.end_column <= end_column:
        end_column = reason.end_column
    end = max(line_start + len(text[: end_column - 1].encode()), start)
    return index.span(start, end)
