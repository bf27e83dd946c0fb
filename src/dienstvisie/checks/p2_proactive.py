"""Checks for P2 Proactief: government acts on what it already knows (a life event, a change in a
register, data passed on) and reaches out before people have to ask.

Steps with `legal_duty: true` are never held against the service: there the law requires the
person to act (e.g. the aangifte van geboorte), and that is not a lack of initiative.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..model.check import Check, CheckContext, Outcome, Severity, define_check, fail, review, skip
from ..model.service import ServiceConcept, Step
from ..model.text import Text
from ._journey import ancestors, dominates, first_before, handovers, in_order, last_before, parties_reaching, starts
from ._naming import step_names, upper_first
from .p3_once_only import data_names, fetched_by, holders, register_keeper, shared_data
from .p5_human_scale import piling_up

ACTS_ITSELF: frozenset[str] = frozenset({"overheid", "automatisch"})





def _waits_on_person(step: Step) -> bool:
    """The person has to take this step, and no law says it must be them."""
    return step.initiative == "burger" and not step.legal_duty


def own_plan(service: ServiceConcept) -> bool:
    """The service is for entrepreneurs only: their applications (a licence for the business they mean
    to run) follow from their own plan, which no register holds, so government cannot take them itself."""
    return bool(service.audience) and set(service.audience) == {"ondernemer"}


def _shared_before(service: ServiceConcept, index: int) -> Mapping[str, int]:
    """Data items that hand-overs of the steps before step `index` (in the journey graph) passed on:
    government holds them (with the index of the first step that passed each on)."""
    return first_before(service, shared_data)[index]


def _asked_data(service: ServiceConcept, step: Step) -> Iterator[str]:
    """The data items a step asks the person for."""
    return (ask.data for ask in step.asks)


def _unknown_asks(ctx: CheckContext, index: int, step: Step) -> list[str]:
    """The data items this step asks for that government does not already hold: not in a register, not
    passed on by an earlier flow, not fetched, not given by the person in an earlier step; a periodic
    ask is a new fact each time."""
    service = ctx.service
    shared = _shared_before(service, index)
    asked = first_before(service, _asked_data)[index]
    return [ask.data for ask in step.asks
            if ask.periodic or not (holders(ctx, step, ask) or ask.data in shared or ask.data in asked
                                    or fetched_by(service, index, ask.data))]


def _nothing_new(ctx: CheckContext, step: Step) -> tuple[str, str]:
    """Why a step brings government nothing new, in Dutch and English."""
    if not step.asks:
        return "vraagt niets", "asks for nothing"
    names = [data_names(ctx, ask.data) for ask in step.asks]
    return (f"vraagt alleen wat de overheid al heeft ({', '.join(nl for nl, _ in names)})",
            f"only asks for what government already holds ({', '.join(en for _, en in names)})")


@define_check(
    id="DV201",
    cause="person-waited-on",
    title=Text(nl="De persoon moet iets doen wat de overheid zelf kan",
               en="The person must do what government could do itself"),
    rationale=Text(
        nl="Proactief: als de overheid alles al heeft wat een stap nodig heeft, hoeft de persoon niet zelf in "
           "actie te komen; de overheid kan de stap zelf zetten of een voorstel sturen.",
        en="Proactive: when government already holds everything a step needs, the person need not take "
           "action; government can take the step itself or send a proposal.",
    ),
    principles=("P2",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Laat de organisatie deze stap zelf zetten (initiatief 'overheid' of 'automatisch'), bijvoorbeeld "
           "met een vooraf ingevuld voorstel dat de persoon alleen hoeft te controleren.",
        en="Have the organisation take this step itself (initiative 'overheid' or 'automatisch'), for example "
           "with a pre-filled proposal the person only has to check.",
    ),
    example_fail="steps:\n  - id: aanvraag\n    initiative: burger\n    legal_duty: false\n    asks:\n"
                 "      - data: partner\n        already_known_by: brp",
    example_pass="steps:\n  - id: aanvraag\n    initiative: overheid\n    legal_duty: false\n    asks:\n"
                 "      - data: partner\n        already_known_by: brp",
)
def government_could_act(ctx: CheckContext) -> Iterator[Outcome]:
    """A step the person must start, that asks nothing government lacks, is one government could take.

    Known means: `already_known_by`, a register in the vocabulary, or passed on by an earlier
    hand-over. A step that asks nothing at all counts as well.
    """
    steps = ctx.service.steps
    acting = [(index, step) for index, step in enumerate(steps) if _waits_on_person(step)]
    if acting and own_plan(ctx.service):
        yield skip(Text(nl="De dienst is alleen voor ondernemers: hun aanvragen volgen uit hun eigen plan",
                        en="The service is for entrepreneurs only: their applications follow from their own plan"))
        return
    if not acting:
        yield skip(Text(nl="Geen stap waarin de persoon zelf het initiatief moet nemen (wettelijke plichten "
                           "niet meegeteld)",
                        en="No step in which the person must take the initiative (legal duties not counted)"))
        return
    for index, step in acting:
        if _unknown_asks(ctx, index, step):
            continue
        nl, en = step_names(ctx, step)
        why_nl, why_en = _nothing_new(ctx, step)
        yield fail(Text(nl=f"In {nl} moet de persoon zelf in actie komen, maar de stap {why_nl}",
                        en=f"In {en} the person has to take action, but the step {why_en}"),
                   pointer=f"{ctx.step_pointer(index)}/initiative", step=step.id)


GOVERNMENT_KINDS: frozenset[str] = frozenset({"gemeente", "uitvoeringsorganisatie", "rijk", "provincie", "waterschap"})


def _is_government(service: ServiceConcept, organisation_id: str) -> bool:
    """A public body, which can act on what a register tells it (a private undertaker or a charity cannot)."""
    try:
        return service.organisation(organisation_id).kind in GOVERNMENT_KINDS
    except KeyError:
        return False


def _registration(service: ServiceConcept, step: Step, events: list[tuple[str, str]]) -> str | None:
    """The register of an event that the step's organisation keeps and that is filled from the person's
    report: then the step may be the registration itself (the aangifte geboorte), not a wait."""
    return register_keeper(service, step, tuple(register for _, register in events))


def _registered_events(ctx: CheckContext) -> list[tuple[str, str]]:
    """The service's life events that government learns of through a register, with that register."""
    events = []
    for event in ctx.service.life_events:
        term = ctx.vocabularies.life_event(event)
        if term is not None and term.known_via:
            events.append((event, term.known_via))
    return events


@define_check(
    id="DV202",
    cause="person-waited-on",
    title=Text(nl="De hele reis wacht op de persoon", en="The whole journey waits on the person"),
    rationale=Text(
        nl="Proactief: de overheid hoort van deze levensgebeurtenis via een registratie, en kan dus zelf in actie "
           "komen. Begint de reis bij een overheidsorganisatie waar de persoon zelf moet aanvragen, of gaat geen "
           "enkele stap van de overheid uit, dan wacht de overheid op wat ze al weet. Stappen die de wet van de persoon vraagt (legal_duty) "
           "tellen niet als wachten.",
        en="Proactive: government learns of this life event through a register, so it can act itself. When the "
           "journey starts at a public body where the person has to apply, or no step is taken by government, government "
           "waits on what it already knows. Steps the law requires of the person (legal_duty) do not count as "
           "waiting.",
    ),
    principles=("P2",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Gebruik de melding uit de registratie (bijvoorbeeld een BRP-mutatie) als aanleiding om de persoon zelf "
           "te benaderen, of regel een stap automatisch.",
        en="Use the notice from the register (for example a change in the BRP) as the cue to approach the person "
           "yourself, or make a step automatic.",
    ),
    example_fail="life_events: [overlijden]\nsteps:\n  - id: aangifte\n    initiative: burger\n"
                 "    legal_duty: true\n  - id: anw\n    initiative: burger",
    example_pass="life_events: [overlijden]\nsteps:\n  - id: aangifte\n    initiative: burger\n"
                 "    legal_duty: true\n  - id: anw\n    initiative: overheid",
)
def journey_waits_on_person(ctx: CheckContext) -> Iterator[Outcome]:
    """Government knows of the event through a register, yet no step starts from government."""
    events = _registered_events(ctx)
    if not events:
        yield skip(Text(nl="De dienst noemt geen levensgebeurtenis waarvan de overheid via een registratie hoort",
                        en="The service names no life event that government learns of through a register"))
        return
    service = ctx.service
    steps = service.steps
    known = ", ".join(f"{event} ({register})" for event, register in events)
    waiting_starts = [] if own_plan(service) else [
        index for index in starts(service)
        if _waits_on_person(steps[index]) and _is_government(service, steps[index].organisation)]
    for index in waiting_starts:
        registration = _registration(service, steps[index], events)
        if registration is not None:
            nl, en = step_names(ctx, steps[index])
            yield review(Text(nl=f"De reis begint bij {nl}; {registration} wordt bijgehouden door deze organisatie "
                                 "en gevuld uit de aangifte van de persoon: is deze stap die aangifte?",
                              en=f"The journey starts with {en}; {registration} is kept by this organisation and "
                                 "filled from the person's report: is this step that report?"),
                         pointer=f"{ctx.step_pointer(index)}/initiative", step=steps[index].id,
                         suggestion=Text(nl="Is deze stap de wettelijke aangifte, zet dan 'legal_duty: true'.",
                                         en="If this step is the legal report, set 'legal_duty: true'."))
            continue
        nl, en = step_names(ctx, steps[index])
        yield fail(Text(nl=f"De overheid hoort van {known}, maar de reis begint bij de persoon: in {nl} moet die "
                           "zelf in actie komen",
                        en=f"Government learns of {known}, but the journey starts with the person: in {en} they "
                           "have to take action themselves"),
                   pointer=f"{ctx.step_pointer(index)}/initiative", step=steps[index].id)
    if waiting_starts or any(step.initiative in ACTS_ITSELF for step in steps):
        return
    waiting = [(index, step) for index, step in enumerate(steps) if _waits_on_person(step)]
    if not waiting:
        yield skip(Text(nl="Elke stap is een wettelijke plicht van de persoon",
                        en="Every step is a legal duty of the person"))
        return
    index, first = waiting[0]
    nl, en = step_names(ctx, first)
    yield fail(Text(nl=f"De overheid hoort van {known}, maar geen enkele stap gaat van de overheid uit; de reis "
                       f"wacht op de persoon, te beginnen bij {nl}",
                    en=f"Government learns of {known}, but no step is taken by government; the journey waits on "
                       f"the person, starting with {en}"),
               pointer=f"{ctx.step_pointer(index)}/initiative", step=first.id)


def _reaching_out(service: ServiceConcept, step: Step) -> tuple[str, ...]:
    """The organisation of a step taken by government's initiative: there it reaches out itself."""
    return (step.organisation,) if step.initiative in ACTS_ITSELF else ()


def _data_sent_to(service: ServiceConcept, step: Step) -> Iterator[str]:
    """Where the data hand-overs of a step go."""
    return (handover.to for handover in handovers(step) if handover.kind == "data")


def _sharer(service: ServiceConcept, index: int, step: Step) -> int | None:
    """The last step before step `index` in the journey (in document order) whose data hand-over
    reaches it, or None."""
    sent = last_before(service, _data_sent_to)[index]
    return max((sent[party] for party in parties_reaching(service, step) if party in sent), default=None)


def _reached_out_since(service: ServiceConcept, sharer: int, index: int) -> bool:
    """Between the hand-over in step `sharer` and step `index`, the organisation of `index` reached out
    itself (a step of it by initiative of government): the person's step answers that outreach.

    "Between" is every step before `index` that is not `sharer` or before it. In document order
    (as validation ensures), a step after `sharer` is never before it; and when every path to
    `index` passes through `sharer`, every step between comes after `sharer`, so the last outreach
    before `index` decides. Only a branch that reaches `index` around `sharer` needs the steps
    themselves."""
    step = service.steps[index]
    if in_order(service):
        latest = last_before(service, _reaching_out)[index].get(step.organisation)
        if latest is None:
            return False
        if latest > sharer:
            return True
        if dominates(service, index, sharer):
            return False
    since = set(ancestors(service, index)) - set(ancestors(service, sharer)) - {sharer}
    return any(service.steps[i].organisation == step.organisation and service.steps[i].initiative in ACTS_ITSELF
               for i in since)


@define_check(
    id="DV203",
    cause="person-waited-on",
    title=Text(nl="Zelf in actie na een gegevensoverdracht", en="Person must act after a data hand-over"),
    rationale=Text(
        nl="Proactief: als de vorige organisatie de gegevens al heeft doorgegeven, kan de ontvangende organisatie "
           "zelf contact opnemen; de persoon hoeft dan niet nog eens aan te kloppen.",
        en="Proactive: when the previous organisation has already passed the data on, the receiving organisation "
           "can reach out itself; the person should not have to knock again.",
    ),
    principles=("P2",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Laat de ontvangende organisatie op de doorgegeven gegevens handelen: zelf contact opnemen met een "
           "vooraf ingevuld voorstel (initiatief 'overheid') of de stap automatisch zetten.",
        en="Have the receiving organisation act on the data passed on: contact the person with a pre-filled "
           "proposal (initiative 'overheid') or take the step automatically.",
    ),
    example_fail="steps:\n  - id: aangifte\n    handover:\n      to: svb\n      kind: data\n      shares: [bsn]\n"
                 "  - id: anw\n    initiative: burger",
    example_pass="steps:\n  - id: aangifte\n    handover:\n      to: svb\n      kind: data\n      shares: [bsn]\n"
                 "  - id: anw\n    initiative: overheid",
)
def acts_after_data_handover(ctx: CheckContext) -> Iterator[Outcome]:
    """Data passed to an organisation should spare the person from starting a later step there.

    "Later" follows the journey graph: any step before this one may have passed the data on, also
    with other steps in between. No finding when the organisation reached out itself since (the
    person's step answers an invitation), nor for a step that applies only to some people and needs
    facts only they know (government cannot tell whom to approach).
    """
    service = ctx.service
    steps = service.steps
    if not any(handover.kind == "data" for step in steps for handover in handovers(step)):
        yield skip(Text(nl="Het dienstconcept bevat geen gegevensoverdrachten",
                        en="The service concept contains no data hand-overs"))
        return
    for index, step in enumerate(steps):
        if not _waits_on_person(step):
            continue
        sharer = _sharer(service, index, step)
        if sharer is None or _reached_out_since(service, sharer, index):
            continue
        if step.applies_to is not None and _unknown_asks(ctx, index, step):
            continue  # only for some people, and it needs facts only they know: government cannot tell whom to ask
        sharer_step = steps[sharer]
        nl, en = step_names(ctx, step)
        yield fail(Text(nl=f"{upper_first(nl)} wacht op de persoon, terwijl stap '{sharer_step.id}' de "
                           "gegevens al aan deze organisatie doorgaf",
                        en=f"{upper_first(en)} waits on the person, although step '{sharer_step.id}' already "
                           "passed the data to this organisation"),
                   pointer=f"{ctx.step_pointer(index)}/initiative", step=step.id)


WRITTEN_ONLY: frozenset[str] = frozenset({"post", "email"})


@define_check(
    id="DV204",
    title=Text(nl="Alleen een brief bij een stapeling van problemen", en="Only a letter where problems pile up"),
    rationale=Text(
        nl="Proactief is meer dan een brief sturen. Wie meerdere problemen tegelijk heeft, opent vaak geen post "
           "meer of begrijpt die niet; een brief alleen bereikt juist deze mensen niet. Een telefoontje, een "
           "huisbezoek of een gesprek aan de balie wel.",
        en="Proactive is more than sending a letter. People with several problems at once often no longer open "
           "their post, or cannot make sense of it; a letter alone misses exactly these people. A phone call, a "
           "home visit or a talk at the desk does not.",
    ),
    principles=("P2",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Zoek de persoon actief op: bel, kom langs (huisbezoek) of nodig uit voor een gesprek, en gebruik de "
           "brief als aankondiging of bevestiging; neem die kanalen op in 'channels'.",
        en="Reach the person actively: call, visit (huisbezoek) or invite them for a talk, and use the letter as "
           "an announcement or confirmation; list those channels under 'channels'.",
    ),
    example_fail="situations: [multiproblematiek]\nsteps:\n  - id: aangifte\n  - id: anw\n    initiative: overheid\n"
                 "    channels: [post]",
    example_pass="situations: [multiproblematiek]\nsteps:\n  - id: aangifte\n  - id: anw\n    initiative: overheid\n"
                 "    channels: [huisbezoek, telefoon, post]",
)
def letter_only_outreach(ctx: CheckContext) -> Iterator[Outcome]:
    """A step where government reaches out only in writing, to people whose problems pile up, is weak outreach."""
    situation = piling_up(ctx.service.situations)
    if situation is None:
        yield skip(Text(nl="Het dienstconcept noemt geen situatie met meerdere problemen tegelijk",
                        en="The service concept names no situation with several problems at once"))
        return
    reaching = [(index, step) for index, step in enumerate(ctx.service.steps)
                if step.initiative == "overheid" and step.channels]
    if not reaching:
        yield skip(Text(nl="Geen stap waarin de overheid de persoon via een kanaal benadert",
                        en="No step in which government reaches out to the person through a channel"))
        return
    named = ctx.service.situations[situation]
    for index, step in reaching:
        if not WRITTEN_ONLY.issuperset(step.channels):
            continue
        nl, en = step_names(ctx, step)
        channels = ", ".join(step.channels)
        yield fail(Text(nl=f"In {nl} benadert de overheid de persoon alleen schriftelijk ({channels}), terwijl de "
                           f"dienst '{named}' bedient",
                        en=f"In {en} government reaches out only in writing ({channels}), while the service serves "
                           f"'{named}'"),
                   pointer=f"{ctx.step_pointer(index)}/channels", step=step.id)


@define_check(
    id="DV205",
    title=Text(nl="Aanbod dat de persoon niet kan weigeren", en="An offer the person cannot decline"),
    rationale=Text(
        nl="Proactief is niet opdringerig: wie de overheid uit zichzelf iets aanbiedt (hulp bij schulden, een "
           "huisbezoek), moet dat zonder gevolgen kunnen weigeren, en dat moet de persoon ook weten. Pas dan is het "
           "een aanbod en geen bemoeienis.",
        en="Proactive is not intrusive: whoever government offers something of its own accord (help with debts, a "
           "home visit) must be able to decline it without consequences, and must know that. Only then is it an "
           "offer, not interference.",
    ),
    principles=("P2",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Maak het aanbod vrijblijvend, zeg dat ook in het eerste contact (\"u mag nee zeggen\") en zet "
           "'offer.can_decline: true'.",
        en="Make the offer free of obligation, say so in the first contact (\"you may say no\") and set "
           "'offer.can_decline: true'.",
    ),
    example_fail='# een deel van een document in formaat 2\ndienstvisie: "2"\nsteps:\n  - id: aangifte\n  - id: anw\n    offer:\n      can_decline: false',
    example_pass='# een deel van een document in formaat 2\ndienstvisie: "2"\nsteps:\n  - id: aangifte\n  - id: anw\n    offer:\n      can_decline: true',
)
def offer_cannot_be_declined(ctx: CheckContext) -> Iterator[Outcome]:
    """An offer without `can_decline: true` is not yet respectful outreach."""
    offering = [(index, step) for index, step in enumerate(ctx.service.steps) if step.offer is not None]
    if not offering:
        yield skip(Text(nl="Geen stap doet de persoon een aanbod", en="No step makes the person an offer"))
        return
    for index, step in offering:
        assert step.offer is not None
        if step.offer.can_decline is True:
            continue
        nl, en = step_names(ctx, step)
        if step.offer.can_decline is False:
            yield fail(Text(nl=f"Het aanbod in {nl} kan de persoon niet weigeren",
                            en=f"The person cannot decline the offer in {en}"),
                       pointer=f"{ctx.step_pointer(index)}/offer/can_decline", step=step.id)
        else:
            yield fail(Text(nl=f"Het aanbod in {nl} laat niet zien dat de persoon het mag weigeren "
                               "('can_decline' ontbreekt)",
                            en=f"The offer in {en} does not show that the person may decline it "
                               "('can_decline' is missing)"),
                       pointer=f"{ctx.step_pointer(index)}/offer", step=step.id)


CHECKS: tuple[Check, ...] = (
    government_could_act,
    journey_waits_on_person,
    acts_after_data_handover,
    letter_only_outreach,
    offer_cannot_be_declined,
)
