"""Running many files: cache lookups, worker processes, a progress bar, stable order.

The parent process discovers files and answers what it can from the cache;
the rest go to `jobs` worker processes (each file is independent, and a
notebook's parse and rules are CPU-bound Python, so threads would not help).
Results come back in completion order and are put back in path order, so the
output is the same whatever the number of jobs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path

from fixer.cache import Cache
from fixer.files import Target
from fixer.report import FileReport
from fixer.runner import Mode, Settings, process

Advance = Callable[[], None]
Known = tuple[str, FileReport] | None  # the cache's last (content hash, report) of a file
Pending = list[tuple[int, Target, Known]]

# Files between two garbage collections (see `_collection_between_files`).
COLLECT_EVERY = 64
_files_since_collection = 0


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
    pending: Pending = []
    for position, target in enumerate(targets):
        hit = cache.lookup(target.path) if cache is not None else None
        if hit is not None and (settings.mode is Mode.CHECK or hit.fixable_count == 0):
            reports[position] = hit
            advance()
        else:
            known = cache.known_content(target.path) if cache is not None else None
            pending.append((position, target, known))

    with _collection_between_files():
        _run_pending(pending, reports, settings, jobs, advance)

    ordered = [reports[position] for position in range(len(targets))]
    if cache is not None:
        if settings.mode is not Mode.DIFF:  # a diff's report describes text that was not written
            for target, report in zip(targets, ordered, strict=True):
                cache.store(Path(target.path), report)
        cache.save()
    return ordered


def _run_pending(
    pending: Pending, reports: dict[int, FileReport], settings: Settings, jobs: int, advance: Advance
) -> None:
    if jobs > 1 and len(pending) > 1:
        context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        )
        with ProcessPoolExecutor(max_workers=min(jobs, len(pending)), mp_context=context) as pool:
            futures = {
                pool.submit(_process, target, settings, known): position
                for position, target, known in pending
            }
            for future in as_completed(futures):
                reports[futures[future]] = future.result()
                advance()
    else:
        for position, target, known in pending:
            reports[position] = _process(target, settings, known)
            advance()


@contextmanager
def _collection_between_files() -> Iterator[None]:
    """Collect garbage between files instead of while parsing them.

    Parsing a notebook allocates hundreds of thousands of `ast` nodes. Each
    burst of allocations made Python's cyclic collector walk the young
    objects and, once they were promoted, every long-lived one: a sixth of a
    cold check, for almost no garbage (a notebook's trees are freed by
    reference counting when its file is done). So automatic collection is
    off during a batch, what was imported is frozen out of every collection,
    and `_process` collects every `COLLECT_EVERY` files, which bounds what
    any reference cycle can hold. Forked worker processes inherit this.
    """
    gc.freeze()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.unfreeze()


def _process(target: Target, settings: Settings, known: Known) -> FileReport:
    global _files_since_collection
    report = process(target, settings, known)
    _files_since_collection += 1
    if _files_since_collection >= COLLECT_EVERY:
        _files_since_collection = 0
        gc.collect()
    return report
