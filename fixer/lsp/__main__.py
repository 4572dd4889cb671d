"""`python -m nbfix.lsp`: the language server over stdio (what `nbfix lsp` runs)."""

from nbfix.lsp.server import serve

serve()
