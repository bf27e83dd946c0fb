"""dienstvisie-gemeente-voorbeeld: the requirements of a municipality, Gemeente Voorbeeldstad.

An example of what an organisation adds to dienstvisie:

* Python checks of its own (prefix GV), for what needs more than a condition on one part of the
  service: GV401, GV501, GV502;
* a declarative rule set in YAML (regels.yaml: GV411, GV412, GV611), for requirements anyone
  can read and change without writing Python;
* a vocabulary of its own data items (gegevens.yaml), some of which the municipality already
  holds, so asking people for them counts as asking what government knows.

All of it applies to services in which the municipality (organisation id
`gemeente-voorbeeldstad`) plays a part; other services are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable

from dienstvisie import (
    Check,
    CheckContext,
    Outcome,
    ServiceConcept,
    Severity,
    Text,
    Vision,
    define_check,
    fail,
    hookimpl,
    review,
    skip,
)

__version__ = "0.1.0"

GEMEENTE = "gemeente-voorbeeldstad"
VISION_ID = "gezamenlijke-dienstverlening"
ORIGIN = "gemeente-voorbeeldstad"

#: The legal default term for a decision on an application (Awb art. 4:13: eight weeks).
DECISION_DAYS = 56

_NOT_OURS = Text(nl="Gemeente Voorbeeldstad speelt geen rol in deze dienst",
                 en="The municipality of Voorbeeldstad plays no part in this service")


def takes_part(service: ServiceConcept) -> bool:
    """True when the municipality is one of the service's organisations."""
    return any(organisation.id == GEMEENTE for organisation in service.organisations)


@define_check(
    id="GV401",
    title=Text(nl="Geen huisbezoek voor wie meer problemen tegelijk heeft",
               en="No home visit for people with several problems at once"),
    rationale=Text(
        nl="Wie schulden en andere problemen tegelijk heeft, komt vaak niet meer naar het loket. Voorbeeldstad gaat "
           "dan op huisbezoek.",
        en="People with debts and other problems at once often no longer come to the desk. Voorbeeldstad then "
           "visits them at home.",
    ),
    principles=("P4",),
    severity=Severity.MAJOR,
    suggestion=Text(nl="Bied huisbezoek aan, in contact.channels of bij een stap van de gemeente.",
                    en="Offer a home visit (huisbezoek), in contact.channels or in a step of the municipality."),
    origin=ORIGIN,
    example_fail="situations: [multiproblematiek]\ncontact: {channels: [telefoon, web]}",
    example_pass="situations: [multiproblematiek]\ncontact: {channels: [telefoon, huisbezoek]}",
)
def no_home_visit(ctx: CheckContext) -> Iterator[Outcome]:
    service = ctx.service
    if not takes_part(service):
        yield skip(_NOT_OURS)
        return
    if not service.situations:
        yield skip(Text(nl="De dienst noemt geen situatie met meer problemen tegelijk",
                        en="The service names no situation with several problems at once"))
        return
    channels = set(service.contact.channels if service.contact else ())
    for step in service.steps:
        channels.update(step.channels)
    if "huisbezoek" not in channels:
        yield fail(Text(
            nl=f"De dienst is er voor mensen in de situatie {', '.join(service.situations)}, maar nergens is een huisbezoek mogelijk",
            en=f"The service is for people in the situation {', '.join(service.situations)}, but a home visit is possible nowhere",
        ), pointer="/contact" if service.contact else "")


@define_check(
    id="GV501",
    title=Text(nl="Gemeente of wijkteam houdt de regie niet", en="Municipality or neighbourhood team does not coordinate"),
    rationale=Text(
        nl="Bij een stapeling van problemen houdt in Voorbeeldstad de gemeente of het wijkteam de regie: één plan, "
           "één regisseur die de persoon kent.",
        en="When problems pile up, in Voorbeeldstad the municipality or the neighbourhood team coordinates: one plan, "
           "one coordinator who knows the person.",
    ),
    principles=("P5",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Maak gemeente-voorbeeldstad of het wijkteam (een maatschappelijke organisatie) coordination.coordinator.",
        en="Make gemeente-voorbeeldstad or the neighbourhood team (an organisation of kind maatschappelijk) the "
           "coordination.coordinator.",
    ),
    origin=ORIGIN,
    example_fail="situations: [multiproblematiek]\ncoordination: {coordinator: belastingdienst}",
    example_pass="situations: [multiproblematiek]\ncoordination: {single_plan: true, coordinator: wijkteam-noord}",
)
def not_coordinated_locally(ctx: CheckContext) -> Iterator[Outcome]:
    service = ctx.service
    if not takes_part(service):
        yield skip(_NOT_OURS)
        return
    if "multiproblematiek" not in service.situations:
        yield skip(Text(nl="Geen stapeling van problemen", en="No piling up of problems"))
        return
    allowed = {GEMEENTE} | {o.id for o in service.organisations if o.kind == "maatschappelijk"}
    coordinator = service.coordination.coordinator if service.coordination else None
    if coordinator not in allowed:
        who = coordinator or "niemand"
        who_en = coordinator or "nobody"
        yield fail(Text(nl=f"De regie ligt bij {who}, niet bij de gemeente of het wijkteam",
                        en=f"Coordination lies with {who_en}, not with the municipality or the neighbourhood team"),
                   pointer="/coordination" if service.coordination else "")


@define_check(
    id="GV502",
    title=Text(nl="Besluit van de gemeente later dan acht weken", en="Decision of the municipality later than eight weeks"),
    rationale=Text(
        nl=f"Voorbeeldstad beslist binnen de wettelijke termijn van acht weken ({DECISION_DAYS} dagen), ook als het "
           "besluit van meer afdelingen afhangt.",
        en=f"Voorbeeldstad decides within the legal term of eight weeks ({DECISION_DAYS} days), also when the "
           "decision depends on several departments.",
    ),
    principles=("P5",),
    severity=Severity.MINOR,
    suggestion=Text(nl=f"Breng de doorlooptijd (expected_days) terug tot hooguit {DECISION_DAYS} dagen.",
                    en=f"Bring the lead time (expected_days) down to at most {DECISION_DAYS} days."),
    origin=ORIGIN,
    example_fail="organisation: gemeente-voorbeeldstad\ndecision: {explained: true}\nexpected_days: 90",
    example_pass="organisation: gemeente-voorbeeldstad\ndecision: {explained: true}\nexpected_days: 28",
)
def slow_decision(ctx: CheckContext) -> Iterator[Outcome]:
    steps = [(index, step) for index, step in enumerate(ctx.service.steps)
             if step.organisation == GEMEENTE and step.decision is not None]
    if not steps:
        yield skip(Text(nl="De gemeente neemt in deze dienst geen besluit", en="The municipality takes no decision here"))
    for index, step in steps:
        pointer = ctx.step_pointer(index)
        if step.expected_days is None:
            yield review(Text(nl=f"Stap '{step.id}' noemt geen doorlooptijd: haalt de gemeente de acht weken?",
                              en=f"Step '{step.id}' states no lead time: does the municipality make the eight weeks?"),
                         pointer=pointer, step=step.id)
        elif step.expected_days > DECISION_DAYS:
            days = f"{step.expected_days:g}"
            yield fail(Text(nl=f"Stap '{step.id}' duurt {days} dagen, langer dan acht weken",
                            en=f"Step '{step.id}' takes {days} days, longer than eight weeks"),
                       pointer=pointer + "/expected_days", step=step.id)


CHECKS: tuple[Check, ...] = (no_home_visit, not_coordinated_locally, slow_decision)


@hookimpl
def dienstvisie_checks(vision: Vision) -> list[Check]:
    """The Python checks, under the vision whose principles (P4, P5) they name."""
    return list(CHECKS) if vision.id == VISION_ID else []


@hookimpl
def dienstvisie_rulesets() -> list[Traversable]:
    """The declarative rules of regels.yaml."""
    return [resources.files(__name__).joinpath("regels.yaml")]


@hookimpl
def dienstvisie_vocabularies() -> list[Traversable]:
    """Voorbeeldstad's own data items."""
    return [resources.files(__name__).joinpath("gegevens.yaml")]
