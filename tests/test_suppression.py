"""Suppression comments, NB901 (unused-suppression) and a notebook's own `[tool.nbfix]`.

In process (the comment reader, the rule, the layers of selectors, the editor's
analysis) and through the command line (exit codes, --write, errors).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from notebooks import FOOTER, HEADER, make_notebook

from nbfix.config import Config, ConfigError, notebook_selectors
from nbfix.diagnostics import Edit
from nbfix.engine import fix_notebook
from nbfix.hooks import FixHooks
from nbfix.lsp.analysis import CancelToken, analyze
from nbfix.lsp.settings import ClientSettings, resolve
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.selection import Selection, Selectors
from nbfix.source import LineIndex
from nbfix.suppression import ALL_CODES, Suppressions, codes_in_comment, directives_in, removal

NB007_LINE = '    print("v {a}")'  # raises NB007 (a is in scope)


def notebook(*lines: str, header: str = "") -> str:
    """A notebook whose one cell defines `a` and then holds `lines`."""
    body = "\n".join(["    a = 1", *lines])
    return header + HEADER + f"@app.cell\ndef _():\n{body}\n    return\n" + FOOTER


def codes(text: str, rules=None) -> list[tuple[int, str]]:
    found = check(Notebook.parse(text), select_rules() if rules is None else rules)
    return [(d.span.start_pos.line, d.code) for d in found]


def messages(text: str, rules=None) -> list[str]:
    return [d.message for d in check(Notebook.parse(text), select_rules() if rules is None else rules)]


def fixed(text: str, rules=None) -> str:
    outcome = fix_notebook(Notebook.parse(text), select_rules() if rules is None else rules)
    assert not outcome.dropped, outcome.dropped
    return outcome.notebook.text


# -- what silences what -------------------------------------------------------------------------


def test_line_comments_silence_their_line() -> None:
    assert [c for _, c in codes(notebook(NB007_LINE))] == ["NB007"]
    for comment in ("# nbfix: ignore[NB007]", "# noqa: NB007", "# nbfix: ignore", "# noqa", "# NOQA:nb007"):
        assert codes(notebook(f"{NB007_LINE}  {comment}")) == [], comment
    # Another code, or a comment on another line, silences nothing.
    assert "NB007" in [c for _, c in codes(notebook(f"{NB007_LINE}  # noqa: E501"))]
    assert "NB007" in [c for _, c in codes(notebook("    # nbfix: ignore[NB007]", NB007_LINE))]


def test_every_directive_of_a_comment_counts() -> None:
    assert codes(notebook(f"{NB007_LINE}  # noqa: E501  # nbfix: ignore[NB007]")) == []
    assert codes_in_comment("# noqa: E501  # nbfix: ignore[NB007, NB002]") == {"E501", "NB007", "NB002"}
    assert codes_in_comment("# type: ignore") is None
    assert codes_in_comment("# noqa  # nbfix: ignore[NB007]") is ALL_CODES


def test_file_level_suppression_per_code() -> None:
    text = notebook(NB007_LINE, header="# nbfix: ignore-file[NB007]\n")
    assert codes(text) == []
    # It silences that code only: NB002 (an undefined name) is still reported.
    text = notebook(NB007_LINE, "    print(undefined_thing)", header="# nbfix: ignore-file[NB007]\n")
    assert [c for _, c in codes(text)] == ["NB002"]
    # Anywhere in the file, in a cell too, on a line of its own.
    text = notebook("    # nbfix: ignore-file[NB007]", NB007_LINE)
    assert codes(text) == []
    assert Suppressions.of_text("# nbfix: ignore-file\nx = 1\n").ignores_file


def test_ignore_file_counts_only_on_a_line_of_its_own_and_never_in_a_string() -> None:
    inline = notebook(f"{NB007_LINE}  # nbfix: ignore-file[NB007]")
    assert "NB007" in [c for _, c in codes(inline)]
    assert not Suppressions.of_text("x = 1  # nbfix: ignore-file\n").ignores_file
    in_string = notebook('    text = """', "# nbfix: ignore-file", '"""', "    print(text)", NB007_LINE)
    assert "NB007" in [c for _, c in codes(in_string)]
    # `ignore-file` is not `ignore` for its line either.
    assert Suppressions.of_text("x = 1  # nbfix: ignore-file\n").by_line == {}


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_comments_are_found_whatever_the_line_endings(newline: str) -> None:
    text = notebook(f"{NB007_LINE}  # nbfix: ignore[NB007]").replace("\n", newline)
    assert codes(text) == []
    suppressions = Suppressions.of_text(text)
    assert [d.line for d in suppressions.directives] == [10]


def test_a_typo_in_a_noqa_code_is_one_code() -> None:
    (directive,) = directives_in("# noqa: NB0O7", 1)
    assert directive.codes == ("NB0O7",)
    # An unclosed list silences nothing (it is not a blanket comment).
    assert directives_in("# nbfix: ignore[NB007", 1) == []
    assert "NB007" in [c for _, c in codes(notebook(f"{NB007_LINE}  # nbfix: ignore[NB007"))]
    assert directives_in("# nbfix: ignored", 1) == [] and directives_in("# nbfix: ignore-files", 1) == []


# -- NB901 --------------------------------------------------------------------------------------


def test_unknown_code_is_reported_and_removed() -> None:
    text = notebook("    x = 1  # nbfix: ignore[NB999]")
    assert messages(text) == ["Unused suppression (unknown: `NB999`)"]
    assert fixed(text) == notebook("    x = 1")


def test_unused_code_is_reported_where_it_stands() -> None:
    text = notebook(f"{NB007_LINE}  # nbfix: ignore[NB007]", "    x = 1  # nbfix: ignore[NB007]")
    assert codes(text) == [(11, "NB901")]
    assert fixed(text) == notebook(f"{NB007_LINE}  # nbfix: ignore[NB007]", "    x = 1")
    both = notebook(f"{NB007_LINE}  # nbfix: ignore[NB002, NB007, NB999]")
    assert messages(both) == ["Unused suppression (unknown: `NB999`; unused: `NB002`)"]
    assert fixed(both) == notebook(f"{NB007_LINE}  # nbfix: ignore[NB007]")


def test_a_code_that_did_not_run_is_never_called_unused() -> None:
    default_off = notebook("    x = 1  # nbfix: ignore[NB010]")  # NB010 is off by default
    assert codes(default_off) == []
    ignored = notebook("    x = 1  # nbfix: ignore[NB007]")
    assert codes(ignored, select_rules(ignore=["NB007"])) == []
    assert codes(ignored, select_rules()) == [(10, "NB901")]
    # Selected: judged.
    assert codes(default_off, select_rules(extend_select=["NB010"])) == [(10, "NB901")]


def test_a_rule_that_cannot_apply_still_counts_as_run(tmp_path: Path) -> None:
    """Run the way the command line runs a file, where NB101 (it needs `autocast` and `torch`) is
    not even imported on this notebook: its suppression is still judged, and unused."""
    from nbfix.files import Target
    from nbfix.runner import Settings, process

    path = tmp_path / "nb.py"
    path.write_text(notebook("    x = 1  # nbfix: ignore[NB101]"))
    report = process(Target(path, explicit=True), Settings(codes=tuple(rule.code for rule in select_rules())))
    assert [(f.start.line, f.code) for f in report.findings] == [(10, "NB901")]


def test_blanket_comment_is_unused_only_when_nothing_is_raised_on_its_line() -> None:
    assert codes(notebook(f"{NB007_LINE}  # nbfix: ignore")) == []
    text = notebook("    x = 1  # nbfix: ignore")
    assert messages(text) == ["Unused blanket suppression"]
    assert fixed(text) == notebook("    x = 1")


def test_ruffs_noqa_comments_are_left_alone() -> None:
    text = notebook(
        "    import os  # noqa: F401",
        "    x = 1  # noqa",
        "    y = 2  # noqa: E501, B018",
        "    z = 3  # noqa: F401 — registers a plugin",
        "    print(os, x, y, z)",
    )
    assert codes(text) == []
    mixed = notebook("    import os  # noqa: F401, NB007")
    assert messages(mixed) == ["Unused suppression (unused: `NB007`)"]
    assert fixed(mixed) == notebook("    import os  # noqa: F401")


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ("x = 1  # nbfix: ignore[NB999]", "x = 1"),
        ("x = 1  # keep this  # nbfix: ignore[NB999]", "x = 1  # keep this"),
        ("x = 1  # nbfix: ignore[NB999]  # type: int", "x = 1  # type: int"),
        ("x = 1  # nbfix: ignore[NB999] because", "x = 1  # because"),
        ("x = 1  #nbfix:ignore[NB999]", "x = 1"),
        ("x = 'é'  # noqa: E501, NB999", "x = 'é'  # noqa: E501"),
        ("x = 1  # nbfix: ignore[NB007,NB999 , NB002]", "x = 1  # nbfix: ignore[NB007, NB002]"),
        ("    # nbfix: ignore[NB999]", None),  # the line goes
    ],
)
def test_removal_keeps_every_other_word_of_the_comment(line: str, after: str | None) -> None:
    text = f"a = 0\n{line}\nb = 0\n"
    index = LineIndex.of_text(text)
    (comment_start,) = [i for i in range(len(line)) if line.startswith("#", i)][:1]
    (directive,) = [d for d in directives_in(line[comment_start:], 2, comment_start) if "NB999" in d.codes]
    keep = tuple(code for code in directive.codes if code != "NB999")
    edit: Edit = removal(index, directive, keep)
    data = index.data
    result = (data[: edit.start] + edit.content.encode() + data[edit.end :]).decode()
    assert result == ("a = 0\nb = 0\n" if after is None else f"a = 0\n{after}\nb = 0\n")


def test_file_level_codes_are_judged_on_the_whole_file() -> None:
    used = notebook(NB007_LINE, header="# nbfix: ignore-file[NB007]\n")
    assert codes(used) == []
    unused = notebook("    x = 1", header="# nbfix: ignore-file[NB007, NB999]\n")
    assert messages(unused) == ["Unused file-level suppression (unknown: `NB999`; unused: `NB007`)"]
    assert fixed(unused) == notebook("    x = 1")
    # A line comment for a code the file silences is not judged (as Ruff's per-file-ignores).
    redundant = notebook(
        "    x = 1  # nbfix: ignore[NB007]", NB007_LINE, header="# nbfix: ignore-file[NB007]\n"
    )
    assert codes(redundant) == []


def test_nb901_itself_can_be_kept_or_silenced() -> None:
    assert codes(notebook("    x = 1  # nbfix: ignore[NB999, NB901]")) == []
    assert codes(notebook("    x = 1  # nbfix: ignore[NB999]", header="# nbfix: ignore-file[NB901]\n")) == []
    # A blanket comment cannot hide the report that it silences nothing.
    assert codes(notebook("    x = 1  # nbfix: ignore")) == [(10, "NB901")]


def test_messages_stay_on_one_short_line() -> None:
    many = ", ".join(f"NB9{n}" for n in range(50, 90))
    used = ", ".join(f"NB{n:03d}" for n in range(1, 16))
    text = notebook(
        f"    x = 1  # nbfix: ignore[{many}, {used}]", header=f"# nbfix: ignore-file[{many}, {used}]\n"
    )
    found = messages(text)
    assert len(found) == 2 and all(len(message) <= 100 for message in found), found
    assert "more" in found[0]


def test_a_fix_that_makes_a_suppression_unused_is_followed_by_its_removal() -> None:
    # The file-level comment for NB999 goes; then nothing is left to judge.
    text = notebook("    x = 1  # nbfix: ignore[NB002]", header="# nbfix: ignore-file[NB002, NB999]\n")
    assert fixed(text) == notebook("    x = 1")


def test_removing_a_comment_leaves_a_suppressed_stale_signature_alone() -> None:
    """NB005 suppressed on a cell: removing an unused suppression in it does not re-sign it."""
    cells = (
        "@app.cell\ndef _():  # nbfix: ignore[NB005]\n    x = 1\n"
        "    y = 2  # nbfix: ignore[NB999]\n    return\n\n\n"
        "@app.cell\ndef _(x):\n    print(x)\n    return\n"
    )
    text = HEADER + cells + FOOTER
    assert codes(text) == [(10, "NB901")]
    assert fixed(text) == text.replace("  # nbfix: ignore[NB999]", "")


def test_the_editor_fix_loop_judges_suppressions_from_the_raw_findings() -> None:
    """The language server hands the engine the findings it published (after suppression)."""
    text = notebook(f"{NB007_LINE}  # nbfix: ignore[NB007]", "    x = 1  # nbfix: ignore[NB999]")
    original = Notebook.parse(text)
    rules = select_rules()
    published = check(original, rules)
    outcome = fix_notebook(original, rules, hooks=FixHooks(known=(original, published)))
    assert outcome.notebook.text == notebook(f"{NB007_LINE}  # nbfix: ignore[NB007]", "    x = 1")


# -- [tool.nbfix] in the script header -----------------------------------------------------------


def script(*toml: str) -> str:
    lines = ["# /// script", '# dependencies = ["marimo"]', "#", *(f"# {line}" for line in toml), "# ///", ""]
    return "\n".join(lines) + "\n"


def test_header_selectors_are_read() -> None:
    text = notebook(
        NB007_LINE, header=script("[tool.nbfix]", 'ignore = ["nb007"]', 'extend-select = ["NB010"]')
    )
    assert notebook_selectors(text) == Selectors(None, ("NB007",), ("NB010",))
    assert notebook_selectors(notebook(NB007_LINE)) is None
    assert notebook_selectors(notebook(NB007_LINE, header=script("[tool.marimo.runtime]", "x = 1"))) is None


@pytest.mark.parametrize(
    ("toml", "error"),
    [
        (("[tool.nbfix]", 'select = ["NB999"]'), "unknown rule code or prefix `NB999`"),
        (("[tool.nbfix]", 'exclude = ["x"]'), "key `exclude`"),
        (("[tool.nbfix]", 'ignore = "NB007"'), "must be a list of strings"),
        (("[tool.nbfix", "ignore = []"), "not valid TOML"),
    ],
)
def test_header_errors_say_what_is_wrong(toml: tuple[str, ...], error: str) -> None:
    with pytest.raises(ConfigError, match="script header") as raised:
        notebook_selectors(notebook(NB007_LINE, header=script(*toml)))
    assert error in str(raised.value) and "\n" not in str(raised.value)


def test_header_is_a_layer_between_the_project_and_the_flags() -> None:
    project = Config(select=("NB0",), ignore=("NB004",))
    header = Selectors(None, ("NB007",), ())
    plain = Selection.of(project)
    assert "NB007" in plain.codes and "NB004" not in plain.codes
    # The header's `ignore` adds to the project's.
    assert not {"NB007", "NB004"} & set(plain.for_notebook(header).codes)
    # The header's `select` replaces the project's select and ignore.
    selected = plain.for_notebook(Selectors(("NB004", "NB101"), (), ()))
    assert selected.codes == ("NB004", "NB101")
    # A flag's `select` replaces the header's, a flag's `ignore` adds.
    flags = Selection.of(project, select=["NB007"])
    assert flags.for_notebook(header).codes == ("NB007",)
    assert "NB005" not in Selection.of(project, ignore=["NB005"]).for_notebook(header).codes
    # Codes resolved elsewhere (no layers) are final.
    assert Selection(("NB001",)).for_notebook(header).codes == ("NB001",)


def test_the_editor_analysis_honours_the_header(tmp_path: Path) -> None:
    path = tmp_path / "notebook.py"
    settings = resolve(ClientSettings(), Config(), path)
    plain = notebook(NB007_LINE)
    quiet = notebook(NB007_LINE, header=script("[tool.nbfix]", 'ignore = ["NB007"]'))
    broken = notebook(NB007_LINE, header=script("[tool.nbfix]", 'ignore = ["NB999"]'))
    assert [d.code for d in analyze(plain, 1, str(path), settings, CancelToken()).diagnostics] == ["NB007"]
    analysis = analyze(quiet, 1, str(path), settings, CancelToken())
    assert analysis.diagnostics == [] and "NB007" not in {r.code for r in analysis.checked_rules}
    # A header that is not valid: checked as if it had none, and the reason kept for the user.
    analysis = analyze(broken, 1, str(path), settings, CancelToken())
    assert [d.code for d in analysis.diagnostics] == ["NB007"]
    assert "NB999" in (analysis.header_error or "")


# -- the command line ---------------------------------------------------------------------------


def test_cli_reports_and_removes_an_unknown_code(run_nbfix, tmp_path: Path) -> None:
    path = tmp_path / "typo.py"
    path.write_text(notebook("    x = 1  # nbfix: ignore[NB999]"))
    code, out, _ = run_nbfix("--no-cache", str(path))
    assert code == 1 and "NB901 [*] Unused suppression (unknown: `NB999`)" in out
    assert run_nbfix("--no-cache", "--ignore", "NB901", str(path))[0] == 0
    code, _, _ = run_nbfix("--no-cache", "--write", str(path))
    assert code == 0 and path.read_text() == notebook("    x = 1")


def test_cli_applies_the_header_to_its_notebook_only(run_nbfix, tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.py"
    quiet.write_text(notebook(NB007_LINE, header=script("[tool.nbfix]", 'ignore = ["NB007"]')))
    loud = tmp_path / "loud.py"
    loud.write_text(notebook(NB007_LINE))
    # In two worker processes (the selectors travel with the settings), with the cache.
    code, out, _ = run_nbfix("-j", "2", str(quiet), str(loud))
    assert code == 1 and "loud.py" in out and "quiet.py" not in out
    assert run_nbfix(str(quiet))[0] == 0
    # A flag's `select` wins over the header.
    code, out, _ = run_nbfix("--select", "NB007", str(quiet))
    assert code == 1 and "quiet.py" in out


def test_cli_header_over_the_project_file(run_nbfix, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.nbfix]\nignore = ["NB007"]\n')
    path = tmp_path / "notebook.py"
    path.write_text(notebook(NB007_LINE, header=script("[tool.nbfix]", 'select = ["NB007"]')))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_nbfix("--no-cache", str(path))
    assert code == 1 and "NB007" in out
    # Without the header, the project's ignore holds, and the suppression would be judged unused only if run.
    path.write_text(notebook(NB007_LINE, "    x = 1  # nbfix: ignore[NB007]"))
    assert run_nbfix("--no-cache", str(path))[0] == 0


def test_cli_header_error_names_the_file_and_the_others_go_on(run_nbfix, tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(notebook(NB007_LINE, header=script("[tool.nbfix]", 'selec = ["NB007"]')))
    good = tmp_path / "good.py"
    good.write_text(notebook(NB007_LINE))
    code, out, err = run_nbfix("--no-cache", str(bad), str(good))
    assert code == 2
    (line,) = [line for line in err.splitlines() if "bad.py" in line]
    assert line.startswith(f"{bad}: error: `[tool.nbfix]` in the script header: ") and "`selec`" in line
    assert "good.py" in out and "NB007" in out
    # --write leaves the broken one as it was.
    before = bad.read_text()
    assert run_nbfix("--no-cache", "--write", str(bad))[0] == 2 and bad.read_text() == before


def test_a_clean_notebook_with_used_suppressions_passes(run_nbfix, tmp_path: Path) -> None:
    path = tmp_path / "ok.py"
    path.write_text(make_notebook(["value = 1  # noqa: E501", "print(value)"]))
    assert run_nbfix("--no-cache", str(path))[0] == 0
