"""The UPL checks: UPL101 (a reference the Uniforme Productnamenlijst does not know, with the nearest
product) and UPL102 (a product of another layer of government than the step's organisation); and the
plugin as installed: found through its entry point, with its hooks, checks and formats."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

import dienstvisie
from dienstvisie.cli.main import main
from dienstvisie_cpsv_ap import __version__
from dienstvisie_cpsv_ap.upl import UPL_NAMESPACE, parse_upl, shipped_upl

HERE = Path(__file__).parent
REPO = HERE.parents[2]
EXAMPLES = REPO / "examples"
SHARED_UPL = REPO.parent / "shared" / "data" / "upl_sdg" / "UPL-actueel.csv"
PACKAGE_UPL = HERE.parent / "src" / "dienstvisie_cpsv_ap" / "data" / "upl"

SERVICE = """
dienstvisie: "1"
id: upl-voorbeeld
title: UPL-voorbeeld
audience: [burger]
organisations:
  - {id: gemeente, name: Gemeente Voorbeeldstad, kind: gemeente}
  - {id: svb, name: Sociale Verzekeringsbank, kind: uitvoeringsorganisatie}
  - {id: bureau, name: Adviesbureau, kind: private}
steps:
  - id: aangifte
    title: Aangifte van overlijden
    organisation: gemeente
    upl: http://standaarden.overheid.nl/owms/terms/overlijdensaangifte
    initiative: burger
  - id: bijstand
    title: Bijstand
    organisation: svb
    upl: http://standaarden.overheid.nl/owms/terms/bijstand
    initiative: burger
  - id: kinderbijslag
    title: Kinderbijslag
    organisation: svb
    upl: http://standaarden.overheid.nl/owms/terms/kinderbijslagg
    initiative: burger
  - id: advies
    title: Advies
    organisation: bureau
    upl: http://standaarden.overheid.nl/owms/terms/bijstand
    initiative: burger
"""


def _findings(text: str, select: str) -> list[tuple[str, str, str | None, str]]:
    report = dienstvisie.check(text, select=[select])
    return [(f.check, f.status.value, f.step, f.message.get("en")) for f in report.findings]


def test_the_list_has_every_product_once() -> None:
    upl = shipped_upl()
    assert len(upl.products) == 1017
    product = upl.get(f"{UPL_NAMESPACE}overlijdensaangifte")
    assert product is not None and product.name == "overlijdensaangifte"
    assert product.layers == {"rijk", "gemeente"} and product.citizens and not product.businesses
    assert upl.get(f"{UPL_NAMESPACE}handRegInschr").layers == {"rijk"}  # type: ignore[union-attr]


def test_the_shipped_list_is_the_published_one_with_its_source_note() -> None:
    if not SHARED_UPL.is_file():
        pytest.skip("shared/data is not available here")
    assert (PACKAGE_UPL / "UPL-actueel.csv").read_bytes() == SHARED_UPL.read_bytes()
    note = (PACKAGE_UPL / "SOURCE.md").read_text(encoding="utf-8")
    assert "EUPL-1.2" in note and "maykinmedia/sdg-invoervoorziening" in note


def test_layers_are_joined_over_the_rows_of_one_product() -> None:
    header = "UniformeProductnaam,URI,Rijk,Provincie,Waterschap,Gemeente,Burger,Bedrijf\n"
    upl = parse_upl(header + "p,http://x/p,X,,,,X,\np,http://x/p,,,,X,,X\n,http://x/leeg,X,,,,,\n")
    (product,) = upl.products.values()
    assert product.layers == {"rijk", "gemeente"} and product.citizens and product.businesses


def test_an_unknown_reference_is_an_info_finding_with_the_nearest_product() -> None:
    found = _findings(SERVICE, "UPL101")
    assert [(check, status, step) for check, status, step, _ in found] == [("UPL101", "failed", "kinderbijslag")]
    assert "did you mean 'kinderbijslag' (http://standaarden.overheid.nl/owms/terms/kinderbijslag)" in found[0][3]
    report = dienstvisie.check(SERVICE, select=["UPL101"])
    assert report.findings[0].severity.value == "info" and report.findings[0].principles == ("P1",)
    assert report.findings[0].location.line == 24  # the upl line of the step (the text starts with a blank line)


def test_nothing_near_means_no_suggestion() -> None:
    text = SERVICE.replace("terms/kinderbijslagg", "terms/zzqqxxyy-zzqq")
    (found,) = _findings(text, "UPL101")
    assert "did you mean" not in found[3] and "is not in the UPL" in found[3]


def test_a_product_of_another_layer_is_flagged() -> None:
    found = _findings(SERVICE, "UPL102")
    assert [(check, status, step) for check, status, step, _ in found] == [("UPL102", "failed", "bijstand")]
    assert "lists for the municipality" in found[0][3] and "belongs to the Rijk" in found[0][3]


def test_the_checks_do_not_apply_without_references() -> None:
    text = "\n".join(line for line in SERVICE.splitlines() if "upl:" not in line)
    for check in ("UPL101", "UPL102"):
        assert [status for _, status, _, _ in _findings(text, check)] == ["not_applicable"]


def test_the_shipped_examples_name_only_real_products() -> None:
    if not EXAMPLES.is_dir():
        pytest.skip("only inside the dienstvisie repository")
    upl = shipped_upl()
    flagged = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        service = dienstvisie.load_service(path)
        references = [service.upl] + [step.upl for step in service.steps]
        assert any(references), path.name
        assert all(uri in upl for uri in references if uri), path.name
        report = dienstvisie.check(path, select=["UPL"])
        assert not [f for f in report.findings if f.check == "UPL101" and f.status.value == "failed"]
        flagged += [(path.stem, f.step) for f in report.findings if f.status.value == "failed"]
    # the UPL lists the anw-uitkering for municipalities only; the SVB pays it: the check says so
    assert flagged == [("overlijden-utrecht", "anw")]


def test_the_checks_serve_only_the_shipped_vision() -> None:
    plugins = dienstvisie.load_plugins()
    visions = plugins.visions()
    ids = {check.id for check in plugins.checks(visions["gezamenlijke-dienstverlening"])}
    assert {"UPL101", "UPL102"} <= ids
    if "nora" in visions:
        assert not {c.id for c in plugins.checks(visions["nora"]) if c.id.startswith("UPL")}


def test_the_plugin_is_found_through_its_entry_point() -> None:
    found = [ep for ep in importlib.metadata.entry_points(group="dienstvisie") if ep.name == "cpsv-ap"]
    assert [ep.value for ep in found] == ["dienstvisie_cpsv_ap"]
    plugins = dienstvisie.load_plugins()
    info = {info.name: info for info in plugins.infos()}["cpsv-ap"]
    assert (info.origin, info.version) == ("entry point", __version__)
    assert set(info.hooks) == {"dienstvisie_checks", "dienstvisie_exporters", "dienstvisie_importers"}
    assert {"cpsv-ap", "cpsv-ap-turtle"} <= set(plugins.exporters()) and "cpsv-ap" in plugins.importers()
    assert [f for f in plugins.failures if f.plugin == "cpsv-ap"] == []
    summary = {s.info.name: s for s in plugins.summaries()}["cpsv-ap"]
    assert summary.importers == ("cpsv-ap",) and summary.exporters == ("cpsv-ap", "cpsv-ap-turtle")


def test_the_rules_command_explains_a_upl_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "UPL102", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "UPL102" in out and "layer" in out


def test_disabling_the_plugin_removes_checks_and_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plugins = dienstvisie.load_plugins(disable=["cpsv-ap"])
    assert "cpsv-ap" not in plugins.exporters() and "cpsv-ap" not in plugins.importers()
    assert main(["import", "cpsv-ap", str(tmp_path / "x.ttl"), "--disable", "cpsv-ap"]) == 2
    assert "cpsv-ap" in capsys.readouterr().err
