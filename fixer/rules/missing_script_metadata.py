"""NB014 missing-script-metadata."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nbfix.codemods import Declined
from nbfix.codemods.script_metadata import (
    add_dependencies,
    block_dependencies,
    find_script_blocks,
    header_insertion_offset,
    new_block,
)
from nbfix.diagnostics import Applicability, Diagnostic, Edit, Fix, FixUnavailable, Severity
from nbfix.notebook import Notebook
from nbfix.rewrite import minimal_edit
from nbfix.rules import Example, Rule, always, register
from nbfix.suppression import Suppressions

# Handlers that make an import optional: `try: import cupy except ImportError: ...`.
_OPTIONAL_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
# `if` tests that make an import platform- or type-checking-only.
_GUARD_TEST = re.compile(r"TYPE_CHECKING|sys\.platform|sys\.modules|sys\.version_info|os\.name|platform\.")


# -- import name -> distribution name -----------------------------------------------------
def canonical(name: str) -> str:
    """PEP 503 normalized distribution name: `PyYAML` -> `pyyaml`, `scikit_learn` -> `scikit-learn`."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def installed_distributions() -> dict[str, tuple[str, ...]]:
    """Import name -> the installed distributions that provide it (this environment's truth)."""
    import importlib.metadata  # slow to import (it loads the email package): only when NB014 runs

    found = importlib.metadata.packages_distributions()
    return {module: tuple(sorted(set(dists), key=str.lower)) for module, dists in found.items()}


@cache
def installed_modules() -> dict[str, frozenset[str]]:
    """Canonical distribution name -> the import names it provides, for the installed ones."""
    provided: dict[str, set[str]] = {}
    for module, dists in installed_distributions().items():
        for dist in dists:
            provided.setdefault(canonical(dist), set()).add(module)
    return {dist: frozenset(modules) for dist, modules in provided.items()}


_MAPPING_MODULE = "_runtime/packages/module_name_to_pypi_name.py"


@cache
def marimo_mapping() -> dict[str, str]:
    """marimo's maintained import-name -> PyPI-name table (the one its package installer uses).

    The table is a dict literal in marimo's source: it is read with `ast`
    rather than imported, because importing anything under `marimo` imports
    all of marimo (seconds), which a `check` run never needs otherwise.
    """
    spec = importlib.util.find_spec("marimo")
    if spec is not None and spec.origin:
        table = _literal_table(Path(spec.origin).parent / _MAPPING_MODULE)
        if table is not None:
            return table
    try:  # the file changed shape: ask marimo itself
        from marimo._runtime.packages.module_name_to_pypi_name import module_name_to_pypi_name
    except ImportError:  # a marimo without it: installed distributions only
        return {}
    return module_name_to_pypi_name()


def _literal_table(path: Path) -> dict[str, str] | None:
    """The dict literal that the file's `module_name_to_pypi_name()` returns, if it has that shape."""
    try:
        module = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
    for node in module.body:
        if isinstance(node, ast.FunctionDef) and node.name == "module_name_to_pypi_name":
            returned = node.body[-1]
            if isinstance(returned, ast.Return) and isinstance(returned.value, ast.Dict):
                try:
                    table = ast.literal_eval(returned.value)
                except ValueError:
                    return None
                if all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
                    return table
    return None


def distribution_for(module: str) -> str | None:
    """The distribution to list for an import name; None when unknown or ambiguous.

    The installed distribution wins when exactly one provides the module;
    several (a namespace package such as `google`) is ambiguous. Otherwise
    marimo's table. A name neither installed nor in the table may be a local
    module next to the notebook, so it is not reported.
    """
    installed = installed_distributions().get(module, ())
    if len(installed) == 1:
        return installed[0]
    if installed:
        return None
    return marimo_mapping().get(module)


def is_listed(module: str, distribution: str, dependencies: list[str]) -> bool:
    """Whether some listed requirement provides `module` (as named, or as installed)."""
    listed = {canonical(name) for name in map(requirement_name, dependencies) if name}
    candidates = {canonical(distribution), canonical(module)}
    candidates |= {canonical(d) for d in installed_distributions().get(module, ())}
    if candidates & listed:
        return True
    return any(module in installed_modules().get(name, ()) for name in listed)


def requirement_name(requirement: str) -> str | None:
    """The distribution name a PEP 508 requirement starts with (`marimo[sql]>=0.9` -> `marimo`)."""
    match = re.match(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)", requirement)
    return match.group(1) if match else None


# -- the notebook's imports ------------------------------------------------------------------
def _catches_import_errors(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(
        isinstance(t, (ast.Name, ast.Attribute)) and ast.unparse(t).split(".")[-1] in _OPTIONAL_IMPORT_ERRORS
        for t in types
    )


def _imports(statements: list[ast.stmt], optional: bool = False) -> Iterator[tuple[ast.stmt, bool]]:
    """Each import statement, with whether it is optional.

    Optional: under `try` with a handler for ImportError (or broader), in
    such a handler (the fallback), under `if TYPE_CHECKING:` or a platform test.
    """
    for statement in statements:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            yield statement, optional
        elif isinstance(statement, ast.Try) or (
            sys.version_info >= (3, 11) and isinstance(statement, ast.TryStar)
        ):
            guarded = optional or any(_catches_import_errors(h) for h in statement.handlers)  # type: ignore[attr-defined]
            yield from _imports(statement.body, guarded)  # type: ignore[attr-defined]
            for handler in statement.handlers:  # type: ignore[attr-defined]
                yield from _imports(handler.body, guarded)
            yield from _imports(statement.orelse + statement.finalbody, optional)  # type: ignore[attr-defined]
        elif isinstance(statement, ast.If):
            yield from _imports(
                statement.body, optional or bool(_GUARD_TEST.search(ast.unparse(statement.test)))
            )
            yield from _imports(statement.orelse, optional)
        else:
            for field in ("body", "orelse", "finalbody"):
                block = getattr(statement, field, None)
                if isinstance(block, list):
                    yield from _imports(block, optional)
            for case in getattr(statement, "cases", []):
                yield from _imports(case.body, optional)


@dataclass(frozen=True)
class ImportedPackage:
    module: str  # the top-level import name
    distribution: str
    node: ast.AST  # where it is first imported


def _third_party(name: str | None) -> str | None:
    if not name:
        return None
    top = name.split(".")[0]
    return None if top in sys.stdlib_module_names or top == "__future__" else top


def imported_packages(notebook: Notebook) -> list[ImportedPackage]:
    """Third-party packages the notebook needs: `marimo`, and every non-optional import of every cell."""
    first: dict[str, ast.AST] = {}
    for statement in notebook.module.body:
        if isinstance(statement, ast.Import) and any(a.name == "marimo" for a in statement.names):
            first["marimo"] = next(a for a in statement.names if a.name == "marimo")
            break
    for cell in notebook.cells:
        for statement, optional in _imports(list(cell.body)):
            if optional:
                continue
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    module = _third_party(alias.name)
                    if module:
                        first.setdefault(module, alias)
            elif statement.level == 0:  # type: ignore[attr-defined]
                module = _third_party(statement.module)  # type: ignore[attr-defined]
                if module:
                    first.setdefault(module, statement)
    packages = []
    for module, node in first.items():
        distribution = "marimo" if module == "marimo" else distribution_for(module)
        if distribution:
            packages.append(ImportedPackage(module, distribution, node))
    return packages


# -- the fix -------------------------------------------------------------------------------------
def _block_edit(notebook: Notebook, block: tuple[int, int] | None, names: list[str]) -> tuple[Edit, ...]:
    data = notebook.index.data
    if block is None:
        offset = header_insertion_offset(data)
        newline = notebook.index.newline
        return (Edit(offset, offset, new_block(names, newline) + newline),)
    start, end = block
    old = data[start:end].decode("utf-8")
    try:
        new = add_dependencies(old, names)
    except Declined as reason:
        raise FixUnavailable(str(reason)) from None
    return (minimal_edit(old, new, start),)


def _message(package: ImportedPackage, has_block: bool) -> str:
    named = (
        f"`{package.module}`"
        if canonical(package.module) == canonical(package.distribution)
        else f"`{package.module}` (distribution `{package.distribution}`)"
    )
    if has_block:
        return f"{named} is imported but not listed in the script block's `dependencies`"
    return f"{named} is imported but the notebook has no `# /// script` dependencies block"


@register
class MissingScriptMetadata(Rule):
    """
    ## What it does
    Compares the packages a notebook imports with the `dependencies` of its
    PEP 723 `# /// script` block, and reports each third-party package that
    the block does not list (or every one, when there is no block). `marimo`
    itself counts. The standard library, relative imports and optional
    imports (under `try: ... except ImportError`, `if TYPE_CHECKING:` or a
    platform test) are left out.

    Import names are mapped to distribution names with the installed
    distributions (`importlib.metadata.packages_distributions()`), then
    marimo's own maintained table (`sklearn` -> `scikit-learn`, `yaml` ->
    `PyYAML`). A name found in neither may be a module next to the notebook,
    so it is not reported; run nbfix in the notebook's environment for the
    most complete answer. Off by default: enable it with `--select NB014`.

    ## Why is this bad?
    `uv run notebook.py`, `marimo edit --sandbox` and marimo's WASM export
    install what the block lists, in an isolated environment. A package that
    is imported but not listed makes the notebook fail there with
    `ModuleNotFoundError`, though it runs on the author's machine.

    ## Example
    ```python
    # /// script
    # dependencies = [
    #     "marimo",
    # ]
    # ///
    ...
    @app.cell
    def _():
        import yaml
    ```
    Use instead:
    ```python
    # /// script
    # dependencies = [
    #     "marimo",
    #     "PyYAML",
    # ]
    # ///
    ```

    ## Fix safety
    Safe: the fix only edits the comment block (the code is untouched). It
    appends the missing distributions, without versions, in the layout the
    block already uses, or writes a new block at the top of the file (after a
    `#!` line and an encoding declaration). The result must read back as the
    old list plus the new names, else there is no fix.
    """

    code = "NB014"
    name = "missing-script-metadata"
    severity = Severity.INFO
    fix_availability = always(Applicability.SAFE)
    default_enabled = False
    # The examples are wrapped into a notebook below `app = marimo.App()`; PEP 723
    # allows the block anywhere in the file, so it sits there, before the cells.
    valid = (
        Example(
            '# /// script\n# dependencies = ["marimo", "pyyaml"]\n# ///\n\n\n'
            "@app.cell\ndef _():\n    import json\n\n    import yaml\n    return json, yaml\n"
        ),
        Example(
            '# /// script\n# dependencies = ["marimo"]\n# ///\n\n\n'
            "@app.cell\ndef _():\n    try:\n        import cupy as xp\n    except ImportError:\n"
            "        import numpy as xp\n    return (xp,)\n"
        ),
    )
    invalid = (
        Example(
            '# /// script\n# dependencies = ["marimo"]\n# ///\n\n\n'
            "@app.cell\ndef _():\n    import yaml\n    return (yaml,)\n",
            '# /// script\n# dependencies = ["marimo", "PyYAML"]\n# ///\n\n\n'
            "@app.cell\ndef _():\n    import yaml\n    return (yaml,)\n",
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        blocks = find_script_blocks(notebook.index.data)
        if len(blocks) > 1:
            return  # PEP 723: more than one `script` block is an error; tools refuse the file
        block = blocks[0] if blocks else None
        dependencies: list[str] = []
        if block is not None:
            read = block_dependencies(notebook.index.data[block[0] : block[1]].decode("utf-8"))
            if read is None:
                return  # not valid TOML, or `dependencies` is not a list of strings
            dependencies = read
        missing = [
            package
            for package in imported_packages(notebook)
            if not is_listed(package.module, package.distribution, dependencies)
        ]
        diagnostics: list[Diagnostic] = []

        def edits() -> tuple[Edit, ...]:
            suppressions = Suppressions.of(notebook)
            wanted = [p for p, d in zip(missing, diagnostics, strict=True) if not suppressions.silences(d)]
            names = sorted({p.distribution for p in wanted}, key=str.lower)
            if not names:
                raise FixUnavailable("every missing package is suppressed")
            return _block_edit(notebook, block, names)

        fix = Fix(Applicability.SAFE, "Add the missing distributions to the script block", edits)
        for package in missing:
            span = notebook.index.node_span(package.node)
            diagnostics.append(self.diagnostic(_message(package, block is not None), span, fix))
        yield from diagnostics
