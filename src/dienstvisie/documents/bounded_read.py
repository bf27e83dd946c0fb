"""Read a document file within bounds of size and of waiting, whatever kind of file it is.

A regular file is read up to the size limit. A named pipe, a process substitution (`<(generate)`),
/dev/stdin or a character device may never end (/dev/zero) or never speak (a writer that holds
the pipe open and writes nothing): it is read until its end, the size limit, or `idle` seconds
without a byte, whichever comes first. Opening does not wait for a writer either: a pipe nobody
writes to reads as empty.
"""

from __future__ import annotations

import os
import select
import stat

from ..i18n import message
from ..model.text import Text

DEFAULT_IDLE_SECONDS = 30.0
_CHUNK = 1024 * 1024


class Stalled(Exception):
    """Nothing arrived from a pipe or device for `seconds`."""

    def __init__(self, seconds: float, kind: Text) -> None:
        super().__init__(f"nothing arrived for {seconds:g} seconds")
        self.seconds = seconds
        self.kind = kind


def idle_seconds_from_environment() -> float:
    """How long a pipe may stay silent: DIENSTVISIE_READ_TIMEOUT (seconds), or 30."""
    value = os.environ.get("DIENSTVISIE_READ_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_IDLE_SECONDS
    return seconds if 0 < seconds < float("inf") else DEFAULT_IDLE_SECONDS


def kind_of(mode: int) -> Text:
    """What kind of file a mode describes, in words (for a message)."""
    if stat.S_ISCHR(mode):
        return message("file.kind.character_device")
    if stat.S_ISBLK(mode):
        return message("file.kind.block_device")
    if stat.S_ISFIFO(mode):
        return message("file.kind.fifo")
    if stat.S_ISSOCK(mode):
        return message("file.kind.socket")
    return message("file.kind.other")


def read_bounded(name: str, limit: int, idle: float | None = None) -> tuple[bytes, int]:
    """At most `limit + 1` bytes of the file `name`, and its st_mode. OSError when it cannot be
    read; Stalled when a pipe or device stays silent for `idle` seconds (see the module)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(name, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISREG(mode) or not hasattr(select, "poll"):
            os.set_blocking(descriptor, True)
            with os.fdopen(os.dup(descriptor), "rb") as handle:
                return handle.read(limit + 1), mode
        return _read_stream(descriptor, limit, idle_seconds_from_environment() if idle is None else idle, mode), mode
    finally:
        os.close(descriptor)


def _read_stream(descriptor: int, limit: int, idle: float, mode: int) -> bytes:
    """Read a non-blocking descriptor until its end, `limit + 1` bytes, or `idle` silent seconds."""
    poller = select.poll()
    poller.register(descriptor, select.POLLIN)
    data = bytearray()
    while len(data) <= limit:
        try:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - len(data)))
        except BlockingIOError:  # a writer is there but has not written (yet)
            if not poller.poll(idle * 1000):
                raise Stalled(idle, kind_of(mode)) from None
            continue
        if not chunk:
            break
        data += chunk
    return bytes(data)
