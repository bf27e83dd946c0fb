"""dienstvisie-xlsx as an installed plugin: `dienstvisie check --format xlsx --output r.xlsx`
writes a real workbook with a summary sheet and one sheet per service."""

from __future__ import annotations

import importlib.metadata
import io
import zipfile
from pathlib import Path

import dienstvisie_xlsx
import openpyxl
import pytest
import yaml

import dienstvisie
from dienstvisie.cli.main import main

HERE = Path(__file__).parent
EXAMPLE = HERE / "dienst-xlsx.yaml"
REPO_EXAMPLES = HERE.parents[2] / "examples"


def _run(reports: list[dienstvisie.Report], plugins: dienstvisie.Plugins) -> dienstvisie.CheckRun:
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    return dienstvisie.CheckRun(reports=tuple(reports), vision=vision, checks=plugins.checks(vision),
                                plugin_failures=tuple(plugins.failures), version="test")


def test_the_entry_point_is_installed_and_adds_the_format() -> None:
    found = [ep for ep in importlib.metadata.entry_points(group="dienstvisie") if ep.name == "xlsx"]
    assert [ep.value for ep in found] == ["dienstvisie_xlsx"]
    plugins = dienstvisie.load_plugins()
    exporter = plugins.exporters()["xlsx"]
    assert exporter.suffix == ".xlsx" and exporter.media_type == dienstvisie_xlsx.MEDIA_TYPE
    summary = {s.info.name: s for s in plugins.summaries()}["xlsx"]
    assert summary.exporters == ("xlsx",) and summary.failures == ()


def test_check_writes_a_real_workbook(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    code = main(["check", str(EXAMPLE), "--format", "xlsx", "--output", str(target), "--isolated"])
    assert code == 1  # the example fails some checks
    assert zipfile.is_zipfile(target)
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Overzicht", "zorgtoeslag-aanvragen"]

    summary = workbook["Overzicht"]
    header = [cell.value for cell in summary[1]]
    assert header[:5] == ["Dienst", "Titel", "Bestand", "Resultaat", "Niet voldaan"]
    assert "P1 Geen verkeerde deur" in header and "U1 De mens centraal" in header
    row = [cell.value for cell in summary[2]]
    assert row[0] == "zorgtoeslag-aanvragen" and row[3] == "voldoet niet" and row[4] > 0
    scores = [value for value in row[5:] if value is not None]
    assert scores and all(0 <= value <= 100 for value in scores)
    assert summary.freeze_panes == "B2" and summary.auto_filter.ref == f"A1:{summary.cell(1, len(header)).column_letter}2"

    sheet = workbook["zorgtoeslag-aanvragen"]
    assert [cell.value for cell in sheet[1]][:5] == ["Check", "Principes", "Status", "Ernst", "Melding"]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:J")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    failed = [r for r in rows if r[2] == "voldoet niet"]
    assert any(r[0] == "DV403" and r[5] == "aanvraag" and isinstance(r[6], int) for r in failed)


def test_english_labels(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    main(["check", str(EXAMPLE), "--format", "xlsx", "--output", str(target), "--isolated", "--lang", "en"])
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[0] == "Summary"
    assert workbook["zorgtoeslag-aanvragen"]["E1"].value == "Message"


def test_a_binary_format_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLE), "--format", "xlsx", "--isolated"]) == 2
    assert "--output" in capsys.readouterr().err


@pytest.mark.skipif(not REPO_EXAMPLES.is_dir(), reason="only inside the dienstvisie repository")
def test_every_repository_example_gets_a_sheet(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    assert main(["check", str(REPO_EXAMPLES), "--format", "xlsx", "--output", str(target), "--isolated", "--no-plugins",
                 "--plugin", "dienstvisie_xlsx"]) in (0, 1)
    workbook = openpyxl.load_workbook(target)
    assert len(workbook.sheetnames) == 1 + len(list(REPO_EXAMPLES.glob("*.yaml")))
    assert workbook["Overzicht"].max_row >= 1 + len(list(REPO_EXAMPLES.glob("*.yaml")))


def test_texts_never_become_formulas() -> None:
    plugins = dienstvisie.load_plugins(entry_points=False)
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["title"] = '=HYPERLINK("http://example.invalid","klik")'
    data["steps"][0]["title"] = "+SUM(1,2)\x07"
    report = dienstvisie.check(data, plugins=plugins)
    workbook = openpyxl.load_workbook(io.BytesIO(dienstvisie_xlsx.render_xlsx(_run([report], plugins), "nl")))
    title = workbook["Overzicht"]["B2"]
    assert title.value == '=HYPERLINK("http://example.invalid","klik")' and title.data_type == "s"
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_problems_get_a_sheet() -> None:
    broken = dienstvisie.plugin_from_functions("kapot", dienstvisie_visions=lambda: 1 / 0)
    plugins = dienstvisie.load_plugins(entry_points=False, extra=[broken])
    report = dienstvisie.check(EXAMPLE, plugins=plugins)
    workbook = openpyxl.load_workbook(io.BytesIO(dienstvisie_xlsx.render_xlsx(_run([report], plugins), "en")))
    assert workbook.sheetnames[-1] == "Problems"
    assert any("ZeroDivisionError" in str(cell.value) for row in workbook["Problems"].iter_rows() for cell in row)


def test_sheet_names_are_valid_and_unique() -> None:
    names = dienstvisie_xlsx.sheet_names(["a" * 40, "a" * 40, "x/y:z", "overzicht"], reserved=["Overzicht"])
    assert names == ["a" * 31, "a" * 29 + "~2", "x_y_z", "overzicht~2"]
    assert all(len(name) <= 31 for name in names)
