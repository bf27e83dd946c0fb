"""Which checks run and how severe they are: select/ignore by id prefix, as in ruff."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..model.check import Check, CheckStatus, Severity


def _match_length(check_id: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix that matches; ALL matches everything with length 0; -1 none."""
    best = -1
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 0)
        elif check_id.startswith(prefix):
            best = max(best, len(prefix))
    return best


@attrs.frozen
class Selection:
    """Select and ignore check ids by prefix (`DV3` is every P3 check); the more specific wins.

    `severity` overrides a check's default severity by exact id. A check whose status is
    `preview` runs only with `preview` (`--preview`), as in ruff: new checks can be tried before
    they count for everyone.
    """

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    preview: bool = False

    def selects(self, check_id: str) -> bool:
        """True when `check_id` is selected and not ignored more specifically."""
        selected = _match_length(check_id, self.select)
        return selected >= 0 and selected > _match_length(check_id, self.ignore)

    def runs(self, check: Check) -> bool:
        """True when `check` is selected, and is no preview check or preview checks are on."""
        return self.selects(check.id) and (self.preview or check.status is not CheckStatus.PREVIEW)

    def severity_of(self, check: Check) -> Severity:
        """The severity in force for `check`."""
        return self.severity.get(check.id, check.severity)
