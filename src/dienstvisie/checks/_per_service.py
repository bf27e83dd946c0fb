"""What the checks of one service work out once and share: the journey graph, the answers about
every step, a service's facts that several checks ask.

Why: the engine runs every check on a service one after another, and many of them ask the same
(the journey, which organisations a step met before, the legal bases of its flows). Each answer is
worked out on first use and kept with the service last asked about, so the next check finds it;
the next service starts afresh, so nothing is kept between services. The concept is frozen, so
the same object always has the same answers; the key is the object itself, never its value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..model.service import ServiceConcept

T = TypeVar("T")


class _Kept:
    """The facts worked out so far for one service."""

    def __init__(self, service: ServiceConcept) -> None:
        self.service = service
        self.facts: dict[Callable[[ServiceConcept], Any], Any] = {}


_last: _Kept | None = None


def remembered(service: ServiceConcept, fact: Callable[[ServiceConcept], T]) -> T:
    """`fact(service)`, worked out once per service: `fact` is a module-level function of the
    service alone (its identity is the key)."""
    global _last
    kept = _last  # one read: another thread may replace it, never half of it
    if kept is None or kept.service is not service:
        kept = _Kept(service)
        _last = kept
    if fact in kept.facts:
        found: T = kept.facts[fact]
        return found
    value = fact(service)
    kept.facts[fact] = value
    return value
