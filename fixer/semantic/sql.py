"""Names that a cell's SQL may read or create: never undefined, never stale.

A `mo.sql(f"SELECT * FROM penguins")` cell reads the table `penguins`, which
another SQL cell made with `CREATE TABLE`, or which a database attached to
the engine holds; marimo (with duckdb installed) writes such table names into
cell signatures as parameters and returns. Python's `ast` sees only a string,
so without this fact NB002 reports `penguins` in the parameters as undefined
and NB005 calls the signature stale, on notebooks that run.

marimo's own SQL reference extraction needs duckdb or sqlglot at check time
and reports a subset of what the SQL names. Rules use these names for one
thing only, to stay silent, so the conservative reading is the right one: every
identifier-shaped word in the string literals of a cell that runs SQL counts
(the literal parts of an f-string too; its `{fields}` are Python reads the
scope analysis already has). A real undefined name that happens to be a word
of some SQL text goes unreported; a working notebook is never flagged.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from nbfix.nodes import walk
from nbfix.notebook import Cell, Notebook
from nbfix.semantic import Fact

_WORD = re.compile(r"[^\W\d]\w*")


def _string_words(cell: Cell) -> frozenset[str]:
    """Every identifier-shaped word of every string literal in the cell (f-string parts included).

    Case-folded: SQL identifiers are not case-sensitive (`myTable` is `mytable`).
    """
    words: set[str] = set()
    for node in walk((cell.node,)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words.update(word.casefold() for word in _WORD.findall(node.value))
    return frozenset(words)


@dataclass(frozen=True)
class SqlNames(Fact):
    """Per cell that runs SQL, the words of its SQL; and all of them, notebook-wide."""

    by_cell: dict[int, frozenset[str]]  # case-folded words, keyed by id(cell)
    words: frozenset[str]  # all of them

    @classmethod
    def compute(cls, notebook: Notebook) -> SqlNames:
        by_cell = {id(cell): _string_words(cell) for cell in notebook.cells if cell.scope.uses_sql}
        words = frozenset().union(*by_cell.values()) if by_cell else frozenset()
        return cls(by_cell, words)

    def in_cell(self, cell: Cell, name: str) -> bool:
        """Whether the SQL of `cell` may name `name` (never, for a cell that runs no SQL)."""
        words = self.by_cell.get(id(cell))
        return words is not None and name.casefold() in words

    def anywhere(self, name: str) -> bool:
        """Whether the SQL of any cell may name `name`."""
        return name.casefold() in self.words
