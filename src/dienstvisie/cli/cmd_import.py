"""`dienstvisie import FORMAT FILE [-o OUT.yaml]`: turn a description in another format (such as
CPSV-AP, added by the plugin dienstvisie-cpsv-ap) into a service-concept draft in YAML.

The input formats come from plugins (`dienstvisie_importers`). The draft is written to the screen
or, atomically, to --output; what the importer could not fill is printed on stderr. Exit 0 when a
draft was written, 1 when the file is not valid in its format (or the draft does not validate),
2 when it cannot be used at all: missing, unreadable, an unknown format, an importer that fails.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from ..model.text import Language, Text
from .help import help_text


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("import", parents=parents, help=help_text("import", lang),
                                   description=help_text("import.description", lang))
    parser.add_argument("format", metavar="FORMAT", help=help_text("import.format", lang))
    parser.add_argument("file", metavar="FILE", help=help_text("import.file", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.add_argument("--plugin", action="append", default=[], metavar="MODULE", help=help_text("plugin", lang))
    parser.add_argument("--no-plugins", action="store_true", help=help_text("no_plugins", lang))
    parser.add_argument("--disable", action="append", default=[], metavar="NAME", help=help_text("disable", lang))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..documents.load import read_service
    from ..errors import DocumentError, SourceError
    from ..exporters.safe_text import terminal_safe
    from ..model.importer import Draft
    from ..plugins.manager import load_plugins
    from .cmd_check import print_plugin_failures
    from .console import report_error
    from .emit import emit, refuse_input_as_output

    lang: Language = args.lang
    refused = refuse_input_as_output(args.output, [args.file], lang)
    if refused is not None:
        return refused
    plugins = load_plugins(entry_points=not args.no_plugins, modules=args.plugin, disable=args.disable)
    importers = plugins.importers()
    print_plugin_failures(plugins, lang, debug=args.debug)
    if args.format not in importers:
        from .install_hint import importers_hint, install_hint

        key = "import.unknown_format" if importers else "import.no_formats"
        print(help_text(key, lang).format(format=args.format, known=", ".join(sorted(importers))), file=sys.stderr)
        hint = install_hint("import", args.format, lang) or (None if importers else importers_hint(lang))
        if hint:
            print("    → " + hint, file=sys.stderr)
        return EXIT_USAGE
    importer = importers[args.format]
    try:
        draft = importer.read(args.file, lang)
    except (SourceError, DocumentError) as error:  # unreadable: 2, invalid: 1 (the error's exit code)
        report_error(error, lang)
        return error.exit_code
    except Exception as error:  # an importer (a plugin's) that breaks: say so in one line, no traceback
        if args.debug:
            raise
        reason = terminal_safe(f"{type(error).__name__}: {error}")  # text from someone else's file
        print(help_text("import.failed", lang).format(format=args.format, error=reason), file=sys.stderr)
        return EXIT_USAGE
    if not isinstance(draft, Draft) or not isinstance(draft.text, str):
        print(help_text("import.failed", lang).format(
            format=args.format, error=f"read() returned {type(draft).__name__}, not a Draft"), file=sys.stderr)
        return EXIT_USAGE
    code = EXIT_OK
    name = args.output if args.output not in (None, "-") else "<draft>"
    try:
        read_service(draft.text if "\n" in draft.text else draft.text + "\n", filename=name)
    except DocumentError as error:  # the importer's fault, but the draft is still worth having
        print(help_text("import.invalid_draft", lang).format(format=args.format), file=sys.stderr)
        report_error(error, lang)
        code = EXIT_INVALID
    written = emit(draft.text, args.output, lang)
    if written:
        return written
    if draft.gaps:
        print(help_text("import.gaps", lang).format(count=len(draft.gaps)), file=sys.stderr)
        for gap in draft.gaps:
            text = gap.get(lang) if isinstance(gap, Text) else str(gap)
            print(f"  - {terminal_safe(text)}", file=sys.stderr)
    return code
