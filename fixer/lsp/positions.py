"""LSP positions: 0-based lines and columns counted in the negotiated code units.

The engine works in byte offsets into the UTF-8 text; editors count a
column in UTF-16 code units unless client and server agreed on UTF-8 or
UTF-32 at `initialize`. An "é" is one UTF-16 unit but two bytes, an emoji
two UTF-16 units but one Python character, so every position the server
sends or reads goes through this module. Lines end at "\\r\\n", "\\r" or "\\n"
(what both Python's tokenizer and the LSP specification count), never at
the other separators `str.splitlines` knows.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

from nbfix.source import LineIndex

UTF8 = types.PositionEncodingKind.Utf8.value
UTF16 = types.PositionEncodingKind.Utf16.value
UTF32 = types.PositionEncodingKind.Utf32.value

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units of `encoding` the text takes (its LSP length)."""
    if encoding == UTF8:
        return len(text.encode("utf-8", errors="surrogatepass"))
    if encoding == UTF32:
        return len(text)
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def characters_for_units(line: str, units: int, encoding: str = UTF16) -> int:
    """How many characters of `line` the first `units` code units cover.

    A column pointing inside a character (the middle of a surrogate pair or
    of a multi-byte sequence) is rounded up to the character's end; a column
    past the end of the line is clamped to it, as the specification asks.
    """
    if encoding == UTF32:
        return min(units, len(line))
    counted = 0
    for characters, char in enumerate(line):
        if counted >= units:
            return characters
        counted += code_units(char, encoding)
    return len(line)


class PositionMap:
    """Character offsets in one text <-> LSP positions."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def _line_end(self, line: int) -> int:
        """Offset of the line's end, before its line break."""
        if line + 1 < len(self.line_starts):
            end = self.line_starts[line + 1]
            return end - (2 if self.text[end - 2 : end] == "\r\n" else 1)
        return len(self.text)

    def position(self, offset: int) -> types.Position:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        # An offset between "\r" and "\n" is the end of its line.
        column = code_units(self.text[start : min(offset, self._line_end(line))], self.encoding)
        return types.Position(line=line, character=column)

    def offset(self, position: types.Position) -> int:
        """The character offset of a position; lines and columns past the end are clamped."""
        if position.line >= len(self.line_starts):
            return len(self.text)
        start = self.line_starts[position.line]
        line = self.text[start : self._line_end(position.line)]
        return start + characters_for_units(line, position.character, self.encoding)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))


def byte_position(index: LineIndex, offset: int, encoding: str = UTF16) -> types.Position:
    """The LSP position of a byte offset of the engine (`Span.start`, `Edit.end`, ...)."""
    line = index.line_of(offset)
    prefix = index.data[index.line_start(line) : offset].decode("utf-8", errors="replace")
    # Only an offset between "\r" and "\n" has a line break in its prefix: the end of its line.
    column = code_units(prefix.rstrip("\r\n"), encoding)
    return types.Position(line=line - 1, character=column)


def byte_range(index: LineIndex, start: int, end: int, encoding: str = UTF16) -> types.Range:
    return types.Range(start=byte_position(index, start, encoding), end=byte_position(index, end, encoding))


def _at_or_before(a: types.Position, b: types.Position) -> bool:
    """a <= b."""
    return (a.line, a.character) <= (b.line, b.character)


def ranges_touch(a: types.Range, b: types.Range) -> bool:
    """The ranges overlap or meet (a cursor at either end of a diagnostic is on it)."""
    return _at_or_before(a.start, b.end) and _at_or_before(b.start, a.end)
