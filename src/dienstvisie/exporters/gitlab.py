"""The GitLab Code Quality report (`--format gitlab`), for the merge-request widget and changes view.

GitLab reads a JSON array of issues from a job's `artifacts:reports:codequality` file; each issue
needs `description`, `check_name`, `fingerprint` (unique: GitLab shows one issue per fingerprint
and compares them between the source and target branch), `severity` (`info`, `minor`, `major`,
`critical` or `blocker`) and `location.path` (relative to the repository) with `location.lines.begin`.

* An issue per finding that failed or hit an error in its check: explained findings (comply or
  explain) are accepted deviations and left out, as are passed, not-applicable findings and
  points to review. The severity is dienstvisie's own (its four names are GitLab's too); a
  check that hit an error is `major`.
* `check_name` is the check id (`DV301`); `description` the message, then the check's title.
* The fingerprint hashes the service, check, JSON pointer and step (not the line, so moving text
  does not make an issue "new"); findings with the same key are numbered, so each stays unique.
* A document that is invalid is a `critical` issue per problem (`check_name` the problem code);
  one that could not be read at all, one `critical` issue `document` at its line 1. Plugin failures have no file: they are not issues here (the
  command line reports them on stderr).
* Paths: an absolute path inside the working directory (where GitLab runs the job, the
  repository) becomes relative to it; `./` is dropped; separators are `/`.

Deterministic: the same run gives the same bytes.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from ..model.check import Severity, Status
from ..model.exporter import Exporter
from ..model.finding import Finding
from ..model.report import Report
from ..model.run import CheckRun
from ..model.text import Language, Text
from ._common import check_title, label, one_line
from ._json import dumps as json_text

SEVERITIES: dict[Severity, str] = {
    Severity.INFO: "info",
    Severity.MINOR: "minor",
    Severity.MAJOR: "major",
    Severity.CRITICAL: "critical",
}
ISSUE_STATUSES: tuple[Status, ...] = (Status.FAILED, Status.ERROR)


def repository_path(file: str) -> str:
    """`file` as GitLab wants `location.path`: relative to the working directory when inside it,
    with `/` separators and without a leading `./`."""
    path = file
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            relative = path
        if not relative.startswith(".."):
            path = relative
    path = path.replace(os.sep, "/") if os.sep != "/" else path
    while path.startswith("./"):
        path = path[2:]
    return path


class _Fingerprints:
    """Stable fingerprints, unique within one report file."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, *parts: str) -> str:
        key = "\x1f".join(parts)
        count = self.seen.get(key, 0)
        self.seen[key] = count + 1
        if count:
            key += f"\x1f#{count}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _issue(report: Report, finding: Finding, run: CheckRun, lang: Language, fingerprint: _Fingerprints) -> dict[str, Any]:
    location = finding.location
    title = one_line(check_title(run, finding.check, lang))
    message = one_line(finding.message.get(lang))
    severity = "major" if finding.status is Status.ERROR and finding.severity.rank < Severity.MAJOR.rank \
        else SEVERITIES[finding.severity]
    return {
        "description": f"{message} ({finding.check} {title})" if title else message,
        "check_name": finding.check,
        "fingerprint": fingerprint(report.service, finding.check, location.pointer, finding.step or ""),
        "severity": severity,
        "location": {
            "path": repository_path(location.file or report.file or "-"),
            "lines": {"begin": location.line or 1},
        },
    }


def run_to_gitlab(run: CheckRun, lang: Language) -> list[dict[str, Any]]:
    """The check run as GitLab Code Quality issues (plain JSON-ready data)."""
    fingerprint = _Fingerprints()
    issues = [
        _issue(report, finding, run, lang, fingerprint)
        for report in run.reports
        for finding in report.findings
        if finding.status in ISSUE_STATUSES
    ]
    for failure in run.load_failures:
        if not failure.problems:  # missing or unreadable: the file itself is the issue
            issues.append({
                "description": label("invalid", lang),
                "check_name": "document",
                "fingerprint": fingerprint("document", failure.file),
                "severity": "critical",
                "location": {"path": repository_path(failure.file), "lines": {"begin": 1}},
            })
        for problem in failure.problems:
            file = problem.location.file or failure.file
            issues.append({
                "description": one_line(problem.message.get(lang)),
                "check_name": problem.code,
                "fingerprint": fingerprint("document", file, problem.code, problem.location.pointer or ""),
                "severity": "critical",
                "location": {"path": repository_path(file), "lines": {"begin": problem.location.line or 1}},
            })
    return issues


def render_gitlab(run: CheckRun, lang: Language) -> str:
    """The Code Quality report as JSON text."""
    return json_text(run_to_gitlab(run, lang)) + "\n"


EXPORTER = Exporter(
    name="gitlab", title=Text(nl="GitLab Code Quality (CI)", en="GitLab Code Quality (CI)"), suffix=".json",
    media_type="application/json", render=render_gitlab, needs_concept=False,
)
