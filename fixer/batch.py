"""Running many files: cache lookups, worker processes, a progress bar, stable order.

The parent process discovers files and answers what it can from the cache;
the rest go to `jobs` worker processes (each file is independent, and a
notebook's parse and rules are CPU-bound Python, so threads would not help).
Results come back in completion order and are put back in path order, so the
output is the same whatever the number of jobs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from fixer.cache import Cache
from fixer.files import Target
from fixer.report import FileReport
from fixer.runner import Mode, Settings, process

Advance = Callable[[], None]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run_batch(
    targets: list[Target],
    settings: Settings,
    *,
    jobs: int,
    cache: Cache | None,
    advance: Advance = lambda: None,
) -> list[FileReport]:
    """A report per target, in the order of `targets`."""
    reports: dict[int, FileReport] = {}
    pending: list[tuple[int, Target, tuple[str, FileReport] | None]] = []
    for position, target in enumerate(targets):
        hit = cache.lookup(target.path) if cache is not None else None
        if hit is not None and (settings.mode is Mode.CHECK or hit.fixable_count == 0):
            reports[position] = hit
            advance()
        else:
            known = cache.known_content(target.path) if cache is not None else None
            pending.append((position, target, known))

    if jobs > 1 and len(pending) > 1:
        context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        )
        with ProcessPoolExecutor(max_workers=min(jobs, len(pending)), mp_context=context) as pool:
            futures = {
                pool.submit(process, target, settings, known): position for position, target, known in pending
            }
            for future in as_completed(futures):
                reports[futures[future]] = future.result()
                advance()
    else:
        for position, target, known in pending:
            reports[position] = process(target, settings, known)
            advance()

    ordered = [reports[position] for position in range(len(targets))]
    if cache is not None:
        if settings.mode is not Mode.DIFF:  # a diff's report describes text that was not written
            for target, report in zip(targets, ordered, strict=True):
                cache.store(Path(target.path), report)
        cache.save()
    return ordered
