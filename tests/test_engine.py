"""The fix engine never writes what it cannot prove: fake rules with bad fixes."""

from __future__ import annotations

from collections.abc import Iterator

from notebooks import make_notebook

from nbfix.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, always
from nbfix.engine import MAX_ROUNDS, fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import Rule, select_rules

TEXT = make_notebook(["value = 1", "print(value)"])


class _FakeRule(Rule):
    code = "NB999"
    name = "fake"
    severity = Severity.WARNING
    fix_availability = always(Applicability.SAFE)

    def edits(self, notebook: Notebook) -> tuple[Edit, ...]:
        raise NotImplementedError

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        if self.applies(notebook):
            cell = notebook.cells[0]
            yield self.diagnostic(
                "fake problem", cell.span, Fix(Applicability.SAFE, "fake fix", lambda: self.edits(notebook))
            )

    def applies(self, notebook: Notebook) -> bool:
        return "value = 1" in notebook.text


def _insert(notebook: Notebook, anchor: str, content: str, *, replace: bool = False) -> tuple[Edit, ...]:
    start = notebook.index.data.index(anchor.encode())
    end = start + len(anchor.encode()) if replace else start
    return (Edit(start, end, content),)


class SyntaxBreaker(_FakeRule):
    def edits(self, notebook):
        return _insert(notebook, "value = 1", "value = (1", replace=True)


class Ineffective(_FakeRule):
    def edits(self, notebook):
        return _insert(notebook, "value = 1", "value = 1  # still here", replace=True)


class OneFixPerRound(_FakeRule):
    """More diagnostics than rounds, each fixed by an edit of the whole cell (so one per round)."""

    def applies(self, notebook):
        return True

    def check(self, notebook):
        cell = notebook.cells[0]
        for number in range(MAX_ROUNDS + 5):
            if f"v{number} = 0" in notebook.text:
                yield self.diagnostic(
                    f"v{number} is zero",
                    cell.span,
                    Fix(Applicability.SAFE, "set it", lambda n=number: self.set(notebook, n)),
                )

    def set(self, notebook, number):
        start, end = notebook.cells[0].span.start, notebook.cells[0].span.end
        cell = notebook.index.data[start:end].decode()
        return (Edit(start, end, cell.replace(f"v{number} = 0", f"v{number} = 1")),)


class Redefiner(_FakeRule):
    """A fix every cheap check accepts but marimo refuses: a second cell defining `value`."""

    def applies(self, notebook):
        return "value = 2" not in notebook.text

    def edits(self, notebook):
        return _insert(notebook, "print(value)", "value = 2\n    print(value)", replace=True)


def test_fix_that_breaks_syntax_is_dropped_and_nothing_written() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [SyntaxBreaker()])
    assert not outcome.changed
    [dropped] = outcome.dropped
    assert dropped.diagnostic.code == "NB999" and "invalid Python" in dropped.reason


def test_fix_that_does_not_remove_its_diagnostic_is_dropped() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [Ineffective()])
    assert not outcome.changed
    assert "did not remove NB999" in outcome.dropped[0].reason


def test_fixes_that_never_settle_write_nothing() -> None:
    text = make_notebook(["\n".join(f"v{n} = 0" for n in range(MAX_ROUNDS + 5))])
    outcome = fix_notebook(Notebook.parse(text), [OneFixPerRound()])
    assert not outcome.changed
    assert any(f"within {MAX_ROUNDS} rounds" in d.reason for d in outcome.dropped)


def test_fix_that_marimo_rejects_is_dropped() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [Redefiner()])
    assert not outcome.changed
    assert outcome.dropped and "marimo" in outcome.dropped[0].reason


def test_bad_fix_does_not_block_good_fixes() -> None:
    text = make_notebook(["value = 1", "if value:\n    return\nprint(value)"])
    outcome = fix_notebook(Notebook.parse(text), [SyntaxBreaker(), *select_rules()])
    assert outcome.changed
    assert "return\n    print" not in outcome.notebook.text
    assert "value = 1" in outcome.notebook.text
    assert [d.diagnostic.code for d in outcome.dropped] == ["NB999"]


def test_unsafe_fixes_need_the_flag() -> None:
    class UnsafeRename(Ineffective):
        def check(self, notebook):
            for diagnostic in super().check(notebook):
                yield Diagnostic(
                    diagnostic.code,
                    diagnostic.name,
                    diagnostic.message,
                    diagnostic.severity,
                    diagnostic.span,
                    Fix(Applicability.UNSAFE, "rename", lambda: self.edits(notebook)),
                )

    assert not fix_notebook(Notebook.parse(TEXT), [UnsafeRename()]).dropped
    assert fix_notebook(Notebook.parse(TEXT), [UnsafeRename()], unsafe_fixes=True).dropped


class FirstStep(_FakeRule):
    """Its fix leaves a problem that SecondStep fixes."""

    def applies(self, notebook):
        return "value = 1\n" in notebook.text

    def edits(self, notebook):
        return _insert(notebook, "value = 1", "value = 11", replace=True)


class SecondStep(_FakeRule):
    code = "NB998"

    def applies(self, notebook):
        return "value = 11" in notebook.text

    def edits(self, notebook):
        return _insert(notebook, "value = 11", "value = 2", replace=True)


class SecondStepWithoutFix(SecondStep):
    def check(self, notebook):
        for diagnostic in super().check(notebook):
            yield Diagnostic(
                diagnostic.code, diagnostic.name, diagnostic.message, diagnostic.severity, diagnostic.span
            )


def test_a_fix_may_leave_a_problem_that_another_fix_solves() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [FirstStep(), SecondStep()])
    assert outcome.changed and "value = 2" in outcome.notebook.text
    assert not outcome.dropped and outcome.diagnostics == []


def test_a_fix_that_leaves_an_unfixable_problem_is_dropped() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [FirstStep(), SecondStepWithoutFix()])
    assert not outcome.changed
    assert "introduced NB998" in outcome.dropped[0].reason


class CompileBreaker(_FakeRule):
    """Parses, but does not compile: `break` outside a loop (only the compiler sees it)."""

    def edits(self, notebook):
        return _insert(notebook, "value = 1", "value = 1\n    break", replace=True)


class StarImportInCell(_FakeRule):
    """Fine as top-level code (how marimo runs the body), not in the file's cell function."""

    def edits(self, notebook):
        return _insert(notebook, "value = 1", "from os import *\n    value = 1\n    x = 2", replace=True)

    def applies(self, notebook):
        return "x = 2" not in notebook.text


class CycleMaker(_FakeRule):
    """The first cell starts reading what the second defines: a cycle marimo refuses."""

    def applies(self, notebook):
        return "late" not in notebook.text

    def edits(self, notebook):
        edits = _insert(notebook, "value = 1", "value = late", replace=True)
        return edits + _insert(notebook, "print(value)", "late = value\n    print(value)", replace=True)


class HeaderEditor(_FakeRule):
    """A fix outside the cells (as a script-metadata fix makes): the whole file is checked."""

    def applies(self, notebook):
        return not notebook.text.startswith("#")

    def edits(self, notebook):
        return (Edit(0, 0, "# /// script\n# dependencies = []\n# ///\n"),)


def test_fix_that_only_the_compiler_rejects_is_dropped() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [CompileBreaker()])
    assert not outcome.changed
    assert "compile" in outcome.dropped[0].reason


def test_fix_must_compile_as_the_file_holds_the_cell() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [StarImportInCell()])
    assert not outcome.changed
    assert "does not compile" in outcome.dropped[0].reason


def test_fix_that_makes_a_cycle_is_dropped() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [CycleMaker()])
    assert not outcome.changed
    assert "cycle" in outcome.dropped[0].reason


def test_fix_outside_the_cells_is_validated_on_the_whole_file() -> None:
    outcome = fix_notebook(Notebook.parse(TEXT), [HeaderEditor()])
    assert outcome.changed
    assert outcome.notebook.text.startswith("# /// script")


def test_taken_regions_agree_with_comparing_every_pair() -> None:
    """The engine's O(log n) overlap test answers as comparing a new edit with every chosen one did."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from nbfix.engine import _TakenRegions

    def brute_clash(edit: Edit, taken: list[Edit]) -> bool:
        return any(edit.start < t.end and t.start < edit.end or edit.start == t.start for t in taken)

    spans = st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda p: Edit(p[0], p[0] + p[1], ""))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(spans, max_size=40))
    def check(edits: list[Edit]) -> None:
        regions, taken = _TakenRegions(), []
        for edit in edits:
            clash = regions.clashes(edit)
            assert clash == brute_clash(edit, taken)
            if not clash:
                regions.add(edit)
                taken.append(edit)

    check()


def test_a_file_done_leaves_no_notebook_to_the_cyclic_collector(tmp_path) -> None:
    """The facts cached on a notebook keep it; the pipeline releases them when the file is done, so
    every notebook state of a `--write` (the original, each round's, the final) goes by reference
    counting, not when the cyclic collector next runs (it is off during a batch)."""
    import gc

    from nbfix.files import Target
    from nbfix.notebook import Notebook
    from nbfix.rules import select_rules
    from nbfix.runner import Mode, Settings, process

    path = tmp_path / "nb.py"
    path.write_text(
        make_notebook(["flag = True", "if flag:\n    result = 1\n    return result\nelse:\n    result = 2"])
    )
    settings = Settings(codes=tuple(rule.code for rule in select_rules()), mode=Mode.WRITE)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        report = process(Target(path, explicit=True), settings)
        gc.collect()
        left = [thing for thing in gc.garbage if isinstance(thing, Notebook)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert report.fixed_count > 0, "the file was fixed: several notebook states were built"
    assert left == []
