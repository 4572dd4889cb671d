"""docs/rules/: one page per rule and an index, generated from the rule modules and kept current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nbfix import rule_docs
from nbfix.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules"
REGENERATE = "python -m nbfix.rule_docs"


def test_every_page_is_current() -> None:
    expected = rule_docs.expected_files()
    present = {path.name for path in DOCS.glob("*.md")}
    stale = sorted(
        name
        for name, content in expected.items()
        if not (DOCS / name).is_file() or (DOCS / name).read_text(encoding="utf-8") != content
    )
    extra = sorted(present - set(expected))
    assert not stale and not extra, (
        f"docs/rules/ is out of date (stale: {stale}, no such rule: {extra}); "
        f"regenerate it from the repository's root with `{REGENERATE}`"
    )


def test_the_generator_writes_what_the_test_expects(tmp_path: Path) -> None:
    (tmp_path / "NB999.md").write_text("a rule that is gone\n")
    changed = rule_docs.write(tmp_path)
    assert "NB999.md" in changed and not (tmp_path / "NB999.md").exists()
    assert {p.name for p in tmp_path.iterdir()} == set(rule_docs.expected_files())
    assert rule_docs.write(tmp_path) == [], "a second run changes nothing"


def test_the_index_links_every_page() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for code in all_rules():
        assert f"[{code}]({code}.md)" in index
    for link in re.findall(r"\]\(([^)]+\.md)\)", index):
        assert (DOCS / link).is_file(), link


@pytest.mark.parametrize("code", list(all_rules()))
def test_the_short_description_is_the_first_whole_sentence(code: str) -> None:
    documentation = all_rules()[code].documentation()
    sentence = rule_docs.first_sentence(documentation)
    what = " ".join(rule_docs.section(documentation, "What it does").split())
    assert sentence.endswith((".", "!", "?")) and sentence.count("`") % 2 == 0
    # Never cut inside a sentence: it is the section's opening (up to a closing `:`).
    assert what.startswith(sentence[:-1]) and len(sentence) > 20


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("## What it does\nFinds `x.y`. And more.\n", "Finds `x.y`."),
        ("## What it does\nFinds calls, e.g. `f()`, and more. Then.\n", "Finds calls, e.g. `f()`, and more."),
        ("## What it does\nChecks a thing\nover lines:\n\n- one\n", "Checks a thing over lines."),
        ("## What it does\nEnds `a. b` here? Yes.\n", "Ends `a. b` here?"),
        ("## What it does\nNo scaler. bfloat16 needs none.\n", "No scaler."),
        ("no section at all", ""),
    ],
)
def test_first_sentence(text: str, sentence: str) -> None:
    assert rule_docs.first_sentence(text) == sentence


def test_links_come_only_from_the_package_metadata(monkeypatch) -> None:
    rule_docs.project_urls.cache_clear()
    monkeypatch.setattr(rule_docs, "project_urls", lambda: {})
    assert rule_docs.rule_url("NB001") is None and rule_docs.home_url() is None
    monkeypatch.setattr(
        rule_docs,
        "project_urls",
        lambda: {"rules": "https://example.org/docs/rules/", "source": "https://x.org"},
    )
    assert rule_docs.rule_url("NB001") == "https://example.org/docs/rules/NB001.md"
    assert rule_docs.home_url() == "https://x.org"


def test_the_installed_metadata_names_no_placeholder() -> None:
    """Whatever [project.urls] says is used as it is; today it says nothing, so no link is made up."""
    rule_docs.project_urls.cache_clear()
    for url in rule_docs.project_urls().values():
        assert "example" not in url and "nbfix/nbfix" not in url
    assert rule_docs.local_page_uri("NB001") == (DOCS / "NB001.md").as_uri()
    assert rule_docs.local_page_uri("NB999") is None


def test_rule_command_prints_the_page_text(run_nbfix) -> None:
    code, out, _ = run_nbfix("rule", "NB001")
    assert code == 0
    assert (DOCS / "NB001.md").read_text(encoding="utf-8").startswith(out)
