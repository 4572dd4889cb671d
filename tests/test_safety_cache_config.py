"""Safety of `.nbfix_cache/` and of configuration files (issue 11).

The cache never follows a symlink, never deletes what nbfix did not create and
never writes outside its folder; a corrupt cache entry is recomputed, never a
traceback. A configuration file of the wrong shape, encoding or kind (a
device, a FIFO) is a one-line error and exit 2, never a traceback or a hang.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from notebooks import make_notebook

from nbfix import __version__

BROKEN = make_notebook(["flag = True", "if flag:\n    result = 1\n    return result\nelse:\n    result = 2"])
CLEAN = make_notebook(["x = 1", "print(x)"])
TIMEOUT = 30  # seconds; a run that hangs fails instead of blocking the suite


def _nbfix_process(cwd: Path, *args: str) -> tuple[int, str, str]:
    """The CLI in a child process, for what could hang (a test in-process would hang with it)."""
    result = subprocess.run(
        [sys.executable, "-c", "from nbfix.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=TIMEOUT,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def _snapshot(folder: Path) -> dict[str, str]:
    """Every path under `folder` with its kind and content; symlinks are recorded, not followed."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if any(parent.is_symlink() for parent in path.relative_to(folder).parents if parent != Path(".")):
            continue
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"link to {os.readlink(path)}"
        elif path.is_dir():
            found[key] = "folder"
        else:
            found[key] = path.read_text()
    return found


def _assert_one_line_error(result: tuple[int, str, str], *needles: str) -> None:
    code, _, err = result
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("error:"), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


# --- 1. A symlinked cache folder, version folder, .gitignore or entry file --------------------


@pytest.fixture
def clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`outer/repo`, a clone with a notebook and a `.git`, the working directory, beside
    `outer/sibling`, someone's files (one folder looks like an old nbfix version, one file
    like a cache entry unused for ages)."""
    repo = tmp_path / "outer" / "repo"
    (repo / ".git" / "objects").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (repo / "nb.py").write_text(BROKEN)
    sibling = tmp_path / "outer" / "sibling"
    (sibling / "data").mkdir(parents=True)
    (sibling / "data" / "keep.txt").write_text("precious\n")
    (sibling / "0.0.0-old").mkdir()
    (sibling / "0.0.0-old" / "notes.txt").write_text("mine\n")
    (sibling / "0123456789abcdef.json").write_text("{}")
    os.utime(sibling / "0123456789abcdef.json", (0, 0))
    monkeypatch.chdir(repo)
    return repo


def _link_cache_folder_to_parent(repo: Path) -> None:
    (repo / ".nbfix_cache").symlink_to("..")


def _link_cache_folder_to_sibling(repo: Path) -> None:
    (repo / ".nbfix_cache").symlink_to("../sibling")


def _link_version_folder_to_sibling(repo: Path) -> None:
    (repo / ".nbfix_cache").mkdir()
    (repo / ".nbfix_cache" / __version__).symlink_to("../../sibling")


def _link_gitignore_to_a_file_of_the_sibling(repo: Path) -> None:
    (repo / ".nbfix_cache").mkdir()
    (repo / ".nbfix_cache" / ".gitignore").symlink_to("../../sibling/data/keep.txt")


def _link_other_version_folder_to_sibling(repo: Path) -> None:
    (repo / ".nbfix_cache").mkdir()
    (repo / ".nbfix_cache" / "0.0.0-old").symlink_to("../../sibling")


@pytest.mark.parametrize(
    "plant",
    [
        _link_cache_folder_to_parent,
        _link_cache_folder_to_sibling,
        _link_version_folder_to_sibling,
        _link_gitignore_to_a_file_of_the_sibling,
        _link_other_version_folder_to_sibling,
    ],
)
def test_a_symlink_in_the_cache_is_never_followed(
    run_nbfix, clone: Path, plant: Callable[[Path], None]
) -> None:
    plant(clone)
    outer = clone.parent
    before = _snapshot(outer)
    for _ in range(2):  # a cold run, then one that would read what the first wrote
        code, out, _ = run_nbfix("--output-format", "concise", "nb.py")
        assert code == 1 and "nb.py:17:9: NB001" in out
    after = _snapshot(outer)
    outside_the_cache = {
        key: value for key, value in after.items() if not key.startswith("repo/.nbfix_cache/")
    }
    assert outside_the_cache == {
        key: value for key, value in before.items() if not key.startswith("repo/.nbfix_cache/")
    }
    planted = {key: value for key, value in before.items() if key.startswith("repo/.nbfix_cache")}
    assert {key: after.get(key) for key in planted} == planted, "the planted link is left as it was"


def test_a_symlinked_entry_file_is_neither_read_nor_replaced(run_nbfix, clone: Path) -> None:
    assert run_nbfix("nb.py")[0] == 1
    (entry,) = (clone / ".nbfix_cache" / __version__).glob("*.json")
    data = json.loads(entry.read_text())
    for cached in data.values():
        cached["report"]["findings"] = []  # what the link's target says: a clean notebook
    elsewhere = clone.parent / "sibling" / "entries.json"
    elsewhere.write_text(json.dumps(data))
    entry.unlink()
    entry.symlink_to(elsewhere)
    code, out, _ = run_nbfix("--output-format", "concise", "nb.py")
    assert code == 1 and "NB001" in out, "the report comes from the notebook, not from the link"
    assert entry.is_symlink() and json.loads(elsewhere.read_text()) == data


def test_pruning_removes_only_entry_files(run_nbfix, clone: Path) -> None:
    old = clone / ".nbfix_cache" / "0.0.0-old"
    old.mkdir(parents=True)
    (old / "0123456789abcdef.json").write_text("{}")
    (old / "notes.txt").write_text("mine\n")
    (old / "sub").mkdir()
    older = clone / ".nbfix_cache" / "0.0.0-older"
    older.mkdir()
    (older / "fedcba9876543210.json").write_text("{}")
    assert run_nbfix("nb.py")[0] == 1
    assert sorted(p.name for p in old.iterdir()) == ["notes.txt", "sub"]
    assert not older.exists(), "a folder holding only entry files is nbfix's own"


def test_a_cache_folder_that_is_a_file_is_left_alone(run_nbfix, clone: Path) -> None:
    (clone / ".nbfix_cache").write_text("not a folder\n")
    assert run_nbfix("nb.py")[0] == 1
    assert (clone / ".nbfix_cache").read_text() == "not a folder\n"


# --- 7. A cache entry that is valid JSON of the wrong shape -------------------------------------


def _report_change(change: Callable[[dict], None]) -> Callable[[dict, str], object]:
    def corrupt(data: dict, key: str) -> object:
        change(data[key]["report"])
        return data

    return corrupt


def _finding_change(field: str, value: object) -> Callable[[dict, str], object]:
    return _report_change(lambda report: report["findings"][0].__setitem__(field, value))


CORRUPTIONS: dict[str, Callable[[dict, str], object]] = {
    "whole file a list": lambda data, key: [],
    "whole file null": lambda data, key: None,
    "entry a list": lambda data, key: {key: []},
    "entry without stat": lambda data, key: {key: {"report": data[key]["report"]}},
    "entry without report": lambda data, key: {key: {"stat": data[key]["stat"]}},
    "stat a string": lambda data, key: {key: {"stat": "123", "report": data[key]["report"]}},
    "report null": lambda data, key: {key: {"stat": data[key]["stat"], "report": None}},
    "report without findings": _report_change(lambda report: report.pop("findings")),
    "findings a string": _report_change(lambda report: report.__setitem__("findings", "x")),
    "fixed_count a string": _report_change(lambda report: report.__setitem__("fixed_count", "3")),
    "dropped of the wrong shape": _report_change(lambda report: report.__setitem__("dropped", [{"x": 1}])),
    "content_hash a number": _report_change(lambda report: report.__setitem__("content_hash", 5)),
    "start a string": _finding_change("start", "17:9"),
    "fixable a string": _finding_change("fixable", "yes"),
    "code a number": _finding_change("code", 5),
    "severity a number": _finding_change("severity", 5),
    "source_line a number": _finding_change("source_line", 5),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_corrupt_cache_entry_is_recomputed(
    run_nbfix, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corruption: Callable[[dict, str], object]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nb.py").write_text(BROKEN)
    first = run_nbfix("--statistics", "nb.py")
    assert first[0] == 1
    (entry,) = (tmp_path / ".nbfix_cache" / __version__).glob("*.json")
    data = json.loads(entry.read_text())
    entry.write_text(json.dumps(corruption(copy.deepcopy(data), str(tmp_path / "nb.py"))))
    assert run_nbfix("--statistics", "nb.py") == first
    assert json.loads(entry.read_text()) == data, "the bad entry was replaced by a recomputed one"
    assert run_nbfix("--statistics", "nb.py") == first


# --- 9. Configuration of the wrong type, encoding or syntax ---------------------------------------


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('tool = "nbfix"\n', "`tool`"),
        ('tool = ["nbfix"]\n', "`tool`"),
        ("[tool]\nnbfix = 5\n", "`tool.nbfix`"),
        ('[tool]\nnbfix = "select"\n', "`tool.nbfix`"),
        ('[tool.nbfix]\nselect = "NB001"\n', "`select`"),
        ("[tool.nbfix]\nselect = [1]\n", "`select`"),
        ("[tool.nbfix]\nper-file-ignores = 3\n", "`per-file-ignores`"),
        ('[tool.nbfix]\nunsafe-fixes = "yes"\n', "`unsafe-fixes`"),
        ("[tool.nbfix]\nexclude = [[]]\n", "`exclude`"),
        ("[tool.nbfix.select]\nNB001 = true\n", "`select`"),
        ('[tool.nbfix.per-file-ignores]\n"a.py" = {x = 1}\n', "`per-file-ignores.a.py`"),
        ("[tool.nbfix]\nselect = [\n", "invalid TOML"),
        ("[tool.nbfix]\nselect = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ],
)
def test_a_config_of_the_wrong_shape_is_a_one_line_error(
    run_nbfix, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, key: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nb.py").write_text(CLEAN)
    (tmp_path / "pyproject.toml").write_text(content)
    _assert_one_line_error(run_nbfix("--no-cache", "nb.py"), "pyproject.toml", key)
    (tmp_path / "custom.toml").write_text(content)
    _assert_one_line_error(run_nbfix("--no-cache", "--config", "custom.toml", "nb.py"), "custom.toml", key)


def test_a_config_that_is_not_utf8_is_a_one_line_error(
    run_nbfix, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nb.py").write_text(CLEAN)
    (tmp_path / "nbfix.toml").write_bytes(b'select = ["NB\xff01"]\n')
    _assert_one_line_error(run_nbfix("--no-cache", "nb.py"), "nbfix.toml", "UTF-8")


# --- 5. A configuration path that is not a regular file -------------------------------------------


def test_config_from_a_device_is_refused_without_hanging(tmp_path: Path) -> None:
    (tmp_path / "nb.py").write_text(CLEAN)
    result = _nbfix_process(tmp_path, "--no-cache", "--config", "/dev/zero", "nb.py")
    _assert_one_line_error(result, "/dev/zero", "not a regular file")


def test_config_from_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    (tmp_path / "nb.py").write_text(CLEAN)
    os.mkfifo(tmp_path / "fifo.toml")
    result = _nbfix_process(tmp_path, "--no-cache", "--config", "fifo.toml", "nb.py")
    _assert_one_line_error(result, "fifo.toml", "not a regular file")


def test_a_discovered_config_that_is_not_a_regular_file_is_an_error(tmp_path: Path) -> None:
    """An `nbfix.toml` found while walking up is meant as configuration: say why it is not used."""
    (tmp_path / "nb.py").write_text(CLEAN)
    os.mkfifo(tmp_path / "nbfix.toml")
    result = _nbfix_process(tmp_path, "--no-cache", "nb.py")
    _assert_one_line_error(result, "nbfix.toml", "not a regular file")


def test_a_huge_config_is_refused(run_nbfix, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nb.py").write_text(CLEAN)
    (tmp_path / "nbfix.toml").write_text("# padding\n" * (11 * 1024 * 1024 // 10))
    _assert_one_line_error(run_nbfix("--no-cache", "nb.py"), "nbfix.toml", "larger than")
