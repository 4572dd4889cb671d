"""NB005 reports what misleads in a signature, NB016 what differs only in form; fixes mend minimally."""

from __future__ import annotations

import pytest
from notebooks import FOOTER, HEADER

from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.signature import minimal_signature, staleness

NB005 = select_rules(select=["NB005"])
NB016 = select_rules(select=["NB016"])


def notebook(*cells: str) -> Notebook:
    return Notebook.parse(HEADER + "\n\n".join(cell.strip("\n") + "\n" for cell in cells) + FOOTER)


def codes(nb: Notebook, rules) -> list[str]:
    return [d.code for d in check(nb, rules)]


DEFINE_XY = "@app.cell\ndef _():\n    x = 1\n    y = 2\n    return x, y\n"


@pytest.mark.parametrize(
    "reader",
    [
        "@app.cell\ndef _(y, x):\n    print(x, y)\n    return\n",  # order only
        "@app.cell\ndef _(x, y, unused):\n    print(x, y)\n    return\n",  # an extra parameter
        "@app.cell\nasync def _(x, y):\n    print(x, y)\n    return\n",  # async without await
    ],
    ids=["order", "extra-param", "async"],
)
def test_cosmetic_differences_are_nb016_not_nb005(reader: str) -> None:
    nb = notebook(DEFINE_XY, reader)
    assert codes(nb, NB005) == []
    assert codes(nb, NB016) == ["NB016"]


def test_an_extra_returned_name_the_cell_defines_is_cosmetic() -> None:
    nb = notebook(
        "@app.cell\ndef _():\n    x = 1\n    helper = 2\n    return helper, x\n",
        "@app.cell\ndef _(x):\n    print(x)\n    return\n",
    )
    assert codes(nb, NB005) == []
    assert codes(nb, NB016) == ["NB016"]


@pytest.mark.parametrize(
    ("cells", "part"),
    [
        ((DEFINE_XY, "@app.cell\ndef _(x):\n    print(x, y)\n    return\n"), "missing parameter `y`"),
        (
            (
                "@app.cell\ndef _():\n    x = 1\n    return\n",
                "@app.cell\ndef _(x):\n    print(x)\n    return\n",
            ),
            "does not return `x`",
        ),
        (
            (
                "@app.cell\ndef _():\n    x = 1\n    return x, gone\n",
                "@app.cell\ndef _(x):\n    print(x)\n    return\n",
            ),
            "returns undefined `gone`",
        ),
        (
            (
                "@app.cell\ndef _(asyncio):\n    await asyncio.sleep(0)\n    return\n",
                "@app.cell\ndef _():\n    import asyncio\n    return (asyncio,)\n",
            ),
            "`await` in a plain `def`",
        ),
        (
            (DEFINE_XY, "@app.cell\ndef report(x, y, extra):\n    print(x, y)\n    return\n"),
            "named cell takes unused `extra`",
        ),
    ],
    ids=["missing-param", "missing-return", "undefined-return", "await", "named-cell"],
)
def test_misleading_signatures_are_nb005(cells: tuple[str, ...], part: str) -> None:
    [diagnostic] = check(notebook(*cells), NB005)
    assert part in diagnostic.message


def test_long_name_lists_are_cut_to_one_short_line() -> None:
    names = [f"feature_column_{i}" for i in range(12)]
    definer = (
        "@app.cell\ndef _():\n" + "".join(f"    {n} = {i}\n" for i, n in enumerate(names)) + "    return\n"
    )
    reader = "@app.cell\ndef _():\n    print(" + ", ".join(names) + ")\n    return\n"
    messages = [d.message for d in check(notebook(definer, reader), NB005)]
    assert len(messages) == 2
    assert all(len(m) <= 100 and " more" in m for m in messages), messages


def test_minimal_mend_keeps_the_authors_order_and_appends() -> None:
    nb = notebook(
        "@app.cell\ndef _():\n    a = 1\n    b = 2\n    c = 3\n    return a, b, c\n",
        "@app.cell\ndef _(c, a):\n    print(a, b, c)\n    return\n",
    )
    assert minimal_signature(nb, nb.cells[1]).params == ("c", "a", "b")


def test_minimal_mend_inserts_in_sorted_place_and_before_defaults() -> None:
    nb = notebook(
        "@app.cell\ndef _():\n    a = 1\n    b = 2\n    c = 3\n    return a, b, c\n",
        "@app.cell\ndef _(a, c, limit=10):\n    print(a, b, c, limit)\n    return\n",
    )
    assert minimal_signature(nb, nb.cells[1]).params == ("a", "b", "c", "limit")


def test_another_fix_mends_the_signature_minimally_unless_nb016_is_selected() -> None:
    nb = notebook(
        "@app.cell\ndef _():\n    import marimo as mo\n    gpu = 'H100'\n    return gpu, mo\n",
        '@app.cell\ndef _(unused, mo):\n    mo.md("Running on {gpu}")\n    return\n',
    )
    minimal = fix_notebook(nb, select_rules(select=["NB007"])).notebook.text
    assert "def _(unused, mo, gpu):" in minimal
    canonical = fix_notebook(nb, select_rules(select=["NB007", "NB016"])).notebook.text
    assert "def _(gpu, mo):" in canonical


def test_sql_table_names_are_neither_undefined_nor_stale() -> None:
    creator = (
        '@app.cell\ndef _(mo):\n    _t = mo.sql(f"CREATE TABLE Penguins AS SELECT 1 AS n")\n'
        "    return (penguins,)\n"
    )
    reader = '@app.cell\ndef _(mo, penguins):\n    _df = mo.sql(f"SELECT * FROM penguins")\n    return\n'
    importer = "@app.cell\ndef _():\n    import marimo as mo\n    return (mo,)\n"
    nb = notebook(importer, creator, reader)
    assert codes(nb, select_rules(select=["NB002", "NB005", "NB016"])) == []
    assert not staleness(nb, nb.cells[1])
