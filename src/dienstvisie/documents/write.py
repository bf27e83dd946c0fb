"""Write output files atomically: a reader sees the old file or the whole new one, never half.

Only a regular file is replaced (through a temporary file beside it and a rename); a device node,
a named pipe, a process substitution or `/dev/stdout` is written in place, a symbolic link is
followed, a disk or a folder is refused: see `output_target`. What is written in place is still
written whole or not at all: it is gathered first (in memory, or in an unnamed temporary file when
large) and handed over when complete.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from typing import IO

from .output_target import Target, open_in_place, target_of, write_all
from .unnamed_file import link_into_place, open_unnamed

_SPOOL_BYTES = 8 * 1024 * 1024  # what a report written in place may hold in memory before it goes to disk
_SYNC_BYTES = 4 * 1024 * 1024  # what an AtomicFile writes before it has the disk take it, while the run goes on
_RANDOM_PART = 8  # the length of the random part of tempfile's names
_TEMP_MARGIN = len("..") + _RANDOM_PART + len(".tmp")


def _default_mode() -> int:
    """The mode a newly created file would get: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _name_max(folder: str) -> int:
    try:
        return min(int(os.pathconf(folder, "PC_NAME_MAX")), 255)
    except (OSError, ValueError, AttributeError):
        return 255


def temp_prefix(name: str, folder: str) -> str:
    """`.NAME.`, with NAME shortened so that the temporary file's whole name (random part and `.tmp`
    included) fits the file system's limit on a name: an output of 250 characters can be written."""
    budget = _name_max(folder) - _TEMP_MARGIN
    short = name
    while short and len(os.fsencode(short)) > budget:
        short = short[:-1]
    return f".{short}."


class _Replacement:
    """A temporary file beside a regular file, renamed over it when complete. Where the system can,
    the temporary file has no name until then (unnamed_file.py), so a process killed half-way
    (`kill -9`, the out-of-memory killer) leaves nothing behind."""

    def __init__(self, path: str) -> None:
        self.target = Path(path)
        try:
            info = os.stat(path)
            self.mode = info.st_mode & 0o7777
            self.owner: tuple[int, int] | None = (info.st_uid, info.st_gid)
        except OSError:
            self.mode = _default_mode()
            self.owner = None
        folder = os.fspath(self.target.parent) or "."
        handle = open_unnamed(folder)
        self.temp_name: str | None = None
        if handle is None:
            handle, self.temp_name = tempfile.mkstemp(prefix=temp_prefix(self.target.name, folder), suffix=".tmp",
                                                      dir=folder)
        self.stream: IO[bytes] = os.fdopen(handle, "wb")
        self._unsynced = 0
        self._syncing: threading.Thread | None = None

    def wrote(self, count: int) -> None:
        """`count` more bytes were written. Every `_SYNC_BYTES` the disk is given what is written so
        far, in a thread (fsync lets go of the GIL), so `commit()` waits only for the last part
        instead of a whole large report at the end of a run."""
        self._unsynced += count
        if self._unsynced < _SYNC_BYTES or (self._syncing is not None and self._syncing.is_alive()):
            return
        self.stream.flush()
        self._unsynced = 0
        self._syncing = threading.Thread(target=_sync_quietly, args=(self.stream.fileno(),),
                                         name="dienstvisie-sync", daemon=True)
        self._syncing.start()

    def _synced(self) -> None:
        if self._syncing is not None:
            self._syncing.join()
            self._syncing = None

    def commit(self) -> None:
        try:
            self._synced()
            self.stream.flush()
            descriptor = self.stream.fileno()
            os.fsync(descriptor)
            os.fchmod(descriptor, self.mode)
            if self.owner is not None and hasattr(os, "fchown"):
                try:  # keep the owner of the file replaced, where this process may (as root)
                    os.fchown(descriptor, *self.owner)
                except OSError:
                    pass
            if self.temp_name is None:
                link_into_place(descriptor, self.target)
                self.stream.close()
            else:
                self.stream.close()
                os.replace(self.temp_name, self.target)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self._synced()
        try:
            self.stream.close()
        except OSError:
            pass
        if self.temp_name is None:  # a nameless file: closing it was all
            return
        try:
            os.unlink(self.temp_name)
        except FileNotFoundError:
            pass


def _sync_quietly(descriptor: int) -> None:
    """fdatasync where there is one: an early sync that fails changes nothing, `commit()` syncs again."""
    try:
        (getattr(os, "fdatasync", None) or os.fsync)(descriptor)
    except OSError:
        pass


class _InPlace:
    """What is written to a device or pipe, gathered until complete, then written there."""

    def __init__(self, target: Target) -> None:
        # opened now: refused at once when nobody reads the pipe, and held open so that a reader
        # does not see the end of its input before the report comes
        self.descriptor = open_in_place(target)
        self.stream: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115

    def commit(self) -> None:
        try:
            self.stream.seek(0)
            while chunk := self.stream.read(1024 * 1024):
                write_all(self.descriptor, chunk)
        finally:
            self.discard()

    def discard(self) -> None:
        self.stream.close()
        if self.descriptor >= 0:
            os.close(self.descriptor)
            self.descriptor = -1


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write `data` to `path`: a regular file through a temporary file in the same folder and an
    atomic rename (with the mode of the file it replaces, or the usual mode for a new file, not the
    private 0600 of a temporary file); a device or pipe in place (see the module)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = target_of(path)
    if target.how == "in_place":
        descriptor = open_in_place(target)
        try:
            write_all(descriptor, payload)
        finally:
            os.close(descriptor)
        return
    replacement = _Replacement(target.path)
    try:
        replacement.stream.write(payload)
    except BaseException:
        replacement.discard()
        raise
    replacement.commit()


class AtomicFile:
    """A text file written bit by bit and put in place at once: through a temporary file in the same
    folder that `commit()` renames over `path` (with the mode `write_atomic` gives), or that
    `discard()` removes. For output too large to hold in memory first (a report of 10,000 services).
    A device or pipe gets the whole text at `commit()` (see the module).

    Opening raises OSError when the path cannot take the file, before any work is done.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        target = target_of(path)
        self.target = Path(target.path)
        if target.how == "in_place":
            self._sink: _Replacement | _InPlace = _InPlace(target)
        else:
            self._sink = _Replacement(target.path)

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self._sink.stream.write(data)
        if isinstance(self._sink, _Replacement):
            self._sink.wrote(len(data))
        return len(text)

    def write_bytes(self, data: bytes) -> None:
        """Write text already encoded as UTF-8 (a streamed report's part, made in a worker process)."""
        self._sink.stream.write(data)
        if isinstance(self._sink, _Replacement):
            self._sink.wrote(len(data))

    def tell(self) -> int:
        """Where the next write goes, in bytes (a position for `overwrite`)."""
        return self._sink.stream.tell()

    def overwrite(self, position: int, text: str) -> None:
        """Write `text` over what stands at `position` (from `tell`, the same length in bytes), then
        carry on at the end: a streamed report fills in its head (`"result": "fail"`) when the run
        is done, instead of copying the whole report once more (exporters/json_report.py)."""
        stream = self._sink.stream
        end = stream.tell()
        stream.seek(position)
        stream.write(text.encode("utf-8"))
        stream.seek(end)

    def commit(self) -> None:
        """Put the file in place (flushed to disk first)."""
        self._sink.commit()

    def discard(self) -> None:
        """Leave the target as it was and remove the temporary file."""
        self._sink.discard()
