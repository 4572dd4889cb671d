"""The semantic model: the facts about a notebook that rules share.

A rule stays small when what it needs to know (which import binds `mo`, which
expressions are output, which names hold UI elements, where CUDA work
happens) is computed once, in one place, and asked for by name, as Ruff's
`SemanticModel` and libcst's metadata providers do. Each module here holds
one kind of fact as a `Fact` subclass; `Kind.of(notebook)` computes it the
first time a rule asks and caches it on that notebook (`Notebook.facts`),
never in a module global, so two notebooks never share an answer and a
notebook's facts go when it goes.

Rules import the rule API and the facts they use, never another rule; the
engine imports no rule. When two rules need the same helper, it belongs here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from nbfix.notebook import Notebook

F = TypeVar("F", bound="Fact")


class Fact:
    """One kind of fact about a notebook, computed lazily and once per notebook."""

    @classmethod
    def of(cls: type[F], notebook: Notebook) -> F:
        cache = notebook.facts
        found = cache.get(cls)
        if found is None:
            found = cache[cls] = cls.compute(notebook)
        return found  # type: ignore[return-value]

    @classmethod
    def compute(cls: type[F], notebook: Notebook) -> F:
        raise NotImplementedError
