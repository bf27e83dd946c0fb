"""A finding: the result of one check at one place in one service."""

from __future__ import annotations

import attrs

from .check import Severity, Status
from .problem import Location
from .text import Text


@attrs.frozen
class ExplanationNote:
    """The team's recorded justification attached to a finding (comply or explain)."""

    reason: str
    decided_by: str | None = None
    until: str | None = None
    expired: bool = False


@attrs.frozen
class Finding:
    """What one check found at one place; `status` says whether it passed, failed, was explained …

    `related`: other checks that found the same root cause at this place (reported once, here);
    an explanation or baseline entry for any of them matches this finding. `credit`: for a graded
    check, the share of the check's weight this finding earns (None: counted by its status).
    """

    check: str
    principles: tuple[str, ...]
    status: Status
    severity: Severity
    message: Text
    location: Location = Location()
    step: str | None = None
    suggestion: Text | None = None
    explanation: ExplanationNote | None = None
    related: tuple[str, ...] = ()
    credit: float | None = None

    @property
    def checks(self) -> tuple[str, ...]:
        """This finding's check and the related checks that found the same root cause."""
        return (self.check, *self.related)
