"""Checks for P6 Samen leren en verbeteren: ownership and mandate are clear, signals from people
and professionals are collected and acted on together, and the effect for people is measured."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, define_check, fail, skip
from ..model.service import ServiceConcept, Signals
from ..model.text import Text
from ._journey import organisation_of
from ._naming import organisation_name

_TWO_ORGANISATIONS = "steps:\n  - organisation: gemeente\n  - organisation: svb\n"



def _taking_part(service: ServiceConcept) -> list[str]:
    """Ids of the organisations that play a part in the journey (a step or a handover), in order."""
    ids: dict[str, None] = {}
    for step in service.steps:
        ids[step.organisation] = None
        for handover in step.handovers:  # a hand-over to a team counts for the team's organisation
            ids[organisation_of(service, handover.to)] = None
    return list(ids)


def _signals_pointer(signals: Signals | None, field: str, present: bool) -> str:
    """The pointer of a signals field when it has a value, else of the nearest part that exists."""
    if signals is None:
        return ""
    return f"/signals/{field}" if present else "/signals"


@define_check(
    id="DV601",
    title=Text(nl="Geen kanaal voor feedback", en="No feedback channel"),
    rationale=Text(
        nl="Samen leren begint bij de ervaring van de mensen zelf: zonder een vaste plek voor hun signalen "
           "blijft onzichtbaar waar de dienst knelt.",
        en="Learning together starts from people's own experience: without a set place for their signals, "
           "where the service pinches stays invisible.",
    ),
    principles=("P6",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Richt een feedbackkanaal in (korte vragenlijst na afloop, klantpanel, signalen van medewerkers "
           "vastleggen), bespreek de signalen met de keten en zet 'signals.feedback_channel: true'.",
        en="Set up a feedback channel (short survey afterwards, customer panel, recording staff signals), "
           "discuss the signals across the chain and set 'signals.feedback_channel: true'.",
    ),
    example_fail="signals:\n  feedback_channel: false",
    example_pass="signals:\n  feedback_channel: true",
)
def no_feedback_channel(ctx: CheckContext) -> Iterator[Outcome]:
    """Without people's signals, nobody learns where the service fails them."""
    signals = ctx.service.signals
    channel = signals.feedback_channel if signals is not None else None
    if channel is True:
        return
    if channel is False:
        yield fail(Text(nl="Mensen hebben geen kanaal om hun ervaringen met de dienst te melden",
                        en="People have no channel to report their experience with the service"),
                   pointer="/signals/feedback_channel")
        return
    yield fail(Text(nl="Het dienstconcept laat geen kanaal zien waarlangs mensen hun ervaringen melden "
                       "('signals.feedback_channel' ontbreekt)",
                    en="The service concept shows no channel through which people report their experience "
                       "('signals.feedback_channel' is missing)"),
               pointer=_signals_pointer(signals, "feedback_channel", False))


@define_check(
    id="DV602",
    title=Text(nl="Niet alle betrokken organisaties leren mee", en="Not every organisation involved learns along"),
    rationale=Text(
        nl="Waar een dienst over organisaties heen loopt, zitten de knelpunten vaak op de overgangen; die "
           "vind en verhelp je alleen als elke betrokken organisatie meekijkt.",
        en="Where a service crosses organisations, the bottlenecks often sit at the transitions; those are "
           "found and fixed only when every organisation involved takes part in the review.",
    ),
    principles=("P6",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Nodig elke organisatie die een stap of overdracht in de dienst heeft uit voor het gezamenlijke "
           "overleg over signalen en cijfers, en noem ze onder 'signals.reviewed_with'.",
        en="Invite every organisation that has a step or handover in the service to the joint review of "
           "signals and figures, and list them under 'signals.reviewed_with'.",
    ),
    example_fail=_TWO_ORGANISATIONS + "signals:\n  reviewed_with: [gemeente]",
    example_pass=_TWO_ORGANISATIONS + "signals:\n  reviewed_with: [gemeente, svb]",
)
def not_reviewed_together(ctx: CheckContext) -> Iterator[Outcome]:
    """Organisations left out of the review cannot improve their part of the journey."""
    service = ctx.service
    reviewed = service.signals.reviewed_with if service.signals is not None else ()
    missing = [organisation for organisation in _taking_part(service) if organisation not in reviewed]
    if not missing:
        return
    names = ", ".join(f"{organisation_name(service, o)} ({o})" for o in missing)
    yield fail(Text(nl=f"Deze organisaties spelen een rol in de dienst maar kijken niet mee bij het leren en "
                       f"verbeteren: {names}",
                    en=f"These organisations play a part in the service but do not take part in learning and "
                       f"improving: {names}"),
               pointer=_signals_pointer(service.signals, "reviewed_with", bool(reviewed)))


@define_check(
    id="DV603",
    title=Text(nl="Geen metingen van het effect", en="No measures of the effect"),
    rationale=Text(
        nl="Of een dienst mensen écht helpt, blijkt pas als je het effect voor hen meet (doorlooptijd, "
           "tevredenheid, niet-gebruik); zonder cijfers blijft verbeteren gissen.",
        en="Whether a service really helps people only shows when you measure its effect for them (lead "
           "time, satisfaction, non-take-up); without figures, improving stays guesswork.",
    ),
    principles=("P6",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Kies een paar maten die het effect voor mensen laten zien, meet ze samen met de andere "
           "organisaties en noem ze onder 'signals.measures'.",
        en="Choose a few measures that show the effect for people, measure them together with the other "
           "organisations and list them under 'signals.measures'.",
    ),
    example_fail="signals:\n  measures: []",
    example_pass="signals:\n  measures: [doorlooptijd, tevredenheid]",
)
def no_measures(ctx: CheckContext) -> Iterator[Outcome]:
    """What is not measured cannot be shown to help, nor be improved."""
    signals = ctx.service.signals
    if signals is not None and signals.measures:
        return
    yield fail(Text(nl="Het dienstconcept noemt niets dat gemeten wordt over het effect voor mensen",
                    en="The service concept names nothing that is measured about the effect for people"),
               pointer=_signals_pointer(signals, "measures", False))


@define_check(
    id="DV604",
    title=Text(nl="Geen eigenaar met mandaat", en="No owner with a mandate"),
    rationale=Text(
        nl="Een dienst over organisaties heen verbetert alleen als iemand zich eigenaar voelt van het geheel "
           "en het mandaat heeft om er tijd en geld voor vrij te maken.",
        en="A service across organisations improves only when someone feels ownership of the whole and has "
           "the mandate to free time and money for it.",
    ),
    principles=("P6",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Wijs één organisatie aan als eigenaar van de hele dienst, met een bestuurlijk of politiek "
           "opdrachtgever, en leg dat vast onder 'owner' (organisation, mandate, contact).",
        en="Appoint one organisation as owner of the whole service, with an administrative or political "
           "sponsor, and record it under 'owner' (organisation, mandate, contact).",
    ),
    example_fail="owner:\n  organisation: gemeente\n  mandate: geen",
    example_pass="owner:\n  organisation: gemeente\n  mandate: bestuurlijk",
)
def no_owner_with_mandate(ctx: CheckContext) -> Iterator[Outcome]:
    """Without an owner who has a mandate, nobody can make the organisations improve together."""
    owner = ctx.service.owner
    if owner is None:
        yield fail(Text(nl="De dienst heeft geen eigenaar ('owner' ontbreekt)",
                        en="The service has no owner ('owner' is missing)"))
        return
    name = organisation_name(ctx.service, owner.organisation)
    if owner.mandate == "geen":
        yield fail(Text(nl=f"{name} is eigenaar van de dienst, maar zonder mandaat",
                        en=f"{name} owns the service, but without a mandate"),
                   pointer="/owner/mandate")
    elif owner.mandate is None:
        yield fail(Text(nl=f"{name} is eigenaar van de dienst, maar het mandaat is niet opgegeven",
                        en=f"{name} owns the service, but its mandate is not given"),
                   pointer="/owner")


@define_check(
    id="DV605",
    title=Text(nl="Eigenaarschap alleen ambtelijk", en="Ownership only at civil-service level"),
    rationale=Text(
        nl="Samenwerken over organisatiegrenzen heen vraagt keuzes die een ambtelijk eigenaar alleen niet kan "
           "maken; een bestuurlijk opdrachtgever geeft de keten de tijd en het gewicht om samen te verbeteren.",
        en="Working across organisational boundaries needs choices that an owner at civil-service level "
           "cannot make alone; an administrative sponsor gives the chain the time and weight to improve "
           "together.",
    ),
    principles=("P6",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Zoek een bestuurlijk opdrachtgever (wethouder, bestuurder of directie van een uitvoerder) voor "
           "de hele keten en zet 'owner.mandate: bestuurlijk'.",
        en="Find an administrative sponsor (alderman, board or executive of an agency) for the whole chain "
           "and set 'owner.mandate: bestuurlijk'.",
    ),
    example_fail="owner:\n  organisation: gemeente\n  mandate: ambtelijk",
    example_pass="owner:\n  organisation: gemeente\n  mandate: bestuurlijk",
)
def only_official_mandate(ctx: CheckContext) -> Iterator[Outcome]:
    """A chain of organisations needs an administrative mandate; within one organisation an official one will do.

    A missing owner or mandate is DV604's finding, so this check does not apply then.
    """
    service = ctx.service
    owner = service.owner
    if owner is None or owner.mandate in (None, "geen"):
        yield skip(Text(nl="De dienst heeft geen eigenaar met mandaat (zie DV604)",
                        en="The service has no owner with a mandate (see DV604)"))
        return
    if len(_taking_part(service)) < 2:
        yield skip(Text(nl="Maar één organisatie speelt een rol in de dienst",
                        en="Only one organisation plays a part in the service"))
        return
    if owner.mandate == "ambtelijk":
        name = organisation_name(service, owner.organisation)
        yield fail(Text(nl=f"{name} is eigenaar van de dienst met alleen een ambtelijk mandaat, terwijl de dienst "
                           f"over {len(_taking_part(service))} organisaties loopt",
                        en=f"{name} owns the service with only a civil-service mandate, while the service spans "
                           f"{len(_taking_part(service))} organisations"),
                   pointer="/owner/mandate")


CHECKS: tuple[Check, ...] = (
    no_feedback_channel,
    not_reviewed_together,
    no_measures,
    no_owner_with_mandate,
    only_official_mandate,
)
