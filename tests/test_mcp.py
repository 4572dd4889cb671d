"""The MCP server (`python -m nbfix.mcp`), driven as an agent's MCP client drives it.

One stdio session against a real server process lists the tools and calls them;
its answers are held to what the command line says and writes for the same
notebook (`--output-format json`, `--write`) and to the corpus's expected fixes.
The tools' own behaviour (configuration, writing, errors) is tested on the plain
functions, which need no SDK. The SDK tests are skipped when `mcp` is not
installed (`pip install 'nbfix[mcp]'`).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nbfix.mcp import tools

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "corpus" / "mixed" / "return_fprefix_rename.py"
FIXED = CASE.with_name("return_fprefix_rename.fixed.py")
UNSAFE_FIXED = CASE.with_name("return_fprefix_rename.unsafe.fixed.py")
CLEAN = ROOT / "corpus" / "clean" / "NB007_markup.py"

needs_sdk = pytest.mark.skipif(importlib.util.find_spec("mcp") is None, reason="the mcp SDK is not installed")


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _field(obj: Any, name: str) -> Any:
    """A result field under mcp 2's snake_case name or mcp 1's camelCase one."""
    if hasattr(obj, name):
        return getattr(obj, name)
    head, *rest = name.split("_")
    return getattr(obj, head + "".join(part.title() for part in rest))


def _cli_json(path: Path, *args: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "nbfix", "--no-cache", "--output-format", "json", *args, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _as_cli(diagnostic: dict) -> tuple:
    """A tool diagnostic in the shape of the command line's JSON record, to compare the two."""
    fix = diagnostic["fix"]
    edits = None
    if fix is not None:
        edits = [(e["content"], e["line"], e["column"], e["end_line"], e["end_column"]) for e in fix["edits"]]
    where = (diagnostic["line"], diagnostic["column"], diagnostic["end_line"], diagnostic["end_column"])
    return diagnostic["code"], diagnostic["message"], where, edits


def _cli_record(record: dict) -> tuple:
    fix = record["fix"]
    edits = None
    if fix is not None:
        edits = [
            (
                e["content"],
                e["location"]["row"],
                e["location"]["column"],
                e["end_location"]["row"],
                e["end_location"]["column"],
            )
            for e in fix["edits"]
        ]
    where = (
        record["location"]["row"],
        record["location"]["column"],
        record["end_location"]["row"],
        record["end_location"]["column"],
    )
    return record["code"], record["message"], where, edits


# -- through the SDK, as a client ----------------------------------------------------------------


async def _session(calls: list[tuple[str, dict]], cwd: Path) -> tuple[list, list]:
    """Start `python -m nbfix.mcp`, list its tools and make `calls` in one session."""
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    environment = {key: value for key, value in os.environ.items() if key.startswith(("PYTHON", "PATH"))}
    server = StdioServerParameters(
        command=sys.executable, args=["-m", "nbfix.mcp"], cwd=str(cwd), env=environment
    )
    async with stdio_client(server) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        listed = (await session.list_tools()).tools
        results = [await session.call_tool(name, arguments) for name, arguments in calls]
    return listed, results


@needs_sdk
def test_an_mcp_client_checks_and_fixes_a_notebook(tmp_path: Path) -> None:
    notebook = tmp_path / "notebook.py"
    shutil.copyfile(CASE, notebook)
    by_cli = tmp_path / "by_cli.py"
    shutil.copyfile(CASE, by_cli)
    expected_records = _cli_json(notebook)
    remaining_records = _cli_json(by_cli, "--write")
    calls = [
        ("check_notebook", {"path": "notebook.py"}),  # relative to the server's working directory
        ("fix_notebook", {"path": str(notebook)}),
        ("fix_notebook", {"text": _read(CASE), "unsafe": True}),
        ("fix_notebook", {"path": str(notebook), "write": True}),
        ("check_notebook", {"path": str(tmp_path / "missing.py")}),
        ("check_notebook", {"text": "print('not a notebook')\n"}),
        ("fix_notebook", {"text": _read(CASE), "write": True}),
    ]
    listed, results = asyncio.run(_session(calls, tmp_path))

    assert {tool.name for tool in listed} == {"check_notebook", "fix_notebook"}
    schemas = {tool.name: _field(tool, "input_schema")["properties"] for tool in listed}
    assert set(schemas["check_notebook"]) == {"path", "text"}
    assert set(schemas["fix_notebook"]) == {"path", "text", "unsafe", "write"}
    assert all(_field(tool, "output_schema") for tool in listed)  # structured results, with a schema

    check, preview, unsafe, written, missing, not_notebook, refused = results
    assert not any(_field(r, "is_error") for r in (check, preview, unsafe, written))
    # check: the command line's JSON diagnostics, the same positions and the same edits
    found = _field(check, "structured_content")
    assert [_as_cli(d) for d in found["diagnostics"]] == [_cli_record(r) for r in expected_records]
    assert json.loads(check.content[0].text) == found  # the text content carries the same data
    # fix without write: the text `--write` writes, what it leaves, and the file untouched
    preview = _field(preview, "structured_content")
    assert preview["changed"] and not preview["written"]
    assert preview["fixed_text"] == _read(by_cli) == _read(FIXED)
    assert [_as_cli(d) for d in preview["remaining"]] == [_cli_record(r) for r in remaining_records]
    assert preview["fixed"] == {"NB001": 2, "NB005": 1, "NB007": 2}
    assert preview["diff"].startswith("--- ")
    (left,) = preview["remaining"]
    assert left["code"] == "NB002" and left["fix"]["applicability"] == "unsafe"
    assert not left["fix"]["applied_by_fix_notebook"]
    # unsafe=true on text: the corpus's expected --unsafe-fixes result
    unsafe = _field(unsafe, "structured_content")
    assert unsafe["fixed_text"] == _read(UNSAFE_FIXED) and unsafe["remaining"] == []
    # write=true: the file on disk is the fixed text
    written = _field(written, "structured_content")
    assert written["written"] and _read(notebook) == _read(FIXED)
    # errors come back as tool errors, with the reason
    for result, reason in (
        (missing, "missing.py: no such file"),
        (not_notebook, "not a marimo notebook"),
        (refused, "write=true needs `path`"),
    ):
        assert _field(result, "is_error") and reason in result.content[0].text


def test_without_the_sdk_the_server_says_how_to_install_it(tmp_path: Path) -> None:
    shadow = tmp_path / "mcp"
    shadow.mkdir()
    (shadow / "__init__.py").write_text("raise ImportError('not installed')\n")
    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "nbfix.mcp"],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "nbfix mcp needs the MCP Python SDK: pip install 'nbfix[mcp]'"


# -- the tools as functions ------------------------------------------------------------------------


def test_the_project_configuration_applies(tmp_path: Path) -> None:
    notebook = tmp_path / "nbs" / "notebook.py"
    notebook.parent.mkdir()
    shutil.copyfile(CASE, notebook)
    (tmp_path / "pyproject.toml").write_text('[tool.nbfix]\nignore = ["NB007"]\nunsafe-fixes = true\n')
    codes = {d["code"] for d in tools.check_notebook(str(notebook))["diagnostics"]}
    assert "NB007" not in codes and {"NB001", "NB002", "NB005"} <= codes
    fixed = tools.fix_notebook(str(notebook))  # the project's unsafe-fixes = true: NB002 is fixed too
    assert "NB002" in fixed["fixed"] and "NB007" not in fixed["fixed"]
    assert tools.fix_notebook(str(notebook), unsafe=False)["remaining"][0]["code"] == "NB002"


def test_a_notebook_header_selects_its_own_rules() -> None:
    """`[tool.nbfix]` in the PEP 723 header, where this build reads it (as the command line does)."""
    import nbfix.config

    if not hasattr(nbfix.config, "notebook_selectors"):
        pytest.skip("this build reads no configuration from a notebook's header")
    header = '# /// script\n# dependencies = ["marimo"]\n#\n# [tool.nbfix]\n# ignore = ["NB007"]\n# ///\n'
    codes = {d["code"] for d in tools.check_notebook(text=header + _read(CASE))["diagnostics"]}
    assert "NB007" not in codes and "NB001" in codes


def test_text_with_a_path_is_checked_as_that_file(tmp_path: Path) -> None:
    """An unsaved buffer: the text is checked, the path only finds the configuration."""
    notebook = tmp_path / "notebook.py"
    shutil.copyfile(CLEAN, notebook)
    (tmp_path / "nbfix.toml").write_text('ignore = ["NB001"]\n')
    result = tools.check_notebook(str(notebook), text=_read(CASE))
    codes = {d["code"] for d in result["diagnostics"]}
    assert "NB001" not in codes and "NB005" in codes
    assert tools.check_notebook(str(notebook))["diagnostics"] == []


def test_a_clean_notebook_is_not_written(tmp_path: Path) -> None:
    notebook = tmp_path / "notebook.py"
    shutil.copyfile(CLEAN, notebook)
    before = notebook.stat()
    result = tools.fix_notebook(str(notebook), write=True)
    assert (result["changed"], result["written"], result["fixed"], result["diff"]) == (False, False, {}, "")
    assert result["fixed_text"] == _read(CLEAN) and result["summary"] == "fixed 0; no diagnostics left"
    assert notebook.stat().st_mtime_ns == before.st_mtime_ns


def test_fix_without_write_leaves_the_file_alone(tmp_path: Path) -> None:
    notebook = tmp_path / "notebook.py"
    shutil.copyfile(CASE, notebook)
    result = tools.fix_notebook(str(notebook))
    assert result["changed"] and not result["written"] and _read(notebook) == _read(CASE)


def test_crlf_line_endings_survive_a_write(tmp_path: Path) -> None:
    notebook = tmp_path / "notebook.py"
    notebook.write_bytes(CASE.read_bytes().replace(b"\n", b"\r\n"))
    result = tools.fix_notebook(str(notebook), write=True)
    assert result["written"]
    assert notebook.read_bytes() == FIXED.read_bytes().replace(b"\n", b"\r\n")


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        ({}, "give the notebook's `path`, its `text`, or both"),
        ({"text": ""}, "notebook.py: empty file"),
        ({"text": "import marimo\napp = marimo.App(\n"}, "notebook.py: syntax error at line"),
    ],
)
def test_what_cannot_be_checked_is_a_one_line_failure(arguments: dict, reason: str) -> None:
    with pytest.raises(tools.ToolFailure, match="^" + reason.replace("(", r"\(")):
        tools.check_notebook(**arguments)


def test_a_broken_configuration_is_a_failure(tmp_path: Path) -> None:
    notebook = tmp_path / "notebook.py"
    shutil.copyfile(CASE, notebook)
    (tmp_path / "nbfix.toml").write_text('select = ["NB999"]\n')
    with pytest.raises(tools.ToolFailure, match="NB999"):
        tools.check_notebook(str(notebook))
