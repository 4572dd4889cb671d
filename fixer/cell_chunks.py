"""A notebook file that does not parse as a whole, cut at its top-level parts and parsed part by part.

One cell with a syntax error must not hide the others: they are still
checked and fixed, and the broken one is reported (NB025). When `ast.parse`
of the whole file fails, `parse_in_chunks` finds the lines where a top-level
part of a marimo file starts, at column 0 and outside any string literal:

- a cell decorator (`@app.cell`, `@app.function`, `@app.class_definition`),
- `with app.setup` (or `async with`),
- `app._unparsable_cell(`,
- the `if __name__ == ...` guard,

and parses each part on its own, its line numbers moved to where it sits in
the file, so every span stays exact. A part that parses gives its statements;
one that does not is a `BrokenChunk`. The part before the first boundary (the
imports and `app = marimo.App(...)`) and the `if __name__` guard are the
file's, not a cell's: an error there is still the file's `SyntaxError`.

String literals are found with the tokenizer. Where it stops (an unterminated
string swallows the rest of the file), it starts again at the next boundary
line: the cell that opened the string is the broken one, and the cells after
it are found anyway.
"""

from __future__ import annotations

import ast
import io
import keyword
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass

from nbfix.source import LineIndex

_APP_ASSIGNMENT = re.compile(rb"([A-Za-z_]\w*)\s*(?::[^=\r\n]*)?=\s*[A-Za-z_][\w.]*\s*\.\s*App\s*\(")
_RUN_GUARD = re.compile(rb"if\s+__name__\s*==")
_FSTRING_START = getattr(tokenize, "FSTRING_START", None)  # Python >= 3.12
_FSTRING_END = getattr(tokenize, "FSTRING_END", None)


@dataclass(frozen=True)
class BrokenChunk:
    """A top-level part of the file that does not parse: a cell with a syntax error."""

    first_line: int  # 1-based, the line of its decorator (or `with`, or `app._unparsable_cell(`)
    last_line: int  # its last line that is not blank
    error: SyntaxError  # line numbers counted in the file


def _boundary_pattern(app_name: bytes) -> re.Pattern[bytes]:
    app = re.escape(app_name)
    return re.compile(
        rb"@" + app + rb"\s*\.\s*(?:cell|function|class_definition)\b"
        rb"|(?:async\s+)?with\s+" + app + rb"\s*\.\s*setup\b"
        rb"|" + app + rb"\s*\.\s*_unparsable_cell\s*\("
        rb"|" + _RUN_GUARD.pattern
    )


def _lines(index: LineIndex) -> list[str]:
    """Each line of the file with a `\\n` line break, whatever it had (the tokenizer reads them so)."""
    data = index.data
    lines = []
    for number in range(1, index.line_count + 1):
        raw = data[index.line_start(number) : index.line_end(number)]
        lines.append(raw.rstrip(b"\r\n").decode("utf-8") + ("\n" if raw.endswith((b"\r", b"\n")) else ""))
    return lines


def _lines_inside_strings(lines: list[str], candidates: list[int]) -> set[int]:
    """The lines that continue a multi-line string literal (a boundary there is text, not code).

    Where the tokenizer gives up, it restarts at the next candidate boundary
    after the line it stopped at (see the module's docstring).
    """
    inside: set[int] = set()
    start = 1
    while start <= len(lines):
        stopped_at = _mark_strings(lines, start, inside)
        if stopped_at is None:
            break
        later = [line for line in candidates if line > stopped_at and line not in inside]
        start = later[0] if later else len(lines) + 1
    return inside


def _mark_strings(lines: list[str], start: int, inside: set[int]) -> int | None:
    """Tokenize from line `start`, adding to `inside`; the line it stopped at on an error, else None."""
    shift = start - 1
    readline = iter(lines[shift:]).__next__
    open_fstrings: list[int] = []
    try:
        for token in tokenize.generate_tokens(readline):
            if token.type == tokenize.STRING:
                inside.update(range(token.start[0] + 1 + shift, token.end[0] + 1 + shift))
            elif token.type == _FSTRING_START:
                open_fstrings.append(token.start[0] + shift)
            elif token.type == _FSTRING_END and open_fstrings:
                inside.update(range(open_fstrings.pop() + 1, token.end[0] + 1 + shift))
    except tokenize.TokenError as error:
        position = error.args[1] if len(error.args) > 1 else None
        line = position[0] if isinstance(position, tuple) else len(lines) - shift
        return line + shift
    except SyntaxError as error:  # IndentationError, and the C tokenizer's errors (Python >= 3.12)
        return (error.lineno or 1) + shift
    return None


def app_name_of(index: LineIndex) -> bytes:
    """The name `app = marimo.App(...)` binds, found on a line of its own ("app" if none)."""
    data = index.data
    for start in index.line_starts:
        match = _APP_ASSIGNMENT.match(data, start)
        if match:
            return match.group(1)
    return b"app"


def boundaries(index: LineIndex) -> list[int]:
    """The lines where a top-level part of the notebook starts, in order."""
    pattern = _boundary_pattern(app_name_of(index))
    data = index.data
    candidates = [number for number, start in enumerate(index.line_starts, 1) if pattern.match(data, start)]
    if not candidates:
        return []
    inside = _lines_inside_strings(_lines(index), candidates)
    return [line for line in candidates if line not in inside]


def _parse_part(index: LineIndex, first: int, end: int, path: str) -> list[ast.stmt]:
    """Parse lines [first, end) where they sit in the file; SyntaxError counted in file lines."""
    text = index.data[index.line_start(first) : index.line_start(end) if end <= index.line_count else None]
    shift = first - 1
    try:
        module = ast.parse(text.decode("utf-8"), filename=path)
    except SyntaxError as error:
        _shift_error(error, shift)
        raise
    if shift:
        ast.increment_lineno(module, shift)
    return module.body


def _shift_error(error: SyntaxError, shift: int) -> None:
    if not shift:
        return
    if error.lineno is not None:
        error.lineno += shift
    if getattr(error, "end_lineno", None) is not None:
        error.end_lineno += shift  # type: ignore[operator]
    # "... does not match opening parenthesis '(' on line 3": a line of the part, not the file.
    error.msg = re.sub(r"\bon line (\d+)", lambda m: f"on line {int(m.group(1)) + shift}", error.msg)
    error.args = (error.msg, *error.args[1:])


def _last_code_line(index: LineIndex, first: int, end: int) -> int:
    last = end - 1
    while last > first and not index.line_text(last).strip():
        last -= 1
    return last


def parse_in_chunks(
    index: LineIndex, path: str, error: SyntaxError
) -> tuple[list[ast.stmt], list[BrokenChunk]]:
    """The statements of the parts that parse, and the parts that do not.

    `error` is what parsing the whole file raised: it is raised again when
    the problem is not one cell's (no boundary found, an error before the
    first cell or in the `if __name__` guard, or no part that fails alone).
    """
    lines = boundaries(index)
    if not lines:
        raise error
    statements = _parse_part(index, 1, lines[0], path)  # the header: its error is the file's
    broken: list[BrokenChunk] = []
    ends = [*lines[1:], index.line_count + 1]
    data = index.data
    for first, end in zip(lines, ends, strict=True):
        try:
            statements.extend(_parse_part(index, first, end, path))
        except SyntaxError as part_error:
            if _RUN_GUARD.match(data, index.line_start(first)):
                raise
            broken.append(BrokenChunk(first, _last_code_line(index, first, end), part_error))
    if not broken:
        raise error
    return statements, broken


def chunk_name(index: LineIndex, chunk: BrokenChunk) -> str:
    """The name of the function or class a broken cell defines, as far as its lines show ("_")."""
    for number in range(chunk.first_line, min(chunk.last_line, chunk.first_line + 20) + 1):
        match = re.match(r"(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)", index.line_text(number))
        if match:
            return match.group(1)
    return "_"


_IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z_]\w*")


def mentioned_names(text: str) -> frozenset[str]:
    """Every name a piece of code that does not parse may read or bind, by a tolerant scan.

    A superset: every identifier token that is not a keyword or an attribute
    (`x.name`), the identifiers in f-string fields, and, past the point where
    the tokenizer gives up, every identifier-shaped word. Decorator lines and
    the name right after `def`/`class` are left out (the cell's own name).
    """
    names: set[str] = set()
    previous = ""
    rest_from: int | None = None
    lines = text.splitlines(keepends=True)
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.NAME:
                line = token.line.lstrip()
                if previous not in (".", "def", "class") and not line.startswith("@"):
                    names.add(token.string)
            elif token.type == tokenize.STRING and re.match(r"[rRbB]*[fF]", token.string):
                names.update(_names_in_fields(token.string))
            if token.type not in (tokenize.NL, tokenize.COMMENT):
                previous = token.string
    except (tokenize.TokenError, SyntaxError) as error:
        position = getattr(error, "lineno", None) or (error.args[1][0] if len(error.args) > 1 else 1)
        rest_from = position if isinstance(position, int) else 1
    if rest_from is not None:
        for line in lines[max(rest_from - 1, 0) :]:
            names.update(_IDENTIFIER.findall(line))
    return frozenset(name for name in names if not keyword.iskeyword(name))


def _names_in_fields(literal: str) -> Iterator[str]:
    """The identifiers inside the `{...}` fields of an f-string literal (`{{` and `}}` are text)."""
    depth, field, fields = 0, [], []
    text = literal.replace("{{", "  ").replace("}}", "  ")
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if not depth:
                fields.append("".join(field))
                field = []
        elif depth:
            field.append(char)
    for found in fields:
        yield from _IDENTIFIER.findall(found)
