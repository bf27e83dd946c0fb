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

import collections
import hashlib
import os
import pickle
import tempfile
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, TextIO

import attrs

from ..model.check import Severity, Status
from ..model.exporter import Exporter, RunContext, StreamOptions
from ..model.finding import Finding
from ..model.report import Report
from ..model.run import CheckRun
from ..model.text import Language, Text
from ._common import check_title, label, one_line
from ._json import dumps as json_text
from ._spool import write_encoded
from ._stream import ServiceFinisher

if TYPE_CHECKING:
    from ..analysis.baseline import Tally

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


def _hash(key: str, count: int) -> str:
    """The fingerprint of the `count`-th earlier finding with the same key (0: the first)."""
    if count:
        key += f"\x1f#{count}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


class _Fingerprints:
    """Stable fingerprints, unique within one report file; `keys` records every key, in order."""

    def __init__(self, seen: Mapping[str, int] | None = None) -> None:
        self.seen: dict[str, int] = dict(seen or {})
        self.keys: list[str] = []

    def __call__(self, *parts: str) -> str:
        key = "\x1f".join(parts)
        count = self.seen.get(key, 0)
        self.seen[key] = count + 1
        self.keys.append(key)
        return _hash(key, count)


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


def _report_issues(report: Report, run: CheckRun, lang: Language, fingerprint: _Fingerprints) -> list[dict[str, Any]]:
    return [_issue(report, finding, run, lang, fingerprint) for finding in report.findings
            if finding.status in ISSUE_STATUSES]


def run_to_gitlab(run: CheckRun, lang: Language) -> list[dict[str, Any]]:
    """The check run as GitLab Code Quality issues (plain JSON-ready data)."""
    fingerprint = _Fingerprints()
    issues = [issue for report in run.reports for issue in _report_issues(report, run, lang, fingerprint)]
    return issues + _failure_issues(run, lang, fingerprint)


def _failure_issues(run: CheckRun, lang: Language, fingerprint: _Fingerprints) -> list[dict[str, Any]]:
    """An issue per problem of a document that could not be checked, or one for the file."""
    issues: list[dict[str, Any]] = []
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


# ------------------------------------------------------------------------------- service by service

_ITEM = "  "  # an issue sits one level deep in the array
_FINGERPRINT = b'\n    "fingerprint": "'


def _first_field(key: str) -> str:
    return key.split("\x1f", 1)[0]


@attrs.frozen
class GitlabPart:
    """One service's issues as they stand in the report, with the key of each issue's fingerprint
    and where that fingerprint stands in `text` (so the main process can renumber it)."""

    service: str
    data: bytes  # UTF-8: written as it is into a report file of our own
    keys: tuple[str, ...]
    spots: tuple[int, ...]  # byte offsets
    failing: bool
    tally: Tally | None = None


@attrs.frozen
class GitlabFinisher(ServiceFinisher):
    """Renders one service's issues, numbered as if no other service came before (picklable)."""

    def __call__(self, report: Report, context: RunContext) -> GitlabPart:
        report, tally, run = self.prepared(report, context)
        fingerprint = _Fingerprints()
        pieces: list[bytes] = []
        spots: list[int] = []
        at = 0
        for issue in _report_issues(report, run, self.lang, fingerprint):
            piece = (_ITEM + json_text(issue).replace("\n", "\n" + _ITEM)).encode("utf-8")
            spots.append(at + piece.index(_FINGERPRINT) + len(_FINGERPRINT))
            pieces.append(piece)
            at += len(piece) + 2  # and the ",\n" that joins them
        return GitlabPart(service=report.service, data=b",\n".join(pieces), keys=tuple(fingerprint.keys),
                          spots=tuple(spots), failing=run.failing(report), tally=tally)


class GitlabWriter:
    """The Code Quality report, issue by issue as the services come.

    A fingerprint numbers findings with the same key over the whole file. A key starts with its
    service's id, so a service's findings can share a key only with those of an earlier service
    with the same id (a duplicate in a portfolio) or, for the service `document`, with the
    documents that could not be read: each part comes numbered as if it were the first, and only
    then is it numbered on. For that this process keeps no key in memory, only where each first
    field's keys went in an unnamed temporary file."""

    def __init__(self, stream: TextIO, lang: Language) -> None:
        self.stream = stream
        self.lang = lang
        self.written = 0
        self.where: dict[str, list[tuple[int, int]]] = {}
        self.spool: IO[bytes] | None = None

    def _earlier(self, field: str) -> collections.Counter[str]:
        """How often each key with this first field came before."""
        counts: collections.Counter[str] = collections.Counter()
        assert self.spool is not None or field not in self.where
        for offset, length in self.where.get(field, ()):
            assert self.spool is not None
            self.spool.seek(offset)
            counts.update(pickle.loads(self.spool.read(length)))
        return counts

    def _keep(self, field: str, keys: list[str]) -> None:
        if self.spool is None:
            self.spool = tempfile.TemporaryFile()  # noqa: SIM115
        self.spool.seek(0, os.SEEK_END)
        data = pickle.dumps(keys, protocol=pickle.HIGHEST_PROTOCOL)
        self.where.setdefault(field, []).append((self.spool.tell(), len(data)))
        self.spool.write(data)

    def _write(self, data: bytes) -> None:
        self.stream.write("[\n" if not self.written else ",\n")
        write_encoded(self.stream, data)
        self.written += 1

    def add(self, part: GitlabPart) -> None:
        if not part.keys:
            return
        data = part.data
        fields: dict[str, list[int]] = {}
        for index, key in enumerate(part.keys):
            fields.setdefault(_first_field(key), []).append(index)
        for field, indexes in fields.items():
            if field in self.where:  # a service with this id came before: number on from there
                counts = self._earlier(field)
                patched = bytearray(data)
                for index in indexes:
                    key = part.keys[index]
                    spot = part.spots[index]
                    patched[spot:spot + 32] = _hash(key, counts[key]).encode("ascii")
                    counts[key] += 1
                data = bytes(patched)
            self._keep(field, [part.keys[index] for index in indexes])
        self._write(data)

    def finish(self, run: CheckRun, baseline: Mapping[str, object] | None = None) -> None:
        """The issues of the documents that could not be checked, and the end of the array."""
        try:
            fingerprint = _Fingerprints(self._earlier("document"))
            for issue in _failure_issues(run, self.lang, fingerprint):
                self._write((_ITEM + json_text(issue).replace("\n", "\n" + _ITEM)).encode("utf-8"))
            self.stream.write("\n]\n" if self.written else "[]\n")
        finally:
            if self.spool is not None:
                self.spool.close()


@attrs.frozen
class GitlabStreaming:
    """The Code Quality report, service by service (see `Streaming`)."""

    tells_baseline = False

    def finisher(self, options: StreamOptions) -> GitlabFinisher:
        return GitlabFinisher(options.lang, options.fail_on, options.baseline)

    def writer(self, stream: TextIO, run: CheckRun, options: StreamOptions) -> GitlabWriter:
        return GitlabWriter(stream, options.lang)


def render_gitlab(run: CheckRun, lang: Language) -> str:
    """The Code Quality report as JSON text."""
    return json_text(run_to_gitlab(run, lang)) + "\n"


EXPORTER = Exporter(
    name="gitlab", title=Text(nl="GitLab Code Quality (CI)", en="GitLab Code Quality (CI)"), suffix=".json",
    media_type="application/json", render=render_gitlab, needs_concept=False,
    stream=GitlabStreaming(),
)
