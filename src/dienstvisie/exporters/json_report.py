"""The JSON report: every finding in both languages, valid against schemas/report.schema.json.

Byte-identical for the same input: keys in a fixed order, no timestamps.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from ..documents.structure import unstructure
from ..model.check import Check, Severity
from ..model.exporter import Exporter, RunContext, StreamOptions
from ..model.finding import Finding
from ..model.problem import Location, Problem
from ..model.report import Report, Score
from ..model.run import CheckRun
from ..model.text import Language, Text
from ._stream import apply_baseline, run_of_one
from ._json import dumps as json_text

if TYPE_CHECKING:
    from ..analysis.baseline import Baseline, Tally

REPORT_FORMAT = "1"


def _location(location: Location) -> dict[str, Any]:
    result: dict[str, Any] = {"pointer": location.pointer}
    if location.file is not None:
        result["file"] = location.file
    if location.line is not None:
        result["line"] = location.line
    if location.column is not None:
        result["column"] = location.column
    return result


def _text(text: Text | None) -> dict[str, str] | None:
    """What `unstructure(text)` gives, built here: the report holds some sixty texts a service."""
    if text is None:
        return None
    if text.en is None:
        return {"nl": text.nl}  # type: ignore[dict-item] # a Text has at least one language
    return {"nl": text.nl, "en": text.en} if text.nl is not None else {"en": text.en}


def _finding(finding: Finding) -> dict[str, Any]:
    result: dict[str, Any] = {
        "check": finding.check,
        "principles": list(finding.principles),
        "status": finding.status._value_,  # `.value` is a descriptor in Python: 4x slower, per finding
        "severity": finding.severity._value_,
        "message": _text(finding.message),
        "location": _location(finding.location),
    }
    if finding.step is not None:
        result["step"] = finding.step
    if finding.related:
        result["related"] = list(finding.related)
    if finding.credit is not None:
        result["credit"] = finding.credit
    if finding.suggestion is not None:
        result["suggestion"] = _text(finding.suggestion)
    if finding.explanation is not None:
        result["explanation"] = unstructure(finding.explanation)
        result["explanation"]["expired"] = finding.explanation.expired
    return result


def _check(check: Check) -> dict[str, Any]:
    return {
        "id": check.id,
        "title": _text(check.title),
        "principles": list(check.principles),
        "severity": check.severity.value,
        "origin": check.origin,
    }


def _score(score: Score) -> dict[str, Any]:
    result: dict[str, Any] = {"id": score.id, "kind": score.kind, "score": score.score, "applicable": score.applicable,
                              "total": score.total, "failed": score.failed}
    if score.questions:
        result["assessment"] = {"assessed": score.assessed, "questions": score.questions,
                                "coverage": round(score.assessed / score.questions, 3)}
    return result


def service_data(report: Report, run: CheckRun, known: int | None = None) -> dict[str, Any]:
    """One service of the JSON report; `known`: failed findings left out because a baseline holds them."""
    counts: dict[str, int] = {}
    for finding in report.findings:
        status = finding.status._value_
        counts[status] = counts.get(status, 0) + 1
    result: dict[str, Any] = {"id": report.service, "title": _text(report.title)}
    if report.file is not None:
        result["file"] = report.file
    result["result"] = "fail" if run.failing(report) else "pass"
    if known is not None:
        result["baseline"] = {"known": known}
    result.update({
        "counts": dict(sorted(counts.items())),
        "scores": [_score(score) for score in report.scores],
        "findings": [_finding(finding) for finding in report.findings],
    })
    return result


def _problem(problem: Problem) -> dict[str, Any]:
    result: dict[str, Any] = {"code": problem.code, "level": problem.level, "message": _text(problem.message),
                              "location": _location(problem.location)}
    if problem.hint is not None:
        result["hint"] = _text(problem.hint)
    return result


def run_to_data(run: CheckRun, baseline: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The check run as plain JSON-ready data; `baseline` (file, known, new, fixed) when one was applied."""
    data: dict[str, Any] = {
        "dienstvisie_report": REPORT_FORMAT,
        "tool": {"name": "dienstvisie", "version": run.version},
        "vision": {"id": run.vision.id, "version": run.vision.version, "status": run.vision.provenance.status},
        "fail_on": run.fail_on.value,
        "result": "pass" if run.passed else "fail",
    }
    if baseline is not None:
        data["baseline"] = dict(baseline)
    return data | {
        "checks": [_check(check) for check in run.checks],
        "services": [service_data(report, run) for report in run.reports],
        "errors": [
            {"file": failure.file, "problems": [_problem(p) for p in failure.problems]} for failure in run.load_failures
        ],
        "plugin_errors": [unstructure(failure) for failure in run.plugin_failures],
    }


def render_json(run: CheckRun, lang: Language) -> str:
    """The JSON report (both languages are always included; `lang` is not needed)."""
    return json_text(run_to_data(run)) + "\n"


# ------------------------------------------------------------------------------- service by service

_INDENT = "    "  # a service sits two levels deep in the report: {"services": [{…}]}
_SERVICES = '\n  "services": []'


@attrs.frozen
class JsonPart:
    """One service of the JSON report, indented as it stands in the report (UTF-8), and whether it
    fails. Bytes, not text: made in a worker process, they travel and are written as they are, so
    the main process neither decodes nor encodes the largest part of the report."""

    service: str
    data: bytes
    failing: bool
    tally: Tally | None = None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


@attrs.frozen
class JsonFinisher:
    """Renders one service for the JSON report (picklable: it goes to the worker processes)."""

    fail_on: Severity
    baseline: Baseline | None = attrs.field(default=None, eq=False)

    def __call__(self, report: Report, context: RunContext) -> JsonPart:
        report, tally = apply_baseline(self.baseline, report)
        run = run_of_one(report, context, self.fail_on)
        data = service_data(report, run, known=tally.known if tally is not None else None)
        text = _INDENT + json_text(data).replace("\n", "\n" + _INDENT)
        return JsonPart(service=report.service, data=text.encode("utf-8"), failing=run.failing(report), tally=tally)


class JsonWriter:
    """The JSON report. Its head says whether the run passed, which is known only at the end; the
    services come after it. Into a file of our own (`AtomicFile`) without a baseline, the head is
    written first with the result left open and filled in at the end (`"pass"` and `"fail"` are
    equally long), so the services go straight to the file; otherwise they are kept in a temporary
    file (not in memory) until the head can be written, and copied after it."""

    def __init__(self, stream: TextIO, run: CheckRun | None = None, baseline: object = None) -> None:
        from ..documents.write import AtomicFile

        self.stream = stream
        self.run = run
        self.direct: AtomicFile | None = stream if isinstance(stream, AtomicFile) and run is not None \
            and baseline is None else None
        self.spool: Any = None if self.direct else tempfile.TemporaryFile("w+b")
        self.reports = 0
        self.failing = 0
        self.head = ""
        self.result_at = 0

    def _split(self, run: CheckRun, baseline: Mapping[str, object] | None, result: str) -> tuple[str, str]:
        data = run_to_data(run, dict(baseline) if baseline is not None else None)
        data["result"] = result
        text = json_text(data) + "\n"
        assert text.count(_SERVICES) == 1, "the JSON report has no single empty services list"
        head, tail = text.split(_SERVICES)
        return head, tail

    def _start(self, direct: Any) -> None:
        """The head with its result still open (written as "fail"), then the opening of the services."""
        assert self.run is not None
        head, _ = self._split(self.run, None, "fail")
        open_at = head.index('"result": "fail"') + len('"result": "')
        direct.write(head[:open_at])
        self.result_at = direct.tell()
        direct.write(head[open_at:] + '\n  "services": [\n')
        self.head = head

    def add(self, part: JsonPart) -> None:
        if self.direct is not None:
            if not self.reports:
                self._start(self.direct)
            else:
                self.direct.write(",\n")
            self.direct.write_bytes(part.data)
        else:
            if self.reports:
                self.spool.write(b",\n")
            self.spool.write(part.data)
        self.reports += 1
        self.failing += part.failing

    def finish(self, run: CheckRun, baseline: Mapping[str, object] | None = None) -> None:
        """Write the whole report; `run` has the load and plugin failures but no reports."""
        stream = self.stream
        result = "pass" if not run.load_failures and not self.failing else "fail"
        head, tail = self._split(run, baseline, result)
        if not self.reports:
            stream.write(head + _SERVICES + tail)
        elif self.direct is not None:
            assert head == self.head.replace('"result": "fail"', f'"result": "{result}"', 1), \
                "the head of the JSON report changed during the run"
            self.direct.write("\n  ]" + tail)
            self.direct.overwrite(self.result_at, result)
        else:
            stream.write(head + '\n  "services": [\n')
            self.spool.seek(0)
            text = io.TextIOWrapper(self.spool, encoding="utf-8", newline="")
            while block := text.read(1 << 20):
                stream.write(block)
            stream.write("\n  ]" + tail)
            self.spool = text  # closed below, and the file with it
        if self.spool is not None:
            self.spool.close()


@attrs.frozen
class JsonStreaming:
    """The JSON report, service by service (see `Streaming`)."""

    tells_baseline = False

    def finisher(self, options: StreamOptions) -> JsonFinisher:
        return JsonFinisher(options.fail_on, options.baseline)

    def writer(self, stream: TextIO, run: CheckRun, options: StreamOptions) -> JsonWriter:
        return JsonWriter(stream, run, options.baseline)


EXPORTER = Exporter(
    name="json", title=Text(nl="JSON-rapport", en="JSON report"), suffix=".json",
    media_type="application/json", render=render_json, needs_concept=False, stream=JsonStreaming(),
)
