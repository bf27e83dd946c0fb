"""Checks for P5 Maatwerk en menselijke maat (DV5xx)."""

from __future__ import annotations

import pytest
from support import (
    STRONG_EXAMPLES,
    assert_described,
    assert_in_id_order,
    failed,
    outcomes,
    strong_example,
    strong_service,
    with_snippet,
)

from dienstvisie.checks import p5_human_scale
from dienstvisie.checks.p5_human_scale import (
    decision_without_appeal,
    no_discretion,
    no_informal_contact_first,
    no_single_plan,
)
from dienstvisie.model.check import Check, Severity

CHECKS = p5_human_scale.CHECKS
DECISION_CHECKS = (decision_without_appeal, no_informal_contact_first, no_discretion)


def test_at_least_three_checks_in_id_order() -> None:
    assert len(CHECKS) >= 3
    assert_in_id_order(CHECKS)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_check_is_fully_described(check: Check) -> None:
    assert_described(check, "P5")


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_strong_fixture_passes(check: Check) -> None:
    assert failed(check, strong_service()) == []


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_examples_do_what_they_show(check: Check) -> None:
    assert check.example_fail and check.example_pass
    assert failed(check, with_snippet(check.example_fail)), "example_fail does not fail"
    assert failed(check, with_snippet(check.example_pass)) == [], "example_pass fails"


@pytest.mark.parametrize("name", STRONG_EXAMPLES)
@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_no_false_alarm_on_strong_examples(check: Check, name: str) -> None:
    assert failed(check, strong_example(name)) == []


@pytest.mark.parametrize("check", DECISION_CHECKS, ids=lambda check: check.id)
def test_decision_checks_skip_without_decisions(check: Check) -> None:
    data = strong_service()
    del data["steps"][1]["decision"]
    [outcome] = outcomes(check, data)
    assert outcome.kind == "not_applicable"


# --- DV501 decision without appeal ----------------------------------------------------------------


def test_dv501_fails_critically_when_appeal_is_impossible() -> None:
    data = strong_service()
    data["steps"][1]["decision"]["appeal"] = False
    [failure] = failed(decision_without_appeal, data)
    assert failure.pointer == "/steps/1/decision/appeal"
    assert failure.step == "anw"
    assert failure.severity is None  # the check's own: critical
    assert decision_without_appeal.severity is Severity.CRITICAL
    assert failure.message is not None and "Sociale Verzekeringsbank" in (failure.message.nl or "")


def test_dv501_fails_less_severely_when_appeal_is_not_shown() -> None:
    data = strong_service()
    del data["steps"][1]["decision"]["appeal"]
    [failure] = failed(decision_without_appeal, data)
    assert failure.pointer == "/steps/1/decision"
    assert failure.step == "anw"
    assert failure.severity is Severity.MAJOR


def test_dv501_passes_with_appeal() -> None:
    data = strong_service()
    data["steps"][0]["decision"] = {"appeal": True}
    assert outcomes(decision_without_appeal, data) == []


# --- DV502 no informal contact first --------------------------------------------------------------


def test_dv502_fails_without_informal_contact() -> None:
    data = strong_service()
    data["steps"][1]["decision"]["informal_contact_first"] = False
    [failure] = failed(no_informal_contact_first, data)
    assert failure.pointer == "/steps/1/decision/informal_contact_first"
    assert failure.step == "anw"


def test_dv502_fails_when_informal_contact_is_not_shown() -> None:
    data = strong_service()
    data["steps"][0]["decision"] = {"explained": True, "appeal": True}
    [failure] = failed(no_informal_contact_first, data)
    assert failure.pointer == "/steps/0/decision"
    assert failure.step == "aangifte"


def test_dv502_passes_with_informal_contact() -> None:
    assert outcomes(no_informal_contact_first, strong_service()) == []


# --- DV503 no single plan when problems pile up ---------------------------------------------------


def test_dv503_fails_on_multiproblematiek_without_coordination() -> None:
    data = strong_service()
    data["situations"] = ["multiproblematiek"]
    [failure] = failed(no_single_plan, data)
    assert failure.pointer == "/situations/0"
    assert failure.step is None


def test_dv503_counts_debts_with_another_problem() -> None:
    data = strong_service()
    data["situations"] = ["dakloosheid", "schulden"]
    [failure] = failed(no_single_plan, data)
    assert failure.pointer == "/situations/1"
    assert failure.message is not None and "schulden" in (failure.message.en or "")


def test_dv503_skips_debts_alone_and_services_without_piling_problems() -> None:
    data = strong_service()
    [outcome] = outcomes(no_single_plan, data)
    assert outcome.kind == "not_applicable"
    data["situations"] = ["schulden"]
    [outcome] = outcomes(no_single_plan, data)
    assert outcome.kind == "not_applicable"


def test_dv503_fails_when_organisations_keep_their_own_plans() -> None:
    data = strong_service()
    data["situations"] = ["schulden", "multiproblematiek"]
    data["coordination"] = {"single_plan": False, "coordinator": "gemeente"}
    [failure] = failed(no_single_plan, data)
    assert failure.pointer == "/coordination/single_plan"
    assert failure.step is None
    assert failure.message is not None
    assert "Gemeente Utrecht, Sociale Verzekeringsbank" in (failure.message.nl or "")
    assert "multiproblematiek" in (failure.message.nl or "")


def test_dv503_fails_without_a_coordinator() -> None:
    data = strong_service()
    data["situations"] = ["multiproblematiek"]
    data["coordination"] = {"single_plan": True}
    [failure] = failed(no_single_plan, data)
    assert failure.pointer == "/coordination"
    assert failure.message is not None and "coordinator" in (failure.message.en or "")


def test_dv503_passes_with_one_plan_and_a_coordinator() -> None:
    data = strong_service()
    data["situations"] = ["multiproblematiek"]
    data["coordination"] = {"single_plan": True, "coordinator": "gemeente"}
    assert outcomes(no_single_plan, data) == []


# --- DV504 no discretion --------------------------------------------------------------------------


def test_dv504_fails_without_room_to_deviate() -> None:
    data = strong_service()
    data["steps"][1]["decision"]["discretion"] = False
    [failure] = failed(no_discretion, data)
    assert failure.pointer == "/steps/1/decision/discretion"
    assert failure.step == "anw"


def test_dv504_asks_for_review_when_discretion_is_not_shown() -> None:
    data = strong_service()
    del data["steps"][1]["decision"]["discretion"]
    [outcome] = outcomes(no_discretion, data)
    assert outcome.kind == "needs_review"
    assert outcome.pointer == "/steps/1/decision"
    assert outcome.step == "anw"


def test_dv504_passes_with_discretion() -> None:
    assert outcomes(no_discretion, strong_service()) == []
