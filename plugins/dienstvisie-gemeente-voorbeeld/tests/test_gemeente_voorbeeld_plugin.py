"""dienstvisie-gemeente-voorbeeld as an installed plugin: Python checks, a YAML rule set and a
vocabulary of its own, found through the entry point and run by `dienstvisie check`."""

from __future__ import annotations

import copy
import importlib.metadata
import json
from importlib import resources
from pathlib import Path
from typing import Any

import dienstvisie_gemeente_voorbeeld as gv
import pytest
import yaml

import dienstvisie
from dienstvisie.cli.main import main

EXAMPLES = Path(__file__).parents[1] / "examples"
MOVING = EXAMPLES / "verhuizen-voorbeeldstad.yaml"
DEBTS = EXAMPLES / "schulden-voorbeeldstad.yaml"
OWN_IDS = {"GV401", "GV501", "GV502", "GV411", "GV412", "GV611"}


@pytest.fixture(scope="module")
def plugins() -> dienstvisie.Plugins:
    return dienstvisie.load_plugins()


def _failed(report: dienstvisie.Report) -> list[tuple[str, str | None]]:
    return [(f.check, f.step) for f in report.findings if f.status.value == "failed"]


def _elsewhere() -> dict[str, Any]:
    """The moving example in another municipality: none of Voorbeeldstad's requirements apply."""
    text = MOVING.read_text(encoding="utf-8").replace("gemeente-voorbeeldstad", "gemeente-elders")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_the_entry_point_is_installed() -> None:
    found = [ep for ep in importlib.metadata.entry_points(group="dienstvisie") if ep.name == "gemeente-voorbeeld"]
    assert [ep.value for ep in found] == ["dienstvisie_gemeente_voorbeeld"]


def test_it_shows_up_with_what_it_adds(plugins: dienstvisie.Plugins) -> None:
    summary = {s.info.name: s for s in plugins.summaries()}["gemeente-voorbeeld"]
    assert summary.info.origin == "entry point" and summary.info.version == gv.__version__
    assert dict(summary.checks)["gezamenlijke-dienstverlening"] == 6
    assert summary.rulesets == ("gemeente-voorbeeldstad",)
    assert summary.vocabularies == ("data_items: 5",)
    assert summary.failures == ()


def test_the_rule_set_is_valid_and_its_rules_are_checks(plugins: dienstvisie.Plugins) -> None:
    ruleset = dienstvisie.load_ruleset(str(resources.files(gv).joinpath("regels.yaml")))
    assert ruleset.id == "gemeente-voorbeeldstad" and [rule.id for rule in ruleset.rules] == ["GV411", "GV412", "GV611"]
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    checks = {check.id: check for check in plugins.checks(vision)}
    assert OWN_IDS <= set(checks)
    assert {checks[i].origin for i in ("GV411", "GV412", "GV611")} == {"gemeente-voorbeeldstad"}
    assert checks["GV411"].example_fail and checks["GV411"].severity is dienstvisie.Severity.MAJOR


def test_the_municipality_s_own_rules_fire(plugins: dienstvisie.Plugins) -> None:
    report = dienstvisie.check(MOVING, plugins=plugins, select=["GV"])
    assert sorted(_failed(report), key=str) == sorted(
        [("GV411", "parkeervergunning"), ("GV412", "parkeervergunning"), ("GV502", "parkeervergunning"), ("GV611", None)],
        key=str,
    )
    by_check = {f.check: f for f in report.findings if f.status.value == "failed"}
    assert by_check["GV411"].message.get("nl") == (
        "Stap 'parkeervergunning' (Parkeervergunning aanvragen) neemt een besluit, maar biedt geen balie of huisbezoek "
        "(kanalen: web)")
    assert "language level: B2" in by_check["GV412"].message.get("en")
    assert by_check["GV411"].location.pointer == "/steps/2" and by_check["GV411"].location.line == 49
    assert by_check["GV411"].suggestion is not None


def test_a_service_that_meets_the_requirements(plugins: dienstvisie.Plugins) -> None:
    report = dienstvisie.check(DEBTS, plugins=plugins, select=["GV"])
    assert _failed(report) == []
    statuses = {f.check: f.status.value for f in report.findings}
    assert statuses["GV401"] == statuses["GV501"] == statuses["GV411"] == "passed"


def test_the_home_visit_and_coordination_checks_fail_when_they_should(plugins: dienstvisie.Plugins) -> None:
    data = yaml.safe_load(DEBTS.read_text(encoding="utf-8"))
    weak = copy.deepcopy(data)
    weak["contact"]["channels"] = ["telefoon"]
    for step in weak["steps"]:
        step["channels"] = [c for c in step["channels"] if c != "huisbezoek"] or ["post"]
    weak["coordination"]["coordinator"] = "cjib"
    report = dienstvisie.check(weak, plugins=plugins, select=["GV401", "GV501"])
    assert _failed(report) == [("GV401", None), ("GV501", None)]


def test_other_municipalities_are_left_alone(plugins: dienstvisie.Plugins) -> None:
    report = dienstvisie.check(_elsewhere(), plugins=plugins, select=["GV"])
    assert {f.check for f in report.findings} == OWN_IDS
    assert {f.status.value for f in report.findings} == {"not_applicable"}


def test_the_vocabulary_is_used(plugins: dienstvisie.Plugins) -> None:
    vocabularies = plugins.vocabularies()
    term = vocabularies.data_item("parkeervergunning")
    assert term is not None and term.registers == ("gemeente-voorbeeldstad",)
    unknown = dienstvisie.check(MOVING, plugins=plugins, select=["DV002"])
    assert [f.status.value for f in unknown.findings] == ["passed"]  # nieuw-adres, verhuisdatum … are known
    without = dienstvisie.load_plugins(disable=["gemeente-voorbeeld"])
    unknown = dienstvisie.check(MOVING, plugins=without, select=["DV002"])
    assert any("nieuw-adres" in f.message.get("en") for f in unknown.findings if f.status.value == "failed")


def test_an_explanation_covers_a_rule(plugins: dienstvisie.Plugins) -> None:
    data = yaml.safe_load(MOVING.read_text(encoding="utf-8"))
    data["explanations"] = [{"check": "GV412", "step": "parkeervergunning", "reason": "Juridische tekst, wordt herschreven",
                             "until": "2999-01-01"}]
    report = dienstvisie.check(data, plugins=plugins, select=["GV412"])
    assert [f.status.value for f in report.findings] == ["explained"]


def test_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(EXAMPLES), "--select", "GV", "--format", "json", "--isolated"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {s["id"]: s["result"] for s in report["services"]} == {
        "schulden-voorbeeldstad": "pass", "verhuizen-voorbeeldstad": "fail"}


def test_disable_leaves_the_plugin_out(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(MOVING), "--select", "GV", "--disable", "gemeente-voorbeeld", "--format", "json", "--isolated"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["services"][0]["findings"] == []


def test_rules_explains_a_declarative_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "GV411", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "gemeente-voorbeeldstad" in out and "P4" in out and "huisbezoek" in out
