"""The CSV report: one row per finding, for analysts in a spreadsheet.

Made for Dutch Excel, which opens it with a double click:

* delimiter `;` (Dutch Excel uses the comma as decimal separator, so it expects `;`);
* encoding UTF-8 **with** a byte-order mark (BOM), so Excel reads é, ë and — correctly;
* lines end in CRLF (RFC 4180); a cell that holds `;`, a quote or a line break is quoted with `"`.

Every finding is a row, whatever its status (passed and not_applicable too), so a spreadsheet can
filter and count; an invalid document, which has no findings, gives one row per problem with status
`invalid`. The columns, in this order, never change meaning (new ones are only added at the end):

    service, service_title, file, line, column, pointer, check, check_title, principles,
    status, severity, step, step_title, organisation, message, suggestion,
    explanation, decided_by, until, explanation_expired

Column names, `status` and `severity` are stable codes in English; the texts (titles, message,
suggestion) are in the report language. `principles` are joined with a comma (`P1,P3`).

Formula injection is neutralised: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return gets a leading apostrophe (`'`), so a spreadsheet shows it as text and never runs it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from ..model.exporter import Exporter, RunContext, StreamOptions
from ..model.finding import Finding
from ..model.report import Report
from ..model.run import CheckRun
from ..model.text import Language, Text
from ._common import check_title, clean
from ._stream import ServiceFinisher

if TYPE_CHECKING:
    from ..analysis.baseline import Tally

COLUMNS: tuple[str, ...] = (
    "service", "service_title", "file", "line", "column", "pointer", "check", "check_title", "principles",
    "status", "severity", "step", "step_title", "organisation", "message", "suggestion",
    "explanation", "decided_by", "until", "explanation_expired",
)
DELIMITER = ";"
BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """`value` made safe for a spreadsheet cell: a leading `'` where it could start a formula."""
    value = clean(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _cell(value: str | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def _finding_row(report: Report, finding: Finding, run: CheckRun, lang: Language) -> list[str | int | None]:
    concept = report.concept
    step_title = organisation = None
    if concept is not None and finding.step is not None:
        try:
            step = concept.steps[concept.step_index(finding.step)]
            step_title = step.title.get(lang)
            organisation = concept.organisation(step.organisation).name
        except KeyError:
            pass
    location = finding.location
    note = finding.explanation
    return [
        report.service, report.title.get(lang), location.file or report.file, location.line, location.column,
        location.pointer or "/", finding.check, check_title(run, finding.check, lang), ",".join(finding.principles),
        finding.status.value, finding.severity.value, finding.step, step_title, organisation,
        finding.message.get(lang), finding.suggestion.get(lang) if finding.suggestion is not None else None,
        note.reason if note else None, note.decided_by if note else None, note.until if note else None,
        ("yes" if note.expired else "no") if note else None,
    ]


def _writer(buffer: TextIO) -> Any:
    return csv.writer(buffer, delimiter=DELIMITER, quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


def _report_rows(report: Report, run: CheckRun, lang: Language) -> str:
    buffer = io.StringIO()
    writer = _writer(buffer)
    for finding in report.findings:
        writer.writerow([_cell(value) for value in _finding_row(report, finding, run, lang)])
    return buffer.getvalue()


def _failure_rows(run: CheckRun, lang: Language) -> str:
    buffer = io.StringIO()
    writer = _writer(buffer)
    for failure in run.load_failures:
        for problem in failure.problems:
            location = problem.location
            row: list[str | int | None] = [None, None, location.file or failure.file, location.line, location.column,
                                           location.pointer or "/", problem.code, None, None, "invalid", problem.level,
                                           None, None, None, problem.message.get(lang),
                                           problem.hint.get(lang) if problem.hint else None, None, None, None, None]
            writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _head() -> str:
    buffer = io.StringIO()
    _writer(buffer).writerow(COLUMNS)
    return BOM + buffer.getvalue()


def render_csv(run: CheckRun, lang: Language) -> str:
    """The findings of the run as `;`-separated CSV, starting with a BOM (see the module docstring)."""
    return _head() + "".join(_report_rows(report, run, lang) for report in run.reports) + _failure_rows(run, lang)


# ------------------------------------------------------------------------------- service by service

@attrs.frozen
class CsvPart:
    """The rows of one service, and whether it fails."""

    service: str
    text: str
    failing: bool
    tally: Tally | None = None


@attrs.frozen
class CsvFinisher(ServiceFinisher):
    """Renders the rows of one service (picklable: it goes to the worker processes)."""

    def __call__(self, report: Report, context: RunContext) -> CsvPart:
        report, tally, run = self.prepared(report, context)
        return CsvPart(service=report.service, text=_report_rows(report, run, self.lang), failing=run.failing(report),
                       tally=tally)


class CsvWriter:
    """The header at once, each service's rows as they come, the unreadable documents' rows last."""

    def __init__(self, stream: TextIO, lang: Language) -> None:
        self.stream = stream
        self.lang = lang
        stream.write(_head())

    def add(self, part: CsvPart) -> None:
        self.stream.write(part.text)

    def finish(self, run: CheckRun, baseline: Mapping[str, object] | None = None) -> None:
        self.stream.write(_failure_rows(run, self.lang))


@attrs.frozen
class CsvStreaming:
    """The CSV report, service by service (see `Streaming`): nothing in it needs every report first."""

    tells_baseline = False

    def finisher(self, options: StreamOptions) -> CsvFinisher:
        return CsvFinisher(options.lang, options.fail_on, options.baseline)

    def writer(self, stream: TextIO, run: CheckRun, options: StreamOptions) -> CsvWriter:
        return CsvWriter(stream, options.lang)


EXPORTER = Exporter(
    name="csv", title=Text(nl="CSV voor Excel (puntkomma, UTF-8 met BOM)", en="CSV for Excel (semicolon, UTF-8 with BOM)"),
    suffix=".csv", media_type="text/csv", render=render_csv, stream=CsvStreaming(),
)
