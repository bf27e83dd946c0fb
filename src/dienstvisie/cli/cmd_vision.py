"""`dienstvisie vision`: show the vision a service is held to, as text, JSON, Markdown or an HTML handout."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import DocumentError, SourceError
from ..model.text import Language
from .console import report_error
from .emit import emit
from .help import help_text

FORMATS = ("text", "json", "markdown", "html")


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("vision", parents=parents, help=help_text("vision", lang),
                                   description=help_text("vision", lang))
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help=help_text("vision.format", lang))
    parser.add_argument("--file", metavar="PATH", help=help_text("vision.file", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.add_argument("--list", action="store_true", help=help_text("vision.list", lang))
    from .theme_options import add_theme_options

    add_theme_options(parser, lang)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .._version import __version__
    from ..documents.load import load_vision
    from ..exporters.vision import vision_json, vision_markdown, vision_text
    from .emit import refuse_input_as_output

    if args.list:
        return list_visions(args)
    refused = refuse_input_as_output(args.output, [args.file], args.lang)
    if refused is not None:
        return refused
    try:
        vision = load_vision(args.file)
    except (DocumentError, SourceError) as error:
        report_error(error, args.lang)
        return error.exit_code
    if args.format == "json":
        text = vision_json(vision)
    elif args.format == "markdown":
        text = vision_markdown(vision, args.lang)
    elif args.format == "html":
        from ..exporters.html_report import render_vision_html
        from .theme_options import theme_of

        theme = theme_of(args, None, args.lang)
        if isinstance(theme, int):
            return theme
        text = render_vision_html(vision, args.lang, version=__version__, theme=theme)
    else:
        text = vision_text(vision, args.lang)
    return emit(text, args.output, args.lang)


# -- `--list`: every installed vision, from the built-ins and plugins (issue 4) --------------------
def list_visions(args: argparse.Namespace) -> int:
    """Id, title, version, provenance status and origin (the plugin that added it) of every vision."""
    import json
    import sys

    from ..plugins.manager import load_plugins

    lang: Language = args.lang
    plugins = load_plugins()
    visions = plugins.visions()
    origins = plugins.vision_origins()
    for failure in plugins.failures:
        if failure.hook in ("dienstvisie_visions", "load", "register"):
            from ..exporters.safe_text import terminal_safe

            print(help_text("plugin.failure", lang).format(plugin=failure.plugin, hook=failure.hook,
                                                          message=terminal_safe(failure.message)), file=sys.stderr)
    rows = [{"id": v.id, "title": v.title.get(lang), "version": v.version, "status": v.provenance.status,
             "origin": origins.get(v.id, "-")} for v in visions.values()]
    if args.format == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2)
    elif args.format == "markdown":
        columns = ("id", "title", "version", "status", "origin")
        lines = ["| " + " | ".join(help_text(f"vision.column.{column}", lang) for column in columns) + " |",
                 "|---|---|---|---|---|"]
        lines += [f"| {r['id']} | {r['title']} | {r['version']} | {r['status']} | {r['origin']} |" for r in rows]
        text = "\n".join(lines)
    else:
        widths = {key: max((len(str(r[key])) for r in rows), default=0) for key in ("id", "title", "version", "status")}
        text = "\n".join(f"{r['id']:<{widths['id']}}  {r['title']:<{widths['title']}}  {r['version']:<{widths['version']}}  "
                         f"{r['status']:<{widths['status']}}  {r['origin']}" for r in rows)
    return emit(text, args.output, lang)
