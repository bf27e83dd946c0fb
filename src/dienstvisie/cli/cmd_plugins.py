"""`dienstvisie plugins`: every plugin with its origin, version, hooks, what it adds, and its failures.

Exit 0 when every plugin loaded and every hook worked, 1 when some plugin failed (the list still
shows everything else), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from ..errors import EXIT_FINDINGS, EXIT_OK
from ..i18n import Section
from ..model.text import Language
from .help import help_text
from .streams import stdout

if TYPE_CHECKING:
    from ..plugins.manager import Plugins, PluginSummary

_LABELS = Section("plugins")
"""`_LABELS[key][lang]`, a text: section "plugins" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("plugins", parents=parents, help=help_text("plugins", lang),
                                   description=help_text("plugins", lang))
    parser.add_argument("-f", "--format", choices=("text", "json"), default="text", help=help_text("plugins.format", lang))
    parser.add_argument("--plugin", action="append", default=[], metavar="MODULE", help=help_text("plugin", lang))
    parser.add_argument("--no-plugins", action="store_true", help=help_text("no_plugins", lang))
    parser.add_argument("--disable", action="append", default=[], metavar="NAME", help=help_text("disable", lang))
    parser.set_defaults(run=run)


def summary_data(summary: PluginSummary) -> dict[str, Any]:
    """One plugin as JSON-ready data."""
    info = summary.info
    return {
        "name": info.name,
        "origin": info.origin,
        "version": info.version,
        "hooks": list(info.hooks),
        "visions": list(summary.visions),
        "checks": {vision: count for vision, count in summary.checks if count},
        "rulesets": list(summary.rulesets),
        "exporters": list(summary.exporters),
        "vocabularies": list(summary.vocabularies),
        "failures": [{"hook": failure.hook, "message": failure.message} for failure in summary.failures],
    }


def _label(key: str, lang: Language) -> str:
    return _LABELS[key][lang] if key in _LABELS else key


def render_text(summaries: list[PluginSummary], plugins: Plugins, lang: Language, *, debug: bool = False) -> str:
    """The plugin list as text for a person."""
    none = help_text("plugins.none", lang)
    width = max(len(_label(key, lang)) for key in ("hooks", "visions", "checks", "rulesets", "exporters", "vocabularies"))
    lines: list[str] = []
    for summary in summaries:
        info = summary.info
        lines.append(f"{info.name}  {info.version or '-'}  ({_label(info.origin, lang)})")
        checks = ", ".join(f"{vision}: {count}" for vision, count in summary.checks if count)
        rows = (
            ("hooks", ", ".join(hook.removeprefix("dienstvisie_") for hook in info.hooks)),
            ("visions", ", ".join(summary.visions)),
            ("checks", checks),
            ("rulesets", ", ".join(summary.rulesets)),
            ("exporters", ", ".join(summary.exporters)),
            ("vocabularies", ", ".join(summary.vocabularies)),
        )
        for key, value in rows:
            lines.append(f"  {_label(key, lang) + ':':<{width + 1}} {value or none}")
        for failure in summary.failures:
            message = failure.message.replace("\n", "\n      ")
            lines.append(f"  {_label('failures', lang)}: {failure.hook}: {message}")
            if debug and failure in plugins.tracebacks:
                lines.append("    " + plugins.tracebacks[failure].rstrip().replace("\n", "\n    "))
        lines.append("")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..plugins.manager import load_plugins

    lang: Language = args.lang
    plugins = load_plugins(entry_points=not args.no_plugins, modules=args.plugin, disable=args.disable)
    summaries = plugins.summaries()
    if args.format == "json":
        data = {
            "plugins": [summary_data(summary) for summary in summaries],
            "failures": [{"plugin": f.plugin, "hook": f.hook, "message": f.message} for f in plugins.failures],
        }
        stdout().write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        stdout().write(render_text(summaries, plugins, lang, debug=args.debug))
    return EXIT_FINDINGS if plugins.failures else EXIT_OK
