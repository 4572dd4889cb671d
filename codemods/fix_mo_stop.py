"""Put `mo.stop`'s arguments in their order: condition first, output second (NB009).

`mo.stop(predicate, output=None)` stops the cell when `predicate` is true and
shows `output`. Written the other way round, `mo.stop(mo.md("..."))` or
`mo.stop(mo.md("..."), cond)`, the output is the predicate: always true, so
the cell always stops and shows nothing. This codemod rewrites the calls the
rule chose (addressed by where their callee starts, see `Position`):

- `mo.stop(out)` -> `mo.stop(True, out)`;
- `mo.stop(out, cond)` -> `mo.stop(cond, out)`: the two values trade places
  and everything around them (commas, line breaks, comments) stays put.

Anything else (keywords, starred arguments, more arguments) is declined.
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from nbfix.codemods import Declined, only_function, parse_region

Position = tuple[int, int]  # the callee's start: 1-based line in the cell source, 0-based character column


class _FixStop(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, positions: Collection[Position]) -> None:
        super().__init__()
        self.positions = set(positions)
        self.fixed: set[Position] = set()

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        start = self.get_metadata(PositionProvider, original_node.func).start
        position = (start.line, start.column)
        if position not in self.positions:
            return updated_node
        self.fixed.add(position)
        return reorder_stop_arguments(updated_node)


def reorder_stop_arguments(call: cst.Call) -> cst.Call:
    """`stop(out)` -> `stop(True, out)`; `stop(out, cond)` -> `stop(cond, out)`."""
    args = list(call.args)
    if not args or any(arg.keyword is not None or arg.star for arg in args) or len(args) > 2:
        raise Declined("only `mo.stop(output)` and `mo.stop(output, condition)` are rewritten")
    if len(args) == 1:
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        condition = cst.Arg(value=cst.Name("True"), comma=comma)
        return call.with_changes(args=[condition, args[0]])
    first, second = args
    new_first = first.with_changes(value=second.value)
    new_second = second.with_changes(value=first.value)
    first_comment, second_comment = _end_of_line(first), _end_of_line(second)
    if first_comment is not None and second_comment is not None:
        # One argument per line: each end-of-line comment goes with its value.
        new_first = _with_end_of_line(new_first, second_comment)
        new_second = _with_end_of_line(new_second, first_comment)
    return call.with_changes(args=[new_first, new_second])


def _line_break_after(arg: cst.Arg) -> tuple[str, cst.ParenthesizedWhitespace] | None:
    """Where the line break after an argument is: after its comma, or after the value itself."""
    if isinstance(arg.comma, cst.Comma):
        if isinstance(arg.comma.whitespace_after, cst.ParenthesizedWhitespace):
            return "comma", arg.comma.whitespace_after
        return None
    if isinstance(arg.whitespace_after_arg, cst.ParenthesizedWhitespace):
        return "arg", arg.whitespace_after_arg
    return None


def _end_of_line(arg: cst.Arg) -> cst.TrailingWhitespace | None:
    """The rest of the argument's line (spaces and comment), when a line break follows it."""
    found = _line_break_after(arg)
    return found[1].first_line if found else None


def _with_end_of_line(arg: cst.Arg, end: cst.TrailingWhitespace) -> cst.Arg:
    found = _line_break_after(arg)
    assert found is not None
    where, whitespace = found
    whitespace = whitespace.with_changes(first_line=end)
    if where == "comma":
        return arg.with_changes(comma=arg.comma.with_changes(whitespace_after=whitespace))  # type: ignore[union-attr]
    return arg.with_changes(whitespace_after_arg=whitespace)


def fix_mo_stop(source: str, positions: Collection[Position]) -> str:
    """Reorder the arguments of the `mo.stop` calls whose callee starts at `positions`."""
    module = parse_region(source)
    only_function(module)
    transformer = _FixStop(positions)
    new_module = MetadataWrapper(module, unsafe_skip_copy=True).visit(transformer)
    missing = set(positions) - transformer.fixed
    if missing:
        raise Declined(f"no call found at {sorted(missing)[0]} in the cell")
    return new_module.code
