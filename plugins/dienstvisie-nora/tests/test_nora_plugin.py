"""dienstvisie-nora as an installed plugin: found through its entry point, its vision and checks
used by `dienstvisie check --vision nora`."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import Any

import dienstvisie_nora
import pytest

import dienstvisie
from dienstvisie.cli.main import main

HERE = Path(__file__).parent
EXAMPLE = HERE / "dienst-nora.yaml"
REPO_EXAMPLES = HERE.parents[2] / "examples"  # the dienstvisie repository's examples, when run there


@pytest.fixture(scope="module")
def plugins() -> dienstvisie.Plugins:
    return dienstvisie.load_plugins()  # entry points included, as `dienstvisie` loads them


@pytest.fixture(scope="module")
def nora(plugins: dienstvisie.Plugins) -> dienstvisie.Vision:
    return plugins.visions()["nora"]


def _json_run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main([*args, "--format", "json", "--isolated"])
    return code, json.loads(capsys.readouterr().out)


def test_the_entry_point_is_installed() -> None:
    found = [ep for ep in importlib.metadata.entry_points(group="dienstvisie") if ep.name == "nora"]
    assert [ep.value for ep in found] == ["dienstvisie_nora"]


def test_load_plugins_finds_it_through_the_entry_point(plugins: dienstvisie.Plugins) -> None:
    info = {info.name: info for info in plugins.infos()}["nora"]
    assert (info.origin, info.version) == ("entry point", dienstvisie_nora.__version__)
    assert set(info.hooks) == {"dienstvisie_visions", "dienstvisie_checks"}
    assert [failure for failure in plugins.failures if failure.plugin == "nora"] == []
    assert "nora" in plugins.visions() and "gezamenlijke-dienstverlening" in plugins.visions()


def test_the_vision_has_the_core_values_and_all_seventeen_principles(nora: dienstvisie.Vision) -> None:
    assert [point.id for point in nora.starting_points] == [f"KWD0{n}" for n in range(1, 6)]
    assert [principle.id for principle in nora.principles] == [f"NAP{n:02d}" for n in range(1, 18)]
    values = {point.id for point in nora.starting_points}
    for principle in nora.principles:
        assert principle.serves and set(principle.serves) <= values
        assert principle.questions
        for question in principle.questions:
            assert question.text.nl and question.text.en
    assert nora.principle("NAP12").title.get("nl") == "Informeer bij de bron"
    assert nora.starting_point("KWD01").title.get("nl") == "Vertrouwen"


def test_the_provenance_is_honest_about_what_is_reconstructed(nora: dienstvisie.Vision) -> None:
    assert nora.provenance.status == "reconstructed"
    note = nora.provenance.note
    assert note is not None and "kwaliteitsdoelen" in note.get("nl") and "own reading" in note.get("en")
    assert {source.id for source in nora.provenance.sources} >= {"nora-architectuurprincipes"}


def test_the_checks_for_nora(plugins: dienstvisie.Plugins, nora: dienstvisie.Vision) -> None:
    checks = {check.id: check for check in plugins.checks(nora)}
    assert {"NORA0901", "NORA1601"} <= set(checks)
    for builtin_id, (nora_id, principles) in dienstvisie_nora.MAPPED.items():
        try:
            original = dienstvisie.builtin_check(builtin_id)
        except KeyError:  # an older dienstvisie without this check: the mapping is left out
            assert nora_id not in checks
            continue
        mapped = checks[nora_id]
        assert mapped.principles == principles and mapped.origin == "dienstvisie-nora"
        assert mapped.function is original.function and mapped.title == original.title
        assert builtin_id in mapped.rationale.get("en")
    known = {principle.id for principle in nora.principles}
    assert all(set(check.principles) <= known for check in checks.values())


def test_nora_adds_nothing_to_the_shipped_vision(plugins: dienstvisie.Plugins) -> None:
    default = plugins.visions()["gezamenlijke-dienstverlening"]
    assert not [check for check in plugins.checks(default) if check.id.startswith("NORA")]


def test_a_mapped_check_finds_what_the_built_in_finds(plugins: dienstvisie.Plugins) -> None:
    for builtin_id, (nora_id, _) in dienstvisie_nora.MAPPED.items():
        try:
            dienstvisie.builtin_check(builtin_id)
        except KeyError:
            continue
        own = dienstvisie.check(EXAMPLE, plugins=plugins, select=[builtin_id])
        mapped = dienstvisie.check(EXAMPLE, plugins=plugins, vision="nora", select=[nora_id])

        def seen(report: dienstvisie.Report) -> list[tuple[str, str, str | None]]:
            return [(f.status.value, f.location.pointer, f.step) for f in report.findings]

        assert seen(mapped) == seen(own), builtin_id


def test_the_own_checks(plugins: dienstvisie.Plugins) -> None:
    report = dienstvisie.check(EXAMPLE, plugins=plugins, vision="nora", select=["NORA0901", "NORA1601"])
    found = [(f.check, f.status.value, f.step) for f in report.findings]
    assert found == [
        ("NORA0901", "failed", None),        # no summary
        ("NORA0901", "failed", "aanvraag"),  # no lead time, no channels
        ("NORA1601", "needs_review", None),  # four steps for the person
    ]
    assert report.findings[1].location.line == 20  # file:line of the step ("- id: aanvraag")


def test_check_with_vision_nora_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _json_run(["check", str(EXAMPLE), "--vision", "nora"], capsys)
    assert code == 1
    assert report["vision"]["id"] == "nora" and report["vision"]["status"] == "reconstructed"
    service = report["services"][0]
    assert {score["id"] for score in service["scores"]} >= {"NAP01", "NAP17", "KWD01", "KWD05"}
    checks = {finding["check"] for finding in service["findings"]}
    assert {"NORA0901", "NORA1601", "QNAP12"} <= checks
    assert not any(check.startswith(("DV1", "DV2", "DV3", "DV4", "DV5", "DV6")) for check in checks)
    assert report["plugin_errors"] == [] or all(e["plugin"] != "nora" for e in report["plugin_errors"])


@pytest.mark.skipif(not REPO_EXAMPLES.is_dir(), reason="only inside the dienstvisie repository")
def test_the_repository_examples_under_nora(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _json_run(["check", str(REPO_EXAMPLES), "--vision", "nora"], capsys)
    assert code in (0, 1)
    assert len(report["services"]) >= 5 and report["errors"] == []


def test_disabling_the_plugin_removes_the_vision(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLE), "--vision", "nora", "--disable", "nora", "--isolated"]) == 2
    assert "nora" in capsys.readouterr().err


def test_the_rules_command_explains_a_nora_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "NORA0901", "--vision", "nora", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "NAP09" in out and "dienstvisie-nora" in out and "Service not described precisely" in out
