"""`nbfix lsp`: the language server, over stdio.

What an editor gets: the diagnostics of every open marimo notebook, computed
on the buffer (never the file on disk) when it is opened, changed and saved,
and cleared when it is closed; and code actions: a quick fix per fixable
diagnostic, "ignore CODE on this line", and `source.fixAll.nbfix`.

How it stays responsive while the user types into a large notebook:
- the analysis runs in one worker thread, never on the event loop that
  reads the client's messages;
- a change restarts a debounce timer (`DEBOUNCE_SECONDS`); only when the
  buffer has been still that long is an analysis started;
- a change also cancels the analysis in progress for the older text: it
  stops at its next checkpoint (see `nbfix.lsp.analysis`), and an analysis
  still waiting in the queue never starts, so work never piles up;
- a result is published only if the buffer still holds the very text it
  was computed on, so a stale result is never shown;
- garbage is collected when the server is idle, not during the work (see
  `nbfix.lsp.memory`);
- what fixes import (libcst, marimo) is loaded in the fix worker when the
  server is first idle, so the first quick fix is as fast as the next ones.
Fixes are proven by the engine on the whole notebook, which takes about as
long as an analysis or more; clients that can resolve code actions lazily
(`codeAction/resolve`) get the menu at once and pay for the fix they pick.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TypeVar
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from nbfix import __version__
from nbfix.deep_stack import call_with_deep_stack
from nbfix.lsp import memory
from nbfix.lsp.analysis import (
    Analysis,
    CancelToken,
    FixFailed,
    Superseded,
    analyze,
    is_safe,
    load_fix_modules,
)
from nbfix.lsp.edits import TextChange, lsp_text_edits, workspace_edit
from nbfix.lsp.positions import UTF16, ranges_touch
from nbfix.lsp.settings import (
    ClientSettings,
    Config,
    ConfigError,
    Settings,
    SettingsError,
    normalize,
    project_config,
    resolve,
)
from nbfix.lsp.transport import NbfixProtocol, serve_stdio
from nbfix.rules import all_rules

logger = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.2
# Buffers past this many characters get no diagnostics (said once): a 12,000-line notebook is
# about 0.5 MB; a 20 MB one would hold the editor for tens of seconds and a gigabyte at each edit.
MAX_DOCUMENT_CHARS = 5_000_000
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.nbfix"
QUICK_FIX_KIND = types.CodeActionKind.QuickFix.value
# Garbage is collected once no analysis or fix has run for this long, or, if the server is
# never that idle, as soon as none runs after this many (see `nbfix.lsp.memory`).
COLLECT_WHEN_IDLE_SECONDS = 0.1
COLLECT_AT_LEAST_EVERY = 8
# What fixes import is loaded the first time the server is idle after an analysis, or this
# long after `initialized` if it is idle then (loading it while the first analysis runs
# delayed the first diagnostics by half a second).
LOAD_FIX_MODULES_AFTER_SECONDS = 0.5

T = TypeVar("T")


@dataclass
class _Inflight:
    """An analysis submitted to the worker, shared by everyone who wants that text analysed."""

    text: str
    settings: Settings
    encoding: str
    token: CancelToken
    future: asyncio.Future[Analysis | None]

    def matches(self, text: str, settings: Settings, encoding: str) -> bool:
        return self.text == text and self.settings == settings and self.encoding == encoding


@dataclass
class _DocumentState:
    uri: str
    publisher: asyncio.Task[None] | None = None
    inflight: _Inflight | None = None
    analysis: Analysis | None = None  # the latest finished analysis
    published: bool = False  # the client shows diagnostics of ours for this document
    settings: Settings = field(default_factory=Settings)
    fix_tokens: set[CancelToken] = field(default_factory=set)
    # The fixes a lazy client's menu offers, computed before one is picked: (analysis, positions, token).
    speculation: tuple[Analysis, tuple[int, ...], CancelToken] | None = None


def _as_function(method: Callable[..., Any]) -> Callable[..., Any]:
    """A plain function calling a bound method (pygls tags its handlers with attributes)."""
    if asyncio.iscoroutinefunction(method):

        async def call_async(params: Any) -> Any:
            return await method(params)

        return call_async

    def call(params: Any) -> Any:
        return method(params)

    return call


def _too_large(text: str) -> bool:
    return len(text) > MAX_DOCUMENT_CHARS


def _wants(only: list[str] | None, kind: str) -> bool:
    """A code action kind the client asked for (`only` lists kinds or their parents)."""
    return not only or any(kind == wanted or kind.startswith(f"{wanted}.") for wanted in only)


class NbfixLanguageServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__(
            "nbfix",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=NbfixProtocol,
        )
        self.debounce = debounce
        self.documents: dict[str, _DocumentState] = {}
        self.raw_settings: dict[str, Any] = {}
        self.client_settings = ClientSettings()
        self.shown: set[str] = set()
        self.analysis_pool = ThreadPoolExecutor(1, thread_name_prefix="nbfix-analysis")
        self.fix_pool = ThreadPoolExecutor(1, thread_name_prefix="nbfix-fix")
        self._working = 0  # analyses and fixes submitted and not done
        self._uncollected = 0  # analyses and fixes done since the last collection
        self._collection: asyncio.TimerHandle | None = None
        self._fix_modules_requested = False
        self._register()

    def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        """Serve over stdio with the reader of `nbfix.lsp.transport`, which answers malformed input."""
        serve_stdio(self, stdin, stdout)

    def _register(self) -> None:
        code_actions = types.CodeActionOptions(
            code_action_kinds=[QUICK_FIX_KIND, FIX_ALL_KIND], resolve_provider=True
        )
        handlers: list[tuple[str, Callable[..., Any], object]] = [
            (types.INITIALIZE, self._initialize, None),
            (types.INITIALIZED, self._initialized, None),
            (types.SHUTDOWN, self._shutdown, None),
            (types.TEXT_DOCUMENT_DID_OPEN, self._did_open, None),
            (types.TEXT_DOCUMENT_DID_CHANGE, self._did_change, None),
            (types.TEXT_DOCUMENT_DID_SAVE, self._did_save, None),
            (types.TEXT_DOCUMENT_DID_CLOSE, self._did_close, None),
            (types.WORKSPACE_DID_CHANGE_CONFIGURATION, self._did_change_configuration, None),
            (types.TEXT_DOCUMENT_CODE_ACTION, self._code_action, code_actions),
            (types.CODE_ACTION_RESOLVE, self._resolve_code_action, None),
        ]
        for method, handler, options in handlers:
            self.feature(method, options)(_as_function(handler))

    # -- lifecycle and settings ---------------------------------------------------------------

    def _initialize(self, params: types.InitializeParams) -> None:
        self.protocol.trace = params.trace or types.TraceValue.Off
        options = params.initialization_options
        if isinstance(options, Mapping):
            self._apply_settings(options)

    async def _initialized(self, params: types.InitializedParams) -> None:
        # Import the rules while the editor opens its first file; what fixes need, once idle.
        self.analysis_pool.submit(all_rules)
        asyncio.get_running_loop().call_later(LOAD_FIX_MODULES_AFTER_SECONDS, self._load_fix_modules)
        await self._pull_settings()

    # -- memory -------------------------------------------------------------------------------

    def _work(self, future: asyncio.Future[Any]) -> None:
        """Count an analysis or fix as running until it is done: no collection meanwhile."""
        self._working += 1
        if self._collection is not None:
            self._collection.cancel()
            self._collection = None
        future.add_done_callback(self._work_done)

    def _work_done(self, future: asyncio.Future[Any]) -> None:
        self._working -= 1
        self._uncollected += 1
        if self._working:
            return
        overdue = self._uncollected >= COLLECT_AT_LEAST_EVERY
        if self._uncollected >= 2 * COLLECT_AT_LEAST_EVERY:
            self._collect()  # work keeps starting just after the collection is due
            return
        if self._collection is None:  # a short wait lets the result go out first
            delay = 0.01 if overdue else COLLECT_WHEN_IDLE_SECONDS
            self._collection = asyncio.get_running_loop().call_later(delay, self._collect)

    def _collect(self) -> None:
        self._collection = None
        if not self._working:
            self._uncollected = 0
            memory.collect()
            self._load_fix_modules()

    def _load_fix_modules(self) -> None:
        """Load libcst, the codemods and marimo in the fix worker, once, when no analysis runs.

        The first fix then costs what the next ones do (the imports took 0.6 s).
        """
        if self._fix_modules_requested or self._working:
            return  # done, or left to the next idle moment (`_collect`)
        self._fix_modules_requested = True
        self.fix_pool.submit(_load_fix_modules_logged)

    def _shutdown(self, params: None) -> None:
        for state in self.documents.values():
            self._supersede(state, None)
            for token in state.fix_tokens:
                token.cancel()
        self.analysis_pool.shutdown(wait=False, cancel_futures=True)
        self.fix_pool.shutdown(wait=False, cancel_futures=True)

    async def _did_change_configuration(self, params: types.DidChangeConfigurationParams) -> None:
        if isinstance(params.settings, Mapping) and params.settings:
            self._apply_settings(params.settings)
        else:  # the pull model: the notification only says "ask me"
            await self._pull_settings()

    async def _pull_settings(self) -> None:
        workspace = self.client_capabilities.workspace
        if workspace is None or not workspace.configuration:
            return
        try:
            answer = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="nbfix")])
            )
        except Exception as error:  # a client that advertises the request but fails it
            logger.warning("workspace/configuration failed: %s", error)
            return
        if answer and isinstance(answer[0], Mapping):
            self._apply_settings(answer[0])

    def _apply_settings(self, raw: Mapping[str, Any]) -> None:
        """Merge the client's settings (flat, or under an `nbfix` or `settings` key) over the current ones."""
        for key in ("nbfix", "settings"):
            if isinstance(raw.get(key), Mapping):
                raw = raw[key]
        merged = {**self.raw_settings, **normalize(raw)}
        try:
            client = ClientSettings.from_mapping(merged)
        except SettingsError as error:
            self._show(types.MessageType.Error, f"nbfix: invalid settings ignored: {error}")
            return
        self.raw_settings = merged
        if client != self.client_settings:
            self.client_settings = client
            self._trace(f"settings: {client}")
            for uri in list(self.documents):
                self._schedule(uri, 0.0, refresh=True)

    def _refresh_settings(self, state: _DocumentState, document: TextDocument) -> None:
        """Resolve the document's settings again: its project's configuration file, then the editor's.

        Done when the document is opened or saved and when the editor's
        settings change, so an edited configuration file counts from the
        next save of a notebook.
        """
        path = Path(document.path)
        try:
            config = project_config(path)
        except ConfigError as error:
            self._show_once(types.MessageType.Error, f"nbfix: {error} (the file is not used)")
            config = Config()
        try:
            state.settings = resolve(self.client_settings, config, path)
        except SettingsError as error:
            self._show_once(types.MessageType.Error, f"nbfix: {config.path}: {error} (the file is not used)")
            state.settings = resolve(self.client_settings, Config(), path)

    def _show(self, kind: types.MessageType, message: str) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def _show_once(self, kind: types.MessageType, message: str) -> None:
        """A message that is not repeated at every save."""
        if message not in self.shown:
            self.shown.add(message)
            self._show(kind, message)

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or UTF16
        return getattr(encoding, "value", encoding)

    def _trace(self, message: str) -> None:
        """A `$/logTrace` line, sent only when the client turned tracing on."""
        if self.protocol.trace not in (None, types.TraceValue.Off):
            self.log_trace(types.LogTraceParams(message=message))

    def _trace_threadsafe(self, loop: asyncio.AbstractEventLoop, message: str) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closing
            loop.call_soon_threadsafe(self._trace, message)

    # -- documents and diagnostics ------------------------------------------------------------

    def _document(self, uri: str) -> TextDocument | None:
        """An open document's in-memory state (pygls would read an unknown one from disk)."""
        document = self.workspace.text_documents.get(unquote(uri))
        if document is None:
            return None
        if document.language_id not in (None, "python") and not uri.endswith((".py", ".pyw")):
            return None
        return document

    def _did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        self._schedule(params.text_document.uri, 0.0, refresh=True)

    def _did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        state = self.documents.get(params.text_document.uri)
        if state is not None:
            for token in state.fix_tokens:
                token.cancel()
        self._schedule(params.text_document.uri, self.debounce)

    def _did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        self._schedule(params.text_document.uri, 0.0, refresh=True)

    def _did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        state = self.documents.pop(uri, None)
        if state is None:
            return
        if state.publisher is not None:
            state.publisher.cancel()
        self._supersede(state, None)
        for token in state.fix_tokens:
            token.cancel()
        if state.published:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def _schedule(self, uri: str, delay: float, *, refresh: bool = False) -> None:
        """(Re)start the timer after which the document's diagnostics are computed and published."""
        document = self._document(uri)
        if document is None:
            return
        if uri not in self.documents:
            self.documents[uri] = _DocumentState(uri)
            refresh = True
        state = self.documents[uri]
        if refresh:
            self._refresh_settings(state, document)
        self._supersede(state, document)
        if state.publisher is not None:
            state.publisher.cancel()
        state.publisher = asyncio.ensure_future(self._publish_later(state, delay))

    def _supersede(self, state: _DocumentState, document: TextDocument | None) -> None:
        """Cancel the analysis in progress unless it is for the document's current text and settings."""
        inflight = state.inflight
        if inflight is None:
            return
        if document is not None and inflight.matches(document.source, state.settings, self.encoding):
            return
        inflight.token.cancel()
        inflight.future.cancel()  # if it is still queued, it never starts
        state.inflight = None

    async def _publish_later(self, state: _DocumentState, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self._document(state.uri)
        if document is None:
            return
        if _too_large(document.source):
            self._decline_large(state, document)
            return
        analysis = await self._analysis(state, document)
        current = self._document(state.uri)
        if analysis is None or current is None or current.source != analysis.text:
            return  # superseded: a newer publisher is on its way
        self._publish(state, analysis, current.version)

    def _publish(self, state: _DocumentState, analysis: Analysis, version: int | None) -> None:
        if analysis.error is not None:
            # Mid-typing syntax errors are transient: keep what the editor shows.
            self._trace(f"not published: {state.uri} v{version}: {analysis.error}")
            return
        if not analysis.is_notebook:
            self._trace(f"not a marimo notebook: {state.uri} v{version}")
            if state.published:
                state.published = False
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=state.uri, diagnostics=[], version=version)
                )
            return
        if analysis.header_error is not None:  # once per message, not at every keystroke
            self._show_once(
                types.MessageType.Error, f"nbfix: {state.uri}: {analysis.header_error} (not used)"
            )
        state.published = True
        diagnostics = analysis.lsp_diagnostics
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=state.uri, diagnostics=diagnostics, version=version)
        )
        self._trace(f"published: {state.uri} v{version}: {len(analysis.lsp_diagnostics)} diagnostics")

    def _decline_large(self, state: _DocumentState, document: TextDocument) -> None:
        """Checking a huge buffer would take the editor's memory and seconds at every keystroke."""
        megabytes = len(document.source) / 1_000_000
        self._show_once(
            types.MessageType.Warning,
            f"nbfix: {state.uri} is {megabytes:.0f} MB, over the {MAX_DOCUMENT_CHARS // 1_000_000} MB "
            "the editor checks: no diagnostics (run `nbfix` on it from a terminal)",
        )
        if state.published:
            state.published = False
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=state.uri, diagnostics=[], version=document.version)
            )

    async def _analysis(self, state: _DocumentState, document: TextDocument) -> Analysis | None:
        """The analysis of the document's current text: cached, in progress, or started now.

        None if a newer text superseded it before it finished, or if it is too large to check.
        """
        if _too_large(document.source):
            return None
        text, settings, encoding = document.source, state.settings, self.encoding
        if state.analysis is not None and state.analysis.matches(text, settings, encoding):
            return state.analysis
        inflight = state.inflight
        if inflight is None or not inflight.matches(text, settings, encoding):
            self._supersede(state, document)
            loop = asyncio.get_running_loop()
            token = CancelToken()
            future = loop.run_in_executor(
                self.analysis_pool,
                self._run_analysis,
                loop,
                state.uri,
                text,
                document.version,
                document.path,
                settings,
                encoding,
                token,
            )
            inflight = state.inflight = _Inflight(text, settings, encoding, token, future)
            self._work(future)
            future.add_done_callback(lambda done, inflight=inflight: self._finished(state, inflight))
        try:
            return await asyncio.shield(inflight.future)
        except asyncio.CancelledError:
            if inflight.future.cancelled():
                return None  # the analysis was superseded, not this caller
            raise

    async def _settled_analysis(self, state: _DocumentState, document: TextDocument) -> Analysis | None:
        """The analysis of the current text, waiting for the debounced one rather than starting another.

        Editors ask for code actions after every keystroke and cursor move;
        starting an analysis for each would defeat the debounce.
        """
        publisher = state.publisher
        if publisher is not None and not publisher.done():
            try:
                await asyncio.shield(publisher)
            except asyncio.CancelledError:
                if publisher.cancelled():
                    return None  # the buffer changed again: this request is stale
                raise
            if document.source != (state.analysis.text if state.analysis else None):
                return None
        return await self._analysis(state, document)

    def _finished(self, state: _DocumentState, inflight: _Inflight) -> None:
        if state.inflight is inflight:
            state.inflight = None
        future = inflight.future
        if future.cancelled() or future.exception() is not None:
            return
        analysis = future.result()
        if analysis is not None:
            state.analysis = analysis

    def _run_analysis(
        self,
        loop: asyncio.AbstractEventLoop,
        uri: str,
        text: str,
        version: int | None,
        path: str,
        settings: Settings,
        encoding: str,
        token: CancelToken,
    ) -> Analysis | None:
        """In the worker thread. None when superseded."""
        if token.cancelled:
            return None
        started, cpu = time.perf_counter(), [0.0]

        def took() -> str:
            wall = time.perf_counter() - started
            return f"{wall * 1000:.0f} ms ({cpu[0] * 1000:.0f} ms CPU)"

        def analyze_measured() -> Analysis:
            cpu_started = time.thread_time()  # the deep-stack thread's own CPU time
            try:
                return analyze(text, version, path, settings, token, encoding)
            finally:
                cpu[0] = time.thread_time() - cpu_started

        self._trace_threadsafe(loop, f"analysis started: {uri} v{version}")
        try:
            # A deep stack: a valid 1,000-deep expression is analysed, not "maximum recursion depth".
            analysis = call_with_deep_stack(analyze_measured)
        except Superseded:
            self._trace_threadsafe(loop, f"analysis superseded: {uri} v{version} after {took()}")
            return None
        except Exception as error:  # a bug in a rule must not take the server down
            logger.exception("analysis of %s failed", uri)
            analysis = Analysis(text, version, settings, encoding, error=f"internal error: {error!r}")
        self._trace_threadsafe(loop, f"analysis finished: {uri} v{version} in {took()}")
        return analysis

    # -- code actions -------------------------------------------------------------------------

    @property
    def _resolves_edits(self) -> bool:
        """The client asks for a code action's edit only when the user picks it."""
        text_document = self.client_capabilities.text_document
        code_action = text_document.code_action if text_document else None
        support = code_action.resolve_support if code_action else None
        return support is not None and "edit" in support.properties

    @property
    def _versioned_edits(self) -> bool:
        workspace = self.client_capabilities.workspace
        edit = workspace.workspace_edit if workspace else None
        return bool(edit and edit.document_changes)

    async def _in_fix_pool(
        self, state: _DocumentState, compute: Callable[[CancelToken], T], token: CancelToken | None = None
    ) -> T | None:
        """Run a fix computation in its worker; None if a change to the buffer superseded it."""
        token = token or CancelToken()
        state.fix_tokens.add(token)

        def guarded() -> T | None:
            try:
                return None if token.cancelled else call_with_deep_stack(lambda: compute(token))
            except Superseded:
                return None

        future = asyncio.get_running_loop().run_in_executor(self.fix_pool, guarded)
        future.add_done_callback(lambda done: state.fix_tokens.discard(token))
        self._work(future)
        return await future

    def _edit(
        self, analysis: Analysis, uri: str, version: int | None, changes: list[TextChange]
    ) -> types.WorkspaceEdit:
        """The changes as an edit of the document's `version` (whose text is the analysis's)."""
        edits = lsp_text_edits(analysis.positions, changes)
        return workspace_edit(uri, version, edits, self._versioned_edits)

    async def _code_action(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        document = self._document(uri)
        state = self.documents.get(uri)
        if document is None or state is None:
            return None
        analysis = await self._settled_analysis(state, document)
        if analysis is None or not analysis.is_notebook or document.source != analysis.text:
            return None
        only, version = params.context.only, document.version
        lazy = self._resolves_edits
        in_range = [
            position
            for position, diagnostic in enumerate(analysis.lsp_diagnostics)
            if ranges_touch(diagnostic.range, params.range)
        ]
        actions: list[types.CodeAction] = []
        if _wants(only, QUICK_FIX_KIND):
            actions.extend(await self._quick_fixes(state, analysis, uri, version, in_range, lazy))
            actions.extend(self._ignore_actions(analysis, uri, version, in_range))
        explicit = bool(only) and _wants(only, FIX_ALL_KIND)
        if _wants(only, FIX_ALL_KIND) and (lazy or explicit) and analysis.has_applicable_fix():
            action = await self._fix_all_action(state, analysis, uri, version, lazy)
            if action is not None:
                actions.append(action)
        return actions

    async def _quick_fixes(
        self,
        state: _DocumentState,
        analysis: Analysis,
        uri: str,
        version: int | None,
        in_range: list[int],
        lazy: bool,
    ) -> list[types.CodeAction]:
        candidates = [p for p in in_range if analysis.diagnostics[p].fix is not None]
        available = await self._in_fix_pool(
            state, lambda token: [p for p in candidates if analysis.fix_available(p)]
        )
        actions = []
        for position in available or []:
            diagnostic = analysis.diagnostics[position]
            assert diagnostic.fix is not None
            safe = is_safe(diagnostic)
            action = types.CodeAction(
                title=f"nbfix ({diagnostic.code}): {diagnostic.fix.message}{'' if safe else ' (unsafe)'}",
                kind=QUICK_FIX_KIND,
                diagnostics=[analysis.lsp_diagnostics[position]],
                is_preferred=safe,
                data=self._action_data(analysis, uri, version, "quickfix", position),
            )
            if not lazy:
                action = await self._resolve(state, analysis, action, quiet=True)
                if action.edit is None:
                    continue
            actions.append(action)
        if lazy and available:
            self._speculate(state, analysis, tuple(available))
        return actions

    def _speculate(self, state: _DocumentState, analysis: Analysis, positions: tuple[int, ...]) -> None:
        """Start proving the fixes the menu offers, so the one picked is ready when it is resolved.

        Proving a fix re-parses and re-lints the whole notebook (a third of a
        second on 12,000 lines), and a user takes longer than that to read the
        menu and pick. The fixes are computed in the fix worker and cached on
        the analysis; the resolve request queues behind them and finds its
        edit there. A menu for other diagnostics (the cursor moved) cancels
        the speculation at its next checkpoint; a change to the buffer
        cancels it like any fix.
        """
        previous = state.speculation
        if previous is not None:
            if previous[0] is analysis and previous[1] == positions and not previous[2].cancelled:
                return  # the same menu again: what is being computed is still wanted
            previous[2].cancel()
        token = CancelToken()
        state.speculation = (analysis, positions, token)

        def compute(token: CancelToken) -> None:
            for position in positions:
                with contextlib.suppress(FixFailed):  # remembered; the resolve reports it
                    analysis.quick_fix(position, token)

        task = asyncio.ensure_future(self._in_fix_pool(state, compute, token))
        task.add_done_callback(_log_failure)

    def _ignore_actions(
        self, analysis: Analysis, uri: str, version: int | None, in_range: list[int]
    ) -> list[types.CodeAction]:
        actions = []
        seen: set[tuple[str, int]] = set()
        for position in in_range:
            diagnostic = analysis.diagnostics[position]
            line = diagnostic.span.start_pos.line
            if (diagnostic.code, line) in seen:
                continue
            seen.add((diagnostic.code, line))
            change = analysis.ignore(position)
            if change is None:
                continue
            actions.append(
                types.CodeAction(
                    title=f"nbfix: ignore {diagnostic.code} on this line",
                    kind=QUICK_FIX_KIND,
                    diagnostics=[analysis.lsp_diagnostics[position]],
                    edit=self._edit(analysis, uri, version, [change]),
                )
            )
        return actions

    async def _fix_all_action(
        self, state: _DocumentState, analysis: Analysis, uri: str, version: int | None, lazy: bool
    ) -> types.CodeAction | None:
        action = types.CodeAction(
            title="nbfix: fix all auto-fixable problems",
            kind=FIX_ALL_KIND,
            data=self._action_data(analysis, uri, version, "fixall", None),
        )
        if lazy:
            return action
        action = await self._resolve(state, analysis, action, quiet=True)
        return action if action.edit is not None else None

    @staticmethod
    def _action_data(
        analysis: Analysis, uri: str, version: int | None, action: str, position: int | None
    ) -> dict[str, Any]:
        data: dict[str, Any] = {"uri": uri, "version": version, "action": action}
        if position is not None:
            diagnostic = analysis.diagnostics[position]
            data.update(position=position, code=diagnostic.code, message=diagnostic.message)
        return data

    async def _resolve_code_action(self, action: types.CodeAction) -> types.CodeAction:
        data = action.data
        if not isinstance(data, Mapping) or not isinstance(data.get("uri"), str):
            return action
        uri = data["uri"]
        document = self._document(uri)
        state = self.documents.get(uri)
        if document is None or state is None or document.version != data.get("version"):
            return action  # the buffer changed since the menu was shown: no edit
        analysis = await self._analysis(state, document)
        if analysis is None or not analysis.is_notebook:
            return action
        return await self._resolve(state, analysis, action, quiet=False)

    async def _resolve(
        self, state: _DocumentState, analysis: Analysis, action: types.CodeAction, *, quiet: bool
    ) -> types.CodeAction:
        """The action with its edit computed (or unchanged if the fix fails or is superseded)."""
        data = action.data
        assert isinstance(data, Mapping)
        compute: Callable[[CancelToken], list[TextChange]]
        if data.get("action") == "fixall":
            compute = analysis.fix_all
        elif data.get("action") == "quickfix":
            position = data.get("position")
            diagnostics = analysis.diagnostics
            if not isinstance(position, int) or not 0 <= position < len(diagnostics):
                return action
            if diagnostics[position].key != (data.get("code"), data.get("message")):
                return action
            compute = lambda token: analysis.quick_fix(position, token)  # noqa: E731
        else:
            return action
        try:
            changes = await self._in_fix_pool(state, compute)
        except FixFailed as failure:
            if not quiet:
                self._show(types.MessageType.Warning, f"nbfix: cannot apply the fix: {failure}")
            return action
        if changes is not None:
            action.edit = self._edit(analysis, data["uri"], data.get("version"), changes)
        return action


def _log_failure(task: asyncio.Future[Any]) -> None:
    """A background task's exception, logged rather than lost."""
    if not task.cancelled() and task.exception() is not None:
        logger.error("a background fix failed", exc_info=task.exception())


def _load_fix_modules_logged() -> None:
    try:
        load_fix_modules()
    except Exception:  # the first fix will import what it needs, and say what fails
        logger.exception("loading what fixes need failed")


def create_server(debounce: float = DEBOUNCE_SECONDS) -> NbfixLanguageServer:
    return NbfixLanguageServer(debounce)


def serve() -> None:
    """Run the server on stdin/stdout until the client says `exit`."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="nbfix lsp: %(message)s")
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the protocol stream
    server = create_server()
    memory.collect_outside_work()
    server.start_io(stdin, stdout)
