"""Move `torch.cuda.amp` autocast and GradScaler to the `torch.amp` API (NB102).

`torch.cuda.amp.autocast(...)` and `torch.cuda.amp.GradScaler(...)` are
deprecated since torch 2.4 (they warn on every call); the replacements take
the device first:

    torch.cuda.amp.autocast(True, torch.float16)
        -> torch.amp.autocast("cuda", enabled=True, dtype=torch.float16)
    torch.cuda.amp.GradScaler(init_scale=1024)
        -> torch.amp.GradScaler("cuda", init_scale=1024)

The old autocast's positional parameters are `(enabled, dtype,
cache_enabled)`, the new one's `(device_type, dtype, enabled, ...)`, so
positional arguments become keywords; GradScaler's keep their order after
the device. A name imported from `torch.cuda.amp` keeps its name: the import
becomes `from torch.amp import ...` and its calls get `"cuda"` first (a
module alias, `import torch.cuda.amp as amp`, becomes `import torch.amp as
amp`). The rule decides which calls and imports to change (by position);
this module edits them in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import CodeRange

from nbfix.codemods import Declined
from nbfix.codemods.positions import CallKey, CallRewrite, Position, Splice, dotted_name, parse_with_positions

LEGACY_AUTOCAST_PARAMS = ("enabled", "dtype", "cache_enabled")
NEW_MODULES = {"torch.cuda.amp": "torch.amp", "torch.cuda": "torch"}


@dataclass(frozen=True)
class CallChange:
    """One deprecated call: its start, the name it calls as written, and how it is spelled."""

    position: Position
    callee: str  # the last name of the callee as written: "autocast", "GradScaler", an alias
    kind: str  # "autocast" or "GradScaler"
    drop_cuda: bool  # `<torch>.cuda.amp.X` -> `<torch>.amp.X`


@dataclass(frozen=True)
class AmpPlan:
    calls: tuple[CallChange, ...]
    imports: tuple[Position, ...] = ()  # import statements of torch.cuda.amp names to move to torch.amp


def modernize_cuda_amp(source: str, plan: AmpPlan) -> str:
    module, positions = parse_with_positions(source)
    calls: dict[CallKey, CallRewrite] = {}
    for change in plan.calls:
        calls[(*change.position, change.callee)] = lambda call, change=change: _modern_call(call, change)
    splice = _ImportSplice(positions, set(plan.imports), calls=calls)
    new = module.visit(splice)
    splice.check_all_used()
    return new.code


def _modern_call(call: cst.Call, change: CallChange) -> cst.Call:
    func = call.func
    if change.drop_cuda:
        # <torch>.cuda.amp.X: the Attribute `<torch>.cuda.amp` loses its `.cuda`.
        assert isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute)
        cuda = func.value.value
        if not (isinstance(cuda, cst.Attribute) and cuda.attr.value == "cuda"):
            raise Declined("an unexpected spelling of torch.cuda.amp")
        func = func.with_changes(value=func.value.with_changes(value=cuda.value))
    args = list(call.args)
    if change.kind == "autocast":
        args = _legacy_autocast_keywords(args)
    device = cst.Arg(value=cst.SimpleString('"cuda"'))
    if args and isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        # Arguments that start on their own line: "cuda" gets a line of its own too.
        device = device.with_changes(comma=cst.Comma(whitespace_after=call.whitespace_before_args))
    return call.with_changes(func=func, args=[device, *args])


def _legacy_autocast_keywords(args: list[cst.Arg]) -> list[cst.Arg]:
    """`autocast(True, torch.float16)` arguments -> `enabled=True, dtype=torch.float16`."""
    out: list[cst.Arg] = []
    position = 0
    for arg in args:
        if arg.keyword is None and arg.star == "":
            if position >= len(LEGACY_AUTOCAST_PARAMS):
                raise Declined("too many positional arguments for autocast")
            no_space = cst.SimpleWhitespace("")
            arg = arg.with_changes(
                keyword=cst.Name(LEGACY_AUTOCAST_PARAMS[position]),
                equal=cst.AssignEqual(whitespace_before=no_space, whitespace_after=no_space),
            )
            position += 1
        elif arg.star == "*":
            raise Declined("autocast called with *args")
        out.append(arg)
    return out


class _ImportSplice(Splice):
    """Splice, plus `from torch.cuda.amp import X` -> `from torch.amp import X` at given positions."""

    def __init__(
        self,
        positions: Mapping[cst.CSTNode, CodeRange],
        imports: set[Position],
        *,
        calls: dict[CallKey, CallRewrite],
    ) -> None:
        super().__init__(positions, calls=calls)
        self.imports = imports
        self.imports_done: set[Position] = set()

    def check_all_used(self) -> None:
        super().check_all_used()
        if self.imports - self.imports_done:
            raise Declined("the cell does not have the shape the rule analysed")

    def _claim(self, node: cst.CSTNode) -> bool:
        position = self._start(node)
        if position is not None and position in self.imports:
            self.imports_done.add(position)
            return True
        return False

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
        if not self._claim(original_node) or updated_node.module is None:
            return updated_node
        new = NEW_MODULES.get(dotted_name(updated_node.module) or "")
        if new is None:
            raise Declined("not an import from torch.cuda.amp")
        return updated_node.with_changes(module=cst.parse_expression(new))

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        if not self._claim(original_node):
            return updated_node
        names = [
            alias.with_changes(name=cst.parse_expression("torch.amp"))
            if dotted_name(alias.name) == "torch.cuda.amp" and alias.asname is not None
            else alias
            for alias in updated_node.names
        ]
        return updated_node.with_changes(names=names)
