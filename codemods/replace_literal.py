"""Replace string literals with other literals (NB020: a dropdown's label by its value).

The rule points at each literal by where it starts (`Position`: 1-based line
in the cell's source, 0-based column in characters) and gives the text of
the literal that replaces it, as the author wrote it in the options dict:
`"both"` -> `"CPU vs GPU"`, `'fast'` -> `0.5`. Only a lone string token is
replaced (a comparison operand, a tuple item, a `case` pattern); an implicit
concatenation, an f-string or a literal that does not hold the expected
string is declined, as is a replacement that is not a single literal.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

import libcst as cst

from nbfix.codemods import Declined, only_function
from nbfix.codemods.positions import parse_with_positions

Position = tuple[int, int]


def _literal(text: str) -> cst.BaseExpression:
    try:
        value = ast.literal_eval(text)
        expression = cst.parse_expression(text)
    except (SyntaxError, ValueError, cst.ParserSyntaxError):
        raise Declined(f"{text!r} is not a literal") from None
    if not isinstance(value, (str, int, float)) or "\n" in text:
        raise Declined(f"{text!r} is not a one-line string or number literal")
    return expression


class _Replace(cst.CSTTransformer):
    def __init__(self, positions, replacements: Mapping[Position, tuple[str, str]]) -> None:
        super().__init__()
        self.positions = positions
        self.replacements = dict(replacements)
        self.done: set[Position] = set()

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.BaseExpression:
        found = self.positions.get(original_node)
        if found is None:
            return updated_node
        position = (found.start.line, found.start.column)
        replacement = self.replacements.get(position)
        if replacement is None:
            return updated_node
        expected, text = replacement
        if original_node.evaluated_value != expected:
            raise Declined(f"the literal at {position} is not {expected!r}")
        self.done.add(position)
        new = _literal(text)
        return new.with_changes(lpar=original_node.lpar, rpar=original_node.rpar)


def replace_literals(source: str, replacements: Mapping[Position, tuple[str, str]]) -> str:
    """Replace the string literal starting at each position, which must hold the expected string,
    with the literal text given: `{(3, 14): ("both", '"CPU vs GPU"')}`."""
    module, positions = parse_with_positions(source)
    only_function(module)
    transformer = _Replace(positions, replacements)
    new_module = module.visit(transformer)
    missing = set(replacements) - transformer.done
    if missing:
        raise Declined(f"no lone string literal at {sorted(missing)[0]} in the cell")
    return new_module.code
