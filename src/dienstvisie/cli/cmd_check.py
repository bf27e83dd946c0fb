"""`dienstvisie check PATH...`: hold service concepts against the vision and report.

Exit 0 when nothing failed at or above --fail-on, 1 when something did, 2 for unusable input
(a missing, unreadable or invalid document, a bad option or configuration).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..model.text import Language
from .help import help_text

if TYPE_CHECKING:
    from ..model.document import Document
    from ..plugins import Plugins
    from ..rules import RuleSet

SEVERITIES = ("info", "minor", "major", "critical")


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("check", parents=parents, help=help_text("check", lang),
                                   description=help_text("check", lang))
    parser.add_argument("paths", nargs="+", metavar="PATH", help=help_text("validate.paths", lang))
    parser.add_argument("-f", "--format", default=None, help=help_text("check.format", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.add_argument("--fail-on", choices=SEVERITIES, default=None, help=help_text("check.fail_on", lang))
    parser.add_argument("--select", type=_ids, action="extend", help=help_text("check.select", lang))
    parser.add_argument("--ignore", type=_ids, action="extend", help=help_text("check.ignore", lang))
    parser.add_argument("--vision", help=help_text("check.vision", lang))
    parser.add_argument("--rules", action="append", default=[], metavar="FILE", help=help_text("check.rules", lang))
    parser.add_argument("--config", metavar="FILE", help=help_text("check.config", lang))
    parser.add_argument("--isolated", action="store_true", help=help_text("check.isolated", lang))
    parser.add_argument("--plugin", action="append", default=[], metavar="MODULE", help=help_text("plugin", lang))
    parser.add_argument("--no-plugins", action="store_true", help=help_text("no_plugins", lang))
    parser.add_argument("--disable", action="append", default=[], metavar="NAME", help=help_text("disable", lang))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .._version import __version__
    from ..api import UnknownVisionError, all_checks, resolve_vision
    from ..config import Config, ConfigError, find_config, load_config
    from ..discovery import discover
    from ..engine import run_checks
    from ..errors import DocumentError, SourceError
    from ..exporters.text import render_text
    from ..loading import read_service
    from ..model.check import Severity
    from ..model.run import CheckRun, LoadFailure
    from ..plugins import load_plugins
    from ..rules import principle_problems, read_ruleset
    from ..selection import Selection
    from .console import report_error, use_colour
    from .emit import emit

    try:
        config_path = args.config or (None if args.isolated else find_config())
        config = load_config(config_path) if config_path else Config()
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    lang: Language = args.lang if args.lang_given else (config.lang or args.lang)

    rule_documents: list[Document[RuleSet]] = []
    for rule_file in [*config.rules, *args.rules]:
        try:
            rule_documents.append(read_ruleset(rule_file))
        except (SourceError, DocumentError) as error:
            report_error(error, lang)
            return EXIT_USAGE
    plugins = load_plugins(entry_points=not args.no_plugins, modules=[*config.plugins, *args.plugin], disable=args.disable,
                           rulesets=[document.model for document in rule_documents])
    try:
        vision = resolve_vision(args.vision or config.vision, plugins)
    except UnknownVisionError as error:
        print(help_text("check.unknown_vision", lang).format(vision=error.vision_id, known=", ".join(error.known)),
              file=sys.stderr)
        return EXIT_USAGE
    for rule_document in rule_documents:
        ruleset = rule_document.model
        if ruleset.vision != vision.id:
            print(help_text("check.rules_other_vision", lang).format(
                file=ruleset.file, ruleset=ruleset.id, vision=ruleset.vision, active=vision.id), file=sys.stderr)
            continue
        unknown = principle_problems(ruleset, vision, rule_document.source_map)
        if unknown:
            report_error(DocumentError(ruleset.file, unknown), lang)
            return EXIT_USAGE
    exporters = plugins.exporters()
    format_name = args.format or "text"
    if format_name not in exporters:
        print(help_text("check.unknown_format", lang).format(format=format_name, known=", ".join(sorted(exporters))),
              file=sys.stderr)
        return EXIT_USAGE
    selection = Selection(
        select=tuple(args.select) if args.select else (config.select or ("ALL",)),
        ignore=tuple(args.ignore or ()) + config.ignore,
        severity=config.severity,
    )
    fail_on = Severity(args.fail_on) if args.fail_on else (config.fail_on or Severity.MINOR)
    checks = all_checks(vision, plugins)
    known_ids = {check.id for check in checks}

    code = EXIT_OK
    failures: list[LoadFailure] = []
    reports = []
    try:
        files = discover(args.paths)
    except SourceError as error:
        report_error(error, lang)
        return EXIT_USAGE
    vocabularies = plugins.vocabularies()
    for file in files:
        try:
            document = read_service(file)
        except (SourceError, DocumentError) as error:
            report_error(error, lang)
            problems = error.problems if isinstance(error, DocumentError) else ()
            failures.append(LoadFailure(file=str(file), problems=problems, exit_code=error.exit_code))
            code = EXIT_USAGE
            continue
        service = plugins.prepare(document.model, vision)
        report = run_checks(service, vision=vision, checks=checks, vocabularies=vocabularies, selection=selection,
                            source_map=document.source_map, known_check_ids=known_ids)
        plugins.notify(report)
        reports.append(report)

    run_result = CheckRun(reports=tuple(reports), vision=vision, checks=checks, fail_on=fail_on,
                          load_failures=tuple(failures), plugin_failures=tuple(plugins.failures), version=__version__)
    print_plugin_failures(plugins, lang, debug=args.debug)
    to_screen = args.output in (None, "-")
    try:
        if format_name == "text" and to_screen:
            rendered: str | bytes = render_text(run_result, lang, colour=use_colour(sys.stdout))
        else:
            rendered = exporters[format_name].render(run_result, lang)
    except Exception as error:  # an exporter (perhaps a plugin's) that breaks: say so, no traceback
        if args.debug:
            raise
        print(help_text("check.exporter_failed", lang).format(format=format_name, error=f"{type(error).__name__}: {error}"),
              file=sys.stderr)
        return EXIT_USAGE
    if not isinstance(rendered, (str, bytes)):
        print(help_text("check.exporter_failed", lang).format(
            format=format_name, error=f"render() returned {type(rendered).__name__}, not str or bytes"), file=sys.stderr)
        return EXIT_USAGE
    if isinstance(rendered, bytes) and to_screen:
        print(help_text("check.binary_needs_output", lang).format(format=format_name), file=sys.stderr)
        return EXIT_USAGE
    written = emit(rendered, args.output, lang) if isinstance(rendered, str) else _write_bytes(rendered, args.output, lang)
    if written:
        return written
    if code == EXIT_OK and any(run_result.failing(report) for report in reports):
        code = EXIT_FINDINGS
    return code


def print_plugin_failures(plugins: Plugins, lang: Language, *, debug: bool = False) -> None:
    """Every plugin failure as one line on stderr; with `debug`, the traceback where there is one."""
    for failure in plugins.failures:
        message = failure.message.replace("\n", "\n    ")
        print(help_text("plugin.failure", lang).format(plugin=failure.plugin, hook=failure.hook, message=message),
              file=sys.stderr)
        if debug and failure in plugins.tracebacks:
            print(plugins.tracebacks[failure].rstrip(), file=sys.stderr)


def _write_bytes(data: bytes, output: str, lang: Language) -> int:
    from ..output import write_atomic

    try:
        write_atomic(output, data)
    except OSError as error:
        word = "kan niet schrijven" if lang == "nl" else "cannot write"
        print(f"{output}: {word}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    return 0
