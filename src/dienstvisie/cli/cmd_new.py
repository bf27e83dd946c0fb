"""`dienstvisie new --life-event ID`: print a commented starter service concept that validates."""

from __future__ import annotations

import argparse
import re
from typing import Any

from ..model.text import Language
from .emit import emit
from .help import help_text

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise argparse.ArgumentTypeError(f"'{value}': a-z, 0-9, '-', '_', '.'")
    return value


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("new", parents=parents, help=help_text("new", lang), description=help_text("new", lang))
    parser.add_argument("--life-event", required=True, type=_slug, metavar="ID", help=help_text("new.life_event", lang))
    parser.add_argument("--id", type=_slug, help=help_text("new.id", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..documents.load import shipped_vocabularies
    from ..documents.starter import starter_document

    file = args.output if args.output not in (None, "-") else None  # the header names the file written
    return emit(starter_document(args.life_event, args.id, shipped_vocabularies(), args.lang, file=file),
                args.output, args.lang)
