"""Differential test: every finding of marimo's own structural lint rules has an nbfix counterpart.

marimo's rules that stop a notebook (MB001-MB005) and its self-import rule (MR001) run
in-process, as `marimo check` loads and lints a file, on the notebooks that ship with
marimo (its tutorials and snippets), on nbfix's corpus of the structural rules, and on a
few notebooks written here for the findings neither has. Each finding must come with the
nbfix rule that reports the same problem (`bench/marimo_parity.py`'s `counterpart`: MB002
-> NB004, MB003 -> NB022, MB004 -> NB023, MB005's star import -> NB024 and its `return`
outside a function -> NB001, MR001 -> NB026), on the cell of every line marimo gives.
`bench/marimo_parity.py` runs the same comparison over the ecosystem notebooks.

Exceptions, each with its reason in `bench/marimo_parity.py` (`EXCEPTIONS`): MR001's
"conflicts with a module in site-packages" (marimo looks for a file beside the notebook;
nbfix rules never read the file system) and files named `sys.py`/`builtins.py` (built into
Python, never shadowed). Pending: MB001 and MB005's other syntax errors -> NB025
unparsable-cell, which another branch (`parse-cells`) builds: those checks are skipped
while no NB025 is registered and run by themselves once it is.
"""

from __future__ import annotations

from pathlib import Path

import marimo
import pytest
from conftest import CORPUS, TUTORIALS, load_bench_script
from notebooks import FOOTER, HEADER

from nbfix.rules import all_rules

SNIPPETS = sorted((Path(marimo.__file__).parent / "_snippets" / "data").glob("*.py"))
CORPUS_FOLDERS = ("NB001", "NB004", "NB022", "NB023", "NB024", "NB026", "clean")


parity = load_bench_script("marimo_parity")

# Findings that no shipped notebook and no corpus case has.
WRITTEN_HERE = {
    "unparsable_cell.py": 'app._unparsable_cell(\n    r"""\n    x = (\n    """,\n    name="_",\n)\n',
    "global_after_assignment.py": "@app.cell\ndef _():\n    total = 1\n    global total\n    return\n",
}
PENDING_NB025 = pytest.mark.skipif(
    "NB025" not in all_rules(),
    reason="pending: NB025 unparsable-cell is built on branch parse-cells; this runs once it is merged",
)
# marimo code, the nbfix code it maps to: each must be seen at least once in the cases.
MAPPINGS = [
    pytest.param("MB002", "NB004", id="MB002-NB004"),
    pytest.param("MB003", "NB022", id="MB003-NB022"),
    pytest.param("MB004", "NB023", id="MB004-NB023"),
    pytest.param("MB005", "NB024", id="MB005-NB024"),
    pytest.param("MB005", "NB001", id="MB005-NB001"),
    pytest.param("MR001", "NB026", id="MR001-NB026"),
    pytest.param("MB001", "NB025", id="MB001-NB025", marks=PENDING_NB025),
    pytest.param("MB005", "NB025", id="MB005-NB025", marks=PENDING_NB025),
]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list:
    written = tmp_path_factory.mktemp("parity")
    for name, cells in WRITTEN_HERE.items():
        (written / name).write_text(HEADER + cells + FOOTER, encoding="utf-8")
    corpus = [
        path
        for folder in CORPUS_FOLDERS
        for path in sorted((CORPUS / folder).glob("*.py"))
        if not path.name.endswith(".fixed.py")
    ]
    files = [*TUTORIALS, *SNIPPETS, *corpus, *sorted(written.glob("*.py"))]
    return parity.run(files)


@pytest.mark.parametrize(("marimo_code", "nbfix_code"), MAPPINGS)
def test_each_marimo_finding_has_an_nbfix_counterpart_on_its_cell(
    results: list, marimo_code: str, nbfix_code: str
) -> None:
    findings = [f for r in results for f in r.findings if f.code == marimo_code and f.expected == nbfix_code]
    assert findings, f"no case where marimo reports {marimo_code} for {nbfix_code}: the test cannot fail"
    missed = [f"{f.where()} {f.message}: {f.why}" for f in findings if f.status == "missed"]
    assert not missed, "\n".join(missed)


def test_every_linted_file_was_linted(results: list) -> None:
    """A file marimo would not lint proves nothing: only `__init__.py`-like files may be skipped."""
    skipped = [r.path for r in results if r.skipped is not None and not r.path.endswith("__init__.py")]
    assert not skipped


@pytest.mark.parametrize(
    ("code", "message", "expected"),
    [
        ("MB005", parity.STAR_IMPORT_MESSAGE, "NB024"),
        ("MB005", "'return' outside function", "NB001"),
        ("MB005", "name 'x' is assigned to before global declaration", "NB025"),
        ("MB003", "Cell is part of a circular dependency", "NB022"),
    ],
)
def test_counterpart_of_a_marimo_message(code: str, message: str, expected: str) -> None:
    assert parity.counterpart(code, message) == expected


@pytest.mark.parametrize(
    ("message", "excepted"),
    [
        ("Importing module 'pandas' conflicts with a module in site-packages, and may cause ...", True),
        ("Importing module 'sys' conflicts with file name 'sys.py'", True),
        ("Importing module 'json' conflicts with file name 'json.py'", False),
    ],
)
def test_exceptions_are_only_what_nbfix_leaves_alone_on_purpose(message: str, excepted: bool) -> None:
    assert (parity.exception_reason("MR001", message) is not None) == excepted
