"""Exceptions dienstvisie raises, each mapped to a distinct exit code of the command line."""

from __future__ import annotations

from collections.abc import Sequence

from .model.problem import Problem
from .model.text import Language

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 1
EXIT_USAGE = 2


class DienstvisieError(Exception):
    """Base class of every error dienstvisie raises on purpose."""

    exit_code = EXIT_USAGE


class SourceError(DienstvisieError):
    """A document could not be read at all: missing, unreadable, a folder, too large."""

    exit_code = EXIT_USAGE

    def __init__(self, file: str | None, message_nl: str, message_en: str) -> None:
        self.file = file
        self.message_nl = message_nl
        self.message_en = message_en
        super().__init__(f"{file or '<document>'}: {message_en}")

    def message(self, lang: Language = "nl") -> str:
        """The message in the reader's language."""
        text = self.message_nl if lang == "nl" else self.message_en
        return f"{self.file or '<document>'}: {text}"


class DocumentError(DienstvisieError):
    """A document was read but is invalid; `problems` lists every problem, not just the first."""

    exit_code = EXIT_INVALID

    def __init__(self, file: str | None, problems: Sequence[Problem]) -> None:
        self.file = file
        self.problems = tuple(problems)
        first = self.problems[0].message.get("en") if self.problems else "invalid document"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{file or '<document>'}: {first}{more}")


class PluginError(DienstvisieError):
    """A plugin is faulty in a way that stops it from being used (reported, never fatal)."""

    exit_code = EXIT_USAGE
