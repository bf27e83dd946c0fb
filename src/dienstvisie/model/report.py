"""Reports: the findings and scores for one service, and a run over many services."""

from __future__ import annotations

import attrs

from .finding import Finding
from .service import ServiceConcept
from .text import Text


@attrs.frozen
class Score:
    """A 0–100 score for a design principle or starting point, with its coverage.

    `score` is None when no check of it applied. `applicable` of `total` checks applied.
    `assessed` of `questions` guiding questions the team has answered (the *assessment coverage*:
    unanswered questions lower it, never the score; `questions` is 0 when none are asked).
    """

    id: str
    kind: str  # "principle" or "starting_point"
    score: float | None
    applicable: int
    total: int
    failed: int = 0
    questions: int = 0
    assessed: int = 0

    @property
    def assessment_coverage(self) -> float | None:
        """The share of the guiding questions answered, 0–1; None when there are none."""
        return self.assessed / self.questions if self.questions else None


@attrs.frozen
class Report:
    """Everything the checks found for one service concept."""

    service: str
    title: Text
    vision: str
    vision_version: str
    findings: tuple[Finding, ...]
    scores: tuple[Score, ...] = ()
    file: str | None = None
    concept: ServiceConcept | None = attrs.field(default=None, eq=False, repr=False)  # for the journey

    def failures(self) -> tuple[Finding, ...]:
        """Findings with status failed or error."""
        return tuple(f for f in self.findings if f.status.value in ("failed", "error"))

    def score(self, item_id: str) -> Score:
        """The score of a principle or starting point; KeyError if there is none."""
        for score in self.scores:
            if score.id == item_id:
                return score
        raise KeyError(item_id)
