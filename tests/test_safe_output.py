"""Safe output, across every report format at once: one hostile service concept through every
registered exporter (the built-ins and any installed plugin's); files written atomically; and the
same input gives the same bytes in two separate processes.

Each format has its own escaping tests (tests/test_export_*.py); this module holds all formats to
the same bar with one document full of script tags, spreadsheet formulas, Markdown links, XML
entities and control characters, read from a file with a hostile name.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import stat
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import html5lib  # type: ignore[import-untyped]
import pytest
import yaml
from markdown_it import MarkdownIt
from support import TODAY, assert_valid, strong_service

import dienstvisie
from dienstvisie.cli.main import main
from dienstvisie.documents.load import read_service
from dienstvisie.engine.run import run_checks
from dienstvisie.model.run import CheckRun
from dienstvisie.pipeline.checker import all_checks, resolve_vision
from dienstvisie.plugins.manager import Plugins, load_plugins

ROOT = Path(__file__).parents[1]
SCRIPT = "<script>alert('xss')</script>"
FORMULA = "=cmd|' /C calc'!A0"
FORMULAS = (FORMULA, '+HYPERLINK("http://evil.example/x","klik")', "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)")
MARKDOWN = "[klik hier](javascript:alert(1)) ![beeld](http://evil.example/x.png) <http://evil.example/y>"
XML = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>&xxe; ]]> &amp; <![CDATA[x]]>'
CONTROL = "\x1b[2J\x1b]0;pwned\x07 beep\r overschreven \x00 nul \x9b31m \x08"
HOSTILE_FILE = "=1+1 <b>&amp;[x](y).yaml"
# a text that prints lines of its own, as if the report said them (every kind of line break)
FORGED = "ok\n  PASS  30 passed\r\n    ✓ DV101 info  alles goed\u2028  PASS\u2029  PASS\x0b  PASS\x0c  PASS\x85  PASS"
# bidirectional controls that reorder what a reader sees ("Trojan Source"): every one of them
BIDI = "".join(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))) + "\u202edeliaf\u202c"
BIDI_CLASS = "\u202a-\u202e\u2066-\u2069"  # as a character class
NONCHARACTERS = "\uffff \ufffe"  # not well-formed in XML (and so in .xlsx)
# a schema-valid UPL IRI (`^https?://\\S+$`) with escape sequences and every character an IRI cannot hold raw
HOSTILE_IRI = 'http://standaarden.overheid.nl/owms/terms/x\x1b[2J\x1b]0;pwned\x07|{}<>"`^\\\u202ey\x9b1m'

# characters from a document that must never reach an output raw: C0 controls but tab and line
# ends, and DEL, in every format; the C1 range (U+0080-U+009F, e.g. the 8-bit escape U+009B) too,
# except in JSON, whose parsers hand it over exactly (ESC and the other C0 controls JSON escapes);
# and in terminal text not even a lone carriage return, which would overwrite the line
# (nor any line break inside a text: see test_no_text_forges_a_line_of_the_report)
_RAW_CONTROL = {
    "json": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"),
    "other": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"),
    "text": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)"),
}


def hostile_service() -> dict[str, Any]:
    data = strong_service()
    data["id"] = "vijandig"
    data["title"] = {"nl": f"{SCRIPT} {FORMULA}", "en": f"{MARKDOWN} {CONTROL} {BIDI} {FORGED}"}
    data["summary"] = f"{XML} {CONTROL} {BIDI}"
    data["upl"] = HOSTILE_IRI
    data["steps"][1]["upl"] = HOSTILE_IRI.replace("x", "stap", 1)
    data["owner"]["contact"] = FORMULAS[1]
    data["organisations"][0]["name"] = FORMULA
    data["organisations"][1]["name"] = f"{XML} {SCRIPT} {BIDI} {NONCHARACTERS} {FORGED}"
    data["steps"][0]["title"] = {"nl": MARKDOWN, "en": SCRIPT}
    data["steps"][0]["asks"].append({"data": "geheim-gegeven"})  # unknown to the vocabulary: DV002 fails here
    data["steps"][0]["handover"]["kind"] = "cold"  # DV101 fails in the step with the hostile title
    data["steps"][1]["title"] = f"{CONTROL} {FORMULAS[2]} {NONCHARACTERS} {BIDI} {FORGED}"
    data["explanations"] = [
        {"check": "DV002", "step": "aangifte", "reason": f"{FORMULA} {MARKDOWN}", "decided_by": FORMULAS[3],
         "until": "2099-12-31"},
        {"check": "DV101", "step": "aangifte", "reason": f"{XML} {CONTROL} {FORGED} {BIDI} {NONCHARACTERS}",
         "decided_by": f"{SCRIPT} {FORGED}", "until": "2000-01-01"},
    ]
    data["assessment"] = [{"question": "P1.Q1", "answer": "ja", "evidence": f"{FORMULAS[2]} {CONTROL}"},
                          {"question": "P2.Q1", "answer": "nee", "evidence": SCRIPT}]
    assert_valid(data)
    return data


_plugins: Plugins | None = None


def installed_plugins() -> Plugins:
    """Every installed plugin: a plugin's report format must be as safe as the built-ins."""
    global _plugins
    if _plugins is None:
        _plugins = load_plugins()
    return _plugins


def hostile_run() -> CheckRun:
    text = yaml.safe_dump(hostile_service(), allow_unicode=True, sort_keys=False)
    document = read_service(text, filename=HOSTILE_FILE)
    plugins = installed_plugins()
    vision = resolve_vision(None, plugins)
    checks = all_checks(vision, plugins)
    report = run_checks(plugins.prepare(document.model, vision), vision=vision, checks=checks,
                        vocabularies=plugins.vocabularies(), source_map=document.source_map, today=TODAY,
                        known_check_ids={check.id for check in checks})
    return CheckRun(reports=(report,), vision=vision, checks=checks, version=dienstvisie.__version__)


def test_the_hostile_document_reaches_the_exporters_unchanged() -> None:
    """The test is only worth something if the hostile text is really in the report."""
    run = hostile_run()
    report = run.reports[0]
    assert report.title.get("nl") == f"{SCRIPT} {FORMULA}"
    assert "\x1b[2J" in report.title.get("en")
    assert {f.check for f in report.findings if f.step == "aangifte" and f.explanation} >= {"DV002", "DV101"}
    assert report.file == HOSTILE_FILE


# ----------------------------------------------------------------------------------- per format


def _text_of(node: Any) -> str:
    return "".join(node.itertext())


def _check_html(output: str) -> None:
    root = html5lib.parse(output, namespaceHTMLElements=False)
    assert root.findall(".//script") == [] and root.findall(".//img") == [] and root.findall(".//iframe") == []
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert not str(value).strip().lower().startswith("javascript:"), (element.tag, name, value)
        assert element.tag not in ("b", "i", "object", "embed", "form", "base", "link", "meta") or element.tag == "meta"
    text = _text_of(root)
    assert SCRIPT in text and FORMULA in text and "[klik hier](javascript:alert(1))" in text
    assert "&xxe;" in text and "<!ENTITY" in text  # shown as written: an entity in a document is just text


def _check_markdown(output: str) -> None:
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(output)
    for forbidden in ("<script", "<img", "href=", "src=", "<b>", "<!DOCTYPE", "<!ENTITY"):
        assert forbidden not in html, forbidden
    assert "&lt;script&gt;" in html


def _check_xml(output: str) -> None:
    assert "<!DOCTYPE" not in output and "<!ENTITY" not in output.replace("&lt;!ENTITY", "")
    root = ET.fromstring(output.encode("utf-8"))
    values = " ".join([_text_of(root)] + [value for element in root.iter() for value in element.attrib.values()])
    assert SCRIPT in values and "<!ENTITY xxe" in values and "&xxe;" in values


def _check_json(output: str) -> None:
    def no_constant(name: str) -> Any:
        raise AssertionError(f"{name} in JSON")

    data = json.loads(output, parse_constant=no_constant)
    strings: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                strings.append(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            strings.append(value)

    walk(data)
    assert any(SCRIPT in value for value in strings) and any(FORMULA in value for value in strings)


def _check_csv(output: str) -> None:
    assert output.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(output.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert len(rows) > 10
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'" + FORMULA in cells or any(cell.startswith("'" + FORMULA) for cell in cells)


def _check_text(output: str) -> None:
    assert SCRIPT in output  # plain text shows what the document says, but cannot steer the terminal


def _check_xlsx(output: bytes) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(output))
    seen = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):  # stored as text: Excel shows it and never evaluates it
                    seen.append(cell.value)
                    assert cell.data_type in ("s", "inlineStr"), (sheet.title, cell.coordinate, cell.value)
    assert any(FORMULA in value for value in seen)
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        for name in archive.namelist():
            assert b"<!ENTITY" not in archive.read(name), name


def _check_turtle(output: str) -> None:
    import rdflib

    graph = rdflib.Graph().parse(data=output, format="turtle")  # the exporter wrote Turtle, not a crash
    assert any(str(node).startswith("http://standaarden.overheid.nl/owms/terms/x%1B") for node in graph.all_nodes())


def _check_jsonld(output: str) -> None:
    _check_json(output)
    assert "\x1b" not in output and "%1B" in output  # the IRIs are the same as in Turtle


CHECKERS: dict[str, Callable[[Any], None]] = {
    "cpsv-ap-turtle": _check_turtle, "cpsv-ap": _check_jsonld,
    "html": _check_html, "markdown": _check_markdown, "junit": _check_xml, "json": _check_json,
    "sarif": _check_json, "csv": _check_csv, "text": _check_text, "xlsx": _check_xlsx,
}


def _generic(output: str | bytes) -> None:
    """What any format must do: no raw control characters, and valid syntax if it is JSON or XML."""
    if isinstance(output, bytes):
        return
    stripped = output.lstrip("\ufeff").lstrip()
    if stripped.startswith(("{", "[")):
        _check_json(output)
    elif stripped.startswith("<?xml"):
        assert "<!DOCTYPE" not in output
        ET.fromstring(output.encode("utf-8"))


def _is_json(output: str) -> bool:
    try:
        json.loads(output)
    except ValueError:
        return False
    return True


def _exporter_names() -> list[str]:
    return sorted(installed_plugins().exporters())


def test_every_built_in_format_is_covered() -> None:
    assert set(_exporter_names()) >= {"text", "json", "markdown", "html", "csv", "sarif", "junit"}


@pytest.mark.parametrize("name", _exporter_names())
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hostile_text_never_becomes_markup_a_formula_or_a_control_sequence(name: str, lang: str) -> None:
    output = installed_plugins().exporters()[name].render(hostile_run(), lang)
    assert isinstance(output, (str, bytes)), name
    if isinstance(output, str):
        kind = "json" if _is_json(output) else "text" if name == "text" else "other"
        found = _RAW_CONTROL[kind].search(output)
        assert found is None, f"{name}: raw {found.group()!r} at {found.start()}: {output[max(0, found.start() - 40):found.end() + 40]!r}"
    CHECKERS.get(name, _generic)(output)


# formats read by programs, which hand text over exactly; every other format is read by a person
MACHINE_FORMATS = frozenset({"json", "sarif", "gitlab", "cpsv-ap", "cpsv-ap-turtle"})  # data for tools: text kept as written
_FOR_PEOPLE_FORBIDDEN = re.compile(f"[{BIDI_CLASS}\ufffe\uffff]")


def _texts_for_people(output: str | bytes) -> list[str]:
    if isinstance(output, str):
        return [output]
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(output))  # well-formed XML, or this raises
    return [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str)]


@pytest.mark.parametrize("name", [name for name in _exporter_names() if name not in MACHINE_FORMATS])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_format_for_people_passes_on_bidi_controls_or_non_characters(name: str, lang: str) -> None:
    output = installed_plugins().exporters()[name].render(hostile_run(), lang)
    texts = _texts_for_people(output)
    assert texts
    for text in texts:
        found = _FOR_PEOPLE_FORBIDDEN.search(text)
        assert found is None, f"{name}: U+{ord(found.group()):04X} in {text[max(0, found.start() - 40):found.end() + 40]!r}"


_FORGED_LINE = re.compile(r"^\s*(PASS|VOLDOET(?! NIET)|✓ DV101 info  alles goed)\b", re.MULTILINE)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("how", ["exporter", "command"])
def test_no_text_forges_a_line_of_the_report(lang: str, how: str, tmp_path: Path) -> None:
    """The hostile service fails; its texts hold `\n  PASS  30 passed` with every kind of line
    break. No line of the text or Markdown report may be one of those (the command's text report is
    written by another path, service by service, so it is tried too)."""
    if how == "exporter":
        outputs = {name: installed_plugins().exporters()[name].render(hostile_run(), lang) for name in ("text", "markdown")}
    else:
        document = tmp_path / "vijandig.yaml"
        document.write_text(yaml.safe_dump(hostile_service(), allow_unicode=True, sort_keys=False), encoding="utf-8")
        outputs = {}
        for name in ("text", "markdown"):
            result = _cli("check", str(document), "--isolated", "--no-plugins", "--lang", lang, "--format", name)
            assert result.returncode == 1, result.stderr
            outputs[name] = result.stdout
    for name, output in outputs.items():
        assert isinstance(output, str)
        assert "alles goed" in output, name  # the text is there …
        forged = _FORGED_LINE.search(output)
        assert forged is None, f"{name}: a forged line: {output[forged.start():forged.start() + 60]!r}"  # … on no line of its own
        assert not re.search("[\u2028\u2029\x85\x0b\x0c]", output), name


@pytest.mark.parametrize("command", ["portfolio", "diff"])
@pytest.mark.parametrize("name", ["text", "markdown", "html"])
def test_the_portfolio_and_the_diff_hold_texts_to_their_lines_too(command: str, name: str, hostile_file: Path) -> None:
    paths = [str(hostile_file)] * (2 if command == "diff" else 1)
    result = _cli(command, *paths, "--isolated", "--no-plugins", "--lang", "en", "--format", name)
    assert result.returncode in (0, 1), result.stderr
    output = result.stdout
    assert "alles goed" in output or command == "portfolio" or name != "text"
    found = _FOR_PEOPLE_FORBIDDEN.search(output)
    assert found is None, f"U+{ord(found.group()):04X} in {output[max(0, found.start() - 40):found.end() + 40]!r}"
    assert "\x1b" not in output
    if name == "html":  # a line break in HTML text is a space: only a `pre` style would show it
        assert "white-space: pre" not in output and "<pre" not in output
        return
    assert _FORGED_LINE.search(output) is None, output
    assert not re.search("[\u2028\u2029\x85\x0b\x0c]", output)


# ----------------------------------------------------------------------------------- what reaches stderr

_ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_rdflib_warnings_reach_stderr_without_escape_sequences(tmp_path: Path) -> None:
    """rdflib logs the IRIs it cannot use, raw; a Turtle file on import holds such IRIs."""
    source = tmp_path / "vijandig.ttl"
    source.write_text("@prefix dct: <http://purl.org/dc/terms/> .\n@prefix cpsv: <http://purl.org/vocab/cpsv#> .\n"
                      "<http://x.example/s\\u001B[2J\\u001B]0;pwned\\u0007\\u202E|> a cpsv:PublicService ;\n"
                      '    dct:identifier "x" ; dct:title "T\\u001B[31mROOD\\u202E"@nl .\n', encoding="utf-8")
    result = _cli("import", "cpsv-ap", str(source), "--lang", "en", "-o", str(tmp_path / "concept.yaml"))
    assert result.returncode in (0, 1), result.stderr
    assert "does not look like a valid URI" in result.stderr  # the warning is shown …
    found = _ESCAPES.search(result.stderr.replace("\n", " "))
    assert found is None, f"raw {found.group()!r} on stderr: {result.stderr!r}"  # … safely
    assert not re.search(f"[{BIDI_CLASS}]", result.stderr)


def test_a_failing_exporter_that_quotes_the_document_says_so_safely(tmp_path: Path) -> None:
    (tmp_path / "dv_plugin_quoting.py").write_text(textwrap.dedent('''
        from dienstvisie import Exporter, Text, hookimpl

        def render(run, lang):
            raise ValueError("cannot use " + run.reports[0].title.get("en"))

        @hookimpl
        def dienstvisie_exporters():
            return [Exporter(name="quoting", title=Text(nl="q", en="q"), suffix=".q", media_type="text/plain",
                             render=render)]
    '''))
    document = tmp_path / "vijandig.yaml"
    document.write_text(yaml.safe_dump(hostile_service(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = _cli("check", str(document), "--isolated", "--no-plugins", "--plugin", "dv_plugin_quoting", "--lang", "en",
                  "--format", "quoting", env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 2 and "could not render the report" in result.stderr, result.stderr
    assert "cannot use" in result.stderr and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert not [line for line in lines if _FORGED_LINE.match(line)], result.stderr
    found = _ESCAPES.search(result.stderr.replace("\n", " "))
    assert found is None, f"raw {found.group()!r} on stderr"
    assert not re.search(f"[{BIDI_CLASS}]", result.stderr)


def test_a_configuration_file_with_escapes_is_quoted_safely(tmp_path: Path) -> None:
    _commands(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.dienstvisie]\n"\\u001b]0;pwned\\u0007\\u202e" = 1\n')
    result = _cli("check", "doc.yaml", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2 and "unknown setting" in result.stderr, result.stderr
    assert _ESCAPES.search(result.stderr.replace("\n", " ")) is None and not re.search(f"[{BIDI_CLASS}]", result.stderr)


@pytest.mark.parametrize("name", ["cpsv-ap", "cpsv-ap-turtle"])
def test_the_rdf_formats_write_an_iri_with_escapes_and_say_nothing_raw(name: str, hostile_file: Path,
                                                                       tmp_path: Path) -> None:
    if name not in installed_plugins().exporters():
        pytest.skip("the CPSV-AP plugin is not installed")
    target = tmp_path / f"r.{name}"
    result = _cli("check", str(hostile_file), "--isolated", "--format", name, "--lang", "en", "-o", str(target))
    assert result.returncode in (0, 1), result.stderr
    assert _ESCAPES.search(result.stderr.replace("\n", " ")) is None, result.stderr
    assert "\x1b" not in target.read_text(encoding="utf-8") and "%1B" in target.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------- written atomically


@pytest.fixture()
def hostile_file(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "vijandig.yaml"
    path.write_text(yaml.safe_dump(hostile_service(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["json", "sarif", "junit", "html", "markdown", "csv", "text"])
def test_the_command_line_writes_a_report_whole_and_leaves_no_temporary_file(
        name: str, hostile_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"rapport.{name}"
    target.write_text("het vorige rapport")
    code = main(["check", str(hostile_file), "--isolated", "--no-plugins", "--format", name, "-o", str(target)])
    assert code == 1, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [target.name]
    written = target.read_bytes().decode("utf-8")
    assert written != "het vorige rapport" and "xss" in written
    raw = "[\x00\x07\x1b]" if name in ("json", "sarif") else "[\x00\x07\x1b\x9b]"  # JSON may hold C1, see above
    assert re.search(raw, written) is None  # the command's own (streaming) path is as safe


def test_a_report_that_cannot_be_written_leaves_the_old_one(hostile_file: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rapport.json"
    target.write_text("het vorige rapport")

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    code = main(["check", str(hostile_file), "--isolated", "--no-plugins", "--format", "json", "-o", str(target),
                 "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "No space left on device" in err and "Traceback" not in err
    assert target.read_text() == "het vorige rapport"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "rapport.json"]


# ----------------------------------------------------------------------------------- where the report goes
# `-o PATH` replaces only a regular file; a device, a pipe or a link is never replaced by a file
# (docs/reports.md, "Where a report is written"). Every command with -o writes through the same
# helper, so each class of target is tried with every command.

VALID_DOC = """dienstvisie: "1"
id: x
title: X
audience: [burger]
organisations: [{id: svb, name: SVB, kind: uitvoeringsorganisatie}]
steps: [{id: a, title: A, organisation: svb, initiative: burger}]
"""


def _cli(*args: str, cwd: Path | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], capture_output=True, text=True, check=False,
                          timeout=120, cwd=cwd, **kwargs)


class _FifoReader:
    """Reads a named pipe in a thread until the writer closes it. The pipe is opened for reading at
    once (without waiting), so a writer that refuses pipes nobody reads finds a reader."""

    def __init__(self, path: Path) -> None:
        import threading

        self.descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        self.data = bytearray()
        self.stopped = False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        import select

        poller = select.poll()
        poller.register(self.descriptor, select.POLLIN)
        while not self.stopped:
            if poller.poll(100):
                chunk = os.read(self.descriptor, 65536)
                if not chunk:  # the writer came and went
                    break
                self.data += chunk

    def result(self) -> bytes:
        """What arrived, once the writer closed the pipe (or a few seconds after the command ended)."""
        self.thread.join(5)
        self.stopped = True
        self.thread.join(5)
        os.close(self.descriptor)
        return bytes(self.data)


def _commands(folder: Path) -> dict[str, list[str]]:
    """Every command with -o, with arguments that make it write something."""
    doc = folder / "doc.yaml"
    doc.write_text(VALID_DOC)
    return {
        "check": ["check", str(doc), "--isolated", "--no-plugins", "--format", "json"],
        "check-html": ["check", str(doc), "--isolated", "--no-plugins", "--format", "html"],
        "portfolio": ["portfolio", str(doc), "--isolated", "--no-plugins", "--format", "json"],
        "baseline": ["baseline", str(doc), "--isolated", "--no-plugins"],
        "diff": ["diff", str(doc), str(doc), "--isolated", "--no-plugins", "--format", "json"],
        "schema": ["schema", "service"],
        "vision": ["vision", "--format", "json"],
        "new": ["new", "--life-event", "overlijden"],
    }


_COMMANDS = ["check", "check-html", "portfolio", "baseline", "diff", "schema", "vision", "new"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", _COMMANDS)
def test_a_named_pipe_gets_the_output_in_place_and_stays_a_pipe(command: str, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    args = _commands(tmp_path)[command]
    pipe = tmp_path / "pijp"
    os.mkfifo(pipe)
    reader = _FifoReader(pipe)
    code = main([*args, "-o", str(pipe)])
    received = reader.result()
    assert code in (0, 1), capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode), "the pipe was replaced by a file"
    assert len(received) > 100 and sorted(p.name for p in tmp_path.iterdir()) == ["doc.yaml", "pijp"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", ["check", "check-html", "schema"])
def test_a_named_pipe_nobody_reads_is_refused_at_once(command: str, tmp_path: Path) -> None:
    args = _commands(tmp_path)[command]
    pipe = tmp_path / "pijp"
    os.mkfifo(pipe)
    result = _cli(*args, "--lang", "en", "-o", str(pipe))  # a hang here is a timeout, a failure
    assert result.returncode == 2, result.stderr
    assert "a pipe nobody reads" in result.stderr and "Traceback" not in result.stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("command", _COMMANDS)
def test_a_character_device_is_written_in_place_and_stays_a_device(command: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Our own null device in a temporary folder (major 1, minor 3, as /dev/null): the real one is
    never pointed at, so a regression damages nothing but the test's folder."""
    args = _commands(tmp_path)[command]
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    code = main([*args, "-o", str(device)])
    assert code in (0, 1), capsys.readouterr().err
    info = os.lstat(device)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3), "the device was replaced"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.yaml", "null"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="making a device node needs root")
def test_a_block_device_is_refused(tmp_path: Path) -> None:
    """A disk is never written to: our own block node (to device 0,0, which no disk has)."""
    args = _commands(tmp_path)["check"]
    device = tmp_path / "schijf"
    os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(0, 0))
    result = _cli(*args, "--lang", "en", "-o", str(device))
    assert result.returncode == 2 and "a block device" in result.stderr, result.stderr
    assert stat.S_ISBLK(os.lstat(device).st_mode)


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="needs /proc/self/fd")
def test_a_name_for_standard_output_is_written_in_place(tmp_path: Path) -> None:
    """What `-o /dev/stdout` does, through our own link to /proc/self/fd/1 (the real /dev/stdout is
    never pointed at: a regression would replace the link, here only the test's own): standard
    output a pipe, and a regular file the caller opened; and /dev/fd/N for a descriptor handed over."""
    args = _commands(tmp_path)["check"]
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    result = _cli(*args, "-o", str(stdout))
    assert result.returncode in (0, 1) and json.loads(result.stdout)["services"], result.stderr
    out = tmp_path / "stdout.json"
    out.write_text("x" * 100_000)  # longer than the report: what the shell's `>` truncates is not left behind
    with out.open("w") as handle:
        result = subprocess.run([sys.executable, "-m", "dienstvisie", *args, "-o", str(stdout)], stdout=handle,
                                stderr=subprocess.PIPE, text=True, check=False, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(out.read_text())["services"]
    read_end, write_end = os.pipe()
    try:
        with subprocess.Popen([sys.executable, "-m", "dienstvisie", *args, "-o", f"/dev/fd/{write_end}"],
                              pass_fds=(write_end,), stderr=subprocess.PIPE) as process:
            os.close(write_end)
            received = b"".join(iter(lambda: os.read(read_end, 65536), b""))
            assert process.wait(120) in (0, 1)
    finally:
        os.close(read_end)
    assert json.loads(received)["services"]
    assert stdout.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["doc.yaml", "stdout", "stdout.json"]


@pytest.mark.skipif(not os.path.exists("/bin/bash") or not os.path.exists("/dev/fd"), reason="needs bash and /dev/fd")
@pytest.mark.parametrize("command", ["check", "check-html", "baseline"])
def test_process_substitution_works(command: str, tmp_path: Path) -> None:
    args = " ".join(f"'{arg}'" for arg in _commands(tmp_path)[command])
    script = f"{sys.executable} -m dienstvisie {args} -o >(cat > {tmp_path}/got); status=$?; wait; exit $status"
    result = subprocess.run(["/bin/bash", "-c", script], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    for _ in range(100):  # the substituted process may finish a moment after the command
        if (tmp_path / "got").exists() and (tmp_path / "got").stat().st_size > 100:
            break
        time.sleep(0.05)
    assert (tmp_path / "got").stat().st_size > 100, result.stderr


@pytest.mark.parametrize("command", _COMMANDS)
def test_a_symlink_is_followed_its_target_replaced_and_it_stays_a_link(command: str, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    args = _commands(tmp_path)[command]
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    real = elsewhere / "rapport.txt"
    real.write_text("het vorige rapport")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code = main([*args, "-o", str(link)])
    assert code in (0, 1), capsys.readouterr().err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() != "het vorige rapport" and len(real.read_text()) > 100
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in elsewhere.iterdir()) == ["rapport.txt"], "a temporary file was left"


def test_a_dangling_symlink_gets_its_target_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _commands(tmp_path)["check"]
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "nog-niet.json")
    assert main([*args, "-o", str(link)]) in (0, 1), capsys.readouterr().err
    assert link.is_symlink() and json.loads((tmp_path / "nog-niet.json").read_text())["services"]


@pytest.mark.parametrize("command", ["check", "check-html", "schema"])
def test_a_folder_as_output_is_refused_clearly(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _commands(tmp_path)[command]
    (tmp_path / "map").mkdir()
    assert main([*args, "--lang", "en", "-o", str(tmp_path / "map")]) == 2
    err = capsys.readouterr().err
    assert "is a folder; name a file" in err and "Traceback" not in err
    assert list((tmp_path / "map").iterdir()) == []


@pytest.mark.parametrize("length", [200, 250, 255])
@pytest.mark.parametrize("command", ["check", "check-html"])
def test_an_output_name_as_long_as_the_file_system_allows_is_written(length: int, command: str, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    args = _commands(tmp_path)[command]
    for name in ("r" * length, ("é" * length)[: length // 2]):  # bytes count, not characters
        target = tmp_path / name
        assert main([*args, "-o", str(target)]) in (0, 1), capsys.readouterr().err
        assert target.stat().st_size > 100
        target.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.yaml"]


# -o naming a file the command reads: refused before any work, the file untouched

@pytest.mark.parametrize("command", ["check", "check-html", "portfolio", "baseline", "diff"])
def test_output_naming_an_input_document_is_refused(command: str, tmp_path: Path) -> None:
    args = _commands(tmp_path)[command]
    doc = tmp_path / "doc.yaml"
    link = tmp_path / "ander-naam.yaml"
    link.symlink_to(doc)
    for spelling in (str(doc), str(link), f"{tmp_path}/./doc.yaml"):
        result = _cli(*args, "--lang", "en", "-o", spelling)
        assert result.returncode == 2, result.stderr
        assert "is also an input file" in result.stderr and "Traceback" not in result.stderr
        assert doc.read_text() == VALID_DOC


def test_output_naming_a_document_found_in_a_folder_or_the_baseline_is_refused(tmp_path: Path) -> None:
    _commands(tmp_path)
    baseline = tmp_path / "baseline.json"
    assert _cli("baseline", str(tmp_path / "doc.yaml"), "--isolated", "-o", str(baseline)).returncode == 0
    kept = baseline.read_text()
    folder_run = _cli("check", str(tmp_path), "--glob", "*.yaml", "--isolated", "--lang", "en",
                      "-o", str(tmp_path / "doc.yaml"))
    assert folder_run.returncode == 2 and "is also an input file" in folder_run.stderr
    baseline_run = _cli("check", str(tmp_path / "doc.yaml"), "--isolated", "--lang", "en", "--baseline", str(baseline),
                        "-o", str(baseline))
    assert baseline_run.returncode == 2 and "is also an input file" in baseline_run.stderr
    assert baseline.read_text() == kept and (tmp_path / "doc.yaml").read_text() == VALID_DOC


@pytest.mark.parametrize("given", [True, False])
def test_output_naming_the_configuration_or_a_rule_set_is_refused(given: bool, tmp_path: Path) -> None:
    """The configuration found by looking upwards is as much an input as one named by --config."""
    _commands(tmp_path)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.dienstvisie]\nlang = "en"\n')
    rules = tmp_path / "regels.yaml"
    rules.write_text(json.dumps({
        "dienstvisie_ruleset": "1", "id": "r", "name": {"nl": "R", "en": "R"}, "vision": "gezamenlijke-dienstverlening",
        "rules": [{"id": "UT101", "title": {"nl": "T", "en": "T"}, "message": {"nl": "M", "en": "M"},
                   "principles": ["P4"], "severity": "major", "target": "steps", "require": True}]}))
    for target in (config, rules):
        extra = ["--config", str(config)] if given else []
        result = _cli("check", "doc.yaml", "--rules", str(rules), *extra, "-o", target.name, cwd=tmp_path)
        assert result.returncode == 2 and "is also an input file" in result.stderr, result.stderr
    assert config.read_text() == '[tool.dienstvisie]\nlang = "en"\n' and "UT101" in rules.read_text()


def test_output_naming_the_imported_file_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "dienst.ttl"
    source.write_text("@prefix dct: <http://purl.org/dc/terms/> .\n")
    result = _cli("import", "cpsv-ap", str(source), "--lang", "en", "-o", str(source))
    assert result.returncode == 2 and "is also an input file" in result.stderr, result.stderr
    assert source.read_text() == "@prefix dct: <http://purl.org/dc/terms/> .\n"


def test_the_csv_written_by_the_command_names_the_step_and_its_organisation(tmp_path: Path) -> None:
    """The command line drops the document from reports to save memory; CSV needs it for two columns."""
    target = tmp_path / "r.csv"
    result = _cli("check", str(ROOT / "examples" / "werkloos-uwv.yaml"), "--isolated", "--no-plugins",
                  "--format", "csv", "-o", str(target), "--jobs", "1")
    assert result.returncode in (0, 1), result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    with_step = [row for row in rows if row["step"]]
    assert with_step, "the example has findings in steps"
    assert all(row["step_title"] and row["organisation"] for row in with_step), with_step[0]
    document = yaml.safe_load((ROOT / "examples" / "werkloos-uwv.yaml").read_text(encoding="utf-8"))
    names = {org["id"]: org["name"] for org in document["organisations"]}
    steps = {step["id"]: step for step in document["steps"]}
    for row in with_step:
        title = steps[row["step"]]["title"]
        assert row["step_title"] == (title if isinstance(title, str) else title["nl"])
        assert row["organisation"] == names[steps[row["step"]]["organisation"]]


def test_new_plugin_on_a_full_disk_leaves_nothing_and_a_retry_works(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = Path.write_text
    written: list[str] = []

    def disk_full_after_three(self: Path, *args: Any, **kwargs: Any) -> int:
        if len(written) >= 3:
            raise OSError(28, "No space left on device")
        written.append(self.name)
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", disk_full_after_three)
    assert main(["new-plugin", "proef", "--dir", str(tmp_path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [], "a half-written package was left behind"
    monkeypatch.setattr(Path, "write_text", real_write)
    assert main(["new-plugin", "proef", "--dir", str(tmp_path), "--lang", "en"]) == 0, capsys.readouterr().err
    package = tmp_path / "dienstvisie-proef"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dienstvisie-proef"]
    assert (package / "pyproject.toml").is_file() and (package / "tests" / "example.yaml").is_file()
    assert stat.S_IMODE(package.stat().st_mode) == 0o777 & ~_current_umask()


def _current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# ----------------------------------------------------------------------------------- byte-identical


@pytest.mark.parametrize("name", ["json", "sarif", "junit"])
def test_two_processes_write_the_same_bytes(name: str, hostile_file: Path, tmp_path: Path) -> None:
    """Two separate processes, different hash seeds, time zones and locales: the same bytes."""
    outputs = []
    for seed, zone, locale in (("1", "UTC", "C.UTF-8"), ("4242", "Pacific/Auckland", "nl_NL.UTF-8")):
        target = tmp_path / f"{seed}.{name}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone, "LC_ALL": locale, "LANG": locale}
        result = subprocess.run(
            [sys.executable, "-m", "dienstvisie", "check", str(hostile_file.relative_to(tmp_path)), "examples-copy",
             "--isolated", "--no-plugins", "--format", name, "-o", str(target)],
            cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=120,
        )
        assert result.returncode == 1, result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert re.search(rb"20\d\d-\d\d-\d\dT\d\d:\d\d", outputs[0]) is None, "a timestamp in the report"
    assert str(tmp_path).encode() not in outputs[0], "an absolute path nobody gave"


@pytest.fixture(autouse=True)
def _examples_copy(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    if request.node.name.startswith("test_two_processes"):
        (tmp_path / "examples-copy").mkdir()
        for example in sorted((ROOT / "examples").glob("*.yaml")):
            (tmp_path / "examples-copy" / example.name).write_bytes(example.read_bytes())


@pytest.mark.parametrize("name", ["xlsx", "cpsv-ap", "cpsv-ap-turtle"])
def test_the_plugin_formats_write_the_same_bytes_at_another_time(name: str, hostile_file: Path, tmp_path: Path) -> None:
    """docs/reports.md promises identical bytes; a workbook carries times twice over (its document
    properties and each zip entry, to two seconds), so the runs are more than two seconds apart."""
    if name not in installed_plugins().exporters():
        pytest.skip(f"the plugin with {name} is not installed")
    outputs = []
    for seed, zone in (("1", "UTC"), ("4242", "Pacific/Auckland")):
        target = tmp_path / f"{seed}.{name}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone}
        env.pop("SOURCE_DATE_EPOCH", None)
        result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", str(hostile_file), "--isolated",
                                 "--format", name, "-o", str(target)],
                                env=env, capture_output=True, text=True, check=False, timeout=120)
        assert result.returncode == 1, result.stderr
        outputs.append(target.read_bytes())
        if not outputs[1:]:
            time.sleep(2.1)
    assert outputs[0] == outputs[1]
    if name == "xlsx":
        with zipfile.ZipFile(io.BytesIO(outputs[0])) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = archive.read("docProps/core.xml").decode()
        assert "1980-01-01T00:00:00Z" in core and str(datetime.date.today().year) not in core
