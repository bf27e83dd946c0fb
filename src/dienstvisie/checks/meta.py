"""Checks about the document itself rather than a design principle: stale explanations and
ids the vocabularies do not know. They serve no principle and count in no score."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, fail
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


def _unknown_terms(ctx: CheckContext) -> Iterator[Outcome]:
    vocabularies = ctx.vocabularies
    for index, event in enumerate(ctx.service.life_events):
        if vocabularies.life_event(event) is None:
            yield fail(Text(nl=f"'{event}' is geen bekende levensgebeurtenis (eigen begrippen mogen)",
                            en=f"'{event}' is not a known life event (own terms are allowed)"),
                       pointer=f"/life_events/{index}")
    for s_index, step in enumerate(ctx.service.steps):
        for a_index, ask in enumerate(step.asks):
            if vocabularies.data_item(ask.data) is None:
                yield fail(Text(nl=f"'{ask.data}' in stap '{step.id}' is geen bekend gegeven (eigen begrippen mogen)",
                                en=f"'{ask.data}' in step '{step.id}' is not a known data item (own terms are allowed)"),
                           pointer=f"/steps/{s_index}/asks/{a_index}/data", step=step.id)
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
