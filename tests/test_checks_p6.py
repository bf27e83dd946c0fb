"""Checks for P6 Samen leren en verbeteren (DV6xx)."""

from __future__ import annotations

from typing import Any

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

from dienstvisie.checks import p6_learning_together
from dienstvisie.checks.p6_learning_together import (
    no_feedback_channel,
    no_measures,
    no_owner_with_mandate,
    not_reviewed_together,
    only_official_mandate,
)
from dienstvisie.model.check import Check

CHECKS = p6_learning_together.CHECKS


def test_at_least_three_checks_in_id_order() -> None:
    assert len(CHECKS) >= 3
    assert_in_id_order(CHECKS)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_check_is_fully_described(check: Check) -> None:
    assert_described(check, "P6")


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


def _single_organisation() -> dict[str, Any]:
    """The strong fixture with every step at the municipality and no handover."""
    data = strong_service()
    data["steps"][1]["organisation"] = "gemeente"
    del data["steps"][0]["handover"]
    return data


# --- DV601 no feedback channel --------------------------------------------------------------------


def test_dv601_fails_without_a_feedback_channel() -> None:
    data = strong_service()
    data["signals"]["feedback_channel"] = False
    [failure] = failed(no_feedback_channel, data)
    assert failure.pointer == "/signals/feedback_channel"
    assert failure.step is None


def test_dv601_fails_when_a_feedback_channel_is_not_shown() -> None:
    data = strong_service()
    del data["signals"]["feedback_channel"]
    [failure] = failed(no_feedback_channel, data)
    assert failure.pointer == "/signals"
    del data["signals"]
    [failure] = failed(no_feedback_channel, data)
    assert failure.pointer == ""


def test_dv601_passes_with_a_feedback_channel() -> None:
    assert outcomes(no_feedback_channel, strong_service()) == []


# --- DV602 not every organisation reviews ---------------------------------------------------------


def test_dv602_names_the_organisations_left_out_in_one_failure() -> None:
    data = strong_service()
    data["signals"]["reviewed_with"] = ["gemeente"]
    [failure] = failed(not_reviewed_together, data)
    assert failure.pointer == "/signals/reviewed_with"
    assert failure.step is None
    assert failure.message is not None
    assert "Sociale Verzekeringsbank (svb)" in (failure.message.nl or "")
    assert "Gemeente Utrecht" not in (failure.message.nl or "")


def test_dv602_counts_the_receiver_of_a_handover() -> None:
    data = strong_service()
    data["steps"][1]["organisation"] = "gemeente"  # svb now only receives the handover of step 0
    data["signals"]["reviewed_with"] = ["gemeente"]
    [failure] = failed(not_reviewed_together, data)
    assert failure.message is not None and "(svb)" in (failure.message.en or "")


def test_dv602_names_everyone_when_nobody_reviews() -> None:
    data = strong_service()
    del data["signals"]
    [failure] = failed(not_reviewed_together, data)
    assert failure.pointer == ""
    assert failure.message is not None
    assert "Gemeente Utrecht (gemeente), Sociale Verzekeringsbank (svb)" in (failure.message.en or "")


def test_dv602_does_not_ask_for_organisations_without_a_part_in_the_journey() -> None:
    data = strong_service()
    data["organisations"].append({"id": "belastingdienst", "name": "Belastingdienst", "kind": "uitvoeringsorganisatie"})
    assert outcomes(not_reviewed_together, data) == []


# --- DV603 no measures ----------------------------------------------------------------------------


def test_dv603_fails_without_measures() -> None:
    data = strong_service()
    data["signals"]["measures"] = []
    [failure] = failed(no_measures, data)
    assert failure.pointer == "/signals"
    assert failure.step is None
    del data["signals"]
    [failure] = failed(no_measures, data)
    assert failure.pointer == ""


def test_dv603_passes_with_measures() -> None:
    assert outcomes(no_measures, strong_service()) == []


# --- DV604 no owner with mandate ------------------------------------------------------------------


def test_dv604_fails_without_an_owner() -> None:
    data = strong_service()
    del data["owner"]
    [failure] = failed(no_owner_with_mandate, data)
    assert failure.pointer == ""
    assert failure.step is None


def test_dv604_fails_on_an_owner_without_mandate() -> None:
    data = strong_service()
    data["owner"]["mandate"] = "geen"
    [failure] = failed(no_owner_with_mandate, data)
    assert failure.pointer == "/owner/mandate"
    assert failure.message is not None and "Gemeente Utrecht" in (failure.message.en or "")


def test_dv604_fails_when_the_mandate_is_not_given() -> None:
    data = strong_service()
    del data["owner"]["mandate"]
    [failure] = failed(no_owner_with_mandate, data)
    assert failure.pointer == "/owner"


@pytest.mark.parametrize("mandate", ["ambtelijk", "bestuurlijk", "politiek"])
def test_dv604_passes_on_any_mandate(mandate: str) -> None:
    data = strong_service()
    data["owner"]["mandate"] = mandate
    assert outcomes(no_owner_with_mandate, data) == []


# --- DV605 ownership only at civil-service level --------------------------------------------------


def test_dv605_fails_on_an_official_mandate_across_organisations() -> None:
    data = strong_service()
    data["owner"]["mandate"] = "ambtelijk"
    [failure] = failed(only_official_mandate, data)
    assert failure.pointer == "/owner/mandate"
    assert failure.step is None
    assert failure.message is not None and "2 organisations" in (failure.message.en or "")


def test_dv605_accepts_an_official_mandate_within_one_organisation() -> None:
    data = _single_organisation()
    data["owner"]["mandate"] = "ambtelijk"
    [outcome] = outcomes(only_official_mandate, data)
    assert outcome.kind == "not_applicable"


@pytest.mark.parametrize("mandate", [None, "geen"])
def test_dv605_leaves_a_missing_mandate_to_dv604(mandate: str | None) -> None:
    data = strong_service()
    if mandate is None:
        del data["owner"]["mandate"]
    else:
        data["owner"]["mandate"] = mandate
    [outcome] = outcomes(only_official_mandate, data)
    assert outcome.kind == "not_applicable"


@pytest.mark.parametrize("mandate", ["bestuurlijk", "politiek"])
def test_dv605_passes_on_an_administrative_mandate(mandate: str) -> None:
    data = strong_service()
    data["owner"]["mandate"] = mandate
    assert outcomes(only_official_mandate, data) == []
