"""The high-level API: check a service concept with the installed plugins in one call.

A thin face on the one orchestrator (`pipeline.checker.Checker`), which the command line and the
worker processes use as well.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from typing import Any

from .documents.load import read_service
from .engine.run import DEFAULT_CHECK_TIMEOUT
from .model.check import Severity
from .model.document import Document
from .model.report import Report
from .model.service import ServiceConcept
from .model.vision import Vision
from .pipeline.checker import Checker, UnknownVisionError, all_checks, resolve_vision
from .plugins.manager import Plugins, load_plugins
from .engine.selection import Selection
from .model.source_map import SourceMap

__all__ = ["UnknownVisionError", "all_checks", "check", "default_plugins", "resolve_vision"]

_default_plugins: Plugins | None = None


def default_plugins() -> Plugins:
    """The plugins installed in this environment (built-ins and entry points), loaded once."""
    global _default_plugins
    if _default_plugins is None:
        _default_plugins = load_plugins()
    return _default_plugins


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
    preview: bool = False,
) -> Report:
    """Check one service concept against a vision and return its Report.

    `service` may be a model, a loaded Document (findings then carry file and line), a path,
    YAML/JSON text or a mapping. `vision` is a vision id or object (default: the shipped
    *Visie op gezamenlijke dienstverlening*). `select`/`ignore` take check-id prefixes such as
    `DV3` or `ALL`; `severity` overrides the severity of checks by id. `check_timeout` is each
    check's time limit in seconds (a check that overruns becomes an `error` finding; None or 0: no
    limit). `preview` also runs the checks whose status is `preview`.
    """
    plugins = plugins or default_plugins()
    if isinstance(service, Document):
        document = service
    elif isinstance(service, ServiceConcept):
        document = Document(model=service, source_map=SourceMap())
    else:
        document = read_service(service)
    selection = Selection(
        select=tuple(select) if select is not None else ("ALL",),
        ignore=tuple(ignore or ()),
        severity={key: Severity(value) for key, value in (severity or {}).items()},
        preview=preview,
    )
    checker = Checker.create(plugins, vision, selection=selection, today=today, check_timeout=check_timeout)
    return checker.check(document)
