"""Project configuration: `[tool.nbfix]` in the nearest `pyproject.toml`, or `nbfix.toml`.

```toml
[tool.nbfix]                 # in nbfix.toml: the same keys at top level
select = ["NB0", "NB1"]      # codes or prefixes; default: the default-on rules
extend-select = ["NB014"]    # added to select
ignore = ["NB005"]
unsafe-fixes = false
exclude = ["legacy/", "*_draft.py"]   # gitignore-style patterns, relative to this file
[tool.nbfix.per-file-ignores]
"scratch/*.py" = ["NB011"]
```

Command-line flags override the file: `--select` replaces `select` and
`ignore`, `--extend-select`/`--ignore` add to theirs, `--exclude` replaces
`exclude`, `--extend-exclude` adds.

A notebook may choose its own rules in its PEP 723 script header, as marimo
reads `[tool.marimo]` there (`notebook_selectors`):

```python
# /// script
# dependencies = ["marimo"]
#
# [tool.nbfix]
# ignore = ["NB011"]          # select, extend-select and ignore: nothing else
# ///
```

It is a layer between the two: the project file, then the notebook's header,
then the command line (or the editor's settings), each over the one before
in the same way (a later `select` replaces `select` and `ignore`, a later
`ignore` or `extend-select` adds). So a flag wins over the header and the
header over the project file; the project's `per-file-ignores` still apply
last. A header that is not valid is an error for that notebook alone.

An unknown key or rule code is an error naming the
file and the key, never silently ignored, and so is a file of the wrong type, encoding
or kind: only a regular file of at most `MAX_CONFIG_BYTES` is read (never a device or
a FIFO, which could hang the run), and an `nbfix.toml` or `pyproject.toml` found while
walking up that is not one is an error too, not silently passed over.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from nbfix.rules import CATALOG
from nbfix.selection import Selectors

KNOWN_KEYS = frozenset({"select", "extend-select", "ignore", "unsafe-fixes", "exclude", "per-file-ignores"})
# What a notebook's own `[tool.nbfix]` may say: which rules run on it. Which files
# are checked and how they are fixed are the project's to say.
HEADER_KEYS = frozenset({"select", "extend-select", "ignore"})
HEADER = "`[tool.nbfix]` in the script header"
MAX_CONFIG_BYTES = 10 * 1024 * 1024


class ConfigError(Exception):
    """A configuration file nbfix cannot use; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from (None: no file found)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """Where relative patterns are anchored: the config file's folder, else the working directory."""
        return self.path.parent if self.path is not None else Path.cwd()


def find_config_file(start: Path) -> Path | None:
    """The nearest `nbfix.toml`, or `pyproject.toml` with a `[tool.nbfix]` table, from `start` upwards."""
    directory = start.resolve()
    if directory.is_file():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        candidate = folder / "nbfix.toml"
        if candidate.exists():  # whatever it is: `load_config` says so if it is not a regular file
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.exists() and _nbfix_table(_read_toml(pyproject), pyproject) is not None:
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read_toml(path)
    table = data if path.name == "nbfix.toml" else _nbfix_table(data, path)
    return parse_config(table or {}, path)


def _nbfix_table(data: Mapping[str, Any], path: Path | str) -> Mapping[str, Any] | None:
    """The `[tool.nbfix]` table of a pyproject.toml; None when it has none."""
    tool = data.get("tool", {})
    if not isinstance(tool, Mapping):
        raise ConfigError(f"{path}: `tool` must be a table")
    if "nbfix" not in tool:
        return None
    if not isinstance(tool["nbfix"], Mapping):
        raise ConfigError(f"{path}: `tool.nbfix` must be a table")
    return tool["nbfix"]


def _read_toml(path: Path) -> dict[str, Any]:
    text = _read_regular_file(path)
    try:
        return tomllib.loads(text.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 (byte {error.start}: {error.reason})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def _read_regular_file(path: Path) -> bytes:
    """The bytes of `path`, refusing anything but a regular file of at most `MAX_CONFIG_BYTES`.

    Opened non-blocking, so that opening a FIFO returns at once instead of waiting
    for a writer; its kind is then checked on the open descriptor, not on the name.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
        with open(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise ConfigError(f"{path}: not a regular file")
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_CONFIG_BYTES // (1024 * 1024)} MiB")
    return data


def parse_config(table: Mapping[str, Any], path: Path) -> Config:
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key `{unknown[0]}` (known: {', '.join(sorted(KNOWN_KEYS))})")
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, Mapping):
        raise ConfigError(f"{path}: `per-file-ignores` must be a table of pattern = [codes]")
    return Config(
        path=path,
        select=_codes(table, "select", path) if "select" in table else None,
        extend_select=_codes(table, "extend-select", path),
        ignore=_codes(table, "ignore", path),
        unsafe_fixes=_boolean(table, "unsafe-fixes", path),
        exclude=_strings(table, "exclude", path),
        per_file_ignores={
            pattern: _codes(per_file, pattern, path, key_name=f"per-file-ignores.{pattern}")
            for pattern in per_file
        },
    )


def notebook_selectors(text: str) -> Selectors | None:
    """The rule selectors of `[tool.nbfix]` in a notebook's PEP 723 script header, if it has one.

    ConfigError (its message names the table, not the file) when the table
    is not valid: invalid TOML, a key other than `select`, `extend-select`
    and `ignore`, or an unknown rule code.
    """
    if "nbfix" not in text:
        return None
    from nbfix.codemods.script_metadata import block_toml, find_script_blocks, load_toml

    data = text.encode("utf-8")
    blocks = [data[start:end].decode("utf-8") for start, end in find_script_blocks(data)]
    blocks = [block for block in blocks if "nbfix" in block]
    if not blocks:
        return None
    if len(blocks) > 1:
        raise ConfigError(f"{HEADER}: more than one `# /// script` block")
    parsed = load_toml(block_toml(blocks[0]))
    if parsed is None:
        raise ConfigError(f"{HEADER}: the script block is not valid TOML")
    table = _nbfix_table(parsed, HEADER)
    if table is None:
        return None
    unknown = sorted(set(table) - HEADER_KEYS)
    if unknown:
        allowed = ", ".join(sorted(HEADER_KEYS))
        raise ConfigError(f"{HEADER}: unknown or project-only key `{unknown[0]}` (allowed: {allowed})")
    return Selectors(
        _codes(table, "select", HEADER) if "select" in table else None,
        _codes(table, "ignore", HEADER),
        _codes(table, "extend-select", HEADER),
    )


def _strings(
    table: Mapping[str, Any], key: str, path: Path | str, key_name: str | None = None
) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{path}: `{key_name or key}` must be a list of strings")
    return tuple(value)


def _codes(
    table: Mapping[str, Any], key: str, path: Path | str, key_name: str | None = None
) -> tuple[str, ...]:
    codes = tuple(code.strip().upper() for code in _strings(table, key, path, key_name))
    known = CATALOG
    for code in codes:
        if code != "ALL" and not any(rule_code.startswith(code) for rule_code in known):
            raise ConfigError(f"{path}: `{key_name or key}`: unknown rule code or prefix `{code}`")
    return codes


def _boolean(table: Mapping[str, Any], key: str, path: Path) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: `{key}` must be true or false")
    return value
