"""Two versions of one service concept compared per design principle (see `dienstvisie.analysis.diff`)."""

from __future__ import annotations

from typing import Literal

import attrs

from .check import Severity
from .finding import Finding
from .service import ServiceConcept
from .text import Text

State = Literal["improved", "regressed", "unchanged"]


@attrs.frozen
class FindingChange:
    """A failed finding that is fixed in the new version, or new in it."""

    check: str
    title: Text  # the check's title (its id when the run does not know the check)
    severity: Severity
    message: Text
    path: str  # where, as a stable path (step ids and data items, not positions; see baseline.py)
    principles: tuple[str, ...]
    step: str | None = None
    now_explained: bool = False  # fixed because the new version explains it (comply or explain)


@attrs.frozen
class ItemDiff:
    """What changed for one design principle or starting point, or for the document itself (kind "document")."""

    id: str
    kind: str  # "principle", "starting_point" or "document"
    title: Text
    old: float | None  # score in the old version (None: not scored)
    new: float | None
    fixed: tuple[FindingChange, ...] = ()
    added: tuple[FindingChange, ...] = ()
    state: State = "unchanged"

    @property
    def delta(self) -> float | None:
        """new − old, when both are scored."""
        return round(self.new - self.old, 1) if self.old is not None and self.new is not None else None


@attrs.frozen
class ServiceDiff:
    """The comparison of two versions of a service concept."""

    vision: str
    vision_version: str
    old_id: str
    new_id: str
    old_title: Text
    new_title: Text
    old_file: str | None
    new_file: str | None
    principles: tuple[ItemDiff, ...]
    starting_points: tuple[ItemDiff, ...]
    document: ItemDiff
    version: str = ""
    vision_status: str = ""
    old_concept: ServiceConcept | None = attrs.field(default=None, eq=False, repr=False)
    new_concept: ServiceConcept | None = attrs.field(default=None, eq=False, repr=False)
    old_findings: tuple[Finding, ...] = attrs.field(default=(), eq=False, repr=False)
    new_findings: tuple[Finding, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def regressed(self) -> tuple[str, ...]:
        """Ids of the principles that regressed ("document" when the document itself has new failures)."""
        return tuple(item.id for item in (*self.principles, self.document) if item.state == "regressed")

    @property
    def improved(self) -> tuple[str, ...]:
        """Ids of the principles that improved ("document" for fixed findings about the document)."""
        return tuple(item.id for item in (*self.principles, self.document) if item.state == "improved")

    @property
    def state(self) -> State:
        """regressed when any principle regressed, else improved when any improved, else unchanged."""
        return "regressed" if self.regressed else "improved" if self.improved else "unchanged"
