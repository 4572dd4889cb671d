"""Remove a cell's own import of a name that another cell imports the same way (NB004).

Two cells that both run `import json` both define `json`, and marimo refuses
to run the notebook. Making the name private (`import json as _json`) would
satisfy the graph but not marimo's own linter (its MR004, private import
alias), so NB004 keeps one of the imports and removes the others: the cell
then reads the name from the cell that keeps it (the engine adds it to the
cell's parameters).

This codemod removes, from the top-level statements of one cell body, every
import alias that binds `name`:

- `import json` alone on its line: the line goes; the comment lines above it
  stay, above the statement that follows (blank lines do not pile up, and a
  cell never starts with one);
- `import os, json` or `from a import b, c`: only the alias goes, with its
  comma (a trailing comma in parentheses stays);
- `import json; x = 1`: only the import goes from the line.

It declines when no top-level import binds `name`, when the cell would be
left without a statement, or when the body is on the `def` line. Imports
inside blocks (`if`, `try`, `with`) are not touched: the rule offers this fix
only when every binding of the name is a top-level import.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from nbfix.codemods import Declined, only_function, parse_region

_Alias = cst.ImportAlias


def remove_import(source: str, name: str) -> str:
    """Remove every top-level import alias of the cell in `source` that binds `name`."""
    module = parse_region(source)
    function = only_function(module)
    if not isinstance(function.body, cst.IndentedBlock):
        raise Declined("the cell's body is on the same line as its `def`")
    statements = list(function.body.body)
    kept: list[cst.BaseStatement] = []
    pending: list[cst.EmptyLine] | None = None  # the lines above a removed statement, for the next one
    removed = 0
    for statement in statements:
        if pending is not None:
            statement = statement.with_changes(
                leading_lines=_joined(pending, statement.leading_lines, first=not kept)
            )
            pending = None
        new, count = _without_alias(statement, name)
        removed += count
        if new is None:
            pending = list(statement.leading_lines)
        else:
            kept.append(new)
    if not removed:
        raise Declined(f"no top-level import binds `{name}` in the cell")
    if not any(not _is_return(statement) for statement in kept):
        raise Declined(f"removing the import of `{name}` would leave the cell empty")
    footer = [*_comments(pending or ()), *function.body.footer]
    new_block = function.body.with_changes(body=kept, footer=footer)
    return module.with_changes(body=[function.with_changes(body=new_block)]).code


def _without_alias(statement: cst.BaseStatement, name: str) -> tuple[cst.BaseStatement | None, int]:
    """The statement without the aliases binding `name` (None: nothing left), and how many went."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return statement, 0
    small: list[cst.BaseSmallStatement] = []
    removed = 0
    for part in statement.body:
        if isinstance(part, (cst.Import, cst.ImportFrom)) and not isinstance(part.names, cst.ImportStar):
            names = [alias for alias in part.names if _binds(alias, name)]
            if names:
                removed += len(names)
                part = _with_names(part, [alias for alias in part.names if not _binds(alias, name)])
                if part is None:
                    continue
        small.append(part)
    if not removed:
        return statement, 0
    if not small:
        return None, removed
    if statement.body[-1] is not small[-1]:  # the last part went: no `;` after the new last one
        small[-1] = small[-1].with_changes(semicolon=statement.body[-1].semicolon)
    return statement.with_changes(body=small), removed


def _with_names(
    part: cst.Import | cst.ImportFrom, names: Sequence[_Alias]
) -> cst.Import | cst.ImportFrom | None:
    """The import with only `names` (None when none is left); the last one keeps the old last comma."""
    if not names:
        return None
    original = part.names
    assert not isinstance(original, cst.ImportStar)
    names = list(names)
    if names[-1] is not original[-1]:
        names[-1] = names[-1].with_changes(comma=original[-1].comma)
    return part.with_changes(names=names)


def _binds(alias: _Alias, name: str) -> bool:
    if alias.asname is not None:
        bound = alias.asname.name
        return isinstance(bound, cst.Name) and bound.value == name
    target: cst.BaseExpression = alias.name
    while isinstance(target, cst.Attribute):
        target = target.value
    return isinstance(target, cst.Name) and target.value == name


def _is_return(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Return)
    )


def _comments(lines: Sequence[cst.EmptyLine]) -> list[cst.EmptyLine]:
    return [line for line in lines if line.comment is not None]


def _joined(
    above: Sequence[cst.EmptyLine], below: Sequence[cst.EmptyLine], *, first: bool
) -> list[cst.EmptyLine]:
    """The lines above a removed statement, put above the next one.

    Where the removed line stood, two blank lines in a row become one, and
    the body does not start with a blank line.
    """
    lines = list(above)
    rest = list(below)
    if lines and rest and lines[-1].comment is None and rest[0].comment is None:
        rest = rest[1:]
    lines.extend(rest)
    if first:
        while lines and lines[0].comment is None:
            lines.pop(0)
    return lines
