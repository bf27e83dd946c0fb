"""Say on stderr where a run names a removed, deprecated or preview check id: in `--select` and
`--ignore` (or the configuration's `select`, `ignore` and `severity`) and in a baseline. The notes are made by
`engine.check_ids`; an explanation that names such an id is a DV001 finding in the report instead."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..model.check import CheckStatus
from ..model.text import Language
from .help import help_text

if TYPE_CHECKING:
    from ..analysis.baseline import Baseline
    from ..engine.check_ids import IdNote
    from ..pipeline.parallel import RunSpec, Session


def _say(notes: list[IdNote], lang: Language) -> None:
    for note in notes:
        key = "check_ids.error" if note.error else "check_ids.warning"
        print(help_text(key, lang).format(message=note.message.get(lang)), file=sys.stderr)


def say_selection_notes(spec: RunSpec, session: Session, lang: Language) -> bool:
    """Print the notes on the ids in select and ignore; False when one is an error (exit 2)."""
    from ..engine.check_ids import selection_notes

    notes = selection_notes(spec.select, spec.ignore, session.checks, session.plugins.check_ids(), preview=spec.preview,
                            severity=[check_id for check_id, _ in spec.severity])
    _say(notes, lang)
    return not any(note.error for note in notes)


def say_baseline_notes(baseline: Baseline, session: Session, lang: Language) -> None:
    """Print a warning for every removed or deprecated check the baseline holds findings of."""
    from ..engine.check_ids import baseline_notes

    notes = baseline_notes(baseline.file or "baseline", baseline.by_check, session.checks, session.plugins.check_ids())
    _say(notes, lang)
    if any(note.entry.status is CheckStatus.REMOVED for note in notes):
        print(help_text("check_ids.baseline_removed", lang).format(file=baseline.file or "baseline"), file=sys.stderr)
