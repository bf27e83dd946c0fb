"""Checks for P4 Toegankelijk en begrijpelijk: people reach the service through the channel they
choose, with a human being available, in plain language (B1), accessibly (WCAG), and decisions
are explained."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, define_check, fail, review, skip
from ..model.service import (
    DIGITAL_CHANNELS,
    LANGUAGE_LEVELS,
    Channel,
    Step,
)
from ..model.text import Text
from ._naming import decisions, step_names, upper_first
from ._safeguards import unshown_safeguard

PLAIN_LANGUAGE_LEVEL = "B1"
ACCESSIBLE_LEVELS: frozenset[str] = frozenset({"WCAG-2.1-AA", "WCAG-2.2-AA"})






def _all_digital(channels: tuple[Channel, ...]) -> bool:
    """True when channels are listed and every one of them is digital."""
    return bool(channels) and all(channel in DIGITAL_CHANNELS for channel in channels)


def _listing(channels: tuple[Channel, ...]) -> str:
    return ", ".join(channels)


@define_check(
    id="DV401",
    title=Text(nl="Geen mens bereikbaar", en="No human being to reach"),
    rationale=Text(
        nl="Toegankelijk betekent dat er altijd een mens is om mee te praten; juist wie vastloopt in "
           "formulieren of systemen heeft dat nodig.",
        en="Accessible means a human being is always there to talk to; exactly the people who get stuck "
           "in forms or systems need that.",
    ),
    principles=("P4",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Zorg dat mensen een medewerker kunnen spreken (telefoon, balie of huisbezoek) en zet "
           "'contact.human_contact: true' in het dienstconcept.",
        en="Make sure people can speak to a member of staff (phone, desk or home visit) and set "
           "'contact.human_contact: true' in the service concept.",
    ),
    example_fail="contact:\n  human_contact: false\n  channels: [web, app]",
    example_pass="contact:\n  human_contact: true\n  channels: [balie, telefoon, web]",
)
def no_human_contact(ctx: CheckContext) -> Iterator[Outcome]:
    """A service where nobody can be reached leaves people alone with the system."""
    contact = ctx.service.contact
    if contact is not None and contact.human_contact is True:
        return
    if contact is not None and contact.human_contact is False:
        yield fail(Text(nl="Het dienstconcept zegt dat de persoon geen mens kan bereiken",
                        en="The service concept says the person cannot reach a human being"),
                   pointer="/contact/human_contact")
        return
    yield fail(Text(nl="Het dienstconcept laat niet zien dat de persoon een mens kan bereiken "
                       "('contact.human_contact' ontbreekt)",
                    en="The service concept does not show that the person can reach a human being "
                       "('contact.human_contact' is missing)"),
               pointer="/contact" if contact is not None else "")


@define_check(
    id="DV402",
    title=Text(nl="Alleen digitale kanalen waar de persoon zelf iets moet doen",
               en="Only digital channels where the person has to act"),
    rationale=Text(
        nl="Mensen kiezen zelf hun kanaal; wie niet digitaal kan of wil, moet een stap ook op papier, "
           "aan de telefoon of aan de balie kunnen zetten.",
        en="People choose their own channel; whoever cannot or will not go digital must be able to take "
           "a step on paper, by phone or at a desk as well.",
    ),
    principles=("P4",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Bied naast web, app, chat of e-mail ook een niet-digitaal kanaal (balie, telefoon, post of "
           "huisbezoek) voor elke stap waarin de persoon zelf iets moet doen.",
        en="Next to web, app, chat or email, offer a non-digital channel (desk, phone, post or home "
           "visit) for every step in which the person has to act.",
    ),
    example_fail="steps:\n  - id: aanvraag\n    initiative: burger\n    channels: [web, app]",
    example_pass="steps:\n  - id: aanvraag\n    initiative: burger\n    channels: [web, balie, telefoon]",
)
def only_digital_channels(ctx: CheckContext) -> Iterator[Outcome]:
    """Digital-only steps shut out people who cannot go digital; steps without channels tell us nothing."""
    service = ctx.service
    acting = [(i, s) for i, s in enumerate(service.steps) if s.initiative == "burger" and s.channels]
    service_channels = service.contact.channels if service.contact is not None else ()
    if not acting and not service_channels:
        yield skip(Text(nl="Geen stap waarin de persoon zelf iets doet heeft kanalen, en de dienst noemt "
                           "geen contactkanalen",
                        en="No step in which the person acts lists channels, and the service lists no "
                           "contact channels"))
        return
    if _all_digital(service_channels):
        yield fail(Text(nl=f"De dienst is als geheel alleen digitaal bereikbaar ({_listing(service_channels)})",
                        en=f"The service as a whole can only be reached digitally ({_listing(service_channels)})"),
                   pointer="/contact/channels")
    for index, step in acting:
        if _all_digital(step.channels):
            nl, en = step_names(ctx, step)
            yield fail(Text(nl=f"In {nl} moet de persoon zelf iets doen, maar dat kan alleen digitaal "
                               f"({_listing(step.channels)})",
                            en=f"In {en} the person has to act, but can only do so digitally "
                               f"({_listing(step.channels)})"),
                       pointer=f"{ctx.step_pointer(index)}/channels", step=step.id)


def _reads_something(step: Step) -> bool:
    """The person has to read or do something in this step, so its language level matters."""
    return step.initiative != "automatisch" or step.decision is not None or step.language_level is not None


@define_check(
    id="DV403",
    title=Text(nl="Taalniveau boven B1", en="Language level above B1"),
    rationale=Text(
        nl="Begrijpelijk betekent taal op B1-niveau: de meeste mensen begrijpen die, en wie het moeilijk "
           "heeft met lezen raakt anders de weg kwijt.",
        en="Understandable means language at level B1: most people understand it, and those who struggle "
           "with reading lose their way otherwise.",
    ),
    principles=("P4",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Herschrijf brieven, formulieren en webteksten van deze stap naar B1 en test ze met lezers "
           "(bijvoorbeeld een taalpanel); leg het niveau vast in 'language_level'.",
        en="Rewrite the letters, forms and web texts of this step at B1 and test them with readers "
           "(for example a language panel); record the level in 'language_level'.",
    ),
    example_fail="steps:\n  - id: besluit\n    language_level: C1",
    example_pass="steps:\n  - id: besluit\n    language_level: B1",
)
def language_above_b1(ctx: CheckContext) -> Iterator[Outcome]:
    """Text above B1 loses readers; an unknown level needs someone to look."""
    relevant = [(i, s) for i, s in enumerate(ctx.service.steps) if _reads_something(s)]
    if not relevant:
        yield skip(Text(nl="Geen stap waarin de persoon iets hoeft te lezen of te doen",
                        en="No step in which the person has to read or do anything"))
        return
    limit = LANGUAGE_LEVELS.index(PLAIN_LANGUAGE_LEVEL)
    for index, step in relevant:
        nl, en = step_names(ctx, step)
        if step.language_level is None:
            yield review(Text(nl=f"Het taalniveau van {nl} is niet opgegeven",
                              en=f"The language level of {en} is not given"),
                         pointer=ctx.step_pointer(index), step=step.id)
        elif LANGUAGE_LEVELS.index(step.language_level) > limit:
            yield fail(Text(nl=f"{upper_first(nl)} is geschreven op taalniveau {step.language_level}, "
                               f"boven {PLAIN_LANGUAGE_LEVEL}",
                            en=f"{upper_first(en)} is written at language level {step.language_level}, "
                               f"above {PLAIN_LANGUAGE_LEVEL}"),
                       pointer=f"{ctx.step_pointer(index)}/language_level", step=step.id)


@define_check(
    id="DV404",
    title=Text(nl="Digitaal kanaal niet (aantoonbaar) toegankelijk",
               en="Digital channel not (demonstrably) accessible"),
    rationale=Text(
        nl="Een website, app of chat die niet aan WCAG voldoet sluit mensen met een beperking buiten; "
           "overheden zijn wettelijk verplicht toegankelijk te zijn.",
        en="A website, app or chat that does not meet WCAG shuts out people with a disability; government "
           "bodies are required by law to be accessible.",
    ),
    principles=("P4",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Laat de digitale kanalen van deze stap toetsen aan WCAG 2.1 of 2.2 niveau AA, herstel wat "
           "ontbreekt en noem het resultaat in 'accessibility' (zie de toegankelijkheidsverklaring).",
        en="Have the digital channels of this step audited against WCAG 2.1 or 2.2 level AA, fix what is "
           "missing and state the result in 'accessibility' (see the accessibility statement).",
    ),
    example_fail="steps:\n  - id: aanvraag\n    channels: [web]\n    accessibility: partial",
    example_pass="steps:\n  - id: aanvraag\n    channels: [web]\n    accessibility: WCAG-2.1-AA",
)
def digital_not_accessible(ctx: CheckContext) -> Iterator[Outcome]:
    """Only steps with a digital channel need WCAG; partial, unknown or unstated is not enough."""
    digital = [(i, s) for i, s in enumerate(ctx.service.steps) if DIGITAL_CHANNELS.intersection(s.channels)]
    if not digital:
        yield skip(Text(nl="Geen stap gebruikt een digitaal kanaal",
                        en="No step uses a digital channel"))
        return
    for index, step in digital:
        if step.accessibility in ACCESSIBLE_LEVELS:
            continue
        nl, en = step_names(ctx, step)
        channels = _listing(tuple(c for c in step.channels if c in DIGITAL_CHANNELS))
        if step.accessibility is None:
            message = Text(nl=f"{upper_first(nl)} gebruikt {channels}, maar de toegankelijkheid is niet opgegeven",
                           en=f"{upper_first(en)} uses {channels}, but its accessibility is not given")
            pointer = ctx.step_pointer(index)
        else:
            message = Text(nl=f"{upper_first(nl)} gebruikt {channels}, met toegankelijkheid "
                              f"'{step.accessibility}' in plaats van WCAG AA",
                           en=f"{upper_first(en)} uses {channels}, with accessibility "
                              f"'{step.accessibility}' instead of WCAG AA")
            pointer = f"{ctx.step_pointer(index)}/accessibility"
        yield fail(message, pointer=pointer, step=step.id)


@define_check(
    id="DV405",
    title=Text(nl="Beslissing niet uitgelegd", en="Decision not explained"),
    rationale=Text(
        nl="Wie een besluit krijgt moet in gewone woorden kunnen begrijpen wat er besloten is en waarom; "
           "alleen dan kan hij erop vertrouwen of ertegen opkomen.",
        en="Whoever receives a decision must be able to understand in plain words what was decided and "
           "why; only then can they trust it or challenge it.",
    ),
    principles=("P4",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Leg bij elk besluit in gewone woorden uit wat er besloten is, waarom, en wat de persoon nu kan "
           "doen (bijvoorbeeld een belletje of een begeleidende brief op B1); zet 'explained: true'.",
        en="With every decision, explain in plain words what was decided, why, and what the person can do "
           "now (for example a phone call or a covering letter at B1); set 'explained: true'.",
    ),
    example_fail="steps:\n  - id: besluit\n    decision:\n      explained: false",
    example_pass="steps:\n  - id: besluit\n    decision:\n      explained: true",
)
def decision_not_explained(ctx: CheckContext) -> Iterator[Outcome]:
    """An unexplained decision can be neither understood nor challenged."""
    deciding = decisions(ctx.service)
    if not deciding:
        yield skip(Text(nl="Het dienstconcept bevat geen beslissingen",
                        en="The service concept contains no decisions"))
        return
    yield from unshown_safeguard(
        ctx, deciding, "explained",
        lambda nl, en: Text(nl=f"De beslissing in {nl} wordt niet uitgelegd",
                            en=f"The decision in {en} is not explained"),
        lambda nl, en: Text(nl=f"De beslissing in {nl} laat niet zien dat ze wordt uitgelegd "
                               "('explained' ontbreekt)",
                            en=f"The decision in {en} does not show that it is explained "
                               "('explained' is missing)"))


CHECKS: tuple[Check, ...] = (
    no_human_contact,
    only_digital_channels,
    language_above_b1,
    digital_not_accessible,
    decision_not_explained,
)
