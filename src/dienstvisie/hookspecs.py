"""The hooks a dienstvisie plugin can implement (pluggy), one docstring each.

A plugin is a module (or object) with functions marked `@dienstvisie.hookimpl`, registered
through the entry-point group `dienstvisie` in its pyproject.toml:

    [project.entry-points.dienstvisie]
    mijngemeente = "dienstvisie_mijngemeente"

Every hook is optional. The built-in vision, checks and exporters use these same hooks.
A hook that raises is reported as a plugin error; the run goes on without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

PROJECT_NAME = "dienstvisie"
ENTRY_POINT_GROUP = "dienstvisie"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

if TYPE_CHECKING:
    from .model.check import Check
    from .model.report import Report
    from .model.service import ServiceConcept
    from .model.vision import Vision


@hookspec
def dienstvisie_visions() -> list[Any]:  # type: ignore[empty-body]
    """Visions to add, each a `Vision` or the path of a vision YAML/JSON file.

    A vision file is validated against `schemas/vision.schema.json`; an invalid one is reported
    as a plugin error. Its `id` is what `dienstvisie check --vision ID` selects.
    """


@hookspec
def dienstvisie_checks(vision: Vision) -> list[Check]:  # type: ignore[empty-body]
    """Checks to run against services under `vision`.

    Return only checks whose `principles` belong to `vision` (return [] for a vision you do not
    know). A check that names a principle the vision lacks is rejected as a plugin error.
    """


@hookspec
def dienstvisie_rulesets() -> list[Any]:  # type: ignore[empty-body]
    """Declarative rule sets to add, each the path of a YAML file valid against
    `schemas/ruleset.schema.json`. Rules are data: nothing in them is ever executed.
    """


@hookspec
def dienstvisie_vocabularies() -> list[Any]:  # type: ignore[empty-body]
    """Vocabularies of life events or data items to add, each a path to a YAML file valid
    against `schemas/vocabulary.schema.json`. Services using these ids get no warning, and
    data items with registers count as 'already known by government' in the checks.
    """


@hookspec
def dienstvisie_exporters() -> list[Any]:  # type: ignore[empty-body]
    """Output formats to add, each an `Exporter` (name, media type, suffix, render function).
    The name becomes a value of `--format`.
    """


@hookspec
def dienstvisie_prepare_service(service: ServiceConcept, vision: Vision) -> ServiceConcept | None:
    """Enrich or normalise a service before it is checked; return a new `ServiceConcept` or None.

    Every plugin's result is passed on to the next (in registration order), so each sees the
    previous one's changes. Models are frozen: use `attrs.evolve`.
    """


@hookspec
def dienstvisie_report(report: Report) -> None:
    """See the finished report of one service (for logging, metrics, notifications).

    The return value is ignored and the report cannot be changed here.
    """
