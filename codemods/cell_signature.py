"""Replace a cell function's parameter list and final `return`.

Used by NB005 and by every fix that changes what a cell defines or reads.
The header and return text come from `fixer.signature` (marimo's format);
this codemod splices them in with libcst so that the decorators, the body,
comments and line endings stay exactly as they were.
"""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods import Declined, only_function, parse_region

_BLANK_LINE_BEFORE_RETURN = (cst.Import, cst.ImportFrom, cst.FunctionDef, cst.ClassDef)


def _is_return_line(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Return)
    )


def _last_statement_kind(statement: cst.BaseStatement) -> type | None:
    if isinstance(statement, cst.SimpleStatementLine) and statement.body:
        return type(statement.body[-1])
    return type(statement)


def rewrite_signature(source: str, header: str, return_text: str) -> str:
    """Give the cell in `source` the parameters of `header` and the return `return_text`.

    `header` is a full `def name(...):` line (possibly multi-line);
    `return_text` a `return ...` statement, indented or not.
    """
    module = parse_region(source)
    function = only_function(module)
    template = cst.parse_statement(f"{header}\n    pass\n")
    assert isinstance(template, cst.FunctionDef)
    new_return = cst.parse_statement(textwrap.dedent(return_text) + "\n")
    assert isinstance(new_return, cst.SimpleStatementLine)

    if not isinstance(function.body, cst.IndentedBlock):
        raise Declined("the cell's body is on the same line as its `def`")
    statements = list(function.body.body)
    if statements and _is_return_line(statements[-1]):
        old = statements[-1]
        assert isinstance(old, cst.SimpleStatementLine)
        statements[-1] = old.with_changes(body=new_return.body)
    else:
        leading: list[cst.EmptyLine] = []
        if statements and _last_statement_kind(statements[-1]) in _BLANK_LINE_BEFORE_RETURN:
            leading = [cst.EmptyLine(indent=False)]
        statements.append(new_return.with_changes(leading_lines=leading))

    new_function = function.with_changes(
        asynchronous=template.asynchronous,
        params=template.params,
        whitespace_before_params=template.whitespace_before_params,
        body=function.body.with_changes(body=statements),
    )
    return module.with_changes(body=[new_function]).code
