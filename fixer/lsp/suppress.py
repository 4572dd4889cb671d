"""The "ignore CODE on this line" action: add the code to the line's suppression comment.

A diagnostic is silenced by a comment on the line it starts on (see
`nbfix.suppression`), so the action edits that line's comment: it extends an
existing `# nbfix: ignore[...]` or `# noqa: ...` list, appends to any other
comment, or adds `  # nbfix: ignore[CODE]`. A line whose end is inside a
string (a triple-quoted literal spanning lines) or that continues with a
backslash cannot take a comment there; no action is offered for it. Every
result is checked with the same parser the linter uses: the new comment
must silence the code and everything the old one silenced.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass

from nbfix.lsp.edits import TextChange, minimal_change
from nbfix.suppression import ALL_CODES, NOQA_CODE, codes_in_comment

_NBFIX_LIST = re.compile(r"#\s*nbfix:\s*ignore\[(?P<codes>[^\]]*)\]", re.IGNORECASE)
_NOQA_LIST = re.compile(rf"#\s*noqa:\s*{NOQA_CODE}(?:[\s,]+{NOQA_CODE})*", re.IGNORECASE)


@dataclass(frozen=True)
class LineComments:
    """Where a text's comments are, and which line ends no comment can follow."""

    comments: dict[int, tuple[int, str]]  # 1-based line -> (character column, comment text)
    ends_in_token: frozenset[int]  # 1-based lines whose end lies inside a string

    @classmethod
    def of(cls, text: str, first_line: int = 1) -> LineComments:
        """The comments of `text`, whose first line is line `first_line` of the file."""
        shift = first_line - 1
        comments: dict[int, tuple[int, str]] = {}
        inside: set[int] = set()
        open_fstrings: list[int] = []
        fstring_start = getattr(tokenize, "FSTRING_START", None)  # Python >= 3.12
        fstring_end = getattr(tokenize, "FSTRING_END", None)
        try:
            for token in tokenize.generate_tokens(io.StringIO(text).readline):
                if token.type == tokenize.COMMENT:
                    comments[token.start[0] + shift] = (token.start[1], token.string)
                elif token.type == fstring_start:
                    open_fstrings.append(token.start[0] + shift)
                elif token.type == fstring_end and open_fstrings:
                    inside.update(range(open_fstrings.pop(), token.end[0] + shift))
                elif token.type == tokenize.STRING:
                    inside.update(range(token.start[0] + shift, token.end[0] + shift))
        except (tokenize.TokenError, SyntaxError):
            pass
        return cls(comments, frozenset(inside))


def _merged_comment(comment: str, code: str) -> str:
    """The comment with `code` added to its suppression list (or a new one appended)."""
    match = _NBFIX_LIST.search(comment)
    if match:
        codes = match.group("codes")
        end = match.start("codes") + len(codes.rstrip())
        separator = ", " if codes.strip() else ""
        return comment[:end] + separator + code + comment[end:]
    match = _NOQA_LIST.search(comment)
    if match and codes_in_comment(comment) is not ALL_CODES:
        return comment[: match.end()] + ", " + code + comment[match.end() :]
    return comment.rstrip() + f"  # nbfix: ignore[{code}]"


def _silences(comment: str, code: str, before: frozenset[str]) -> bool:
    codes = codes_in_comment(comment)
    if codes is None:
        return False
    return codes is ALL_CODES or (code in codes and before <= codes)


def ignore_change(
    line_text: str, line_start: int, line: int, code: str, info: LineComments
) -> TextChange | None:
    """The change to line `line` (1-based, starting at character `line_start`) that silences `code`."""
    if line in info.ends_in_token:
        return None
    found = info.comments.get(line)
    if found is None:
        code_part = line_text.rstrip()
        if code_part.endswith("\\"):
            return None
        column, comment, before = len(code_part), "", frozenset()
        new_comment = f"  # nbfix: ignore[{code}]"
    else:
        column, comment = found
        old_codes = codes_in_comment(comment)
        if old_codes is ALL_CODES:
            return None  # already silences every code
        before = old_codes or frozenset()
        new_comment = _merged_comment(comment.rstrip(), code)
    if not _silences(new_comment, code, before):
        return None
    return minimal_change(line_text[column:], new_comment, line_start + column)
