"""The SARIF 2.1.0 report, for code scanning in CI and code review (GitHub, GitLab, Azure DevOps…).

* `runs[0].tool.driver`: `informationUri` is the documentation site; `rules` has every check of the
  run, with its title (`shortDescription`), rationale (`fullDescription`), suggestion (`help.text`,
  and `help.markdown` with title, rationale, suggestion and a link), default level and
  `properties.principles`. A check that ships with dienstvisie has a `helpUri`: its section of the
  checks page on the documentation site (checks.html in Dutch, checks.en.html in English).
* `runs[0].automationDetails.id` is `dienstvisie/<vision id>/`, so code-scanning tools keep the
  results of this tool apart from others (a category such as GitHub's upload step's overrides it).
* Artifact URIs are relative to `%SRCROOT%`, the folder the run started in (the current folder; in
  CI the repository root). `originalUriBaseIds` declares `%SRCROOT%` with a description but without
  its absolute `file:` URI, which a code-scanning tool does not need and which would put a machine
  path into a report meant to be byte-identical wherever it is made (a consumer that wants one
  is told the folder, as the SARIF spec allows). A document outside that folder keeps an absolute
  `file:` URI without a base, since a code-scanning tool cannot place it in the repository anyway
  (that path was given on the command line).
* `results`: only findings that failed, were explained or hit an error in the check; passed,
  not_applicable and needs_review findings are left out. `level` follows the severity: critical and
  major → `error`, minor → `warning`, info → `note`. Each result has the file and, when known, the
  line and column (`physicalLocation`), and the JSON pointer into the document (`logicalLocations`
  and `properties.pointer`).
* An explained finding (comply or explain) carries `suppressions: [{kind: external, status:
  accepted, justification: <reason>}]`, with who decided and until when in its properties. An
  expired explanation suppresses nothing: the result is an ordinary failure with
  `properties.explanationExpired`.
* `artifacts` lists every document that was checked (`roles: [analysisTarget]`), also those without
  results; documents that could not be read are `toolExecutionNotifications` of the invocation.

Deterministic: no timestamps, no absolute paths added, keys in a fixed order.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

import attrs

from ..i18n import Section
from ..model.check import Check, Severity, Status
from ..model.exporter import Exporter, RunContext, StreamOptions
from ..model.finding import Finding
from ..model.report import Report
from ..model.run import CheckRun
from ..model.text import Language, Text
from ..site import SITE_URL, check_help_uri
from ._json import dumps as json_text
from ._spool import Spool
from ._stream import ServiceFinisher

if TYPE_CHECKING:
    from ..analysis.baseline import Tally

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS: dict[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "note",
}
RESULT_STATUSES: tuple[Status, ...] = (Status.FAILED, Status.EXPLAINED, Status.ERROR)
SRCROOT = "%SRCROOT%"
_WORDS = Section("sarif")
"""`_WORDS[key][lang]`, a text: section "sarif" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def _uri(file: str) -> str:
    """A file name as a SARIF artifact URI: a relative URI reference, or file:// for an absolute path."""
    path = file.replace(os.sep, "/") if os.sep != "/" else file
    if re.match(r"^[A-Za-z]:/", path):
        return "file:///" + quote(path, safe="/:")
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(str(PurePosixPath(path)), safe="/")


def _file_uri(absolute: str) -> str:
    return _uri(absolute if absolute.startswith("/") or re.match(r"^[A-Za-z]:", absolute) else "/" + absolute)


def artifact_location(file: str, root: str) -> dict[str, str]:
    """A SARIF artifactLocation: relative to %SRCROOT% (`root`) when the file is inside it, else an
    absolute `file:` URI."""
    absolute = os.path.normpath(os.path.join(os.path.abspath(root), file))
    relative = os.path.relpath(absolute, os.path.abspath(root)) if os.path.splitdrive(absolute)[0].lower() == \
        os.path.splitdrive(os.path.abspath(root))[0].lower() else os.pardir
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": _file_uri(absolute.replace(os.sep, "/"))}
    return {"uri": _uri(relative), "uriBaseId": SRCROOT}


def _documented_ids(run: CheckRun) -> frozenset[str]:
    """The checks the documentation site explains: the built-in ones, the meta checks and, under the
    shipped vision, its guiding-questions checks (the generated checks pages)."""
    from ..checks import builtin_checks
    from ..checks.meta import META_CHECKS
    from ..checks.questions import question_checks
    from ..visions import DEFAULT_VISION_ID

    ids = {check.id for check in (*builtin_checks(), *META_CHECKS)}
    if run.vision.id == DEFAULT_VISION_ID:
        ids.update(check.id for check in question_checks(run.vision))
    return frozenset(ids)


def _help_markdown(check: Check, lang: Language, uri: str | None) -> str:
    parts = [f"**{check.title.get(lang)}**", check.rationale.get(lang),
             f"**{_WORDS['todo'][lang]}:** {check.suggestion.get(lang)}"]
    if uri:
        parts.append(f"[{_WORDS['more'][lang].format(id=check.id)}]({uri})")
    return "\n\n".join(parts)


def _rule_name(check: Check) -> str:
    words = re.findall(r"[A-Za-z0-9]+", check.title.get("en"))
    return "".join(word[:1].upper() + word[1:] for word in words) or check.id


def _rule(check: Check, lang: Language, documented: frozenset[str]) -> dict[str, Any]:
    uri = check_help_uri(check.id, lang) if check.id in documented and check.origin == "dienstvisie" else None
    rule: dict[str, Any] = {
        "id": check.id,
        "name": _rule_name(check),
        "shortDescription": {"text": check.title.get(lang)},
        "fullDescription": {"text": check.rationale.get(lang)},
    }
    if uri:
        rule["helpUri"] = uri
    rule.update({
        "help": {"text": check.suggestion.get(lang), "markdown": _help_markdown(check, lang, uri)},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {
            "principles": list(check.principles),
            "severity": check.severity.value,
            "origin": check.origin,
            "tags": ["dienstvisie", *check.principles],
        },
    })
    return rule


def _fingerprint(report: Report, finding: Finding) -> str:
    key = "\x1f".join((report.service, finding.check, finding.location.pointer, finding.step or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(report: Report, finding: Finding, rule_index: dict[str, int], lang: Language, root: str) -> dict[str, Any]:
    location = finding.location
    pointer = location.pointer or "/"
    sarif_location: dict[str, Any] = {}
    file = location.file or report.file
    if file:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(file, root)}
        if location.line:
            region: dict[str, int] = {"startLine": location.line}
            if location.column:
                region["startColumn"] = location.column
            physical["region"] = region
        sarif_location["physicalLocation"] = physical
    sarif_location["logicalLocations"] = [{"name": pointer, "fullyQualifiedName": f"{report.service}#{pointer}"}]
    result: dict[str, Any] = {"ruleId": finding.check}
    if finding.check in rule_index:
        result["ruleIndex"] = rule_index[finding.check]
    result.update({
        "level": "error" if finding.status is Status.ERROR else LEVELS[finding.severity],
        "message": {"text": finding.message.get(lang)},
        "locations": [sarif_location],
        "partialFingerprints": {"dienstvisieFinding/v1": _fingerprint(report, finding)},
    })
    properties: dict[str, Any] = {
        "service": report.service,
        "pointer": pointer,
        "status": finding.status.value,
        "severity": finding.severity.value,
        "principles": list(finding.principles),
    }
    if finding.step is not None:
        properties["step"] = finding.step
    if finding.suggestion is not None:
        properties["suggestion"] = finding.suggestion.get(lang)
    note = finding.explanation
    if note is not None and finding.status is Status.EXPLAINED:
        suppression: dict[str, Any] = {"kind": "external", "status": "accepted", "justification": note.reason}
        details = {key: value for key, value in (("decidedBy", note.decided_by), ("until", note.until)) if value}
        if details:
            suppression["properties"] = details
        result["suppressions"] = [suppression]
    elif note is not None:
        properties["explanationExpired"] = True
        properties["explanation"] = {key: value for key, value in
                                     (("reason", note.reason), ("decidedBy", note.decided_by), ("until", note.until)) if value}
    result["properties"] = properties
    return result


def _notifications(run: CheckRun, lang: Language, root: str) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    for failure in run.load_failures:
        for problem in failure.problems:
            note: dict[str, Any] = {"descriptor": {"id": problem.code}, "level": "error" if problem.level == "error" else "warning",
                                    "message": {"text": problem.message.get(lang)}}
            physical: dict[str, Any] = {"artifactLocation": artifact_location(problem.location.file or failure.file, root)}
            if problem.location.line:
                physical["region"] = {"startLine": problem.location.line}
                if problem.location.column:
                    physical["region"]["startColumn"] = problem.location.column
            note["locations"] = [{"physicalLocation": physical}]
            notes.append(note)
    for plugin_failure in run.plugin_failures:
        notes.append({"descriptor": {"id": plugin_failure.hook}, "level": "error",
                      "message": {"text": f"{plugin_failure.plugin}: {plugin_failure.message}"}})
    return notes


def run_to_sarif(run: CheckRun, lang: Language, root: str | None = None) -> dict[str, Any]:
    """The check run as a SARIF 2.1.0 log (plain JSON-ready data); `root` is %SRCROOT%, the folder
    relative file names are relative to (default: the current folder)."""
    root = root if root is not None else os.getcwd()
    documented = _documented_ids(run)
    rules = [_rule(check, lang, documented) for check in run.checks]
    rule_index = {check.id: index for index, check in enumerate(run.checks)}
    driver: dict[str, Any] = {"name": "dienstvisie", "informationUri": SITE_URL}
    if run.version:
        driver["version"] = run.version
        driver["semanticVersion"] = run.version
    driver["rules"] = rules
    results = [
        _result(report, finding, rule_index, lang, root)
        for report in run.reports
        for finding in report.findings
        if finding.status in RESULT_STATUSES
    ]
    files: list[str] = []
    for report in run.reports:
        if report.file and report.file not in files:
            files.append(report.file)
    invocation: dict[str, Any] = {"executionSuccessful": not run.load_failures and not run.plugin_failures}
    notifications = _notifications(run, lang, root)
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": driver},
            "automationDetails": {"id": f"dienstvisie/{run.vision.id}/"},
            "originalUriBaseIds": {SRCROOT: {"description": {"text": _WORDS["srcroot"][lang]}}},
            "invocations": [invocation],
            "artifacts": [{"location": artifact_location(file, root), "roles": ["analysisTarget"]} for file in files],
            "language": lang,
            "results": results,
            "properties": {
                "vision": {"id": run.vision.id, "version": run.vision.version, "status": run.vision.provenance.status},
                "failOn": run.fail_on.value,
            },
        }],
    }


def render_sarif(run: CheckRun, lang: Language) -> str:
    """The SARIF log as JSON text."""
    return json_text(run_to_sarif(run, lang)) + "\n"


# ------------------------------------------------------------------------------- service by service

_ITEM = " " * 8  # an artifact or a result sits four levels deep: {"runs": [{"results": [{…}]}]}
_ARTIFACTS = '\n      "artifacts": []'
_RESULTS = '\n      "results": []'


def _indented(data: Any) -> str:
    return _ITEM + json_text(data).replace("\n", "\n" + _ITEM)


@attrs.frozen
class SarifPart:
    """One service's artifact and results, as they stand in the log, and whether it fails."""

    service: str
    file: str | None
    artifact: bytes  # UTF-8, as the spools take them
    results: bytes
    failing: bool
    tally: Tally | None = None


@attrs.frozen
class SarifFinisher(ServiceFinisher):
    """Renders one service's artifact and results (picklable: it goes to the worker processes)."""

    def __call__(self, report: Report, context: RunContext) -> SarifPart:
        report, tally, run = self.prepared(report, context)
        root = os.getcwd()
        rule_index = {check.id: index for index, check in enumerate(context.checks)}
        results = ",\n".join(_indented(_result(report, finding, rule_index, self.lang, root))
                             for finding in report.findings if finding.status in RESULT_STATUSES)
        artifact = _indented({"location": artifact_location(report.file, root), "roles": ["analysisTarget"]}) \
            if report.file else ""
        return SarifPart(service=report.service, file=report.file, artifact=artifact.encode("utf-8"),
                         results=results.encode("utf-8"), failing=run.failing(report), tally=tally)


class SarifWriter:
    """The SARIF log. Its invocation (did the run succeed, which documents could not be read) and
    its artifacts come before the results, so artifacts and results wait in unnamed temporary files
    (`Spool`) and follow the head at the end; this process keeps only the names of the files seen,
    since a file is one artifact however many services it holds."""

    def __init__(self, stream: TextIO, lang: Language) -> None:
        self.stream = stream
        self.lang = lang
        self.files: set[str] = set()
        self.artifacts = Spool()
        self.results = Spool()

    def add(self, part: SarifPart) -> None:
        if part.file and part.file not in self.files:
            self.files.add(part.file)
            self.artifacts.add(part.artifact)
        if part.results:
            self.results.add(part.results)

    def _list(self, spool: Spool) -> None:
        if not spool.count:
            self.stream.write("[]")
            return
        self.stream.write("[\n")
        spool.copy_to(self.stream)
        self.stream.write("\n" + _ITEM[:-2] + "]")

    def finish(self, run: CheckRun, baseline: Mapping[str, object] | None = None) -> None:
        """The head, artifacts, results and the end; `run` has the load and plugin failures, no reports."""
        try:
            text = render_sarif(run, self.lang)
            assert text.count(_ARTIFACTS) == 1 and text.count(_RESULTS) == 1, "the SARIF log has no single empty lists"
            head, rest = text.split(_ARTIFACTS)
            middle, tail = rest.split(_RESULTS)
            self.stream.write(head + _ARTIFACTS[:-2])
            self._list(self.artifacts)
            self.stream.write(middle + _RESULTS[:-2])
            self._list(self.results)
            self.stream.write(tail)
        finally:
            self.artifacts.close()
            self.results.close()


@attrs.frozen
class SarifStreaming:
    """The SARIF log, service by service (see `Streaming`)."""

    tells_baseline = False

    def finisher(self, options: StreamOptions) -> SarifFinisher:
        return SarifFinisher(options.lang, options.fail_on, options.baseline)

    def writer(self, stream: TextIO, run: CheckRun, options: StreamOptions) -> SarifWriter:
        return SarifWriter(stream, options.lang)


EXPORTER = Exporter(
    name="sarif", title=Text(nl="SARIF 2.1.0 (code scanning)", en="SARIF 2.1.0 (code scanning)"),
    suffix=".sarif", media_type="application/sarif+json", render=render_sarif, needs_concept=False,
    stream=SarifStreaming(),
)
