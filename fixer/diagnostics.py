"""Values that rules produce and every output reads: Diagnostic, Fix, Edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from fixer.source import Span


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(Enum):
    """Ruff's fix model: safe fixes are applied by --write; unsafe need --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"


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
