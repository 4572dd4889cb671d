"""`--show-settings`: the configuration a run resolves for one path, as TOML-like lines.

Each line is `key = value` with the value written as JSON (which TOML reads for
strings, lists of strings, booleans and numbers), so that it can be read by people
and pasted back into a `[tool.nbfix]` table where the key is one of its keys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from nbfix import __version__
from nbfix.output.console import Printer

if TYPE_CHECKING:
    from nbfix.config import Config
    from nbfix.runner import Settings


def render(
    printer: Printer,
    *,
    path: Path,
    config: Config,
    settings: Settings,
    exclude: list[str],
    output_format: str,
    cache: Path | None,
    jobs: int | None,
) -> None:
    from nbfix.batch import default_jobs

    for_path = [rule.code for rule in settings.selection.rules_for(path)]
    values: list[tuple[str, object, str]] = [
        ("config-file", str(config.path) if config.path else "", "" if config.path else "none: the defaults"),
        ("root", str(config.root), "per-file-ignores and exclude patterns are relative to it"),
        ("select", list(settings.codes), "the rules enabled"),
        ("rules-for-path", for_path, "after per-file-ignores"),
        ("per-file-ignores", {p: list(c) for p, c in settings.per_file_ignores}, ""),
        ("unsafe-fixes", settings.unsafe_fixes, ""),
        ("fixable", "ALL" if settings.fixable is None else list(settings.fixable), "--fixable, --unfixable"),
        ("exclude", exclude, ""),
        ("mode", settings.mode.value, "check, diff or write"),
        ("output-format", output_format, ""),
        ("cache-dir", str(cache) if cache else "", "" if cache else "none: no cache"),
        ("jobs", jobs or default_jobs(), ""),
    ]
    printer.line(f"# nbfix {__version__}: settings for {path}")
    for key, value, note in values:
        printer.line(f"{key} = {_toml(value)}" + (f"  # {note}" if note else ""))


def _toml(value: object) -> str:
    """A TOML value: JSON's spelling, but a table inline as TOML writes it."""
    if isinstance(value, dict) and value:
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, dict):
        return "{}"
    return json.dumps(value)
