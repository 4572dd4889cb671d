"""Which rules run on a document: the project's configuration file, then the editor's settings.

The editor's settings play the part of command-line flags (see `nbfix.config`):
its `select` replaces the file's `select` and `ignore`, its `ignore` adds to the
file's, its `unsafe-fixes` wins when given. The file's `extend-select` and
`per-file-ignores` apply as they do on the command line, and so does a
notebook's own `[tool.nbfix]` in its script header, read from the buffer at
each analysis (between the file and the editor's settings). A document open in
the editor is a file the user named, so `exclude` does not hide it (as on the
command line), but `# nbfix: ignore-file` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from nbfix.config import Config, ConfigError, find_config_file, load_config
from nbfix.rules import Rule
from nbfix.selection import Selection, Selectors, resolve_codes, rules_by_code

_ALIASES = {"unsafeFixes": "unsafe-fixes", "unsafe_fixes": "unsafe-fixes"}


class SettingsError(ValueError):
    pass


def normalize(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The client's keys in one spelling (`unsafeFixes`, as VS Code users write it, is `unsafe-fixes`)."""
    return {_ALIASES.get(key, key): value for key, value in raw.items()}


def _codes(value: object, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise SettingsError(f"`{key}` must be a list of rule codes or prefixes")
    return tuple(code.strip().upper() for code in value if code.strip())


@dataclass(frozen=True)
class ClientSettings:
    """What the editor sent; None where it said nothing."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool | None = None

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> ClientSettings:
        """From the client's JSON (`select`, `ignore`, `unsafe-fixes`); SettingsError if invalid."""
        raw = normalize(raw)
        unsafe = raw.get("unsafe-fixes")
        if unsafe is not None and not isinstance(unsafe, bool):
            raise SettingsError("`unsafe-fixes` must be true or false")
        select = raw.get("select")
        settings = cls(
            select=None if select is None else _codes(select, "select"),
            ignore=_codes(raw.get("ignore") or [], "ignore"),
            unsafe_fixes=unsafe,
        )
        try:  # unknown codes are reported now, not at the first analysis
            resolve_codes(settings.select, settings.ignore)
        except ValueError as error:
            raise SettingsError(str(error)) from None
        return settings


@dataclass(frozen=True)
class Settings:
    """What one document is analysed with."""

    codes: tuple[str, ...] | None = None  # the enabled rules (None: the default ones)
    unsafe_fixes: bool = False
    selection: Selection | None = None  # what `codes` came from, for a notebook header's own selectors

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        return rules_by_code(resolve_codes() if self.codes is None else self.codes)

    def rules_for(self, header: Selectors | None, path: str) -> tuple[Rule, ...]:
        """The rules for a buffer whose script header selects `header` (see `nbfix.config`)."""
        if header is None or self.selection is None:
            return self.rules
        return self.selection.for_notebook(header).rules_for(Path(path))


def resolve(client: ClientSettings, config: Config, path: Path) -> Settings:
    """The settings for the document at `path`, from its project's `config` and the editor's."""
    try:
        selection = Selection.of(
            config,
            select=client.select,
            ignore=client.ignore,
        )
    except ValueError as error:
        raise SettingsError(str(error)) from None
    codes = tuple(rule.code for rule in selection.rules_for(path))
    unsafe = client.unsafe_fixes if client.unsafe_fixes is not None else config.unsafe_fixes
    return Settings(codes, unsafe, selection)


def project_config(path: Path) -> Config:
    """The configuration file that applies to `path` (an empty Config if none); ConfigError if broken."""
    return load_config(find_config_file(path.parent))


__all__ = [
    "ClientSettings",
    "Config",
    "ConfigError",
    "Settings",
    "SettingsError",
    "normalize",
    "project_config",
    "resolve",
]
