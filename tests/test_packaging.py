"""nbfix installs as one import package, `nbfix`: no generic `fixer` or `codemods` in site-packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_every_installed_package_is_under_nbfix() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert all(package == "nbfix" or package.startswith("nbfix.") for package in config["packages"])
    folders = {package: ROOT / config["package-dir"].get(package, "") for package in config["package-dir"]}
    assert folders == {"nbfix": ROOT / "fixer", "nbfix.codemods": ROOT / "codemods"}


def test_every_subpackage_is_listed() -> None:
    """A folder with an `__init__.py` that the list misses would be left out of the wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {"nbfix.codemods"} | {
        ".".join(["nbfix", *init.parent.relative_to(ROOT / "fixer").parts]).rstrip(".")
        for init in (ROOT / "fixer").rglob("__init__.py")
    }
    assert found == set(config["packages"])


def test_python_dash_m_nbfix_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nbfix", "--version"], capture_output=True, text=True, timeout=60, cwd="/"
    )
    assert result.returncode == 0 and result.stdout.startswith("nbfix, version")
