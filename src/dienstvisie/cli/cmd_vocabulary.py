"""`dienstvisie vocabulary [data-items|life-events|situations] [--format text|json|markdown]`:
the ids a service concept can use, their names, and the registers that hold them (the lists the
once-only and proactivity checks rest on), from the shipped vocabularies and installed plugins."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..model.text import Language
from .emit import emit
from .help import help_text

FORMATS = ("text", "json", "markdown")


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    from ..exporters.vocabulary import KINDS

    parser = subparsers.add_parser("vocabulary", parents=parents, help=help_text("vocabulary", lang),
                                   description=help_text("vocabulary", lang))
    parser.add_argument("kind", nargs="?", choices=KINDS, help=help_text("vocabulary.kind", lang))
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help=help_text("vocabulary.format", lang))
    parser.add_argument("--no-plugins", action="store_true", help=help_text("no_plugins", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..exporters.vocabulary import KINDS, vocabulary_json, vocabulary_markdown, vocabulary_text
    from ..plugins.manager import load_plugins

    lang: Language = args.lang
    plugins = load_plugins(entry_points=not args.no_plugins)
    vocabularies = plugins.vocabularies()
    for failure in plugins.failures:  # a faulty plugin is reported; the shipped lists still show
        print(help_text("plugin.failure", lang).format(plugin=failure.plugin, hook=failure.hook,
                                                      message=failure.message), file=sys.stderr)
    kinds = (args.kind,) if args.kind else KINDS
    if args.format == "json":
        text = vocabulary_json(vocabularies, kinds)
    elif args.format == "markdown":
        text = vocabulary_markdown(vocabularies, kinds, lang)
    else:
        text = vocabulary_text(vocabularies, kinds, lang)
    return emit(text, args.output, lang)
