"""`dienstvisie check PATH...`: hold service concepts against the vision and report.

Exit 0 when nothing failed at or above --fail-on, 1 when something did (0 with --exit-zero), 2
for unusable input (a missing, unreadable or invalid document, a bad option or configuration).
`-` as a path reads a service concept from standard input.

Folders are walked (`--glob` narrows what is taken below them); with `--jobs N` the documents are
checked in N worker processes, and the report is the same as with `--jobs 1`, byte for byte. The
formats that stream (text, JSON, CSV, SARIF, JUnit, GitLab, and any format that declares `stream`)
are written service by service as the results come in, so a run over thousands of documents holds
no report in memory; the other formats (HTML, Markdown) need every report at once. What a format can do is the format's to say (`Exporter`). A
progress bar shows on stderr during long runs when stderr is a terminal. With `--baseline FILE`
failed findings the baseline holds are left out and do not fail the run.

The options shared by `check`, `portfolio` and `baseline` (which documents, which checks, which
plugins, how many processes) and the loop that runs them live here too.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..model.text import Language
from .discovery_options import add_discovery_options
from .help import help_text

if TYPE_CHECKING:
    from ..analysis.baseline import Baseline, Tally
    from ..model.check import Severity
    from ..model.exporter import Exporter, StreamPart
    from ..model.run import LoadFailure
    from ..pipeline.parallel import Finisher, RunSpec, Session
    from ..plugins.manager import Plugins
    from .config import Config

SEVERITIES = ("info", "minor", "major", "critical")


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _jobs(lang: Language) -> Callable[[str], int]:
    """A number of processes, or `auto` (0: as many as this process has cores, the default)."""

    def jobs(value: str) -> int:
        if value.strip().lower() == "auto":
            return 0
        try:
            number = int(value)
        except ValueError:
            number = 0
        if number < 1:
            raise argparse.ArgumentTypeError(help_text("check.jobs_value", lang).format(value=repr(value)))
        return number

    return jobs


def _seconds(lang: Language) -> Callable[[str], float]:
    """A time limit in seconds, at least 0 (0: no limit)."""

    def seconds(value: str) -> float:
        from .config import check_timeout_value

        try:
            return check_timeout_value(value)
        except ValueError:
            raise argparse.ArgumentTypeError(help_text("check.timeout_value", lang).format(value=repr(value))) from None

    return seconds


def add_selection_options(parser: argparse.ArgumentParser, lang: Language, *, fail_on: bool = True) -> None:
    """Which checks, vision, rules, configuration and plugins: shared by check, portfolio, baseline, diff
    (`fail_on`: whether the command has a --fail-on threshold)."""
    if fail_on:
        parser.add_argument("--fail-on", choices=SEVERITIES, default=None, help=help_text("check.fail_on", lang))
    else:
        parser.set_defaults(fail_on=None)
    parser.add_argument("--select", type=_ids, action="extend", help=help_text("check.select", lang))
    parser.add_argument("--ignore", type=_ids, action="extend", help=help_text("check.ignore", lang))
    parser.add_argument("--preview", action="store_true", help=help_text("check.preview", lang))
    parser.add_argument("--vision", help=help_text("check.vision", lang))
    parser.add_argument("--rules", action="append", default=[], metavar="FILE", help=help_text("check.rules", lang))
    parser.add_argument("--config", metavar="FILE", help=help_text("check.config", lang))
    parser.add_argument("--isolated", action="store_true", help=help_text("check.isolated", lang))
    parser.add_argument("--check-timeout", type=_seconds(lang), default=None, metavar="SECONDS",
                        help=help_text("check.check_timeout", lang))
    parser.add_argument("--require-assessment", action="store_true", default=None,
                        help=help_text("check.require_assessment", lang))
    parser.add_argument("--plugin", action="append", default=[], metavar="MODULE", help=help_text("plugin", lang))
    parser.add_argument("--no-plugins", action="store_true", help=help_text("no_plugins", lang))
    parser.add_argument("--disable", action="append", default=[], metavar="NAME", help=help_text("disable", lang))


def add_run_options(parser: argparse.ArgumentParser, lang: Language, *, fail_on: bool = True) -> None:
    """The documents to check and how: shared by check, portfolio and baseline."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help=help_text("validate.paths", lang))
    parser.add_argument("--glob", action="append", default=[], metavar="PATTERN", help=help_text("check.glob", lang))
    add_discovery_options(parser, lang)
    add_selection_options(parser, lang, fail_on=fail_on)
    parser.add_argument("-j", "--jobs", type=_jobs(lang), default=None, metavar="N|auto", help=help_text("check.jobs", lang))
    parser.add_argument("--no-progress", action="store_true", help=help_text("check.no_progress", lang))


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("check", parents=parents, help=help_text("check", lang),
                                   description=help_text("check", lang))
    add_run_options(parser, lang)
    parser.add_argument("-f", "--format", default=None, help=help_text("check.format", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.add_argument("--baseline", metavar="FILE", help=help_text("check.baseline", lang))
    parser.add_argument("--exit-zero", action="store_true", help=help_text("check.exit_zero", lang))
    parser.add_argument("--output-format", choices=("full", "concise"), default=None,
                        help=help_text("check.output_format", lang))
    parser.add_argument("--statistics", action="store_true", help=help_text("check.statistics", lang))
    parser.add_argument("-q", "--quiet", action="store_true", help=help_text("check.quiet", lang))
    from .theme_options import add_theme_options

    add_theme_options(parser, lang)
    parser.set_defaults(run=run)


# ------------------------------------------------------------------------------------------ set-up

class Setup:
    """What a command needs to check documents: settings, the main process's session, the spec."""

    def __init__(self, lang: Language, config: Config, spec: RunSpec, session: Session, fail_on: Severity) -> None:
        self.lang = lang
        self.config = config
        self.spec = spec
        self.session = session
        self.fail_on = fail_on

    @property
    def plugins(self) -> Plugins:
        return self.session.plugins


def prepare(args: argparse.Namespace) -> Setup | int:
    """Read the configuration and rule files, load the plugins, resolve the vision: a Setup, or an
    exit code when something cannot be used (the reason is printed)."""
    from ..engine.run import DEFAULT_CHECK_TIMEOUT
    from ..errors import DocumentError, SourceError
    from ..model.check import Severity
    from ..pipeline.checker import UnknownVisionError
    from ..pipeline.parallel import RunSpec, open_session
    from ..plugins.rulesets import principle_problems
    from .config import Config, ConfigError, find_config, load_config
    from .console import report_error
    from .id_notes import say_selection_notes

    try:
        config_path = args.config or (None if args.isolated else find_config())
        config = load_config(config_path) if config_path else Config()
    except ConfigError as error:
        from ..exporters.safe_text import terminal_safe

        print(terminal_safe(error.message(args.lang)), file=sys.stderr)  # it may quote the file
        return EXIT_USAGE
    lang: Language = args.lang if args.lang_given else (config.lang or args.lang)
    if args.check_timeout is not None:
        timeout: float | None = args.check_timeout
    else:
        timeout = config.check_timeout if config.check_timeout is not None else DEFAULT_CHECK_TIMEOUT
    spec = RunSpec(
        entry_points=not args.no_plugins, modules=(*config.plugins, *args.plugin), disable=tuple(args.disable),
        rule_files=(*config.rules, *args.rules), vision=args.vision or config.vision,
        select=tuple(args.select) if args.select else (config.select or ("ALL",)),
        ignore=tuple(args.ignore or ()) + config.ignore,
        severity=tuple(sorted((key, value.value) for key, value in config.severity.items())),
        today=datetime.date.today(), check_timeout=timeout or None, preview=args.preview or config.preview,
        require_assessment=bool(args.require_assessment or config.require_assessment),
    )
    try:
        session = open_session(spec)
    except (SourceError, DocumentError) as error:  # a rule file
        report_error(error, lang)
        return EXIT_USAGE
    except UnknownVisionError as error:
        print(help_text("check.unknown_vision", lang).format(vision=error.vision_id, known=", ".join(error.known)),
              file=sys.stderr)
        say_install_hint("vision", error.vision_id, lang)
        return EXIT_USAGE
    vision = session.vision
    for rule_document in session.rule_documents:
        ruleset = rule_document.model
        if ruleset.vision != vision.id:
            from ..exporters.safe_text import terminal_safe

            print(terminal_safe(help_text("check.rules_other_vision", lang).format(
                file=ruleset.file, ruleset=ruleset.id, vision=ruleset.vision, active=vision.id)), file=sys.stderr)
            continue
        unknown = principle_problems(ruleset, vision, rule_document.source_map)
        if unknown:
            report_error(DocumentError(ruleset.file, unknown), lang)
            return EXIT_USAGE
    if not say_selection_notes(spec, session, lang):
        return EXIT_USAGE
    fail_on = Severity(args.fail_on) if args.fail_on else (config.fail_on or Severity.MINOR)
    return Setup(lang, config, spec, session, fail_on)


def say_install_hint(kind: str, name: str, lang: Language) -> None:
    """On stderr, under an 'unknown …' message: the example plugin that adds `name`, and how to install it."""
    from .install_hint import install_hint

    hint = install_hint(kind, name, lang)
    if hint:
        print("    → " + hint, file=sys.stderr)


def find_files(args: argparse.Namespace, lang: Language, config: Config | None = None) -> list[str] | int:
    """The files named and the service concepts found below the folders named (narrowed by --glob,
    less what is excluded), `-` for standard input, or exit code 2; says on stderr which files below
    the folders it skipped.

    A path with no service concept in it is unusable input, as for `validate`: a mistyped or empty
    folder must not pass a CI run with nothing checked."""
    from ..documents.discover import find_documents
    from ..documents.stdin import STDIN, as_path_text, is_stdin
    from ..errors import SourceError
    from .config import Config
    from .console import report_error
    from .discovery_options import exclusions_of, say_skipped

    rules = exclusions_of(args, config or Config())
    found: dict[object, None] = {}  # in order, once each; `-` keeps its place
    empty = []
    for path in args.paths:
        if is_stdin(path):
            found.setdefault(STDIN, None)
            continue
        try:
            walk = find_documents([path], patterns=args.glob or None, rules=rules)
        except SourceError as error:
            report_error(error, lang)
            return EXIT_USAGE
        say_skipped(walk, lang, show=args.show_skipped)
        if not walk.files:
            empty.append(path)
        found.update((file, None) for file in walk.files)
    for path in empty:
        if args.glob:
            print(help_text("check.none_matching", lang).format(path=path, patterns=" ".join(args.glob)),
                  file=sys.stderr)
        else:
            print(help_text("discovery.none", lang).format(paths=path), file=sys.stderr)
    if empty:
        return EXIT_USAGE
    return [as_path_text(file) for file in found]  # type: ignore[arg-type]


def jobs_of(args: argparse.Namespace) -> int:
    """--jobs, or the number of cores this process may use."""
    from ..pipeline.parallel import available_cores

    return int(args.jobs) if args.jobs else available_cores()


def run_checks_over(setup: Setup, files: list[str], finish: Finisher, args: argparse.Namespace,
                    take: Callable[[Any], None], *, screen: bool = False) -> list[LoadFailure]:
    """Check `files` (in parallel when --jobs allows), handing what `finish` made of each report to
    `take` in the order of the files; print why a document could not be checked; show progress.
    `screen`: `take` writes to the terminal, so the progress bar steps aside for it."""
    from ..pipeline.parallel import check_files
    from .console import report_error
    from .progress import Progress

    lang = setup.lang
    plugins = setup.plugins
    quiet = getattr(args, "quiet", False)
    progress = Progress(len(files), lang, enabled=False if args.no_progress or quiet else None)
    failures: list[LoadFailure] = []
    for item in progress.track(check_files(files, setup.spec, finish, jobs=jobs_of(args), session=setup.session)):
        error = item.error()
        if error is not None:
            with progress.paused():
                report_error(error, lang)
            assert item.failure is not None
            failures.append(item.failure)
        for failure, trace in zip(item.plugin_failures, item.tracebacks, strict=True):
            plugins.failures.append(failure)
            if trace is not None:
                plugins.tracebacks[failure] = trace
        if item.payload is not None:
            if screen:
                with progress.paused():
                    take(item.payload)
            else:
                take(item.payload)
    return failures


def print_plugin_failures(plugins: Plugins, lang: Language, *, debug: bool = False) -> None:
    """Every plugin failure as one line on stderr; with `debug`, the traceback where there is one."""
    from ..exporters.safe_text import terminal_safe

    for failure in plugins.failures:  # a plugin's message may quote a document: each line made safe
        message = "\n    ".join(terminal_safe(line) for line in failure.message.splitlines() or [""])
        print(help_text("plugin.failure", lang).format(plugin=failure.plugin, hook=failure.hook, message=message),
              file=sys.stderr)
        if debug and failure in plugins.tracebacks:
            print(plugins.tracebacks[failure].rstrip(), file=sys.stderr)


def cannot_write(output: str, error: OSError, lang: Language) -> int:
    """Say that `output` cannot be written; exit code 2."""
    from .emit import cannot_write as say

    return say(output, error, lang)


def run_inputs(args: argparse.Namespace, setup: Setup, files: list[str]) -> list[str | None]:
    """Every file a checking command reads: documents, rule sets, the configuration, the baseline."""
    return [*files, *setup.spec.rule_files, setup.config.path, getattr(args, "config", None),
            getattr(args, "baseline", None)]


# ------------------------------------------------------------------------------------------- check

def run(args: argparse.Namespace) -> int:
    code = _check(args)
    return EXIT_OK if args.exit_zero and code == EXIT_FINDINGS else code  # --exit-zero: findings are no failure


def _check(args: argparse.Namespace) -> int:
    from ..errors import DocumentError, SourceError
    from .console import report_error

    setup = prepare(args)
    if isinstance(setup, int):
        return setup
    lang = setup.lang
    exporters = setup.plugins.exporters()
    format_name = args.format or "text"
    if format_name not in exporters:
        print(help_text("check.unknown_format", lang).format(format=format_name, known=", ".join(sorted(exporters))),
              file=sys.stderr)
        say_install_hint("format", format_name, lang)
        return EXIT_USAGE
    baseline: Baseline | None = None
    if args.baseline:
        from ..analysis.baseline import read_baseline

        try:
            baseline = read_baseline(args.baseline)
        except (SourceError, DocumentError) as error:
            report_error(error, lang)
            return EXIT_USAGE
        from .id_notes import say_baseline_notes

        say_baseline_notes(baseline, setup.session, lang)
    exporter = exporters[format_name]
    if exporter.binary and args.output in (None, "-"):
        print(help_text("check.binary_needs_output", lang).format(format=format_name), file=sys.stderr)
        return EXIT_USAGE
    from .theme_options import theme_of

    theme = theme_of(args, setup.config, lang)
    if isinstance(theme, int):
        return theme
    files = find_files(args, lang, setup.config)
    if isinstance(files, int):
        return files
    from .emit import refuse_input_as_output

    refused = refuse_input_as_output(args.output, run_inputs(args, setup, files), lang)
    if refused is not None:
        return refused
    if theme is not None and exporter.name == "html":  # the built-in HTML report embeds the house style
        from ..exporters.html_report import render_html

        exporter = attrs.evolve(exporter, render=lambda run, lang: render_html(run, lang, theme))
    if args.statistics:
        if args.format not in (None, "text", "json"):
            print(help_text("check.statistics_format", lang).format(format=format_name), file=sys.stderr)
            return EXIT_USAGE
        from ..exporters.statistics import exporter_for

        return _whole(args, setup, files, exporter_for(format_name), baseline)
    if exporter.stream is not None:
        return _streamed(args, setup, files, exporter, baseline)
    return _whole(args, setup, files, exporter, baseline)


class _Totals:
    """Failing services and the baseline's tally over a run."""

    def __init__(self) -> None:
        from ..analysis.baseline import Tally

        self.failing = 0
        self.tally = Tally()
        self.seen: set[str] = set()

    def count(self, service: str, failing: bool, tally: Tally | None) -> None:
        from ..analysis.baseline import Tally

        self.failing += failing
        if tally is not None:
            first = service not in self.seen  # ids are unique in a portfolio; count what was fixed once
            self.seen.add(service)
            self.tally += tally if first else Tally(known=tally.known, new=tally.new)


def _baseline_summary(args: argparse.Namespace, totals: _Totals) -> dict[str, object] | None:
    """The baseline's totals as the reports state them: file, known, new, fixed."""
    if not args.baseline:
        return None
    return {"file": args.baseline, "known": totals.tally.known, "new": totals.tally.new, "fixed": totals.tally.fixed}


def _say_baseline(args: argparse.Namespace, totals: _Totals, lang: Language) -> None:
    from ..exporters._stream import WORDS

    if args.baseline:
        tally = totals.tally
        print(WORDS["total"][lang].format(file=args.baseline, known=tally.known, new=tally.new, fixed=tally.fixed),
              file=sys.stderr)


def _exit_code(failures: list[LoadFailure], totals: _Totals) -> int:
    if failures:
        return EXIT_USAGE
    return EXIT_FINDINGS if totals.failing else EXIT_OK


def _open(output: str | None) -> TextIO | Any:
    from ..documents.write import AtomicFile
    from .streams import stdout

    return stdout() if output in (None, "-") else AtomicFile(output)


def _streamed(args: argparse.Namespace, setup: Setup, files: list[str], exporter: Exporter,
              baseline: Baseline | None) -> int:
    """A format that streams: its report written as the services are checked."""
    from .._version import __version__
    from ..documents.write import AtomicFile
    from ..model.exporter import StreamOptions
    from ..model.run import CheckRun
    from .console import use_colour

    assert exporter.stream is not None
    lang = setup.lang
    session = setup.session
    to_screen = args.output in (None, "-")
    try:
        target = _open(args.output)
    except OSError as error:
        return cannot_write(args.output, error, lang)
    totals = _Totals()
    options = StreamOptions(lang=lang, fail_on=setup.fail_on, colour=to_screen and use_colour(target),
                            baseline=baseline, form=args.output_format or setup.config.output_format or "full",
                            quiet=args.quiet)
    try:
        head = CheckRun(reports=(), vision=session.vision, checks=session.checks, fail_on=setup.fail_on,
                        version=__version__)
        writer = exporter.stream.writer(target, head, options)

        def take(part: StreamPart) -> None:
            writer.add(part)
            totals.count(part.service, part.failing, part.tally)
            if to_screen:
                target.flush()

        failures = run_checks_over(setup, files, exporter.stream.finisher(options), args, take,
                                   screen=to_screen and target.isatty() and not args.quiet)
        print_plugin_failures(setup.plugins, lang, debug=args.debug)
        tail = attrs.evolve(head, load_failures=tuple(failures), plugin_failures=tuple(setup.plugins.failures))
        writer.finish(tail, _baseline_summary(args, totals))
        if isinstance(target, AtomicFile):
            target.commit()
    except BrokenPipeError:  # the reader of stdout went away (`| head -1`): main() stops quietly
        raise
    except OSError as error:
        if isinstance(target, AtomicFile):
            target.discard()
        return cannot_write(args.output or "-", error, lang)
    except BaseException:
        if isinstance(target, AtomicFile):
            target.discard()
        raise
    if not (exporter.stream.tells_baseline and to_screen):
        _say_baseline(args, totals, lang)
    return _exit_code(failures, totals)


def _whole(args: argparse.Namespace, setup: Setup, files: list[str], exporter: Exporter,
           baseline: Baseline | None) -> int:
    """Formats that need every report at once: collect them, then render."""
    from .._version import __version__
    from ..exporters._stream import ReportFinisher, ReportPart
    from ..model.report import Report
    from ..model.run import CheckRun
    from .emit import emit

    lang = setup.lang
    session = setup.session
    totals = _Totals()
    reports: list[Report] = []

    def take(part: ReportPart) -> None:
        reports.append(part.report)
        totals.count(part.report.service, part.failing, part.tally)

    format_name = exporter.name
    failures = run_checks_over(setup, files, ReportFinisher(setup.fail_on, exporter.needs_concept, baseline), args, take)
    run_result = CheckRun(reports=tuple(reports), vision=session.vision, checks=session.checks, fail_on=setup.fail_on,
                          load_failures=tuple(failures), plugin_failures=tuple(setup.plugins.failures),
                          version=__version__)
    print_plugin_failures(setup.plugins, lang, debug=args.debug)
    to_screen = args.output in (None, "-")
    try:
        rendered = exporter.render(run_result, lang)
    except Exception as error:  # an exporter (perhaps a plugin's) that breaks: say so, no traceback
        if args.debug:
            raise
        from ..exporters.safe_text import terminal_safe

        reason = terminal_safe(f"{type(error).__name__}: {error}")  # it may quote the document
        print(help_text("check.exporter_failed", lang).format(format=format_name, error=reason), file=sys.stderr)
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
    _say_baseline(args, totals, lang)
    return _exit_code(failures, totals)


def _write_bytes(data: bytes, output: str, lang: Language) -> int:
    from ..documents.write import write_atomic

    try:
        write_atomic(output, data)
    except OSError as error:
        return cannot_write(output, error, lang)
    return 0
