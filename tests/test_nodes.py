"""A cell's node index lists what `ast.walk` lists, in the same order, minus marker singletons."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import TUTORIALS, corpus_notebooks
from hypothesis import given, settings
from hypothesis import strategies as st

from nbfix.nodes import MARKERS, NodeIndex, walk
from nbfix.notebook import Notebook

TRICKY = """
async def f(x: T, /, *args, y=1, **kw) -> T:
    global g
    async with a as (b, c):
        async for i in aiter(x):
            await i
    try:
        pass
    except* ValueError as e:
        raise
    match x:
        case {"k": [1, *rest], **others} if rest:
            pass
        case Point(x=0) | None as p:
            pass
    return (lambda q=1: q)(f"{x!r:>{y}}")
"""


NEWER = "def g[T: int](x: T) -> T:\n    type Alias[U] = list[U]\n    return x\n"


def _expected(statements: list[ast.stmt]) -> list[ast.AST]:
    return [node for statement in statements for node in ast.walk(statement) if not isinstance(node, MARKERS)]


def _files() -> list[Path]:
    return [*TUTORIALS, *corpus_notebooks()]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_walk_matches_ast_walk_on_real_files(path: Path) -> None:
    try:
        module = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        pytest.skip("not Python")
    assert walk(module.body) == _expected(module.body)


def test_walk_matches_ast_walk_on_every_kind_of_node() -> None:
    module = ast.parse(TRICKY)
    found = walk(module.body)
    assert found == _expected(module.body)
    kinds = {type(node) for node in found}
    assert {ast.TryStar, ast.MatchMapping, ast.MatchClass, ast.FormattedValue, ast.Lambda} <= kinds


def test_walk_matches_ast_walk_on_type_parameters() -> None:
    try:
        module = ast.parse(NEWER)
    except SyntaxError:
        pytest.skip("type parameters need Python 3.12")
    assert walk(module.body) == _expected(module.body)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["x = 1", "y = [a for a in b if a]", "f(*a, **k)", "del z"]), max_size=6))
def test_by_type_lookup_equals_filtering(lines: list[str]) -> None:
    index = NodeIndex(ast.parse("\n".join(lines)).body)
    for kind in (ast.Name, ast.Call, ast.comprehension, ast.Constant, ast.Delete):
        assert index.of(kind) == [node for node in index.nodes if isinstance(node, kind)]
    assert index.of(ast.stmt) == [node for node in index.nodes if isinstance(node, ast.stmt)]
    assert index.of(ast.Name, ast.Call) == [
        node for node in index.nodes if isinstance(node, (ast.Name, ast.Call))
    ]


def test_a_cell_indexes_its_body_once() -> None:
    text = "import marimo\napp = marimo.App()\n\n@app.cell\ndef _():\n    x = f(1)\n    return (x,)\n"
    cell = Notebook.parse(text).cells[0]
    assert cell.nodes is cell.nodes
    assert [type(node) for node in cell.nodes.of(ast.Call)] == [ast.Call]
    assert not cell.nodes.of(ast.Return)  # the final return is not part of the body
