"""The JUnit XML report, for CI systems that show test results (GitLab, Jenkins, Azure DevOps, GitHub
actions that read JUnit).

* `<testsuites name="dienstvisie">` holds a `<testsuite>` per service (name = service id).
* Each check that ran on the service is a `<testcase>`: `classname` is the service id, `name` is
  the check id and title (`DV301 Title`), `file` the document.
* The state of a test case follows the check's state in the score (docs/scores.md):
  - `<failure>` when a finding failed (an expired explanation does not help) or the check hit an
    error (`type="error"`); `message` is the first such finding, the body lists every one with its
    place (`file:line:column`, JSON pointer, step) and the suggestion;
  - `<skipped>` when the deviation is explained (comply or explain; the message carries the reason),
    when the check did not apply, or when it only has points to review (open guiding questions);
  - passed otherwise. Points to review of a passed check are listed in `<system-out>`.
* A document that could not be read is a suite with one failed test case `document`.
* Plugin failures are `<error>`s in a suite `dienstvisie`.

Deterministic: no timestamps or host names, `time="0"` everywhere. Written with
xml.etree.ElementTree, which escapes every text and attribute.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model.check import Status
from ..model.exporter import Exporter
from ..model.finding import Finding
from ..model.report import Report
from ..model.run import CheckRun
from ..model.text import Language, Text
from ._common import check_title, clean, label, one_line, place


def _set(element: ET.Element, **attributes: str | int | None) -> ET.Element:
    for key, value in attributes.items():
        if value is not None:
            element.set(key, clean(str(value)))
    return element


def _details(findings: list[Finding], lang: Language) -> str:
    blocks = []
    for finding in findings:
        lines = [f"[{finding.severity.value}] {finding.message.get(lang)}",
                 f"  {label('place', lang).lower()}: {place(finding)} ({finding.location.pointer or '/'})"]
        if finding.step:
            lines.append(f"  {label('step', lang).lower()}: {finding.step}")
        if finding.explanation is not None:
            note = finding.explanation
            lines.append(f"  {label('reason', lang).lower()}: {note.reason}"
                         + (f" ({label('expired', lang)}: {note.until})" if note.expired else ""))
        if finding.suggestion is not None:
            lines.append(f"  {label('suggestion', lang).lower()}: {finding.suggestion.get(lang)}")
        blocks.append("\n".join(lines))
    return clean("\n\n".join(blocks))


def _testcase(report: Report, check_id: str, findings: list[Finding], run: CheckRun, lang: Language,
              totals: dict[str, int]) -> ET.Element:
    case = _set(ET.Element("testcase"), classname=report.service, name=f"{check_id} {one_line(check_title(run, check_id, lang))}",
                file=report.file, time="0")
    failing = [f for f in findings if f.status in (Status.FAILED, Status.ERROR)]
    statuses = {f.status for f in findings}
    reviews = [f for f in findings if f.status is Status.NEEDS_REVIEW]
    totals["tests"] += 1
    if failing:
        first = failing[0]
        failure = _set(ET.SubElement(case, "failure"), message=one_line(first.message.get(lang)),
                       type="error" if first.status is Status.ERROR else "failed")
        failure.text = _details(failing, lang)
        if first.location.line:
            case.set("line", str(first.location.line))
        totals["failures"] += 1
    elif Status.EXPLAINED in statuses or Status.PASSED not in statuses:
        explained = [f for f in findings if f.status is Status.EXPLAINED]
        if explained:
            note = explained[0].explanation
            reason = note.reason if note is not None else ""
            message = f"{label('status.explained', lang)}: {one_line(reason)}"
        elif reviews:
            message = f"{label('status.needs_review', lang)}: {one_line(reviews[0].message.get(lang))}"
        else:
            first_message = findings[0].message.get(lang) if findings else ""
            message = f"{label('status.not_applicable', lang)}: {one_line(first_message)}"
        skipped = _set(ET.SubElement(case, "skipped"), message=message)
        details = explained + reviews
        if details:
            skipped.text = _details(details, lang)
        totals["skipped"] += 1
    elif reviews:
        out = ET.SubElement(case, "system-out")
        out.text = _details(reviews, lang)
    return case


def _suite(name: str, cases: list[ET.Element], totals: dict[str, int], file: str | None = None) -> ET.Element:
    suite = _set(ET.Element("testsuite"), name=name, tests=totals["tests"], failures=totals["failures"],
                 errors=totals["errors"], skipped=totals["skipped"], time="0", file=file)
    suite.extend(cases)
    return suite


def _zero() -> dict[str, int]:
    return {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}


def run_to_junit(run: CheckRun, lang: Language) -> ET.Element:
    """The check run as a JUnit `<testsuites>` element."""
    root = _set(ET.Element("testsuites"), name="dienstvisie")
    grand = _zero()
    suites = []
    for report in run.reports:
        by_check: dict[str, list[Finding]] = {}
        for finding in report.findings:
            by_check.setdefault(finding.check, []).append(finding)
        order = [check.id for check in run.checks if check.id in by_check]
        order += [check_id for check_id in by_check if check_id not in order]
        totals = _zero()
        cases = [_testcase(report, check_id, by_check[check_id], run, lang, totals) for check_id in order]
        suites.append(_suite(report.service, cases, totals, report.file))
        for key in grand:
            grand[key] += totals[key]
    for load_failure in run.load_failures:
        totals = {"tests": 1, "failures": 1, "errors": 0, "skipped": 0}
        case = _set(ET.Element("testcase"), classname=load_failure.file, name="document", file=load_failure.file, time="0")
        failure = _set(ET.SubElement(case, "failure"), message=label("invalid", lang), type="invalid")
        failure.text = clean("\n".join(
            f"{problem.location.line or '-'}:{problem.location.column or '-'} {problem.location.pointer or '/'} "
            f"{problem.message.get(lang)}" for problem in load_failure.problems))
        suites.append(_suite(load_failure.file, [case], totals, load_failure.file))
        for key in grand:
            grand[key] += totals[key]
    if run.plugin_failures:
        totals = {"tests": len(run.plugin_failures), "failures": 0, "errors": len(run.plugin_failures), "skipped": 0}
        cases = []
        for plugin_failure in run.plugin_failures:
            case = _set(ET.Element("testcase"), classname="dienstvisie.plugins",
                        name=f"{plugin_failure.plugin} {plugin_failure.hook}", time="0")
            _set(ET.SubElement(case, "error"), message=one_line(plugin_failure.message), type="plugin")
            cases.append(case)
        suites.append(_suite("dienstvisie", cases, totals))
        for key in grand:
            grand[key] += totals[key]
    _set(root, tests=grand["tests"], failures=grand["failures"], errors=grand["errors"], skipped=grand["skipped"], time="0")
    root.extend(suites)
    return root


def render_junit(run: CheckRun, lang: Language) -> str:
    """The JUnit XML document as text (UTF-8, with an XML declaration)."""
    root = run_to_junit(run, lang)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


EXPORTER = Exporter(
    name="junit", title=Text(nl="JUnit XML (CI)", en="JUnit XML (CI)"), suffix=".xml",
    media_type="application/xml", render=render_junit, needs_concept=False,
)
