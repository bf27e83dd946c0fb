"""dienstvisie-nora: NORA's core values and architecture principles as a second vision.

The vision `nora` (nora.yaml) has the five core values of service (KWD01–KWD05) as starting
points and the seventeen architecture principles (NAP01–NAP17) as design principles. Its
checks are built-in dienstvisie checks whose meaning carries over, mapped to NORA principles
with `attrs.evolve`, plus checks of its own. Use it with `dienstvisie check --vision nora`.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable

import attrs

from dienstvisie import (
    Check,
    CheckContext,
    Outcome,
    Severity,
    Text,
    Vision,
    builtin_check,
    define_check,
    fail,
    hookimpl,
    review,
    skip,
)

__version__ = "0.1.0"

VISION_ID = "nora"
ORIGIN = "dienstvisie-nora"

#: Built-in checks whose meaning carries over to a NORA principle: built-in id → (NORA id, principles).
MAPPED: dict[str, tuple[str, tuple[str, ...]]] = {
    "DV403": ("NORA0101", ("NAP01",)),  # language above B1: the user's perspective
    "DV401": ("NORA0102", ("NAP01",)),  # no human being to reach
    "DV405": ("NORA0201", ("NAP02",)),  # decision not explained: insight into the handling
    "DV402": ("NORA0301", ("NAP03",)),  # only digital channels: the result depends on the channel
    "DV201": ("NORA0501", ("NAP05",)),  # not proactive although government knows
    "DV301": ("NORA1201", ("NAP12",)),  # asks what government already knows: get it from the source
    "DV601": ("NORA1701", ("NAP17",)),  # no feedback channel
    "DV602": ("NORA1702", ("NAP17",)),  # not every organisation learns along
    "DV603": ("NORA1703", ("NAP17",)),  # no measures of the effect
}

#: More steps than this in which the person must act themselves ask for a second look (NAP16).
MAX_OWN_STEPS = 3


def mapped_check(builtin_id: str) -> Check | None:
    """The built-in check `builtin_id` under its NORA id and principles; None when this version
    of dienstvisie has no such check."""
    nora_id, principles = MAPPED[builtin_id]
    try:
        original = builtin_check(builtin_id)
    except KeyError:
        return None
    note = Text(nl=f"(Dezelfde toets als {builtin_id} in de Visie op gezamenlijke dienstverlening.)",
                en=f"(The same test as {builtin_id} in the Vision on joint public service delivery.)")
    return attrs.evolve(
        original, id=nora_id, principles=principles, origin=ORIGIN,
        rationale=Text(nl=f"{original.rationale.get('nl')} {note.get('nl')}", en=f"{original.rationale.get('en')} {note.get('en')}"),
    )


@define_check(
    id="NORA0901",
    title=Text(nl="Dienst niet nauwkeurig beschreven", en="Service not described precisely"),
    rationale=Text(
        nl="Wie weet wat een dienst oplevert, hoe lang elke stap duurt en langs welke kanalen die loopt, weet waar hij "
           "aan toe is en hoeft niet te bellen om het te vragen (NAP09).",
        en="People who know what a service delivers, how long each step takes and through which channels it runs know "
           "where they stand and need not call to ask (NAP09).",
    ),
    principles=("NAP09",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Geef de dienst een samenvatting (summary) en vul bij elke stap de doorlooptijd (expected_days) in, en de "
           "kanalen (channels) bij elke stap waarin de persoon zelf iets doet.",
        en="Give the service a summary and fill in the lead time (expected_days) of every step, and the channels of "
           "every step in which the person acts.",
    ),
    origin=ORIGIN,
    example_fail="steps:\n  - id: aanvraag\n    initiative: burger\n    # no channels, no expected_days",
    example_pass="summary: Wat de dienst oplevert.\nsteps:\n  - id: aanvraag\n    initiative: burger\n    channels: [web, balie]\n    expected_days: 5",
)
def service_not_described(ctx: CheckContext) -> Iterator[Outcome]:
    """A summary, and for every step its lead time and (where the person acts) its channels."""
    service = ctx.service
    if service.summary is None:
        yield fail(Text(nl="De dienst heeft geen samenvatting (summary)", en="The service has no summary"))
    for index, step in enumerate(service.steps):
        missing_nl, missing_en = [], []
        if step.expected_days is None:
            missing_nl.append("doorlooptijd (expected_days)")
            missing_en.append("lead time (expected_days)")
        if step.initiative == "burger" and not step.channels:
            missing_nl.append("kanalen (channels)")
            missing_en.append("channels")
        if missing_nl:
            yield fail(Text(nl=f"Stap '{step.id}' noemt geen {' en '.join(missing_nl)}",
                            en=f"Step '{step.id}' states no {' and '.join(missing_en)}"),
                       pointer=ctx.step_pointer(index), step=step.id)


@define_check(
    id="NORA1601",
    title=Text(nl="Veel stappen voor de persoon zelf", en="Many steps for the person to take"),
    rationale=Text(
        nl="Elke stap die iemand zelf moet zetten kost moeite en is een kans om af te haken; houd alleen de stappen "
           "die iets toevoegen (NAP16).",
        en="Every step people must take themselves costs effort and is a chance to drop out; keep only the steps that "
           "add something (NAP16).",
    ),
    principles=("NAP16",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Ga na of stappen samen kunnen, of de overheid ze kan overnemen (initiative: overheid of automatisch), "
           "en leg vast waarom de overige nodig zijn.",
        en="Check whether steps can be merged or taken over by government (initiative: overheid or automatisch), and "
           "record why the others are needed.",
    ),
    origin=ORIGIN,
    example_fail="steps: # four or more steps with initiative: burger",
    example_pass="steps: # at most three steps with initiative: burger",
)
def many_own_steps(ctx: CheckContext) -> Iterator[Outcome]:
    """More than MAX_OWN_STEPS steps with initiative `burger` need a second look."""
    own = [step.id for step in ctx.service.steps if step.initiative == "burger"]
    if not own:
        yield skip(Text(nl="De persoon hoeft zelf geen stap te zetten", en="The person need not take any step"))
    elif len(own) > MAX_OWN_STEPS:
        yield review(Text(
            nl=f"De persoon moet in {len(own)} stappen zelf iets doen ({', '.join(own)}): voegt elke stap iets toe?",
            en=f"The person must act in {len(own)} steps ({', '.join(own)}): does every step add something?",
        ), pointer="/steps")


OWN_CHECKS: tuple[Check, ...] = (service_not_described, many_own_steps)


@hookimpl
def dienstvisie_visions() -> list[Traversable]:
    """The NORA vision."""
    return [resources.files(__name__).joinpath("nora.yaml")]


@hookimpl
def dienstvisie_checks(vision: Vision) -> list[Check]:
    """The checks for the NORA vision: mapped built-ins this dienstvisie has, and our own."""
    if vision.id != VISION_ID:
        return []
    mapped = [mapped_check(builtin_id) for builtin_id in MAPPED]
    return [check for check in mapped if check is not None] + list(OWN_CHECKS)
