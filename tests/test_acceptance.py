"""Acceptance: the strong examples pass; a weakness planted against any one design principle in an
otherwise strong document is caught by a check of that principle; explanations make a run pass."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import TODAY

import dienstvisie
from dienstvisie.documents.load import parse, read_text
from dienstvisie.model.check import Status

EXAMPLES = Path(__file__).parents[1] / "examples"
STRONG = ["geboorte-den-haag.yaml", "overlijden-utrecht.yaml"]


def strong(name: str) -> dict[str, Any]:
    data = parse(read_text(EXAMPLES / name), name).data
    assert isinstance(data, dict)
    return data


def failing_principles(data: dict[str, Any]) -> set[str]:
    report = dienstvisie.check(data, select=["DV"], today=TODAY)
    return {p for f in report.findings if f.status is Status.FAILED and f.check[2] != "0" for p in f.principles}


def _cold(data: dict[str, Any]) -> None:
    """The first hand-over turns cold (a format-1 `handover`, or the first of format 2's `handovers`)."""
    step = next(s for s in data["steps"] if "handover" in s or "handovers" in s)
    (step["handover"] if "handover" in step else step["handovers"][0])["kind"] = "cold"


def _not_proactive(data: dict[str, Any]) -> None:
    for step in data["steps"]:
        step["initiative"] = "burger"
        step["asks"] = [{"data": "bsn"}, {"data": "adres"}]


def _ask_known(data: dict[str, Any]) -> None:
    data["steps"][-1].setdefault("asks", []).append({"data": "adres"})


def _inaccessible(data: dict[str, Any]) -> None:
    data["steps"][0]["language_level"] = "C1"


def _no_appeal(data: dict[str, Any]) -> None:
    step = next(s for s in data["steps"] if "decision" in s)
    step["decision"]["appeal"] = False


def _no_feedback(data: dict[str, Any]) -> None:
    data["signals"]["feedback_channel"] = False


PLANTED: dict[str, Callable[[dict[str, Any]], None]] = {
    "P1": _cold, "P2": _not_proactive, "P3": _ask_known, "P4": _inaccessible, "P5": _no_appeal, "P6": _no_feedback,
}


@pytest.mark.parametrize("name", STRONG)
def test_strong_examples_fail_no_design_principle(name: str) -> None:
    assert failing_principles(strong(name)) == set()


@pytest.mark.parametrize("principle", sorted(PLANTED))
@pytest.mark.parametrize("name", STRONG)
def test_a_planted_weakness_is_caught_by_its_principle(name: str, principle: str) -> None:
    data = copy.deepcopy(strong(name))
    PLANTED[principle](data)
    assert principle in failing_principles(data)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_checks_without_check_errors(name: str) -> None:
    report = dienstvisie.check(EXAMPLES / name, today=TODAY)
    assert not [f for f in report.findings if f.status is Status.ERROR]
    assert len(report.scores) == 9


def test_weak_examples_fall_short_where_their_authors_said() -> None:
    expected = {
        "schulden-multiproblematiek-rotterdam.yaml": {"DV101", "DV301", "DV302", "DV503", "DV502", "DV403", "DV603"},
        "werkloos-uwv.yaml": {"DV301", "DV402", "DV404"},
        "bedrijf-starten.yaml": {"DV101", "DV102", "DV301", "DV601", "DV605"},
    }
    for name, checks in expected.items():
        report = dienstvisie.check(EXAMPLES / name, today=TODAY)
        failed = {f.check for f in report.failures()}
        assert checks <= failed, (name, checks - failed)


def test_an_explanation_makes_its_finding_explained_and_the_run_pass(tmp_path: Path) -> None:
    from dienstvisie.cli.main import main

    data = copy.deepcopy(strong("geboorte-den-haag.yaml"))
    _inaccessible(data)
    data["explanations"] = [{"check": "DV403", "step": data["steps"][0]["id"], "reason": "Wettelijke tekst van de akte",
                             "decided_by": "teamleider", "until": "2099-12-31"}]
    path = tmp_path / "dienst.yaml"
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = dienstvisie.check(path, select=["DV"], today=TODAY)
    explained = [f for f in report.findings if f.check == "DV403"]
    assert [f.status for f in explained] == [Status.EXPLAINED]
    assert main(["check", "--isolated", "--select", "DV", str(path)]) == 0
