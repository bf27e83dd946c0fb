"""Safe output, across every report format at once: one hostile service concept through every
registered exporter (the built-ins and any installed plugin's); files written atomically; and the
same input gives the same bytes in two separate processes.

Each format has its own escaping tests (tests/test_export_*.py); this module holds all formats to
the same bar with one document full of script tags, spreadsheet formulas, Markdown links, XML
entities and control characters, read from a file with a hostile name.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
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
from dienstvisie.pipeline.checker import all_checks, resolve_vision
from dienstvisie.cli.main import main
from dienstvisie.engine.run import run_checks
from dienstvisie.documents.load import read_service
from dienstvisie.model.run import CheckRun
from dienstvisie.plugins.manager import Plugins, load_plugins

ROOT = Path(__file__).parents[1]
SCRIPT = "<script>alert('xss')</script>"
FORMULA = "=cmd|' /C calc'!A0"
FORMULAS = (FORMULA, '+HYPERLINK("http://evil.example/x","klik")', "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)")
MARKDOWN = "[klik hier](javascript:alert(1)) ![beeld](http://evil.example/x.png) <http://evil.example/y>"
XML = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>&xxe; ]]> &amp; <![CDATA[x]]>'
CONTROL = "\x1b[2J\x1b]0;pwned\x07 beep\r overschreven \x00 nul \x9b31m \x08"
HOSTILE_FILE = "=1+1 <b>&amp;[x](y).yaml"

# characters from a document that must never reach an output raw: C0 controls but tab and line
# ends, and DEL, in every format; the C1 range (U+0080-U+009F, e.g. the 8-bit escape U+009B) too,
# except in JSON, whose parsers hand it over exactly (ESC and the other C0 controls JSON escapes);
# and in terminal text not even a lone carriage return, which would overwrite the line
_RAW_CONTROL = {
    "json": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"),
    "other": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"),
    "text": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)"),
}


def hostile_service() -> dict[str, Any]:
    data = strong_service()
    data["id"] = "vijandig"
    data["title"] = {"nl": f"{SCRIPT} {FORMULA}", "en": f"{MARKDOWN} {CONTROL}"}
    data["summary"] = f"{XML} {CONTROL}"
    data["owner"]["contact"] = FORMULAS[1]
    data["organisations"][0]["name"] = FORMULA
    data["organisations"][1]["name"] = f"{XML} {SCRIPT}"
    data["steps"][0]["title"] = {"nl": MARKDOWN, "en": SCRIPT}
    data["steps"][0]["asks"].append({"data": "geheim-gegeven"})  # unknown to the vocabulary: DV002 fails here
    data["steps"][0]["handover"]["kind"] = "cold"  # DV101 fails in the step with the hostile title
    data["steps"][1]["title"] = f"{CONTROL} {FORMULAS[2]}"
    data["explanations"] = [
        {"check": "DV002", "step": "aangifte", "reason": f"{FORMULA} {MARKDOWN}", "decided_by": FORMULAS[3],
         "until": "2099-12-31"},
        {"check": "DV101", "step": "aangifte", "reason": f"{XML} {CONTROL}", "decided_by": SCRIPT, "until": "2000-01-01"},
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


CHECKERS: dict[str, Callable[[Any], None]] = {
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
