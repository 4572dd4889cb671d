"""Each rule's docstring examples are its first tests: VALID raise nothing, INVALID raise and fix."""

from __future__ import annotations

import pytest
from notebooks import wrap_cells

from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import Rule, all_rules, check

RULE_CLASSES = list(all_rules().values())


def _examples(kind: str) -> list[tuple[type[Rule], int]]:
    return [(rule, i) for rule in RULE_CLASSES for i in range(len(getattr(rule, kind)))]


def _id(param: tuple[type[Rule], int]) -> str:
    return f"{param[0].code}-{param[1]}"


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=lambda r: r.code)
def test_rule_is_documented_in_ruffs_shape(rule: type[Rule]) -> None:
    doc = rule.documentation()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert heading in doc
    assert rule.valid and rule.invalid, "every rule ships examples of both kinds"


@pytest.mark.parametrize("param", _examples("valid"), ids=_id)
def test_valid_example_raises_nothing(param: tuple[type[Rule], int]) -> None:
    rule, index = param
    example = rule.valid[index]
    notebook = Notebook.parse(wrap_cells(example.source), example.path)
    assert check(notebook, [rule()]) == []


@pytest.mark.parametrize("param", _examples("invalid"), ids=_id)
def test_invalid_example_raises_and_fixes(param: tuple[type[Rule], int]) -> None:
    rule, index = param
    example = rule.invalid[index]
    notebook = Notebook.parse(wrap_cells(example.source), example.path)
    assert [d.code for d in check(notebook, [rule()])], "the invalid example raises nothing"
    outcome = fix_notebook(notebook, [rule()])
    if example.fixed is None:
        assert not outcome.changed
    else:
        assert outcome.notebook.text == wrap_cells(example.fixed)
