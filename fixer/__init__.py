"""nbfix: find and fix the anti-patterns of marimo notebooks."""

__version__ = "0.1.0"
