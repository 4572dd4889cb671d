"""The command line as a user meets it: exit codes, bad input, --diff, --write, JSON."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from notebooks import make_notebook

BROKEN = make_notebook(["flag = True", "if flag:\n    result = 1\n    return result\nelse:\n    result = 2"])
CLEAN = make_notebook(["x = 1", "print(x)"])


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.py"
    path.write_text(BROKEN)
    return path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.py"
    path.write_text(CLEAN)
    return path


def test_clean_notebook_exits_zero(run_nbfix, clean: Path) -> None:
    code, out, _ = run_nbfix(str(clean))
    assert code == 0
    assert "All checks passed" in out


def test_report_shows_location_line_and_caret(run_nbfix, broken: Path) -> None:
    code, out, _ = run_nbfix(str(broken))
    assert code == 1
    line = next(i for i, text in enumerate(BROKEN.splitlines(), 1) if "return result" in text)
    assert f"{broken}:{line}:9: NB001 [*] `return` inside an `if` branch" in out
    assert "        return result" in out and "^^^^^^^^^^^^^" in out
    assert "Found 1 issue (1 fixable with --write)." in out


def test_diff_shows_the_fix_and_writes_nothing(run_nbfix, broken: Path) -> None:
    code, out, err = run_nbfix("--diff", str(broken))
    assert code == 1
    assert "-        return result" in out
    assert f"--- {broken}" in out and f"+++ {broken}" in out
    assert broken.read_text() == BROKEN
    assert "Would fix 1 issue in 1 file." in err


def test_diff_of_clean_notebook_is_empty(run_nbfix, clean: Path) -> None:
    code, out, _ = run_nbfix("--diff", str(clean))
    assert (code, out) == (0, "")


def test_write_fixes_keeps_mode_and_is_idempotent(run_nbfix, broken: Path) -> None:
    os.chmod(broken, 0o640)
    code, out, _ = run_nbfix("--write", str(broken))
    assert code == 0, out
    fixed = broken.read_text()
    assert "return result" not in fixed and "if flag:" in fixed
    assert stat.S_IMODE(broken.stat().st_mode) == 0o640
    assert not [p for p in broken.parent.iterdir() if p.name.endswith(".nbfix")], "temp file left behind"
    assert run_nbfix("--write", str(broken))[0] == 0
    assert broken.read_text() == fixed


def test_write_keeps_crlf_and_bom(run_nbfix, tmp_path: Path) -> None:
    path = tmp_path / "crlf.py"
    path.write_bytes(b"\xef\xbb\xbf" + BROKEN.replace("\n", "\r\n").encode())
    assert run_nbfix("--write", str(path))[0] == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"return result" not in data


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.py", b"\x00\x01\x02marimo", "binary file"),
        ("latin1.py", "x = 'caf\xe9'\n".encode("latin-1"), "not valid UTF-8"),
        # A syntax error outside any cell is the file's; one inside a cell is NB025 (below).
        ("syntax.py", b"import marimo\napp = marimo.App()\ndef (:\n", "syntax error at line 3"),
        ("header.py", b"import marimo\napp = marimo.App(\n\n@app.cell\ndef _():\n    return\n", "line 2"),
        ("empty.py", b"", "empty file"),
        ("script.py", b"print('not a notebook')\n", "not a marimo notebook"),
    ],
)
def test_bad_input_is_one_line_error_and_others_still_processed(
    run_nbfix, tmp_path: Path, broken: Path, name: str, content: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run_nbfix(str(bad), str(broken))
    assert code == 2
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 1 and str(bad) in errors[0] and reason in errors[0]
    assert "NB001" in out, "the good file is still checked"


def test_a_syntax_error_in_one_cell_is_a_diagnostic_not_an_error(
    run_nbfix, tmp_path: Path, broken: Path
) -> None:
    """NB025: the file is checked (exit 1, not 2), its other cells too, and `--write` fixes them."""
    one_cell = tmp_path / "one_cell.py"
    one_cell.write_text(BROKEN.replace("flag = True", "flag = (True"))
    code, out, err = run_nbfix("--no-cache", str(one_cell), str(broken))
    assert (code, err) == (1, "")
    assert f"{one_cell}:" in out and "NB025 Cell does not parse: '(' was never closed" in out
    assert out.count("NB001") == 2, "the other cell of the broken file, and the good file, are checked"
    assert "could not be processed" not in out
    code, out, _ = run_nbfix("--no-cache", "--write", str(one_cell))
    assert (
        code == 1 and "flag = (True" in one_cell.read_text() and "return result" not in one_cell.read_text()
    )


def test_missing_path_is_an_error(run_nbfix, tmp_path: Path) -> None:
    code, _, err = run_nbfix(str(tmp_path / "nope.py"))
    assert code == 2 and "no such file" in err


def test_unreadable_file_is_an_error(run_nbfix, tmp_path: Path, broken: Path, monkeypatch) -> None:
    # chmod 0 does not stop root (CI runs as root), so make the open fail the way it would.
    real_open = os.open

    def open_file(path: object, *args: object, **kwargs: object) -> int:
        if Path(path).name == "locked.py":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    locked = tmp_path / "locked.py"
    locked.write_text(BROKEN)
    monkeypatch.setattr(os, "open", open_file)
    code, out, err = run_nbfix(str(locked), str(broken))
    assert code == 2 and f"{locked}: error: Permission denied" in err
    assert "broken.py" in out
    assert "1 file could not be processed" in out


def test_an_error_is_never_summed_up_as_success(run_nbfix, tmp_path: Path) -> None:
    clean, missing = tmp_path / "clean.py", tmp_path / "missing.py"
    clean.write_text(CLEAN)
    code, out, err = run_nbfix("--no-cache", str(clean), str(missing))
    assert code == 2 and "missing.py: error: no such file" in err
    assert "All checks passed" not in out
    assert "1 file could not be processed (see the errors above)." in out


def test_directory_walk_skips_non_notebooks_silently(run_nbfix, tmp_path: Path, broken: Path) -> None:
    (tmp_path / "helper.py").write_text("def f():\n    return 1\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "hidden.py").write_text(BROKEN)
    code, out, err = run_nbfix(str(tmp_path))
    assert code == 1 and err == ""
    assert "broken.py" in out and "hidden.py" not in out and "helper.py" not in out


def test_write_fixes_a_whole_tree(run_nbfix, tmp_path: Path) -> None:
    sub = tmp_path / "nested"
    sub.mkdir()
    for i in range(3):
        (sub / f"nb{i}.py").write_text(BROKEN)
    code, out, _ = run_nbfix("--write", str(tmp_path))
    assert code == 0
    assert "Fixed 3 issues in 3 files." in out


def test_select_and_ignore(run_nbfix, broken: Path) -> None:
    assert run_nbfix("--ignore", "NB001", str(broken))[0] == 0
    assert run_nbfix("--select", "NB005", str(broken))[0] == 0
    assert run_nbfix("--select", "NB0", str(broken))[0] == 1
    code, _, err = run_nbfix("--select", "XY123", str(broken))
    assert code == 2 and "unknown rule code" in err


def test_diff_and_write_together_is_a_usage_error(run_nbfix, broken: Path) -> None:
    assert run_nbfix("--diff", "--write", str(broken))[0] == 2


def test_json_follows_ruffs_schema(run_nbfix, broken: Path) -> None:
    code, out, _ = run_nbfix("--output-format", "json", str(broken))
    assert code == 1
    [record] = json.loads(out)
    assert {"code", "message", "filename", "location", "end_location", "fix", "url", "noqa_row"} <= set(
        record
    )
    assert record["code"] == "NB001"
    assert record["filename"] == str(broken.resolve())
    assert set(record["location"]) == {"row", "column"}
    fix = record["fix"]
    assert fix["applicability"] == "safe"
    edit = fix["edits"][0]
    assert {"content", "location", "end_location"} <= set(edit)
    # Applying the edit to the original text gives exactly what --write writes.
    lines = BROKEN.splitlines(keepends=True)

    def offset(loc: dict) -> int:
        return sum(len(line) for line in lines[: loc["row"] - 1]) + loc["column"] - 1

    patched = BROKEN[: offset(edit["location"])] + edit["content"] + BROKEN[offset(edit["end_location"]) :]
    run_nbfix("--write", str(broken))
    assert patched == broken.read_text()


def test_suppression_comment_silences(run_nbfix, tmp_path: Path) -> None:
    path = tmp_path / "quiet.py"
    path.write_text(BROKEN.replace("    return result\n", "    return result  # nbfix: ignore[NB001]\n", 1))
    assert run_nbfix(str(path))[0] == 0
    path.write_text(BROKEN.replace("    return result\n", "    return result  # noqa: NB005\n", 1))
    assert run_nbfix(str(path))[0] == 1


def test_rules_and_rule_docs(run_nbfix) -> None:
    code, out, _ = run_nbfix("rules")
    assert code == 0 and "NB001  return-in-branch" in out
    code, out, _ = run_nbfix("rule", "nb001")
    assert code == 0 and "## Why is this bad?" in out


def test_a_text_check_marks_fixes_without_building_them(broken: Path) -> None:
    """Building a fix runs a libcst codemod; the text report only says one is offered."""
    import subprocess
    import sys

    script = (
        "import sys; from nbfix.cli import main\n"
        "try:\n    main([sys.argv[1], '--no-cache'])\n"
        "except SystemExit:\n    pass\n"
        "print('libcst loaded' if 'libcst' in sys.modules else 'libcst not loaded')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(broken)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert "NB001 [*]" in result.stdout
    assert result.stdout.rstrip().endswith("libcst not loaded")


def test_json_check_builds_each_fix(run_nbfix, broken: Path) -> None:
    _, out, _ = run_nbfix("--no-cache", "--output-format", "json-lines", str(broken))
    assert all(json.loads(line)["fix"]["edits"] for line in out.splitlines())


def test_hidden_unsafe_fixes_are_counted(run_nbfix) -> None:
    """An unsafe fix is not invisible: the summary says how many --unsafe-fixes would enable."""
    from conftest import CORPUS

    case = str(CORPUS / "NB002" / "case_mismatch.py")
    code, out, _ = run_nbfix("--no-cache", case)
    assert code == 1 and "1 hidden fix can be enabled with --unsafe-fixes." in out
    code, out, _ = run_nbfix("--no-cache", "--unsafe-fixes", case)
    assert code == 1 and "hidden fix" not in out and "(1 fixable with --write)" in out


def test_a_mistyped_command_is_a_usage_error(run_nbfix, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_nbfix("clean")
    assert code == 2 and "no such command or file: clean" in err
    assert "All checks passed" not in out
    (tmp_path / "clean").mkdir()  # a folder of that name is a path to check
    assert run_nbfix("clean")[0] == 0
