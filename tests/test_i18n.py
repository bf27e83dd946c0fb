"""Every user-facing message exists in Dutch and English, with the same placeholders: one gettext
catalogue per language (src/dienstvisie/locale/<lang>/LC_MESSAGES/dienstvisie.po), argparse's own
words included, compiled and read back the way the package reads them."""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import io
import re
import string
import subprocess
import sys
from pathlib import Path

import catalogues
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from dienstvisie.cli.argparse_words import argparse_speaking
from dienstvisie.cli.config import ConfigError
from dienstvisie.cli.help import HELP, help_text
from dienstvisie.exporters.theme import ThemeError, make_theme
from dienstvisie.i18n import (
    CATALOGUE,
    PluralSection,
    Section,
    _Catalogue,
    language_from_environment,
    message,
    translate,
)

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "dienstvisie"
LOCALE = PACKAGE / "locale"
LANGS = ("nl", "en")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _catalogue(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "dienstvisie.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _entries(lang: str) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """(section, key) -> the text, or the singular and plural form."""
    return {(entry.context, entry.id if isinstance(entry.id, str) else entry.id[0]):
            (entry.string,) if isinstance(entry.string, str) else tuple(entry.string)
            for entry in _catalogue(lang) if entry.id}


def _placeholders(text: str, section: str | None) -> set[str]:
    if section == "argparse":  # argparse fills its messages with %
        return set(re.findall(r"%(?:\([a-z_]+\))?[rsd]", text))
    return _fields(text)


def test_both_catalogues_hold_the_same_messages_each_translated_with_the_same_placeholders() -> None:
    nl, en = _entries("nl"), _entries("en")
    assert nl.keys() == en.keys(), set(nl) ^ set(en)
    assert len(nl) > 600
    for key in nl:
        assert len(nl[key]) == len(en[key]), key
        for text_nl, text_en in zip(nl[key], en[key], strict=True):
            assert text_nl.strip() and text_en.strip(), f"{key} is not translated"
            assert _placeholders(text_nl, key[0]) == _placeholders(text_en, key[0]), key


def test_no_message_is_marked_fuzzy_or_left_without_a_section() -> None:
    for lang in LANGS:
        for entry in _catalogue(lang):
            if entry.id:
                assert entry.context, entry.id
                assert not entry.fuzzy, f"{lang}: {entry.context} {entry.id} is fuzzy (gettext would not use it)"


def _sections_in_code() -> dict[str, set[str]]:
    """Each section the code reads, with the kind it reads it as."""
    used: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for kind, section in re.findall(r'\b(Section|PluralSection)\("([a-z-]+)"\)', path.read_text(encoding="utf-8")):
            used.setdefault(section, set()).add(kind)
    return used


def test_every_section_the_code_reads_is_in_the_catalogues_and_every_section_is_read() -> None:
    entries = _entries("nl")
    used = _sections_in_code()
    single = {section for (section, _), texts in entries.items() if len(texts) == 1}
    plural = {section for (section, _), texts in entries.items() if len(texts) == 2}
    for section, kinds in used.items():
        assert kinds == {"PluralSection"} if section in plural else kinds == {"Section"}, section
        assert section in single | plural, f"section {section!r} is read by the code but missing from the catalogues"
    assert (single | plural) - set(used) == {"argparse"}  # argparse asks for its own (cli/argparse_words.py)
    assert single & plural == {"argparse"}  # argparse has both kinds; every section of ours one


def _module_sections(tree: ast.Module) -> dict[str, str]:
    """Module-level `NAME = Section("…")` / `PluralSection("…")`: name -> section."""
    return {node.targets[0].id: node.value.args[0].value for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
            and node.value.func.id in ("Section", "PluralSection")}


def _helpers(tree: ast.Module, sections: dict[str, str]) -> dict[str, str]:
    """Module-level functions `f(key, …)` that look `key` up in a section, and errors whose class
    names its `section = Section("…")` (`ConfigError("key", …)`): name -> section."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.Assign) and [getattr(t, "id", None) for t in item.targets] == ["section"] \
                        and isinstance(item.value, ast.Call) and item.value.args:
                    found[node.name] = item.value.args[0].value  # type: ignore[attr-defined]
        if isinstance(node, ast.FunctionDef) and node.args.args and node.args.args[0].arg in ("key", "message_id"):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Subscript) and isinstance(inner.value, ast.Name) \
                        and inner.value.id in sections and isinstance(inner.slice, ast.Name):
                    found[node.name] = sections[inner.value.id]
    return found


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_every_literal_key_the_code_and_the_templates_ask_for_exists() -> None:
    """A literal key given to a section (`WORDS["…"]`), to a function that looks its key up in one
    (`help_text("…", lang)`, `label("…", lang)`, `views.word("…", lang)`, `message("…")`), or named
    in a template (`L.legend`, `W.heatmap`): each is in the catalogue's section."""
    entries = _entries("en")
    trees = {path.stem: (path, ast.parse(path.read_text(encoding="utf-8"))) for path in PACKAGE.rglob("*.py")}
    sections = {stem: _module_sections(tree) for stem, (_, tree) in trees.items()}
    helpers = {stem: _helpers(tree, sections[stem]) for stem, (_, tree) in trees.items()}
    helpers["i18n"].update(message="messages", translate="messages")
    asked: list[tuple[str, str, str]] = []
    for stem, (path, tree) in trees.items():
        known = dict(helpers[stem])  # this module's helpers, and those it imports by name or as a module
        modules: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    source = (node.module or "").rsplit(".", 1)[-1]
                    if alias.name in helpers.get(source, {}):
                        known[alias.asname or alias.name] = helpers[source][alias.name]
                    if alias.name in helpers:
                        modules[alias.asname or alias.name] = alias.name
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and (key := _literal(node.args[0])) is not None:
                section = None
                if isinstance(node.func, ast.Name):
                    section = known.get(node.func.id)
                elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                    section = helpers.get(modules.get(node.func.value.id, ""), {}).get(node.func.attr)
                if section:
                    asked.append((path.name, section, key))
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
                    and node.value.id in sections[stem] and (key := _literal(node.slice)) is not None:
                asked.append((path.name, sections[stem][node.value.id], key))
    templates = {"diff.html.j2": "diff", "portfolio.html.j2": "portfolio"}  # what W stands for in each
    for template in (PACKAGE / "exporters" / "templates").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        asked += [(template.name, "report", key) for key in re.findall(r"\bL\.([A-Za-z_][A-Za-z0-9_]*)", text)]
        words = re.findall(r"\bW\.([A-Za-z_][A-Za-z0-9_]*)", text)
        assert not words or template.name in templates, template.name
        asked += [(template.name, templates[template.name], key) for key in words]
    assert len(asked) > 650
    assert {file for file, _, _ in asked} >= {"gitlab.py", "checks_reference.py", "portfolio.html.j2", "macros.html.j2",
                                             "config.py", "theme.py"}
    missing = sorted({(file, section, key) for file, section, key in asked if (section, key) not in entries})
    assert not missing, missing


def test_no_interface_text_is_chosen_by_language_in_the_code() -> None:
    """The old way, `"tekst" if lang == "nl" else "text"`, would bypass the catalogues."""
    inline = re.compile(r"""["'][A-Za-z][^"']{2,}["']\s+if\s+[\w().]+\s*==\s*["'](nl|en)["']\s+else\s+["'][A-Za-z]""")
    found = [f"{path.relative_to(PACKAGE)}:{number}" for path in PACKAGE.rglob("*.py")
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if inline.search(line)]
    assert not found, found


def test_the_compiled_catalogues_are_up_to_date() -> None:
    assert catalogues.stale() == [], "run python tools/catalogues.py and commit the .mo files"


def _locale_copy(tmp_path: Path) -> Path:
    for lang in LANGS:
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        for suffix in (".po", ".mo"):
            (folder / f"dienstvisie{suffix}").write_bytes((LOCALE / lang / "LC_MESSAGES" / f"dienstvisie{suffix}").read_bytes())
    return tmp_path


def _edit(locale: Path, lang: str, old: str, new: str) -> Path:
    po = locale / lang / "LC_MESSAGES" / "dienstvisie.po"
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    return po


def test_a_translators_edit_reaches_the_interface_once_compiled(tmp_path: Path) -> None:
    locale = _locale_copy(tmp_path)
    assert catalogues.stale(locale) == []
    po = _edit(locale, "nl", 'msgstr "bestand niet gevonden"', 'msgstr "dat bestand is er niet"')
    # the compiled Dutch is out of date, and so is the comment the English entry shows of the Dutch
    assert sorted(catalogues.stale(locale)) == sorted([po.with_suffix(".mo"), locale / "en" / "LC_MESSAGES" / "dienstvisie.po"])
    catalogues.write(locale)
    assert catalogues.stale(locale) == []
    assert "#. nl: dat bestand is er niet" in (locale / "en" / "LC_MESSAGES" / "dienstvisie.po").read_text(encoding="utf-8")
    with po.with_suffix(".mo").open("rb") as handle:
        single, plural = _Catalogue(handle).sections()
    assert single["messages"]["source.missing"] == "dat bestand is er niet"
    assert plural["text-nouns"]["service"] == ("dienst", "diensten")


@pytest.mark.parametrize(("old", "new", "said"), [
    ('msgstr "bestand niet gevonden"', 'msgstr "bestand niet gevonden', "dienstvisie.po"),  # a broken quote
    ('msgstr "bestand niet gevonden"', 'msgstr "bestand niet gevonden"\nzomaar een regel', "dienstvisie.po"),
    ('msgctxt "messages"\nmsgid "source.missing"\nmsgstr "bestand niet gevonden"\n',
     'msgctxt "messages"\nmsgid "source.missing"\nmsgstr "bestand niet gevonden"\n\n'
     'msgctxt "messages"\nmsgid "source.missing"\nmsgstr "weg"\n', "twice"),
])
def test_a_broken_catalogue_is_refused_with_where(tmp_path: Path, old: str, new: str, said: str) -> None:
    locale = _locale_copy(tmp_path)
    _edit(locale, "nl", old, new)
    with pytest.raises(catalogues.CatalogueError, match=said):
        catalogues.stale(locale)


def test_another_babel_compiling_the_same_catalogue_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The .mo header names the Babel that wrote it: not content."""
    import babel.messages.catalog

    locale = _locale_copy(tmp_path)
    monkeypatch.setattr(babel.messages.catalog, "VERSION", "2.12.1")
    mo = locale / "nl" / "LC_MESSAGES" / "dienstvisie.mo"
    mo.write_bytes(catalogues.compiled(mo.with_suffix(".po")))
    assert b"Babel 2.12.1" in mo.read_bytes()
    assert catalogues.stale(locale) == []


def test_sections_read_both_languages_from_the_catalogues() -> None:
    assert HELP["interrupted"]["nl"] != HELP["interrupted"]["en"]
    assert len(Section("messages")) == len(CATALOGUE) > 100
    assert "source.missing" in CATALOGUE and "no-such-key" not in CATALOGUE
    nouns = PluralSection("text-nouns")
    assert nouns["service"]["nl"] == ("dienst", "diensten") and nouns["service"]["en"] == ("service", "services")
    assert repr(nouns) == "PluralSection('text-nouns')"
    with pytest.raises(KeyError):
        help_text("no-such-key", "nl")


def test_message_fills_text_parameters_per_language() -> None:
    what = message("what.step")
    text = message("ref.duplicate_id.hint", what=what)
    assert text.get("nl") == "Geef elke stap een eigen id."
    assert text.get("en") == "Give each step its own id."
    assert translate("schema.required", "en", name="x") == "'x' is missing"


def test_configuration_and_theme_errors_speak_both_languages(tmp_path: Path) -> None:
    error = ConfigError("boolean", file=tmp_path / "dienstvisie.toml", key="preview")
    assert error.message("nl").endswith("'preview' moet true of false zijn")
    assert str(error) == error.message("en") and str(error).endswith("'preview' must be true or false")
    with pytest.raises(ThemeError) as caught:
        make_theme(page_class="1 kapot")
    assert caught.value.message("nl") == "huisstijlklasse '1 kapot': alleen letters, cijfers, '-' en '_'"
    assert str(caught.value) == "theme class '1 kapot': letters, digits, '-' and '_' only"


def test_language_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIENSTVISIE_LANG", raising=False)
    assert language_from_environment() == "nl"
    monkeypatch.setenv("DIENSTVISIE_LANG", "en_GB.UTF-8")
    assert language_from_environment() == "en"
    monkeypatch.setenv("DIENSTVISIE_LANG", "fr")
    assert language_from_environment() == "nl"


# ------------------------------------------------------------------ argparse's own words


def _argparse_messages() -> set[str]:
    """Every message the argparse of this Python asks gettext for (`_("…")`, `ngettext("…", …)`)."""
    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def test_every_message_of_argparse_is_in_the_catalogues() -> None:
    asked = _argparse_messages()
    assert len(asked) > 25
    for lang in LANGS:
        entries = _entries(lang)
        missing = sorted(text for text in asked if ("argparse", text) not in entries)
        assert not missing, f"argparse messages missing from the {lang} catalogue: {missing}"


def test_argparse_speaks_dutch_only_while_asked_and_is_put_back() -> None:
    before = argparse._  # type: ignore[attr-defined]
    with argparse_speaking("nl"):
        parser = argparse.ArgumentParser(prog="x")
        parser.add_argument("name")
        assert "gebruik: x" in parser.format_help() and "toon deze hulptekst en stop" in parser.format_help()
    assert argparse._ is before  # type: ignore[attr-defined]
    assert "usage: x" in argparse.ArgumentParser(prog="x").format_help()


@pytest.mark.parametrize(("lang", "usage", "required", "options"), [
    ("nl", "gebruik: dienstvisie check", "fout: deze argumenten zijn verplicht: PATH", "opties:"),
    ("en", "usage: dienstvisie check", "error: the following arguments are required: PATH", "options:"),
])
def test_the_command_line_speaks_the_language_asked_for_argparse_included(
        lang: str, usage: str, required: str, options: str) -> None:
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "--lang", lang], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(usage) and required in result.stderr
    helped = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "--help", "--lang", lang],
                            capture_output=True, text=True, check=False)
    assert helped.returncode == 0
    assert ("toon deze hulptekst en stop" in helped.stdout) == (lang == "nl")
    assert f"\n{options}\n" in helped.stdout


def test_overlapping_runs_leave_argparse_as_it_was() -> None:
    """Two threads of a host program running the command line at once: the second waits for the
    first, so neither can put back the other's words; within one thread the use nests."""
    import threading

    original = argparse._  # type: ignore[attr-defined]
    inside, release, seen = threading.Event(), threading.Event(), []

    def first() -> None:
        with argparse_speaking("nl"):
            inside.set()
            release.wait(5)
            seen.append(argparse._("usage: "))  # type: ignore[attr-defined]

    def second() -> None:
        inside.wait(5)
        with argparse_speaking("en"):
            seen.append(argparse._("usage: "))  # type: ignore[attr-defined]

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    inside.wait(5)
    release.set()
    for thread in threads:
        thread.join(10)
    assert seen == ["gebruik: ", "usage: "]
    assert argparse._ is original  # type: ignore[attr-defined]
    with argparse_speaking("nl"), argparse_speaking("en"):
        assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]
    assert argparse._ is original  # type: ignore[attr-defined]


@pytest.mark.parametrize(("arguments", "said"), [
    (["--lan", "en"], "error: the following arguments are required: PATH"),  # argparse takes --lan for --lang
    (["--la=en"], "error: the following arguments are required: PATH"),
    (["x.yaml", "--jobs", "x"], "fout: argument -j/--jobs: 'x' is geen aantal processen: 1 of meer, of auto"),
    (["x.yaml", "--check-timeout", "-1", "--lang", "en"],
     "error: argument --check-timeout: '-1' is not a number of seconds: 0 or more (0: no limit)"),
])
def test_usage_errors_speak_the_language_asked_for(arguments: list[str], said: str) -> None:
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", *arguments], capture_output=True,
                            text=True, check=False, env={**os.environ, "DIENSTVISIE_LANG": "nl"})
    assert result.returncode == 2
    assert said in result.stderr, result.stderr


def test_the_systems_reasons_speak_both_languages() -> None:
    from dienstvisie.i18n import os_reason

    denied = os_reason(PermissionError(13, "Permission denied", "x.yaml"))
    assert (denied.get("nl"), denied.get("en")) == ("geen toestemming", "Permission denied")
    rare = os_reason(OSError(121, "Remote I/O error"))  # EREMOTEIO: not in the catalogue, the system's words
    assert rare.get("nl") == rare.get("en") == "Remote I/O error"
    assert os_reason(OSError("no errno")).get("nl") == "no errno"
