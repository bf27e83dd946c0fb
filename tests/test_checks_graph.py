"""Checks on the journey graph and the other meaning of format 2 (service-concept-2.md, "Meaning that
the checks rely on"): each rule with a document that shows it, and one that does not."""

from __future__ import annotations

from typing import Any

import dienstvisie
from dienstvisie.model.check import Status
from dienstvisie.model.report import Report
from support import TODAY, checked, strong_format2_service


def _status(report: Report, check: str, status: Status) -> list[dienstvisie.Finding]:
    return [f for f in report.findings if f.status is status and check in f.checks]


def _failed(report: Report, check: str) -> list[dienstvisie.Finding]:
    return _status(report, check, Status.FAILED)


def _add_organisation(data: dict[str, Any], org_id: str, kind: str = "uitvoeringsorganisatie", **extra: Any) -> None:
    data["organisations"].append({"id": org_id, "name": org_id.upper(), "kind": kind, **extra})
    data["signals"]["reviewed_with"].append(org_id)


# --- the graph -------------------------------------------------------------------------------------


def test_fan_out_counts_as_government_knowing() -> None:
    """aangifte passes the death to the SVB and the Belastingdienst at once; the Belastingdienst then waits."""
    data = strong_format2_service()
    _add_organisation(data, "belastingdienst")
    step = data["steps"][0]
    step["handovers"] = [step.pop("handover"), {"to": "belastingdienst", "kind": "data", "shares": ["bsn", "datum-overlijden"]}]
    data["steps"].append({"id": "toeslag", "title": "Toeslag stopzetten", "organisation": "belastingdienst",
                          "initiative": "burger", "after": ["aangifte"]})
    failures = _failed(checked(data, ["DV203"]), "DV203")
    assert [(f.step, f.location.pointer) for f in failures] == [("toeslag", "/steps/2/initiative")]


def test_the_step_before_is_the_graph_not_the_line_above() -> None:
    """`toeslag` follows `aangifte` (after), not `anw` above it: moving gemeente → belastingdienst
    announced by a hand-over of aangifte is no wrong door, and a data hand-over of anw does not reach it."""
    data = strong_format2_service()
    _add_organisation(data, "belastingdienst")
    data["steps"][0]["handovers"] = [data["steps"][0].pop("handover"),
                                     {"to": "belastingdienst", "kind": "warm", "shares": ["bsn"]}]
    data["steps"][1]["handovers"] = [{"to": "belastingdienst", "kind": "data", "shares": ["bsn"]}]
    data["steps"].append({"id": "toeslag", "title": "Toeslag", "organisation": "belastingdienst",
                          "initiative": "burger", "after": ["aangifte"]})
    report = checked(data, ["DV104", "DV203"])
    assert _failed(report, "DV104") == []
    assert _failed(report, "DV203") == [], "anw is a parallel branch, not a step before toeslag"


def test_a_third_party_start_is_a_proactive_start() -> None:
    """The undertaker (a third party) files the death; no step waits on the bereaved."""
    data = strong_format2_service()
    _add_organisation(data, "dela", "private")
    data["people"] = [{"id": "uitvaartondernemer", "role": "vertegenwoordiger"}]
    data["steps"].insert(0, {"id": "melding", "title": "Uitvaartondernemer meldt", "organisation": "dela",
                             "initiative": "derde", "handovers": [{"to": "gemeente", "kind": "data", "shares": ["bsn"]}]})
    data["steps"][1]["initiative"] = "overheid"
    data["steps"][1]["legal_duty"] = False
    report = checked(data, ["DV202", "DV104"])
    assert _failed(report, "DV202") == [] and _failed(report, "DV104") == []
    data["steps"][0]["initiative"] = "burger"  # the bereaved must call the undertaker: a private door, no DV202
    assert _failed(checked(data, ["DV202"]), "DV202") == []


# --- once only ---------------------------------------------------------------------------------------


def test_fetches_earn_credit_and_an_ask_after_a_fetch_fails() -> None:
    data = strong_format2_service()
    data["registers"] = [{"id": "bri"}]
    data["steps"][1]["fetches"] = [{"data": "inkomen", "from": "bri", "legal_basis": "Participatiewet art. 64"}]
    report = checked(data, ["DV301"])
    passed = _status(report, "DV301", Status.PASSED)
    assert [f.location.pointer for f in passed] == ["/steps/1/fetches/0"]
    assert report.score("P3").score == 100.0
    data["steps"].append({"id": "later", "title": "Later", "organisation": "svb", "initiative": "overheid",
                          "asks": [{"data": "vaste-lasten"}, {"data": "inkomen"}]})
    failures = _failed(checked(data, ["DV301"]), "DV301")
    assert [f.location.pointer for f in failures] == ["/steps/2/asks/1"]
    assert "bri" in (failures[0].message.en or "")


def test_a_fetch_without_legal_basis_fails_dv304() -> None:
    data = strong_format2_service()
    data["registers"] = [{"id": "bri"}]
    data["steps"][1]["fetches"] = [{"data": "inkomen", "from": "bri"}]
    assert [f.location.pointer for f in _failed(checked(data, ["DV304"]), "DV304")] == ["/steps/1/fetches/0"]


def test_legal_basis_answers_p3_q4() -> None:
    data = strong_format2_service()
    data["registers"] = [{"id": "bri"}]
    data["steps"][0]["handovers"] = [dict(data["steps"][0].pop("handover"), legal_basis="Wet BRP art. 3.3")]
    data["steps"][1]["fetches"] = [{"data": "inkomen", "from": "bri", "legal_basis": "Participatiewet art. 64"}]
    report = checked(data, ["QP3"])
    answered = [f for f in report.findings if f.check == "QP3" and f.credit == 1.0]
    assert len(answered) == 1 and "P3.Q4" in (answered[0].message.en or "")
    assert "Wet BRP art. 3.3" in (answered[0].message.en or "")
    assert report.score("P3").assessed == 1
    del data["steps"][1]["fetches"][0]["legal_basis"]  # one flow without a basis: the question stays open
    assert checked(data, ["QP3"]).score("P3").assessed == 0
    data["steps"][1]["fetches"][0]["legal_basis"] = "Participatiewet art. 64"
    data["assessment"] = [{"question": "P3.Q4", "answer": "nee"}]  # the team's own answer wins
    assert _failed(checked(data, ["QP3"]), "QP3")


def test_a_periodic_fact_is_not_asked_twice() -> None:
    """The monthly income statement is a new fact each month."""
    data = strong_format2_service()
    data["steps"][0]["asks"].append({"data": "inkomen", "periodic": True})
    data["steps"][1]["asks"].append({"data": "inkomen", "periodic": True})
    report = checked(data, ["DV3"])
    assert _failed(report, "DV301") == [] and _failed(report, "DV302") == []
    data["steps"][1]["asks"][-1] = {"data": "inkomen"}  # not periodic: both DV301 (bri) and DV302, one finding
    failures = [f for f in checked(data, ["DV3"]).findings if f.status is Status.FAILED]
    assert [(f.check, f.related) for f in failures] == [("DV301", ("DV302",))]


def test_confirming_a_pre_filled_value_is_good_practice() -> None:
    data = strong_format2_service()
    data["steps"][1]["asks"].append({"data": "adres", "mode": "bevestigen"})
    assert _failed(checked(data, ["DV3"]), "DV301") == []


def test_the_register_keeper_asking_its_own_data_needs_review() -> None:
    """The gemeente keeps the BRP and asks the birth date: maybe it is the birth registration itself."""
    data = strong_format2_service()
    data["registers"] = [{"id": "brp", "kept_by": "gemeente"}]
    data["steps"][0]["legal_duty"] = False
    data["steps"][0]["asks"] = [{"data": "akte-van-overlijden"}, {"data": "geboortedatum"}]
    data["registers"].append({"id": "burgerlijke-stand", "kept_by": "gemeente"})
    report = checked(data, ["DV301"])
    assert _failed(report, "DV301") == []
    review = _status(report, "DV301", Status.NEEDS_REVIEW)
    assert [f.location.pointer for f in review] == ["/steps/0/asks/0", "/steps/0/asks/1"]
    assert review[0].suggestion is not None and "legal_duty: true" in (review[0].suggestion.en or "")
    data["steps"][1]["asks"].append({"data": "geboortedatum"})  # the SVB keeps no BRP: a plain failure
    assert [f.step for f in _failed(checked(data, ["DV301"]), "DV301")] == ["anw"]


def test_parallel_alternatives_do_not_ask_twice() -> None:
    data = strong_format2_service()
    data["steps"].append({"id": "zonder-adres", "title": "Briefadres", "organisation": "svb", "initiative": "overheid",
                          "after": ["aangifte"], "applies_to": "alleen voor mensen zonder vast adres",
                          "asks": [{"data": "iban"}]})
    assert _failed(checked(data, ["DV302"]), "DV302") == []
    del data["steps"][2]["applies_to"]  # both branches for everyone: the IBAN is asked twice
    assert [f.step for f in _failed(checked(data, ["DV302"]), "DV302")] == ["zonder-adres"]


# --- no wrong door, teams -----------------------------------------------------------------------------


def test_a_cold_hand_over_between_teams_is_a_wrong_door() -> None:
    data = strong_format2_service()
    data["organisations"][0]["teams"] = [{"id": "burgerzaken", "name": "Burgerzaken"},
                                         {"id": "schuldhulp", "name": "Schuldhulp"}]
    data["steps"][0]["team"] = "burgerzaken"
    data["steps"][0]["handovers"] = [data["steps"][0].pop("handover"), {"to": "schuldhulp", "kind": "cold"}]
    failures = _failed(checked(data, ["DV101"]), "DV101")
    assert [f.location.pointer for f in failures] == ["/steps/0/handovers/1/kind"]
    assert "Schuldhulp (Gemeente Utrecht)" in (failures[0].message.en or "")
    assert "within the same organisation" in (failures[0].message.en or "")


def test_single_plan_with_a_cold_hand_over_to_a_team_of_the_plan() -> None:
    data = strong_format2_service()
    data["situations"] = ["multiproblematiek"]
    data["organisations"][0]["teams"] = [{"id": "schuldhulp", "name": "Schuldhulp"}]
    data["coordination"] = {"single_plan": True, "coordinator": "gemeente", "organisations": ["gemeente"]}
    data["steps"][0]["handovers"] = [data["steps"][0].pop("handover"), {"to": "schuldhulp", "kind": "cold"}]
    assert [f.location.pointer for f in _failed(checked(data, ["DV505"]), "DV505")] == ["/steps/0/handovers/1/kind"]
    data["steps"][0]["handovers"][1]["to"] = "svb"  # the SVB is not in this plan
    assert _failed(checked(data, ["DV505"]), "DV505") == []


# --- outreach, outcomes, deadlines ------------------------------------------------------------------


def test_an_offer_needs_can_decline() -> None:
    data = strong_format2_service()
    data["steps"][1]["offer"] = {}
    assert [f.location.pointer for f in _failed(checked(data, ["DV205"]), "DV205")] == ["/steps/1/offer"]
    data["steps"][1]["offer"] = {"can_decline": True}
    assert _failed(checked(data, ["DV205"]), "DV205") == []


def test_an_uitkomst_needs_a_complaint_route_not_objection() -> None:
    data = strong_format2_service()
    data["steps"][1]["decision"] = {"kind": "uitkomst", "explained": True, "appeal": False, "discretion": True}
    report = checked(data, ["DV501", "DV502", "DV506"])
    assert _failed(report, "DV501") == [] and _failed(report, "DV502") == []
    assert [f.location.pointer for f in _failed(report, "DV506")] == ["/steps/1/decision"]
    data["steps"][1]["decision"]["complaint"] = True
    assert _failed(checked(data, ["DV506"]), "DV506") == []


def test_expected_days_over_the_legal_deadline_cites_its_source() -> None:
    data = strong_format2_service()
    data["steps"][1]["decision"].update({"deadline_days": 14, "deadline_source": "Anw art. 40"})
    failures = _failed(checked(data, ["DV507"]), "DV507")
    assert [f.location.pointer for f in failures] == ["/steps/1/expected_days"]
    assert "Anw art. 40" in (failures[0].message.en or "") and "14 days" in (failures[0].message.en or "")
    data["steps"][1]["decision"]["deadline_days"] = 56
    assert _failed(checked(data, ["DV507"]), "DV507") == []


def test_dv002_on_every_data_id() -> None:
    data = strong_format2_service()
    data["registers"] = [{"id": "bri"}]
    data["steps"][1]["fetches"] = [{"data": "inkomn", "from": "bri", "legal_basis": "Pw art. 64"}]
    data["steps"][0]["handovers"] = [dict(data["steps"][0].pop("handover"), shares=["bsn", "datum-overlijdn"])]
    failures = _failed(checked(data, ["DV002"]), "DV002")
    assert sorted(f.location.pointer for f in failures) == ["/steps/0/handovers/0/shares/1", "/steps/1/fetches/0/data"]


def test_a_format_2_document_with_one_handover_gets_its_own_spelling_and_line() -> None:
    """Format 2 still accepts the format-1 `handover`: a finding points there, with its line."""
    import yaml

    data = strong_format2_service()
    data["steps"][0]["handover"] = {"to": "svb", "kind": "cold"}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    report = dienstvisie.check(dienstvisie.read_service(text, filename="een.yaml"), today=TODAY, select=["DV101"])
    (finding,) = _failed(report, "DV101")
    assert finding.location.pointer == "/steps/0/handover/kind"
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip() == "kind: cold")
    assert finding.location.line == line
