"""Send a command's output to the screen or, atomically, to the file named by --output."""

from __future__ import annotations

import sys

from ..errors import EXIT_USAGE
from ..model.text import Language
from ..output import write_atomic


def emit(text: str, output: str | None, lang: Language) -> int:
    """Print `text`, or write it to `output`; 0 when done, 2 when the file cannot be written."""
    if output is None or output == "-":
        from .streams import stdout

        stdout().write(text if text.endswith("\n") else text + "\n")
        return 0
    try:
        write_atomic(output, text)
    except OSError as error:
        word = "kan niet schrijven" if lang == "nl" else "cannot write"
        print(f"{output}: {word}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    return 0
