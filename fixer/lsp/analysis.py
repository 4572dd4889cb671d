"""What the server computes off the event loop: a buffer's diagnostics and its fixes.

Everything here runs in a worker thread on an immutable snapshot of the
buffer (its text and version), so nothing here needs a lock. Work that a
newer buffer version made useless is stopped cooperatively: the check and
the engine call the `CancelToken` before each rule and between the
diagnostics a rule yields (`check(checkpoint=...)`, `nbfix.hooks.FixHooks`),
and a cancelled token raises `Superseded`,
which unwinds through the engine (it is a BaseException, so no
`except Exception` on the way swallows it).
"""

from __future__ import annotations

import bisect
import importlib
import logging
import pkgutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from lsprotocol import types

from nbfix.config import ConfigError, notebook_selectors
from nbfix.diagnostics import Applicability, Diagnostic, FixUnavailable, Severity
from nbfix.engine import fix_notebook, is_applicable
from nbfix.files import looks_like_notebook
from nbfix.hooks import FixHooks
from nbfix.loading import UnparsableSource, parse_notebook
from nbfix.lsp.edits import TextChange, notebook_changes, shifted
from nbfix.lsp.positions import UTF16, PositionMap, byte_range, code_units
from nbfix.lsp.settings import Settings
from nbfix.lsp.suppress import LineComments, ignore_change
from nbfix.notebook import NotANotebook, Notebook
from nbfix.rule_docs import local_page_uri, rule_url
from nbfix.rules import Rule, check, select_rules
from nbfix.suppression import ignores_whole_file

logger = logging.getLogger(__name__)

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class Superseded(BaseException):  # noqa: N818 - a control-flow signal, like CancelledError
    """The buffer changed: the work in progress is for a version nobody will see."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Superseded


def rule_docs_url(diagnostic: Diagnostic) -> str | None:
    """The rule's page: published (see `nbfix.rule_docs`), else in the clone nbfix runs from, else none."""
    return rule_url(diagnostic.code) or local_page_uri(diagnostic.code)


def lsp_diagnostic(
    notebook: Notebook, diagnostic: Diagnostic, encoding: str, lead: str = ""
) -> types.Diagnostic:
    """The LSP form of a diagnostic; `lead` is text before the parsed source on the first line (a BOM)."""
    where = byte_range(notebook.index, diagnostic.span.start, diagnostic.span.end, encoding)
    shift = code_units(lead, encoding)
    for position in (where.start, where.end):
        if position.line == 0:
            position.character += shift
    url = rule_docs_url(diagnostic)
    return types.Diagnostic(
        range=where,
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source="nbfix",
    )


class FixFailed(Exception):
    """The fix could not be built or did not validate; the reason is for the user."""


@dataclass
class Analysis:
    """The diagnostics of one snapshot of a buffer, and the fixes computed on it since.

    `notebook` is None when the buffer is not a marimo notebook (`error` is
    None: publish nothing) or could not be analysed (`error` says why, e.g.
    a syntax error while the user is typing: keep what was published).
    """

    text: str
    version: int | None
    settings: Settings
    encoding: str
    notebook: Notebook | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lsp_diagnostics: list[types.Diagnostic] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    lead: str = ""  # a byte-order mark before the source: editors count it, Python does not
    # The rules this buffer is checked with: the settings', or its script header's `[tool.nbfix]`.
    rules: tuple[Rule, ...] | None = None
    header_error: str | None = None  # why the header's `[tool.nbfix]` is not used
    _fixes: dict[object, list[TextChange] | FixFailed] = field(default_factory=dict, repr=False)
    _cell_comments: dict[int, LineComments] = field(default_factory=dict, repr=False)

    @property
    def is_notebook(self) -> bool:
        return self.notebook is not None

    @property
    def checked_rules(self) -> tuple[Rule, ...]:
        return self.settings.rules if self.rules is None else self.rules

    def matches(self, text: str, settings: Settings, encoding: str) -> bool:
        return self.text == text and self.settings == settings and self.encoding == encoding

    @cached_property
    def comments(self) -> LineComments:
        return LineComments.of(self.text)

    @cached_property
    def positions(self) -> PositionMap:
        return PositionMap(self.text, self.encoding)

    def fix_available(self, position: int) -> bool:
        """The diagnostic's codemod builds an edit (cheap: one cell through libcst)."""
        fix = self.diagnostics[position].fix
        if fix is None:
            return False
        try:
            return bool(fix.edits)
        except FixUnavailable:
            return False
        except Exception:  # a codemod's bug must not take the other actions down
            logger.exception("building the fix of %s failed", self.diagnostics[position].code)
            return False

    def _changes(self, fixed: Notebook) -> list[TextChange]:
        """The changes from this snapshot's text to a fixed notebook's (which has no BOM)."""
        assert self.notebook is not None
        return shifted(notebook_changes(self.notebook, fixed), len(self.lead))

    def quick_fix(self, position: int, token: CancelToken) -> list[TextChange]:
        """The changes of one diagnostic's fix, proven the way `--write` proves it."""
        return self._cached(("quickfix", position), lambda: self._quick_fix(position, token))

    def fix_all(self, token: CancelToken) -> list[TextChange]:
        """The changes of the whole fix loop (`--write`, with the configured unsafe-fixes)."""
        return self._cached("fixall", lambda: self._fix_all(token))

    def ignore(self, position: int) -> TextChange | None:
        """The change that adds the diagnostic's code to its line's suppression comment."""
        assert self.notebook is not None
        diagnostic = self.diagnostics[position]
        line = diagnostic.span.start_pos.line
        line_text = self.notebook.index.line_text(line)
        line_start = self.positions.line_starts[line - 1] + (len(self.lead) if line == 1 else 0)
        return ignore_change(line_text, line_start, line, diagnostic.code, self._comments_of_line(line))

    def _comments_of_line(self, line: int) -> LineComments:
        """The comments of the cell holding the line (of the whole text outside cells).

        Tokenizing a 12,000-line buffer to find one line's comment took 130 ms
        of the first code action; a cell is tokenized on its own (its text
        starts a line at column 0 and no token crosses its ends).
        """
        assert self.notebook is not None
        index, cells = self.notebook.index, self.notebook.cells
        offset = index.line_start(line)
        position = bisect.bisect_right([cell.span.start for cell in cells], offset) - 1
        if position < 0 or offset >= cells[position].span.end:
            return self.comments
        if position not in self._cell_comments:
            span = cells[position].span
            source = index.data[span.start : span.end].decode("utf-8", errors="surrogatepass")
            self._cell_comments[position] = LineComments.of(source, index.line_of(span.start))
        return self._cell_comments[position]

    def _cached(self, key: object, compute: Callable[[], list[TextChange]]) -> list[TextChange]:
        """Each fix is computed once per snapshot; a failure is remembered too."""
        if key not in self._fixes:
            try:
                self._fixes[key] = compute()
            except FixFailed as failure:
                self._fixes[key] = failure
        result = self._fixes[key]
        if isinstance(result, FixFailed):
            raise result
        return result

    def _quick_fix(self, position: int, token: CancelToken) -> list[TextChange]:
        """The engine's fix loop with every fix filtered out but this diagnostic's.

        So the fix is applied, its cells re-signed and the result validated
        exactly as `--write` does (compile, re-lint, libcst, marimo's loader);
        a safe fix for a diagnostic that the fix itself brings up may follow
        (removing a `return` can leave an output that NB008 then shows), but
        no other diagnostic the buffer already had is touched.
        """
        assert self.notebook is not None
        original, chosen = self.notebook, self.diagnostics[position]
        if chosen.fix is None:
            raise FixFailed(f"{chosen.code} has no fix")
        existing = {d.key for d in self.diagnostics}
        unsafe = self.settings.unsafe_fixes

        def keep_fix(notebook: Notebook, diagnostic: Diagnostic) -> bool:
            if notebook is original:
                return (diagnostic.code, diagnostic.span, diagnostic.message) == (
                    chosen.code,
                    chosen.span,
                    chosen.message,
                )
            return diagnostic.key not in existing and (unsafe or is_safe(diagnostic))

        hooks = FixHooks(token.check, keep_fix, known=(original, self.diagnostics))
        outcome = fix_notebook(original, list(self.checked_rules), unsafe_fixes=True, hooks=hooks)
        if not outcome.changed:
            reasons = [d.reason for d in outcome.dropped if d.diagnostic.key == chosen.key]
            raise FixFailed(reasons[0] if reasons else "the fix could not be built on this text")
        return self._changes(outcome.notebook)

    def _fix_all(self, token: CancelToken) -> list[TextChange]:
        assert self.notebook is not None
        hooks = FixHooks(token.check, known=(self.notebook, self.diagnostics))
        outcome = fix_notebook(
            self.notebook, list(self.checked_rules), unsafe_fixes=self.settings.unsafe_fixes, hooks=hooks
        )
        return self._changes(outcome.notebook) if outcome.changed else []

    def has_applicable_fix(self) -> bool:
        return any(is_applicable(d, self.settings.unsafe_fixes) for d in self.diagnostics)


# A notebook with a fix that needs libcst, a codemod, re-signing and marimo's loader and linter.
_WARM_UP = """import marimo

app = marimo.App()


@app.cell
def _():
    x = 1
    return (x,)


@app.cell
def _():
    print("x is {x}")
    return
"""


def load_fix_modules() -> None:
    """Import what fixes use, by fixing a tiny notebook with every rule: libcst, codemods, marimo.

    Analysing a buffer imports neither libcst nor marimo; the first fix did,
    which made it take 0.6 s longer than the next ones (on a 2-core machine).
    The server runs this in its fix worker once it is initialized.
    """
    from nbfix import codemods

    for module in pkgutil.iter_modules(codemods.__path__):
        importlib.import_module(f"{codemods.__name__}.{module.name}")
    fix_notebook(Notebook.parse(_WARM_UP, "warm_up.py"), select_rules(["ALL"]), unsafe_fixes=True)


def is_safe(diagnostic: Diagnostic) -> bool:
    return diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.SAFE


def analyze(
    text: str,
    version: int | None,
    path: str,
    settings: Settings,
    token: CancelToken,
    encoding: str = UTF16,
) -> Analysis:
    """Lint a snapshot of a buffer; Superseded if the token is cancelled first."""
    started = time.perf_counter()
    lead = "\ufeff" if text.startswith("\ufeff") else ""
    analysis = Analysis(text, version, settings, encoding, lead=lead)
    token.check()
    source = text[len(lead) :]
    if not looks_like_notebook(source.encode("utf-8", errors="surrogatepass")):
        return analysis
    try:
        notebook = parse_notebook(source, path)
    except UnparsableSource as reason:
        analysis.error = str(reason)
        return analysis
    except NotANotebook:
        return analysis
    token.check()
    analysis.notebook = notebook
    if ignores_whole_file(source):
        return analysis  # a notebook with nothing to report
    try:
        header = notebook_selectors(source)
    except ConfigError as error:  # checked as if it had none; the server says why
        header, analysis.header_error = None, str(error)
    analysis.rules = settings.rules_for(header, path)
    analysis.diagnostics = check(notebook, analysis.rules, checkpoint=token.check)
    analysis.lsp_diagnostics = [lsp_diagnostic(notebook, d, encoding, lead) for d in analysis.diagnostics]
    analysis.seconds = time.perf_counter() - started
    return analysis
