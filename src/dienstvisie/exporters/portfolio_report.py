"""The portfolio view as text, Markdown, JSON and HTML (`dienstvisie portfolio --format …`).

* text: for the terminal, ANSI colour only when asked; a sparkline per principle shows the histogram.
* every form opens with the heat map of services × design principles, worst first (`sort`: worst,
  name or a principle's id), and has views per life event (the services without one as a group of
  their own), per situation, per organisation and per owner, each explained in plain words
  (`portfolio_views.py`);
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

from ..i18n import PluralSection, Section, choose
from ..model.portfolio import HISTOGRAM_BINS, Counts, Distribution, Portfolio
from ..model.text import Language, Text
from . import portfolio_views as views
from ._common import labels as report_labels
from ._common import terminal_safe
from ._html import CONTENT_SECURITY_POLICY, environment, text_markup, wrap
from ._json import dumps as json_text
from .markdown import md
from .report_names import DEFAULT_TOP as DEFAULT_TOP
from .report_names import PORTFOLIO_FORMATS as FORMATS

PORTFOLIO_FORMAT = "1"

WORDS = Section("portfolio")
"""`WORDS[key][lang]`, a text: section "portfolio" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


_NOUNS = PluralSection("portfolio-nouns")
"""`_NOUNS[key][lang]`, a (singular, plural), chosen by `choose`: section "portfolio-nouns" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""
_VERBS = PluralSection("portfolio-verbs")
"""`_VERBS[key][lang]`, a (singular, plural), chosen by `choose`: section "portfolio-verbs" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def counted(n: int, noun: str, lang: Language) -> str:
    """`n` with its noun in the right number: '1 dienst', '2 diensten', '1.000 services'."""
    return f"{number(n, lang)} {choose(_NOUNS[noun], n, lang)}"


def verb(n: int, key: str, lang: Language) -> str:
    """The verb that goes with `n`: '1 voldoet', '3 voldoen'."""
    return choose(_VERBS[key], n, lang)


def summary_line(portfolio: Portfolio, lang: Language) -> str:
    """'5 diensten: 1 voldoet, 4 voldoen niet (grens: minor)'."""
    return WORDS["summary"][lang].format(
        services=counted(portfolio.services, "service", lang), passing=number(portfolio.passing, lang),
        pass_verb=verb(portfolio.passing, "pass", lang), failing=number(portfolio.failing, lang),
        fail_verb=verb(portfolio.failing, "fail", lang), fail_on=portfolio.fail_on.value)


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

def _group_line(e: Any, lang: Language, name: str) -> str:
    line = f"{name}: " + WORDS["life_event_line"][lang].format(
        services=counted(e.services, "service", lang), failing=number(e.failing_services, lang),
        fail_verb=verb(e.failing_services, "fail", lang), findings=counted(e.failed_findings, "finding", lang))
    if e.checks:
        line += f"; {WORDS['most'][lang]} {_counts_text(e.checks, lang)}"
    return line


def _heatmap_text(portfolio: Portfolio, lang: Language, style: Any, sort: str, top: int) -> list[str]:
    t = terminal_safe
    colours = {"low": "red", "mid": "yellow", "high": "green", "none": "dim"}
    principles = views.principle_ids(portfolio)
    shown = views.rows(portfolio, sort, top)
    heading = views.word("heatmap", lang)
    if len(portfolio.matrix) > len(shown):
        heading += f" ({views.word('shown', lang).format(shown=number(len(shown), lang), total=number(len(portfolio.matrix), lang))})"
    lines = ["", style(heading, "bold"), style(views.word("heatmap_note", lang), "dim"),
             style(views.order_note(sort, lang) + " " + views.word("order.hint", lang), "dim")]
    mean = views.word("mean", lang)
    lines.append(style(f"  {views.word('service', lang):<40}" + "".join(f"{t(p):>5}" for p in principles)
                       + f"  {mean:>9}  {views.word('owner', lang)}", "dim"))

    def cell(value: float | None, width: int = 5) -> str:
        text = "–" if value is None else f"{value:.0f}"
        return str(style(f"{text:>{width}}", colours[views.band(value)]))

    for row in shown:
        name = t(row.service)
        name = name if len(name) <= 38 else name[:37] + "…"
        mark = style("✗", "red") if row.failing else style("✓", "green")
        lines.append(f"{mark} {name:<40}" + "".join(cell(score) for _, score in row.scores)
                     + f"  {cell(row.mean, 9)}  {t(row.owner or '–')}")
    total = number(len(portfolio.matrix), lang)
    counts = views.failing_counts(portfolio)
    label = views.word("failing_row", lang).format(total=total)
    lines.append(style(f"  {label:<40}" + "".join(f"{number(n, lang):>5}" for n in counts), "dim"))
    return lines


def render_portfolio_text(portfolio: Portfolio, lang: Language, *, top: int = DEFAULT_TOP, colour: bool = False,
                          sort: str = "worst") -> str:
    """The portfolio for the terminal: the heat map first, then the spread and the views."""
    from .text import _Style

    style = _Style(colour)
    t = terminal_safe
    w = WORDS
    lines = [style(t(f"{w['vision'][lang]}: {portfolio.vision_title.get(lang)} ({portfolio.vision} {portfolio.vision_version})"),
                   "dim"), ""]
    summary = summary_line(portfolio, lang)
    lines.append(style(f"{w['title'][lang]}: {summary}", "bold"))
    if portfolio.invalid:
        lines.append(style(w["invalid"][lang].format(n=counted(portfolio.invalid, "document", lang)), "red"))
    if portfolio.statuses:
        lines.append(f"{w['findings'][lang]}: " + ", ".join(
            f"{number(n, lang)} {report_labels(lang)['status.' + status]}" for status, n in portfolio.statuses))
    lines += _heatmap_text(portfolio, lang, style, sort, top)
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
            services=counted(c.services, "service", lang), percent=percent(c.services, portfolio.services),
            findings=counted(c.findings, "finding", lang), explained=number(c.explained, lang))
        for c in portfolio.checks[:top] if c.services or c.explained
    ]
    sections.append((w["checks"][lang], len(portfolio.checks), checks))
    def group_lines(tallies: Any) -> list[str]:
        return ["  " + _group_line(e, lang, style(t(e.id) + (f" ({t(e.name.get(lang))})" if e.name else ""), "bold"))
                for e in tallies[:top]]

    events = group_lines(portfolio.life_events)
    if portfolio.without_life_event is not None:
        events.append("  " + _group_line(portfolio.without_life_event, lang,
                                         style(views.word("no_life_event", lang), "bold")))
    sections.append((w["life_events"][lang], len(portfolio.life_events) + (portfolio.without_life_event is not None),
                     events))
    sections.append((views.word("situations", lang), len(portfolio.situations), group_lines(portfolio.situations)))
    organisations = [
        f"  {style(t(o.id), 'bold')} {t(o.name)}: " + w["organisation_line"][lang].format(
            services=counted(o.services, "service", lang), steps=counted(o.steps, "step", lang),
            own=counted(o.failed_in_steps, "finding", lang), far=counted(o.failed_handovers_to, "finding", lang),
            cold=counted(o.cold_handovers_to, "cold", lang), arrive=verb(o.cold_handovers_to, "arrive", lang))
        for o in portfolio.organisations[:top]
    ]
    sections.append((w["organisations"][lang], len(portfolio.organisations), organisations))
    sections.append((views.word("owners", lang), len(portfolio.owners), group_lines(portfolio.owners)))
    cold = _cold(portfolio)
    sections.append((w["cold"][lang], len(cold), [
        f"  {style(t(o.id), 'bold')} {t(o.name)}: " + w["cold_line"][lang].format(
            cold=counted(o.cold_handovers_to, "cold", lang), arrive=verb(o.cold_handovers_to, "arrive", lang),
            services=counted(o.services, "service", lang))
        for o in cold[:top]
    ]))
    held = [d for d in portfolio.data_items if d.held]
    sections.append((w["data_items"][lang], len(held), [
        f"  {style(t(d.id), 'bold')}" + (f" ({t(d.name.get(lang))})" if d.name else "") + ": " + w["data_line"][lang].format(
            held=number(d.held, lang), asked=counted(d.asked, "times", lang), services=counted(d.services, "service", lang))
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


_MD_BANDS = {"low": "🔴", "mid": "🟡", "high": "🟢", "none": "⚪"}


def _heatmap_markdown(portfolio: Portfolio, lang: Language, sort: str, top: int) -> list[str]:
    principles = views.principle_ids(portfolio)
    shown = views.rows(portfolio, sort, top)
    heading = views.word("heatmap", lang)
    if len(portfolio.matrix) > len(shown):
        heading += f" ({views.word('shown', lang).format(shown=number(len(shown), lang), total=number(len(portfolio.matrix), lang))})"
    legend = " · ".join(f"{_MD_BANDS[b]} {views.word('band.' + b, lang)}" for b in ("low", "mid", "high", "none"))
    lines = [f"## {heading}", "", views.word("heatmap_note", lang), "",
             f"{views.order_note(sort, lang)} {views.word('order.hint', lang)}", "", legend, ""]
    if not shown:
        return lines + [f"*{WORDS['nothing'][lang]}*", ""]

    def cell(value: float | None) -> str:
        return f"{_MD_BANDS[views.band(value)]} {'–' if value is None else f'{value:.0f}'}"

    lines += [_row([views.word("service", lang), *principles, views.word("mean", lang), views.word("owner", lang),
                    views.word("result", lang)]), "|---|" + "--:|" * (len(principles) + 1) + "---|---|"]
    for row in shown:
        lines.append(_row([md(row.service), *[cell(score) for _, score in row.scores], cell(row.mean),
                           md(row.owner or "–"), views.word("fail" if row.failing else "pass", lang)]))
    lines.append(_row([f"*{views.word('failing_row', lang).format(total=number(len(portfolio.matrix), lang))}*",
                       *[number(n, lang) for n in views.failing_counts(portfolio)], "", "", ""]))
    return lines + [""]


def _groups_markdown(heading: str, note: str, tallies: Any, lang: Language, top: int, first: str,
                     extra: Any = None) -> list[str]:
    w = WORDS
    rows = list(tallies[:top])
    total = len(tallies) + (extra is not None)
    suffix = f" ({w['top'][lang].format(shown=number(len(rows), lang), total=number(total, lang))})" if len(tallies) > top else ""
    lines = [f"## {heading}{suffix}", "", f"*{note}*", ""]
    if not rows and extra is None:
        return lines + [f"*{w['nothing'][lang]}*", ""]
    principles = [m[0] for m in (rows or [extra])[0].medians]
    lines += [_row([first, w["services_word"][lang], w["failing"][lang], w["failed_findings"][lang],
                    w["most"][lang], *[f"{p} ({w['median'][lang]})" for p in principles]]),
              "|---|--:|--:|--:|---|" + "--:|" * len(principles)]
    named = [(md(e.id) + (f" ({md(e.name.get(lang))})" if e.name else ""), e) for e in rows]
    if extra is not None:
        named.append((views.word("no_life_event", lang), extra))
    for name, e in named:
        lines.append(_row([name, number(e.services, lang), number(e.failing_services, lang),
                           number(e.failed_findings, lang), md(_counts_text(e.checks, lang)) or "–",
                           *[decimal(value, lang) for _, value in e.medians]]))
    return lines + [""]


def render_portfolio_markdown(portfolio: Portfolio, lang: Language, *, top: int = DEFAULT_TOP,
                              sort: str = "worst") -> str:
    """The portfolio as one Markdown document (GitHub/GitLab-flavoured tables), the heat map first."""
    w = WORDS
    L = report_labels(lang)
    lines = [f"# {w['title'][lang]}: {md(portfolio.vision_title.get(lang))} {md(portfolio.vision_version)}", ""]
    facts = [summary_line(portfolio, lang)]
    if portfolio.invalid:
        facts.append(w["invalid"][lang].format(n=counted(portfolio.invalid, "document", lang)))
    lines += [" · ".join(facts), ""]
    if portfolio.statuses:
        lines += [f"{w['findings'][lang]}: " + ", ".join(
            f"{number(n, lang)} {L['status.' + status]}" for status, n in portfolio.statuses), ""]

    def heading(text: str, total: int, shown: int) -> None:
        suffix = f" ({w['top'][lang].format(shown=number(shown, lang), total=number(total, lang))})" if total > shown else ""
        lines.extend([f"## {text}{suffix}", ""])

    lines += _heatmap_markdown(portfolio, lang, sort, top)
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
    note = views.word("groups_note", lang)
    lines += _groups_markdown(w["life_events"][lang], note, portfolio.life_events, lang, top, w["life_event"][lang],
                              extra=portfolio.without_life_event)
    lines += _groups_markdown(views.word("situations", lang), note, portfolio.situations, lang, top,
                              views.word("situation", lang))
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
    lines += _groups_markdown(views.word("owners", lang), views.word("owners_note", lang) + " " + note,
                              portfolio.owners, lang, top, views.word("owner_col", lang))
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

    def group(e: Any) -> dict[str, Any]:
        return named({"id": e.id}, e.name) | {
            "services": e.services, "failing_services": e.failing_services, "failed_findings": e.failed_findings,
            "checks": dict(e.checks), "medians": dict(e.medians)}

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
        "matrix": [
            {"service": row.service, **({"title": _text(row.title)} if row.title is not None else {}),
             "file": row.file, "failing": row.failing, "owner": row.owner, "mean": row.mean,
             "scores": dict(row.scores), "failed_checks": dict(row.failed)}
            for row in portfolio.matrix
        ],
        "life_events": [group(e) for e in portfolio.life_events],
        "without_life_event": (None if portfolio.without_life_event is None else
                               {key: value for key, value in group(portfolio.without_life_event).items() if key != "id"}),
        "situations": [group(e) for e in portfolio.situations],
        "owners": [group(e) for e in portfolio.owners],
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


def render_portfolio_html(portfolio: Portfolio, lang: Language, *, top: int = DEFAULT_TOP, sort: str = "worst",
                          theme: Any = None) -> str:
    """The portfolio as one self-contained, accessible HTML page with inline SVG charts, the heat map first.
    `theme`: a `Theme` (house style and logo) or None for the default look."""
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
    summary = summary_line(portfolio, lang)

    def groups(tallies: Any) -> list[Any]:
        return [(e, text_markup(e.name, lang) if e.name else None, _counts_text(e.checks, lang),
                 [decimal(value, lang) for _, value in e.medians]) for e in tallies[:top]]

    heat = views.heat_map(portfolio, lang, sort, top)
    heatmap_heading = views.word("heatmap", lang)
    if len(portfolio.matrix) > len(heat.rows):
        heatmap_heading += f" ({views.word('shown', lang).format(shown=number(len(heat.rows), lang), total=number(len(portfolio.matrix), lang))})"
    template = environment().get_template("portfolio.html.j2")
    return template.render(
        lang=lang, L=L, W=W, csp=CONTENT_SECURITY_POLICY, version=portfolio.version, portfolio=portfolio,
        vision_title=text_markup(portfolio.vision_title, lang), summary=summary,
        invalid=W["invalid"].format(n=counted(portfolio.invalid, "document", lang)) if portfolio.invalid else None,
        statuses=[(L["status." + status], number(n, lang)) for status, n in portfolio.statuses],
        box_plots=box_plots, histograms=histograms, bands=band_labels(),
        checks=[(c, number(c.services, lang), percent(c.services, portfolio.services), number(c.findings, lang),
                 number(c.explained, lang), L["severity." + c.severity.value], text_markup(c.title, lang)) for c in checks],
        checks_total=len([c for c in portfolio.checks if c.services or c.explained]), checks_chart=checks_chart,
        life_events=groups(portfolio.life_events), situations=groups(portfolio.situations),
        owners=groups(portfolio.owners),
        without_life_event=(None if portfolio.without_life_event is None else (
            portfolio.without_life_event, views.word("no_life_event", lang),
            _counts_text(portfolio.without_life_event.checks, lang),
            [decimal(value, lang) for _, value in portfolio.without_life_event.medians])),
        V={key: value[lang] for key, value in views.WORDS.items()}, heat=heat, band=views.band,
        heat_principles=views.principle_ids(portfolio), heat_failing=views.failing_counts(portfolio),
        heatmap_heading=heatmap_heading, order_note=views.order_note(sort, lang),
        failing_row=views.word("failing_row", lang).format(total=number(len(portfolio.matrix), lang)),
        theme=theme,
        life_event_principles=list(views.principle_ids(portfolio)),
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
