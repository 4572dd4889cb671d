"""NB007 missing-f-prefix: the codemod on its own, the detection's edge cases, and properties."""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize
import warnings

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from notebooks import wrap_cells

from nbfix.codemods import Declined
from nbfix.codemods.add_f_prefix import add_f_prefix, f_prefixed, field_spans, split_literal
from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import check
from nbfix.rules.missing_f_prefix import MissingFPrefix, missing_fields


def cell(body: str, params: str = "", *, is_async: bool = False) -> str:
    header = "async def" if is_async else "def"
    return (
        f"@app.cell\n{header} _({params}):\n"
        + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ")
        + "\n    return\n"
    )


def string_positions(source: str) -> list[tuple[int, int]]:
    """(line, column) of every string token of `source`, as the codemod wants them."""
    tokens = tokenize.generate_tokens(io.StringIO(source, newline="").readline)
    return [token.start for token in tokens if token.type == tokenize.STRING]


# -- the codemod -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('"{x}"', 'f"{x}"'),
        ("'{x:.2f} and {y!r}'", "f'{x:.2f} and {y!r}'"),
        ('r"C:/{x}"', 'rf"C:/{x}"'),
        ('R"{x}"', 'Rf"{x}"'),
        ('u"{x}"', 'f"{x}"'),
        ('U"{x}"', 'f"{x}"'),
        ('"""\nvalue {x}\n"""', 'f"""\nvalue {x}\n"""'),
        ("\"{d['k']}\"", "f\"{d['k']}\""),
        ('"\\N{DEGREE SIGN} {x}"', 'f"\\N{DEGREE SIGN} {x}"'),
    ],
)
def test_prefix_forms(before: str, after: str) -> None:
    assert f_prefixed(before) == after


@pytest.mark.parametrize(
    "token",
    [
        'f"{x}"',  # already an f-string
        'b"{x}"',  # bytes cannot be f-strings
        'rb"{x}"',
        '"no fields"',
        '"{}"',  # not an expression
        '"{{x}}"',  # literal braces
        '"{x"',  # unmatched
        '"{d[\\"k\\"]}"',  # a backslash in a field: invalid before Python 3.12
        '"{x # note}"',  # a comment in a field
        '"""{d["k"]}"""',  # the literal's own quote in a field
        '"{a b}"',  # not an expression
    ],
)
def test_prefix_declines(token: str) -> None:
    with pytest.raises(Declined):
        f_prefixed(token)


def test_codemod_prefixes_only_the_named_strings() -> None:
    source = cell('a = "{x}"\nb = "{x}"  # kept\nprint(a, b)', "x")
    assert add_f_prefix(source, [(4, 8)]) == cell('a = "{x}"\nb = f"{x}"  # kept\nprint(a, b)', "x")


def test_codemod_implicit_concatenation_prefixes_only_its_parts() -> None:
    source = cell(
        'msg = (\n    "run {name}"  # shown\n    " | lr=0.1"\n    " | seed {seed}"\n)', "name, seed"
    )
    expected = cell(
        'msg = (\n    f"run {name}"  # shown\n    " | lr=0.1"\n    f" | seed {seed}"\n)', "name, seed"
    )
    assert add_f_prefix(source, [(4, 8), (6, 8)]) == expected


def test_codemod_parenthesized_string_keeps_its_parentheses() -> None:
    source = cell('print(("{x}"))', "x")
    assert add_f_prefix(source, [(3, 11)]) == cell('print((f"{x}"))', "x")


def test_codemod_columns_are_characters_not_bytes() -> None:
    source = cell('print("é", "ü{x}")', "x")
    assert add_f_prefix(source, [(3, 15)]) == cell('print("é", f"ü{x}")', "x")


def test_codemod_keeps_crlf_and_async_cells() -> None:
    source = cell('await sleep(0)\nprint("""\nnow {x}\n""")', "sleep, x", is_async=True).replace("\n", "\r\n")
    fixed = add_f_prefix(source, [(4, 10)])
    assert fixed == source.replace('print("""', 'print(f"""')
    assert "\r\n" in fixed and "\n" not in fixed.replace("\r\n", "")


def test_codemod_declines_a_position_without_a_string() -> None:
    with pytest.raises(Declined):
        add_f_prefix(cell('print("{x}")', "x"), [(3, 4)])


def test_codemod_declines_a_string_that_cannot_be_an_f_string() -> None:
    with pytest.raises(Declined):
        add_f_prefix(cell('print("{}")'), [(3, 10)])


@pytest.mark.parametrize(
    ("body", "raw", "spans"),
    [
        ("a {x} b {y}", False, [(2, 5), (8, 11)]),
        ("\\N{BULLET} {x}", False, [(11, 14)]),
        ("\\N{BULLET} {x}", True, [(2, 10), (11, 14)]),  # raw: `{BULLET}` is a field
        ("{{x}}", False, None),
        ("{a{b}}", False, None),
        ("}", False, None),
        ("{x\\n}", False, None),
        ("no braces", False, []),
    ],
)
def test_field_spans(body: str, raw: bool, spans: list[tuple[int, int]] | None) -> None:
    assert field_spans(body, raw=raw) == spans


def test_split_literal() -> None:
    assert split_literal('Rb"""a"""') == ("Rb", '"""', "a")
    assert split_literal("''") == ("", "'", "")
    with pytest.raises(ValueError):
        split_literal("name")


# -- detection -----------------------------------------------------------------------
def nb007(source: str) -> list[str]:
    """The messages NB007 raises on a notebook made of `# ---`-separated cell bodies."""
    notebook = Notebook.parse(wrap_cells(source))
    return [d.message for d in check(notebook, [MissingFPrefix()])]


def fixed(source: str) -> str:
    notebook = Notebook.parse(wrap_cells(source))
    return fix_notebook(notebook, [MissingFPrefix()]).notebook.text


REPORTED = {
    "print": 'loss = 0.5\nprint("loss {loss:.3f}")',
    "mo.md": 'import marimo as mo\nname = "Ada"\nmo.md("Hello **{name}**")',
    "mo.md then callout": 'import marimo as mo\nname = "Ada"\nmo.md("Hello {name}").callout()',
    "other cell": 'name = "Ada"\n# ---\nprint("Hello {name}")',
    "setup-like import": 'import math\nprint("pi is {math.pi:.2f}")',
    "nested function": 'def show(epoch):\n    print("epoch {epoch}")\nshow(1)',
    "method": 'class Run:\n    def show(self):\n        return "run {self}"\nRun().show()',
    "comprehension": 'labels = ["layer {i}" for i in range(3)]',
    "call through an alias": 'x = 1\nshow = print\nshow("x is {x}", end="\\n")',
    "conversion": 'x = 1\nprint("{x!r}")',
    "subscript": 'd = {"k": 1}\nprint("{d[\'k\']}")',
    "attribute": 'import types\nobj = types.SimpleNamespace(a=1)\nprint("{obj.a}")',
    "builtin call on a name": 'items = [1]\nprint("{len(items)} items")',
    "strftime spec": 'import datetime\nday = datetime.date(2024, 1, 1)\nprint("{day:%Y-%m-%d}")',
    "cell's last expression": 'x = 1\ny = 2\n"x is {x}"',
    "assert message": 'x = 1\nassert x, "x is {x}"',
    "exception message": 'x = 1\nerror = ValueError("bad value {x}")',
    "a name also used with an unrelated replace": (
        'epoch = 1\nlabel = "epoch {epoch}"\nprint(label.replace("_", " "))'
    ),
    "assigned, never formatted": 'x = 1\nmessage = "x is {x}"\nprint(message)',
    "plain method after": 'x = "a"\nprint("x is {x}".upper())',
    "unicode prefix": 'x = 1\nprint(u"{x}")',
    "with an f part": 'x = 1\ny = 2\nprint(f"{x} " "{y}")',
    "escape outside fields": 'x = 1\nprint("\\N{DEGREE SIGN} {x}\\n")',
    "a price is no math": 'n = 3\nprint("costs $5 for {n} items")',
    "after closed math": 'import marimo as mo\nn = 1\nmo.md("$x$ is {n}")',
    "between escaped dollars": 'import marimo as mo\nn = 1\nmo.md(r"\\$5 or \\$6 for {n}")',
}

NOT_REPORTED = {
    "unbound name": 'print("Hello {nobody}")',
    "builtin only": 'print("{len} and {id}")',
    "f-string": 'x = 1\nprint(f"{x}")',
    "bytes": 'x = 1\nprint(b"{x}")',
    "format on the literal": 'x = 1\nprint("{x}".format(x=2))',
    "format_map": 'x = 1\nprint("{x}".format_map({"x": 2}))',
    "format later, other cell": 'x = 1\nt = "{x}"\n# ---\nprint(t.format(x=2))',
    "format through a dict": 'x = 1\nT = {"a": "{x}"}\nfor k, v in T.items():\n    print(v.format(x=k))',
    "format through a list": 'x = 1\nT = ["{x}", "-{x}-"]\nprint([t.format(x=2) for t in T])',
    "format in a function": 'x = 1\ndef render(t):\n    return t.format(x=2)\nprint(render("{x}"))',
    "template default": 'x = 1\ndef render(v, t="{x}"):\n    return t.format(x=v)',
    "template returned": 'x = 1\ndef tmpl():\n    return "{x}"\nprint(tmpl().format(x=2))',
    "str.format": 'x = 1\nprint(str.format("{x}", x=2))',
    "bound format method": 'x = 1\nshow = "{x}".format\nprint(show(x=2))',
    "percent": 'x = 1\nprint("{x} %s" % 2)',
    "percent later": 'x = 1\nt = "{x} %(y)s"\nprint(t % {"y": 1})',
    "percent placeholder": 'x = 1\nprint("{x} %d")',
    "string.Template": 'import string\nx = 1\nstring.Template("{x}")',
    "logging": 'import logging\nx = 1\nlogging.info("x {x}")',
    "logger": 'import logging\nlog = logging.getLogger()\nx = 1\nlog.error("x {x}")',
    "regex": 'import re\nx = 1\nre.findall("a{x}", "aa")',
    "regex later": 'import re\nx = 1\np = "a{x}"\nre.search(p, "a")',
    "pattern method": 'import re\nx = 1\nrx = re.compile("a")\nrx.sub("{x}", "a")',
    "template keyword": 'x = 1\ndef plot(**k):\n    return k\nplot(hovertemplate="{x}", fmt="{x}")',
    "template name": 'x = 1\nPROMPT_TEMPLATE = "about {x}"\nrow_fmt = "{x:>4}"',
    "template in a container argument": (
        'x = 1\nSYSTEM = "about {x}"\ndef ChatPromptTemplate(m):\n    return m\n'
        'ChatPromptTemplate([("system", SYSTEM)])'
    ),
    "library-filled filename": (
        'epoch = 1\ndef ModelCheckpoint(**k):\n    return k\nModelCheckpoint(filename="{epoch}")'
    ),
    "template callee": 'x = 1\ndef PromptTemplate(t):\n    return t\nPromptTemplate("about {x}")',
    "mo.md batch": 'import marimo as mo\nx = 1\nmo.md("{x}").batch(x=mo.ui.text())',
    "mo.md batch later": 'import marimo as mo\nx = 1\nt = mo.md("{x}")\n# ---\nt.batch(x=mo.ui.text())',
    "mo.ui.batch": 'import marimo as mo\nx = 1\nmo.ui.batch(mo.md("{x}"), {"x": mo.ui.text()})',
    "replace": 'x = 1\nprint("v={x}".replace("{x}", "1"))',
    "replace later": 'x = 1\nt = "v={x}"\nprint(t.replace("{x}", "1"))',
    "search": 'x = 1\nprint("a".split("{x}"), "a".startswith("{x}"))',
    "compare": 'x = 1\nprint("a" == "{x}", "{x}" in "a")',
    "dict key": 'x = 1\nd = {"{x}": 1}\nprint(d["{x}"])',
    "docstring": 'x = 1\ndef f():\n    "uses {x}"\n    return x',
    "class docstring": 'x = 1\nclass C:\n    "uses {x}"',
    "cell docstring": '"sets {x}"\nx = 1',
    "bare statement": 'x = 1\n"x is {x}"\ny = 2',
    "empty field": 'x = 1\nprint("{} {x}")',
    "positional field": 'x = 1\nprint("{0} {x}")',
    "doubled braces": 'x = 1\nprint("{{x}} {x}")',
    "JSON": "name = 1\nprint('{\"name\": 1}')",
    "LaTeX": 'import marimo as mo\na = 1\nb = 2\nmo.md(r"$\\frac{a}{b}$")',
    "LaTeX superscript": 'import marimo as mo\nb = 2\nmo.md("$x^{b}$")',
    "LaTeX subscript": 'import matplotlib.pyplot as plt\nlim = 1\nplt.xlabel("$x_{lim}$")',
    "subscript in math": 'import marimo as mo\nsigma = 1\nmo.md("$s^{2}$ and $s_{sigma}$")',
    "inline math": 'import marimo as mo\nn = 1\nmo.md("Size $N = {n}$ here")',
    "display math": 'import marimo as mo\nn = 1\nmo.md("""\n$$\na_{n} + {n}\n$$\n""")',
    "CSS": 'color = 1\nprint("p {color: red}")',
    "CSS compact": 'margin = 1\nprint(".a {margin:0; padding: 0}")',
    "JS template": 'name = 1\nprint("`${name}`")',
    "shell": 'HOME = 1\nprint("echo ${HOME}")',
    "plotly": 'x = 1\nprint("%{x}")',
    "jinja": 'name = 1\nprint("{{ name }}")',
    "padded field (JS object)": 'name = 1\nprint("const o = { name }")',
    "markdown code span": 'import marimo as mo\nname = 1\nmo.md("use `{name}` here")',
    "markdown fence": 'import marimo as mo\nname = 1\nmo.md("""\n```\n{name}\n```\n""")',
    "self-documenting field": 'x = 1\nprint("{x=}")',
    "free-text spec": 'x = 1\nprint("{x:hello world}")',
    "nested spec": 'x = 1\nw = 5\nprint("{x:{w}}")',
    "class attribute seen from a method": 'class A:\n    v = 1\n    def m(self):\n        return "{v}"',
    "local of another function": 'def f():\n    secret = 1\nprint("{secret}")',
    "backslash command": 'x = 1\nprint(r"\\alpha {x}")',
    "one part is JSON": 'x = 1\nprint("{x} " \'{"a": 1}\')',
    "lambda body": 'x = 1\nshow = lambda: "{x}"',
    "annotation": 'x = 1\ny: "{x}" = 2',
}


@pytest.mark.parametrize("name", REPORTED)
def test_reported(name: str) -> None:
    messages = nb007(REPORTED[name])
    assert len(messages) == 1, messages
    assert "but no `f` prefix" in messages[0]


@pytest.mark.parametrize("name", NOT_REPORTED)
def test_not_reported(name: str) -> None:
    assert nb007(NOT_REPORTED[name]) == []


@pytest.mark.parametrize("name", REPORTED)
def test_reported_strings_are_fixed(name: str) -> None:
    text = fixed(REPORTED[name])
    assert text != wrap_cells(REPORTED[name])
    assert nb007(text) == []


def test_message_names_each_field_once_and_no_line_numbers() -> None:
    [message] = nb007('x = 1\nprint("{x} {x:.1f} {x}")')
    assert message == "String has `{x}` and `{x:.1f}` fields but no `f` prefix"
    assert not re.search(r"\d", message.replace("1f", ""))


def test_message_cuts_a_long_list_of_fields() -> None:
    names = [f"value_number_{i}" for i in range(12)]
    body = "\n".join(f"{name} = {i}" for i, name in enumerate(names))
    body += '\nprint("' + " ".join(f"{{{name}}}" for name in names) + '")'
    [message] = nb007(body)
    assert message == "String has `{value_number_0}`, `{value_number_1}` and 10 more fields but no `f` prefix"
    [message] = nb007('d = {"k": 1}\nprint("{d[\'a_rather_long_key_name\'].bit_length()}")')
    assert message == "String has `{d['a_rather_long_key_name']…}` field but no `f` prefix"


def test_one_diagnostic_per_string_located_at_its_parts() -> None:
    source = 'x = 1\nmsg = (\n    "a"\n    " {x}"\n)'
    notebook = Notebook.parse(wrap_cells(source))
    [diagnostic] = check(notebook, [MissingFPrefix()])
    assert notebook.index.data[diagnostic.span.start : diagnostic.span.end] == b'" {x}"'


def test_fix_adds_the_read_name_to_the_signature() -> None:
    text = fixed('name = "Ada"\n# ---\nprint("Hello {name}")')
    assert 'def _(name):\n    print(f"Hello {name}")' in text
    assert "return (name,)" in text


def test_a_fix_that_would_make_a_cycle_is_not_offered() -> None:
    source = 'steps = 3\nprint("label {label}")\n# ---\nlabel = "x" * steps'
    notebook = Notebook.parse(wrap_cells(source))
    [diagnostic] = check(notebook, [MissingFPrefix()])
    assert diagnostic.fix is None
    assert "cycle" in diagnostic.message


def test_a_name_defined_in_several_cells_gets_no_fix() -> None:
    """Which `x` would it print? NB004's fix makes them private first; then the string names nothing."""
    notebook = Notebook.parse(wrap_cells('x = 1\n# ---\nx = 2\n# ---\nprint("value {x}")'))
    [diagnostic] = check(notebook, [MissingFPrefix()])
    assert diagnostic.fix is None
    assert diagnostic.message.endswith("(no automatic fix: `x` is defined in several cells)")


def test_suppression_comment_silences_it() -> None:
    assert nb007('x = 1\nprint("{x}")  # nbfix: ignore[NB007]') == []


# -- properties ----------------------------------------------------------------------
NAMES = {"a": "A", "b": 2.5}
# Pieces that keep a literal reportable, and pieces that make it a template or invalid.
_fields_and_text = st.sampled_from(
    [
        "{a}",
        "{b}",
        "{a!r}",
        "{b:.2f}",
        "{a:>6}",
        "{b:,}",
        "{ a }",
        "text ",
        "é",
        "\\n",
        "\\\\",
        "\\N{BULLET}",
        " ",
    ]
)
_trouble = st.sampled_from(
    [
        "{c}",
        "{ a }",
        "{}",
        "{0}",
        "{{",
        "}}",
        "{",
        "}",
        "{a=}",
        "{a:{b}}",
        "\\{",
        "'",
        '"',
        "%s",
        "$",
        "`",
        "#",
    ]
)
_pieces = st.one_of(_fields_and_text, _fields_and_text, _fields_and_text, _trouble)
_prefixes = st.sampled_from(["", "r", "R", "u", "U"])
_quotes = st.sampled_from(['"', "'", '"""', "'''"])


@st.composite
def literals(draw: st.DrawFn) -> str:
    """A string token built from field-like and text-like pieces (it may not be valid)."""
    return draw(_prefixes) + (quote := draw(_quotes)) + "".join(draw(st.lists(_pieces, max_size=6))) + quote


def _valid(token: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # `\{` is an invalid escape
            return isinstance(ast.literal_eval(token), str)
    except (SyntaxError, ValueError):
        return False


@settings(max_examples=400, deadline=None)
@given(literals())
def test_a_reported_literal_prints_what_str_format_would(token: str) -> None:
    """For fields that read names, `f"..."` means what `"...".format(**names)` means.

    So whatever the rule reports, the fix turns the braces into the values and
    leaves every other character as it was.
    """
    assume(_valid(token))
    fields = missing_fields(token, lambda name: name in NAMES)
    if fields is None:
        return
    assert fields
    new_token = f_prefixed(token)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert eval(new_token, {}, dict(NAMES)) == ast.literal_eval(token).format(**NAMES)


@settings(max_examples=200, deadline=None)
@given(st.lists(literals(), min_size=1, max_size=4))
def test_the_codemod_changes_nothing_but_prefixes(tokens: list[str]) -> None:
    tokens = [token for token in tokens if _valid(token)]
    assume(tokens)
    body = "\n".join(f"v{i} = {token}" for i, token in enumerate(tokens))
    source = cell(body, "a, b")
    try:
        new = add_f_prefix(source, string_positions(source))
    except Declined:
        return
    compile(new, "<cell>", "exec")
    old_tokens = [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline)]
    new_tokens = [t.string for t in tokenize.generate_tokens(io.StringIO(new).readline)]
    if len(new_tokens) != len(old_tokens):  # Python 3.12+ splits f-strings into several tokens
        new_tokens = [t.string for t in _rejoin(new)]
    assert len(new_tokens) == len(old_tokens)
    for old, after in zip(old_tokens, new_tokens, strict=True):
        if old == after:
            continue
        prefix = split_literal(old)[0]
        assert after == prefix.replace("u", "").replace("U", "") + "f" + old[len(prefix) :]


def _rejoin(source: str) -> list[tokenize.TokenInfo]:
    """Tokens with each f-string (FSTRING_START ... FSTRING_END on 3.12+) as one token."""
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    out: list[tokenize.TokenInfo] = []
    start = None
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        name = tokenize.tok_name[token.type]
        if name == "FSTRING_START":
            start = token.start
        elif name == "FSTRING_END" and start is not None:
            begin = offsets[start[0] - 1] + start[1]
            end = offsets[token.end[0] - 1] + token.end[1]
            out.append(token._replace(string=source[begin:end]))
            start = None
        elif start is None:
            out.append(token)
    return out
