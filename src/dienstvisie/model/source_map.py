"""Where each value of a parsed document stands in its file: JSON pointers to lines and columns.

Plain data (no parser here): the engine and the checks use it to locate findings, so they need not
import the YAML parser that makes it (documents/parse.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .problem import Location


@attrs.frozen
class Position:
    """A 1-based line and column in the source text."""

    line: int
    column: int


@attrs.frozen
class SourceMap:
    """Where each value of a parsed document stands in its file."""

    file: str | None = None
    positions: Mapping[str, Position] = attrs.field(factory=dict)

    def locate(self, pointer: str) -> Location:
        """A location for `pointer`, using the nearest ancestor whose position is known."""
        probe = pointer
        while True:
            position = self.positions.get(probe)
            if position is not None:
                return Location(pointer=pointer, file=self.file, line=position.line, column=position.column)
            if not probe:
                return Location(pointer=pointer, file=self.file)
            probe = probe.rsplit("/", 1)[0]


@attrs.frozen
class ParsedSource:
    """Plain data (dicts, lists, str, int, float, bool, None) with its source map."""

    data: Any
    source_map: SourceMap


def escape_pointer_token(token: str) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer_join(pointer: str, token: str | int) -> str:
    """`pointer` extended by one token."""
    return f"{pointer}/{escape_pointer_token(str(token))}"
