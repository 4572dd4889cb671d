"""Reading the client's messages so that no malformed input leaves the editor waiting.

pygls 2's stdio loop (`pygls.io_.run_async`) trusts the client: a request
whose params do not structure into lsprotocol's types (a missing field, a
negative position) fails inside `json.loads`, before its id is known, so it
is logged and never answered; a frame whose `Content-Length` is missing or
not a number leaves its body glued to the next header line, and every later
frame with it; an absurd length blocks reading (or fails to allocate) for
good. The editor then waits forever on a server that looks alive.

This module replaces that loop. `FrameReader` splits the byte stream into
bodies and, after a corrupt frame, logs what it skips and resynchronises on
the next `Content-Length:` header. `NbfixProtocol.receive` checks a parsed
message before handing it to pygls and answers a bad request with the
JSON-RPC error the specification names: ParseError for a body that is not
JSON, InvalidRequest for something that is not a JSON-RPC 2.0 message (or a
request after `shutdown`), InvalidParams for params of the wrong shape. A
notification with bad params is logged and dropped, as there is nobody to
answer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import threading
from typing import TYPE_CHECKING, Any, BinaryIO

import cattrs
from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
)
from pygls.io_ import StdinAsyncReader, StdoutWriter
from pygls.protocol import JsonRPCNotification, JsonRPCRequestMessage, LanguageServerProtocol

if TYPE_CHECKING:
    from pygls.io_ import AsyncReader
    from pygls.lsp.server import LanguageServer

logger = logging.getLogger(__name__)

# A notebook's text, JSON-escaped, is far below this; a longer frame is taken for a corrupt
# header rather than waited for (reading it would block on bytes the client never sends).
MAX_CONTENT_LENGTH = 64 * 1024 * 1024

_HEADER_NAME = re.compile(rb"[A-Za-z0-9-]+")
_LENGTH_VALUE = re.compile(rb"[ \t]*(\d+)[ \t]*\r?\n?")
# A Content-Length header ending a line, wherever it starts: after a frame with a bad length,
# its body and the next header arrive as one line, as they are not separated by a newline.
_LENGTH_AT_END = re.compile(rb"Content-Length:[ \t]*(\d+)[ \t]*\r?\n\Z", re.IGNORECASE)
# A Content-Length header inside a body: raw CR LF never occurs inside a JSON string, so this
# is the next frame, swallowed by a length too long for its own body.
_LENGTH_INSIDE = re.compile(rb"Content-Length:[ \t]*\d+[ \t]*\r\n", re.IGNORECASE)


def _content_length(value: bytes) -> int | None:
    """The length a `Content-Length` header's value declares, None if it is not a usable one."""
    match = _LENGTH_VALUE.fullmatch(value)
    if match is None:
        return None
    length = int(match.group(1))
    return length if length <= MAX_CONTENT_LENGTH else None


class FrameReader:
    """Splits the client's byte stream into message bodies, skipping corrupt frames.

    A frame is header lines (`Content-Length: N` is required, others are
    ignored), an empty line, then N bytes of body. On a line that is not a
    header, or a header block without a usable length, the reader logs the
    problem and skips lines until one ends in a valid `Content-Length:`
    header, which starts the next frame.
    """

    def __init__(self, stream: AsyncReader) -> None:
        self._stream = stream
        self._pending = b""  # bytes given back by `resync_within`, read before the stream's

    async def _readline(self) -> bytes:
        if self._pending:
            end = self._pending.find(b"\n") + 1
            if end:
                line, self._pending = self._pending[:end], self._pending[end:]
                return line
            line, self._pending = self._pending, b""
            return line + await self._stream.readline()
        return await self._stream.readline()

    async def _read(self, size: int) -> bytes:
        data, self._pending = self._pending[:size], self._pending[size:]
        if len(data) < size:
            data += await self._stream.readexactly(size - len(data))
        return data

    async def read_body(self) -> bytes | None:
        """The next frame's body, or None at the end of the input."""
        length: int | None = None
        in_headers = False  # a header line was read since the last frame
        lost = False  # after a corrupt frame: looking for the next Content-Length header
        skipped = 0
        while True:
            line = await self._readline()
            if not line:
                if lost:
                    logger.error("end of input after skipping %d bytes", skipped)
                return None
            if lost:
                match = _LENGTH_AT_END.search(line)
                if match is None or _content_length(match.group(1)) is None:
                    skipped += len(line)
                    continue
                logger.error("skipped %d bytes to the next Content-Length header", skipped + match.start())
                line, lost, skipped = line[match.start() :], False, 0
            if not line.strip():
                if length is not None:
                    body = await self._read(length)
                    return body if len(body) == length else None
                if in_headers:
                    logger.error("a frame without a Content-Length header")
                    in_headers, lost = False, True
                continue  # else a stray empty line between frames
            in_headers = True
            name, colon, value = line.partition(b":")
            if colon and name.strip().lower() == b"content-length":
                length = _content_length(value)
                if length is None:
                    logger.error("invalid Content-Length header: %.80r", line)
                    in_headers, lost, skipped = False, True, len(line)
            elif not (colon and _HEADER_NAME.fullmatch(name)):
                logger.error("expected a header, got %.80r", line)
                length, in_headers, lost = None, False, True
                self._pending = line + self._pending  # read it again: it may end with the next header

    def resync_within(self, body: bytes) -> None:
        """After a body that is not JSON: read again from a header inside it, if there is one."""
        match = _LENGTH_INSIDE.search(body)
        if match is not None:
            self._pending = body[match.start() :] + self._pending


def _valid_id(value: Any) -> bool:
    """A JSON-RPC request id: a string, an integer, or null (allowed, if discouraged)."""
    return value is None or isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def _describe(error: Exception) -> str:
    """What is wrong with a message, from cattrs' error (`required field missing @ $.params.range`)."""
    cause = error.__cause__ or error  # pygls's `structure_message` wraps it
    if isinstance(cause, cattrs.BaseValidationError):
        return "; ".join(cattrs.transform_error(cause))
    return str(cause)


class NbfixProtocol(LanguageServerProtocol):
    """pygls's protocol, with `receive`: the checks that make sure a request is answered."""

    def refuse(self, msg_id: str | int | None, error: JsonRpcException) -> None:
        """Answer a request with an error (a null id when the request's own could not be read)."""
        logger.error("answered request %r with error %d: %s", msg_id, error.code, error.message)
        # A plain dict: lsprotocol's ResponseErrorMessage drops a null id, which JSON-RPC requires.
        error_message = {"code": error.code, "message": error.message}
        self._send_data({"jsonrpc": self.VERSION, "id": msg_id, "error": error_message})

    def receive(self, data: Any) -> None:
        """Handle one parsed message: pygls's `handle_message`, once it cannot drop it silently."""
        if not isinstance(data, dict):  # a batch, which LSP does not have, or a bare value
            self.refuse(None, JsonRpcInvalidRequest(f"expected a JSON object, got {type(data).__name__}"))
            return
        if "id" in data and "method" not in data:
            self._receive_response(data)
            return
        msg_id, method = data.get("id"), data.get("method")
        if data.get("jsonrpc") != self.VERSION or not isinstance(method, str) or not _valid_id(msg_id):
            problem = "not a JSON-RPC 2.0 request or notification"
            self.refuse(msg_id if _valid_id(msg_id) else None, JsonRpcInvalidRequest(problem))
            return
        message_type = self.get_message_type(method)
        if message_type is None:  # an unknown method: pygls's fallback types (params required)
            message_type = JsonRPCRequestMessage if "id" in data else JsonRPCNotification
            data.setdefault("params", None)
        try:
            # What pygls's `structure_message` does, without its traceback for each bad message.
            message = self._converter.structure(data, message_type)
        except Exception as error:
            if "id" in data:
                self.refuse(msg_id, JsonRpcInvalidParams(f"invalid params for {method}: {_describe(error)}"))
            else:
                logger.error("dropped a %s notification with invalid params: %s", method, _describe(error))
            return
        if "id" in data and self._shutdown and method != types.EXIT:
            # pygls drops it without an answer; the specification asks for this error.
            self.refuse(msg_id, JsonRpcInvalidRequest(f"{method}: the server is shutting down"))
            return
        self.handle_message(message)

    def _receive_response(self, data: dict[str, Any]) -> None:
        """A response to one of the server's requests; a malformed one fails that request, not the server."""
        try:
            if data.get("jsonrpc") != self.VERSION:
                raise ValueError("not a JSON-RPC 2.0 response")
            message = self.structure_message(data)
        except Exception as error:
            problem = _describe(error)
            logger.error("invalid response to request %.80r: %s", data["id"], problem)
            if _valid_id(data["id"]):
                error_message = types.ResponseError(code=JsonRpcInvalidParams.CODE, message=problem)
                self._handle_response(data["id"], None, error_message)  # whoever awaits it gets the error
            return
        self.handle_message(message)


async def _serve(stop_event: threading.Event, reader: FrameReader, protocol: NbfixProtocol) -> None:
    """pygls's `run_async` loop with `FrameReader` for framing and `receive` for dispatching."""
    while not stop_event.is_set():
        body = await reader.read_body()
        if body is None:
            break
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
            protocol.refuse(None, JsonRpcParseError(f"the body is not JSON ({error}): {body[:80]!r}"))
            reader.resync_within(body)
            continue
        try:
            protocol.receive(data)
        except Exception:  # a bug in handling one message must not end the server
            logger.exception("failed to handle a message")


def serve_stdio(
    server: LanguageServer, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None
) -> None:
    """Serve on stdin/stdout until `exit` or the end of the input (pygls's `start_io`, with `_serve`)."""
    protocol = server.protocol
    assert isinstance(protocol, NbfixProtocol)
    stop_event = server._stop_event = threading.Event()  # pygls's `shutdown` sets it
    protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    reader = FrameReader(StdinAsyncReader(stdin or sys.stdin.buffer, server.thread_pool))
    try:
        asyncio.run(_serve(stop_event, reader, protocol))
    except BrokenPipeError:
        logger.error("the connection to the client is lost")
    except (KeyboardInterrupt, SystemExit):  # `exit` raises SystemExit, as in pygls
        pass
    finally:
        server.shutdown()
