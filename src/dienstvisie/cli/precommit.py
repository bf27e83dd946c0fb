"""`dienstvisie-pre-commit [check options] FILE...`: the pre-commit hook (see .pre-commit-hooks.yaml).

pre-commit hands a hook every changed file of the types it asks for: for YAML and JSON that is
also the CI configuration, `mkdocs.yml`, rule sets, baselines and reports. A service concept says
what it is in its first key (`dienstvisie: "1"`), so of the files handed over only those that
declare it are checked, with `dienstvisie check`; the others are skipped, named on stderr. The
options before the files go to `check` as they are (`args: [--fail-on, major]` in the
pre-commit configuration). Nothing to check: exit 0 and no report. Otherwise the exit code is
check's: 0 ok, 1 a service falls short, 2 unusable input.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

_DECLARATION = re.compile(rb"""(?m)^["']?dienstvisie["']?[ \t]*:|"dienstvisie"\s*:""")
"""A top-level `dienstvisie:` key in YAML (not indented), or the key "dienstvisie" in JSON."""

_HEAD = 64 * 1024
"""How much of a file is read to find the declaration: it is the first key of every service concept."""


def declares_service_concept(path: str) -> bool | None:
    """Does the file declare itself a service concept? None when it cannot be read (let check say why)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return None
    return _DECLARATION.search(head) is not None


def split_arguments(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(check's options, the files pre-commit appended): the files are the positional arguments
    at the end, as check's own parser reads them."""
    import contextlib
    import io

    from .main import _language, build_parser

    parser = build_parser(_language(argv))
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            args = parser.parse_args(["check", *argv])
    except SystemExit:  # a bad option: check itself says so
        return list(argv), []
    paths = list(args.paths)
    if paths and list(argv[-len(paths):]) == paths:
        return list(argv[:-len(paths)]), paths
    return [token for token in argv if token not in paths], paths


def main(argv: Sequence[str] | None = None) -> int:
    from .help import help_text
    from .main import _language
    from .main import main as dienstvisie

    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        return 0
    options, files = split_arguments(arguments)
    if not files:  # no files, or options check does not know: check says what is wrong
        return dienstvisie(["check", *options])
    concepts = [file for file in files if declares_service_concept(file) is not False]
    skipped = [file for file in files if file not in concepts]
    if skipped:
        word = help_text("precommit.skipped", _language(options))
        print(f"dienstvisie: {word}: {', '.join(skipped)}", file=sys.stderr)
    if not concepts:
        return 0
    return dienstvisie(["check", *options, *concepts])


def entry() -> None:
    """Console-script wrapper that exits with main()'s code."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
