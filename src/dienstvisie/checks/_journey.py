"""The journey graph as the checks use it: step indexes before a step, hand-overs, and where they point.

"The step before" in every check means the step's predecessors in the journey graph
(model/journey.py), never merely the previous line of the file; "earlier" means every step from
which the journey reaches this one. This module gives the checks indexes (for JSON pointers) and
the two spellings of a hand-over: format 1 writes one `handover`, format 2 `handovers`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.journey import Journey
from ..model.service import Handover, ServiceConcept, Step


_last: tuple[ServiceConcept | None, Journey | None] = (None, None)


def _journey(service: ServiceConcept) -> Journey:
    """The journey of `service`; the last one is kept, since the checks of a service ask one after
    another (the concept is frozen, so the same object always has the same journey)."""
    global _last
    known, journey = _last  # one read: another thread may replace the pair, never half of it
    if known is service and journey is not None:
        return journey
    journey = Journey.of(service)
    _last = (service, journey)
    return journey


def predecessors(service: ServiceConcept, index: int) -> tuple[int, ...]:
    """The indexes of the steps that `service.steps[index]` directly follows."""
    journey = _journey(service)
    return tuple(journey.index(step.id) for step in journey.predecessors(service.steps[index].id))


def ancestors(service: ServiceConcept, index: int) -> tuple[int, ...]:
    """The indexes of every step from which the journey reaches this one, in document order."""
    journey = _journey(service)
    return tuple(journey.index(step.id) for step in journey.before(service.steps[index].id))


def starts(service: ServiceConcept) -> tuple[int, ...]:
    """The steps the journey starts with (no predecessor)."""
    journey = _journey(service)
    return tuple(journey.index(step.id) for step in journey.starts())


def handovers(step: Step) -> tuple[Handover, ...]:
    """Every hand-over of a step (format 1 has at most one)."""
    return step.handovers


def edges(service: ServiceConcept) -> Iterator[tuple[int, int]]:
    """Every (predecessor, step) pair of the journey graph."""
    for index in range(len(service.steps)):
        for before in predecessors(service, index):
            yield before, index


def handover_pointer(service: ServiceConcept, step_index: int, handover_index: int) -> str:
    """The JSON pointer of a hand-over: `/steps/I/handover` in format 1, `/steps/I/handovers/J` in format 2
    (the engine finds the other spelling when a format-2 document writes one `handover`)."""
    if service.dienstvisie == "1":
        return f"/steps/{step_index}/handover"
    return f"/steps/{step_index}/handovers/{handover_index}"


def organisation_of(service: ServiceConcept, party: str) -> str:
    """The organisation id that `party` (an organisation or a team id) belongs to; `party` when unknown."""
    try:
        return service.organisation_of(party).id
    except KeyError:
        return party


def reaches(service: ServiceConcept, handover: Handover, step: Step) -> bool:
    """The hand-over goes to the organisation of `step`, to its team, or to a team of its organisation
    when the step names no team."""
    if handover.to == step.organisation or (step.team is not None and handover.to == step.team):
        return True
    return step.team is None and service.team(handover.to) is not None and \
        organisation_of(service, handover.to) == step.organisation
