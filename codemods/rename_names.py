"""Rename a variable in one cell (NB002, NB003).

Two ways, for two needs:

- `rename_reads`: rename the `Name` nodes at given positions. NB002 knows
  exactly which reads resolve to the misspelt global (from the marimo-style
  scope analysis) and must not touch anything else: the cell may also spell
  the name correctly elsewhere, or use it as a local.
- `rename_everywhere`: consistently rename every use of an identifier in the
  cell: reads, writes, parameters, `def`/`class` names, `global`/`nonlocal`,
  and import bindings (`from m import _x` becomes `from m import _x as x`).
  NB003 renames a private name in its defining cell and in every reader;
  consistent renaming to a fresh name keeps the meaning. Attribute names
  (`obj._x`) and keyword arguments (`f(_x=1)`) are other things and are
  left alone.
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from nbfix.codemods import Declined, only_function, parse_region

Position = tuple[int, int]  # 1-based line in the cell source, 0-based character column


class _RenameAt(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, positions: Collection[Position], old: str, new: str) -> None:
        super().__init__()
        self.positions = set(positions)
        self.old = old
        self.new = new
        self.renamed: set[Position] = set()

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        start = self.get_metadata(PositionProvider, original_node).start
        position = (start.line, start.column)
        if position not in self.positions:
            return updated_node
        if original_node.value != self.old:
            found = original_node.value
            raise Declined(f"expected `{self.old}` at line {start.line} of the cell, found `{found}`")
        self.renamed.add(position)
        return updated_node.with_changes(value=self.new)


def rename_reads(source: str, positions: Collection[Position], old: str, new: str) -> str:
    """Rename the reads of `old` at `positions` to `new`; declines if any position is not one."""
    module = parse_region(source)
    only_function(module)
    transformer = _RenameAt(positions, old, new)
    new_module = MetadataWrapper(module, unsafe_skip_copy=True).visit(transformer)
    missing = set(positions) - transformer.renamed
    if missing:
        raise Declined(f"no `{old}` found at {sorted(missing)[0]} in the cell")
    return new_module.code


class _RenameEverywhere(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old = old
        self.new = new
        self.keep: set[int] = set()  # ids of Name nodes that are not the variable

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.keep.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.keep.add(id(node.keyword))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        for name in _names_in(node.module):
            self.keep.add(id(name))

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        for name in _names_in(node.name):
            self.keep.add(id(name))

    def leave_ImportAlias(
        self, original_node: cst.ImportAlias, updated_node: cst.ImportAlias
    ) -> cst.ImportAlias:
        bound = original_node.name
        asname = original_node.asname
        if asname is not None and isinstance(asname.name, cst.Name) and asname.name.value == self.old:
            if isinstance(bound, cst.Name) and bound.value == self.new:
                return updated_node.with_changes(asname=None)  # `pi as _pi` -> `pi`
            return updated_node
        if original_node.asname is None and isinstance(bound, cst.Name) and bound.value == self.old:
            return updated_node.with_changes(asname=cst.AsName(name=cst.Name(self.new)))
        if original_node.asname is None and isinstance(bound, cst.Attribute) and _root(bound) == self.old:
            raise Declined(f"`import {self.old}.…` binds `{self.old}` to a package; rename it by hand")
        return updated_node

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if original_node.value == self.old and id(original_node) not in self.keep:
            return updated_node.with_changes(value=self.new)
        return updated_node


def _names_in(node: cst.BaseExpression | None) -> list[cst.Name]:
    names: list[cst.Name] = []
    while isinstance(node, cst.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, cst.Name):
        names.append(node)
    return names


def _root(node: cst.Attribute) -> str:
    value: cst.BaseExpression = node
    while isinstance(value, cst.Attribute):
        value = value.value
    return value.value if isinstance(value, cst.Name) else ""


def rename_everywhere(source: str, old: str, new: str) -> str:
    """Rename every use of the identifier `old` in the cell's body to `new`.

    The cell function's own name and parameter list are not the body: the
    parameters are regenerated by the engine after the rewrite.
    """
    module = parse_region(source)
    function = only_function(module)
    body = function.body.visit(_RenameEverywhere(old, new))
    return module.with_changes(body=[function.with_changes(body=body)]).code
