"""NB013 loop-closure, NB014 missing-script-metadata, NB104 cuda-timing-without-sync, NB105
cuda-without-availability-check: their codemods on their own, what each rule reports and
declines, the unsafe fixes of their examples, and NB014 being off by default."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from conftest import CORPUS
from notebooks import HEADER, wrap_cells

from nbfix.codemods import Declined
from nbfix.codemods.bind_loop_variable import bind_loop_variables
from nbfix.codemods.cuda_availability_guard import insert_cuda_guard
from nbfix.codemods.insert_cuda_sync import insert_before
from nbfix.codemods.script_metadata import (
    add_dependencies,
    block_dependencies,
    find_script_blocks,
    header_insertion_offset,
    load_toml,
    new_block,
)
from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import Rule, check, select_rules
from nbfix.rules.cuda_timing_without_sync import CudaTimingWithoutSync
from nbfix.rules.cuda_without_availability_check import CudaWithoutAvailabilityCheck
from nbfix.rules.loop_closure import LoopClosureRule
from nbfix.rules.missing_script_metadata import (
    MissingScriptMetadata,
    distribution_for,
    marimo_mapping,
    requirement_name,
)


def cell(body: str, params: str = "", *, is_async: bool = False) -> str:
    prefix = "async def" if is_async else "def"
    return (
        f"@app.cell\n{prefix} _({params}):\n"
        + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ")
        + "\n"
    )


def diagnostics(rule: Rule, source: str) -> list:
    return check(Notebook.parse(wrap_cells(source)), [rule])


def unsafe_fixed(rule: Rule, source: str) -> str:
    outcome = fix_notebook(Notebook.parse(wrap_cells(source)), [rule], unsafe_fixes=True)
    assert not outcome.dropped, outcome.dropped
    return outcome.notebook.text


# ===================================================================================== NB013
@pytest.mark.parametrize(
    ("source", "names", "expected"),
    [
        ("f = lambda: i", ["i"], "f = lambda i=i: i"),
        ("f = lambda v: i", ["i"], "f = lambda v, i=i: i"),
        ("f = lambda *args: i", ["i"], "f = lambda *args, i=i: i"),
        ("f = lambda v, **kw: (i, j)", ["i", "j"], "f = lambda v, i=i, j=j, **kw: (i, j)"),
        ("f = (lambda: i)", ["i"], "f = (lambda i=i: i)"),
    ],
)
def test_bind_lambda_parameters(source: str, names: list[str], expected: str) -> None:
    region = cell(source)
    column = 4 + source.index("lambda")  # the cell body's indentation
    assert bind_loop_variables(region, {(3, column): names}) == cell(expected)


def test_bind_def_keeps_one_parameter_per_line() -> None:
    region = cell(
        """
        def handler(
            value,
            *,
            flag=False,
        ):
            return name
        """
    )
    assert bind_loop_variables(region, {(3, 4): ["name"]}) == cell(
        """
        def handler(
            value,
            *,
            flag=False,
            name=name,
        ):
            return name
        """
    )


def test_bind_async_def_and_declines_what_it_cannot_find() -> None:
    region = cell("async def fetch(url):\n    return (url, attempt)")
    assert "async def fetch(url, attempt=attempt):" in bind_loop_variables(region, {(3, 4): ["attempt"]})
    with pytest.raises(Declined):
        bind_loop_variables(region, {(4, 4): ["attempt"]})


NB013 = LoopClosureRule()


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, "callbacks = []\nfor i in range(3):\n    callbacks.append(lambda i=i: i)"),
        (
            1,
            "handlers = {}\nfor name in ['a', 'b']:\n    def handler(value, name=name):\n"
            "        print(name, value)\n    handlers[name] = handler",
        ),
        (2, "getters = [lambda i=i: i for i in range(3)]"),
    ],
)
def test_nb013_examples_unsafe_fix(index: int, expected: str) -> None:
    assert unsafe_fixed(NB013, LoopClosureRule.invalid[index].source) == wrap_cells(expected)


@pytest.mark.parametrize(
    "source",
    [
        # a mo.ui element's callback, in a loop and in a comprehension
        "import marimo as mo\n# ---\nbs = []\nfor n in 'ab':\n"
        "    bs.append(mo.ui.button(on_click=lambda c: n))",
        "import marimo as mo\n# ---\nbs = {n: mo.ui.button(on_click=lambda c: n) for n in 'ab'}",
        # a name bound from the loop variable, a subscript, a tuple, a conditional expression
        "fs = []\nfor row in [{'n': 1}]:\n    name = row['n']\n    fs.append(lambda: name)",
        "fs = {}\nfor i in range(3):\n    fs[i] = (lambda: i) if i else None",
        "fs = []\nfor i in range(3):\n    fs.append(('label', lambda: i))",
        # a def registered by name, a thread target
        "import threading\n# ---\nfor i in range(2):\n    def work():\n        print(i)\n"
        "    threading.Thread(target=work).start()",
    ],
)
def test_nb013_reports(source: str) -> None:
    assert [d.code for d in diagnostics(NB013, source)] == ["NB013"]


@pytest.mark.parametrize(
    "source",
    [
        "for i in range(3):\n    f = lambda: i\n    print(f())",  # called in its iteration
        "for i in range(3):\n    def f():\n        return i\n    print(f())",
        "gs = [g() for g in (lambda: i for i in range(3))]",  # a generator hands them out one by one
        "fs = []\nfor i in range(3):\n    def f(i=i):\n        return i\n    fs.append(f)",  # bound
        "fs = []\nfor row in range(3):\n    k = 5\n    fs.append(lambda: k)",  # not loop state
        "out = []\nfor k in range(3):\n    out.append(sorted([2, 1], key=lambda v: v + k))",  # consumed
        "fs = []\nfor i in range(3):\n    fs.append(lambda i: i)",  # a parameter, not the loop variable
        "fs = []\nfor i in range(2):\n    pass\nelse:\n    fs.append(lambda: i)",  # `else` runs once
    ],
)
def test_nb013_does_not_report(source: str) -> None:
    assert diagnostics(NB013, source) == []


def test_nb013_closure_over_a_closure_converges() -> None:
    source = "fs = []\nfor i in range(3):\n    f = lambda: i\n    fs.append(lambda: f())"
    assert unsafe_fixed(NB013, source) == wrap_cells(
        "fs = []\nfor i in range(3):\n    f = lambda i=i: i\n    fs.append(lambda f=f: f())"
    )


def test_nb013_safe_mode_leaves_it() -> None:
    notebook = Notebook.parse(wrap_cells(LoopClosureRule.invalid[0].source))
    assert not fix_notebook(notebook, [NB013]).changed


# ===================================================================================== NB014
BLOCK = '# /// script\n# requires-python = ">=3.11"\n# dependencies = [\n#     "marimo>=0.25",\n# ]\n# ///\n'


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (BLOCK, BLOCK.replace('0.25",\n', '0.25",\n#     "PyYAML",\n')),
        (
            '# /// script\n# dependencies = [\n#   "marimo"  # ui\n# ]\n# ///\n',
            '# /// script\n# dependencies = [\n#   "marimo",  # ui\n#   "PyYAML",\n# ]\n# ///\n',
        ),
        (
            '# /// script\n# dependencies = ["marimo"]\n# ///\n',
            '# /// script\n# dependencies = ["marimo", "PyYAML"]\n# ///\n',
        ),
        ("# /// script\n# dependencies = []\n# ///\n", '# /// script\n# dependencies = ["PyYAML"]\n# ///\n'),
        (
            "# /// script\n# dependencies = ['a',]\n# ///\n",
            "# /// script\n# dependencies = ['a', 'PyYAML',]\n# ///\n",
        ),
        (
            '# /// script\n# requires-python = ">=3.10"\n#\n# [tool.uv]\n# x = 1\n# ///\n',
            '# /// script\n# requires-python = ">=3.10"\n# dependencies = [\n#     "PyYAML",\n# ]\n#\n'
            "# [tool.uv]\n# x = 1\n# ///\n",
        ),
        (
            '# /// script\r\n# dependencies = [\r\n#     "marimo"]\r\n# ///\r\n',
            '# /// script\r\n# dependencies = [\r\n#     "marimo", "PyYAML"]\r\n# ///\r\n',
        ),
    ],
)
def test_add_dependencies_keeps_the_layout(block: str, expected: str) -> None:
    assert add_dependencies(block, ["PyYAML"]) == expected


@pytest.mark.parametrize(
    "block",
    [
        "# /// script\n# dependencies = [\n# ///\n",  # not TOML
        '# /// script\n# dependencies = "marimo"\n# ///\n',  # not a list
        '# /// script\n# dependencies = [\n#   """marimo""",\n# ]\n# ///\n',  # a multi-line string
    ],
)
def test_add_dependencies_declines(block: str) -> None:
    with pytest.raises(Declined):
        add_dependencies(block, ["PyYAML"])


def test_block_reading_and_placement() -> None:
    data = ("#!/usr/bin/env python\r\n" + BLOCK.replace("\n", "\r\n") + "\r\nimport marimo\r\n").encode()
    [(start, end)] = find_script_blocks(data)
    assert data[start:end].decode() == BLOCK.replace("\n", "\r\n")
    assert block_dependencies(BLOCK) == ["marimo>=0.25"]
    assert header_insertion_offset(b"#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nimport marimo\n") == 46
    assert header_insertion_offset(b"import marimo\n") == 0
    assert (
        new_block(["marimo"], "\r\n")
        == '# /// script\r\n# dependencies = [\r\n#     "marimo",\r\n# ]\r\n# ///\r\n'
    )
    assert find_script_blocks(b"# /// script\n#not a comment line\n# ///\n") == []


def test_toml_without_tomllib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python 3.10 has no tomllib: marimo's dependency tomlkit reads the block."""
    monkeypatch.setattr(sys, "version_info", (3, 10, 0))
    assert load_toml('dependencies = ["marimo"]\n') == {"dependencies": ["marimo"]}
    assert load_toml("dependencies = [\n") is None


def test_import_names_map_to_distributions() -> None:
    assert distribution_for("yaml") == "PyYAML"  # installed with marimo
    assert distribution_for("sklearn") == "scikit-learn"  # marimo's table
    assert distribution_for("my_local_helpers") is None  # maybe a module next to the notebook
    assert requirement_name("marimo[sql]>=0.9 ; python_version>'3.9'") == "marimo"


def test_marimo_table_is_read_without_importing_marimo() -> None:
    from marimo._runtime.packages.module_name_to_pypi_name import module_name_to_pypi_name

    assert marimo_mapping() == module_name_to_pypi_name()


NB014 = MissingScriptMetadata()


def with_block(dependencies: str, body: str) -> str:
    return f"# /// script\n# dependencies = {dependencies}\n# ///\n\n\n" + cell(body)


@pytest.mark.parametrize(
    ("dependencies", "body", "reported"),
    [
        ('["marimo"]', "import yaml", ["yaml"]),
        ('["marimo"]', "from sklearn.svm import SVC", ["sklearn"]),
        ('["marimo", "scikit_learn", "pyyaml"]', "import sklearn\nimport yaml", []),  # other spellings
        ("[]", "import json", ["marimo"]),  # marimo itself counts
        ('["marimo"]', "import json, os.path\nfrom . import sibling", []),  # stdlib, relative
        ('["marimo"]', "try:\n    import yaml\nexcept ImportError:\n    yaml = None", []),  # optional
        ('["marimo"]', "import sys\nif sys.platform == 'emscripten':\n    import micropip", []),
        ('["marimo"]', "import my_local_helpers", []),  # unknown: not reported
    ],
)
def test_nb014_reports(dependencies: str, body: str, reported: list[str]) -> None:
    found = diagnostics(NB014, with_block(dependencies, body))
    assert [d.message.split("`")[1] for d in found] == reported


def test_nb014_ignores_unreadable_and_duplicate_blocks() -> None:
    assert diagnostics(NB014, with_block("[", "import yaml")) == []
    twice = with_block('["marimo"]', "import yaml").replace("\n\n\n@app", "\n# /// script\n# ///\n\n\n@app")
    assert diagnostics(NB014, twice) == []


def test_nb014_one_fix_adds_every_missing_distribution_but_suppressed_ones() -> None:
    source = with_block('["marimo"]', "import click  # nbfix: ignore[NB014]\nimport sklearn\nimport yaml")
    outcome = fix_notebook(Notebook.parse(wrap_cells(source)), [NB014])
    assert '# dependencies = ["marimo", "PyYAML", "scikit-learn"]' in outcome.notebook.text
    assert outcome.fixed_count == 2


def test_nb014_new_block_at_the_top() -> None:
    text = wrap_cells(cell("import yaml"))
    outcome = fix_notebook(Notebook.parse(text), [NB014])
    assert outcome.notebook.text == new_block(["marimo", "PyYAML"]) + "\n" + text


def test_nb014_is_off_by_default(run_nbfix, tmp_path: Path) -> None:
    path = tmp_path / "notebook.py"
    path.write_text(wrap_cells(cell("import yaml")), encoding="utf-8")
    assert "NB014" not in {type(rule).code for rule in select_rules()}
    assert run_nbfix(str(path))[0] == 0
    code, out, _ = run_nbfix("--select", "NB010,NB014", str(path))
    assert code == 1 and out.count("NB014") == 2
    code, _, _ = run_nbfix("--select", "NB014", "--write", str(path))
    assert path.read_text(encoding="utf-8").startswith("# /// script\n")


@pytest.mark.parametrize("path", sorted(CORPUS.glob("clean/NB014_*.py")), ids=lambda p: p.name)
def test_nb014_clean_corpus_with_the_rule_on(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert check(Notebook.parse(text, str(path)), [NB014]) == []


# ===================================================================================== NB104
NB104 = CudaTimingWithoutSync()
TORCH = "import time\nimport torch\n# ---\n"


@pytest.mark.parametrize(
    "body",
    [
        "x = torch.ones(3).cuda()\nt0 = time.time()\ny = x * 2\ndt = time.time() - t0",
        "t0 = time.time()\ny = torch.randn(9, device='cuda') + 1\nprint(time.time() - t0)",
        "x = torch.ones(3).cuda()\nt0 = time.time()\ny = x * 2\nt1 = time.time()\ndt = t1 - t0",
        "m = torch.nn.Linear(2, 2)\nm.cuda()\nt0 = time.time()\nout = m(torch.ones(2))\n"
        "dt = time.time() - t0",
        "x = torch.ones(3).cuda()\nt0 = time.time()\ny = x * 2\nprint(time.time() - t0, y.sum().item())",
        # work, then a sync, then more work: the last work is not waited for
        "x = torch.ones(3).cuda()\nt0 = time.time()\nv = x.sum().item()\ny = x * 2\ndt = time.time() - t0",
        # in a function defined in the cell
        "x = torch.ones(3).cuda()\ndef bench():\n    t0 = time.perf_counter()\n    y = x @ x\n"
        "    return time.perf_counter() - t0",
    ],
)
def test_nb104_reports(body: str) -> None:
    assert [d.code for d in diagnostics(NB104, TORCH + body)] == ["NB104"]


@pytest.mark.parametrize(
    "body",
    [
        "x = torch.ones(3)\nt0 = time.time()\ny = x * 2\ndt = time.time() - t0",  # no CUDA evidence
        "x = torch.ones(3).cuda()\nt0 = time.time()\ny = x * 2\nprint(y)\ndt = time.time() - t0",
        "x = torch.ones(3).cuda()\nt0 = time.time()\ny = (x * 2).cpu()\ndt = time.time() - t0",
        # evaluated before the timer, in the closing statement itself
        "x = torch.ones(3).cuda()\nt0 = time.time()\ny = x * 2\nprint(y.sum().item(), time.time() - t0)",
        "x = torch.ones(3).cuda()\nt0 = time.time()\ny = x * 2\nmsg = f'{y}'\ndt = time.time() - t0",
        "x = torch.ones(3).cuda()\nt0 = time.time()\ny = x * 2\nif y.sum() > 0:\n    pass\n"
        "dt = time.time() - t0",
        "x = torch.ones(3).cuda()\ndef step():\n    return (x * 2).sum().item()\n# ---\n"
        "t0 = time.time()\ntotal = step()\ndt = time.time() - t0",  # the function syncs
        "x = torch.ones(3).cuda()\nt0 = time.time()\nsave_to_disk(x)\ndt = time.time() - t0",  # opaque
        "x = torch.ones(3).cuda()\ny = x * 2\nt0 = time.time()\nn = len('abc')\ndt = time.time() - t0",
        "x = torch.ones(3).cuda()\nt0 = time.time()\ny = x * 2\ntorch.cuda.synchronize()\nt0 = time.time()",
    ],
)
def test_nb104_does_not_report(body: str) -> None:
    assert diagnostics(NB104, TORCH + body) == []


def test_nb104_fix_is_plain_without_an_availability_check() -> None:
    source = TORCH + "x = torch.ones(3).cuda()\nt0 = time.time()\ny = x * 2\ndt = time.time() - t0"
    fixed = fix_notebook(Notebook.parse(wrap_cells(source)), [NB104]).notebook.text
    assert "    y = x * 2\n    torch.cuda.synchronize()\n    dt = time.time() - t0\n" in fixed


def test_nb104_fix_for_cupy_and_none_without_a_library() -> None:
    source = "import time\nimport cupy as cp\n# ---\na = cp.ones(9)\nt0 = time.time()\nb = a @ a\n"
    source += "dt = time.time() - t0"
    fixed = fix_notebook(Notebook.parse(wrap_cells(source)), [NB104]).notebook.text
    assert "    cp.cuda.Device().synchronize()\n    dt = time.time() - t0\n" in fixed
    source = "import time\nimport cudf\n# ---\ndf = cudf.DataFrame({'a': [1]})\nt0 = time.time()\n"
    source += "s = df.sum()\ndt = time.time() - t0"
    [found] = diagnostics(NB104, source)
    assert found.fix is None


def test_insert_before_splices_shared_lines_and_keeps_comments() -> None:
    region = cell("a = 1; b = 2\n\n# stop\nc = 3")
    assert insert_before(region, (3, 11), "sync()") == cell("a = 1; sync(); b = 2\n\n# stop\nc = 3")
    assert insert_before(region, (6, 4), "sync()") == cell("a = 1; b = 2\n\nsync()\n# stop\nc = 3")
    with pytest.raises(Declined):
        insert_before(region, (3, 11), "if ok:\n    sync()")


# ===================================================================================== NB105
NB105 = CudaWithoutAvailabilityCheck()
GUARD = (
    "mo.stop(\n    not torch.cuda.is_available(),\n"
    '    mo.callout(mo.md("CUDA is not available: this notebook needs an NVIDIA GPU."), kind="warn"),\n)\n'
)


def test_nb105_example_unsafe_fix() -> None:
    fixed = unsafe_fixed(NB105, CudaWithoutAvailabilityCheck.invalid[0].source)
    assert fixed == wrap_cells(
        "import marimo as mo\nimport torch\n# ---\n" + GUARD + "weights = torch.ones(3).cuda()"
    )


def test_nb105_guard_goes_after_leading_imports_and_the_names_it_reads() -> None:
    source = "import marimo as mo\n# ---\nimport torch\nx = 1\n\nweights = torch.ones(3).cuda()"
    assert "    import torch\n    mo.stop(\n" in unsafe_fixed(NB105, source)
    source = "import marimo as mo\n# ---\nx = 1\nimport torch\n\nweights = torch.ones(3).cuda()"
    assert "    import torch\n\n    mo.stop(\n" in unsafe_fixed(NB105, source)


@pytest.mark.parametrize(
    "source",
    [
        "import torch\n# ---\nweights = torch.ones(3)\n"
        "try:\n    weights = weights.cuda()\nexcept RuntimeError:\n    pass",
        "import torch\n# ---\nok = torch.cuda.device_count() > 0\n# ---\nx = torch.ones(1, device='cuda')",
        "import torch\n# ---\nbackend = 'cuda'\nlabel = backend.upper()",  # a string, not a device
        "import torch\n# ---\nwith torch.autocast('cuda'):\n    y = 1",  # autocast warns without CUDA
    ],
)
def test_nb105_does_not_report(source: str) -> None:
    assert diagnostics(NB105, source) == []


def test_nb105_reports_once_and_only_fixes_code_cells() -> None:
    source = (
        "with app.setup:\n    import marimo as mo\n    import torch\n\n"
        "    DEVICE = torch.device('cuda')\n\n\n" + cell("x = torch.ones(2, device=DEVICE)\ny = x.cuda()")
    )
    [found] = diagnostics(NB105, source)
    assert found.fix is None
    assert found.span.start_pos.line == len(HEADER.splitlines()) + 5


def test_insert_cuda_guard_on_its_own() -> None:
    region = cell("import torch\n\n# move\nm = torch.nn.Linear(2, 2).cuda()")
    assert insert_cuda_guard(region, (6, 4), "mo", "torch") == cell(
        "import torch\n\n" + GUARD + "# move\nm = torch.nn.Linear(2, 2).cuda()"
    )


def test_messages_have_no_line_numbers() -> None:
    for code in ("NB013", "NB014", "NB104", "NB105"):
        for path in sorted(CORPUS.glob(f"{code}/*.py")):
            text = path.read_text(encoding="utf-8")
            for diagnostic in check(Notebook.parse(text, str(path)), select_rules(extend_select=[code])):
                assert "line" not in diagnostic.message


# -- NB003 private-name-shared ----------------------------------------------------------
def _nb003(bodies: list[str]) -> list:
    from nbfix.rules.private_name_shared import PrivateNameShared

    return check(Notebook.parse(wrap_cells("\n# ---\n".join(bodies))), [PrivateNameShared()])


@pytest.mark.parametrize(
    "bodies",
    [
        # each cell's own `_i`: a rename would merge them into one public `i`, defined twice
        ["for _i in range(2):\n    print(_i)", "for _i in range(3):\n    print(_i)", "print(_i)"],
        ["_ = 1", "_ = 2", "print(_)"],
        ["_ = 1", "print(_)"],  # `_` has no public spelling
        ["_1 = 1", "print(_1)"],
        ["_rate = 1", "rate = 2", "print(_rate, rate)"],  # `rate` is taken
        ["_len = 1", "print(_len)"],  # `len` is a builtin
        ["_x = 1", "def f():\n    return x\nprint(_x, f)"],  # another cell reads `x`
    ],
)
def test_nb003_no_fix(bodies: list[str]) -> None:
    diagnostics = _nb003(bodies)
    assert diagnostics and all(d.fix is None for d in diagnostics)


def test_nb003_deferred_underscore_of_another_cell_is_reported() -> None:
    """`from ibis import _` in one cell does not give `_` to the others (marimo 0.25 mangles it)."""
    [diagnostic] = _nb003(["from ibis import _", "t = 1\nprint(_.price * t)"])
    assert diagnostic.message == "`_` is private to the cell that defines it (its name starts with `_`)"
    assert diagnostic.fix is None


def test_nb003_private_names_of_one_cell_each_are_silent() -> None:
    assert _nb003(["for _ in range(2):\n    pass", "_ = 3\nprint(_)", "_i = 1\nprint(_i)", "_i = 2"]) == []


def test_nb003_one_definer_is_renamed_in_it_and_in_every_reader() -> None:
    from nbfix.rules.private_name_shared import PrivateNameShared

    source = "_scale = 2\n# ---\nprint(_scale)\n# ---\ny = [_scale for _ in range(2)]"
    outcome = fix_notebook(Notebook.parse(wrap_cells(source)), [PrivateNameShared()])
    assert outcome.notebook.text == wrap_cells(source.replace("_scale", "scale"))


def test_name_lists_are_cut_after_three() -> None:
    from nbfix.messages import code_list

    assert code_list(["a"]) == "`a`"
    assert code_list(["a", "b", "c"]) == "`a`, `b` and `c`"
    assert code_list(list("abcdefghijkl")) == "`a`, `b`, `c` and 9 more"


@pytest.mark.parametrize("code", ["NB001", "NB003", "NB004", "NB007", "NB011", "NB012"])
def test_messages_are_one_short_line(code: str) -> None:
    """Ruff's manner: what is wrong, in at most 100 characters; the remedy is the fix's title or the docs."""
    for path in sorted(CORPUS.glob(f"{code}/*.py")):
        if path.name.endswith(".fixed.py"):
            continue
        notebook = Notebook.parse(path.read_text(encoding="utf-8"), str(path))
        for diagnostic in check(notebook, select_rules(extend_select=[code])):
            if diagnostic.code == code:
                assert len(diagnostic.message) <= 100 and "\n" not in diagnostic.message, (
                    path,
                    diagnostic.message,
                )


def test_nb003_private_name_of_the_setup_cell_gets_no_fix() -> None:
    """marimo 0.25 hides the setup cell's `_copy` from the other cells too; the rename cannot edit it."""
    from nbfix.rules.private_name_shared import PrivateNameShared

    source = "with app.setup:\n    import copy as _copy\n\n\n@app.cell\ndef _():\n    x = _copy.copy([1])\n"
    [diagnostic] = check(Notebook.parse(wrap_cells(source + "    return\n")), [PrivateNameShared()])
    assert diagnostic.fix is None
