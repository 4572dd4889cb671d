"""Bind the loop variables a closure reads as default arguments (NB013).

A `lambda` or `def` created in a loop that reads the loop variable looks the
variable up when it is *called*; by then the loop has moved on, so every copy
sees the last value. A default argument is evaluated when the function is
*created*, so `lambda v, name=name: ...` keeps the value of its iteration.

The rule gives the functions to rewrite by position (line within the region,
1-based; column in characters, 0-based; the `lambda`, `def` or `async`
keyword) and the names each must bind. New parameters go after the existing
positional ones, before `**kwargs`; after `*args` or a bare `*` they become
keyword-only. A parameter list written one per line with a trailing comma
gets the new parameters on lines of their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from nbfix.codemods import Declined, parse_region

Position = tuple[int, int]


def bind_loop_variables(source: str, targets: Mapping[Position, Sequence[str]]) -> str:
    """Add `name=name` parameters to the functions at `targets` in the region `source`."""
    module = parse_region(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    binder = _Binder(wrapper.resolve(PositionProvider), targets)
    new_module = wrapper.module.visit(binder)
    missing = set(targets) - binder.done
    if missing:
        raise Declined("the cell does not have the functions the rule found")
    return new_module.code


class _Binder(cst.CSTTransformer):
    def __init__(self, positions: Mapping[cst.CSTNode, object], targets: Mapping[Position, Sequence[str]]):
        super().__init__()
        self.positions = positions
        self.targets = targets
        self.done: set[Position] = set()

    def _names_for(self, node: cst.CSTNode) -> Sequence[str] | None:
        code_range = self.positions.get(node)
        if code_range is None:
            return None
        position = (code_range.start.line, code_range.start.column)  # type: ignore[attr-defined]
        names = self.targets.get(position)
        if names is not None:
            self.done.add(position)
        return names

    def leave_Lambda(self, original_node: cst.Lambda, updated_node: cst.Lambda) -> cst.Lambda:
        names = self._names_for(original_node)
        if not names:
            return updated_node
        return updated_node.with_changes(params=add_defaults(updated_node.params, names, None))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        names = self._names_for(original_node)
        if not names:
            return updated_node
        params = add_defaults(updated_node.params, names, updated_node.whitespace_before_params)
        return updated_node.with_changes(params=params)


def _default_param(name: str) -> cst.Param:
    no_space = cst.SimpleWhitespace("")
    return cst.Param(cst.Name(name), default=cst.Name(name), equal=cst.AssignEqual(no_space, no_space))


def add_defaults(
    params: cst.Parameters, names: Sequence[str], opening: cst.BaseParenthesizableWhitespace | None
) -> cst.Parameters:
    """`params` with `name=name` appended for each name (keyword-only after `*args` or `*`).

    `opening` is the whitespace after the `(` of a `def`: when the last
    parameter ends in a trailing comma that breaks the line, each new parameter
    starts its own line with that same indentation.
    """
    existing = {p.name.value for p in _all_params(params)}
    clash = existing.intersection(names)
    if clash:
        raise Declined(f"the function already has a parameter named `{sorted(clash)[0]}`")
    keyword_only = isinstance(params.star_arg, (cst.Param, cst.ParamStar))
    group = list(params.kwonly_params if keyword_only else params.params)
    added = [_default_param(name) for name in names]
    if _has_layout(group):  # one parameter per line: the new ones too
        added = _laid_out(group.pop(), added, opening)
    group.extend(added)
    return params.with_changes(**{"kwonly_params" if keyword_only else "params": group})


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    found = [*params.posonly_params, *params.params, *params.kwonly_params]
    for extra in (params.star_arg, params.star_kwarg):
        if isinstance(extra, cst.Param):
            found.append(extra)
    return found


def _has_layout(group: list[cst.Param]) -> bool:
    """Whether the group's last parameter ends in a comma followed by a line break."""
    if not group:
        return False
    comma = group[-1].comma
    return isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace)


def _laid_out(
    last: cst.Param, added: list[cst.Param], opening: cst.BaseParenthesizableWhitespace | None
) -> list[cst.Param]:
    """`last` and the new parameters, one per line as `last` is."""
    if not isinstance(opening, cst.ParenthesizedWhitespace):
        raise Declined("a parameter list with a trailing comma but no line break after `(`")
    closing = last.comma
    between = cst.Comma(whitespace_after=opening)
    laid = [last.with_changes(comma=between)]
    for index, param in enumerate(added):
        laid.append(param.with_changes(comma=closing if index == len(added) - 1 else between))
    return laid
