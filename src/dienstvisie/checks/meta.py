"""Checks about the document itself rather than a design principle: stale explanations and
ids the vocabularies do not know (every data id, wherever it appears: asks, fetches, hand-overs). They serve no principle and count in no score."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, fail
from ..model.service import Step
from ..model.text import Text

STALE_EXPLANATION_ID = "DV001"
UNKNOWN_TERM_ID = "DV002"


def _engine_only(ctx: CheckContext) -> Iterator[Outcome]:
    """Stale explanations are found by the engine, which sees every finding."""
    return iter(())


STALE_EXPLANATION = Check(
    id=STALE_EXPLANATION_ID,
    title=Text(nl="Verklaring zonder bevinding", en="Explanation without a finding"),
    rationale=Text(
        nl="Een verklaring (pas toe of leg uit) die nergens meer bij hoort, verbergt niets maar vervuilt het dossier; "
           "misschien is het probleem opgelost, klopt de check-id niet, of is de check verwijderd of vervangen "
           "(dan noemt de bevinding de opvolger).",
        en="An explanation (comply or explain) that matches nothing hides nothing but clutters the record; "
           "perhaps the problem was solved, the check id is wrong, or the check was removed or replaced "
           "(the finding then names its successor).",
    ),
    principles=(),
    severity=Severity.INFO,
    suggestion=Text(nl="Verwijder de verklaring of verbeter de check-id en stap.",
                    en="Remove the explanation or correct its check id and step."),
    function=_engine_only,
    example_fail="explanations:\n  - check: DV999\n    reason: bestaat niet",
    example_pass="explanations: []",
)


def data_ids(step: Step, format_version: str = "2") -> Iterator[tuple[str, str]]:
    """Every data id a step names, wherever it appears, with its pointer inside the step: asks,
    fetches, and what hand-overs share."""
    for index, ask in enumerate(step.asks):
        yield f"/asks/{index}/data", ask.data
    for index, fetch in enumerate(step.fetches):
        yield f"/fetches/{index}/data", fetch.data
    for h_index, handover in enumerate(step.handovers):
        base = "/handover" if format_version == "1" else f"/handovers/{h_index}"
        for index, data in enumerate(handover.shares):
            yield f"{base}/shares/{index}", data


def _did_you_mean(data: str, ctx: CheckContext, asked: set[str]) -> tuple[str, str]:
    """A hint at the known id a typo probably meant, in Dutch and English; empty when none is close."""
    known = sorted({term.id for term in ctx.vocabularies.data_items} | asked - {data})
    close = difflib.get_close_matches(data, known, n=1, cutoff=0.8)
    if not close:
        return "", ""
    return f"; bedoel je '{close[0]}'?", f"; did you mean '{close[0]}'?"


def _unknown_terms(ctx: CheckContext) -> Iterator[Outcome]:
    vocabularies = ctx.vocabularies
    for index, event in enumerate(ctx.service.life_events):
        if vocabularies.life_event(event) is None:
            yield fail(Text(nl=f"'{event}' is geen bekende levensgebeurtenis (eigen begrippen mogen)",
                            en=f"'{event}' is not a known life event (own terms are allowed)"),
                       pointer=f"/life_events/{index}")
    asked = {ask.data for step in ctx.service.steps for ask in step.asks}
    reported: set[str] = set()
    for s_index, step in enumerate(ctx.service.steps):
        for pointer, data in data_ids(step, ctx.service.dienstvisie):
            if vocabularies.data_item(data) is not None:
                continue
            if "/asks/" not in pointer and (data in asked or data in reported):
                continue  # an own term the document asks for: reported where it is asked
            reported.add(data)
            hint_nl, hint_en = _did_you_mean(data, ctx, asked)
            yield fail(Text(nl=f"'{data}' in stap '{step.id}' is geen bekend gegeven (eigen begrippen mogen){hint_nl}",
                            en=f"'{data}' in step '{step.id}' is not a known data item (own terms are allowed)"
                               f"{hint_en}"),
                       pointer=f"/steps/{s_index}{pointer}", step=step.id)
    questions = {q.id for p in ctx.vision.principles for q in p.questions}
    for index, answer in enumerate(ctx.service.assessment):
        if answer.question not in questions:
            yield fail(Text(nl=f"'{answer.question}' is geen toetsvraag van de visie '{ctx.vision.id}'",
                            en=f"'{answer.question}' is not a guiding question of the vision '{ctx.vision.id}'"),
                       pointer=f"/assessment/{index}/question")


UNKNOWN_TERM = Check(
    id=UNKNOWN_TERM_ID,
    title=Text(nl="Onbekende levensgebeurtenis, gegeven of toetsvraag", en="Unknown life event, data item or question"),
    rationale=Text(
        nl="Met gedeelde begrippen kunnen checks zien wat de overheid al weet; een eigen begrip mag, maar een tikfout valt zo op.",
        en="Shared terms let checks see what government already knows; an own term is fine, but this way a typo shows.",
    ),
    principles=(),
    severity=Severity.INFO,
    suggestion=Text(nl="Gebruik een id uit de vocabulaire of voeg je eigen begrip toe met een plugin.",
                    en="Use an id from the vocabulary, or add your own term with a plugin."),
    function=_unknown_terms,
    example_fail="life_events: [overleiden]",
    example_pass="life_events: [overlijden]",
)

META_CHECKS: tuple[Check, ...] = (STALE_EXPLANATION, UNKNOWN_TERM)
