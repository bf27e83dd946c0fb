"""How checks name things in their messages, in Dutch and English; shared by every principle."""

from __future__ import annotations

from ..model.check import CheckContext
from ..model.service import Decision, ServiceConcept, Step


def organisation_name(service: ServiceConcept, organisation_id: str) -> str:
    """The readable name of an organisation, or of a team with its organisation ("Schuldhulp (Gemeente
    Utrecht)"); the id when the document does not know it."""
    try:
        return service.organisation(organisation_id).name
    except KeyError:
        pass
    team = service.team(organisation_id)
    if team is None:
        return organisation_id
    return f"{team.name} ({service.organisation_of(organisation_id).name})"


def step_names(ctx: CheckContext, step: Step) -> tuple[str, str]:
    """How a message names a step, in Dutch and English: id, title and organisation."""
    organisation = organisation_name(ctx.service, step.organisation)
    return (f"stap '{step.id}' ({step.title.get('nl')}, {organisation})",
            f"step '{step.id}' ({step.title.get('en')}, {organisation})")


def upper_first(text: str) -> str:
    """A sentence may start with a step name; only its first letter changes."""
    return text[:1].upper() + text[1:]


def decisions(service: ServiceConcept) -> list[tuple[int, Step, Decision]]:
    """Every step that decides something about the person, with its index and decision."""
    return [(index, step, step.decision) for index, step in enumerate(service.steps) if step.decision is not None]
