"""Check many documents, one after another or in worker processes, with the same result.

A run is described by a `RunSpec`: which plugins (entry points, `--plugin` modules, `--disable`),
which rule files, which vision, which checks and severities, the day and the time limit per check.
It is plain, picklable data, so every process can build the same `Session` from it: the plugins are
loaded the same way in a worker process as in the main process.

What the main process needs of a report is made where the report is made, by a *finisher* (the
text of one service for the terminal report, its JSON, a portfolio summary, its fingerprints for a
baseline, or the report itself). So reports need not travel between processes in full, and the main
process holds only what it needs.

`check_files()` yields one `Checked` per file, in the order of the files, whether the documents are
checked in this process (`jobs=1`) or in worker processes: the same session code makes the same
items, and the main process consumes them in the same order, so a report is byte-identical either way.
Plugin failures that happen while a document is checked travel with its item, in order.

With `jobs > 1` the `dienstvisie_report` hook runs in the worker process that checked the service.
A worker process that dies (a check that ends its process, the out-of-memory killer) costs only the
document it was checking, which becomes an error of that document; the others are checked by a new
worker (see worker_pool.py). Worker processes die with the main process.
"""

from __future__ import annotations

import datetime
import math
import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from ..engine.run import DEFAULT_CHECK_TIMEOUT
from ..errors import DocumentError, SourceError
from ..model.check import Check, Severity
from ..model.plugin import PluginFailure
from ..model.problem import Problem
from ..model.report import Report
from ..model.run import LoadFailure
from ..documents.stdin import STDIN

if TYPE_CHECKING:
    from ..model.document import Document
    from ..model.vision import Vision
    from ..model.vocabulary import Vocabularies
    from ..plugins.manager import Plugins
    from ..plugins.rulesets import RuleSet
    from ..engine.selection import Selection

MIN_FILES_PER_WORKER = 4
"""A worker process is only started for at least this many documents (fewer are checked here)."""

MAX_CHUNK = 32
"""At most this many documents go to a worker at a time (smaller chunks: smoother progress)."""


def available_cores() -> int:
    """The number of cores this process may use (its CPU affinity where the system tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@attrs.frozen
class RunSpec:
    """Everything needed to set up the same checks in any process (picklable and hashable)."""

    entry_points: bool = True
    modules: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    rule_files: tuple[str, ...] = ()
    vision: str | None = None
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    today: datetime.date = attrs.field(factory=datetime.date.today)
    check_timeout: float | None = DEFAULT_CHECK_TIMEOUT
    preview: bool = False
    require_assessment: bool = False  # open guiding questions fail instead of needing review


class Session:
    """Plugins, vision, checks, vocabularies and selection of a run, set up once per process.

    Raises SourceError or DocumentError for a rule file that cannot be used, and
    `pipeline.checker.UnknownVisionError` for a vision no plugin has.
    """

    def __init__(self, spec: RunSpec) -> None:
        from ..engine.selection import Selection
        from ..plugins.manager import load_plugins
        from ..plugins.rulesets import read_ruleset
        from .checker import Checker

        self.spec = spec
        self.rule_documents: list[Document[RuleSet]] = [read_ruleset(path) for path in spec.rule_files]
        self.plugins: Plugins = load_plugins(
            entry_points=spec.entry_points, modules=spec.modules, disable=spec.disable,
            rulesets=[document.model for document in self.rule_documents],
        )
        selection = Selection(select=spec.select, ignore=spec.ignore,
                              severity={key: Severity(value) for key, value in spec.severity},
                              preview=spec.preview)
        self.checker: Checker = Checker.create(self.plugins, spec.vision, selection=selection, today=spec.today,
                                               check_timeout=spec.check_timeout,
                                               require_assessment=spec.require_assessment)

    @property
    def vision(self) -> Vision:
        return self.checker.vision

    @property
    def checks(self) -> tuple[Check, ...]:
        return self.checker.checks

    @property
    def vocabularies(self) -> Vocabularies:
        return self.checker.vocabularies

    @property
    def selection(self) -> Selection:
        return self.checker.selection

    def check_report(self, source: str | os.PathLike[str]) -> Report:
        """The report of one document; SourceError or DocumentError when it cannot be used.

        Plugin failures are recorded in `self.plugins.failures`, as for any use of the plugins.
        """
        from ..documents.load import read_service
        from ..documents.stdin import STDIN_SOURCE, as_path_text, is_stdin

        # a Path: a file name is never taken for YAML text; `-` is standard input, a file called `-` is ./-
        if is_stdin(source):
            document = read_service(STDIN_SOURCE)
        else:
            document = read_service(Path(source), filename=as_path_text(Path(source)))
        return self.checker.check(document)

    def check_file(self, path: str, finish: Finisher) -> Checked:
        """Check one file and finish its report; what went wrong travels with the item."""
        failures = self.plugins.failures
        before = len(failures)
        item: Checked
        try:
            report = self.check_report(path)
        except SourceError as error:
            item = Checked(file=path, failure=LoadFailure(file=path, problems=(), exit_code=error.exit_code),
                           source_error=(error.file, error.message_nl, error.message_en))
        except DocumentError as error:
            item = Checked(file=path, failure=LoadFailure(file=path, problems=error.problems, exit_code=error.exit_code),
                           document_error=(error.file, error.problems))
        else:
            item = Checked(file=path, payload=finish(report, self))
        new = tuple(failures[before:])
        if new:
            del failures[before:]
            tracebacks = tuple(self.plugins.tracebacks.pop(failure, None) for failure in new)
            item = attrs.evolve(item, plugin_failures=new, tracebacks=tracebacks)
        return item


class Finisher(Protocol):
    """Turns a finished report into what the main process needs of it (picklable: module level)."""

    def __call__(self, report: Report, session: Session, /) -> Any: ...


@attrs.frozen
class KeepReport:
    """Keep the report itself; without the service concept unless the output draws the journey."""

    keep_concept: bool = True

    def __call__(self, report: Report, session: Session) -> Report:
        return report if self.keep_concept else attrs.evolve(report, concept=None)


@attrs.frozen
class Checked:
    """One checked file: what its finisher made of the report, or why there is no report."""

    file: str
    payload: Any = None
    failure: LoadFailure | None = None
    source_error: tuple[str | None, str, str] | None = None  # file, message nl, message en
    document_error: tuple[str | None, tuple[Problem, ...]] | None = None  # file, problems
    plugin_failures: tuple[PluginFailure, ...] = ()
    tracebacks: tuple[str | None, ...] = ()

    def error(self) -> SourceError | DocumentError | None:
        """The error that kept this document from being checked, to show to the reader."""
        if self.source_error is not None:
            return SourceError(*self.source_error)
        if self.document_error is not None:
            return DocumentError(*self.document_error)
        return None


# ------------------------------------------------------------------------------ sessions per process

_SESSIONS: dict[RunSpec, Session] = {}


def open_session(spec: RunSpec) -> Session:
    """A new session of `spec` (the plugins loaded afresh), which worker processes started by fork
    then inherit instead of loading the plugins a second time."""
    session = _SESSIONS[spec] = Session(spec)
    return session


def session_for(spec: RunSpec) -> Session:
    """The session of `spec` in this process: the one inherited or opened last, else a new one
    (a worker process started by spawn loads the plugins from the spec, the same way)."""
    session = _SESSIONS.get(spec)
    return session if session is not None else open_session(spec)


_worker: tuple[Session, Finisher] | None = None


def _start_worker(spec: RunSpec, finish: Finisher) -> None:
    global _worker
    _worker = (session_for(spec), finish)


def _check_one(path: str) -> Checked:
    assert _worker is not None, "worker process without a session"
    session, finish = _worker
    return session.check_file(path, finish)


def _how_it_ended(exitcode: int | None) -> tuple[str, str]:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if -exitcode == signal.SIGKILL:
            return (f"gestopt door {name}, bijvoorbeeld omdat het geheugen op was",
                    f"killed by {name}, for instance because memory ran out")
        return f"gestopt door {name}", f"killed by {name}"
    return f"beëindigd met code {exitcode}", f"ended with exit code {exitcode}"


def lost(path: str, exitcode: int | None) -> Checked:
    """The item of a document whose worker process ended while checking it: an error, not a report."""
    from ..model.problem import Location
    from ..model.text import Text

    how_nl, how_en = _how_it_ended(exitcode)
    problem = Problem(
        "worker.lost",
        Text(nl=f"het werkproces dat dit document controleerde is {how_nl}; het document is niet gecontroleerd",
             en=f"the worker process checking this document {how_en}; the document was not checked"),
        Location("", file=path),
        Text(nl="Controleer het apart (zonder --jobs, met --debug) om te zien welke check of plugin het proces stopt.",
             en="Check it on its own (without --jobs, with --debug) to see which check or plugin stops the process."),
    )
    return Checked(file=path, failure=LoadFailure(file=path, problems=(problem,), exit_code=EXIT_WORKER_LOST),
                   document_error=(path, (problem,)))


EXIT_WORKER_LOST = 2
"""A document whose worker process died counts as a document that could not be checked."""


def worker_count(files: int, jobs: int) -> int:
    """How many worker processes `files` documents are worth with `jobs` allowed (0 or 1: none)."""
    if jobs <= 1:
        return 0
    workers = min(jobs, files // MIN_FILES_PER_WORKER)
    return workers if workers >= 2 else 0


def check_files(
    files: Sequence[str],
    spec: RunSpec,
    finish: Finisher,
    *,
    jobs: int = 1,
    session: Session | None = None,
    start_method: str | None = None,
) -> Iterator[Checked]:
    """A `Checked` for every file, in order; in `jobs` worker processes when that is worth it.

    `session` is this process's session of `spec` (default: `session_for(spec)`); `start_method`
    is multiprocessing's (fork, spawn, forkserver; None: the platform's default). Raises what
    `Session` raises when the run cannot be set up. A document whose worker process dies (a check
    that ends its process, the out-of-memory killer) is an error of that document (`lost`); the
    others are checked. The workers die with this process.
    """
    from .worker_pool import Lost, run_in_workers

    session = session or session_for(spec)  # also in parallel runs: set-up errors show here, once
    # standard input is this process's: a run that reads it checks here
    workers = 0 if STDIN in files else worker_count(len(files), jobs)
    if not workers:
        for path in files:
            yield session.check_file(path, finish)
        return
    chunk = max(1, min(MAX_CHUNK, math.ceil(len(files) / (workers * 8))))
    context = multiprocessing.get_context(start_method)
    results = run_in_workers(list(files), _check_one, workers=workers, chunk=chunk, context=context,
                             initializer=_start_worker, initargs=(spec, finish))
    try:
        for path, result in zip(files, results, strict=True):
            yield lost(path, result.exitcode) if isinstance(result, Lost) else result
    finally:
        results.close()  # stopped early (an error, Ctrl-C, the consumer gave up): the workers are ended now
