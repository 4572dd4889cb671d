"""Text to a notebook, or a one-line reason why not: one path for files, stdin and the editor.

Three front doors (a file read by a worker, a buffer piped on standard input,
a document open in an editor) must agree on what a notebook is and on what
they say when it is not one. Bytes become text in one place
(`nbfix.files.source_from_bytes`: UTF-8, a BOM kept aside, binary and empty
input refused) for files and stdin alike; the editor hands over text, and
every door parses through `parse_notebook`.

A syntax error inside a cell is not a reason to refuse the file: the
notebook comes back with that cell broken (`Cell.is_broken`, reported as
NB025) and every other cell modelled. Only an error that is not one cell's
(before the first cell, in the `if __name__` guard, in a file with no cell)
is an `UnparsableSource`.
"""

from __future__ import annotations

from nbfix.notebook import NotANotebook, Notebook
from nbfix.source import SourceError


class UnparsableSource(SourceError):
    """Python source nbfix cannot parse: a syntax error, or nesting past what can be analysed."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line  # the file line of a syntax error


def parse_notebook(text: str, name: str) -> Notebook:
    """The notebook in `text`; UnparsableSource or NotANotebook with a one-line reason otherwise."""
    try:
        return Notebook.parse(text, name)
    except SyntaxError as error:
        raise UnparsableSource(f"syntax error at line {error.lineno}: {error.msg}", error.lineno) from None
    except NotANotebook:
        raise
    except (RecursionError, ValueError, MemoryError) as error:
        raise UnparsableSource(f"cannot parse: {error}") from None
