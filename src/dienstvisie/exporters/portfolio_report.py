"""The portfolio view as text, Markdown, JSON and HTML (`dienstvisie portfolio --format …`).

* text: for the terminal, ANSI colour only when asked; a sparkline per principle shows the histogram.
* Markdown: tables, every text from a document escaped (as the Markdown check report does).
* JSON: everything, in both languages, valid against `schemas/portfolio.schema.json`; byte-identical
  for the same input.
* HTML: one self-contained, accessible file in the style of the HTML check report: a box plot of
  the scores per principle and per starting point, a histogram per principle, bar charts of the
  checks that fail most, of the organisations at the far end of most cold hand-overs and of the
  data items asked most although government already has them; every chart has a title, a
  description and a table with the same figures.

The text, Markdown and HTML forms show the first `top` rows of the long tables; JSON has every row.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..model.portfolio import HISTOGRAM_BINS, Counts, Distribution, Portfolio
from ..model.text import Language, Text
from ._common import labels as report_labels
from ._common import terminal_safe
from ._html import CONTENT_SECURITY_POLICY, environment, text_markup, wrap
from ._json import dumps as json_text
from .markdown import md

PORTFOLIO_FORMAT = "1"
FORMATS: tuple[str, ...] = ("text", "json", "markdown", "html")
DEFAULT_TOP = 10

WORDS: dict[str, dict[Language, str]] = {
    "kicker": {"nl": "dienstvisie-portfolio", "en": "dienstvisie portfolio"},
    "title": {"nl": "Portfolio", "en": "Portfolio"},
    "vision": {"nl": "Visie", "en": "Vision"},
    "summary": {"nl": "{services} diensten: {passing} voldoen, {failing} voldoen niet (grens: {fail_on})",
                "en": "{services} services: {passing} pass, {failing} fail (threshold: {fail_on})"},
    "invalid": {"nl": "{n} document(en) ongeldig, niet gecontroleerd", "en": "{n} document(s) invalid, not checked"},
    "findings": {"nl": "Bevindingen", "en": "Findings"},
    "distributions": {"nl": "Scores per ontwerpprincipe en uitgangspunt", "en": "Scores per design principle and starting point"},
    "distributions_note": {
        "nl": "Scores van 0 tot 100 over de diensten met een score (n); kwartielen volgens de inclusieve methode. "
              "‘Niet voldaan’: diensten met minstens één check van het principe die niet voldoet.",
        "en": "Scores from 0 to 100 over the services with a score (n); quartiles by the inclusive method. "
              "‘Failing’: services with at least one failed check of the principle.",
    },
    "item": {"nl": "Onderdeel", "en": "Item"},
    "min": {"nl": "min", "en": "min"},
    "q1": {"nl": "Q1", "en": "Q1"},
    "median": {"nl": "mediaan", "en": "median"},
    "q3": {"nl": "Q3", "en": "Q3"},
    "max": {"nl": "max", "en": "max"},
    "mean": {"nl": "gemiddeld", "en": "mean"},
    "n": {"nl": "n", "en": "n"},
    "not_scored": {"nl": "niet gescoord", "en": "not scored"},
    "spread": {"nl": "verdeling 0→100", "en": "spread 0→100"},
    "failing": {"nl": "niet voldaan", "en": "failing"},
    "services_word": {"nl": "diensten", "en": "services"},
    "boxplot_title": {"nl": "Spreiding van de scores: {what}", "en": "Spread of the scores: {what}"},
    "boxplot_desc": {
        "nl": "Per onderdeel een lijn van minimum tot maximum, een blok van eerste tot derde kwartiel, een dikke streep "
              "op de mediaan en een ruit op het gemiddelde, op een schaal van 0 tot 100. {figures}",
        "en": "Per item a line from minimum to maximum, a box from first to third quartile, a thick stroke at the "
              "median and a diamond at the mean, on a scale from 0 to 100. {figures}",
    },
    "histograms": {"nl": "Verdeling per ontwerpprincipe", "en": "Spread per design principle"},
    "histogram_title": {"nl": "Aantal diensten per scoreband: {what}", "en": "Number of services per score band: {what}"},
    "histogram_desc": {"nl": "Banden van 10 punten, van 0–9 tot 90–100. {figures}",
                       "en": "Bands of 10 points, from 0–9 to 90–100. {figures}"},
    "band": {"nl": "Scoreband", "en": "Score band"},
    "checks": {"nl": "Checks die het vaakst niet voldoen", "en": "Checks that fail most"},
    "check": {"nl": "Check", "en": "Check"},
    "severity": {"nl": "Ernst", "en": "Severity"},
    "in_services": {"nl": "diensten", "en": "services"},
    "share": {"nl": "aandeel", "en": "share"},
    "failed_findings": {"nl": "bevindingen niet voldaan", "en": "failed findings"},
    "explained": {"nl": "verklaard", "en": "explained"},
    "check_line": {"nl": "in {services} diensten ({percent}%), {findings} bevindingen, {explained} verklaard",
                   "en": "in {services} services ({percent}%), {findings} findings, {explained} explained"},
    "checks_chart_title": {"nl": "Checks die het vaakst niet voldoen: aandeel van de diensten",
                           "en": "Checks that fail most: share of the services"},
    "checks_chart_desc": {"nl": "Per check het percentage van de diensten waarin hij niet voldoet. {figures}",
                          "en": "Per check the percentage of the services in which it fails. {figures}"},
    "life_events": {"nl": "Per levensgebeurtenis", "en": "Per life event"},
    "life_event": {"nl": "Levensgebeurtenis", "en": "Life event"},
    "life_event_line": {"nl": "{services} diensten, {failing} voldoen niet, {findings} bevindingen niet voldaan",
                        "en": "{services} services, {failing} fail, {findings} failed findings"},
    "most": {"nl": "vooral", "en": "mostly"},
    "medians": {"nl": "mediaan per principe", "en": "median per principle"},
    "organisations": {"nl": "Per organisatie", "en": "Per organisation"},
    "organisation": {"nl": "Organisatie", "en": "Organisation"},
    "organisation_line": {
        "nl": "in {services} diensten, {steps} stappen; {own} bevindingen in eigen stappen, {far} over overdrachten "
              "naar deze organisatie, {cold} koude overdrachten komen hier aan",
        "en": "in {services} services, {steps} steps; {own} findings in its own steps, {far} about hand-overs to it, "
              "{cold} cold hand-overs end here",
    },
    "steps": {"nl": "stappen", "en": "steps"},
    "own_steps": {"nl": "in eigen stappen", "en": "in own steps"},
    "handovers_to": {"nl": "over overdrachten hierheen", "en": "about hand-overs to it"},
    "cold_to": {"nl": "koude overdrachten hierheen", "en": "cold hand-overs to it"},
    "cold": {"nl": "Aan het eind van de meeste koude overdrachten", "en": "At the far end of most cold hand-overs"},
    "cold_line": {"nl": "{cold} koude overdrachten komen hier aan (in {services} diensten)",
                  "en": "{cold} cold hand-overs end here (in {services} services)"},
    "cold_chart_title": {"nl": "Koude overdrachten per ontvangende organisatie",
                         "en": "Cold hand-overs per receiving organisation"},
    "cold_chart_desc": {"nl": "Per organisatie het aantal koude overdrachten dat bij haar aankomt. {figures}",
                        "en": "Per organisation the number of cold hand-overs that end at it. {figures}"},
    "data_items": {"nl": "Gegevens die gevraagd worden terwijl de overheid ze al heeft",
                   "en": "Data items asked although government already has them"},
    "data_item": {"nl": "Gegeven", "en": "Data item"},
    "asked": {"nl": "gevraagd", "en": "asked"},
    "held": {"nl": "al bekend", "en": "already held"},
    "data_line": {"nl": "{held} van de {asked} keer gevraagd terwijl de overheid het al heeft (in {services} diensten)",
                  "en": "asked {held} of {asked} times although government already has it (in {services} services)"},
    "data_chart_title": {"nl": "Gegevens gevraagd terwijl de overheid ze al heeft",
                         "en": "Data items asked although government already has them"},
    "data_chart_desc": {"nl": "Per gegeven hoe vaak het gevraagd wordt terwijl een registratie of organisatie het al heeft. "
                              "{figures}",
                        "en": "Per data item how often it is asked although a register or organisation already holds it. "
                              "{figures}"},
    "top": {"nl": "de eerste {shown} van {total}", "en": "the first {shown} of {total}"},
    "nothing": {"nl": "Niets te melden.", "en": "Nothing to report."},
    "not_checked": {"nl": "Niet gecontroleerd", "en": "Not checked"},
    "count": {"nl": "aantal", "en": "count"},
    "contents": {"nl": "Inhoud", "en": "Contents"},
    "scroll_table": {"nl": "tabel, scrollbaar", "en": "table, scrollable"},
}


def word(key: str, lang: Language) -> str:
    """A word of the portfolio report in `lang`."""
    return WORDS[key][lang]


def number(value: int, lang: Language) -> str:
    """An integer with thousands separators: 10.000 in Dutch, 10,000 in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def decimal(value: float | None, lang: Language, digits: int = 0) -> str:
    """A score or mean: '–' when there is none; a decimal comma in Dutch."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def percent(part: int, whole: int) -> int:
    """`part` of `whole` in whole percents (0 when `whole` is 0)."""
    return round(100 * part / whole) if whole else 0


def _name(text: Text | None, lang: Language) -> str:
    return text.get(lang) if text is not None else ""


def _counts_text(counts: Counts, lang: Language, limit: int = 3) -> str:
    return ", ".join(f"{check} ({number(n, lang)})" for check, n in counts[:limit])


_SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(histogram: tuple[int, ...]) -> str:
    """The histogram as block characters, the highest bin full; '·' for an empty bin."""
    top = max(histogram, default=0)
    if not top:
        return "·" * len(histogram)
    return "".join("·" if n == 0 else _SPARKS[min(len(_SPARKS) - 1, (n * len(_SPARKS) - 1) // top)] for n in histogram)


def band_labels() -> tuple[str, ...]:
    """'0–9', '10–19', … '90–100'."""
    width = 100 // HISTOGRAM_BINS
    return tuple(f"{i * width}–{i * width + width - 1}" if i < HISTOGRAM_BINS - 1 else f"{i * width}–100"
                 for i in range(HISTOGRAM_BINS))


# -------------------------------------------------------------------------------------------- text

def render_portfolio_text(portfolio: Portfolio, lang: Language, *, top: int = DEFAULT_TOP, colour: bool = False) -> str:
    """The portfolio for the terminal."""
    from .text import _Style

    style = _Style(colour)
    t = terminal_safe
    w = WORDS
    lines = [style(t(f"{w['vision'][lang]}: {portfolio.vision_title.get(lang)} ({portfolio.vision} {portfolio.vision_version})"),
                   "dim"), ""]
    summary = w["summary"][lang].format(services=number(portfolio.services, lang), passing=number(portfolio.passing, lang),
                                        failing=number(portfolio.failing, lang), fail_on=portfolio.fail_on.value)
    lines.append(style(f"{w['title'][lang]}: {summary}", "bold"))
    if portfolio.invalid:
        lines.append(style(w["invalid"][lang].format(n=number(portfolio.invalid, lang)), "red"))
    if portfolio.statuses:
        lines.append(f"{w['findings'][lang]}: " + ", ".join(
            f"{number(n, lang)} {report_labels(lang)['status.' + status]}" for status, n in portfolio.statuses))
    lines += ["", style(w["distributions"][lang], "bold"), style(w["distributions_note"][lang], "dim")]
    header = (f"  {'':<38} {w['min'][lang]:>5} {w['q1'][lang]:>5} {w['median'][lang]:>7} {w['q3'][lang]:>5} "
              f"{w['max'][lang]:>5} {w['mean'][lang]:>9} {w['n'][lang]:>7}  {w['spread'][lang]:<12} {w['failing'][lang]}")
    lines.append(style(header, "dim"))
    for d in portfolio.distributions:
        name = t(f"{d.id} {d.title.get(lang)}")
        name = name if len(name) <= 38 else name[:37] + "…"
        lines.append(
            f"  {name:<38} {decimal(d.minimum, lang):>5} {decimal(d.q1, lang):>5} {decimal(d.median, lang):>7} "
            f"{decimal(d.q3, lang):>5} {decimal(d.maximum, lang):>5} {decimal(d.mean, lang, 1):>9} "
            f"{number(d.scored, lang):>7}  {sparkline(d.histogram):<12} {number(d.failing_services, lang)}")
    sections: list[tuple[str, int, list[str]]] = []
    checks = [
        f"  {style(t(c.id), 'bold'):<6} {c.severity.value:<8} {t(c.title.get(lang))}: " + w["check_line"][lang].format(
            services=number(c.services, lang), percent=percent(c.services, portfolio.services),
            findings=number(c.findings, lang), explained=number(c.explained, lang))
        for c in portfolio.checks[:top] if c.services or c.explained
    ]
    sections.append((w["checks"][lang], len(portfolio.checks), checks))
    events = []
    for e in portfolio.life_events[:top]:
        name = t(e.id) + (f" ({t(e.name.get(lang))})" if e.name else "")
        line = f"  {style(name, 'bold')}: " + w["life_event_line"][lang].format(
            services=number(e.services, lang), failing=number(e.failing_services, lang),
            findings=number(e.failed_findings, lang))
        if e.checks:
            line += f"; {w['most'][lang]} {_counts_text(e.checks, lang)}"
        events.append(line)
    sections.append((w["life_events"][lang], len(portfolio.life_events), events))
    organisations = [
        f"  {style(t(o.id), 'bold')} {t(o.name)}: " + w["organisation_line"][lang].format(
            services=number(o.services, lang), steps=number(o.steps, lang), own=number(o.failed_in_steps, lang),
            far=number(o.failed_handovers_to, lang), cold=number(o.cold_handovers_to, lang))
        for o in portfolio.organisations[:top]
    ]
    sections.append((w["organisations"][lang], len(portfolio.organisations), organisations))
    cold = _cold(portfolio)
    sections.append((w["cold"][lang], len(cold), [
        f"  {style(t(o.id), 'bold')} {t(o.name)}: " + w["cold_line"][lang].format(
            cold=number(o.cold_handovers_to, lang), services=number(o.services, lang))
        for o in cold[:top]
    ]))
    held = [d for d in portfolio.data_items if d.held]
    sections.append((w["data_items"][lang], len(held), [
        f"  {style(t(d.id), 'bold')}" + (f" ({t(d.name.get(lang))})" if d.name else "") + ": " + w["data_line"][lang].format(
            held=number(d.held, lang), asked=number(d.asked, lang), services=number(d.services, lang))
        for d in held[:top]
    ]))
    for heading, total, rows in sections:
        shown = ""
        if total > len(rows):
            shown = f" ({w['top'][lang].format(shown=number(len(rows), lang), total=number(total, lang))})"
        lines += ["", style(heading + shown, "bold")]
        lines += rows or ["  " + w["nothing"][lang]]
    if portfolio.invalid_files:
        lines += ["", style(w["not_checked"][lang], "bold")]
        lines += [f"  {t(file)}" for file in portfolio.invalid_files]
    return "\n".join(lines).rstrip() + "\n"


def _cold(portfolio: Portfolio) -> list[Any]:
    """Organisations at the far end of cold hand-overs, most first."""
    return sorted((o for o in portfolio.organisations if o.cold_handovers_to),
                  key=lambda o: (-o.cold_handovers_to, -o.services, o.id))


# ----------------------------------------------------------------------------------------- Markdown

def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_portfolio_markdown(portfolio: Portfolio, lang: Language, *, top: int = DEFAULT_TOP) -> str:
    """The portfolio as one Markdown document (GitHub/GitLab-flavoured tables)."""
    w = WORDS
    L = report_labels(lang)
    lines = [f"# {w['title'][lang]}: {md(portfolio.vision_title.get(lang))} {md(portfolio.vision_version)}", ""]
    facts = [w["summary"][lang].format(services=number(portfolio.services, lang), passing=number(portfolio.passing, lang),
                                       failing=number(portfolio.failing, lang), fail_on=portfolio.fail_on.value)]
    if portfolio.invalid:
        facts.append(w["invalid"][lang].format(n=number(portfolio.invalid, lang)))
    lines += [" · ".join(facts), ""]
    if portfolio.statuses:
        lines += [f"{w['findings'][lang]}: " + ", ".join(
            f"{number(n, lang)} {L['status.' + status]}" for status, n in portfolio.statuses), ""]

    def heading(text: str, total: int, shown: int) -> None:
        suffix = f" ({w['top'][lang].format(shown=number(shown, lang), total=number(total, lang))})" if total > shown else ""
        lines.extend([f"## {text}{suffix}", ""])

    lines += [f"## {w['distributions'][lang]}", "", f"*{w['distributions_note'][lang]}*", ""]
    lines += [_row([w["item"][lang], w["min"][lang], w["q1"][lang], w["median"][lang], w["q3"][lang], w["max"][lang],
                    w["mean"][lang], w["n"][lang], w["not_scored"][lang], w["spread"][lang], w["failing"][lang]]),
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|"]
    for d in portfolio.distributions:
        lines.append(_row([md(f"{d.id} {d.title.get(lang)}"), decimal(d.minimum, lang), decimal(d.q1, lang),
                           decimal(d.median, lang), decimal(d.q3, lang), decimal(d.maximum, lang),
                           decimal(d.mean, lang, 1), number(d.scored, lang), number(d.not_scored, lang),
                           f"`{sparkline(d.histogram)}`", number(d.failing_services, lang)]))
    lines.append("")
    checks = [c for c in portfolio.checks if c.services or c.explained]
    heading(w["checks"][lang], len(checks), min(top, len(checks)))
    if checks:
        lines += [_row([w["check"][lang], w["severity"][lang], w["in_services"][lang], w["share"][lang],
                        w["failed_findings"][lang], w["explained"][lang]]), "|---|---|--:|--:|--:|--:|"]
        for c in checks[:top]:
            lines.append(_row([f"**{md(c.id)}** {md(c.title.get(lang))}", L["severity." + c.severity.value],
                               number(c.services, lang), f"{percent(c.services, portfolio.services)}%",
                               number(c.findings, lang), number(c.explained, lang)]))
    else:
        lines.append(f"*{w['nothing'][lang]}*")
    lines.append("")
    heading(w["life_events"][lang], len(portfolio.life_events), min(top, len(portfolio.life_events)))
    if portfolio.life_events:
        principles = [m[0] for m in portfolio.life_events[0].medians]
        lines += [_row([w["life_event"][lang], w["services_word"][lang], w["failing"][lang], w["failed_findings"][lang],
                        w["most"][lang], *[f"{p} ({w['median'][lang]})" for p in principles]]),
                  "|---|--:|--:|--:|---|" + "--:|" * len(principles)]
        for e in portfolio.life_events[:top]:
            name = md(e.id) + (f" ({md(e.name.get(lang))})" if e.name else "")
            lines.append(_row([name, number(e.services, lang), number(e.failing_services, lang),
                               number(e.failed_findings, lang), md(_counts_text(e.checks, lang)) or "–",
                               *[decimal(value, lang) for _, value in e.medians]]))
    else:
        lines.append(f"*{w['nothing'][lang]}*")
    lines.append("")
    heading(w["organisations"][lang], len(portfolio.organisations), min(top, len(portfolio.organisations)))
    if portfolio.organisations:
        lines += [_row([w["organisation"][lang], w["services_word"][lang], w["steps"][lang], w["own_steps"][lang],
                        w["handovers_to"][lang], w["cold_to"][lang], w["most"][lang]]), "|---|--:|--:|--:|--:|--:|---|"]
        for o in portfolio.organisations[:top]:
            lines.append(_row([f"{md(o.name)} ({md(o.id)})", number(o.services, lang), number(o.steps, lang),
                               number(o.failed_in_steps, lang), number(o.failed_handovers_to, lang),
                               number(o.cold_handovers_to, lang), md(_counts_text(o.step_checks, lang)) or "–"]))
    else:
        lines.append(f"*{w['nothing'][lang]}*")
    lines.append("")
    cold = _cold(portfolio)
    heading(w["cold"][lang], len(cold), min(top, len(cold)))
    if cold:
        lines += [_row([w["organisation"][lang], w["cold_to"][lang], w["services_word"][lang]]), "|---|--:|--:|"]
        for o in cold[:top]:
            lines.append(_row([f"{md(o.name)} ({md(o.id)})", number(o.cold_handovers_to, lang), number(o.services, lang)]))
    else:
        lines.append(f"*{w['nothing'][lang]}*")
    lines.append("")
    held = [d for d in portfolio.data_items if d.held]
    heading(w["data_items"][lang], len(held), min(top, len(held)))
    if held:
        lines += [_row([w["data_item"][lang], w["held"][lang], w["asked"][lang], w["services_word"][lang]]),
                  "|---|--:|--:|--:|"]
        for item in held[:top]:
            name = md(item.id) + (f" ({md(item.name.get(lang))})" if item.name else "")
            lines.append(_row([name, number(item.held, lang), number(item.asked, lang), number(item.services, lang)]))
    else:
        lines.append(f"*{w['nothing'][lang]}*")
    lines.append("")
    if portfolio.invalid_files:
        lines += [f"## {w['not_checked'][lang]}", ""] + [f"- {md(file)}" for file in portfolio.invalid_files] + [""]
    lines.append(f"*{L['generated_by'].format(version=md(portfolio.version or '?'))}*")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------- JSON

def _text(text: Text | None) -> dict[str, str] | None:
    if text is None:
        return None
    return {lang: value for lang, value in (("nl", text.nl), ("en", text.en)) if value is not None}


def portfolio_to_data(portfolio: Portfolio) -> dict[str, Any]:
    """The portfolio as plain JSON-ready data (valid against schemas/portfolio.schema.json)."""

    def named(data: dict[str, Any], name: Text | None) -> dict[str, Any]:
        if name is not None:
            data["name"] = _text(name)
        return data

    return {
        "dienstvisie_portfolio": PORTFOLIO_FORMAT,
        "tool": {"name": "dienstvisie", "version": portfolio.version},
        "vision": {"id": portfolio.vision, "version": portfolio.vision_version, "title": _text(portfolio.vision_title)},
        "fail_on": portfolio.fail_on.value,
        "result": "pass" if portfolio.passed else "fail",
        "services": {"total": portfolio.services, "passing": portfolio.passing, "failing": portfolio.failing,
                     "invalid": portfolio.invalid},
        "invalid_files": list(portfolio.invalid_files),
        "statuses": dict(portfolio.statuses),
        "distributions": [
            {"id": d.id, "kind": d.kind, "title": _text(d.title), "scored": d.scored, "not_scored": d.not_scored,
             "min": d.minimum, "q1": d.q1, "median": d.median, "q3": d.q3, "max": d.maximum, "mean": d.mean,
             "histogram": list(d.histogram), "failing_services": d.failing_services}
            for d in portfolio.distributions
        ],
        "checks": [
            {"id": c.id, "title": _text(c.title), "principles": list(c.principles), "severity": c.severity.value,
             "services": c.services, "findings": c.findings, "explained": c.explained}
            for c in portfolio.checks
        ],
        "life_events": [
            named({"id": e.id}, e.name) | {
                "services": e.services, "failing_services": e.failing_services, "failed_findings": e.failed_findings,
                "checks": dict(e.checks), "medians": dict(e.medians)}
            for e in portfolio.life_events
        ],
        "organisations": [
            {"id": o.id, "name": o.name, "services": o.services, "steps": o.steps, "failed_in_steps": o.failed_in_steps,
             "step_checks": dict(o.step_checks), "failed_handovers_to": o.failed_handovers_to,
             "handover_checks": dict(o.handover_checks), "cold_handovers_to": o.cold_handovers_to}
            for o in portfolio.organisations
        ],
        "data_items": [
            named({"id": d.id}, d.name) | {
                "asked": d.asked, "services": d.services, "held": d.held, "failed": d.failed, "checks": dict(d.checks)}
            for d in portfolio.data_items
        ],
    }


def render_portfolio_json(portfolio: Portfolio, lang: Language = "nl") -> str:
    """The portfolio as JSON (both languages are always included; `lang` is not needed)."""
    return json_text(portfolio_to_data(portfolio)) + "\n"


# --------------------------------------------------------------------------------------------- HTML

PLOT_LABEL_W = 300
PLOT_W = 300
PLOT_VALUE_W = 230
ROW_H = 30
TOP = 8


def _x(value: float) -> float:
    return round(PLOT_LABEL_W + PLOT_W * value / 100, 1)


@attrs.frozen
class BoxRow:
    """One row of a box plot."""

    label: str
    y: int
    scored: bool
    x_min: float
    x_q1: float
    x_median: float
    x_q3: float
    x_max: float
    x_mean: float
    value: str


@attrs.frozen
class BoxPlot:
    """The spread of the scores of principles (or starting points) as a box plot, with its table."""

    id: str
    heading: str
    title: str
    desc: str
    width: int
    height: int
    plot_x: int
    plot_w: int
    axis_y: int
    ticks: tuple[tuple[float, str], ...]
    rows: tuple[BoxRow, ...]
    distributions: tuple[Distribution, ...]


def _box_plot(plot_id: str, heading: str, distributions: tuple[Distribution, ...], lang: Language) -> BoxPlot:
    rows = []
    figures = []
    for index, d in enumerate(distributions):
        name = f"{d.id} {d.title.get(lang)}"
        scored = d.median is not None
        value = (f"{word('median', lang)} {decimal(d.median, lang)} (n={number(d.scored, lang)})" if scored
                 else f"– {word('not_scored', lang)}")
        rows.append(BoxRow(
            label=wrap(name, 38, 1)[0], y=TOP + index * ROW_H, scored=scored,
            x_min=_x(d.minimum or 0), x_q1=_x(d.q1 or 0), x_median=_x(d.median or 0), x_q3=_x(d.q3 or 0),
            x_max=_x(d.maximum or 0), x_mean=_x(d.mean or 0), value=value,
        ))
        figures.append(f"{d.id}: min {decimal(d.minimum, lang)}, Q1 {decimal(d.q1, lang)}, {word('median', lang)} "
                       f"{decimal(d.median, lang)}, Q3 {decimal(d.q3, lang)}, max {decimal(d.maximum, lang)}")
    axis_y = TOP + len(rows) * ROW_H
    return BoxPlot(
        id=plot_id, heading=heading, title=word("boxplot_title", lang).format(what=heading.lower()),
        desc=word("boxplot_desc", lang).format(figures="; ".join(figures) + "."),
        width=PLOT_LABEL_W + PLOT_W + PLOT_VALUE_W, height=axis_y + 22, plot_x=PLOT_LABEL_W, plot_w=PLOT_W, axis_y=axis_y,
        ticks=tuple((_x(t), str(t)) for t in (0, 25, 50, 75, 100)), rows=tuple(rows), distributions=distributions,
    )


HIST_W = 2 * 6 + 10 * (28 + 4) - 4  # the bins, with a margin either side
HIST_H = 120
HIST_BAR_W = 28
HIST_GAP = 4
HIST_LEFT = 6
HIST_TOP = 10
HIST_PLOT_H = 80


@attrs.frozen
class HistBar:
    """One bin of a histogram."""

    x: int
    y: float
    height: float
    count: int
    band: str


@attrs.frozen
class Histogram:
    """The number of services per score band for one principle."""

    id: str
    heading: str
    title: str
    desc: str
    width: int
    height: int
    base_y: int
    bars: tuple[HistBar, ...]
    labels: tuple[tuple[int, str], ...]


def _histogram(hist_id: str, d: Distribution, lang: Language) -> Histogram:
    top = max(d.histogram, default=0) or 1
    bands = band_labels()
    bars = []
    base_y = HIST_TOP + HIST_PLOT_H
    for index, count in enumerate(d.histogram):
        height = round(HIST_PLOT_H * count / top, 1)
        bars.append(HistBar(x=HIST_LEFT + index * (HIST_BAR_W + HIST_GAP), y=round(base_y - height, 1), height=height,
                            count=count, band=bands[index]))
    name = f"{d.id} {d.title.get(lang)}"
    figures = "; ".join(f"{bar.band}: {number(bar.count, lang)}" for bar in bars)
    edge = HIST_LEFT + HISTOGRAM_BINS * (HIST_BAR_W + HIST_GAP) - HIST_GAP
    return Histogram(
        id=hist_id, heading=name, title=word("histogram_title", lang).format(what=name),
        desc=word("histogram_desc", lang).format(figures=figures + "."), width=HIST_W, height=HIST_H, base_y=base_y,
        bars=tuple(bars), labels=((HIST_LEFT, "0"), ((HIST_LEFT + edge) // 2, "50"), (edge, "100")),
    )


BAR_LABEL_W = 300
BAR_W = 300
BAR_VALUE_W = 190


@attrs.frozen
class CountBar:
    """One row of a bar chart of counts."""

    label: str
    name: str
    y: int
    width: float
    value: str


@attrs.frozen
class CountChart:
    """A horizontal bar chart with a title, a description and ticks."""

    id: str
    title: str
    desc: str
    width: int
    height: int
    bar_x: int
    bar_w: int
    axis_y: int
    ticks: tuple[tuple[float, str], ...]
    bars: tuple[CountBar, ...]


def _nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000):
        if top / step <= 5:
            return float(step)
    return float(10 ** len(str(int(top))))


def _count_chart(chart_id: str, title: str, desc: str, rows: list[tuple[str, float, str]], lang: Language,
                 scale: float | None = None, unit: str = "") -> CountChart:
    """`rows`: (name, value, value text); `scale`: the value of a full bar (default: the largest)."""
    top = scale or max((value for _, value, _ in rows), default=0) or 1
    step = 25 if scale == 100 else _nice_step(top)
    ticks = []
    tick = 0.0
    while tick <= top + 1e-9:
        ticks.append((round(BAR_LABEL_W + BAR_W * tick / top, 1), f"{number(int(tick), lang)}{unit}"))
        tick += step
    bars = tuple(CountBar(label=wrap(name, 38, 1)[0], name=name, y=TOP + index * ROW_H,
                          width=round(BAR_W * value / top, 1), value=text)
                 for index, (name, value, text) in enumerate(rows))
    figures = "; ".join(f"{name}: {text}" for name, _, text in rows)
    axis_y = TOP + len(rows) * ROW_H
    return CountChart(id=chart_id, title=title, desc=desc.format(figures=figures + "." if rows else ""),
                      width=BAR_LABEL_W + BAR_W + BAR_VALUE_W, height=axis_y + 22, bar_x=BAR_LABEL_W, bar_w=BAR_W,
                      axis_y=axis_y, ticks=tuple(ticks), bars=bars)


def render_portfolio_html(portfolio: Portfolio, lang: Language, *, top: int = DEFAULT_TOP) -> str:
    """The portfolio as one self-contained, accessible HTML page with inline SVG charts."""
    L = report_labels(lang)
    W = {key: value[lang] for key, value in WORDS.items()}
    principles = tuple(d for d in portfolio.distributions if d.kind == "principle")
    points = tuple(d for d in portfolio.distributions if d.kind == "starting_point")
    box_plots = [plot for plot in (
        _box_plot("box-principles", L["principles"], principles, lang) if principles else None,
        _box_plot("box-points", L["starting_points"], points, lang) if points else None,
    ) if plot is not None]
    histograms = [_histogram(f"hist-{index}", d, lang) for index, d in enumerate(principles, start=1)]
    checks = [c for c in portfolio.checks if c.services or c.explained][:top]
    checks_chart = _count_chart(
        "chart-checks", W["checks_chart_title"], W["checks_chart_desc"],
        [(f"{c.id} {c.title.get(lang)}", percent(c.services, portfolio.services),
          f"{percent(c.services, portfolio.services)}% ({number(c.services, lang)})") for c in checks],
        lang, scale=100, unit="%")
    cold = _cold(portfolio)[:top]
    cold_chart = _count_chart(
        "chart-cold", W["cold_chart_title"], W["cold_chart_desc"],
        [(o.name, o.cold_handovers_to, number(o.cold_handovers_to, lang)) for o in cold], lang)
    held = [d for d in portfolio.data_items if d.held][:top]
    data_chart = _count_chart(
        "chart-data", W["data_chart_title"], W["data_chart_desc"],
        [(d.id + (f" ({d.name.get(lang)})" if d.name else ""), d.held,
          f"{number(d.held, lang)} / {number(d.asked, lang)}") for d in held], lang)
    summary = W["summary"].format(services=number(portfolio.services, lang), passing=number(portfolio.passing, lang),
                                  failing=number(portfolio.failing, lang), fail_on=portfolio.fail_on.value)
    template = environment().get_template("portfolio.html.j2")
    return template.render(
        lang=lang, L=L, W=W, csp=CONTENT_SECURITY_POLICY, version=portfolio.version, portfolio=portfolio,
        vision_title=text_markup(portfolio.vision_title, lang), summary=summary,
        invalid=W["invalid"].format(n=number(portfolio.invalid, lang)) if portfolio.invalid else None,
        statuses=[(L["status." + status], number(n, lang)) for status, n in portfolio.statuses],
        box_plots=box_plots, histograms=histograms, bands=band_labels(),
        checks=[(c, number(c.services, lang), percent(c.services, portfolio.services), number(c.findings, lang),
                 number(c.explained, lang), L["severity." + c.severity.value], text_markup(c.title, lang)) for c in checks],
        checks_total=len([c for c in portfolio.checks if c.services or c.explained]), checks_chart=checks_chart,
        life_events=[(e, text_markup(e.name, lang) if e.name else None, _counts_text(e.checks, lang),
                      [decimal(value, lang) for _, value in e.medians]) for e in portfolio.life_events[:top]],
        life_event_principles=[p for p, _ in portfolio.life_events[0].medians] if portfolio.life_events else [],
        organisations=[(o, _counts_text(o.step_checks, lang), _counts_text(o.handover_checks, lang))
                       for o in portfolio.organisations[:top]],
        cold=cold, cold_total=len(_cold(portfolio)), cold_chart=cold_chart,
        held=[(d, text_markup(d.name, lang) if d.name else None) for d in held],
        held_total=len([d for d in portfolio.data_items if d.held]), data_chart=data_chart,
        n=lambda value: number(value, lang), dec=lambda value, digits=0: decimal(value, lang, digits),
        shown=lambda shown, total: W["top"].format(shown=number(shown, lang), total=number(total, lang)),
        page_title=f"{W['title']} — {portfolio.vision_title.get(lang)}",
        reconstructed=portfolio.vision_status == "reconstructed",
    )
