"""The text and JSON reports written service by service, for runs too large to hold in memory.

Each report is turned into its part of the output where it is made (in a worker process of
`--jobs`, see `parallel.py`), by a *finisher*; the main process writes the parts in order and adds
the head and the tail. The bytes are exactly those of `render_text` / `render_json` for the same
run: the parts are cut from those renderers' own output, and tests compare the two.

With a baseline (`check --baseline`) each finisher first leaves out the failed findings the baseline
holds, and the output says how many known findings remain.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

import attrs

from ..model.check import Check, Severity
from ..model.plugin import PluginFailure
from ..model.report import Report
from ..model.run import CheckRun, LoadFailure
from ..model.text import Language
from ..model.vision import Vision
from .json_report import run_to_data, service_data
from .text import render_text

if TYPE_CHECKING:
    from ..analysis.baseline import Baseline, Tally
    from ..pipeline.parallel import Session

WORDS: dict[str, dict[Language, str]] = {
    "known": {"nl": "  ~ {known} bekende bevinding(en) uit de baseline niet getoond",
              "en": "  ~ {known} known finding(s) from the baseline not shown"},
    "total": {"nl": "Baseline {file}: {known} bekend (niet getoond), {new} nieuw, {fixed} opgelost",
              "en": "Baseline {file}: {known} known (not shown), {new} new, {fixed} fixed"},
}

_SENTINEL = "dienstvisie-stream-footer-end"


def _apply(baseline: Baseline | None, report: Report) -> tuple[Report, Tally | None]:
    return baseline.apply(report) if baseline is not None else (report, None)


def _one(report: Report, session: Session, fail_on: Severity) -> CheckRun:
    return CheckRun(reports=(report,), vision=session.vision, checks=session.checks, fail_on=fail_on)


# ------------------------------------------------------------------------------------------- text

def text_prefix(vision: Vision, checks: tuple[Check, ...], lang: Language, colour: bool) -> str:
    """What the text report has before its first service: the vision line and a blank line."""
    return render_text(CheckRun(reports=(), vision=vision, checks=checks), lang, colour=colour) + "\n"


@attrs.frozen
class TextPart:
    """One service of the text report: its lines (ending in a line break), and whether it fails."""

    service: str
    text: str
    failing: bool
    tally: Tally | None = None


@attrs.frozen
class TextFinisher:
    """Renders one service for the text report (picklable: it goes to the worker processes)."""

    lang: Language
    colour: bool
    fail_on: Severity
    baseline: Baseline | None = attrs.field(default=None, eq=False)

    def __call__(self, report: Report, session: Session) -> TextPart:
        report, tally = _apply(self.baseline, report)
        run = _one(report, session, self.fail_on)
        whole = render_text(run, self.lang, colour=self.colour)
        prefix = text_prefix(session.vision, session.checks, self.lang, self.colour)
        assert whole.startswith(prefix), "the text report no longer starts with its vision line"
        text = whole[len(prefix):]
        if tally is not None and tally.known:
            text += WORDS["known"][self.lang].format(known=tally.known) + "\n"
        return TextPart(service=report.service, text=text, failing=run.failing(report), tally=tally)


class _Trimmed:
    """Writes text through, holding back trailing whitespace until more text follows; `close()`
    ends with one line break. The result equals `(all text).rstrip() + "\n"`, as `render_text` does.

    A line break right after the text is written at once (the end will have it either way), so on a
    terminal the cursor stands on a fresh line, where the progress bar can come and go."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.pending = ""
        self.ended = False  # the line break written last is the one the end needs

    def write(self, text: str) -> None:
        kept = text.rstrip()
        if kept:
            self.stream.write(self.pending + kept)
            self.pending = text[len(kept):]
            self.ended = False
        else:
            self.pending += text
        if not self.ended and self.pending.startswith("\n"):
            self.stream.write("\n")
            self.pending = self.pending[1:]
            self.ended = True

    def close(self) -> None:
        if not self.ended:
            self.stream.write("\n")
        self.pending = ""
        self.ended = True


class TextWriter:
    """The text report, written as the services come in (to the screen or a file)."""

    def __init__(self, stream: TextIO, vision: Vision, checks: tuple[Check, ...], lang: Language, colour: bool,
                 fail_on: Severity) -> None:
        self.out = _Trimmed(stream)
        self.stream = stream
        self.vision = vision
        self.checks = checks
        self.lang = lang
        self.colour = colour
        self.fail_on = fail_on
        self.reports = 0
        self.failing = 0
        self.out.write(text_prefix(vision, checks, lang, colour))

    def add(self, part: TextPart) -> None:
        self.out.write(part.text + "\n")
        self.reports += 1
        self.failing += part.failing

    def finish(self, load_failures: Sequence[LoadFailure], plugin_failures: Sequence[PluginFailure],
               baseline: tuple[str, Tally] | None = None) -> None:
        """The documents that could not be checked, plugin errors, the totals; then the last line break."""
        sentinel = PluginFailure(_SENTINEL, _SENTINEL, _SENTINEL)
        run = CheckRun(reports=(), vision=self.vision, checks=self.checks, fail_on=self.fail_on,
                       load_failures=tuple(load_failures), plugin_failures=(*plugin_failures, sentinel))
        whole = render_text(run, self.lang, colour=self.colour)
        prefix = text_prefix(self.vision, self.checks, self.lang, self.colour)
        end = whole.rfind("\n", 0, whole.index(_SENTINEL)) + 1
        self.out.write(whole[len(prefix):end])
        total = self.reports + len(load_failures)
        if total > 1:
            from .text import _WORDS as words

            lang = self.lang
            self.out.write(f"{total} {words['services'][lang]}: {self.reports - self.failing} {words['pass'][lang].lower()}, "
                           f"{self.failing + len(load_failures)} {words['fail'][lang].lower()}\n")
        if baseline is not None:
            file, tally = baseline
            self.out.write(WORDS["total"][self.lang].format(file=file, known=tally.known, new=tally.new,
                                                            fixed=tally.fixed) + "\n")
        self.out.close()


# ------------------------------------------------------------------------------------------- JSON

_INDENT = "    "  # a service sits two levels deep in the report: {"services": [{…}]}
_SERVICES = '\n  "services": []'


@attrs.frozen
class JsonPart:
    """One service of the JSON report, indented as it stands in the report, and whether it fails."""

    service: str
    text: str
    failing: bool
    tally: Tally | None = None


@attrs.frozen
class JsonFinisher:
    """Renders one service for the JSON report (picklable: it goes to the worker processes)."""

    fail_on: Severity
    baseline: Baseline | None = attrs.field(default=None, eq=False)

    def __call__(self, report: Report, session: Session) -> JsonPart:
        report, tally = _apply(self.baseline, report)
        run = _one(report, session, self.fail_on)
        data = service_data(report, run, known=tally.known if tally is not None else None)
        text = _INDENT + json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n" + _INDENT)
        return JsonPart(service=report.service, text=text, failing=run.failing(report), tally=tally)


class JsonWriter:
    """The JSON report: services are kept in a temporary file (not in memory) until the head,
    which says whether the run passed, can be written."""

    def __init__(self) -> None:
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self.reports = 0
        self.failing = 0

    def add(self, part: JsonPart) -> None:
        if self.reports:
            self.spool.write(",\n")
        self.spool.write(part.text)
        self.reports += 1
        self.failing += part.failing

    def finish(self, stream: TextIO, run: CheckRun, baseline: dict[str, object] | None = None) -> None:
        """Write the whole report to `stream`; `run` has the load and plugin failures but no reports."""
        data = run_to_data(run, baseline)
        data["result"] = "pass" if not run.load_failures and not self.failing else "fail"
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        assert text.count(_SERVICES) == 1, "the JSON report has no single empty services list"
        head, tail = text.split(_SERVICES)
        if not self.reports:
            stream.write(head + _SERVICES + tail)
        else:
            stream.write(head + '\n  "services": [\n')
            self.spool.seek(0)
            while block := self.spool.read(1 << 20):
                stream.write(block)
            stream.write("\n  ]" + tail)
        self.spool.close()


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

    def __call__(self, report: Report, session: Session) -> ReportPart:
        report, tally = _apply(self.baseline, report)
        failing = _one(report, session, self.fail_on).failing(report)
        if not self.keep_concept:
            report = attrs.evolve(report, concept=None)
        return ReportPart(report=report, failing=failing, tally=tally)
