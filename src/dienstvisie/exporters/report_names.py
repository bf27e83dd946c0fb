"""The names of the portfolio's and the diff's formats and the portfolio's default top, apart from
their renderers.

Why: the command line builds the parser of every subcommand at each start, and those parsers need
these names as choices; the renderers themselves import Jinja2, the swimlane drawing and the
portfolio's views (some 60 ms), which a `dienstvisie check` never uses.
"""

from __future__ import annotations

PORTFOLIO_FORMATS: tuple[str, ...] = ("text", "json", "markdown", "html")
DIFF_FORMATS: tuple[str, ...] = ("text", "json", "markdown", "html")
DEFAULT_TOP = 10
