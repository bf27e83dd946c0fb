"""Checks for P2 Proactief (DV2xx)."""

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

from dienstvisie.checks import p2_proactive
from dienstvisie.checks.p2_proactive import (
    acts_after_data_handover,
    government_could_act,
    journey_waits_on_person,
)
from dienstvisie.model.check import Check, Severity

CHECKS = p2_proactive.CHECKS


# --- the module as a whole ------------------------------------------------------------------------


def test_at_least_three_checks_in_id_order() -> None:
    assert len(CHECKS) >= 3
    assert_in_id_order(CHECKS)
    assert CHECKS[0].id == "DV201"


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_check_is_fully_described(check: Check) -> None:
    assert_described(check, "P2")


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
    """Waiting on the person is major; weak outreach (a letter only) is minor."""
    severities = {check.id: check.severity for check in CHECKS}
    assert all(severities[i] is Severity.MAJOR for i in ("DV201", "DV202", "DV203"))
    assert severities["DV204"] is Severity.MINOR


# --- DV201 the person must do what government could do itself ------------------------------------


def test_dv201_fails_when_every_ask_is_already_known() -> None:
    data = strong_service()
    data["steps"][1]["initiative"] = "burger"
    data["steps"][1]["asks"] = [{"data": "partner", "already_known_by": "brp"}, {"data": "adres"}]
    [failure] = failed(government_could_act, data)
    assert failure.pointer == "/steps/1/initiative"
    assert failure.step == "anw"
    nl, en = text_of(failure)
    assert "'partner'" in nl and "'adres' (Woonadres)" in nl
    assert "'adres' (Home address)" in en and "already holds" in en


def test_dv201_counts_data_passed_on_earlier_as_known() -> None:
    data = strong_service()
    data["steps"][0]["handover"]["shares"] = ["bsn", "iban"]
    data["steps"][1]["initiative"] = "burger"
    [failure] = failed(government_could_act, data)
    assert failure.step == "anw"


def test_dv201_fails_on_a_step_that_asks_nothing() -> None:
    data = strong_service()
    data["steps"][1]["initiative"] = "burger"
    del data["steps"][1]["asks"]
    [failure] = failed(government_could_act, data)
    assert failure.pointer == "/steps/1/initiative"
    assert "vraagt niets" in text_of(failure)[0]


def test_dv201_passes_when_the_person_brings_something_new() -> None:
    data = strong_service()
    data["steps"][1]["initiative"] = "burger"
    data["steps"][1]["asks"] = [{"data": "adres"}, {"data": "iban"}]
    assert failed(government_could_act, data) == []


def test_dv201_never_blames_a_legal_duty() -> None:
    data = strong_service()
    data["steps"][1].update(initiative="burger", legal_duty=True, asks=[{"data": "adres"}])
    assert failed(government_could_act, data) == []


def test_dv201_does_not_apply_when_the_person_never_has_to_start() -> None:
    assert kinds(government_could_act, strong_service()) == ["not_applicable"]


# --- DV202 the whole journey waits on the person -------------------------------------------------


def test_dv202_fails_when_no_step_starts_from_government() -> None:
    data = strong_service()
    data["steps"][1]["initiative"] = "burger"
    [failure] = failed(journey_waits_on_person, data)
    assert failure.pointer == "/steps/1/initiative"  # the first step not required by law
    assert failure.step == "anw"
    nl, en = text_of(failure)
    assert "overlijden (brp)" in nl and "anw" in nl
    assert "overlijden (brp)" in en and "waits on the person" in en


@pytest.mark.parametrize("initiative", ["overheid", "automatisch"])
def test_dv202_passes_when_government_takes_a_step(initiative: str) -> None:
    data = strong_service()
    data["steps"][1]["initiative"] = initiative
    assert outcomes(journey_waits_on_person, data) == []


def test_dv202_no_false_alarm_on_a_single_birth_registration() -> None:
    data = strong_service()
    data["life_events"] = ["geboorte"]
    data["organisations"] = data["organisations"][:1]
    data["signals"]["reviewed_with"] = ["gemeente"]
    data["steps"] = [{"id": "aangifte-geboorte", "title": "Aangifte van geboorte", "organisation": "gemeente",
                      "initiative": "burger", "legal_duty": True,
                      "asks": [{"data": "geboortedatum-kind"}, {"data": "voornamen-kind"}]}]
    assert kinds(journey_waits_on_person, data) == ["not_applicable"]


@pytest.mark.parametrize("events", [[], ["ziek-worden"], ["eigen-gebeurtenis"]])
def test_dv202_does_not_apply_without_a_registered_life_event(events: list[str]) -> None:
    data = strong_service()
    data["life_events"] = events
    data["steps"][1]["initiative"] = "burger"
    assert kinds(journey_waits_on_person, data) == ["not_applicable"]


# --- DV203 person must act after a data hand-over -------------------------------------------------


def test_dv203_fails_when_the_person_must_act_after_a_data_handover() -> None:
    data = strong_service()
    data["steps"][1]["initiative"] = "burger"
    [failure] = failed(acts_after_data_handover, data)
    assert failure.pointer == "/steps/1/initiative"
    assert failure.step == "anw"
    nl, en = text_of(failure)
    assert "anw" in nl and "'aangifte'" in nl and "Sociale Verzekeringsbank" in nl
    assert "'aangifte' already passed the data" in en


def test_dv203_passes_when_the_receiver_reaches_out() -> None:
    assert outcomes(acts_after_data_handover, strong_service()) == []


@pytest.mark.parametrize("change", ["warm", "legal_duty", "elsewhere"])
def test_dv203_passes_when_it_does_not_apply_to_the_pair(change: str) -> None:
    data = strong_service()
    data["steps"][1]["initiative"] = "burger"
    if change == "warm":
        data["steps"][0]["handover"]["kind"] = "warm"
    elif change == "legal_duty":
        data["steps"][1]["legal_duty"] = True
    else:
        data["organisations"].append({"id": "abp", "name": "ABP", "kind": "private"})
        data["steps"][0]["handover"]["to"] = "abp"
    assert failed(acts_after_data_handover, data) == []


def test_dv203_does_not_apply_without_data_handovers() -> None:
    data = strong_service()
    data["steps"][0]["handover"]["kind"] = "warm"
    assert kinds(acts_after_data_handover, data) == ["not_applicable"]
