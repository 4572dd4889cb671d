"""Walk corpus/: every case raises its rule, fixes to its `.fixed.py` byte for byte, and runs.

Layout: `corpus/<CODE>/<case>.py` must raise CODE (`corpus/mixed/` cases: two codes or more,
all fixed by one run); `<case>.fixed.py` beside it is the
expected result of `nbfix --write` (no such file: the case has no fix and must be left
unchanged); `<case>.unsafe.fixed.py` is the expected result of `--write --unsafe-fixes`
where that differs; `corpus/clean/*.py` must raise nothing at all.

Running a fixed notebook (`python case.fixed.py` runs every cell):
- a `# nbfix-corpus: requires=torch` (or `requires=cuda`) comment in its header skips the
  run where that is missing;
- a `<case>.stdout` file beside it is the exact output the run must print (for fixes
  that change what a notebook prints, like a missing f prefix);
- a default result that still holds what only an unsafe fix resolves (a misspelt name,
  NB002) is not run: its `<case>.unsafe.fixed.py` is.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

from fixer.diagnostics import Applicability
from fixer.engine import fix_notebook
from fixer.notebook import Notebook
from fixer.rules import Rule, check, select_rules

RULES = select_rules()


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
    return fix_notebook(Notebook.parse(text, str(path)), _rules_for(path), unsafe_fixes=unsafe).notebook.text


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_case_raises_its_rule(case: Path) -> None:
    codes = {d.code for d in check(Notebook.parse(_read(case), str(case)), _rules_for(case))}
    if case.parent.name == "mixed":  # several problems at once, fixed together
        assert len(codes) >= 2, codes
    else:
        assert case.parent.name in codes


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
    if importlib.util.find_spec("torch") is None:
        return f"{needed} is not installed"
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
