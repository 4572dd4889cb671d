"""Find libcst nodes by the positions a rule computed on `ast`, and splice statements around them.

Rules analyse notebooks with `ast` (fast, and the notebook model is built on
it); a codemod then has to change exactly the nodes the rule chose. Both
trees agree on where a statement or call starts (line, and column in
characters once `ast`'s byte columns are converted), so a position is the
address: `(line within the region, 1-based; column, 0-based)`. A call is
addressed by its start and the name it calls, because `a.b().c()` holds two
calls that start at the same place.

`Splice` inserts statements before or after the statements starting at given
positions, and rewrites the addressed calls, in one pass so that all
positions refer to the source as parsed. A statement that is alone on its
line gets new lines around it (the comments and blank lines above it move to
the first inserted line, so they stay above the group); one that shares a
line (`a(); b()`, or `if c: b()`) gets the new statements spliced into that
line, where they run under the same conditions (except what goes before the
first statement of a line of its own, which gets lines of its own).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from nbfix.codemods import Declined, parse_region

Position = tuple[int, int]
CallKey = tuple[int, int, str]
CallRewrite = Callable[[cst.Call], cst.BaseExpression]


def parse_with_positions(source: str) -> tuple[cst.Module, Mapping[cst.CSTNode, CodeRange]]:
    """The region's module (exactly round-tripped) and the start/end of each of its nodes."""
    module = parse_region(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    return wrapper.module, wrapper.resolve(PositionProvider)


def callee_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None


def dotted_name(node: cst.BaseExpression) -> str | None:
    """`torch.cuda.amp` -> "torch.cuda.amp" (for Name/Attribute chains only)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def parse_small(text: str) -> cst.BaseSmallStatement:
    line = cst.parse_statement(text + "\n")
    assert isinstance(line, cst.SimpleStatementLine)
    return line.body[0]


class Splice(cst.CSTTransformer):
    """One pass: insert statements around positioned statements and rewrite positioned calls."""

    def __init__(
        self,
        positions: Mapping[cst.CSTNode, CodeRange],
        *,
        before: Mapping[Position, Sequence[str]] | None = None,
        after: Mapping[Position, Sequence[str]] | None = None,
        calls: Mapping[CallKey, CallRewrite] | None = None,
    ) -> None:
        super().__init__()
        self.positions = positions
        self.before = dict(before or {})
        self.after = dict(after or {})
        self.calls = dict(calls or {})
        self.used: set[object] = set()

    def check_all_used(self) -> None:
        """Every requested position was found (else the region is not what the rule saw)."""
        wanted = {*(("before", p) for p in self.before), *(("after", p) for p in self.after), *self.calls}
        if wanted - self.used:
            raise Declined("the cell does not have the shape the rule analysed")

    def _start(self, node: cst.CSTNode) -> Position | None:
        found = self.positions.get(node)
        return (found.start.line, found.start.column) if found else None

    def _texts(self, node: cst.CSTNode, side: str) -> list[str]:
        position = self._start(node)
        table = self.before if side == "before" else self.after
        if position is None or position not in table:
            return []
        self.used.add((side, position))
        return list(table[position])

    # -- calls -----------------------------------------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        position = self._start(original_node)
        if position is None:
            return updated_node
        key = (*position, callee_name(original_node) or "")
        rewrite = self.calls.get(key)
        if rewrite is None:
            return updated_node
        self.used.add(key)
        return rewrite(updated_node)

    # -- statements ----------------------------------------------------------------
    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        return updated_node.with_changes(body=self._splice_block(original_node.body, updated_node.body))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return updated_node.with_changes(body=self._splice_block(original_node.body, updated_node.body))

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        return updated_node.with_changes(body=self._splice_small(original_node.body, updated_node.body))

    def _splice_small(
        self,
        original: Sequence[cst.BaseSmallStatement],
        updated: Sequence[cst.BaseSmallStatement],
        *,
        first_done: bool = False,
    ) -> list[cst.BaseSmallStatement]:
        out: list[cst.BaseSmallStatement] = []
        for index, (old, new) in enumerate(zip(original, updated, strict=True)):
            if index or not first_done:
                out.extend(parse_small(text) for text in self._texts(old, "before"))
            out.append(new)
            out.extend(parse_small(text) for text in self._texts(old, "after"))
        return out

    def _splice_block(
        self, original: Sequence[cst.BaseStatement], updated: Sequence[cst.BaseStatement]
    ) -> list[cst.BaseStatement]:
        out: list[cst.BaseStatement] = []
        for old, new in zip(original, updated, strict=True):
            anchor = old.body[0] if isinstance(old, cst.SimpleStatementLine) else old
            # What goes before the line's first statement gets lines of its own.
            before = [cst.parse_statement(text + "\n") for text in self._texts(anchor, "before")]
            after: list[cst.BaseStatement] = []
            if isinstance(old, cst.SimpleStatementLine) and len(old.body) > 1:
                assert isinstance(new, cst.SimpleStatementLine)
                new = new.with_changes(body=self._splice_small(old.body, new.body, first_done=True))
            else:
                after = [cst.parse_statement(text + "\n") for text in self._texts(anchor, "after")]
            if before:
                before[0] = before[0].with_changes(leading_lines=new.leading_lines)
                # A definition keeps a blank line above it; anything else joins the inserted lines.
                blank = (
                    [cst.EmptyLine(indent=False)] if isinstance(new, (cst.FunctionDef, cst.ClassDef)) else []
                )
                new = new.with_changes(leading_lines=blank)
            out.extend([*before, new, *after])
        return out
