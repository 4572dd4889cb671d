"""How a caller steers a fix run it may abandon or narrow: the language server's needs, as data.

The editor asks for one diagnostic's fix, or for all of them, on a buffer
that may change under it. The engine runs its whole proven loop either way
(apply, re-sign, compile, re-lint, marimo), and these hooks let the caller
stop it at the next rule (`checkpoint` raises), keep only the fixes it wants
(`keep_fix`), and skip re-linting the notebook it already analysed (`known`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from nbfix.diagnostics import Diagnostic
from nbfix.notebook import Notebook
from nbfix.rules import Rule

# Whether a diagnostic found on a notebook keeps its fix.
FixFilter = Callable[[Notebook, Diagnostic], bool]


@dataclass(frozen=True)
class FixHooks:
    checkpoint: Callable[[], None] | None = None  # raises to abandon the run; called before each rule
    keep_fix: FixFilter | None = None
    known: tuple[Notebook, list[Diagnostic]] | None = None  # a notebook already linted with these rules

    def steer(self, rules: Iterable[Rule]) -> list[Rule]:
        """The rules as the engine runs them under these hooks."""
        return [_SteeredRule(rule, self) for rule in rules]  # type: ignore[misc]


class _SteeredRule:
    """A rule seen through the hooks: cancellable, its fixes filtered, its known findings reused."""

    def __init__(self, rule: Rule, hooks: FixHooks) -> None:
        self.rule = rule
        self.hooks = hooks
        self.code = rule.code
        self.judges_suppressions = rule.judges_suppressions
        self.needs_text = rule.needs_text

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        return self._steered(notebook, lambda: self.rule.check(notebook))

    def check_raised(
        self, notebook: Notebook, raised: Sequence[Diagnostic], checked: frozenset[str]
    ) -> Iterator[Diagnostic]:
        return self._steered(notebook, lambda: self.rule.check_raised(notebook, raised, checked))

    def _steered(self, notebook: Notebook, check: Callable[[], Iterable[Diagnostic]]) -> Iterator[Diagnostic]:
        hooks = self.hooks
        if hooks.checkpoint is not None:
            hooks.checkpoint()
        if hooks.known is not None and notebook is hooks.known[0]:
            # Known findings are after suppression: a rule judging suppressions
            # reuses its own, never judges again from the others' (incomplete) ones.
            found: Iterable[Diagnostic] = [d for d in hooks.known[1] if d.code == self.code]
        else:
            found = check()
        for diagnostic in found:
            if hooks.checkpoint is not None:
                hooks.checkpoint()
            if diagnostic.fix is not None and hooks.keep_fix and not hooks.keep_fix(notebook, diagnostic):
                diagnostic = replace(diagnostic, fix=None)
            yield diagnostic
