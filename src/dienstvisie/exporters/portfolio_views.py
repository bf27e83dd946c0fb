"""What a manager reads first in the portfolio: the heat map of services × design principles
(worst first, or in another order), and the views per situation and per owner, with words that
say what each figure means. Shared by the portfolio's text, Markdown and HTML forms
(`portfolio_report.py`); the JSON form has the same rows (`matrix`, `situations`, `owners`).

A heat-map cell is a service's score on one principle, in three bands a reader tells apart
without the colour too (the number is always printed): below 50, 50 to 79, 80 and up.
"""

from __future__ import annotations

from typing import Literal

import attrs

from ..model.portfolio import LifeEventTally, Portfolio, ServiceRow, sort_rows
from ..model.text import Language

HEATMAP_ROWS = 50
"""The heat map shows at least this many services (or `--top`, when larger); the JSON form has all."""

Band = Literal["low", "mid", "high", "none"]

WORDS: dict[str, dict[Language, str]] = {
    "heatmap": {"nl": "Diensten × ontwerpprincipes", "en": "Services × design principles"},
    "heatmap_note": {
        "nl": "Elke rij is een dienst, elke kolom een ontwerpprincipe. Het getal is de score van de dienst op dat "
              "principe, van 0 tot 100: 100 betekent dat elke check die van toepassing is voldoet, 0 dat geen "
              "enkele voldoet (zwaardere checks tellen zwaarder mee); ‘–’ betekent dat geen check van toepassing "
              "was. Onder 50 is rood, 50 tot 80 geel, 80 of meer groen. De onderste regel telt per principe hoeveel "
              "diensten er minstens één check van niet halen: een hoog getal in één kolom betekent dat dat principe "
              "in bijna elke dienst tekortschiet.",
        "en": "Each row is a service, each column a design principle. The number is the service's score on that "
              "principle, from 0 to 100: 100 means every check that applies passes, 0 that none does (heavier "
              "checks count for more); ‘–’ means no check applied. Below 50 is red, 50 to 80 yellow, 80 or more "
              "green. The bottom line counts, per principle, how many services fail at least one of its checks: a "
              "high number in one column means that principle falls short in almost every service.",
    },
    "order.worst": {"nl": "Volgorde: de slechtste dienst eerst (de laagste gemiddelde score over de principes).",
                    "en": "Order: the worst service first (the lowest mean score over the principles)."},
    "order.name": {"nl": "Volgorde: op naam van de dienst.", "en": "Order: by the service's name."},
    "order.principle": {"nl": "Volgorde: de laagste score op {principle} eerst.",
                        "en": "Order: the lowest score on {principle} first."},
    "order.hint": {"nl": "Een andere volgorde: --sort worst, --sort name of --sort met een principe (bv. --sort P3).",
                   "en": "Another order: --sort worst, --sort name or --sort with a principle (e.g. --sort P3)."},
    "service": {"nl": "Dienst", "en": "Service"},
    "mean": {"nl": "gemiddeld", "en": "mean"},
    "mean_short": {"nl": "gem.", "en": "mean"},
    "owner": {"nl": "eigenaar", "en": "owner"},
    "result": {"nl": "resultaat", "en": "result"},
    "pass": {"nl": "voldoet", "en": "passes"},
    "fail": {"nl": "voldoet niet", "en": "fails"},
    "failing_row": {"nl": "diensten (van {total}) die een check niet halen", "en": "services (of {total}) failing a check"},
    "shown": {"nl": "de eerste {shown} van {total} diensten", "en": "the first {shown} of {total} services"},
    "chart_title": {"nl": "Score per dienst en ontwerpprincipe", "en": "Score per service and design principle"},
    "chart_desc": {"nl": "Een raster met een rij per dienst en een kolom per ontwerpprincipe; de kleur van een vak "
                         "is de scoreband, het getal de score. De tabel ernaast heeft dezelfde cijfers.",
                   "en": "A grid with a row per service and a column per design principle; a cell's colour is the "
                         "score band, its number the score. The table beside it has the same figures."},
    "band.low": {"nl": "onder 50", "en": "below 50"},
    "band.mid": {"nl": "50 tot 80", "en": "50 to 80"},
    "band.high": {"nl": "80 of meer", "en": "80 or more"},
    "band.none": {"nl": "geen check van toepassing", "en": "no check applied"},
    "situations": {"nl": "Per situatie", "en": "Per situation"},
    "situation": {"nl": "Situatie", "en": "Situation"},
    "owners": {"nl": "Per eigenaar", "en": "Per owner"},
    "owner_col": {"nl": "Eigenaar", "en": "Owner"},
    "no_life_event": {"nl": "(geen levensgebeurtenis)", "en": "(no life event)"},
    "groups_note": {
        "nl": "Per groep: hoeveel diensten erbij horen, hoeveel daarvan niet voldoen, hoeveel bevindingen ‘niet "
              "voldaan’ ze samen hebben en welke checks het vaakst; de mediaan per principe is de middelste score "
              "van die diensten (de helft scoort lager, de helft hoger). Een dienst kan in meer groepen staan.",
        "en": "Per group: how many services belong to it, how many of them fail, how many failed findings they "
              "have together and which checks most often; the median per principle is the middle score of those "
              "services (half score lower, half higher). A service can be in more than one group.",
    },
    "owners_note": {
        "nl": "Per organisatie die eigenaar is van diensten (owner): wie kan de diensten die tekortschieten "
              "verbeteren.",
        "en": "Per organisation that owns services (owner): who can improve the services that fall short."},
}


def word(key: str, lang: Language) -> str:
    """A word of the heat map or the group views in `lang`."""
    return WORDS[key][lang]


def band(score: float | None) -> Band:
    """The band of a score: below 50, 50 to 79, 80 and up, or none."""
    if score is None:
        return "none"
    return "low" if score < 50 else "mid" if score < 80 else "high"


def order_note(sort: str, lang: Language) -> str:
    """The sentence that says how the heat map is ordered."""
    if sort in ("worst", "name"):
        return word(f"order.{sort}", lang)
    return word("order.principle", lang).format(principle=sort)


def rows(portfolio: Portfolio, sort: str = "worst", top: int = HEATMAP_ROWS) -> tuple[ServiceRow, ...]:
    """The heat map's rows in the order asked, at most max(top, HEATMAP_ROWS)."""
    return sort_rows(portfolio.matrix, sort)[:max(top, HEATMAP_ROWS)]


def principle_ids(portfolio: Portfolio) -> tuple[str, ...]:
    """The columns: the vision's principles, in its order."""
    return tuple(d.id for d in portfolio.distributions if d.kind == "principle")


def failing_counts(portfolio: Portfolio) -> tuple[int, ...]:
    """Per principle (the columns' order), the services with at least one failed check of it."""
    return tuple(d.failing_services for d in portfolio.distributions if d.kind == "principle")


def sort_problem(sort: str, portfolio_principles: tuple[str, ...]) -> bool:
    """True when `sort` is neither an order nor a principle of the vision."""
    return sort not in ("worst", "name") and sort not in portfolio_principles


def groups_of(portfolio: Portfolio) -> tuple[tuple[str, tuple[LifeEventTally, ...]], ...]:
    """The views by group besides the life events: (key of the heading, tallies)."""
    return (("situations", portfolio.situations), ("owners", portfolio.owners))


# ------------------------------------------------------------------------------------------ HTML

CELL_W = 52
CELL_H = 28
LABEL_W = 250
TOP_Y = 26


@attrs.frozen
class Cell:
    """One square of the heat map drawing."""

    x: int
    y: int
    band: Band
    text: str


@attrs.frozen
class HeatMap:
    """The heat map as an SVG grid (with title and description) and the rows of its table."""

    title: str
    desc: str
    width: int
    height: int
    columns: tuple[tuple[int, str], ...]  # (x of the column's centre, heading)
    labels: tuple[tuple[int, str], ...]  # (y of the row's baseline, service)
    cells: tuple[Cell, ...]
    rows: tuple[ServiceRow, ...]


def heat_map(portfolio: Portfolio, lang: Language, sort: str, top: int) -> HeatMap:
    """The drawing of the rows shown; the score text as the table has it."""
    from ._html import wrap

    shown = rows(portfolio, sort, top)
    columns = (*principle_ids(portfolio), word("mean_short", lang))
    cells = []
    labels = []
    for index, row in enumerate(shown):
        y = TOP_Y + index * CELL_H
        labels.append((y + 19, wrap(row.service, 34, 1)[0]))
        values = [*[score for _, score in row.scores], row.mean]
        for column, value in enumerate(values):
            cells.append(Cell(x=LABEL_W + column * CELL_W, y=y, band=band(value),
                              text="–" if value is None else f"{value:.0f}"))
    return HeatMap(
        title=word("chart_title", lang), desc=word("chart_desc", lang),
        width=LABEL_W + len(columns) * CELL_W, height=TOP_Y + len(shown) * CELL_H + 4,
        columns=tuple((LABEL_W + i * CELL_W + CELL_W // 2, name) for i, name in enumerate(columns)),
        labels=tuple(labels), cells=tuple(cells), rows=shown,
    )
