"""A problem found in a document: what is wrong, where, and how to fix it."""

from __future__ import annotations

from typing import Literal

import attrs

from .text import Text

ProblemLevel = Literal["error", "warning"]


@attrs.frozen
class Location:
    """Where something is in a document: a JSON pointer, and file, line and column when known."""

    pointer: str = ""
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        place = self.file or "<document>"
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place} {self.pointer or '/'}"


@attrs.frozen
class Problem:
    """One thing wrong with a document. Errors make it invalid; warnings do not."""

    code: str
    message: Text
    location: Location = Location()
    hint: Text | None = None
    level: ProblemLevel = "error"
