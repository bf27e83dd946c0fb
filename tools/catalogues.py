"""Compile the interface's message catalogues (.po, edited by translators) into the .mo files the
package reads at run time, so that they cannot drift:

    python tools/catalogues.py            # (re)write src/dienstvisie/locale/*/LC_MESSAGES/dienstvisie.mo
    python tools/catalogues.py --check    # exit 1 when a .mo is missing or older than its .po

Babel (a development dependency) compiles; the installed package needs only the standard library's
gettext to read the result. A developer tool: not part of the installed package.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "dienstvisie" / "locale"


def compiled(po: Path) -> bytes:
    """The .mo bytes of one .po file (fuzzy entries left out, as gettext's msgfmt does)."""
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=po.parent.parent.name, domain=po.stem)
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def stale(locale: Path = LOCALE) -> list[Path]:
    """The .mo files that differ from what their .po compiles to."""
    return [po.with_suffix(".mo") for po in sorted(locale.glob("*/LC_MESSAGES/*.po"))
            if not po.with_suffix(".mo").is_file() or po.with_suffix(".mo").read_bytes() != compiled(po)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/catalogues.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a .mo is out of date")
    args = parser.parse_args(argv)
    if args.check:
        for mo in stale():
            print(f"{mo} is out of date: run python tools/catalogues.py", file=sys.stderr)
        return 1 if stale() else 0
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(po.with_suffix(".mo"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
