"""Codemods on their own: a cell's source in, new source out."""

from __future__ import annotations

import ast
import itertools
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nbfix.codemods import Declined, parse_region
from nbfix.codemods.cell_signature import rewrite_signature
from nbfix.codemods.hoist_returns import hoist_returns


def cell(body: str, params: str = "") -> str:
    return (
        f"@app.cell\ndef _({params}):\n" + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\n"
    )


# -- hoist_returns -----------------------------------------------------------------
def hoisted(body: str, params: str = "") -> str:
    """A cell as `hoist_returns` leaves it: ending with the one bare `return` marimo writes."""
    return cell(textwrap.dedent(body).strip("\n") + "\nreturn", params)


def test_if_else_tail_returns_are_removed() -> None:
    source = cell("if a:\n    r = 1\n    return r\nelse:\n    r = 2\n    return r", "a")
    assert hoist_returns(source) == hoisted("if a:\n    r = 1\nelse:\n    r = 2", "a")


def test_guard_becomes_negated_if() -> None:
    source = cell("if not items:\n    return\ntotal = sum(items)\nprint(total)", "items")
    assert hoist_returns(source) == hoisted("if items:\n    total = sum(items)\n    print(total)", "items")


@pytest.mark.parametrize(
    ("condition", "negated"),
    [
        ("x is None", "not (x is None)"),
        ("ready", "not ready"),
        ("obj.ok", "not obj.ok"),
        ("f(x)", "not f(x)"),
        ("a and b", "not (a and b)"),
        ("not (a or b)", "a or b"),
    ],
)
def test_guard_negation_forms(condition: str, negated: str) -> None:
    source = cell(f"if {condition}:\n    return\nprint(1)")
    assert f"if {negated}:\n" in hoist_returns(source)


def test_guard_with_statements_gets_else() -> None:
    source = cell('if x is None:\n    msg = "none"\n    return\nmsg = "some"\nprint(msg)', "x")
    assert hoist_returns(source) == hoisted(
        'if x is None:\n    msg = "none"\nelse:\n    msg = "some"\n    print(msg)', "x"
    )


def test_branch_that_falls_through_takes_the_rest() -> None:
    source = cell("if a:\n    return\nelif b:\n    x = 1\nelse:\n    return\nprint(x)", "a, b")
    assert hoist_returns(source) == hoisted(
        "if a:\n    pass\nelif b:\n    x = 1\n    print(x)\nelse:\n    pass", "a, b"
    )


def test_try_whose_handler_returns_moves_rest_to_else() -> None:
    source = cell("try:\n    import cudf\nexcept ImportError:\n    return\ndf = cudf.DataFrame()")
    assert hoist_returns(source) == hoisted(
        "try:\n    import cudf\nexcept ImportError:\n    pass\nelse:\n    df = cudf.DataFrame()"
    )


def test_return_expression_keeps_its_work() -> None:
    source = cell("if a:\n    return compute()\nelse:\n    return x", "a, compute, x")
    assert hoist_returns(source) == hoisted("if a:\n    compute()\nelse:\n    pass", "a, compute, x")


def test_comments_of_removed_returns_are_kept() -> None:
    source = cell("if a:\n    r = 1\n    # why\n    return r  # done\nelse:\n    return", "a")
    assert hoist_returns(source) == hoisted("if a:\n    r = 1\n    # why\n    # done\nelse:\n    pass", "a")


def test_final_return_is_kept_and_crlf_preserved() -> None:
    source = cell("if a:\n    return\nx = 1\nreturn (x,)", "a").replace("\n", "\r\n")
    out = hoist_returns(source)
    assert out == cell("if not a:\n    x = 1\nreturn (x,)", "a").replace("\n", "\r\n")


def test_try_with_match_and_async() -> None:
    source = (
        "@app.cell\nasync def _():\n    try:\n        v = 1\n        return v\n"
        "    except E:\n        return\n    finally:\n        log()\n"
    )
    assert hoist_returns(source).split("def _")[1].count("return") == 1  # the one at the end
    source = cell("with ctx() as c:\n    use(c)\n    return c")
    assert hoist_returns(source) == hoisted("with ctx() as c:\n    use(c)")
    source = cell(
        "match x:\n    case 1:\n        return 'a'\n    case _:\n        y = 2\n        return y", "x"
    )
    assert hoist_returns(source) == hoisted(
        "match x:\n    case 1:\n        pass\n    case _:\n        y = 2", "x"
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("for i in x:\n    return i", "loop"),
        ("while x:\n    return", "loop"),
        ("try:\n    pass\nfinally:\n    return", "finally"),
        ("try:\n    return 1\nexcept E:\n    pass\nelse:\n    y = 2", "else"),
        ("return 1\nprint('dead')", "never runs"),
        ("if a:\n    return\nelif b:\n    pass\nprint(1)", "would be duplicated"),
        ("try:\n    x = f()\nexcept E:\n    if a:\n        return\nprint(x)", "does not always return"),
    ],
)
def test_declines_what_would_change_meaning(body: str, reason: str) -> None:
    with pytest.raises(Declined, match=reason):
        hoist_returns(cell(body))


def test_region_libcst_cannot_reproduce_is_refused() -> None:
    with pytest.raises(Declined):
        parse_region("@app.cell\ndef _(:\n")


# -- behaviour is preserved: property test ---------------------------------------
CONDITIONS = ("c1", "c2", "c3")


@st.composite
def blocks(draw: st.DrawFn, depth: int = 0) -> list[str]:
    size = draw(st.integers(1, 3))
    out = []
    for _ in range(size):
        kind = draw(
            st.sampled_from(
                ["append", "append", "return", "if", "ifelse"] if depth < 3 else ["append", "return"]
            )
        )
        if kind == "append":
            out.append(f"trace.append({draw(st.integers(0, 99))})")
        elif kind == "return":
            out.append("return")
        else:
            condition = draw(st.sampled_from(CONDITIONS))
            text = f"if {condition}:\n" + textwrap.indent("\n".join(draw(blocks(depth + 1))), "    ")
            if kind == "ifelse":
                text += "\nelse:\n" + textwrap.indent("\n".join(draw(blocks(depth + 1))), "    ")
            out.append(text)
    # Code after a bare return is dead; real cells do not have it, so cut it.
    return out[: out.index("return") + 1] if "return" in out else out


def _run_as_function(body: str, values: dict[str, bool]) -> list[int]:
    namespace: dict = {}
    exec("def f(c1, c2, c3, trace):\n" + textwrap.indent(body, "    "), namespace)
    trace: list[int] = []
    namespace["f"](trace=trace, **values)
    return trace


def _run_as_cell(source: str, values: dict[str, bool]) -> list[int]:
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    body = function.body[:-1] if isinstance(function.body[-1], ast.Return) else function.body
    code = compile(ast.Module(body=body, type_ignores=[]), "<cell>", "exec")  # a SyntaxError fails the test
    trace: list[int] = []
    exec(code, {"trace": trace, **values})
    return trace


@settings(max_examples=400, deadline=None)
@given(blocks())
def test_hoisting_preserves_behaviour(statements: list[str]) -> None:
    body = "\n".join(statements)
    try:
        fixed = hoist_returns(cell(body, "c1, c2, c3, trace"))
    except Declined:
        return
    for combination in itertools.product([False, True], repeat=3):
        values = dict(zip(CONDITIONS, combination, strict=True))
        assert _run_as_cell(fixed, values) == _run_as_function(body, values), fixed


# -- rewrite_signature ----------------------------------------------------------------
def test_signature_rewrite_keeps_decorator_body_and_comments() -> None:
    source = "@app.cell(hide_code=True)\ndef _(b, a):\n    x = a + b  # sum\n    return x,  # old style\n"
    out = rewrite_signature(source, "def _(a, b):", "return (x,)")
    assert (
        out == "@app.cell(hide_code=True)\ndef _(a, b):\n    x = a + b  # sum\n    return (x,)  # old style\n"
    )


def test_signature_rewrite_adds_return_after_blank_line_for_imports() -> None:
    out = rewrite_signature("@app.cell\ndef _():\n    import os\n", "def _():", "return (os,)")
    assert out == "@app.cell\ndef _():\n    import os\n\n    return (os,)\n"


def test_signature_rewrite_multiline() -> None:
    header = "def _(\n    alpha,\n    beta,\n):"
    out = rewrite_signature("@app.cell\ndef _():\n    y = alpha + beta\n", header, "return (\n    y,\n)")
    assert (
        out == "@app.cell\ndef _(\n    alpha,\n    beta,\n):\n"
        "    y = alpha + beta\n    return (\n        y,\n    )\n"
    )
