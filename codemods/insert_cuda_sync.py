"""Synchronize the GPU before a timer stops (NB104).

CUDA kernels are queued and run asynchronously: `time.perf_counter()` right
after `model(x)` reads the clock when the work was *queued*. This codemod
inserts a synchronizing statement (`torch.cuda.synchronize()`, or a guarded
`if torch.cuda.is_available(): ...` form, whatever the rule chose) before
the statement that stops the timer.

The statement is addressed by its start (line within the region, 1-based;
column in characters, 0-based), as `ast` reports it. A statement alone on
its line gets the new statement on the line above, with the same
indentation; blank lines above it move above the new statement, comments
stay with it. A statement that shares its line (`a; b`, `for x in y: a; b`)
gets the new statement spliced in before it on that line, which is possible
only for a simple statement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from nbfix.codemods import Declined, parse_region

Position = tuple[int, int]


def insert_before(source: str, position: Position, statement: str) -> str:
    """Insert `statement` (source text, one statement) before the statement starting at `position`."""
    module = parse_region(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    inserter = _Inserter(wrapper.resolve(PositionProvider), position, cst.parse_statement(statement + "\n"))
    new_module = wrapper.module.visit(inserter)
    if not inserter.done:
        raise Declined("the cell does not have the statement the rule found")
    return new_module.code


class _Inserter(cst.CSTTransformer):
    def __init__(
        self, positions: Mapping[cst.CSTNode, CodeRange], position: Position, new: cst.BaseStatement
    ) -> None:
        super().__init__()
        self.positions = positions
        self.position = position
        self.new = new
        self.done = False

    def _at(self, node: cst.CSTNode) -> bool:
        found = self.positions.get(node)
        return found is not None and (found.start.line, found.start.column) == self.position

    # -- statements on lines of their own -------------------------------------------------
    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        return updated_node.with_changes(body=self._block(original_node.body, updated_node.body))

    def _block(
        self, original: Sequence[cst.BaseStatement], updated: Sequence[cst.BaseStatement]
    ) -> list[cst.BaseStatement]:
        out: list[cst.BaseStatement] = []
        for old, new in zip(original, updated, strict=True):
            anchor = old.body[0] if isinstance(old, cst.SimpleStatementLine) else old
            if self._at(anchor):
                blank, rest = _split_leading_lines(new.leading_lines)
                out.append(self.new.with_changes(leading_lines=blank))
                new = new.with_changes(leading_lines=rest)
                self.done = True
            out.append(new)
        return out

    # -- statements that share a line -------------------------------------------------------
    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        return updated_node.with_changes(body=self._small(original_node.body[1:], updated_node.body, 1))

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        return updated_node.with_changes(body=self._small(original_node.body, updated_node.body, 0))

    def _small(
        self,
        original: Sequence[cst.BaseSmallStatement],
        updated: Sequence[cst.BaseSmallStatement],
        skipped: int,
    ) -> list[cst.BaseSmallStatement]:
        """Splice before the addressed small statement (the first `skipped` are handled as lines)."""
        out = list(updated[:skipped])
        for old, new in zip(original, updated[skipped:], strict=True):
            if self._at(old):
                if not isinstance(self.new, cst.SimpleStatementLine) or len(self.new.body) != 1:
                    raise Declined("a compound statement cannot join statements that share a line")
                semicolon = cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" "))
                out.append(self.new.body[0].with_changes(semicolon=semicolon))
                self.done = True
            out.append(new)
        return out


def _split_leading_lines(lines: Sequence[cst.EmptyLine]) -> tuple[list[cst.EmptyLine], list[cst.EmptyLine]]:
    """The blank lines before the first comment, and everything from that comment on."""
    first_comment = next((i for i, line in enumerate(lines) if line.comment is not None), len(lines))
    return list(lines[:first_comment]), list(lines[first_comment:])
