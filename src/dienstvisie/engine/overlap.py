"""One root cause, one finding: failures of overlapping checks at the same place are merged.

Several checks may see one fault from different sides: an ask for data that government already
holds fails DV301 (a register has it), DV302 (an earlier step asked it) and DV303 (an earlier flow
passed it on). A service designer sees one fault there, not three. Checks that can find the same
fault declare the same `cause`; failed findings of such checks at the same place (JSON pointer
and step) become one finding of the first check (in id order), which names the others in
`related` and in its message (a second failure of one of them at that place is folded in too).
Its severity is the highest of them. The merged-away checks keep
their other findings; with none left they are not scored, so a score counts the fault once.

Explanations and baselines recorded against any of the checks still match the merged finding
(`Finding.checks`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from ..model.check import Check, Status
from ..model.finding import Finding
from ..model.text import Text

_Key = tuple[str, str, str | None]


def _related_text(related: Sequence[Check]) -> Text:
    nl = ", ".join(f"{check.id} ({check.title.get('nl')})" for check in related)
    en = ", ".join(f"{check.id} ({check.title.get('en')})" for check in related)
    return Text(nl=f" — dezelfde oorzaak vinden ook {nl}", en=f" — the same cause is also found by {en}")


def _merged(group: list[Finding], checks: Mapping[str, Check]) -> Finding:
    first, rest = group[0], group[1:]
    related = tuple(dict.fromkeys(finding.check for finding in rest if finding.check != first.check))
    if not related:
        return first
    also = _related_text([checks[check_id] for check_id in related])
    message = Text(nl=(first.message.get("nl") or "") + (also.nl or ""),
                   en=(first.message.get("en") or "") + (also.en or ""))
    severity = max((finding.severity for finding in group), key=lambda s: s.rank)
    principles = tuple(dict.fromkeys(p for finding in group for p in finding.principles))
    return attrs.evolve(first, message=message, severity=severity, principles=principles, related=related)


_last: tuple[Sequence[Check], Mapping[str, Check]] | None = None


def _by_id(checks: Sequence[Check]) -> Mapping[str, Check]:
    """The checks by id; the last answer is kept for a tuple (the same checks for every service)."""
    global _last
    last = _last  # one read: another thread may replace it, never half of it
    if last is not None and last[0] is checks:
        return last[1]
    by_id = {check.id: check for check in checks}
    if isinstance(checks, tuple):
        _last = (checks, by_id)
    return by_id


def merge_root_causes(findings: Sequence[Finding], checks: Sequence[Check],
                      order: Callable[[str], tuple[str, int, str]]) -> list[Finding]:
    """`findings` with the failures of checks that share a cause at one place merged into one each.

    `order` sorts check ids (the first of a group keeps the finding); other findings are untouched
    and keep their order.
    """
    by_id = _by_id(checks)
    groups: dict[_Key, list[Finding]] = {}
    for finding in findings:
        if finding.status is not Status.FAILED:
            continue
        cause = by_id[finding.check].cause if finding.check in by_id else None
        if cause is not None:
            groups.setdefault((cause, finding.location.pointer, finding.step), []).append(finding)
    if not any(len({f.check for f in group}) > 1 for group in groups.values()):
        return list(findings)
    replacement: dict[int, Finding | None] = {}
    for group in groups.values():
        if len({f.check for f in group}) < 2:
            continue
        ordered = sorted(group, key=lambda f: order(f.check))  # stable: same-check findings keep their order
        seen: set[str] = set()
        first_of_each = []
        for finding in ordered:
            if finding.check not in seen:
                seen.add(finding.check)
                first_of_each.append(finding)
        replacement[id(first_of_each[0])] = _merged(first_of_each, by_id)
        for finding in ordered[1:]:  # the others, a check's second failure at this place too, are in it
            if finding is not first_of_each[0]:
                replacement[id(finding)] = None
    result = []
    for finding in findings:
        if id(finding) in replacement:
            kept = replacement[id(finding)]
            if kept is not None:
                result.append(kept)
        else:
            result.append(finding)
    return result
