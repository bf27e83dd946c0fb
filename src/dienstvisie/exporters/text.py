"""The terminal report: findings grouped by design principle, the suggestion beside each failure.

It streams: `TextStreaming` writes it service by service as the documents are checked, the parts
cut from `render_text`'s own output, so the bytes are those of `render_text` for the same run (tests
compare the two).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

import attrs

from ..model.check import Check, Severity, Status
from ..model.exporter import Exporter, RunContext, StreamOptions
from ..model.finding import Finding
from ..model.report import Report, Score
from ..model.plugin import PluginFailure
from ..model.run import CheckRun
from ..model.text import Language, Text
from ._common import assessment_text
from ..model.vision import Vision
from ._common import terminal_safe as _t
from ._stream import WORDS, apply_baseline, run_of_one

if TYPE_CHECKING:
    from ..analysis.baseline import Baseline, Tally

_WORDS: dict[str, dict[Language, str]] = {
    "vision": {"nl": "Visie", "en": "Vision"},
    "checks": {"nl": "checks", "en": "checks"},
    "starting_points": {"nl": "Uitgangspunten", "en": "Starting points"},
    "document": {"nl": "Document", "en": "Document"},
    "pass": {"nl": "VOLDOET", "en": "PASS"},
    "fail": {"nl": "VOLDOET NIET", "en": "FAIL"},
    "failed": {"nl": "niet voldaan", "en": "failed"},
    "explained": {"nl": "verklaard", "en": "explained"},
    "needs_review": {"nl": "te beoordelen", "en": "to review"},
    "error": {"nl": "fout in check", "en": "check error"},
    "passed": {"nl": "voldaan", "en": "passed"},
    "not_applicable": {"nl": "niet van toepassing", "en": "not applicable"},
    "fail_on": {"nl": "grens", "en": "fail-on"},
    "reason": {"nl": "reden", "en": "reason"},
    "decided_by": {"nl": "besloten door", "en": "decided by"},
    "until": {"nl": "tot", "en": "until"},
    "expired": {"nl": "VERLOPEN op", "en": "EXPIRED on"},
    "invalid": {"nl": "ongeldig document, niet gecontroleerd", "en": "invalid document, not checked"},
    "plugin_error": {"nl": "pluginfout", "en": "plugin error"},
    "services": {"nl": "diensten", "en": "services"},
}

_MARKS = {
    Status.FAILED: ("✗", "red"),
    Status.ERROR: ("!", "magenta"),
    Status.EXPLAINED: ("~", "blue"),
    Status.NEEDS_REVIEW: ("?", "yellow"),
}


class _Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, *styles: str) -> str:
        codes = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34",
                 "magenta": "35", "cyan": "36"}
        if not self.colour or not styles:
            return text
        return f"\x1b[{';'.join(codes[s] for s in styles)}m{text}\x1b[0m"


def _bar(score: float | None, width: int = 10) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _score_text(score: Score) -> str:
    return "  –" if score.score is None else f"{score.score:3.0f}"


def _place(finding: Finding) -> str:
    location = finding.location
    if location.file and location.line:
        return _t(f"{location.file}:{location.line}:{location.column or 1}")
    return _t(location.pointer or "/")


def _finding_lines(finding: Finding, lang: Language, style: _Style, with_suggestion: bool = True) -> list[str]:
    mark, colour = _MARKS.get(finding.status, ("✓", "green"))
    head = (f"    {style(mark, colour, 'bold')} {style(_t(finding.check), 'bold')} "
            f"{style(finding.severity.value, colour)}  {_t(finding.message.get(lang))}")
    lines = [head, "        " + style(_place(finding), "dim")]
    note = finding.explanation
    if note is not None:
        parts = [f"{_WORDS['reason'][lang]}: {_t(note.reason)}"]
        if note.decided_by:
            parts.append(f"{_WORDS['decided_by'][lang]}: {_t(note.decided_by)}")
        if note.until:
            word = _WORDS["expired" if note.expired else "until"][lang]
            parts.append(f"{word} {_t(note.until)}")
        lines.append("        " + style("; ".join(parts), "blue"))
    if with_suggestion and finding.suggestion is not None and finding.status in (Status.FAILED, Status.NEEDS_REVIEW):
        lines.append("        " + style("→ " + _t(finding.suggestion.get(lang)), "cyan"))
    return lines


def _group_lines(findings: list[Finding], lang: Language, style: _Style) -> list[str]:
    """Findings in order; the suggestion once, after the last finding of a check with that status."""
    lines: list[str] = []
    for index, finding in enumerate(findings):
        following = findings[index + 1] if index + 1 < len(findings) else None
        last_of_kind = following is None or (following.check, following.status, following.suggestion) != (
            finding.check, finding.status, finding.suggestion)
        lines += _finding_lines(finding, lang, style, with_suggestion=last_of_kind)
    return lines


def _shown(finding: Finding) -> bool:
    return finding.status in _MARKS


def _report_lines(report: Report, run: CheckRun, lang: Language, style: _Style) -> list[str]:
    title = f"{style(_t(report.service), 'bold')} — {_t(report.title.get(lang))}"
    if report.file:
        title += style(f"   ({_t(report.file)})", "dim")
    lines = [title]
    for principle in run.vision.principles:
        score = report.score(principle.id) if any(s.id == principle.id for s in report.scores) else None
        head = f"  {style(_t(principle.id), 'bold')} {_t(principle.title.get(lang)):<36}"
        if score is not None:
            colour = "green" if score.score is not None and score.score >= 80 else "yellow" if (score.score or 0) >= 50 else "red"
            asked = f", {assessment_text(score, lang, 'assessment_short')}" if score.questions else ""
            head += f" {style(_bar(score.score), colour)} {_score_text(score)}  " + style(
                f"({score.applicable}/{score.total} {_WORDS['checks'][lang]}{asked})", "dim")
        lines.append(head)
        lines += _group_lines([f for f in report.findings if principle.id in f.principles and _shown(f)], lang, style)
    meta = [f for f in report.findings if not f.principles and _shown(f)]
    if meta:
        lines.append(f"  {style(_WORDS['document'][lang], 'bold')}")
        lines += _group_lines(meta, lang, style)
    points = [s for s in report.scores if s.kind == "starting_point"]
    if points:
        parts = [f"{_t(s.id)} {_score_text(s).strip()}" for s in points]
        lines.append(f"  {_WORDS['starting_points'][lang]}: " + "   ".join(parts))
    counts: dict[Status, int] = {}
    for finding in report.findings:
        counts[finding.status] = counts.get(finding.status, 0) + 1
    summary = ", ".join(f"{counts[s]} {_WORDS[s.value][lang]}" for s in Status if counts.get(s))
    verdict = style(_WORDS["fail"][lang], "red", "bold") if run.failing(report) else style(_WORDS["pass"][lang], "green", "bold")
    lines.append(f"  {verdict}  {summary}  " + style(f"({_WORDS['fail_on'][lang]}: {run.fail_on.value})", "dim"))
    return lines


def render_text(run: CheckRun, lang: Language, colour: bool = False) -> str:
    """The whole run as terminal text; ANSI colour only when `colour` is True."""
    style = _Style(colour)
    vision = run.vision
    lines = [style(_t(f"{_WORDS['vision'][lang]}: {vision.title.get(lang)} ({vision.id} {vision.version})"), "dim"), ""]
    for report in run.reports:
        lines += _report_lines(report, run, lang, style)
        lines.append("")
    for failure in run.load_failures:
        lines.append(f"{style(_t(failure.file), 'bold')}: {style(_WORDS['invalid'][lang], 'red')}")
        for problem in failure.problems:
            where = f"{problem.location.line}:{problem.location.column or 1}" if problem.location.line else ""
            lines.append(f"    {where} {_t(problem.message.get(lang))}")
    for plugin_failure in run.plugin_failures:
        lines.append(f"{style(_WORDS['plugin_error'][lang], 'magenta')}: "
                     + _t(f"{plugin_failure.plugin} ({plugin_failure.hook}): {plugin_failure.message}"))
    if len(run.reports) + len(run.load_failures) > 1:
        failing = sum(1 for report in run.reports if run.failing(report))
        total = len(run.reports) + len(run.load_failures)
        lines.append(f"{total} {_WORDS['services'][lang]}: {len(run.reports) - failing} {_WORDS['pass'][lang].lower()}, "
                     f"{failing + len(run.load_failures)} {_WORDS['fail'][lang].lower()}")
    return "\n".join(lines).rstrip() + "\n"


def _render(run: CheckRun, lang: Language) -> str:
    return render_text(run, lang, colour=False)


# ------------------------------------------------------------------------------- service by service

_SENTINEL = "dienstvisie-stream-footer-end"


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

    def __call__(self, report: Report, context: RunContext) -> TextPart:
        report, tally = apply_baseline(self.baseline, report)
        run = run_of_one(report, context, self.fail_on)
        whole = render_text(run, self.lang, colour=self.colour)
        prefix = text_prefix(context.vision, context.checks, self.lang, self.colour)
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

    def finish(self, run: CheckRun, baseline: Mapping[str, object] | None = None) -> None:
        """The documents that could not be checked, plugin errors, the totals; then the last line break."""
        sentinel = PluginFailure(_SENTINEL, _SENTINEL, _SENTINEL)
        load_failures = run.load_failures
        tail = CheckRun(reports=(), vision=self.vision, checks=self.checks, fail_on=self.fail_on,
                        load_failures=tuple(load_failures), plugin_failures=(*run.plugin_failures, sentinel))
        whole = render_text(tail, self.lang, colour=self.colour)
        prefix = text_prefix(self.vision, self.checks, self.lang, self.colour)
        end = whole.rfind("\n", 0, whole.index(_SENTINEL)) + 1
        self.out.write(whole[len(prefix):end])
        total = self.reports + len(load_failures)
        if total > 1:
            lang = self.lang
            self.out.write(f"{total} {_WORDS['services'][lang]}: {self.reports - self.failing} {_WORDS['pass'][lang].lower()}, "
                           f"{self.failing + len(load_failures)} {_WORDS['fail'][lang].lower()}\n")
        if baseline is not None:
            self.out.write(WORDS["total"][self.lang].format(**baseline) + "\n")
        self.out.close()


@attrs.frozen
class TextStreaming:
    """The text report, service by service (see `Streaming`)."""

    tells_baseline = True

    def finisher(self, options: StreamOptions) -> TextFinisher:
        return TextFinisher(options.lang, options.colour, options.fail_on, options.baseline)

    def writer(self, stream: TextIO, run: CheckRun, options: StreamOptions) -> TextWriter:
        return TextWriter(stream, run.vision, run.checks, options.lang, options.colour, options.fail_on)


EXPORTER = Exporter(
    name="text", title=Text(nl="Tekst voor de terminal", en="Terminal text"), suffix=".txt",
    media_type="text/plain", render=_render, needs_concept=False, stream=TextStreaming(),
)
