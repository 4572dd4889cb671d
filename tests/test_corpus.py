"""Walk corpus/: every case raises its rule, fixes to its `.fixed.py` byte for byte, and runs.

Layout: `corpus/<CODE>/<case>.py` must raise CODE (`corpus/mixed/` cases: two codes or more,
all fixed by one run); `<case>.fixed.py` beside it is the
expected result of `nbfix --write` (no such file: the case has no fix and must be left
unchanged); `<case>.unsafe.fixed.py` is the expected result of `--write --unsafe-fixes`
where that differs; `corpus/clean/*.py` must raise nothing at all.

Running a fixed notebook (`python case.fixed.py` runs every cell):
- a `# nbfix-corpus: requires=torch` (any importable module, or `requires=cuda`) comment in
  its header skips the run where that is missing;
- a `<case>.stdout` file beside it is the exact output the run must print (for fixes
  that change what a notebook prints, like a missing f prefix);
- a default result that still holds what only an unsafe fix resolves (a misspelt name,
  NB002) is not run: its `<case>.unsafe.fixed.py` is.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

from nbfix.diagnostics import Applicability, Offered
from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import Rule, all_rules, check, select_rules

RULES = select_rules()
CORPUS_ROUNDS = 8
# `NBFIX_UPDATE_SNAPSHOTS=1 pytest tests/test_corpus.py` rewrites the `.diagnostics` files.
UPDATE_SNAPSHOTS = os.environ.get("NBFIX_UPDATE_SNAPSHOTS") == "1"


def _rules_for(path: Path) -> list[Rule]:
    """A case is checked and fixed with its own rule on, also one that is off by default (NB014)."""
    code = path.parent.name
    return select_rules(extend_select=[code]) if code.startswith("NB") else RULES


def _cases() -> list[Path]:
    cases = [*CORPUS.glob("NB*/*.py"), *CORPUS.glob("mixed/*.py")]
    return sorted(p for p in cases if not p.name.endswith(".fixed.py"))


def _fixed_files() -> list[Path]:
    return sorted([*CORPUS.glob("NB*/*.fixed.py"), *CORPUS.glob("mixed/*.fixed.py")])


def _clean() -> list[Path]:
    return sorted(CORPUS.glob("clean/*.py"))


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _fix(text: str, path: Path, *, unsafe: bool = False) -> str:
    """Fix to a fix-point in at most CORPUS_ROUNDS rounds; fail on non-convergence, a new
    diagnostic or a result that does not compile (Ruff's test harness holds its rules to this)."""
    original = Notebook.parse(text, str(path))
    rules = _rules_for(path)
    outcome = fix_notebook(original, rules, unsafe_fixes=unsafe, max_rounds=CORPUS_ROUNDS)
    assert outcome.settled, f"the fixes did not settle within {CORPUS_ROUNDS} rounds"
    if outcome.changed:
        compile(outcome.notebook.text, str(path), "exec")
        before = {(d.code, d.message) for d in check(original, rules)}
        new = [d for d in outcome.diagnostics if (d.code, d.message) not in before]
        assert not new, f"the fixes raised a new diagnostic: {new[0].code} {new[0].message}"
    return outcome.notebook.text


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_case_raises_its_rule(case: Path) -> None:
    codes = {d.code for d in check(Notebook.parse(_read(case), str(case)), _rules_for(case))}
    if case.parent.name == "mixed":  # several problems at once, fixed together
        assert len(codes) >= 2, codes
    else:
        assert case.parent.name in codes


def _snapshot(case: Path) -> str:
    notebook = Notebook.parse(_read(case), str(case))
    lines = []
    for diagnostic in check(notebook, _rules_for(case)):
        start = diagnostic.span.start_pos
        fix = diagnostic.fix
        offer = "no fix" if fix is None else f"{fix.applicability.value} fix: {fix.message}"
        lines.append(f"{start.line}:{start.column} {diagnostic.code} {diagnostic.message} [{offer}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_case_diagnostics_match_their_snapshot(case: Path) -> None:
    """`<case>.diagnostics` holds each diagnostic's position, code, message and fix offer, so
    that a change of message or span shows in review."""
    snapshot = case.with_name(case.stem + ".diagnostics")
    actual = _snapshot(case)
    if UPDATE_SNAPSHOTS:
        snapshot.write_text(actual, encoding="utf-8")
    assert snapshot.exists(), "no snapshot: run NBFIX_UPDATE_SNAPSHOTS=1 pytest tests/test_corpus.py"
    assert actual == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_fixes_offered_are_what_the_rule_declares(case: Path) -> None:
    """A rule that declares NEVER offers no fix, ALWAYS offers one on every diagnostic, and
    every fix offered is of an applicability the rule declares."""
    rules = {rule.code: rule for rule in _rules_for(case)}
    for diagnostic in check(Notebook.parse(_read(case), str(case)), rules.values()):
        declared = rules[diagnostic.code].fix_availability
        where = f"{diagnostic.code} at {diagnostic.span.start_pos.line}: {diagnostic.message}"
        if diagnostic.fix is None:
            assert declared.offered is not Offered.ALWAYS, f"declares a fix always, offers none: {where}"
        else:
            assert declared.offered is not Offered.NEVER, f"declares no fix, offers one: {where}"
            assert diagnostic.fix.applicability in declared.applicability, f"undeclared kind of fix: {where}"


def test_every_declared_kind_of_fix_is_seen_in_the_corpus() -> None:
    """A declaration no corpus case shows (an unsafe fix never offered, a fix never offered) is untested."""
    seen: dict[str, set[Applicability]] = {}
    for case in _cases():
        for diagnostic in check(Notebook.parse(_read(case), str(case)), _rules_for(case)):
            kinds = seen.setdefault(diagnostic.code, set())
            if diagnostic.fix is not None:
                kinds.add(diagnostic.fix.applicability)
    for code, rule in all_rules().items():
        assert code in seen, f"{code} has no corpus case"
        missing = rule.fix_availability.applicability - seen[code]
        assert not missing, f"{code} declares {sorted(k.value for k in missing)} fixes that no case offers"


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_case_fixes_to_expected(case: Path) -> None:
    expected_path = case.with_name(case.stem + ".fixed.py")
    original = _read(case)
    fixed = _fix(original, case)
    if expected_path.exists():
        assert fixed == _read(expected_path)
    else:
        assert fixed == original, "a case without .fixed.py must be left unchanged"


@pytest.mark.parametrize(
    "case", [c for c in _cases() if c.with_name(c.stem + ".unsafe.fixed.py").exists()], ids=_id
)
def test_case_fixes_to_expected_with_unsafe_fixes(case: Path) -> None:
    expected = _read(case.with_name(case.stem + ".unsafe.fixed.py"))
    assert _fix(_read(case), case, unsafe=True) == expected


def _is_unsafe_result(fixed_path: Path) -> bool:
    return fixed_path.name.endswith(".unsafe.fixed.py")


def _waits_for_unsafe_fixes(fixed_path: Path) -> bool:
    """A default result that still holds what only an unsafe fix resolves (its `.unsafe.fixed.py` runs)."""
    if _is_unsafe_result(fixed_path):
        return False
    text = _read(fixed_path)
    diagnostics = check(Notebook.parse(text, str(fixed_path)), _rules_for(fixed_path))
    return any(d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in diagnostics)


@pytest.mark.parametrize("fixed_path", _fixed_files(), ids=_id)
def test_fixed_file_is_stable_and_clean(fixed_path: Path) -> None:
    text = _read(fixed_path)
    unsafe = _is_unsafe_result(fixed_path)
    assert _fix(text, fixed_path, unsafe=unsafe) == text, "fixing a fixed file must change nothing"
    code = fixed_path.parent.name
    diagnostics = check(Notebook.parse(text, str(fixed_path)), _rules_for(fixed_path))
    if code == "mixed":
        left = [
            d
            for d in diagnostics
            if d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)
        ]
        assert not left, "everything fixable was fixed"
    else:
        assert code not in {d.code for d in diagnostics}


def _missing_requirement(path: Path) -> str | None:
    match = re.search(r"^# nbfix-corpus: requires=(\w+)", _read(path), re.MULTILINE)
    if match is None:
        return None
    needed = match.group(1)
    module = "torch" if needed == "cuda" else needed
    if importlib.util.find_spec(module) is None:
        return f"{module} is not installed"
    if needed == "cuda":
        import torch

        if not torch.cuda.is_available():
            return "no CUDA device"
    return None


@pytest.mark.parametrize("fixed_path", _fixed_files(), ids=_id)
def test_fixed_notebook_runs(fixed_path: Path) -> None:
    """`python notebook.py` runs every cell; a fix must leave a notebook that runs.

    A default result that still holds a problem only an unsafe fix resolves (a
    misspelt name) cannot run; its `.unsafe.fixed.py` must, and is run instead.
    """
    missing = _missing_requirement(fixed_path)
    if missing:
        pytest.skip(missing)
    if _waits_for_unsafe_fixes(fixed_path):
        unsafe_result = fixed_path.with_name(fixed_path.name.removesuffix(".fixed.py") + ".unsafe.fixed.py")
        assert unsafe_result.exists(), "what is left needs an unsafe fix: its result must be in the corpus"
        return
    result = subprocess.run(
        [sys.executable, str(fixed_path)], capture_output=True, text=True, timeout=300, cwd=fixed_path.parent
    )
    assert result.returncode == 0, result.stderr[-2000:]
    case_name = fixed_path.name.removesuffix(".fixed.py").removesuffix(".unsafe")
    expected_stdout = fixed_path.with_name(case_name + ".stdout")
    if expected_stdout.exists():
        assert result.stdout == expected_stdout.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", _clean(), ids=_id)
def test_clean_notebook_raises_nothing_and_is_untouched(path: Path) -> None:
    text = _read(path)
    # Default-off rules (NB010, NB014) are opinions a project opts into; they have their own cases.
    assert check(Notebook.parse(text, str(path)), RULES) == []
    assert _fix(text, path) == text


@pytest.mark.parametrize("path", _clean(), ids=_id)
def test_clean_notebook_runs(path: Path) -> None:
    missing = _missing_requirement(path)
    if missing:
        pytest.skip(missing)
    result = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, cwd=path.parent
    )
    assert result.returncode == 0, result.stderr[-2000:]
