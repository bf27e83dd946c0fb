"""The high-level API: check service concepts with the installed plugins in one call, and turn
reports into a portfolio, a baseline or a diff.

What `check()` makes of a `str`, in this order: a string naming an existing file is that file; a
string that is clearly a document's text (it holds a line break, starts with `{` or `[`, or
declares a top-level `dienstvisie:`, as `check('dienstvisie: "1" …')` does) is that text; anything
else is a path, and a missing file a SourceError. `check_text()` takes text without any such
rule, and is the explicit choice for text from a form, a database or a test. Bytes are refused
with a TypeError that says how to decode them.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

from .documents.load import read_service, read_service_file
from .engine.run import DEFAULT_CHECK_TIMEOUT
from .engine.selection import Selection
from .errors import DienstvisieError
from .model.check import Severity
from .model.document import Document
from .model.report import Report
from .model.service import ServiceConcept
from .model.vision import Vision
from .model.source_map import SourceMap
from .pipeline.checker import Checker, UnknownVisionError, all_checks, resolve_vision
from .plugins.manager import Plugins, load_plugins

if TYPE_CHECKING:
    from .analysis.baseline import Baseline
    from .model.diff import ServiceDiff
    from .model.portfolio import Portfolio
    from .model.run import CheckRun, LoadFailure

__all__ = ["CheckSource", "UnknownVisionError", "all_checks", "baseline_of", "check", "check_many", "check_text",
           "default_plugins", "diff_of", "portfolio_of", "resolve_vision", "vision_of"]

#: what check_many() takes: a path (a file or a folder), a loaded Document, a model or a mapping
CheckSource = Union[str, "os.PathLike[str]", Document[ServiceConcept], ServiceConcept, Mapping[str, Any]]


_default_plugins: Plugins | None = None


def default_plugins() -> Plugins:
    """The plugins installed in this environment (built-ins and entry points), loaded once."""
    global _default_plugins
    if _default_plugins is None:
        _default_plugins = load_plugins()
    return _default_plugins


def _refuse_bytes(value: object, function: str) -> None:
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"dienstvisie.{function}() got {type(value).__name__}; it takes text (str): decode the bytes "
                        f"first, e.g. dienstvisie.check_text(data.decode('utf-8'), name='dienst.yaml')")


def looks_like_text(value: str) -> bool:
    """Is this string the text of a document rather than a file name? (A line break, a leading `{`
    or `[`, or a top-level dienstvisie format key.)"""
    from .documents.declared import declared_format

    return "\n" in value or value.lstrip().startswith(("{", "[")) or declared_format(value) is not None


def is_text(service: str | os.PathLike[str]) -> bool:
    """Does check() take this string as a document's text? (See the module: an existing file wins.)"""
    return isinstance(service, str) and looks_like_text(service) and not os.path.lexists(service)


def _checker(plugins: Plugins, vision: str | Vision | None, select: Iterable[str] | None,
             ignore: Iterable[str] | None, severity: Mapping[str, str | Severity] | None, preview: bool,
             today: datetime.date | None, check_timeout: float | None, require_assessment: bool = False) -> Checker:
    """The pipeline's orchestrator for these options (the command line and worker processes use it too)."""
    selection = Selection(
        select=tuple(select) if select is not None else ("ALL",),
        ignore=tuple(ignore or ()),
        severity={key: Severity(value) for key, value in (severity or {}).items()},
        preview=preview,
    )
    return Checker.create(plugins, vision, selection=selection, today=today, check_timeout=check_timeout,
                          require_assessment=require_assessment)


def check(
    service: ServiceConcept | Document[ServiceConcept] | str | os.PathLike[str] | Mapping[str, Any],
    *,
    vision: str | Vision | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: Mapping[str, str | Severity] | None = None,
    plugins: Plugins | None = None,
    today: datetime.date | None = None,
    check_timeout: float | None = DEFAULT_CHECK_TIMEOUT,
    preview: bool = False,
    require_assessment: bool = False,
) -> Report:
    """Check one service concept against a vision and return its Report.

    `service` may be a model, a loaded Document (findings then carry file and line), a path, a
    mapping or YAML/JSON text: a `str` naming an existing file is that file, one that is clearly a
    document's text (a line break, a leading `{`, a top-level `dienstvisie:`) is text, anything else
    a path. `check_text()` takes text with no such rule. `vision` is a vision id or object (default: the shipped
    *Visie op gezamenlijke dienstverlening*). `select`/`ignore` take check-id prefixes such as
    `DV3` or `ALL`; `severity` overrides the severity of checks by id. `check_timeout` is each
    check's time limit in seconds (a check that overruns becomes an `error` finding; None or 0: no
    limit). `preview` also runs the checks whose status is `preview`.
    `require_assessment`: open guiding questions (no answer, `onbekend`, no evidence) fail
    instead of needing review.
    """
    _refuse_bytes(service, "check")
    plugins = plugins or default_plugins()
    if isinstance(service, Document):
        document = service
    elif isinstance(service, ServiceConcept):
        document = Document(model=service, source_map=SourceMap())
    elif isinstance(service, Mapping):
        document = read_service(service)
    elif is_text(service):
        from .documents.load import parse_service_text

        document = parse_service_text(os.fspath(service))
    else:
        document = read_service_file(service)
    return _checker(plugins, vision, select, ignore, severity, preview, today, check_timeout,
                    require_assessment).check(document)


def check_text(
    text: str,
    *,
    name: str | None = None,
    vision: str | Vision | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: Mapping[str, str | Severity] | None = None,
    plugins: Plugins | None = None,
    today: datetime.date | None = None,
    check_timeout: float | None = DEFAULT_CHECK_TIMEOUT,
    preview: bool = False,
    require_assessment: bool = False,
) -> Report:
    """Check the YAML or JSON text of a service concept (from a web form, a database, a test).

    `name` is the file name findings and errors mention (a name ending in `.json` is parsed as
    JSON, anything else as YAML, which JSON also is); nothing is read from disk. The other options
    are those of `check()`. Raises DocumentError when the text is not a valid service concept,
    TypeError for bytes (decode them first).
    """
    _refuse_bytes(text, "check_text")
    if not isinstance(text, str):
        raise TypeError(f"dienstvisie.check_text() takes the text of a document (str), not {type(text).__name__}; "
                        "for a file use dienstvisie.check(path)")
    from .documents.load import parse_service_text

    plugins = plugins or default_plugins()
    document = parse_service_text(text, name)
    return _checker(plugins, vision, select, ignore, severity, preview, today, check_timeout,
                    require_assessment).check(document)


def _source_failure(error: DienstvisieError, file: str) -> LoadFailure:
    from .errors import DocumentError, SourceError
    from .model.problem import Location, Problem
    from .model.run import LoadFailure
    from .model.text import Text

    if isinstance(error, SourceError):
        problem = Problem("source", Text(nl=error.message_nl, en=error.message_en), Location(file=error.file or file))
        return LoadFailure(file=file, problems=(problem,), exit_code=error.exit_code)
    assert isinstance(error, DocumentError)
    return LoadFailure(file=file, problems=error.problems, exit_code=error.exit_code)


def check_many(
    sources: Iterable[CheckSource],
    *,
    vision: str | Vision | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: Mapping[str, str | Severity] | None = None,
    fail_on: str | Severity = Severity.MINOR,
    plugins: Plugins | None = None,
    today: datetime.date | None = None,
    check_timeout: float | None = DEFAULT_CHECK_TIMEOUT,
    preview: bool = False,
    require_assessment: bool = False,
) -> CheckRun:
    """Check many service concepts at once, as `dienstvisie check` does, and return the whole run.

    `sources` are paths (a folder is walked like the command line does: only files declaring
    `dienstvisie:`, no build output, `.gitignore` respected), loaded Documents, models, mappings
    or texts (a `str` is taken as `check()` takes it).
    A document that cannot be read or is invalid does not stop the run: it is a `LoadFailure` in
    `run.load_failures` with every problem (and `run.passed` is False). The run holds the vision and
    every check, so `render(run, "sarif")` has the rules. Options as in `check()`; `fail_on` is the
    threshold of `run.passed` and of the reports rendered from it.
    """
    from ._version import __version__
    from .documents.discover import find_documents
    from .errors import SourceError
    from .documents.exclusion import Exclusions
    from .model.run import CheckRun

    plugins = plugins or default_plugins()
    checker = _checker(plugins, vision, select, ignore, severity, preview, today, check_timeout, require_assessment)
    active, checks = checker.vision, checker.checks
    reports: list[Report] = []
    failures: list[LoadFailure] = []
    for source in sources:
        _refuse_bytes(source, "check_many")
        documents: list[Document[ServiceConcept] | str] = []
        if isinstance(source, Document):
            documents.append(source)
        elif isinstance(source, ServiceConcept):
            documents.append(Document(model=source, source_map=SourceMap()))
        elif isinstance(source, Mapping):
            try:
                documents.append(read_service(source))
            except DienstvisieError as error:
                failures.append(_source_failure(error, "<mapping>"))
        elif is_text(source):  # as in check()
            from .documents.load import parse_service_text

            try:
                documents.append(parse_service_text(os.fspath(source)))
            except DienstvisieError as error:
                failures.append(_source_failure(error, "<text>"))
        else:
            name = os.fspath(source)
            try:
                documents.extend(str(path) for path in find_documents([name], rules=Exclusions()).files)
            except SourceError as error:
                failures.append(_source_failure(error, name))
        for document in documents:
            if isinstance(document, str):
                try:
                    loaded = read_service_file(document)
                except DienstvisieError as error:
                    failures.append(_source_failure(error, document))
                    continue
            else:
                loaded = document
            reports.append(checker.check(loaded))
    return CheckRun(reports=tuple(reports), vision=active, checks=checks, fail_on=Severity(fail_on),
                    load_failures=tuple(failures), plugin_failures=tuple(plugins.failures), version=__version__)


def _reports(reports: CheckRun | Report | Iterable[Report]) -> tuple[Report, ...]:
    from .model.run import CheckRun

    if isinstance(reports, CheckRun):
        return reports.reports
    if isinstance(reports, Report):
        return (reports,)
    return tuple(reports)


def vision_of(reports: Sequence[Report], plugins: Plugins) -> Vision:
    """The vision the reports were made against (one for all; ValueError when they differ)."""
    ids = sorted({report.vision for report in reports})
    if len(ids) > 1:
        raise ValueError(f"these reports were made against different visions: {', '.join(ids)}")
    return resolve_vision(ids[0] if ids else None, plugins)


def portfolio_of(reports: CheckRun | Report | Iterable[Report], *, fail_on: str | Severity | None = None,
                 plugins: Plugins | None = None) -> Portfolio:
    """The portfolio view of many reports (what `dienstvisie portfolio` shows): where a whole
    portfolio falls short, per principle, check, life event, organisation and data item.
    `fail_on` defaults to the run's threshold (minor for plain reports)."""
    from ._version import __version__
    from .model.run import CheckRun
    from .analysis.portfolio import portfolio

    plugins = plugins or default_plugins()
    if isinstance(reports, CheckRun):
        run_reports, active, checks = reports.reports, reports.vision, reports.checks
        threshold = Severity(fail_on) if fail_on is not None else reports.fail_on
        invalid: tuple[str, ...] = tuple(failure.file for failure in reports.load_failures)
    else:
        run_reports = _reports(reports)
        active = vision_of(run_reports, plugins)
        checks = all_checks(active, plugins)
        threshold = Severity(fail_on) if fail_on is not None else Severity.MINOR
        invalid = ()
    return portfolio(run_reports, vision=active, checks=checks, vocabularies=plugins.vocabularies(),
                     fail_on=threshold, invalid_files=invalid, version=__version__)


def baseline_of(reports: CheckRun | Report | Iterable[Report]) -> Baseline:
    """A baseline of the reports' failed findings (what `dienstvisie baseline` writes): apply it to a
    later report with `baseline.apply(report)`, write it with `render(baseline, "json")`."""
    from ._version import __version__
    from .analysis.baseline import fingerprints, record

    run_reports = _reports(reports)
    first = run_reports[0] if run_reports else None
    return record((item for report in run_reports for item in fingerprints(report)),
                  vision=first.vision if first else None, vision_version=first.vision_version if first else None,
                  version=__version__)


def diff_of(old: Report, new: Report, *, plugins: Plugins | None = None) -> ServiceDiff:
    """How the new version of a service concept compares to the old one per principle and starting
    point (what `dienstvisie diff` shows): `diff.regressed` names what got worse (empty: nothing)."""
    from ._version import __version__
    from .analysis.diff import diff_reports

    plugins = plugins or default_plugins()
    active = vision_of((old, new), plugins)
    return diff_reports(old, new, vision=active, checks=all_checks(active, plugins), version=__version__)
