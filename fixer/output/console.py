"""Lines of text for people: written directly when piped, through rich on a terminal.

A check run from pre-commit, CI or another program writes to a pipe, where
colour is never wanted: those lines go straight to the stream, and rich (a
fifth of a one-file check's start-up) is never imported. On a terminal, or
with `FORCE_COLOR` set, the same lines are printed through rich, with styles.
A line is a sequence of parts, each a string or a `(text, style)` pair.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

Part = str | tuple[str, str]  # text, or (text, rich style)
# The control characters rich drops from what it prints (bell, backspace, vertical
# tab, form feed, carriage return): plain output drops them too, so that a line
# reads the same piped as on a terminal.
_CONTROL = dict.fromkeys((7, 8, 11, 12, 13))


def wants_colour(stream: TextIO) -> bool:
    """Whether rich should style what goes to `stream` (it still honours NO_COLOR and TERM=dumb)."""
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class Printer:
    """Writes lines of parts to one stream."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._console: Console | None = None
        if wants_colour(stream):
            from rich.console import Console

            self._console = Console(file=stream, highlight=False, soft_wrap=True)

    @classmethod
    def stdout(cls) -> Printer:
        return cls(sys.stdout)

    @classmethod
    def stderr(cls) -> Printer:
        return cls(sys.stderr)

    @property
    def console(self) -> Console | None:
        """rich's console for the stream, when it is a terminal (None when plain)."""
        return self._console

    def line(self, *parts: Part) -> None:
        if self._console is None:
            text = "".join(part if isinstance(part, str) else part[0] for part in parts)
            self.stream.write(text.translate(_CONTROL) + "\n")
            return
        from rich.text import Text

        text = Text()
        for part in parts:
            if isinstance(part, str):
                text.append(part)
            else:
                text.append(part[0], style=part[1])
        self._console.print(text, soft_wrap=True)

    def flush(self) -> None:
        self.stream.flush()
