"""`dienstvisie validate PATH...`: are these documents valid? Exit 0 all, 1 some not, 2 unreadable."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import EXIT_OK, EXIT_USAGE, DocumentError, SourceError
from ..model.text import Language
from .console import Styler, report_error, use_colour
from .discovery_options import add_discovery_options, exclusions_of, say_skipped
from .help import help_text
from .streams import stdout


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("validate", parents=parents, help=help_text("validate", lang),
                                   description=help_text("validate", lang))
    parser.add_argument("paths", nargs="+", metavar="PATH", help=help_text("validate.paths", lang))
    parser.add_argument("-q", "--quiet", action="store_true",
                        help=help_text("validate.errors_only", lang))
    parser.add_argument("--config", metavar="FILE", help=help_text("check.config", lang))
    parser.add_argument("--isolated", action="store_true", help=help_text("check.isolated", lang))
    add_discovery_options(parser, lang)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Every dienstvisie document named or found below the folders named (service concepts, rule
    sets, visions, vocabularies; other files below folders are skipped and counted), `-` for
    standard input."""
    from ..documents.discover import VALIDATED_FORMATS, find_documents
    from ..documents.stdin import STDIN, is_stdin
    from ..pipeline.any_document import read_document
    from .config import Config, ConfigError, find_config, load_config

    lang: Language = args.lang
    try:
        config_path = args.config or (None if args.isolated else find_config())
        config = load_config(config_path) if config_path else Config()
    except ConfigError as error:
        from ..exporters.safe_text import terminal_safe

        print(terminal_safe(error.message(lang)), file=sys.stderr)  # it may quote the file
        return EXIT_USAGE
    if not args.lang_given and config.lang:
        lang = config.lang
    rules = exclusions_of(args, config)
    style = Styler(use_colour(stdout()))
    code = EXIT_OK
    files: list[Any] = []
    for path in args.paths:
        if is_stdin(path):  # `-`: standard input, once
            if STDIN not in files:
                files.append(STDIN)
            continue
        try:
            found = find_documents([path], formats=VALIDATED_FORMATS, rules=rules)
        except SourceError as error:
            report_error(error, lang)
            code = max(code, EXIT_USAGE)
            continue
        say_skipped(found, lang, show=args.show_skipped, validate=True)
        if not found.files:
            print(help_text("validate.none", lang).format(path=path), file=sys.stderr)
            code = max(code, EXIT_USAGE)
        files.extend(found.files)
    valid = 0
    for file in files:
        try:
            read_document(file)
        except (SourceError, DocumentError) as error:  # unreadable: 2, invalid: 1 (the error's exit code)
            report_error(error, lang)
            code = max(code, error.exit_code)
        else:
            valid += 1
            if not args.quiet:
                print(style("✓ ", "green") + help_text("validate.ok", lang).format(file=file), file=stdout())
    if len(files) > 1 and not args.quiet:
        print(help_text("validate.summary", lang).format(valid=valid, total=len(files)), file=stdout())
    return code
