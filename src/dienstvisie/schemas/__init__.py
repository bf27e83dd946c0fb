"""The JSON Schemas (draft 2020-12) that define every dienstvisie document.

They ship inside the package; the project's top-level `schemas/` folder points here.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_NAMES: tuple[str, ...] = ("service", "vision", "report", "ruleset", "vocabulary", "baseline", "portfolio", "diff")


def available_schemas() -> tuple[str, ...]:
    """The names of the schemas shipped in this installation."""
    folder = resources.files(__name__)
    return tuple(name for name in SCHEMA_NAMES if folder.joinpath(f"{name}.schema.json").is_file())


def schema_text(name: str) -> str:
    """The schema `name` as the JSON text that ships in the package."""
    if name not in available_schemas():
        raise KeyError(name)
    return resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The schema `name` as a parsed dict (cached; treat it as read-only)."""
    result: dict[str, Any] = json.loads(schema_text(name))
    return result
