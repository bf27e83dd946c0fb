"""`-` as a path: a service concept read from standard input (`cat dienst.yaml | dienstvisie check -`).

Standard input can be read once, so its bytes are kept after the first read: a run that names
`-` twice, or checks it and then reports on it, sees the same text. It is read bounded, like a
file (DIENSTVISIE_MAX_BYTES), and from the main process only: a run with `-` checks in one
process. A file that is really called `-` is `./-`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

STDIN = "-"
"""The path that means standard input."""

_read: bytes | None = None


class StdinSource(os.PathLike[str]):
    """Standard input as a path-like source: `os.fspath()` gives `-`, the name reports show. A
    `Path('-')` is not one (`Path('./-')` is `Path('-')`: a file called `-`)."""

    def __fspath__(self) -> str:
        return STDIN

    def __repr__(self) -> str:
        return "StdinSource()"


STDIN_SOURCE = StdinSource()


def is_stdin(path: str | os.PathLike[str]) -> bool:
    """Does this path mean standard input? The text `-` and a StdinSource do; a Path never does."""
    return isinstance(path, StdinSource) or (isinstance(path, str) and path == STDIN)


def as_path_text(path: str | os.PathLike[str]) -> str:
    """A found file's path as text that cannot be taken for standard input (`-` becomes `./-`)."""
    text = os.fspath(path)
    return os.path.join(os.curdir, text) if text == STDIN and not is_stdin(path) else text


def read_stdin_bytes(limit: int) -> bytes:
    """Up to `limit + 1` bytes of standard input (one more than allowed, so that too much shows),
    read the first time and remembered. OSError when it cannot be read (closed, a terminal gone)."""
    global _read
    if _read is None:
        stream = sys.stdin
        if stream is None:  # started without standard input (pythonw, some service managers)
            _read = b""
        else:
            buffer = getattr(stream, "buffer", None)
            _read = buffer.read(limit + 1) if buffer is not None else stream.read(limit + 1).encode("utf-8")
    return _read[: limit + 1]


def with_stdin(paths: Sequence[str], discover: Callable[[list[str]], Sequence[T]]) -> list[T | str]:
    """The files `discover` finds for `paths`, with `-` kept in its place (once). `discover` is
    called for each run of paths between two `-`, and what an earlier run found is not repeated."""
    found: list[T | str] = []
    seen: set[object] = set()
    run: list[str] = []

    def flush() -> None:
        for file in discover(list(run)) if run else ():
            if file not in seen:
                seen.add(file)
                found.append(file)
        run.clear()

    for path in paths:
        if is_stdin(path):
            flush()
            if STDIN not in seen:
                seen.add(STDIN)
                found.append(STDIN)
        else:
            run.append(path)
    flush()
    return found
