"""nbfix's tools over the Model Context Protocol, on stdio, with the `mcp` SDK.

The SDK is optional (`pip install 'nbfix[mcp]'`): nothing else in nbfix imports
this module, and `main` says how to install it when it is missing. Both SDK
generations are served: `MCPServer` (mcp 2) and its older name `FastMCP` (mcp 1),
which register tools and run over stdio the same way.

The tools' docstrings and argument descriptions are what an agent reads to
choose and call them, so they say when to call each one and what comes back.
"""

# No `from __future__ import annotations`: the SDK reads the tools' annotations
# at registration to build their input and output schemas.
import sys
from typing import Annotated, Any

from nbfix.mcp import tools

INSTRUCTIONS = (
    "nbfix finds and fixes the mistakes people and AI assistants make in marimo notebooks "
    "(.py files with `app = marimo.App(...)` and `@app.cell` functions): a `return` inside an "
    "`if` in a cell, stale cell signatures, outputs that are never displayed, names defined "
    "in two cells, and more. After editing a marimo notebook, call fix_notebook with "
    "write=true to apply the fixes nbfix has proven safe, then address what it reports as "
    "remaining. Use check_notebook to look without changing anything."
)

PATH_HELP = "Path of the marimo notebook (.py); relative paths are from the server's working directory."
TEXT_HELP = (
    "The notebook's source text, to check it without reading a file (an unsaved buffer). "
    "With `path` too, the text is taken as that file's and `path` only finds its configuration."
)
UNSAFE_HELP = (
    "Also apply fixes marked unsafe (they may change behaviour; read them first). "
    "Default: the project's `unsafe-fixes` setting, else false."
)
WRITE_HELP = "Save the fixed notebook to `path` (atomically; refused if the file changed meanwhile)."

MISSING_SDK = "nbfix mcp needs the MCP Python SDK: pip install 'nbfix[mcp]'"


def _sdk() -> tuple[Any, Any, Any]:
    """The SDK's server class, its ToolError and ToolAnnotations; ImportError if it is not installed."""
    try:
        from mcp.server.mcpserver import MCPServer as Server
        from mcp.server.mcpserver.exceptions import ToolError
    except ImportError:  # mcp 1.x
        from mcp.server.fastmcp import FastMCP as Server
        from mcp.server.fastmcp.exceptions import ToolError
    from mcp.types import ToolAnnotations

    return Server, ToolError, ToolAnnotations


def build_server() -> Any:
    """The MCP server with nbfix's tools registered (not yet running)."""
    from pydantic import Field  # the SDK depends on pydantic

    server_class, tool_error, annotations = _sdk()
    server = server_class("nbfix", instructions=INSTRUCTIONS, log_level="WARNING")

    @server.tool(annotations=annotations(title="Check a marimo notebook", readOnlyHint=True))
    def check_notebook(
        path: Annotated[str | None, Field(description=PATH_HELP)] = None,
        text: Annotated[str | None, Field(description=TEXT_HELP)] = None,
    ) -> tools.CheckResult:
        """Report the problems nbfix finds in a marimo notebook, without changing anything.

        Each diagnostic has its rule code (NB001, ...), a one-line message, its position
        (1-based line and column), and its fix when nbfix has one: whether it is safe or
        unsafe, what it does, and the exact edits (replace the text from line:column up to
        end_line:end_column with `content`).
        """
        try:
            return tools.check_notebook(path, text)
        except tools.ToolFailure as failure:
            raise tool_error(str(failure)) from None

    @server.tool(
        annotations=annotations(
            title="Fix a marimo notebook", readOnlyHint=False, destructiveHint=False, idempotentHint=True
        )
    )
    def fix_notebook(
        path: Annotated[str | None, Field(description=PATH_HELP)] = None,
        text: Annotated[str | None, Field(description=TEXT_HELP)] = None,
        unsafe: Annotated[bool | None, Field(description=UNSAFE_HELP)] = None,
        write: Annotated[bool, Field(description=WRITE_HELP)] = False,
    ) -> tools.FixResult:
        """Apply nbfix's fixes to a marimo notebook: the fixed text and what remains to do by hand.

        Every fix is proven before it is kept (the notebook still parses, compiles, loads in
        marimo and re-lints clean of what was fixed); one that is not is listed in `dropped`.
        Returns the fixed text, a unified diff, the count of fixes per rule, and the
        diagnostics that remain (in the fixed text's positions). Nothing is saved unless
        `write` is true.
        """
        try:
            return tools.fix_notebook(path, text, unsafe, write)
        except tools.ToolFailure as failure:
            raise tool_error(str(failure)) from None

    return server


def main() -> None:
    """Serve over standard input and output until the client closes them."""
    try:
        server = build_server()
    except ImportError:
        print(MISSING_SDK, file=sys.stderr)
        sys.exit(2)
    server.run()  # stdio is the default transport


__all__ = ["INSTRUCTIONS", "build_server", "main"]
