"""Values that rules produce and every output reads: Diagnostic, Fix, Edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from nbfix.source import Span


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(Enum):
    """Ruff's fix model: safe fixes are applied by --write; unsafe need --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Offered(Enum):
    """Whether a rule offers a fix with its diagnostics (Ruff's fix availability)."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NEVER = "never"


@dataclass(frozen=True)
class FixAvailability:
    """What a rule promises about its fixes, as data the tests hold it to.

    The corpus harness checks it against what the rule does: a rule that says
    NEVER but offers a fix fails, one that says ALWAYS and leaves a diagnostic
    without a fix fails, and an offered fix must be of a declared applicability.
    """

    offered: Offered
    applicability: frozenset[Applicability] = frozenset()

    def __str__(self) -> str:
        """RULES.md's spelling: "safe", "safe / none", "safe / unsafe / none", "none"."""
        kinds = [kind.value for kind in Applicability if kind in self.applicability]
        if self.offered is Offered.NEVER:
            return "none"
        return " / ".join([*kinds, *(["none"] if self.offered is Offered.SOMETIMES else [])])


def always(*applicability: Applicability) -> FixAvailability:
    """Every diagnostic comes with a fix of one of these kinds."""
    return FixAvailability(Offered.ALWAYS, frozenset(applicability))


def sometimes(*applicability: Applicability) -> FixAvailability:
    """Some diagnostics come with a fix of one of these kinds, others with none."""
    return FixAvailability(Offered.SOMETIMES, frozenset(applicability))


NO_FIX = FixAvailability(Offered.NEVER)


@dataclass(frozen=True)
class Edit:
    """Replace the bytes [start, end) of the file with `content`."""

    start: int
    end: int
    content: str


class FixUnavailable(Exception):
    """A fix that was promised but cannot be built (e.g. libcst cannot round-trip the cell)."""


@dataclass(frozen=True)
class Fix:
    """A rewrite that makes a diagnostic go away.

    The edits are built lazily: a report never pays for a libcst rewrite,
    only --diff, --write and the JSON output do.
    """

    applicability: Applicability
    message: str
    build: Callable[[], tuple[Edit, ...]] = field(repr=False, compare=False)
    adds_cell: bool = False  # the edits insert a new cell (the engine checks the cell count)
    # The edits make code read another name that something already binds (NB002's
    # renames): what the code refers to changes. The engine never lets such a fix
    # finish what an earlier fix of the same run started (RULES.md, fix contract 5).
    renames_to_existing: bool = False

    @cached_property
    def edits(self) -> tuple[Edit, ...]:
        """The edits; raises FixUnavailable when the codemod declines."""
        return self.build()


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    message: str
    severity: Severity
    span: Span
    fix: Fix | None = None

    @property
    def key(self) -> tuple[str, str]:
        """Identity across fix rounds (spans move, messages do not)."""
        return (self.code, self.message)
