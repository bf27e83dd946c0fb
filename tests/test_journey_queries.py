"""The journey's questions about every step at once (model/journey.py: `first_before`, `last_before`,
`dominates`) and the checks built on them give the same answers as asking `before()` step by step.

The checks used to ask `before()` for every step, which is quadratic in the number of steps; they
now ask once per service. Each property here draws random journeys with branches (`after: []`,
several steps after one) and joins (`after` naming several steps), and compares the one-pass
answers with the naive ones: the graph queries with their definitions, and every helper the checks
of P1, P2 and P3 use with the code it replaced (kept below as the reference). Journeys built by
hand that validation would refuse (unknown ids, steps after later ones, cycles, twice the same id)
must give the same answers too, by the slow path.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from dienstvisie.checks import _journey, p1_no_wrong_door, p2_proactive, p3_once_only
from dienstvisie.documents.load import load_vision, shipped_vocabularies
from dienstvisie.documents.structure import structure_service
from dienstvisie.model.check import CheckContext, Outcome
from dienstvisie.model.journey import Journey
from dienstvisie.model.service import Handover, ServiceConcept, Step
from support import TODAY

ORGANISATIONS = {"gemeente": "gemeente", "svb": "uitvoeringsorganisatie", "verzekeraar": "private"}
TEAMS = {"gemeente": ["wijkteam", "balie"], "svb": ["svb-team"]}
PARTIES = [*ORGANISATIONS, *(team for teams in TEAMS.values() for team in teams), "onbekend"]
DATA = ["bsn", "iban", "inkomen"]
SOURCES = ["brp", "gemeente"]


@st.composite
def services(draw: st.DrawFn, valid: bool = True) -> ServiceConcept:
    """A service concept whose journey has branches and joins; `valid=False` also lets `after` name
    unknown and later steps (cycles) and two steps share an id, as only a model built by hand can."""
    count = draw(st.integers(1, 9))
    ids = [f"s{i}" for i in range(count)]
    if not valid and count > 1 and draw(st.booleans()):
        ids[draw(st.integers(1, count - 1))] = ids[0]
    steps: list[dict[str, Any]] = []
    for index in range(count):
        organisation = draw(st.sampled_from(list(ORGANISATIONS)))
        step: dict[str, Any] = {"id": ids[index], "title": f"Stap {index}", "organisation": organisation,
                                "initiative": draw(st.sampled_from(["burger", "overheid", "automatisch", "derde"]))}
        if organisation in TEAMS and draw(st.booleans()):
            step["team"] = draw(st.sampled_from(TEAMS[organisation]))
        refs = ids[:index] if valid else [*ids, "onbekend"]
        after = draw(st.one_of(st.none(), st.just([]), st.lists(st.sampled_from(refs), min_size=1, max_size=3,
                                                                 unique=True))) if refs else draw(st.sampled_from([None, []]))
        if after is not None:
            step["after"] = after
        step["asks"] = [{"data": draw(st.sampled_from(DATA)),
                         **({"periodic": True} if draw(st.integers(0, 5)) == 0 else {}),
                         **({"mode": "bevestigen"} if draw(st.integers(0, 5)) == 0 else {}),
                         **({"already_known_by": "brp"} if draw(st.integers(0, 5)) == 0 else {})}
                        for _ in range(draw(st.integers(0, 2)))]
        step["fetches"] = [{"data": draw(st.sampled_from(DATA)), "from": draw(st.sampled_from(SOURCES))}
                           for _ in range(draw(st.integers(0, 2)))]
        step["handovers"] = [{"to": draw(st.sampled_from(PARTIES)), "kind": draw(st.sampled_from(["warm", "data", "cold"])),
                              "shares": draw(st.lists(st.sampled_from(DATA), unique=True, max_size=2))}
                             for _ in range(draw(st.integers(0, 2)))]
        if draw(st.integers(0, 3)) == 0:
            step["applies_to"] = "Alleen wie een partner heeft"
        if draw(st.integers(0, 3)) == 0:
            step["legal_duty"] = True
        steps.append(step)
    organisations = [{"id": oid, "name": oid.title(), "kind": kind,
                      **({"teams": [{"id": team, "name": team.title()} for team in TEAMS[oid]]} if oid in TEAMS else {})}
                     for oid, kind in ORGANISATIONS.items()]
    return structure_service({"dienstvisie": "2", "id": "dienst", "title": "Dienst", "audience": ["burger"],
                              "organisations": organisations, "steps": steps})


def _keys(step: Step) -> tuple[str, ...]:
    """Something a step contributes, repeated and shared between steps: its organisation and data."""
    return (step.organisation, *(ask.data for ask in step.asks), *(h.to for h in step.handovers))


def _positions(journey: Journey, step_id: str) -> list[int]:
    return [journey.index(step.id) for step in journey.before(step_id)]


# --- the graph queries against their definitions ------------------------------------------------


@given(services())
def test_document_order_is_an_order_of_a_valid_journey(service: ServiceConcept) -> None:
    assert Journey.of(service).in_order


@given(st.one_of(services(), services(valid=False)))
def test_first_and_last_before_are_the_first_and_last_step_before_with_each_key(service: ServiceConcept) -> None:
    journey = Journey.of(service)
    first, last = journey.first_before(_keys), journey.last_before(_keys)
    assert len(first) == len(last) == len(service.steps)
    for position, step in enumerate(service.steps):
        expected_first: dict[str, int] = {}
        expected_last: dict[str, int] = {}
        for earlier in _positions(journey, step.id):
            for key in _keys(service.steps[earlier]):
                expected_first.setdefault(key, earlier)
                expected_last[key] = earlier
        assert dict(first[position]) == expected_first
        assert dict(last[position]) == expected_last


def _dominates_by_definition(journey: Journey, step_id: str, via_id: str) -> bool:
    """No path from a start reaches the step without passing `via_id`: the step is unreachable once it is gone."""
    if step_id == via_id:
        return True
    reached = {step.id for step in journey.starts() if step.id != via_id}
    frontier = list(reached)
    while frontier:
        for following in journey.successor_ids.get(frontier.pop(), ()):
            if following != via_id and following not in reached:
                reached.add(following)
                frontier.append(following)
    return step_id not in reached


@given(st.one_of(services(), services(valid=False)))
def test_dominates_is_every_path_passing_through(service: ServiceConcept) -> None:
    journey = Journey.of(service)
    ids = list(journey.positions)
    for step_id in ids:
        for via_id in ids:
            assert journey.dominates(step_id, via_id) == _dominates_by_definition(journey, step_id, via_id), \
                (step_id, via_id)


def test_a_join_is_dominated_only_where_its_branches_meet() -> None:
    """s0 → s1 → s3 and s0 → s2 → s3: only s0 (and s3 itself) is on every path to s3."""
    service = structure_service({
        "dienstvisie": "2", "id": "d", "title": "D", "audience": ["burger"],
        "organisations": [{"id": "gemeente", "name": "Gemeente", "kind": "gemeente"}],
        "steps": [{"id": f"s{i}", "title": "T", "organisation": "gemeente", "initiative": "burger", **extra}
                  for i, extra in enumerate([{}, {}, {"after": ["s0"]}, {"after": ["s1", "s2"]}])]})
    journey = Journey.of(service)
    assert [via for via in ("s0", "s1", "s2", "s3") if journey.dominates("s3", via)] == ["s0", "s3"]
    assert dict(journey.first_before(lambda step: ("x",))[3]) == {"x": 0}
    assert dict(journey.last_before(lambda step: ("x",))[3]) == {"x": 2}


# --- what the checks replaced, as the reference -------------------------------------------------


def _ancestors(service: ServiceConcept, index: int) -> tuple[int, ...]:
    return tuple(_positions(Journey.of(service), service.steps[index].id))


def _organisation_of(service: ServiceConcept, party: str) -> str:
    try:
        return service.organisation_of(party).id
    except KeyError:
        return party


def _reaches(service: ServiceConcept, handover: Handover, step: Step) -> bool:
    if handover.to == step.organisation or (step.team is not None and handover.to == step.team):
        return True
    return step.team is None and service.team(handover.to) is not None and \
        _organisation_of(service, handover.to) == step.organisation


def _announced(service: ServiceConcept, upto: int, organisation: str) -> bool:
    return any(_organisation_of(service, handover.to) == organisation
               for index in (*_ancestors(service, upto), upto) for handover in service.steps[index].handovers)


def _known_door(service: ServiceConcept, index: int, organisation: str) -> bool:
    return any(service.steps[earlier].organisation == organisation for earlier in _ancestors(service, index))


def _shared_before(service: ServiceConcept, index: int) -> set[str]:
    return {data for earlier in _ancestors(service, index) for handover in service.steps[earlier].handovers
            for data in handover.shares}


def _fetched_by(service: ServiceConcept, index: int, data: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fetch.from_ for earlier in (*_ancestors(service, index), index)
                               for fetch in service.steps[earlier].fetches if fetch.data == data))


def _unknown_asks(ctx: CheckContext, index: int, step: Step) -> list[str]:
    service = ctx.service
    shared = _shared_before(service, index)
    asked = {ask.data for earlier in _ancestors(service, index) for ask in service.steps[earlier].asks}
    return [ask.data for ask in step.asks
            if ask.periodic or not (p3_once_only.holders(ctx, step, ask) or ask.data in shared or ask.data in asked
                                    or _fetched_by(service, index, ask.data))]


def _sharer(service: ServiceConcept, index: int, step: Step) -> int | None:
    return next((earlier for earlier in reversed(_ancestors(service, index))
                 if any(h.kind == "data" and _reaches(service, h, step) for h in service.steps[earlier].handovers)), None)


def _reached_out_since(service: ServiceConcept, sharer: int, index: int) -> bool:
    step = service.steps[index]
    since = set(_ancestors(service, index)) - set(_ancestors(service, sharer)) - {sharer}
    return any(service.steps[i].organisation == step.organisation
               and service.steps[i].initiative in p2_proactive.ACTS_ITSELF for i in since)


def _private(service: ServiceConcept, step: Step) -> bool:
    try:
        return service.organisation(step.organisation).kind == "private"
    except KeyError:
        return False


def _asked_before(service: ServiceConcept, index: int, data: str) -> Step | None:
    step = service.steps[index]
    if _private(service, step):
        return None
    before = set(_ancestors(service, index))
    for earlier in range(index):
        other = service.steps[earlier]
        if _private(service, other) or not any(ask.data == data for ask in other.asks):
            continue
        if earlier in before or (other.applies_to is None and step.applies_to is None):
            return other
    return None


def _asked_after_shared(ctx: CheckContext) -> Iterator[Outcome]:
    """DV303's loop as it was (without its skip)."""
    service = ctx.service
    steps = service.steps
    for s_index, step in enumerate(steps):
        shared: dict[str, tuple[Step, str]] = {}
        for earlier in _ancestors(service, s_index):
            for handover in steps[earlier].handovers:
                for data in handover.shares:
                    shared.setdefault(data, (steps[earlier], handover.to))
        for a_index, ask in enumerate(step.asks):
            if ask.data in shared and p3_once_only.once_only_applies(ask):
                sharer, target = shared[ask.data]
                yield p3_once_only._asked_after(ctx, s_index, step, a_index, ask, sharer, target)


_VISION = load_vision()
_VOCABULARIES = shipped_vocabularies()


def _context(service: ServiceConcept) -> CheckContext:
    return CheckContext(service=service, vision=_VISION, vocabularies=_VOCABULARIES, today=TODAY)


# --- the checks' helpers against the reference --------------------------------------------------


@given(st.one_of(services(), services(valid=False)))
def test_the_helpers_of_the_checks_answer_as_before(service: ServiceConcept) -> None:
    ctx = _context(service)
    for index, step in enumerate(service.steps):
        for organisation in ORGANISATIONS:
            assert p1_no_wrong_door._announced(service, index, organisation) == _announced(service, index, organisation)
            assert p1_no_wrong_door._known_door(service, index, organisation) == _known_door(service, index, organisation)
        assert set(p2_proactive._shared_before(service, index)) == _shared_before(service, index)
        assert p2_proactive._unknown_asks(ctx, index, step) == _unknown_asks(ctx, index, step)
        for data in DATA:
            assert p3_once_only.fetched_by(service, index, data) == _fetched_by(service, index, data)
            assert p3_once_only._asked_before(service, index, data) == _asked_before(service, index, data)
        sharer = p2_proactive._sharer(service, index, step)
        assert sharer == _sharer(service, index, step)
        for earlier in _ancestors(service, index):
            assert p2_proactive._reached_out_since(service, earlier, index) == _reached_out_since(service, earlier, index)
        for handover in step.handovers:
            assert _journey.reaches(service, handover, step) == _reaches(service, handover, step)
        for party in PARTIES:
            assert _journey.organisation_of(service, party) == _organisation_of(service, party)


@given(st.one_of(services(), services(valid=False)))
def test_the_checks_on_the_graph_find_what_they_found_before(service: ServiceConcept) -> None:
    """DV104, DV201, DV203, DV301, DV302 and DV303 whole: the same outcomes (messages, pointers,
    order) with the one-pass helpers as with the reference ones."""
    ctx = _context(service)
    checks = (p1_no_wrong_door.unannounced_next_door, p2_proactive.government_could_act,
              p2_proactive.acts_after_data_handover, p3_once_only.asks_known_data, p3_once_only.asked_twice)
    now = [list(check.function(ctx)) for check in checks]
    with mock.patch.multiple(p1_no_wrong_door, _announced=_announced, _known_door=_known_door), \
            mock.patch.multiple(p2_proactive, _unknown_asks=_unknown_asks, _sharer=_sharer,
                                _reached_out_since=_reached_out_since, fetched_by=_fetched_by), \
            mock.patch.multiple(p3_once_only, fetched_by=_fetched_by, _asked_before=_asked_before):
        before = [list(check.function(ctx)) for check in checks]
    assert now == before
    dv303 = [outcome for outcome in p3_once_only.asked_after_shared.function(ctx) if outcome.kind != "not_applicable"]
    assert dv303 == list(_asked_after_shared(ctx))
