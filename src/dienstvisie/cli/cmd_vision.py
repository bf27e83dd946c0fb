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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .._version import __version__
    from ..loading import load_vision
    from ..vision_render import vision_json, vision_markdown, vision_text

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

        text = render_vision_html(vision, args.lang, version=__version__)
    else:
        text = vision_text(vision, args.lang)
    return emit(text, args.output, args.lang)
