"""The README's recipes for coding agents and for Ruff, run as written.

The Claude Code hook script is taken from the README (and must be the same in
docs/agents.md), fed the JSON Claude Code gives a PostToolUse hook, and run on a
corpus notebook, a clean one and files that are not notebooks. The Ruff settings
are taken from the README and run with Ruff on a notebook that trips every rule
they turn off.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
AGENTS = (ROOT / "docs" / "agents.md").read_text(encoding="utf-8")
CASE = ROOT / "corpus" / "mixed" / "return_fprefix_rename.py"
FIXED = CASE.with_name("return_fprefix_rename.fixed.py")
CLEAN = ROOT / "corpus" / "clean" / "NB007_markup.py"
HOOK_START = "#!/bin/sh\n# Claude Code PostToolUse hook"

NOTEBOOK = """import marimo

app = marimo.App()


@app.cell
def _():
    import numpy as np
    return


@app.cell
def _(np):
    zeros = np.zeros(3)
    unused = zeros.sum()
    total: int
    zeros
    return


if __name__ == "__main__":
    app.run()
"""


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def _hook_script(text: str) -> str:
    (script,) = [block for block in _blocks(text, "sh") if block.startswith(HOOK_START)]
    return script


def _environment() -> dict[str, str]:
    """`nbfix` (and `ruff`) from this virtual environment first on PATH, as an agent's shell has them."""
    return {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }


@pytest.fixture
def hook(tmp_path: Path):
    script = tmp_path / "nbfix.sh"
    script.write_text(_hook_script(README), encoding="utf-8")
    script.chmod(0o755)

    def run(file_path: Path, tool: str = "Edit") -> subprocess.CompletedProcess:
        payload = {
            "session_id": "test",
            "hook_event_name": "PostToolUse",
            "cwd": str(tmp_path),
            "tool_name": tool,
            "tool_input": {"file_path": str(file_path)},
        }
        return subprocess.run(
            [str(script)],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
            env=_environment(),
        )

    return run


def test_the_hook_is_the_same_in_the_readme_and_the_agents_guide() -> None:
    assert _hook_script(README) == _hook_script(AGENTS)


def test_the_hook_fixes_the_notebook_and_hands_back_what_is_left(hook, tmp_path: Path) -> None:
    notebook = tmp_path / "notebook.py"
    shutil.copyfile(CASE, notebook)
    result = hook(notebook, tool="Write")
    assert result.returncode == 2  # Claude Code shows the agent the hook's stderr
    assert notebook.read_bytes() == FIXED.read_bytes()  # what `nbfix --write` makes of it
    header, _, payload = result.stderr.partition("\n")
    assert header.startswith(f"nbfix fixed what it could in {notebook}")
    (left,) = json.loads(payload)
    assert left["code"] == "NB002" and left["filename"] == str(notebook)
    assert left["fix"]["applicability"] == "unsafe" and left["fix"]["edits"]


def test_the_hook_passes_on_why_a_notebook_cannot_be_checked(hook, tmp_path: Path) -> None:
    notebook = tmp_path / "notebook.py"
    notebook.write_text("import marimo\napp = marimo.App(\n", encoding="utf-8")
    result = hook(notebook)
    assert result.returncode == 2
    assert "syntax error" in result.stderr and f"nbfix could not check {notebook}" in result.stderr


@pytest.mark.parametrize("kind", ["clean notebook", "not a notebook", "not python"])
def test_the_hook_is_silent_when_there_is_nothing_to_say(hook, tmp_path: Path, kind: str) -> None:
    target = tmp_path / ("notes.md" if kind == "not python" else "module.py")
    if kind == "clean notebook":
        shutil.copyfile(CLEAN, target)
    else:
        target.write_text("def f():\n    return 1\n", encoding="utf-8")
    before = target.read_bytes()
    result = hook(target)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert target.read_bytes() == before


def test_the_claude_code_settings_run_the_hook_after_edits() -> None:
    settings = next(json.loads(b) for b in _blocks(README, "json") if "PostToolUse" in b)
    (entry,) = settings["hooks"]["PostToolUse"]
    assert {"Edit", "Write"} <= set(entry["matcher"].split("|"))
    assert entry["hooks"] == [{"type": "command", "command": '"$CLAUDE_PROJECT_DIR"/.claude/hooks/nbfix.sh'}]


def test_the_mcp_configuration_runs_the_server() -> None:
    config = next(json.loads(b) for b in _blocks(README, "json") if "mcpServers" in b)
    assert config["mcpServers"]["nbfix"] == {"command": "nbfix", "args": ["mcp"]}


def _ruff(project: Path, *args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", *args, "."],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=project,
        env=_environment(),
    )
    return sorted(set(re.findall(r": ([A-Z]+\d+) ", result.stdout)))


def test_the_ruff_settings_quiet_what_marimo_notebooks_do_by_design(tmp_path: Path) -> None:
    (snippet,) = [b for b in _blocks(README, "toml") if "tool.ruff.lint.per-file-ignores" in b]
    notebook = tmp_path / "notebooks" / "analysis.py"
    notebook.parent.mkdir()
    notebook.write_text(NOTEBOOK, encoding="utf-8")
    settings = tmp_path / "pyproject.toml"
    settings.write_text('[tool.ruff.lint]\nselect = ["B", "F"]\n', encoding="utf-8")
    assert _ruff(tmp_path) == ["B018", "F401", "F841", "F842"]
    settings.write_text(settings.read_text() + "\n" + snippet, encoding="utf-8")
    assert _ruff(tmp_path) == ["F401"]  # the import another cell uses, which its cell forgot to return
    # nbfix first: the import is returned (NB005), and Ruff has nothing left to delete
    subprocess.run(
        [sys.executable, "-m", "nbfix", "--write", "--quiet", str(notebook)], timeout=120, env=_environment()
    )
    assert "return (np,)" in notebook.read_text(encoding="utf-8")
    assert _ruff(tmp_path, "--fix") == []
    assert "import numpy as np" in notebook.read_text(encoding="utf-8")
