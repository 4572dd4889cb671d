"""Wording shared by diagnostic messages: one short line, in Ruff's manner.

A message says what is wrong in at most about 100 characters; the remedy
goes in the fix title or the rule's documentation. Lists of names are cut so
that a cell with forty stale names still gets one line.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_LISTED = 3
MAX_LIST_CHARS = 48


def listing(words: Sequence[str], limit: int = MAX_LISTED, width: int = MAX_LIST_CHARS) -> str:
    """`a`, `a and b`, `a, b and c`; past `limit` words or about `width` characters: `a, b and 9 more`."""
    shown: list[str] = []
    for word in words[:limit]:
        if shown and len(", ".join([*shown, word])) > width:
            break
        shown.append(word)
    hidden = len(words) - len(shown)
    if hidden > 0:
        return f"{', '.join(shown)} and {hidden} more"
    if len(shown) < 2:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def code_list(names: Sequence[str], limit: int = MAX_LISTED, width: int = MAX_LIST_CHARS) -> str:
    """Names in backticks, listed as `listing` does: `` `a`, `b` and `c` ``, `` `a`, `b` and 9 more ``."""
    return listing([f"`{name}`" for name in names], limit, width)


def plural(count: int, word: str) -> str:
    """`parameter` or `parameters`, as `count` asks."""
    return word if count == 1 else word + "s"
