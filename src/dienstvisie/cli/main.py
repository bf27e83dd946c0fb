"""Entry point of the `dienstvisie` command.

Arguments are parsed before anything heavy is imported, so `--version` and `--help` start fast.
`--version` imports nothing at all beyond this module and the version (not even `typing`, `argparse`
or `attrs`): it answers within about the time a bare `python -c pass` takes (see docs/performance.md).
Every subcommand lives in its own module with `add_parser()` and `run()`.
"""

from __future__ import annotations

import sys

from .._version import __version__

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing would cost --version a few milliseconds
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from ..model.text import Language

COMMANDS: tuple[str, ...] = ("check", "portfolio", "baseline", "diff", "validate", "migrate", "vision", "rules", "schema", "new",
                            "vocabulary", "plugins", "new-plugin", "import", "completion")


def command_module(name: str) -> str:
    """The module of a subcommand: `new-plugin` lives in `cmd_new_plugin`."""
    return f".cmd_{name.replace('-', '_')}"


def _language(argv: Sequence[str]) -> Language:
    """The language for help texts, from --lang in argv or DIENSTVISIE_LANG (default Dutch)."""
    from ..i18n import language_from_environment
    from ..model.text import LANGUAGES

    for index, arg in enumerate(argv):
        option, equals, given = arg.partition("=")
        if not (len(option) >= 4 and "--lang".startswith(option)):  # argparse takes --lan and --la too
            continue
        value = given if equals else (argv[index + 1] if index + 1 < len(argv) else None)
        for known in LANGUAGES:
            if value == known:
                return known
    return language_from_environment()


def build_parser(lang: Language) -> argparse.ArgumentParser:
    """The argument parser with every subcommand, its help in `lang`."""
    import argparse
    from importlib import import_module

    from ..model.text import LANGUAGES
    from .help import help_text

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default=None, help=help_text("lang", lang))
    common.add_argument("--debug", action="store_true", help=help_text("debug", lang))
    parser = argparse.ArgumentParser(
        prog="dienstvisie", description=help_text("description", lang),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dienstvisie {__version__}", help=help_text("version", lang))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = import_module(command_module(name), __package__)
        module.add_parser(subparsers, [common], lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 findings/invalid, 2 usage or I/O, 130
    interrupted, 141 when the reader of stdout went away). A bare `dienstvisie` prints the help (exit 2)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in ("--version", "-V"):
        print(f"dienstvisie {__version__}")
        return 0
    from ..errors import EXIT_USAGE
    from .argparse_words import argparse_speaking
    from .help import HELP

    lang = _language(args_list)
    with argparse_speaking(lang):  # argparse's own words ("usage:", "error:") in that language too
        parser = build_parser(lang)
        try:
            args = parser.parse_args(args_list)
        except SystemExit as stop:
            return int(stop.code or 0) if stop.code in (0, None) else EXIT_USAGE
        if args.command is None:  # a bare `dienstvisie`: the options shared by the subcommands are not set
            parser.print_help()
            return EXIT_USAGE
    from .safe_logging import install

    install()
    args.lang_given = args.lang is not None
    args.lang = args.lang or lang
    from .streams import report_only_on_stdout

    try:
        with report_only_on_stdout():  # a plugin that prints cannot corrupt the report
            code: int = args.run(args)
    except KeyboardInterrupt:
        print("\n" + HELP["interrupted"][args.lang], file=sys.stderr)
        return 130
    except BrokenPipeError:  # `dienstvisie check … | head -1`: the reader has gone; stop quietly
        return quiet_broken_pipe()
    except Exception as error:  # the last line of defence: never a traceback unless --debug
        if args.debug:
            raise
        from ..exporters.safe_text import terminal_safe

        print(HELP["internal_error"][args.lang].format(error=terminal_safe(f"{type(error).__name__}: {error}")),
              file=sys.stderr)
        return EXIT_USAGE + 1
    return code


EXIT_BROKEN_PIPE = 141
"""The exit code when the reader of the output went away: 128 + SIGPIPE, what a shell reports for a
program that SIGPIPE stopped (`cat big | head -1`), so `set -o pipefail` still tells it apart."""


def quiet_broken_pipe() -> int:
    """Point stdout at the null device, so that flushing it at exit raises no second BrokenPipeError
    (Python would print "Exception ignored … BrokenPipeError"), and return EXIT_BROKEN_PIPE."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout without a file descriptor (captured in a test)
        pass
    return EXIT_BROKEN_PIPE


def entry() -> None:
    """Console-script wrapper that exits with main()'s code. A crash in C code (a plugin's
    extension, a segmentation fault) prints where it happened instead of ending without a word."""
    import faulthandler  # built in: costs --version nothing measurable

    if sys.stderr is not None:
        try:
            faulthandler.enable(sys.stderr)
        except (AttributeError, OSError, ValueError):  # no real stderr
            pass
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
