"""Make the output at the end of a cell's branches visible (NB008).

marimo displays only the value of a cell's last top-level expression, so
`if c: mo.md("a") else: mo.md("b")` at the end of a cell shows nothing. This
codemod rewrites the cell's last if/try/match (the one the rule found: only
statements that display nothing may follow it) so that every way out of it
assigns `_output`, and appends `_output` as the cell's last expression:

- a branch whose last statement is an output `E` gets `_output = E`
  (a nested if/try/match at the end of a branch is rewritten the same way);
  several outputs in a row at its end are all kept: `_output =
  mo.vstack([E1, E2])` (one element per line, their comments kept beside
  them), never only the last;
- a branch that ends otherwise gets `_output = None` after its last statement
  (a lone `pass` is replaced), except one ending in `raise`;
- an `if` without `else` gets `else: _output = None`, a `match` without a
  catch-all case gets `case _: _output = None`;
- a `try` block's output counts only when it has no `else` block, and not
  when the block is one expression whose handlers report the error without
  an output (`try: int(x)` / `except ValueError: print(...)`: it is there to
  raise); a `finally` block never runs last for display purposes, so one
  ending in an output is declined.

Which expressions are outputs is the rule's decision, passed in as
`is_display(expression_source) -> bool`, and so is the callee that stacks
outputs (`stack="mo.vstack"`, None where marimo is not imported as a name:
outputs in a row are then declined). `_output` is private to the cell (its
leading underscore), so the cell's signature does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst
from libcst import MaybeSentinel

from nbfix.codemods import Declined, only_function, parse_region

OUTPUT_NAME = "_output"
IsDisplay = Callable[[str], bool]
_TRY = (cst.Try, cst.TryStar)
_BRANCHING = (cst.If, cst.Match, *_TRY)
_EMPTY = cst.Module(body=[])
_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def _assign(value: cst.BaseExpression, like: cst.BaseSmallStatement | None = None) -> cst.Assign:
    assign = cst.Assign(targets=[cst.AssignTarget(cst.Name(OUTPUT_NAME))], value=value)
    if isinstance(like, cst.Expr):
        assign = assign.with_changes(semicolon=like.semicolon)
    return assign


def _none_line() -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine([_assign(cst.Name("None"))])


def _is_return_line(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Return)
    )


class _Exposer:
    """Rewrites one compound statement so that every way out of it assigns `_output`."""

    def __init__(self, is_display: IsDisplay, stack: str | None, indent: str) -> None:
        self.is_display = is_display
        self.stack = stack
        self.indent = indent  # one level of the cell's indentation

    # -- what a block ends in --------------------------------------------
    def _is_output(self, small: cst.BaseSmallStatement) -> bool:
        return isinstance(small, cst.Expr) and self.is_display(_EMPTY.code_for_node(small.value))

    def ends_in_output(self, suite: cst.BaseSuite | None) -> bool:
        if suite is None:
            return False
        last: cst.CSTNode = suite.body[-1]
        if isinstance(last, cst.SimpleStatementLine):
            last = last.body[-1]
        if isinstance(last, cst.BaseSmallStatement):
            return self._is_output(last)
        return isinstance(last, _BRANCHING) and any(self.ends_in_output(b) for b in self.suites(last))

    def raises_on_purpose(self, node: cst.Try | cst.TryStar) -> bool:
        """A `try` body of one expression whose handlers report its error without an output
        (`nbfix.semantic.outputs.raises_on_purpose`, read on libcst)."""
        body = node.body.body
        line = body[0] if len(body) == 1 else None
        if isinstance(line, cst.SimpleStatementLine):
            line = line.body[0] if len(line.body) == 1 else None  # type: ignore[assignment]
        return (
            isinstance(line, cst.Expr)
            and any(not _does_nothing(handler.body) for handler in node.handlers)
            and not any(self.ends_in_output(handler.body) for handler in node.handlers)
        )

    def suites(self, node: cst.BaseCompoundStatement) -> list[cst.BaseSuite]:
        """Every block after which control may leave `node` (a `try` body there to raise aside)."""
        if isinstance(node, cst.If):
            found = [node.body]
            if isinstance(node.orelse, cst.If):
                found.extend(self.suites(node.orelse))
            elif node.orelse is not None:
                found.append(node.orelse.body)
            return found
        if isinstance(node, cst.Match):
            return [case.body for case in node.cases]
        if isinstance(node, _TRY):
            found = [] if self.raises_on_purpose(node) else [node.body]
            found += [handler.body for handler in node.handlers]
            if node.orelse is not None:
                found.append(node.orelse.body)
            if node.finalbody is not None:
                found.append(node.finalbody.body)
            return found
        return []

    def _trailing_run(self, lines: Sequence[cst.BaseStatement]) -> list[tuple[int, int]]:
        """(line, statement in line) of each output in the row that ends a block."""
        found: list[tuple[int, int]] = []
        for line_index in range(len(lines) - 1, -1, -1):
            line = lines[line_index]
            if not isinstance(line, cst.SimpleStatementLine):
                break
            smalls = line.body
            taken = 0
            while taken < len(smalls) and self._is_output(smalls[len(smalls) - 1 - taken]):
                found.append((line_index, len(smalls) - 1 - taken))
                taken += 1
            if taken < len(smalls):
                break
        return found[::-1]

    # -- rewriting -------------------------------------------------------
    def suite(self, suite: cst.BaseSuite) -> cst.BaseSuite:
        """A branch: make its last statement assign `_output`."""
        if isinstance(suite, cst.SimpleStatementSuite):
            return suite.with_changes(body=self._smalls(list(suite.body)))
        assert isinstance(suite, cst.IndentedBlock)
        statements = list(suite.body)
        run = self._trailing_run(statements)
        if len({line for line, _ in run}) > 1:
            return suite.with_changes(body=self._stack_lines(statements, run))
        last = statements[-1]
        if isinstance(last, cst.SimpleStatementLine):
            smalls = list(last.body)
            if self._is_output(smalls[-1]) or _is_lone_pass(smalls):
                statements[-1] = last.with_changes(body=self._smalls(smalls))
            elif not isinstance(smalls[-1], cst.Raise):
                statements.append(_none_line())
        elif isinstance(last, _BRANCHING) and self.ends_in_output(_block_of(last)):
            statements[-1] = self.compound(last)
        else:
            statements.append(_none_line())
        return suite.with_changes(body=statements)

    def _smalls(self, smalls: list[cst.BaseSmallStatement]) -> list[cst.BaseSmallStatement]:
        last = smalls[-1]
        first = len(smalls)
        while first and self._is_output(smalls[first - 1]):
            first -= 1
        if len(smalls) - first > 1:  # outputs in a row on one line: stacked on that line
            values = [small.value for small in smalls[first:]]  # type: ignore[attr-defined]
            return [*smalls[:first], _assign(self._stacked(values), last)]
        if self._is_output(last):
            return [*smalls[:-1], _assign(last.value, last)]  # type: ignore[attr-defined]
        if _is_lone_pass(smalls):
            return [_assign(cst.Name("None"))]
        if isinstance(last, cst.Raise):
            return smalls
        return [*smalls, _assign(cst.Name("None"))]

    def _stack_callee(self) -> cst.BaseExpression:
        if self.stack is None:
            raise Declined("outputs in a row need `mo.vstack` and no cell imports marimo as a name")
        return cst.parse_expression(self.stack)

    def _stacked(self, values: Sequence[cst.BaseExpression]) -> cst.Call:
        """`mo.vstack([a, b])` on one line."""
        elements = [cst.Element(value, comma=_COMMA) for value in values[:-1]]
        elements.append(cst.Element(values[-1]))
        return cst.Call(self._stack_callee(), [cst.Arg(cst.List(elements))])

    def _stack_lines(
        self, lines: list[cst.BaseStatement], run: list[tuple[int, int]]
    ) -> list[cst.BaseStatement]:
        """Outputs in a row over several lines -> one `_output = mo.vstack([...])`, an element a line.

        The comment lines above each line of the row go above its element, a
        comment at the end of a line after its element; what is above the
        first line stays above the new statement.
        """
        callee = self._stack_callee()
        first_line, first_small = run[0]
        values: list[cst.BaseExpression] = []
        above: list[list[cst.EmptyLine]] = []  # the comment lines above each element
        after: list[cst.Comment | None] = []  # the comment after each element
        for line_index, small_index in run:
            line = lines[line_index]
            assert isinstance(line, cst.SimpleStatementLine)
            starts_line = small_index == 0 and line_index != first_line
            comments = [self._comment_line(empty.comment) for empty in line.leading_lines if empty.comment]
            above.append(comments if starts_line else [])
            ends_line = small_index == len(line.body) - 1 and not (line_index == first_line and first_small)
            after.append(line.trailing_whitespace.comment if ends_line else None)
            value = line.body[small_index].value  # type: ignore[attr-defined]
            values.append(value.visit(_Indented(self.indent)))
        elements = [
            cst.Element(
                value,
                comma=cst.Comma(
                    whitespace_after=self._break(
                        after[index],
                        above[index + 1] if index + 1 < len(values) else [],
                        self.indent if index + 1 < len(values) else "",
                    )
                ),
            )
            for index, value in enumerate(values)
        ]
        bracket = cst.LeftSquareBracket(whitespace_after=self._break(None, above[0], self.indent))
        statement = cst.SimpleStatementLine(
            [_assign(cst.Call(callee, [cst.Arg(cst.List(elements, lbracket=bracket))]))]
        )
        kept = lines[:first_line]
        head = lines[first_line]
        assert isinstance(head, cst.SimpleStatementLine)
        if first_small:  # the row starts after other statements on its first line: they stay there
            smalls = list(head.body[:first_small])
            smalls[-1] = smalls[-1].with_changes(semicolon=MaybeSentinel.DEFAULT)
            kept.append(head.with_changes(body=smalls))
        else:
            statement = statement.with_changes(leading_lines=head.leading_lines)
        return [*kept, statement]

    @staticmethod
    def _break(
        comment: cst.Comment | None, comment_lines: list[cst.EmptyLine], indent: str
    ) -> cst.ParenthesizedWhitespace:
        """A line break inside the brackets: a comment before it, comment lines after it, then `indent`
        past the statement's own indentation."""
        return cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(
                whitespace=cst.SimpleWhitespace("  " if comment else ""), comment=comment
            ),
            empty_lines=comment_lines,
            indent=True,
            last_line=cst.SimpleWhitespace(indent),
        )

    def _comment_line(self, comment: cst.Comment | None) -> cst.EmptyLine:
        return cst.EmptyLine(indent=True, whitespace=cst.SimpleWhitespace(self.indent), comment=comment)

    def compound(self, node: cst.BaseCompoundStatement) -> cst.BaseCompoundStatement:
        if isinstance(node, cst.If):
            return self._if(node)
        if isinstance(node, cst.Match):
            return self._match(node)
        if isinstance(node, _TRY):
            return self._try(node)
        raise Declined("the cell does not end in an if/try/match statement")

    def _if(self, node: cst.If) -> cst.If:
        body = self.suite(node.body)
        orelse = node.orelse
        if orelse is None:
            orelse = cst.Else(body=cst.IndentedBlock(body=[_none_line()]))
        elif isinstance(orelse, cst.If):
            orelse = self._if(orelse)
        else:
            orelse = orelse.with_changes(body=self.suite(orelse.body))
        return node.with_changes(body=body, orelse=orelse)

    def _match(self, node: cst.Match) -> cst.Match:
        cases = [case.with_changes(body=self.suite(case.body)) for case in node.cases]
        if not any(_is_catch_all(case) for case in node.cases):
            cases.append(cst.MatchCase(pattern=cst.MatchAs(), body=cst.IndentedBlock(body=[_none_line()])))
        return node.with_changes(cases=cases)

    def _try(self, node: cst.Try | cst.TryStar) -> cst.Try | cst.TryStar:
        if node.finalbody is not None and self.ends_in_output(node.finalbody.body):
            raise Declined("the `finally` block ends in an output")
        changes: dict[str, object] = {
            "handlers": [handler.with_changes(body=self.suite(handler.body)) for handler in node.handlers]
        }
        if node.orelse is None:
            changes["body"] = self.suite(node.body)
        elif self.ends_in_output(node.body):
            raise Declined("the `try` block ends in an output but its `else` block runs after it")
        else:
            changes["orelse"] = node.orelse.with_changes(body=self.suite(node.orelse.body))
        return node.with_changes(**changes)


class _Indented(cst.CSTTransformer):
    """An expression's continuation lines one level deeper (it moves into a list)."""

    def __init__(self, indent: str) -> None:
        super().__init__()
        self.indent = indent

    def leave_ParenthesizedWhitespace(
        self, original_node: cst.ParenthesizedWhitespace, updated_node: cst.ParenthesizedWhitespace
    ) -> cst.ParenthesizedWhitespace:
        if not updated_node.indent:
            return updated_node
        deeper = cst.SimpleWhitespace(self.indent + updated_node.last_line.value)
        lines = [self._deeper(line) for line in updated_node.empty_lines]
        return updated_node.with_changes(last_line=deeper, empty_lines=lines)

    def _deeper(self, line: cst.EmptyLine) -> cst.EmptyLine:
        if not line.indent or line.comment is None:
            return line
        return line.with_changes(whitespace=cst.SimpleWhitespace(self.indent + line.whitespace.value))


def _does_nothing(suite: cst.BaseSuite) -> bool:
    """A block of `pass`, `...` and lone strings only."""
    lines = suite.body if isinstance(suite, cst.IndentedBlock) else [suite]
    for line in lines:
        if not isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            return False
        for small in line.body:
            is_constant = isinstance(small, cst.Expr) and isinstance(
                small.value, (cst.Ellipsis, cst.SimpleString, cst.ConcatenatedString)
            )
            if not (isinstance(small, cst.Pass) or is_constant):
                return False
    return True


def _is_lone_pass(smalls: Sequence[cst.BaseSmallStatement]) -> bool:
    return len(smalls) == 1 and isinstance(smalls[0], cst.Pass)


def _is_catch_all(case: cst.MatchCase) -> bool:
    """`case _:` or `case name:` without a guard (also as the last alternative of `|`)."""
    if case.guard is not None:
        return False
    pattern = case.pattern
    if isinstance(pattern, cst.MatchOr) and pattern.patterns:
        pattern = pattern.patterns[-1].pattern
    return isinstance(pattern, cst.MatchAs) and pattern.pattern is None


def _block_of(node: cst.BaseCompoundStatement) -> cst.BaseSuite:
    """A one-statement suite holding `node`, to ask whether it ends in an output."""
    return cst.IndentedBlock(body=[node])


def _uses_name(node: cst.CSTNode, name: str) -> bool:
    found = False

    class _Finder(cst.CSTVisitor):
        def visit_Name(self, visited: cst.Name) -> None:
            nonlocal found
            found = found or visited.value == name

    node.visit(_Finder())
    return found


def expose_branch_output(source: str, is_display: IsDisplay, stack: str | None = "mo.vstack") -> str:
    """Rewrite the cell in `source` so the output of its last if/try/match is displayed."""
    module = parse_region(source)
    function = only_function(module)
    if not isinstance(function.body, cst.IndentedBlock):
        raise Declined("the cell's body is on the same line as its `def`")
    statements = list(function.body.body)
    final = statements.pop() if statements and _is_return_line(statements[-1]) else None
    position = next(
        (i for i in range(len(statements) - 1, -1, -1) if isinstance(statements[i], _BRANCHING)), None
    )
    if position is None:
        raise Declined("the cell has no if/try/match statement")
    if _uses_name(function.body, OUTPUT_NAME):
        raise Declined(f"the cell already uses the name `{OUTPUT_NAME}`")
    exposer = _Exposer(is_display, stack, module.default_indent)
    compound = statements[position]
    if not exposer.ends_in_output(_block_of(compound)):  # type: ignore[arg-type]
        raise Declined("no branch of the cell's last if/try/match ends in an output")
    statements[position] = exposer.compound(compound)  # type: ignore[arg-type]
    show = cst.SimpleStatementLine([cst.Expr(cst.Name(OUTPUT_NAME))])
    if final is not None:
        show = show.with_changes(leading_lines=final.leading_lines)
        statements += [show, final.with_changes(leading_lines=[])]
    else:
        statements.append(show)
    body = function.body.with_changes(body=statements)
    return module.with_changes(body=[function.with_changes(body=body)]).code
