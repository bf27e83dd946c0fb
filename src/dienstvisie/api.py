"""The high-level API: check a service concept with the installed plugins in one call."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from typing import Any

from .checks.meta import META_CHECKS
from .checks.questions import question_checks
from .engine.run import DEFAULT_CHECK_TIMEOUT, run_checks
from .errors import DienstvisieError
from .documents.load import DEFAULT_VISION_ID, read_service
from .model.check import Check, Severity
from .model.document import Document
from .model.report import Report
from .model.service import ServiceConcept
from .model.vision import Vision
from .plugins.manager import Plugins, load_plugins
from .engine.selection import Selection
from .model.source_map import SourceMap


class UnknownVisionError(DienstvisieError):
    """No installed vision has the id asked for."""

    def __init__(self, vision_id: str, known: Iterable[str]) -> None:
        self.vision_id = vision_id
        self.known = tuple(known)
        super().__init__(f"unknown vision '{vision_id}'; installed: {', '.join(self.known) or '-'}")


_default_plugins: Plugins | None = None


def default_plugins() -> Plugins:
    """The plugins installed in this environment (built-ins and entry points), loaded once."""
    global _default_plugins
    if _default_plugins is None:
        _default_plugins = load_plugins()
    return _default_plugins


def resolve_vision(vision: str | Vision | None, plugins: Plugins) -> Vision:
    """A Vision object for an id (or None: the shipped default)."""
    if isinstance(vision, Vision):
        return vision
    visions = plugins.visions()
    wanted = vision or DEFAULT_VISION_ID
    if wanted not in visions:
        raise UnknownVisionError(wanted, visions)
    return visions[wanted]


def all_checks(vision: Vision, plugins: Plugins, *, require_assessment: bool = False) -> tuple[Check, ...]:
    """Every check for `vision`: the plugins' checks, the guiding questions, and the meta checks.

    With `require_assessment`, open guiding questions fail instead of needing review."""
    return tuple(plugins.checks(vision)) + question_checks(vision, require_assessment=require_assessment) + META_CHECKS


def check(
    service: ServiceConcept | Document[ServiceConcept] | str | os.PathLike[str] | Mapping[str, Any],
    *,
    vision: str | Vision | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: Mapping[str, str | Severity] | None = None,
    plugins: Plugins | None = None,
    today: datetime.date | None = None,
    check_timeout: float | None = DEFAULT_CHECK_TIMEOUT,
    require_assessment: bool = False,
) -> Report:
    """Check one service concept against a vision and return its Report.

    `service` may be a model, a loaded Document (findings then carry file and line), a path,
    YAML/JSON text or a mapping. `vision` is a vision id or object (default: the shipped
    *Visie op gezamenlijke dienstverlening*). `select`/`ignore` take check-id prefixes such as
    `DV3` or `ALL`; `severity` overrides the severity of checks by id. `check_timeout` is each
    check's time limit in seconds (a check that overruns becomes an `error` finding; None or 0: no
    limit). `require_assessment`: open guiding questions (no answer, `onbekend`, no evidence) fail
    instead of needing review.
    """
    plugins = plugins or default_plugins()
    if isinstance(service, Document):
        document = service
    elif isinstance(service, ServiceConcept):
        document = Document(model=service, source_map=SourceMap())
    else:
        document = read_service(service)
    active = resolve_vision(vision, plugins)
    selection = Selection(
        select=tuple(select) if select is not None else ("ALL",),
        ignore=tuple(ignore or ()),
        severity={key: Severity(value) for key, value in (severity or {}).items()},
    )
    checks = all_checks(active, plugins, require_assessment=require_assessment)
    prepared = plugins.prepare(document.model, active)
    report = run_checks(
        prepared, vision=active, checks=checks, vocabularies=plugins.vocabularies(), selection=selection,
        today=today, source_map=document.source_map, check_timeout=check_timeout,
    )
    plugins.notify(report)
    return report
