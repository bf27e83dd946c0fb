"""The CSV report: `;`, UTF-8 with BOM, one row per finding, stable columns, no formulas."""

from __future__ import annotations

import csv
import io

import pytest
from test_export_common import (
    HOSTILE_DECIDER,
    HOSTILE_FILE,
    HOSTILE_ORG,
    example_run,
    hostile_run,
    render,
)

from dienstvisie.exporters.csv_report import COLUMNS, neutralise

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_columns_are_stable() -> None:
    assert COLUMNS == (
        "service", "service_title", "file", "line", "column", "pointer", "check", "check_title", "principles",
        "status", "severity", "step", "step_title", "organisation", "message", "suggestion",
        "explanation", "decided_by", "until", "explanation_expired",
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_row_per_finding_of_every_status(lang: str) -> None:
    run = example_run()
    rows = _rows(render("csv", run, lang))  # type: ignore[arg-type]
    findings = [(report, finding) for report in run.reports for finding in report.findings]
    invalid = [row for row in rows if row["status"] == "invalid"]
    assert len(rows) - len(invalid) == len(findings)
    assert len(invalid) == sum(len(failure.problems) for failure in run.load_failures) > 0
    for row, (report, finding) in zip(rows, findings):
        assert row["service"] == report.service
        assert row["check"] == finding.check
        assert row["status"] == finding.status.value
        assert row["severity"] == finding.severity.value
        assert row["principles"] == ",".join(finding.principles)
        assert row["line"] == (str(finding.location.line) if finding.location.line else "")
    assert {row["status"] for row in rows} >= {"passed", "needs_review", "invalid"}
    explained = [row for row in rows if row["status"] == "explained"]
    for row in explained:
        assert row["explanation"] and row["explanation_expired"] == "no"


def test_lines_end_in_crlf_and_cells_with_separators_are_quoted() -> None:
    text = render("csv", hostile_run(), "nl")
    assert "\r\n" in text and text.count("\n") == text.count("\r\n")
    rows = _rows(text)
    assert any("|" in row["service_title"] for row in rows)


def test_formula_injection_is_neutralised_in_every_cell() -> None:
    rows = _rows(render("csv", hostile_run(), "nl"))
    assert rows
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(DANGEROUS), (column, value)
    organisations = {row["organisation"] for row in rows if row["organisation"]}
    assert "'" + HOSTILE_ORG in organisations
    assert {row["decided_by"] for row in rows if row["decided_by"]} == {"'" + HOSTILE_DECIDER}
    assert {row["file"] for row in rows} == {"'" + HOSTILE_FILE}
    # a dangerous character inside a cell is harmless and left alone
    assert any("HYPERLINK" in row["organisation"] for row in rows)


@pytest.mark.parametrize("value", ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_an_apostrophe(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["gewoon", "a=b", "", "'al", "1-2"])
def test_neutralise_leaves_harmless_text_alone(value: str) -> None:
    assert neutralise(value) == value
