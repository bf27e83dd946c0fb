"""Rules fixed because a corpus document (tests/corpus/real) showed a fault: for each, a small
document that would have caught it, and its counterpart that must still fail.

The corpus documents themselves are never changed to make the figures; the rule is.
"""

from __future__ import annotations


from dienstvisie.model.check import Status
from dienstvisie.model.report import Report
from support import checked, strong_format2_service


def _with(report: Report, check: str, status: Status) -> list[str | None]:
    return [f.step for f in report.findings if f.status is status and check in f.checks]


def test_dv202_a_start_at_the_keeper_of_a_register_filled_by_report_needs_review() -> None:
    """geboorte-den-haag: the gemeente keeps the BRP; its birth registration without `legal_duty` is no wait."""
    data = strong_format2_service()
    data["life_events"] = ["geboorte"]
    data["registers"] = [{"id": "brp", "kept_by": "gemeente"}]
    data["steps"][0]["legal_duty"] = False
    data["steps"][1]["initiative"] = "overheid"
    report = checked(data, ["DV202"])
    assert _with(report, "DV202", Status.FAILED) == []
    assert _with(report, "DV202", Status.NEEDS_REVIEW) == ["aangifte"]
    del data["registers"]  # without knowing who keeps the BRP, a start that waits on the person fails
    assert _with(checked(data, ["DV202"]), "DV202", Status.FAILED) == ["aangifte"]


def test_dv203_not_after_the_organisation_reached_out_itself() -> None:
    """schulden-vroegsignalering: the signal goes to the gemeente, which invites; the talk answers that."""
    data = strong_format2_service()
    data["steps"][1]["initiative"] = "burger"
    invitation = {"id": "uitnodiging", "title": "De SVB nodigt uit", "organisation": "svb", "initiative": "overheid",
                  "channels": ["telefoon"]}
    assert _with(checked(data, ["DV203"]), "DV203", Status.FAILED) == ["anw"]
    data["steps"].insert(1, invitation)
    assert _with(checked(data, ["DV203"]), "DV203", Status.FAILED) == []


def test_dv203_not_for_a_step_for_some_people_that_needs_facts_only_they_know() -> None:
    """verhuizen-rotterdam, geboorte-den-haag: only for those with rent allowance, and the new rent is theirs to tell."""
    data = strong_format2_service()
    data["steps"][1]["initiative"] = "burger"
    data["steps"][1]["asks"] = [{"data": "huurprijs"}]
    data["steps"][1]["applies_to"] = "alleen voor wie huurtoeslag heeft"
    assert _with(checked(data, ["DV203"]), "DV203", Status.FAILED) == []
    del data["steps"][1]["applies_to"]  # for everyone: the SVB had the data and could have reached out
    assert _with(checked(data, ["DV203"]), "DV203", Status.FAILED) == ["anw"]
    data["steps"][1]["applies_to"] = "alleen voor wie huurtoeslag heeft"
    data["steps"][1]["asks"] = [{"data": "bsn"}]  # nothing new asked: still a finding
    assert _with(checked(data, ["DV203"]), "DV203", Status.FAILED) == ["anw"]
    data["steps"][0]["asks"].append({"data": "huurprijs"})  # the person gave the rent before: nothing new either
    data["steps"][1]["asks"] = [{"data": "huurprijs"}]
    assert _with(checked(data, ["DV203"]), "DV203", Status.FAILED) == ["anw"]


def test_dv201_dv202_an_entrepreneurs_application_follows_their_own_plan() -> None:
    """horeca-starten-rotterdam: a licence for the bar one means to open is no step government can take."""
    data = strong_format2_service()
    data["audience"] = ["ondernemer"]
    data["life_events"] = ["bedrijf-starten"]
    data["steps"][0].update({"legal_duty": False, "asks": [{"data": "kvk-nummer"}]})
    data["steps"][1]["initiative"] = "overheid"
    report = checked(data, ["DV201", "DV202"])
    assert _with(report, "DV201", Status.FAILED) == [] and _with(report, "DV202", Status.FAILED) == []
    data["audience"] = ["burger"]  # for citizens the same step is one government could take
    report = checked(data, ["DV201", "DV202"])
    assert _with(report, "DV201", Status.FAILED) == ["aangifte"]


def test_dv104_a_court_appointed_representative_knows_the_door() -> None:
    """schulden-budgetbeheer: the bewindvoerder goes to the kantonrechter; an executor (any relative) does not know."""
    data = strong_format2_service()
    data["organisations"].append({"id": "rechtbank", "name": "Rechtbank", "kind": "rijk"})
    data["signals"]["reviewed_with"].append("rechtbank")
    data["people"] = [{"id": "helper", "role": "bewindvoerder"}]
    data["steps"].append({"id": "bewind", "title": "Bewind aanvragen", "organisation": "rechtbank",
                          "initiative": "burger", "acted_by": "helper"})
    assert _with(checked(data, ["DV104"]), "DV104", Status.FAILED) == []
    data["people"][0]["role"] = "vertegenwoordiger"
    assert _with(checked(data, ["DV104"]), "DV104", Status.FAILED) == ["anw"]


def test_dv301_a_register_filled_by_others_is_no_registration_step() -> None:
    """werkloos-ww-uwv: UWV keeps the polisadministratie, filled by employers; asking the job's end date fails."""
    data = strong_format2_service()
    data["registers"] = [{"id": "polisadministratie", "kept_by": "svb"}]
    data["steps"][1]["asks"] = [{"data": "dienstverband"}]
    report = checked(data, ["DV301"])
    assert _with(report, "DV301", Status.FAILED) == ["anw"]
    assert _with(report, "DV301", Status.NEEDS_REVIEW) == []


def test_dv302_a_private_party_asking_again_is_no_second_government_ask() -> None:
    """studeren-18-worden-duo: the insurer asks a bank account for the premium; DUO asked one for the grant."""
    data = strong_format2_service()
    data["organisations"].append({"id": "verzekeraar", "name": "Zorgverzekeraar", "kind": "private"})
    data["signals"]["reviewed_with"].append("verzekeraar")
    data["steps"].append({"id": "polis", "title": "Zorgverzekering afsluiten", "organisation": "verzekeraar",
                          "initiative": "burger", "legal_duty": True, "after": [], "asks": [{"data": "iban"}]})
    assert _with(checked(data, ["DV302"]), "DV302", Status.FAILED) == []
    data["organisations"][-1]["kind"] = "uitvoeringsorganisatie"  # a public body asking again: a finding
    assert _with(checked(data, ["DV302"]), "DV302", Status.FAILED) == ["polis"]
