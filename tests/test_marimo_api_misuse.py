"""NB019 marimo-api-misuse and the fact it stands on (`nbfix.semantic.marimo_api`).

The rule's verdicts are checked against marimo itself wherever marimo decides at
run time in Python: a call is bound by the real `inspect.Signature.bind`, a
snippet is run with the real marimo. What marimo's frontend decides (a refresh
interval) is checked against the behaviour of the code it bundles, as read.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import subprocess
import sys
import textwrap

import marimo
import pytest
from notebooks import make_notebook

from nbfix.cache import settings_key
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.rules.marimo_api_misuse import (
    MAX_MESSAGE,
    MarimoApiMisuse,
    binding_findings,
    callee_label,
    interval_problem,
    timestring_seconds,
)
from nbfix.semantic import installation, marimo_api
from nbfix.semantic.marimo_api import (
    KEYWORD_ONLY,
    POSITIONAL_ONLY,
    POSITIONAL_OR_KEYWORD,
    VAR_KEYWORD,
    VAR_POSITIONAL,
    Parameter,
    Signature,
)


def messages(*bodies: str) -> list[str]:
    notebook = Notebook.parse(make_notebook(["import marimo as mo", *bodies]))
    return [d.message for d in check(notebook, [MarimoApiMisuse()])]


def target(qualified: str) -> object:
    found: object = marimo
    for part in qualified.split(".")[1:]:
        found = getattr(found, part)
    return found


def python_rejects(qualified: str, call: ast.Call) -> bool:
    """Whether Python raises TypeError binding this call's arguments to the real callable."""
    args = [object() for _ in call.args]
    kwargs = {k.arg: object() for k in call.keywords if k.arg}
    try:
        inspect.signature(target(qualified)).bind(*args, **kwargs)  # type: ignore[arg-type]
    except TypeError:
        return True
    return False


# -- the table -----------------------------------------------------------------------
def test_the_table_holds_the_installed_signatures() -> None:
    table = marimo_api.load_table()
    assert {"marimo.md", "marimo.ui.slider", "marimo.ui.refresh", "marimo.status.progress_bar"} <= set(table)
    assert "marimo.ui.slider.from_series" in table
    for name in ("marimo.md", "marimo.ui.refresh", "marimo.status.progress_bar", "marimo.ui.dropdown"):
        real = inspect.signature(target(name))  # type: ignore[arg-type]
        empty = inspect.Parameter.empty
        expected = tuple(Parameter(p.name, int(p.kind), p.default is empty) for p in real.parameters.values())
        assert table[name].parameters == expected


def _call_shapes(signature: Signature) -> list[str]:
    """Positional counts around the limit, each keyword, a bogus keyword, and nothing at all."""
    names = [p.name for p in signature.parameters if p.kind in (POSITIONAL_OR_KEYWORD, KEYWORD_ONLY)]
    shapes = [", ".join(["1"] * n) for n in range(4)]
    shapes += [f"{name}=1" for name in names[:6]]
    shapes += ["lable=1", "1, " + (f"{names[0]}=1" if names else "x=1")]
    return shapes


def test_binding_agrees_with_python_on_every_api() -> None:
    table = marimo_api.load_table()
    checked = 0
    for qualified, signature in table.items():
        for arguments in _call_shapes(signature):
            call = ast.parse(f"f({arguments})", mode="eval").body
            assert isinstance(call, ast.Call)
            bound = signature.bind(call)
            assert bound.fails == python_rejects(qualified, call), f"{qualified}({arguments})"
            checked += 1
    assert checked > 500


def test_binding_with_unpacked_arguments_reports_only_what_they_cannot_change() -> None:
    refresh = marimo_api.load_table()["marimo.ui.refresh"]
    bound = refresh.bind(ast.parse("f(*args, lable=1)", mode="eval").body)  # type: ignore[arg-type]
    assert not bound.complete and [k.arg for k in bound.unknown_keywords] == ["lable"] and not bound.missing
    dropdown = marimo_api.load_table()["marimo.ui.dropdown"]
    bound = dropdown.bind(ast.parse("f(**settings)", mode="eval").body)  # type: ignore[arg-type]
    assert not bound.fails and not bound.complete


def test_positional_only_and_variadic_parameters() -> None:
    signature = Signature(
        (
            Parameter("a", POSITIONAL_ONLY, True),
            Parameter("rest", VAR_POSITIONAL, False),
            Parameter("b", KEYWORD_ONLY, True),
        )
    )
    bound = signature.bind(ast.parse("f(1, 2, 3, a=1, b=2)", mode="eval").body)  # type: ignore[arg-type]
    assert [k.arg for k in bound.unknown_keywords] == ["a"] and not bound.extra_positional
    bound = signature.bind(ast.parse("f(1)", mode="eval").body)  # type: ignore[arg-type]
    assert bound.missing == ("b",)
    anything = Signature((Parameter("kw", VAR_KEYWORD, False),))
    assert not anything.bind(ast.parse("f(a=1, kw=2)", mode="eval").body).fails  # type: ignore[arg-type]


# -- the cache of the table --------------------------------------------------------
@pytest.fixture
def fresh_table(monkeypatch: pytest.MonkeyPatch, tmp_path):
    """The table's process-wide memo cleared, and its cache file in a temporary folder."""
    monkeypatch.setattr(marimo_api, "user_cache_directory", lambda: tmp_path / "nbfix")
    marimo_api.load_table.cache_clear()
    marimo_api.installation_key.cache_clear()
    yield tmp_path / "nbfix"
    marimo_api.load_table.cache_clear()
    marimo_api.installation_key.cache_clear()


def test_a_cold_start_introspects_once_and_writes_the_file(fresh_table) -> None:
    table = marimo_api.load_table()
    [written] = fresh_table.glob("marimo-api-*.json")
    payload = json.loads(written.read_text(encoding="utf-8"))
    assert payload["marimo"] == marimo.__version__ and payload["schema"] == marimo_api.SCHEMA
    assert set(payload["signatures"]) == set(table)


def test_a_damaged_file_is_introspected_again(fresh_table) -> None:
    fresh_table.mkdir()
    marimo_api.table_path().write_text('{"schema": 1, "signatures": {"marimo.md": [["text", 9, true]]}}')
    assert "marimo.ui.slider" in marimo_api.load_table()
    assert "marimo.ui.slider" in json.loads(marimo_api.table_path().read_text())["signatures"]


def test_an_unwritable_cache_folder_still_gives_the_table(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(marimo_api, "user_cache_directory", lambda: blocker / "nbfix")
    marimo_api.load_table.cache_clear()
    try:
        assert "marimo.md" in marimo_api.load_table()
    finally:
        marimo_api.load_table.cache_clear()


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME places the cache on Linux")
def test_a_warm_check_never_imports_marimo(tmp_path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    code = textwrap.dedent(
        """
        import sys
        from nbfix.semantic.marimo_api import load_table
        table = load_table()
        print(len(table), "marimo" in sys.modules)
        """
    )
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    size = cold.stdout.split()[0]
    assert cold.stdout.split() == [size, "True"]
    assert warm.stdout.split() == [size, "False"]


def test_without_marimo_the_rule_is_silent(fresh_table, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(installation, "marimo_location", lambda: None)
    assert marimo_api.installation_key() == "none"
    assert marimo_api.load_table() == {}
    assert messages('mo.ui.slider(1, 10, lable="x")') == []


def test_the_results_cache_key_follows_the_installed_marimo(monkeypatch: pytest.MonkeyPatch) -> None:
    before = settings_key({"select": ["NB019"]})
    monkeypatch.setattr("nbfix.cache.installation_key", lambda: "another-marimo")
    assert settings_key({"select": ["NB019"]}) != before


# -- what the rule reports -----------------------------------------------------------
def test_the_real_shapes() -> None:
    assert messages("r = mo.ui.refresh(lambda: ..., options=[2, 5, 10], default_interval=5)") == [
        "`mo.ui.refresh` got multiple values for argument `options`"
    ]
    assert messages('r = mo.ui.refresh(options=["Off", "5s"], default_interval="5s")') == [
        "`mo.ui.refresh` interval `'Off'` is neither a number nor a time string"
    ]
    assert messages('with mo.status.progress_bar(title="Train", subtitle="epoch"):\n    pass') == [
        "`mo.status.progress_bar` has neither a collection nor `total=`"
    ]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("5s", 5),
        ("1m 30s", 90),
        ("100ms", 0.1),
        ("1.5h", 5400),
        ("2 seconds", 2),
        ("-5s", 5),  # the sign is dropped
        ("5", 0.005),  # digits alone are milliseconds
        ("500", 0.5),
        ("Off", None),
        ("off", None),
        ("2x", None),
        ("", None),
        (".5", None),  # parseInt(".5") is NaN
    ],
)
def test_time_strings_read_as_marimo_frontend_reads_them(text: str, seconds: float | None) -> None:
    result = timestring_seconds(text)
    assert result == pytest.approx(seconds) if seconds is not None else result is None


@pytest.mark.parametrize(
    ("value", "refused"),
    [(2, False), (0.1, False), (0.05, True), (0, True), (True, True)]
    + [("1m", False), ("50ms", True), ("7", True), ("Off", True)],
)
def test_intervals(value: object, refused: bool) -> None:
    assert (interval_problem(value) is not None) == refused


# Calls whose fate marimo decides in Python, when the element is made: the rule must agree.
RUNTIME_CASES = [
    'mo.ui.dropdown({"One": 1, "Two": 2}, value=1)',
    'mo.ui.dropdown({"One": 1, "Two": 2}, value="One")',
    "mo.ui.dropdown([1, 2, 3], value=2)",
    'mo.ui.dropdown([1, 2, 3], value="2")',
    'mo.ui.dropdown([1, 2, 3], value="4")',
    "mo.ui.dropdown([1.0, 2.0], value=1)",
    'mo.ui.dropdown(["a", "b"], value=None)',
    'mo.ui.radio(["a", "b"], value="c")',
    "mo.ui.radio([1, 2], value=1)",
    'mo.ui.radio([1, 2], value="1")',
    'mo.ui.radio({"A": 1}, value="A")',
    'mo.ui.multiselect(["a", "b"], value=["a", "c"])',
    'mo.ui.multiselect(["a", "b"], value="a")',
    'mo.ui.multiselect(["ab", "b"], value="ab")',
    "mo.ui.multiselect([1, 2], value=[1])",
    'mo.ui.multiselect({"A": 1}, value=["A"])',
    'mo.ui.multiselect({"A": 1}, value=[1])',
    'mo.ui.refresh(options=["1s", "5s"], default_interval="10s")',
    'mo.ui.refresh(options=["1s", "5s"], default_interval="5s")',
    'mo.ui.refresh(options=("1s", "5s"))',
    "mo.ui.refresh(options=[2, 5], default_interval=5.0)",
    "mo.status.progress_bar(total=3)",
    "mo.status.progress_bar()",
    "mo.status.progress_bar(None, total=None)",
    "mo.status.progress_bar([1, 2])",
    "mo.status.progress_bar((x for x in range(3)))",
    "mo.status.progress_bar(zip([1], [2]))",
    "mo.status.progress_bar(enumerate([1]), total=1)",
    "mo.status.progress_bar(range(3))",
    'mo.md("a", "b")',
    'mo.ui.slider(1, 10, lable="x")',
    "mo.ui.dropdown()",
]


@pytest.mark.parametrize("snippet", RUNTIME_CASES)
def test_the_rule_agrees_with_marimo_at_run_time(snippet: str) -> None:
    try:
        eval(snippet, {"mo": marimo})
    except (TypeError, ValueError):
        raises = True
    else:
        raises = False
    assert bool(messages(f"_element = {snippet}")) == raises


def test_frontend_refusals_are_reported_where_python_accepts() -> None:
    found = messages('r = mo.ui.refresh(options=["Off", 0.05, "10"], default_interval=0.05)')
    assert found == ["`mo.ui.refresh` interval `0.05` is under marimo's minimum of 0.1 seconds"]
    found = messages('r = mo.ui.refresh(options=["Off", 0.05, "10", "1s"])')
    assert len(found) == 3


def test_a_dict_value_is_named_as_a_key() -> None:
    assert messages('d = mo.ui.dropdown({"Half": "float16"}, value="float16")') == [
        "`mo.ui.dropdown` value `'float16'` is not a key of its `options` dict"
    ]


def test_values_that_are_not_literals_are_left_alone() -> None:
    assert messages("options = ['a']\nchoice = 'b'", "d = mo.ui.dropdown(options, value=choice)") == []
    assert messages("d = mo.ui.dropdown(['a', *more], value='b')") == []
    assert messages("r = mo.ui.refresh(options=[interval, 'Off'], default_interval=interval)") == [
        "`mo.ui.refresh` interval `'Off'` is neither a number nor a time string"
    ]


# -- look-alikes ---------------------------------------------------------------------
def test_a_parameter_named_mo_silences_only_its_cell() -> None:
    assert messages("def render(mo):\n    return mo.md('a', 'b')", "t = mo.md('a', 'b')") == [
        "`mo.md` takes 1 positional argument but 2 were given"
    ]


def test_a_global_rebinding_silences_every_cell() -> None:
    notebook = Notebook.parse(
        make_notebook(["import marimo as mo", "import numpy as mo", "t = mo.md('a', 'b')"])
    )
    assert check(notebook, [MarimoApiMisuse()]) == []


def test_user_functions_named_like_marimo_apis() -> None:
    assert messages("def md(a, b):\n    return a\nt = md('a', 'b')") == []
    shadowed = "def enumerate(items):\n    return [1]\nbar = mo.status.progress_bar(enumerate([3]))"
    assert messages(shadowed) == []
    assert messages("import itertools\nbar = mo.status.progress_bar(itertools.count())") == []


def test_other_aliases_of_marimo() -> None:
    notebook = Notebook.parse(
        make_notebook(["import marimo as marimo_lib\nfrom marimo import ui", "s = ui.slider(lable=1)"])
    )
    assert [d.message for d in check(notebook, [MarimoApiMisuse()])] == [
        "Unexpected keyword argument `lable` for `ui.slider`"
    ]


# -- messages ------------------------------------------------------------------------
def test_messages_stay_short_however_long_the_names() -> None:
    long = "a_parameter_name_far_longer_than_any_real_one"
    signature = Signature(tuple(Parameter(f"{long}_{i}", POSITIONAL_OR_KEYWORD, True) for i in range(6)))
    call = ast.parse(f"f({long}=1, {long}_0=2, {long}_1=3)", mode="eval").body
    bound = signature.bind(call)  # type: ignore[arg-type]
    label = callee_label("marimo.ui.a_very_long_element_name_indeed.from_series")
    found = [message for message, _ in binding_findings(label, bound)]
    assert len(found) == 2 and all(len(message) <= MAX_MESSAGE for message in found), found
    long_values = messages(f"r = mo.ui.refresh(options=['{long}'], default_interval='{long}')")
    assert long_values and all(len(message) <= MAX_MESSAGE for message in long_values)


def test_the_rule_is_on_by_default_and_offers_no_fix() -> None:
    assert "NB019" in {rule.code for rule in select_rules()}
    notebook = Notebook.parse(make_notebook(["import marimo as mo", "s = mo.ui.slider(1, 10, lable='x')"]))
    assert [d.fix for d in check(notebook, [MarimoApiMisuse()])] == [None]


def test_calls_in_the_importing_cell_are_checked() -> None:
    notebook = Notebook.parse(make_notebook(["import marimo as mo\ntitle = mo.md('a', 'b')"]))
    assert [d.message for d in check(notebook, [MarimoApiMisuse()])] == [
        "`mo.md` takes 1 positional argument but 2 were given"
    ]


def test_names_bound_inside_a_cell_are_not_marimo() -> None:
    assert messages("texts = [mo.md('a', 'b') for mo in helpers]") == []
    assert messages("def helper():\n    mo = other\n    return mo.md('a', 'b')") == []
    # a cell defining `enumerate` shadows it for every cell
    shadowing = "def enumerate(items):\n    return [1]"
    assert messages(shadowing, "bar = mo.status.progress_bar(enumerate([3]))") == []
