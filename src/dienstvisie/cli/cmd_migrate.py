"""`dienstvisie migrate FILE... [-o OUT | --in-place]`: service concepts in format 2, comments kept.

Every file is read, validated and converted in memory first; only when all of them are fine is
anything written (each file atomically), so a failed run leaves every file as it was.
Exit 0 done, 1 an invalid document, 2 unreadable, unwritable or a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import EXIT_OK, EXIT_USAGE, DocumentError, SourceError
from ..i18n import os_reason
from ..model.text import Language
from .console import report_error
from .help import help_text
from .streams import stdout

_OTHER_DOCUMENTS = ("dienstvisie_vision", "dienstvisie_ruleset", "dienstvisie_vocabulary")


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("migrate", parents=parents, help=help_text("migrate", lang),
                                   description=help_text("migrate.description", lang))
    parser.add_argument("files", nargs="+", metavar="PATH", help=help_text("migrate.files", lang))
    parser.add_argument("-o", "--output", metavar="OUT", help=help_text("migrate.output", lang))
    parser.add_argument("--in-place", action="store_true", help=help_text("migrate.in_place", lang))
    parser.set_defaults(run=run)


def _convert(file: str, lang: Language, found_in_folder: bool = False) -> tuple[str, str] | int | None:
    """(original text, format-2 text) of one file, the exit code of its failure (reported), or None
    for a vision, rule set or vocabulary found in a folder (skipped: only service concepts migrate)."""
    from ..documents.load import parse, parse_service, read_text
    from ..documents.migrate import needs_migration
    from ..documents.migrate_text import migrate_text

    try:
        text = read_text(file)
        data = parse(text, file).data
        if isinstance(data, dict) and any(key in data for key in _OTHER_DOCUMENTS):
            print(help_text("migrate.skipped" if found_in_folder else "migrate.not_a_service", lang).format(file=file),
                  file=sys.stderr)
            return None if found_in_folder else EXIT_USAGE
        parsed, _ = parse_service(text, file)
    except (SourceError, DocumentError) as error:  # unreadable: 2, invalid: 1 (the error's exit code)
        report_error(error, lang)
        return error.exit_code
    if not needs_migration(parsed.data):
        print(help_text("migrate.current", lang).format(file=file), file=sys.stderr)
        return text, text
    migrated = migrate_text(text, parsed.data, lambda new: parse(new, file).data, is_json=file.lower().endswith(".json"))
    parse_service(migrated.text, file)  # the result is a valid format-2 document, or this is a bug
    if not migrated.comments_kept:
        print(help_text("migrate.anew", lang).format(file=file), file=sys.stderr)
    return text, migrated.text


def _targets(files: list[str], args: argparse.Namespace, lang: Language) -> list[str | None] | None:
    """Where each file's result goes (None: the screen), or None after a reported usage error."""
    if args.in_place:
        return list(files)
    if args.output is None or args.output == "-":
        if len(files) == 1:
            return [None]
        print(help_text("migrate.several", lang), file=sys.stderr)
        return None
    if len(files) == 1 and not os.path.isdir(args.output):
        return [args.output]
    if not os.path.isdir(args.output):
        print(help_text("migrate.not_a_folder", lang).format(path=args.output), file=sys.stderr)
        return None
    names = [Path(file).name for file in files]
    for name in names:
        if names.count(name) > 1:
            print(help_text("migrate.same_name", lang).format(name=name, path=args.output), file=sys.stderr)
            return None
    return [os.path.join(args.output, name) for name in names]


def run(args: argparse.Namespace) -> int:
    lang: Language = args.lang
    if args.in_place and args.output is not None:
        print(help_text("migrate.both", lang), file=sys.stderr)
        return EXIT_USAGE
    from ..documents.discover import discover

    named: list[tuple[str, bool]] = []  # (file, found in a folder)
    code = EXIT_OK
    for raw in args.files:
        try:
            named += [(os.fspath(path), os.path.isdir(raw)) for path in discover([raw])]
        except SourceError as error:
            report_error(error, lang)
            code = EXIT_USAGE
    converted: list[tuple[str, tuple[str, str]]] = []
    for file, in_folder in named:
        outcome = _convert(file, lang, in_folder)
        if isinstance(outcome, int):
            code = max(code, outcome)
        elif outcome is not None:
            converted.append((file, outcome))
    if code != EXIT_OK:
        print(help_text("migrate.nothing_written", lang), file=sys.stderr)
        return code
    files = [file for file, _ in converted]
    results = [result for _, result in converted]
    targets = _targets(files, args, lang)
    if targets is None:
        return EXIT_USAGE
    return _write(files, targets, results, args.in_place, lang)


def _write(files: list[str], targets: list[str | None], results: list[tuple[str, str]], in_place: bool,
           lang: Language) -> int:
    """Write every result: all files are written to temporary files first and put in place only
    when every one of them could be written, so a full disk or a read-only folder changes nothing."""
    from ..documents.write import AtomicFile

    pending: list[tuple[str, str, AtomicFile]] = []
    try:
        for file, target, (original, text) in zip(files, targets, results):
            if target is None:
                stdout().write(text)
            elif not (in_place and text == original):
                if os.path.isdir(target):  # found now, not when it is put in place after the others
                    raise IsADirectoryError(21, os.strerror(21), target)
                handle = AtomicFile(target)
                pending.append((file, target, handle))
                handle.write(text)
    except OSError as error:
        for _, _, handle in pending:
            handle.discard()
        word = help_text("cannot_write", lang)
        print(f"{getattr(error, 'filename', None) or ''}: {word}: {os_reason(error).get(lang)}", file=sys.stderr)
        print(help_text("migrate.nothing_written", lang), file=sys.stderr)
        return EXIT_USAGE
    for file, target, handle in pending:
        handle.commit()
        where = "" if in_place else f" → {target}"
        print(help_text("migrate.done", lang).format(file=file, where=where), file=sys.stderr)
    return EXIT_OK
