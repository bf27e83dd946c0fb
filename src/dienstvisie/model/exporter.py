"""An output format: a name for `--format`, a function that renders a check run, and what the
format can do (stream service by service, whether it needs the service concept, whether it is binary),
so the command line asks the format instead of knowing every format by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TextIO

import attrs

from .check import Check, Severity
from .report import Report
from .run import CheckRun
from .text import Language, Text
from .vision import Vision

RenderFunction = Callable[[CheckRun, Language], "str | bytes"]


@attrs.frozen
class StreamOptions:
    """What a streamed report is written with; the same in the main and in every worker process."""

    lang: Language
    fail_on: Severity
    colour: bool = False
    form: str = "full"
    """The text report's form, `full` or `concise` (`--output-format`); other formats may ignore it."""
    quiet: bool = False
    """`--quiet`: only what fails (the text report leaves out the vision line, passing services, totals)."""
    baseline: Any = attrs.field(default=None, eq=False)
    """An `analysis.baseline.Baseline` applied to each report first (its known findings left out)."""


class RunContext(Protocol):
    """What a finisher knows of the run besides the report: the vision and the checks."""

    @property
    def vision(self) -> Vision: ...

    @property
    def checks(self) -> tuple[Check, ...]: ...


class StreamPart(Protocol):
    """One service's part of a streamed report, made where the report is made."""

    @property
    def service(self) -> str: ...

    @property
    def failing(self) -> bool: ...

    @property
    def tally(self) -> Any: ...  # an analysis.baseline.Tally with a baseline, else None


class StreamWriter(Protocol):
    """Writes the parts in the order of the documents, then the end of the report."""

    def add(self, part: Any) -> None: ...

    def finish(self, run: CheckRun, baseline: Mapping[str, object] | None) -> None:
        """`run` has the documents that could not be checked and the plugin failures, no reports;
        `baseline` the baseline's totals (file, known, new, fixed) when one was used."""


class Streaming(Protocol):
    """How a format writes its report service by service, so a run over thousands of documents
    holds no report in memory. The finisher goes to the worker processes: it must pickle."""

    tells_baseline: bool
    """The report itself states the baseline's totals (so the command line does not repeat them)."""

    def finisher(self, options: StreamOptions) -> Callable[[Report, RunContext], StreamPart]: ...

    def writer(self, stream: TextIO, run: CheckRun, options: StreamOptions) -> StreamWriter:
        """A writer to `stream`; `run` has the vision and checks, no reports."""


@attrs.frozen
class Exporter:
    """A report format. `render(run, lang)` returns text (str) or, for binary formats, bytes.

    Exporters write nothing themselves: the command line writes their result atomically. What a
    format declares decides how the command line runs it: `binary` formats are written to a file
    (`-o`), never to a terminal; without `needs_concept` the reports leave the service concept out
    (less to keep and to send between processes; the format cannot draw the journey or name steps);
    a format with `stream` is written service by service as the documents are checked.
    """

    name: str
    title: Text
    suffix: str
    media_type: str
    render: RenderFunction = attrs.field(eq=False, repr=False)
    binary: bool = False
    needs_concept: bool = True
    stream: Streaming | None = attrs.field(default=None, eq=False, repr=False)
