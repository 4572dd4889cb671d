"""Remove the `return`s that a cell body may not contain (NB001).

marimo runs a cell body as top-level code, so any `return` except the cell
function's last statement is a SyntaxError there. This codemod rewrites the
body so that control flow is unchanged without them:

- a return in tail position of a branch (if/elif/else, try/except,
  with, match) is dropped; a branch left empty gets `pass`;
- a guard followed by more statements, `if c: return` + rest, becomes
  `if not c:` + rest; more generally, when an if/elif/else chain has
  exactly one branch that does not always return, the statements after the
  chain move into that branch (`if c: ...; return` + rest becomes
  `if c: ... else: rest`), and `try: ... except E: return` + rest becomes
  `try: ... except E: pass else: rest`;
- `return <expr>` whose expression may do work (a call, await, yield or
  walrus) becomes the statement `<expr>`; any other returned value is dropped,
  as marimo ignores it anyway.

It declines what it cannot rewrite without changing meaning: a return in a
loop, in a `finally`, in a `try` body that has an `else`, or followed by
dead code. The cell ends with one top-level `return` (a bare one is added
where it had none); which names it lists is the engine's signature mend.
Comments of a removed return are kept in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from nbfix.codemods import Declined, only_function, parse_region

Statements = list[cst.BaseStatement]
CommentLines = list[cst.EmptyLine]


def hoist_returns(source: str) -> str:
    """Rewrite the cell in `source` so only its last statement may be a return."""
    module = parse_region(source)
    function = only_function(module)
    if not isinstance(function.body, cst.IndentedBlock):
        raise Declined("the cell's body is on the same line as its `def`")
    statements = list(function.body.body)
    final = statements.pop() if statements and _is_return_line(statements[-1]) else None
    body, comments = _fix_block(statements)
    if final is None:  # the cell ends with the one return marimo writes; the engine names its names
        final = cst.SimpleStatementLine([cst.Return()])
    if comments:
        final = final.with_changes(leading_lines=[*comments, *final.leading_lines])
    body.append(final)
    comments = []
    new_block = function.body.with_changes(body=body, footer=[*comments, *function.body.footer])
    return module.with_changes(body=[function.with_changes(body=new_block)]).code


# -- blocks ------------------------------------------------------------------
def _fix_block(statements: Sequence[cst.BaseStatement]) -> tuple[Statements, CommentLines]:
    """Rewrite a block in tail position; returns its statements and trailing comments."""
    out: Statements = []
    for position, statement in enumerate(statements):
        rest = statements[position + 1 :]
        if not _contains_return(statement):
            out.append(statement)
            continue
        if not rest:
            kept, comments = _strip_tail(statement)
            out.extend(kept)
            return out, comments
        out.append(_rewrite_guard(statement, rest))
        return out, []
    return out, []


def _rewrite_guard(statement: cst.BaseStatement, rest: Sequence[cst.BaseStatement]) -> cst.BaseStatement:
    """A statement that may return, followed by `rest`: move `rest` where it still runs."""
    if _is_return_line(statement):
        raise Declined("code after a top-level return never runs")
    if isinstance(statement, cst.If):
        return _rewrite_if_with_rest(statement, rest)
    if isinstance(statement, cst.Try):
        return _rewrite_try_with_rest(statement, rest)
    raise Declined("a return that skips the statements after it, outside an `if` or `try`")


def _chain(statement: cst.If) -> tuple[list[cst.If], cst.Else | None]:
    """An if/elif/.../else chain: its `If` nodes and its `else`."""
    links = [statement]
    while isinstance(links[-1].orelse, cst.If):
        links.append(links[-1].orelse)  # type: ignore[arg-type]
    orelse = links[-1].orelse
    return links, orelse if isinstance(orelse, cst.Else) else None


def _rewrite_if_with_rest(statement: cst.If, rest: Sequence[cst.BaseStatement]) -> cst.If:
    """Branches that always return lose their returns; `rest` joins the one branch that falls through."""
    links, final_else = _chain(statement)
    blocks = [link.body for link in links] + ([final_else.body] if final_else else [])
    returns = [_always_returns(block) for block in blocks] + ([] if final_else else [False])
    falling = [i for i, always in enumerate(returns) if not always]
    if len(falling) != 1:
        raise Declined("more than one branch continues after the `if`; the code after it would be duplicated")
    target = falling[0]
    if target == len(blocks):  # the implicit `else`
        guard = links[-1].body
        only_return = (
            len(links) == 1
            and isinstance(guard, cst.IndentedBlock)
            and len(guard.body) == 1
            and _is_return_line(guard.body[0])
            and _kept_expression(guard.body[0]) is None  # type: ignore[arg-type]
        )
        remaining, comments = _fix_block(rest)
        if only_return:
            returned = guard.body[0]  # type: ignore[union-attr]
            moved = _comments_of(returned)  # type: ignore[arg-type]
            first = remaining[0] if remaining else _pass()
            remaining = [first.with_changes(leading_lines=[*moved, *first.leading_lines]), *remaining[1:]]
            return statement.with_changes(
                test=_negate(statement.test), body=_block(guard, remaining, comments)
            )  # type: ignore[arg-type]
        new_else = cst.Else(body=cst.IndentedBlock(body=remaining or [_pass()], footer=comments))
        return _rebuild(links, [_fixed_block(b) for b in blocks], new_else)
    new_blocks = []
    for index, block in enumerate(blocks):
        if index == target:
            if not isinstance(block, cst.IndentedBlock):
                raise Declined("a branch on the same line as its `if`")
            statements, comments = _fix_block([*block.body, *rest])
            new_blocks.append(_block(block, statements, comments))
        else:
            new_blocks.append(_fixed_block(block))
    new_else = final_else.with_changes(body=new_blocks.pop()) if final_else else None
    return _rebuild(links, new_blocks, new_else)


def _rebuild(links: list[cst.If], bodies: list[cst.BaseSuite], final_else: cst.Else | None) -> cst.If:
    orelse: cst.If | cst.Else | None = final_else
    for link, body in zip(reversed(links), reversed(bodies[: len(links)]), strict=True):
        orelse = link.with_changes(body=body, orelse=orelse)
    assert isinstance(orelse, cst.If)
    return orelse


def _rewrite_try_with_rest(statement: cst.Try, rest: Sequence[cst.BaseStatement]) -> cst.Try:
    """`try: ... except E: return` + rest -> the rest runs in the `else` clause."""
    if statement.finalbody is not None or statement.orelse is not None:
        raise Declined("a `try` with `else` or `finally` that returns before the code after it")
    if _contains_return(statement.body) or not all(_always_returns(h.body) for h in statement.handlers):
        raise Declined("a `try` whose body returns, or a handler that does not always return")
    remaining, comments = _fix_block(rest)
    handlers = [h.with_changes(body=_fixed_block(h.body)) for h in statement.handlers]
    return statement.with_changes(
        handlers=handlers,
        orelse=cst.Else(body=cst.IndentedBlock(body=remaining or [_pass()], footer=comments)),
    )


def _always_returns(block: cst.BaseSuite | None) -> bool:
    """Whether every path through the block ends in a return."""
    if not isinstance(block, cst.IndentedBlock) or not block.body:
        return False
    last = block.body[-1]
    if _is_return_line(last):
        return True
    if isinstance(last, cst.If):
        links, final_else = _chain(last)
        return final_else is not None and all(
            _always_returns(b) for b in [*(link.body for link in links), final_else.body]
        )
    return False


def _strip_tail(statement: cst.BaseStatement) -> tuple[Statements, CommentLines]:
    """Drop the returns of a statement that is the last of a tail block."""
    if _is_return_line(statement):
        assert isinstance(statement, cst.SimpleStatementLine)
        kept = _kept_expression(statement)
        if kept is not None:
            return [kept], []
        return [], _comments_of(statement)
    if isinstance(statement, cst.If):
        return _strip_if(statement)
    if isinstance(statement, (cst.Try, cst.TryStar)):
        return [_strip_try(statement)], []
    if isinstance(statement, cst.With):
        return [statement.with_changes(body=_fixed_block(statement.body))], []
    if isinstance(statement, cst.Match):
        cases = [case.with_changes(body=_fixed_block(case.body)) for case in statement.cases]
        return [statement.with_changes(cases=cases)], []
    if isinstance(statement, (cst.For, cst.While)):
        raise Declined("a return inside a loop stops the loop early; rewrite it by hand")
    raise Declined(f"a return inside `{type(statement).__name__}`")


def _strip_if(statement: cst.If, *, may_drop: bool = True) -> tuple[Statements, CommentLines]:
    body = _fixed_block(statement.body)
    orelse = statement.orelse
    if isinstance(orelse, cst.If):
        orelse = _strip_if(orelse, may_drop=False)[0][0]
    elif isinstance(orelse, cst.Else):
        orelse = orelse.with_changes(body=_fixed_block(orelse.body))
    new = statement.with_changes(body=body, orelse=orelse)
    if may_drop and _does_nothing(new):
        # `if c: return` at the very end does nothing once the return is gone.
        links, final_else = _chain(new)
        comments = [line for link in links for line in _comments_of_block(link.body)]
        if final_else is not None:
            comments.extend(_comments_of_block(final_else.body))
        return [], [*_leading_comments(statement), *comments]
    return [new], []


def _does_nothing(statement: cst.If) -> bool:
    """An if/elif/else chain whose tests do no work, read no name, and whose branches are all `pass`.

    A test that reads a name stays (with `pass`): dropping it would drop the
    cell's read of that name, and marimo would cut the cell from the one that
    defines it (that cell's `return` would then be re-signed without it).
    """
    links, final_else = _chain(statement)
    return all(
        _is_pure(link.test) and not _reads_names(link.test) and _only_pass(link.body) for link in links
    ) and (final_else is None or _only_pass(final_else.body))


def _reads_names(expression: cst.BaseExpression) -> bool:
    constants = {"True", "False", "None"}
    return any(name.value not in constants for name in _names_in(expression))


def _names_in(node: cst.CSTNode) -> list[cst.Name]:
    found: list[cst.Name] = []

    class Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.append(name)

    node.visit(Names())
    return found


def _strip_try(statement: cst.Try | cst.TryStar) -> cst.BaseStatement:
    if statement.finalbody is not None and _contains_return(statement.finalbody):
        raise Declined("a return in `finally` swallows exceptions; removing it changes behaviour")
    if statement.orelse is not None and _contains_return(statement.body):
        raise Declined("a return in a `try` body skips its `else`")
    handlers = [h.with_changes(body=_fixed_block(h.body)) for h in statement.handlers]
    orelse = statement.orelse
    if orelse is not None:
        orelse = orelse.with_changes(body=_fixed_block(orelse.body))
    return statement.with_changes(body=_fixed_block(statement.body), handlers=handlers, orelse=orelse)


def _fixed_block(block: cst.BaseSuite) -> cst.BaseSuite:
    if not isinstance(block, cst.IndentedBlock):
        if _contains_return(block):
            raise Declined("a return on the same line as its `if`/`with`/`try`")
        return block
    statements, comments = _fix_block(block.body)
    return _block(block, statements, comments)


def _block(block: cst.IndentedBlock, statements: Statements, comments: CommentLines) -> cst.IndentedBlock:
    if statements:
        return block.with_changes(body=statements, footer=[*comments, *block.footer])
    # The block is empty now: a `pass` follows the removed return's comments.
    return block.with_changes(body=[_pass(comments)], footer=list(block.footer))


def _pass(leading: CommentLines | None = None) -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=leading or [])


# -- small predicates and helpers ----------------------------------------------
class _ReturnFinder(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = False

    def visit_Return(self, node: cst.Return) -> bool:
        self.found = True
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # a nested function's returns are its own

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


def _contains_return(node: cst.CSTNode) -> bool:
    finder = _ReturnFinder()
    node.visit(finder)
    return finder.found


def _is_return_line(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Return)
    )


def _kept_expression(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine | None:
    """`return compute()` -> `compute()`; None when the value does no work."""
    value = line.body[0].value  # type: ignore[attr-defined]
    if value is None or _is_pure(value):
        return None
    return line.with_changes(body=[cst.Expr(value=value)])


def _comments_of(line: cst.SimpleStatementLine) -> CommentLines:
    """A removed line's comments, as comment lines at the block's indentation."""
    comments = [lead for lead in line.leading_lines if lead.comment is not None]
    trailing = line.trailing_whitespace.comment
    if trailing is not None:
        comments.append(cst.EmptyLine(indent=True, comment=trailing))
    return comments


def _leading_comments(statement: cst.BaseStatement) -> CommentLines:
    return [line for line in getattr(statement, "leading_lines", ()) if line.comment is not None]


def _comments_of_block(block: cst.BaseSuite) -> CommentLines:
    lines: CommentLines = []
    if isinstance(block, cst.IndentedBlock):
        for statement in block.body:
            lines.extend(_leading_comments(statement))
            trailing = getattr(statement, "trailing_whitespace", None)
            if trailing is not None and trailing.comment is not None:
                lines.append(cst.EmptyLine(indent=True, comment=trailing.comment))
        lines.extend(line for line in block.footer if line.comment is not None)
    return lines


def _only_pass(block: cst.BaseSuite) -> bool:
    return (
        isinstance(block, cst.IndentedBlock)
        and len(block.body) == 1
        and isinstance(block.body[0], cst.SimpleStatementLine)
        and all(isinstance(s, cst.Pass) for s in block.body[0].body)
    )


class _WorkFinder(cst.CSTVisitor):
    """Finds what makes evaluating an expression matter: calls, awaits, yields, walruses."""

    def __init__(self) -> None:
        self.found = False

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.Call, cst.Await, cst.Yield, cst.NamedExpr)):
            self.found = True
        return not self.found and not isinstance(node, cst.Lambda)


def _is_pure(expression: cst.BaseExpression) -> bool:
    """An expression whose evaluation does no work worth keeping (no call, await, yield or walrus)."""
    finder = _WorkFinder()
    expression.visit(finder)
    return not finder.found


def _negate(test: cst.BaseExpression) -> cst.BaseExpression:
    """`c` -> `not c` for an atom, `not (c)` otherwise; `not c` -> `c`."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = test.expression
        return inner.with_changes(lpar=[], rpar=[]) if inner.lpar else inner
    if test.lpar or isinstance(test, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
        return cst.UnaryOperation(operator=cst.Not(), expression=test)
    return cst.UnaryOperation(
        operator=cst.Not(),
        expression=test.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]),
    )
