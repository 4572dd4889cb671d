"""`--add-noqa`: a suppression comment for every current finding, as a team adopts nbfix.

Each finding is silenced where nbfix reads suppressions: a comment at the end of
the line it starts on. The comment is written as the editor's "ignore" action
writes it (`nbfix.lsp.suppress`): the code is added to a `# nbfix: ignore[...]` or
`# noqa: ...` list already there, appended to any other comment, or written as
`  # nbfix: ignore[NB001]`. Nothing else changes: no code, no line ending (CRLF
and CR stay), no BOM. A line that cannot take a comment is left as it is and its
finding reported: its end is inside a string, it continues with a backslash, it
is a comment line of its own (the PEP 723 header) or in a cell that does not parse.

Before a file is written, the result is proven: its code (its `ast`, which holds
no comments) is the same as before, and checking it again finds exactly the
findings that could not be silenced. A second run finds nothing to add.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from nbfix.files import FileChanged, Target, read_source, write_fixed
from nbfix.loading import parse_notebook
from nbfix.report import FileReport, Finding
from nbfix.runner import Mode, Settings, analyze_source
from nbfix.source import SourceError
from nbfix.suppression import codes_in_comment

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@dataclass
class Outcome:
    """What adding the comments to one file did."""

    path: str
    added: int = 0  # findings silenced by a new or extended comment
    left: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, why it is not silenced)
    error: str | None = None


def _lines(text: str) -> list[str]:
    """The lines of `text` with their line breaks, split where Python's tokenizer splits them."""
    lines = _LINE.findall(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def _body(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body) :]


def _code_dump(text: str, path: str) -> str:
    return ast.dump(ast.parse(parse_notebook(text, path).parsable_text))


def commented(text: str, path: str, findings: list[Finding]) -> tuple[str, int, list[tuple[Finding, str]]]:
    """`text` with the comments that silence `findings`; how many it silences, and the others, with why."""
    from nbfix.lsp.suppress import LineComments, ignore_change

    notebook = parse_notebook(text, path)
    broken = {
        line
        for cell in notebook.broken_cells
        for line in range(cell.span.start_pos.line, cell.span.end_pos.line + 1)
    }
    info = LineComments.of(notebook.parsable_text)
    lines = _lines(text)
    added, left = 0, []
    comments: dict[int, tuple[int, str] | None] = {}
    for finding in findings:
        number = finding.start.line
        body, ending = _body(lines[number - 1]) if number <= len(lines) else ("", "")
        if number in broken:
            left.append((finding, "the cell does not parse"))
            continue
        if body.lstrip().startswith("#"):
            left.append((finding, "a comment line"))
            continue
        comment = comments.get(number, info.comments.get(number))
        if comment is not None and finding.code in (codes_in_comment(comment[1]) or ()):
            added += 1  # a second finding of the code on this line: the comment written for the first
            continue
        line_info = LineComments({number: comment} if comment else {}, info.ends_in_token)
        change = ignore_change(body, 0, number, finding.code, line_info)
        if change is None:
            left.append((finding, "the line cannot end in a comment (a string or a `\\` continues it)"))
            continue
        new_body = body[: change.start] + change.content + body[change.end :]
        column = comment[0] if comment else len(body.rstrip()) + 2
        comments[number] = (column, new_body[column:])
        lines[number - 1] = new_body + ending
        added += 1
    return "".join(lines), added, left


def add_noqa(report: FileReport, settings: Settings) -> Outcome:
    """Silence the findings of `report` (a check of the file) in the file, or say why not."""
    outcome = Outcome(report.path)
    path = Path(report.path)
    try:
        source = read_source(path)
    except SourceError as reason:
        outcome.error = str(reason)
        return outcome
    if source.digest != report.content_hash:
        outcome.error = "changed on disk since nbfix read it"
        return outcome
    new_text, added, left = commented(source.text, report.path, report.findings)
    outcome.left = left
    if not added:
        return outcome
    check = dataclasses.replace(settings, mode=Mode.CHECK, fix_edits=False)
    again = analyze_source(Target(path, explicit=True), dataclasses.replace(source, text=new_text), check)
    expected = sorted((f.start.line, f.code) for f, _ in left)
    if _code_dump(new_text, report.path) != _code_dump(source.text, report.path):
        outcome.error = "internal error: adding the comments would change the code; nothing written"
    elif sorted((f.start.line, f.code) for f in again.findings) != expected:
        outcome.error = "internal error: the comments would not silence the findings; nothing written"
    else:
        try:
            write_fixed(source, new_text)
            outcome.added = added
        except FileChanged as error:
            outcome.error = str(error)
        except OSError as error:
            outcome.error = f"cannot write: {error.strerror or error}"
    return outcome
