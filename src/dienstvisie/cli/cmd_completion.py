"""`dienstvisie completion bash|zsh|tcsh`: print a shell completion script.

The script is generated from the same argparse parser the command uses, by shtab (a small,
maintained library that writes static scripts: nothing of dienstvisie runs while you press Tab,
unlike argcomplete, which starts Python for every completion). Subcommands, options and fixed
choices complete; paths, --output, --config, --rules and --baseline complete file names. Report
formats added by plugins are not known to a static script (`dienstvisie check --format` lists them).

    dienstvisie completion bash > ~/.local/share/bash-completion/completions/dienstvisie
    dienstvisie completion zsh > "${fpath[1]}/_dienstvisie"
"""

from __future__ import annotations

import argparse
from typing import Any

from ..model.text import Language
from .emit import emit
from .help import help_text

SHELLS: tuple[str, ...] = ("bash", "zsh", "tcsh")

_FILE_ARGUMENTS = frozenset({"paths", "file", "output", "config", "rules", "baseline", "old", "new"})
"""Destinations of arguments that name files: they complete file names."""


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("completion", parents=parents, help=help_text("completion", lang),
                                   description=help_text("completion.description", lang),
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shell", choices=SHELLS, help=help_text("completion.shell", lang))
    parser.add_argument("-o", "--output", help=help_text("output", lang))
    parser.set_defaults(run=run)


def _mark_files(parser: argparse.ArgumentParser, file_action: Any) -> None:
    """Let every argument that names a file complete file names, in every subcommand."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                _mark_files(sub, file_action)
        elif action.dest in _FILE_ARGUMENTS and not action.choices:
            action.complete = file_action  # type: ignore[attr-defined]


def run(args: argparse.Namespace) -> int:
    import shtab

    from .argparse_words import argparse_speaking
    from .main import build_parser

    with argparse_speaking(args.lang):  # the script's help for -h in the language asked for
        parser = build_parser(args.lang)
        _mark_files(parser, shtab.FILE)
        script = shtab.complete(parser, shell=args.shell)
    return emit(script, args.output, args.lang)
