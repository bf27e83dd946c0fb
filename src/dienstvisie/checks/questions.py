"""Checks made from the vision's guiding questions: one per design principle, id `Q` + principle id.

They read the team's own `assessment` and reward an honest answer rather than silence:

* `ja` with evidence passes (credit 1); `deels` with evidence passes with half the credit, so it
  lowers the score a little but never fails a run; `nee` fails (major, credit 0): the team itself
  says the service falls short, which an explanation can accept.
* Where the team did not answer P3.Q4 of the shipped vision ("under which law we share it"), a
  document whose every fetch and data hand-over names its `legal_basis` answers it: `ja`, with the
  legal bases as evidence.
* An answer without evidence (`ja` or `deels`), `onbekend` and no answer at all are *not assessed*:
  they need review, lower the assessment coverage shown beside the score, and leave the score alone.
  With `require_assessment` (`--require-assessment`) they fail instead, for teams that want that gate.

The checks are `graded`: scoring takes the mean credit of the answered questions (engine/scoring.py),
so ja, deels and nee move the score and unanswered questions do not. Each finding carries a
suggestion that fits its state: a team that answered every question is never told to answer them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, fail, ok, review
from ..model.service import Answer, ServiceConcept
from ..model.text import Text
from ..model.vision import DesignPrinciple, GuidingQuestion, Vision
from ._per_service import remembered

CREDIT: dict[str, float] = {"ja": 1.0, "deels": 0.5, "nee": 0.0}
"""What an assessed answer earns of the guiding-questions check's weight."""


SHIPPED_VISION = "gezamenlijke-dienstverlening"
LEGAL_BASIS_QUESTION = "P3.Q4"
"""Of the shipped vision: "can people see which data we use, where it comes from and under which law we
share it?" The document answers it when every fetch and data hand-over names its `legal_basis`."""


def _legal_bases(service: ServiceConcept) -> tuple[str, list[str]] | None:
    """The pointer of the first legal basis and every basis named, when every fetch and data hand-over
    names one (and there is at least one); else None."""
    flows: list[tuple[str, str | None]] = []
    for s_index, step in enumerate(service.steps):
        flows += [(f"/steps/{s_index}/fetches/{i}/legal_basis", fetch.legal_basis)
                  for i, fetch in enumerate(step.fetches)]
        flows += [(f"/steps/{s_index}/handovers/{i}/legal_basis", handover.legal_basis)
                  for i, handover in enumerate(step.handovers) if handover.kind == "data"]
    if not flows or any(not (basis or "").strip() for _, basis in flows):
        return None
    return flows[0][0], list(dict.fromkeys((basis or "").strip() for _, basis in flows))


def document_answers(service: ServiceConcept, vision: Vision) -> dict[str, tuple[str, Answer]]:
    """Guiding questions the document itself answers where the team did not, with the pointer of the
    answer: `legal_basis` on every fetch and data hand-over answers P3.Q4 of the shipped vision."""
    if vision.id != SHIPPED_VISION or any(a.question == LEGAL_BASIS_QUESTION for a in service.assessment):
        return {}
    found = remembered(service, _legal_bases)  # asked by the check of every principle and by scoring
    if found is None:
        return {}
    pointer, bases = found
    evidence = "legal_basis: " + "; ".join(bases)
    return {LEGAL_BASIS_QUESTION: (pointer, Answer(question=LEGAL_BASIS_QUESTION, answer="ja", evidence=evidence))}


def effective_answers(service: ServiceConcept, vision: Vision) -> tuple[Answer, ...]:
    """The team's answers and those the document gives itself (see `document_answers`)."""
    return service.assessment + tuple(answer for _, answer in document_answers(service, vision).values())


def question_check_id(principle: DesignPrinciple) -> str:
    """The id of the guiding-questions check of a principle, e.g. QP1."""
    return f"Q{principle.id}"


def _has_evidence(answer: Answer) -> bool:
    return bool((answer.evidence or "").strip())


def is_assessed(answer: Answer | None) -> bool:
    """True when the answer counts: `nee`, or `ja`/`deels` with evidence of how the team knows."""
    if answer is None or answer.answer not in CREDIT:
        return False
    return answer.answer == "nee" or _has_evidence(answer)


def _open(question: GuidingQuestion, answer: Answer | None, pointer: str, require: bool) -> Outcome:
    """An unanswered, unknown or unsupported answer: review, or a failure when the run requires answers."""
    q_nl, q_en = question.text.get("nl"), question.text.get("en")
    qid = question.id
    if answer is None:
        message = Text(nl=f"Toetsvraag {qid} is nog niet beantwoord: {q_nl}",
                       en=f"Guiding question {qid} is not answered yet: {q_en}")
        suggestion = Text(
            nl="Beantwoord deze open toetsvragen in 'assessment' met ja, deels of nee en noem bij 'evidence' hoe je "
               "het weet; een eerlijk 'deels' telt mee en laat de run niet falen.",
            en="Answer these open guiding questions in 'assessment' with ja, deels or nee and say under 'evidence' "
               "how you know; an honest 'deels' counts and does not fail the run.")
    elif answer.answer == "onbekend":
        message = Text(nl=f"Toetsvraag {qid} is beantwoord met 'onbekend': {q_nl}",
                       en=f"Guiding question {qid} is answered 'onbekend' (unknown): {q_en}")
        suggestion = Text(
            nl="Zoek uit hoe het zit (vraag het de mensen zelf, kijk in de cijfers) en vervang 'onbekend' door ja, "
               "deels of nee met onderbouwing.",
            en="Find out how matters stand (ask the people themselves, look at the figures) and replace 'onbekend' "
               "with ja, deels or nee, with evidence.")
    else:
        word_en = "yes" if answer.answer == "ja" else "partly"
        message = Text(nl=f"Toetsvraag {qid} is met '{answer.answer}' beantwoord, maar zonder onderbouwing: het "
                          "antwoord telt nog niet mee",
                       en=f"Guiding question {qid} is answered '{word_en}' without evidence: the answer does not "
                          "count yet")
        suggestion = Text(
            nl="Noem bij 'evidence' hoe je het weet (een test met mensen, cijfers, signalen); dan telt het antwoord "
               "mee in de score.",
            en="Say under 'evidence' how you know (a test with people, figures, signals); then the answer counts in "
               "the score.")
        pointer += "/answer"
    if require:
        return fail(message, pointer=pointer, suggestion=suggestion)
    return review(message, pointer=pointer, suggestion=suggestion)


def _outcome(question: GuidingQuestion, answer: Answer | None, pointer: str, require: bool) -> Outcome:
    if answer is None or not is_assessed(answer):
        return _open(question, answer, pointer, require)
    q_nl, q_en = question.text.get("nl"), question.text.get("en")
    evidence = (answer.evidence or "").strip()
    if answer.answer == "nee":
        because = f" — {evidence}" if evidence else ""
        return fail(Text(nl=f"Het team beantwoordt toetsvraag {question.id} met 'nee': {q_nl}{because}",
                         en=f"The team answers guiding question {question.id} with 'no': {q_en}{because}"),
                    pointer=pointer, severity=Severity.MAJOR, credit=CREDIT["nee"],
                    suggestion=Text(
                        nl="Zet op de verbeteragenda wat nodig is om met ja te kunnen antwoorden, of leg in "
                           "'explanations' uit waarom het (nog) niet kan.",
                        en="Put on the improvement agenda what it takes to answer yes, or explain under "
                           "'explanations' why that is not possible (yet)."))
    if answer.answer == "deels":
        return ok(Text(nl=f"Toetsvraag {question.id}: deels — {evidence}",
                       en=f"Guiding question {question.id}: partly — {evidence}"),
                  pointer=pointer, credit=CREDIT["deels"])
    return ok(Text(nl=f"Toetsvraag {question.id}: ja — {evidence}",
                   en=f"Guiding question {question.id}: yes — {evidence}"), pointer=pointer, credit=CREDIT["ja"])


def _questions_check(principle: DesignPrinciple, require: bool) -> Check:
    unanswered = {question.id: _open(question, None, "/assessment", require) for question in principle.questions}
    # the same for every service that leaves the question open (an Outcome is frozen): made once

    def run(ctx: CheckContext) -> Iterator[Outcome]:
        answers: dict[str, tuple[str, Answer]] = document_answers(ctx.service, ctx.vision)
        answers.update({answer.question: (f"/assessment/{index}", answer)
                        for index, answer in enumerate(ctx.service.assessment)})
        for question in principle.questions:
            found = answers.get(question.id)
            yield unanswered[question.id] if found is None else _outcome(question, found[1], found[0], require)

    title_nl, title_en = principle.title.get("nl"), principle.title.get("en")
    return Check(
        id=question_check_id(principle),
        title=Text(nl=f"Toetsvragen bij {principle.id} {title_nl}", en=f"Guiding questions of {principle.id} {title_en}"),
        rationale=Text(
            nl="Niet alles is uit een document af te lezen: het team beantwoordt de toetsvragen van de visie zelf, met "
               "onderbouwing. Een eerlijk 'deels' of 'nee' telt in de score; een open vraag verlaagt alleen de "
               "beoordelingsdekking.",
            en="Not everything can be read from a document: the team answers the vision's guiding questions itself, "
               "with evidence. An honest 'deels' or 'nee' counts in the score; an open question only lowers the "
               "assessment coverage.",
        ),
        principles=(principle.id,),
        severity=Severity.MINOR,
        suggestion=Text(
            nl="Beantwoord de toetsvragen die nog open staan in 'assessment' met ja, deels of nee en noem bij "
               "'evidence' hoe je het weet; wat 'nee' is, zet je op de verbeteragenda.",
            en="Answer the guiding questions still open in 'assessment' with ja, deels or nee and say under "
               "'evidence' how you know; what is 'nee' goes on the improvement agenda.",
        ),
        function=run,
        example_fail='assessment:\n  - question: P1.Q1\n    answer: nee',
        example_pass='assessment:\n  - question: P1.Q1\n    answer: deels\n'
                     '    evidence: Getest met tien inwoners, juni 2026; de balie verwijst nog door.',
        graded=True,
    )


def question_checks(vision: Vision, *, require_assessment: bool = False) -> tuple[Check, ...]:
    """One guiding-questions check for every principle of `vision`; with `require_assessment`,
    unanswered, unknown and unsupported answers fail instead of needing review."""
    return tuple(_questions_check(principle, require_assessment) for principle in vision.principles)
