"""The journey as a graph, for the checks: which steps come before a step.

"The step before" in every check means the step's predecessors in the journey graph, never merely
the previous line of the file; "earlier" means every step from which the journey can reach this
one. A step without `after` follows the step before it in the file (format 1 and the default of
format 2); `after: []` starts a branch at the beginning; several ids join branches.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.service import Handover, ServiceConcept, Step


def predecessors(service: ServiceConcept, index: int) -> tuple[int, ...]:
    """The indexes of the steps that `service.steps[index]` directly follows."""
    after: tuple[str, ...] | None = getattr(service.steps[index], "after", None)
    if after is None:
        return (index - 1,) if index > 0 else ()
    known = {step.id: position for position, step in enumerate(service.steps)}
    return tuple(known[step_id] for step_id in after if step_id in known)


def ancestors(service: ServiceConcept, index: int) -> tuple[int, ...]:
    """The indexes of every step from which the journey reaches this one, in document order."""
    seen: set[int] = set()
    todo = list(predecessors(service, index))
    while todo:
        current = todo.pop()
        if current in seen or current == index:
            continue
        seen.add(current)
        todo.extend(predecessors(service, current))
    return tuple(sorted(seen))


def starts(service: ServiceConcept) -> tuple[int, ...]:
    """The steps the journey starts with (no predecessor)."""
    return tuple(index for index in range(len(service.steps)) if not predecessors(service, index))


def handovers(step: Step) -> tuple[Handover, ...]:
    """Every hand-over of a step (format 1 has at most one)."""
    many: tuple[Handover, ...] | None = getattr(step, "handovers", None)
    if many:
        return many
    return (step.handover,) if step.handover is not None else ()


def edges(service: ServiceConcept) -> Iterator[tuple[int, int]]:
    """Every (predecessor, step) pair of the journey graph."""
    for index in range(len(service.steps)):
        for before in predecessors(service, index):
            yield before, index
