"""Read and extend a PEP 723 `# /// script` block (NB014).

The block is a run of comment lines in the file's header, outside every cell,
so this is a text edit rather than a libcst rewrite:

```
# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "marimo",
# ]
# ///
```

`add_dependencies` appends distributions to the `dependencies` array in the
layout the block already uses (one per line with the same indentation and a
trailing comma, or inline), adds the key when the block has none (before the
first `[table]`, where a new key still belongs to the top level), and checks
its own result: the TOML must parse and hold exactly the old dependencies
followed by the new ones, else it declines. `new_block` writes a block for a
notebook that has none.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nbfix.codemods import Declined

# PEP 723: `# /// script`, comment lines (`#` alone or `# ` + text), `# ///`.
SCRIPT_BLOCK = re.compile(
    rb"^# /// script\r?\n(?:#(?! ///\r?$)(?: [^\r\n]*)?\r?\n)*# ///\r?(?:\n|\Z)",
    re.MULTILINE,
)
_DEPENDENCIES_KEY = re.compile(r"^\s*(?:dependencies|\"dependencies\"|'dependencies')\s*=\s*\[")
_TABLE_HEADER = re.compile(r"^\s*\[")


def find_script_blocks(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the `# /// script` blocks of a file, closing line (and its line break) included."""
    return [match.span() for match in SCRIPT_BLOCK.finditer(data)]


def _toml_line(line: str) -> str:
    """A block line without its comment prefix (`# ` or `#`) and line break."""
    line = line.rstrip("\r\n")
    return line[2:] if line.startswith("# ") else line[1:]


def _prefix_length(line: str) -> int:
    return 2 if line.startswith("# ") else 1


def block_toml(block: str) -> str:
    """The TOML text of a block (its first and last lines dropped)."""
    lines = block.splitlines()
    return "\n".join(_toml_line(line) for line in lines[1:-1]) + "\n"


def load_toml(text: str) -> dict[str, Any] | None:
    """Parse TOML with the standard library (3.11+) or tomlkit (a marimo dependency); None if invalid."""
    if sys.version_info >= (3, 11):
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return None
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        return tomlkit.loads(text).unwrap()
    except TOMLKitError:
        return None


def block_dependencies(block: str) -> list[str] | None:
    """The block's `dependencies` (an empty list without the key); None if it is not readable as such."""
    metadata = load_toml(block_toml(block))
    if metadata is None:
        return None
    dependencies = metadata.get("dependencies", [])
    if not isinstance(dependencies, list) or not all(isinstance(d, str) for d in dependencies):
        return None
    return dependencies


def new_block(names: Sequence[str], newline: str = "\n") -> str:
    """A whole `# /// script` block listing `names`, ending in a line break."""
    lines = ["# /// script", "# dependencies = [", *(f'#     "{name}",' for name in names), "# ]", "# ///"]
    return newline.join(lines) + newline


def header_insertion_offset(data: bytes) -> int:
    """Where a new block goes: the top of the file, after a `#!` line and an encoding declaration."""
    offset = 0
    for _ in range(2):
        end = data.find(b"\n", offset)
        line = data[offset : end if end >= 0 else len(data)]
        is_shebang = offset == 0 and line.startswith(b"#!")
        if not (is_shebang or re.match(rb"^[ \t\f]*#.*?coding[:=]", line)):
            break
        offset = end + 1 if end >= 0 else len(data)
    return offset


# -- where the dependencies array is -----------------------------------------------------
@dataclass(frozen=True)
class _ArrayShape:
    """Positions in a block's lines: (line index, column in the raw line)."""

    key_line: int
    close: tuple[int, int]  # the `]`
    last_item_end: tuple[int, int] | None  # just past the last string's closing quote
    trailing_comma: tuple[int, int] | None  # a comma after the last item
    item_indent: str | None  # the TOML indentation of the last item's line
    quote: str


def _array_shape(lines: list[str], key_line: int) -> _ArrayShape:
    """Scan the array that starts on `key_line` for its items and its closing bracket."""
    prefix = _prefix_length(lines[key_line])
    line_index = key_line
    column = lines[key_line].index("[", prefix) + 1
    last_item_end: tuple[int, int] | None = None
    trailing_comma: tuple[int, int] | None = None
    item_indent: str | None = None
    quote = '"'
    while line_index < len(lines) - 1:
        line = lines[line_index].rstrip("\r\n")
        while column < len(line):
            char = line[column]
            if char in "\"'":
                end = _string_end(line, column)
                last_item_end, trailing_comma, quote = (line_index, end), None, char
                item_indent = re.match(r"\s*", _toml_line(line)).group()  # type: ignore[union-attr]
                column = end
                continue
            if char == "#":
                break
            if char == ",":
                trailing_comma = (line_index, column)
            elif char == "]":
                return _ArrayShape(
                    key_line, (line_index, column), last_item_end, trailing_comma, item_indent, quote
                )
            elif not char.isspace():
                raise Declined("the `dependencies` array holds something other than strings")
            column += 1
        line_index += 1
        column = _prefix_length(lines[line_index]) if line_index < len(lines) else 0
    raise Declined("the `dependencies` array is not closed inside the block")


def _string_end(line: str, start: int) -> int:
    """Index just past the TOML string starting at `start` (basic or literal, one line)."""
    quote = line[start]
    if line.startswith(quote * 3, start):
        raise Declined("a multi-line string in the `dependencies` array")
    index = start + 1
    while index < len(line):
        if quote == '"' and line[index] == "\\":
            index += 2
            continue
        if line[index] == quote:
            return index + 1
        index += 1
    raise Declined("an unterminated string in the `dependencies` array")


# -- the edit ----------------------------------------------------------------------------------
def add_dependencies(block: str, names: Sequence[str]) -> str:
    """The block with `names` appended to its `dependencies` (the key added if missing)."""
    before = block_dependencies(block)
    if before is None:
        raise Declined("the script block is not valid TOML with a list of dependency strings")
    lines = block.splitlines(keepends=True)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    key_line = _find_key(lines)
    if key_line is None:
        lines = _with_new_key(lines, names, newline)
    else:
        lines = _with_new_items(lines, _array_shape(lines, key_line), names, newline)
    result = "".join(lines)
    if block_dependencies(result) != [*before, *names]:
        raise Declined("the edited block does not read back as the old dependencies plus the new ones")
    return result


def _find_key(lines: list[str]) -> int | None:
    """The line of the top-level `dependencies = [` (None before the first table, if absent)."""
    for index in range(1, len(lines) - 1):
        toml = _toml_line(lines[index])
        if _TABLE_HEADER.match(toml):
            return None
        if _DEPENDENCIES_KEY.match(toml):
            return index
    return None


def _with_new_key(lines: list[str], names: Sequence[str], newline: str) -> list[str]:
    insert_at = len(lines) - 1
    for index in range(1, len(lines) - 1):
        if _TABLE_HEADER.match(_toml_line(lines[index])):
            insert_at = index
            break
    while insert_at > 1 and not _toml_line(lines[insert_at - 1]).strip():
        insert_at -= 1  # above the blank lines that set the table apart
    added = ["# dependencies = [" + newline, *(f'#     "{n}",' + newline for n in names), "# ]" + newline]
    return [*lines[:insert_at], *added, *lines[insert_at:]]


def _with_new_items(lines: list[str], shape: _ArrayShape, names: Sequence[str], newline: str) -> list[str]:
    quoted = [f"{shape.quote}{name}{shape.quote}" for name in names]
    close_line, close_column = shape.close
    alone = close_line != shape.key_line and not lines[close_line][:close_column].lstrip("#").strip()
    lines = list(lines)
    if alone:
        # One item per line: the new ones too, before the `]` line.
        if shape.last_item_end is not None and shape.trailing_comma is None:
            lines = _insert(lines, shape.last_item_end, ",")
        indent = shape.item_indent if shape.last_item_end is not None else "    "
        added = [f"# {indent}{item}," + newline for item in quoted]
        return [*lines[:close_line], *added, *lines[close_line:]]
    if shape.last_item_end is None:
        return _insert(lines, shape.close, ", ".join(quoted))
    if shape.trailing_comma is not None:
        return _insert(
            lines, (shape.trailing_comma[0], shape.trailing_comma[1] + 1), " " + ", ".join(quoted) + ","
        )
    return _insert(lines, shape.last_item_end, "".join(f", {item}" for item in quoted))


def _insert(lines: list[str], at: tuple[int, int], text: str) -> list[str]:
    line_index, column = at
    line = lines[line_index]
    return [*lines[:line_index], line[:column] + text + line[column:], *lines[line_index + 1 :]]
