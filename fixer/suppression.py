"""Suppression comments, read once per notebook.

At the end of the line a diagnostic starts on:

    x = "{a}"  # nbfix: ignore[NB007]     silences NB007 there (codes separated by commas)
    x = "{a}"  # nbfix: ignore            silences every code there
    x = "{a}"  # noqa: NB007              flake8's and Ruff's spelling of the first
    x = "{a}"  # noqa                     every code there (and, for Ruff, every Ruff code)

On a line of its own, anywhere in the file:

    # nbfix: ignore-file[NB007]           silences NB007 in the whole file
    # nbfix: ignore-file                  silences everything: the file is not checked

A `# noqa` list may name other tools' codes (`# noqa: E501, NB007`): nbfix reads
only the `NB` codes in it and leaves the rest to their owners. An
`ignore-file` comment at the end of a line of code is not a suppression (it
would read as one for that line only). Comments are found with the
tokenizer, so a `#` inside a string never counts.

`Suppressions` also keeps each comment's place (`Directive`), which NB901
(unused-suppression) reports and `removal` edits.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from enum import Enum

from nbfix.diagnostics import Diagnostic, Edit
from nbfix.notebook import Notebook
from nbfix.semantic import Fact
from nbfix.source import LineIndex, Span

ALL_CODES = frozenset({"*"})

_NBFIX = re.compile(
    # A list that is not closed (`ignore[NB007`) makes no directive, rather than a blanket one.
    r"#[ \t]*nbfix:[ \t]*(?P<what>ignore-file|ignore)(?:\[(?P<codes>[^\]\r\n]*)\]|(?![\w\[-]))",
    re.IGNORECASE,
)
# A code in a noqa list: letters, then digits (a letter among them keeps a typo, `NB1O1`, one code).
NOQA_CODE = "[A-Z]+[0-9][A-Z0-9]*"
_NOQA = re.compile(
    rf"#[ \t]*noqa(?![\w-])(?::[ \t]*(?P<codes>{NOQA_CODE}(?:(?:[ \t]*,[ \t]*|[ \t]+){NOQA_CODE})*))?",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"[\s,]+")
_HINT = re.compile(r"nbfix|noqa", re.IGNORECASE)


class Kind(Enum):
    """`nbfix: ignore[...]` and `noqa: ...` hold for their line, `nbfix: ignore-file[...]` for the file."""

    NBFIX = "nbfix"
    NOQA = "noqa"
    FILE = "file"


@dataclass(frozen=True)
class Directive:
    """One suppression comment: what it silences and where it is written.

    Columns count characters in the line (0-based, end excluded): the
    directive runs from its `#` to its last character, the code list is
    what is between its brackets (`nbfix`) or after `noqa:`; both ends of
    the list are the directive's end when it names no code.
    """

    kind: Kind
    line: int
    codes: tuple[str, ...] | None  # None: every code (a blanket comment)
    start: int
    end: int
    codes_start: int
    codes_end: int

    @property
    def silenced(self) -> frozenset[str]:
        return ALL_CODES if self.codes is None else frozenset(self.codes)


def _codes(listed: str | None) -> tuple[str, ...] | None:
    codes = tuple(code.upper() for code in _SEPARATOR.split(listed or "") if code)
    return codes or None  # `ignore[]`, like `ignore`, names no code: every code


def directives_in(comment: str, line: int, column: int = 0, own_line: bool = False) -> list[Directive]:
    """The suppressions a comment token holds (`column`: where it starts in its line).

    A file-level one counts only on a line that holds nothing but comments (`own_line`).
    """
    found: list[Directive] = []
    for match in _NBFIX.finditer(comment):
        is_file = match.group("what").lower() == "ignore-file"
        if is_file and not own_line:
            continue
        listed = match.group("codes")
        codes_span = match.span("codes") if listed is not None else (match.end(), match.end())
        found.append(
            Directive(
                Kind.FILE if is_file else Kind.NBFIX,
                line,
                _codes(listed),
                column + match.start(),
                column + match.end(),
                column + codes_span[0],
                column + codes_span[1],
            )
        )
    for match in _NOQA.finditer(comment):
        listed = match.group("codes")
        codes_span = match.span("codes") if listed is not None else (match.end(), match.end())
        found.append(
            Directive(
                Kind.NOQA,
                line,
                _codes(listed),
                column + match.start(),
                column + match.end(),
                column + codes_span[0],
                column + codes_span[1],
            )
        )
    return sorted(found, key=lambda directive: directive.start)


def codes_in_comment(comment: str) -> frozenset[str] | None:
    """The codes a comment at the end of a line silences there (`ALL_CODES` for all), or None."""
    codes: set[str] = set()
    found = False
    for directive in directives_in(comment, 0):
        if directive.codes is None:
            return ALL_CODES
        codes.update(directive.codes)
        found = True
    return frozenset(codes) if found else None


def _comment_tokens(text: str) -> list[tuple[str, int, int, bool]]:
    """(comment, line, column, alone on its line) of every comment, in order.

    Lines are split as Python splits them (`\\r\\n`, `\\r`, `\\n`), like `LineIndex`.
    A text the tokenizer gives up on keeps the comments before that point.
    """
    comments = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if token.type == tokenize.COMMENT:
                line, column = token.start
                comments.append((token.string, line, column, not token.line[:column].strip()))
    except (tokenize.TokenError, SyntaxError):
        pass
    return comments


@dataclass(frozen=True)
class Suppressions(Fact):
    """Every suppression comment of a notebook, and what it silences where."""

    directives: tuple[Directive, ...] = ()
    by_line: dict[int, frozenset[str]] = field(
        default_factory=dict
    )  # line -> codes silenced there (`ALL_CODES`: all)
    file_codes: frozenset[str] = frozenset()  # silenced in the whole file (`ALL_CODES`: all)

    @classmethod
    def compute(cls, notebook: Notebook) -> Suppressions:
        if not notebook.broken_cells:
            return cls.of_text(notebook.text)
        # A cell that does not parse may stop the tokenizer: the rest of the file is
        # read without it, and each broken cell on its own, as far as it goes.
        pieces = [(notebook.parsable_text, 0)]
        for cell in notebook.broken_cells:
            source = notebook.index.data[cell.span.start : cell.span.end].decode("utf-8")
            pieces.append((source, cell.span.start_pos.line - 1))
        return cls.of_text(notebook.text, pieces)

    @classmethod
    def of_text(cls, text: str, pieces: list[tuple[str, int]] | None = None) -> Suppressions:
        """The suppressions in `text`, read from `pieces` ((text, lines before it)) when given."""
        if _HINT.search(text) is None:
            return cls()
        directives = tuple(
            directive
            for piece, shift in pieces or [(text, 0)]
            for comment, line, column, own_line in _comment_tokens(piece)
            for directive in directives_in(comment, line + shift, column, own_line)
        )
        by_line: dict[int, frozenset[str]] = {}
        file_codes: frozenset[str] = frozenset()
        for directive in directives:
            if directive.kind is Kind.FILE:
                file_codes = _union(file_codes, directive.silenced)
            else:
                by_line[directive.line] = _union(by_line.get(directive.line, frozenset()), directive.silenced)
        return cls(directives, by_line, file_codes)

    @property
    def ignores_file(self) -> bool:
        return self.file_codes is ALL_CODES

    def silences_in_file(self, code: str) -> bool:
        return self.file_codes is ALL_CODES or code in self.file_codes

    def silences(self, diagnostic: Diagnostic) -> bool:
        if self.silences_in_file(diagnostic.code):
            return True
        codes = self.by_line.get(diagnostic.span.start_pos.line)
        return codes is not None and (codes is ALL_CODES or diagnostic.code in codes)


def _union(first: frozenset[str], second: frozenset[str]) -> frozenset[str]:
    return ALL_CODES if ALL_CODES in (first, second) else first | second


def ignores_whole_file(text: str) -> bool:
    """A comment line `# nbfix: ignore-file` anywhere turns every rule off for the file."""
    return "ignore-file" in text.lower() and Suppressions.of_text(text).ignores_file


def _offset(index: LineIndex, line: int, column: int) -> int:
    """The byte offset of a character column of a line."""
    return index.line_start(line) + len(index.line_text(line)[:column].encode("utf-8"))


def directive_span(index: LineIndex, directive: Directive) -> Span:
    """Where the directive is written, from its `#` to its last character."""
    line = directive.line
    return index.span(_offset(index, line, directive.start), _offset(index, line, directive.end))


def removal(index: LineIndex, directive: Directive, keep: tuple[str, ...] = ()) -> Edit:
    """The edit that leaves only `keep` of the directive's codes, or removes the directive.

    Removing it keeps whatever else the comment says, as Ruff removes a `noqa`:
    `x = 1  # nbfix: ignore[NB007]` -> `x = 1`; `x = 1  # keep  # nbfix: ignore[NB007]` ->
    `x = 1  # keep`; `# nbfix: ignore[NB007]  # note` -> `# note`;
    `# nbfix: ignore[NB007] because` -> `# because`; a line left with nothing is removed.
    """
    line = index.line_text(directive.line)
    start = index.line_start(directive.line)

    def offset(column: int) -> int:
        return _offset(index, directive.line, column)

    if keep:
        return Edit(offset(directive.codes_start), offset(directive.codes_end), ", ".join(keep))
    before, after = line[: directive.start], line[directive.end :]
    leading = len(before) - len(before.rstrip())
    trailing = len(after) - len(after.lstrip())
    if not before.strip() and not after.strip():
        return Edit(start, index.line_end(directive.line), "")
    if not after.strip():
        return Edit(offset(directive.start - leading), offset(len(line)), "")
    rest = directive.end + trailing
    if after.lstrip().startswith("#"):
        return Edit(offset(directive.start), offset(rest), "")
    hash_and_space = re.match(r"#[ \t]*", line[directive.start :])
    return Edit(
        offset(directive.start + len(hash_and_space.group() if hash_and_space else "#")), offset(rest), ""
    )
