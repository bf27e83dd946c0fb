"""dienstvisie-xlsx: the check report as an Excel workbook (openpyxl).

    dienstvisie check examples/ --format xlsx --output rapport.xlsx

The first sheet is a summary: one row per service with its result and a column per design
principle and starting point with its score (0–100). Then one sheet per service with every
finding in a table (header row, frozen panes, autofilter). Problems with documents or plugins,
if any, get a sheet of their own. Every text is written as text, never as a formula, so a
service concept cannot smuggle a formula into the workbook.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dienstvisie import CheckRun, Exporter, Finding, Language, Report, Text, clean, hookimpl

from . import reproducible

if TYPE_CHECKING:  # openpyxl itself is imported when a workbook is made, so loading the plugin stays fast
    from openpyxl.worksheet.worksheet import Worksheet

__version__ = "0.1.0"

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_WORDS: dict[str, dict[Language, str]] = {
    "summary": {"nl": "Overzicht", "en": "Summary"},
    "problems": {"nl": "Problemen", "en": "Problems"},
    "service": {"nl": "Dienst", "en": "Service"},
    "title": {"nl": "Titel", "en": "Title"},
    "file": {"nl": "Bestand", "en": "File"},
    "result": {"nl": "Resultaat", "en": "Result"},
    "failed": {"nl": "Niet voldaan", "en": "Failed"},
    "pass": {"nl": "voldoet", "en": "pass"},
    "fail": {"nl": "voldoet niet", "en": "fail"},
    "check": {"nl": "Check", "en": "Check"},
    "principles": {"nl": "Principes", "en": "Principles"},
    "status": {"nl": "Status", "en": "Status"},
    "severity": {"nl": "Ernst", "en": "Severity"},
    "message": {"nl": "Melding", "en": "Message"},
    "step": {"nl": "Stap", "en": "Step"},
    "line": {"nl": "Regel", "en": "Line"},
    "pointer": {"nl": "Plek (JSON pointer)", "en": "Place (JSON pointer)"},
    "suggestion": {"nl": "Wat te doen", "en": "What to do"},
    "explanation": {"nl": "Verklaring", "en": "Explanation"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "where": {"nl": "Waar", "en": "Where"},
    "document": {"nl": "document", "en": "document"},
    "plugin": {"nl": "plugin", "en": "plugin"},
    "vision": {"nl": "Visie", "en": "Vision"},
}

_STATUS: dict[str, dict[Language, str]] = {
    "passed": {"nl": "voldoet", "en": "passed"},
    "failed": {"nl": "voldoet niet", "en": "failed"},
    "explained": {"nl": "uitgelegd", "en": "explained"},
    "not_applicable": {"nl": "n.v.t.", "en": "not applicable"},
    "needs_review": {"nl": "beoordelen", "en": "needs review"},
    "error": {"nl": "fout", "en": "error"},
}

_HEADER_COLOUR = "154273"  # Rijkshuisstijl dark blue
_STATUS_COLOUR = {"failed": "F8D7DA", "error": "F8D7DA", "needs_review": "FFF3CD", "explained": "E2E3E5",
                  "passed": "D1E7DD"}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _word(key: str, lang: Language) -> str:
    return _WORDS[key][lang]


def _clean(value: Any) -> Any:
    """Text without characters a workbook cannot hold or should not show (dienstvisie's `clean`:
    controls, U+FFFE/U+FFFF, which are not well-formed XML, lone surrogates, bidirectional
    controls); numbers and None as they are."""
    if isinstance(value, Text):
        value = str(value)
    if isinstance(value, str):
        return clean(value)
    return value


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """Write a value; a text is always a text, even when it starts with '=' (no formulas)."""
    cell = sheet.cell(row=row, column=column, value=_clean(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"


def sheet_names(ids: Sequence[str], reserved: Sequence[str] = ()) -> list[str]:
    """Unique, valid sheet names (at most 31 characters, none of []:*?/\\) for service ids."""
    taken = {name.lower() for name in reserved}
    names = []
    for service_id in ids:
        base = (_SHEET_FORBIDDEN.sub("_", service_id).strip("'") or "dienst")[:31]
        name, counter = base, 2
        while name.lower() in taken:
            suffix = f"~{counter}"
            name = base[: 31 - len(suffix)] + suffix
            counter += 1
        taken.add(name.lower())
        names.append(name)
    return names


def _table(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]) -> None:
    """A table with a styled header row, frozen panes below it and an autofilter over it."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for column, title in enumerate(header, start=1):
        _put(sheet, 1, column, title)
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=_HEADER_COLOUR)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row_index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, row_index, column, value)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(rows) + 1, 1)}"


def _finding_row(finding: Finding, lang: Language) -> list[Any]:
    explanation = None
    if finding.explanation is not None:
        note = finding.explanation
        explanation = note.reason + (f" ({note.decided_by})" if note.decided_by else "") + (f" — {note.until}" if note.until else "")
    return [
        finding.check,
        ", ".join(finding.principles),
        _STATUS.get(finding.status.value, {}).get(lang, finding.status.value),
        finding.severity.value,
        finding.message.get(lang),
        finding.step,
        finding.location.line,
        finding.location.pointer or "/",
        finding.suggestion.get(lang) if finding.suggestion else None,
        explanation,
    ]


def _service_sheet(sheet: Worksheet, report: Report, lang: Language) -> None:
    header = [_word(key, lang) for key in
              ("check", "principles", "status", "severity", "message", "step", "line", "pointer", "suggestion", "explanation")]
    from openpyxl.styles import Alignment, PatternFill

    rows = [_finding_row(finding, lang) for finding in report.findings]
    _table(sheet, header, rows, widths=(10, 12, 14, 10, 70, 18, 8, 24, 50, 40))
    for row_index, finding in enumerate(report.findings, start=2):
        colour = _STATUS_COLOUR.get(finding.status.value)
        if colour is not None:
            sheet.cell(row=row_index, column=3).fill = PatternFill("solid", fgColor=colour)
        sheet.cell(row=row_index, column=5).alignment = Alignment(wrap_text=True, vertical="top")


def _rounded(score: float | None) -> float | None:
    return None if score is None else round(float(score), 1)


def _summary_sheet(sheet: Worksheet, run: CheckRun, lang: Language) -> None:
    from openpyxl.styles import Alignment

    vision = run.vision
    items = [(p.id, p.title.get(lang)) for p in vision.principles] + [(s.id, s.title.get(lang)) for s in vision.starting_points]
    header = [_word("service", lang), _word("title", lang), _word("file", lang), _word("result", lang), _word("failed", lang)]
    header += [f"{item_id} {title}" for item_id, title in items]
    rows = []
    for report in run.reports:
        scores = {score.id: score.score for score in report.scores}
        failed = sum(1 for finding in report.findings if finding.status.value in ("failed", "error"))
        row: list[Any] = [report.service, report.title.get(lang), report.file,
                          _word("fail" if run.failing(report) else "pass", lang), failed]
        row += [_rounded(scores.get(item_id)) for item_id, _ in items]
        rows.append(row)
    _table(sheet, header, rows, widths=[28, 40, 36, 14, 12] + [16] * len(items))
    for column in range(6, len(header) + 1):
        sheet.cell(row=1, column=column).alignment = Alignment(wrap_text=True, vertical="top")
        for row_index in range(2, len(rows) + 2):
            sheet.cell(row=row_index, column=column).number_format = "0"
    note_row = len(rows) + 3
    _put(sheet, note_row, 1, f"{_word('vision', lang)}: {vision.title.get(lang)} ({vision.id} {vision.version}, "
                             f"{vision.provenance.status})")


def _problems_sheet(sheet: Worksheet, run: CheckRun, lang: Language) -> None:
    rows: list[list[Any]] = []
    for failure in run.load_failures:
        if not failure.problems:
            rows.append([_word("document", lang), failure.file, ""])
        for problem in failure.problems:
            where = failure.file + (f":{problem.location.line}" if problem.location.line is not None else "")
            rows.append([_word("document", lang), where, problem.message.get(lang)])
    for plugin_failure in run.plugin_failures:
        rows.append([_word("plugin", lang), f"{plugin_failure.plugin} ({plugin_failure.hook})", plugin_failure.message])
    _table(sheet, [_word("kind", lang), _word("where", lang), _word("message", lang)], rows, widths=(12, 50, 90))


def render_xlsx(run: CheckRun, lang: Language) -> bytes:
    """The check run as an .xlsx workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _word("summary", lang)
    _summary_sheet(summary, run, lang)
    reserved = [_word("summary", lang), _word("problems", lang)]
    for report, name in zip(run.reports, sheet_names([r.service for r in run.reports], reserved)):
        _service_sheet(workbook.create_sheet(name), report, lang)
    if run.load_failures or run.plugin_failures:
        _problems_sheet(workbook.create_sheet(_word("problems", lang)), run, lang)
    workbook.properties.creator = f"dienstvisie {run.version}".strip()
    return reproducible.save(workbook)  # the same run, the same bytes (no time of saving)


EXPORTER = Exporter(
    name="xlsx",
    title=Text(nl="Excel-werkmap", en="Excel workbook"),
    suffix=".xlsx",
    media_type=MEDIA_TYPE,
    render=render_xlsx,
    binary=True,
)


@hookimpl
def dienstvisie_exporters() -> list[Exporter]:
    """The xlsx format."""
    return [EXPORTER]
