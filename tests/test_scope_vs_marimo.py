"""Our defs/refs must equal marimo's for every cell: the corpus, the tutorials, and generated code."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
from conftest import TUTORIALS, corpus_notebooks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marimo._ast.parse import parse_notebook
from marimo._ast.variables import is_local
from marimo._ast.visitor import ScopedVisitor
from marimo._schemas.serialization import UnparsableCell

from nbfix.notebook import CellKind, Notebook
from nbfix.scope import analyze


def marimo_scope(code: str) -> tuple[set[str], set[str]]:
    """What marimo's `compile_cell` computes, minus the compile (NB001 cells do not compile).

    One marimo quirk is left out on purpose: `global _p` makes marimo record a
    ref to the *mangled* name `_cell_<id>_p`, which depends on the cell id and
    names nothing a cell could define; nbfix treats `_p` as private, as elsewhere.
    """
    visitor = ScopedVisitor("cell_c0")
    visitor.visit(ast.parse(code))
    refs = {n for n in visitor.refs if not n.startswith("_cell_c0")}
    return {n for n in visitor.defs if not is_local(n)}, refs


@pytest.mark.parametrize("path", [*TUTORIALS, *corpus_notebooks()], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_cell_matches_marimo(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    notebook = Notebook.parse(text, str(path))
    ours = [c for c in notebook.cells if c.kind is not CellKind.UNPARSABLE]
    theirs = [c for c in parse_notebook(text).cells if not isinstance(c, UnparsableCell)]
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs, strict=True):
        if mine.scope.star_import:
            continue  # marimo refuses `import *` (ImportStarError): NB024's, nothing to compare
        defs, refs = marimo_scope(reference.code)
        assert (set(mine.defs), set(mine.refs)) == (defs, refs), f"cell at line {mine.span.start_pos.line}"


TRICKY_BODIES = [
    "print(x)\nx = 1",
    "def f():\n    return y\ny = 2",
    "x += 1",
    "try:\n    pass\nexcept ValueError as err:\n    msg = str(err)",
    "class A:\n    v = 1\n    def m(self):\n        return v + w",
    "values = [y for x in data if (y := x * 2)]",
    "match cmd:\n    case [first, *rest]:\n        pass\n"
    "    case {'k': v, **others}:\n        pass\n    case Point(x=px) as pt:\n        pass",
    "def g():\n    global counter\n    counter = 1",
    "del stale",
    "import os.path as osp\nfrom collections import OrderedDict as OD, deque",
    "x: int = 1\ny: MyType",
    "async def fetch():\n    await client.get(url)\nresult = await fetch()",
    "f = lambda a, b=default: a + b + outer",
    "_private = 1\nprint(_private, _other)",
    "for i in range(n):\n    total = i\nelse:\n    done = True",
    "with open(p) as fh, ctx() as (a, b):\n    text = fh.read()",
    "def deco(fn):\n    return fn\n@deco\ndef h(x=x):\n    return x",
    "data = {k: v for k, v in pairs}\ngen = (z for z in zs)",
    "def outer():\n    def inner():\n        return free\n    return inner",
    "__dunder = 1\n__ = 2",
]


@pytest.mark.parametrize("body", TRICKY_BODIES)
def test_tricky_bodies_match_marimo(body: str) -> None:
    scope = analyze(ast.parse(body).body)
    assert (set(scope.defs), set(scope.refs)) == marimo_scope(body)


# -- generated cell bodies -------------------------------------------------------
NAMES = st.sampled_from(["a", "b", "x", "df", "_p", "__d", "len", "mo", "item"])


@st.composite
def statements(draw: st.DrawFn, depth: int = 0) -> str:
    name, other, third = draw(NAMES), draw(NAMES), draw(NAMES)
    simple = [
        f"{name} = {other} + 1",
        f"{name} += {other}",
        f"print({name}, {other})",
        f"{name}: int = {other}",
        f"import {name}",
        f"from pkg import {name} as {other}",
        f"del {name}",
        f"{name} = [{other} for {other} in {third}]",
        f"{name} = [({other} := {third}) for {third} in range(3)]",
        f"{name} = lambda {other}: {other} + {third}",
        f"{name}.attr = {other}",
        f"{name}[{other}] = 1",
    ]
    if depth >= 2:
        return draw(st.sampled_from(simple))
    inner = "\n".join(draw(st.lists(statements(depth + 1), min_size=1, max_size=3)))
    block = textwrap.indent(inner, "    ")
    compound = [
        f"if {name}:\n{block}",
        f"for {name} in {other}:\n{block}",
        f"def {name}({other}):\n{block}",
        f"def {name}():\n    global {other}\n{block}",
        f"class {name}:\n{block}",
        f"try:\n{block}\nexcept Exception as {other}:\n{block}",
        f"with {name} as {other}:\n{block}",
    ]
    return draw(st.sampled_from(simple + compound))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(statements(), min_size=1, max_size=5))
def test_generated_bodies_match_marimo(body_statements: list[str]) -> None:
    body = "\n".join(body_statements)
    try:
        tree = ast.parse(body)
        compile(body, "<cell>", "exec")
        expected = marimo_scope(body)
    except SyntaxError:
        return
    scope = analyze(tree.body)
    assert (set(scope.defs), set(scope.refs)) == expected
