"""A file's text and the maps between its positions.

The engine edits byte offsets into the UTF-8 encoding of the text (what the
stdlib `ast` reports columns in); people and editors see 1-based lines and
character columns. `LineIndex` converts between the two, once per file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

UTF8_BOM = b"\xef\xbb\xbf"

# Python's tokenizer ends a line at \r\n, \r or \n, and nothing else
# (str.splitlines would also split on form feeds and other separators).
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


class SourceError(Exception):
    """A file that cannot be read as Python source text."""


def decode(data: bytes) -> tuple[str, bool]:
    """Decode a file's bytes; returns the text (BOM removed) and whether it had one."""
    has_bom = data.startswith(UTF8_BOM)
    if has_bom:
        data = data[len(UTF8_BOM) :]
    if b"\x00" in data:
        raise SourceError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), has_bom
    except UnicodeDecodeError as error:
        raise SourceError(f"not valid UTF-8 (byte {error.start})") from None


def encode(text: str, has_bom: bool) -> bytes:
    data = text.encode("utf-8")
    return UTF8_BOM + data if has_bom else data


@dataclass(frozen=True)
class Position:
    """A 1-based line and a 1-based column counted in characters."""

    line: int
    column: int


@dataclass(frozen=True)
class Span:
    """A region of a file: byte offsets for the engine, positions for people."""

    start: int
    end: int
    start_pos: Position
    end_pos: Position

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class LineIndex:
    """Line starts of a UTF-8 text, for offset <-> (line, column) conversion."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(data)]

    @classmethod
    def of_text(cls, text: str) -> LineIndex:
        return cls(text.encode("utf-8"))

    @cached_property
    def newline(self) -> str:
        """The file's first line ending ("\\n" when it has none)."""
        match = _LINE_BREAK.search(self.data)
        return match.group().decode() if match else "\n"

    def offset(self, line: int, byte_column: int) -> int:
        """Byte offset of an `ast` position (1-based line, 0-based byte column)."""
        if line > len(self.line_starts):
            return len(self.data)
        return self.line_starts[line - 1] + byte_column

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def line_start(self, line: int) -> int:
        return self.line_starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just past the line's line break (or the end of the data)."""
        return self.line_starts[line] if line < len(self.line_starts) else len(self.data)

    def line_text(self, line: int) -> str:
        """The line's text without its line break."""
        raw = self.data[self.line_start(line) : self.line_end(line)]
        return raw.rstrip(b"\r\n").decode("utf-8")

    def position(self, offset: int) -> Position:
        line = self.line_of(offset)
        start = self.line_starts[line - 1]
        column = len(self.data[start:offset].decode("utf-8", errors="replace")) + 1
        return Position(line, column)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.position(start), self.position(end))

    def node_span(self, node: object) -> Span:
        """Span of an `ast` node (anything with lineno/col_offset/end_*)."""
        start = self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end = self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
        return self.span(start, end)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)
