"""One run of `dienstvisie check`: the reports of every service, and what went wrong on the way."""

from __future__ import annotations

import attrs

from .check import Check, Severity, Status
from .plugin import PluginFailure
from .problem import Problem
from .report import Report
from .vision import Vision


@attrs.frozen
class LoadFailure:
    """A document in the run that could not be read or was invalid; it has no report."""

    file: str
    problems: tuple[Problem, ...]
    exit_code: int


@attrs.frozen
class CheckRun:
    """Everything an exporter needs: reports, the vision and checks used, the fail-on threshold."""

    reports: tuple[Report, ...]
    vision: Vision
    checks: tuple[Check, ...]
    fail_on: Severity = Severity.MINOR
    load_failures: tuple[LoadFailure, ...] = ()
    plugin_failures: tuple[PluginFailure, ...] = ()
    version: str = ""

    def check(self, check_id: str) -> Check | None:
        """The check with this id, or None."""
        return next((check for check in self.checks if check.id == check_id), None)

    def failing(self, report: Report) -> bool:
        """True when `report` has a failed or error finding at or above the fail-on severity."""
        return any(
            finding.status in (Status.FAILED, Status.ERROR) and finding.severity.rank >= self.fail_on.rank
            for finding in report.findings
        )

    @property
    def passed(self) -> bool:
        """True when no service fails and every document could be checked."""
        return not self.load_failures and not any(self.failing(report) for report in self.reports)
