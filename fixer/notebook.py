"""The notebook model: one `ast` parse of a file gives every cell and its scope.

Every rule reads this model and nothing else, so it holds what rules ask
about: each cell's kind, name, options, exact spans (bytes and positions),
parameter list, final `return`, body statements, and its defs and refs
(see `nbfix.scope`), plus the notebook-wide map from a name to the cells that
define it. It is built once per fix round and never mutated. A file with a
syntax error in a cell is parsed cell by cell (`nbfix.cell_chunks`): that
cell is a broken one (`Cell.is_broken`), and the others are modelled as usual.
"""

from __future__ import annotations

import ast
import builtins
import copy
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property

from nbfix.cell_chunks import BrokenChunk, chunk_name, mentioned_names, parse_in_chunks
from nbfix.nodes import NodeIndex
from nbfix.scope import CellScope, analyze, is_private
from nbfix.source import LineIndex, Span

# What marimo treats as always defined (`marimo/_ast/variables.py`).
BUILTINS = frozenset({*dir(builtins), "__builtin__", "__file__", "__builtins__", "__class__"})


class NotANotebook(Exception):
    """The file parsed as Python but is not a marimo notebook."""


class CellKind(Enum):
    CELL = "cell"  # @app.cell
    SETUP = "setup"  # with app.setup:
    FUNCTION = "function"  # @app.function
    CLASS = "class_definition"  # @app.class_definition
    UNPARSABLE = "unparsable"  # app._unparsable_cell(...)


@dataclass(frozen=True)
class Cell:
    """One cell of a notebook, as written in the file."""

    index: int
    kind: CellKind
    name: str
    node: ast.stmt
    # From the start of the first decorator's line to the end of the
    # statement's last line (line break included): what a codemod rewrites.
    span: Span
    body: tuple[ast.stmt, ...]  # the statements marimo runs
    final_return: ast.Return | None  # the function's last statement, if a return
    params: tuple[str, ...]
    options: dict[str, object]
    is_async: bool
    scope: CellScope
    # A cell that does not parse where it stands in the file (`nbfix.cell_chunks`):
    # Python's error, in file lines. Its kind is UNPARSABLE, its body empty, its
    # node a `pass` standing in its place, its defs unknown (none), and its refs
    # every public name it mentions (what it reads on a Python that parses it, or once
    # mended), so no fix renames, privatises or reuses a name it may read. An
    # `app._unparsable_cell(...)`, also UNPARSABLE, has no refs: marimo, which
    # writes the other cells' signatures, does not count it either.
    syntax_error: SyntaxError | None = None

    @property
    def defs(self) -> frozenset[str]:
        return self.scope.defs

    @property
    def refs(self) -> frozenset[str]:
        return self.scope.refs

    @cached_property
    def nodes(self) -> NodeIndex:
        """Every node of `body`, walked once for all rules (see `nbfix.nodes`)."""
        return NodeIndex(self.body)

    @cached_property
    def identifiers(self) -> frozenset[str]:
        """Every identifier the body binds or reads, at any depth (not attribute names).

        What a fix checks before it introduces a name (`_output`, a fresh
        scaler, a renamed variable): a name not in here cannot clash.
        """
        names: set[str] = set()
        for node in self.nodes:
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name.split(".")[0])
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                names.update(node.names)
            elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
                names.add(node.name)
            elif isinstance(node, ast.MatchMapping) and node.rest:
                names.add(node.rest)
        return frozenset(names)

    @property
    def is_broken(self) -> bool:
        """A cell whose text does not parse (not an `app._unparsable_cell(...)`, which does)."""
        return self.syntax_error is not None

    @property
    def is_code_cell(self) -> bool:
        """An `@app.cell`: a function marimo re-signs from its body."""
        return self.kind is CellKind.CELL

    @property
    def returned_names(self) -> tuple[str, ...] | None:
        """The names in the final `return` (None if it returns anything else)."""
        ret = self.final_return
        if ret is None or ret.value is None:
            return ()
        value = ret.value
        items = value.elts if isinstance(value, ast.Tuple) else [value]
        if all(isinstance(item, ast.Name) for item in items):
            return tuple(item.id for item in items)  # type: ignore[attr-defined]
        return None


@dataclass(frozen=True)
class Notebook:
    """A parsed marimo notebook."""

    path: str
    text: str
    index: LineIndex
    module: ast.Module
    cells: tuple[Cell, ...]
    app_name: str = "app"
    marimo_alias: str = "marimo"
    stray_statements: tuple[ast.stmt, ...] = field(default=())
    # The semantic model's facts, computed lazily by the rules that ask (`nbfix.semantic`).
    facts: dict[type, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def parse(cls, text: str, path: str = "<string>") -> Notebook:
        """Parse a notebook's text. Raises SyntaxError or NotANotebook.

        A file that does not parse is parsed cell by cell (`nbfix.cell_chunks`):
        each cell that does not parse becomes a broken cell (`Cell.is_broken`);
        SyntaxError only when the problem is not one cell's.
        """
        try:
            module = ast.parse(text, filename=path, type_comments=False)
        except SyntaxError as error:
            index = LineIndex.of_text(text)
            statements, broken = parse_in_chunks(index, path, error)
            module = ast.Module(body=statements, type_ignores=[])
            return _Builder(path, text, module, broken, index).build()
        return _Builder(path, text, module).build()

    def release(self) -> None:
        """Drop the cached facts, when the pipeline is done with this notebook.

        Many facts keep the notebook they describe, so a notebook and its
        facts form a reference cycle that only the cyclic garbage collector
        frees, together with every tree and record they hold: a sixth of a
        cold check. Released, they go by reference counting as soon as the
        last reference does. A fact asked for afterwards is computed again.
        """
        self.facts.clear()

    @property
    def broken_cells(self) -> tuple[Cell, ...]:
        return tuple(cell for cell in self.cells if cell.is_broken)

    @cached_property
    def parsable_text(self) -> str:
        """The text with each broken cell's lines emptied, line breaks kept: it compiles if the rest does."""
        if not any(cell.is_broken for cell in self.cells):
            return self.text
        data = self.index.data
        parts, position = [], 0
        for cell in self.broken_cells:
            parts.append(data[position : cell.span.start])
            lines = data[cell.span.start : cell.span.end].splitlines(keepends=True)
            parts.extend(line[len(line.rstrip(b"\r\n")) :] for line in lines)
            position = cell.span.end
        parts.append(data[position:])
        return b"".join(parts).decode("utf-8")

    @property
    def code_cells(self) -> Iterator[Cell]:
        return (cell for cell in self.cells if cell.kind is CellKind.CELL)

    @cached_property
    def definers(self) -> dict[str, tuple[Cell, ...]]:
        """Each global name -> the cells that define it, in file order."""
        result: dict[str, list[Cell]] = {}
        for cell in self.cells:
            for name in cell.defs:
                result.setdefault(name, []).append(cell)
        return {name: tuple(cells) for name, cells in result.items()}

    @cached_property
    def toplevel_names(self) -> frozenset[str]:
        """Names every cell sees without a parameter: setup, @app.function, classes."""
        names: set[str] = set()
        for cell in self.cells:
            if cell.kind in (CellKind.SETUP, CellKind.FUNCTION, CellKind.CLASS):
                names |= cell.defs
        return frozenset(names)

    @cached_property
    def always_visible(self) -> frozenset[str]:
        """Names no cell signature lists: unshadowed builtins, setup and top-level definitions."""
        return (BUILTINS - self.definers.keys()) | self.toplevel_names

    @cached_property
    def all_refs(self) -> frozenset[str]:
        """Every name some non-setup cell reads (marimo's `used_refs`)."""
        refs: set[str] = set()
        for cell in self.cells:
            if cell.kind is not CellKind.SETUP:
                refs |= cell.refs
        return frozenset(refs)

    @cached_property
    def import_bindings(self) -> tuple[tuple[str, str], ...]:
        """(bound name, what it stands for) of every import in every cell, in file order.

        `import numpy as np` -> ("np", "numpy"); `import os.path` -> ("os", "os");
        `from a.b import c as d` -> ("d", "a.b.c"). Relative and star imports
        bind nothing here. marimo shares a cell's imports with every cell, so
        rules resolve a name through these whichever cell imported it.
        """
        bindings: list[tuple[str, str]] = []
        for cell in self.cells:
            for node in cell.nodes.of(ast.Import, ast.ImportFrom):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        if alias.asname:
                            bindings.append((alias.asname, alias.name))
                        else:
                            root = alias.name.split(".")[0]
                            bindings.append((root, root))
                elif node.level == 0 and node.module:
                    bindings.extend(
                        (alias.asname or alias.name, f"{node.module}.{alias.name}")
                        for alias in node.names
                        if alias.name != "*"
                    )
        return tuple(bindings)

    @cached_property
    def uses_sql(self) -> bool:
        return any(cell.scope.uses_sql for cell in self.cells)

    def cell_at(self, offset: int) -> Cell | None:
        for cell in self.cells:
            if cell.span.start <= offset < cell.span.end:
                return cell
        return None


def _decorator_target(decorator: ast.expr, app_name: str) -> str | None:
    """`@app.cell`, `@app.cell(...)` -> "cell"; anything else -> None."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == app_name:
        return func.attr
    return None


def _literal_options(call: ast.expr) -> dict[str, object]:
    if not isinstance(call, ast.Call):
        return {}
    options: dict[str, object] = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            continue
        try:
            options[keyword.arg] = ast.literal_eval(keyword.value)
        except ValueError:
            options[keyword.arg] = ast.unparse(keyword.value)
    return options


class _Builder:
    """Recognises the parts of a marimo file in a parsed module."""

    def __init__(
        self,
        path: str,
        text: str,
        module: ast.Module,
        broken: list[BrokenChunk] | None = None,
        index: LineIndex | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.module = module
        self.broken = broken or []
        self.index = index or LineIndex.of_text(text)

    def build(self) -> Notebook:
        marimo_alias = self._marimo_import()
        app_name = self._app_name(marimo_alias)
        cells: list[Cell] = []
        stray: list[ast.stmt] = []
        seen_app = False
        for statement in self._in_file_order():
            if isinstance(statement, BrokenChunk):
                cells.append(self._broken_cell(statement, len(cells)))
                continue
            if not seen_app:
                seen_app = self._is_app_assignment(statement, marimo_alias)
                continue
            cell = self._cell(statement, app_name, len(cells))
            if cell is not None:
                cells.append(cell)
            elif not self._is_run_guard(statement) and not self._is_version(statement):
                stray.append(statement)
        return Notebook(
            path=self.path,
            text=self.text,
            index=self.index,
            module=self.module,
            cells=tuple(cells),
            app_name=app_name,
            marimo_alias=marimo_alias,
            stray_statements=tuple(stray),
        )

    def _in_file_order(self) -> Iterator[ast.stmt | BrokenChunk]:
        """The module's statements, with the broken cells where they stand."""
        pending = list(self.broken)
        for statement in self.module.body:
            while pending and pending[0].first_line < statement.lineno:
                yield pending.pop(0)
            yield statement
        yield from pending

    # -- the file's frame ------------------------------------------------
    def _marimo_import(self) -> str:
        for statement in self.module.body:
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    if alias.name == "marimo":
                        return alias.asname or "marimo"
        raise NotANotebook("no `import marimo`")

    def _is_app_assignment(self, statement: ast.stmt, marimo_alias: str) -> bool:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            return False
        value = statement.value
        return (
            isinstance(statement.targets[0], ast.Name)
            and isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "App"
            and isinstance(value.func.value, ast.Name)
            and value.func.value.id == marimo_alias
        )

    def _app_name(self, marimo_alias: str) -> str:
        for statement in self.module.body:
            if self._is_app_assignment(statement, marimo_alias):
                return statement.targets[0].id  # type: ignore[attr-defined]
        raise NotANotebook("no `app = marimo.App(...)`")

    @staticmethod
    def _is_run_guard(statement: ast.stmt) -> bool:
        return (
            isinstance(statement, ast.If)
            and isinstance(statement.test, ast.Compare)
            and isinstance(statement.test.left, ast.Name)
            and statement.test.left.id == "__name__"
        )

    @staticmethod
    def _is_version(statement: ast.stmt) -> bool:
        return (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id == "__generated_with"
        )

    # -- cells -----------------------------------------------------------
    def _span_of_lines(self, first_line: int, last_line: int) -> Span:
        return self.index.span(self.index.line_start(first_line), self.index.line_end(last_line))

    def _cell(self, statement: ast.stmt, app_name: str, index: int) -> Cell | None:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return self._decorated_cell(statement, app_name, index)
        if isinstance(statement, (ast.With, ast.AsyncWith)):
            return self._setup_cell(statement, app_name, index)
        if self._is_unparsable(statement, app_name):
            return Cell(
                index=index,
                kind=CellKind.UNPARSABLE,
                name=str(_literal_options(statement.value).get("name", "_")),  # type: ignore[attr-defined]
                node=statement,
                span=self._span_of_lines(statement.lineno, statement.end_lineno or statement.lineno),
                body=(),
                final_return=None,
                params=(),
                options=_literal_options(statement.value),  # type: ignore[attr-defined]
                is_async=False,
                scope=analyze([]),
            )
        return None

    def _broken_cell(self, chunk: BrokenChunk, index: int) -> Cell:
        span = self._span_of_lines(chunk.first_line, chunk.last_line)
        text = self.index.data[span.start : span.end].decode("utf-8")
        last_line = self.index.data[self.index.line_start(chunk.last_line) : span.end].rstrip(b"\r\n")
        stand_in = ast.Pass(
            lineno=chunk.first_line, col_offset=0, end_lineno=chunk.last_line, end_col_offset=len(last_line)
        )
        return Cell(
            index=index,
            kind=CellKind.UNPARSABLE,
            name=chunk_name(self.index, chunk),
            node=stand_in,
            span=span,
            body=(),
            final_return=None,
            params=(),
            options={},
            is_async=False,
            scope=replace(analyze([]), refs=frozenset(n for n in mentioned_names(text) if not is_private(n))),
            syntax_error=chunk.error,
        )

    def _decorated_cell(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
        app_name: str,
        index: int,
    ) -> Cell | None:
        marimo_decorators = [
            (d, _decorator_target(d, app_name))
            for d in node.decorator_list
            if _decorator_target(d, app_name) in ("cell", "function", "class_definition")
        ]
        if not marimo_decorators:
            return None
        decorator, target = marimo_decorators[0]
        first_line = node.decorator_list[0].lineno
        span = self._span_of_lines(first_line, node.end_lineno or node.lineno)
        options = _literal_options(decorator)
        is_async = isinstance(node, ast.AsyncFunctionDef)
        if target == "cell" and not isinstance(node, ast.ClassDef):
            body = list(node.body)
            final_return = body.pop() if isinstance(body[-1], ast.Return) else None
            params = tuple(arg.arg for arg in (*node.args.posonlyargs, *node.args.args))
            return Cell(
                index=index,
                kind=CellKind.CELL,
                name=node.name,
                node=node,
                span=span,
                body=tuple(body),
                final_return=final_return,
                params=params,
                options=options,
                is_async=is_async,
                scope=analyze(body),
            )
        # @app.function / @app.class_definition: the definition is the cell;
        # marimo scopes it without its marimo decorator.
        bare = ast.copy_location(_copy_without_decorator(node, decorator), node)
        return Cell(
            index=index,
            kind=CellKind.FUNCTION if target == "function" else CellKind.CLASS,
            name=node.name,
            node=node,
            span=span,
            body=(bare,),
            final_return=None,
            params=(),
            options=options,
            is_async=is_async,
            scope=analyze([bare]),
        )

    def _setup_cell(self, node: ast.With | ast.AsyncWith, app_name: str, index: int) -> Cell | None:
        if len(node.items) != 1:
            return None
        context = node.items[0].context_expr
        func = context.func if isinstance(context, ast.Call) else context
        if not (
            isinstance(func, ast.Attribute)
            and func.attr == "setup"
            and isinstance(func.value, ast.Name)
            and func.value.id == app_name
        ):
            return None
        return Cell(
            index=index,
            kind=CellKind.SETUP,
            name="setup",
            node=node,
            span=self._span_of_lines(node.lineno, node.end_lineno or node.lineno),
            body=tuple(node.body),
            final_return=None,
            params=(),
            options=_literal_options(context),
            is_async=isinstance(node, ast.AsyncWith),
            scope=analyze(list(node.body)),
        )

    @staticmethod
    def _is_unparsable(statement: ast.stmt, app_name: str) -> bool:
        return (
            isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Call)
            and _decorator_target(statement.value, app_name) == "_unparsable_cell"
        )


def _copy_without_decorator(node: ast.stmt, decorator: ast.expr) -> ast.stmt:
    bare = copy.copy(node)
    bare.decorator_list = [d for d in node.decorator_list if d is not decorator]  # type: ignore[attr-defined]
    return bare
