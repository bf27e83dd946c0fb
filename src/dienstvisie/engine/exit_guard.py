"""A check or plugin hook that calls `os._exit` ends itself, not the run.

Why: `os._exit` ends the process at once, without a word, without finishing the report, and with
whatever exit code the plugin chose, so a run "fails" with exit 3 and nothing to go on. `sys.exit`
in a check is already an `error` finding of that check; `os._exit` is made the same: while plugin
code runs inside `contained_exit()`, `os._exit` raises `ProcessExit` in that thread instead.

Only the thread that entered `contained_exit()`, in the process that entered it, is affected:
anything else calling `os._exit` (a worker process of multiprocessing that ends, a child forked
by a check) exits as usual. What no process can contain, the kernel killing it (a signal, the
out-of-memory killer), is reported by the main process for a worker (see worker_pool.py).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from typing import NoReturn

_real_exit = os._exit
_state = threading.local()
_install_lock = threading.Lock()


class ProcessExit(BaseException):
    """`os._exit(status)` called by plugin code (a BaseException, like SystemExit: `except
    Exception` in the plugin does not swallow it)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status

    def __str__(self) -> str:
        return f"os._exit({self.status}) was called"


def _guarded_exit(status: int) -> NoReturn:
    if getattr(_state, "pid", None) == os.getpid():
        raise ProcessExit(status)
    _real_exit(status)


def _install() -> None:
    if os._exit is _guarded_exit:
        return
    with _install_lock:
        if os._exit is not _guarded_exit:
            os._exit = _guarded_exit


def exit_guarded() -> bool:
    """`os._exit` is still the guarded one (code that ran may have replaced it): a caller inside
    `contained_exit()` for a whole run of checks need not enter it again for each."""
    return os._exit is _guarded_exit


@contextlib.contextmanager
def contained_exit() -> Iterator[None]:
    """For the duration, `os._exit` in this thread raises `ProcessExit` (nestable)."""
    _install()
    previous = getattr(_state, "pid", None)
    _state.pid = os.getpid()
    try:
        yield
    finally:
        _state.pid = previous


__all__ = ["ProcessExit", "contained_exit", "exit_guarded"]
