"""Render a report in memory, in any installed format: the public way to get what `--format`
writes without the command line.

`render(what, format, lang)` takes what the API returns and gives the text (or, for a binary
format such as a plugin's xlsx, the bytes) that `dienstvisie … --format FORMAT` would write:

* a `CheckRun` (from `check_many()`), one `Report` or several: every exporter (`text`, `json`,
  `markdown`, `html`, `csv`, `sarif`, `junit` and the plugins' formats). Plain reports are wrapped
  in a run with their vision and every check of it, so SARIF lists its rules and reports name
  each check's title;
* a `Portfolio` (from `portfolio_of()`): `text`, `markdown`, `json`, `html`;
* a `ServiceDiff` (from `diff_of()`): `text`, `markdown`, `json`, `html`;
* a `Baseline` (from `baseline_of()`): `json`, the file `--baseline` reads.

An unknown format is a ValueError that names the known ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Union

from .model.check import Severity
from .model.report import Report
from .model.text import LANGUAGES, Language

if TYPE_CHECKING:
    from .analysis.baseline import Baseline
    from .model.diff import ServiceDiff
    from .model.portfolio import Portfolio
    from .model.run import CheckRun
    from .plugins.manager import Plugins

Renderable = Union["CheckRun", Report, Iterable[Report], "Portfolio", "ServiceDiff", "Baseline"]


def _pick(formats: dict[str, Callable[[], str | bytes]], format: str, what: str) -> str | bytes:
    if format not in formats:
        raise ValueError(f"unknown format {format!r} for {what}; known: {', '.join(sorted(formats))}")
    return formats[format]()


def _run(reports: Iterable[Report], fail_on: Severity, plugins: Plugins) -> CheckRun:
    from ._version import __version__
    from .api import all_checks, vision_of
    from .model.run import CheckRun

    taken = tuple(reports)
    vision = vision_of(taken, plugins)
    return CheckRun(reports=taken, vision=vision, checks=all_checks(vision, plugins), fail_on=fail_on,
                    plugin_failures=tuple(plugins.failures), version=__version__)


def render(what: Renderable, format: str = "text", lang: Language = "nl", *,
           fail_on: str | Severity | None = None, plugins: Plugins | None = None) -> str | bytes:
    """The report `what` in `format` and `lang`, as `--format` writes it: str, or bytes for a binary
    format. `fail_on` (for plain reports; default minor) sets what the report counts as failing."""
    from .api import default_plugins
    from .analysis.baseline import Baseline
    from .analysis.baseline import render as render_baseline
    from .model.diff import ServiceDiff
    from .model.portfolio import Portfolio
    from .model.run import CheckRun

    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    if isinstance(what, Portfolio):
        from .exporters import portfolio_report as p

        portfolio = what
        return _pick({"text": lambda: p.render_portfolio_text(portfolio, lang),
                      "markdown": lambda: p.render_portfolio_markdown(portfolio, lang),
                      "json": lambda: p.render_portfolio_json(portfolio, lang),
                      "html": lambda: p.render_portfolio_html(portfolio, lang)}, format, "a portfolio")
    if isinstance(what, ServiceDiff):
        from .exporters import diff_report as d

        diff = what
        return _pick({"text": lambda: d.render_diff_text(diff, lang), "markdown": lambda: d.render_diff_markdown(diff, lang),
                      "json": lambda: d.render_diff_json(diff, lang), "html": lambda: d.render_diff_html(diff, lang)},
                     format, "a diff")
    if isinstance(what, Baseline):
        baseline = what
        return _pick({"json": lambda: render_baseline(baseline)}, format, "a baseline")
    plugins = plugins or default_plugins()
    threshold = Severity(fail_on) if fail_on is not None else None
    if isinstance(what, CheckRun):
        run = what if threshold is None else _with_fail_on(what, threshold)
    elif isinstance(what, (str, bytes)) or not isinstance(what, (Report, Iterable)):
        raise TypeError(f"render() takes a CheckRun, Report(s), a Portfolio, a ServiceDiff or a Baseline, "
                        f"not {type(what).__name__}")
    else:
        run = _run([what] if isinstance(what, Report) else what, threshold or Severity.MINOR, plugins)
    exporters = plugins.exporters()
    if format not in exporters:
        raise ValueError(f"unknown format {format!r}; known: {', '.join(sorted(exporters))}")
    result = exporters[format].render(run, lang)
    if not isinstance(result, (str, bytes)):
        raise TypeError(f"the {format!r} exporter returned {type(result).__name__}, not str or bytes")
    return result


def _with_fail_on(run: CheckRun, fail_on: Severity) -> CheckRun:
    import attrs

    return attrs.evolve(run, fail_on=fail_on)
