"""One root cause, one finding: overlapping checks on the same ask or step give one failed finding
that names the related checks; scores count it once; explanations and baselines keep matching."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import dienstvisie
from dienstvisie.analysis.baseline import fingerprints, record
from dienstvisie.documents.validate import schema_problems
from dienstvisie.engine.overlap import merge_root_causes
from dienstvisie.model.check import Severity, Status
from dienstvisie.model.finding import Finding
from dienstvisie.model.problem import Location
from dienstvisie.model.report import Report
from dienstvisie.model.text import Text
from dienstvisie.plugins.builtin import builtin_check
from support import TODAY, strong_service


def _asked_three_ways() -> dict[str, Any]:
    """The SVB asks the IBAN again: the gemeente asked it, passed it on, and (by the team) the SVB holds it."""
    data = strong_service()
    data["steps"][0]["asks"].append({"data": "iban"})
    data["steps"][0]["handover"]["shares"].append("iban")
    data["steps"][1]["asks"] = [{"data": "iban", "already_known_by": "svb"}]
    return data


def _p3(data: dict[str, Any]) -> Report:
    return dienstvisie.check(data, today=TODAY, select=["DV3"])


def _failed(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.status is Status.FAILED]


def test_one_ask_three_checks_one_finding() -> None:
    report = _p3(_asked_three_ways())
    failures = _failed(report)
    assert len(failures) == 1, [(f.check, f.location.pointer) for f in failures]
    finding = failures[0]
    assert finding.check == "DV301" and finding.related == ("DV302", "DV303")
    assert finding.location.pointer == "/steps/1/asks/0"
    assert "DV302" in (finding.message.en or "") and "DV303" in (finding.message.en or "")
    assert "DV302" in (finding.message.nl or "") and "DV303" in (finding.message.nl or "")


def test_the_merged_finding_counts_once_in_the_score() -> None:
    report = _p3(_asked_three_ways())
    score = report.score("P3")
    assert score.failed == 1
    states = {f.check for f in report.findings if f.status in (Status.PASSED, Status.FAILED, Status.EXPLAINED)}
    assert "DV302" not in states and "DV303" not in states  # not scored: their only failure is DV301's finding
    assert score.applicable == 1


def test_different_asks_are_not_merged() -> None:
    data = strong_service()
    data["steps"][0]["asks"].append({"data": "iban"})
    data["steps"][1]["asks"] = [{"data": "iban"}, {"data": "adres", "already_known_by": "brp"}]
    failures = _failed(_p3(data))
    assert sorted((f.check, f.location.pointer) for f in failures) == [
        ("DV301", "/steps/1/asks/1"), ("DV302", "/steps/1/asks/0")]
    assert all(not f.related for f in failures)


def test_an_explanation_for_a_related_check_still_matches() -> None:
    data = _asked_three_ways()
    data["explanations"] = [{"check": "DV302", "step": "anw", "reason": "Wet staat delen (nog) niet toe"}]
    report = _p3(data)
    explained = [f for f in report.findings if f.status is Status.EXPLAINED]
    assert len(explained) == 1 and explained[0].related == ("DV302", "DV303")
    assert not _failed(report), "the explanation must match, and must not be called stale (DV001)"
    assert report.score("P3").score == 100.0


def test_explanations_for_two_related_checks_are_both_used() -> None:
    data = _asked_three_ways()
    data["explanations"] = [{"check": "DV301", "reason": "a"}, {"check": "DV303", "reason": "b"}]
    report = dienstvisie.check(data, today=TODAY, select=["DV3", "DV001"])
    assert not [f for f in report.findings if f.check == "DV001" and f.status is Status.FAILED]


def test_a_baseline_entry_for_a_related_check_still_matches() -> None:
    data = _asked_three_ways()
    before = dict(data)
    before["steps"] = [dict(step) for step in data["steps"]]
    before["steps"][1] = dict(before["steps"][1], asks=[{"data": "iban"}])  # then only DV302 and DV303 fired
    old = dienstvisie.check(before, today=TODAY, select=["DV302"])
    baseline = record(fingerprints(old))
    assert [key[0] for key in baseline.services["sterk"]] == ["DV302"]
    report, tally = baseline.apply(_p3(data))
    assert tally.known == 1 and tally.new == 0
    assert not _failed(report)


def test_the_same_step_waiting_on_the_person_is_one_finding() -> None:
    """DV201 (government holds all the step needs), DV202 (no step from government although a register
    tells of the death) and DV203 (data handed over first) on one step."""
    data = strong_service()
    data["steps"][1]["initiative"] = "burger"
    data["steps"][1]["asks"] = []
    report = dienstvisie.check(data, today=TODAY, select=["DV2"])
    failures = _failed(report)
    assert [(f.check, f.related, f.location.pointer) for f in failures] == [("DV201", ("DV202", "DV203"), "/steps/1/initiative")]


def test_merge_keeps_other_findings_and_takes_the_highest_severity() -> None:
    def finding(check: str, pointer: str, severity: Severity = Severity.MAJOR, status: Status = Status.FAILED) -> Finding:
        return Finding(check=check, principles=("P3",), status=status, severity=severity,
                       message=Text(nl=check, en=check), location=Location(pointer=pointer), step="s")

    checks = [builtin_check("DV301"), builtin_check("DV302"), builtin_check("DV401")]
    found = [finding("DV302", "/a", Severity.CRITICAL), finding("DV301", "/a", Severity.MINOR),
             finding("DV301", "/b"), finding("DV302", "/a", status=Status.PASSED), finding("DV401", "/a")]
    merged = merge_root_causes(found, checks, lambda c: (c[:2], int(c[2:]), c))
    assert [(f.check, f.location.pointer, f.status.value) for f in merged] == [
        ("DV301", "/a", "failed"), ("DV301", "/b", "failed"), ("DV302", "/a", "passed"), ("DV401", "/a", "failed")]
    assert merged[0].severity is Severity.CRITICAL and merged[0].related == ("DV302",)


def test_json_report_names_the_related_checks(tmp_path: Path) -> None:
    document = tmp_path / "dienst.yaml"
    document.write_text(yaml.safe_dump(_asked_three_ways(), allow_unicode=True), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "--isolated", "--no-plugins", "--select",
                             "DV3", "--format", "json", str(document)], capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert schema_problems(report, "report") == []
    findings = report["services"][0]["findings"]
    failed = [f for f in findings if f["status"] == "failed"]
    assert [(f["check"], f.get("related")) for f in failed] == [("DV301", ["DV302", "DV303"])]


_CHECKS = [builtin_check(i) for i in ("DV201", "DV202", "DV203", "DV301", "DV302", "DV303", "DV401")]


def _natural(check_id: str) -> tuple[str, int, str]:
    return (check_id[:2], int(check_id[2:]), check_id)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([c.id for c in _CHECKS]), st.sampled_from(["/a", "/b", "/c"]),
                          st.sampled_from([Status.FAILED, Status.PASSED, Status.NEEDS_REVIEW])), max_size=12))
def test_merging_keeps_every_place_and_every_check_and_never_adds(rows: list[tuple[str, str, Status]]) -> None:
    """Property: after merging, every failed place is still failed, every check that failed there is
    named (as the finding's check or a related one), nothing that did not fail fails, and a cause is
    reported at most once per place."""
    found = [Finding(check=c, principles=("P3",), status=s, severity=Severity.MAJOR, message=Text(nl=c, en=c),
                     location=Location(pointer=p), step="s") for c, p, s in rows]
    merged = merge_root_causes(found, _CHECKS, _natural)
    assert len(merged) <= len(found)
    failed_before = {(f.check, f.location.pointer) for f in found if f.status is Status.FAILED}
    failed_after = {(c, f.location.pointer) for f in merged if f.status is Status.FAILED for c in f.checks}
    assert failed_before == failed_after
    assert [f for f in merged if f.status is not Status.FAILED] == [f for f in found if f.status is not Status.FAILED]
    causes = {c.id: c.cause for c in _CHECKS}
    firsts = [(causes[f.check], f.location.pointer) for f in merged if f.status is Status.FAILED and causes[f.check]]
    by_cause_place = {(cause, pointer) for cause, pointer in firsts}
    primaries = {(causes[f.check], f.location.pointer, f.check) for f in merged if f.status is Status.FAILED}
    assert len({(c, p) for c, p, _ in primaries if c}) == len(by_cause_place)
    assert all(len({k for c2, p2, k in primaries if (c2, p2) == key}) == 1 for key in by_cause_place)
