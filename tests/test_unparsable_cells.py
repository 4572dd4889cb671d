"""NB025: a cell that does not parse is reported, and every other cell is still checked and fixed.

A file whose text does not parse as a whole is parsed cell by cell
(`nbfix.cell_chunks`); the broken cell is never changed by a fix, byte for byte.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from notebooks import FOOTER, HEADER

from nbfix.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, always
from nbfix.engine import fix_notebook
from nbfix.notebook import CellKind, Notebook
from nbfix.rules import Rule, all_rules, check, select_rules
from nbfix.rules.unparsable_cell import UnparsableCell
from nbfix.validate import marimo_verdict

NB025 = [UnparsableCell()]


def cell(body: str, params: str = "", returns: str = "", decorator: str = "@app.cell") -> str:
    lines = "".join(f"    {line}\n" if line else "\n" for line in body.split("\n"))
    return f"{decorator}\ndef _({params}):\n{lines}    return{returns}\n"


def notebook(*cells: str, header: str = HEADER) -> str:
    return header + "\n\n".join(cells) + FOOTER


BROKEN_CELL = cell("total = (value +\nlabel = 'sum'", params="value")
DEFINES = cell("value = 1", returns=" (value,)")
NEEDS_F = cell('print("{value}")', params="value")
TEXT = notebook(DEFINES, BROKEN_CELL, NEEDS_F)


def codes(text: str, rules: list[Rule] | None = None) -> list[tuple[int, str]]:
    parsed = Notebook.parse(text)
    return [(d.span.start_pos.line, d.code) for d in check(parsed, rules or select_rules())]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def broken_bytes(text: str) -> bytes:
    start = text.index("@app.cell\ndef _(value):\n    total")
    end = text.index("    return\n", start) + len("    return\n")
    return text[start:end].encode()


# -- the model --------------------------------------------------------------------------------
def test_the_broken_cell_is_one_cell_and_the_others_keep_exact_spans() -> None:
    parsed = Notebook.parse(TEXT)
    assert [c.kind for c in parsed.cells] == [CellKind.CELL, CellKind.UNPARSABLE, CellKind.CELL]
    broken = parsed.cells[1]
    assert broken.is_broken and broken.syntax_error is not None
    assert parsed.index.data[broken.span.start : broken.span.end] == broken_bytes(TEXT)
    # The other cells have the spans and line numbers that a parse of the whole file gives.
    whole = Notebook.parse(TEXT.replace("total = (value +", "total = (value + 1)"))
    for ours, theirs in zip(parsed.cells[::2], whole.cells[::2], strict=True):
        assert (ours.span.start_pos, ours.span.end_pos) == (theirs.span.start_pos, theirs.span.end_pos)
        assert ast.dump(ours.node, include_attributes=True) == ast.dump(theirs.node, include_attributes=True)


def test_a_broken_cell_reads_every_name_it_mentions_and_defines_none() -> None:
    broken = Notebook.parse(TEXT).cells[1]
    assert {"value", "label", "total"} <= broken.refs
    assert broken.defs == frozenset()
    assert "app" not in broken.refs and "cell" not in broken.refs  # its decorator is not a read
    private = Notebook.parse(notebook(cell("_scale = (value +", params="value"))).cells[0]
    assert private.refs == {"value"}  # a `_private` name is the cell's own


def test_a_decorator_line_inside_a_string_is_not_a_boundary() -> None:
    docs = cell('text = """\n@app.cell\ndef _():\n    return\n"""\nprint(text)')
    text = notebook(docs, BROKEN_CELL)
    parsed = Notebook.parse(text)
    assert [c.kind for c in parsed.cells] == [CellKind.CELL, CellKind.UNPARSABLE]
    assert "@app.cell" in parsed.cells[0].body[0].value.value  # type: ignore[attr-defined]


def test_an_unterminated_string_hides_no_cell_after_it() -> None:
    unterminated = cell('note = """never closed\nx = 1')
    text = notebook(unterminated, DEFINES, NEEDS_F)
    parsed = Notebook.parse(text)
    assert [c.kind for c in parsed.cells] == [CellKind.UNPARSABLE, CellKind.CELL, CellKind.CELL]
    assert parsed.cells[0].syntax_error is not None
    assert (line_of(text, 'print("{value}")'), "NB007") in codes(text)


def test_several_broken_cells_and_a_stored_one() -> None:
    stored = 'app._unparsable_cell(\n    r"""\n    x = 1 +\n    """,\n    name="_"\n)\n'
    text = notebook(BROKEN_CELL, stored, cell("if True\n    pass"), DEFINES)
    parsed = Notebook.parse(text)
    kinds = [(c.kind, c.is_broken) for c in parsed.cells]
    assert kinds == [
        (CellKind.UNPARSABLE, True),
        (CellKind.UNPARSABLE, False),
        (CellKind.UNPARSABLE, True),
        (CellKind.CELL, False),
    ]
    assert [code for _, code in codes(text, NB025)] == ["NB025"] * 3


@pytest.mark.parametrize(
    "text",
    [
        HEADER.replace("app = marimo.App()", "app = marimo.App(") + DEFINES + FOOTER,  # the header
        notebook(DEFINES).replace("    app.run()", "    app.run("),  # the run guard
        HEADER + "x = (\n" + FOOTER,  # no cell at all
    ],
    ids=["header", "run-guard", "no-cell"],
)
def test_a_problem_that_is_not_one_cells_is_still_a_syntax_error(text: str) -> None:
    with pytest.raises(SyntaxError):
        Notebook.parse(text)


def test_parsable_text_blanks_only_the_broken_cell() -> None:
    parsed = Notebook.parse(TEXT)
    compile(parsed.parsable_text, "nb.py", "exec")
    broken = parsed.cells[1]
    first, last = broken.span.start_pos.line, broken.span.end_pos.line - 1
    for number, (ours, theirs) in enumerate(
        zip(parsed.parsable_text.split("\n"), TEXT.split("\n"), strict=True), 1
    ):
        assert ours == ("" if first <= number <= last else theirs)


# -- NB025's diagnostics ----------------------------------------------------------------------
def test_the_diagnostic_stands_where_python_stopped() -> None:
    [diagnostic] = check(Notebook.parse(TEXT), NB025)
    line = line_of(TEXT, "total = (value +")
    assert diagnostic.message == "Cell does not parse: '(' was never closed"
    assert (diagnostic.span.start_pos.line, diagnostic.span.start_pos.column) == (line, 13)
    assert diagnostic.fix is None


def test_a_message_never_names_a_line_and_stays_short() -> None:
    mismatched = cell("rows = [1, 2,\n    3)", params="")
    text = notebook(DEFINES, mismatched)
    [diagnostic] = check(Notebook.parse(text), NB025)
    assert "line" not in diagnostic.message and len(diagnostic.message) <= 100
    assert diagnostic.span.start_pos.line == line_of(text, "    3)")


def test_every_other_cell_is_still_checked() -> None:
    found = codes(TEXT)
    assert (line_of(TEXT, "total = (value +"), "NB025") in found
    assert (line_of(TEXT, 'print("{value}")'), "NB007") in found


def test_stored_unparsable_cells_give_python_s_reason_at_its_line() -> None:
    stored = 'app._unparsable_cell(\n    r"""\n    a = 1\n    b = (\n    """,\n    name="_"\n)\n'
    star = 'app._unparsable_cell(\n    r"""\n    from math import *\n    """,\n    name="_"\n)\n'
    escaped = 'app._unparsable_cell(\n    """\n    a = \\\\t 1\n    """,\n    name="_"\n)\n'
    text = notebook(stored, star, escaped)
    found = check(Notebook.parse(text), NB025)
    assert [(d.span.start_pos.line, d.message) for d in found] == [
        (line_of(text, "    b = ("), "Cell does not parse: '(' was never closed"),
        (
            line_of(text, "from math") - 2,
            "Cell is stored as unparsable (`app._unparsable_cell`): `import *` is not allowed in a cell",
        ),
        (
            line_of(text, "a = \\\\t") - 2,
            "Cell does not parse: unexpected character after line continuation character",
        ),
    ]
    assert found[0].span.start_pos.column == len("    b = (")


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 parses these")
@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("class Box[T]:\n    item: T", "type parameter lists"),
        ("def first[T](items: list[T]) -> T:\n    return items[0]", "type parameter lists"),
        ("type Pair = tuple[int, int]", "`type` statements"),
        ('label = f"{row["name"]}"', "quotes reused inside f-strings"),
        ('joined = f"""{"\\n".join(rows)}"""', "backslashes in f-string expressions"),
    ],
)
def test_syntax_of_a_newer_python_is_named(body: str, what: str) -> None:
    text = notebook(DEFINES, cell(f"rows = []\n{body}"))
    [diagnostic] = check(Notebook.parse(text), NB025)
    minor = sys.version_info.minor
    assert diagnostic.message == f"Cell does not parse on Python 3.{minor}: {what} need Python 3.12"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 parses it")
@pytest.mark.parametrize(
    ("requires", "expected"),
    [
        (">=3.12", "Cell not checked: nbfix runs on Python 3.{minor}, the notebook requires >=3.12"),
        (">=3.13, <4", "Cell not checked: nbfix runs on Python 3.{minor}, the notebook requires >=3.13, <4"),
        (">=3.10", "Cell does not parse on Python 3.{minor}: type parameter lists need Python 3.12"),
    ],
)
def test_a_notebook_that_requires_a_newer_python_says_the_cell_is_not_checked(
    requires: str, expected: str
) -> None:
    script = f'# /// script\n# requires-python = "{requires}"\n# dependencies = ["marimo"]\n# ///\n'
    text = notebook(cell("class Box[T]:\n    item: T"), header=script + HEADER)
    [diagnostic] = check(Notebook.parse(text), NB025)
    assert diagnostic.message == expected.format(minor=sys.version_info.minor)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the check runs below Python 3.12 only")
@pytest.mark.parametrize(
    "body",
    ['total = (1 +\nlabel = f"{row["name"]}"', 'label = f"{}"', "class Box[T]:\n    item: T = (1 +"],
    ids=["error-first", "empty-field", "newer-and-broken"],
)
def test_an_error_of_every_python_is_not_blamed_on_a_newer_one(body: str) -> None:
    [diagnostic] = check(Notebook.parse(notebook(cell(body))), NB025)
    assert diagnostic.message.startswith("Cell does not parse: "), diagnostic.message


# -- fixes of the other cells -----------------------------------------------------------------
def test_write_fixes_the_other_cells_and_keeps_the_broken_one_byte_identical(
    run_nbfix, tmp_path: Path
) -> None:
    path = tmp_path / "nb.py"
    path.write_bytes(TEXT.encode())
    code, out, _ = run_nbfix("--no-cache", "--write", str(path))
    data = path.read_bytes()
    assert code == 1 and "NB025" in out
    assert b'print(f"{value}")' in data
    assert broken_bytes(TEXT) in data
    assert data.replace(b'print(f"{value}")', b'print("{value}")') == TEXT.encode()


def test_crlf_and_pep723_header_are_kept(run_nbfix, tmp_path: Path) -> None:
    script = '# /// script\n# dependencies = ["marimo"]\n# ///\n'
    text = (script + TEXT).replace("\n", "\r\n")
    path = tmp_path / "nb.py"
    path.write_bytes(text.encode())
    code, out, _ = run_nbfix("--no-cache", "--write", str(path))
    data = path.read_bytes()
    assert code == 1 and "NB025" in out
    assert b'print(f"{value}")\r\n' in data and b"\n" not in data.replace(b"\r\n", b"")
    assert broken_bytes(TEXT).replace(b"\n", b"\r\n") in data
    assert data.startswith(script.replace("\n", "\r\n").encode())


def test_cr_line_endings_where_marimo_cannot_read_the_file(run_nbfix, tmp_path: Path) -> None:
    # marimo's own recovery from a syntax error fails on a file with CR line endings: the
    # proof of the other cells' fixes must not crash on it, and still hold them to it.
    text = TEXT.replace("\n", "\r")
    path = tmp_path / "nb.py"
    path.write_bytes(text.encode())
    code, out, err = run_nbfix("--no-cache", "--write", str(path))
    data = path.read_bytes()
    assert code == 1 and "internal error" not in out + err
    assert b'print(f"{value}")\r' in data and broken_bytes(TEXT).replace(b"\n", b"\r") in data
    verdict = marimo_verdict(text, "nb.py")  # when a fix changes the file around the cells
    assert verdict.status == "invalid" and "line" not in next(iter(verdict.violations))


def test_exit_code_is_one_not_two(run_nbfix, tmp_path: Path) -> None:
    path = tmp_path / "nb.py"
    path.write_text(notebook(DEFINES, BROKEN_CELL))
    code, out, err = run_nbfix("--no-cache", str(path))
    assert code == 1 and err == ""
    assert f"{path}:{line_of(path.read_text(), 'total = (value +')}:13: NB025" in out


class _Replacer(Rule):
    """A fake rule whose fix replaces `old` with `new` wherever the text has it."""

    code = "NB998"
    name = "fake-replacer"
    severity = Severity.WARNING
    fix_availability = always(Applicability.SAFE)

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if self.old in notebook.text:
            start = notebook.index.data.index(self.old.encode())
            edit = Edit(start, start + len(self.old.encode()), self.new)
            span = notebook.index.span(start, start + 1)
            yield self.diagnostic("fake", span, Fix(Applicability.SAFE, "fake", lambda: (edit,)))


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        # No real rule edits a broken cell; this fake one does.
        (_Replacer("label = 'sum'", "label = 'total'"), "changed a cell that does not parse"),
        # A fix that breaks a cell that parsed would leave one broken cell more.
        (_Replacer("value = 1\n", "value = (1\n"), "invalid Python"),
    ],
    ids=["edits-the-broken-cell", "breaks-another-cell"],
)
def test_a_fix_that_touches_or_adds_a_broken_cell_is_dropped(rule: Rule, reason: str) -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [rule, *select_rules()])
    assert [d.diagnostic.code for d in outcome.dropped] == [rule.code]
    assert reason in outcome.dropped[0].reason
    assert broken_bytes(TEXT) in outcome.notebook.text.encode()
    assert 'print(f"{value}")' in outcome.notebook.text  # the good fix still went through


# -- other rules, with a cell missing from the model ------------------------------------------
def test_a_name_defined_only_in_a_broken_cell_is_not_undefined() -> None:
    text = notebook(cell("helper = lambda x: (x +"), cell("print(helper(1))", params="helper"))
    assert [code for _, code in codes(text)] == ["NB025"]


def test_a_name_a_broken_cell_may_read_is_not_made_private() -> None:
    # Two cells define `limit`: NB004. Its fix makes `limit` private when no cell reads it,
    # but the broken cell mentions `limit`: it may read it once mended.
    text = notebook(cell("limit = 1"), cell("limit = 2"), cell("print(limit +"))
    found = [d for d in check(Notebook.parse(text), select_rules()) if d.code == "NB004"]
    assert found and all(d.fix is None for d in found)


def test_a_stale_signature_is_judged_with_the_broken_cell_s_reads() -> None:
    # Only the broken cell reads `limit`: its definer returns it, as marimo writes it on a
    # Python that parses the broken cell (or once it is mended). Not stale.
    text = notebook(cell("limit = 1", returns=" (limit,)"), cell("print(limit +", params="limit"))
    assert [code for _, code in codes(text)] == ["NB025"]


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_no_rule_crashes_on_broken_and_stored_cells(code: str) -> None:
    stored = 'app._unparsable_cell(\n    r"""\n    y = [\n    """,\n    name="_"\n)\n'
    text = notebook(
        DEFINES, BROKEN_CELL, stored, NEEDS_F, cell("import torch\nx = torch.ones(1).cuda(", params="")
    )
    parsed = Notebook.parse(text)
    rules = select_rules([code])
    check(parsed, rules)
    fix_notebook(parsed, rules, unsafe_fixes=True, max_rounds=4)


@pytest.mark.parametrize(
    "variant",
    [
        cell("total = (value +", params="value", decorator="@app.cell(hide_code=True)"),
        "@app.cell\nasync def _(value):\n    await thing(\n    return\n",
        "@app.cell\ndef __(value):\n    total = (value +\n    return\n",
        "@app.cell\ndef _(value):\n    if value:\n        # a comment (\n        total = 1 +\n    return\n",
        "with app.setup:\n    import os\n    base = os.getcwd(\n",
        "@app.function\ndef helper(x):\n    return (x +\n",
    ],
    ids=["hide_code", "async", "old-style", "nested-block", "setup", "function"],
)
def test_variants_real_notebooks_have(variant: str) -> None:
    text = notebook(DEFINES, variant, NEEDS_F)
    found = codes(text)
    assert [code for _, code in found if code == "NB025"] == ["NB025"]
    assert (line_of(text, 'print("{value}")'), "NB007") in found
    outcome = fix_notebook(Notebook.parse(text), select_rules())
    assert variant.encode() in outcome.notebook.text.encode()
    assert 'print(f"{value}")' in outcome.notebook.text


def test_a_suppression_after_a_broken_cell_still_counts() -> None:
    unterminated = cell('note = """never closed')
    silenced = cell('print("{value}")  # nbfix: ignore[NB007]', params="value")
    text = notebook(DEFINES, unterminated, silenced)
    assert [code for _, code in codes(text) if code in ("NB007", "NB025")] == ["NB025"]
    assert (line_of(text, "print("), "NB007") in codes(text.replace("  # nbfix: ignore[NB007]", ""))
    own = notebook(cell("value = 1"), cell("total = (1 +  # noqa: NB025"))
    assert codes(own) == []


# -- the fix of a stored cell whose only problem is a `return` ---------------------------------
STORED_RETURN = (
    "app._unparsable_cell(\n"
    '    r"""\n'
    "    flag = True\n"
    "    if flag:\n"
    '        result = "yes"\n'
    "        return result\n"
    "    else:\n"
    '        result = "no"\n'
    "        return result\n"
    '    """,\n'
    '    name="_"\n'
    ")\n"
)


def test_a_stored_cell_with_returns_is_turned_back_into_a_cell() -> None:
    text = notebook(STORED_RETURN, cell("print(result)", params="result"))
    [diagnostic] = check(Notebook.parse(text), NB025)
    assert diagnostic.message == "Cell does not parse: 'return' outside function"
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.SAFE
    outcome = fix_notebook(Notebook.parse(text), select_rules())
    expected = notebook(
        cell('flag = True\nif flag:\n    result = "yes"\nelse:\n    result = "no"', returns=" (result,)"),
        cell("print(result)", params="result"),
    )
    assert outcome.notebook.text == expected
    crlf = fix_notebook(Notebook.parse(text.replace("\n", "\r\n")), select_rules())
    assert crlf.notebook.text == expected.replace("\n", "\r\n")


def test_a_stored_cell_keeps_its_options_and_a_loop_return_gets_no_fix() -> None:
    hidden = STORED_RETURN.replace('name="_"', 'name="_",\n    hide_code=True')
    outcome = fix_notebook(Notebook.parse(notebook(hidden)), select_rules())
    assert "@app.cell(hide_code=True)\ndef _():\n    flag = True" in outcome.notebook.text
    loop = STORED_RETURN.replace("    if flag:\n", "    for flag in [1]:\n").replace(
        '    else:\n        result = "no"\n        return result\n', ""
    )
    [diagnostic] = check(Notebook.parse(notebook(loop)), NB025)
    assert diagnostic.fix is not None
    assert not fix_notebook(Notebook.parse(notebook(loop)), select_rules()).changed


def test_a_stored_cell_of_nothing_but_return_gets_no_fix() -> None:
    """Reviving it would leave an empty cell, which marimo's own linter flags (MF004)."""
    text = (
        'import marimo\n\napp = marimo.App()\n\n\napp._unparsable_cell(\n    r"""\n    return\n    """,\n'
        '    name="_"\n)\n\n\nif __name__ == "__main__":\n    app.run()\n'
    )
    [diagnostic] = check(Notebook.parse(text, "stored.py"), select_rules(select=["NB025"]))
    assert diagnostic.fix is None
