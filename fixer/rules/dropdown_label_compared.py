"""NB020 dropdown-label-compared."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from nbfix.diagnostics import Applicability, Diagnostic, Severity
from nbfix.notebook import Cell, Notebook
from nbfix.rewrite import cell_fix, lazy_codemod, node_position
from nbfix.rules import Example, Rule, register, sometimes
from nbfix.semantic.bindings import BindingKind, CellBindings
from nbfix.semantic.ui import UiElements, visible_nodes

_CHOICE_KINDS = frozenset({"dropdown", "radio"})
# Option values that can never equal a string: numbers, containers, functions.
_NOT_STRINGS = (ast.Lambda, ast.List, ast.Tuple, ast.Set, ast.Dict, ast.ListComp, ast.SetComp, ast.DictComp)
# A longer label or value is cut in messages.
_TEXT_WIDTH = 16


@dataclass(frozen=True, eq=False)  # one per element: compared and hashed by identity
class _Options:
    """A dropdown's or radio's literal `options={label: value}`."""

    name: str
    values: dict[str, ast.expr]  # label -> the value expression

    def mistaken_label(self, text: str) -> ast.expr | None:
        """The value of `text` when it is a label and no value can equal it."""
        if text not in self.values:
            return None
        for value in self.values.values():
            if isinstance(value, ast.Constant) and value.value == text:
                return None
        return self.values[text]


def _literal_options(call: ast.Call, elements: UiElements) -> dict[str, ast.expr] | None:
    """`options=` (or the first argument) as label -> value, when it is a dict literal whose labels
    are strings and whose values are each a constant or something that is never a string."""
    options = next((k.value for k in call.keywords if k.arg == "options"), None)
    if options is None and call.args and not isinstance(call.args[0], ast.Starred):
        options = call.args[0]
    if not isinstance(options, ast.Dict):
        return None
    found: dict[str, ast.expr] = {}
    for key, value in zip(options.keys, options.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        never_string = isinstance(value, _NOT_STRINGS) or elements.imports.qualify(value) is not None
        if not (isinstance(value, ast.Constant) or never_string):
            return None
        found[key.value] = value
    return found


def _choices(elements: UiElements) -> dict[str, _Options]:
    """The dropdowns and radios bound to a name, with literal options, by name."""
    found: dict[str, _Options] = {}
    for name, creation in elements.creations.items():
        if creation.kinds <= _CHOICE_KINDS and len(creation.calls) == 1:
            values = _literal_options(creation.calls[0], elements)
            if values:
                found[name] = _Options(name, values)
    return found


def _value_of(node: ast.expr, choices: dict[str, _Options], hidden: frozenset[str]) -> _Options | None:
    """The options of the element whose `.value` the expression reads directly (`choice.value`)."""
    if (
        isinstance(node, ast.Attribute)
        and node.attr == "value"
        and isinstance(node.value, ast.Name)
        and node.value.id not in hidden
    ):
        return choices.get(node.value.id)
    return None


def _aliases(code: CellBindings, cell: Cell, choices: dict[str, _Options]) -> dict[str, _Options]:
    """Names that hold nothing but one element's `.value` where the cell reads them: `mode = choice.value`.

    The cell's own bindings of a name when it binds it, else every other cell's.
    """
    found: dict[str, _Options] = {}
    own = code.bindings(cell)
    for name in own.keys() | cell.refs:
        bindings = own[name] if name in own else code.bindings_elsewhere(cell, name)
        sources = {
            _value_of(b.value, choices, frozenset()) if b.kind is BindingKind.VALUE and b.value else None
            for b in bindings or ()
        }
        if len(sources) == 1 and None not in sources:
            found[name] = sources.pop()  # type: ignore[assignment]
    return found


def _compared(node: ast.AST) -> Iterator[tuple[ast.expr, ast.Constant]]:
    """(what is compared, a string it is compared with) for `==`, `!=`, `in`, `not in`."""
    if not isinstance(node, ast.Compare):
        return
    operands = [node.left, *node.comparators]
    for left, op, right in zip(operands, node.ops, operands[1:], strict=False):
        if isinstance(op, (ast.Eq, ast.NotEq)):
            for subject, other in ((left, right), (right, left)):
                if isinstance(other, ast.Constant) and isinstance(other.value, str):
                    yield subject, other
        elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
            for item in right.elts:
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    yield left, item


def _matched(node: ast.AST) -> Iterator[tuple[ast.expr, ast.Constant]]:
    """(the subject, a string pattern) for each `case "label":` (also in `|` patterns) of a `match`."""
    if not isinstance(node, ast.Match):
        return
    for case in node.cases:
        patterns = [case.pattern]
        while patterns:
            pattern = patterns.pop()
            if isinstance(pattern, ast.MatchOr):
                patterns.extend(pattern.patterns)
            elif isinstance(pattern, ast.MatchAs) and pattern.pattern is not None:
                patterns.append(pattern.pattern)
            elif (
                isinstance(pattern, ast.MatchValue)
                and isinstance(pattern.value, ast.Constant)
                and isinstance(pattern.value.value, str)
            ):
                yield node.subject, pattern.value


def _short(text: str) -> str:
    return text if len(text) <= _TEXT_WIDTH else text[: _TEXT_WIDTH - 3] + "..."


@register
class DropdownLabelCompared(Rule):
    """
    ## What it does
    Finds the `.value` of a `mo.ui.dropdown` or `mo.ui.radio` built with a
    literal dict of options, `options={label: value}`, compared (`==`,
    `!=`, `in`, `not in`, a `match` case) with a string that is one of the
    labels and none of the values. Also through a name that holds the
    `.value` (`mode = device.value`).

    ## Why is this bad?
    With a dict of options, the labels are what the person sees and
    `.value` is the value of the chosen label, never the label itself. The
    comparison is always false (always true with `!=`), so the branch the
    author wrote for that option never runs.

    ## Example
    ```python
    device = mo.ui.dropdown(options={"both": "CPU vs GPU", "gpu": "GPU only"}, value="both")
    ```
    and in another cell:
    ```python
    if device.value == "both":
        run_on_cpu()
    ```
    Use instead:
    ```python
    if device.value == "CPU vs GPU":
        run_on_cpu()
    ```
    (or compare `device.selected_key` with the label, for a dropdown).

    ## Fix safety
    Safe: the string is replaced by the label's value as the options dict
    writes it, which is what `.value` holds when that label is chosen, so the
    comparison now does what the author meant. Only a string or number value
    is written in; a label whose value is anything else (a function, a
    list, `None`, `True`) is reported without a fix. The rule is silent when
    some value could be a string equal to the label without being written
    as one: a variable, a call, an f-string (a constant, a container, a
    lambda or an imported object such as `math.sin` is taken as written).

    ## Precision
    2026-12-03, on the 1,080 public notebooks of the ecosystem check: no
    hit. All 17 comparisons there with a literal-dict dropdown or radio
    compare with a value, and none is reported; precision rests on the
    corpus cases and their clean look-alikes. See `docs/precision/NB020.md`.
    """

    code = "NB020"
    name = "dropdown-label-compared"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    needs_text = (".value",)
    valid = (
        Example(
            "import marimo as mo\n# ---\n"
            'device = mo.ui.dropdown(options={"both": "CPU vs GPU", "gpu": "GPU"}, value="both")\n# ---\n'
            'both = device.value == "CPU vs GPU"\nlabel = device.selected_key == "both"'
        ),
        Example(
            "import marimo as mo\n# ---\n"
            'device = mo.ui.radio(options={"cpu": "cpu", "gpu": "cuda"}, value="cpu")\n# ---\n'
            'on_cpu = device.value == "cpu"'
        ),
    )
    invalid = (
        Example(
            "import marimo as mo\n# ---\n"
            'device = mo.ui.dropdown(options={"both": "CPU vs GPU", "gpu": "GPU"}, value="both")\n# ---\n'
            'both = device.value == "both"',
            "import marimo as mo\n# ---\n"
            'device = mo.ui.dropdown(options={"both": "CPU vs GPU", "gpu": "GPU"}, value="both")\n# ---\n'
            'both = device.value == "CPU vs GPU"',
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        elements = UiElements.of(notebook)
        choices = _choices(elements)
        if not choices:
            return
        for cell in notebook.cells:
            if not (cell.nodes.of(ast.Compare) or cell.nodes.of(ast.Match)):
                continue
            aliases = _aliases(elements.code, cell, choices)
            for node, hidden in visible_nodes(cell.body):
                for subject, literal in (*_compared(node), *_matched(node)):
                    options, alias = _value_of(subject, choices, hidden), None
                    if options is None and isinstance(subject, ast.Name) and subject.id not in hidden:
                        options, alias = aliases.get(subject.id), subject.id
                    value = options.mistaken_label(literal.value) if options else None
                    if options and value is not None:
                        yield self._diagnostic(notebook, cell, options, alias, literal, value)

    def _diagnostic(
        self,
        notebook: Notebook,
        cell: Cell,
        options: _Options,
        alias: str | None,
        literal: ast.Constant,
        value: ast.expr,
    ) -> Diagnostic:
        label, element = _short(literal.value), _short(options.name)
        if alias is None:
            message = f'`{element}.value` is compared with "{label}", a label of its options, not a value'
        else:
            message = f'`{_short(alias)}` is compared with "{label}", a label of `{element}`, not a value'
        fix = None
        if isinstance(value, ast.Constant) and type(value.value) in (str, int, float):
            span = notebook.index.node_span(value)
            text = notebook.index.data[span.start : span.end].decode("utf-8")
            codemod = lazy_codemod(
                "replace_literal",
                "replace_literals",
                {node_position(notebook, cell, literal): (literal.value, text)},
            )
            title = f"Replace the label with its value {_short(text)}"
            fix = cell_fix(notebook, cell, codemod, Applicability.SAFE, title)
        return self.diagnostic(message, notebook.index.node_span(literal), fix)
