"""The table of built-in check ids: every id dienstvisie has ever given a check, with its status.

This is the one place that says where a built-in id stands (stable, preview, deprecated, removed;
see `CheckStatus`); the built-in checks take their status from it when they are loaded, whatever
they say themselves. An id is never reused. When a check goes, it is first marked `deprecated`
(naming what replaces it, if anything) and later `removed`, and its entry stays, so a baseline, an
explanation or a `--select` that still names it gets a clear message. `tests/test_check_ids.py`
proves that every built-in check is in the table and that every entry that is not removed is a
check. The built-in plugin offers this table through the `dienstvisie_check_ids` hook, as a plugin
offers its own.
"""

from __future__ import annotations

from ..model.check import CheckStatus
from ..model.check_id import CheckId

_FIRST = "0.1.0"  # nothing was released before it: the checks of format 2 (DV204 …) are in it too

_STABLE_SINCE_FIRST = (
    # P1 Geen verkeerde deur
    "DV101", "DV102", "DV103", "DV104",
    # P2 Proactief
    "DV201", "DV202", "DV203", "DV204", "DV205",
    # P3 Eenmalige uitvraag
    "DV301", "DV302", "DV303", "DV304",
    # P4 Toegankelijk en begrijpelijk
    "DV401", "DV402", "DV403", "DV404", "DV405",
    # P5 Maatwerk en menselijke maat
    "DV501", "DV502", "DV503", "DV504", "DV505", "DV506", "DV507",
    # P6 Samen leren en verbeteren
    "DV601", "DV602", "DV603", "DV604", "DV605",
    # the guiding questions of the shipped vision, one check per principle
    "QP1", "QP2", "QP3", "QP4", "QP5", "QP6",
    # about the document itself
    "DV001", "DV002",
)

BUILTIN_CHECK_IDS: tuple[CheckId, ...] = tuple(
    CheckId(id=check_id, status=CheckStatus.STABLE, since=_FIRST) for check_id in _STABLE_SINCE_FIRST
)
"""Every built-in check id. A new check is added here (as `preview` or `stable`); a check that goes
changes its entry to `deprecated` and later `removed`, with `replaced_by` and `since`."""
