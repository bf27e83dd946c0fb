"""Log records from libraries (rdflib, …) reach stderr as one safe line each.

A library logs what it was given: rdflib warns with the IRI it could not use, which may come from a
document and hold terminal escape sequences. Without a handler, Python's last-resort handler
prints such a record raw. The command line installs one handler on the root logger instead, whose
lines pass through `terminal_safe`: no escape sequence, no forged line, nothing reordered.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

from ..exporters.safe_text import terminal_safe


class SafeFormatter(logging.Formatter):
    """Formats as usual, then makes the whole record one terminal-safe line."""

    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record))


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever sys.stderr is when a record comes (not when the handler was made)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def install() -> logging.Handler:
    """Send warnings and errors of every logger to stderr, safely; returns the handler."""
    handler = _StderrHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(SafeFormatter("%(name)s: %(levelname)s: %(message)s"))
    root = logging.getLogger()
    for existing in list(root.handlers):
        if isinstance(existing.formatter, SafeFormatter):
            root.removeHandler(existing)  # main() run twice in one process (tests): one handler
    root.addHandler(handler)
    return handler
