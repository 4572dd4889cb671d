"""What processing one file produced, as plain data.

Rules produce `Diagnostic`s whose fixes are lazy closures over the parsed
notebook; those cannot cross a process boundary or go into the cache. A
`FileReport` is their settled form: positions already converted for people,
fix edits already built, the source line already cut out for display. Worker
processes return it, the cache stores it, and every output format reads it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from nbfix.diagnostics import Applicability, Diagnostic, FixUnavailable
from nbfix.source import LineIndex, Position


@dataclass(frozen=True)
class EditRecord:
    content: str
    start: Position
    end: Position


@dataclass(frozen=True)
class FixRecord:
    applicability: str  # "safe" | "unsafe"
    message: str
    edits: tuple[EditRecord, ...]


@dataclass(frozen=True)
class Finding:
    """One diagnostic, ready to print."""

    code: str
    name: str
    message: str
    severity: str  # "error" | "warning" | "info"
    start: Position
    end: Position
    source_line: str  # the text of the line the finding starts on
    fix: FixRecord | None
    fixable: bool  # --write (with the run's --unsafe-fixes) would fix it
    hidden_fix: bool = False  # it has an unsafe fix that only --unsafe-fixes applies


@dataclass(frozen=True)
class DroppedRecord:
    code: str
    message: str
    reason: str


# What kept a file from being processed, named as Ruff names its own (`io-error`,
# `syntax-error`): the outputs report such a file as a finding without a rule code.
IO_ERROR = "io-error"  # missing, unreadable, not a regular file, binary, not UTF-8, empty, not written
SYNTAX_ERROR = "syntax-error"  # outside any cell (a cell's own is NB025), or nested too deeply
NOT_A_NOTEBOOK = "not-a-notebook"  # named explicitly, but no marimo notebook
CONFIG_ERROR = "config-error"  # a configuration that applies to this file only is not valid
INTERNAL_ERROR = "internal-error"  # a bug in nbfix


@dataclass
class FileReport:
    path: str
    error: str | None = None  # a one-line reason the file could not be processed
    error_kind: str | None = None  # IO_ERROR, SYNTAX_ERROR, ... (None: IO_ERROR)
    error_line: int | None = None  # the line the error is on, when it is on one
    skipped: bool = False  # not a notebook, found while walking a directory
    findings: list[Finding] = field(default_factory=list)
    fixed_count: int = 0
    fixed_codes: list[str] = field(default_factory=list)  # one entry per fixed diagnostic
    dropped: list[DroppedRecord] = field(default_factory=list)
    diff: str | None = None  # unified diff of the fixes (--diff, --write)
    fixed_text: str | None = None  # the fixed file, when fixes changed it
    content_hash: str | None = None  # sha256 of the bytes that were read

    @property
    def fixable_count(self) -> int:
        return sum(f.fixable for f in self.findings)

    @property
    def changed(self) -> bool:
        return self.fixed_text is not None

    @property
    def error_name(self) -> str:
        return self.error_kind or IO_ERROR

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("fixed_text")
        data.pop("diff")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileReport:
        def position(raw: dict[str, int]) -> Position:
            return Position(raw["line"], raw["column"])

        def fix(raw: dict[str, Any] | None) -> FixRecord | None:
            if raw is None:
                return None
            edits = tuple(
                EditRecord(e["content"], position(e["start"]), position(e["end"])) for e in raw["edits"]
            )
            return FixRecord(raw["applicability"], raw["message"], edits)

        findings = [
            Finding(
                f["code"],
                f["name"],
                f["message"],
                f["severity"],
                position(f["start"]),
                position(f["end"]),
                f["source_line"],
                fix(f["fix"]),
                f["fixable"],
                f["hidden_fix"],
            )
            for f in data["findings"]
        ]
        return cls(
            path=data["path"],
            error=data["error"],
            error_kind=data["error_kind"],
            error_line=data["error_line"],
            skipped=data["skipped"],
            findings=findings,
            fixed_count=data["fixed_count"],
            fixed_codes=list(data["fixed_codes"]),
            dropped=[DroppedRecord(**d) for d in data["dropped"]],
            content_hash=data["content_hash"],
        )


def finding_of(
    diagnostic: Diagnostic, index: LineIndex, unsafe_fixes: bool, *, build: bool = True
) -> Finding:
    """Settle a diagnostic: build its fix (if the codemod accepts) and cut out its line.

    Without `build`, the fix is not built and the finding is fixable when the
    rule offers a fix of an applicable kind (its codemod may still decline).
    """
    record = None
    if diagnostic.fix is not None and not build:
        safe = diagnostic.fix.applicability is Applicability.SAFE
        return _finding(diagnostic, index, None, safe or unsafe_fixes, hidden_fix=not (safe or unsafe_fixes))
    if diagnostic.fix is not None:
        try:
            edits = diagnostic.fix.edits
        except FixUnavailable:
            edits = None
        if edits is not None:
            record = FixRecord(
                diagnostic.fix.applicability.value,
                diagnostic.fix.message,
                tuple(EditRecord(e.content, index.position(e.start), index.position(e.end)) for e in edits),
            )
    safe = record is not None and record.applicability == Applicability.SAFE.value
    fixable = record is not None and (safe or unsafe_fixes)
    return _finding(diagnostic, index, record, fixable, hidden_fix=record is not None and not fixable)


def _finding(
    diagnostic: Diagnostic,
    index: LineIndex,
    record: FixRecord | None,
    fixable: bool,
    *,
    hidden_fix: bool = False,
) -> Finding:
    return Finding(
        code=diagnostic.code,
        name=diagnostic.name,
        message=diagnostic.message,
        severity=diagnostic.severity.value,
        start=diagnostic.span.start_pos,
        end=diagnostic.span.end_pos,
        source_line=index.line_text(diagnostic.span.start_pos.line),
        fix=record,
        fixable=fixable,
        hidden_fix=hidden_fix,
    )


@dataclass(frozen=True)
class Statistic:
    """How many findings one rule has (code None: files that could not be processed, by kind)."""

    code: str | None
    name: str
    count: int
    fixable_count: int


def rule_statistics(reports: list[FileReport]) -> list[Statistic]:
    """Findings per rule, most frequent first, then the errors per kind (Ruff's --statistics)."""
    counts = Counter(f.code for r in reports for f in r.findings)
    fixable = Counter(f.code for r in reports for f in r.findings if f.fixable)
    names = {f.code: f.name for r in reports for f in r.findings}
    rows = [
        Statistic(code, names[code], count, fixable[code])
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    errors = Counter(r.error_name for r in reports if r.error is not None)
    rows += [Statistic(None, name, count, 0) for name, count in sorted(errors.items())]
    return rows
