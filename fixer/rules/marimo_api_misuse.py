"""NB019 marimo-api-misuse."""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from nbfix.diagnostics import Diagnostic, Severity
from nbfix.messages import listing
from nbfix.nodes import dotted_name
from nbfix.notebook import Cell, CellKind, Notebook
from nbfix.rules import NO_FIX, Example, Rule, register
from nbfix.semantic.marimo_api import Bound, MarimoApi

# What a literal check reports: the message and the node it points at.
Finding = tuple[str, ast.AST]


@dataclass(frozen=True)
class CheckedCall:
    """A call of a marimo API, as the literal checks see it."""

    label: str  # the callee as written: "mo.ui.refresh"
    bound: Bound
    api: MarimoApi
    cell: Cell


ValueCheck = Callable[[CheckedCall], Iterator[Finding]]

# marimo's frontend refuses a refresh interval under this many seconds (`mo.ui.refresh`).
_MIN_INTERVAL = 0.1
# The units of the time strings marimo's frontend parses (the `timestring` package), in seconds.
_DAY = 24 * 3600
_UNIT_SECONDS = {
    **dict.fromkeys(("ms", "milli", "millisecond", "milliseconds"), 0.001),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), _DAY),
    **dict.fromkeys(("w", "week", "weeks"), 7 * _DAY),
    **dict.fromkeys(("mon", "mth", "mths", "month", "months"), 365.25 / 12 * _DAY),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), 365.25 * _DAY),
}
# Builtins whose result has no `len()`: a progress bar over one needs `total=`.
_UNSIZED_BUILTINS = frozenset({"enumerate", "zip", "map", "filter", "iter", "reversed"})
_NOT_A_LITERAL = object()


def _literal(node: ast.AST | None) -> object:
    """The value of a literal expression; `_NOT_A_LITERAL` for anything else."""
    if node is None:
        return _NOT_A_LITERAL
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _NOT_A_LITERAL


# Messages stay within 100 characters: what comes from the notebook is cut to these lengths.
MAX_MESSAGE = 100
_MAX_SHOWN = 16
_MAX_LABEL = 24


def _clip(text: str, limit: int = _MAX_SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _show(value: object) -> str:
    """A literal as a message quotes it: "`'Off'`"."""
    return f"`{_clip(repr(value))}`"


def _is_none(node: ast.AST | None) -> bool:
    return node is None or (isinstance(node, ast.Constant) and node.value is None)


def callee_label(dotted: str) -> str:
    """How a message names the callee: as written, or its last two parts when that is long."""
    if len(dotted) > _MAX_LABEL:
        dotted = ".".join(dotted.split(".")[-2:])
    return _clip(dotted, _MAX_LABEL)


def _names(names: tuple[str, ...], shown: int) -> str:
    return listing([f"`{_clip(name)}`" for name in names], limit=shown)


# -- mo.ui.refresh --------------------------------------------------------------------
def timestring_seconds(text: str) -> float | None:
    """The seconds marimo's frontend reads from a refresh interval string; None where it refuses it.

    A port of the `timestring` function marimo's frontend bundles: a string of
    digits is taken as milliseconds; otherwise every `<number><unit>` in it is
    added up (signs are ignored), and a unit it does not know, or no such pair,
    is an error. A number it cannot read ("1.2.3s") gives NaN, which passes.
    """
    if re.fullmatch(r"[-+]?[0-9.]+", text):
        leading = re.match(r"[-+]?[0-9]+", text)
        text = f"{int(leading.group())}ms" if leading else "NaNms"
    cleaned = re.sub(r"[^.\w+-]+", "", text.lower(), flags=re.ASCII)
    pairs = re.findall(r"[-+]?[0-9.]+[a-z]+", cleaned)
    if not pairs:
        return None
    total = 0.0
    for pair in pairs:
        number = re.search(r"[0-9.]+", pair).group()  # type: ignore[union-attr]
        factor = _UNIT_SECONDS.get(re.search(r"[a-z]+", pair).group())  # type: ignore[union-attr]
        if factor is None:
            return None
        try:
            total += float(number) * factor
        except ValueError:
            return math.nan
    return total


def interval_problem(value: object) -> str | None:
    """Why marimo's frontend refuses a refresh interval (a number of seconds or a time string), if it does."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return "is neither a number nor a time string"
    if isinstance(value, str):
        seconds = timestring_seconds(value)
        if seconds is None:
            return "is neither a number nor a time string"
        if seconds < _MIN_INTERVAL and re.fullmatch(r"[-+]?[0-9.]+", value):
            return "is a string of digits, read as milliseconds"
    else:
        seconds = value
    if seconds < _MIN_INTERVAL:
        return f"is under marimo's minimum of {_MIN_INTERVAL} seconds"
    return None


def _refresh(call: CheckedCall) -> Iterator[Finding]:
    label = call.label
    options_node = call.bound.arguments.get("options")
    default_node = call.bound.arguments.get("default_interval")
    options = _literal(options_node)
    if options_node is not None and options not in (_NOT_A_LITERAL, None) and not isinstance(options, list):
        yield f"`{label}` options are a {type(options).__name__}, not a list", options_node
        return
    default = _literal(default_node)
    if default_node is not None and default not in (_NOT_A_LITERAL, None):
        problem = interval_problem(default)
        if problem is not None:
            yield f"`{label}` interval {_show(default)} {problem}", default_node
            return
    if not isinstance(options_node, ast.List):
        return
    values = [_literal(element) for element in options_node.elts]
    for element, value in zip(options_node.elts, values, strict=True):
        problem = None if value is _NOT_A_LITERAL else interval_problem(value)
        if problem is not None:
            yield f"`{label}` interval {_show(value)} {problem}", element
    # marimo compares a truthy default with options given as a non-empty list.
    checked = default_node is not None and default is not _NOT_A_LITERAL and bool(default)
    if checked and values and _NOT_A_LITERAL not in values and default not in values:
        yield f"`{label}` default interval {_show(default)} is not one of its options", default_node


# -- mo.status.progress_bar ----------------------------------------------------------
def _progress_bar(call: CheckedCall) -> Iterator[Finding]:
    bound = call.bound
    collection = bound.arguments.get("collection")
    if not bound.complete or not _is_none(bound.arguments.get("total")):
        return
    if _is_none(collection):
        yield f"`{call.label}` has neither a collection nor `total=`", bound.call
    elif collection is not None and _is_unsized(collection, call):
        yield f"`{call.label}` collection has no length and there is no `total=`", collection


def _is_unsized(node: ast.expr, call: CheckedCall) -> bool:
    """A generator expression, or a call of a builtin that makes an iterator (not rebound)."""
    if isinstance(node, ast.GeneratorExp):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _UNSIZED_BUILTINS
        and node.func.id not in call.api.imports.bindings
        and call.api.sees_global(node.func, call.cell)
    )


# -- value= among literal options (dropdown, radio, multiselect) ----------------------
def _option_literals(node: ast.AST | None) -> tuple[bool, list[object]] | None:
    """(whether a dict, its keys or items) of literal options; None if any is not a literal."""
    if isinstance(node, ast.Dict):
        keys = [_literal(key) for key in node.keys]
    elif isinstance(node, (ast.List, ast.Tuple)):
        keys = [_literal(element) for element in node.elts]
    else:
        return None
    if _NOT_A_LITERAL in keys:
        return None
    return isinstance(node, ast.Dict), keys


def _option_name(option: object) -> str:
    """How marimo names a dropdown or multiselect option given in a list: a string as is, else its repr."""
    return option if isinstance(option, str) else repr(option)


def _option_names(bound: Bound, *, named: bool) -> tuple[bool, set[object]] | None:
    found = _option_literals(bound.arguments.get("options"))
    if found is None:
        return None
    is_dict, options = found
    names = options if is_dict or not named else [_option_name(o) for o in options]
    try:
        unique = set(names)
    except TypeError:
        return None
    if not is_dict and len(unique) != len(names):  # marimo refuses repeated options first
        return None
    return is_dict, unique


def _not_an_option(label: str, value: object, is_dict: bool) -> str:
    where = "a key of its `options` dict" if is_dict else "one of its options"
    return f"`{label}` value {_show(value)} is not {where}"


@dataclass(frozen=True)
class _Choice:
    """A literal `value=` and the names its literal `options` offer."""

    node: ast.expr
    value: object
    is_dict: bool
    names: set[object]


def _choice(call: CheckedCall, *, named: bool) -> _Choice | None:
    node = call.bound.arguments.get("value")
    value = _literal(node)
    found = _option_names(call.bound, named=named)
    if node is None or value is _NOT_A_LITERAL or value is None or found is None:
        return None
    return _Choice(node, value, *found)


def _single_choice(call: CheckedCall, *, named: bool) -> Iterator[Finding]:
    choice = _choice(call, named=named)
    if choice is None:
        return
    value = choice.value
    key = value if choice.is_dict or not named or isinstance(value, str) else _option_name(value)
    try:
        known = key in choice.names
    except TypeError:
        return
    if not known:
        yield _not_an_option(call.label, value, choice.is_dict), choice.node


def _dropdown(call: CheckedCall) -> Iterator[Finding]:
    yield from _single_choice(call, named=True)


def _radio(call: CheckedCall) -> Iterator[Finding]:
    yield from _single_choice(call, named=False)


def _multiselect(call: CheckedCall) -> Iterator[Finding]:
    choice = _choice(call, named=True)
    if choice is None:
        return
    value = choice.value
    try:
        kept = value if choice.is_dict or isinstance(value, str) else map(_option_name, value)  # type: ignore[call-overload]
        missing = [item for item in list(kept) if item not in choice.names]
    except TypeError:
        return
    if missing and isinstance(value, str):
        yield f"`{call.label}` value {_show(value)} is a string: one option per character", choice.node
    elif missing:
        yield _not_an_option(call.label, missing[0], choice.is_dict), choice.node


# Each check runs only where the installed marimo's signature has the parameters it reads.
_VALUE_CHECKS: dict[str, tuple[tuple[str, ...], ValueCheck]] = {
    "marimo.ui.refresh": (("options", "default_interval"), _refresh),
    "marimo.status.progress_bar": (("collection", "total"), _progress_bar),
    "marimo.ui.dropdown": (("options", "value"), _dropdown),
    "marimo.ui.radio": (("options", "value"), _radio),
    "marimo.ui.multiselect": (("options", "value"), _multiselect),
}


def binding_findings(label: str, bound: Bound) -> Iterator[Finding]:
    """What Python's TypeError would say about the call, one finding per problem."""
    for keyword in bound.unknown_keywords:
        yield f"Unexpected keyword argument `{_clip(keyword.arg or '')}` for `{label}`", keyword
    for keyword in bound.bound_twice:
        yield f"`{label}` got multiple values for argument `{_clip(keyword.arg or '')}`", keyword
    if bound.extra_positional:
        capacity = bound.positional_capacity
        given = capacity + len(bound.extra_positional)
        taken = f"{capacity} positional argument{'s' if capacity != 1 else ''}"
        yield f"`{label}` takes {taken} but {given} were given", bound.extra_positional[0]
    if bound.missing:
        plural = "s" if len(bound.missing) > 1 else ""
        for shown in (3, 2, 1):
            message = f"`{label}` is missing required argument{plural} {_names(bound.missing, shown)}"
            if len(message) <= MAX_MESSAGE:
                break
        yield message, bound.call


@register
class MarimoApiMisuse(Rule):
    """
    ## What it does
    Checks each call of a marimo API (`mo.ui.slider(...)`, `mo.md(...)`,
    `mo.status.progress_bar(...)`, through any alias of marimo) against the
    signature of the marimo that is installed, and reports what marimo
    rejects when the cell runs:

    - an unknown keyword argument, a missing required argument, too many
      positional arguments, an argument given twice (Python's `TypeError`);
    - a `mo.ui.refresh` interval (in `options=` or `default_interval=`) that
      is neither a number of seconds (at least 0.1) nor a time string such as
      `"5s"` or `"1m 30s"` (`"Off"` is refused: the "off" choice is built in),
      a string of digits (read as milliseconds), options that are not a list,
      or a `default_interval` that is not one of the options;
    - `mo.status.progress_bar(...)` with neither a collection nor `total=`
      (`ValueError`), or over a generator or iterator, which has no length,
      without `total=` (`TypeError`);
    - a literal `value=` of `mo.ui.dropdown`, `mo.ui.radio` or
      `mo.ui.multiselect` that is not among its literal `options`; for a
      dict, `value=` names a key (the label shown), not a value.

    The signatures are read from the installed marimo (see
    `nbfix.semantic.marimo_api`), so the rule follows marimo's releases;
    without marimo it reports nothing. Calls with `*args` or `**kwargs` are
    only checked for what they cannot change (an unknown keyword written out).

    ## Why is this bad?
    Each of these raises (or, for a refresh interval, makes the element show
    an error instead of itself) the first time the cell runs.

    ## Example
    ```python
    refresh = mo.ui.refresh(lambda: None, options=["Off", "5s"], default_interval="5s")
    with mo.status.progress_bar(title="Training") as bar:
        ...
    ```
    Use instead:
    ```python
    refresh = mo.ui.refresh(options=["5s", "10s"], default_interval="5s")
    with mo.status.progress_bar(total=epochs, title="Training") as bar:
        ...
    ```

    ## Fix safety
    No fix. The installed marimo's source shows no keyword renamed with a
    deprecation mapping, which is the only change a fix could make without
    guessing; everything else needs the author's intent.

    ## Known limits
    The installed marimo is the one nbfix runs with: a notebook pinned to
    another marimo (a PEP 723 sandbox) is checked against this one. A call
    through a name some cell rebinds (a parameter `mo`, `import numpy as mo`)
    is not checked.

    ## Precision
    2026-12-03, marimo 0.25.2: no hit on the 1,080 ecosystem notebooks (8,774
    calls of marimo APIs checked), so no figure; every corpus case (22
    diagnostics) is a call that marimo rejects, checked by running it, and the
    clean look-alikes raise nothing. See docs/precision/NB019.md.
    """

    code = "NB019"
    name = "marimo-api-misuse"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    valid = (
        Example(
            "import marimo as mo\n# ---\n"
            'refresh = mo.ui.refresh(options=[2, "5s", "1m 30s"], default_interval=2)\n'
            'choice = mo.ui.dropdown({"One": 1, "Two": 2}, value="One", label="n")'
        ),
        Example(
            "import marimo as mo\n# ---\n"
            "def slider(**kwargs):\n    return mo.ui.slider(**kwargs)\n"
            "with mo.status.progress_bar(total=3) as bar:\n    bar.update()"
        ),
    )
    invalid = (
        Example(
            "import marimo as mo\n# ---\n"
            "refresh = mo.ui.refresh(lambda: None, options=[2, 5, 10], default_interval=5)"
        ),
        Example("import marimo as mo\n# ---\nwith mo.status.progress_bar(title='Training'):\n    pass"),
        Example("import marimo as mo\n# ---\nchoice = mo.ui.dropdown({'One': 1, 'Two': 2}, value=1)"),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        api = MarimoApi.of(notebook)
        if not api.table:
            return
        for cell in notebook.cells:
            if cell.kind is CellKind.UNPARSABLE:
                continue
            for call in cell.nodes.of(ast.Call):
                found = api.callee(call, cell)
                if found is None:
                    continue
                qualified, signature = found
                label = callee_label(dotted_name(call.func) or qualified)
                bound = signature.bind(call)
                findings = binding_findings(label, bound)
                value_check = _VALUE_CHECKS.get(qualified)
                if not bound.fails and value_check is not None and signature.has(*value_check[0]):
                    findings = value_check[1](CheckedCall(label, bound, api, cell))
                for message, node in findings:
                    yield self.diagnostic(message, notebook.index.node_span(node))


__all__ = ["MarimoApiMisuse"]
