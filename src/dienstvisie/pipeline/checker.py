"""The one orchestrator of checking a service: prepare (plugins), run the checks, notify (plugins).

`dienstvisie.check()`, the command line and every worker process check a document through a
`Checker`, so a step added to the pipeline is added once and runs everywhere.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs

from ..checks.meta import META_CHECKS
from ..checks.questions import question_checks
from ..engine.check_ids import CheckIds, with_status
from ..engine.run import DEFAULT_CHECK_TIMEOUT, run_checks
from ..engine.selection import Selection
from ..errors import DienstvisieError
from ..model.check import Check
from ..model.document import Document
from ..model.report import Report
from ..model.service import ServiceConcept
from ..model.vision import Vision
from ..model.vocabulary import Vocabularies
from ..visions import DEFAULT_VISION_ID
from ..plugins.manager import Plugins


class UnknownVisionError(DienstvisieError):
    """No installed vision has the id asked for."""

    def __init__(self, vision_id: str, known: Iterable[str]) -> None:
        self.vision_id = vision_id
        self.known = tuple(known)
        super().__init__(f"unknown vision '{vision_id}'; installed: {', '.join(self.known) or '-'}")


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
    """Every check for `vision`: the plugins' checks, the guiding questions, and the meta checks,
    each with the status the table of check ids gives it. With `require_assessment`, open guiding
    questions fail instead of needing review."""
    questions = question_checks(vision, require_assessment=require_assessment)
    return with_status(tuple(plugins.checks(vision)) + questions + META_CHECKS, plugins.check_ids())


@attrs.frozen
class Checker:
    """The plugins, vision, checks, vocabularies and selection of a run, set up once and used for
    every document of it."""

    plugins: Plugins
    vision: Vision
    checks: tuple[Check, ...]
    vocabularies: Vocabularies
    selection: Selection = Selection()
    today: datetime.date | None = None
    check_timeout: float | None = DEFAULT_CHECK_TIMEOUT
    check_ids: CheckIds | None = None
    """The table of check ids (status, replacement); None: the built-in table."""
    known_check_ids: frozenset[str] = attrs.field(default=attrs.Factory(
        lambda self: frozenset(check.id for check in self.checks), takes_self=True))

    @classmethod
    def create(
        cls,
        plugins: Plugins,
        vision: str | Vision | None = None,
        *,
        selection: Selection = Selection(),
        today: datetime.date | None = None,
        check_timeout: float | None = DEFAULT_CHECK_TIMEOUT,
        require_assessment: bool = False,
    ) -> Checker:
        """A checker for `vision` (an id, an object or None: the shipped default) with `plugins`;
        `UnknownVisionError` when no plugin has that vision."""
        active = resolve_vision(vision, plugins)
        return cls(plugins=plugins, vision=active, checks=all_checks(active, plugins, require_assessment=require_assessment),
                   vocabularies=plugins.vocabularies(), selection=selection, today=today,
                   check_timeout=check_timeout, check_ids=plugins.check_ids())

    def check(self, document: Document[ServiceConcept]) -> Report:
        """The report of one loaded document: the plugins prepare the service, the selected checks
        run on it, and the plugins are told of the report."""
        service = self.plugins.prepare(document.model, self.vision)
        report = run_checks(
            service, vision=self.vision, checks=self.checks, vocabularies=self.vocabularies,
            selection=self.selection, today=self.today, source_map=document.source_map,
            known_check_ids=self.known_check_ids, check_timeout=self.check_timeout, check_ids=self.check_ids,
        )
        self.plugins.notify(report)
        return report
