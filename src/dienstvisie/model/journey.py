"""The journey as a graph of steps: what comes before and after a step, as the document means it.

Checks ask "the step before" or "later"; in format 2 that is never merely the previous line of the
file. A step's `after` names the steps it follows; without `after` it follows the step before it in
the document ([] for the first); `after: []` starts a branch at the beginning; several ids join
branches. Validation makes sure `after` names earlier steps only, so the graph has no cycles and the
document order is an order of the graph (this module still copes with unknown ids and cycles, so
a model built by hand cannot hang it).

Pure: no I/O, nothing cached between services. Build one `Journey` per service with `Journey.of`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .service import Handover, ServiceConcept, Step


def _predecessor_ids(steps: tuple[Step, ...]) -> dict[str, tuple[str, ...]]:
    known = {step.id for step in steps}
    result: dict[str, tuple[str, ...]] = {}
    for index, step in enumerate(steps):
        if step.after is None:
            result[step.id] = (steps[index - 1].id,) if index > 0 else ()
        else:
            result[step.id] = tuple(dict.fromkeys(ref for ref in step.after if ref in known and ref != step.id))
    return result


@attrs.frozen
class Journey:
    """The steps of one service with their predecessors and successors."""

    steps: tuple[Step, ...]
    predecessor_ids: Mapping[str, tuple[str, ...]]
    successor_ids: Mapping[str, tuple[str, ...]]
    positions: Mapping[str, int]

    @classmethod
    def of(cls, service: ServiceConcept) -> Journey:
        """The journey of `service`."""
        steps = service.steps
        predecessors = _predecessor_ids(steps)
        successors: dict[str, list[str]] = {step.id: [] for step in steps}
        for step in steps:
            for ref in predecessors[step.id]:
                successors[ref].append(step.id)
        positions: dict[str, int] = {}
        for index, step in enumerate(steps):
            positions.setdefault(step.id, index)
        return cls(steps, predecessors, {key: tuple(value) for key, value in successors.items()}, positions)

    def step(self, step_id: str) -> Step:
        """The step with this id; KeyError when there is none."""
        return self.steps[self.positions[step_id]]

    def index(self, step_id: str) -> int:
        """The step's position in the document (its JSON pointer is /steps/INDEX)."""
        return self.positions[step_id]

    def _ordered(self, ids: Iterable[str]) -> tuple[Step, ...]:
        return tuple(self.steps[i] for i in sorted({self.positions[step_id] for step_id in ids}))

    def predecessors(self, step_id: str) -> tuple[Step, ...]:
        """The steps this one directly follows, in document order."""
        return self._ordered(self.predecessor_ids.get(step_id, ()))

    def successors(self, step_id: str) -> tuple[Step, ...]:
        """The steps that directly follow this one, in document order."""
        return self._ordered(self.successor_ids.get(step_id, ()))

    def _reach(self, step_id: str, edges: Mapping[str, tuple[str, ...]]) -> tuple[Step, ...]:
        seen: set[str] = set()
        stack = list(edges.get(step_id, ()))
        while stack:
            current = stack.pop()
            if current in seen or current == step_id:
                continue
            seen.add(current)
            stack.extend(edges.get(current, ()))
        return self._ordered(seen)

    def before(self, step_id: str) -> tuple[Step, ...]:
        """Every step on some path to this one (reachable before it), in document order."""
        return self._reach(step_id, self.predecessor_ids)

    def after(self, step_id: str) -> tuple[Step, ...]:
        """Every step on some path from this one (reachable after it), in document order."""
        return self._reach(step_id, self.successor_ids)

    def starts(self) -> tuple[Step, ...]:
        """The steps that follow no other: where branches begin."""
        return tuple(step for step in self.steps if not self.predecessor_ids.get(step.id))

    def ends(self) -> tuple[Step, ...]:
        """The steps no other step follows."""
        return tuple(step for step in self.steps if not self.successor_ids.get(step.id))

    def is_linear(self) -> bool:
        """True when every step follows exactly the one before it (a format-1 journey)."""
        return all(
            self.predecessor_ids.get(step.id) == ((self.steps[index - 1].id,) if index else ())
            for index, step in enumerate(self.steps)
        )

    def handovers_before(self, step_id: str) -> tuple[tuple[Step, Handover], ...]:
        """The hand-overs of every step reachable before this one, with the step that makes each."""
        return tuple((step, handover) for step in self.before(step_id) for handover in step.handovers)
