"""Give plain string literals the `f` prefix they were missing (NB007).

The rewrite touches nothing but the prefix of the literals it is pointed at:
`"..."` -> `f"..."`, `r"..."` -> `rf"..."`, `R"..."` -> `Rf"..."`, and
`u"..."` -> `f"..."` (`u` cannot be combined with `f`, and means nothing in
Python 3). Each literal is one token; inside an implicit concatenation
(`"a {x}" "b"`) only the tokens named are prefixed, the others are left as
they are.

Literal braces do not exist in a string this codemod is asked to prefix:
NB007 only reports strings whose every brace belongs to a field, so no `{{`
doubling is ever needed. The codemod still checks each literal on its own
and declines one whose prefixed form would not be a valid f-string on every
Python nbfix supports (>= 3.10): before 3.12 a field may not hold a
backslash, a `#`, a line break or the literal's own quote character.

libcst is imported only when a rewrite runs: NB007's detection uses the
token helpers here (`split_literal`, `field_spans`, `f_prefixed`) on every
check, and a check must not pay for loading libcst.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Collection
from functools import cache

from nbfix.codemods import Declined, parse_region

# A position of a literal in the rewritten source: 1-based line, 0-based column in characters.
Position = tuple[int, int]

_LITERAL = re.compile(r"(?P<prefix>[A-Za-z]*)(?P<quote>'''|\"\"\"|'|\")", re.ASCII)


def split_literal(token: str) -> tuple[str, str, str]:
    """A string token's prefix, quote and body (the source text between the quotes)."""
    match = _LITERAL.match(token)
    if match is None or not token.endswith(match["quote"]) or len(token) < match.end() + len(match["quote"]):
        raise ValueError(f"not a string literal: {token!r}")
    quote = match["quote"]
    return match["prefix"], quote, token[match.end() : len(token) - len(quote)]


def field_spans(body: str, *, raw: bool) -> list[tuple[int, int]] | None:
    """Where each `{...}` of a literal's source body lies, as [start, end) offsets.

    None when some brace is not one flat field: `{{`, `}}`, a nested `{`, an
    unmatched brace, or a backslash inside a field. In a non-raw body the
    escapes are skipped whole, so the braces of `\\N{DEGREE SIGN}` are not
    fields (they are not fields in an f-string either).
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    position = 0
    while position < len(body):
        char = body[position]
        if char == "\\":
            if opened is not None:
                return None
            if not raw and body.startswith("N{", position + 1):
                close = body.find("}", position)
                if close < 0:
                    return None
                position = close + 1
                continue
            position += 2
            continue
        if char == "{":
            if opened is not None:
                return None
            opened = position
        elif char == "}":
            if opened is None:
                return None
            spans.append((opened, position + 1))
            opened = None
        position += 1
    return None if opened is not None else spans


def f_prefixed(token: str) -> str:
    """`token` with the `f` prefix added; Declined when that is not a valid f-string everywhere."""
    return f_string_values(token)[0]


def f_string_values(token: str) -> tuple[str, list[ast.expr]]:
    """`token` with the `f` prefix added, and the parts of that f-string (its `JoinedStr.values`).

    Declined when the prefixed token is not a valid f-string everywhere.
    The f-string is parsed one field at a time (`_parse_pieces`): CPython
    before 3.12 takes time quadratic in a string's length to parse an
    f-string with many fields, 4 seconds for one of 64,000.
    """
    try:
        prefix, quote, body = split_literal(token)
    except ValueError as error:
        raise Declined(str(error)) from None
    lowered = prefix.lower()
    if "f" in lowered or "b" in lowered:
        raise Declined(f"{token[:20]!r} is already an f-string or bytes")
    spans = field_spans(body, raw="r" in lowered)
    if not spans:
        raise Declined(f"{token[:20]!r} has no plain `{{name}}` fields")
    for start, end in spans:
        field = body[start + 1 : end - 1]
        if any(char in field for char in ("#", "\n", "\r", quote[0])):
            raise Declined(f"the field {{{field}}} cannot be written in an f-string before Python 3.12")
    new_prefix = prefix.replace("u", "").replace("U", "") + "f"
    new_token = new_prefix + quote + body + quote
    values = _parse_pieces(new_prefix, quote, body, spans)
    if values is None:
        raise Declined(f"{new_token[:30]!r} is not a valid f-string")
    return new_token, values


def _parse_pieces(prefix: str, quote: str, body: str, spans: list[tuple[int, int]]) -> list[ast.expr] | None:
    """The parts of the f-string `prefix + quote + body + quote`, parsed one field at a time.

    Each piece is the text since the previous field and one field, the last
    one the text after the last field. The cuts fall right after a field's
    closing brace, never inside an escape (`field_spans` skips escapes
    whole), so the pieces mean what the whole string means. None when a
    piece is not a valid f-string.
    """
    values: list[ast.expr] = []
    cuts = [end for _, end in spans]
    if cuts[-1] < len(body):
        cuts.append(len(body))
    position = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an invalid escape such as `\d` is the user's business
        for cut in cuts:
            try:
                tree = ast.parse(prefix + quote + body[position:cut] + quote, mode="eval")
            except SyntaxError:
                return None
            if not isinstance(tree.body, ast.JoinedStr):
                return None
            values.extend(tree.body.values)
            position = cut
    return values


@cache
def _prefixer_class() -> type:
    """The libcst transformer, built on first use so that importing this module needs no libcst."""
    import libcst as cst
    from libcst.metadata import PositionProvider

    class Prefixer(cst.CSTTransformer):
        METADATA_DEPENDENCIES = (PositionProvider,)

        def __init__(self, positions: Collection[Position], config: cst.PartialParserConfig) -> None:
            super().__init__()
            self.wanted = set(positions)
            self.done: set[Position] = set()
            self.config = config

        def leave_SimpleString(
            self, original_node: cst.SimpleString, updated_node: cst.SimpleString
        ) -> cst.BaseExpression:
            start = self.get_metadata(PositionProvider, original_node).start
            position = (start.line, start.column)
            if position not in self.wanted:
                return updated_node
            self.done.add(position)
            # libcst models an f-string as another node (FormattedString): parse the new token.
            formatted = cst.parse_expression(f_prefixed(updated_node.value), config=self.config)
            return formatted.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    return Prefixer


def add_f_prefix(source: str, positions: Collection[Position]) -> str:
    """Prefix with `f` each string literal of `source` that starts at one of `positions`.

    Declined if a position holds no plain string literal, or if one of them
    cannot become an f-string (see `f_prefixed`): a partial rewrite would
    leave the diagnostic standing.
    """
    from libcst.metadata import MetadataWrapper

    module = parse_region(source)
    prefixer = _prefixer_class()(positions, module.config_for_parsing)
    new_module = MetadataWrapper(module, unsafe_skip_copy=True).visit(prefixer)
    missing = prefixer.wanted - prefixer.done
    if missing:
        line, column = min(missing)
        raise Declined(f"no plain string literal starts at line {line}, column {column + 1}")
    return new_module.code
