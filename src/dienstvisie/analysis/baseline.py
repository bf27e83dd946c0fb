"""Baseline: record today's failed findings, so that later runs report and fail only on new ones.

A finding is recognised by its *fingerprint*: the service id, the check id, the place of the
finding as a stable path, and the step. The stable path is the finding's JSON pointer with every
position in a list replaced by what identifies the item there: a step or organisation by its id, an
ask by its data item, an explanation by its check (and step), an answer by its question, a text in
a list (a channel, a shared data item) by itself. `/steps/2/asks/1` becomes
`/steps/aangifte/asks/bsn`. Line numbers and positions play no part, so a fingerprint survives
added lines, reordered steps and reformatting; renaming the step or the data item makes the
finding new.

Only `failed` findings are recorded; `error` findings (a check that could not run) always count.
The same fingerprint may occur more than once in a service (the baseline keeps a count), so one
more occurrence than recorded is one new finding.

The file is JSON, valid against `schemas/baseline.schema.json`, sorted, without timestamps: the
same findings give the same bytes, so a baseline can be reviewed and committed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..model.check import Status
from ..model.finding import Finding
from ..model.report import Report
from ..model.service import Answer, Ask, Explanation, Handover, ServiceConcept
from ..model.source_map import escape_pointer_token

BASELINE_FORMAT = "1"

Key = tuple[str, str, str | None]
"""A fingerprint within one service: (check id, stable path, step)."""


@attrs.frozen(order=True)
class Fingerprint:
    """What recognises a failed finding across versions of a document (see the module)."""

    service: str
    check: str
    path: str
    step: str | None = None
    data: str | None = None  # the data item, when the finding is about one (derived from the path)

    @property
    def key(self) -> Key:
        """The part that identifies the finding within its service."""
        return (self.check, self.path, self.step)

    @property
    def digest(self) -> str:
        """A short, stable hexadecimal digest of service, check, path and step (for other tools)."""
        text = "\x1f".join((self.service, self.check, self.path, self.step or ""))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _identity(item: object) -> str | None:
    """What identifies a list item, or None when only its position does."""
    if isinstance(item, str):
        return item
    if isinstance(item, Ask):
        return item.data
    if isinstance(item, Answer):
        return item.question
    if isinstance(item, Explanation):
        return f"{item.check}@{item.step}" if item.step else item.check
    identity = getattr(item, "id", None)
    return identity if isinstance(identity, str) else None


def stable_path(pointer: str, concept: ServiceConcept | None) -> tuple[str, str | None]:
    """`pointer` with list positions replaced by item identities, and the data item it is about."""
    if not pointer:
        return "", None
    node: Any = concept
    tokens: list[str] = []
    data: str | None = None
    for raw in pointer.split("/")[1:]:
        token = _unescape(raw)
        if isinstance(node, tuple) and token.isdigit() and int(token) < len(node):
            item = node[int(token)]
            if tokens[-1:] == ["handovers"]:
                # format 2 keeps a step's hand-overs in a list; its first is format 1's `handover`, so a
                # baseline recorded before `dienstvisie migrate` still matches; the others go by target
                if int(token) == 0:
                    tokens[-1] = "handover"
                else:
                    tokens.append(f"to:{item.to}" if isinstance(item, Handover) else token)
                node = item
                continue
            identity = _identity(item)
            if isinstance(item, Ask):
                data = item.data
            tokens.append(identity if identity is not None else token)
            node = item
        else:
            tokens.append(token)
            node = getattr(node, token, None) if node is not None and attrs.has(type(node)) else None
    return "/" + "/".join(escape_pointer_token(token) for token in tokens), data


def fingerprint(finding: Finding, service: str, concept: ServiceConcept | None) -> Fingerprint:
    """The fingerprint of `finding` in the service `service` (whose document is `concept`)."""
    path, data = stable_path(finding.location.pointer, concept)
    step = finding.step
    if step is None and path.startswith("/steps/"):
        step = _unescape(path.split("/")[2])
    return Fingerprint(service=service, check=finding.check, path=path, step=step, data=data)


def fingerprints(report: Report) -> list[Fingerprint]:
    """The fingerprints of the report's failed findings, in the report's order."""
    return [fingerprint(f, report.service, report.concept) for f in report.findings if f.status is Status.FAILED]


@attrs.frozen
class Tally:
    """What a baseline did to one service or a whole run."""

    known: int = 0  # failed findings in the baseline: not reported, do not fail the run
    new: int = 0  # failed findings not in the baseline
    fixed: int = 0  # findings in the baseline that no longer occur

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.known + other.known, self.new + other.new, self.fixed + other.fixed)


@attrs.frozen
class Baseline:
    """Recorded fingerprints with how often each occurred, per service."""

    services: Mapping[str, Mapping[Key, int]] = attrs.field(factory=dict)
    data_items: Mapping[tuple[str, Key], str] = attrs.field(factory=dict, eq=False)  # for writing only
    file: str | None = None
    vision: str | None = None
    vision_version: str | None = None
    version: str = ""

    @property
    def total(self) -> int:
        """How many findings the baseline holds."""
        return sum(sum(counts.values()) for counts in self.services.values())

    @property
    def by_check(self) -> dict[str, int]:
        """How many findings the baseline holds of each check id (to tell whose id was removed)."""
        counts: dict[str, int] = {}
        for recorded in self.services.values():
            for (check, _path, _step), count in recorded.items():
                counts[check] = counts.get(check, 0) + count
        return counts

    def apply(self, report: Report) -> tuple[Report, Tally]:
        """The report without its known failed findings, and what was known, new and fixed in it."""
        recorded = self.services.get(report.service, {})
        left = dict(recorded)
        kept: list[Finding] = []
        known = new = 0
        for finding in report.findings:
            if finding.status is Status.FAILED:
                key = _recorded_key(finding, report, left)
                if key is not None:
                    left[key] -= 1
                    known += 1
                    continue
                new += 1
            kept.append(finding)
        tally = Tally(known=known, new=new, fixed=sum(left.values()))
        if not known:
            return report, tally
        return attrs.evolve(report, findings=tuple(kept)), tally


def _recorded_key(finding: Finding, report: Report, left: Mapping[Key, int]) -> Key | None:
    """The baseline key that still has an occurrence for this finding, or None.

    A finding that merges several checks' failures (one root cause) matches an entry recorded
    under any of them, so a baseline made before the merge keeps working.
    """
    path, step = placed(finding, report)
    for check in finding.checks:
        key = (check, path, step)
        if left.get(key, 0) > 0:
            return key
    return None


def placed(finding: Finding, report: Report) -> tuple[str, str | None]:
    found = fingerprint(finding, report.service, report.concept)
    return found.path, found.step


def record(found: Iterable[Fingerprint], *, vision: str | None = None, vision_version: str | None = None,
           version: str = "") -> Baseline:
    """A baseline of these fingerprints (each occurrence counts)."""
    services: dict[str, dict[Key, int]] = {}
    data_items: dict[tuple[str, Key], str] = {}
    for item in found:
        counts = services.setdefault(item.service, {})
        counts[item.key] = counts.get(item.key, 0) + 1
        if item.data is not None:
            data_items[(item.service, item.key)] = item.data
    return Baseline(services=services, data_items=data_items, vision=vision, vision_version=vision_version,
                    version=version)


def to_data(baseline: Baseline) -> dict[str, Any]:
    """The baseline as plain JSON-ready data (sorted; valid against the baseline schema)."""
    findings = []
    for service in sorted(baseline.services):
        counts = baseline.services[service]
        for key in sorted(counts, key=lambda k: (k[0], k[1], k[2] or "")):
            check, path, step = key
            entry: dict[str, Any] = {
                "fingerprint": Fingerprint(service, check, path, step).digest,
                "service": service, "check": check, "path": path,
            }
            if step is not None:
                entry["step"] = step
            data = baseline.data_items.get((service, key))
            if data is not None:
                entry["data"] = data
            entry["count"] = counts[key]
            findings.append(entry)
    vision: dict[str, str] = {}
    if baseline.vision is not None:
        vision["id"] = baseline.vision
    if baseline.vision_version is not None:
        vision["version"] = baseline.vision_version
    result: dict[str, Any] = {
        "dienstvisie_baseline": BASELINE_FORMAT,
        "tool": {"name": "dienstvisie", "version": baseline.version},
    }
    if vision:
        result["vision"] = vision
    result["total"] = baseline.total
    result["findings"] = findings
    return result


def render(baseline: Baseline) -> str:
    """The baseline file's text: JSON, two-space indent, keys in a fixed order."""
    return json.dumps(to_data(baseline), ensure_ascii=False, indent=2) + "\n"


def from_data(data: Mapping[str, Any], file: str | None = None) -> Baseline:
    """A baseline from schema-valid data (the digests are not read back: the other fields are the fingerprint)."""
    services: dict[str, dict[Key, int]] = {}
    data_items: dict[tuple[str, Key], str] = {}
    for entry in data["findings"]:
        key: Key = (entry["check"], entry["path"], entry.get("step"))
        counts = services.setdefault(entry["service"], {})
        counts[key] = counts.get(key, 0) + int(entry.get("count", 1))
        if "data" in entry:
            data_items[(entry["service"], key)] = entry["data"]
    vision = data.get("vision") or {}
    return Baseline(services=services, data_items=data_items, file=file, vision=vision.get("id"),
                    vision_version=vision.get("version"), version=data.get("tool", {}).get("version", ""))


BASELINE_MAX_BYTES = 128 * 1024 * 1024
"""The size limit of a baseline file: about 50,000 services' findings. A baseline is written by the
tool for a whole portfolio, so the limits for a service concept (10 MB, 200,000 values) do not fit
it; it is strict JSON, without aliases, so its values are bounded by its bytes."""


_POSITIONS_MAX_BYTES = 1024 * 1024


def read_baseline(path: str | os.PathLike[str]) -> Baseline:
    """The baseline in a file (strict JSON, whatever its name); SourceError when it cannot be read,
    DocumentError when it is invalid."""
    from ..documents.load import max_bytes_from_environment, placed_problems, read_text
    from ..documents.parse import ParseError, parse_json_text, positions_of
    from ..documents.validate import schema_problems
    from ..errors import DocumentError
    from ..model.source_map import SourceMap

    name = os.fspath(path)
    text = read_text(path, max(BASELINE_MAX_BYTES, max_bytes_from_environment()))
    try:
        parsed = parse_json_text(text, name, max_nodes=len(text) + 1, positions=False)
    except ParseError as error:
        raise DocumentError(name, error.problems) from None
    problems = schema_problems(parsed.data, "baseline")
    if problems:  # only now find the lines, and only in a file small enough to read as YAML quickly
        source_map = positions_of(text, name) if len(text) <= _POSITIONS_MAX_BYTES else SourceMap(file=name)
        raise DocumentError(name, placed_problems(problems, source_map))
    return from_data(parsed.data, name)
