"""The installed marimo's public API: what each callable accepts, and which calls in a notebook reach one.

NB019 checks a call such as `mo.ui.slider(1, 10, lable="x")` against the
marimo that is installed, never against a copy kept here: marimo adds, renames
and removes parameters from one release to the next. The signatures are read
from marimo itself with `inspect.signature` (which sees through marimo's
decorators, class `__init__`s and overloads exactly as a call does), once per
installation: the result is kept as a small JSON file in the user's cache folder
(`$XDG_CACHE_HOME/nbfix`, `~/Library/Caches/nbfix`, `%LOCALAPPDATA%\\nbfix\\Cache`),
named after the installation (its folder and the size and modification time of
its `__init__.py` and `_version.py`, which an upgrade rewrites). Importing marimo
takes about a second; a check that finds the file reads it in a few milliseconds
and never imports marimo. Without marimo the table is empty and nothing is
checked.

The table describes the environment, not a notebook, so it is loaded once per
process; `MarimoApi.of(notebook)` pairs it with the notebook's imports and
answers, for each call, which marimo API it calls (if any) and how its
arguments bind to that API's parameters (`Signature.bind`), as Python binds
them: which keyword is unknown, which required argument is missing, which
argument is bound twice.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from nbfix.notebook import Cell, Notebook
from nbfix.semantic import Fact
from nbfix.semantic.installation import SCHEMA, installation_key
from nbfix.semantic.ui import MarimoImports

# `inspect.Parameter` kinds, by value (the JSON stores the numbers).
POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD, VAR_POSITIONAL, KEYWORD_ONLY, VAR_KEYWORD = range(5)
# How deep the public namespaces are walked: `marimo.ai.llm.openai` is three below `marimo`.
_NAMESPACE_DEPTH = 3


# -- signatures and binding ---------------------------------------------------------
@dataclass(frozen=True)
class Parameter:
    name: str
    kind: int
    required: bool


@dataclass(frozen=True)
class Bound:
    """How one call's arguments bind to a signature.

    `arguments` maps each parameter an explicit argument binds to that
    argument's expression. `complete` is false when a `*args` or `**kwargs` in
    the call may bind more, so that a parameter missing from `arguments` may
    still be passed.
    """

    call: ast.Call
    arguments: dict[str, ast.expr]
    complete: bool
    unknown_keywords: tuple[ast.keyword, ...] = ()
    bound_twice: tuple[ast.keyword, ...] = ()
    extra_positional: tuple[ast.expr, ...] = ()  # the positional arguments past the last it takes
    positional_capacity: int = 0
    missing: tuple[str, ...] = ()

    @property
    def fails(self) -> bool:
        """Whether Python raises TypeError on this call before marimo runs any of its code."""
        return bool(self.unknown_keywords or self.bound_twice or self.extra_positional or self.missing)


@dataclass(frozen=True)
class Signature:
    parameters: tuple[Parameter, ...]

    def has(self, *names: str) -> bool:
        return all(name in self._by_name for name in names)

    @functools.cached_property
    def _positional(self) -> tuple[str, ...]:
        """The names positional arguments bind, in order."""
        return tuple(p.name for p in self.parameters if p.kind in (POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD))

    @functools.cached_property
    def _by_name(self) -> dict[str, Parameter]:
        return {p.name: p for p in self.parameters}

    @functools.cached_property
    def _required(self) -> tuple[str, ...]:
        kinds = (POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD, KEYWORD_ONLY)
        return tuple(p.name for p in self.parameters if p.required and p.kind in kinds)

    @functools.cached_property
    def _variadic(self) -> tuple[bool, bool]:
        """Whether it takes any positional argument (`*args`), any keyword (`**kwargs`)."""
        kinds = {p.kind for p in self.parameters}
        return VAR_POSITIONAL in kinds, VAR_KEYWORD in kinds

    def bind(self, call: ast.Call) -> Bound:
        """Bind `call`'s arguments as Python would (`inspect.Signature.bind`, on source)."""
        positional = self._positional
        any_positional, any_keyword = self._variadic

        leading: list[ast.expr] = []  # the positional arguments before any `*iterable`
        starred = False
        for argument in call.args:
            if isinstance(argument, ast.Starred):
                starred = True
            elif not starred:
                leading.append(argument)
        arguments = dict(zip(positional, leading, strict=False))
        extra: tuple[ast.expr, ...] = ()
        if not starred and not any_positional and len(leading) > len(positional):
            extra = tuple(leading[len(positional) :])

        unknown, twice = [], []
        double_starred = False
        for keyword in call.keywords:
            if keyword.arg is None:
                double_starred = True
                continue
            parameter = self._by_name.get(keyword.arg)
            if parameter is None or parameter.kind in (POSITIONAL_ONLY, VAR_POSITIONAL, VAR_KEYWORD):
                if not any_keyword:
                    unknown.append(keyword)
            elif keyword.arg in arguments:
                twice.append(keyword)
            else:
                arguments[keyword.arg] = keyword.value

        complete = not starred and not double_starred
        missing = tuple(name for name in self._required if name not in arguments) if complete else ()
        return Bound(call, arguments, complete, tuple(unknown), tuple(twice), extra, len(positional), missing)


# -- the installed marimo -----------------------------------------------------------
def user_cache_directory() -> Path:
    """nbfix's folder in the user's cache directory, as each platform places it."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "nbfix" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "nbfix"
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "nbfix"


def introspect() -> dict[str, object]:
    """Import marimo and read the signature of every public callable (the JSON `load_table` keeps).

    Public: what marimo's `__all__` lists, in `marimo` and in every marimo
    module it exposes (`marimo.ui`, `marimo.status`, ...), and the public static
    and class methods of those classes (`marimo.ui.slider.from_series`). A
    callable whose signature cannot be read is left out, so calls to it are
    not checked.
    """
    import inspect
    import types
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import marimo

        signatures: dict[str, list[list[object]]] = {}

        def record(name: str, target: object) -> None:
            try:
                signature = inspect.signature(target)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                return
            signatures[name] = [
                [p.name, int(p.kind), p.default is inspect.Parameter.empty]
                for p in signature.parameters.values()
            ]

        def public_names(namespace: object) -> list[str]:
            listed = getattr(namespace, "__all__", None)
            if listed is not None:
                return [name for name in listed if isinstance(name, str)]
            return [name for name in vars(namespace) if not name.startswith("_")]

        def walk(module: types.ModuleType, prefix: str, depth: int) -> None:
            for name in public_names(module):
                try:
                    target = getattr(module, name)
                except Exception:  # a lazy attribute whose import fails: not checked
                    continue
                qualified = f"{prefix}.{name}"
                if isinstance(target, types.ModuleType):
                    if target.__name__.startswith("marimo") and depth < _NAMESPACE_DEPTH:
                        walk(target, qualified, depth + 1)
                    continue
                if not callable(target) or name.startswith("__"):
                    continue
                record(qualified, target)
                if isinstance(target, type):
                    for attribute, raw in vars(target).items():
                        if not attribute.startswith("_") and isinstance(raw, (staticmethod, classmethod)):
                            record(f"{qualified}.{attribute}", getattr(target, attribute))

        walk(marimo, "marimo", 1)
    return {"schema": SCHEMA, "marimo": str(getattr(marimo, "__version__", "")), "signatures": signatures}


def _parse_table(payload: object) -> dict[str, Signature] | None:
    """The signatures of a JSON payload, or None if it is not of the shape `introspect` writes."""
    if not isinstance(payload, dict) or payload.get("schema") != SCHEMA:
        return None
    raw = payload.get("signatures")
    if not isinstance(raw, dict):
        return None
    table: dict[str, Signature] = {}
    for name, parameters in raw.items():
        if not isinstance(name, str) or not isinstance(parameters, list):
            return None
        parsed = []
        for entry in parameters:
            if not (
                isinstance(entry, list)
                and len(entry) == 3
                and isinstance(entry[0], str)
                and type(entry[1]) is int
                and 0 <= entry[1] <= VAR_KEYWORD
                and isinstance(entry[2], bool)
            ):
                return None
            parsed.append(Parameter(entry[0], entry[1], entry[2]))
        table[name] = Signature(tuple(parsed))
    return table


def _write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and a rename: a reader never sees half a file."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:  # a read-only home: the next process introspects again
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def table_path() -> Path:
    return user_cache_directory() / f"marimo-api-{installation_key()}.json"


@functools.lru_cache(maxsize=1)
def load_table() -> Mapping[str, Signature]:
    """The installed marimo's signatures by dotted name ("marimo.ui.slider"); empty without marimo.

    Read from the cache file when there is one of the right shape; otherwise
    marimo is introspected (imported) and the file written for the next process.
    """
    if installation_key() == "none":
        return {}
    path = table_path()
    try:
        table = _parse_table(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        table = None
    if table is not None:
        return table
    try:
        payload = introspect()
    except Exception:  # a marimo that does not import here: nothing is checked
        return {}
    _write_atomically(path, json.dumps(payload, separators=(",", ":")))
    return _parse_table(payload) or {}


# -- the calls of a notebook --------------------------------------------------------
@dataclass(frozen=True, eq=False)
class MarimoApi(Fact):
    """Which calls of the notebook reach an API of the installed marimo, and with what signature."""

    imports: MarimoImports
    notebook: Notebook
    table: Mapping[str, Signature] = field(repr=False)
    # The names that stand for marimo or something in it (`mo`, `ui` of `from marimo import ui`).
    roots: frozenset[str]
    _imported_only: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def compute(cls, notebook: Notebook) -> MarimoApi:
        imports = MarimoImports.of(notebook)
        roots = frozenset(
            name
            for name, target in imports.bindings.items()
            if target == "marimo" or target.startswith("marimo.")
        )
        return cls(imports, notebook, load_table(), roots)

    def sees_global(self, read: ast.Name, cell: Cell) -> bool:
        """Whether this read in `cell` sees the notebook-wide `read.id`, and only its import defines it.

        The read must not be bound inside the cell (a parameter `mo`, `mo = ...`
        in a function, the cell's own `mo = ...`): the cell's scope lists it
        among the reads of a global, or the cell's only binding of the name is
        the import itself. And every cell defining the name must define it by
        that import (a builtin such as `enumerate` no cell defines at all).
        """
        name = read.id
        if name in cell.defs:
            if not self._imports_only(cell, name):
                return False
        elif not any(node is read for node in cell.scope.ref_nodes.get(name, ())):
            return False
        found = self._imported_only.get(name)
        if found is None:
            definers = self.notebook.definers.get(name, ())
            found = self._imported_only[name] = all(self._imports_only(other, name) for other in definers)
        return found

    def _imports_only(self, cell: Cell, name: str) -> bool:
        """Whether the cell binds `name` at top level only by importing what the notebook's imports say."""
        expected = self.imports.bindings.get(name)
        if expected is None:  # not imported at all (a builtin): any binding rebinds it
            return False
        targets: dict[int, str] = {}
        for node in cell.nodes.of(ast.Import):
            for alias in node.names:
                targets[id(alias)] = alias.name if alias.asname else alias.name.split(".")[0]
        for node in cell.nodes.of(ast.ImportFrom):
            module = node.module if node.level == 0 else None
            for alias in node.names:
                targets[id(alias)] = f"{module}.{alias.name}" if module else ""
        bindings = cell.scope.def_nodes.get(name, ())
        return bool(bindings) and all(targets.get(id(node)) == expected for node in bindings)

    def callee(self, call: ast.Call, cell: Cell) -> tuple[str, Signature] | None:
        """The marimo API `call` (in `cell`) calls ("marimo.ui.slider") and its signature, if any."""
        root = call.func
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name) or root.id not in self.roots or not self.sees_global(root, cell):
            return None
        qualified = self.imports.qualify(call.func)
        signature = self.table.get(qualified) if qualified is not None else None
        if qualified is None or signature is None:
            return None
        return qualified, signature
