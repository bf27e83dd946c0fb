"""Checks for P3 Eenmalige uitvraag (DV3xx)."""

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

from dienstvisie.checks import p3_once_only
from dienstvisie.checks.p3_once_only import asked_after_shared, asked_twice, asks_known_data
from dienstvisie.model.check import Check, Severity

CHECKS = p3_once_only.CHECKS


# --- the module as a whole ------------------------------------------------------------------------


def test_at_least_three_checks_in_id_order() -> None:
    assert len(CHECKS) >= 3
    assert_in_id_order(CHECKS)
    assert CHECKS[0].id == "DV301"


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_check_is_fully_described(check: Check) -> None:
    assert_described(check, "P3")


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
    """Asking what government knows is major; a fetch without its legal basis is minor."""
    severities = {check.id: check.severity for check in CHECKS}
    assert all(severities[i] is Severity.MAJOR for i in ("DV301", "DV302", "DV303"))
    assert severities["DV304"] is Severity.MINOR


# --- DV301 asks for what government already knows ------------------------------------------------


def test_dv301_fails_on_an_ask_the_team_marks_as_known() -> None:
    data = strong_service()
    data["steps"][1]["asks"].append({"data": "rekeninghouder", "already_known_by": "svb"})
    [failure] = failed(asks_known_data, data)
    assert failure.pointer == "/steps/1/asks/1"
    assert failure.step == "anw"
    nl, en = text_of(failure)
    assert "'rekeninghouder'" in nl and "svb" in nl and "anw" in nl
    assert "'rekeninghouder'" in en and "svb already holds" in en


def test_dv301_fails_once_per_ask_a_register_holds() -> None:
    data = strong_service()
    data["steps"][1]["asks"] = [{"data": "adres"}, {"data": "iban"}, {"data": "inkomen"}]
    failures = failed(asks_known_data, data)
    assert [(f.pointer, f.step) for f in failures] == [("/steps/1/asks/0", "anw"), ("/steps/1/asks/2", "anw")]
    assert "brp" in text_of(failures[0])[0] and "Woonadres" in text_of(failures[0])[0]
    assert "bri, belastingdienst" in text_of(failures[1])[1]


def test_dv301_in_a_legal_duty_step_counts_only_the_teams_own_word() -> None:
    data = strong_service()  # aangifte (legal_duty) asks akte-van-overlijden, which the vocabulary lists
    assert failed(asks_known_data, data) == []
    data["steps"][0]["asks"] = [{"data": "verklaring-van-overlijden", "already_known_by": "lijkschouwer"}]
    [failure] = failed(asks_known_data, data)
    assert failure.pointer == "/steps/0/asks/0" and failure.step == "aangifte"


def test_dv301_vocabulary_counts_once_the_legal_duty_is_gone() -> None:
    data = strong_service()
    data["steps"][0]["legal_duty"] = False
    [failure] = failed(asks_known_data, data)
    assert failure.pointer == "/steps/0/asks/0"
    assert "burgerlijke-stand" in text_of(failure)[0]


def test_dv301_passes_data_government_does_not_hold() -> None:
    assert outcomes(asks_known_data, strong_service()) == []


def test_dv301_does_not_apply_when_nothing_is_asked() -> None:
    data = strong_service()
    for step in data["steps"]:
        del step["asks"]
    assert kinds(asks_known_data, data) == ["not_applicable"]


# --- DV302 same data item asked twice ------------------------------------------------------------


def test_dv302_fails_on_the_later_ask_naming_the_earlier_step() -> None:
    data = strong_service()
    data["steps"][0]["asks"].append({"data": "iban"})
    [failure] = failed(asked_twice, data)
    assert failure.pointer == "/steps/1/asks/0"
    assert failure.step == "anw"
    nl, en = text_of(failure)
    assert "'iban'" in nl and "'aangifte'" in nl and "opnieuw" in nl
    assert "'aangifte' already asked" in en


def test_dv302_names_the_first_step_for_every_repeat() -> None:
    data = strong_service()
    data["steps"][0]["asks"].append({"data": "iban"})
    data["steps"].append({"id": "pensioen", "title": "Partnerpensioen", "organisation": "svb",
                          "initiative": "overheid", "asks": [{"data": "iban"}]})
    failures = failed(asked_twice, data)
    assert [(f.pointer, f.step) for f in failures] == [("/steps/1/asks/0", "anw"), ("/steps/2/asks/0", "pensioen")]
    assert all("'aangifte'" in text_of(f)[1] for f in failures)


def test_dv302_passes_different_data() -> None:
    assert outcomes(asked_twice, strong_service()) == []


def test_dv302_does_not_apply_when_fewer_than_two_steps_ask() -> None:
    data = strong_service()
    del data["steps"][1]["asks"]
    assert kinds(asked_twice, data) == ["not_applicable"]


# --- DV303 asked after it was passed on ----------------------------------------------------------


def test_dv303_fails_on_data_asked_after_a_handover_shared_it() -> None:
    data = strong_service()
    data["steps"][0]["handover"]["shares"].append("iban")
    [failure] = failed(asked_after_shared, data)
    assert failure.pointer == "/steps/1/asks/0"
    assert failure.step == "anw"
    nl, en = text_of(failure)
    assert "'iban'" in nl and "'aangifte'" in nl and "Sociale Verzekeringsbank" in nl
    assert "already passed it on to Sociale Verzekeringsbank" in en


def test_dv303_passes_an_ask_in_the_sharing_step_itself() -> None:
    data = strong_service()
    data["steps"][0]["asks"].append({"data": "iban"})
    data["steps"][0]["handover"]["shares"].append("iban")
    del data["steps"][1]["asks"]
    assert failed(asked_after_shared, data) == []


def test_dv303_passes_when_nothing_shared_is_asked_again() -> None:
    assert outcomes(asked_after_shared, strong_service()) == []


def test_dv303_does_not_apply_when_nothing_is_shared() -> None:
    data = strong_service()
    data["steps"][0]["handover"] = {"to": "svb", "kind": "warm"}
    assert kinds(asked_after_shared, data) == ["not_applicable"]
