"""The language server against a broken client: malformed requests and corrupt frames, over raw stdio.

Frames are written by hand (pytest-lsp's client only sends well-formed
ones). Whatever the server is sent, it must answer every request, with an
error when the request is bad, and keep answering the ones that follow:
an editor waiting for a response that never comes hangs.

One server serves the whole module (starting one takes seconds on a busy
machine); every test ends by checking that it still answers, so a test
that breaks it fails itself, and the ones after it say the server is gone.
Every read has a deadline and the process is killed at the end, so a server
that stops answering fails a test instead of hanging the suite.
"""

from __future__ import annotations

import itertools
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
WAIT = 20.0  # seconds: a live server answers these in milliseconds, even on a loaded machine

PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS = -32700, -32600, -32602
URI = "file:///tmp/nbfix-robustness/notebook.py"
NOT_OPEN = "file:///tmp/nbfix-robustness/not-open.py"
NOTEBOOK = (
    "import marimo\n\napp = marimo.App()\n\n\n"
    "@app.cell\ndef _():\n    import os\n    return\n\n\n"
    'if __name__ == "__main__":\n    app.run()\n'
)


def frame(message: dict[str, Any] | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def request(msg_id: Any, method: str, params: Any = None) -> dict[str, Any]:
    message = {"jsonrpc": "2.0", "id": msg_id, "method": method}
    if params is not None:
        message["params"] = params
    return message


def code_action(msg_id: int, uri: str = NOT_OPEN, line: int = 0, character: int = 0) -> dict[str, Any]:
    """A well-formed request the server answers (with null for a document it does not have)."""
    position = {"line": line, "character": character}
    params = {
        "textDocument": {"uri": uri},
        "range": {"start": position, "end": position},
        "context": {"diagnostics": []},
    }
    return request(msg_id, "textDocument/codeAction", params)


class Server:
    """`python -m nbfix.lsp` in a subprocess, its stdout split into messages by a reader thread."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nbfix.lsp"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.ids = itertools.count(1)
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.stderr: list[bytes] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        try:
            while True:
                length = None
                while (line := stdout.readline()).strip():
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if not line or length is None:
                    return
                self.messages.put(json.loads(stdout.read(length)))
        finally:
            self.messages.put(None)  # end of output

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)

    def write(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self.write(frame(message))

    def response(self, msg_id: int | None) -> dict[str, Any]:
        """The response to request `msg_id`, skipping the server's other messages; fails after WAIT."""
        deadline = time.monotonic() + WAIT
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                break
            if message is None:
                self.messages.put(None)  # for the tests after this one
                pytest.fail(f"the server exited before answering {msg_id}:\n{self.log}")
            if "method" not in message and message.get("id") == msg_id:
                return message
        pytest.fail(f"no response to request {msg_id} within {WAIT} s:\n{self.log}")

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
        self.send(message)
        return self.response(message["id"])

    def assert_alive(self) -> None:
        """The server still answers a well-formed request."""
        msg_id = next(self.ids)
        assert self.ask(code_action(msg_id)) == {"jsonrpc": "2.0", "id": msg_id, "result": None}

    def wait_for_log(self, lines_before: int) -> str:
        """What the server wrote to stderr after its first `lines_before` lines (waiting for some)."""
        deadline = time.monotonic() + WAIT
        while len(self.stderr) <= lines_before and time.monotonic() < deadline:
            time.sleep(0.01)
        return b"".join(self.stderr[lines_before:]).decode(errors="replace")

    @property
    def log(self) -> str:
        return b"".join(self.stderr).decode(errors="replace")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=WAIT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def start_server() -> Server:
    server = Server()
    try:
        params = {"processId": None, "rootUri": None, "capabilities": {}}
        assert "capabilities" in server.ask(request(0, "initialize", params))["result"]
        server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    except BaseException:
        server.close()
        raise
    return server


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    server = start_server()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def own_server() -> Iterator[Server]:
    """A server for a test that ends it."""
    server = start_server()
    try:
        yield server
    finally:
        server.close()


def open_notebook(server: Server) -> None:
    document = {"uri": URI, "languageId": "python", "version": 1, "text": NOTEBOOK}
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}})


# -- bad requests get error responses ---------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "params"),
    [
        pytest.param(
            "textDocument/codeAction",
            {"textDocument": {"uri": URI}, "context": {"diagnostics": []}},
            id="codeAction without range",
        ),
        pytest.param("textDocument/diagnostic", {}, id="diagnostic without textDocument"),
        pytest.param("textDocument/codeAction", None, id="codeAction without params"),
        pytest.param("codeAction/resolve", {"kind": "quickfix"}, id="resolve without title"),
        pytest.param("textDocument/codeAction", [1, 2], id="params not an object"),
    ],
)
def test_a_request_with_invalid_params_gets_invalid_params(server: Server, method: str, params: Any) -> None:
    msg_id = next(server.ids)
    answer = server.ask(request(msg_id, method, params))
    assert answer["id"] == msg_id
    assert answer["error"]["code"] == INVALID_PARAMS
    assert method in answer["error"]["message"]
    assert "result" not in answer
    server.assert_alive()


def test_a_negative_position_gets_invalid_params(server: Server) -> None:
    open_notebook(server)
    msg_id = next(server.ids)
    answer = server.ask(code_action(msg_id, URI, line=-1, character=-5))
    assert answer["id"] == msg_id
    assert answer["error"]["code"] == INVALID_PARAMS
    server.assert_alive()


def test_a_position_past_the_end_is_answered(server: Server) -> None:
    open_notebook(server)
    msg_id = next(server.ids)
    answer = server.ask(code_action(msg_id, URI, line=10**6, character=10**6))
    assert answer["id"] == msg_id
    assert "error" not in answer
    server.assert_alive()


@pytest.mark.parametrize(
    ("message", "echoes_id"),
    [
        pytest.param({"jsonrpc": "1.0", "method": "shutdown"}, True, id="wrong jsonrpc version"),
        pytest.param({"method": "shutdown"}, True, id="no jsonrpc"),
        pytest.param({"jsonrpc": "2.0", "method": 42}, True, id="method not a string"),
        pytest.param({"jsonrpc": "2.0", "id": [9], "method": "shutdown"}, False, id="id a list"),
        pytest.param({"jsonrpc": "2.0", "id": 1.5, "method": "shutdown"}, False, id="id a fraction"),
        pytest.param([request(9, "shutdown")], False, id="a batch"),
        pytest.param("shutdown", False, id="a string"),
    ],
)
def test_an_invalid_message_gets_invalid_request(server: Server, message: Any, echoes_id: bool) -> None:
    msg_id = next(server.ids) if echoes_id else None
    if echoes_id:
        message = {**message, "id": msg_id}
    server.write(frame(json.dumps(message).encode()))
    assert server.response(msg_id)["error"]["code"] == INVALID_REQUEST
    server.assert_alive()


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({}, id="didOpen without textDocument"),
        pytest.param({"textDocument": {"uri": URI}}, id="didOpen without text"),
        pytest.param({"textDocument": {"uri": URI, "languageId": "python", "version": -1}}, id="version -1"),
        pytest.param(None, id="didOpen without params"),
    ],
)
def test_a_notification_with_bad_params_is_dropped(server: Server, params: Any) -> None:
    message: dict[str, Any] = {"jsonrpc": "2.0", "method": "textDocument/didOpen"}
    if params is not None:
        message["params"] = params
    server.send(message)
    server.assert_alive()


def test_a_response_the_server_did_not_expect_is_dropped(server: Server) -> None:
    server.send({"jsonrpc": "2.0", "id": "no-such-request"})
    server.send({"jsonrpc": "2.0", "id": "no-such-request", "result": None})
    server.assert_alive()


# -- corrupt frames: the server skips to the next header ---------------------------------------

BODY = json.dumps(code_action(1)).encode()


@pytest.mark.parametrize(
    "corrupt",
    [
        pytest.param(b"Content-Length: abc\r\n\r\n" + BODY, id="non-numeric length"),
        pytest.param(b"Content-Length: -5\r\n\r\n" + BODY, id="negative length"),
        pytest.param(b"Content-Length: \r\n\r\n" + BODY, id="empty length"),
        pytest.param(b"Content-Type: application/vscode-jsonrpc\r\n\r\n" + BODY, id="missing length"),
        pytest.param(b"Content-Length: 99999999999999999999\r\n\r\n" + BODY, id="absurdly large length"),
        pytest.param(b"Content-Length: %d\r\n\r\n%s" % (len(BODY) - 10, BODY), id="length too short"),
        pytest.param(b"Content-Length: %d\r\n\r\n%s" % (len(BODY) + 30, BODY), id="length too long"),
        pytest.param(b"garbage with no header\r\n" + BODY, id="no header"),
        pytest.param(frame(b"this is not json"), id="body not json"),
        pytest.param(frame(b"\xff\xfe\x00"), id="body not utf-8"),
        pytest.param(frame(b""), id="empty body"),
    ],
)
def test_after_a_corrupt_frame_the_next_request_is_answered(server: Server, corrupt: bytes) -> None:
    lines_before = len(server.stderr)
    msg_id = next(server.ids)
    server.write(corrupt + frame(code_action(msg_id)))
    assert server.response(msg_id) == {"jsonrpc": "2.0", "id": msg_id, "result": None}
    assert "nbfix lsp:" in server.wait_for_log(lines_before)  # what was skipped, on stderr
    server.assert_alive()


def test_a_body_that_is_not_json_gets_a_parse_error(server: Server) -> None:
    server.write(frame(b'{"jsonrpc": "2.0", "id": 4, "method":'))
    assert server.response(None)["error"]["code"] == PARSE_ERROR
    server.assert_alive()


def test_a_frame_split_across_writes_is_read(server: Server) -> None:
    msg_id = next(server.ids)
    data = frame(code_action(msg_id))
    for at in (7, 13, 5):  # inside the header name, before the empty line, inside the body
        server.write(data[:at])
        time.sleep(0.05)
        data = data[at:]
    server.write(data)
    assert server.response(msg_id)["result"] is None


# -- lifecycle ----------------------------------------------------------------------------------


def test_shutdown_then_exit(own_server: Server) -> None:
    assert own_server.ask(request(10, "shutdown")) == {"jsonrpc": "2.0", "id": 10, "result": None}
    answer = own_server.ask(code_action(11))  # a request after shutdown is refused, not ignored
    assert answer["error"]["code"] == INVALID_REQUEST
    own_server.send({"jsonrpc": "2.0", "method": "exit"})
    assert own_server.process.wait(timeout=WAIT) == 0


def test_end_of_input_ends_the_server(own_server: Server) -> None:
    assert own_server.process.stdin is not None
    own_server.process.stdin.close()
    own_server.process.wait(timeout=WAIT)
