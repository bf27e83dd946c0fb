"""Checks for P1 Geen verkeerde deur (DV1xx).

Also home of two helpers the P2 and P3 tests share: `unexplained` (failures the document does not
explain, as the engine would see them) and `example_data` (a check's example laid over the strong
fixture).
"""

from __future__ import annotations

import pytest
from support import (
    STRONG_EXAMPLES,
    assert_described,
    assert_in_id_order,
    example_data,
    failed,
    kinds,
    outcomes,
    strong_example,
    strong_service,
    text_of,
    unexplained,
)

from dienstvisie.checks import p1_no_wrong_door
from dienstvisie.checks.p1_no_wrong_door import (
    cold_handover,
    handover_passes_nothing,
    no_single_point_of_contact,
    unannounced_next_door,
)
from dienstvisie.model.check import Check, Severity

CHECKS = p1_no_wrong_door.CHECKS


# --- the module as a whole ------------------------------------------------------------------------


def test_at_least_three_checks_in_id_order() -> None:
    assert len(CHECKS) >= 3
    assert_in_id_order(CHECKS)
    assert CHECKS[0].id == "DV101"


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_check_is_fully_described(check: Check) -> None:
    assert_described(check, "P1")


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_strong_fixture_passes(check: Check) -> None:
    assert failed(check, strong_service()) == []


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_examples_do_what_they_show(check: Check) -> None:
    assert check.example_fail and check.example_pass
    assert failed(check, example_data(check, check.example_fail)), "example_fail does not fail"
    assert failed(check, example_data(check, check.example_pass)) == [], "example_pass fails"


@pytest.mark.parametrize("name", STRONG_EXAMPLES)
@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_no_false_alarm_on_strong_examples(check: Check, name: str) -> None:
    assert unexplained(check, strong_example(name)) == []


def test_severities() -> None:
    assert [check.severity for check in CHECKS] == [Severity.MAJOR, Severity.MAJOR, Severity.MINOR, Severity.MINOR]


# --- DV101 cold hand-over -------------------------------------------------------------------------


def test_dv101_fails_on_a_cold_handover() -> None:
    data = strong_service()
    data["steps"][0]["handover"] = {"to": "svb", "kind": "cold"}
    [failure] = failed(cold_handover, data)
    assert failure.pointer == "/steps/0/handover/kind"
    assert failure.step == "aangifte"
    nl, en = text_of(failure)
    assert "Sociale Verzekeringsbank" in nl and "aangifte" in nl and "koud" in nl
    assert "Sociale Verzekeringsbank" in en and "cold" in en


def test_dv101_passes_warm_and_data_handovers() -> None:
    assert outcomes(cold_handover, strong_service()) == []
    data = strong_service()
    data["steps"][0]["handover"]["kind"] = "warm"
    assert failed(cold_handover, data) == []


def test_dv101_does_not_apply_without_handovers() -> None:
    data = strong_service()
    del data["steps"][0]["handover"]
    assert kinds(cold_handover, data) == ["not_applicable"]


# --- DV102 no single point of contact -------------------------------------------------------------


def test_dv102_fails_when_single_point_is_null() -> None:
    data = strong_service()
    data["contact"]["single_point"] = None
    [failure] = failed(no_single_point_of_contact, data)
    assert failure.pointer == "/contact/single_point"
    assert failure.step is None
    nl, en = text_of(failure)
    assert "Gemeente Utrecht" in nl and "Sociale Verzekeringsbank" in en


def test_dv102_fails_when_contact_is_missing() -> None:
    data = strong_service()
    del data["contact"]
    [failure] = failed(no_single_point_of_contact, data)
    assert failure.pointer == "/contact/single_point"


def test_dv102_passes_with_a_single_point() -> None:
    assert outcomes(no_single_point_of_contact, strong_service()) == []


def test_dv102_does_not_apply_to_one_organisation() -> None:
    data = strong_service()
    data["organisations"] = data["organisations"][:1]
    data["steps"][1]["organisation"] = "gemeente"
    del data["steps"][0]["handover"]
    data["signals"]["reviewed_with"] = ["gemeente"]
    data["contact"]["single_point"] = None
    assert kinds(no_single_point_of_contact, data) == ["not_applicable"]


# --- DV103 hand-over passes nothing on ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["warm", "data"])
def test_dv103_fails_on_a_handover_that_shares_nothing(kind: str) -> None:
    data = strong_service()
    data["steps"][0]["handover"] = {"to": "svb", "kind": kind, "shares": []}
    [failure] = failed(handover_passes_nothing, data)
    assert failure.pointer == "/steps/0/handover/shares"
    assert failure.step == "aangifte"
    nl, en = text_of(failure)
    assert "Sociale Verzekeringsbank" in nl and "opnieuw" in nl and "again" in en


def test_dv103_fails_when_shares_is_left_out() -> None:
    data = strong_service()
    del data["steps"][0]["handover"]["shares"]
    [failure] = failed(handover_passes_nothing, data)
    assert failure.step == "aangifte"


def test_dv103_leaves_cold_handovers_to_dv101() -> None:
    data = strong_service()
    data["steps"][0]["handover"] = {"to": "svb", "kind": "cold"}
    assert failed(handover_passes_nothing, data) == []
    assert failed(cold_handover, data) != []


def test_dv103_passes_when_something_is_shared() -> None:
    assert outcomes(handover_passes_nothing, strong_service()) == []


def test_dv103_does_not_apply_without_handovers() -> None:
    data = strong_service()
    del data["steps"][0]["handover"]
    assert kinds(handover_passes_nothing, data) == ["not_applicable"]


# --- DV104 finding the next door alone ------------------------------------------------------------


def test_dv104_fails_when_the_person_must_go_to_the_next_organisation_alone() -> None:
    data = strong_service()
    del data["steps"][0]["handover"]
    data["steps"][1]["initiative"] = "burger"
    [failure] = failed(unannounced_next_door, data)
    assert failure.pointer == "/steps/0"
    assert failure.step == "aangifte"
    nl, en = text_of(failure)
    assert "aangifte" in nl and "anw" in nl and "zonder overdracht" in nl
    assert "anw" in en and "without a hand-over" in en


def test_dv104_fails_when_the_handover_goes_elsewhere() -> None:
    data = strong_service()
    data["organisations"].append({"id": "belastingdienst", "name": "Belastingdienst", "kind": "uitvoeringsorganisatie"})
    data["steps"][0]["handover"]["to"] = "belastingdienst"
    data["steps"][1]["initiative"] = "burger"
    [failure] = failed(unannounced_next_door, data)
    assert failure.pointer == "/steps/0/handover/to"
    assert failure.step == "aangifte"
    assert "Belastingdienst" in text_of(failure)[0]


@pytest.mark.parametrize("initiative", ["overheid", "automatisch"])
def test_dv104_passes_when_the_next_organisation_acts_itself(initiative: str) -> None:
    data = strong_service()
    del data["steps"][0]["handover"]
    data["steps"][1]["initiative"] = initiative
    assert failed(unannounced_next_door, data) == []


def test_dv104_passes_a_handover_to_the_next_organisation() -> None:
    data = strong_service()
    data["steps"][1]["initiative"] = "burger"
    assert failed(unannounced_next_door, data) == []


def test_dv104_passes_a_branch_announced_earlier() -> None:
    data = strong_service()
    data["organisations"].append({"id": "belastingdienst", "name": "Belastingdienst", "kind": "uitvoeringsorganisatie"})
    data["steps"].insert(1, {"id": "toeslagen", "title": "Toeslagen aangepast", "organisation": "belastingdienst",
                             "initiative": "automatisch"})
    data["steps"][2]["initiative"] = "burger"  # svb, announced by the hand-over of step 0
    assert failed(unannounced_next_door, data) == []


def test_dv104_does_not_apply_when_the_journey_stays_with_one_organisation() -> None:
    data = strong_service()
    data["steps"][1]["organisation"] = "gemeente"
    data["steps"][0]["handover"]["to"] = "gemeente"
    assert kinds(unannounced_next_door, data) == ["not_applicable"]
