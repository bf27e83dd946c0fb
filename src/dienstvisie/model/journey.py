"""The journey as a graph of steps: what comes before and after a step, as the document means it.

Checks ask "the step before" or "later"; in format 2 that is never merely the previous line of the
file. A step's `after` names the steps it follows; without `after` it follows the step before it in
the document ([] for the first); `after: []` starts a branch at the beginning; several ids join
branches. Validation makes sure `after` names earlier steps only, so the graph has no cycles and the
document order is an order of the graph (this module still copes with unknown ids and cycles, so
a model built by hand cannot hang it).

Questions about every step at once (`first_before`, `last_before`, `dominates`) are answered in
one pass along the document order, so a check that asks them for each step stays linear in the
number of steps: asking `before()` for each step instead lists every earlier step again for every
step (quadratic; 2,000 steps took DV303 half a second). The one pass needs the document order to
be an order of the graph (`in_order`, which validation ensures); a journey built by hand that is
not gets the same answers from `before()`, step by step.

Pure: no I/O, nothing cached between services. Build one `Journey` per service with `Journey.of`;
what it works out once (predecessor positions, the dominator tree) it keeps for that service only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from .service import Handover, ServiceConcept, Step

K = TypeVar("K", bound=Hashable)

_NOTHING: Mapping[Any, int] = {}
"""The answer for a step with nothing before it; shared, never changed."""


def _predecessor_ids(steps: tuple[Step, ...]) -> dict[str, tuple[str, ...]]:
    known = {step.id for step in steps}
    result: dict[str, tuple[str, ...]] = {}
    for index, step in enumerate(steps):
        if step.after is None:
            result[step.id] = (steps[index - 1].id,) if index > 0 else ()
        else:
            result[step.id] = tuple(dict.fromkeys(ref for ref in step.after if ref in known and ref != step.id))
    return result


def _in_order(steps: tuple[Step, ...], predecessors: Mapping[str, tuple[str, ...]],
              positions: Mapping[str, int]) -> bool:
    """Every step has its own id and follows only steps above it in the document."""
    return len(positions) == len(steps) and all(
        positions[ref] < index for index, step in enumerate(steps) for ref in predecessors[step.id])


@attrs.frozen
class Journey:
    """The steps of one service with their predecessors and successors.

    `in_order`: the document order is an order of the graph (every step has its own id and follows
    only steps above it), as validation makes sure; the questions about every step are then
    answered in one pass (without it, step by step, with the same answers).
    """

    steps: tuple[Step, ...]
    predecessor_ids: Mapping[str, tuple[str, ...]]
    successor_ids: Mapping[str, tuple[str, ...]]
    positions: Mapping[str, int]
    in_order: bool = False
    _memo: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

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
        return cls(steps, predecessors, {key: tuple(value) for key, value in successors.items()}, positions,
                   _in_order(steps, predecessors, positions))

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

    # --- questions about every step at once --------------------------------------------------------

    def predecessor_positions(self) -> tuple[tuple[int, ...], ...]:
        """For every step (by its position in the document): the positions of the steps it directly
        follows, in document order (as `predecessors`, worked out once)."""
        found = self._memo.get("predecessor positions")
        if found is None:
            found = tuple(tuple(sorted({self.positions[ref] for ref in self.predecessor_ids.get(step.id, ())}))
                          for step in self.steps)
            self._memo["predecessor positions"] = found
        result: tuple[tuple[int, ...], ...] = found
        return result

    def first_before(self, keys: Callable[[Step], Iterable[K]]) -> tuple[Mapping[K, int], ...]:
        """For every step (by its position in the document): each key that `keys` gives for some step
        before it in the journey (see `before`), with the position of the first such step."""
        return self._fold(keys, last=False)

    def last_before(self, keys: Callable[[Step], Iterable[K]]) -> tuple[Mapping[K, int], ...]:
        """As `first_before`, with the position of the last such step in document order."""
        return self._fold(keys, last=True)

    def _fold(self, keys: Callable[[Step], Iterable[K]], *, last: bool) -> tuple[Mapping[K, int], ...]:
        if not self.in_order:
            return tuple(self._fold_slowly(step, keys, last) for step in self.steps)
        own = [tuple(keys(step)) for step in self.steps]  # repeats are harmless: `_extended` makes a dict
        result: list[Mapping[K, int]] = []
        for before in self.predecessor_positions():
            if not before:
                result.append(_NOTHING)
            elif len(before) == 1:  # a chain: the one before adds its own keys, often none that are new
                result.append(_extended(result[before[0]], own[before[0]], before[0], last))
            else:  # branches join: each key from whichever branch has it first (or last)
                merged: dict[K, int] = {}
                for position in before:
                    for key, where in _extended(result[position], own[position], position, last).items():
                        known = merged.get(key)
                        if known is None or (where > known if last else where < known):
                            merged[key] = where
                result.append(merged)
        return tuple(result)

    def _fold_slowly(self, step: Step, keys: Callable[[Step], Iterable[K]], last: bool) -> Mapping[K, int]:
        found: dict[K, int] = {}
        for earlier in self.before(step.id):
            position = self.positions[earlier.id]
            for key in keys(earlier):
                if last or key not in found:
                    found[key] = position
        return found

    def dominates(self, step_id: str, via_id: str) -> bool:
        """True when every path from a start of the journey to `step_id` passes through `via_id` (a
        step dominates itself). Then every step before `step_id` that is not before `via_id` comes
        after `via_id`: nothing reaches the step around it."""
        if step_id == via_id:
            return True
        if not self.in_order:
            return self._dominates_slowly(step_id, via_id)
        enter, leave = self._dominator_tree()
        step, via = self.positions[step_id], self.positions[via_id]
        return enter[via] <= enter[step] and leave[step] <= leave[via]

    def _dominates_slowly(self, step_id: str, via_id: str) -> bool:
        """By the definition: the step cannot be reached from a start without passing `via_id`."""
        stack = [step.id for step in self.starts() if step.id != via_id]
        seen = set(stack)
        while stack:
            current = stack.pop()
            if current == step_id:
                return False
            for following in self.successor_ids.get(current, ()):
                if following != via_id and following not in seen:
                    seen.add(following)
                    stack.append(following)
        return True

    def _dominator_tree(self) -> tuple[list[int], list[int]]:
        """When each step is entered and left in a walk of the dominator tree (a step dominates
        another when its span holds the other's); only for a journey `in_order`.

        The immediate dominator of a step is the nearest step that every one of its predecessors
        passes through (Cooper, Harvey and Kennedy), found walking up from the predecessors; the
        document order is an order of the graph, so one pass finds them all."""
        found = self._memo.get("dominator tree")
        if found is not None:
            tree: tuple[list[int], list[int]] = found
            return tree
        root = -1  # the start of the journey, before every step
        dominator: list[int] = []
        for before in self.predecessor_positions():
            if not before:
                dominator.append(root)
                continue
            meet = before[0]
            for other in before[1:]:
                while meet != other:
                    while meet > other:
                        meet = dominator[meet]
                    while other > meet:
                        other = dominator[other]
            dominator.append(meet)
        children: list[list[int]] = [[] for _ in range(len(dominator) + 1)]  # the root's are last
        for position, parent in enumerate(dominator):
            children[parent].append(position)
        enter = [0] * len(dominator)
        leave = [0] * len(dominator)
        clock = 0
        stack: list[tuple[int, bool]] = [(child, False) for child in reversed(children[root])]
        while stack:
            position, done = stack.pop()
            clock += 1
            if done:
                leave[position] = clock
                continue
            enter[position] = clock
            stack.append((position, True))
            stack.extend((child, False) for child in reversed(children[position]))
        tree = (enter, leave)
        self._memo["dominator tree"] = tree
        return tree


def _extended(before: Mapping[K, int], own: tuple[K, ...], position: int, last: bool) -> Mapping[K, int]:
    """What a step at `position` hands on: what came before it, and its own keys at its position
    (which is later than any position before it). The same mapping when nothing changes."""
    if not own:
        return before
    if last:
        extended = dict(before)
        extended.update(dict.fromkeys(own, position))
        return extended
    missing = [key for key in own if key not in before]
    if not missing:
        return before
    extended = dict(before)
    extended.update(dict.fromkeys(missing, position))
    return extended
