"""Send a command's output to the screen or, atomically, to the file named by --output."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from ..documents.write import write_atomic
from ..errors import EXIT_USAGE
from ..model.text import Language
from .help import help_text


def write_error_text(error: OSError, lang: Language) -> str:
    """Why an output could not be written: dienstvisie's own reason in `lang`, or the system's."""
    from ..documents.output_target import OutputRefused

    if isinstance(error, OutputRefused):
        return error.text.get(lang)
    from ..i18n import os_reason

    return os_reason(error).get(lang)


def cannot_write(output: str, error: OSError, lang: Language) -> int:
    """Say that `output` cannot be written; exit code 2."""
    word = help_text("cannot_write", lang)
    print(f"{output}: {word}: {write_error_text(error, lang)}", file=sys.stderr)
    return EXIT_USAGE


def refuse_input_as_output(output: str | None, inputs: Iterable[str | None], lang: Language) -> int | None:
    """Exit code 2 (and why) when --output names one of the files the command reads, or something
    never written to (a folder, a disk), else None. Called before any work, so nothing is lost,
    nothing is written and no time is spent on a report that cannot be delivered."""
    from ..documents.output_target import OutputRefused, refuse_inputs, target_of

    if output is None or output == "-":
        return None
    try:
        target_of(output)
        refuse_inputs(output, inputs)
    except OutputRefused as error:
        return cannot_write(output, error, lang)
    except OSError:
        pass  # said when the report is written (a missing folder, a loop of links, …)
    return None


def emit(text: str, output: str | None, lang: Language) -> int:
    """Print `text`, or write it to `output`; 0 when done, 2 when the file cannot be written."""
    if output is None or output == "-":
        from .streams import stdout

        stdout().write(text if text.endswith("\n") else text + "\n")
        return 0
    try:
        write_atomic(output, text)
    except OSError as error:
        return cannot_write(output, error, lang)
    return 0
