"""NB901 unused-suppression."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from nbfix.diagnostics import Applicability, Diagnostic, Fix, Severity
from nbfix.messages import code_list
from nbfix.notebook import Notebook
from nbfix.rules import Example, Rule, all_rules, always, register
from nbfix.suppression import Directive, Kind, Suppressions, directive_span, removal

MAX_MESSAGE = 100
# The codes of a noqa list that are nbfix's; the others belong to Ruff, flake8 and their plugins.
_NBFIX_CODE = re.compile(r"NB[0-9][A-Z0-9]*")


def _ours(directive: Directive) -> list[str]:
    codes = directive.codes or ()
    if directive.kind is Kind.NOQA:
        return [code for code in codes if _NBFIX_CODE.fullmatch(code)]
    return list(codes)


def _message(directive: Directive, unknown: list[str], unused: list[str]) -> str:
    what = "file-level suppression" if directive.kind is Kind.FILE else "suppression"
    message = ""
    for limit in (3, 2, 1):
        parts = [
            f"{label}: {code_list(codes, limit)}"
            for label, codes in (("unknown", unknown), ("unused", unused))
            if codes
        ]
        message = f"Unused {what} ({'; '.join(parts)})"
        if len(message) <= MAX_MESSAGE:
            break
    return message


@register
class UnusedSuppression(Rule):
    """
    ## What it does
    Finds suppression comments that silence nothing: a code that no rule
    knows (`# nbfix: ignore[NB999]`, a typo), a code that raises nothing on
    the line it stands on (or, for `# nbfix: ignore-file[...]`, anywhere in
    the file), and a blanket `# nbfix: ignore` on a line where nothing is
    raised. The same as Ruff's RUF100.

    Only codes that were checked in this run are judged: a code that is not
    selected (ignored, or off by default) is never called unused. In a
    `# noqa` list only the `NB` codes are nbfix's: `# noqa: E501, F401` and a
    bare `# noqa` belong to Ruff and flake8 and are left alone. A comment
    that names NB901 itself is kept as it is, and `# nbfix: ignore-file`
    (which turns the whole file off) is not judged.

    ## Why is this bad?
    A typo in a suppression silences nothing and reads as if it did. A
    suppression left behind after the code changed will silence the next,
    unrelated problem on that line without anyone deciding so.

    ## Example
    ```python
    greeting = f"Hello {name}"  # nbfix: ignore[NB007]
    ```
    Use instead:
    ```python
    greeting = f"Hello {name}"
    ```

    ## Fix safety
    Safe. The fix removes the unused codes from the list, or the whole
    suppression when none is left, keeping any other text of the comment
    (`x = 1  # keep this  # nbfix: ignore[NB007]` becomes `x = 1  # keep this`).
    A code that silenced nothing before silences nothing after.

    ## Precision
    2026-12-03: no hit on the 1,080 ecosystem notebooks (they hold no nbfix
    suppression; their 22 noqa comments are all Ruff's). On the same notebooks
    (`bench/suppression_probe.py`): 271 suppressions of real findings, none
    called unused; 179 of 179 planted unused ones found, and `--write` removed
    exactly them (docs/precision/NB901.md).
    """

    code = "NB901"
    name = "unused-suppression"
    severity = Severity.WARNING
    fix_availability = always(Applicability.SAFE)
    judges_suppressions = True
    valid = (
        Example("x = 1  # noqa: E501, F401\ny = 2  # noqa"),
        Example("import marimo as mo\n# ---\nvalue = 1  # nbfix: ignore[NB010]"),
    )
    invalid = (
        Example("x = 1  # nbfix: ignore[NB999]", "x = 1"),
        Example("x = 1  # keep this  # noqa: E501, NB999", "x = 1  # keep this  # noqa: E501"),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        """Alone, it knows of no other rule's findings: it reports only unknown codes."""
        return self.check_raised(notebook, (), frozenset({self.code}))

    def check_raised(
        self, notebook: Notebook, raised: Sequence[Diagnostic], checked: frozenset[str]
    ) -> Iterator[Diagnostic]:
        suppressions = Suppressions.of(notebook)
        if not suppressions.directives:
            return
        known = all_rules()
        by_line: dict[int, set[str]] = {}
        for diagnostic in raised:
            by_line.setdefault(diagnostic.span.start_pos.line, set()).add(diagnostic.code)
        anywhere = {diagnostic.code for diagnostic in raised}
        for directive in suppressions.directives:
            if self.code in directive.silenced:
                continue
            raised_here = anywhere if directive.kind is Kind.FILE else by_line.get(directive.line, set())
            if directive.codes is None:  # blanket: only nbfix's own line comment is judged
                if directive.kind is Kind.NBFIX and not raised_here:
                    yield self._report(notebook, directive, "Unused blanket suppression", ())
                continue
            ours = _ours(directive)
            unknown = [code for code in ours if code not in known]
            unused = [
                code
                for code in ours
                if code in known
                and code in checked
                and code not in raised_here
                # A code silenced in the whole file is not judged line by line (Ruff: per-file-ignores).
                and (directive.kind is Kind.FILE or not suppressions.silences_in_file(code))
            ]
            if unknown or unused:
                gone = {*unknown, *unused}
                keep = tuple(code for code in directive.codes if code not in gone)
                yield self._report(notebook, directive, _message(directive, unknown, unused), keep)

    def _report(
        self, notebook: Notebook, directive: Directive, message: str, keep: tuple[str, ...]
    ) -> Diagnostic:
        index = notebook.index
        if keep:
            removed = [code for code in directive.codes or () if code not in keep]
            title = f"Remove {code_list(removed)} from the suppression"
        else:
            title = "Remove the unused suppression"
        fix = Fix(Applicability.SAFE, title, lambda: (removal(index, directive, keep),))
        return self.diagnostic(message, directive_span(index, directive), fix)
