"""Printing for the command line: colour only on a terminal, problems in editor-friendly form."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from ..errors import DocumentError, SourceError
from ..exporters._common import terminal_safe
from ..model.problem import Problem
from ..model.text import Language
from .help import help_text

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36"}


def use_colour(stream: TextIO) -> bool:
    """Colour when writing to a terminal, unless NO_COLOR is set (or FORCE_COLOR forces it)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


class Styler:
    """Wraps text in ANSI styles when colour is on, and leaves it alone otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles:
            return text
        codes = ";".join(_CODES[style] for style in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"


def format_problem(problem: Problem, lang: Language, style: Styler) -> str:
    """`file:line:col: error: message [pointer]` and the hint on the next line."""
    location = problem.location
    place = terminal_safe(location.file or "<document>")
    if location.line is not None:
        place += f":{location.line}"
        if location.column is not None:
            place += f":{location.column}"
    colour = "red" if problem.level == "error" else "yellow"
    line = (f"{style(place, 'bold')}: {style(help_text(f'level.{problem.level}', lang), colour)}: "
            f"{terminal_safe(problem.message.get(lang))}")
    if location.pointer:
        line += style(f"  [{terminal_safe(location.pointer)}]", "dim")
    if problem.hint is not None:
        line += "\n    " + style("→ " + terminal_safe(problem.hint.get(lang)), "cyan")
    return line


def report_error(error: DocumentError | SourceError, lang: Language, stream: TextIO | None = None) -> None:
    """Print a loading error the way a person can act on it."""
    out = stream or sys.stderr
    style = Styler(use_colour(out))
    if isinstance(error, SourceError):
        word = help_text("level.error", lang)
        text = error.message_nl if lang == "nl" else error.message_en
        print(f"{style(terminal_safe(error.file or '<document>'), 'bold')}: {style(word, 'red')}: "
              f"{terminal_safe(text)}", file=out)
        return
    for problem in error.problems:
        print(format_problem(problem, lang, style), file=out)
