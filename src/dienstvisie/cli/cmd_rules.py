"""`dienstvisie rules [ID]`: list every check with its status, or explain one with a failing and a
passing snippet. Removed ids are listed too (they live on in baselines and explanations), with what
replaced them; `dienstvisie rules ID` of a removed id says so."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

import attrs

from ..errors import EXIT_USAGE
from ..i18n import Section
from ..model.check import Check, CheckStatus
from ..model.check_id import CheckId
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


def check_data(check: Check, entry: CheckId | None = None) -> dict[str, Any]:
    """A check as JSON-ready data (both languages), with its status and (from its entry in the
    table of check ids) what replaces it."""
    from ..documents.structure import unstructure

    return {
        "id": check.id,
        "title": unstructure(check.title),
        "principles": list(check.principles),
        "severity": check.severity.value,
        "origin": check.origin,
        "status": check.status.value,
        "replaced_by": list(entry.replaced_by) if entry else [],
        "rationale": unstructure(check.rationale),
        "suggestion": unstructure(check.suggestion),
        "example_fail": check.example_fail,
        "example_pass": check.example_pass,
    }


def removed_data(entry: CheckId) -> dict[str, Any]:
    """A removed id as JSON-ready data: the keys of a check, with what is gone left empty."""
    from ..documents.structure import unstructure

    return {
        "id": entry.id,
        "title": unstructure(entry.title) if entry.title else None,
        "principles": [],
        "severity": None,
        "origin": None,
        "status": entry.status.value,
        "replaced_by": list(entry.replaced_by),
        "since": entry.since,
        "note": unstructure(entry.note) if entry.note else None,
    }


_WORDS = Section("rules")
"""`_WORDS[key][lang]`: the headings of `dienstvisie rules ID` (section "rules" of the catalogues)."""


def _explain(check: Check, lang: Language, entry: CheckId | None = None) -> str:
    lines = [f"{check.id}  {check.title.get(lang)}", "",
             f"{_WORDS['principles'][lang]}: {', '.join(check.principles) or '-'}   "
             f"{_WORDS['severity'][lang]}: {check.severity.value}   {_WORDS['origin'][lang]}: {check.origin}   "
             f"{help_text('rules.status', lang)}: {check.status.value}", ""]
    if check.status is not CheckStatus.STABLE:
        described = attrs.evolve(entry, status=check.status) if entry else CheckId(check.id, check.status)
        lines += [described.describe().get(lang), ""]
    lines += [f"{_WORDS['why'][lang]}:"]
    lines += textwrap.wrap(check.rationale.get(lang), 88, initial_indent="  ", subsequent_indent="  ")
    lines += ["", f"{_WORDS['what'][lang]}:"]
    lines += textwrap.wrap(check.suggestion.get(lang), 88, initial_indent="  ", subsequent_indent="  ")
    for key, snippet in (("fails", check.example_fail), ("passes", check.example_pass)):
        if snippet:
            lines += ["", f"{_WORDS[key][lang]}:", textwrap.indent(snippet.rstrip(), "    ")]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..engine.check_ids import removed_ids
    from ..pipeline.checker import UnknownVisionError, all_checks, resolve_vision
    from ..plugins.manager import load_plugins

    lang: Language = args.lang
    plugins = load_plugins(entry_points=not args.no_plugins, modules=args.plugin, disable=args.disable)
    try:
        vision = resolve_vision(args.vision, plugins)
    except UnknownVisionError as error:
        from .cmd_check import say_install_hint

        print(help_text("check.unknown_vision", lang).format(vision=error.vision_id, known=", ".join(error.known)),
              file=sys.stderr)
        say_install_hint("vision", error.vision_id, lang)
        return EXIT_USAGE
    checks = all_checks(vision, plugins)
    table = plugins.check_ids()
    removed = removed_ids(table, checks)
    if args.check_id:
        found = [check for check in checks if check.id == args.check_id.upper()]
        gone = [entry for entry in removed if entry.id == args.check_id.upper()]
        if gone:
            if args.format == "json":
                print(json.dumps(removed_data(gone[0]), ensure_ascii=False, indent=2), file=stdout())
            else:
                title = f"  {gone[0].title.get(lang)}" if gone[0].title else ""
                print(f"{gone[0].id}{title}\n\n{gone[0].describe().get(lang)}", file=stdout())
            return 0
        if not found:
            from ..documents.validate import nearest

            suggestion = nearest(args.check_id.upper(), [check.id for check in checks])
            print(help_text("rules.unknown", lang).format(id=args.check_id) +
                  (f" {help_text('rules.did_you_mean', lang).format(id=suggestion)}" if suggestion else ""),
                  file=sys.stderr)
            return EXIT_USAGE
        if args.format == "json":
            print(json.dumps(check_data(found[0], table.get(found[0].id)), ensure_ascii=False, indent=2), file=stdout())
        else:
            print(_explain(found[0], lang, table.get(found[0].id)), end="", file=stdout())
        return 0
    if args.format == "json":
        print(json.dumps([check_data(check, table.get(check.id)) for check in checks] +
                         [removed_data(entry) for entry in removed], ensure_ascii=False, indent=2), file=stdout())
        return 0
    if args.format == "markdown":
        from ..exporters.checks_reference import checks_markdown

        print(checks_markdown(vision, checks, lang, check_ids=table), end="", file=stdout())
        return 0
    current = None
    for check in checks:
        group = check.principles[0] if check.principles else "-"
        if group != current:
            current = group
            title = vision.principle(group).title.get(lang) if group != "-" else help_text("rules.document", lang)
            print(f"\n{group}  {title}", file=stdout())
        replaced = table.get(check.id)
        instead = f"  -> {', '.join(replaced.replaced_by)}" if replaced and replaced.replaced_by else ""
        print(f"  {check.id:<8} {check.severity.value:<9} {check.status.value:<11} {check.title.get(lang)}  "
              f"[{check.origin}]{instead}", file=stdout())
    if removed:
        print(f"\n{help_text('rules.removed', lang)}", file=stdout())
        for entry in removed:
            print(f"  {entry.id:<8} {'':<9} {entry.status.value:<11} {entry.describe().get(lang)}", file=stdout())
    return 0
