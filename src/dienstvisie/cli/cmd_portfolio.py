"""`dienstvisie portfolio PATH...`: check a whole portfolio and show what it says together.

Takes the options of `check` (folders, --glob, --jobs, --select, --rules, plugins …). Each report
is summarised where it is made (in a worker process of --jobs) and added up in order, so no report
is held: 10,000 services fit in a few tens of megabytes. Exit 0 when every service passes, 1 when
one fails at or above --fail-on, 2 for unusable input.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..model.text import Language
from .help import help_text
from .streams import stdout

if TYPE_CHECKING:
    from ..model.check import Severity
    from ..model.portfolio import ServiceSummary
    from ..model.report import Report
    from ..pipeline.parallel import Session


def _top(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} < 1")
    return number


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    from ..exporters.report_names import DEFAULT_TOP
    from ..exporters.report_names import PORTFOLIO_FORMATS as FORMATS
    from .cmd_check import add_run_options

    parser = subparsers.add_parser("portfolio", parents=parents, help=help_text("portfolio", lang),
                                   description=help_text("portfolio.description", lang))
    add_run_options(parser, lang)
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help=help_text("portfolio.format", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.add_argument("--top", type=_top, default=DEFAULT_TOP, metavar="N", help=help_text("portfolio.top", lang))
    parser.add_argument("--sort", default="worst", metavar="ORDER", help=help_text("portfolio.sort", lang))
    from .theme_options import add_theme_options

    add_theme_options(parser, lang)
    parser.set_defaults(run=run)


@attrs.frozen
class Summarise:
    """Finisher: what the portfolio needs of a report (picklable: it goes to the worker processes)."""

    fail_on: Severity

    def __call__(self, report: Report, session: Session) -> ServiceSummary:
        from ..analysis.portfolio import summarise

        return summarise(report, vision=session.vision, vocabularies=session.vocabularies, fail_on=self.fail_on)


def run(args: argparse.Namespace) -> int:
    from .._version import __version__
    from ..analysis.portfolio import PortfolioBuilder
    from ..exporters import portfolio_report as formats
    from .cmd_check import (
        cannot_write,
        find_files,
        prepare,
        print_plugin_failures,
        run_checks_over,
        run_inputs,
    )
    from .console import use_colour
    from .emit import emit, refuse_input_as_output

    setup = prepare(args)
    if isinstance(setup, int):
        return setup
    lang = setup.lang
    principles = tuple(p.id for p in setup.session.vision.principles)
    if args.sort not in ("worst", "name", *principles):
        print(help_text("portfolio.bad_sort", lang).format(sort=args.sort, known=", ".join(("worst", "name", *principles))),
              file=sys.stderr)
        return EXIT_USAGE
    from .theme_options import theme_of

    theme = theme_of(args, setup.config, lang)
    if isinstance(theme, int):
        return theme
    files = find_files(args, lang, setup.config)
    if isinstance(files, int):
        return files
    refused = refuse_input_as_output(args.output, run_inputs(args, setup, files), lang)
    if refused is not None:
        return refused
    session = setup.session
    builder = PortfolioBuilder(vision=session.vision, checks=session.checks, vocabularies=session.vocabularies,
                               fail_on=setup.fail_on, version=__version__)
    failures = run_checks_over(setup, files, Summarise(setup.fail_on), args, builder.add)
    for failure in failures:
        builder.invalid(failure.file)
    print_plugin_failures(setup.plugins, lang, debug=args.debug)
    portfolio = builder.build()
    to_screen = args.output in (None, "-")
    if args.format == "text":
        rendered = formats.render_portfolio_text(portfolio, lang, top=args.top, colour=to_screen and use_colour(stdout()),
                                                 sort=args.sort)
    elif args.format == "markdown":
        rendered = formats.render_portfolio_markdown(portfolio, lang, top=args.top, sort=args.sort)
    elif args.format == "html":
        rendered = formats.render_portfolio_html(portfolio, lang, top=args.top, sort=args.sort, theme=theme)
    else:
        rendered = formats.render_portfolio_json(portfolio, lang)
    try:
        written = emit(rendered, args.output, lang)
    except OSError as error:  # pragma: no cover - emit reports its own errors
        return cannot_write(args.output, error, lang)
    if written:
        return written
    if failures:
        return EXIT_USAGE
    return EXIT_FINDINGS if portfolio.failing else EXIT_OK
