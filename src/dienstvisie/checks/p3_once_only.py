"""Checks for P3 Eenmalige uitvraag (once only): people are not asked for what government already
knows, and never twice; organisations share what is needed.

`holders` is the one definition of "government already holds this data item" and is shared with
the P2 checks (a step that asks only known data could be taken by government itself).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..model.check import Check, CheckContext, Outcome, Severity, define_check, fail, ok, review, skip
from ..model.service import Ask, ServiceConcept, Step
from ..model.text import Text
from ._journey import first_before, organisation_of
from ._per_service import remembered
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


def once_only_applies(ask: Ask) -> bool:
    """Whether once-only can hold this ask against the service: not a new fact each period (a monthly
    income statement, `periodic: true`) and not a pre-filled value the person only confirms
    (`mode: bevestigen`, the good practice once-only asks for)."""
    return not ask.periodic and ask.mode != "bevestigen"


def _fetched(service: ServiceConcept, step: Step) -> Iterator[tuple[str, str]]:
    """What a step fetches at the source, and where: (data item, source)."""
    return ((fetch.data, fetch.from_) for fetch in step.fetches)


def fetched_by(service: ServiceConcept, index: int, data: str) -> tuple[str, ...]:
    """Where this step, or a step before it in the journey, fetches `data` at the source: in the
    order the journey first fetches it from each (the document order of the steps, then of their
    fetches)."""
    steps = service.steps
    own = [fetch.from_ for fetch in steps[index].fetches if fetch.data == data]
    fetched = first_before(service, _fetched)[index]
    if not fetched:  # nothing fetched before this step (every document of format 1)
        return tuple(dict.fromkeys(own))
    earlier = sorted((position, _fetch_index(steps[position], data, source), source)
                     for (item, source), position in fetched.items() if item == data)
    return tuple(dict.fromkeys((*(source for _, _, source in earlier), *own)))


def _fetch_index(step: Step, data: str, source: str) -> int:
    return next(i for i, fetch in enumerate(step.fetches) if fetch.data == data and fetch.from_ == source)


FILLED_BY_REPORT: frozenset[str] = frozenset({"brp", "burgerlijke-stand", "handelsregister"})
"""Registers filled from the person's own report (aangifte geboorte, verhuizing, overlijden; the
inscription in the Handelsregister). Only there can a step of the register's keeper be the
registration itself; the polisadministratie, the BRI and the like are filled by others (employers,
the tax return), so their keeper asking their data is simply asking what it has."""


def register_keeper(service: ServiceConcept, step: Step, registers: tuple[str, ...]) -> str | None:
    """The register among `registers` that is filled from the person's report and that the step's own
    organisation keeps (by `registers.kept_by`), or None."""
    for register in service.registers:
        if register.id in registers and register.id in FILLED_BY_REPORT and register.kept_by is not None and \
                organisation_of(service, register.kept_by) == step.organisation:
            return register.id
    return None


_NOTHING_ASKED = Text(nl="Geen enkele stap vraagt de persoon om gegevens of haalt ze bij de bron",
                      en="No step asks the person for data or fetches it at the source")

_OWN_REGISTER = Text(
    nl="Is deze stap de wettelijke aangifte waaruit de registratie wordt gevuld, zet dan 'legal_duty: true'; zo "
       "niet, haal het gegeven uit de eigen registratie en toon het vooraf ingevuld.",
    en="If this step is the legal report from which the register is filled, set 'legal_duty: true'; if not, take "
       "the data item from your own register and show it pre-filled.",
)


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
    """Asking what a register holds makes the person do government's work; one finding per ask.

    Known also means: fetched at the source in this step or one before it. Data fetched at the
    source instead of asked earns credit (a passed finding). When the organisation that keeps the
    register asks its own register's data, the step may be the registration itself (aangifte
    geboorte): that needs review, with the hint to mark `legal_duty: true`.
    """
    service = ctx.service
    asks = _asks(service)
    fetching = [(s_index, step, f_index) for s_index, step in enumerate(service.steps)
                for f_index in range(len(step.fetches))]
    if not asks and not fetching:
        yield skip(_NOTHING_ASKED)
        return
    for s_index, step, f_index in fetching:
        fetch = step.fetches[f_index]
        data_nl, data_en = data_names(ctx, fetch.data)
        yield ok(Text(nl=f"Stap '{step.id}' haalt {data_nl} bij de bron ({fetch.from_}) in plaats van het te vragen",
                      en=f"Step '{step.id}' fetches {data_en} at the source ({fetch.from_}) instead of asking"),
                 pointer=f"{ctx.step_pointer(s_index)}/fetches/{f_index}", step=step.id)
    for s_index, step, a_index, ask in asks:
        if not once_only_applies(ask):
            continue
        fetched = fetched_by(service, s_index, ask.data)
        known_by = tuple(dict.fromkeys((*holders(ctx, step, ask), *fetched)))
        if not known_by:
            continue
        nl, en = step_names(ctx, step)
        data_nl, data_en = data_names(ctx, ask.data)
        where = ", ".join(known_by)
        pointer = f"{ctx.step_pointer(s_index)}/asks/{a_index}"
        own = register_keeper(service, step, known_by) if ask.already_known_by is None and not fetched else None
        if own is not None:
            yield review(Text(nl=f"In {nl} wordt {data_nl} gevraagd, dat {own} al heeft; {own} wordt bijgehouden door "
                                 "de organisatie van deze stap zelf: is dit de registratie zelf (een aangifte)?",
                              en=f"In {en} the person is asked for {data_en}, which {own} already holds; {own} is kept "
                                 "by this step's own organisation: is this the registration itself (a report)?"),
                         pointer=pointer, step=step.id, suggestion=_OWN_REGISTER)
            continue
        yield fail(Text(nl=f"In {nl} wordt {data_nl} gevraagd, terwijl {where} dat al heeft",
                        en=f"In {en} the person is asked for {data_en}, which {where} already holds"),
                   pointer=pointer, step=step.id)


@define_check(
    id="DV302",
    cause="known-data-asked",
    title=Text(nl="Hetzelfde gegeven twee keer gevraagd", en="Same data item asked twice"),
    rationale=Text(
        nl="Eenmalige uitvraag: wat de persoon één keer heeft gegeven, vraagt geen andere stap of organisatie "
           "opnieuw; de organisaties delen het onderling. Dat bindt de overheid: een private partij (een "
           "verzekeraar) die hetzelfde vraagt, telt niet mee.",
        en="Once only: what the person gave once, no other step or organisation asks for again; the "
           "organisations share it among themselves. That binds government: a private party (an insurer) "
           "asking the same does not count.",
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
    """The second request for the same data item fails, naming the step that asked it first.

    A new fact each period (`periodic: true`) is no second request, nor is a pre-filled value the
    person only confirms (`mode: bevestigen`). "First" follows the journey: a step before this one,
    or a step on a parallel branch when both branches apply to everyone (no `applies_to`).
    """
    service = ctx.service
    asks = _asks(service)
    if len({s_index for s_index, _, _, _ in asks}) < 2:
        yield skip(Text(nl="Minder dan twee stappen vragen om gegevens", en="Fewer than two steps ask for data"))
        return
    for s_index, step, a_index, ask in asks:
        if not once_only_applies(ask):
            continue
        earlier = _asked_before(service, s_index, ask.data)
        if earlier is None:
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
    service = ctx.service
    steps = service.steps
    if not any(handover.shares for step in steps for handover in step.handovers):
        yield skip(Text(nl="Geen overdracht geeft gegevens door", en="No hand-over passes data on"))
        return
    for s_index, step in enumerate(steps):
        if not step.asks:
            continue
        shared = first_before(service, shared_data)[s_index]  # every flow before this step: fan-out too
        for a_index, ask in enumerate(step.asks):
            if ask.data in shared and once_only_applies(ask):
                sharer = steps[shared[ask.data]]  # the first step that passed it on, its first hand-over that did
                target = next(handover.to for handover in sharer.handovers if ask.data in handover.shares)
                yield _asked_after(ctx, s_index, step, a_index, ask, sharer, target)


def shared_data(service: ServiceConcept, step: Step) -> Iterator[str]:
    """The data items the hand-overs of a step pass on."""
    return (data for handover in step.handovers for data in handover.shares)


def _private(service: ServiceConcept, step: Step) -> bool:
    """The step is taken by a private party (an insurer, an undertaker): once only binds government,
    which may not pass the person's data to it, and what the person gives it is no government's."""
    try:
        return service.organisation(step.organisation).kind == "private"
    except KeyError:
        return False


def _asked_by_government(service: ServiceConcept, step: Step) -> Iterator[str]:
    """The data items a step asks for, when government asks them (not a private party)."""
    return iter(()) if _private(service, step) else (ask.data for ask in step.asks)


def _asked_of_everyone(service: ServiceConcept) -> Mapping[str, int]:
    """Each data item government asks in a step that applies to everyone (no `applies_to`), with
    the index of the first such step."""
    first: dict[str, int] = {}
    for index, step in enumerate(service.steps):
        if step.applies_to is None:
            for data in _asked_by_government(service, step):
                first.setdefault(data, index)
    return first


def _asked_before(service: ServiceConcept, index: int, data: str) -> Step | None:
    """The first step (in document order) that asked `data` before step `index` reaches the person:
    a step before it in the journey, or any step above it when both apply to everyone (a periodic
    statement counts: government has what the person reports each month)."""
    step = service.steps[index]
    if _private(service, step):
        return None
    found = [earlier for earlier in (
        first_before(service, _asked_by_government)[index].get(data),
        remembered(service, _asked_of_everyone).get(data) if step.applies_to is None else None,
    ) if earlier is not None and earlier < index]
    return service.steps[min(found)] if found else None


def _asked_after(ctx: CheckContext, s_index: int, step: Step, a_index: int, ask: Ask, sharer: Step,
                 target_id: str) -> Outcome:
    nl, en = step_names(ctx, step)
    data_nl, data_en = data_names(ctx, ask.data)
    target = organisation_name(ctx.service, target_id)
    return fail(Text(nl=f"In {nl} wordt {data_nl} gevraagd, terwijl stap '{sharer.id}' het al doorgaf aan {target}",
                     en=f"In {en} the person is asked for {data_en}, although step '{sharer.id}' already passed "
                        f"it on to {target}"),
                pointer=f"{ctx.step_pointer(s_index)}/asks/{a_index}", step=step.id)


@define_check(
    id="DV304",
    title=Text(nl="Gegevens bij de bron gehaald zonder grondslag", en="Data fetched at the source without a legal basis"),
    rationale=Text(
        nl="Eenmalige uitvraag mag niet ten koste gaan van de persoon: wie gegevens bij de bron haalt, moet kunnen "
           "zeggen op grond van welke wet, zodat mensen kunnen zien welke gegevens over hen worden gebruikt en "
           "waarom (toetsvraag P3.Q4).",
        en="Once only must not come at the person's expense: whoever fetches data at the source must be able to "
           "say under which law, so that people can see which data about them is used and why (guiding question "
           "P3.Q4).",
    ),
    principles=("P3",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Noem bij elke 'fetches' de wettelijke grondslag in 'legal_basis' (bijvoorbeeld 'Participatiewet art. "
           "64'), en laat de persoon zien welke gegevens waar vandaan komen.",
        en="Give every 'fetches' item its legal basis in 'legal_basis' (for example 'Participatiewet art. 64'), "
           "and show the person which data comes from where.",
    ),
    example_fail='# een deel van een document in formaat 2\ndienstvisie: "2"\nregisters: [{id: bri}]\nsteps:\n  - id: aangifte\n    fetches:\n'
                 '      - {data: inkomen, from: bri}',
    example_pass='# een deel van een document in formaat 2\ndienstvisie: "2"\nregisters: [{id: bri}]\nsteps:\n  - id: aangifte\n    fetches:\n'
                 '      - {data: inkomen, from: bri, legal_basis: "Participatiewet art. 64"}',
)
def fetched_without_legal_basis(ctx: CheckContext) -> Iterator[Outcome]:
    """Every fetch names the law that allows it; one finding per fetch that does not."""
    service = ctx.service
    fetching = [(s_index, step, f_index, fetch) for s_index, step in enumerate(service.steps)
                for f_index, fetch in enumerate(step.fetches)]
    if not fetching:
        yield skip(Text(nl="Geen stap haalt gegevens bij de bron", en="No step fetches data at the source"))
        return
    for s_index, step, f_index, fetch in fetching:
        if (fetch.legal_basis or "").strip():
            continue
        nl, en = step_names(ctx, step)
        data_nl, data_en = data_names(ctx, fetch.data)
        yield fail(Text(nl=f"In {nl} wordt {data_nl} bij {fetch.from_} gehaald zonder wettelijke grondslag "
                           "('legal_basis' ontbreekt)",
                        en=f"In {en} {data_en} is fetched from {fetch.from_} without a legal basis "
                           "('legal_basis' is missing)"),
                   pointer=f"{ctx.step_pointer(s_index)}/fetches/{f_index}", step=step.id)


CHECKS: tuple[Check, ...] = (
    asks_known_data,
    asked_twice,
    asked_after_shared,
    fetched_without_legal_basis,
)
