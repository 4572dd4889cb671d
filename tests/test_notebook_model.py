"""The notebook model: every kind of cell, exact spans, and files that are not notebooks."""

from __future__ import annotations

import pytest

from nbfix.notebook import CellKind, NotANotebook, Notebook
from nbfix.source import LineIndex, SourceError, decode

ALL_KINDS = '''"""A notebook with one of everything."""
# /// script
# dependencies = ["marimo"]
# ///
import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup(hide_code=True):
    import math
    SCALE = 2


@app.function
def double(x):
    return x * SCALE


@app.class_definition
class Point:
    x: float = 0.0


@app.cell(hide_code=True)
def _():
    import marimo as mo
    return (mo,)


@app.cell
async def fetch(mo):
    import asyncio
    await asyncio.sleep(0)
    label: str = "é"
    return (label,)


@app.cell
def __(label):
    print(label, _hidden)
    return


app._unparsable_cell(
    r"""
    x = (
    """,
    name="broken",
)


if __name__ == "__main__":
    app.run()
'''


def test_every_cell_kind_is_recognised() -> None:
    notebook = Notebook.parse(ALL_KINDS)
    kinds = [(c.kind, c.name) for c in notebook.cells]
    assert kinds == [
        (CellKind.SETUP, "setup"),
        (CellKind.FUNCTION, "double"),
        (CellKind.CLASS, "Point"),
        (CellKind.CELL, "_"),
        (CellKind.CELL, "fetch"),
        (CellKind.CELL, "__"),
        (CellKind.UNPARSABLE, "broken"),
    ]
    setup, double, point, first, fetch, old_style, broken = notebook.cells
    assert setup.options == {"hide_code": True} and setup.defs == {"math", "SCALE"}
    assert double.defs == {"double"} and double.refs == {"SCALE"}
    assert point.defs == {"Point"} and "float" in point.refs
    assert first.options == {"hide_code": True} and first.returned_names == ("mo",)
    assert fetch.is_async and fetch.params == ("mo",) and fetch.defs == {"asyncio", "label"}
    assert fetch.scope.annotations["label"].text == "str"
    assert old_style.refs == {"print", "label"} and "_hidden" in old_style.scope.private_reads
    assert notebook.toplevel_names == {"math", "SCALE", "double", "Point"}
    assert notebook.definers["label"] == (fetch,)
    assert not notebook.stray_statements


def test_cell_span_covers_decorators_through_last_line() -> None:
    notebook = Notebook.parse(ALL_KINDS)
    first = notebook.cells[3]
    text = notebook.index.data[first.span.start : first.span.end].decode()
    assert text == "@app.cell(hide_code=True)\ndef _():\n    import marimo as mo\n    return (mo,)\n"
    assert first.span.start_pos.column == 1


def test_positions_count_characters_not_bytes() -> None:
    notebook = Notebook.parse(ALL_KINDS)
    fetch = notebook.cells[4]
    line = next(i for i, t in enumerate(ALL_KINDS.splitlines(), 1) if 'label: str = "é"' in t)
    # The string literal after the non-ASCII character starts where a person counts it.
    offset = notebook.index.data.index('"é"'.encode())
    assert notebook.index.position(offset).line == line
    assert notebook.index.position(offset + len('"é"'.encode())).column == len('    label: str = "é"') + 1
    assert fetch.span.start_pos.line < line


def test_crlf_and_lone_cr_line_index() -> None:
    index = LineIndex(b"a = 1\r\nb = 2\rc = 3\n")
    assert index.line_starts == [0, 7, 13, 19]
    assert index.newline == "\r\n"
    assert index.line_text(1) == "a = 1" and index.line_text(3) == "c = 3"


def test_crlf_notebook_parses_with_byte_exact_spans() -> None:
    text = ALL_KINDS.replace("\n", "\r\n")
    notebook = Notebook.parse(text)
    first = notebook.cells[3]
    assert (
        notebook.index.data[first.span.start : first.span.end]
        .decode()
        .startswith("@app.cell(hide_code=True)\r\n")
    )
    assert notebook.index.data[first.span.end - 2 : first.span.end] == b"\r\n"


def test_bom_is_removed_and_remembered() -> None:
    text, has_bom = decode(b"\xef\xbb\xbfimport marimo\n")
    assert (text, has_bom) == ("import marimo\n", True)


@pytest.mark.parametrize(("data", "reason"), [(b"\x00\x01", "binary"), (b"\xff\xfe x", "UTF-8")])
def test_undecodable_input(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        decode(data)


@pytest.mark.parametrize(
    "text",
    [
        "print('a plain script')\n",
        "import marimo\nprint('no app')\n",
        "import marimo as mo\nthing = mo.ui.slider(1, 10)\n",
        '"""Only a docstring."""\n',
    ],
)
def test_non_notebooks_are_recognised(text: str) -> None:
    with pytest.raises(NotANotebook):
        Notebook.parse(text)


def test_aliased_import_and_app_name() -> None:
    text = (
        "import marimo as mm\n\nnotebook = mm.App()\n\n@notebook.cell\ndef _():\n    x = 1\n    return (x,)\n"
    )
    notebook = Notebook.parse(text)
    assert notebook.app_name == "notebook" and [c.defs for c in notebook.cells] == [{"x"}]


def test_stray_statements_are_kept_apart() -> None:
    text = "import marimo\napp = marimo.App()\nprint('stray')\n\n@app.cell\ndef _():\n    return\n"
    notebook = Notebook.parse(text)
    assert len(notebook.cells) == 1 and len(notebook.stray_statements) == 1
