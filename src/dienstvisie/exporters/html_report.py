"""The HTML report (and the vision as an HTML handout): one self-contained, printable, accessible file.

* Self-contained: CSS and SVG are inline; nothing is loaded from anywhere (no scripts, fonts, images
  or links to other sites), and a Content-Security-Policy meta tag forbids it as well.
* Safe: rendered with Jinja2 with autoescaping on, from templates shipped in
  `dienstvisie/exporters/templates/`; no text from a document can become markup.
* Per service: the verdict, the score per design principle and per starting point as an SVG bar
  chart with a table of the same figures, the journey as a swimlane diagram (a lane per
  organisation, steps in order left to right, hand-overs as arrows whose line pattern *and* label
  say warm / data / cold, steps with failed findings marked, a legend, and a table of the steps as
  text alternative), findings grouped by principle with the suggestion, explanations with reason,
  who decided and until when, and the open guiding questions.
* Dutch or English (`<html lang>`; a text that only exists in the other language is marked with its
  own `lang`), a print stylesheet, WCAG 2.1 AA (checked with axe-core in headless Chromium).

Byte-identical for the same input.
"""

from __future__ import annotations

import re

import attrs
from markupsafe import Markup

from ..i18n import Section
from ..model.check import Status
from ..model.exporter import Exporter
from ..model.finding import Finding
from ..model.report import Report, Score
from ..model.run import CheckRun
from ..model.text import Language, Text
from ..model.vision import Vision
from ._common import (
    ATTENTION,
    MARKS,
    assessment_text,
    check_title,
    counts,
    groups,
    item_title,
    label,
    labels,
    place,
    score_text,
    scores_of,
    services_count,
)
from ._html import CONTENT_SECURITY_POLICY, environment, text_markup, wrap
from ._swimlane import Journey, journey
from .theme import Theme

# ----------------------------------------------------------------------------------- score charts

CHART_LABEL_W = 300
CHART_BAR_W = 300
CHART_VALUE_W = 170
CHART_ROW_H = 30
CHART_TOP = 8


@attrs.frozen
class Bar:
    """One row of a score chart."""

    label: str
    name: str
    y: int
    width: float
    value: str
    score: str
    coverage: str
    assessment: str
    failed: int
    scored: bool


@attrs.frozen
class Chart:
    """A horizontal bar chart of scores with the same figures as a table."""

    id: str
    heading: str
    item_heading: str
    title: str
    desc: str
    width: int
    height: int
    bar_x: int
    bar_w: int
    ticks: tuple[tuple[int, str], ...]
    axis_y: int
    bars: tuple[Bar, ...]


def _chart(chart_id: str, kind: str, scores: list[Score], vision: Vision, service_title: str, lang: Language) -> Chart:
    heading = label("principles" if kind == "principle" else "starting_points", lang)
    bars = []
    for row, score in enumerate(scores):
        name = f"{score.id} {item_title(vision, score.id, lang)}"
        coverage = label("coverage_of", lang).format(applicable=score.applicable, total=score.total)
        value = (f"{score_text(score, lang)} ({score.applicable}/{score.total})" if score.score is not None
                 else f"– {label('not_scored', lang)}")
        bars.append(Bar(
            label=wrap(name, 42, 1)[0], name=name, y=CHART_TOP + row * CHART_ROW_H,
            width=round(CHART_BAR_W * (score.score or 0) / 100, 1), value=value, score=score_text(score, lang),
            coverage=coverage, assessment=assessment_text(score, lang), failed=score.failed,
            scored=score.score is not None,
        ))
    axis_y = CHART_TOP + len(scores) * CHART_ROW_H
    summary = "; ".join(f"{bar.label}: {bar.score}" for bar in bars)
    return Chart(
        id=chart_id, heading=heading, item_heading=label("principle" if kind == "principle" else "starting_point", lang),
        title=f"{label('scores', lang)} {heading.lower()}: {service_title}",
        desc=f"{label('chart_desc', lang)} {summary}.",
        width=CHART_LABEL_W + CHART_BAR_W + CHART_VALUE_W, height=axis_y + 22,
        bar_x=CHART_LABEL_W, bar_w=CHART_BAR_W,
        ticks=tuple((CHART_LABEL_W + CHART_BAR_W * t // 100, str(t)) for t in (0, 25, 50, 75, 100)),
        axis_y=axis_y, bars=tuple(bars),
    )


# ------------------------------------------------------------------------------------ the report


@attrs.frozen
class FindingView:
    """A finding as the template shows it."""

    check: str
    check_title: str
    status: str
    status_label: str
    mark: str
    severity: str
    severity_label: str
    message: Markup
    place: str
    pointer: str
    step: str | None
    step_title: Markup | None
    suggestion: Markup | None
    reason: str | None
    decided_by: str | None
    until: str | None
    expired: bool


@attrs.frozen
class GroupView:
    """Findings under a heading."""

    id: str
    title: str
    findings: tuple[FindingView, ...]


@attrs.frozen
class ServiceView:
    """Everything the template shows of one service."""

    anchor: str
    id: str
    title: Markup
    title_text: str
    summary: Markup | None
    file: str | None
    failing: bool
    counts: tuple[tuple[str, str, int], ...]
    charts: tuple[Chart, ...]
    journey: Journey | None
    groups: tuple[GroupView, ...]
    explained: tuple[FindingView, ...]
    open_groups: tuple[GroupView, ...]


def _finding_view(finding: Finding, report: Report, run: CheckRun, lang: Language) -> FindingView:
    note = finding.explanation
    step_title = None
    concept = report.concept
    if concept is not None and finding.step is not None:
        try:
            step_title = text_markup(concept.steps[concept.step_index(finding.step)].title, lang)
        except KeyError:
            step_title = None
    show_suggestion = finding.status in (Status.FAILED, Status.ERROR, Status.NEEDS_REVIEW)
    return FindingView(
        check=finding.check, check_title=check_title(run, finding.check, lang), status=finding.status.value,
        status_label=label("status." + finding.status.value, lang), mark=MARKS[finding.status],
        severity=finding.severity.value, severity_label=label("severity." + finding.severity.value, lang),
        message=text_markup(finding.message, lang), place=place(finding), pointer=finding.location.pointer or "/",
        step=finding.step, step_title=step_title,
        suggestion=text_markup(finding.suggestion, lang) if finding.suggestion is not None and show_suggestion else None,
        reason=note.reason if note else None, decided_by=note.decided_by if note else None,
        until=note.until if note else None, expired=bool(note and note.expired),
    )


def _service_view(number: int, report: Report, run: CheckRun, lang: Language) -> ServiceView:
    anchor = f"s{number}"
    title_text = report.title.get(lang)
    charts = tuple(
        _chart(f"{anchor}-{kind}", kind, scores_of(report, kind), run.vision, title_text, lang)
        for kind in ("principle", "starting_point") if scores_of(report, kind)
    )

    def group_views(statuses: tuple[Status, ...], keep_empty: bool, suffix: str) -> tuple[GroupView, ...]:
        return tuple(
            GroupView(id=f"{anchor}-{suffix}-{index}", title=group.title,
                      findings=tuple(_finding_view(f, report, run, lang) for f in group.findings))
            for index, group in enumerate(groups(report, run.vision, statuses, lang, keep_empty=keep_empty), start=1)
        )

    concept = report.concept
    return ServiceView(
        anchor=anchor, id=report.service, title=text_markup(report.title, lang), title_text=title_text,
        summary=text_markup(concept.summary, lang) if concept is not None and concept.summary is not None else None,
        file=report.file, failing=run.failing(report),
        counts=tuple((status.value, label("status." + status.value, lang), n) for status, n in counts(report)),
        charts=charts,
        journey=journey(f"{anchor}-journey", concept, report.findings, lang) if concept is not None and concept.steps else None,
        groups=group_views(ATTENTION, True, "p"),
        explained=tuple(_finding_view(f, report, run, lang) for f in report.findings if f.explanation is not None),
        open_groups=group_views((Status.NEEDS_REVIEW,), False, "q"),
    )


def render_html(run: CheckRun, lang: Language, theme: Theme | None = None) -> str:
    """The whole run as one self-contained HTML page; `theme`: a house style and logo (or the default look)."""
    vision = run.vision
    services = [_service_view(number, report, run, lang) for number, report in enumerate(run.reports, start=1)]
    template = environment().get_template("report.html.j2")
    return template.render(
        lang=lang, L=labels(lang), csp=CONTENT_SECURITY_POLICY, version=run.version,
        vision=vision, vision_title=text_markup(vision.title, lang), run=run, services=services,
        passed=run.passed,
        fail_on=run.fail_on.value, reconstructed=vision.provenance.status == "reconstructed",
        load_failures=[
            (failure.file, [(problem.location.line, problem.location.pointer or "/", text_markup(problem.message, lang))
                            for problem in failure.problems])
            for failure in run.load_failures
        ],
        plugin_failures=run.plugin_failures,
        page_title=f"{label('report', lang)} — {vision.title.get(lang)}",
        services_count=services_count(len(run.reports) + len(run.load_failures), lang),
        theme=theme,
    )


# ---------------------------------------------------------------------------------- vision handout


@attrs.frozen
class ItemView:
    """A starting point or principle in the handout; `related` and `sources` are (id, anchor, …)."""

    anchor: str
    id: str
    title: Markup
    description: Markup
    related: tuple[tuple[str, str, Markup], ...]
    questions: tuple[tuple[str, Markup], ...]
    sources: tuple[tuple[str, str], ...]


_ANCHOR = re.compile(r"[^A-Za-z0-9_-]+")
_VISION_WORDS = Section("vision")


def answers(lang: Language) -> tuple[str, ...]:
    """The four answers to a guiding question, as the handout lists them (section "vision")."""
    return tuple(_VISION_WORDS[f"answer.{answer}"][lang] for answer in ("ja", "deels", "nee", "onbekend"))


def _anchor(prefix: str, item_id: str) -> str:
    return f"{prefix}-{_ANCHOR.sub('-', item_id)}"


def render_vision_html(vision: Vision, lang: Language = "nl", version: str = "", theme: Theme | None = None) -> str:
    """The vision as a printable, accessible HTML handout: starting points, principles, guiding questions."""
    point_titles = {point.id: point.title for point in vision.starting_points}

    def sources(ids: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        return tuple((source, _anchor("src", source)) for source in ids)

    points = tuple(
        ItemView(
            anchor=_anchor("u", point.id), id=point.id, title=text_markup(point.title, lang),
            description=text_markup(point.description, lang),
            related=tuple((p.id, _anchor("p", p.id), text_markup(p.title, lang)) for p in vision.principles if point.id in p.serves),
            questions=(), sources=sources(point.sources),
        )
        for point in vision.starting_points
    )
    principles = tuple(
        ItemView(
            anchor=_anchor("p", principle.id), id=principle.id, title=text_markup(principle.title, lang),
            description=text_markup(principle.description, lang),
            related=tuple((s, _anchor("u", s), text_markup(point_titles[s], lang) if s in point_titles else Markup(""))
                          for s in principle.serves),
            questions=tuple((q.id, text_markup(q.text, lang)) for q in principle.questions), sources=sources(principle.sources),
        )
        for principle in vision.principles
    )
    provenance = vision.provenance
    template = environment().get_template("vision.html.j2")
    return template.render(
        lang=lang, L=labels(lang), csp=CONTENT_SECURITY_POLICY, version=version, vision=vision,
        vision_title=text_markup(vision.title, lang), summary=text_markup(vision.summary, lang) if vision.summary else None,
        points=points, principles=principles, provenance=provenance, answers=answers(lang),
        source_list=tuple((source, _anchor("src", source.id)) for source in provenance.sources),
        provenance_note=text_markup(provenance.note, lang) if provenance.note else None,
        reconstructed=provenance.status == "reconstructed", page_title=vision.title.get(lang), theme=theme,
    )


EXPORTER = Exporter(
    name="html", title=Text(nl="HTML-rapport (één bestand, printbaar)", en="HTML report (one file, printable)"),
    suffix=".html", media_type="text/html", render=render_html,
)
