"""Re-signing a cell keeps what the author wrote in its signature (issue 11, defect 13).

A fix that changes what a cell reads or defines makes nbfix rewrite the
cell's parameters and final `return` (`nbfix.codemods.cell_signature`). Fix
contract item 4: a parameter or returned name that stays keeps its default,
its annotation and its comments; the comments of one that goes stay as
comment lines of their own; what needs no change is not touched.
"""

from __future__ import annotations

import ast
import collections
import io
import textwrap
import tokenize
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nbfix.codemods import Declined
from nbfix.codemods.cell_signature import rewrite_signature
from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.validate import marimo_verdict

HEADER = 'import marimo\n\n__generated_with = "0.25.2"\napp = marimo.App()\n\n\n'
FOOTER = '\n\nif __name__ == "__main__":\n    app.run()\n'


def notebook(*cells: str) -> str:
    return HEADER + "\n\n".join(textwrap.dedent(cell).strip("\n") + "\n" for cell in cells) + FOOTER


def lines(text: str) -> list[str]:
    return text.splitlines()


# -- the codemod on its own ----------------------------------------------------------

SIGNED = textwrap.dedent(
    """\
    @app.cell
    def _(
        mo,  # the marimo module
        df,
        limit=10,   # a default some authors write
    ):
        # what the table shows
        view = mo.ui.table(df.head(limit + offset))
        return (
            view,  # note
            other,
        )
    """
)


def test_an_added_parameter_keeps_the_others_defaults_and_comments() -> None:
    out = rewrite_signature(SIGNED, "def _(df, mo, offset, limit):", "return view, other")
    assert out == SIGNED.replace("    df,\n", "    df,\n    offset,\n").replace(
        "    mo,  # the marimo module\n    df,\n", "    df,\n    mo,  # the marimo module\n"
    )
    assert "    limit=10,   # a default some authors write\n" in out
    assert "    # what the table shows\n" in out
    ast.parse(out)


def test_a_removed_parameter_leaves_its_comment_behind() -> None:
    out = rewrite_signature(SIGNED, "def _(df, limit):", "return view, other")
    assert out.startswith(
        "@app.cell\ndef _(\n    # the marimo module\n    df,\n"
        "    limit=10,   # a default some authors write\n):\n"
    )


def test_a_removed_default_parameter_leaves_its_comment_before_the_bracket() -> None:
    out = rewrite_signature(SIGNED, "def _(df, mo):", "return view, other")
    assert out.startswith(
        "@app.cell\ndef _(\n    df,\n    mo,  # the marimo module\n    # a default some authors write\n):\n"
    )


def test_the_return_tuple_keeps_its_comments() -> None:
    out = rewrite_signature(SIGNED, "def _(mo, df, limit):", "return other, table, view")
    assert out.endswith("    return (\n        other,\n        table,\n        view,  # note\n    )\n")
    assert out.startswith(SIGNED[: SIGNED.index("    return")])  # parameters untouched


def test_a_removed_returned_name_leaves_its_comment() -> None:
    out = rewrite_signature(SIGNED, "def _(mo, df, limit):", "return (other,)")
    assert out.endswith("    return (\n        # note\n        other,\n    )\n")


def test_a_bare_return_keeps_the_comments_of_the_names_it_drops() -> None:
    out = rewrite_signature(SIGNED, "def _(mo, df, limit):", "return")
    assert out.endswith(
        "    # what the table shows\n"
        "    view = mo.ui.table(df.head(limit + offset))\n    # note\n    return\n"
    )


def test_annotation_and_default_survive() -> None:
    source = "@app.cell\ndef _(x: int = 3):\n    y = x + z\n    return\n"
    out = rewrite_signature(source, "def _(z, x):", "return")
    assert out == "@app.cell\ndef _(z, x: int = 3):\n    y = x + z\n    return\n"
    ast.parse(out)


def test_type_comments_and_comments_around_the_def_line_survive() -> None:
    source = (
        "@app.cell\n"
        "def _(a):  # type: (int) -> None\n"
        "    # between the def line and the body\n"
        "    b = a + c\n"
        "    return\n"
    )
    out = rewrite_signature(source, "def _(a, c):", "return (b,)")
    assert out == source.replace("def _(a):", "def _(a, c):").replace("    return\n", "    return (b,)\n")


def test_a_per_parameter_type_comment_stays_with_its_parameter() -> None:
    source = "@app.cell\ndef _(\n    b,  # type: int\n):\n    print(a, b)\n    return\n"
    out = rewrite_signature(source, "def _(a, b):", "return")
    assert out == "@app.cell\ndef _(\n    a,\n    b,  # type: int\n):\n    print(a, b)\n    return\n"
    ast.parse(out, type_comments=True)


def test_a_type_comment_that_would_stand_alone_is_declined() -> None:
    # `# type: int` on a line of its own in a parameter list is a SyntaxError for
    # parsers that read type comments: the comment cannot be placed safely.
    source = "@app.cell\ndef _(\n    a,  # type: int\n    b,\n):\n    print(b)\n    return\n"
    with pytest.raises(Declined):
        rewrite_signature(source, "def _(b):", "return")


def test_the_comment_on_the_opening_bracket_line_stays() -> None:
    source = "@app.cell\ndef _(  # inputs\n    b,\n):\n    print(a, b)\n    return\n"
    out = rewrite_signature(source, "def _(a, b):", "return")
    assert out == "@app.cell\ndef _(  # inputs\n    a,\n    b,\n):\n    print(a, b)\n    return\n"


def test_a_list_with_the_right_names_is_not_rewritten() -> None:
    source = "@app.cell\nasync def _(a,b):\n    print(a, b)\n    return\n"
    out = rewrite_signature(source, "def _(a, b):", "return")
    assert out == "@app.cell\ndef _(a,b):\n    print(a, b)\n    return\n"  # only `async` goes


def test_crlf_is_kept_in_the_new_lines() -> None:
    source = "@app.cell\r\ndef _(\r\n    a,  # first\r\n):\r\n    print(a, b)\r\n    return\r\n"
    out = rewrite_signature(source, "def _(a, b):", "return")
    assert (
        out == "@app.cell\r\ndef _(\r\n    a,  # first\r\n    b,\r\n):\r\n    print(a, b)\r\n    return\r\n"
    )


# -- through the engine and the CLI ---------------------------------------------------

DEFAULTS_AND_COMMENTS = notebook(
    """
    @app.cell
    def _():
        import marimo as mo

        return (mo,)
    """,
    """
    @app.cell
    def _():
        limit = 10
        total = 120
        return limit, total
    """,
    """
    @app.cell
    def _(
        mo,  # the marimo module
        limit=10,  # rows to show
    ):
        # the message shown under the table
        message = "showing {limit} of {total}"
        mo.md(message)
        return
    """,
)


def _loads_cleanly(text: str, path: str) -> None:
    compile(text, path, "exec")
    assert marimo_verdict(text, path).is_clean


def test_an_f_prefix_fix_re_signs_without_losing_defaults_or_comments(tmp_path: Path, run_nbfix) -> None:
    path = tmp_path / "nb.py"
    path.write_text(DEFAULTS_AND_COMMENTS)
    code, _, _ = run_nbfix("--write", "--select", "NB007", str(path))
    fixed = path.read_text()
    assert 'message = f"showing {limit} of {total}"' in fixed
    assert "def _(\n    mo,  # the marimo module\n    total,\n    limit=10,  # rows to show\n):\n" in fixed
    assert "    # the message shown under the table\n" in fixed
    _loads_cleanly(fixed, str(path))
    assert code == 0


def test_a_fix_that_changes_a_return_keeps_the_tuple_comments() -> None:
    # NB007 makes the last cell read `scale`: the second cell's return gains it,
    # and the comment written in that return stays.
    text = notebook(
        """
        @app.cell
        def _():
            import marimo as mo

            return (mo,)
        """,
        """
        @app.cell
        def _():
            rate = 0.1
            scale = 2
            return (
                rate,  # learning rate
            )
        """,
        """
        @app.cell
        def _(mo, rate):
            mo.md("rate {rate} at scale {scale}")
            return
        """,
    )
    outcome = fix_notebook(Notebook.parse(text), select_rules(["NB007"]))
    fixed = outcome.notebook.text
    assert "    return (\n        rate,  # learning rate\n        scale,\n    )\n" in fixed
    assert "def _(mo, rate, scale):\n" in fixed
    _loads_cleanly(fixed, "nb.py")


def test_return_in_branch_fix_keeps_the_signature_comments() -> None:
    text = notebook(
        """
        @app.cell
        def _():
            rows = 1000
            return (rows,)
        """,
        """
        @app.cell
        def _(
            rows,  # how many rows to sample
        ):
            if rows > 100:
                backend = "big"
                return backend  # a large sample
            else:
                backend = "small"
                return backend
            return
        """,
        """
        @app.cell
        def _(backend):
            print(backend)
            return
        """,
    )
    outcome = fix_notebook(Notebook.parse(text), select_rules(["NB001"]))
    fixed = outcome.notebook.text
    assert "def _(\n    rows,  # how many rows to sample\n):\n" in fixed
    assert "    return (backend,)\n" in fixed
    assert "        # a large sample\n" in fixed
    _loads_cleanly(fixed, "nb.py")


def test_a_default_argument_is_not_stale_and_stays_last() -> None:
    # marimo drops defaults; nbfix keeps them, so `limit=10` must stay after `mo`
    # (sorting it first would be a SyntaxError): that order is not stale.
    text = notebook(
        """
        @app.cell
        def _():
            import marimo as mo

            return (mo,)
        """,
        """
        @app.cell
        def _(mo, limit=10):
            mo.md(str(limit))
            return
        """,
    )
    assert not [d for d in check(Notebook.parse(text), select_rules(["NB005"])) if d.code == "NB005"]


def test_nb005_adds_a_missing_parameter_and_keeps_comments(tmp_path: Path, run_nbfix) -> None:
    path = tmp_path / "nb.py"
    path.write_text(
        notebook(
            """
            @app.cell
            def _():
                rate = 0.1
                steps = 10
                return rate, steps
            """,
            """
            @app.cell
            def _(
                rate,  # learning rate
            ):
                print(rate * steps)
                return
            """,
        )
    )
    run_nbfix("--write", "--select", "NB005", str(path))
    fixed = path.read_text()
    assert "def _(\n    rate,  # learning rate\n    steps,\n):\n" in fixed
    _loads_cleanly(fixed, str(path))


def test_a_declined_re_signing_writes_nothing_wrong() -> None:
    # Re-signing after the NB007 fix would leave `# type: int` of the dropped
    # `unused` on a line of its own: the codemod declines, and the engine must
    # then leave the cell as it was rather than write a half-signed cell.
    text = notebook(
        """
        @app.cell
        def _():
            import marimo as mo

            x = 1
            return mo, x
        """,
        """
        @app.cell
        def _(
            mo,
            unused,  # type: int
        ):
            mo.md("value {x}")
            return
        """,
    )
    outcome = fix_notebook(Notebook.parse(text), select_rules(["NB007"]))
    fixed = outcome.notebook.text
    assert "    unused,  # type: int\n" in fixed
    compile(fixed, "nb.py", "exec")
    assert not outcome.changed or 'f"value {x}"' in fixed


# -- any signature, any change ----------------------------------------------------------

NAMES = ["alpha", "beta", "df", "gamma", "mo", "x", "zeta"]


def _comments(source: str) -> collections.Counter[str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return collections.Counter(t.string.strip() for t in tokens if t.type == tokenize.COMMENT)


@st.composite
def signatures(draw: st.DrawFn) -> tuple[str, list[str], list[str], list[str], dict[str, str]]:
    """A cell with commented, defaulted parameters and return names; new names to give it."""
    params = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=5))
    defaults = {name: str(i) for i, name in enumerate(params) if draw(st.booleans())}
    params = [p for p in params if p not in defaults] + [p for p in params if p in defaults]
    returned = draw(st.lists(st.sampled_from(["a", "b", "c", "d"]), unique=True, max_size=3))
    comment = st.one_of(st.none(), st.sampled_from(["# one", "# two", "# three"]))
    multiline = draw(st.booleans())
    parts = []
    for name in params:
        lead, trail = draw(comment), draw(comment)
        text = f"{name}={defaults[name]}" if name in defaults else name
        if multiline:
            parts.append((f"    {lead}\n" if lead else "") + f"    {text},{'  ' + trail if trail else ''}\n")
        else:
            parts.append(text)
    header = "def _(\n" + "".join(parts) + "):" if multiline else f"def _({', '.join(parts)}):"
    ret_parts = []
    for name in returned:
        trail = draw(comment)
        ret_parts.append(f"        {name},{'  ' + trail if trail else ''}\n")
    ret = "    return (\n" + "".join(ret_parts) + "    )" if returned else "    return"
    source = f"@app.cell\n{header}\n    # body\n    a = b = c = d = 1\n{ret}\n"
    new_params = sorted(draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=5)))
    new_returns = sorted(draw(st.lists(st.sampled_from(["a", "b", "c", "d"]), unique=True, max_size=3)))
    return source, params, new_params, new_returns, defaults


@settings(max_examples=300, deadline=None)
@given(signatures())
def test_any_re_signing_keeps_every_comment_and_kept_default(case) -> None:
    source, _, new_params, new_returns, defaults = case
    header = f"def _({', '.join(new_params)}):"
    returns = f"return ({', '.join(new_returns)},)" if new_returns else "return"
    out = rewrite_signature(source, header, returns)
    assert _comments(out) == _comments(source)
    function = ast.parse(out).body[0]
    assert isinstance(function, ast.FunctionDef)
    names = [arg.arg for arg in function.args.args]
    kept_defaults = [n for n in new_params if n in defaults]
    assert names == [n for n in new_params if n not in defaults] + kept_defaults
    for name in kept_defaults:
        assert f"{name}={defaults[name]}" in out
    final = function.body[-1]
    assert isinstance(final, ast.Return)
    returned = [] if final.value is None else [e.id for e in getattr(final.value, "elts", [final.value])]
    assert returned == new_returns
    assert rewrite_signature(out, header, returns) == out  # a second re-signing changes nothing
