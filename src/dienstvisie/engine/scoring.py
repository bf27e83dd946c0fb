"""Scores per design principle and per starting point (0–100), with coverage.

The formula (documented in docs/scores.md):

* Each selected check that serves the principle gets one state from its findings: `failed` if any
  finding failed, else `explained` if any was explained, else `passed` if any passed. A check
  whose findings are all not_applicable, needs_review or error is *not scored*.
* Each scored check weighs by its severity: info 1, minor 2, major 4, critical 8.
* score = 100 × (weight of passed and explained checks) / (weight of all scored checks).
  Comply or explain: an explained deviation counts as accepted.
* coverage: `applicable` scored checks of `total` selected checks of the principle.
* A starting point is scored the same way over the checks of every principle that serves it,
  each check counted once. With no scored check, the score is None (shown as "–").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model.check import Check, Status
from ..model.finding import Finding
from ..model.report import Score
from ..model.vision import Vision
from .selection import Selection

_SCORED = (Status.FAILED, Status.EXPLAINED, Status.PASSED)


def check_state(findings: Iterable[Finding]) -> Status | None:
    """The state of one check from its findings, or None when it is not scored."""
    statuses = {finding.status for finding in findings}
    for status in _SCORED:
        if status in statuses:
            return status
    return None


def _score(item_id: str, kind: str, checks: Sequence[Check], states: dict[str, Status | None], selection: Selection) -> Score:
    earned = possible = 0
    applicable = failed = 0
    for check in checks:
        state = states.get(check.id)
        if state is None:
            continue
        weight = selection.severity_of(check).weight
        applicable += 1
        possible += weight
        if state is Status.FAILED:
            failed += 1
        else:
            earned += weight
    score = round(100 * earned / possible, 1) if possible else None
    return Score(id=item_id, kind=kind, score=score, applicable=applicable, total=len(checks), failed=failed)


def score_report(findings: Sequence[Finding], vision: Vision, checks: Sequence[Check], selection: Selection) -> tuple[Score, ...]:
    """Scores for every principle, then every starting point, of `vision`."""
    by_check: dict[str, list[Finding]] = {}
    for finding in findings:
        by_check.setdefault(finding.check, []).append(finding)
    states = {check.id: check_state(by_check.get(check.id, [])) for check in checks}
    scores = []
    for principle in vision.principles:
        serving = [check for check in checks if principle.id in check.principles]
        scores.append(_score(principle.id, "principle", serving, states, selection))
    for point in vision.starting_points:
        principle_ids = {p.id for p in vision.principles if point.id in p.serves}
        serving = [check for check in checks if principle_ids.intersection(check.principles)]
        scores.append(_score(point.id, "starting_point", serving, states, selection))
    return tuple(scores)
