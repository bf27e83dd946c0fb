"""The importer hook (`dienstvisie_importers`) and `dienstvisie import FORMAT FILE`: importers come from
plugins, faults stay contained, the draft is written to the screen or a file, what could not be
filled is reported on stderr, and errors are one clear line with exit 1 or 2, never a traceback."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import dienstvisie
from dienstvisie import Draft, Importer, Text, load_plugins, plugin_from_functions
from dienstvisie.plugins import hookspecs
from dienstvisie.cli.help import HELP
from dienstvisie.cli.main import COMMANDS, main

ROOT = Path(__file__).parents[1]

DRAFT = textwrap.dedent("""\
    # a draft
    dienstvisie: "1"
    id: uit-bestand
    title: Uit een bestand
    audience: [burger]
    organisations:
      - {id: gemeente, name: Gemeente, kind: gemeente}
    steps:
      - id: stap
        title: Stap
        organisation: gemeente
        initiative: burger  # TODO
    """)


def _read(path: str, lang: str) -> Draft:
    if path.endswith("kapot.txt"):
        raise dienstvisie.DocumentError(path, [dienstvisie.Problem(
            "x.syntax", Text(nl="kapot", en="broken"), dienstvisie.Location(file=path, line=3))])
    if path.endswith("ontbreekt.txt"):
        raise dienstvisie.SourceError(path, "bestaat niet", "does not exist")
    if path.endswith("boem.txt"):
        raise RuntimeError("boom in read")
    if path.endswith("ongeldig.txt"):
        return Draft(text=DRAFT.replace("kind: gemeente", "kind: gemeentje"))
    if path.endswith("raar.txt"):
        return "not a draft"  # type: ignore[return-value]
    return Draft(text=DRAFT, gaps=(Text(nl="initiatief onbekend", en="initiative unknown"),))


SAMPLE = Importer(name="voorbeeld", title=Text(nl="Voorbeeld", en="Example"), suffixes=(".txt",), read=_read)


@pytest.fixture
def plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An importable plugin module (as for --plugin) that adds the importer `voorbeeld`."""
    (tmp_path / "dv_import_plugin_sample.py").write_text(textwrap.dedent("""\
        from dienstvisie import hookimpl
        from test_import_hook import SAMPLE

        @hookimpl
        def dienstvisie_importers():
            return [SAMPLE]
        """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "dv_import_plugin_sample"
    sys.modules.pop("dv_import_plugin_sample", None)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


# -- the hook ----------------------------------------------------------------------------------------

def test_the_hook_is_specified_documented_and_public() -> None:
    assert (hookspecs.dienstvisie_importers.__doc__ or "").strip()
    assert "### dienstvisie_importers()" in (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert {"Importer", "Draft"} <= set(dienstvisie.__all__)
    assert "import" in COMMANDS and "import" in HELP


def test_plugins_add_importers() -> None:
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("mine", dienstvisie_importers=lambda: [SAMPLE])])
    assert plugins.importers() == {"voorbeeld": SAMPLE}
    assert plugins.failures == []
    summary = {s.info.name: s for s in plugins.summaries()}["mine"]
    assert summary.importers == ("voorbeeld",)
    assert load_plugins(entry_points=False).importers() == {}  # the core has none of its own


@pytest.mark.parametrize(("returned", "expected"), [
    (lambda: 42, "expected a list, got int"),
    (lambda: ["cpsv"], "not an Importer"),
    (lambda: [Importer(name="", title=Text(nl="x"), suffixes=(), read=_read)], "not an Importer"),
])
def test_an_importer_hook_that_returns_nonsense_is_a_plugin_failure(returned: object, expected: str) -> None:
    plugins = load_plugins(entry_points=False, extra=[
        plugin_from_functions("faulty", dienstvisie_importers=returned),  # type: ignore[arg-type]
        plugin_from_functions("good", dienstvisie_importers=lambda: [SAMPLE]),
    ])
    assert list(plugins.importers()) == ["voorbeeld"]
    (failure,) = plugins.failures
    assert (failure.plugin, failure.hook) == ("faulty", "dienstvisie_importers") and expected in failure.message


def test_a_raising_hook_and_a_taken_name_are_plugin_failures() -> None:
    def boom() -> list[Importer]:
        raise RuntimeError("boom in importers")

    plugins = load_plugins(entry_points=False, extra=[
        plugin_from_functions("first", dienstvisie_importers=lambda: [SAMPLE]),
        plugin_from_functions("raising", dienstvisie_importers=boom),
        plugin_from_functions("second", dienstvisie_importers=lambda: [SAMPLE]),
    ])
    assert list(plugins.importers()) == ["voorbeeld"]
    messages = {failure.plugin: failure.message for failure in plugins.failures}
    assert messages["raising"] == "RuntimeError: boom in importers"
    assert "already registered" in messages["second"]
    assert "Traceback" in plugins.tracebacks[plugins.failures[0]]


# -- the command ---------------------------------------------------------------------------------------

def test_import_writes_the_draft_and_reports_the_gaps(plugin_module: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["import", "voorbeeld", "bron.txt", "--plugin", plugin_module, "--lang", "en"], capsys)
    assert code == 0 and out == DRAFT
    assert "Not filled in (1)" in err and "  - initiative unknown" in err
    target = tmp_path / "concept.yaml"
    code, out, err = _run(["import", "voorbeeld", "bron.txt", "--plugin", plugin_module, "-o", str(target)], capsys)
    assert code == 0 and out == "" and target.read_text(encoding="utf-8") == DRAFT
    assert "Niet ingevuld (1)" in err and "initiatief onbekend" in err
    assert dienstvisie.load_service(target).id == "uit-bestand"


@pytest.mark.parametrize(("name", "code", "expected"), [
    ("kapot.txt", 1, "kapot.txt:3: error: broken"),
    ("ontbreekt.txt", 2, "does not exist"),
    ("boem.txt", 2, "the input format 'voorbeeld' could not process the file: RuntimeError: boom in read"),
    ("raar.txt", 2, "not a Draft"),
])
def test_import_errors_are_one_clear_message(name: str, code: int, expected: str, plugin_module: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    result, out, err = _run(["import", "voorbeeld", name, "--plugin", plugin_module, "--lang", "en"], capsys)
    assert (result, out) == (code, "")
    assert expected in err and "Traceback" not in err


def test_debug_shows_the_traceback_of_a_failing_importer(plugin_module: str) -> None:
    with pytest.raises(RuntimeError, match="boom in read"):
        main(["import", "voorbeeld", "boem.txt", "--plugin", plugin_module, "--debug"])


def test_an_invalid_draft_is_still_written_but_exits_1(plugin_module: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "concept.yaml"
    code, _, err = _run(["import", "voorbeeld", "ongeldig.txt", "--plugin", plugin_module, "-o", str(target),
                         "--lang", "en"], capsys)
    assert code == 1 and target.is_file()
    assert "is not a valid service concept" in err and "gemeentje" in err


def test_unknown_formats(plugin_module: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["import", "voorbeeld2", "x.txt", "--plugin", plugin_module, "--lang", "en"], capsys)
    assert code == 2 and "unknown input format 'voorbeeld2'" in err and "voorbeeld" in err
    code, _, err = _run(["import", "cpsv-ap", "x.ttl", "--no-plugins", "--lang", "en"], capsys)
    assert code == 2 and "no plugin with input formats is installed" in err


def test_the_help_lists_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--help"], capsys)
    assert code == 0 and "import" in out
    code, out, _ = _run(["import", "--help", "--lang", "en"], capsys)
    assert code == 0 and "FORMAT" in out and "FILE" in out and "input format" in out
