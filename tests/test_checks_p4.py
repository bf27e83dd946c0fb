"""Checks for P4 Toegankelijk en begrijpelijk (DV4xx).

"""

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

from dienstvisie.checks import p4_accessible
from dienstvisie.checks.p4_accessible import (
    decision_not_explained,
    digital_not_accessible,
    language_above_b1,
    no_human_contact,
    only_digital_channels,
)
from dienstvisie.model.check import Check

# --- the module as a whole ------------------------------------------------------------------------

CHECKS = p4_accessible.CHECKS


def test_at_least_three_checks_in_id_order() -> None:
    assert len(CHECKS) >= 3
    assert_in_id_order(CHECKS)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_check_is_fully_described(check: Check) -> None:
    assert_described(check, "P4")


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


# --- DV401 no human contact -----------------------------------------------------------------------


def test_dv401_fails_when_human_contact_is_false() -> None:
    data = strong_service()
    data["contact"]["human_contact"] = False
    [failure] = failed(no_human_contact, data)
    assert failure.pointer == "/contact/human_contact"
    assert failure.step is None
    assert failure.message is not None and "geen mens" in (failure.message.nl or "")


def test_dv401_fails_when_human_contact_is_not_shown() -> None:
    data = strong_service()
    del data["contact"]["human_contact"]
    [failure] = failed(no_human_contact, data)
    assert failure.pointer == "/contact"
    del data["contact"]
    [failure] = failed(no_human_contact, data)
    assert failure.pointer == ""


def test_dv401_passes_with_human_contact() -> None:
    assert outcomes(no_human_contact, strong_service()) == []


# --- DV402 only digital channels where the person acts -------------------------------------------


def test_dv402_fails_on_a_digital_only_step_where_the_person_acts() -> None:
    data = strong_service()
    data["steps"][0]["channels"] = ["web", "app"]
    [failure] = failed(only_digital_channels, data)
    assert failure.pointer == "/steps/0/channels"
    assert failure.step == "aangifte"
    assert failure.message is not None
    assert "aangifte" in (failure.message.nl or "") and "Gemeente Utrecht" in (failure.message.en or "")
    assert "web, app" in (failure.message.en or "")


def test_dv402_fails_when_the_service_itself_is_digital_only() -> None:
    data = strong_service()
    data["contact"]["channels"] = ["web", "chat", "email"]
    [failure] = failed(only_digital_channels, data)
    assert failure.pointer == "/contact/channels"
    assert failure.step is None


@pytest.mark.parametrize("initiative", ["overheid", "automatisch"])
def test_dv402_ignores_digital_only_steps_where_government_acts(initiative: str) -> None:
    data = strong_service()
    data["steps"][0]["initiative"] = initiative
    data["steps"][0]["channels"] = ["web"]
    assert failed(only_digital_channels, data) == []


def test_dv402_passes_when_a_non_digital_channel_is_offered() -> None:
    data = strong_service()
    data["steps"][0]["channels"] = ["web", "post"]
    assert failed(only_digital_channels, data) == []


def test_dv402_does_not_guess_about_a_step_without_channels() -> None:
    data = strong_service()
    del data["steps"][0]["channels"]
    assert outcomes(only_digital_channels, data) == []
    del data["contact"]["channels"]
    [outcome] = outcomes(only_digital_channels, data)
    assert outcome.kind == "not_applicable"


# --- DV403 language above B1 -----------------------------------------------------------------------


@pytest.mark.parametrize("level", ["B2", "C1", "C2"])
def test_dv403_fails_above_b1(level: str) -> None:
    data = strong_service()
    data["steps"][1]["language_level"] = level
    [failure] = failed(language_above_b1, data)
    assert failure.pointer == "/steps/1/language_level"
    assert failure.step == "anw"
    assert failure.message is not None and level in (failure.message.nl or "")
    assert (failure.message.nl or "").startswith("Stap 'anw' (Nabestaandenuitkering (Anw), Sociale")


@pytest.mark.parametrize("level", ["A1", "A2", "B1"])
def test_dv403_passes_at_b1_or_below(level: str) -> None:
    data = strong_service()
    data["steps"][1]["language_level"] = level
    assert outcomes(language_above_b1, data) == []


def test_dv403_asks_for_review_when_the_level_of_an_acting_step_is_missing() -> None:
    data = strong_service()
    del data["steps"][0]["language_level"]
    [outcome] = outcomes(language_above_b1, data)
    assert outcome.kind == "needs_review"
    assert outcome.pointer == "/steps/0"
    assert outcome.step == "aangifte"


def test_dv403_leaves_automatic_steps_without_text_alone() -> None:
    data = strong_service()
    step = data["steps"][1]
    step["initiative"] = "automatisch"
    del step["decision"], step["language_level"]
    assert outcomes(language_above_b1, data) == []


def test_dv403_skips_when_the_person_reads_nothing() -> None:
    data = strong_service()
    for step in data["steps"]:
        step["initiative"] = "automatisch"
        step.pop("decision", None)
        del step["language_level"]
    [outcome] = outcomes(language_above_b1, data)
    assert outcome.kind == "not_applicable"


# --- DV404 digital channel not accessible --------------------------------------------------------


@pytest.mark.parametrize("level", ["partial", "unknown"])
def test_dv404_fails_on_partial_or_unknown_accessibility(level: str) -> None:
    data = strong_service()
    data["steps"][0]["accessibility"] = level
    [failure] = failed(digital_not_accessible, data)
    assert failure.pointer == "/steps/0/accessibility"
    assert failure.step == "aangifte"
    assert failure.message is not None and level in (failure.message.en or "")


def test_dv404_fails_when_accessibility_of_a_digital_step_is_not_given() -> None:
    data = strong_service()
    del data["steps"][1]["accessibility"]
    [failure] = failed(digital_not_accessible, data)
    assert failure.pointer == "/steps/1"
    assert failure.step == "anw"


def test_dv404_ignores_steps_without_a_digital_channel() -> None:
    data = strong_service()
    data["steps"][0]["channels"] = ["balie"]
    data["steps"][0]["accessibility"] = "unknown"
    assert failed(digital_not_accessible, data) == []


def test_dv404_passes_on_wcag_aa() -> None:
    data = strong_service()
    data["steps"][0]["accessibility"] = "WCAG-2.2-AA"
    assert outcomes(digital_not_accessible, data) == []


def test_dv404_skips_when_no_step_is_digital() -> None:
    data = strong_service()
    data["steps"][0]["channels"] = ["balie"]
    data["steps"][1]["channels"] = ["post", "telefoon"]
    [outcome] = outcomes(digital_not_accessible, data)
    assert outcome.kind == "not_applicable"


# --- DV405 decision not explained ----------------------------------------------------------------


def test_dv405_fails_on_an_unexplained_decision() -> None:
    data = strong_service()
    data["steps"][1]["decision"]["explained"] = False
    [failure] = failed(decision_not_explained, data)
    assert failure.pointer == "/steps/1/decision/explained"
    assert failure.step == "anw"


def test_dv405_fails_when_explanation_is_not_shown() -> None:
    data = strong_service()
    del data["steps"][1]["decision"]["explained"]
    [failure] = failed(decision_not_explained, data)
    assert failure.pointer == "/steps/1/decision"
    assert failure.step == "anw"


def test_dv405_passes_on_explained_decisions() -> None:
    assert outcomes(decision_not_explained, strong_service()) == []


def test_dv405_skips_without_decisions() -> None:
    data = strong_service()
    del data["steps"][1]["decision"]
    [outcome] = outcomes(decision_not_explained, data)
    assert outcome.kind == "not_applicable"
