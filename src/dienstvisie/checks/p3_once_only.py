"""Checks for P3 Eenmalige uitvraag (once only): people are not asked for what government already
knows, and never twice; organisations share what is needed.

`holders` is the one definition of "government already holds this data item" and is shared with
the P2 checks (a step that asks only known data could be taken by government itself).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, define_check, fail, skip
from ..model.service import Ask, ServiceConcept, Step
from ..model.text import Text
from ._naming import organisation_name, step_names


def data_names(ctx: CheckContext, data_id: str) -> tuple[str, str]:
    """How a message names a data item, in Dutch and English: its id, and its name when the vocabulary knows it."""
    term = ctx.vocabularies.data_item(data_id)
    if term is None:
        return f"'{data_id}'", f"'{data_id}'"
    return f"'{data_id}' ({term.name.get('nl')})", f"'{data_id}' ({term.name.get('en')})"


def holders(ctx: CheckContext, step: Step, ask: Ask) -> tuple[str, ...]:
    """Registers or organisations that already hold what `ask` asks for in `step`; empty when none.

    The team's own `already_known_by` always counts. The vocabulary's registers do not count in a
    step with `legal_duty: true`: there the law makes the person report the event, and the register
    is filled *from* that report (the akte van overlijden is drawn up from the aangifte; the
    Handelsregister from the KVK registration), so the vocabulary is no proof government knew before.
    """
    if ask.already_known_by is not None:
        return (ask.already_known_by,)
    if step.legal_duty:
        return ()
    return ctx.registers_of(ask.data)


def _asks(service: ServiceConcept) -> list[tuple[int, Step, int, Ask]]:
    """Every ask in the journey, with the index of its step and its own index."""
    return [(s_index, step, a_index, ask)
            for s_index, step in enumerate(service.steps) for a_index, ask in enumerate(step.asks)]


_NOTHING_ASKED = Text(nl="Geen enkele stap vraagt de persoon om gegevens",
                      en="No step asks the person for data")


@define_check(
    id="DV301",
    cause="known-data-asked",
    title=Text(nl="Vraagt wat de overheid al weet", en="Asks for what government already knows"),
    rationale=Text(
        nl="Eenmalige uitvraag: mensen hoeven niet aan te leveren wat al in een basisregistratie of bij een "
           "organisatie bekend is. Bij een wettelijke aangifte (legal_duty) tellen alleen de eigen "
           "'already_known_by'-vermeldingen, want daar wordt de registratie juist uit die aangifte gevuld.",
        en="Once only: people need not supply what a base register or an organisation already holds. In a "
           "step the law requires of the person (legal_duty) only the team's own 'already_known_by' counts, "
           "because there the register is filled from that very report.",
    ),
    principles=("P3",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Haal het gegeven bij de bron (informeer bij de bron, NORA NAP12) en toon het vooraf ingevuld, zodat "
           "de persoon het alleen hoeft te controleren; regel de grondslag om het te mogen gebruiken.",
        en="Fetch the data item from its source (NORA NAP12, 'inform at the source') and show it pre-filled so "
           "the person only has to check it; arrange the legal basis to use it.",
    ),
    example_fail="steps:\n  - id: aanvraag\n    asks:\n      - data: adres\n        already_known_by: brp",
    example_pass="steps:\n  - id: aanvraag\n    asks:\n      - data: iban",
)
def asks_known_data(ctx: CheckContext) -> Iterator[Outcome]:
    """Asking what a register holds makes the person do government's work; one finding per ask."""
    asks = _asks(ctx.service)
    if not asks:
        yield skip(_NOTHING_ASKED)
        return
    for s_index, step, a_index, ask in asks:
        known_by = holders(ctx, step, ask)
        if not known_by:
            continue
        nl, en = step_names(ctx, step)
        data_nl, data_en = data_names(ctx, ask.data)
        where = ", ".join(known_by)
        yield fail(Text(nl=f"In {nl} wordt {data_nl} gevraagd, terwijl {where} dat al heeft",
                        en=f"In {en} the person is asked for {data_en}, which {where} already holds"),
                   pointer=f"{ctx.step_pointer(s_index)}/asks/{a_index}", step=step.id)


@define_check(
    id="DV302",
    cause="known-data-asked",
    title=Text(nl="Hetzelfde gegeven twee keer gevraagd", en="Same data item asked twice"),
    rationale=Text(
        nl="Eenmalige uitvraag: wat de persoon één keer heeft gegeven, vraagt geen andere stap of organisatie "
           "opnieuw; de organisaties delen het onderling.",
        en="Once only: what the person gave once, no other step or organisation asks for again; the "
           "organisations share it among themselves.",
    ),
    principles=("P3",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Laat de stap die het gegeven eerst vraagt het doorgeven (in 'handover.shares') aan de organisatie "
           "die het later nodig heeft, en schrap de tweede uitvraag.",
        en="Have the step that first asks for the data item pass it on (in 'handover.shares') to the "
           "organisation that needs it later, and drop the second request.",
    ),
    example_fail="steps:\n  - id: aangifte\n    asks:\n      - data: iban\n"
                 "  - id: anw\n    asks:\n      - data: iban",
    example_pass="steps:\n  - id: aangifte\n    asks:\n      - data: iban\n  - id: anw\n    asks: []",
)
def asked_twice(ctx: CheckContext) -> Iterator[Outcome]:
    """The second request for the same data item fails, naming the step that asked it first."""
    asks = _asks(ctx.service)
    if len({s_index for s_index, _, _, _ in asks}) < 2:
        yield skip(Text(nl="Minder dan twee stappen vragen om gegevens", en="Fewer than two steps ask for data"))
        return
    first: dict[str, Step] = {}
    for s_index, step, a_index, ask in asks:
        earlier = first.setdefault(ask.data, step)
        if earlier is step:
            continue
        nl, en = step_names(ctx, step)
        data_nl, data_en = data_names(ctx, ask.data)
        yield fail(Text(nl=f"In {nl} wordt {data_nl} opnieuw gevraagd; dat gebeurde al in stap '{earlier.id}'",
                        en=f"In {en} the person is asked for {data_en} again; step '{earlier.id}' already asked "
                           "for it"),
                   pointer=f"{ctx.step_pointer(s_index)}/asks/{a_index}", step=step.id)


@define_check(
    id="DV303",
    cause="known-data-asked",
    title=Text(nl="Gevraagd na doorgeven", en="Asked after it was passed on"),
    rationale=Text(
        nl="Eenmalige uitvraag: een gegeven dat bij een eerdere overdracht al is doorgegeven, heeft de overheid; "
           "de persoon er opnieuw om vragen maakt het delen zinloos.",
        en="Once only: a data item already passed on in an earlier hand-over is held by government; asking the "
           "person for it again makes the sharing pointless.",
    ),
    principles=("P3",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Gebruik in deze stap het gegeven uit de overdracht (vooraf ingevuld) en schrap de vraag.",
        en="Use the data item from the hand-over in this step (pre-filled) and drop the question.",
    ),
    example_fail="steps:\n  - id: aangifte\n    handover:\n      to: svb\n      kind: data\n"
                 "      shares: [bsn, iban]\n"
                 "  - id: anw\n    asks:\n      - data: iban",
    example_pass="steps:\n  - id: aangifte\n    handover:\n      to: svb\n      kind: data\n"
                 "      shares: [bsn, iban]\n"
                 "  - id: anw\n    asks: []",
)
def asked_after_shared(ctx: CheckContext) -> Iterator[Outcome]:
    """An ask in a step after an earlier hand-over shared that data item; the ask in the sharing step itself
    comes before its hand-over and is fine."""
    steps = ctx.service.steps
    if not any(step.handover is not None and step.handover.shares for step in steps):
        yield skip(Text(nl="Geen overdracht geeft gegevens door", en="No hand-over passes data on"))
        return
    shared: dict[str, tuple[Step, str]] = {}
    for s_index, step in enumerate(steps):
        for a_index, ask in enumerate(step.asks):
            if ask.data in shared:
                sharer, target = shared[ask.data]
                yield _asked_after(ctx, s_index, step, a_index, ask, sharer, target)
        if step.handover is not None:
            for data in step.handover.shares:
                shared.setdefault(data, (step, step.handover.to))


def _asked_after(ctx: CheckContext, s_index: int, step: Step, a_index: int, ask: Ask, sharer: Step,
                 target_id: str) -> Outcome:
    nl, en = step_names(ctx, step)
    data_nl, data_en = data_names(ctx, ask.data)
    target = organisation_name(ctx.service, target_id)
    return fail(Text(nl=f"In {nl} wordt {data_nl} gevraagd, terwijl stap '{sharer.id}' het al doorgaf aan {target}",
                     en=f"In {en} the person is asked for {data_en}, although step '{sharer.id}' already passed "
                        f"it on to {target}"),
                pointer=f"{ctx.step_pointer(s_index)}/asks/{a_index}", step=step.id)


CHECKS: tuple[Check, ...] = (
    asks_known_data,
    asked_twice,
    asked_after_shared,
)
