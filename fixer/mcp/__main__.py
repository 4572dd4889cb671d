"""`python -m nbfix.mcp`: the MCP server over stdio (what `nbfix mcp` runs)."""

from nbfix.mcp.server import main

main()
