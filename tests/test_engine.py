"""The engine: isolation, explanations (comply or explain), stale explanations, scores, order."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from strategies import service_concepts
from support import TODAY, strong_service

from dienstvisie import load_service, load_vision
from dienstvisie.engine.run import run_checks
from dienstvisie.model.check import (
    Check,
    CheckContext,
    Outcome,
    Severity,
    Status,
    define_check,
    fail,
    skip,
)
from dienstvisie.model.text import Text
from dienstvisie.engine.selection import Selection

VISION = load_vision()


def _check(check_id: str, principle: str, severity: Severity, outcomes: list[Outcome] | None = None,
           raises: Exception | None = None) -> Check:
    @define_check(id=check_id, title=Text(nl=f"T {check_id}", en=f"T {check_id}"), rationale=Text(nl="r", en="r"),
                  principles=(principle,), severity=severity, suggestion=Text(nl="doe iets", en="do something"))
    def run(ctx: CheckContext) -> Iterator[Outcome]:
        if raises is not None:
            raise raises
        yield from outcomes or []

    return run


def _fail(step: str | None = None, pointer: str = "/steps/0") -> Outcome:
    return fail(Text(nl="mis", en="wrong"), pointer=pointer, step=step)


def _run(data: dict[str, Any], checks: list[Check], **kwargs: Any) -> Any:
    return run_checks(load_service(data), vision=VISION, checks=checks, today=TODAY, **kwargs)


def test_a_raising_check_becomes_an_error_finding_and_the_others_still_run() -> None:
    checks = [_check("XX101", "P1", Severity.MAJOR, raises=RuntimeError("boom")), _check("XX102", "P1", Severity.MINOR)]
    report = _run(strong_service(), checks)
    statuses = {f.check: f.status for f in report.findings}
    assert statuses == {"XX101": Status.ERROR, "XX102": Status.PASSED}
    error = next(f for f in report.findings if f.check == "XX101")
    assert "boom" in error.message.get("en")


def test_a_check_returning_garbage_is_an_error() -> None:
    @define_check(id="XX103", title=Text(nl="t"), rationale=Text(nl="r"), principles=("P1",),
                  severity=Severity.MINOR, suggestion=Text(nl="s"))
    def garbage(ctx: CheckContext) -> Any:
        return ["not an outcome"]

    report = _run(strong_service(), [garbage])
    assert report.findings[0].status is Status.ERROR


def test_explanation_turns_failure_into_explained_with_its_reason() -> None:
    data = strong_service()
    data["explanations"] = [{"check": "XX101", "step": "anw", "reason": "De wet", "decided_by": "hoofd", "until": "2030-01-01"}]
    report = _run(data, [_check("XX101", "P1", Severity.MAJOR, [_fail("anw", "/steps/1")])])
    finding = report.findings[0]
    assert finding.status is Status.EXPLAINED
    assert finding.explanation is not None and finding.explanation.reason == "De wet"
    assert not finding.explanation.expired
    assert report.failures() == ()


def test_explanation_for_another_step_does_not_match() -> None:
    data = strong_service()
    data["explanations"] = [{"check": "XX101", "step": "aangifte", "reason": "x"}]
    report = _run(data, [_check("XX101", "P1", Severity.MAJOR, [_fail("anw", "/steps/1")])])
    assert [f.status for f in report.findings if f.check == "XX101"] == [Status.FAILED]
    stale = [f for f in report.findings if f.check == "DV001"]
    assert len(stale) == 1 and stale[0].location.pointer == "/explanations/0"


def test_expired_explanation_no_longer_counts_and_says_so() -> None:
    data = strong_service()
    data["explanations"] = [{"check": "XX101", "reason": "tijdelijk", "until": "2020-01-01"}]
    report = _run(data, [_check("XX101", "P1", Severity.MAJOR, [_fail("anw")])])
    finding = report.findings[0]
    assert finding.status is Status.FAILED
    assert finding.explanation is not None and finding.explanation.expired


def test_explanation_naming_no_check_is_stale() -> None:
    data = strong_service()
    data["explanations"] = [{"check": "DV999", "reason": "x"}]
    report = _run(data, [_check("XX101", "P1", Severity.MAJOR)])
    stale = [f for f in report.findings if f.check == "DV001"]
    assert len(stale) == 1 and "DV999" in stale[0].message.get("en")


def test_explanation_of_an_ignored_check_is_not_stale() -> None:
    data = strong_service()
    data["explanations"] = [{"check": "XX101", "reason": "x"}]
    checks = [_check("XX101", "P1", Severity.MAJOR, [_fail()]), _check("XX102", "P2", Severity.MAJOR)]
    report = _run(data, checks, selection=Selection(ignore=("XX101",)))
    assert not [f for f in report.findings if f.check in ("XX101", "DV001")]


def test_select_and_ignore_by_prefix_most_specific_wins() -> None:
    selection = Selection(select=("DV3",), ignore=("DV30",))
    assert not selection.selects("DV301")
    assert selection.selects("DV310")
    assert not selection.selects("DV101")
    assert Selection(select=("ALL",), ignore=("DV3",)).selects("DV401")
    assert Selection(select=("DV301",), ignore=("DV3",)).selects("DV301")


def test_scores_weigh_checks_by_severity() -> None:
    checks = [
        _check("XX101", "P1", Severity.MAJOR, [_fail()]),          # 4, failed
        _check("XX102", "P1", Severity.MINOR),                     # 2, passed
        _check("XX103", "P1", Severity.INFO, [skip()]),            # not scored
        _check("XX201", "P2", Severity.CRITICAL),                  # 8, passed
    ]
    report = _run(strong_service(), checks)
    p1 = report.score("P1")
    assert p1.score == pytest.approx(100 * 2 / 6, abs=0.1)
    assert (p1.applicable, p1.total, p1.failed) == (2, 3, 1)
    assert report.score("P2").score == 100
    assert report.score("P3").score is None
    # U1 is served by P1, P2, P4, P5: checks XX101, XX102, XX201 scored
    assert report.score("U1").score == pytest.approx(100 * 10 / 14, abs=0.1)


def test_severity_override_changes_finding_and_weight() -> None:
    checks = [_check("XX101", "P1", Severity.MAJOR, [_fail()])]
    report = _run(strong_service(), checks, selection=Selection(severity={"XX101": Severity.INFO}))
    assert report.findings[0].severity is Severity.INFO


def test_findings_carry_file_and_line_from_the_source(tmp_path: Any) -> None:
    from dienstvisie.documents.load import read_service

    document = read_service("examples/geboorte-den-haag.yaml")
    checks = [_check("XX101", "P1", Severity.MAJOR, [_fail("x", "/steps/1/organisation")])]
    report = run_checks(document.model, vision=VISION, checks=checks, today=TODAY, source_map=document.source_map)
    location = report.findings[0].location
    assert location.file == "examples/geboorte-den-haag.yaml"
    assert location.line == document.locate("/steps/1/organisation").line


@settings(max_examples=40, deadline=None)
@given(service_concepts())
def test_engine_is_deterministic_and_total_on_any_valid_service(data: dict[str, Any]) -> None:
    from dienstvisie.api import default_plugins
    from dienstvisie.pipeline.checker import all_checks

    plugins = default_plugins()
    checks = all_checks(VISION, plugins)
    service = load_service(data)
    first = run_checks(service, vision=VISION, checks=checks, vocabularies=plugins.vocabularies(), today=TODAY)
    second = run_checks(service, vision=VISION, checks=checks, vocabularies=plugins.vocabularies(), today=TODAY)
    assert first == second
    assert not [f for f in first.findings if f.status is Status.ERROR], "no built-in check may crash on a valid document"
    for score in first.scores:
        assert score.score is None or 0 <= score.score <= 100


def test_today_defaults_to_the_real_date() -> None:
    data = strong_service()
    data["explanations"] = [{"check": "XX101", "reason": "x", "until": str(datetime.date.today() + datetime.timedelta(days=1))}]
    report = run_checks(load_service(data), vision=VISION, checks=[_check("XX101", "P1", Severity.MAJOR, [_fail()])])
    assert report.findings[0].status is Status.EXPLAINED
