"""A portfolio: what many checked services say together (see `dienstvisie.analysis.portfolio`).

Everything here is plain, frozen data, made by `portfolio.summarise()` (one service) and
`portfolio.aggregate()` (all of them), and read by the portfolio report formats.
"""

from __future__ import annotations

import attrs

from .check import Severity
from .text import Text

Counts = tuple[tuple[str, int], ...]
"""(id, number) pairs, most first, then by id."""

HISTOGRAM_BINS = 10
"""Score histograms have ten bins of ten points: 0–9, 10–19, … 90–100 (100 falls in the last)."""


@attrs.frozen
class ServiceSummary:
    """What the portfolio needs of one service's report: small, so it can travel between processes."""

    service: str
    file: str | None
    failing: bool
    life_events: tuple[str, ...]
    scores: tuple[tuple[str, str, float | None, int], ...]  # (principle or starting point, kind, score, failed checks)
    statuses: Counts  # findings per status
    failed_checks: Counts  # failed findings per check
    explained_checks: Counts  # explained findings per check
    organisations: tuple[tuple[str, str], ...]  # (id, name) of every organisation in the document
    steps_per_organisation: Counts
    failed_at_organisation: tuple[tuple[str, str, int], ...]  # (organisation, check, failed findings in its steps)
    failed_handovers_to: tuple[tuple[str, str, int], ...]  # (receiving organisation, check, failed findings)
    cold_handovers_to: Counts  # cold hand-overs per receiving organisation (from the document)
    asks: Counts  # times each data item is asked
    asks_held: Counts  # times each data item is asked although a register or organisation already holds it
    failed_at_data: tuple[tuple[str, str, int], ...]  # (data item, check, failed findings about asking it)
    title: Text | None = None  # the service's title
    situations: tuple[str, ...] = ()
    owner: tuple[str, str] | None = None  # (id, name) of the organisation that owns the whole service


@attrs.frozen
class Distribution:
    """How the scores of one design principle (or starting point) are spread over the services."""

    id: str
    kind: str  # "principle" or "starting_point"
    title: Text
    scored: int  # services with a score for it
    not_scored: int  # services where no check of it applied
    minimum: float | None
    q1: float | None
    median: float | None
    q3: float | None
    maximum: float | None
    mean: float | None
    histogram: tuple[int, ...]  # HISTOGRAM_BINS counts
    failing_services: int  # services with at least one failed check of it


@attrs.frozen
class CheckTally:
    """How often one check fails across the portfolio."""

    id: str
    title: Text
    principles: tuple[str, ...]
    severity: Severity
    services: int  # services where it failed
    findings: int  # failed findings
    explained: int  # explained findings (comply or explain)


@attrs.frozen
class LifeEventTally:
    """The services of one group — a life event, a situation or an owner — and where they fall short."""

    id: str
    name: Text | None  # from the vocabulary (or the owner's name), when known
    services: int
    failing_services: int
    failed_findings: int
    checks: Counts  # failed findings per check
    medians: tuple[tuple[str, float | None], ...]  # median score per principle


GroupTally = LifeEventTally
"""The same tally serves every view by group: per life event, per situation, per owner."""


@attrs.frozen
class ServiceRow:
    """One row of the heat map: a service with its score per design principle (None: no check applied)."""

    service: str
    title: Text | None
    file: str | None
    failing: bool
    owner: str | None  # the owning organisation's id
    scores: tuple[tuple[str, float | None], ...]  # per principle, in the vision's order
    failed: tuple[tuple[str, int], ...]  # failed checks per principle, same order

    @property
    def mean(self) -> float | None:
        """The mean of the principles' scores that exist, to one decimal; None when none exists."""
        values = [score for _, score in self.scores if score is not None]
        return round(sum(values) / len(values), 1) if values else None

    def score(self, principle: str) -> float | None:
        """The score of one principle, None when it has none (or the vision has no such principle)."""
        return next((score for item, score in self.scores if item == principle), None)


SORTS = ("worst", "name")
"""How the heat map can be ordered: worst first (lowest mean score), by service id, or by one
principle's score (its id, lowest first)."""


def sort_rows(rows: tuple[ServiceRow, ...], by: str = "worst") -> tuple[ServiceRow, ...]:
    """`rows` worst first (lowest mean; failing before passing; then more failed checks; then id),
    by service id (`name`), or by the score of the principle `by` (lowest first, no score last)."""
    def worst(row: ServiceRow) -> tuple[float, int, int, str]:
        mean = row.mean
        return (101.0 if mean is None else mean, not row.failing, -sum(n for _, n in row.failed), row.service)

    if by == "worst":
        return tuple(sorted(rows, key=worst))
    if by == "name":
        return tuple(sorted(rows, key=lambda row: row.service))

    def by_principle(row: ServiceRow) -> tuple[float, float, int, int, str]:
        score = row.score(by)
        return (101.0 if score is None else score, *worst(row))

    return tuple(sorted(rows, key=by_principle))


@attrs.frozen
class OrganisationTally:
    """One organisation across the portfolio: where it takes part and where failures sit at it."""

    id: str
    name: str
    services: int
    steps: int
    failed_in_steps: int  # failed findings in its own steps
    step_checks: Counts
    failed_handovers_to: int  # failed findings about hand-overs to it (it is at the far end)
    handover_checks: Counts
    cold_handovers_to: int  # cold hand-overs that end at it (from the documents)


@attrs.frozen
class DataItemTally:
    """One data item: how often people are asked for it, and how often government already has it."""

    id: str
    name: Text | None  # from the vocabulary, when it knows the data item
    asked: int  # times asked, in all steps of all services
    services: int  # services that ask it
    held: int  # times asked although a register or organisation already holds it
    failed: int  # failed findings about asking it
    checks: Counts


@attrs.frozen
class Portfolio:
    """The portfolio view: distributions, the checks that fail most, and the problem spots."""

    vision: str
    vision_title: Text
    vision_version: str
    fail_on: Severity
    services: int
    passing: int
    failing: int
    invalid: int  # documents that could not be checked
    invalid_files: tuple[str, ...]
    statuses: Counts
    distributions: tuple[Distribution, ...]
    checks: tuple[CheckTally, ...]  # failing ones, most services first
    life_events: tuple[LifeEventTally, ...]
    organisations: tuple[OrganisationTally, ...]
    data_items: tuple[DataItemTally, ...]
    version: str = ""
    vision_status: str = ""  # the vision's provenance status: official, reconstructed or draft
    matrix: tuple[ServiceRow, ...] = ()  # the heat map: every service, worst first
    without_life_event: LifeEventTally | None = None  # the services that name no life event, as one group
    situations: tuple[LifeEventTally, ...] = ()
    owners: tuple[LifeEventTally, ...] = ()

    @property
    def passed(self) -> bool:
        """True when every service passes and every document could be checked."""
        return not self.failing and not self.invalid
