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

from ..i18n import Section
from ..model.portfolio import LifeEventTally, Portfolio, ServiceRow, sort_rows
from ..model.text import Language

HEATMAP_ROWS = 50
"""The heat map shows at least this many services (or `--top`, when larger); the JSON form has all."""

Band = Literal["low", "mid", "high", "none"]

WORDS = Section("portfolio-views")
"""`WORDS[key][lang]`, a text: section "portfolio-views" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


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
