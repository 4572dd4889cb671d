"""Turn a codemod of one cell into the edits of a Fix.

A codemod sees only its cell's source; this module cuts that source out of
the file, runs the codemod, and returns the smallest edit that turns the old
cell into the new one (common leading and trailing lines are not part of it),
so that editors and JSON readers get a minimal change and fixes in different
parts of one cell do not overlap.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable

from nbfix.codemods import Declined
from nbfix.diagnostics import Applicability, Edit, Fix, FixUnavailable
from nbfix.notebook import Cell, Notebook

Codemod = Callable[[str], str]
# Where a codemod finds a node: (line within the cell's region, 1-based; column in characters, 0-based).
Position = tuple[int, int]


def lazy_codemod(module: str, function: str, *args: object, **kwargs: object) -> Codemod:
    """`codemods.<module>.<function>(source, *args, **kwargs)`, imported only when it runs.

    A check that builds no fix never imports libcst (half a second of startup);
    the codemod module is loaded the first time a fix is built.
    """

    def run(source: str) -> str:
        codemod = getattr(importlib.import_module(f"nbfix.codemods.{module}"), function)
        return codemod(source, *args, **kwargs)

    return run


def cell_fix(
    notebook: Notebook,
    cell: Cell,
    codemod: Codemod,
    applicability: Applicability,
    message: str,
    **flags: bool,
) -> Fix:
    """A fix that applies `codemod` to one cell, built only when its edits are asked for."""
    return Fix(applicability, message, lambda: rewrite_cell(notebook, cell, codemod), **flags)


def node_position(notebook: Notebook, cell: Cell, node: ast.AST) -> Position:
    """Where an `ast` node starts, as a codemod addresses it (see `nbfix.codemods.positions`).

    A rule finds the node on `ast`, the codemod on libcst; both agree on the
    start of a node once `ast`'s column, counted in bytes, is turned into
    characters, and its line is counted from the top of the cell.
    """
    first_line = notebook.index.line_of(cell.span.start)
    line_start = notebook.index.line_start(node.lineno)  # type: ignore[attr-defined]
    prefix = notebook.index.data[line_start : line_start + node.col_offset]  # type: ignore[attr-defined]
    return (node.lineno - first_line + 1, len(prefix.decode("utf-8", errors="replace")))  # type: ignore[attr-defined]


def cell_source(notebook: Notebook, cell: Cell) -> str:
    return notebook.index.data[cell.span.start : cell.span.end].decode("utf-8")


def minimal_edit(old: str, new: str, offset: int) -> Edit:
    """One edit replacing only the lines that differ, at byte `offset` of the file."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    prefix = 0
    while prefix < min(len(old_lines), len(new_lines)) and old_lines[prefix] == new_lines[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(old_lines), len(new_lines)) - prefix
        and old_lines[-1 - suffix] == new_lines[-1 - suffix]
    ):
        suffix += 1
    start = offset + len("".join(old_lines[:prefix]).encode())
    end = offset + len("".join(old_lines[: len(old_lines) - suffix]).encode())
    content = "".join(new_lines[prefix : len(new_lines) - suffix])
    return Edit(start, end, content)


def rewrite_cell(notebook: Notebook, cell: Cell, codemod: Codemod) -> tuple[Edit, ...]:
    """The edits that apply `codemod` to `cell`; FixUnavailable if it declines."""
    old = cell_source(notebook, cell)
    try:
        new = _with_cr_line_endings(codemod, old) if _cr_only(old) else codemod(old)
    except Declined as reason:
        raise FixUnavailable(str(reason)) from None
    if new == old:
        raise FixUnavailable("the rewrite changes nothing")
    return (minimal_edit(old, new, cell.span.start),)


def _cr_only(source: str) -> bool:
    return "\r" in source and "\r\n" not in source and "\n" not in source


def _with_cr_line_endings(codemod: Codemod, source: str) -> str:
    """Run a codemod on a cell whose lines end in a lone CR (old Mac style).

    libcst drops a final lone CR, so it cannot reproduce such a cell and every
    codemod would decline. Python's tokenizer reads CR, CRLF and LF alike (in
    string literals too), so the codemod runs on the LF form and its result is
    turned back: the file keeps its CR line endings and its meaning.
    """
    return codemod(source.replace("\r", "\n")).replace("\n", "\r")


def apply_edits(data: bytes, edits: list[Edit]) -> bytes:
    """Apply non-overlapping edits to the file's bytes."""
    out = []
    position = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < position:
            raise ValueError("overlapping edits")
        out.append(data[position : edit.start])
        out.append(edit.content.encode("utf-8"))
        position = edit.end
    out.append(data[position:])
    return b"".join(out)
