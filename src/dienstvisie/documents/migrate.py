"""Format 1 → format 2 as plain data: what `dienstvisie migrate` changes, and nothing else.

A format-1 document already means what its format-2 form says: a step without `after` follows the
one before it in both formats, every format-1 decision is a besluit, every ask is a `vragen`. So
the migration only changes spelling: `dienstvisie: "2"`, and each step's single `handover` becomes
the one item of `handovers`. The text-level migration (documents/migrate_text.py) keeps comments
and layout, and is checked against this function.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TARGET_FORMAT = "2"


def migrate_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a service concept's plain data in format 2 (keys keep their order)."""
    result = {key: (TARGET_FORMAT if key == "dienstvisie" else value) for key, value in data.items()}
    steps = result.get("steps")
    if isinstance(steps, list):
        result["steps"] = [_migrate_step(step) if isinstance(step, Mapping) else step for step in steps]
    return result


def _migrate_step(step: Mapping[str, Any]) -> dict[str, Any]:
    if "handover" not in step:
        return dict(step)
    return {("handovers" if key == "handover" else key): ([value] if key == "handover" else value)
            for key, value in step.items()}


def needs_migration(data: Mapping[str, Any]) -> bool:
    """True when `data` is not yet in the format-2 spelling."""
    return migrate_data(data) != dict(data)
