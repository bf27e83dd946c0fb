"""Helpers for tests: a strong service concept to start from, and running one check on it."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from dienstvisie.convert import structure_service
from dienstvisie.loading import load_vision, shipped_vocabularies
from dienstvisie.model.check import Check, CheckContext, Outcome
from dienstvisie.validation import schema_problems, service_reference_problems

TODAY = datetime.date(2026, 11, 29)

_STRONG: dict[str, Any] = {
    "dienstvisie": "1",
    "id": "sterk",
    "title": {"nl": "Regelen na een overlijden", "en": "Arranging matters after a death"},
    "audience": ["burger"],
    "life_events": ["overlijden"],
    "owner": {"organisation": "gemeente", "mandate": "bestuurlijk", "contact": "team levensgebeurtenissen"},
    "organisations": [
        {"id": "gemeente", "name": "Gemeente Utrecht", "kind": "gemeente"},
        {"id": "svb", "name": "Sociale Verzekeringsbank", "kind": "uitvoeringsorganisatie"},
    ],
    "contact": {"single_point": "gemeente", "human_contact": True, "channels": ["balie", "telefoon", "web"]},
    "steps": [
        {
            "id": "aangifte",
            "title": "Aangifte van overlijden",
            "organisation": "gemeente",
            "initiative": "burger",
            "legal_duty": True,
            "channels": ["balie", "web"],
            "asks": [{"data": "akte-van-overlijden"}],
            "handover": {"to": "svb", "kind": "data", "shares": ["bsn", "datum-overlijden"]},
            "language_level": "B1",
            "accessibility": "WCAG-2.1-AA",
            "expected_days": 1,
        },
        {
            "id": "anw",
            "title": "Nabestaandenuitkering (Anw)",
            "organisation": "svb",
            "initiative": "overheid",
            "channels": ["telefoon", "post", "web"],
            "asks": [{"data": "iban"}],
            "decision": {"explained": True, "appeal": True, "informal_contact_first": True, "discretion": True},
            "language_level": "B1",
            "accessibility": "WCAG-2.1-AA",
            "expected_days": 20,
        },
    ],
    "signals": {"feedback_channel": True, "reviewed_with": ["gemeente", "svb"], "measures": ["tevredenheid"]},
}


def strong_service() -> dict[str, Any]:
    """A fresh copy of a schema-valid service concept that honours every design principle."""
    return copy.deepcopy(_STRONG)


def assert_valid(data: dict[str, Any]) -> None:
    """Fail the test when `data` is not a valid service concept (so a test cannot pass on a broken fixture)."""
    problems = schema_problems(data, "service") + service_reference_problems(data)
    assert not problems, [(p.location.pointer, p.message.en) for p in problems]


def outcomes(check: Check, data: dict[str, Any]) -> list[Outcome]:
    """Run one check's function on a (validated) service concept and return its outcomes."""
    assert_valid(data)
    context = CheckContext(
        service=structure_service(data), vision=load_vision(), vocabularies=shipped_vocabularies(), today=TODAY
    )
    return list(check.function(context))


def failed(check: Check, data: dict[str, Any]) -> list[Outcome]:
    """Only the failed outcomes of one check."""
    return [outcome for outcome in outcomes(check, data) if outcome.kind == "failed"]
