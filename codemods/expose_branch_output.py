"""Make the output at the end of a cell's branches visible (NB008).

marimo displays only the value of a cell's last top-level expression, so
`if c: mo.md("a") else: mo.md("b")` at the end of a cell shows nothing. This
codemod rewrites the cell's last if/try/match (the one the rule found: only
statements that display nothing may follow it) so that every way out of it
assigns `_output`, and appends `_output` as the cell's last expression:

- a branch whose last statement is an output `E` gets `_output = E`
  (a nested if/try/match at the end of a branch is rewritten the same way);
- a branch that ends otherwise gets `_output = None` after its last statement
  (a lone `pass` is replaced), except one ending in `raise`;
- an `if` without `else` gets `else: _output = None`, a `match` without a
  catch-all case gets `case _: _output = None`;
- a `try` block's output counts only when it has no `else` block; a `finally`
  block never runs last for display purposes, so one ending in an output is
  declined.

Which expressions are outputs is the rule's decision, passed in as
`is_display(expression_source) -> bool`. `_output` is private to the cell
(its leading underscore), so the cell's signature does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from nbfix.codemods import Declined, only_function, parse_region

OUTPUT_NAME = "_output"
IsDisplay = Callable[[str], bool]
_TRY = (cst.Try, cst.TryStar)
_BRANCHING = (cst.If, cst.Match, *_TRY)
_EMPTY = cst.Module(body=[])


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
    """Rewrites one compound statement; remembers whether any output was found."""

    def __init__(self, is_display: IsDisplay) -> None:
        self.is_display = is_display

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
        return isinstance(last, _BRANCHING) and any(self.ends_in_output(b) for b in _suites(last))

    # -- rewriting -------------------------------------------------------
    def suite(self, suite: cst.BaseSuite) -> cst.BaseSuite:
        """A branch: make its last statement assign `_output`."""
        if isinstance(suite, cst.SimpleStatementSuite):
            return suite.with_changes(body=self._smalls(list(suite.body)))
        assert isinstance(suite, cst.IndentedBlock)
        statements = list(suite.body)
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
        if self._is_output(last):
            return [*smalls[:-1], _assign(last.value, last)]  # type: ignore[attr-defined]
        if _is_lone_pass(smalls):
            return [_assign(cst.Name("None"))]
        if isinstance(last, cst.Raise):
            return smalls
        return [*smalls, _assign(cst.Name("None"))]

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


def _suites(node: cst.BaseCompoundStatement) -> list[cst.BaseSuite]:
    """Every block after which control may leave `node`."""
    if isinstance(node, cst.If):
        suites = [node.body]
        if isinstance(node.orelse, cst.If):
            suites.extend(_suites(node.orelse))
        elif node.orelse is not None:
            suites.append(node.orelse.body)
        return suites
    if isinstance(node, cst.Match):
        return [case.body for case in node.cases]
    if isinstance(node, _TRY):
        suites = [node.body, *(handler.body for handler in node.handlers)]
        if node.orelse is not None:
            suites.append(node.orelse.body)
        if node.finalbody is not None:
            suites.append(node.finalbody.body)
        return suites
    return []


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


def expose_branch_output(source: str, is_display: IsDisplay) -> str:
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
    exposer = _Exposer(is_display)
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
