"""Suppression comments: `# nbfix: ignore[NB007]`, `# noqa: NB007`, `# nbfix: ignore`.

A comment at the end of the line a diagnostic is reported on silences it there.
Comments are found with the tokenizer, so a `#` inside a string never counts.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass

from nbfix.diagnostics import Diagnostic
from nbfix.notebook import Notebook

_NBFIX = re.compile(r"#\s*nbfix:\s*ignore(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)
_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)

ALL_CODES = frozenset({"*"})
_IGNORE_FILE = re.compile(r"^[ \t]*#[ \t]*nbfix:[ \t]*ignore-file[ \t]*$", re.MULTILINE | re.IGNORECASE)


def ignores_whole_file(text: str) -> bool:
    """A comment line `# nbfix: ignore-file` anywhere turns every rule off for the file."""
    return "ignore-file" in text and _IGNORE_FILE.search(text) is not None


def codes_in_comment(comment: str) -> frozenset[str] | None:
    """The codes a comment silences (`ALL_CODES` for all), or None."""
    for pattern in (_NBFIX, _NOQA):
        match = pattern.search(comment)
        if match:
            codes = match.group("codes")
            if not codes:
                return ALL_CODES
            return frozenset(c.strip().upper() for c in re.split(r"[\s,]+", codes) if c.strip())
    return None


@dataclass(frozen=True)
class Suppressions:
    by_line: dict[int, frozenset[str]]

    @classmethod
    def of(cls, notebook: Notebook) -> Suppressions:
        if "nbfix" not in notebook.text and "noqa" not in notebook.text:
            return cls({})
        by_line: dict[int, frozenset[str]] = {}
        # A cell that does not parse may stop the tokenizer: the rest of the file
        # is read without it, and it is read on its own, as far as it goes.
        pieces = [(notebook.parsable_text, 0)]
        for cell in notebook.broken_cells:
            source = notebook.index.data[cell.span.start : cell.span.end].decode("utf-8")
            pieces.append((source, cell.span.start_pos.line - 1))
        for text, shift in pieces:
            try:
                for token in tokenize.generate_tokens(io.StringIO(text).readline):
                    if token.type == tokenize.COMMENT:
                        codes = codes_in_comment(token.string)
                        if codes is not None:
                            by_line[token.start[0] + shift] = codes
            except (tokenize.TokenError, SyntaxError):
                pass
        return cls(by_line)

    def silences(self, diagnostic: Diagnostic) -> bool:
        codes = self.by_line.get(diagnostic.span.start_pos.line)
        return codes is not None and (codes is ALL_CODES or diagnostic.code in codes)
