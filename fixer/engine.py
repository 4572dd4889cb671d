"""The fix engine: apply fixes in rounds until the notebook is stable, proving each round.

A round takes the applicable fixes whose edits do not overlap, applies them
together, mends the signature of every cell the round changed (minimally;
in marimo's exact form when NB016 is selected), and validates the result (see `nbfix.validate`): it must
compile, still be the same notebook, and re-linting it must show each fixed
diagnostic gone. A round may bring up a new diagnostic only if that one has a
safe fix of its own that renames nothing to another existing binding (a later
round applies it: removing a `return` can leave a `mo.md(...)` that NB008 then
makes visible). A new diagnostic that only an unsafe fix or such a rename
would settle means the round changed what the code refers to (NB004 makes `x`
private, NB007 turns `"{x}"` into an f-string, and NB002 would point the
now-undefined `x` at another cell's `X`): the fix that brought it up is
dropped instead (RULES.md, fix contract 5). A round that fails is retried fix
by fix; a fix that fails on its own is dropped and reported, never written.
Rounds repeat until no fix applies; a file that does not settle within
`MAX_ROUNDS` is left as it was.

Diagnostics are told apart across rounds by their identity: code, cell and
message (byte spans shift as fixes edit the file). The engine keeps the
identities of the original notebook's diagnostics, so it knows which ones its
own fixes created, and never gives one of those to an unsafe fix or a rename
to an existing binding, whatever round it shows up in.

The result as a whole must then pass the contract: no diagnostic the original
did not have, and the expensive checks (libcst, marimo's own loader and
linter), run once. If it does not, the work is redone in strict mode, where
every round must pass all of that by itself, so the fix at fault is the one
dropped.
"""

from __future__ import annotations

import ast
import bisect
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from nbfix.diagnostics import Applicability, Diagnostic, Edit, Fix, FixUnavailable
from nbfix.graph import graph_problems
from nbfix.hooks import FixHooks
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rewrite import apply_edits, cell_source, rewrite_cell
from nbfix.rules import Rule, check
from nbfix.signature import (
    CANONICAL_SIGNATURE_RULE,
    expected_signature,
    signature_codemod,
    signature_matches,
    staleness,
)
from nbfix.validate import (
    ValidationError,
    check_broken_cells_kept,
    check_compiles,
    check_libcst,
    check_marimo_no_worse,
    check_rewritten_cell_compiles,
    compiles,
    marimo_verdict,
)

MAX_ROUNDS = 40

# A diagnostic's identity across fix rounds: (code, where, message).
Identity = tuple[str, str, str]
# Diagnostics (by key) that the run's own fixes created and that were left unfixed
# because only an unsafe fix or a rename would fix them -> why (see `chain_blocker`).
_ChainNotes = dict[tuple[str, str], str]


@dataclass(frozen=True)
class DroppedFix:
    diagnostic: Diagnostic
    reason: str


@dataclass
class FixOutcome:
    original: Notebook
    notebook: Notebook  # the final state (the original if nothing was fixed)
    diagnostics: list[Diagnostic]  # what remains on the final state
    fixed_codes: list[str] = field(default_factory=list)  # one entry per fixed diagnostic
    dropped: list[DroppedFix] = field(default_factory=list)
    rounds: int = 0  # fix rounds applied to reach `notebook`
    settled: bool = True  # False: the fixes did not settle within the rounds allowed

    @property
    def fixed_count(self) -> int:
        return len(self.fixed_codes)

    @property
    def changed(self) -> bool:
        return self.notebook.text != self.original.text


def lint(notebook: Notebook, rules: list[Rule]) -> list[Diagnostic]:
    return check(notebook, rules)


def is_applicable(diagnostic: Diagnostic, unsafe_fixes: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.applicability is Applicability.SAFE or unsafe_fixes)


def chain_blocker(fix: Fix | None) -> str | None:
    """Why `fix` may not settle a diagnostic that an earlier fix of the run created, or None.

    Such a diagnostic may only be fixed by a safe fix that renames nothing to
    another existing binding: anything else would let a chain of fixes change
    what the code refers to (RULES.md, fix contract 5).
    """
    if fix is None:
        return "it has no fix"
    if fix.renames_to_existing:
        return (
            f"only a rename to another existing name fixes that ({fix.message}), "
            "and a chain of fixes must not change what the code refers to"
        )
    if fix.applicability is not Applicability.SAFE:
        return (
            f"only an unsafe fix fixes that ({fix.message}), "
            "and a chain of fixes must not change what the code refers to"
        )
    return None


def identities(notebook: Notebook, diagnostics: list[Diagnostic]) -> list[Identity]:
    """Each diagnostic's identity across fix rounds: its code, its cell and its message.

    Byte spans shift as fixes edit the file; the cell and the message (which
    names the name or construct at fault) do not. A cell is counted from the
    end of the file, which stays put when a fix inserts a cell at the top
    (the setup cell, which stays first, is named as such).
    """
    cells = notebook.cells
    starts = [cell.span.start for cell in cells]
    result: list[Identity] = []
    for diagnostic in diagnostics:
        index = bisect.bisect_right(starts, diagnostic.span.start) - 1
        if index < 0 or diagnostic.span.start >= cells[index].span.end:
            where = "file"
        elif cells[index].kind is CellKind.SETUP:
            where = "setup cell"
        else:
            where = f"cell {len(cells) - index} from the end"
        result.append((diagnostic.code, where, diagnostic.message))
    return result


def fix_notebook(
    notebook: Notebook,
    rules: list[Rule],
    *,
    unsafe_fixes: bool = False,
    max_rounds: int = MAX_ROUNDS,
    hooks: FixHooks | None = None,
) -> FixOutcome:
    """Fix everything that can be fixed and proven; return the final state.

    `max_rounds` bounds the rounds; a notebook that needs more is left as it
    was (`settled` is False). The corpus tests hold every case to 8. `hooks`
    let a caller cancel the run or narrow its fixes (see `nbfix.hooks`).
    """
    if hooks is not None:
        rules = hooks.steer(rules)
    original_diagnostics = lint(notebook, rules)
    chains: _ChainNotes = {}
    outcome = _fix_rounds(
        notebook, original_diagnostics, rules, unsafe_fixes, chains, max_rounds, strict=False
    )
    if outcome.changed:
        try:
            _check_progress(notebook, original_diagnostics, outcome.notebook, outcome.diagnostics, [])
            _validate_final(notebook, outcome.notebook)
        except ValidationError:
            if outcome.notebook is not notebook:
                outcome.notebook.release()
            outcome = _fix_rounds(
                notebook, original_diagnostics, rules, unsafe_fixes, chains, max_rounds, strict=True
            )
    outcome.fixed_codes = _fixed_codes(original_diagnostics, outcome.diagnostics)
    return outcome


def _fixed_codes(before: list[Diagnostic], after: list[Diagnostic]) -> list[str]:
    """The codes of the diagnostics that are gone, one entry per diagnostic."""
    remaining = Counter(d.key for d in after)
    gone = Counter(d.key for d in before) - remaining
    return sorted(code for (code, _), count in gone.items() for _ in range(count))


def _validate_final(original: Notebook, final: Notebook) -> None:
    """The expensive checks, on the cells the fixes changed (see `nbfix.validate`)."""
    changed = _changed_cells(original, final)
    for _, after in changed:
        check_libcst(cell_source(final, after), f"cell `{after.name}`")
    problem = graph_problems(final).first_new(graph_problems(original))
    if problem is not None:
        raise ValidationError(f"marimo would refuse the fixed notebook: {problem}")
    if _frame(original) == _frame(final):
        before_text = _with_only(original, [before for before, _ in changed if before is not None])
        after_text = _with_only(final, [after for _, after in changed])
    else:  # the fixes changed the file around the cells (a script header): load it all
        before_text, after_text = original.text, final.text
    after = marimo_verdict(after_text, final.path)
    if not after.is_clean:  # a clean load is no worse than anything: the original need not load
        check_marimo_no_worse(marimo_verdict(before_text, original.path), after)


def _changed_cells(before: Notebook, after: Notebook) -> list[tuple[Cell | None, Cell]]:
    """(old cell, new cell) for each cell whose source changed, (None, cell) for inserted ones.

    Cells are matched from the end of the file, which is stable when a fix
    inserts a cell at the top.
    """
    inserted = len(after.cells) - len(before.cells)
    changed: list[tuple[Cell | None, Cell]] = [(None, cell) for cell in after.cells[:inserted]]
    for old, new in zip(reversed(before.cells), reversed(after.cells), strict=False):
        if cell_source(before, old) != cell_source(after, new):
            changed.append((old, new))
    return changed


def _frame(notebook: Notebook) -> list[str]:
    """The file around its cells (imports, `app = ...`, the run guard), whitespace aside."""
    data = notebook.index.data
    starts = [0, *(cell.span.end for cell in notebook.cells)]
    ends = [*(cell.span.start for cell in notebook.cells), len(data)]
    return b" ".join(data[start:end] for start, end in zip(starts, ends, strict=True)).decode().split()


def _with_only(notebook: Notebook, cells: list[Cell]) -> str:
    """The notebook's text with only `cells` kept: what marimo's loader is shown."""
    if not notebook.cells:
        return notebook.text
    data = notebook.index.data
    head = data[: notebook.cells[0].span.start].decode()
    tail = data[notebook.cells[-1].span.end :].decode()
    kept = sorted(cells, key=lambda cell: cell.span.start)
    return head + "\n\n".join(cell_source(notebook, cell) for cell in kept) + tail


class _Round:
    """One attempt at applying a set of fixes to a notebook."""

    def __init__(
        self,
        notebook: Notebook,
        diagnostics: list[Diagnostic],
        rules: list[Rule],
        strict: bool,
        chains: _ChainNotes,
    ) -> None:
        self.notebook = notebook
        self.diagnostics = diagnostics
        self.rules = rules
        self.strict = strict
        self.chains = chains

    def apply(self, chosen: list[tuple[Diagnostic, tuple[Edit, ...]]]) -> tuple[Notebook, list[Diagnostic]]:
        """The validated state after the chosen fixes, or ValidationError."""
        edits = [edit for _, fix_edits in chosen for edit in fix_edits]
        fixed = _parse_fixed(self.notebook, apply_edits(self.notebook.index.data, edits))
        canonical = any(rule.code == CANONICAL_SIGNATURE_RULE for rule in self.rules)
        fixed = _normalize_signatures(self.notebook, fixed, canonical=canonical)
        try:
            return fixed, self._validated(chosen, fixed)
        except BaseException:
            fixed.release()  # a rejected state is garbage: let it go now (see `Notebook.release`)
            raise

    def _validated(
        self, chosen: list[tuple[Diagnostic, tuple[Edit, ...]]], fixed: Notebook
    ) -> list[Diagnostic]:
        """The diagnostics of `fixed`, once it has passed every check; else ValidationError."""
        added = sum(1 for diagnostic, _ in chosen if diagnostic.fix and diagnostic.fix.adds_cell)
        if len(fixed.cells) != len(self.notebook.cells) + added:
            raise ValidationError("the fix changed the number of cells")
        outside_cells = _frame(self.notebook) != _frame(fixed)
        # Compile it all, the cells that do not parse (unchanged, see `_parse_fixed`) left out.
        if outside_cells and compiles(self.notebook.parsable_text, self.notebook.path):
            check_compiles(fixed.parsable_text, fixed.path)
        for before, after in _changed_cells(self.notebook, fixed):  # an unchanged cell compiles as it did
            check_rewritten_cell_compiles(before, after, fixed.path)
        diagnostics = lint(fixed, self.rules)
        _check_progress(
            self.notebook,
            self.diagnostics,
            fixed,
            diagnostics,
            [d for d, _ in chosen],
            allow_new=not self.strict,
            chains=self.chains,
        )
        if self.strict:
            _validate_final(self.notebook, fixed)
        return diagnostics


def _parse_fixed(notebook: Notebook, data: bytes) -> Notebook:
    text = data.decode("utf-8")
    try:
        fixed = Notebook.parse(text, notebook.path)
    except SyntaxError as error:
        raise ValidationError(f"the fix produced invalid Python: {error.msg}") from None
    except Exception as error:  # NotANotebook, or anything the model rejects
        raise ValidationError(f"the fix broke the notebook: {error}") from None
    check_broken_cells_kept(notebook, fixed)
    return fixed


def _normalize_signatures(before: Notebook, after: Notebook, *, canonical: bool = False) -> Notebook:
    """Re-sign the cells a round changed, and those whose expected signature it changed.

    Minimally (NB005's mend: add what is missing, drop what is undefined,
    keep the author's order) unless `canonical` (NB016 is selected), when
    they get marimo's exact form. Cells are matched by their position from
    the end of the file, which is stable when a fix inserts a cell at the top.
    """
    stale: list[Cell] = []
    for old, new in zip(reversed(before.cells), reversed(after.cells), strict=False):
        if not new.is_code_cell:
            continue
        # A round that changed only the cell's comments (NB901 removing a suppression)
        # changed nothing a signature depends on: a stale one the user let be stays.
        changed = cell_source(before, old) != cell_source(after, new)
        touched = changed and ast.dump(old.node) != ast.dump(new.node)
        expected = expected_signature(after, new)
        retargeted = expected != expected_signature(before, old)
        if not (touched or retargeted):
            continue
        if canonical:
            needs_signing = not signature_matches(after, new, expected, require_return=True)
        else:
            needs_signing = bool(staleness(after, new))
        if needs_signing:
            stale.append(new)
    if not stale:
        return after
    edits: list[Edit] = []
    for cell in stale:
        try:
            edits.extend(rewrite_cell(after, cell, signature_codemod(after, cell, canonical=canonical)))
        except FixUnavailable as reason:
            raise ValidationError(f"cannot re-sign cell `{cell.name}`: {reason}") from None
    signed = _parse_fixed(after, apply_edits(after.index.data, edits))
    after.release()
    return signed


def _check_progress(
    before: Notebook,
    before_diagnostics: list[Diagnostic],
    after: Notebook,
    after_diagnostics: list[Diagnostic],
    fixed: list[Diagnostic],
    *,
    allow_new: bool = False,
    chains: _ChainNotes | None = None,
) -> None:
    """Each fixed diagnostic is gone, and nothing new appeared.

    With `allow_new`, a new diagnostic may appear if a later round may fix it
    (see `chain_blocker`); `fixed` are diagnostics of `before`. A new
    diagnostic that `chains` or `chain_blocker` explains is the one named.
    """
    counts_before = Counter(identities(before, before_diagnostics))
    expected_gone = Counter(identities(before, fixed))
    by_identity: dict[Identity, list[Diagnostic]] = {}
    for identity, diagnostic in zip(identities(after, after_diagnostics), after_diagnostics, strict=True):
        by_identity.setdefault(identity, []).append(diagnostic)
    introduced: list[tuple[str, str, str]] = []  # (code, message, why a later round may not fix it)
    for identity, found in by_identity.items():
        allowed = counts_before[identity] - expected_gone[identity]
        if len(found) <= allowed:
            continue
        code, _, message = identity
        if expected_gone[identity]:
            raise ValidationError(f"the fix did not remove {code}: {message}")
        blockers = sorted({blocker for d in found if (blocker := chain_blocker(d.fix)) is not None})
        if blockers or not allow_new:
            detail = blockers[0] if blockers else (chains or {}).get((code, message), "")
            introduced.append((code, message, detail))
    if introduced:
        code, message, detail = next((new for new in introduced if new[2]), introduced[0])
        raise ValidationError(f"the fix introduced {code}: {message}" + (f"; {detail}" if detail else ""))


def _created(
    origin: Counter[Identity], notebook: Notebook, diagnostics: list[Diagnostic]
) -> list[Diagnostic]:
    """The diagnostics that the run's own fixes created: more of their identity than the original had."""
    found = identities(notebook, diagnostics)
    counts = Counter(found)
    return [d for identity, d in zip(found, diagnostics, strict=True) if counts[identity] > origin[identity]]


def _choose(
    diagnostics: list[Diagnostic],
    unsafe_fixes: bool,
    failed: Collection[tuple[str, str]],
    declined: set[tuple[str, str]],
    created: list[Diagnostic],
    chains: _ChainNotes,
) -> list[tuple[Diagnostic, tuple[Edit, ...]]]:
    """Applicable fixes with built edits, first come first served, none overlapping.

    A diagnostic in `created` (one the run's own fixes brought up) gets only a
    fix that `chain_blocker` allows, else it is noted in `chains`: left
    unfixed, it fails the final check, and the redo in strict mode drops the
    fix that created it (its round may bring up nothing new).
    """
    chosen: list[tuple[Diagnostic, tuple[Edit, ...]]] = []
    taken = _TakenRegions()
    created_ids = {id(d) for d in created}
    for diagnostic in diagnostics:
        key = diagnostic.key
        if not is_applicable(diagnostic, unsafe_fixes) or key in failed or key in declined:
            continue
        blocker = chain_blocker(diagnostic.fix) if id(diagnostic) in created_ids else None
        if blocker is not None:
            chains[key] = blocker
            continue
        try:
            edits = diagnostic.fix.edits  # type: ignore[union-attr]
        except FixUnavailable:
            declined.add(key)  # the rule's codemod declined: a diagnostic without a fix
            continue
        if any(taken.clashes(edit) for edit in edits):
            continue
        chosen.append((diagnostic, edits))
        for edit in edits:
            taken.add(edit)
    return chosen


class _TakenRegions:
    """The regions a round's chosen edits cover, to test a new edit against in O(log n).

    Two edits clash when they overlap or start at the same offset (two
    insertions there would have no defined order). The regions kept never
    clash with each other, so sorted by start they are sorted by end too, and
    a new edit can only clash with its neighbours in that order: one fix per
    cell of a 5,000-cell notebook is not 12 million comparisons.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def clashes(self, edit: Edit) -> bool:
        at = bisect.bisect_right(self.starts, edit.start)
        if at > 0 and (self.starts[at - 1] == edit.start or self.ends[at - 1] > edit.start):
            return True
        return at < len(self.starts) and self.starts[at] < edit.end

    def add(self, edit: Edit) -> None:
        at = bisect.bisect_right(self.starts, edit.start)
        self.starts.insert(at, edit.start)
        self.ends.insert(at, edit.end)


def _fix_rounds(
    notebook: Notebook,
    diagnostics: list[Diagnostic],
    rules: list[Rule],
    unsafe_fixes: bool,
    chains: _ChainNotes,
    max_rounds: int,
    *,
    strict: bool,
) -> FixOutcome:
    original = notebook
    rounds = 0
    origin = Counter(identities(notebook, diagnostics))
    # Fixes that failed validation, or whose codemod declined, on the current
    # text. They are left out until another fix changes the text: a rename
    # that fails next to a pending `return` fix may pass once that is applied.
    failed: dict[tuple[str, str], DroppedFix] = {}
    declined: set[tuple[str, str]] = set()
    for _ in range(max_rounds):
        created = _created(origin, notebook, diagnostics) if notebook is not original else []
        chosen = _choose(diagnostics, unsafe_fixes, failed, declined, created, chains)
        if not chosen:
            return FixOutcome(original, notebook, diagnostics, dropped=list(failed.values()), rounds=rounds)
        attempt = _Round(notebook, diagnostics, rules, strict, chains)
        state = _apply_what_passes(attempt, chosen, failed)
        if state is not None:
            if notebook is not original:
                notebook.release()  # an intermediate state: nothing reads it again
            notebook, diagnostics = state
            rounds += 1
            failed.clear()
            declined.clear()
    # Not settled: write nothing rather than a half-converged result.
    leftover = [d for d in diagnostics if is_applicable(d, unsafe_fixes) and d.key not in failed]
    reason = f"fixes did not settle within {max_rounds} rounds; nothing was changed"
    return FixOutcome(
        original,
        original,
        lint(original, rules),
        dropped=[*failed.values(), *(DroppedFix(d, reason) for d in leftover)],
        settled=False,
    )


def _apply_what_passes(
    attempt: _Round,
    chosen: list[tuple[Diagnostic, tuple[Edit, ...]]],
    failed: dict[tuple[str, str], DroppedFix],
) -> tuple[Notebook, list[Diagnostic]] | None:
    """The state after the chosen fixes, or after those that pass on their own; None if none does."""
    try:
        return attempt.apply(chosen)
    except ValidationError:
        pass
    survivors = []
    for diagnostic, edits in chosen:
        try:
            attempt.apply([(diagnostic, edits)])
            survivors.append((diagnostic, edits))
        except ValidationError as reason:
            failed[diagnostic.key] = DroppedFix(diagnostic, str(reason))
    if not survivors:
        return None
    try:
        return attempt.apply(survivors)
    except ValidationError:
        return attempt.apply(survivors[:1])
