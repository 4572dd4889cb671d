"""RULES.md fix contract 5: no chain of fixes changes what the code refers to.

A diagnostic that an earlier fix of the same run created is never "fixed" by
an unsafe fix or by a rename to another existing binding; the earlier fix is
dropped instead. The trio that found it: NB004 makes `x` private, NB007 turns
`"value {x}"` into an f-string, and NB002 then pointed the now-undefined `x`
at another cell's `X`, so the notebook printed a different variable.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from notebooks import make_notebook
from test_engine import TEXT, FirstStep, _FakeRule, _insert

from nbfix.diagnostics import Applicability, Diagnostic, Fix, FixUnavailable
from nbfix.engine import fix_notebook, identities
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules

OTHER = 'X = "the other variable"'

# The string sits in a cell that defines `x`, or in a cell of its own.
TRIOS = {
    "string-in-defining-cell": make_notebook([OTHER, 'x = 1\nprint("value {x}")', "x = 2"]),
    "string-in-own-cell": make_notebook([OTHER, "x = 1", "x = 2", 'print("value {x}")']),
    "string-before-definitions": make_notebook([OTHER, 'print("value {x}")', "x = 1", "x = 2"]),
}


@pytest.mark.parametrize("text", TRIOS.values(), ids=TRIOS.keys())
def test_the_trio_raises_what_it_should(text: str) -> None:
    assert {"NB004", "NB007"} <= {d.code for d in _lint(text)}
    assert "NB002" not in {d.code for d in _lint(text)}


def _lint(text: str) -> list[Diagnostic]:
    return check(Notebook.parse(text), select_rules())


def _never_reads_other(text: str) -> None:
    """Only the cell that defines `X` mentions it: no read was renamed to it."""
    assert text.count("X") == 1, text
    assert "{X}" not in text


@pytest.mark.parametrize("unsafe", [False, True], ids=["default", "unsafe-fixes"])
@pytest.mark.parametrize("name", TRIOS.keys())
def test_trio_never_prints_the_other_variable(name: str, unsafe: bool, tmp_path: Path, run_nbfix) -> None:
    path = tmp_path / "trio.py"
    path.write_text(TRIOS[name])
    args = ["--write", "--no-cache", *(["--unsafe-fixes"] if unsafe else []), str(path)]
    code, _, _ = run_nbfix(*args)
    fixed = path.read_text()
    assert fixed != TRIOS[name], "the safe NB004 fix still applies"
    _never_reads_other(fixed)
    assert code == 0
    result = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "the other variable" not in result.stdout


@pytest.mark.parametrize("unsafe", [False, True], ids=["default", "unsafe-fixes"])
def test_case_fold_rename_is_unsafe_and_declared_as_a_rename_to_an_existing_name(unsafe: bool) -> None:
    text = make_notebook(["CUDF_AVAILABLE = True", "print(cudf_available)"])
    [diagnostic] = _lint(text)
    assert diagnostic.code == "NB002" and diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    assert diagnostic.fix.renames_to_existing
    outcome = fix_notebook(Notebook.parse(text), select_rules(), unsafe_fixes=unsafe)
    # An undefined name that was in the notebook from the start is renamed with --unsafe-fixes.
    assert ("print(CUDF_AVAILABLE)" in outcome.notebook.text) is unsafe


# -- the engine, with fake rules ------------------------------------------------------------


class CreatesProblem(FirstStep):
    """Fix A: safe on its own, but it leaves a problem that only `SettlesProblem` would settle."""


class SettlesProblem(_FakeRule):
    """Fix B: removes what A brought up, by a fix a chain must not use (here: an unsafe one)."""

    code = "NB998"
    applicability = Applicability.UNSAFE
    renames_to_existing = False

    def applies(self, notebook):
        return "value = 11" in notebook.text

    def check(self, notebook):
        for diagnostic in super().check(notebook):
            fix = Fix(
                self.applicability,
                "Rename `value` to `VALUE`" if self.renames_to_existing else "unsafe fix",
                lambda: self.edits(notebook),
                renames_to_existing=self.renames_to_existing,
            )
            yield Diagnostic(
                diagnostic.code,
                diagnostic.name,
                diagnostic.message,
                diagnostic.severity,
                diagnostic.span,
                fix,
            )

    def edits(self, notebook):
        return _insert(notebook, "value = 11", "value = 2", replace=True)


class SettlesByRenaming(SettlesProblem):
    """A safe fix, but one declared as a rename to another existing binding."""

    applicability = Applicability.SAFE
    renames_to_existing = True


class SettlesSafely(SettlesProblem):
    applicability = Applicability.SAFE


@pytest.mark.parametrize("second", [SettlesProblem, SettlesByRenaming], ids=["unsafe", "rename"])
@pytest.mark.parametrize("unsafe", [False, True], ids=["default", "unsafe-fixes"])
def test_a_fix_whose_problem_only_a_forbidden_fix_settles_is_dropped(second: type, unsafe: bool) -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [CreatesProblem(), second()], unsafe_fixes=unsafe)
    assert not outcome.changed, "B is not applied, and A is dropped rather than left half done"
    assert "value = 2" not in outcome.notebook.text
    [dropped] = outcome.dropped
    assert dropped.diagnostic.code == "NB999"
    assert "introduced NB998" in dropped.reason
    assert "must not change what the code refers to" in dropped.reason


def test_a_safe_fix_that_renames_nothing_may_finish_a_chain() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [CreatesProblem(), SettlesSafely()])
    assert "value = 2" in outcome.notebook.text
    assert not outcome.dropped and outcome.diagnostics == []


@pytest.mark.parametrize("second", [SettlesProblem, SettlesByRenaming], ids=["unsafe", "rename"])
def test_an_original_problem_may_still_get_such_a_fix(second: type) -> None:
    """The contract is about chains: what the notebook had from the start is fixed as the user asked."""
    text = TEXT.replace("value = 1\n", "value = 11\n")
    outcome = fix_notebook(Notebook.parse(text), [second()], unsafe_fixes=True)
    assert "value = 2" in outcome.notebook.text and not outcome.dropped


THREE_CELLS = make_notebook(["value = 1", "print(value)", "other = 3"])


class LaterRename(SettlesProblem):
    """B's fix is safe (its codemod declines) until C has run; then it is a rename to an existing name."""

    def check(self, notebook):
        for diagnostic in _FakeRule.check(self, notebook):
            if "late = 1" in notebook.text:
                fix = Fix(
                    Applicability.SAFE,
                    "Rename to `late`",
                    lambda: self.edits(notebook),
                    renames_to_existing=True,
                )
            else:
                fix = Fix(Applicability.SAFE, "not yet", _decline)
            yield Diagnostic(
                diagnostic.code,
                diagnostic.name,
                diagnostic.message,
                diagnostic.severity,
                diagnostic.span,
                fix,
            )


def _decline():
    raise FixUnavailable("not on this text")


class DefinesLate(_FakeRule):
    """Fix C, a safe follow-up of A (so it runs after A): defines `late` in the third cell."""

    code = "NB997"

    def applies(self, notebook):
        return "value = 11" in notebook.text and "late = 1" not in notebook.text

    def edits(self, notebook):
        return _insert(notebook, "other = 3", "other = 3\n    late = 1", replace=True)


def test_a_created_problem_is_never_given_a_forbidden_fix_in_a_later_round() -> None:
    """A's problem passes A's round (its fix was safe then) and turns into a rename after C's round.

    The rename is never applied; the work is redone without A (and so without C, which only
    follows A).
    """
    outcome = fix_notebook(
        Notebook.parse(THREE_CELLS), [CreatesProblem(), LaterRename(), DefinesLate()], unsafe_fixes=True
    )
    assert "value = 2" not in outcome.notebook.text, "the rename finished A's chain"
    assert not outcome.changed
    assert [d.diagnostic.code for d in outcome.dropped] == ["NB999"]
    reason = outcome.dropped[0].reason
    assert "introduced NB998" in reason and "rename to another existing name" in reason


def test_identities_do_not_move_when_a_cell_is_inserted_at_the_top() -> None:
    text = make_notebook(["title = 'GPU report'", "mo.md(title)", "print(undefined_thing)"])
    outcome = fix_notebook(Notebook.parse(text), select_rules())
    assert outcome.notebook.text.count("@app.cell") == 4, "the `import marimo as mo` cell was added"
    before = identities(outcome.original, _lint(text))
    after = identities(outcome.notebook, outcome.diagnostics)
    assert [i for i in before if i[0] == "NB002" and "undefined_thing" in i[2]] == after
