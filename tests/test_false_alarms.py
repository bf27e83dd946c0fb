"""The false positives and negatives of issue 12, each gone, each with a test.

Every test builds the smallest service that showed the fault, from the strong fixture.
"""

from __future__ import annotations

from typing import Any

import dienstvisie
from dienstvisie.model.check import Status
from dienstvisie.model.report import Report
from support import checked, strong_service


def _failed(report: Report, check: str) -> list[dienstvisie.Finding]:
    return [f for f in report.findings if f.status is Status.FAILED and check in f.checks]


def _three_organisations() -> dict[str, Any]:
    data = strong_service()
    data["organisations"].append({"id": "belastingdienst", "name": "Belastingdienst", "kind": "uitvoeringsorganisatie"})
    data["signals"]["reviewed_with"].append("belastingdienst")
    return data


# --- false positives --------------------------------------------------------------------------------


def test_returning_to_an_organisation_already_dealt_with_is_no_wrong_door() -> None:
    """gemeente → svb → gemeente: the person knows the gemeente's door from the first step."""
    data = strong_service()
    data["steps"].append({"id": "terug", "title": "Vragen over de uitvaartkosten", "organisation": "gemeente",
                          "initiative": "burger", "channels": ["balie"], "language_level": "B1"})
    assert _failed(checked(data, ["DV104"]), "DV104") == []
    data["organisations"].append({"id": "ggd", "name": "GGD", "kind": "gemeente"})
    data["steps"][2]["organisation"] = "ggd"  # a door never met before: still a finding
    assert len(_failed(checked(data, ["DV104"]), "DV104")) == 1


def test_one_ask_gives_one_finding_not_three() -> None:
    data = strong_service()
    data["steps"][0]["asks"].append({"data": "iban"})
    data["steps"][0]["handover"]["shares"].append("iban")
    data["steps"][1]["asks"] = [{"data": "iban", "already_known_by": "svb"}]
    failures = [f for f in checked(data, ["DV3"]).findings if f.status is Status.FAILED]
    assert [(f.check, f.related) for f in failures] == [("DV301", ("DV302", "DV303"))]


# --- false negatives --------------------------------------------------------------------------------


def test_apply_yourself_after_data_passed_on_with_a_step_between() -> None:
    """gemeente passes the data to the SVB, a Belastingdienst step sits between, then the SVB waits on the person."""
    data = _three_organisations()
    data["steps"].insert(1, {"id": "toeslagen", "title": "Toeslagen herzien", "organisation": "belastingdienst",
                             "initiative": "automatisch"})
    data["steps"][2]["initiative"] = "burger"
    failures = _failed(checked(data, ["DV203"]), "DV203")
    assert [(f.step, f.location.pointer) for f in failures] == [("anw", "/steps/2/initiative")]
    assert "aangifte" in (failures[0].message.en or "")


def test_journey_started_by_the_person_while_the_register_knew_fails_p2() -> None:
    """werkloos is known via the polisadministratie: a journey that starts with 'apply for WW' waits on it."""
    data = strong_service()
    data["life_events"] = ["werkloos"]
    data["organisations"][1] = {"id": "svb", "name": "UWV", "kind": "uitvoeringsorganisatie"}
    data["steps"][0] = {"id": "ww-aanvragen", "title": "WW aanvragen", "organisation": "svb", "initiative": "burger",
                        "channels": ["web", "telefoon"], "asks": [{"data": "iban"}]}
    data["steps"][1]["organisation"] = "svb"
    failures = _failed(checked(data, ["DV202"]), "DV202")
    assert [(f.step, f.location.pointer) for f in failures] == [("ww-aanvragen", "/steps/0/initiative")]
    assert "polisadministratie" in (failures[0].message.en or "")
    data["steps"][0]["initiative"] = "overheid"  # UWV reaches out on the register's signal: no finding
    assert _failed(checked(data, ["DV202"]), "DV202") == []


def test_a_start_at_a_private_organisation_is_no_waiting_government() -> None:
    """The family calls the undertaker before any register knows of the death."""
    data = _three_organisations()
    data["organisations"].append({"id": "dela", "name": "DELA", "kind": "private"})
    data["signals"]["reviewed_with"].append("dela")
    data["steps"].insert(0, {"id": "uitvaart", "title": "Uitvaart regelen", "organisation": "dela",
                             "initiative": "burger", "handover": {"to": "gemeente", "kind": "warm", "shares": ["bsn"]}})
    assert _failed(checked(data, ["DV202"]), "DV202") == []


def test_single_plan_declared_but_cold_hand_over_shown() -> None:
    data = strong_service()
    data["situations"] = ["multiproblematiek"]
    data["coordination"] = {"single_plan": True, "coordinator": "gemeente"}
    assert _failed(checked(data, ["DV505"]), "DV505") == []
    data["steps"][0]["handover"] = {"to": "svb", "kind": "cold"}
    failures = _failed(checked(data, ["DV505"]), "DV505")
    assert [f.location.pointer for f in failures] == ["/steps/0/handover/kind"]
    data["coordination"]["single_plan"] = False  # honest: DV503 says so, DV505 has nothing to compare
    assert _failed(checked(data, ["DV505"]), "DV505") == []


def test_typo_in_handover_shares_is_reported_with_a_hint() -> None:
    data = strong_service()
    data["steps"][0]["handover"]["shares"] = ["bsn", "datum-overlijdn"]
    failures = _failed(checked(data, ["DV002"]), "DV002")
    assert [f.location.pointer for f in failures] == ["/steps/0/handover/shares/1"]
    assert "did you mean 'datum-overlijden'" in (failures[0].message.en or "")
    assert "bedoel je 'datum-overlijden'" in (failures[0].message.nl or "")


def test_own_term_asked_and_shared_is_reported_once() -> None:
    data = strong_service()
    data["steps"][0]["asks"].append({"data": "wensen-uitvaart"})
    data["steps"][0]["handover"]["shares"].append("wensen-uitvaart")
    failures = _failed(checked(data, ["DV002"]), "DV002")
    assert [f.location.pointer for f in failures] == ["/steps/0/asks/1/data"]


def test_a_letter_alone_is_weak_outreach_to_people_with_piled_up_problems() -> None:
    data = strong_service()
    data["situations"] = ["multiproblematiek"]
    data["coordination"] = {"single_plan": True, "coordinator": "gemeente"}
    data["steps"][1]["channels"] = ["post"]
    failures = _failed(checked(data, ["DV204"]), "DV204")
    assert [f.location.pointer for f in failures] == ["/steps/1/channels"]
    data["steps"][1]["channels"] = ["huisbezoek", "post"]
    assert _failed(checked(data, ["DV204"]), "DV204") == []
    data["steps"][1]["channels"] = ["post"]
    data["situations"] = []  # a letter to someone without piled-up problems is no finding here
    assert _failed(checked(data, ["DV204"]), "DV204") == []
