"""`dienstvisie schema NAME`: print one of the shipped JSON Schemas."""

from __future__ import annotations

import argparse
from typing import Any

from ..model.text import Language
from ..schemas import SCHEMA_NAMES, available_schemas, schema_text
from .emit import emit
from .help import help_text


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("schema", parents=parents, help=help_text("schema", lang),
                                   description=help_text("schema", lang))
    parser.add_argument("name", choices=[n for n in SCHEMA_NAMES if n in available_schemas()],
                        help=help_text("schema.name", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return emit(schema_text(args.name), args.output, args.lang)
