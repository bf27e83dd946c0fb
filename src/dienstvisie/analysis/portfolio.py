"""The portfolio view: what the reports of many services say together. Pure: no I/O.

`portfolio(reports, ...)` is the whole thing in one call. It is made of two steps, so that a run
over thousands of services need not hold their reports: `summarise()` keeps what the view needs of
one report (a `ServiceSummary`, a few hundred bytes; in a worker process of `--jobs`), and a
`PortfolioBuilder` adds the summaries up as they come, in order.

What it tells:

* per design principle and starting point, how the scores are spread: minimum, quartiles (the
  inclusive method, as a spreadsheet's QUARTILE.INC), median, maximum, mean, and a histogram of
  ten bins; and how many services fail at least one of its checks;
* the checks that fail most: in how many services, how many findings, how many explained;
* per life event: services, failing services, failed findings per check, median score per principle;
* per organisation: the services and steps it takes part in, failed findings in its own steps, and
  at the far end of hand-overs (findings about hand-overs to it, and cold hand-overs that end at it);
* per data item: how often people are asked for it, how often although a register or organisation
  already holds it (the same rule as check DV301: the team's `already_known_by`, or a register of
  the vocabulary unless the step is a legal duty), and the failed findings about asking it.

Only `failed` findings count as failures; explained ones are counted apart (comply or explain).
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

from ..checks.p3_once_only import holders
from ..model.check import Check, CheckContext, Severity, Status
from ..model.finding import Finding
from ..model.portfolio import (
    HISTOGRAM_BINS,
    CheckTally,
    Counts,
    DataItemTally,
    Distribution,
    LifeEventTally,
    OrganisationTally,
    Portfolio,
    ServiceSummary,
)
from ..model.report import Report
from ..model.service import Handover, ServiceConcept, Step
from ..model.text import Text
from ..model.vision import Vision
from ..model.vocabulary import Vocabularies

_EPOCH = datetime.date(2000, 1, 1)  # CheckContext wants a day; `holders` does not look at it


def _sorted(counter: Counter[str]) -> Counts:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _triples(counter: Counter[tuple[str, str]]) -> tuple[tuple[str, str, int], ...]:
    return tuple((a, b, n) for (a, b), n in sorted(counter.items()))


def _handover_at(step: Step, rest: list[str]) -> Handover | None:
    """The hand-over a finding's pointer inside its step is about (`/handover/…` in format 1,
    `/handovers/N/…` in format 2), or None."""
    if rest[:1] == ["handover"]:
        return step.handover
    if rest[:1] == ["handovers"] and len(rest) >= 2 and rest[1].isdigit() and int(rest[1]) < len(step.handovers):
        return step.handovers[int(rest[1])]
    return None


def _indices(finding: Finding, concept: ServiceConcept) -> tuple[int | None, list[str]]:
    """The index of the step a finding is about (from its pointer, else its step) and the pointer's tokens."""
    parts = finding.location.pointer.split("/")[1:]
    if len(parts) >= 2 and parts[0] == "steps" and parts[1].isdigit() and int(parts[1]) < len(concept.steps):
        return int(parts[1]), parts[2:]
    if finding.step is not None:
        try:
            return concept.step_index(finding.step), []
        except KeyError:
            return None, []
    return None, []


def failing(report: Report, fail_on: Severity) -> bool:
    """True when the report has a failed or error finding at or above `fail_on` (as `CheckRun.failing`)."""
    return any(f.status in (Status.FAILED, Status.ERROR) and f.severity.rank >= fail_on.rank for f in report.findings)


def summarise(report: Report, *, vision: Vision, vocabularies: Vocabularies = Vocabularies(),
              fail_on: Severity = Severity.MINOR) -> ServiceSummary:
    """What the portfolio needs of one report (its `concept`, the document, gives the places)."""
    statuses: Counter[str] = Counter(f.status.value for f in report.findings)
    failed = [f for f in report.findings if f.status is Status.FAILED]
    failed_checks = Counter(f.check for f in failed)
    explained = Counter(f.check for f in report.findings if f.status is Status.EXPLAINED)
    at_organisation: Counter[tuple[str, str]] = Counter()
    handovers_to: Counter[tuple[str, str]] = Counter()
    at_data: Counter[tuple[str, str]] = Counter()
    steps_of: Counter[str] = Counter()
    cold_to: Counter[str] = Counter()
    asks: Counter[str] = Counter()
    held: Counter[str] = Counter()
    organisations: tuple[tuple[str, str], ...] = ()
    life_events: tuple[str, ...] = ()
    concept = report.concept
    if concept is not None:
        life_events = concept.life_events
        organisations = tuple((o.id, o.name) for o in concept.organisations)
        context = CheckContext(service=concept, vision=vision, vocabularies=vocabularies, today=_EPOCH)
        for step in concept.steps:
            steps_of[step.organisation] += 1
            for handover in step.handovers:  # a cold hand-over to a team counts for its organisation
                if handover.kind == "cold":
                    cold_to[concept.organisation_id(handover.to)] += 1
            for ask in step.asks:
                asks[ask.data] += 1
                if holders(context, step, ask):
                    held[ask.data] += 1
        for finding in failed:
            index, rest = _indices(finding, concept)
            if index is None:
                continue
            step = concept.steps[index]
            target = _handover_at(step, rest)
            if target is not None:
                handovers_to[(concept.organisation_id(target.to), finding.check)] += 1
            else:
                at_organisation[(step.organisation, finding.check)] += 1
            if rest[:1] == ["asks"] and len(rest) >= 2 and rest[1].isdigit() and int(rest[1]) < len(step.asks):
                at_data[(step.asks[int(rest[1])].data, finding.check)] += 1
    return ServiceSummary(
        service=report.service, file=report.file, failing=failing(report, fail_on), life_events=life_events,
        scores=tuple((s.id, s.kind, s.score, s.failed) for s in report.scores),
        statuses=_sorted(statuses), failed_checks=_sorted(failed_checks), explained_checks=_sorted(explained),
        organisations=organisations, steps_per_organisation=_sorted(steps_of),
        failed_at_organisation=_triples(at_organisation), failed_handovers_to=_triples(handovers_to),
        cold_handovers_to=_sorted(cold_to), asks=_sorted(asks), asks_held=_sorted(held), failed_at_data=_triples(at_data),
    )


def _quantiles(values: Sequence[float]) -> tuple[float, float, float] | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return round(q1, 1), round(median, 1), round(q3, 1)


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


class _Organisation:
    def __init__(self) -> None:
        self.names: Counter[str] = Counter()
        self.services = 0
        self.steps = 0
        self.step_checks: Counter[str] = Counter()
        self.handover_checks: Counter[str] = Counter()
        self.cold = 0


class _LifeEvent:
    def __init__(self) -> None:
        self.services = 0
        self.failing = 0
        self.checks: Counter[str] = Counter()
        self.scores: dict[str, list[float]] = {}


class _DataItem:
    def __init__(self) -> None:
        self.asked = 0
        self.services = 0
        self.held = 0
        self.checks: Counter[str] = Counter()


class PortfolioBuilder:
    """Adds service summaries up, one at a time, into a `Portfolio` (see the module)."""

    def __init__(self, *, vision: Vision, checks: Sequence[Check], vocabularies: Vocabularies = Vocabularies(),
                 fail_on: Severity = Severity.MINOR, version: str = "") -> None:
        self.vision = vision
        self.checks = {check.id: check for check in checks}
        self.vocabularies = vocabularies
        self.fail_on = fail_on
        self.version = version
        self.services = 0
        self.failing = 0
        self.invalid_files: list[str] = []
        self.statuses: Counter[str] = Counter()
        self.scores: dict[tuple[str, str], list[float]] = {}
        self.not_scored: Counter[tuple[str, str]] = Counter()
        self.failing_items: Counter[tuple[str, str]] = Counter()
        self.check_services: Counter[str] = Counter()
        self.check_findings: Counter[str] = Counter()
        self.check_explained: Counter[str] = Counter()
        self.life_events: dict[str, _LifeEvent] = {}
        self.organisations: dict[str, _Organisation] = {}
        self.data_items: dict[str, _DataItem] = {}

    def invalid(self, file: str) -> None:
        """A document that could not be checked."""
        self.invalid_files.append(file)

    def add(self, summary: ServiceSummary) -> None:
        """Count one service in."""
        self.services += 1
        self.failing += summary.failing
        self.statuses.update(dict(summary.statuses))
        for item_id, kind, score, failed in summary.scores:
            key = (item_id, kind)
            if score is None:
                self.not_scored[key] += 1
            else:
                self.scores.setdefault(key, []).append(score)
            if failed:
                self.failing_items[key] += 1
        for check_id, n in summary.failed_checks:
            self.check_services[check_id] += 1
            self.check_findings[check_id] += n
        for check_id, n in summary.explained_checks:
            self.check_explained[check_id] += n
        for event_id in summary.life_events:
            event = self.life_events.setdefault(event_id, _LifeEvent())
            event.services += 1
            event.failing += summary.failing
            event.checks.update(dict(summary.failed_checks))
            for item_id, kind, score, _ in summary.scores:
                if kind == "principle" and score is not None:
                    event.scores.setdefault(item_id, []).append(score)
        for org_id, name in summary.organisations:
            organisation = self.organisations.setdefault(org_id, _Organisation())
            organisation.names[name] += 1
            organisation.services += 1
        for org_id, n in summary.steps_per_organisation:
            self.organisations.setdefault(org_id, _Organisation()).steps += n
        for org_id, check_id, n in summary.failed_at_organisation:
            self.organisations.setdefault(org_id, _Organisation()).step_checks[check_id] += n
        for org_id, check_id, n in summary.failed_handovers_to:
            self.organisations.setdefault(org_id, _Organisation()).handover_checks[check_id] += n
        for org_id, n in summary.cold_handovers_to:
            self.organisations.setdefault(org_id, _Organisation()).cold += n
        for data_id, n in summary.asks:
            item = self.data_items.setdefault(data_id, _DataItem())
            item.asked += n
            item.services += 1
        for data_id, n in summary.asks_held:
            self.data_items.setdefault(data_id, _DataItem()).held += n
        for data_id, check_id, n in summary.failed_at_data:
            self.data_items.setdefault(data_id, _DataItem()).checks[check_id] += n

    def _title(self, item_id: str, kind: str) -> Text:
        try:
            if kind == "principle":
                return self.vision.principle(item_id).title
            return self.vision.starting_point(item_id).title
        except KeyError:
            return Text(nl=item_id, en=item_id)

    def _distributions(self) -> tuple[Distribution, ...]:
        order = [(p.id, "principle") for p in self.vision.principles]
        order += [(s.id, "starting_point") for s in self.vision.starting_points]
        result = []
        for key in order:
            values = sorted(self.scores.get(key, []))
            histogram = [0] * HISTOGRAM_BINS
            for value in values:
                histogram[min(int(value // (100 / HISTOGRAM_BINS)), HISTOGRAM_BINS - 1)] += 1
            quartiles = _quantiles(values)
            result.append(Distribution(
                id=key[0], kind=key[1], title=self._title(*key), scored=len(values), not_scored=self.not_scored[key],
                minimum=values[0] if values else None, q1=quartiles[0] if quartiles else None,
                median=quartiles[1] if quartiles else None, q3=quartiles[2] if quartiles else None,
                maximum=values[-1] if values else None,
                mean=round(statistics.fmean(values), 1) if values else None,
                histogram=tuple(histogram), failing_services=self.failing_items[key],
            ))
        return tuple(result)

    def _checks(self) -> tuple[CheckTally, ...]:
        ids = set(self.check_services) | set(self.check_explained)
        tallies = []
        for check_id in ids:
            check = self.checks.get(check_id)
            tallies.append(CheckTally(
                id=check_id, title=check.title if check else Text(nl=check_id, en=check_id),
                principles=check.principles if check else (), severity=check.severity if check else Severity.MINOR,
                services=self.check_services[check_id], findings=self.check_findings[check_id],
                explained=self.check_explained[check_id],
            ))
        return tuple(sorted(tallies, key=lambda t: (-t.services, -t.findings, -t.explained, t.id)))

    def build(self) -> Portfolio:
        """The portfolio of everything added so far."""
        vocabularies = self.vocabularies
        life_events = []
        for event_id, event in self.life_events.items():
            term = vocabularies.life_event(event_id)
            life_events.append(LifeEventTally(
                id=event_id, name=term.name if term else None, services=event.services, failing_services=event.failing,
                failed_findings=sum(event.checks.values()), checks=_sorted(event.checks),
                medians=tuple((p.id, _median(event.scores.get(p.id, []))) for p in self.vision.principles),
            ))
        organisations = []
        for org_id, organisation in self.organisations.items():
            names = sorted(organisation.names.items(), key=lambda item: (-item[1], item[0]))
            organisations.append(OrganisationTally(
                id=org_id, name=names[0][0] if names else org_id, services=organisation.services, steps=organisation.steps,
                failed_in_steps=sum(organisation.step_checks.values()), step_checks=_sorted(organisation.step_checks),
                failed_handovers_to=sum(organisation.handover_checks.values()),
                handover_checks=_sorted(organisation.handover_checks), cold_handovers_to=organisation.cold,
            ))
        data_items = []
        for data_id, item in self.data_items.items():
            term = vocabularies.data_item(data_id)
            data_items.append(DataItemTally(
                id=data_id, name=term.name if term else None, asked=item.asked, services=item.services, held=item.held,
                failed=sum(item.checks.values()), checks=_sorted(item.checks),
            ))
        return Portfolio(
            vision=self.vision.id, vision_title=self.vision.title, vision_version=self.vision.version,
            fail_on=self.fail_on, services=self.services, passing=self.services - self.failing, failing=self.failing,
            invalid=len(self.invalid_files), invalid_files=tuple(self.invalid_files), statuses=_sorted(self.statuses),
            distributions=self._distributions(), checks=self._checks(),
            life_events=tuple(sorted(life_events, key=lambda t: (-t.failed_findings, -t.services, t.id))),
            organisations=tuple(sorted(organisations, key=lambda t: (-(t.failed_in_steps + t.failed_handovers_to),
                                                                     -t.services, t.id))),
            data_items=tuple(sorted(data_items, key=lambda t: (-t.held, -t.asked, t.id))),
            version=self.version, vision_status=self.vision.provenance.status,
        )


def aggregate(summaries: Iterable[ServiceSummary], *, vision: Vision, checks: Sequence[Check],
              vocabularies: Vocabularies = Vocabularies(), fail_on: Severity = Severity.MINOR,
              invalid_files: Iterable[str] = (), version: str = "") -> Portfolio:
    """The portfolio of these service summaries (and the files that could not be checked)."""
    builder = PortfolioBuilder(vision=vision, checks=checks, vocabularies=vocabularies, fail_on=fail_on, version=version)
    for summary in summaries:
        builder.add(summary)
    for file in invalid_files:
        builder.invalid(file)
    return builder.build()


def portfolio(reports: Iterable[Report], *, vision: Vision, checks: Sequence[Check],
              vocabularies: Vocabularies = Vocabularies(), fail_on: Severity = Severity.MINOR,
              invalid_files: Iterable[str] = (), version: str = "") -> Portfolio:
    """The portfolio view of these reports: a pure function (see the module)."""
    return aggregate((summarise(report, vision=vision, vocabularies=vocabularies, fail_on=fail_on) for report in reports),
                     vision=vision, checks=checks, vocabularies=vocabularies, fail_on=fail_on,
                     invalid_files=invalid_files, version=version)
