"""Checks made from the vision's guiding questions: one per design principle, id `Q` + principle id.

They read the team's own `assessment`: no answer or `onbekend` needs review, `nee` fails
(major), `deels` fails (minor), and `ja` without evidence fails (minor: say how you know). Each
state has its own advice: a team that answered is not told to answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.check import Check, CheckContext, Outcome, Severity, fail, ok, review
from ..model.service import Answer
from ..model.text import Text
from ..model.vision import DesignPrinciple, GuidingQuestion, Vision

_ADVICE = {
    "open": Text(nl="Beantwoord deze toetsvraag in 'assessment' met ja, deels, nee of onbekend en noem bij 'evidence' "
                    "hoe je het weet.",
                 en="Answer this guiding question in 'assessment' with ja, deels, nee or onbekend and say under "
                    "'evidence' how you know."),
    "onbekend": Text(nl="Zoek uit hoe het zit (vraag het de andere organisaties of de mensen zelf) en vervang "
                        "'onbekend' door ja, deels of nee, met 'evidence'.",
                     en="Find out how it stands (ask the other organisations or the people themselves) and replace "
                        "'onbekend' with ja, deels or nee, with 'evidence'."),
    "short": Text(nl="Spreek af wat het team verandert om hier 'ja' te kunnen zeggen, en leg het vast in 'evidence' "
                     "of in een verklaring (explanations) met reden en termijn.",
                  en="Agree what the team will change to answer 'ja' here, and record it under 'evidence' or in an "
                     "explanation (explanations) with a reason and a date."),
    "evidence": Text(nl="Noem bij 'evidence' hoe je het weet: een test, een meting, een afspraak.",
                     en="Say under 'evidence' how you know: a test, a measurement, an agreement."),
}


def question_check_id(principle: DesignPrinciple) -> str:
    """The id of the guiding-questions check of a principle, e.g. QP1."""
    return f"Q{principle.id}"


def _outcome(question: GuidingQuestion, answer: Answer | None, pointer: str) -> Outcome:
    q_nl, q_en = question.text.get("nl"), question.text.get("en")
    if answer is None or answer.answer == "onbekend":
        state_nl = "is nog niet beantwoord" if answer is None else "is beantwoord met 'onbekend'"
        state_en = "is not answered yet" if answer is None else "is answered 'onbekend' (unknown)"
        return review(Text(nl=f"Toetsvraag {question.id} {state_nl}: {q_nl}",
                           en=f"Guiding question {question.id} {state_en}: {q_en}"), pointer=pointer,
                      suggestion=_ADVICE["open" if answer is None else "onbekend"])
    if answer.answer == "nee":
        return fail(Text(nl=f"Het team beantwoordt toetsvraag {question.id} met 'nee': {q_nl}",
                         en=f"The team answers guiding question {question.id} with 'no': {q_en}"),
                    pointer=pointer, severity=Severity.MAJOR, suggestion=_ADVICE["short"])
    if answer.answer == "deels":
        return fail(Text(nl=f"Het team beantwoordt toetsvraag {question.id} met 'deels': {q_nl}",
                         en=f"The team answers guiding question {question.id} with 'partly': {q_en}"),
                    pointer=pointer, severity=Severity.MINOR, suggestion=_ADVICE["short"])
    if not (answer.evidence or "").strip():
        return fail(Text(nl=f"Toetsvraag {question.id} is met 'ja' beantwoord, maar zonder onderbouwing",
                         en=f"Guiding question {question.id} is answered 'yes' without evidence"),
                    pointer=pointer + "/answer", severity=Severity.MINOR, suggestion=_ADVICE["evidence"])
    return ok(Text(nl=f"Toetsvraag {question.id}: ja — {answer.evidence}",
                   en=f"Guiding question {question.id}: yes — {answer.evidence}"), pointer=pointer)


def _questions_check(principle: DesignPrinciple) -> Check:
    def run(ctx: CheckContext) -> Iterator[Outcome]:
        answers = {answer.question: (index, answer) for index, answer in enumerate(ctx.service.assessment)}
        for question in principle.questions:
            index, answer = answers.get(question.id, (None, None))
            pointer = f"/assessment/{index}" if index is not None else "/assessment"
            yield _outcome(question, answer, pointer)

    title_nl, title_en = principle.title.get("nl"), principle.title.get("en")
    return Check(
        id=question_check_id(principle),
        title=Text(nl=f"Toetsvragen bij {principle.id} {title_nl}", en=f"Guiding questions of {principle.id} {title_en}"),
        rationale=Text(
            nl="Niet alles is uit een document af te lezen: het team beantwoordt de toetsvragen van de visie zelf, met onderbouwing.",
            en="Not everything can be read from a document: the team answers the vision's guiding questions itself, with evidence.",
        ),
        principles=(principle.id,),
        severity=Severity.MINOR,
        suggestion=Text(
            nl="Beantwoord elke toetsvraag in 'assessment' met ja, deels, nee of onbekend en noem bij 'evidence' hoe je het weet.",
            en="Answer each guiding question in 'assessment' with ja, deels, nee or onbekend and say under 'evidence' how you know.",
        ),
        function=run,
        example_fail='assessment:\n  - question: P1.Q1\n    answer: nee',
        example_pass='assessment:\n  - question: P1.Q1\n    answer: ja\n    evidence: Getest met tien inwoners, juni 2026.',
    )


def question_checks(vision: Vision) -> tuple[Check, ...]:
    """One guiding-questions check for every principle of `vision`."""
    return tuple(_questions_check(principle) for principle in vision.principles)
