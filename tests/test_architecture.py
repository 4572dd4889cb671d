"""The layers of `fixer/`, read from each module's imports with `ast`.

A rule stands on the rule API and the semantic model, never on another rule:
when two rules need the same helper, it belongs in `fixer/semantic/`
(DESIGN.md, "The semantic model"). The engine and the model import no rule,
and a rule keeps no state between notebooks (a fact is cached on its
`Notebook`, never in a module global). These tests keep it so.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXER = ROOT / "fixer"
RULES = FIXER / "rules"

# What a rule may import from this project: the rule API, the notebook model, the
# semantic model, rewriting, and the codemods its fixes run.
RULE_DEPENDENCIES = (
    "nbfix.rules",
    "nbfix.diagnostics",
    "nbfix.notebook",
    "nbfix.nodes",
    "nbfix.source",
    "nbfix.rewrite",
    "nbfix.scope",
    "nbfix.signature",
    "nbfix.graph",
    "nbfix.semantic",
    # NB014's one fix edits the script block for the findings not suppressed.
    "nbfix.suppression",
    "nbfix.codemods",
)

# The folders the design card names, and the import package each is installed as.
PACKAGE_OF_FOLDER = {"fixer": ("nbfix",), "codemods": ("nbfix", "codemods")}


def module_name(path: Path) -> str:
    folder, *rest = path.relative_to(ROOT).with_suffix("").parts
    parts = [*PACKAGE_OF_FOLDER[folder], *rest]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


RULE_MODULES = frozenset(module_name(path) for path in RULES.glob("*.py") if not is_package(path))


def imported_modules(path: Path) -> set[str]:
    """Every module the file imports, anywhere in it (in functions and `TYPE_CHECKING` blocks too).

    `from a.b import c` counts as importing `a.b` and `a.b.c`, since `c` may be
    a module; a relative import is resolved against the file's package.
    """
    name = module_name(path)
    package = name if is_package(path) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            found.add(origin)
            found.update(f"{origin}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def rule_imports(path: Path) -> list[str]:
    return sorted(imported_modules(path) & RULE_MODULES)


def within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


def test_the_rules_are_found() -> None:
    assert "nbfix.rules.stale_cell_signature" in RULE_MODULES
    assert "nbfix.rules" not in RULE_MODULES


@pytest.mark.parametrize("path", sorted(RULES.glob("*.py")), ids=lambda path: path.name)
def test_no_rule_imports_another_rule(path: Path) -> None:
    assert rule_imports(path) == [], "move what two rules share to fixer/semantic"


@pytest.mark.parametrize(
    "path",
    sorted(path for path in FIXER.rglob("*.py") if RULES not in path.parents),
    ids=lambda path: str(path.relative_to(FIXER)),
)
def test_no_module_outside_the_rules_imports_a_rule(path: Path) -> None:
    """The engine, validation, the runner, rewriting, the semantic model...: the registry only."""
    assert rule_imports(path) == []


@pytest.mark.parametrize("path", sorted((FIXER / "semantic").glob("*.py")), ids=lambda path: path.name)
def test_the_semantic_model_imports_nothing_of_the_rules(path: Path) -> None:
    """Facts sit below the rules: not even the rule API."""
    assert not any(within(module, ("nbfix.rules",)) for module in imported_modules(path))


@pytest.mark.parametrize(
    "path", sorted(path for path in RULES.glob("*.py") if not is_package(path)), ids=lambda path: path.name
)
def test_a_rule_imports_only_the_rule_api_and_the_model(path: Path) -> None:
    project = {module for module in imported_modules(path) if within(module, ("fixer", "codemods"))}
    assert sorted(m for m in project if not within(m, RULE_DEPENDENCIES)) == []


@pytest.mark.parametrize(
    "path", sorted(path for path in RULES.glob("*.py") if not is_package(path)), ids=lambda path: path.name
)
def test_a_rule_keeps_no_state_between_notebooks(path: Path) -> None:
    """No `global` (a memo such as the last notebook's model); facts live on the `Notebook`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declared = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Global)]
    assert declared == [], f"`global` in {path.name} at lines {declared}"


def test_the_catalog_names_every_rule_with_its_module_default_and_needed_words() -> None:
    """`CATALOG` lets a run resolve its selection without importing the rules: it must be exact."""
    from nbfix.rules import CATALOG, all_rules

    found = {
        code: (rule.__module__.rsplit(".", 1)[1], rule.default_enabled, rule.needs_text)
        for code, rule in all_rules().items()
    }
    assert found == CATALOG
