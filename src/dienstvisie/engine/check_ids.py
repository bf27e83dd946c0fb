"""What the table of check ids means for a run: the status of each check, and a note wherever a
removed, deprecated or preview id is named (in `--select`/`--ignore`, a baseline or an explanation).

The table (`CheckId`s by id, from the `dienstvisie_check_ids` hook) lists ids whose checks may be
long gone, so nothing here looks ids up among the checks alone. Pure: the notes are returned, the
command line prints them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from ..model.check import Check, CheckStatus
from ..model.check_id import CheckId
from ..model.text import Text

CheckIds = Mapping[str, CheckId]


def with_status(checks: Iterable[Check], table: CheckIds) -> tuple[Check, ...]:
    """The checks, each with the status the table gives its id (a check the table does not list,
    or lists as removed, keeps its own: a check that is there cannot be removed)."""
    result = []
    for check in checks:
        entry = table.get(check.id)
        if entry is not None and entry.status is not CheckStatus.REMOVED and entry.status is not check.status:
            check = attrs.evolve(check, status=entry.status)
        result.append(check)
    return tuple(result)


def removed_ids(table: CheckIds, checks: Iterable[Check]) -> list[CheckId]:
    """The removed ids of the table that no check has, in id order (for `dienstvisie rules`)."""
    live = {check.id for check in checks}
    return sorted((entry for entry in table.values() if entry.status is CheckStatus.REMOVED and entry.id not in live),
                  key=lambda entry: entry.id)


def entry_of(check_id: str, checks: Sequence[Check], table: CheckIds) -> CheckId | None:
    """The table entry of a removed, deprecated or preview id, or None when it needs no note
    (stable, or not an id at all). A live check's own status counts when the table lacks it."""
    entry = table.get(check_id)
    live = next((check for check in checks if check.id == check_id), None)
    if live is not None:
        status = live.status
        if entry is None:
            entry = CheckId(id=check_id, status=status)
        elif entry.status is not status:
            entry = attrs.evolve(entry, status=status)
    if entry is None or entry.status is CheckStatus.STABLE:
        return None
    return entry


@attrs.frozen
class IdNote:
    """A note on one named id: `error` stops the run (a removed check asked for in `--select`)."""

    option: str  # where the id is named: "--select", "--ignore", a baseline file, ...
    entry: CheckId
    error: bool = False

    @property
    def message(self) -> Text:
        """What the reader is told, in both languages."""
        text = self.entry.describe()
        return Text(nl=f"{self.option} {self.entry.id}: {text.get('nl')}", en=f"{self.option} {self.entry.id}: {text.get('en')}")


def selection_notes(select: Iterable[str], ignore: Iterable[str], checks: Sequence[Check], table: CheckIds, *,
                    preview: bool = False, severity: Iterable[str] = ()) -> list[IdNote]:
    """Notes on the exact ids (not prefixes) in `select`, `ignore` and the ids of severity overrides:
    a removed id in `select` is an error (no such check can run), elsewhere a warning; a deprecated
    id a warning naming its replacement; a preview id in `select` without `preview` a warning that
    it does not run."""
    notes: list[IdNote] = []
    for option, ids in (("--select", select), ("--ignore", ignore), ("severity", severity)):
        for check_id in dict.fromkeys(ids):
            entry = entry_of(check_id, checks, table)
            if entry is None:
                continue
            if entry.status is CheckStatus.PREVIEW and (preview or option != "--select"):
                continue
            notes.append(IdNote(option, entry, error=option == "--select" and entry.status is CheckStatus.REMOVED))
    return notes


def baseline_notes(file: str, counts: Mapping[str, int], checks: Sequence[Check], table: CheckIds) -> list[IdNote]:
    """Notes on the removed and deprecated ids a baseline holds findings of (`counts`: findings by
    check id). The findings of a removed check can never match again."""
    notes = []
    for check_id in sorted(counts):
        entry = entry_of(check_id, checks, table)
        if entry is not None and entry.status in (CheckStatus.REMOVED, CheckStatus.DEPRECATED):
            notes.append(IdNote(f"{file}:", entry))
    return notes


def explanation_note(check_id: str, checks: Sequence[Check], table: CheckIds) -> Text | None:
    """Why an explanation that names `check_id` needs attention when the id is removed or
    deprecated (the message of a DV001 finding), or None."""
    entry = entry_of(check_id, checks, table)
    if entry is None or entry.status not in (CheckStatus.REMOVED, CheckStatus.DEPRECATED):
        return None
    text = entry.describe()
    if entry.status is CheckStatus.REMOVED:
        what_nl = "zet de verklaring over" if entry.replaced_by else "verwijder de verklaring"
        what_en = "move the explanation" if entry.replaced_by else "remove the explanation"
    else:
        what_nl = "zet de verklaring over" if entry.replaced_by else "de verklaring werkt nog"
        what_en = "move the explanation" if entry.replaced_by else "the explanation still works"
    return Text(nl=f"De verklaring noemt {check_id}: {text.get('nl')} ({what_nl})",
                en=f"The explanation names {check_id}: {text.get('en')} ({what_en})")
