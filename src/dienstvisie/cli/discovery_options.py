"""The options that say which files a folder walk takes, shared by check, portfolio, baseline and
validate, and the note on stderr about the files it skipped.

`--exclude`, `--extend-exclude` and `--no-respect-gitignore` work as in ruff and override the
configuration's `exclude`, `extend-exclude` and `respect-gitignore`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import TYPE_CHECKING

from ..model.text import Language
from .help import help_text

if TYPE_CHECKING:
    from ..documents.discover import Found
    from ..documents.exclusion import Exclusions
    from .config import Config


def add_discovery_options(parser: argparse.ArgumentParser, lang: Language) -> None:
    parser.add_argument("--exclude", action="append", default=None, metavar="PATTERN",
                        help=help_text("discovery.exclude", lang))
    parser.add_argument("--extend-exclude", action="append", default=[], metavar="PATTERN",
                        help=help_text("discovery.extend_exclude", lang))
    parser.add_argument("--no-respect-gitignore", action="store_true", help=help_text("discovery.no_gitignore", lang))
    parser.add_argument("--show-skipped", action="store_true", help=help_text("discovery.show_skipped", lang))


def exclusions_of(args: argparse.Namespace, config: Config) -> Exclusions:
    """The flags over the configuration: --exclude replaces `exclude`, the extend lists add up."""
    from ..documents.exclusion import Patterns, exclusions

    if args.exclude is not None:
        exclude, base = args.exclude, "."
    else:
        exclude, base = config.exclude, config.folder
    respect = False if args.no_respect_gitignore else (config.respect_gitignore is not False)
    return exclusions(exclude=exclude, exclude_base=base, respect_gitignore=respect, extend=(
        Patterns(config.extend_exclude, config.folder), Patterns(tuple(args.extend_exclude), ".")))


def say_skipped(found: Found, lang: Language, *, show: bool, validate: bool = False) -> None:
    """One line on stderr on what was skipped below the folders, by kind; with `show`, every file.
    (`validate`: the words of `dienstvisie validate`, which takes every dienstvisie document.)"""
    if not found.skipped:
        return
    kinds = Counter(item.kind or "none" for item in found.skipped)
    parts = ", ".join(f"{help_text('discovery.kind.' + kind, lang)}: {count}" for kind, count in sorted(kinds.items()))
    print(help_text("discovery.skipped" + (".validate" if validate else ""), lang).format(count=len(found.skipped), kinds=parts), file=sys.stderr)
    if show:
        for item in found.skipped:
            print(f"  {item.path} ({help_text('discovery.kind.' + (item.kind or 'none'), lang)})", file=sys.stderr)
    else:
        print(help_text("discovery.skipped_hint" + (".validate" if validate else ""), lang), file=sys.stderr)
