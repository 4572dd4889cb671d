"""The smallest text edits that turn a buffer into its fixed version.

A fix is proven on the whole notebook (the engine re-signs cells, compiles,
re-lints), so what the server knows at the end is the old text and the new
one. Editors want the change as small edits, never a whole-document replace:
a replace moves the cursor, drops folds, breakpoints and undo granularity,
and races with whatever the user types next. So the texts are compared line
by line, and each changed block is trimmed to the characters that differ
(adding an `f` prefix is a one-character insertion).

A line diff of a whole 12,000-line notebook takes more than a second
(`difflib` is quadratic in the lines that repeat, and a notebook repeats
`@app.cell`, blank lines and `return` a thousand times), while a fix rewrites
a few cells. So `notebook_changes` first cuts both texts at their cells'
starts, matches the pieces (each a cell and the blank lines after it, nearly
all of them unique), and diffs line by line only the pieces that differ.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from lsprotocol import types

from nbfix.lsp.positions import PositionMap
from nbfix.notebook import Notebook


@dataclass(frozen=True)
class TextChange:
    """Replace the characters [start, end) of the old text with `content`."""

    start: int
    end: int
    content: str


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def minimal_change(old: str, new: str, offset: int) -> TextChange:
    """One change of `old` (at `offset`) into `new`, without their common ends.

    A boundary never falls between the "\\r" and "\\n" of a line break, where
    a position means nothing to an editor.
    """
    prefix = _common_prefix(old, new)
    if 0 < prefix < len(old) and old[prefix - 1] == "\r" and old[prefix] == "\n":
        prefix -= 1
    limit = min(len(old), len(new)) - prefix
    suffix = min(_common_prefix(old[::-1], new[::-1]), limit)
    end = len(old) - suffix
    if suffix > 0 and 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        suffix -= 1
        end += 1
    return TextChange(offset + prefix, offset + end, new[prefix : len(new) - suffix])


def text_changes(old: str, new: str) -> list[TextChange]:
    """Non-overlapping changes, in order, that turn `old` into `new`."""
    if old == new:
        return []
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    old_starts = [0]
    for line in old_lines:
        old_starts.append(old_starts[-1] + len(line))
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = old_starts[i1], old_starts[i2]
        changes.append(minimal_change(old[start:end], "".join(new_lines[j1:j2]), start))
    return changes


def shifted(changes: list[TextChange], offset: int) -> list[TextChange]:
    """The changes, made to a text that starts `offset` characters into a larger one."""
    return [TextChange(c.start + offset, c.end + offset, c.content) for c in changes]


def _pieces(text: str, cuts: Sequence[int]) -> list[str]:
    """The text cut at the offsets (out of range ones, or one inside a "\r\n", ignored)."""
    pieces, position = [], 0
    for cut in sorted(set(cuts)):
        if position < cut < len(text) and text[cut - 1 : cut + 1] != "\r\n":
            pieces.append(text[position:cut])
            position = cut
    pieces.append(text[position:])
    return pieces


def piecewise_changes(
    old: str, old_cuts: Sequence[int], new: str, new_cuts: Sequence[int]
) -> list[TextChange]:
    """What `text_changes` gives, in a fraction of the time when the cuts fall between what changed.

    Both texts are cut into pieces (at a notebook's cell starts), the pieces
    are matched as wholes, and only the runs of pieces that differ are
    diffed line by line. Whatever the cuts, applying the changes to `old`
    gives `new`: each run of old pieces is changed into its run of new ones.
    """
    if old == new:
        return []
    old_pieces, new_pieces = _pieces(old, old_cuts), _pieces(new, new_cuts)
    starts = [0]
    for piece in old_pieces:
        starts.append(starts[-1] + len(piece))
    matcher = difflib.SequenceMatcher(None, old_pieces, new_pieces, autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            start, end = starts[i1], starts[i2]
            changes.extend(shifted(text_changes(old[start:end], "".join(new_pieces[j1:j2])), start))
    return changes


def cell_starts(notebook: Notebook) -> list[int]:
    """The character offsets in `notebook.text` where its cells start (the engine counts bytes)."""
    data = notebook.index.data
    starts = [cell.span.start for cell in notebook.cells]
    if len(data) == len(notebook.text):  # ASCII: a byte is a character
        return starts
    offsets, byte, character = [], 0, 0
    for start in starts:  # a cell starts a line: never inside a character
        character += len(data[byte:start].decode("utf-8", errors="surrogatepass"))
        byte = start
        offsets.append(character)
    return offsets


def notebook_changes(before: Notebook, after: Notebook) -> list[TextChange]:
    """The changes that turn one notebook's text into the other's, diffing only the cells that differ."""
    return piecewise_changes(before.text, cell_starts(before), after.text, cell_starts(after))


def apply_changes(text: str, changes: list[TextChange]) -> str:
    """The text after non-overlapping changes (what an editor does with the edits)."""
    parts = []
    position = 0
    for change in sorted(changes, key=lambda c: c.start):
        parts.append(text[position : change.start])
        parts.append(change.content)
        position = change.end
    parts.append(text[position:])
    return "".join(parts)


def lsp_text_edits(positions: PositionMap, changes: list[TextChange]) -> list[types.TextEdit]:
    return [
        types.TextEdit(range=positions.range(change.start, change.end), new_text=change.content)
        for change in changes
    ]


def workspace_edit(
    uri: str, version: int | None, edits: list[types.TextEdit], versioned: bool
) -> types.WorkspaceEdit:
    """A WorkspaceEdit for one document; versioned when the client supports it.

    A versioned edit is refused by the editor if the buffer changed since the
    version the fix was computed on, instead of being applied at stale positions.
    """
    if versioned:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        change = types.TextDocumentEdit(text_document=document, edits=edits)
        return types.WorkspaceEdit(document_changes=[change])
    return types.WorkspaceEdit(changes={uri: edits})
