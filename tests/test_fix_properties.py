"""The fix contract as properties, on generated notebooks.

Each example is a notebook of random cells built from a small grammar of
plausible statements, with anti-patterns of the rule catalogue injected
(`bench/fuzz.py`'s `ANTI_PATTERNS`: a `return` in a branch, a misspelt name, an
`_private` name read by another cell, a name defined twice, a string missing its
`f`, `spinner.open()`, `mo.stop(mo.md(...))`, an output hidden in a branch, a
deprecated `torch.cuda.amp` call, ...), sometimes a stale signature, in `\\n`,
`\\r\\n` or `\\r` line endings, with or without a UTF-8 BOM. nbfix fixes it the
way `nbfix --write` does (`nbfix.runner.process` on a temporary file) and
`bench/fuzz.py`'s `Checker` checks every property of the contract: the output
compiles, marimo loads it no worse, a second write changes nothing, the cell
count is kept (NB002 may add an `import marimo as mo` cell), cells without a
fixable diagnostic are byte-identical (their signature, and the renames a fixed
cell also got, aside), line endings and BOM are kept, no diagnostic is new, and
nbfix does not crash. `bench/fuzz.py` runs the same checks on mutated public
notebooks, by hand.
"""

from __future__ import annotations

import random
import re

import pytest
from conftest import load_bench_script
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from notebooks import make_notebook

fuzz = load_bench_script("fuzz")

# Names the generated cells define; `{n}` in a template is a fresh one of these.
NAMES = ["alpha", "count", "data", "items", "label", "limit", "rows", "scale", "total", "width", "speed"]

# Plain statements: `{a}` reads a name an earlier cell defines, `{n}` defines a
# fresh one, `{i}` is a small integer. None of them is an anti-pattern alone.
STATEMENTS = [
    "{n} = {i}",
    "{n} = {a} + {i}",
    "{n} = [{a}, {i}]",
    "{n} = {{'key': {a}}}",
    "print({a})",
    "{n} = f'{{{a}}} items'",
    "{n} = sum(v * 2 for v in range({i}))",
    "if {a} > {i}:\n    {n} = 1\nelse:\n    {n} = 2",
    "def {n}(arg):\n    return arg + {i}",
    "for _j in range({i}):\n    print(_j, {a})",
    "_tmp = {a}\nprint(_tmp)",
    "# about {a}\n{n} = {i}  # trailing comment",
    "{n}: int = {i}",
    "try:\n    {n} = int('{i}')\nexcept ValueError:\n    {n} = 0",
    "class {n}:\n    size = {i}",
    "{n} = len(str({a}))",
    "{n} = '''text\nacross lines {i}'''",
    "while False:\n    pass",
    "{a}",
]

# The catalogue's codes whose snippets the generator injects (see bench/fuzz.py).
INJECTED = sorted(fuzz.ANTI_PATTERNS)
# Shapes that must read `mo`: the generator's first cell imports it (usually).
NEWLINES = ["\n", "\r\n", "\r"]


@st.composite
def generated_notebooks(draw) -> tuple[bytes, str]:
    """(the notebook's bytes, a description of what was generated)."""
    names = list(draw(st.permutations(NAMES)))
    defined: list[str] = []
    fresh_count = 0

    def fresh() -> str:
        nonlocal fresh_count
        if names:
            return names.pop()
        fresh_count += 1
        return f"extra{fresh_count}"

    def fill(template: str, local: list[str]) -> str:
        read = draw(st.sampled_from(defined + local)) if defined + local else "1"
        new = fresh() if "{n}" in template else ""
        text = template.format(a=read, n=new, i=draw(st.integers(0, 9)))
        if new and not template.startswith(("def", "class")):
            local.append(new)
        return text

    description = []
    bodies = []
    with_mo = draw(st.integers(0, 5)) > 0
    if with_mo:
        bodies.append("import marimo as mo")
    first = fresh()
    bodies.append(f"{first} = {draw(st.integers(1, 9))}")
    defined.append(first)
    for _ in range(draw(st.integers(1, 4))):
        local: list[str] = []
        statements = [fill(draw(st.sampled_from(STATEMENTS)), local) for _ in range(draw(st.integers(1, 4)))]
        bodies.append("\n".join(statements))
        defined.extend(local)
    if draw(st.integers(0, 3)) == 0:  # an `_private` name that another cell reads (NB003)
        private = "_" + fresh()
        index = draw(st.integers(int(with_mo), len(bodies) - 1))
        bodies[index] += f"\n{private} = {draw(st.sampled_from(defined))}"
        bodies.append(f"print({private})")
        description.append(f"{private} in cell {index} read by a new cell")
    for code in draw(st.lists(st.sampled_from(INJECTED), min_size=1, max_size=4)):
        template = draw(st.sampled_from(fuzz.ANTI_PATTERNS[code]))
        rng = random.Random(draw(st.integers(0, 2**16)))  # for the misspelling
        snippet = fuzz.render_anti_pattern(template, draw(st.sampled_from(defined)), fresh(), rng)
        if draw(st.booleans()):
            bodies.append(snippet)
            where = "a new cell"
        else:
            index = draw(st.integers(int(with_mo), len(bodies) - 1))  # at its end: NB008 needs a tail
            bodies[index] = bodies[index] + "\n" + snippet
            where = f"cell {index}"
        description.append(f"{code} in {where}")
    text = make_notebook(bodies)
    if draw(st.integers(0, 4)) == 0:  # a stale signature: drop a parameter or return a bogus name
        text, what = _stale_signature(text, draw(st.integers(0, 99)))
        description.append(what)
    newline = draw(st.sampled_from(NEWLINES))
    bom = draw(st.integers(0, 3)) == 0
    data = (fuzz.BOM if bom else b"") + text.replace("\n", newline).encode()
    description.append(f"newline {newline!r}, BOM {bom}, mo imported {with_mo}")
    return data, "; ".join(description)


def _stale_signature(text: str, pick: int) -> tuple[str, str]:
    with_params = list(re.finditer(r"^def _\(([^)\n]+)\):$", text, flags=re.MULTILINE))
    if with_params and pick % 2:
        match = with_params[pick % len(with_params)]
        params = match.group(1).split(", ")
        kept = ", ".join(params[1:])
        return text[: match.start()] + f"def _({kept}):" + text[match.end() :], f"dropped param {params[0]}"
    bare = list(re.finditer(r"^    return$", text, flags=re.MULTILINE))
    if not bare:
        return text, "no stale signature"
    match = bare[pick % len(bare)]
    return text[: match.start()] + "    return (bogus,)" + text[match.end() :], "returned bogus"


@pytest.fixture(scope="module")
def checkers():
    return {unsafe: fuzz.Checker(unsafe_fixes=unsafe) for unsafe in (False, True)}


@pytest.fixture
def checker(checkers):
    return checkers[False]


@pytest.mark.parametrize("unsafe_fixes", [False, True], ids=["write", "write-unsafe-fixes"])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=generated_notebooks())
def test_write_keeps_the_fix_contract(checkers, unsafe_fixes, case):
    data, description = case
    checker = checkers[unsafe_fixes]
    violations = checker.check(data)
    for code in sorted(set(checker.last_report.fixed_codes)):  # see --hypothesis-show-statistics
        event(f"fixed {code}")
    assert not violations, f"{description}\n" + "\n".join(map(str, violations))


def test_checker_sees_a_broken_write(checker, monkeypatch):
    """The checker can fail: a fake `--write` that touches a clean cell and the line endings."""
    data = make_notebook(["x = 1", "print(x)  # shown", "y = 2"]).replace("\n", "\r\n").encode()
    real_process = fuzz.process

    def sloppy_process(target, settings):
        report = real_process(target, settings)
        text = target.path.read_bytes().decode().replace("# shown", "# shown!").replace("\r\n", "\n", 1)
        target.path.write_bytes(text.encode())
        return report

    monkeypatch.setattr(fuzz, "process", sloppy_process)
    found = {violation.prop for violation in checker.check(data)}
    assert {"untouched-cells", "line-endings", "idempotent"} <= found


def test_checker_accepts_a_rename_that_a_fixed_cell_also_got(checker):
    """NB003 renames `_x` in the defining cell and in its readers: only the fixed cell has the diagnostic."""
    data = make_notebook(["_x = 1", "print(_x)", "print(_x + 1)"]).encode()
    assert checker.check(data) == []
    assert checker.last_report.fixed_codes


def test_minimize_keeps_the_failure():
    data = b"a\r\nb\r\nneedle\r\nc\r\nd\r\n"
    assert fuzz.minimize(data, lambda candidate: b"needle" in candidate, float("inf")) == b"needle\r\n"
