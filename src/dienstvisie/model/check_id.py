"""One entry of a table of check ids: an id with its status and, once it goes, what replaced it.

Check ids are stored in places dienstvisie does not own: baselines, the `explanations` of service
concepts, `select` and `ignore` in configuration files. So an id is never reused, and an id that
goes is not simply dropped: it stays in the table as `deprecated` (it still runs) and then as
`removed`, with the id or ids that replaced it, so that wherever it is still named the reader is
told what to do instead of the id silently matching nothing. This is how ruff keeps its rule codes.
"""

from __future__ import annotations

import attrs

from .check import CheckStatus
from .text import Text


def _ids(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else (str(value),)


@attrs.frozen
class CheckId:
    """A check id and where it stands; `since` is the version that gave it this status."""

    id: str
    status: CheckStatus = attrs.field(default=CheckStatus.STABLE, converter=CheckStatus)
    replaced_by: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    since: str | None = None
    title: Text | None = None  # what the check was about (for a removed id: there is no Check left)
    note: Text | None = None  # why it was deprecated or removed

    def describe(self) -> Text:
        """One sentence on what this id's status means for whoever still names it, both languages."""
        since_nl = f" sinds versie {self.since}" if self.since else ""
        since_en = f" since version {self.since}" if self.since else ""
        replacement = ", ".join(self.replaced_by)
        if self.status is CheckStatus.DEPRECATED:
            nl = f"{self.id} is verouderd{since_nl} en verdwijnt in een volgende versie"
            en = f"{self.id} is deprecated{since_en} and will be removed in a later version"
            if replacement:
                nl, en = f"{nl}; gebruik {replacement}", f"{en}; use {replacement} instead"
        elif self.status is CheckStatus.REMOVED:
            in_nl = f" in versie {self.since}" if self.since else ""
            in_en = f" in version {self.since}" if self.since else ""
            nl, en = f"{self.id} is verwijderd{in_nl}", f"{self.id} was removed{in_en}"
            if replacement:
                nl, en = f"{nl}; in de plaats kwam {replacement}", f"{en}; it was replaced by {replacement}"
            else:
                nl, en = f"{nl} en heeft geen opvolger", f"{en} and has no replacement"
        elif self.status is CheckStatus.PREVIEW:
            nl = f"{self.id} is een preview-check{since_nl}: die draait alleen met --preview"
            en = f"{self.id} is a preview check{since_en}: it runs only with --preview"
        else:
            nl, en = f"{self.id} is stabiel{since_nl}", f"{self.id} is stable{since_en}"
        if self.note is not None:
            nl, en = f"{nl} ({self.note.get('nl')})", f"{en} ({self.note.get('en')})"
        return Text(nl=nl, en=en)
