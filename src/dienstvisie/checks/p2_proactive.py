"""Checks for P2 Proactief: government acts on what it already knows (a life event, a change in a
register, data passed on) and reaches out before people have to ask.

Steps with `legal_duty: true` are never held against the service: there the law requires the
person to act (e.g. the aangifte van geboorte), and that is not a lack of initiative.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, define_check, fail, skip
from ..model.service import Step
from ..model.text import Text
from ._naming import step_names, upper_first
from .p3_once_only import data_names, holders

ACTS_ITSELF: frozenset[str] = frozenset({"overheid", "automatisch"})





def _waits_on_person(step: Step) -> bool:
    """The person has to take this step, and no law says it must be them."""
    return step.initiative == "burger" and not step.legal_duty


def _unknown_asks(ctx: CheckContext, step: Step, shared: set[str]) -> list[str]:
    """The data items this step asks for that government does not already hold; `shared`: the data
    items hand-overs of the steps before it passed on."""
    return [ask.data for ask in step.asks if not holders(ctx, step, ask) and ask.data not in shared]


def _nothing_new(ctx: CheckContext, step: Step) -> tuple[str, str]:
    """Why a step brings government nothing new, in Dutch and English."""
    if not step.asks:
        return "vraagt niets", "asks for nothing"
    names = [data_names(ctx, ask.data) for ask in step.asks]
    return (f"vraagt alleen wat de overheid al heeft ({', '.join(nl for nl, _ in names)})",
            f"only asks for what government already holds ({', '.join(en for _, en in names)})")


@define_check(
    id="DV201",
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
    if not any(_waits_on_person(step) for step in steps):
        yield skip(Text(nl="Geen stap waarin de persoon zelf het initiatief moet nemen (wettelijke plichten "
                           "niet meegeteld)",
                        en="No step in which the person must take the initiative (legal duties not counted)"))
        return
    shared: set[str] = set()  # what the hand-overs of the steps so far passed on, grown step by step (linear)
    for index, step in enumerate(steps):
        waits = _waits_on_person(step)
        asks_new = waits and _unknown_asks(ctx, step, shared)
        if step.handover is not None:
            shared.update(step.handover.shares)
        if not waits or asks_new:
            continue
        nl, en = step_names(ctx, step)
        why_nl, why_en = _nothing_new(ctx, step)
        yield fail(Text(nl=f"In {nl} moet de persoon zelf in actie komen, maar de stap {why_nl}",
                        en=f"In {en} the person has to take action, but the step {why_en}"),
                   pointer=f"{ctx.step_pointer(index)}/initiative", step=step.id)


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
    title=Text(nl="De hele reis wacht op de persoon", en="The whole journey waits on the person"),
    rationale=Text(
        nl="Proactief: de overheid hoort van deze levensgebeurtenis via een registratie, en kan dus zelf in actie "
           "komen. Als geen enkele stap van de overheid uitgaat, moet de persoon alles zelf aanvragen. Stappen die "
           "de wet van de persoon vraagt (legal_duty) tellen niet als wachten.",
        en="Proactive: government learns of this life event through a register, so it can act itself. When no "
           "step is taken by government, the person has to apply for everything. Steps the law requires of the "
           "person (legal_duty) do not count as waiting.",
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
    steps = ctx.service.steps
    if any(step.initiative in ACTS_ITSELF for step in steps):
        return
    waiting = [(index, step) for index, step in enumerate(steps) if _waits_on_person(step)]
    if not waiting:
        yield skip(Text(nl="Elke stap is een wettelijke plicht van de persoon",
                        en="Every step is a legal duty of the person"))
        return
    index, first = waiting[0]
    nl, en = step_names(ctx, first)
    known = ", ".join(f"{event} ({register})" for event, register in events)
    yield fail(Text(nl=f"De overheid hoort van {known}, maar geen enkele stap gaat van de overheid uit; de reis "
                       f"wacht op de persoon, te beginnen bij {nl}",
                    en=f"Government learns of {known}, but no step is taken by government; the journey waits on "
                       f"the person, starting with {en}"),
               pointer=f"{ctx.step_pointer(index)}/initiative", step=first.id)


@define_check(
    id="DV203",
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
    """Data passed to the next organisation should spare the person from starting the next step."""
    steps = ctx.service.steps
    if not any(step.handover is not None and step.handover.kind == "data" for step in steps):
        yield skip(Text(nl="Het dienstconcept bevat geen gegevensoverdrachten",
                        en="The service concept contains no data hand-overs"))
        return
    for index in range(1, len(steps)):
        handover, step = steps[index - 1].handover, steps[index]
        if handover is None or handover.kind != "data" or handover.to != step.organisation:
            continue
        if not _waits_on_person(step):
            continue
        nl, en = step_names(ctx, step)
        yield fail(Text(nl=f"{upper_first(nl)} wacht op de persoon, terwijl stap '{steps[index - 1].id}' de "
                           "gegevens al aan deze organisatie doorgaf",
                        en=f"{upper_first(en)} waits on the person, although step '{steps[index - 1].id}' already "
                           "passed the data to this organisation"),
                   pointer=f"{ctx.step_pointer(index)}/initiative", step=step.id)


CHECKS: tuple[Check, ...] = (
    government_could_act,
    journey_waits_on_person,
    acts_after_data_handover,
)
