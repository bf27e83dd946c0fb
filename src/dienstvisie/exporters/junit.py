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
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

import attrs

from ..model.check import Status
from ..model.exporter import Exporter, RunContext, StreamOptions
from ..model.finding import Finding
from ..model.report import Report
from ..model.run import CheckRun
from ..model.text import Language, Text
from ._common import check_title, clean, label, one_line, place
from ._spool import Spool
from ._stream import ServiceFinisher

if TYPE_CHECKING:
    from ..analysis.baseline import Tally


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


def _report_suite(report: Report, run: CheckRun, lang: Language) -> tuple[ET.Element, dict[str, int]]:
    """The suite of one service and its totals."""
    by_check: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_check.setdefault(finding.check, []).append(finding)
    order = [check.id for check in run.checks if check.id in by_check]
    order += [check_id for check_id in by_check if check_id not in order]
    totals = _zero()
    cases = [_testcase(report, check_id, by_check[check_id], run, lang, totals) for check_id in order]
    return _suite(report.service, cases, totals, report.file), totals


def _failure_suites(run: CheckRun, lang: Language) -> list[tuple[ET.Element, dict[str, int]]]:
    """The suites of the documents that could not be read and of the plugin failures, with totals."""
    suites = []
    for load_failure in run.load_failures:
        totals = {"tests": 1, "failures": 1, "errors": 0, "skipped": 0}
        case = _set(ET.Element("testcase"), classname=load_failure.file, name="document", file=load_failure.file, time="0")
        failure = _set(ET.SubElement(case, "failure"), message=label("invalid", lang), type="invalid")
        failure.text = clean("\n".join(
            f"{problem.location.line or '-'}:{problem.location.column or '-'} {problem.location.pointer or '/'} "
            f"{problem.message.get(lang)}" for problem in load_failure.problems))
        suites.append((_suite(load_failure.file, [case], totals, load_failure.file), totals))
    if run.plugin_failures:
        totals = {"tests": len(run.plugin_failures), "failures": 0, "errors": len(run.plugin_failures), "skipped": 0}
        cases = []
        for plugin_failure in run.plugin_failures:
            case = _set(ET.Element("testcase"), classname="dienstvisie.plugins",
                        name=f"{plugin_failure.plugin} {plugin_failure.hook}", time="0")
            _set(ET.SubElement(case, "error"), message=one_line(plugin_failure.message), type="plugin")
            cases.append(case)
        suites.append((_suite("dienstvisie", cases, totals), totals))
    return suites


def _root(grand: dict[str, int]) -> ET.Element:
    root = _set(ET.Element("testsuites"), name="dienstvisie")
    return _set(root, tests=grand["tests"], failures=grand["failures"], errors=grand["errors"],
                skipped=grand["skipped"], time="0")


def run_to_junit(run: CheckRun, lang: Language) -> ET.Element:
    """The check run as a JUnit `<testsuites>` element."""
    grand = _zero()
    suites = [_report_suite(report, run, lang) for report in run.reports] + _failure_suites(run, lang)
    for _, totals in suites:
        for key in grand:
            grand[key] += totals[key]
    root = _root(grand)
    root.extend(suite for suite, _ in suites)
    return root


def render_junit(run: CheckRun, lang: Language) -> str:
    """The JUnit XML document as text (UTF-8, with an XML declaration)."""
    root = run_to_junit(run, lang)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ------------------------------------------------------------------------------- service by service

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_BETWEEN = "\n  "  # what stands between two suites, as ET.indent writes them


def _suite_text(suite: ET.Element) -> str:
    """A suite as it stands in the whole document: indented one level deep, without what follows it."""
    ET.indent(suite, space="  ", level=1)
    suite.tail = None
    return ET.tostring(suite, encoding="unicode")


@attrs.frozen
class JunitPart:
    """One service's suite as it stands in the document, its totals, and whether it fails."""

    service: str
    data: bytes  # UTF-8, as the spool takes it
    totals: tuple[int, int, int, int]  # tests, failures, errors, skipped
    failing: bool
    tally: Tally | None = None


@attrs.frozen
class JunitFinisher(ServiceFinisher):
    """Renders one service's suite (picklable: it goes to the worker processes)."""

    def __call__(self, report: Report, context: RunContext) -> JunitPart:
        report, tally, run = self.prepared(report, context)
        suite, totals = _report_suite(report, run, self.lang)
        return JunitPart(service=report.service, data=_suite_text(suite).encode("utf-8"),
                         totals=(totals["tests"], totals["failures"], totals["errors"], totals["skipped"]),
                         failing=run.failing(report), tally=tally)


class JunitWriter:
    """The JUnit document. Its first element holds the totals of every suite, so the suites wait in
    an unnamed temporary file (`Spool`) and follow it at the end, with the suites of the documents
    that could not be read and of the plugin failures."""

    def __init__(self, stream: TextIO, lang: Language) -> None:
        self.stream = stream
        self.lang = lang
        self.grand = _zero()
        self.suites = Spool(separator=_BETWEEN)

    def add(self, part: JunitPart) -> None:
        for key, value in zip(("tests", "failures", "errors", "skipped"), part.totals, strict=True):
            self.grand[key] += value
        self.suites.add(part.data)

    def finish(self, run: CheckRun, baseline: Mapping[str, object] | None = None) -> None:
        """The whole document; `run` has the load and plugin failures but no reports."""
        try:
            rest = _failure_suites(run, self.lang)
            for _, totals in rest:
                for key in self.grand:
                    self.grand[key] += totals[key]
            root = _root(self.grand)
            if not self.suites.count and not rest:
                self.stream.write(_DECLARATION + ET.tostring(root, encoding="unicode") + "\n")
                return
            ET.SubElement(root, "suite")  # a stand-in, so ET writes the opening and the end as around suites
            ET.indent(root, space="  ")
            head, tail = ET.tostring(root, encoding="unicode").split("<suite />")
            self.stream.write(_DECLARATION + head)
            self.suites.copy_to(self.stream)
            for number, (suite, _) in enumerate(rest):
                self.stream.write((_BETWEEN if self.suites.count or number else "") + _suite_text(suite))
            self.stream.write(tail + "\n")
        finally:
            self.suites.close()


@attrs.frozen
class JunitStreaming:
    """The JUnit document, service by service (see `Streaming`)."""

    tells_baseline = False

    def finisher(self, options: StreamOptions) -> JunitFinisher:
        return JunitFinisher(options.lang, options.fail_on, options.baseline)

    def writer(self, stream: TextIO, run: CheckRun, options: StreamOptions) -> JunitWriter:
        return JunitWriter(stream, options.lang)


EXPORTER = Exporter(
    name="junit", title=Text(nl="JUnit XML (CI)", en="JUnit XML (CI)"), suffix=".xml",
    media_type="application/xml", render=render_junit, needs_concept=False,
    stream=JunitStreaming(),
)
