"""The language server on a large notebook: issue 15's editor rows, measured the way the editor meets them.

    python bench/editor.py [--lines 12000] [--repeat 5] [--json PATH]

Builds one realistic notebook of about `--lines` lines from
`bench/generate_notebooks.py`'s cells (a single app of about a thousand
cells), with fixable findings spread through it: stale signatures (NB005),
`return` in the branches of an `if` (NB001), a `_private` helper shared
across cells (NB003) and strings missing their `f` prefix (NB007). Then:

  analysis         in-process: what the server's worker runs before it publishes
                   diagnostics (`nbfix.lsp.analysis.analyze`, the LSP diagnostics included)
  quick fix        in-process: what a code action costs once the diagnostics are there:
                   the menu's `fix_available`, the proven fix (`Analysis.quick_fix`) and
                   its text edits; a different fixable diagnostic each repetition
  first quick fix  the real server (`python -m nbfix.lsp`) in a subprocess, over stdio:
                   one second after the first diagnostics arrive, the time from the
                   `textDocument/codeAction` request to the `codeAction/resolve` answer
                   carrying the edit; a fresh server each repetition (the first fix
                   once needed 0.6 s of imports: the server now loads them meanwhile)
  quick fix picked the same server, another diagnostic: the code action menu, half a
                   second to read it, then the time from `codeAction/resolve` to its edit
                   (what a user waits for after picking; the server starts proving the
                   menu's fixes when it sends the menu)
  fix-all          in-process: `Analysis.fix_all` (the whole `--write` loop) and its edits
  20 MB document   the real server: from `didOpen` of a 20 MB notebook to the answer
                   that it is not checked (the warning message), and a code action
                   request on it answered

The in-process rows use the server's own memory policy (`nbfix.lsp.memory`, when
present: garbage is collected between requests, not during them), and collect
garbage between repetitions, untimed, as the server does when idle. Each row
reports the median of `--repeat` runs against its target (PASS/MISS). Targets
are reported, never asserted. `editor_rows()` gives the same rows to
`bench/run_benchmark.py`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate_notebooks as generated  # noqa: E402

DEBOUNCE_MS = 200
LINES_PER_CELL = 9.75  # what the generator's cells average, imports and markdown included
LARGE_BYTES = 20_000_000
MENU_SECONDS = 0.5  # a user reading the code action menu before picking a fix
REACH_SECONDS = 1.0  # a user reaching for the lightbulb once the diagnostics show


# -- the notebook ------------------------------------------------------------------------------


def build_notebook(lines: int = 12000, seed: int = 0) -> str:
    """About `lines` lines in one app, with fixable findings spread through it (deterministic)."""
    rng = random.Random(f"nbfix-bench-editor:{seed}:{lines}")
    topic = generated.TOPICS[seed % len(generated.TOPICS)]
    cells = max(40, round(lines / LINES_PER_CELL))
    findings = max(1, cells // 150)
    seeds = ["NB001"] * findings + ["NB003"] * max(1, findings // 2) + ["NB005"] * (2 * findings)
    builder = generated.NotebookBuilder(rng, topic, cells, seeds)
    builder.build()
    _add_missing_f_prefixes(builder, rng, findings)
    return generated.render(rng, builder, topic.title)


def _add_missing_f_prefixes(builder: generated.NotebookBuilder, rng: random.Random, count: int) -> None:
    """NB007: cells printing a value through a string that lacks its `f`, at random places."""
    for _ in range(count):
        name = builder.pick(builder.pools.scalars) or builder.pick(builder.pools.series)
        if name is None:
            return
        body = f'print("{builder.word()} is {{{name}}}")'
        builder.insert_after(generated.CellSpec(body, reads=(name,)), (name,))


# -- timing helpers ----------------------------------------------------------------------------


def _server_memory_policy() -> Callable[[], None]:
    """Apply the server's garbage-collection policy in this process; the collection it does when idle."""
    try:
        from nbfix.lsp import memory
    except ImportError:  # a version of nbfix without one: automatic collection, as Python does
        return gc.collect
    memory.collect_outside_work()
    return memory.collect


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _row(key: str, label: str, values: list[float], target_ms: float, command: str) -> dict[str, Any]:
    value = statistics.median(values) if values else float("nan")
    return {
        "key": key,
        "label": label,
        "value_ms": round(value, 1),
        "target_ms": target_ms,
        "ok": bool(values) and value < target_ms,
        "runs_ms": [round(v, 1) for v in values],
        "command": command,
    }


# -- in-process rows ---------------------------------------------------------------------------


class InProcess:
    """The server's worker-side code paths, on one buffer."""

    def __init__(self, text: str, path: str) -> None:
        from nbfix.lsp.settings import ClientSettings, Config, resolve

        self.text = text
        self.path = path
        self.settings = resolve(ClientSettings(), Config(), Path(path))
        self.idle = _server_memory_policy()

    @staticmethod
    def _load_fix_modules() -> None:
        """What the server loads after `initialized`, where this nbfix does it (untimed)."""
        from nbfix.lsp import analysis

        getattr(analysis, "load_fix_modules", lambda: None)()

    def analyze(self) -> Any:
        from nbfix.lsp.analysis import CancelToken, analyze

        return analyze(self.text, 1, self.path, self.settings, CancelToken())

    def fixable(self) -> list[int]:
        analysis = self.analyze()
        return [p for p, d in enumerate(analysis.diagnostics) if d.fix is not None]

    def quick_fix(self, analysis: Any, position: int) -> list[Any]:
        """What `_code_action` and `_resolve` run for one diagnostic under the cursor."""
        from nbfix.lsp.analysis import CancelToken
        from nbfix.lsp.edits import lsp_text_edits

        if not analysis.fix_available(position):
            raise RuntimeError(f"{analysis.diagnostics[position].code}: no fix available")
        changes = analysis.quick_fix(position, CancelToken())
        return lsp_text_edits(analysis.positions, changes)

    def fix_all(self, analysis: Any) -> list[Any]:
        from nbfix.lsp.analysis import CancelToken
        from nbfix.lsp.edits import lsp_text_edits

        return lsp_text_edits(analysis.positions, analysis.fix_all(CancelToken()))

    def rows(self, repeat: int, command: str) -> list[dict[str, Any]]:
        self.analyze()  # imports and first-call costs, untimed: the rows below are the steady state
        self._load_fix_modules()
        self.idle()
        analysis_ms = []
        for _ in range(repeat):
            analysis_ms.append(_timed(self.analyze))
            self.idle()
        fixable = self.fixable()
        quick_ms, fix_all_ms = [], []
        for run in range(repeat):
            analysis = self.analyze()
            self.idle()
            position = fixable[(run * 7) % len(fixable)]
            quick_ms.append(_timed(lambda: self.quick_fix(analysis, position)))  # noqa: B023
            self.idle()
        for _ in range(repeat):
            analysis = self.analyze()
            self.idle()
            fix_all_ms.append(_timed(lambda: self.fix_all(analysis)))  # noqa: B023
            self.idle()
        return [
            _row("editor_analysis", "editor: analysis (in-process)", analysis_ms, DEBOUNCE_MS, command),
            _row("editor_quick_fix", "editor: quick fix (in-process)", quick_ms, 150, command),
            _row("editor_fix_all", "editor: fix-all (in-process)", fix_all_ms, 500, command),
        ]


# -- the real server over stdio ----------------------------------------------------------------


class ServerProcess:
    """`python -m nbfix.lsp` in a subprocess, spoken to over its stdio (JSON-RPC with Content-Length)."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nbfix.lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=cwd,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is not None:
                self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 120.0) -> dict[str, Any]:
        """The first message (seen before or arriving now) for which `predicate` holds."""
        for message in self.seen:
            if predicate(message):
                self.seen.remove(message)
                return message
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            if message.get("method") == "workspace/configuration" and "id" in message:
                self.send({"id": message["id"], "result": [None]})
                continue
            if predicate(message):
                return message
            self.seen.append(message)

    def answer(self, request_id: int) -> Any:
        message = self.wait(lambda m: m.get("id") == request_id and "method" not in m)
        if "error" in message:
            raise RuntimeError(f"the server answered an error: {message['error']}")
        return message.get("result")

    def initialize(self, root: Path) -> None:
        capabilities = {
            "textDocument": {"codeAction": {"resolveSupport": {"properties": ["edit"]}}},
            "workspace": {"workspaceEdit": {"documentChanges": True}},
        }
        params = {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": capabilities}
        self.answer(self.request("initialize", params))
        self.notify("initialized", {})

    def open(self, uri: str, text: str) -> None:
        item = {"uri": uri, "languageId": "python", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": item})

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        message = self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        )
        return message["params"]["diagnostics"]

    def code_actions(self, uri: str, where: dict[str, Any]) -> list[dict[str, Any]]:
        params = {
            "textDocument": {"uri": uri},
            "range": where,
            "context": {"diagnostics": [], "only": ["quickfix"]},
        }
        return self.answer(self.request("textDocument/codeAction", params)) or []

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.answer(self.request("shutdown", None))
            self.notify("exit", None)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextlib.contextmanager
def _server(cwd: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(cwd)
    try:
        server.initialize(cwd)
        yield server
    finally:
        server.close()


def _quick_fix_ms(server: ServerProcess, uri: str, diagnostic: dict[str, Any], menu_seconds: float) -> float:
    """Ask for the code actions at the diagnostic, wait `menu_seconds`, resolve its fix: ms to the edit.

    Timed from the code action request when the fix is picked at once, from
    the resolve request when the user reads the menu first.
    """
    cursor = {"start": diagnostic["range"]["start"], "end": diagnostic["range"]["start"]}
    started = time.perf_counter()
    actions = server.code_actions(uri, cursor)
    fixes = [a for a in actions if a["title"].startswith(f"nbfix ({diagnostic['code']})")]
    if not fixes:
        raise RuntimeError(f"no quick fix offered for {diagnostic['code']}")
    if menu_seconds:
        time.sleep(menu_seconds)
        started = time.perf_counter()
    resolved = server.answer(server.request("codeAction/resolve", fixes[0]))
    elapsed = (time.perf_counter() - started) * 1000
    if not resolved.get("edit"):
        raise RuntimeError(f"the quick fix for {diagnostic['code']} came back without an edit")
    return elapsed


def server_quick_fixes_ms(text: str, folder: Path, which: int) -> tuple[float, float]:
    """A fresh server: the first quick fix, picked at once; then another, picked after reading the menu.

    The first is asked for `REACH_SECONDS` after the diagnostics arrive (a
    user moving to the lightbulb): by then the server has loaded what fixes
    need. Asked for at once, it waits for that loading (about 0.4 s more).
    """
    uri = (folder / "editor_bench.py").as_uri()
    with _server(folder) as server:
        server.open(uri, text)
        fixable = [d for d in server.diagnostics(uri) if d.get("code")]
        if len(fixable) < 2:
            raise RuntimeError("the server published fewer than two diagnostics")
        time.sleep(REACH_SECONDS)
        first = _quick_fix_ms(server, uri, fixable[which % len(fixable)], 0.0)
        picked = _quick_fix_ms(server, uri, fixable[(which + 1) % len(fixable)], MENU_SECONDS)
        return first, picked


def large_document_ms(text: str, folder: Path) -> float:
    """A fresh server: from `didOpen` of a huge notebook to its warning, and a code action answered."""
    uri = (folder / "editor_bench_large.py").as_uri()
    with _server(folder) as server:
        started = time.perf_counter()
        server.open(uri, text)
        server.wait(lambda m: m.get("method") == "window/showMessage")
        origin = {"line": 0, "character": 0}
        server.code_actions(uri, {"start": origin, "end": origin})
        return (time.perf_counter() - started) * 1000


def large_notebook(text: str, size: int = LARGE_BYTES) -> str:
    """The notebook's cells repeated (renamed apart is not needed: it is never analysed) to `size`."""
    head, _, rest = text.partition("@app.cell")
    body, _, footer = ("@app.cell" + rest).rpartition('\nif __name__ == "__main__":')
    copies = max(1, size // max(1, len(body)) + 1)
    return head + body * copies + '\nif __name__ == "__main__":' + footer


def subprocess_rows(text: str, repeat: int, command: str) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="nbfix-editor-bench-") as scratch:
        folder = Path(scratch)
        fixes = [server_quick_fixes_ms(text, folder, which * 3) for which in range(max(1, min(repeat, 3)))]
        large = [large_document_ms(large_notebook(text), folder) for _ in range(max(1, min(repeat, 3)))]
    first, picked = [first for first, _ in fixes], [picked for _, picked in fixes]
    return [
        _row("editor_quick_fix_first", "editor: first quick fix, 1 s after diagnostics", first, 150, command),
        _row(
            "editor_quick_fix_picked",
            "editor: quick fix picked after 0.5 s in its menu",
            picked,
            150,
            command,
        ),
        _row("editor_large_document", "editor: a 20 MB document answered (server)", large, 1000, command),
    ]


# -- entry points ------------------------------------------------------------------------------


def editor_rows(lines: int = 12000, repeat: int = 5) -> list[dict]:
    """Issue 15's editor rows: dicts with `key, label, value_ms, target_ms, ok` (and `runs_ms`, `command`)."""
    command = f"python bench/editor.py --lines {lines} --repeat {repeat}"
    text = build_notebook(lines)
    with tempfile.TemporaryDirectory(prefix="nbfix-editor-bench-") as scratch:
        path = Path(scratch) / "editor_bench.py"
        path.write_text(text, encoding="utf-8")
        in_process = InProcess(text, str(path)).rows(repeat, command)
    analysis, quick, fix_all = in_process
    first, picked, large = subprocess_rows(text, repeat, command)
    return [analysis, quick, first, picked, fix_all, large]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=12000, help="size of the notebook (default 12000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per row; the median is reported")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    text = build_notebook(args.lines)
    print(f"notebook: {text.count(chr(10))} lines, {len(text) / 1000:.0f} kB")
    rows = editor_rows(args.lines, args.repeat)
    print(f"\n{'row':<48} {'median':>10} {'target':>10}  runs (ms)")
    for row in rows:
        verdict = "PASS" if row["ok"] else "MISS"
        runs = " ".join(f"{v:.0f}" for v in row["runs_ms"])
        target = f"< {row['target_ms']}"
        print(f"{row['label']:<48} {row['value_ms']:>7.0f} ms {target:>7} ms  {verdict}  {runs}")
    print(f"\nreproduce: {rows[0]['command']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
