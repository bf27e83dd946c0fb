"""Check and compile the interface's message catalogues (.po, edited by translators) into the .mo
files the package reads at run time, so that they cannot drift:

    python tools/catalogues.py            # check the .po files, refresh their comments, write the .mo files
    python tools/catalogues.py --check    # write nothing; exit 1 when anything is wrong or out of date

Each .po must read without a single error (a broken quote, a stray line), hold every (section, key)
once, and be complete: the other language's text stands above each entry as a comment (`#. en: …`),
refreshed here, so a translator sees what the entry says now. Babel (a development dependency)
compiles; the installed package needs only the standard library's gettext to read the result.
A developer tool: not part of the installed package.
"""

from __future__ import annotations

import argparse
import gettext
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "dienstvisie" / "locale"
LANGUAGES = ("nl", "en")
_WIDTH = 100
_LINE = re.compile(r'^(?:#.*|(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[[0-9]+\])?) )?"(?:[^"\\]|\\.)*"|)$')
_ENTRY = re.compile(r'^(?:msgctxt "((?:[^"\\]|\\.)*)"\n)?msgid "((?:[^"\\]|\\.)*)"\n', re.MULTILINE)


class CatalogueError(Exception):
    """A .po file that cannot be trusted: say which and where."""


def _po(locale: Path, lang: str) -> Path:
    return locale / lang / "LC_MESSAGES" / "dienstvisie.po"


def read(po: Path) -> Catalog:
    """The catalogue in `po`; CatalogueError for any line Babel cannot read or any entry twice."""
    text = po.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):  # Babel reads past a missing quote
        if not _LINE.match(line):
            raise CatalogueError(f"{po}:{number}: not a line of a .po file (a quote missing?): {line[:60]}")
    seen: set[tuple[str | None, str]] = set()
    for match in _ENTRY.finditer(text):
        key = (match.group(1), match.group(2))
        if key in seen and key[1]:
            where = text.count("\n", 0, match.start()) + 1
            raise CatalogueError(f"{po}:{where}: {key[0]} {key[1]!r} is in the file twice")
        seen.add(key)
    try:
        with po.open("rb") as handle:
            return read_po(handle, locale=po.parent.parent.name, domain=po.stem, abort_invalid=True)
    except Exception as error:  # babel's PoFileError, or a value it cannot take
        raise CatalogueError(f"{po}: {error}") from None


def compiled(po: Path) -> bytes:
    """The .mo bytes of one .po file (fuzzy entries left out, as gettext's msgfmt does)."""
    out = io.BytesIO()
    write_mo(out, read(po), use_fuzzy=False)
    return out.getvalue()


def _texts(catalogue: Catalog) -> dict[tuple[str | None, str], str]:
    return {(entry.context, entry.id if isinstance(entry.id, str) else entry.id[0]):
            entry.string if isinstance(entry.string, str) else " | ".join(entry.string or ())
            for entry in catalogue if entry.id}


def _words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def refreshed(locale: Path = LOCALE) -> dict[Path, str]:
    """The .po files whose comments are out of date, each with its text with the other language's
    text as the comment of every entry (the rest of the file as Babel writes it)."""
    catalogues = {lang: read(_po(locale, lang)) for lang in LANGUAGES}
    result = {}
    for lang in LANGUAGES:
        other = next(name for name in LANGUAGES if name != lang)
        texts = _texts(catalogues[other])
        catalogue = catalogues[lang]
        changed = False
        for entry in catalogue:
            if entry.id:
                key = (entry.context, entry.id if isinstance(entry.id, str) else entry.id[0])
                shown = texts.get(key) if entry.context != "argparse" else None  # argparse's ids are English
                comments = [f"{other}: {line}".rstrip() for line in shown.split("\n")] if shown is not None else []
                if _words(entry.auto_comments) != _words(comments):  # Babel wraps long comments
                    entry.auto_comments = comments
                    changed = True
        if changed:
            out = io.BytesIO()
            write_po(out, catalogue, width=_WIDTH, sort_output=False)
            text = out.getvalue().decode("utf-8")  # Babel splits the project's name off a version it lacks:
            result[_po(locale, lang)] = text.replace('"Project-Id-Version:  ', '"Project-Id-Version: ', 1)
    return result


def _mo_messages(mo: Path) -> dict[object, str] | None:
    if not mo.is_file():
        return None
    with mo.open("rb") as handle:
        return {key: text for key, text in gettext.GNUTranslations(handle)._catalog.items()  # type: ignore[attr-defined]
                if key != ""}  # the header names Babel's version: not content


def stale(locale: Path = LOCALE) -> list[Path]:
    """The files that `python tools/catalogues.py` would change: a .po whose comments are out of
    date, a .mo missing or holding other messages than its .po (compared by content, so another
    version of Babel compiling the same .po is not a change)."""
    changed = list(refreshed(locale))
    for lang in LANGUAGES:
        po = _po(locale, lang)
        mo = po.with_suffix(".mo")
        with io.BytesIO(compiled(po)) as handle:
            wanted = {key: text for key, text in gettext.GNUTranslations(handle)._catalog.items()  # type: ignore[attr-defined]
                      if key != ""}
        if _mo_messages(mo) != wanted:
            changed.append(mo)
    return changed


def write(locale: Path = LOCALE) -> list[Path]:
    """Refresh the comments of the .po files under `locale` and compile them; the files written."""
    written = []
    for po, text in refreshed(locale).items():
        po.write_text(text, encoding="utf-8")
        written.append(po)
    for lang in LANGUAGES:
        mo = _po(locale, lang).with_suffix(".mo")
        mo.write_bytes(compiled(_po(locale, lang)))
        written.append(mo)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/catalogues.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file is out of date")
    args = parser.parse_args(argv)
    try:
        if args.check:
            out_of_date = stale()
            for path in out_of_date:
                print(f"{path} is out of date: run python tools/catalogues.py", file=sys.stderr)
            return 1 if out_of_date else 0
        for path in write():
            print(path)
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
