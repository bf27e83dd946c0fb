"""Compare two versions of one service concept per design principle. Pure: no I/O.

Both versions are checked the same way; then, per design principle:

* the score change (new − old);
* *fixed*: failed findings of the old version that no longer fail in the new one (possibly because
  the new version explains them: comply or explain);
* *new*: failed findings of the new version that the old one did not have.

Findings are matched by their fingerprint without the service id (check, stable path, step; see
`baseline.py`), so added lines, moved steps and a changed service id do not make a finding new.
A finding serving two principles counts for both; findings serving no principle of the vision
(about the document itself) are compared under "document".

A principle *regressed* when its score went down or it has a new failed finding; it *improved*
when it did not regress and its score went up or a finding was fixed. The comparison regressed when
any principle (or the document) did: `dienstvisie diff` then exits with 1. Starting points get their
score change for information; their state follows the score alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from .baseline import Key, fingerprint
from ..model.check import Check, Status
from ..model.diff import FindingChange, ItemDiff, ServiceDiff, State
from ..model.finding import Finding
from ..model.report import Report
from ..model.text import Text
from ..model.vision import Vision


def _failed(report: Report) -> list[tuple[Key, Finding]]:
    return [(fingerprint(f, report.service, report.concept).key, f) for f in report.findings if f.status is Status.FAILED]


def _unmatched(these: list[tuple[Key, Finding]], others: list[tuple[Key, Finding]]) -> list[tuple[Key, Finding]]:
    """Those of `these` with no partner in `others` (a fingerprint that occurs n times matches n times)."""
    left: dict[Key, int] = {}
    for key, _ in others:
        left[key] = left.get(key, 0) + 1
    result = []
    for key, finding in these:
        if left.get(key, 0) > 0:
            left[key] -= 1
        else:
            result.append((key, finding))
    return result


def _change(key: Key, finding: Finding, checks: dict[str, Check], explained: set[Key]) -> FindingChange:
    check = checks.get(finding.check)
    return FindingChange(
        check=finding.check, title=check.title if check else Text(nl=finding.check, en=finding.check),
        severity=finding.severity, message=finding.message, path=key[1], principles=finding.principles,
        step=key[2], now_explained=key in explained,
    )


def _score(report: Report, item_id: str) -> float | None:
    try:
        return report.score(item_id).score
    except KeyError:
        return None


def _state(old: float | None, new: float | None, fixed: int, added: int) -> State:
    drop = old is not None and new is not None and new < old
    rise = old is not None and new is not None and new > old
    if added or drop:
        return "regressed"
    if fixed or rise:
        return "improved"
    return "unchanged"


def diff_reports(old: Report, new: Report, *, vision: Vision, checks: Sequence[Check] = (), version: str = "") -> ServiceDiff:
    """The comparison of the reports of two versions of one service concept (see the module)."""
    by_id = {check.id: check for check in checks}
    old_failed = _failed(old)
    new_failed = _failed(new)
    explained_now = {fingerprint(f, new.service, new.concept).key for f in new.findings if f.status is Status.EXPLAINED}
    fixed = [_change(key, f, by_id, explained_now) for key, f in _unmatched(old_failed, new_failed)]
    added = [_change(key, f, by_id, set()) for key, f in _unmatched(new_failed, old_failed)]
    principles = []
    for principle in vision.principles:
        item_fixed = tuple(c for c in fixed if principle.id in c.principles)
        item_added = tuple(c for c in added if principle.id in c.principles)
        before, after = _score(old, principle.id), _score(new, principle.id)
        principles.append(ItemDiff(id=principle.id, kind="principle", title=principle.title, old=before, new=after,
                                   fixed=item_fixed, added=item_added,
                                   state=_state(before, after, len(item_fixed), len(item_added))))
    points = []
    for point in vision.starting_points:
        before, after = _score(old, point.id), _score(new, point.id)
        points.append(ItemDiff(id=point.id, kind="starting_point", title=point.title, old=before, new=after,
                               state=_state(before, after, 0, 0)))
    known = {principle.id for principle in vision.principles}
    doc_fixed = tuple(c for c in fixed if not known.intersection(c.principles))
    doc_added = tuple(c for c in added if not known.intersection(c.principles))
    document = ItemDiff(id="document", kind="document", title=Text(nl="Document", en="Document"), old=None, new=None,
                        fixed=doc_fixed, added=doc_added, state=_state(None, None, len(doc_fixed), len(doc_added)))
    return ServiceDiff(
        vision=vision.id, vision_version=vision.version, old_id=old.service, new_id=new.service,
        old_title=old.title, new_title=new.title, old_file=old.file, new_file=new.file,
        principles=tuple(principles), starting_points=tuple(points), document=document, version=version,
        vision_status=vision.provenance.status, old_concept=old.concept, new_concept=new.concept,
        old_findings=old.findings, new_findings=new.findings,
    )
