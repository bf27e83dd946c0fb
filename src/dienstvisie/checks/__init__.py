"""The built-in checks, grouped by design principle of the shipped vision (one module each)."""

from __future__ import annotations

from importlib import import_module

from ..model.check import Check

PRINCIPLE_MODULES: tuple[str, ...] = (
    "p1_no_wrong_door",
    "p2_proactive",
    "p3_once_only",
    "p4_accessible",
    "p5_human_scale",
    "p6_learning_together",
)


def builtin_checks() -> tuple[Check, ...]:
    """Every built-in check of the shipped vision, in id order."""
    checks: list[Check] = []
    for name in PRINCIPLE_MODULES:
        checks.extend(import_module(f".{name}", __name__).CHECKS)
    return tuple(sorted(checks, key=lambda check: check.id))
