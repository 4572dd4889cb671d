"""The nbfix MCP server (`nbfix mcp`, `python -m nbfix.mcp`): nbfix as tools for coding agents.

`tools` does the work with nbfix's own pipeline and needs nothing beyond nbfix;
`server` exposes it over the Model Context Protocol with the `mcp` SDK, an
optional dependency (`pip install 'nbfix[mcp]'`).
"""
