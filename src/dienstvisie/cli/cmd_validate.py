"""`dienstvisie validate PATH...`: are these documents valid? Exit 0 all, 1 some not, 2 unreadable."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, DocumentError, SourceError
from ..model.text import Language
from .console import Styler, report_error, use_colour
from .help import help_text
from .streams import stdout


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("validate", parents=parents, help=help_text("validate", lang),
                                   description=help_text("validate", lang))
    parser.add_argument("paths", nargs="+", metavar="PATH", help=help_text("validate.paths", lang))
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="alleen fouten tonen" if lang == "nl" else "show errors only")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..discovery import discover
    from ..loading import read_document

    lang: Language = args.lang
    style = Styler(use_colour(stdout()))
    code = EXIT_OK
    files = []
    for path in args.paths:
        try:
            found = discover([path])
        except SourceError as error:
            report_error(error, lang)
            code = max(code, EXIT_USAGE)
            continue
        if not found:
            print(help_text("validate.none", lang).format(path=path), file=sys.stderr)
            code = max(code, EXIT_USAGE)
        files.extend(found)
    valid = 0
    for file in files:
        try:
            read_document(file)
        except SourceError as error:
            report_error(error, lang)
            code = max(code, EXIT_USAGE)
        except DocumentError as error:
            report_error(error, lang)
            code = max(code, EXIT_INVALID)
        else:
            valid += 1
            if not args.quiet:
                print(style("✓ ", "green") + help_text("validate.ok", lang).format(file=file), file=stdout())
    if len(files) > 1 and not args.quiet:
        print(help_text("validate.summary", lang).format(valid=valid, total=len(files)), file=stdout())
    return code
