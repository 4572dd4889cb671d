"""Give a cell function new parameters and a new final `return`, keeping what the author wrote.

Used by NB005 and by every fix that changes what a cell defines or reads.
The names come from `nbfix.signature` (marimo's choice and order); this
codemod splices them in with libcst so that the decorators, the body, the
comments and the line endings stay exactly as they were, and so that a
parameter or returned name that stays keeps everything written with it:

- its default (`limit=10`), its annotation (`x: int = 3`) and the comment
  after it on its line (`mo,  # the marimo module`, `x,  # type: int`);
- comment lines written just before it;
- the comment on the line of the opening bracket (`def _(  # inputs`).

Comments of a parameter or name that goes are not dropped: they stay, as
comment lines of their own, where it was (before the next one that stays,
or before the closing bracket). A multi-line list stays multi-line, in the
author's indentation; a list that has comments to keep is written one item
a line. A `# type:` comment that would end up on a line of its own is the
one comment that cannot be placed safely (Python's parser rejects it there
when it reads type comments): the codemod declines instead.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from nbfix.codemods import Declined, only_function, parse_region

_BLANK_LINE_BEFORE_RETURN = (cst.Import, cst.ImportFrom, cst.FunctionDef, cst.ClassDef)
MAX_LINE_LENGTH = 80  # marimo's serializer splits a signature whose line reaches this
INDENT = "    "
_TYPE_COMMENT = re.compile(r"#\s*type\s*:")
_EMPTY = cst.Module(body=[])


@dataclass
class _Item:
    """One parameter, or one name of a `return`, with the comments that belong to it."""

    name: str | None  # None: not a plain name (`*args`, an expression), never kept
    code: str  # its text without the comma and the whitespace around it
    leading: list[str] = field(default_factory=list)  # comment lines just before it
    trailing: str = ""  # the comment after it on its line, with the spaces before it
    default: bool = False  # a parameter with a default value


@dataclass
class _Listing:
    """A bracketed, comma-separated list as the author wrote it."""

    items: list[_Item]
    opening: str = ""  # the comment on the opening bracket's line, with the spaces before it
    closing: list[str] = field(default_factory=list)  # comment lines before the closing bracket
    multiline: bool = False
    indent: str = INDENT  # the items' indentation (relative to the block, as libcst holds it)
    closing_indent: str = ""


def _code(node: cst.CSTNode) -> str:
    return _EMPTY.code_for_node(node)


def _comments_in(node: cst.CSTNode) -> list[str]:
    """Every comment inside `node`, in order."""
    found: list[str] = []

    class Collect(cst.CSTVisitor):
        def visit_Comment(self, comment: cst.Comment) -> None:
            found.append(comment.value)

    node.visit(Collect())
    return found


class _Reader:
    """Builds a `_Listing` from the whitespace nodes between a list's items, in source order."""

    def __init__(self) -> None:
        self.listing = _Listing(items=[])
        self.pending: list[str] = []  # comment lines waiting for the next item
        self.on_item_line = False  # whether no line break came since the last item (or bracket)

    def opened(self, gaps: Sequence[cst.BaseParenthesizableWhitespace]) -> None:
        self.on_item_line = True
        self._gaps(gaps, opening=True)
        # Items on lines of their own take the first one's indentation; a list
        # that starts on the bracket's line (`def _(a,\n      b):`) gets marimo's.
        if self.listing.closing_indent:
            self.listing.indent = self.listing.closing_indent

    def item(self, item: _Item, gaps: Sequence[cst.BaseParenthesizableWhitespace]) -> None:
        item.leading = self.pending + item.leading
        self.pending = []
        self.listing.items.append(item)
        self.on_item_line = True
        self.listing.closing_indent = ""  # the bracket closes on this item's line, unless a break follows
        self._gaps(gaps, owner=item)

    def closed(self) -> _Listing:
        self.listing.closing = self.pending
        return self.listing

    def _gaps(
        self,
        gaps: Sequence[cst.BaseParenthesizableWhitespace],
        *,
        opening: bool = False,
        owner: _Item | None = None,
    ) -> None:
        for gap in gaps:
            if not isinstance(gap, cst.ParenthesizedWhitespace):
                continue
            self.listing.multiline = True
            first = gap.first_line
            if first.comment is not None:
                text = first.whitespace.value + first.comment.value
                if self.on_item_line and opening:
                    self.listing.opening = text
                elif self.on_item_line and owner is not None and not owner.trailing:
                    owner.trailing = text
                else:
                    self.pending.append(first.comment.value)
            self.pending.extend(line.comment.value for line in gap.empty_lines if line.comment is not None)
            self.on_item_line = False
            self.listing.closing_indent = gap.last_line.value if gap.indent else ""


def _comma_gaps(comma: cst.Comma | cst.MaybeSentinel) -> list[cst.BaseParenthesizableWhitespace]:
    if isinstance(comma, cst.Comma):
        return [comma.whitespace_before, comma.whitespace_after]
    return []


def _read_params(function: cst.FunctionDef) -> _Listing:
    params = function.params
    if (
        params.posonly_params
        or not isinstance(params.posonly_ind, cst.MaybeSentinel)
        or not isinstance(params.star_arg, cst.MaybeSentinel)
        or params.kwonly_params
        or params.star_kwarg is not None
    ):
        raise Declined("the cell's parameters use `*`, `**` or `/`")
    reader = _Reader()
    reader.opened([function.whitespace_before_params])
    for param in params.params:
        core = param.with_changes(
            comma=cst.MaybeSentinel.DEFAULT, whitespace_after_param=cst.SimpleWhitespace("")
        )
        reader.item(
            _Item(param.name.value, _code(core), default=param.default is not None),
            [param.whitespace_after_param, *_comma_gaps(param.comma)],
        )
    return reader.closed()


def _read_return(value: cst.BaseExpression | None) -> _Listing:
    if value is None:
        return _Listing(items=[])
    if isinstance(value, cst.Tuple) and len(value.lpar) <= 1:
        reader = _Reader()
        if value.lpar:
            reader.opened([value.lpar[0].whitespace_after])
        for position, element in enumerate(value.elements):
            gaps = _comma_gaps(element.comma)
            if position == len(value.elements) - 1 and value.rpar:
                gaps.append(value.rpar[0].whitespace_before)
            named = isinstance(element, cst.Element) and isinstance(element.value, cst.Name)
            name = element.value.value if named else None  # type: ignore[attr-defined]
            reader.item(_Item(name, _code(element.value)), gaps)
        return reader.closed()
    if isinstance(value, cst.Name):
        bare = value.with_changes(lpar=[], rpar=[])
        return _Listing(items=[_Item(value.value, bare.value)], closing=_comments_in(value))
    # An expression: nothing of it is kept, but its comments are.
    return _Listing(items=[_Item(None, _code(value))], closing=_comments_in(value))


def _merge(listing: _Listing, targets: Sequence[tuple[str, str]]) -> tuple[list[_Item], list[str]]:
    """The items for `targets` (name, text if new), and the comment lines left before the bracket.

    An item that stays keeps its text and comments; the comments of one that
    goes move to the next one that stays (in the author's order), or before
    the closing bracket.
    """
    wanted = {name for name, _ in targets}
    kept: dict[str, _Item] = {}
    orphans: list[str] = []
    for item in listing.items:
        if item.name in wanted and item.name not in kept:
            kept[item.name] = _Item(item.name, item.code, orphans + item.leading, item.trailing, item.default)
            orphans = []
        else:
            orphans += item.leading + ([item.trailing.lstrip()] if item.trailing else [])
    items = [kept.get(name) or _Item(name, code) for name, code in targets]
    return items, orphans + listing.closing


def _has_comments(listing: _Listing, items: list[_Item], closing: list[str]) -> bool:
    return bool(listing.opening or closing or any(item.leading or item.trailing for item in items))


def _check_placeable(items: list[_Item], closing: list[str]) -> None:
    standalone = [*closing, *(line for item in items for line in item.leading)]
    if any(_TYPE_COMMENT.match(line) for line in standalone):
        raise Declined("a `# type:` comment would be left on a line of its own in the signature")


def _multiline(opening: str, listing: _Listing, items: list[_Item], closing: list[str], close: str) -> str:
    lines = [opening + listing.opening]
    for item in items:
        lines += [listing.indent + comment for comment in item.leading]
        lines.append(f"{listing.indent}{item.code},{item.trailing}")
    lines += [listing.indent + comment for comment in closing]
    lines.append(listing.closing_indent + close)
    return "\n".join(lines)


def _new_params(
    function: cst.FunctionDef, template: cst.FunctionDef, keyword: str
) -> tuple[cst.Parameters, cst.BaseParenthesizableWhitespace]:
    """The parameters of `template`, with what the author wrote for those the cell keeps."""
    listing = _read_params(function)
    targets = [
        (param.name.value, _code(param.with_changes(comma=cst.MaybeSentinel.DEFAULT)))
        for param in template.params.params
    ]
    items, closing = _merge(listing, targets)
    for item, (_, code) in zip(items, targets, strict=True):
        if item.code == item.name:  # a bare name takes marimo's annotation, if any (`x: int`)
            item.code = code
    # Python wants the parameters with a default after the others (so does `expected_signature`).
    items = [item for item in items if not item.default] + [item for item in items if item.default]
    _check_placeable(items, closing)
    prefix = f"{keyword}def {function.name.value}"
    single = f"({', '.join(item.code for item in items)})"
    template_multiline = isinstance(template.whitespace_before_params, cst.ParenthesizedWhitespace)
    stays_multiline = listing.multiline and bool(items)
    if (
        _has_comments(listing, items, closing)
        or template_multiline
        or stays_multiline
        or len(f"{prefix}{single}:") >= MAX_LINE_LENGTH
    ):
        text = _multiline("(", listing, items, closing, ")")
    else:
        text = single
    parsed = _parse_def(f"{prefix}{text}:")
    return parsed.params, parsed.whitespace_before_params


def _new_return(
    old: cst.Return | None, template: cst.Return, body_indent: str
) -> tuple[cst.Return, list[str]]:
    """`template`'s names, with what the author wrote for those the return keeps.

    Also the comment lines that have nowhere to go inside it (a bare `return`):
    they go on lines of their own before the return statement.
    """
    listing = _read_return(old.value if old is not None else None)
    targets = [(name, name) for name in _names(template.value)]
    items, closing = _merge(listing, targets)
    if not items:  # a bare `return`: the comments go on lines of their own before it
        homeless = [listing.opening.lstrip(), *closing] if listing.opening else closing
        _check_placeable([], homeless)
        return template, homeless
    _check_placeable(items, closing)
    template_multiline = "\n" in _code(template)
    if len(items) == 1:
        single = f"return ({items[0].code},)"
    else:
        single = f"return {', '.join(item.code for item in items)}"
    if (
        _has_comments(listing, items, closing)
        or template_multiline
        or (listing.multiline and bool(items))
        or len(body_indent + single) >= MAX_LINE_LENGTH
    ):
        text = _multiline("return (", listing, items, closing, ")")
    else:
        text = single
    statement = cst.parse_statement(text + "\n")
    assert isinstance(statement, cst.SimpleStatementLine)
    new = statement.body[0]
    assert isinstance(new, cst.Return)
    return new, []


def _names(value: cst.BaseExpression | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, cst.Name):
        return [value.value]
    if isinstance(value, cst.Tuple):
        return [element.value.value for element in value.elements]  # type: ignore[attr-defined]
    raise ValueError(f"not a return of names: {_code(value)}")


def _parse_def(header: str) -> cst.FunctionDef:
    try:
        template = cst.parse_statement(f"{header}\n    pass\n")
    except cst.ParserSyntaxError as error:
        raise Declined(f"the new signature does not parse: {error.message}") from None
    assert isinstance(template, cst.FunctionDef)
    return template


def _is_return_line(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and bool(statement.body)
        and isinstance(statement.body[-1], cst.Return)
    )


def _last_statement_kind(statement: cst.BaseStatement) -> type | None:
    if isinstance(statement, cst.SimpleStatementLine) and statement.body:
        return type(statement.body[-1])
    return type(statement)


def _comment_lines(comments: list[str]) -> list[cst.EmptyLine]:
    return [cst.EmptyLine(indent=True, comment=cst.Comment(comment)) for comment in comments]


def rewrite_signature(source: str, header: str | None, return_text: str | None) -> str:
    """Give the cell in `source` the parameters of `header` and the return `return_text`.

    `header` is a full `def name(...):` line (possibly multi-line) as marimo
    writes it: its names, in its order, and its `async`; the cell's name is
    kept. When the cell already has exactly those names in that order, its
    parameter list is left as it is. `return_text` is a `return ...`
    statement naming the names to return, indented or not. Either one may be
    None: that part stays as written. What the author wrote with a name that
    stays (default, annotation, comments) stays with it; see the module's
    documentation.
    """
    module = parse_region(source)
    function = only_function(module)
    if not isinstance(function.body, cst.IndentedBlock):
        raise Declined("the cell's body is on the same line as its `def`")
    changes: dict[str, object] = {}

    if header is not None:
        template = _parse_def(header)
        if bool(template.asynchronous) != bool(function.asynchronous):
            changes["asynchronous"] = template.asynchronous
        params = function.params
        current = [param.name.value for param in (*params.posonly_params, *params.params)]
        wanted = [param.name.value for param in template.params.params]
        if current != wanted:
            keyword = "async " if template.asynchronous else ""
            changes["params"], changes["whitespace_before_params"] = _new_params(function, template, keyword)

    if return_text is not None:
        statement = cst.parse_statement(textwrap.dedent(return_text) + "\n")
        assert isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Return)
        template_return = statement.body[0]
        body_indent = function.body.indent if function.body.indent is not None else module.default_indent
        statements = list(function.body.body)
        if statements and _is_return_line(statements[-1]):
            line = statements[-1]
            assert isinstance(line, cst.SimpleStatementLine)
            old = line.body[-1]
            assert isinstance(old, cst.Return)
            new, homeless = _new_return(old, template_return, body_indent)
            statements[-1] = line.with_changes(
                body=[*line.body[:-1], new], leading_lines=[*line.leading_lines, *_comment_lines(homeless)]
            )
        else:
            leading: list[cst.EmptyLine] = []
            if statements and _last_statement_kind(statements[-1]) in _BLANK_LINE_BEFORE_RETURN:
                leading = [cst.EmptyLine(indent=False)]
            new, _ = _new_return(None, template_return, body_indent)
            statements.append(cst.SimpleStatementLine(body=[new], leading_lines=leading))
        changes["body"] = function.body.with_changes(body=statements)

    return module.with_changes(body=[function.with_changes(**changes)]).code
