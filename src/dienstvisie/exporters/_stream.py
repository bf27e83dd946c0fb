"""What every streamed format shares: the baseline applied to each report where it is made, the run of
one report, the baseline's words; and the finisher of the formats that need every report at once.

Each streaming format (text.py, json_report.py, or a plugin's) turns a report into its part of the
output where the report is made (in a worker process of `--jobs`, see pipeline/parallel.py), with a
*finisher*; the main process writes the parts in order and adds the head and the tail.

With a baseline (`check --baseline`) each finisher first leaves out the failed findings the baseline
holds, and the output says how many known findings remain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ..i18n import Section
from ..model.check import Severity
from ..model.exporter import RunContext
from ..model.report import Report
from ..model.run import CheckRun
from ..model.text import Language

if TYPE_CHECKING:
    from ..analysis.baseline import Baseline, Tally

WORDS = Section("stream")
"""`WORDS[key][lang]`, a text: section "stream" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def apply_baseline(baseline: Baseline | None, report: Report) -> tuple[Report, Tally | None]:
    """`report` without the failed findings `baseline` holds, and the tally (None: no baseline)."""
    return baseline.apply(report) if baseline is not None else (report, None)


def run_of_one(report: Report, context: RunContext, fail_on: Severity) -> CheckRun:
    """The run of one report, as a format renders a single service."""
    return CheckRun(reports=(report,), vision=context.vision, checks=context.checks, fail_on=fail_on)


@attrs.frozen
class ServiceFinisher:
    """The common ground of the finishers that render one service in one language (CSV, SARIF,
    JUnit, GitLab): picklable, since it goes to the worker processes. A subclass adds `__call__`."""

    lang: Language
    fail_on: Severity
    baseline: Baseline | None = attrs.field(default=None, eq=False)

    def prepared(self, report: Report, context: RunContext) -> tuple[Report, Tally | None, CheckRun]:
        """`report` with the baseline applied, the baseline's tally, and the run of that one report."""
        report, tally = apply_baseline(self.baseline, report)
        return report, tally, run_of_one(report, context, self.fail_on)


# ------------------------------------------------------------------------------------- other formats

@attrs.frozen
class ReportPart:
    """A whole report, for formats that need every report at once (HTML, Markdown, CSV, …)."""

    report: Report
    failing: bool
    tally: Tally | None = None


@attrs.frozen
class ReportFinisher:
    """Keeps the report (without its document unless the format draws the journey)."""

    fail_on: Severity
    keep_concept: bool = True
    baseline: Baseline | None = attrs.field(default=None, eq=False)

    def __call__(self, report: Report, context: RunContext) -> ReportPart:
        report, tally = apply_baseline(self.baseline, report)
        failing = run_of_one(report, context, self.fail_on).failing(report)
        if not self.keep_concept:
            report = attrs.evolve(report, concept=None)
        return ReportPart(report=report, failing=failing, tally=tally)
