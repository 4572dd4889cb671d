"""Running many files: cache lookups, worker processes, a progress bar, stable order.

The parent process discovers files and answers what it can from the cache;
the rest go to `jobs` worker processes (each file is independent, and a
notebook's parse and rules are CPU-bound Python, so threads would not help).
Results come back in completion order and are put back in path order, so the
output is the same whatever the number of jobs.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from nbfix.cache import Cache
from nbfix.files import Target
from nbfix.report import FileReport
from nbfix.runner import Mode, Settings, process

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Advance = Callable[[], None]
Known = tuple[str, FileReport] | None  # the cache's last (content hash, report) of a file
Pending = list[tuple[int, Target, Known]]

# A run of at most this many files stays in this process: starting a pool costs more than it saves.
SMALL_RUN = 8
# Files go to the workers in runs: about this many runs per worker, at most MAX_CHUNK files each.
CHUNKS_PER_WORKER = 4
MAX_CHUNK = 32
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
            # Only what was processed: a cache hit's entry is already what it would store.
            for position, target, _ in pending:
                cache.store(Path(target.path), reports[position])
        cache.save()
    return ordered


def _chunks(pending: Pending, jobs: int) -> list[Pending]:
    """Files in runs of several per task: one file per task costs a round trip to the pool each.

    About `CHUNKS_PER_WORKER` runs per worker, so a slow file still leaves the
    others work to share, and at most `MAX_CHUNK` files per run.
    """
    size = max(1, min(MAX_CHUNK, len(pending) // (jobs * CHUNKS_PER_WORKER)))
    return [pending[start : start + size] for start in range(0, len(pending), size)]


def _run_pending(
    pending: Pending, reports: dict[int, FileReport], settings: Settings, jobs: int, advance: Advance
) -> None:
    if jobs > 1 and len(pending) > SMALL_RUN:
        # Imported only here: a run of one file (pre-commit's usual call) starts no pool.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        )
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(pending)),
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )
        try:
            futures = [
                pool.submit(_process_chunk_in_worker, chunk, settings) for chunk in _chunks(pending, jobs)
            ]
            for future in as_completed(futures):
                for position, report in future.result():
                    reports[position] = report
                    advance()
        except BaseException:
            _stop_workers(pool)
            raise
        pool.shutdown()
    else:
        for position, target, known in pending:
            reports[position] = _process(target, settings, known)
            advance()


def _start_worker(parent: int) -> None:
    """Make a worker die with its parent, and leave Ctrl-C to the parent.

    A worker that outlives a killed parent would go on writing files nobody
    asked for any more, then wait forever for work. On Linux the kernel kills
    it when the parent dies (parent-death signal, SIGTERM); elsewhere a watchdog
    thread polls for a new parent. Ctrl-C reaches the whole process group:
    workers ignore it and the parent stops them (see `_stop_workers`), so a
    run ends once, cleanly. SIGTERM (the parent-death signal, or
    `_stop_workers`) unwinds a worker through `_Terminated`, so a write in
    progress removes its temporary file, and then ends it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_terminate)
    if not _die_with_parent_linux():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before we could ask to die with it
        os._exit(1)


def _die_with_parent_linux() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


class _Terminated(BaseException):
    """Raised in a worker by SIGTERM while it works on a file: unwind (cleaning up a write), then exit."""


_working_on_a_file = False


def _exit_on_terminate(signum: int, frame: object) -> None:
    if _working_on_a_file:
        raise _Terminated
    os._exit(128 + signum)  # idle: nothing to clean up, and nothing to print


def _process_chunk_in_worker(chunk: Pending, settings: Settings) -> list[tuple[int, FileReport]]:
    return [(position, _process_in_worker(target, settings, known)) for position, target, known in chunk]


def _process_in_worker(target: Target, settings: Settings, known: Known) -> FileReport:
    # The pool would catch the exception, send it back and take the next file;
    # a terminated worker must stop instead.
    global _working_on_a_file
    _working_on_a_file = True
    try:
        return _process(target, settings, known)
    except _Terminated:
        os._exit(128 + signal.SIGTERM)
    finally:
        _working_on_a_file = False


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the run now: cancel what has not started and terminate the workers."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        with contextlib.suppress(OSError, ValueError):
            worker.terminate()
    for worker in workers:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            worker.join(timeout=5)


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
