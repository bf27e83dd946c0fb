"""The items of a streamed report that must wait for its head, kept in an unnamed temporary file.

Why: some formats put what is known only at the end before the items (JUnit's totals, SARIF's
invocation and list of artifacts). Streamed, their items go to a temporary file without a name
(nothing is left behind if the process is killed) instead of memory, and are copied after the head
when the run is done, so a run over 100,000 documents holds no report in memory.
"""

from __future__ import annotations

import tempfile
from typing import IO, TextIO

_BLOCK = 1 << 20


class Spool:
    """Texts joined by `separator`, in a temporary file opened at the first one."""

    def __init__(self, separator: str = ",\n") -> None:
        self.separator = separator
        self.count = 0
        self._file: IO[str] | None = None

    def add(self, text: str) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        if self.count:
            self._file.write(self.separator)
        self._file.write(text)
        self.count += 1

    def copy_to(self, stream: TextIO) -> None:
        """Write every text, joined, to `stream` (nothing when there is none)."""
        if self._file is None:
            return
        self._file.seek(0)
        while block := self._file.read(_BLOCK):
            stream.write(block)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
