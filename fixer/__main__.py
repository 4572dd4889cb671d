"""`python -m nbfix` and the `nbfix` command.

`nbfix --version` is answered here, before click, rich, the rules or anything
else is imported: it is what editors and scripts run to find nbfix, and it
should take no longer than starting Python.
"""

from __future__ import annotations

import sys


def run() -> None:
    if sys.argv[1:] == ["--version"]:
        from nbfix import __version__

        sys.stdout.write(f"nbfix, version {__version__}\n")
        sys.exit(0)
    from nbfix.cli import main

    main(prog_name="nbfix")


if __name__ == "__main__":
    run()
