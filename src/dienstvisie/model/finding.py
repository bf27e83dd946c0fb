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
    """What one check found at one place; `status` says whether it passed, failed, was explained …"""

    check: str
    principles: tuple[str, ...]
    status: Status
    severity: Severity
    message: Text
    location: Location = Location()
    step: str | None = None
    suggestion: Text | None = None
    explanation: ExplanationNote | None = None
