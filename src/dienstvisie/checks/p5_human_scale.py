"""Checks for P5 Maatwerk en menselijke maat: room to deviate where a rule turns out unfair,
mistakes can be put right, informal contact before formal objection, and one plan when problems
pile up."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, define_check, fail, review, skip
from ..model.service import Decision, ServiceConcept, Step
from ..model.text import Text
from ._journey import handover_pointer, handovers
from ._naming import decisions, organisation_name, step_names, upper_first
from ._safeguards import unshown_safeguard

SEVERAL_PROBLEMS = "multiproblematiek"
DEBTS = "schulden"

_NO_DECISIONS = Text(nl="Het dienstconcept bevat geen beslissingen", en="The service concept contains no decisions")
_NO_BESLUITEN = Text(nl="Het dienstconcept bevat geen besluiten in de zin van de Awb (alleen uitkomsten)",
                     en="The service concept contains no decisions under the Awb (only outcomes)")


def _besluiten(service: ServiceConcept) -> list[tuple[int, Step, Decision]]:
    """The decisions that are a besluit under the Awb, where objection applies."""
    return [(index, step, decision) for index, step, decision in decisions(service) if decision.kind == "besluit"]





@define_check(
    id="DV501",
    title=Text(nl="Beslissing zonder bezwaar", en="Decision without objection"),
    rationale=Text(
        nl="Fouten moeten hersteld kunnen worden: wie het niet eens is met een besluit moet bezwaar kunnen "
           "maken, anders staat de persoon machteloos tegenover de overheid.",
        en="Mistakes must be put right: whoever disagrees with a decision must be able to object, or the "
           "person stands powerless before government.",
    ),
    principles=("P5",),
    severity=Severity.CRITICAL,
    suggestion=Text(
        nl="Maak bezwaar (of een vergelijkbare herzieningsprocedure) mogelijk, vermeld in het besluit hoe "
           "en binnen welke termijn, en zet 'appeal: true'.",
        en="Make objection (or a comparable review procedure) possible, state in the decision how and "
           "within what period, and set 'appeal: true'.",
    ),
    example_fail="steps:\n  - id: besluit\n    decision:\n      appeal: false",
    example_pass="steps:\n  - id: besluit\n    decision:\n      appeal: true",
)
def decision_without_appeal(ctx: CheckContext) -> Iterator[Outcome]:
    """A decision that cannot be challenged leaves mistakes standing.

    A decision that says nothing about objection fails as well, at major severity: the document
    does not show the safeguard, but it may well exist (the Awb grants it for most decisions).
    Only a `besluit` (a decision under the Awb) can be objected to; an `uitkomst` needs a complaint
    route instead (DV506).
    """
    deciding = _besluiten(ctx.service)
    if not deciding:
        yield skip(_NO_BESLUITEN if decisions(ctx.service) else _NO_DECISIONS)
        return
    yield from unshown_safeguard(
        ctx, deciding, "appeal",
        lambda nl, en: Text(nl=f"Tegen de beslissing in {nl} is geen bezwaar mogelijk",
                            en=f"No objection is possible against the decision in {en}"),
        lambda nl, en: Text(nl=f"De beslissing in {nl} laat niet zien dat bezwaar mogelijk is ('appeal' ontbreekt)",
                            en=f"The decision in {en} does not show that objection is possible "
                               "('appeal' is missing)"),
        unshown_severity=Severity.MAJOR)


@define_check(
    id="DV502",
    title=Text(nl="Geen informeel contact vóór bezwaar", en="No informal contact before objection"),
    rationale=Text(
        nl="Een gesprek vóór of naast de formele bezwaarprocedure lost veel onenigheid sneller en menselijker "
           "op, en voorkomt dat mensen een juridische weg moeten gaan.",
        en="A conversation before or alongside the formal objection procedure resolves much disagreement "
           "faster and more humanely, and spares people a legal route.",
    ),
    principles=("P5",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Bel de persoon bij een (voorgenomen) afwijzing of na ontvangst van een bezwaar eerst op om het "
           "samen op te lossen, en zet 'informal_contact_first: true'.",
        en="Call the person first when a refusal is intended or an objection comes in, to solve it "
           "together, and set 'informal_contact_first: true'.",
    ),
    example_fail="steps:\n  - id: besluit\n    decision:\n      informal_contact_first: false",
    example_pass="steps:\n  - id: besluit\n    decision:\n      informal_contact_first: true",
)
def no_informal_contact_first(ctx: CheckContext) -> Iterator[Outcome]:
    """Formal objection as the only route makes a disagreement a legal matter too soon (a `besluit` only:
    an `uitkomst` has no objection to come before)."""
    deciding = _besluiten(ctx.service)
    if not deciding:
        yield skip(_NO_BESLUITEN if decisions(ctx.service) else _NO_DECISIONS)
        return
    yield from unshown_safeguard(
        ctx, deciding, "informal_contact_first",
        lambda nl, en: Text(nl=f"Bij de beslissing in {nl} is er geen informeel contact vóór bezwaar",
                            en=f"With the decision in {en} there is no informal contact before objection"),
        lambda nl, en: Text(nl=f"De beslissing in {nl} laat niet zien dat er eerst informeel contact is "
                               "('informal_contact_first' ontbreekt)",
                            en=f"The decision in {en} does not show informal contact first "
                               "('informal_contact_first' is missing)"))


def _step_organisations(service: ServiceConcept) -> str:
    """The names of the organisations that play a part in the steps, in order of appearance."""
    ids = dict.fromkeys(step.organisation for step in service.steps)
    return ", ".join(organisation_name(service, organisation_id) for organisation_id in ids)


def piling_up(situations: tuple[str, ...]) -> int | None:
    """The index of the situation that means several problems at once, or None.

    `multiproblematiek` says so itself; debts count when another situation comes with them, since
    debts seldom come alone and then ask for one plan just as much.
    """
    if SEVERAL_PROBLEMS in situations:
        return situations.index(SEVERAL_PROBLEMS)
    if DEBTS in situations and len(situations) > 1:
        return situations.index(DEBTS)
    return None


@define_check(
    id="DV503",
    title=Text(nl="Geen gezamenlijk plan bij een stapeling van problemen",
               en="No single plan when problems pile up"),
    rationale=Text(
        nl="Wie meerdere problemen tegelijk heeft, raakt verstrikt tussen organisaties die elk een eigen plan "
           "en eigen termijnen hebben; één plan met één regisseur houdt het menselijk.",
        en="People with several problems at once get caught between organisations that each have their own "
           "plan and deadlines; one plan with one coordinator keeps it humane.",
    ),
    principles=("P5",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Maak met de persoon één plan dat alle organisaties delen, wijs één organisatie aan die het plan en "
           "het overzicht houdt, en leg dat vast onder 'coordination' (single_plan, coordinator).",
        en="Make one plan with the person that all organisations share, appoint one organisation to keep the "
           "plan and the overview, and record it under 'coordination' (single_plan, coordinator).",
    ),
    example_fail="situations: [multiproblematiek]\ncoordination:\n  single_plan: false",
    example_pass="situations: [multiproblematiek]\ncoordination:\n  single_plan: true\n  coordinator: gemeente",
)
def no_single_plan(ctx: CheckContext) -> Iterator[Outcome]:
    """Several problems at once need one shared plan and someone who keeps it."""
    service = ctx.service
    situation = piling_up(service.situations)
    if situation is None:
        yield skip(Text(nl="Het dienstconcept noemt geen situatie met meerdere problemen tegelijk",
                        en="The service concept names no situation with several problems at once"))
        return
    named = service.situations[situation]
    coordination = service.coordination
    if coordination is None:
        yield fail(Text(nl=f"De dienst bedient '{named}', maar legt niet vast hoe de organisaties samen één plan "
                           "maken ('coordination' ontbreekt)",
                        en=f"The service serves '{named}', but does not record how the organisations make one plan "
                           "together ('coordination' is missing)"),
                   pointer=f"/situations/{situation}")
        return
    if coordination.single_plan is not True:
        state_nl, state_en = ("werken niet", "do not work") if coordination.single_plan is False else \
            ("werken niet aantoonbaar", "do not demonstrably work")
        names = _step_organisations(service)
        yield fail(Text(nl=f"De dienst bedient '{named}', maar de organisaties ({names}) {state_nl} met één "
                           "gezamenlijk plan",
                        en=f"The service serves '{named}', but the organisations ({names}) {state_en} with one "
                           "shared plan"),
                   pointer="/coordination/single_plan" if coordination.single_plan is False else "/coordination")
    if coordination.coordinator is None:
        yield fail(Text(nl=f"De dienst bedient '{named}', maar geen organisatie houdt het plan en het overzicht "
                           "('coordinator' ontbreekt)",
                        en=f"The service serves '{named}', but no organisation keeps the plan and the overview "
                           "('coordinator' is missing)"),
                   pointer="/coordination")


@define_check(
    id="DV504",
    title=Text(nl="Geen ruimte om af te wijken", en="No room to deviate"),
    rationale=Text(
        nl="Regels pakken soms onredelijk uit; menselijke maat vraagt dat een medewerker dan mag afwijken "
           "(een hardheidsclausule of beslisruimte), in plaats van de regel blind toe te passen.",
        en="Rules sometimes work out unfairly; the human scale asks that staff may then deviate (a hardship "
           "clause or discretion), instead of applying the rule blindly.",
    ),
    principles=("P5",),
    severity=Severity.MINOR,
    suggestion=Text(
        nl="Regel beslisruimte of een hardheidsclausule voor dit besluit, met wie mag afwijken en hoe dat "
           "wordt vastgelegd; waar de wet dat niet toelaat, meld het knelpunt aan beleid en leg uit waarom.",
        en="Arrange discretion or a hardship clause for this decision, with who may deviate and how it is "
           "recorded; where the law does not allow it, report the bottleneck to policy and explain why.",
    ),
    example_fail="steps:\n  - id: besluit\n    decision:\n      discretion: false",
    example_pass="steps:\n  - id: besluit\n    decision:\n      discretion: true",
)
def no_discretion(ctx: CheckContext) -> Iterator[Outcome]:
    """A rule that must be applied blindly cannot be put right when it turns out unfair."""
    deciding = decisions(ctx.service)
    if not deciding:
        yield skip(_NO_DECISIONS)
        return
    for index, step, decision in deciding:
        nl, en = step_names(ctx, step)
        pointer = f"{ctx.step_pointer(index)}/decision"
        if decision.discretion is False:
            yield fail(Text(nl=f"Bij de beslissing in {nl} is er geen ruimte om af te wijken als de regel "
                               "onredelijk uitpakt",
                            en=f"With the decision in {en} there is no room to deviate where the rule "
                               "works out unfairly"),
                       pointer=f"{pointer}/discretion", step=step.id)
        elif decision.discretion is None:
            yield review(Text(nl=f"Het dienstconcept zegt niet of er bij de beslissing in {nl} ruimte is om af "
                                 "te wijken ('discretion' ontbreekt)",
                              en=f"The service concept does not say whether the decision in {en} leaves room "
                                 "to deviate ('discretion' is missing)"),
                         pointer=pointer, step=step.id)


def _plan_members(service: ServiceConcept) -> set[str]:
    """The organisations (and their teams) the single plan binds: those named by the plan, else all."""
    named = service.coordination.organisations if service.coordination is not None else ()
    organisations = set(named) if named else {organisation.id for organisation in service.organisations}
    teams = {team.id for organisation in service.organisations if organisation.id in organisations
             for team in organisation.teams}
    return organisations | teams


@define_check(
    id="DV505",
    title=Text(nl="Eén plan op papier, koude overdrachten in de reis", en="One plan declared, cold hand-overs shown"),
    rationale=Text(
        nl="Wat een team verklaart en wat de reis laat zien moeten kloppen: wie zegt met één gezamenlijk plan te "
           "werken, stuurt de persoon niet koud door naar een organisatie of team van datzelfde plan.",
        en="What a team declares and what its journey shows must agree: whoever says they work with one shared "
           "plan does not send the person on cold to an organisation or team of that same plan.",
    ),
    principles=("P5",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Maak de overdracht warm (een bekende contactpersoon neemt het plan over) of laat de organisatie van het "
           "plan zelf de volgende stap zetten; klopt het plan niet, zet 'single_plan' dan eerlijk op false.",
        en="Make the hand-over warm (a known contact takes the plan over) or have the plan's organisation take the "
           "next step itself; if there is no such plan, honestly set 'single_plan' to false.",
    ),
    example_fail="coordination:\n  single_plan: true\nsteps:\n  - id: aangifte\n    handover:\n      to: svb\n"
                 "      kind: cold",
    example_pass="coordination:\n  single_plan: true\nsteps:\n  - id: aangifte\n    handover:\n      to: svb\n"
                 "      kind: warm\n      shares: [bsn]",
)
def declared_plan_shown_cold(ctx: CheckContext) -> Iterator[Outcome]:
    """`coordination.single_plan: true` and a cold hand-over between members of that plan contradict each other."""
    service = ctx.service
    if service.coordination is None or service.coordination.single_plan is not True:
        yield skip(Text(nl="Het dienstconcept verklaart geen gezamenlijk plan",
                        en="The service concept declares no single plan"))
        return
    members = _plan_members(service)
    for index, step in enumerate(service.steps):
        for h_index, handover in enumerate(handovers(step)):
            if handover.kind != "cold" or handover.to not in members:
                continue
            nl, en = step_names(ctx, step)
            target = organisation_name(service, handover.to)
            yield fail(Text(nl=f"De dienst verklaart één gezamenlijk plan, maar na {nl} wordt de persoon koud "
                               f"overgedragen aan {target}, die bij dat plan hoort",
                            en=f"The service declares one shared plan, but after {en} the person is handed over "
                               f"cold to {target}, which belongs to that plan"),
                       pointer=f"{handover_pointer(service, index, h_index)}/kind", step=step.id)


@define_check(
    id="DV506",
    title=Text(nl="Uitkomst zonder klachtroute", en="Outcome without a complaint route"),
    rationale=Text(
        nl="Niet elke uitkomst is een besluit waartegen bezwaar openstaat (een signaal dat wordt afgesloten, een "
           "gesprek dat op niets uitloopt). Wie het er niet mee eens is, moet dan toch ergens terechtkunnen: een "
           "klachtroute (Awb hoofdstuk 9) houdt ook zo'n uitkomst herstelbaar.",
        en="Not every outcome is a decision open to objection (a signal that is closed, a talk that leads "
           "nowhere). Whoever disagrees must still have somewhere to go: a complaint route (Awb chapter 9) keeps "
           "such an outcome open to correction too.",
    ),
    principles=("P5",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Zeg bij deze uitkomst waar en hoe de persoon kan klagen (en dat een gesprek altijd kan), en zet "
           "'complaint: true'.",
        en="With this outcome, say where and how the person can complain (and that a talk is always possible), "
           "and set 'complaint: true'.",
    ),
    example_fail='# een deel van een document in formaat 2\ndienstvisie: "2"\nsteps:\n  - id: besluit\n    decision:\n      kind: uitkomst\n'
                 '      complaint: false',
    example_pass='# een deel van een document in formaat 2\ndienstvisie: "2"\nsteps:\n  - id: besluit\n    decision:\n      kind: uitkomst\n'
                 '      complaint: true',
)
def outcome_without_complaint(ctx: CheckContext) -> Iterator[Outcome]:
    """An `uitkomst` (no Awb decision) has no objection; it needs a complaint route instead."""
    outcomes = [(index, step, decision) for index, step, decision in decisions(ctx.service)
                if decision.kind == "uitkomst"]
    if not outcomes:
        yield skip(Text(nl="Het dienstconcept bevat geen uitkomsten die geen besluit zijn",
                        en="The service concept contains no outcomes that are no formal decision"))
        return
    yield from unshown_safeguard(
        ctx, outcomes, "complaint",
        lambda nl, en: Text(nl=f"Tegen de uitkomst in {nl} kan de persoon nergens klagen",
                            en=f"The person cannot complain anywhere about the outcome in {en}"),
        lambda nl, en: Text(nl=f"De uitkomst in {nl} is geen besluit, en laat geen klachtroute zien "
                               "('complaint' ontbreekt)",
                            en=f"The outcome in {en} is no formal decision, and shows no complaint route "
                               "('complaint' is missing)"))


@define_check(
    id="DV507",
    title=Text(nl="Langer dan de wettelijke termijn", en="Longer than the legal deadline"),
    rationale=Text(
        nl="Wachten kost mensen geld en rust. Een dienst die er naar eigen verwachting langer over doet dan de "
           "wettelijke beslistermijn, laat mensen wachten op wat hun rechtens toekomt.",
        en="Waiting costs people money and peace of mind. A service that by its own estimate takes longer than "
           "the legal deadline to decide leaves people waiting for what is theirs by law.",
    ),
    principles=("P5",),
    severity=Severity.MAJOR,
    suggestion=Text(
        nl="Breng de doorlooptijd binnen de wettelijke termijn (minder overdrachten, gegevens bij de bron, een "
           "voorschot), of stel de verwachting bij als die te ruim is ('expected_days').",
        en="Bring the lead time within the legal deadline (fewer hand-overs, data at the source, an advance "
           "payment), or correct the estimate if it is too generous ('expected_days').",
    ),
    example_fail='# een deel van een document in formaat 2\ndienstvisie: "2"\nsteps:\n  - id: besluit\n    expected_days: 70\n    decision:\n'
                 '      deadline_days: 56\n      deadline_source: "Awb 4:13"',
    example_pass='# een deel van een document in formaat 2\ndienstvisie: "2"\nsteps:\n  - id: besluit\n    expected_days: 20\n    decision:\n'
                 '      deadline_days: 56\n      deadline_source: "Awb 4:13"',
)
def over_the_deadline(ctx: CheckContext) -> Iterator[Outcome]:
    """`expected_days` over `deadline_days` is a finding that cites where the deadline comes from."""
    timed = [(index, step, decision) for index, step, decision in decisions(ctx.service)
             if decision.deadline_days is not None and step.expected_days is not None]
    if not timed:
        yield skip(Text(nl="Geen beslissing met zowel een wettelijke termijn als een verwachte doorlooptijd",
                        en="No decision with both a legal deadline and an expected lead time"))
        return
    for index, step, decision in timed:
        assert decision.deadline_days is not None and step.expected_days is not None
        if step.expected_days <= decision.deadline_days:
            continue
        nl, en = step_names(ctx, step)
        source = f" ({decision.deadline_source})" if decision.deadline_source else ""
        yield fail(Text(nl=f"{upper_first(nl)} duurt naar verwachting {step.expected_days:g} dagen, langer dan de "
                           f"wettelijke termijn van {decision.deadline_days:g} dagen{source}",
                        en=f"{upper_first(en)} is expected to take {step.expected_days:g} days, longer than the "
                           f"legal deadline of {decision.deadline_days:g} days{source}"),
                   pointer=f"{ctx.step_pointer(index)}/expected_days", step=step.id)


CHECKS: tuple[Check, ...] = (
    decision_without_appeal,
    no_informal_contact_first,
    no_single_plan,
    no_discretion,
    declared_plan_shown_cold,
    outcome_without_complaint,
    over_the_deadline,
)
