"""`dienstvisie baseline PATH... --output FILE`: record today's failed findings.

Later, `dienstvisie check PATH... --baseline FILE` reports and fails only on findings that are not
in it, and says how many known ones remain. Takes the options of `check` (the same --select,
--ignore, --rules and plugins should be used for both). Exit 0 when the baseline was written, 2
when a document could not be used (nothing is written then: a baseline of part of the portfolio
would hide nothing and fail later) or the file cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import EXIT_OK, EXIT_USAGE
from ..model.text import Language
from .help import help_text

if TYPE_CHECKING:
    from ..analysis.baseline import Fingerprint
    from ..model.report import Report
    from ..pipeline.parallel import Session


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    from .cmd_check import add_run_options

    parser = subparsers.add_parser("baseline", parents=parents, help=help_text("baseline", lang),
                                   description=help_text("baseline", lang))
    add_run_options(parser, lang, fail_on=False)  # every failed finding is recorded, whatever its severity
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help=help_text("baseline.output", lang))
    parser.set_defaults(run=run)


@attrs.frozen
class Fingerprints:
    """Finisher: the fingerprints of a report's failed findings (picklable: it goes to the workers)."""

    def __call__(self, report: Report, session: Session) -> tuple[str, list[Fingerprint]]:
        from ..analysis.baseline import fingerprints

        return report.service, fingerprints(report)


def run(args: argparse.Namespace) -> int:
    from .._version import __version__
    from ..analysis.baseline import record, render
    from .cmd_check import find_files, prepare, print_plugin_failures, run_checks_over, run_inputs
    from .emit import emit, refuse_input_as_output

    setup = prepare(args)
    if isinstance(setup, int):
        return setup
    lang = setup.lang
    files = find_files(args, lang, setup.config)
    if isinstance(files, int):
        return files
    refused = refuse_input_as_output(args.output, run_inputs(args, setup, files), lang)
    if refused is not None:
        return refused
    found: list[Fingerprint] = []
    services: set[str] = set()

    def take(part: tuple[str, list[Fingerprint]]) -> None:
        services.add(part[0])
        found.extend(part[1])

    failures = run_checks_over(setup, files, Fingerprints(), args, take)
    print_plugin_failures(setup.plugins, lang, debug=args.debug)
    if failures:
        return EXIT_USAGE
    vision = setup.session.vision
    baseline = record(found, vision=vision.id, vision_version=vision.version, version=__version__)
    written = emit(render(baseline), args.output, lang)
    if written:
        return written
    print(help_text("baseline.written", lang).format(file=args.output, count=baseline.total, services=len(services)),
          file=sys.stderr)
    return EXIT_OK
