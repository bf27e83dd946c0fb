"""A progress bar on stderr for long runs, drawn only when stderr is a terminal (no dependency).

Nothing is drawn in the first half second (a short run shows nothing), never when stderr is not a
terminal (a pipe, a file, CI logs) or when TERM is `dumb`, and at most ten times a second. Before
anything else is written to the terminal the bar is wiped (`paused()`), and it is wiped at the end,
so it never ends up in the output.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

from ..model.text import Language
from .help import help_text

T = TypeVar("T")

DELAY = 0.5
INTERVAL = 0.1


def wanted(stream: TextIO) -> bool:
    """True when a progress bar may be drawn on `stream`: a terminal that understands `\\r`."""
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """Counts done items of `total` and shows a bar when that is wanted (see the module)."""

    def __init__(self, total: int, lang: Language, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.total = total
        self.lang = lang
        self.stream = stream or sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.done = 0
        self._now = time.monotonic
        self.started = self._now()
        self._drawn_at = 0.0
        self._visible = False

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """Yield `items`, counting each as done once the consumer has dealt with it."""
        try:
            for item in items:
                yield item
                self.advance()
        finally:
            self.close()

    def advance(self, count: int = 1) -> None:
        """`count` more items are done; redraw when it is time."""
        self.done += count
        if not self.enabled:
            return
        now = self._now()
        if now - self.started >= DELAY and (now - self._drawn_at >= INTERVAL or self.done >= self.total):
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text of the bar, fitted to the terminal's width."""
        now = self._now() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        percent = 100 * self.done / self.total if self.total else 100.0
        facts = help_text("progress", self.lang).format(
            done=self.done, total=self.total, percent=f"{percent:.0f}", rate=f"{rate:.0f}", left=_duration(left))
        columns = shutil.get_terminal_size((80, 24)).columns
        width = max(10, min(40, columns - len(facts) - 4))
        filled = int(width * self.done / self.total) if self.total else width
        text = f"[{'█' * filled}{'░' * (width - filled)}] {facts}"
        return text[: max(columns - 1, 1)]

    def _draw(self, now: float) -> None:
        try:
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: stop drawing
            self.enabled = False
            return
        self._drawn_at = now
        self._visible = True

    def _wipe(self) -> None:
        if self._visible:
            try:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            except (OSError, ValueError):
                self.enabled = False
            self._visible = False

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Wipe the bar while something else is written to the terminal; it comes back on the next advance."""
        self._wipe()
        yield

    def close(self) -> None:
        """Wipe the bar for good."""
        self._wipe()
        self.enabled = False
