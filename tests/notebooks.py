"""Build notebooks for tests from cell bodies, with the signatures marimo would write."""

from __future__ import annotations

import contextlib
import textwrap

from nbfix.diagnostics import FixUnavailable
from nbfix.notebook import Notebook
from nbfix.rewrite import apply_edits, rewrite_cell
from nbfix.signature import signature_codemod

HEADER = 'import marimo\n\n__generated_with = "0.25.2"\napp = marimo.App()\n\n\n'
FOOTER = '\n\nif __name__ == "__main__":\n    app.run()\n'
CELL_SEPARATOR = "# ---"


def wrap_cells(source: str) -> str:
    """A notebook from an example: full `@app.cell` text, or bodies separated by `# ---`."""
    if "@app." in source:
        return HEADER + source.strip("\n") + "\n" + FOOTER
    bodies = [b.strip("\n") for b in source.split(f"\n{CELL_SEPARATOR}\n")]
    return make_notebook(bodies)


def make_notebook(bodies: list[str]) -> str:
    cells = [
        "@app.cell\ndef _():\n" + textwrap.indent(textwrap.dedent(body), "    ") + "\n    return\n"
        for body in bodies
    ]
    text = HEADER + "\n\n".join(cells) + FOOTER
    notebook = Notebook.parse(text)
    edits = []
    for cell in notebook.code_cells:
        with contextlib.suppress(FixUnavailable):  # already canonical
            edits.extend(rewrite_cell(notebook, cell, signature_codemod(notebook, cell, canonical=True)))
    return apply_edits(notebook.index.data, edits).decode()
