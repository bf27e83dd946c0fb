"""The items of a streamed report that must wait for its head, kept in an unnamed temporary file.

Why: some formats put what is known only at the end before the items (JUnit's totals, SARIF's
invocation and list of artifacts). Streamed, their items go to a temporary file without a name
(nothing is left behind if the process is killed) instead of memory, and are copied after the head
when the run is done, so a run over 100,000 documents holds no report in memory. The items are
UTF-8 bytes, made in the worker processes: into a report file of our own they are copied as they
are, without being decoded and encoded again in the main process.
"""

from __future__ import annotations

import io
import tempfile
from typing import IO, Any

_BLOCK = 1 << 20


def write_encoded(stream: Any, data: bytes) -> None:
    """Write UTF-8 `data` to a report's stream: as it is into an `AtomicFile`, else decoded."""
    write_bytes = getattr(stream, "write_bytes", None)
    if write_bytes is not None:
        write_bytes(data)
    else:
        stream.write(data.decode("utf-8"))


class Spool:
    """Items (UTF-8 bytes) joined by `separator`, in a temporary file opened at the first one."""

    def __init__(self, separator: str = ",\n") -> None:
        self.separator = separator.encode("utf-8")
        self.count = 0
        self._file: IO[bytes] | None = None

    def add(self, data: bytes) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115
        if self.count:
            self._file.write(self.separator)
        self._file.write(data)
        self.count += 1

    def copy_to(self, stream: Any) -> None:
        """Write every item, joined, to `stream` (a text stream, or an `AtomicFile` that takes bytes)."""
        if self._file is None:
            return
        self._file.seek(0)
        if getattr(stream, "write_bytes", None) is not None:
            while block := self._file.read(_BLOCK):
                stream.write_bytes(block)
            return
        text = io.TextIOWrapper(self._file, encoding="utf-8", newline="")
        while chunk := text.read(_BLOCK):
            stream.write(chunk)
        text.detach()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
