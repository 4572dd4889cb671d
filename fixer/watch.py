"""`--watch`: check again whenever a file changes, until Ctrl-C.

The files are polled (their modification time and size, twice a second) rather
than watched through the operating system: it needs no dependency, works the
same everywhere, and costs a `stat` per file per poll. Each poll finds the files
again, so a notebook added to a folder being watched is seen, and the
configuration file is polled too. Files written by the run itself (`--write`)
do not start another run: the state is taken after each run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

INTERVAL = 0.5  # seconds between two polls
EXIT_INTERRUPTED = 130


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int] | None]:
    """Each path's modification time and size (None: it is gone)."""
    state: dict[str, tuple[int, int] | None] = {}
    for path in paths:
        try:
            status = os.stat(path)
            state[str(path)] = (status.st_mtime_ns, status.st_size)
        except OSError:
            state[str(path)] = None
    return state


def watch(
    run: Callable[[], int],
    files: Callable[[], list[Path]],
    *,
    say: Callable[[str], None],
    interval: float = INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run, then run again after each change of `files()`; Ctrl-C while waiting ends it with 0."""
    try:
        while True:
            if run() == EXIT_INTERRUPTED:
                return EXIT_INTERRUPTED
            before = snapshot(files())
            say(f"nbfix: watching {len(before)} files for changes (Ctrl-C to stop)")
            while snapshot(files()) == before:
                sleep(interval)
            say("nbfix: a file changed; checking again")
    except KeyboardInterrupt:
        return 0
