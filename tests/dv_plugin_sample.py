"""A small, well-behaved plugin used by tests/test_plugins.py: one check, one rule set given as
data, an enrichment of the service before checking, and a hook that sees every report."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from dienstvisie import (
    Check,
    CheckContext,
    Outcome,
    Report,
    ServiceConcept,
    Severity,
    Text,
    Vision,
    define_check,
    fail,
    hookimpl,
)

__version__ = "1.2.3"

SEEN: list[str] = []  # service ids of the reports this plugin saw


@define_check(
    id="SP101",
    title=Text(nl="Geen samenvatting", en="No summary"),
    rationale=Text(nl="Een samenvatting helpt.", en="A summary helps."),
    principles=("P6",),
    severity=Severity.MINOR,
    suggestion=Text(nl="Schrijf een samenvatting.", en="Write a summary."),
    origin="sample",
)
def no_summary(ctx: CheckContext) -> Iterator[Outcome]:
    if ctx.service.summary is None:
        yield fail(Text(nl="Geen samenvatting", en="No summary"))


RULESET: dict[str, Any] = {
    "dienstvisie_ruleset": "1",
    "id": "sample-rules",
    "name": "Voorbeeldregels",
    "rules": [{
        "id": "SP201", "title": "Eigenaar bekend", "message": "Dienst {service} heeft geen eigenaar",
        "principles": ["P6"], "severity": "info", "target": "service", "require": {"required": ["owner"]},
    }],
}


@hookimpl
def dienstvisie_checks(vision: Vision) -> list[Check]:
    return [no_summary] if vision.id == "gezamenlijke-dienstverlening" else []


@hookimpl
def dienstvisie_rulesets() -> list[dict[str, Any]]:
    return [RULESET]


@hookimpl
def dienstvisie_prepare_service(service: ServiceConcept) -> ServiceConcept | None:
    """Services tagged 'auto-summary' get a summary before they are checked."""
    if "auto-summary" in service.situations and service.summary is None:
        return attrs.evolve(service, summary=Text(nl="Automatisch aangevuld"))
    return None


@hookimpl
def dienstvisie_report(report: Report) -> None:
    SEEN.append(report.service)
