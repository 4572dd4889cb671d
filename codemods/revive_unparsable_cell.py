"""Turn an `app._unparsable_cell(...)` back into an `@app.cell`, without its misplaced `return`s (NB025).

marimo stores a cell whose code does not compile as a string,
`app._unparsable_cell(r\"\"\"...\"\"\", name="_")`. When all that stops the code
is a `return` outside a function (a cell body runs as top-level code), the
code is valid as a cell function's body: it is written as one, and the
returns are removed as NB001 removes them (`nbfix.codemods.hoist_returns`).
The engine then gives the cell the parameters and `return` marimo would write.
"""

from __future__ import annotations

import textwrap

from nbfix.codemods import Declined
from nbfix.codemods.hoist_returns import hoist_returns

INDENT = "    "


def revive_unparsable_cell(source: str, decorator: str, name: str, code: str, is_async: bool = False) -> str:
    """The cell function that replaces the `_unparsable_cell` statement in `source`.

    `code` is the stored code as marimo reads it (dedented, stripped), with
    `\\n` line breaks; the result has the line breaks of `source`.
    """
    if "_unparsable_cell" not in source:
        raise Declined("the region is not an `app._unparsable_cell(...)`")
    keyword = "async def" if is_async else "def"
    function = f"{decorator}\n{keyword} {name}():\n{textwrap.indent(code, INDENT)}\n"
    revived = hoist_returns(function)
    return revived.replace("\n", "\r\n") if "\r\n" in source else revived
