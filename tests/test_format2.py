"""Format 2 of the service concept: its fields load, its cross-references are validated from the
schema's own declarations, a format-1 document may not use what is new, and the journey graph."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from strategies import service_concepts

import dienstvisie
from dienstvisie.documents.schema_refs import declared
from dienstvisie.documents.validate import schema_problems, service_reference_problems
from dienstvisie.model.journey import Journey

ROOT = Path(__file__).resolve().parent.parent

BASE: dict[str, Any] = {
    "dienstvisie": "2",
    "id": "huurachterstand",
    "title": "Hulp bij huurachterstand",
    "audience": ["huishouden"],
    "situations": ["multiproblematiek"],
    "people": [{"id": "bewindvoerder", "role": "bewindvoerder", "name": "De bewindvoerder"}],
    "organisations": [
        {"id": "gemeente", "name": "Gemeente", "kind": "gemeente",
         "teams": [{"id": "wijkteam", "name": "Wijkteam"}, {"id": "schuldhulp", "name": "Schuldhulpverlening"}]},
        {"id": "corporatie", "name": "Woningcorporatie", "kind": "semipubliek"},
        {"id": "uwv", "name": "UWV", "kind": "uitvoeringsorganisatie"},
    ],
    "registers": [{"id": "polisadministratie", "kept_by": "uwv"}],
    "steps": [
        {"id": "signaal", "title": "Corporatie meldt huurachterstand", "organisation": "corporatie", "initiative": "derde",
         "handovers": [{"to": "wijkteam", "kind": "data", "shares": ["huurachterstand"], "legal_basis": "Wgs art. 3"}]},
        {"id": "huisbezoek", "title": "Wijkteam komt langs", "organisation": "gemeente", "team": "wijkteam",
         "initiative": "overheid", "offer": {"can_decline": True},
         "handovers": [{"to": "schuldhulp", "kind": "warm"}]},
        {"id": "inkomen", "title": "Inkomen opgehaald", "organisation": "gemeente", "team": "schuldhulp",
         "initiative": "automatisch", "after": ["signaal"],
         "fetches": [{"data": "inkomen", "from": "polisadministratie", "legal_basis": "Wgs art. 4"}]},
        {"id": "plan", "title": "Plan met de bewindvoerder", "organisation": "gemeente", "team": "schuldhulp",
         "initiative": "overheid", "after": ["huisbezoek", "inkomen"], "acted_by": "bewindvoerder",
         "applies_to": {"situations": ["multiproblematiek"]},
         "asks": [{"data": "inkomen", "mode": "bevestigen", "periodic": True}],
         "decision": {"kind": "uitkomst", "complaint": True, "deadline_days": 56, "deadline_source": "Awb 4:13"}},
    ],
}


def _doc(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def _codes(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.code, p.location.pointer) for p in schema_problems(data, "service") + service_reference_problems(data)]


def test_a_format_2_document_loads_with_its_meaning() -> None:
    assert _codes(BASE) == []
    service = dienstvisie.load_service(BASE)
    plan = service.steps[3]
    assert plan.after == ("huisbezoek", "inkomen") and plan.acted_by == "bewindvoerder"
    assert plan.asks[0].mode == "bevestigen" and plan.asks[0].periodic
    assert plan.decision is not None and plan.decision.kind == "uitkomst" and plan.decision.deadline_days == 56
    assert service.steps[2].fetches[0].from_ == "polisadministratie"
    assert service.organisation_of("wijkteam").id == "gemeente" and service.person("bewindvoerder") is not None
    assert dienstvisie.load_service(dienstvisie.unstructure(service)) == service


def test_a_format_1_document_means_what_it_meant() -> None:
    service = dienstvisie.load_service(ROOT / "tests" / "corpus" / "format1" / "geboorte-den-haag.yaml")
    first = service.steps[0]
    assert first.handover is not None and first.handovers == (first.handover,)
    assert all(step.after is None for step in service.steps)
    assert all(ask.mode == "vragen" and not ask.periodic for step in service.steps for ask in step.asks)
    assert all(step.decision.kind == "besluit" for step in service.steps if step.decision is not None)
    assert Journey.of(service).is_linear()
    plain = dienstvisie.unstructure(service)
    assert plain["dienstvisie"] == "1" and "handover" in plain["steps"][0] and "handovers" not in plain["steps"][0]


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["steps"][1]["handovers"][0].update(to="schuldhlp"), ("ref.organisation_or_team", "/steps/1/handovers/0/to")),
    (lambda d: d["steps"][3].update(acted_by="notaris"), ("ref.person", "/steps/3/acted_by")),
    (lambda d: d["steps"][2]["fetches"][0].update({"from": "bri"}), ("ref.register_or_organisation", "/steps/2/fetches/0/from")),
    (lambda d: d["registers"][0].update(kept_by="belastingdienst"), ("ref.organisation", "/registers/0/kept_by")),
    (lambda d: d["steps"][3].update(after=["huisbezoek", "nergens"]), ("ref.step", "/steps/3/after/1")),
    (lambda d: d["steps"][2].update(after=["plan"]), ("ref.after_order", "/steps/2/after/0")),
    (lambda d: d["steps"][1].update(team="onbekend"), ("ref.team", "/steps/1/team")),
    (lambda d: d["steps"][0].update(team="wijkteam"), ("ref.team_organisation", "/steps/0/team")),
    (lambda d: d["steps"][3]["applies_to"].update(situations=["dakloos"]), ("ref.situation", "/steps/3/applies_to/situations/0")),
    (lambda d: d["organisations"][0]["teams"].append({"id": "uwv", "name": "UWV-team"}), ("ref.duplicate_id", "/organisations/2/id")),  # the team comes first in the file
    (lambda d: d["people"].append({"id": "bewindvoerder", "role": "mantelzorger"}), ("ref.duplicate_id", "/people/1/id")),
    (lambda d: d.update(coordination={"organisations": ["gemeente", "woco"]}), ("ref.organisation", "/coordination/organisations/1")),
    (lambda d: d["steps"][0].update(handover={"to": "uwv", "kind": "cold"}), ("schema.exclusive", "/steps/0")),
    (lambda d: d["steps"][3]["decision"].pop("deadline_source"), ("schema.required", "/steps/3/decision")),
])
def test_broken_references_and_shapes_are_problems(change: Any, expected: tuple[str, str]) -> None:
    data = copy.deepcopy(BASE)
    change(data)
    assert expected in _codes(data)


def test_a_format_1_document_may_not_use_what_is_new_in_format_2() -> None:
    codes = _codes(_doc(dienstvisie="1"))
    assert ("schema.since_value", "/audience/0") in codes
    assert ("schema.since", "/people") in codes and ("schema.since", "/steps/0/handovers") in codes
    assert ("schema.since_value", "/steps/0/initiative") in codes
    assert ("schema.since", "/steps/3/asks/0/mode") in codes
    with pytest.raises(dienstvisie.DocumentError) as error:
        dienstvisie.load_service(_doc(dienstvisie="1"))
    assert "new in format 2" in str(error.value)
    assert error.value.problems[0].hint is not None and 'dienstvisie: "2"' in error.value.problems[0].hint.get("en")


def test_the_cli_names_file_line_and_fix(tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "f.yaml"
    data = _doc()
    data["steps"][3]["acted_by"] = "notaris"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "validate", str(path)], capture_output=True, text=True,
                            env={"DIENSTVISIE_LANG": "en", "PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:" in result.stderr and "'notaris' is not a person listed in 'people'" in result.stderr
    assert "Add 'notaris' to 'people'" in result.stderr


def test_every_reference_in_the_schema_is_declared_there() -> None:
    """Validation reads x-ref; this names the references the format has, so dropping one from the schema fails."""
    refs = {("/".join(field.path), field.spaces) for field in declared("service").refs}
    assert ("steps/*/handovers/*/to", ("organisation", "team")) in refs
    assert ("steps/*/handover/to", ("organisation", "team")) in refs
    assert ("steps/*/acted_by", ("person",)) in refs
    assert ("steps/*/fetches/*/from", ("register", "organisation")) in refs
    assert ("explanations/*/step", ("step",)) in refs and ("owner/organisation", ("organisation",)) in refs
    assert ("contact/single_point", ("organisation",)) in refs and ("signals/reviewed_with/*", ("organisation",)) in refs
    assert declared("service").unique_group("team") == {"team", "organisation"}


@settings(max_examples=80, deadline=None)
@given(service_concepts(formats=("2",)))
def test_generated_format_2_documents_are_valid_and_their_journey_is_sound(data: dict[str, Any]) -> None:
    assert _codes(data) == []
    service = dienstvisie.load_service(data)
    journey = Journey.of(service)
    for step in service.steps:
        before = {s.id for s in journey.before(step.id)}
        assert step.id not in before  # no cycles
        assert all(journey.index(s) < journey.index(step.id) for s in before)
        assert {s.id for s in journey.predecessors(step.id)} <= before
        for later in journey.after(step.id):
            assert step.id in {s.id for s in journey.before(later.id)}
    assert journey.starts() and journey.ends()


def _journey(*afters: list[str] | None) -> Journey:
    steps = []
    for index, after in enumerate(afters):
        step: dict[str, Any] = {"id": f"s{index}", "title": "x", "organisation": "o", "initiative": "burger"}
        if after is not None:
            step["after"] = after
        steps.append(step)
    return Journey.of(dienstvisie.load_service({"dienstvisie": "2", "id": "j", "title": "J", "audience": ["burger"],
                                                "organisations": [{"id": "o", "name": "O", "kind": "gemeente"}],
                                                "steps": steps}))


def test_journey_default_is_the_step_before() -> None:
    journey = _journey(None, None, None)
    assert journey.is_linear()
    assert [s.id for s in journey.predecessors("s2")] == ["s1"]
    assert [s.id for s in journey.before("s2")] == ["s0", "s1"]
    assert [s.id for s in journey.after("s0")] == ["s1", "s2"]


def test_journey_branches_fan_out_and_join() -> None:
    # s0 → s1 ; s2 starts a branch; s3 joins s1 and s2; s4 follows s3 (the step before)
    journey = _journey(None, None, [], ["s1", "s2"], None)
    assert not journey.is_linear()
    assert [s.id for s in journey.starts()] == ["s0", "s2"]
    assert [s.id for s in journey.predecessors("s3")] == ["s1", "s2"]
    assert [s.id for s in journey.before("s3")] == ["s0", "s1", "s2"]
    assert [s.id for s in journey.before("s2")] == []  # the line before it is not "before" it
    assert [s.id for s in journey.successors("s0")] == ["s1"]
    assert [s.id for s in journey.after("s2")] == ["s3", "s4"]
    assert [s.id for s in journey.ends()] == ["s4"]


def test_journey_copes_with_a_model_built_by_hand() -> None:
    import attrs

    service = dienstvisie.load_service(ROOT / "examples" / "werkloos-uwv.yaml")
    first, second = service.steps[0], service.steps[1]
    looped = attrs.evolve(service, steps=(attrs.evolve(first, after=(second.id, "ghost")), second, *service.steps[2:]))
    journey = Journey.of(looped)
    assert first.id not in {s.id for s in journey.before(first.id)}
    assert {s.id for s in journey.before(second.id)} == {first.id}


def test_handovers_before_follow_the_graph() -> None:
    service = dienstvisie.load_service(BASE)
    journey = Journey.of(service)
    assert [(s.id, h.to) for s, h in journey.handovers_before("inkomen")] == [("signaal", "wijkteam")]
    assert [(s.id, h.to) for s, h in journey.handovers_before("plan")] == [("signaal", "wijkteam"), ("huisbezoek", "schuldhulp")]


def test_every_initiative_and_handover_kind_of_the_schema_has_report_labels() -> None:
    """Reports name each value in words, in both languages: a value added to the schema needs its labels."""
    from dienstvisie.exporters._common import LABELS
    from dienstvisie.schemas import load_schema

    schema = load_schema("service")
    for value in schema["$defs"]["step"]["properties"]["initiative"]["enum"]:
        for key in (f"initiative.{value}", f"initiative_short.{value}"):
            assert set(LABELS[key]) == {"nl", "en"}, key
    for value in schema["$defs"]["handover"]["properties"]["kind"]["enum"]:
        assert set(LABELS[f"kind.{value}"]) == {"nl", "en"}


def test_every_reference_problem_the_schema_can_give_has_a_message() -> None:
    """A reference names the spaces that have ids in the document, so each ordered subset is a code."""
    import itertools

    from dienstvisie.i18n import CATALOGUE

    fields = declared("service")
    for ref in fields.refs:
        for size in range(1, len(ref.spaces) + 1):
            for subset in itertools.combinations(ref.spaces, size):
                assert "ref." + "_or_".join(subset) in CATALOGUE, (ref, subset)
    for space in fields.spaces():
        assert f"what.{space}" in CATALOGUE
