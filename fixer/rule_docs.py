"""Each rule's documentation, from its docstring: `nbfix rule CODE`, docs/rules/, and the links.

`python -m nbfix.rule_docs` (run from the repository's root) writes one page per
rule, `docs/rules/NB001.md` ..., and their index, `docs/rules/README.md`;
`tests/test_rule_docs.py` fails while they differ from what the rule modules say.

Links to a rule's page point only to what exists. A published nbfix names the
folder of its rule pages in `[project.urls]` (`Rules = "https://.../docs/rules"`),
read from the installed package's metadata: JSON's `url`, SARIF's `helpUri` and the
editor's link then point to `<Rules>/NB001.md`. Without it they are left out (JSON
`url` is null), never pointed at a guessed address. The editor, which runs on the
machine that holds the files, may also link to the page in a clone
(`local_page_uri`). SARIF's `informationUri` is the `Homepage`, `Repository` or
`Source` URL of the metadata, or left out.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

RULES_URL_LABEL = "rules"
HOME_URL_LABELS = ("homepage", "repository", "source")
DOCS_FOLDER = Path(__file__).resolve().parent.parent / "docs" / "rules"  # in a clone of the repository
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.")


# -- links -----------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def project_urls() -> dict[str, str]:
    """`[project.urls]` of the installed nbfix, labels lower-cased; empty when there is none."""
    from importlib import metadata

    try:
        entries = metadata.metadata("nbfix").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return {}
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        if url.strip().startswith(("https://", "http://")):
            urls[label.strip().lower()] = url.strip()
    return urls


def rule_url(code: str) -> str | None:
    """The published page of a rule, when the package metadata says where its pages are."""
    base = project_urls().get(RULES_URL_LABEL)
    return f"{base.rstrip('/')}/{code}.md" if base else None


def home_url() -> str | None:
    urls = project_urls()
    return next((urls[label] for label in HOME_URL_LABELS if label in urls), None)


@functools.cache
def local_page_uri(code: str) -> str | None:
    """A `file:` URI of the rule's page in the clone nbfix runs from, if there is one."""
    page = DOCS_FOLDER / f"{code}.md"
    return page.as_uri() if page.is_file() else None


# -- text ------------------------------------------------------------------------------------------
def section(documentation: str, title: str) -> str:
    """The text under `## <title>` up to the next `## ` heading ("" when there is none)."""
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", documentation, re.M | re.S)
    return match.group(1).strip() if match else ""


def first_sentence(documentation: str) -> str:
    """The first sentence of "## What it does", whole: never cut inside a sentence or a code span.

    A sentence ends at `.`, `!` or `?` outside backticks and followed by a space,
    unless it ends an abbreviation (`e.g.`, `i.e.`, ...). A paragraph that ends in
    `:` before a list is one sentence, ended with a full stop.
    """
    paragraph = " ".join(section(documentation, "What it does").split("\n\n")[0].split())
    in_code = False
    for position, character in enumerate(paragraph):
        if character == "`":
            in_code = not in_code
            continue
        if in_code or character not in ".!?":
            continue
        if paragraph[position + 1 : position + 2] not in ("", " "):
            continue
        if paragraph[: position + 1].lower().endswith(_ABBREVIATIONS):
            continue
        return paragraph[: position + 1]
    paragraph = paragraph.rstrip(" :;,")
    return paragraph + "." if paragraph else ""


def rule_text(rule: type) -> str:
    """What `nbfix rule CODE` prints: the title, the rule's facts, and its documentation."""
    default = "On" if rule.default_enabled else "Off"
    return (
        f"# {rule.name} ({rule.code})\n\n"
        f"Severity: {rule.severity.value}. Fix: {rule.fix_availability}. {default} by default.\n\n"
        f"{rule.documentation()}\n"
    )


def _module_path(rule: type) -> str:
    return "fixer/rules/" + rule.__module__.rsplit(".", 1)[-1] + ".py"


def page(rule: type) -> str:
    """`docs/rules/<CODE>.md`."""
    return (
        rule_text(rule) + f"\n---\nGenerated from `{_module_path(rule)}` by `python -m nbfix.rule_docs`; "
        "see [all rules](README.md).\n"
    )


def index(rules: dict[str, type]) -> str:
    """`docs/rules/README.md`: every rule in a table."""
    lines = [
        "# nbfix rules",
        "",
        "Every rule nbfix has, generated from the rule modules by `python -m nbfix.rule_docs`",
        "(`nbfix rules` prints the same list, `nbfix rule NB001` one page). Fix: `safe` fixes are",
        "applied by `--write`, `unsafe` ones only with `--unsafe-fixes`, `none` means the rule never",
        "fixes; `safe / none`: some findings have a fix, others not. Rules that are off by default run",
        "only when selected by their code (`--extend-select NB010`) or with `--select ALL`.",
        "",
        "| Code | Name | Severity | Fix | Default | What it does |",
        "|---|---|---|---|---|---|",
    ]
    for code, rule in rules.items():
        summary = first_sentence(rule.documentation()).replace("|", "\\|")
        default = "on" if rule.default_enabled else "off"
        lines.append(
            f"| [{code}]({code}.md) | {rule.name} | {rule.severity.value} | "
            f"{rule.fix_availability} | {default} | {summary} |"
        )
    return "\n".join(lines) + "\n"


def expected_files() -> dict[str, str]:
    """File name in docs/rules/ -> its content."""
    from nbfix.rules import all_rules

    rules = all_rules()
    files = {f"{code}.md": page(rule) for code, rule in rules.items()}
    files["README.md"] = index(rules)
    return files


def write(folder: Path) -> list[str]:
    """Write the pages into `folder`, delete pages of rules that no longer exist; the names changed."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = expected_files()
    changed = []
    for name, content in expected.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8", newline="\n")
            changed.append(name)
    for path in folder.glob("*.md"):
        if path.name not in expected:
            path.unlink()
            changed.append(path.name)
    return changed


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("docs/rules")
    changed = write(folder)
    listed = f": {', '.join(changed)}" if changed else ""
    print(f"{folder}: {len(changed)} file(s) written or removed{listed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
