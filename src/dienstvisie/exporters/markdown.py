"""The Markdown report, for a wiki page or a pull-request comment (GitHub/GitLab-flavoured Markdown).

Per service: the verdict, a score table per design principle and per starting point, the journey as
a table of steps, findings grouped by principle with their suggestion, explanations (comply or
explain) and open guiding questions. Every text that comes from a document, a plugin or a file name
is escaped, so it shows as text and never becomes markup: Markdown punctuation gets a backslash,
`<`, `>` and `&` become entities, a line-leading `#`, `-`, `+`, `=` or `1.` cannot start a block,
newlines become spaces (one table row stays one row), and an `@name` cannot notify anyone.
Byte-identical for the same input.
"""

from __future__ import annotations

import re

from ..model.check import Status
from ..model.exporter import Exporter
from ..model.finding import Finding
from ..model.report import Report
from ..model.run import CheckRun
from ..model.service import ServiceConcept
from ..model.text import Language, Text
from ._common import (
    ATTENTION,
    MARKS,
    assessment_text,
    check_title,
    clean,
    counts_text,
    groups,
    label,
    one_line,
    place,
    score_text,
    scores_of,
    services_count,
    party_name,
    step_index,
)

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LEADING_NUMBER = re.compile(r"\d+(?=[.)])")
_MENTION = re.compile(r"(?<![\w.])@(?=\w)")


def md(text: str) -> str:
    """`text` as literal Markdown inline text: one line, nothing in it is markup."""
    text = one_line(clean(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    if text[:1] in ("#", "+", "-", "="):
        text = "\\" + text
    elif match := _LEADING_NUMBER.match(text):
        text = text[:match.end()] + "\\" + text[match.end():]
    return _MENTION.sub("@\u2060", text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _finding_lines(finding: Finding, run: CheckRun, lang: Language) -> list[str]:
    mark = MARKS[finding.status]
    head = (f"- {mark} **{md(finding.check)}** {md(check_title(run, finding.check, lang))} · "
            f"*{label('status.' + finding.status.value, lang)}* · {label('severity', lang).lower()} "
            f"{label('severity.' + finding.severity.value, lang)}")
    lines = [head, f"  - {md(finding.message.get(lang))}"]
    where = f"{label('place', lang)}: {md(place(finding))}"
    if finding.step:
        where += f" · {label('step', lang).lower()} {md(finding.step)}"
    lines.append(f"  - {where}")
    note = finding.explanation
    if note is not None:
        parts = [f"{label('reason', lang)}: {md(note.reason)}"]
        if note.decided_by:
            parts.append(f"{label('decided_by', lang).lower()}: {md(note.decided_by)}")
        if note.until:
            parts.append(f"{label('until', lang).lower()}: {md(note.until)}"
                         + (f" (**{label('expired', lang)}**)" if note.expired else ""))
        lines.append("  - " + " · ".join(parts))
    if finding.suggestion is not None and finding.status in (Status.FAILED, Status.NEEDS_REVIEW, Status.ERROR):
        lines.append(f"  - {label('suggestion', lang)}: {md(finding.suggestion.get(lang))}")
    return lines


def _scores(report: Report, run: CheckRun, lang: Language) -> list[str]:
    lines: list[str] = []
    for kind, heading in (("principle", "principle"), ("starting_point", "starting_point")):
        scores = scores_of(report, kind)
        if not scores:
            continue
        lines += [_row([label(heading, lang), label("score", lang), label("coverage", lang), label("assessment", lang),
                        label("failed_checks", lang)]),
                  "|---|--:|---|---|--:|"]
        for score in scores:
            try:
                title: Text = (run.vision.principle(score.id).title if kind == "principle"
                               else run.vision.starting_point(score.id).title)
                name = f"{score.id} {title.get(lang)}"
            except KeyError:
                name = score.id
            coverage = label("coverage_of", lang).format(applicable=score.applicable, total=score.total)
            lines.append(_row([md(name), score_text(score, lang), coverage, assessment_text(score, lang),
                               str(score.failed)]))
        lines.append("")
    return lines


def _journey(report: Report, concept: ServiceConcept, lang: Language) -> list[str]:
    marks: dict[int, list[Finding]] = {}
    for finding in report.findings:
        if finding.status in ATTENTION:
            index = step_index(finding, concept)
            if index is not None:
                marks.setdefault(index, []).append(finding)
    names = {organisation.id: organisation.name for organisation in concept.organisations}
    lines = [
        _row(["#", label("step", lang), label("organisation", lang), label("initiative", lang),
              label("handover", lang), label("findings_in_step", lang)]),
        "|--:|---|---|---|---|---|",
    ]
    for index, step in enumerate(concept.steps):
        handover = "; ".join(
            label("handover_to", lang).format(to=md(party_name(concept, item.to)), kind=label(f"kind.{item.kind}", lang))
            for item in step.handovers)
        found = marks.get(index, [])
        tally = []
        for status in (Status.FAILED, Status.ERROR, Status.EXPLAINED):
            n = sum(1 for f in found if f.status is status)
            if n:
                tally.append(f"{MARKS[status]} {n} {label('status.' + status.value, lang)}")
        lines.append(_row([
            str(index + 1), f"{md(step.title.get(lang))} ({md(step.id)})", md(names.get(step.organisation, step.organisation)),
            label(f"initiative.{step.initiative}", lang), handover or label("none_value", lang), ", ".join(tally) or label("none_value", lang),
        ]))
    return lines + [""]


def _report(report: Report, run: CheckRun, lang: Language) -> list[str]:
    verdict = label("fail" if run.failing(report) else "pass", lang)
    lines = [f"## {md(report.service)} — {md(report.title.get(lang))}", ""]
    facts = [f"**{verdict}**"]
    if report.file:
        facts.append(f"{label('file', lang)}: {md(report.file)}")
    summary = counts_text(report, lang)
    if summary:
        facts.append(md(summary))
    lines += [" · ".join(facts), ""]
    lines += [f"### {label('scores', lang)}", ""] + _scores(report, run, lang)
    if report.concept is not None:
        lines += [f"### {label('journey', lang)}", ""] + _journey(report, report.concept, lang)
    lines += [f"### {label('findings_by_principle', lang)}", ""]
    for group in groups(report, run.vision, ATTENTION, lang):
        lines += [f"#### {md(group.title)}", ""]
        if not group.findings:
            lines += [f"*{label('no_findings', lang)}*", ""]
            continue
        for finding in group.findings:
            lines += _finding_lines(finding, run, lang)
        lines.append("")
    explained = [f for f in report.findings if f.explanation is not None]
    lines += [f"### {label('explanations', lang)}", ""]
    if explained:
        lines += [_row([label("check", lang), label("step", lang), label("reason", lang), label("decided_by", lang),
                        label("until", lang), label("status", lang).capitalize()]),
                  "|---|---|---|---|---|---|"]
        for finding in explained:
            note = finding.explanation
            assert note is not None
            state = label("expired", lang) if note.expired else label("valid", lang)
            lines.append(_row([f"**{md(finding.check)}**", md(finding.step or "") or label("none_value", lang), md(note.reason),
                               md(note.decided_by or "") or label("none_value", lang),
                               md(note.until or "") or label("none_value", lang), state]))
        lines.append("")
    else:
        lines += [f"*{label('no_explanations', lang)}*", ""]
    lines += [f"### {label('open_questions', lang)}", ""]
    open_groups = groups(report, run.vision, (Status.NEEDS_REVIEW,), lang, keep_empty=False)
    if not open_groups:
        lines += [f"*{label('no_open_questions', lang)}*", ""]
    for group in open_groups:
        lines += [f"#### {md(group.title)}", ""]
        lines += [f"- ? **{md(f.check)}** {md(f.message.get(lang))}" for f in group.findings]
        lines.append("")
    return lines


def render_markdown(run: CheckRun, lang: Language) -> str:
    """The whole run as one Markdown document."""
    vision = run.vision
    lines = [f"# {label('report', lang)}: {md(vision.title.get(lang))} {md(vision.version)}", ""]
    facts = [f"{label('result', lang)}: **{label('pass' if run.passed else 'fail', lang)}**",
             services_count(len(run.reports) + len(run.load_failures), lang),
             f"{label('fail_on', lang)}: {run.fail_on.value}"]
    lines += [" · ".join(facts), ""]
    if vision.provenance.status == "reconstructed":
        lines += [f"> {label('reconstructed', lang)}", ""]
    for report in run.reports:
        lines += _report(report, run, lang)
    if run.load_failures or run.plugin_failures:
        lines += [f"## {label('not_checked', lang)}", ""]
        for failure in run.load_failures:
            lines.append(f"- **{md(failure.file)}**: {label('invalid', lang)}")
            for problem in failure.problems:
                where = f"{problem.location.line}:{problem.location.column or 1} " if problem.location.line else ""
                lines.append(f"  - {md(where + (problem.location.pointer or '/'))}: {md(problem.message.get(lang))}")
        for plugin_failure in run.plugin_failures:
            lines.append(f"- {label('plugin_errors', lang)}: **{md(plugin_failure.plugin)}** "
                         f"({md(plugin_failure.hook)}): {md(plugin_failure.message)}")
        lines.append("")
    lines.append(f"*{label('generated_by', lang).format(version=md(run.version or '?'))}*")
    return "\n".join(lines) + "\n"


EXPORTER = Exporter(
    name="markdown", title=Text(nl="Markdown (wiki, pull request)", en="Markdown (wiki, pull request)"),
    suffix=".md", media_type="text/markdown", render=render_markdown,
)
