"""`dienstvisie diff OLD NEW`: compare two versions of one service concept per design principle.

Both versions are checked with the same vision, checks, rules and plugins (the options of `check`).
Exit 1 when a principle regressed (a lower score or a new failed finding), 0 otherwise, 2 when a
version cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..model.text import Language
from .help import help_text
from .streams import stdout


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    from ..exporters.report_names import DIFF_FORMATS as FORMATS
    from .cmd_check import add_selection_options

    parser = subparsers.add_parser("diff", parents=parents, help=help_text("diff", lang),
                                   description=help_text("diff.description", lang))
    parser.add_argument("old", metavar="OLD", help=help_text("diff.old", lang))
    parser.add_argument("new", metavar="NEW", help=help_text("diff.new", lang))
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help=help_text("diff.format", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    add_selection_options(parser, lang, fail_on=False)  # any new failure is a regression
    from .theme_options import add_theme_options

    add_theme_options(parser, lang)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .._version import __version__
    from ..analysis.diff import diff_reports
    from ..errors import DocumentError, SourceError
    from ..exporters import diff_report as formats
    from .cmd_check import prepare, print_plugin_failures, run_inputs
    from .console import report_error, use_colour
    from .emit import emit, refuse_input_as_output

    setup = prepare(args)
    if isinstance(setup, int):
        return setup
    lang = setup.lang
    session = setup.session
    refused = refuse_input_as_output(args.output, run_inputs(args, setup, [args.old, args.new]), lang)
    if refused is not None:
        return refused
    from .theme_options import theme_of

    theme = theme_of(args, setup.config, lang)
    if isinstance(theme, int):
        return theme
    reports = []
    for path in (args.old, args.new):
        try:
            reports.append(session.check_report(path))
        except (SourceError, DocumentError) as error:
            report_error(error, lang)
            return EXIT_USAGE
    print_plugin_failures(setup.plugins, lang, debug=args.debug)
    diff = diff_reports(reports[0], reports[1], vision=session.vision, checks=session.checks, version=__version__)
    to_screen = args.output in (None, "-")
    if args.format == "text":
        rendered = formats.render_diff_text(diff, lang, colour=to_screen and use_colour(stdout()))
    elif args.format == "markdown":
        rendered = formats.render_diff_markdown(diff, lang)
    elif args.format == "html":
        rendered = formats.render_diff_html(diff, lang, theme=theme)
    else:
        rendered = formats.render_diff_json(diff, lang)
    written = emit(rendered, args.output, lang)
    if written:
        return written
    return EXIT_FINDINGS if diff.state == "regressed" else EXIT_OK
