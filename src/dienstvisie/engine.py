"""The engine: run the selected checks on one service, apply explanations, score the principles.

Pure: it reads models and returns a Report. Each check is isolated, so an exception (or a
result that is not an Outcome) becomes an `error` finding and the other checks still run.
The order of findings is deterministic: by check id, then by place in the document.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from .checks.meta import STALE_EXPLANATION, STALE_EXPLANATION_ID
from .model.check import Check, CheckContext, Outcome, Severity, Status
from .model.finding import ExplanationNote, Finding
from .model.problem import Location
from .model.report import Report
from .model.service import Explanation, ServiceConcept
from .model.text import Text
from .model.vision import Vision
from .model.vocabulary import Vocabularies
from .scoring import score_report
from .selection import Selection
from .source import SourceMap

_STATUS_OF_KIND = {
    "failed": Status.FAILED,
    "passed": Status.PASSED,
    "not_applicable": Status.NOT_APPLICABLE,
    "needs_review": Status.NEEDS_REVIEW,
}


def _natural_key(check_id: str) -> tuple[str, int, str]:
    prefix = check_id.rstrip("0123456789")
    digits = check_id[len(prefix):]
    return (prefix, int(digits) if digits else -1, check_id)


def _pointer_key(pointer: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in pointer.split("/") if part)


def _run_one(check: Check, context: CheckContext) -> list[Outcome] | str:
    """The outcomes of a check, or a description of what went wrong in it."""
    try:
        outcomes = list(check.function(context))
    except Exception as error:  # isolate: one broken check must not stop the others
        return f"{type(error).__name__}: {error}"
    for outcome in outcomes:
        if not isinstance(outcome, Outcome):
            return f"returned {type(outcome).__name__} instead of an Outcome"
    return outcomes


def _findings_of(check: Check, result: list[Outcome] | str, severity: Severity, source_map: SourceMap) -> list[Finding]:
    if isinstance(result, str):
        return [Finding(
            check=check.id, principles=check.principles, status=Status.ERROR, severity=severity,
            message=Text(nl=f"De check {check.id} kon niet uitgevoerd worden: {result}",
                         en=f"The check {check.id} could not run: {result}"),
            location=source_map.locate(""),
        )]
    if not result:
        return [Finding(check=check.id, principles=check.principles, status=Status.PASSED, severity=severity,
                        message=check.title, location=source_map.locate(""))]
    return [
        Finding(
            check=check.id, principles=check.principles, status=_STATUS_OF_KIND[outcome.kind],
            severity=outcome.severity or severity, message=outcome.message or check.title,
            location=source_map.locate(outcome.pointer), step=outcome.step,
            suggestion=check.suggestion if outcome.kind in ("failed", "needs_review") else None,
        )
        for outcome in result
    ]


def _matches(explanation: Explanation, finding: Finding) -> bool:
    return explanation.check == finding.check and explanation.step in (None, finding.step)


def _expired(explanation: Explanation, today: datetime.date) -> bool:
    if explanation.until is None:
        return False
    try:
        return datetime.date.fromisoformat(explanation.until) < today
    except ValueError:
        return True


def _explain(findings: list[Finding], service: ServiceConcept, today: datetime.date) -> tuple[list[Finding], set[int]]:
    """Failures turned into `explained` where the team recorded a valid explanation; and which were used."""
    used: set[int] = set()
    result = []
    for finding in findings:
        if finding.status is Status.FAILED:
            for index, explanation in enumerate(service.explanations):
                if _matches(explanation, finding):
                    used.add(index)
                    expired = _expired(explanation, today)
                    note = ExplanationNote(reason=explanation.reason, decided_by=explanation.decided_by,
                                           until=explanation.until, expired=expired)
                    status = Status.FAILED if expired else Status.EXPLAINED
                    finding = Finding(
                        check=finding.check, principles=finding.principles, status=status, severity=finding.severity,
                        message=finding.message, location=finding.location, step=finding.step,
                        suggestion=finding.suggestion, explanation=note,
                    )
                    break
        result.append(finding)
    return result, used


def _stale(service: ServiceConcept, used: set[int], ran: set[str], known: set[str], source_map: SourceMap) -> list[Finding]:
    """Explanations that matched no failure of a check that ran, or name no check at all."""
    stale = []
    for index, explanation in enumerate(service.explanations):
        if index in used or (explanation.check in known and explanation.check not in ran):
            continue
        where = f" (stap '{explanation.step}')" if explanation.step else ""
        where_en = f" (step '{explanation.step}')" if explanation.step else ""
        if explanation.check in known:
            text = Text(nl=f"De verklaring voor {explanation.check}{where} hoort bij geen enkele bevinding meer",
                        en=f"The explanation for {explanation.check}{where_en} matches no finding any more")
        else:
            text = Text(nl=f"De verklaring noemt {explanation.check}, maar die check bestaat niet",
                        en=f"The explanation names {explanation.check}, but no such check exists")
        stale.append(Finding(
            check=STALE_EXPLANATION_ID, principles=(), status=Status.FAILED, severity=STALE_EXPLANATION.severity,
            message=text, location=source_map.locate(f"/explanations/{index}"), step=explanation.step,
            suggestion=STALE_EXPLANATION.suggestion,
        ))
    return stale


def run_checks(
    service: ServiceConcept,
    *,
    vision: Vision,
    checks: Sequence[Check],
    vocabularies: Vocabularies = Vocabularies(),
    selection: Selection = Selection(),
    today: datetime.date | None = None,
    source_map: SourceMap | None = None,
    known_check_ids: set[str] | None = None,
) -> Report:
    """Run every selected check of `checks` on `service` and return the scored report.

    `known_check_ids` is every check id that exists (selected or not), so an explanation of an
    ignored check is not called stale; by default, the ids of `checks`.
    """
    today = today or datetime.date.today()
    source_map = source_map or SourceMap()
    context = CheckContext(service=service, vision=vision, vocabularies=vocabularies, today=today)
    selected = [check for check in checks if selection.selects(check.id)]
    findings: list[Finding] = []
    for check in selected:
        findings += _findings_of(check, _run_one(check, context), selection.severity_of(check), source_map)
    findings, used = _explain(findings, service, today)
    known = known_check_ids if known_check_ids is not None else {check.id for check in checks}
    if selection.selects(STALE_EXPLANATION_ID):
        findings += _stale(service, used, {check.id for check in selected}, known | {STALE_EXPLANATION_ID}, source_map)
    findings.sort(key=lambda f: (_natural_key(f.check), _pointer_key(f.location.pointer)))
    return Report(
        service=service.id, title=service.title, vision=vision.id, vision_version=vision.version,
        findings=tuple(findings), scores=score_report(findings, vision, selected, selection),
        file=source_map.file, concept=service,
    )
