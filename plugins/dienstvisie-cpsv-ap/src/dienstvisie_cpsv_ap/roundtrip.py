"""What of a service concept CPSV-AP can hold: exactly what an export followed by an import keeps.

docs/cpsv-ap.md explains each part; the tests hold every shipped example (and generated ones) to
`kept(original) == kept(exported and imported again)`.
"""

from __future__ import annotations

from typing import Any

from dienstvisie import ServiceConcept


def kept(service: ServiceConcept) -> dict[str, Any]:
    """The parts of `service` that survive a round trip through CPSV-AP, as comparable plain data.

    Kept: id, title, summary, audience, life events, situations, the service's and each step's UPL
    product, the organisations (id, name, kind), and per step, in journey order: id, title,
    organisation, channels, the data asked with the register that already holds it, whether the
    step takes a decision and of which kind (besluit or uitkomst), and the expected days. Lists that RDF holds without an order (audience,
    life events, situations, organisations, channels) are compared as sets.
    Lost: owner, contact, coordination, signals, assessment, explanations, and per step the
    initiative, legal duty, hand-overs, what a decision is like (explained, appeal, informal contact
    first, discretion, complaint, deadline), language level and accessibility; and what format 2
    adds beyond that: teams, people and acted_by, registers, after, applies_to, fetches, offer, and
    an ask's mode and periodic.
    """
    return {
        "id": service.id,
        "title": service.title,
        "summary": service.summary,
        "audience": sorted(service.audience),
        "life_events": sorted(service.life_events),
        "situations": sorted(service.situations),
        "upl": service.upl,
        "organisations": sorted((o.id, o.name, o.kind) for o in service.organisations),
        "steps": [
            {
                "id": step.id,
                "title": step.title,
                "organisation": step.organisation,
                "upl": step.upl,
                "channels": sorted(step.channels),
                "asks": [(ask.data, ask.already_known_by) for ask in step.asks],
                "decision": step.decision.kind if step.decision is not None else None,
                "expected_days": step.expected_days,
            }
            for step in service.steps
        ],
    }
