"""Checks for P1 Geen verkeerde deur (no wrong door): whichever organisation a person reaches, they
are helped or handed over warmly with their story passed on, and one point of contact keeps the
overview."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, define_check, fail, skip
from ..model.service import ServiceConcept, Step
from ..model.text import Text
from ._journey import edges, first_before, handover_pointer, handovers, organisation_of
from ._naming import organisation_name, step_names, upper_first

ACTS_ITSELF: frozenset[str] = frozenset({"overheid", "automatisch"})

_NO_HANDOVERS = Text(nl="Het dienstconcept bevat geen overdrachten", en="The service concept contains no hand-overs")





def _has_handovers(service: ServiceConcept) -> bool:
    return any(step.handovers for step in service.steps)


@define_check(
    id="DV101",
    title=Text(nl="Koude overdracht", en="Cold hand-over"),
    rationale=Text(
        nl="Bij een koude overdracht wordt de persoon zelf naar een andere organisatie gestuurd: van het kastje "
           "naar de muur. Dat geldt ook tussen teams van één organisatie: ook dan is het een verkeerde deur. Geen "
           "verkeerde deur betekent dat de organisatie de persoon warm overdraagt, met het verhaal erbij.",
        en="In a cold hand-over the person is sent to another organisation on their own: from pillar to post. "
           "The same holds between teams of one organisation: that too is a wrong door. No wrong door means the "
           "organisation hands the person over warmly, with their story passed on.",
    ),
    principles=("P1",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Spreek met de andere organisatie een warme overdracht af: een bekende contactpersoon die de persoon "
           "zelf benadert, of een gegevensoverdracht waarna de persoon niets hoeft te doen. Leg vast wat wordt "
           "doorgegeven in 'shares'.",
        en="Agree a warm hand-over with the other organisation: a known contact who approaches the person "
           "themselves, or a data hand-over after which the person need not act. Record what is passed on "
           "in 'shares'.",
    ),
    example_fail="steps:\n  - id: aangifte\n    handover:\n      to: svb\n      kind: cold",
    example_pass="steps:\n  - id: aangifte\n    handover:\n      to: svb\n      kind: warm\n      shares: [bsn]",
)
def cold_handover(ctx: CheckContext) -> Iterator[Outcome]:
    """A cold hand-over sends the person to knock on the next door alone."""
    if not _has_handovers(ctx.service):
        yield skip(_NO_HANDOVERS)
        return
    service = ctx.service
    for index, step in enumerate(service.steps):
        for h_index, handover in enumerate(step.handovers):
            if handover.kind != "cold":
                continue
            nl, en = step_names(ctx, step)
            target = organisation_name(service, handover.to)
            if organisation_of(service, handover.to) == step.organisation:
                inside_nl, inside_en = " (binnen dezelfde organisatie)", " (within the same organisation)"
            else:
                inside_nl = inside_en = ""
            yield fail(Text(nl=f"Na {nl} wordt de persoon koud overgedragen: die moet zelf naar {target}{inside_nl}",
                            en=f"After {en} the person is handed over cold: they must go to {target} on their own"
                               f"{inside_en}"),
                       pointer=f"{handover_pointer(service, index, h_index)}/kind", step=step.id)


@define_check(
    id="DV102",
    title=Text(nl="Geen vast aanspreekpunt", en="No single point of contact"),
    rationale=Text(
        nl="Als meerdere organisaties een rol spelen, raakt de persoon zonder één vast aanspreekpunt het overzicht "
           "kwijt en weet niet bij wie aan te kloppen; één aanspreekpunt houdt het overzicht.",
        en="When several organisations play a part, a person without one fixed point of contact loses the "
           "overview and does not know whom to turn to; one point of contact keeps the overview.",
    ),
    principles=("P1",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Spreek met de betrokken organisaties af wie het vaste aanspreekpunt is voor de hele dienst, ook voor "
           "vragen over de andere organisaties, en noem die organisatie in 'contact.single_point'.",
        en="Agree with the organisations involved who is the fixed point of contact for the whole service, also "
           "for questions about the other organisations, and name it in 'contact.single_point'.",
    ),
    example_fail="contact:\n  single_point: null",
    example_pass="contact:\n  single_point: gemeente",
)
def no_single_point_of_contact(ctx: CheckContext) -> Iterator[Outcome]:
    """With several organisations, someone has to keep the overview for the person.

    A missing key and `single_point: null` mean the same; both point at the field, where the fix
    goes (a report falls back to the nearest part of the document that exists).
    """
    service = ctx.service
    organisations = sorted({organisation.id for organisation in service.organisations})
    if len(organisations) < 2:
        yield skip(Text(nl="Er speelt maar één organisatie een rol", en="Only one organisation plays a part"))
        return
    contact = service.contact
    if contact is not None and contact.single_point is not None:
        return
    names = ", ".join(organisation_name(service, organisation) for organisation in organisations)
    yield fail(Text(nl=f"Er spelen {len(organisations)} organisaties een rol ({names}), maar er is geen vast "
                       "aanspreekpunt ('contact.single_point' ontbreekt of is leeg)",
                    en=f"{len(organisations)} organisations play a part ({names}), but there is no single point "
                       "of contact ('contact.single_point' is missing or empty)"),
               pointer="/contact/single_point")


@define_check(
    id="DV103",
    title=Text(nl="Overdracht geeft niets door", en="Hand-over passes nothing on"),
    rationale=Text(
        nl="Een overdracht die geen gegevens of verhaal doorgeeft, laat de persoon bij de volgende organisatie "
           "opnieuw beginnen; geen verkeerde deur betekent dat het verhaal meegaat.",
        en="A hand-over that passes on no data or story makes the person start again at the next "
           "organisation; no wrong door means the story goes along.",
    ),
    principles=("P1",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Spreek af welke gegevens en welk deel van het verhaal (met toestemming waar nodig) worden "
           "doorgegeven en noem ze in 'handover.shares'.",
        en="Agree which data and which part of the story (with consent where needed) are passed on and list "
           "them in 'handover.shares'.",
    ),
    example_fail="steps:\n  - id: aangifte\n    handover:\n      to: svb\n      kind: warm\n      shares: []",
    example_pass="steps:\n  - id: aangifte\n    handover:\n      to: svb\n      kind: warm\n"
                 "      shares: [bsn, datum-overlijden]",
)
def handover_passes_nothing(ctx: CheckContext) -> Iterator[Outcome]:
    """A warm or data hand-over with nothing in `shares` leaves the person to tell their story again.

    Cold hand-overs are DV101's finding; they are not reported twice.
    """
    if not _has_handovers(ctx.service):
        yield skip(_NO_HANDOVERS)
        return
    service = ctx.service
    for index, step in enumerate(service.steps):
        for h_index, handover in enumerate(step.handovers):
            if handover.kind == "cold" or handover.shares:
                continue
            nl, en = step_names(ctx, step)
            target = organisation_name(service, handover.to)
            kind_nl = "warme overdracht" if handover.kind == "warm" else "gegevensoverdracht"
            kind_en = "warm hand-over" if handover.kind == "warm" else "data hand-over"
            yield fail(Text(nl=f"De {kind_nl} na {nl} naar {target} geeft niets door ('shares' is leeg): de persoon "
                               "moet het verhaal opnieuw vertellen",
                            en=f"The {kind_en} after {en} to {target} passes nothing on ('shares' is empty): the "
                               "person has to tell their story again"),
                       pointer=f"{handover_pointer(service, index, h_index)}/shares", step=step.id)


def _handed_to(service: ServiceConcept, step: Step) -> Iterator[str]:
    """The organisations the hand-overs of a step go to (a team counts for its organisation)."""
    return (organisation_of(service, handover.to) for handover in handovers(step))


def _met(service: ServiceConcept, step: Step) -> tuple[str]:
    """The organisation a person deals with in a step."""
    return (step.organisation,)


def _announced(service: ServiceConcept, upto: int, organisation: str) -> bool:
    """Step `upto` or a step before it hands the journey over to `organisation` (a branch may return to it)."""
    return organisation in first_before(service, _handed_to)[upto] or \
        any(handed == organisation for handed in _handed_to(service, service.steps[upto]))


def _known_door(service: ServiceConcept, index: int, organisation: str) -> bool:
    """The person already dealt with `organisation` earlier in the journey: returning there is no wrong door."""
    return organisation in first_before(service, _met)[index]


PROFESSIONAL_ROLES: frozenset[str] = frozenset({"bewindvoerder", "curator", "mentor"})
"""Roles appointed by the kantonrechter, who act for the person as their profession and know the doors
of the court and the creditors. A `vertegenwoordiger` or `gemachtigde` may be anyone (a relative acting
as executor), and a mantelzorger or a parent is no such guide either."""


def _professional(service: ServiceConcept, step: Step) -> bool:
    """The step is taken by a professional representative on the person's behalf, who knows the way."""
    person = service.person(step.acted_by) if step.acted_by is not None else None
    return person is not None and person.role in PROFESSIONAL_ROLES


@define_check(
    id="DV104",
    title=Text(nl="Zelf de volgende deur zoeken", en="Finding the next door alone"),
    rationale=Text(
        nl="Gaat de reis naar een andere organisatie waar de persoon zelf iets moet doen, zonder dat iemand de "
           "persoon daarheen overdraagt, dan moet die zelf de juiste deur vinden. Komt de volgende organisatie "
           "zelf in actie (initiatief 'overheid' of 'automatisch'), of kent de persoon die organisatie al uit een "
           "eerdere stap, dan hoeft de persoon geen deur te zoeken en is er geen bevinding.",
        en="When the journey moves to another organisation where the person has to act, and nobody hands them "
           "over, they must find the right door themselves. When the next organisation acts itself (initiative "
           "'overheid' or 'automatisch'), or the person already dealt with it in an earlier step, the person "
           "need not find a door and there is no finding.",
    ),
    principles=("P1",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Leg een overdracht vast naar de volgende organisatie (bij voorkeur warm of met gegevens), of laat die "
           "organisatie zelf contact opnemen met de persoon.",
        en="Record a hand-over to the next organisation (preferably warm or with data), or have that "
           "organisation contact the person itself.",
    ),
    example_fail="steps:\n  - id: aangifte\n    organisation: gemeente    # geen handover\n"
                 "  - id: anw\n    organisation: svb\n    initiative: burger",
    example_pass="steps:\n  - id: aangifte\n    organisation: gemeente    # geen handover\n"
                 "  - id: anw\n    organisation: svb\n    initiative: overheid    # de SVB benadert de persoon zelf",
)
def unannounced_next_door(ctx: CheckContext) -> Iterator[Outcome]:
    """Moving to another organisation where the person must act, with no hand-over, is an implicit cold one.

    "Moving" follows the journey graph: from a step to each step that follows it. The move counts as
    announced when that step or one before it handed over to the organisation, so branches side by
    side are no false alarm; returning to an organisation met earlier on the way is no wrong door.
    """
    service = ctx.service
    steps = service.steps
    moves = [(before, index) for before, index in edges(service)
             if steps[before].organisation != steps[index].organisation]
    if not moves:
        yield skip(Text(nl="De reis gaat niet van de ene organisatie naar de andere",
                        en="The journey does not move from one organisation to another"))
        return
    for before, index in moves:
        step, following = steps[before], steps[index]
        if following.initiative != "burger" or _announced(service, before, following.organisation):
            continue
        if _known_door(service, index, following.organisation) or _professional(service, following):
            continue
        yield _unannounced(ctx, before, step, following)


def _unannounced(ctx: CheckContext, index: int, step: Step, following: Step) -> Outcome:
    nl, en = step_names(ctx, step)
    next_nl, next_en = step_names(ctx, following)
    if not step.handovers:
        where_nl, where_en, pointer = "zonder overdracht", "without a hand-over", ctx.step_pointer(index)
    else:
        target = ", ".join(organisation_name(ctx.service, handover.to) for handover in step.handovers)
        where_nl = f"met een overdracht naar {target} in plaats daarvan"
        where_en = f"handing over to {target} instead"
        pointer = f"{handover_pointer(ctx.service, index, 0)}/to"
    return fail(Text(nl=f"{upper_first(nl)} eindigt {where_nl}, maar in {next_nl} moet de persoon zelf iets doen: "
                        "die moet zelf de deur vinden",
                     en=f"{upper_first(en)} ends {where_en}, but in {next_en} the person has to act: they must "
                        "find the door themselves"),
                pointer=pointer, step=step.id)


CHECKS: tuple[Check, ...] = (
    cold_handover,
    no_single_point_of_contact,
    handover_passes_nothing,
    unannounced_next_door,
)
