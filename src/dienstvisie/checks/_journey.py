"""The journey graph as the checks use it: step indexes before a step, hand-overs, and where they point.

"The step before" in every check means the step's predecessors in the journey graph
(model/journey.py), never merely the previous line of the file; "earlier" means every step from
which the journey reaches this one. This module gives the checks indexes (for JSON pointers) and
the two spellings of a hand-over: format 1 writes one `handover`, format 2 `handovers`.

What the checks ask of every step ("which organisations did the journey meet before this step",
"which data items were passed on before it") they ask through `first_before` and `last_before`:
answered for all steps at once, once per service, so a check stays linear in the number of steps
where asking `ancestors` for each step would be quadratic. The answers are kept with the journey
of the service (checks/_per_service.py), so the checks of one service share them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from ..model.journey import Journey
from ..model.service import Handover, ServiceConcept, Step
from ._per_service import remembered

K = TypeVar("K", bound=Hashable)

Keys = Callable[[ServiceConcept, Step], Iterable[K]]
"""What a step contributes to a question about the steps before others (e.g. the data items it
passes on); a module-level function, so its answers can be kept per service."""


def _journey(service: ServiceConcept) -> Journey:
    return remembered(service, Journey.of)


def _folds(service: ServiceConcept) -> dict[tuple[Callable[..., Any], bool], tuple[Mapping[Any, int], ...]]:
    """The answers about every step worked out so far for `service`, by question."""
    return {}


def _fold(service: ServiceConcept, keys: Keys[K], last: bool) -> tuple[Mapping[K, int], ...]:
    folds = remembered(service, _folds)
    found = folds.get((keys, last))
    if found is None:
        journey = _journey(service)
        of_step = functools.partial(keys, service)
        found = journey.last_before(of_step) if last else journey.first_before(of_step)
        folds[(keys, last)] = found
    return found


def first_before(service: ServiceConcept, keys: Keys[K]) -> tuple[Mapping[K, int], ...]:
    """For each step index: every key that `keys` gives for a step before it in the journey, with
    the index of the first such step in document order."""
    return _fold(service, keys, False)


def last_before(service: ServiceConcept, keys: Keys[K]) -> tuple[Mapping[K, int], ...]:
    """For each step index: every key that `keys` gives for a step before it in the journey, with
    the index of the last such step in document order."""
    return _fold(service, keys, True)


def in_order(service: ServiceConcept) -> bool:
    """The document order is an order of the journey graph (as validation makes sure): a step
    with a higher index is never before one with a lower index."""
    return _journey(service).in_order


def dominates(service: ServiceConcept, index: int, via: int) -> bool:
    """Every path from a start of the journey to step `index` passes through step `via`."""
    steps = service.steps
    return _journey(service).dominates(steps[index].id, steps[via].id)


def predecessors(service: ServiceConcept, index: int) -> tuple[int, ...]:
    """The indexes of the steps that `service.steps[index]` directly follows."""
    return _journey(service).predecessor_positions()[index]


def ancestors(service: ServiceConcept, index: int) -> tuple[int, ...]:
    """The indexes of every step from which the journey reaches this one, in document order (for
    one step; a question about every step goes through `first_before` or `last_before`)."""
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
    for index, before in enumerate(_journey(service).predecessor_positions()):
        for earlier in before:
            yield earlier, index


def handover_pointer(service: ServiceConcept, step_index: int, handover_index: int) -> str:
    """The JSON pointer of a hand-over: `/steps/I/handover` in format 1, `/steps/I/handovers/J` in format 2
    (the engine finds the other spelling when a format-2 document writes one `handover`)."""
    if service.dienstvisie == "1":
        return f"/steps/{step_index}/handover"
    return f"/steps/{step_index}/handovers/{handover_index}"


def organisation_of(service: ServiceConcept, party: str) -> str:
    """The organisation id that `party` (an organisation or a team id) belongs to; `party` when unknown."""
    return service.organisation_id(party)


def _teams_by_organisation(service: ServiceConcept) -> Mapping[str, tuple[str, ...]]:
    """The team ids that belong to each organisation (by `organisation_of`)."""
    teams: dict[str, list[str]] = {}
    for organisation in service.organisations:
        for team in organisation.teams:
            teams.setdefault(organisation_of(service, team.id), []).append(team.id)
    return {organisation: tuple(dict.fromkeys(ids)) for organisation, ids in teams.items()}


def reaches(service: ServiceConcept, handover: Handover, step: Step) -> bool:
    """The hand-over goes to the organisation of `step`, to its team, or to a team of its organisation
    when the step names no team."""
    return handover.to in parties_reaching(service, step)


def parties_reaching(service: ServiceConcept, step: Step) -> tuple[str, ...]:
    """Every `to` of a hand-over that reaches `step` (see `reaches`): its organisation, and its team
    or, when it names none, every team of its organisation."""
    if step.team is not None:
        return (step.organisation, step.team)
    return (step.organisation, *remembered(service, _teams_by_organisation).get(step.organisation, ()))
