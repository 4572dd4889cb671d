"""libcst rewrites, one module per rewrite, each usable on its own.

A codemod takes the source of one cell (its decorators through its last
line) and returns the new source, or raises `Declined` with the reason it
will not rewrite (a shape whose meaning would change, a region libcst cannot
reproduce). Only the cell is parsed, never the whole file: libcst costs an
order of magnitude more than `ast`, and the bytes outside the cell must stay
identical anyway.

This package's root imports libcst only when a function here runs: a check
that builds no fix never pays for importing libcst (half a second).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import libcst as cst


class Declined(Exception):
    """The codemod will not rewrite this source; the message says why."""


def parse_region(source: str) -> cst.Module:
    """Parse a region with libcst, refusing one that libcst cannot give back exactly."""
    import libcst as cst

    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        raise Declined(f"libcst cannot parse the cell: {error.message}") from None
    if module.code != source:
        raise Declined("libcst does not reproduce this cell's text exactly")
    return module


def only_function(module: cst.Module) -> cst.FunctionDef:
    """The single function definition a cell region holds."""
    import libcst as cst

    functions = [s for s in module.body if isinstance(s, cst.FunctionDef)]
    if len(module.body) != 1 or len(functions) != 1:
        raise Declined("the region is not a single cell function")
    return functions[0]
