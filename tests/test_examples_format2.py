"""The shipped format-2 examples: three life events and a multi-problem household that validate,
check and draw, use what format 2 adds where the service truly has it, and keep the verdict their
format-1 versions had (apart from what the richer description shows, named here)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from support import TODAY

import dienstvisie
from dienstvisie.model.check import Status

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FORMAT_1 = ROOT / "tests" / "corpus" / "format1"
FORMAT_2 = sorted(path for path in EXAMPLES.glob("*.yaml") if dienstvisie.load_service(path).dienstvisie == "2")

#: What the format-2 description shows beyond its format-1 version: (check, step) findings added.
SHOWN_BY_FORMAT_2 = {
    # after the house visit the person must sign up at another team of the same municipality
    "schulden-multiproblematiek-rotterdam.yaml": Counter({("DV101", "huisbezoek"): 1}),
}


def test_three_life_events_and_a_multi_problem_household() -> None:
    services = [dienstvisie.load_service(path) for path in FORMAT_2]
    assert len({event for service in services for event in service.life_events}) >= 3
    assert any("huishouden" in s.audience and "multiproblematiek" in s.situations for s in services)


def test_the_format_2_examples_validate() -> None:
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "validate", *map(str, FORMAT_2)], capture_output=True,
                            text=True, env={"DIENSTVISIE_LANG": "en", "PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.returncode == 0 and result.stdout.count("✓") == len(FORMAT_2), result.stderr


@pytest.mark.parametrize("fmt", ["html", "text", "json", "markdown", "csv", "sarif", "junit", "cpsv-ap"])
def test_the_format_2_examples_check_and_render(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", *map(str, FORMAT_2), "-f", fmt, "-o", str(out)],
                            capture_output=True, text=True, env={"DIENSTVISIE_LANG": "en", "PATH": "/usr/bin:/bin"},
                            timeout=300)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and out.stat().st_size > 0
    text = out.read_text(encoding="utf-8")
    for path in FORMAT_2:
        assert dienstvisie.load_service(path).id in text
    if fmt == "html":  # every example draws its journey, hand-overs to teams in their organisation's lane
        assert text.count('class="swimlane"') + text.count("swimlane") >= len(FORMAT_2)
        assert 'data-from="1"' in text


def _verdict(path: Path) -> Counter[tuple[str, str | None]]:
    report = dienstvisie.check(path, today=TODAY)
    return Counter((f.check, f.step) for f in report.findings if f.status is Status.FAILED)


@pytest.mark.parametrize("path", FORMAT_2, ids=lambda p: p.name)
def test_the_verdict_of_the_format_1_version_is_kept(path: Path) -> None:
    old = FORMAT_1 / path.name
    if not old.exists():
        pytest.skip(f"{path.name} has no format-1 version")
    added = SHOWN_BY_FORMAT_2.get(path.name, Counter())
    assert _verdict(path) == _verdict(old) + added


def test_the_examples_use_what_format_2_adds() -> None:
    overlijden = dienstvisie.load_service(EXAMPLES / "overlijden-utrecht.yaml")
    aangifte = next(s for s in overlijden.steps if s.id == "aangifte")
    assert aangifte.acted_by == "uitvaartondernemer" and len(aangifte.handovers) >= 4  # fan-out from the BRP
    assert {overlijden.organisation_id(h.to) for h in aangifte.handovers} >= {"svb", "abp", "belastingdienst"}
    assert any(s.decision is not None and s.decision.kind == "uitkomst" and s.decision.complaint for s in overlijden.steps)
    schulden = dienstvisie.load_service(EXAMPLES / "schulden-multiproblematiek-rotterdam.yaml")
    assert schulden.steps[0].initiative == "derde" and schulden.organisation("woonstad-rotterdam").kind == "semipubliek"
    assert schulden.organisation("gemeente-rotterdam").teams and schulden.people[0].role == "bewindvoerder"
    assert any(s.acted_by == "bewindvoerder" for s in schulden.steps) and any(s.applies_to for s in schulden.steps)
    werkloos = dienstvisie.load_service(EXAMPLES / "werkloos-uwv.yaml")
    assert any(f.from_ == "polisadministratie" and f.legal_basis for s in werkloos.steps for f in s.fetches)
    assert any(a.periodic for s in werkloos.steps for a in s.asks)


@pytest.mark.parametrize("path", FORMAT_2, ids=lambda p: p.name)
def test_every_installed_plugin_works_on_format_2(path: Path) -> None:
    """The example plugins (NORA, the municipality's rules, CPSV-AP/UPL) check format 2 without errors."""
    from dienstvisie.api import default_plugins

    plugins = default_plugins()
    assert not plugins.failures
    for vision in ("gezamenlijke-dienstverlening", "nora"):
        report = dienstvisie.check(path, today=TODAY, plugins=plugins, vision=vision)
        assert not [f for f in report.findings if f.status is Status.ERROR], vision
        assert report.findings
    origins = {check.origin for check in plugins.checks(dienstvisie.load_vision())}
    assert {"gemeente-voorbeeldstad", "dienstvisie-cpsv-ap"} <= origins


def test_the_xlsx_plugin_renders_format_2(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", *map(str, FORMAT_2), "-f", "xlsx", "-o", str(out)],
                            capture_output=True, text=True, env={"DIENSTVISIE_LANG": "en", "PATH": "/usr/bin:/bin"},
                            timeout=300)
    assert result.returncode in (0, 1), result.stderr
    assert out.read_bytes()[:2] == b"PK"  # a zip: an Office Open XML workbook
