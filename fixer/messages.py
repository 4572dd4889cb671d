"""Wording shared by diagnostic messages: one short line, in Ruff's manner.

A message says what is wrong in at most about 100 characters; the remedy
goes in the fix title or the rule's documentation. Lists of names are cut so
that a cell with forty stale names still gets one line.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_LISTED = 3
MAX_LIST_CHARS = 48


def code_list(names: Sequence[str], limit: int = MAX_LISTED, width: int = MAX_LIST_CHARS) -> str:
    """`` `a`, `b` `` or `` `a`, `b`, `c` and 9 more ``: up to `limit` names in about `width` characters."""
    shown: list[str] = []
    for name in names[:limit]:
        quoted = f"`{name}`"
        if shown and len(", ".join([*shown, quoted])) > width:
            break
        shown.append(quoted)
    hidden = len(names) - len(shown)
    return f"{', '.join(shown)} and {hidden} more" if hidden > 0 else ", ".join(shown)


def plural(count: int, word: str) -> str:
    """`parameter` or `parameters`, as `count` asks."""
    return word if count == 1 else word + "s"
