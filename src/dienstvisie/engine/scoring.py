"""Scores per design principle and per starting point (0–100), with coverage.

The formula (documented in docs/scores.md):

* Each selected check that serves the principle gets one state from its findings: `failed` if any
  finding failed, else `explained` if any was explained, else `passed` if any passed. A check
  whose findings are all not_applicable, needs_review or error is *not scored*.
* A *graded* check (the guiding questions) earns the mean `credit` of its findings that carry one
  (an explained finding earns 1); with none, it is not scored. `ja` 1, `deels` ½, `nee` 0.
* Each scored check weighs by its severity: info 1, minor 2, major 4, critical 8.
* score = 100 × (weight earned: passed and explained checks, graded checks' share) / (weight of all
  scored checks). Comply or explain: an explained deviation counts as accepted.
* coverage: `applicable` scored checks of `total` selected checks of the principle. A check whose
  failure was merged into another check's finding (one root cause, one finding: `related`) applies
  and counts here, but not in the score: the failure weighs once, in the finding they share.
* A starting point is scored the same way over the checks of every principle that serves it,
  each check counted once. With no scored check, the score is None (shown as "–").
* assessment coverage: of the principle's guiding questions (when its question check is selected),
  how many the team answered so that they count (`questions.is_assessed`); a starting point adds up
  its principles. Unanswered questions lower this figure, never the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple

import attrs

from ..checks.questions import is_assessed, question_check_id
from ..model.check import Check, Status
from ..model.finding import Finding
from ..model.report import Score
from ..model.service import Answer
from ..model.vision import DesignPrinciple, Vision
from .selection import Selection

_SCORED = (Status.FAILED, Status.EXPLAINED, Status.PASSED)


def check_state(findings: Iterable[Finding]) -> Status | None:
    """The state of one check from its findings, or None when it is not scored."""
    statuses = {finding.status for finding in findings}
    for status in _SCORED:
        if status in statuses:
            return status
    return None


def graded_share(findings: Iterable[Finding]) -> float | None:
    """What a graded check earns of its weight: the mean credit of its credited findings, or None."""
    credits = [1.0 if finding.status is Status.EXPLAINED else finding.credit
               for finding in findings
               if finding.credit is not None and finding.status in _SCORED]
    return sum(credits) / len(credits) if credits else None


class _Tally(NamedTuple):  # a tuple: made for every check of every service
    share: float | None
    failed: bool
    merged: bool = False  # its failure is part of another check's finding (`Finding.related`)


def _score(item_id: str, kind: str, checks: Sequence[tuple[Check, int]], tallies: dict[str, _Tally],
           questions: tuple[int, int]) -> Score:
    earned = 0.0
    possible = applicable = failed = 0
    for check, weight in checks:
        tally = tallies[check.id]
        failed += tally.failed or tally.merged
        if tally.share is None:
            applicable += tally.merged
            continue
        applicable += 1
        possible += weight
        earned += weight * tally.share
    score = round(100 * earned / possible, 1) if possible else None
    return Score(id=item_id, kind=kind, score=score, applicable=applicable, total=len(checks), failed=failed,
                 questions=questions[0], assessed=questions[1])


def _assessment(principle: DesignPrinciple, selected: AbstractSet[str], answers: dict[str, Answer]) -> tuple[int, int]:
    """(questions, assessed) of a principle; (0, 0) when its question check is not selected."""
    if question_check_id(principle) not in selected:
        return (0, 0)
    questions = principle.questions
    return (len(questions), sum(1 for question in questions if is_assessed(answers.get(question.id))))


@attrs.frozen
class _Plan:
    """Which checks serve each principle and starting point, with their weights: the same for every
    service of a run (one vision, one selection, one set of checks), so worked out once for it."""

    selected: frozenset[str]
    principles: tuple[tuple[DesignPrinciple, tuple[tuple[Check, int], ...]], ...]
    starting_points: tuple[tuple[str, tuple[str, ...], tuple[tuple[Check, int], ...]], ...]

    @classmethod
    def of(cls, vision: Vision, checks: Sequence[Check], selection: Selection) -> _Plan:
        weighed = [(check, selection.severity_of(check).weight) for check in checks]
        principles = tuple((principle, tuple(item for item in weighed if principle.id in item[0].principles))
                           for principle in vision.principles)
        points = []
        for point in vision.starting_points:
            principle_ids = {p.id for p in vision.principles if point.id in p.serves}
            serving = tuple(item for item in weighed if principle_ids.intersection(item[0].principles))
            points.append((point.id, tuple(sorted(principle_ids)), serving))
        return cls(frozenset(check.id for check in checks), principles, tuple(points))


_last_plan: tuple[Vision, Selection, tuple[Check, ...], _Plan] | None = None


def _plan(vision: Vision, checks: Sequence[Check], selection: Selection) -> _Plan:
    """The plan for this vision, selection and checks; the last one is kept (compared by identity:
    the engine hands the same objects for every service of a run)."""
    global _last_plan
    last = _last_plan  # one read: another thread may replace it, never half of it
    if last is not None and last[0] is vision and last[1] is selection and len(last[2]) == len(checks) and \
            all(kept is check for kept, check in zip(last[2], checks)):
        return last[3]
    plan = _Plan.of(vision, checks, selection)
    _last_plan = (vision, selection, tuple(checks), plan)
    return plan


def score_report(findings: Sequence[Finding], vision: Vision, checks: Sequence[Check], selection: Selection,
                 answers: Sequence[Answer] = ()) -> tuple[Score, ...]:
    """Scores for every principle, then every starting point, of `vision`; `answers` are the
    team's answers to the guiding questions, for the assessment coverage."""
    plan = _plan(vision, checks, selection)
    by_check: dict[str, list[Finding]] = {}
    for finding in findings:
        by_check.setdefault(finding.check, []).append(finding)
    merged = {related for finding in findings if finding.status is Status.FAILED for related in finding.related}
    tallies = {}
    for check in checks:
        found = by_check.get(check.id, [])
        state = check_state(found)
        share = graded_share(found) if check.graded else None if state is None else 0.0 if state is Status.FAILED else 1.0
        tallies[check.id] = _Tally(share, state is Status.FAILED, check.id in merged)
    by_question = {answer.question: answer for answer in answers}
    assessment = {p.id: _assessment(p, plan.selected, by_question) for p in vision.principles}
    scores = []
    for principle, serving in plan.principles:
        scores.append(_score(principle.id, "principle", serving, tallies, assessment[principle.id]))
    for point_id, principle_ids, serving in plan.starting_points:
        asked = [assessment[p] for p in principle_ids]
        scores.append(_score(point_id, "starting_point", serving, tallies,
                             (sum(q for q, _ in asked), sum(a for _, a in asked))))
    return tuple(scores)
