"""The nbfix language server (`nbfix lsp`): diagnostics and fixes in any LSP editor.

`server` speaks the protocol and schedules the work, `analysis` lints a
buffer snapshot and proves its fixes off the event loop, `settings` merges
the project's configuration file with the editor's settings, `positions`
converts the engine's byte offsets to LSP's code-unit columns, `edits` turns
a fixed text into minimal text edits, `suppress` writes ignore comments,
`transport` reads the client's frames and answers malformed ones with errors.
"""
