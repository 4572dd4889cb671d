"""Turn a spinner driven with `.open()`/`.close()` into a `with` block (NB006).

`mo.status.spinner(...)` (and `mo.status.progress_bar(...)`) is a context
manager and nothing else: it has no `.open()` or `.close()`, so code that
binds one to a name and calls them raises AttributeError, and a spinner that
is bound and never entered shows nothing. The rewrite:

    spinner = mo.status.spinner(title="Running...")
    spinner.open()
    result = expensive_operation()
    spinner.close()

becomes

    with mo.status.spinner(title="Running...") as spinner:
        result = expensive_operation()

The statements from the assignment through the `.close()` (or, without one,
through the last statement the plan names) become the body of the `with`;
`.open()` and `.close()` are dropped; `as NAME` is kept only when the plan
says the body still uses the name (`spinner.update(...)`). libcst re-indents
the moved statements, nested blocks, continuation lines and comments alike;
the comments of the dropped calls are kept where they were: those of
`.open()` move onto the next statement, those of `.close()` end the body.

Which statements to move is decided by the rule from its `ast` analysis and
handed over as a `SpinnerPlan` of line numbers (1-based, within the cell's
source). The codemod checks that the lines hold the shapes the plan claims
and declines otherwise, so a stale plan can never rewrite the wrong code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from nbfix.codemods import Declined, only_function, parse_region


@dataclass(frozen=True)
class SpinnerPlan:
    """What to rewrite: lines are 1-based within the cell source handed to the codemod."""

    name: str  # the name the spinner is bound to
    assign_line: int  # `name = <factory>(...)`
    end_line: int  # the last statement that goes into the `with` (the close, if any)
    open_line: int | None = None  # `name.open()`, dropped
    close_line: int | None = None  # `name.close()`, dropped; equals end_line when set
    keep_name: bool = True  # write `as name` (the body still reads it)


def spinner_to_with(source: str, plan: SpinnerPlan) -> str:
    """Rewrite the one spinner `plan` names; Declined if the source does not match it."""
    module = parse_region(source)
    only_function(module)
    if plan.close_line is not None and plan.close_line != plan.end_line:
        raise Declined("the `with` block must end at the `.close()`")
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    rewriter = _Rewriter(plan, wrapper.resolve(PositionProvider))
    new_module = module.visit(rewriter)
    if not rewriter.done:
        raise Declined(f"no `{plan.name} = ...` statement on its own line where the plan expects it")
    return new_module.code


class _Rewriter(cst.CSTTransformer):
    """Finds the block holding the assignment and rewrites that block only."""

    def __init__(self, plan: SpinnerPlan, positions: dict[cst.CSTNode, CodeRange]) -> None:
        super().__init__()
        self.plan = plan
        self.positions = positions
        self.done = False

    def _line(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.line

    def _index(self, statements: Sequence[cst.BaseStatement], line: int) -> int:
        for index, statement in enumerate(statements):
            if self._line(statement) == line:
                return index
        raise Declined("a statement of the spinner is not in the same block as its assignment")

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        originals = list(original_node.body)
        line = self.plan.assign_line
        if self.done or not any(
            isinstance(s, cst.SimpleStatementLine) and self._line(s) == line for s in originals
        ):
            return updated_node
        plan = self.plan
        start = self._index(originals, plan.assign_line)
        end = self._index(originals, plan.end_line)
        open_at = self._index(originals, plan.open_line) if plan.open_line is not None else None
        if end <= start or (open_at is not None and not start < open_at <= end):
            raise Declined("the spinner's statements are not in the order the plan expects")
        statements = list(updated_node.body)
        call = _assigned_call(statements[start], plan.name)
        if open_at is not None:
            _check_method_call(statements[open_at], plan.name, "open")
        if plan.close_line is not None:
            _check_method_call(statements[end], plan.name, "close")
        moved = statements[start + 1 : end if plan.close_line is not None else end + 1]
        dropped_open = statements[open_at] if open_at is not None else None
        dropped_close = statements[end] if plan.close_line is not None else None
        with_block = _with_statement(statements[start], call, plan, moved, dropped_open, dropped_close)
        self.done = True
        return updated_node.with_changes(body=[*statements[:start], with_block, *statements[end + 1 :]])


# -- shapes ------------------------------------------------------------------
def _single(statement: cst.BaseStatement) -> cst.BaseSmallStatement:
    """The one small statement of a line; Declined for `a; b` or a compound statement."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        raise Declined("the spinner's statements share a line with others (`;`)")
    return statement.body[0]


def _assigned_call(statement: cst.BaseStatement, name: str) -> cst.Call:
    small = _single(statement)
    if not (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
        and small.targets[0].target.value == name
        and isinstance(small.value, cst.Call)
    ):
        raise Declined(f"the plan's line does not hold `{name} = <spinner>(...)`")
    return small.value


def _check_method_call(statement: cst.BaseStatement, name: str, method: str) -> None:
    small = _single(statement)
    if not (
        isinstance(small, cst.Expr)
        and isinstance(small.value, cst.Call)
        and not small.value.args
        and isinstance(small.value.func, cst.Attribute)
        and isinstance(small.value.func.value, cst.Name)
        and small.value.func.value.value == name
        and small.value.func.attr.value == method
    ):
        raise Declined(f"the plan's line does not hold `{name}.{method}()`")


# -- the new statement -------------------------------------------------------
def _comment_lines(statement: cst.SimpleStatementLine) -> list[cst.EmptyLine]:
    """The comments above and after a dropped statement, as comment lines."""
    lines = list(statement.leading_lines)
    trailing = statement.trailing_whitespace.comment
    if trailing is not None:
        lines.append(cst.EmptyLine(indent=True, whitespace=cst.SimpleWhitespace(""), comment=trailing))
    return lines


def _strip_blank_edges(lines: list[cst.EmptyLine], *, head: bool) -> list[cst.EmptyLine]:
    """Drop the blank lines at the head (or the tail) of a run of lines; comments stay."""
    lines = list(lines)
    while lines and lines[0 if head else -1].comment is None:
        lines.pop(0 if head else -1)
    return lines


def _with_statement(
    assignment: cst.BaseStatement,
    call: cst.Call,
    plan: SpinnerPlan,
    moved: list[cst.BaseStatement],
    dropped_open: cst.BaseStatement | None,
    dropped_close: cst.BaseStatement | None,
) -> cst.With:
    body: list[cst.BaseStatement] = []
    pending: list[cst.EmptyLine] = []
    for statement in moved:
        if statement is dropped_open:
            pending.extend(_comment_lines(statement))  # type: ignore[arg-type]
            continue
        if pending:
            statement = statement.with_changes(leading_lines=[*pending, *statement.leading_lines])
            pending = []
        body.append(statement)
    footer = pending
    if dropped_close is not None:
        footer = [*footer, *_comment_lines(dropped_close)]  # type: ignore[arg-type]
    footer = _strip_blank_edges(footer, head=False)
    if not body:
        raise Declined("no statement would run under the spinner")
    body[0] = body[0].with_changes(leading_lines=_strip_blank_edges(list(body[0].leading_lines), head=True))
    assert isinstance(assignment, cst.SimpleStatementLine)
    asname = cst.AsName(name=cst.Name(plan.name)) if plan.keep_name else None
    return cst.With(
        items=[cst.WithItem(item=call, asname=asname)],
        body=cst.IndentedBlock(body=body, header=assignment.trailing_whitespace, footer=footer),
        leading_lines=assignment.leading_lines,
    )
