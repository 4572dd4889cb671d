"""Which marimo is installed, known from a few `stat` calls, without importing it.

The key names the results NB019 computes against the installed marimo, so
the results cache (`nbfix.cache`) keys on it too. It stands apart from
`nbfix.semantic.marimo_api` so that a warm run, which only keys the cache,
loads nothing of the semantic model.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from pathlib import Path

# Bumped whenever the JSON's shape or what is collected changes (`nbfix.semantic.marimo_api`).
SCHEMA = 1


def marimo_location() -> Path | None:
    """The folder of the marimo package this interpreter would import, found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("marimo")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.submodule_search_locations:
        return None
    return Path(spec.origin).parent


@functools.lru_cache(maxsize=1)
def installation_key() -> str:
    """Names the installed marimo: changes when it is upgraded, moved or removed ("none" without it).

    Made of the package's folder and the size and modification time of two
    files every release rewrites, plus the Python version and `SCHEMA`: a few
    `stat` calls, no import.
    """
    location = marimo_location()
    if location is None:
        return "none"
    material = [str(SCHEMA), sys.version.split()[0], str(location)]
    for name in ("__init__.py", "_version.py"):
        try:
            status = (location / name).stat()
        except OSError:
            material.append(f"{name}:-")
            continue
        material.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.sha256("\0".join(material).encode()).hexdigest()[:16]
