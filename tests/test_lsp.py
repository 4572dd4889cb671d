"""The language server as an editor meets it: a real client drives `python -m nbfix.lsp` over stdio.

Every end-to-end test opens a buffer, waits for the server's diagnostics for
a given document version, asks for code actions, applies the returned edit
to the buffer the way an editor does (UTF-16 columns, converted here by code
independent of the server's), sends the new text and checks the next
publication. Waits are bounded; the server's `$/logTrace` lines (tracing is
on) are the synchronisation points, never sleeps.
"""

from __future__ import annotations

import asyncio
import re
import sys
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types
from notebooks import FOOTER, HEADER
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient

from nbfix.config import Config
from nbfix.engine import fix_notebook
from nbfix.lsp.analysis import CancelToken, analyze
from nbfix.lsp.edits import apply_changes, notebook_changes, piecewise_changes, text_changes
from nbfix.lsp.positions import UTF8, UTF16, UTF32, PositionMap, byte_position, code_units
from nbfix.lsp.settings import ClientSettings, resolve
from nbfix.lsp.suppress import LineComments, ignore_change
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.source import LineIndex
from nbfix.suppression import codes_in_comment

ROOT = Path(__file__).resolve().parent.parent
WAIT = 60.0  # seconds: generous bound for a loaded CI machine; a passing run takes far less
T = TypeVar("T")

GPU_CHECK = (ROOT / "examples" / "gpu_check.py").read_text()
UNICODE = (
    HEADER
    + '@app.cell\ndef _():\n    name = "Zoë"\n    return (name,)\n\n\n'
    + '@app.cell\ndef _(name):\n    note = "é🎉"; greeting = "hi {name}"\n    return\n'
    + FOOTER
)
NOT_A_NOTEBOOK = "import os\n\nprint(os.getcwd())\n"


# -- a client that records what the server sends ------------------------------------------------


@dataclass
class Published:
    uri: str
    version: int | None
    diagnostics: list[types.Diagnostic]
    received: float


@dataclass
class Session:
    """One server process and the client talking to it, on a private event loop."""

    loop: asyncio.AbstractEventLoop
    client: LanguageClient
    published: list[Published] = field(default_factory=list)
    traces: list[str] = field(default_factory=list)
    messages: list[types.ShowMessageParams] = field(default_factory=list)
    configuration: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    result: types.InitializeResult | None = None

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(asyncio.wait_for(coroutine, WAIT))

    async def until(self, predicate: Callable[[], T | None]) -> T:
        """Poll the received messages until `predicate` returns something."""
        while True:
            result = predicate()
            if result:
                return result
            await asyncio.sleep(0.005)

    # documents

    def open(self, uri: str, text: str) -> None:
        self.versions[uri] = 1
        self.texts[uri] = text
        item = types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return self.versions[uri]

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    def published_for(self, uri: str, version: int | None = None) -> list[Published]:
        return [p for p in self.published if p.uri == uri and (version is None or p.version == version)]

    async def diagnostics(self, uri: str, version: int | None = None) -> list[types.Diagnostic]:
        """The diagnostics published for the document's current (or the given) version."""
        version = self.versions[uri] if version is None else version
        found = await self.until(lambda: self.published_for(uri, version))
        return found[-1].diagnostics

    async def trace(self, pattern: str) -> str:
        return await self.until(lambda: next((t for t in self.traces if re.search(pattern, t)), None))

    # code actions

    async def code_actions(
        self, uri: str, at: types.Range, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        params = types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=at,
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
        return list(await self.client.text_document_code_action_async(params) or [])

    async def resolved(self, action: types.CodeAction) -> types.CodeAction:
        if action.edit is None:
            action = await self.client.code_action_resolve_async(action)
        assert action.edit is not None, action.title
        return action

    async def apply(self, uri: str, action: types.CodeAction) -> tuple[str, list[types.TextEdit]]:
        """Apply a code action's edit to the buffer as an editor does; send the new text."""
        action = await self.resolved(action)
        edit = action.edit
        assert edit is not None
        if edit.document_changes:
            (document_edit,) = edit.document_changes
            assert isinstance(document_edit, types.TextDocumentEdit)
            assert document_edit.text_document.uri == uri
            assert document_edit.text_document.version == self.versions[uri]
            edits = list(document_edit.edits)
        else:
            assert edit.changes is not None
            edits = list(edit.changes[uri])
        new_text = apply_text_edits(self.texts[uri], edits)  # type: ignore[arg-type]
        self.change(uri, new_text)
        return new_text, edits  # type: ignore[return-value]


CLIENT_CAPABILITIES = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        code_action=types.CodeActionClientCapabilities(
            resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])
        )
    ),
    workspace=types.WorkspaceClientCapabilities(
        workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
        configuration=True,
    ),
)
# An older client: edits computed eagerly, plain `changes`.
EAGER_CLIENT_CAPABILITIES = types.ClientCapabilities(
    workspace=types.WorkspaceClientCapabilities(configuration=True)
)


async def _start(
    session_loop: asyncio.AbstractEventLoop,
    capabilities: types.ClientCapabilities,
    initialization_options: dict[str, Any] | None,
) -> Session:
    client = LanguageClient(converter_factory=default_converter)
    session = Session(session_loop, client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        session.published.append(
            Published(params.uri, params.version, list(params.diagnostics), time.perf_counter())
        )

    @client.feature(types.LOG_TRACE)
    def on_trace(params: types.LogTraceParams) -> None:
        session.traces.append(params.message)

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def on_message(params: types.ShowMessageParams) -> None:
        session.messages.append(params)

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:
        pass

    @client.feature(types.WORKSPACE_CONFIGURATION)
    def on_configuration(params: types.ConfigurationParams) -> list[Any]:
        return [session.configuration.get(item.section or "") for item in params.items]

    await client.start_io(sys.executable, "-m", "nbfix.lsp", cwd=str(ROOT))
    session.result = await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            trace=types.TraceValue.Verbose,
            initialization_options=initialization_options,
        )
    )
    return session


def _session(
    capabilities: types.ClientCapabilities, initialization_options: dict[str, Any] | None = None
) -> Any:
    loop = asyncio.new_event_loop()
    session = loop.run_until_complete(
        asyncio.wait_for(_start(loop, capabilities, initialization_options), WAIT)
    )
    yield session
    try:
        loop.run_until_complete(asyncio.wait_for(session.client.shutdown_session(), WAIT))
    finally:
        loop.run_until_complete(session.client.stop())
        loop.close()


@pytest.fixture(scope="module")
def lsp() -> Any:
    yield from _session(CLIENT_CAPABILITIES)


# -- the editor's side of positions: independent of nbfix.lsp.positions ----------------------------


def _offset(text: str, position: types.Position) -> int:
    lines = re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", text)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return start + index
        units += 2 if ord(char) > 0xFFFF else 1
    return start + len(line.rstrip("\r\n"))


def apply_text_edits(text: str, edits: list[types.TextEdit]) -> str:
    spans = sorted((_offset(text, e.range.start), _offset(text, e.range.end), e.new_text) for e in edits)
    for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False):
        assert end <= start, "overlapping edits"
    for start, end, new_text in reversed(spans):
        text = text[:start] + new_text + text[end:]
    return text


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected(text: str, select: list[str] | None = None, ignore: tuple[str, ...] = ()) -> list[tuple]:
    """What the CLI reports for the text, as (code, line, character, end line, end character)."""
    notebook = Notebook.parse(text)
    found = []
    for diagnostic in check(notebook, select_rules(select, ignore)):
        start, end = diagnostic.span.start_pos, diagnostic.span.end_pos
        start_line = notebook.index.line_text(start.line)[: start.column - 1]
        end_line = notebook.index.line_text(end.line)[: end.column - 1]
        found.append((diagnostic.code, start.line - 1, utf16(start_line), end.line - 1, utf16(end_line)))
    return found


def summary(diagnostics: list[types.Diagnostic]) -> list[tuple]:
    return [
        (d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in diagnostics
    ]


def at(diagnostic: types.Diagnostic) -> types.Range:
    """A cursor at the start of the diagnostic, where a user clicks the lightbulb."""
    return types.Range(start=diagnostic.range.start, end=diagnostic.range.start)


# -- end to end --------------------------------------------------------------------------------


def test_initialize_advertises_full_sync_and_code_actions(lsp: Session) -> None:
    assert lsp.result is not None
    capabilities = lsp.result.capabilities
    assert capabilities.position_encoding == UTF16
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Full
    assert capabilities.text_document_sync.save
    options = capabilities.code_action_provider
    assert set(options.code_action_kinds) == {"quickfix", "source.fixAll.nbfix"}
    assert options.resolve_provider


def test_diagnostics_on_open_match_the_cli(lsp: Session) -> None:
    uri = "file:///virtual/gpu_check.py"
    lsp.open(uri, GPU_CHECK)
    diagnostics = lsp.run(lsp.diagnostics(uri))
    assert summary(diagnostics) == expected(GPU_CHECK)
    assert [d.code for d in diagnostics] == ["NB005", "NB001", "NB001", "NB001"]
    nb001 = diagnostics[1]
    assert nb001.range == types.Range(types.Position(28, 8), types.Position(28, 22))  # `return backend`
    assert nb001.severity == types.DiagnosticSeverity.Error
    assert diagnostics[0].severity == types.DiagnosticSeverity.Warning
    assert {d.source for d in diagnostics} == {"nbfix"}
    # The rule's page in docs/rules/ (no package metadata names a published one).
    assert all(d.code_description and d.code_description.href.endswith(f"/{d.code}.md") for d in diagnostics)
    assert lsp.published_for(uri)[-1].version == 1
    lsp.close(uri)
    assert lsp.run(lsp.until(lambda: lsp.published_for(uri, None)[-1].diagnostics == [])) is True


def test_quick_fix_removes_its_diagnostic(lsp: Session) -> None:
    uri = "file:///virtual/quickfix.py"
    lsp.open(uri, GPU_CHECK)
    diagnostics = lsp.run(lsp.diagnostics(uri))
    target = diagnostics[1]
    actions = lsp.run(lsp.code_actions(uri, at(target)))
    titles = [a.title for a in actions]
    assert titles[0] == "nbfix (NB001): Remove the returns from the cell body"
    assert "nbfix: ignore NB001 on this line" in titles
    quick_fix = actions[0]
    assert quick_fix.kind == types.CodeActionKind.QuickFix and quick_fix.is_preferred
    assert quick_fix.edit is None  # this client resolves edits lazily
    fixed, edits = lsp.run(lsp.apply(uri, quick_fix))
    # Minimal edits, never a whole-document replace.
    assert all(e.range.end.line - e.range.start.line <= 2 for e in edits)
    assert sum(len(e.new_text) for e in edits) < 40
    after = lsp.run(lsp.diagnostics(uri))
    assert summary(after) == expected(fixed)
    assert not any(d.code == "NB001" and d.range.start.line in (28, 31) for d in after)
    # The fix is the one `--write` makes for that cell: nothing else changed.
    assert "    return (backend,)\n" in fixed and "# GPU dataframes" in fixed
    lsp.close(uri)


def test_menus_for_other_diagnostics_do_not_lose_a_fix(lsp: Session) -> None:
    """Each menu starts proving its fixes and cancels the previous menu's: every pick still resolves."""
    uri = "file:///virtual/menus.py"
    lsp.open(uri, GPU_CHECK)
    diagnostics = lsp.run(lsp.diagnostics(uri))
    fixable = []
    for diagnostic in diagnostics:
        actions = lsp.run(lsp.code_actions(uri, at(diagnostic)))
        fixable += [a for a in actions if a.title.startswith(f"nbfix ({diagnostic.code})")][:1]
    assert len(fixable) >= 3
    resolved = [lsp.run(lsp.resolved(action)) for action in reversed(fixable)]
    assert all(action.edit is not None for action in resolved)
    fixed, _ = lsp.run(lsp.apply(uri, fixable[0]))
    assert summary(lsp.run(lsp.diagnostics(uri))) == expected(fixed)
    lsp.close(uri)


def test_fix_all_matches_the_engine(lsp: Session) -> None:
    uri = "file:///virtual/fixall.py"
    lsp.open(uri, GPU_CHECK)
    lsp.run(lsp.diagnostics(uri))
    cursor = types.Range(types.Position(0, 0), types.Position(0, 0))
    actions = lsp.run(lsp.code_actions(uri, cursor, only=[types.CodeActionKind.SourceFixAll]))
    assert [a.kind for a in actions] == ["source.fixAll.nbfix"]
    fixed, edits = lsp.run(lsp.apply(uri, actions[0]))
    assert len(edits) > 1  # one per changed region
    assert fixed == fix_notebook(Notebook.parse(GPU_CHECK), select_rules()).notebook.text
    assert lsp.run(lsp.diagnostics(uri)) == []
    lsp.close(uri)


def test_ignore_action_adds_a_suppression_comment(lsp: Session) -> None:
    uri = "file:///virtual/ignore.py"
    lsp.open(uri, UNICODE)
    diagnostics = lsp.run(lsp.diagnostics(uri))
    nb007 = next(d for d in diagnostics if d.code == "NB007")
    actions = lsp.run(lsp.code_actions(uri, at(nb007)))
    ignore = next(a for a in actions if a.title == "nbfix: ignore NB007 on this line")
    assert ignore.edit is not None  # cheap: always computed at once
    fixed, edits = lsp.run(lsp.apply(uri, ignore))
    (edit,) = edits
    assert edit.range.start == edit.range.end  # a pure insertion at the end of the line
    assert edit.new_text == "  # nbfix: ignore[NB007]"
    assert '    note = "é🎉"; greeting = "hi {name}"  # nbfix: ignore[NB007]\n' in fixed
    after = lsp.run(lsp.diagnostics(uri))
    assert summary(after) == expected(fixed)
    assert "NB007" not in [d.code for d in after]
    lsp.close(uri)


def test_non_ascii_line_lands_on_the_right_character(lsp: Session) -> None:
    uri = "file:///virtual/unicode.py"
    lsp.open(uri, UNICODE)
    diagnostics = lsp.run(lsp.diagnostics(uri))
    nb007 = next(d for d in diagnostics if d.code == "NB007")
    line = UNICODE.splitlines()[nb007.range.start.line]
    prefix = '    note = "é🎉"; greeting = '
    assert line.startswith(prefix)
    # 28 characters, 29 UTF-16 code units: the emoji counts twice, the "é" once.
    assert nb007.range.start.character == utf16(prefix) == 29
    assert nb007.range.end.character == utf16(prefix + '"hi {name}"')
    actions = lsp.run(lsp.code_actions(uri, at(nb007)))
    fixed, edits = lsp.run(lsp.apply(uri, actions[0]))
    assert [(e.range.start.character, e.new_text) for e in edits] == [(29, "f")]
    assert '    note = "é🎉"; greeting = f"hi {name}"\n' in fixed
    assert lsp.run(lsp.diagnostics(uri)) == []  # the signatures were right for the f-string
    lsp.close(uri)


def test_byte_order_mark_is_kept_and_counted(lsp: Session) -> None:
    uri = "file:///virtual/bom.py"
    lsp.open(uri, "\ufeff" + UNICODE)
    diagnostics = lsp.run(lsp.diagnostics(uri))
    assert summary(diagnostics) == expected(UNICODE)  # the BOM is on line 0 only
    nb007 = next(d for d in diagnostics if d.code == "NB007")
    fixed, _ = lsp.run(lsp.apply(uri, lsp.run(lsp.code_actions(uri, at(nb007)))[0]))
    assert fixed == "\ufeff" + UNICODE.replace('"hi {name}"', 'f"hi {name}"')
    assert lsp.run(lsp.diagnostics(uri)) == []
    lsp.close(uri)


def test_other_documents_get_no_diagnostics(lsp: Session, tmp_path: Path) -> None:
    plain = "file:///virtual/plain.py"
    lsp.open(plain, NOT_A_NOTEBOOK)
    lsp.run(lsp.trace(r"not a marimo notebook: file:///virtual/plain\.py v1"))
    header_error = "file:///virtual/header.py"
    lsp.open(header_error, GPU_CHECK.replace("app = marimo.App(", "app = marimo.App(("))
    lsp.run(lsp.trace(r"not published: file:///virtual/header\.py v1: syntax error"))
    assert lsp.published_for(plain) == [] and lsp.published_for(header_error) == []
    lsp.close(plain)
    lsp.close(header_error)


def test_a_cell_with_a_syntax_error_is_reported_and_the_others_still_checked(lsp: Session) -> None:
    """NB025: half-typed code in one cell is a diagnostic there; the other cells keep theirs."""
    broken = GPU_CHECK.replace("def _(importlib):", "def _(importlib)")
    uri = "file:///virtual/broken.py"
    lsp.open(uri, broken)
    diagnostics = lsp.run(lsp.diagnostics(uri))
    assert summary(diagnostics) == expected(broken)
    codes = [d.code for d in diagnostics]
    assert "NB025" in codes and len(codes) > 1, codes
    lsp.close(uri)


def test_buffer_not_disk_and_save_republishes(lsp: Session, tmp_path: Path) -> None:
    path = tmp_path / "on_disk.py"
    path.write_text(GPU_CHECK)  # the file on disk has problems; the buffer is clean
    uri = path.as_uri()
    clean = fix_notebook(Notebook.parse(GPU_CHECK), select_rules()).notebook.text
    lsp.open(uri, clean)
    assert lsp.run(lsp.diagnostics(uri)) == []
    version = lsp.change(uri, GPU_CHECK)
    assert len(lsp.run(lsp.diagnostics(uri, version))) == 4
    count = len(lsp.published_for(uri))
    lsp.save(uri)
    lsp.run(lsp.until(lambda: len(lsp.published_for(uri)) > count))
    lsp.close(uri)


def test_unsafe_quick_fix_is_offered_but_not_preferred(lsp: Session) -> None:
    uri = "file:///virtual/typo.py"
    text = (ROOT / "corpus" / "NB002" / "typo_unsafe.py").read_text()
    lsp.open(uri, text)
    (nb002,) = lsp.run(lsp.diagnostics(uri))
    actions = lsp.run(lsp.code_actions(uri, at(nb002)))
    fix = actions[0]
    assert fix.title.endswith("(unsafe)") and not fix.is_preferred
    # unsafe-fixes is off: fix-all has nothing to apply, so it is not offered.
    assert "source.fixAll.nbfix" not in [a.kind for a in actions]
    fixed, _ = lsp.run(lsp.apply(uri, fix))
    assert fixed == (ROOT / "corpus" / "NB002" / "typo_unsafe.unsafe.fixed.py").read_text()
    assert lsp.run(lsp.diagnostics(uri)) == []
    lsp.close(uri)


def test_project_configuration_file_is_respected(lsp: Session, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.nbfix]\nselect = ["NB016", "NB007"]\n'
        '[tool.nbfix.per-file-ignores]\n"scratch/*.py" = ["NB007"]\n'
    )
    (tmp_path / "scratch").mkdir()  # NB016 (off by default): the parameter `name` is not read
    uri = (tmp_path / "notebook.py").as_uri()
    lsp.open(uri, UNICODE)
    assert {d.code for d in lsp.run(lsp.diagnostics(uri))} == {"NB016", "NB007"}
    scratch = (tmp_path / "scratch" / "notebook.py").as_uri()
    lsp.open(scratch, UNICODE)
    assert {d.code for d in lsp.run(lsp.diagnostics(scratch))} == {"NB016"}
    # A file-wide suppression empties the list.
    version = lsp.change(uri, "# nbfix: ignore-file\n" + UNICODE)
    assert lsp.run(lsp.diagnostics(uri, version)) == []
    lsp.close(uri)
    lsp.close(scratch)


def test_notebook_header_configuration_is_respected(lsp: Session, tmp_path: Path) -> None:
    """`[tool.nbfix]` in the buffer's script header, read at every analysis; a broken one is said once."""
    header = '# /// script\n# dependencies = ["marimo"]\n# [tool.nbfix]\n# ignore = ["NB007"]\n# ///\n'
    uri = (tmp_path / "notebook.py").as_uri()
    lsp.open(uri, UNICODE)
    assert "NB007" in {d.code for d in lsp.run(lsp.diagnostics(uri))}
    version = lsp.change(uri, header + UNICODE)
    assert "NB007" not in {d.code for d in lsp.run(lsp.diagnostics(uri, version))}
    version = lsp.change(uri, header.replace("NB007", "NB998") + UNICODE)
    assert "NB007" in {d.code for d in lsp.run(lsp.diagnostics(uri, version))}  # as if it had none
    message = lsp.run(lsp.until(lambda: next((m for m in lsp.messages if "NB998" in m.message), None)))
    assert message.type == types.MessageType.Error and "script header" in message.message
    lsp.close(uri)


def test_broken_configuration_file_is_reported_once(lsp: Session, tmp_path: Path) -> None:
    (tmp_path / "nbfix.toml").write_text('select = ["NB999"]\n')
    uri = (tmp_path / "notebook.py").as_uri()
    lsp.open(uri, GPU_CHECK)
    assert summary(lsp.run(lsp.diagnostics(uri))) == expected(GPU_CHECK)  # the defaults
    message = lsp.run(lsp.until(lambda: next((m for m in lsp.messages if "NB999" in m.message), None)))
    assert message.type == types.MessageType.Error and "nbfix.toml" in message.message
    lsp.save(uri)
    lsp.run(lsp.until(lambda: len(lsp.published_for(uri)) > 1))
    assert len([m for m in lsp.messages if "NB999" in m.message]) == 1
    lsp.close(uri)


# -- settings, and a client that cannot resolve code actions ---------------------------------------


@pytest.fixture(scope="module")
def configured() -> Any:
    yield from _session(EAGER_CLIENT_CAPABILITIES, {"select": ["NB001", "NB002"], "unsafe-fixes": True})


def test_initialization_options_select_rules(configured: Session) -> None:
    uri = "file:///virtual/selected.py"
    configured.open(uri, GPU_CHECK)
    diagnostics = configured.run(configured.diagnostics(uri))
    assert summary(diagnostics) == expected(GPU_CHECK, ["NB001", "NB002"])
    assert {d.code for d in diagnostics} == {"NB001"}
    configured.close(uri)


def test_eager_client_gets_edits_and_unsafe_fix_all(configured: Session) -> None:
    uri = "file:///virtual/eager.py"
    text = (ROOT / "corpus" / "NB002" / "typo_unsafe.py").read_text()
    configured.open(uri, text)
    (nb002,) = configured.run(configured.diagnostics(uri))
    actions = configured.run(configured.code_actions(uri, at(nb002)))
    assert all(a.edit is not None and a.edit.changes for a in actions)  # no resolve, no versions
    assert "source.fixAll.nbfix" not in [a.kind for a in actions]  # too costly to compute unasked
    actions = configured.run(configured.code_actions(uri, at(nb002), only=["source"]))
    assert [a.kind for a in actions] == ["source.fixAll.nbfix"]
    fixed, _ = configured.run(configured.apply(uri, actions[0]))  # unsafe-fixes is on
    assert fixed == (ROOT / "corpus" / "NB002" / "typo_unsafe.unsafe.fixed.py").read_text()
    configured.close(uri)


def test_configuration_change_republishes(configured: Session) -> None:
    uri = "file:///virtual/reconfigured.py"
    configured.open(uri, GPU_CHECK)
    assert {d.code for d in configured.run(configured.diagnostics(uri))} == {"NB001"}
    count = len(configured.published_for(uri))
    configured.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"nbfix": {"select": ["NB005"]}})
    )
    configured.run(configured.until(lambda: len(configured.published_for(uri)) > count))
    assert {d.code for d in configured.published_for(uri)[-1].diagnostics} == {"NB005"}
    # The pull model: the notification carries nothing, the server asks.
    count = len(configured.published_for(uri))
    configured.configuration["nbfix"] = {"select": ["NB0"], "ignore": "NB005"}
    configured.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    configured.run(configured.until(lambda: len(configured.published_for(uri)) > count))
    assert {d.code for d in configured.published_for(uri)[-1].diagnostics} == {"NB001"}
    # A bad code is reported and changes nothing.
    configured.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"select": ["NB999"]})
    )
    message = configured.run(
        configured.until(lambda: configured.messages[-1] if configured.messages else None)
    )
    assert message.type == types.MessageType.Error and "NB999" in message.message
    configured.close(uri)


# -- a large notebook: typing supersedes the analysis in progress ----------------------------------


def large_notebook(cells: int = 150) -> str:
    """About 20 lines a cell, canonical signatures, varied statements, non-ASCII comments."""
    parts = [HEADER, "@app.cell\ndef _():\n    import marimo as mo\n    return (mo,)\n\n\n"]
    for i in range(cells):
        parts.append(
            f"@app.cell\ndef _(mo):\n"
            f"    values_{i} = [k * {i} for k in range(10)]  # café ✓\n"
            f"    total_{i} = sum(values_{i})\n"
            f"    table_{i} = {{str(k): v for k, v in enumerate(values_{i})}}\n\n"
            f"    def helper_{i}(x, scale={i}):\n"
            f'        """Scale x."""\n'
            f"        if x > scale:\n"
            f"            return x * scale\n"
            f"        return x + scale\n\n"
            f"    results_{i} = [helper_{i}(v) for v in values_{i} if v % 2 == 0]\n"
            f"    for key_{i}, item_{i} in table_{i}.items():\n"
            f"        _scratch = (key_{i}, item_{i})\n"
            f'    summary_{i} = f"{{total_{i}}} over {{len(results_{i})}} rows"\n'
            f'    mo.md(f"**{{summary_{i}}}** — {{table_{i}}}")\n'
            f"    return\n\n\n"
        )
    parts.append(FOOTER.lstrip("\n"))
    return "".join(parts)


def test_typing_into_a_large_notebook_supersedes_stale_work(lsp: Session) -> None:
    uri = "file:///virtual/large.py"
    text = large_notebook(600)
    assert text.count("\n") >= 12000
    lsp.open(uri, text)
    assert lsp.run(lsp.diagnostics(uri)) == []

    # A change arrives while the analysis of the previous one runs: that analysis stops
    # and its result is never published. (On 12,000 lines the analysis takes most of a
    # second, and its first check for a newer text comes after the parse, a few hundred
    # milliseconds in; the trace-and-change round trip takes a few. On 3,000 lines the
    # analysis got fast enough to finish first on a busy machine.)
    v2 = lsp.change(uri, text.replace("# café ✓", "# café ✓!", 1))
    lsp.run(lsp.trace(rf"analysis started: {re.escape(uri)} v{v2}$"))
    broken = text.replace('"**{summary_42}**', '"**{summary_42}**" + "{total_42}', 1)
    sent = time.perf_counter()
    v3 = lsp.change(uri, broken)
    lsp.run(lsp.trace(rf"analysis superseded: {re.escape(uri)} v{v2} after"))
    diagnostics = lsp.run(lsp.diagnostics(uri, v3))
    latency = lsp.published_for(uri, v3)[-1].received - sent
    assert summary(diagnostics) == expected(broken)
    assert any(d.code == "NB007" for d in diagnostics)
    assert lsp.published_for(uri, v2) == []

    # A burst of keystrokes, faster than the debounce: one analysis, for the last text.
    lines = broken.split("\n")
    comment = next(number for number, line in enumerate(lines) if line.endswith("# café ✓"))
    burst = []
    for key in "abcdefghij":
        lines[comment] += key  # typing into a comment
        burst.append(lsp.change(uri, "\n".join(lines)))
        sent = time.perf_counter()
    last = burst[-1]
    after_burst = lsp.run(lsp.diagnostics(uri, last))
    typing_latency = lsp.published_for(uri, last)[-1].received - sent
    assert after_burst == diagnostics  # only a comment changed
    started = [t for t in lsp.traces if re.match(rf"analysis started: {re.escape(uri)} v(\d+)$", t)]
    assert [t for t in started if int(t.rsplit("v", 1)[1]) in burst] == [f"analysis started: {uri} v{last}"]
    assert all(lsp.published_for(uri, version) == [] for version in burst[:-1])
    print(
        f"\n{text.count(chr(10))} lines: change during an analysis -> diagnostics {latency * 1000:.0f} ms;"
        f" last keystroke of a burst -> diagnostics {typing_latency * 1000:.0f} ms"
    )
    lsp.close(uri)


# -- units: positions, edits, ignore comments ----------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(["a", " ", "é", "🎉", "\n", "\r", "中", "#"]), max_size=40)


@given(_TEXT, st.data())
def test_positions_round_trip_in_every_encoding(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1  # between "\r" and "\n" is not a position
    for encoding in (UTF8, UTF16, UTF32):
        positions = PositionMap(text, encoding)
        position = positions.position(offset)
        assert positions.offset(position) == offset
    position = PositionMap(text, UTF16).position(offset)
    assert _offset(text, position) == offset  # agrees with the editor's side above


@given(_TEXT, st.data())
def test_byte_positions_match_character_positions(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1
    index = LineIndex.of_text(text)
    byte_offset = len(text[:offset].encode())
    assert byte_position(index, byte_offset) == PositionMap(text).position(offset)


def test_code_units() -> None:
    assert [code_units("é🎉", e) for e in (UTF8, UTF16, UTF32)] == [6, 3, 2]


@given(_TEXT, _TEXT)
def test_text_changes_are_minimal_and_correct(old: str, new: str) -> None:
    changes = text_changes(old, new)
    assert apply_changes(old, changes) == new
    assert all(a.end <= b.start for a, b in zip(changes, changes[1:], strict=False))
    for change in changes:  # trimmed: the ends of each change differ from the old text
        replaced = old[change.start : change.end]
        assert not (replaced and change.content and replaced[0] == change.content[0] and "\r" not in replaced)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a = 1\r\nb = 2\r\n", "a = 1\r\nc = 3\r\nb = 2\r\n"),
        ("a = 1\r\n", "a = 1\r\r\n"),
        ("a\r\nb", "a\nb"),
        ("x\r\n", "x\r"),
    ],
)
def test_text_changes_never_split_a_crlf(old: str, new: str) -> None:
    changes = text_changes(old, new)
    assert apply_changes(old, changes) == new
    for change in changes:
        for boundary in (change.start, change.end):
            assert old[boundary - 1 : boundary + 1] != "\r\n"


_LINES = ["a = 1\n", "\r\n", "\n", "@app.cell\n", "é🎉 = 2\r\n", "b", "\r"]
_PIECES = st.lists(st.sampled_from(_LINES), max_size=12)


@given(_PIECES, _PIECES, st.data())
def test_piecewise_changes_give_the_new_text_whatever_the_cuts(
    old_pieces: list[str], new_pieces: list[str], data: st.DataObject
) -> None:
    old, new = "".join(old_pieces), "".join(new_pieces)
    old_cuts = data.draw(st.lists(st.integers(-1, len(old) + 1), max_size=6))
    new_cuts = data.draw(st.lists(st.integers(-1, len(new) + 1), max_size=6))
    changes = piecewise_changes(old, old_cuts, new, new_cuts)
    assert apply_changes(old, changes) == new
    assert all(a.end <= b.start for a, b in zip(changes, changes[1:], strict=False))
    for change in changes:
        for boundary in (change.start, change.end):
            assert old[boundary - 1 : boundary + 1] != "\r\n"


def _fixed(text: str, select: list[str] | None = None) -> tuple[Notebook, Notebook]:
    notebook = Notebook.parse(text)
    outcome = fix_notebook(notebook, select_rules(select or ["ALL"], ()), unsafe_fixes=True)
    assert outcome.changed
    return notebook, outcome.notebook


@pytest.mark.parametrize(
    "case",
    [
        "NB001/crlf.py",  # CRLF line ends; the fix removes lines and re-signs the cell
        "NB001/if_elif_else.py",
        "NB005/missing_param.py",
        "NB007/crlf.py",  # a one-character insertion
        "NB007/async_cell.py",
    ],
)
def test_edits_confined_to_rewritten_cells_equal_the_whole_document_diff(case: str) -> None:
    notebook, fixed = _fixed((ROOT / "corpus" / case).read_bytes().decode())
    changes = notebook_changes(notebook, fixed)
    assert apply_changes(notebook.text, changes) == fixed.text
    assert changes == text_changes(notebook.text, fixed.text)


def test_edits_confined_to_rewritten_cells_when_a_cell_is_added_at_the_top() -> None:
    """NB002's fix adds an `import marimo as mo` cell first, and a script header: every cell moves."""
    notebook, fixed = _fixed((ROOT / "corpus" / "NB002" / "mo_not_imported.py").read_text(encoding="utf-8"))
    assert len(fixed.cells) == len(notebook.cells) + 1
    changes = notebook_changes(notebook, fixed)
    assert apply_changes(notebook.text, changes) == fixed.text
    assert sum(len(c.content) for c in changes) == len(fixed.text) - len(notebook.text)  # insertions only


def test_edits_of_a_large_notebook_touch_only_the_fixed_cells() -> None:
    text = large_notebook(300)
    stale = text.replace("def _(mo):\n    values_120 =", "def _():\n    values_120 =", 1)
    broken = stale.replace('"**{summary_250}**', '"**{summary_250}**" + "{total_250}', 1)
    notebook, fixed = _fixed(broken, ["NB005", "NB007"])
    changes = notebook_changes(notebook, fixed)
    expected = text.replace('"**{summary_250}**', '"**{summary_250}**" + f"{total_250}', 1)
    assert apply_changes(broken, changes) == fixed.text == expected
    assert changes == text_changes(broken, fixed.text)
    assert [c.content for c in changes] == ["mo", "f"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_quick_fix_edits_keep_the_byte_order_mark_and_line_ends(newline: str) -> None:
    text = "\ufeff" + (HEADER + '@app.cell\ndef _():\n    a = 1\n    "{a}"\n    return\n' + FOOTER).replace(
        "\n", newline
    )
    settings = resolve(ClientSettings(), Config(), Path("nb.py"))
    analysis = analyze(text, 1, "nb.py", settings, CancelToken())
    (position,) = [p for p, d in enumerate(analysis.diagnostics) if d.code == "NB007"]
    changes = analysis.quick_fix(position, CancelToken())
    assert apply_changes(text, changes) == text.replace('"{a}"', 'f"{a}"')
    assert [c.content for c in changes] == ["f"]


def _ignore(line: str, code: str = "NB007", source: str | None = None) -> str | None:
    source = source if source is not None else f"{line}\n"
    change = ignore_change(line, 0, 1, code, LineComments.of(source))
    return None if change is None else apply_changes(line, [change])


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ('x = "{a}"', 'x = "{a}"  # nbfix: ignore[NB007]'),
        ('x = "{a}"   ', 'x = "{a}"  # nbfix: ignore[NB007]'),
        ('x = "{a}"  # greeting', 'x = "{a}"  # greeting  # nbfix: ignore[NB007]'),
        ('x = "{a}"  # nbfix: ignore[NB001]', 'x = "{a}"  # nbfix: ignore[NB001, NB007]'),
        ('x = "{a}"  # noqa: NB001', 'x = "{a}"  # noqa: NB001, NB007'),
        ('x = "#{a}"', 'x = "#{a}"  # nbfix: ignore[NB007]'),  # a `#` in a string is no comment
    ],
)
def test_ignore_comment_is_added_or_merged(line: str, fixed: str) -> None:
    assert _ignore(line) == fixed
    comment = fixed[fixed.index("  #") :]
    codes = codes_in_comment(comment)
    assert codes is not None and "NB007" in codes


@pytest.mark.parametrize("name", ["gpu_check", "unicode", "large"])
def test_ignore_reads_each_cell_comments_as_the_whole_text_does(name: str) -> None:
    """The ignore action tokenizes only the diagnostic's cell: the same comments and string lines."""
    text = {"gpu_check": GPU_CHECK, "unicode": UNICODE, "large": large_notebook(20)}[name]
    text = text.replace("    return\n", '    """a\n    b"""  # note\n    return\n', 3)
    analysis = analyze(text, 1, "nb.py", resolve(ClientSettings(), Config(), Path("nb.py")), CancelToken())
    assert analysis.notebook is not None
    whole, index = LineComments.of(text), analysis.notebook.index
    for cell in analysis.notebook.cells:
        for line in range(index.line_of(cell.span.start), index.line_of(cell.span.end - 1) + 1):
            of_cell = analysis._comments_of_line(line)
            assert of_cell.comments.get(line) == whole.comments.get(line)
            assert (line in of_cell.ends_in_token) == (line in whole.ends_in_token)


def test_ignore_is_not_offered_where_no_comment_can_go() -> None:
    assert _ignore('x = "{a}" \\') is None  # a backslash continuation
    assert _ignore('x = """{a}', source='x = """{a}\n"""\n') is None  # the line ends inside a string
    assert _ignore("x = 1  # nbfix: ignore") is None  # already silences every code
    assert _ignore("x = 1  # nbfix: ignore[]") is None  # so does an empty list


def test_editor_settings_override_the_project_file_like_flags() -> None:
    config = Config(Path("/p/pyproject.toml"), select=("NB005",), ignore=("NB001",), unsafe_fixes=True)
    path = Path("/p/notebook.py")
    assert resolve(ClientSettings(), config, path).codes == ("NB005",)
    assert resolve(ClientSettings(), config, path).unsafe_fixes is True
    # The editor's `select` replaces the file's select *and* ignore.
    assert resolve(ClientSettings(select=("NB001",)), config, path).codes == ("NB001",)
    # Its `ignore` adds to the file's; its `unsafe-fixes` wins when given.
    both = Config(config.path, ignore=("NB001",))
    codes = resolve(ClientSettings(ignore=("NB005",), unsafe_fixes=False), both, path)
    assert "NB001" not in codes.codes and "NB005" not in codes.codes and codes.unsafe_fixes is False
    assert ClientSettings.from_mapping({"unsafeFixes": True, "select": "NB001, nb002"}) == ClientSettings(
        ("NB001", "NB002"), (), True
    )


def test_a_huge_buffer_gets_no_diagnostics_and_one_message(lsp: Session, tmp_path: Path) -> None:
    """Issue 15: degrade gracefully past the size limit, instead of seconds and a gigabyte per edit."""
    from nbfix.lsp.server import MAX_DOCUMENT_CHARS

    uri = (tmp_path / "huge.py").as_uri()
    padding = "# " + "x" * 98 + "\n"
    huge = padding * (MAX_DOCUMENT_CHARS // len(padding) + 1) + GPU_CHECK
    lsp.open(uri, GPU_CHECK)
    assert lsp.run(lsp.diagnostics(uri))  # a normal size is checked
    lsp.change(uri, huge)
    message = lsp.run(lsp.until(lambda: next((m for m in lsp.messages if "huge.py" in m.message), None)))
    assert message.type == types.MessageType.Warning and "no diagnostics" in message.message
    lsp.run(lsp.until(lambda: lsp.published_for(uri) and not lsp.published_for(uri)[-1].diagnostics or None))
    lsp.close(uri)
