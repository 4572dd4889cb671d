"""Run a function where deeply nested code cannot exhaust the stack.

Python compiles `1 + 1 + ... + 1` with a thousand terms, or a thousand-link
attribute chain `a.b.b...b`, without complaint, but their syntax trees are a
thousand levels deep. Everything that walks such a tree recursively needs a
frame or more per level: nbfix's own visitors, `ast.unparse`, libcst's
parser, visitors and code generator (several frames per level), marimo's
loader. At Python's default limit of 1,000 frames such a file failed with
"maximum recursion depth exceeded" although nothing is wrong with it.

Making nbfix's own walks iterative would not be enough (libcst and marimo
recurse too), so the work runs in a thread of its own with a raised
recursion limit and a C stack sized for it. A fix of a 1,000-deep
expression needs about 4,000 frames (libcst spends three or four per
level); `RECURSION_LIMIT` leaves room for 2,500 levels there, and for about
10,000 in a check.

The limit is also what turns absurd nesting (100,000 levels) into a
`RecursionError`, reported as a one-line error, instead of a crash: every
recursion that CPython counts must fit in the thread's stack, or the process
dies of a segfault. That is Python frames (which cost C stack only where a
call goes through C: at most about 750 bytes each, measured) and the C
recursion of `ast.parse`, `compile` and the symbol table (under 150 bytes a
level, allowed up to three times the limit); libcst's native parser, which
has no limit of its own, uses about 1.4 KiB a level. `STACK_BYTES` gives
each unit of the limit 16 KiB, ten times the most any of them used. The
stack is reserved address space: only the pages a deep file touches are
ever used.

The limit is process-wide in CPython, so it is raised while at least one
deep-stack call runs and put back when the last one ends.
"""

from __future__ import annotations

import ctypes
import os
import queue
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

RECURSION_LIMIT = 10_000
STACK_BYTES = RECURSION_LIMIT * 16 * 1024

_lock = threading.Lock()
_running = 0  # deep-stack calls in progress: the raised limit is process-wide
_saved_limit = 0


def call_with_deep_stack(function: Callable[[], T]) -> T:
    """`function()` run in a thread with a deep stack: its result, or the exception it raised.

    The calling thread waits, so this adds depth, not concurrency. Deep-stack
    threads are kept and reused (starting one with a 160 MiB stack for each
    file cost a fifth of a cold check); concurrent callers (the language
    server's analysis and fixes) each get one of their own. A signal handler's
    exception in the waiting thread (Ctrl-C, a worker's SIGTERM) is passed on
    to the deep thread, so the work unwinds there exactly as it would have
    here (a write in progress removes its temporary file), and is then raised
    here. Where no such thread can be started (a tight memory limit),
    `function` runs in the calling thread, as deep as it can.
    """
    worker = _take_worker()
    if worker is None:
        return function()
    outcome: list = []
    # An Event, not a join: a wait that a signal handler interrupts must be able to wait again.
    done = threading.Event()
    _raise_limit()
    try:
        worker.tasks.put((function, outcome, done))
        try:
            done.wait()
        except BaseException as interruption:
            if not outcome:
                _raise_in(worker.thread, type(interruption))
            done.wait()
            raise
    finally:
        _release_limit()
        _give_back(worker)
    succeeded, value = outcome[0]
    if succeeded:
        return value
    raise value


class _Worker:
    """A thread with the deep stack, waiting for calls on its own queue."""

    def __init__(self) -> None:
        self.tasks: queue.SimpleQueue = queue.SimpleQueue()
        self.pid = os.getpid()  # a forked process inherits the object but not the thread
        self.thread = threading.Thread(target=self._serve, name="nbfix-deep-stack", daemon=True)

    def usable(self) -> bool:
        return self.pid == os.getpid() and self.thread.is_alive()

    def _serve(self) -> None:
        while True:
            function, outcome, done = self.tasks.get()
            try:
                try:
                    outcome.append((True, function()))
                except BaseException as error:  # handed to the caller, whatever it is
                    outcome.append((False, error))
            except BaseException:  # an interruption passed on just as the work ended: nothing to stop
                pass
            finally:
                done.set()


_idle: list[_Worker] = []


def _take_worker() -> _Worker | None:
    """An idle deep-stack thread of this process, or a new one; None if none can start."""
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.usable():
                return worker
    worker = _Worker()
    try:
        with _lock:
            previous_size = threading.stack_size(STACK_BYTES)
            try:
                worker.thread.start()
            finally:
                threading.stack_size(previous_size)
    except (ValueError, RuntimeError):  # no settable stack size, or no room for this one
        return None
    return worker


def _give_back(worker: _Worker) -> None:
    with _lock:
        _idle.append(worker)


def _raise_limit() -> None:
    global _running, _saved_limit
    with _lock:
        if _running == 0:
            _saved_limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_saved_limit, RECURSION_LIMIT))
        _running += 1


def _release_limit() -> None:
    global _running
    with _lock:
        _running -= 1
        if _running == 0:
            sys.setrecursionlimit(_saved_limit)


def _raise_in(thread: threading.Thread, exception: type[BaseException]) -> None:
    """Raise `exception` in `thread` at its next bytecode, as a signal handler raises in the main thread."""
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(exception))
