"""`python -m fixer.lsp`: the language server over stdio (what `nbfix lsp` runs)."""

from fixer.lsp.server import serve

serve()
