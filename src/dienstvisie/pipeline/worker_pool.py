"""Worker processes that know which document each one holds, and die with their parent.

Why not `concurrent.futures.ProcessPoolExecutor`: when one of its workers dies (a check that
kills its process, the out-of-memory killer), the whole pool is "broken" and every pending result
is lost, with no word on which document did it; and when the main process is killed, its workers
keep running for ever. (pebble reports a dead worker per task, but waits for ever on one that
exits with status 0.) Here each worker has a pipe of its own: the main process sends it a chunk of items,
it says when it starts on each and sends back its result, so the main process always knows what
a worker holds and which item it is on. A worker that dies loses exactly the item it was working
on, which comes back as `Lost`; the rest of its chunk goes to a new worker, and the run finishes.

Every worker watches its parent: on Linux the kernel kills it when the parent dies
(`PR_SET_PDEATHSIG`), elsewhere a thread notices within a second that its parent is gone.

Results come in the order of the items, whatever order the workers finish in; at most `window`
items past the first unfinished one are handed out, so few results wait in memory.
"""

from __future__ import annotations

import collections
import ctypes
import os
import selectors
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any

import attrs

PARENT_POLL_SECONDS = 0.5
"""How often a worker checks that its parent is still there (where the kernel does not tell it)."""

MAX_START_FAILURES = 3
"""Workers that die while working on nothing this many times more than there are workers: give up."""

_PR_SET_PDEATHSIG = 1


@attrs.frozen
class Lost:
    """An item whose worker process ended while working on it: its exit code (negative: the
    signal that killed it, -9 for SIGKILL as the out-of-memory killer sends)."""

    exitcode: int | None


class WorkersCannotStart(RuntimeError):
    """Worker processes end before they can take any work (their set-up fails)."""


# ------------------------------------------------------------------------------ in the worker process

def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, but not ours to signal
        return True
    return True


def die_with_parent(main: int) -> None:
    """End this process when its parent ends, or the main process `main` (which is the parent,
    except under forkserver, whose server process is)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # the C library's
        except (OSError, AttributeError):  # no prctl here: the thread below still watches
            pass
    if parent == 1 or not _exists(main):  # the parent died before the watch was set up
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent and _exists(main):
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="dienstvisie-parent-watch", daemon=True).start()


def _worker_main(conn: Connection, main: int, initializer: Callable[..., None], initargs: tuple[Any, ...],
                 function: Callable[[Any], Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    die_with_parent(main)
    initializer(*initargs)
    conn.send(("ready",))
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for index, item in chunk:
            conn.send(("start", index))  # so the main process knows which item a death costs
            try:
                message: tuple[Any, ...] = (index, "ok", function(item))
            except Exception as error:  # a fault of dienstvisie itself: the main process raises it
                message = (index, "raise", error)
            except KeyboardInterrupt:  # in a check: the run stops, as it would in the main process
                message = (index, "raise", KeyboardInterrupt())
            except BaseException as error:  # SystemExit and the like: not the main process's to obey
                message = (index, "raise", RuntimeError(f"{type(error).__name__}: {error} while working on {item!r}"))
            try:
                conn.send(message)
            except Exception as error:  # a result that cannot travel
                conn.send((index, "raise", RuntimeError(f"result of {item!r} cannot be sent: {error}")))


# ------------------------------------------------------------------------------ in the main process

class _Worker:
    def __init__(self, context: BaseContext, initializer: Callable[..., None], initargs: tuple[Any, ...],
                 function: Callable[[Any], Any]) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, os.getpid(), initializer, initargs, function),
            name="dienstvisie-worker", daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.held: collections.deque[tuple[int, Any]] = collections.deque()
        self.working = False  # on the first item it holds (it said "start")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def run_in_workers(
    items: Sequence[Any],
    function: Callable[[Any], Any],
    *,
    workers: int,
    chunk: int,
    context: BaseContext,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
    window: int | None = None,
) -> Generator[Any, None, None]:
    """`function(item)` for every item, in order, computed in `workers` processes (each set up by
    `initializer(*initargs)`); `Lost` for an item whose worker died on it. `function`, `initializer`
    and `initargs` must be picklable where `context` spawns. An exception raised by `function` is
    raised here. Stopping early (an error, Ctrl-C, a consumer that gives up) kills the workers."""
    indexed = list(enumerate(items))
    pending: collections.deque[list[tuple[int, Any]]] = collections.deque(
        indexed[start:start + chunk] for start in range(0, len(indexed), chunk))
    window = window or max(workers * chunk * 4, chunk)
    results: dict[int, Any] = {}
    pool: list[_Worker] = []
    start_failures = 0
    next_index = 0
    # one selector for the whole run, not one per wait as multiprocessing.connection.wait makes:
    # the main process waits twice for every item (its start, its result)
    # (on Windows, where a selector takes no pipes, multiprocessing's wait)
    selector = selectors.PollSelector() if hasattr(selectors, "PollSelector") and os.name != "nt" else None

    def start() -> None:
        worker = _Worker(context, initializer, initargs, function)
        pool.append(worker)
        if selector is not None:
            selector.register(worker.conn, selectors.EVENT_READ)
            selector.register(worker.process.sentinel, selectors.EVENT_READ)

    try:
        for _ in range(min(workers, len(pending))):
            start()
        while next_index < len(indexed):
            while next_index in results:
                yield results.pop(next_index)
                next_index += 1
            if next_index >= len(indexed):
                break
            for worker in pool:
                if worker.ready and not worker.held and pending and pending[0][0][0] < next_index + window:
                    batch = pending.popleft()
                    try:
                        worker.conn.send(batch)
                    except OSError:  # it died just now: the batch goes to another, and its death is seen below
                        pending.appendleft(batch)
                        worker.ready = False
                        continue
                    worker.held.extend(batch)
            if selector is not None:
                ready: set[Any] = {key.fileobj for key, _ in selector.select()}
            else:
                ready = set(wait([worker.conn for worker in pool] + [worker.process.sentinel for worker in pool]))
            for worker in list(pool):
                if worker.conn in ready:
                    while _receive(worker, results):  # all it has sent: its start and its result at once
                        pass
                if worker.process.sentinel in ready and not worker.process.is_alive():
                    while _receive(worker, results):  # what it sent before it ended
                        pass
                    worker.process.join()
                    if worker.working:  # the item it was working on is lost with it
                        index, _ = worker.held.popleft()
                        results[index] = Lost(worker.process.exitcode)
                    else:  # it died between items, or before it could take any
                        start_failures += 1
                        if start_failures > workers + MAX_START_FAILURES:
                            raise WorkersCannotStart(f"worker processes end before they can take work (exit code "
                                                     f"{worker.process.exitcode})")
                    if worker.held:  # the rest of its chunk goes to another worker
                        pending.appendleft(list(worker.held))
                    pool.remove(worker)
                    if selector is not None:
                        selector.unregister(worker.conn)
                        selector.unregister(worker.process.sentinel)
                    worker.conn.close()
                    if pending and len(pool) < workers:
                        start()
    finally:
        if selector is not None:
            selector.close()
        for worker in pool:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 2
        for worker in pool:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            worker.stop()


def _receive(worker: _Worker, results: dict[int, Any]) -> bool:
    """Take one message from `worker` if one is there; False when there is none (or the pipe is closed)."""
    try:
        if not worker.conn.poll():
            return False
        message = worker.conn.recv()
    except (EOFError, OSError):
        return False
    if message[0] == "ready":
        worker.ready = True
        return True
    if message[0] == "start":
        worker.working = True
        return True
    index, kind, value = message
    worker.working = False
    held_index, _ = worker.held.popleft()
    assert held_index == index, "a worker answered out of order"
    if kind == "raise":
        raise value
    results[index] = value
    return True


__all__ = ["Lost", "WorkersCannotStart", "die_with_parent", "run_in_workers"]
