"""`dienstvisie rules [ID]`: list every check, or explain one with a failing and a passing snippet."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

from ..errors import EXIT_USAGE
from ..model.check import Check
from ..model.text import Language
from .help import help_text
from .streams import stdout


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("rules", parents=parents, help=help_text("rules", lang),
                                   description=help_text("rules", lang))
    parser.add_argument("check_id", nargs="?", metavar="ID", help=help_text("rules.id", lang))
    parser.add_argument("-f", "--format", choices=("text", "json", "markdown"), default="text",
                        help=help_text("vision.format", lang))
    parser.add_argument("--vision", help=help_text("check.vision", lang))
    parser.add_argument("--plugin", action="append", default=[], metavar="MODULE", help=help_text("plugin", lang))
    parser.add_argument("--no-plugins", action="store_true", help=help_text("no_plugins", lang))
    parser.add_argument("--disable", action="append", default=[], metavar="NAME", help=help_text("disable", lang))
    parser.set_defaults(run=run)


def check_data(check: Check) -> dict[str, Any]:
    """A check as JSON-ready data (both languages)."""
    from ..convert import unstructure

    return {
        "id": check.id,
        "title": unstructure(check.title),
        "principles": list(check.principles),
        "severity": check.severity.value,
        "origin": check.origin,
        "rationale": unstructure(check.rationale),
        "suggestion": unstructure(check.suggestion),
        "example_fail": check.example_fail,
        "example_pass": check.example_pass,
    }


def _explain(check: Check, lang: Language) -> str:
    words = {
        "principles": {"nl": "Principes", "en": "Principles"},
        "severity": {"nl": "Ernst", "en": "Severity"},
        "origin": {"nl": "Herkomst", "en": "Origin"},
        "why": {"nl": "Waarom", "en": "Why"},
        "what": {"nl": "Wat te doen", "en": "What to do"},
        "fails": {"nl": "Voldoet niet", "en": "Fails"},
        "passes": {"nl": "Voldoet", "en": "Passes"},
    }
    lines = [f"{check.id}  {check.title.get(lang)}", "",
             f"{words['principles'][lang]}: {', '.join(check.principles) or '-'}   "
             f"{words['severity'][lang]}: {check.severity.value}   {words['origin'][lang]}: {check.origin}", "",
             f"{words['why'][lang]}:"]
    lines += textwrap.wrap(check.rationale.get(lang), 88, initial_indent="  ", subsequent_indent="  ")
    lines += ["", f"{words['what'][lang]}:"]
    lines += textwrap.wrap(check.suggestion.get(lang), 88, initial_indent="  ", subsequent_indent="  ")
    for key, snippet in (("fails", check.example_fail), ("passes", check.example_pass)):
        if snippet:
            lines += ["", f"{words[key][lang]}:", textwrap.indent(snippet.rstrip(), "    ")]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..api import UnknownVisionError, all_checks, resolve_vision
    from ..plugins import load_plugins

    lang: Language = args.lang
    plugins = load_plugins(entry_points=not args.no_plugins, modules=args.plugin, disable=args.disable)
    try:
        vision = resolve_vision(args.vision, plugins)
    except UnknownVisionError as error:
        print(help_text("check.unknown_vision", lang).format(vision=error.vision_id, known=", ".join(error.known)),
              file=sys.stderr)
        return EXIT_USAGE
    checks = all_checks(vision, plugins)
    if args.check_id:
        found = [check for check in checks if check.id == args.check_id.upper()]
        if not found:
            from ..validation import nearest

            suggestion = nearest(args.check_id.upper(), [check.id for check in checks])
            print(help_text("rules.unknown", lang).format(id=args.check_id) +
                  (f" {help_text('rules.did_you_mean', lang).format(id=suggestion)}" if suggestion else ""),
                  file=sys.stderr)
            return EXIT_USAGE
        if args.format == "json":
            print(json.dumps(check_data(found[0]), ensure_ascii=False, indent=2), file=stdout())
        else:
            print(_explain(found[0], lang), end="", file=stdout())
        return 0
    if args.format == "json":
        print(json.dumps([check_data(check) for check in checks], ensure_ascii=False, indent=2), file=stdout())
        return 0
    if args.format == "markdown":
        from ..rules_reference import checks_markdown

        print(checks_markdown(vision, checks, lang), end="", file=stdout())
        return 0
    current = None
    for check in checks:
        group = check.principles[0] if check.principles else "-"
        if group != current:
            current = group
            title = vision.principle(group).title.get(lang) if group != "-" else help_text("rules.document", lang)
            print(f"\n{group}  {title}", file=stdout())
        print(f"  {check.id:<8} {check.severity.value:<9} {check.title.get(lang)}  [{check.origin}]", file=stdout())
    return 0
