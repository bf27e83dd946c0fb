"""Write output files atomically: a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _default_mode() -> int:
    """The mode a newly created file would get: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and an atomic rename.

    The file gets the mode of the file it replaces, or the usual mode for a new file (not the
    private 0600 of a temporary file).
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = _default_mode()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


class AtomicFile:
    """A text file written bit by bit and put in place at once: through a temporary file in the same
    folder that `commit()` renames over `path` (with the mode `write_atomic` gives), or that
    `discard()` removes. For output too large to hold in memory first (a report of 10,000 services).

    Opening raises OSError when the folder cannot take the file, before any work is done.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.target = Path(path)
        try:
            self.mode = self.target.stat().st_mode & 0o7777
        except OSError:
            self.mode = _default_mode()
        handle, self.temp_name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp",
                                                  dir=self.target.parent or ".")
        self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="")

    def write(self, text: str) -> int:
        return self.stream.write(text)

    def tell(self) -> int:
        """Where the next write goes (an opaque position for `overwrite`)."""
        return self.stream.tell()

    def overwrite(self, position: int, text: str) -> None:
        """Write `text` over what stands at `position` (from `tell`), then carry on at the end: a
        streamed report fills in its head (`"result": "fail"`) when the run is done, instead of
        copying the whole report once more (exporters/json_report.py)."""
        end = self.stream.tell()
        self.stream.seek(position)
        self.stream.write(text)
        self.stream.seek(end)

    def commit(self) -> None:
        """Put the file in place (flushed to disk first)."""
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self.temp_name, self.mode)
            os.replace(self.temp_name, self.target)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Leave the target as it was and remove the temporary file."""
        try:
            self.stream.close()
        except OSError:
            pass
        try:
            os.unlink(self.temp_name)
        except FileNotFoundError:
            pass
