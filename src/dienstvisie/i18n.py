"""The user interface's messages, in Dutch (the default) and English.

Every message the library or the command line shows a person comes from one gettext catalogue per
language: `locale/<lang>/LC_MESSAGES/dienstvisie.po`, a file a translator edits (with Poedit, Weblate or
any text editor), compiled by `python tools/catalogues.py` into the `.mo` file read here with the
standard library's `gettext`. Each part of the interface is a *section* (a gettext context, `msgctxt`)
whose message ids are stable keys such as `source.missing`; a test proves that every key exists in
both languages with the same placeholders, argparse's own words included. Domain content (the vision,
the checks, rule sets) stays bilingual `Text` in its own data.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any, Generic, TypeVar

from .model.text import DEFAULT_LANGUAGE, LANGUAGES, Language, Text

_DOMAIN = "dienstvisie"
_T = TypeVar("_T", str, tuple[str, ...])


class _Catalogue(gettext.GNUTranslations):
    """One language's compiled catalogue, its messages grouped by section for lookup and iteration."""

    def sections(self) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, tuple[str, ...]]]]:
        """(the single messages, the plural ones with every form the language has) by section, then key."""
        single: dict[str, dict[str, str]] = {}
        forms: dict[str, dict[str, dict[int, str]]] = {}
        # `_catalog` is the parsed .mo: "section\x04key" -> text, or ("section\x04key", n) -> plural form n
        for entry, text in self._catalog.items():  # type: ignore[attr-defined]
            key, form = (entry, None) if isinstance(entry, str) else entry
            if "\x04" not in key:  # the header (msgid "")
                continue
            section, msgid = key.split("\x04", 1)
            if form is None:
                single.setdefault(section, {})[msgid] = text
            else:
                forms.setdefault(section, {}).setdefault(msgid, {})[form] = text
        plural = {section: {key: tuple(texts[form] for form in sorted(texts)) for key, texts in entries.items()}
                  for section, entries in forms.items()}
        return single, plural


@functools.cache
def translation(lang: Language) -> _Catalogue:
    """The compiled catalogue of `lang`: locale/<lang>/LC_MESSAGES/dienstvisie.mo in the package."""
    path = resources.files(__package__).joinpath(f"locale/{lang}/LC_MESSAGES/{_DOMAIN}.mo")
    with path.open("rb") as handle:
        return _Catalogue(handle)


@functools.cache
def _sections(lang: Language) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, tuple[str, ...]]]]:
    return translation(lang).sections()


class _Section(Mapping[str, Mapping[Language, _T]], Generic[_T]):
    """The messages of one section (gettext context) in every language: `section[key][lang]`.

    Read from the catalogues on first use, so importing a module costs nothing. A key that one
    language lacks (an entry a translator marked fuzzy, say) takes the other language's text, as a
    `Text` does, rather than fail (tests/test_i18n.py proves there is none)."""

    _plural = False

    def __init__(self, context: str) -> None:
        self.context = context
        self._entries: dict[str, dict[Language, _T]] | None = None

    def _load(self) -> dict[str, dict[Language, _T]]:
        if self._entries is None:
            texts: dict[Language, Mapping[str, Any]] = {
                lang: _sections(lang)[1 if self._plural else 0].get(self.context, {}) for lang in LANGUAGES}
            keys = dict.fromkeys(key for lang in LANGUAGES for key in texts[lang])
            self._entries = {key: {lang: texts[lang][key] if key in texts[lang] else
                                   next(texts[other][key] for other in LANGUAGES if key in texts[other])
                                   for lang in LANGUAGES}
                             for key in keys}
        return self._entries

    def __getitem__(self, key: str) -> Mapping[Language, _T]:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.context!r})"


class Section(_Section[str]):
    """A section of single messages: `Section("text")["legend"]["nl"]` is one text."""

    def text(self, key: str, /, **params: Any) -> Text:
        """The message `key` in both languages, with `params` filled in (`str.format`); a parameter
        that is itself a `Text` is filled in the matching language."""
        entry = self[key]

        def fill(lang: Language) -> str:
            values = {name: value.get(lang) if isinstance(value, Text) else value for name, value in params.items()}
            return entry[lang].format(**values)

        return Text(nl=fill("nl"), en=fill("en"))


class PluralSection(_Section[tuple[str, ...]]):
    """A section of words with a singular and a plural form (gettext's `msgid_plural`):
    `PluralSection("text-nouns")["service"]["nl"]` is `("dienst", "diensten")`; `choose()` picks the
    form for a number."""

    _plural = True


def choose(forms: Mapping[Language, tuple[str, ...]], n: int, lang: Language) -> str:
    """The form of a word for `n` things in `lang`, as the catalogue's `Plural-Forms` says (Dutch and
    English: the singular for one only, so `0 diensten`, `1 dienst`)."""
    words = forms[lang]
    return words[min(translation(lang).plural(n), len(words) - 1)]  # type: ignore[attr-defined]


CATALOGUE = Section("messages")
"""`CATALOGUE[key][lang]`, a text: section "messages" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def message(message_id: str, /, **params: Any) -> Text:
    """The message `message_id` of section "messages" in both languages, with `params` filled in.

    A parameter that is itself a `Text` is filled in the matching language.
    """
    return CATALOGUE.text(message_id, **params)


class TranslatedError(Exception):
    """An error whose text is a message of one section, in both languages: `str()` gives the English
    one (for logs and tracebacks), `message(lang)` the reader's. A subclass names its `section`."""

    section: Section

    def __init__(self, key: str, /, **params: Any) -> None:
        self.text = self.section.text(key, **params)
        super().__init__(self.text.get("en"))

    def message(self, lang: Language) -> str:
        """The message in the reader's language."""
        return self.text.get(lang)


OS_ERRORS = Section("os-errors")
"""Why the system refused to read or write a file, by `errno` name (ENOENT, EACCES, …)."""


def os_reason(error: OSError) -> Text:
    """The system's reason for `error` in both languages: the catalogue's words for the common
    errors (section "os-errors"), else the system's own text (in the system's language)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    if name in OS_ERRORS:
        return OS_ERRORS.text(name)
    reason = error.strerror or str(error)
    return Text(nl=reason, en=reason)


def translate(message_id: str, /, lang: Language = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The message `message_id` in one language, with `params` filled in."""
    return message(message_id, **params).get(lang)


def language_from_environment(default: Language = DEFAULT_LANGUAGE) -> Language:
    """The language asked for by DIENSTVISIE_LANG, or the default (Dutch)."""
    value = os.environ.get("DIENSTVISIE_LANG", "").strip().lower()[:2]
    for lang in LANGUAGES:
        if value == lang:
            return lang
    return default
