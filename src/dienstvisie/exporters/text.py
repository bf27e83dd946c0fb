"""The terminal report: findings grouped by design principle, the suggestion beside each failure.

Two forms, as ruff has them: `full` (the default: every finding with its place on its own line, the
suggestion once per check, the text of every open guiding question) and `concise` (one line per
finding, `file:line:column: mark check severity message`, one line of scores per service), so a
service fits a screen and `full` still holds everything. In both, the guiding questions a team has
not yet answered are folded into one finding per principle; `quiet` leaves out the vision line,
the services that pass and the totals.

It streams: `TextStreaming` writes it service by service as the documents are checked, the parts
cut from `render_text`'s own output, so the bytes are those of `render_text` for the same run (tests
compare the two).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, TextIO

import attrs

from ..checks.questions import question_check_id
from ..i18n import PluralSection, Section, choose
from ..model.check import Check, Severity, Status
from ..model.exporter import Exporter, RunContext, StreamOptions
from ..model.finding import Finding
from ..model.plugin import PluginFailure
from ..model.report import Report, Score
from ..model.run import CheckRun
from ..model.text import Language, Text
from ..model.vision import DesignPrinciple, Vision
from ._common import assessment_text, plural
from ._common import terminal_safe as _t
from ._stream import WORDS, apply_baseline, run_of_one

if TYPE_CHECKING:
    from ..analysis.baseline import Baseline, Tally

Form = Literal["full", "concise"]
FORMS: tuple[Form, ...] = ("full", "concise")

_WORDS = Section("text")
"""`_WORDS[key][lang]`, a text: section "text" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""

_NOUNS = PluralSection("text-nouns")
"""`_NOUNS[key][lang]`, a (singular, plural), chosen by `choose`: section "text-nouns" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""

_VERBS = PluralSection("text-verbs")
"""`_VERBS[key][lang]`, a (singular, plural), chosen by `choose`: section "text-verbs" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""

_STATUS_MARKS = {
    Status.FAILED: "✗",
    Status.ERROR: "!",
    Status.EXPLAINED: "~",
    Status.NEEDS_REVIEW: "?",
}
_STATUS_COLOURS = {Status.ERROR: "magenta", Status.EXPLAINED: "blue", Status.NEEDS_REVIEW: "yellow"}
_SEVERITY_COLOURS = {Severity.CRITICAL: "red", Severity.MAJOR: "red", Severity.MINOR: "yellow", Severity.INFO: "cyan"}
_NOTE_MARK = "i"


def _is_note(finding: Finding) -> bool:
    """A failed finding of severity info is a note: it never fails a service and reads as one."""
    return finding.status is Status.FAILED and finding.severity is Severity.INFO


def _mark(finding: Finding) -> tuple[str, str]:
    """The symbol and colour of a finding: the symbol says its status, the colour its weight."""
    if _is_note(finding):
        return _NOTE_MARK, "cyan"
    mark = _STATUS_MARKS.get(finding.status, "✓")
    if finding.status is Status.FAILED:
        return mark, _SEVERITY_COLOURS[finding.severity]
    return mark, _STATUS_COLOURS.get(finding.status, "green")


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


def _score_colour(score: Score) -> str:
    value = score.score or 0
    return "green" if score.score is not None and value >= 80 else "yellow" if value >= 50 else "red"


def _coverage(score: Score, lang: Language) -> str:
    """'3 of 4 checks passed, 1 not applicable': what the score rests on, in words."""
    if not score.applicable:
        return _WORDS["no_checks_applied"][lang].format(total=plural(score.total, _NOUNS["check"], lang))
    text = _WORDS["coverage"][lang].format(passed=score.applicable - score.failed,
                                           applicable=plural(score.applicable, _NOUNS["check"], lang))
    if score.total > score.applicable:
        text += ", " + _WORDS["coverage_na"][lang].format(n=score.total - score.applicable)
    return text


def _place(finding: Finding) -> str:
    location = finding.location
    if location.file and location.line:
        return _t(f"{location.file}:{location.line}:{location.column or 1}")
    return _t(location.pointer or "/")


def _explanation_line(finding: Finding, lang: Language) -> str | None:
    note = finding.explanation
    if note is None:
        return None
    parts = [f"{_WORDS['reason'][lang]}: {_t(note.reason)}"]
    if note.decided_by:
        parts.append(f"{_WORDS['decided_by'][lang]}: {_t(note.decided_by)}")
    if note.until:
        word = _WORDS["expired" if note.expired else "until"][lang]
        parts.append(f"{word} {_t(note.until)}")
    return "; ".join(parts)


def _finding_lines(finding: Finding, lang: Language, style: _Style, with_suggestion: bool = True) -> list[str]:
    mark, colour = _mark(finding)
    head = (f"    {style(mark, colour, 'bold')} {style(_t(finding.check), 'bold')} "
            f"{style(finding.severity.value, colour)}  {_t(finding.message.get(lang))}")
    lines = [head, "        " + style(_place(finding), "dim")]
    explanation = _explanation_line(finding, lang)
    if explanation is not None:
        lines.append("        " + style(explanation, "blue"))
    if with_suggestion and finding.suggestion is not None and finding.status in (Status.FAILED, Status.NEEDS_REVIEW):
        lines.append("        " + style("→ " + _t(finding.suggestion.get(lang)), "cyan"))
    return lines


def _concise_line(finding: Finding, lang: Language, style: _Style, message: str | None = None) -> str:
    mark, colour = _mark(finding)
    text = _t(finding.message.get(lang)) if message is None else message
    line = (f"  {style(_place(finding), 'dim')}: {style(mark, colour, 'bold')} {style(_t(finding.check), 'bold')} "
            f"{style(finding.severity.value, colour)}  {text}")
    explanation = _explanation_line(finding, lang)
    return line + (style(f" ({explanation})", "blue") if explanation is not None else "")


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
    return finding.status in _STATUS_MARKS


# ------------------------------------------------------------------------- open guiding questions

@attrs.frozen
class _Open:
    """The guiding questions of one principle the team has not answered: one folded finding."""

    first: Finding
    questions: tuple[tuple[str, Text], ...]  # (id, question) in the vision's order
    of_all: int

    def message(self, lang: Language) -> str:
        nouns = plural(self.of_all, _NOUNS["question"], lang)
        return _WORDS["unanswered"][lang].format(open=len(self.questions), all=nouns,
                                                 ids=", ".join(_t(q) for q, _ in self.questions))


def _unanswered(finding: Finding, principle: DesignPrinciple) -> str | None:
    """The id of the guiding question `finding` says is not answered yet, else None."""
    if finding.check != question_check_id(principle) or finding.status is not Status.NEEDS_REVIEW:
        return None
    if finding.location.pointer != "/assessment":  # an answer exists ('onbekend'): not folded
        return None
    words = f" {finding.message.get('en')} "
    return next((q.id for q in principle.questions if f" {q.id} " in words), None)


def _split_open(findings: list[Finding], principle: DesignPrinciple) -> tuple[list[Finding], _Open | None]:
    """The findings of a principle without its unanswered guiding questions, and those folded."""
    rest: list[Finding] = []
    open_ids: dict[str, Finding] = {}
    for finding in findings:
        question = _unanswered(finding, principle)
        if question is None or question in open_ids:
            rest.append(finding)
        else:
            open_ids[question] = finding
    if not open_ids:
        return rest, None
    questions = tuple((q.id, q.text) for q in principle.questions if q.id in open_ids)
    return rest, _Open(first=next(iter(open_ids.values())), questions=questions, of_all=len(principle.questions))


def _open_lines(folded: _Open, lang: Language, style: _Style, concise: bool) -> list[str]:
    if concise:
        return [_concise_line(folded.first, lang, style, folded.message(lang))]
    mark, colour = _mark(folded.first)
    lines = [f"    {style(mark, colour, 'bold')} {style(_t(folded.first.check), 'bold')} "
             f"{style(folded.first.severity.value, colour)}  {folded.message(lang)}",
             "        " + style(_place(folded.first), "dim")]
    lines += [f"        {_t(qid)} {_t(text.get(lang))}" for qid, text in folded.questions]
    advice = _WORDS["answer_all" if len(folded.questions) == folded.of_all else "answer_rest"][lang]
    lines.append("        " + style("→ " + advice, "cyan"))
    return lines


# ----------------------------------------------------------------------------------- one service

def _principle_score(report: Report, principle: DesignPrinciple) -> Score | None:
    """The principle's score, or None when no selected check serves it (it is then not printed)."""
    score = next((s for s in report.scores if s.id == principle.id), None)
    return score if score is not None and score.total else None


def _summary(report: Report, run: CheckRun, lang: Language, style: _Style) -> str:
    counts: dict[str, int] = {}
    for finding in report.findings:
        key = "note" if _is_note(finding) else finding.status.value
        counts[key] = counts.get(key, 0) + 1
    parts = [f"{counts[s.value]} {_WORDS[s.value][lang]}" for s in Status if counts.get(s.value)]
    if counts.get("note"):
        parts.append(plural(counts["note"], _NOUNS["note"], lang))
    verdict = style(_WORDS["fail"][lang], "red", "bold") if run.failing(report) else style(_WORDS["pass"][lang], "green", "bold")
    return f"  {verdict}  {', '.join(parts)}  " + style(f"({_WORDS['fail_on'][lang]}: {run.fail_on.value})", "dim")


def _title(report: Report, lang: Language, style: _Style) -> str:
    title = f"{style(_t(report.service), 'bold')} — {_t(report.title.get(lang))}"
    if report.file:
        title += style(f"   ({_t(report.file)})", "dim")
    return title


def _report_lines(report: Report, run: CheckRun, lang: Language, style: _Style, form: Form = "full") -> list[str]:
    concise = form == "concise"
    lines = [_title(report, lang, style)]
    body: list[str] = []
    scores: list[str] = []
    seen: set[int] = set()
    for principle in run.vision.principles:
        score = _principle_score(report, principle)
        findings = [f for f in report.findings if principle.id in f.principles and _shown(f)]
        if concise:
            findings = [f for f in findings if id(f) not in seen]
            seen.update(id(f) for f in findings)
        if score is None and not findings:
            continue
        rest, folded = _split_open(findings, principle)
        if concise:
            if score is not None:
                scores.append(f"{_t(principle.id)} " + style(_score_text(score).strip(), _score_colour(score)))
            body += [_concise_line(f, lang, style) for f in rest]
            body += _open_lines(folded, lang, style, concise=True) if folded else []
            continue
        head = f"  {style(_t(principle.id), 'bold')} {_t(principle.title.get(lang)):<36}"
        if score is not None:
            asked = f", {assessment_text(score, lang, 'assessment_short')}" if score.questions else ""
            head += (f" {style(_bar(score.score), _score_colour(score))} {_score_text(score)}  "
                     + style(f"({_coverage(score, lang)}{asked})", "dim"))
        body.append(head)
        body += _group_lines(rest, lang, style)
        body += _open_lines(folded, lang, style, concise=False) if folded else []
    meta = [f for f in report.findings if not f.principles and _shown(f)]
    if meta and concise:
        body += [_concise_line(f, lang, style) for f in meta]
    elif meta:
        body.append(f"  {style(_WORDS['document'][lang], 'bold')}")
        body += _group_lines(meta, lang, style)
    points = [s for s in report.scores if s.kind == "starting_point" and s.total]
    point_parts = [f"{_t(s.id)} {_score_text(s).strip()}" for s in points]
    if concise:
        line = "   ".join(part for part in ("  ".join(scores), "  ".join(point_parts)) if part)
        lines += (["  " + line] if line else []) + body
    else:
        lines += body
        if point_parts:
            lines.append(f"  {_WORDS['starting_points'][lang]}: " + "   ".join(point_parts))
    lines.append(_summary(report, run, lang, style))
    return lines


def _totals_line(total: int, failing: int, lang: Language) -> str:
    """'5 diensten: 1 voldoen, 4 voldoen niet' — the count of services in the right number."""
    passing = total - failing
    return (f"{plural(total, _NOUNS['service'], lang)}: {passing} {choose(_VERBS['pass'], passing, lang)}, "
            f"{failing} {choose(_VERBS['fail'], failing, lang)}")


def render_text(run: CheckRun, lang: Language, colour: bool = False, form: Form = "full", quiet: bool = False) -> str:
    """The whole run as terminal text; ANSI colour only when `colour` is True.

    `quiet`: only the services that fail and the documents that could not be checked."""
    style = _Style(colour)
    vision = run.vision
    lines = [] if quiet else [
        style(_t(f"{_WORDS['vision'][lang]}: {vision.title.get(lang)} ({vision.id} {vision.version})"), "dim"), ""]
    for report in run.reports:
        if quiet and not run.failing(report):
            continue
        lines += _report_lines(report, run, lang, style, form)
        lines.append("")
    for failure in run.load_failures:
        lines.append(f"{style(_t(failure.file), 'bold')}: {style(_WORDS['invalid'][lang], 'red')}")
        for problem in failure.problems:
            where = f"{problem.location.line}:{problem.location.column or 1}" if problem.location.line else ""
            lines.append(f"    {where} {_t(problem.message.get(lang))}")
    for plugin_failure in run.plugin_failures:
        lines.append(f"{style(_WORDS['plugin_error'][lang], 'magenta')}: "
                     + _t(f"{plugin_failure.plugin} ({plugin_failure.hook}): {plugin_failure.message}"))
    total = len(run.reports) + len(run.load_failures)
    if total > 1 and not quiet:
        failing = sum(1 for report in run.reports if run.failing(report)) + len(run.load_failures)
        lines.append(_totals_line(total, failing, lang))
    return "\n".join(lines).rstrip() + "\n"


def _render(run: CheckRun, lang: Language) -> str:
    return render_text(run, lang, colour=False)


# ------------------------------------------------------------------------------- service by service

_SENTINEL = "dienstvisie-stream-footer-end"


def text_prefix(vision: Vision, checks: tuple[Check, ...], lang: Language, colour: bool, quiet: bool = False) -> str:
    """What the text report has before its first service: the vision line and a blank line."""
    if quiet:
        return ""
    return render_text(CheckRun(reports=(), vision=vision, checks=checks), lang, colour=colour) + "\n"


@attrs.frozen
class TextPart:
    """One service of the text report: its lines (ending in a line break; empty when `quiet`
    leaves the service out), and whether it fails."""

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
    form: Form = "full"
    quiet: bool = False

    def __call__(self, report: Report, context: RunContext) -> TextPart:
        report, tally = apply_baseline(self.baseline, report)
        run = run_of_one(report, context, self.fail_on)
        failing = run.failing(report)
        if self.quiet and not failing:
            return TextPart(service=report.service, text="", failing=False, tally=tally)
        whole = render_text(run, self.lang, colour=self.colour, form=self.form, quiet=self.quiet)
        prefix = text_prefix(context.vision, context.checks, self.lang, self.colour, self.quiet)
        assert whole.startswith(prefix), "the text report no longer starts with its vision line"
        text = whole[len(prefix):]
        if tally is not None and tally.known:
            text += WORDS["known"][self.lang].format(known=tally.known) + "\n"
        return TextPart(service=report.service, text=text, failing=failing, tally=tally)


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
                 fail_on: Severity, form: Form = "full", quiet: bool = False) -> None:
        self.out = _Trimmed(stream)
        self.stream = stream
        self.vision = vision
        self.checks = checks
        self.lang = lang
        self.colour = colour
        self.fail_on = fail_on
        self.form: Form = form
        self.quiet = quiet
        self.reports = 0
        self.failing = 0
        self.out.write(text_prefix(vision, checks, lang, colour, quiet))

    def add(self, part: TextPart) -> None:
        if part.text:
            self.out.write(part.text + "\n")
        self.reports += 1
        self.failing += part.failing

    def finish(self, run: CheckRun, baseline: Mapping[str, object] | None = None) -> None:
        """The documents that could not be checked, plugin errors, the totals; then the last line break."""
        sentinel = PluginFailure(_SENTINEL, _SENTINEL, _SENTINEL)
        load_failures = run.load_failures
        tail = CheckRun(reports=(), vision=self.vision, checks=self.checks, fail_on=self.fail_on,
                        load_failures=tuple(load_failures), plugin_failures=(*run.plugin_failures, sentinel))
        whole = render_text(tail, self.lang, colour=self.colour, quiet=self.quiet)
        prefix = text_prefix(self.vision, self.checks, self.lang, self.colour, self.quiet)
        end = whole.rfind("\n", 0, whole.index(_SENTINEL)) + 1
        self.out.write(whole[len(prefix):end])
        total = self.reports + len(load_failures)
        if total > 1 and not self.quiet:
            self.out.write(_totals_line(total, self.failing + len(load_failures), self.lang) + "\n")
        if baseline is not None:
            self.out.write(WORDS["total"][self.lang].format(**baseline) + "\n")
        self.out.close()


@attrs.frozen
class TextStreaming:
    """The text report, service by service (see `Streaming`)."""

    tells_baseline = True

    def finisher(self, options: StreamOptions) -> TextFinisher:
        return TextFinisher(options.lang, options.colour, options.fail_on, options.baseline,
                            form=_form(options.form), quiet=options.quiet)

    def writer(self, stream: TextIO, run: CheckRun, options: StreamOptions) -> TextWriter:
        return TextWriter(stream, run.vision, run.checks, options.lang, options.colour, options.fail_on,
                          form=_form(options.form), quiet=options.quiet)


def _form(name: str) -> Form:
    return "concise" if name == "concise" else "full"


EXPORTER = Exporter(
    name="text", title=Text(nl="Tekst voor de terminal", en="Terminal text"), suffix=".txt",
    media_type="text/plain", render=_render, needs_concept=False, stream=TextStreaming(),
)
