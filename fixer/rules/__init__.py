"""The rule registry.

A rule is a module in this package defining one `Rule` subclass, decorated
with `@register`. It is a pure function of the `Notebook`: it reads the model
and yields diagnostics, never reads files, prints or keeps state. Its class
docstring is its documentation (Ruff's "What it does / Why is this bad? /
Example / Fix safety") and its `valid`/`invalid` examples become tests.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from nbfix.diagnostics import (
    NO_FIX,
    Applicability,
    Diagnostic,
    Fix,
    FixAvailability,
    Severity,
    always,
    sometimes,
)
from nbfix.notebook import Notebook
from nbfix.source import Span


@dataclass(frozen=True)
class Example:
    """A notebook-cell example: `source` holds the cell bodies, separated by `# ---`."""

    source: str
    fixed: str | None = None
    path: str = "<string>"  # the notebook's file name, for a rule that reads it (NB026)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    # Whether and how it fixes (`always(SAFE)`, `sometimes(SAFE, UNSAFE)`, `NO_FIX`):
    # what RULES.md promises, checked by the corpus harness.
    fix_availability: ClassVar[FixAvailability]
    default_enabled: ClassVar[bool] = True
    valid: ClassVar[tuple[Example, ...]] = ()
    invalid: ClassVar[tuple[Example, ...]] = ()
    # A rule about the suppression comments themselves (NB901): `check` (the
    # function below) runs it after every other rule, through `check_raised`.
    judges_suppressions: ClassVar[bool] = False

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def check_raised(
        self, notebook: Notebook, raised: Sequence[Diagnostic], checked: frozenset[str]
    ) -> Iterator[Diagnostic]:
        """A rule that `judges_suppressions`: its diagnostics, given what the other rules
        raised before any suppression and the codes that ran (a code that did not run
        cannot be called unused)."""
        raise NotImplementedError

    def diagnostic(self, message: str, span: Span, fix: Fix | None = None) -> Diagnostic:
        return Diagnostic(self.code, self.name, message, self.severity, span, fix)

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


_REGISTRY: dict[str, type[Rule]] = {}
_loaded = False


def register(rule: type[Rule]) -> type[Rule]:
    if rule.code in _REGISTRY:
        raise ValueError(f"duplicate rule code {rule.code}")
    _REGISTRY[rule.code] = rule
    return rule


def _load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def all_rules() -> dict[str, type[Rule]]:
    global _loaded
    if not _loaded:
        _load_all()
        _loaded = True
    return dict(sorted(_REGISTRY.items()))


class UnknownCode(ValueError):
    """A selector that names no rule: a typo the user must hear about."""


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] = (), *, extend_select: Iterable[str] = ()
) -> list[Rule]:
    """The rules Ruff-style selectors enable (see `nbfix.selection`, which decides)."""
    from nbfix.selection import resolve_codes, rules_by_code

    return list(rules_by_code(resolve_codes(select, ignore, extend_select)))


def check(
    notebook: Notebook, rules: Iterable[Rule], *, checkpoint: Callable[[], None] | None = None
) -> list[Diagnostic]:
    """Every diagnostic of the given rules, in file order, suppressions applied.

    `checkpoint`, if given, is called before each rule and after each diagnostic:
    a caller that may abandon the work (the language server, when the buffer
    changes) raises from it to stop at once.

    A rule that `judges_suppressions` (NB901) runs last, on what the others
    raised before suppression. A line comment cannot silence its findings (a
    blanket `# nbfix: ignore` would hide the report that it silences nothing);
    a file-level one can, and it keeps any comment that names its code.
    """
    from nbfix.suppression import Suppressions

    suppressions = Suppressions.of(notebook)
    rules = list(rules)
    raised: list[Diagnostic] = []
    for rule in rules:
        if rule.judges_suppressions:
            continue
        if checkpoint is not None:
            checkpoint()
        for diagnostic in rule.check(notebook):
            if checkpoint is not None:
                checkpoint()
            raised.append(diagnostic)
    found = [diagnostic for diagnostic in raised if not suppressions.silences(diagnostic)]
    checked = frozenset(rule.code for rule in rules)
    for rule in rules:
        if rule.judges_suppressions:
            if checkpoint is not None:
                checkpoint()
            found.extend(
                diagnostic
                for diagnostic in rule.check_raised(notebook, raised, checked)
                if not suppressions.silences_in_file(diagnostic.code)
            )
    return sorted(found, key=lambda d: (d.span.start, d.code))


__all__ = [
    "NO_FIX",
    "Applicability",
    "FixAvailability",
    "always",
    "sometimes",
    "Example",
    "Rule",
    "all_rules",
    "check",
    "register",
    "select_rules",
]
