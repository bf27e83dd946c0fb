"""Standard output is the report's alone: whatever else writes there goes to stderr.

Why: a JSON or SARIF report on stdout is read by a machine, and one stray line makes it
unreadable while the run still exits 0. Plugins run inside the command (their import, their
hooks, their checks, in worker threads and worker processes), and any of them may print, or
start a program that does. So while a command runs, `sys.stdout` is `sys.stderr`, and file
descriptor 1 is a copy of descriptor 2 (what C code, child programs and worker processes
write there goes to stderr too). The command writes its report to `stdout()`: the real
standard output, kept aside. Afterwards everything is put back.

When standard output is no real file (a test's capture), only `sys.stdout` is swapped.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from ..documents.output_target import descriptor_moved

_report: list[TextIO] = []


def stdout() -> TextIO:
    """Where the command's own output goes: the real standard output."""
    return _report[-1] if _report else sys.stdout


def _descriptor(stream: TextIO | None) -> int | None:
    try:
        return stream.fileno() if stream is not None else None
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError and a ValueError
        return None


@contextlib.contextmanager
def report_only_on_stdout() -> Iterator[TextIO]:
    """For the duration: the report's stream (yielded, and `stdout()`), everything else to stderr."""
    original = sys.stdout
    error_stream = sys.stderr
    if original is None or error_stream is None:
        yield stdout()
        return
    saved: int | None = None
    report: TextIO = original
    out_fd, err_fd = _descriptor(original), _descriptor(error_stream)
    if out_fd == 1 and err_fd is not None and err_fd != out_fd:
        with contextlib.suppress(OSError, ValueError):
            original.flush()
            error_stream.flush()
            saved = os.dup(1)
            os.set_inheritable(saved, False)  # worker processes and child programs do not get the report's stream
            os.dup2(err_fd, 1)
            report = io.TextIOWrapper(io.FileIO(saved, "w", closefd=False), encoding=original.encoding,
                                      errors=original.errors, line_buffering=bool(original.line_buffering))
            descriptor_moved(1, saved)  # `-o /dev/stdout` still reaches the real standard output
    _report.append(report)
    sys.stdout = error_stream
    try:
        yield report
    finally:
        _report.pop()
        sys.stdout = original
        if saved is not None:
            descriptor_moved(1, None)
            gone: BrokenPipeError | None = None
            try:
                report.flush()
            except BrokenPipeError as error:  # the reader went away (| head) before the last of the report
                gone = error
            except (OSError, ValueError):
                pass
            with contextlib.suppress(OSError, ValueError):
                error_stream.flush()
            os.dup2(saved, 1)
            os.close(saved)
            with contextlib.suppress(OSError, ValueError):
                report.close()
            if gone is not None:
                raise gone  # the command line ends quietly with 141, as when it happens mid-report


__all__ = ["report_only_on_stdout", "stdout"]
