"""`dienstvisie new --life-event ID | --situation ID`: a commented starter service concept that
validates and passes its own checks; what is still to do is marked TODO.

Written to `-o FILE` (atomically, with a confirmation line on stderr naming the file and the next
command) or printed. The header names the file the document goes to, so the commands in it work.
"""

from __future__ import annotations

import argparse
import re
import sys
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
    subject = parser.add_mutually_exclusive_group(required=True)
    subject.add_argument("--life-event", type=_slug, metavar="ID", help=help_text("new.life_event", lang))
    subject.add_argument("--situation", type=_slug, metavar="ID", help=help_text("new.situation", lang))
    parser.add_argument("--id", type=_slug, help=help_text("new.id", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..documents.load import shipped_vocabularies
    from ..documents.starter import starter_document

    vocabularies = shipped_vocabularies()
    lang: Language = args.lang
    file = args.output if args.output not in (None, "-") else None  # the header names the file written
    known = vocabularies.life_event(args.life_event) if args.life_event else vocabularies.situation(args.situation)
    if known is None:  # allowed (own terms are), but say so: a typo would otherwise go unnoticed
        kind = "life-events" if args.life_event else "situations"
        print(help_text("new.unknown", lang).format(id=args.life_event or args.situation, kind=kind), file=sys.stderr)
    text = starter_document(args.life_event, args.id, vocabularies, lang, file=file, situation=args.situation)
    code = emit(text, args.output, lang)
    if code == 0 and file is not None:
        print(help_text("new.written", lang).format(file=file), file=sys.stderr)
    return code
