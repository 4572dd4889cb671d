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
from typing import TYPE_CHECKING, ClassVar

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
from nbfix.source import Span

if TYPE_CHECKING:
    from nbfix.notebook import Notebook


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
    # Words the notebook's text must all contain for the rule to find anything
    # (`"autocast"` for NB101): on any other notebook it is not run, nor, in a
    # run of the command line, even imported (`CATALOG` repeats them).
    needs_text: ClassVar[tuple[str, ...]] = ()

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


# Every rule's code, module and default, known without importing a rule.
# Importing every rule module (and the semantic model under them) is most of
# nbfix's start-up. A run the cache answers in full needs only the codes and
# their defaults (to resolve the selection and key the cache), and a run with
# a few rules selected needs only their modules (`rule_classes`).
# `tests/test_architecture.py` holds this table to the rules themselves.
# code -> (module in this package, on by default, `Rule.needs_text`)
CATALOG: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "NB001": ("return_in_branch", True, ()),
    "NB002": ("undefined_name", True, ()),
    "NB003": ("private_name_shared", True, ()),
    "NB004": ("multiple_definitions", True, ()),
    "NB005": ("stale_cell_signature", True, ()),
    "NB006": ("spinner_open_close", True, ()),
    "NB007": ("missing_f_prefix", True, ()),
    "NB008": ("hidden_branch_output", True, ()),
    "NB009": ("mo_stop_arguments", True, ("stop",)),
    "NB010": ("on_change_handler", False, ("on_change",)),
    "NB011": ("cross_cell_mutation", True, ()),
    "NB012": ("reload_on_ui_change", True, (".value",)),
    "NB013": ("loop_closure", True, ()),
    "NB014": ("missing_script_metadata", False, ()),
    "NB015": ("ui_value_in_defining_cell", True, (".value",)),
    "NB016": ("non_canonical_signature", False, ()),
    "NB017": ("discarded_output", True, ()),
    "NB018": ("ui_element_never_displayed", True, (".value",)),
    "NB019": ("marimo_api_misuse", True, ()),
    "NB020": ("dropdown_label_compared", True, (".value",)),
    "NB021": ("ui_value_assignment", True, (".value",)),
    "NB022": ("cyclic_cells", True, ()),
    "NB023": ("setup_cell_dependency", True, ()),
    "NB024": ("star_import", True, ()),
    "NB025": ("unparsable_cell", True, ()),
    "NB026": ("self_import", True, ()),
    "NB101": ("fp16_without_gradscaler", True, ("autocast", "torch")),
    "NB102": ("deprecated_cuda_amp", True, ("cuda", "amp", "torch")),
    "NB103": ("clip_before_unscale", True, ("clip_grad",)),
    "NB104": ("cuda_timing_without_sync", True, ("cu", "time")),
    "NB105": ("cuda_without_availability_check", True, ("cuda",)),
    "NB106": ("fp16_trainable_weights", True, ("step", "torch")),
    "NB901": ("unused_suppression", True, ()),
}


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


def may_apply(code: str, text: str) -> bool:
    """Whether the rule `code` can find anything in a notebook of this text (its `needs_text`)."""
    return _holds(text, CATALOG[code][2])


def _holds(text: str, words: Iterable[str]) -> bool:
    return all(word in text for word in words)


class Inapplicable(Rule):
    """A selected rule whose `needs_text` the notebook lacks, standing in for it unimported.

    It finds nothing, and it still counts as run: NB901 judges the
    suppressions of its code as it would after the real rule found nothing.
    """

    name = "inapplicable"
    severity = Severity.INFO
    fix_availability = NO_FIX

    def __init__(self, code: str) -> None:
        self.code = code  # type: ignore[misc]

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        return iter(())


def rule_classes(codes: Iterable[str]) -> dict[str, type[Rule]]:
    """The rules of `codes` (known codes: see `CATALOG`), importing only their modules."""
    found = {}
    for code in codes:
        if code not in _REGISTRY:
            importlib.import_module(f"{__name__}.{CATALOG[code][0]}")
        found[code] = _REGISTRY[code]
    return found


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
        if not _holds(notebook.text, rule.needs_text):
            continue  # it cannot find anything here (and counts as run)
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
    "CATALOG",
    "Inapplicable",
    "Rule",
    "all_rules",
    "check",
    "may_apply",
    "rule_classes",
    "register",
    "select_rules",
]
