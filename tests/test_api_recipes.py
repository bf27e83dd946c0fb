"""Every recipe of docs/api.md runs as written, as a user would run it: its own Python process in a
folder that holds the repository's examples/. And the embedding API keeps its promises."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dienstvisie

ROOT = Path(__file__).parents[1]
PAGE = ROOT / "docs" / "api.md"


def recipes() -> list[tuple[str, str]]:
    """(heading, code) of every Python block of the page's Recipes section."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index("\n## Recipes\n"):text.index("\n## Checking\n")]
    found: list[tuple[str, str]] = []
    heading = ""
    for part in re.split(r"^(### .+)$", section, flags=re.MULTILINE):
        if part.startswith("### "):
            heading = part[4:].strip()
            continue
        found += [(heading, code) for code in re.findall(r"```python\n(.*?)```", part, flags=re.DOTALL)]
    return found


RECIPES = recipes()


def test_the_page_has_a_recipe_for_each_part_of_the_embedding_api() -> None:
    code = "\n".join(block for _, block in RECIPES)
    for name in ("check(", "check_text(", "check_many(", "render(", "portfolio_of(", "baseline_of(", "read_baseline(",
                 "diff_of(", "exporters()"):
        assert f"dienstvisie.{name}" in code or f".{name}" in code, name
    assert len(RECIPES) >= 8


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    place = tmp_path_factory.mktemp("recipes")
    shutil.copytree(ROOT / "examples", place / "examples")
    return place


@pytest.mark.parametrize("index", range(len(RECIPES)), ids=[f"{i}-{h}" for i, (h, _) in enumerate(RECIPES)])
def test_recipe_runs_as_written(index: int, folder: Path) -> None:
    heading, code = RECIPES[index]
    result = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, check=False,
                            timeout=300, env={**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning:dienstvisie"})
    assert result.returncode == 0, f"{heading}:\n{result.stderr}"
    assert result.stdout.strip(), heading
    assert "Traceback" not in result.stderr
    if heading == "Check text" and "encode(" in code:
        assert "decode the bytes first" in result.stdout
    if heading == "Check text" and "ontbreekt.yaml" in code:
        assert "ontbreekt.yaml: file not found" in result.stdout and "syntax" in result.stdout
    if heading == "Check many documents":
        assert "5 services checked" in result.stdout and "ontbreekt.yaml file not found" in result.stdout
    assert not (folder / "baseline.json").exists()  # recipes write nothing into the working folder


# ------------------------------------------------------------------------------ the promises


def test_what_check_makes_of_a_string(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "geboorte-den-haag.yaml").read_text(encoding="utf-8")
    assert dienstvisie.check(text).service == "geboorte-den-haag"  # a line break: text
    for one_line in ('dienstvisie: "1" id: x', '{"dienstvisie": "1"}', "[1, 2]"):
        with pytest.raises(dienstvisie.DocumentError):  # text, and invalid: never "file not found"
            dienstvisie.check(one_line)
    # a file whose name looks like text is still that file
    odd = tmp_path / "dienstvisie: 1"
    odd.write_text(text, encoding="utf-8")
    assert dienstvisie.check(str(odd)).service == "geboorte-den-haag"
    with pytest.raises(dienstvisie.SourceError, match="ontbreekt.yaml"):
        dienstvisie.check("ontbreekt.yaml")
    run = dienstvisie.check_many([text, 'dienstvisie: "1"\nid: x\n'])
    assert [r.service for r in run.reports] == ["geboorte-den-haag"] and run.load_failures[0].file == "<text>"


@pytest.mark.parametrize("call", [dienstvisie.check, dienstvisie.check_text, dienstvisie.read_service,
                                  dienstvisie.load_service, lambda data: dienstvisie.check_many([data])])
@pytest.mark.parametrize("data", [b'dienstvisie: "1"\n', bytearray(b"x"), memoryview(b"x")])
def test_bytes_give_a_clear_type_error(call: object, data: object) -> None:
    with pytest.raises(TypeError, match="decode the bytes first") as caught:
        call(data)  # type: ignore[operator]
    assert "os.PathLike" not in str(caught.value)


def test_check_text_reads_json_by_name_and_places_findings() -> None:
    text = (ROOT / "examples" / "werkloos-uwv.yaml").read_text(encoding="utf-8")
    report = dienstvisie.check_text(text, name="uwv.yaml")
    assert {f.location.file for f in report.failures()} == {"uwv.yaml"} and all(f.location.line for f in report.failures())
    data = dienstvisie.unstructure(dienstvisie.load_service(text))
    as_json = dienstvisie.check_text(json.dumps(data, ensure_ascii=False), name="uwv.json")
    assert [f.check for f in as_json.failures()] == [f.check for f in report.failures()]
    with pytest.raises(dienstvisie.DocumentError) as caught:
        dienstvisie.check_text("dienstvisie: '1'\n", name="leeg.yaml")
    assert caught.value.file == "leeg.yaml"


def test_check_many_equals_the_command_line_and_render_equals_its_output(tmp_path: Path) -> None:
    run = dienstvisie.check_many(["examples/", ROOT / "examples" / "werkloos-uwv.yaml",
                                  dienstvisie.read_service(ROOT / "examples" / "bedrijf-starten.yaml"), {"id": "x"}])
    assert len(run.reports) == 7 and len(run.load_failures) == 1 and not run.passed
    output = tmp_path / "cli.md"
    subprocess.run([sys.executable, "-m", "dienstvisie", "check", "examples/", "--format", "markdown", "-o", str(output),
                    "--no-progress", "--lang", "en"], cwd=ROOT, check=False, capture_output=True, timeout=300)
    api_run = dienstvisie.check_many(["examples/"])
    assert dienstvisie.render(api_run, "markdown", "en") == output.read_text(encoding="utf-8")


def test_render_of_plain_reports_has_the_rules_and_refuses_unknown_formats() -> None:
    report = dienstvisie.check(ROOT / "examples" / "werkloos-uwv.yaml")
    sarif = json.loads(dienstvisie.render(report, "sarif", "en"))
    rules = {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {f.check for f in report.findings} <= rules
    assert all("ruleIndex" in result for result in sarif["runs"][0]["results"])
    with pytest.raises(ValueError, match="known: .*sarif"):
        dienstvisie.render(report, "pdf")
    with pytest.raises(ValueError, match="known: html, json, markdown, text"):
        dienstvisie.render(dienstvisie.portfolio_of([report]), "sarif")
    with pytest.raises(ValueError, match="language"):
        dienstvisie.render(report, "text", "de")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="render\\(\\) takes"):
        dienstvisie.render("examples/werkloos-uwv.yaml")  # type: ignore[arg-type]
    assert dienstvisie.render(report, "junit").startswith("<?xml")


def test_exporters_are_typed_exporters_even_from_a_duck_typed_plugin() -> None:
    from types import SimpleNamespace

    from dienstvisie.plugins.manager import load_plugins

    duck = SimpleNamespace(name="eend", render=lambda run, lang: "kwak")
    plugin = dienstvisie.plugin_from_functions("eend", dienstvisie_exporters=lambda: [duck])
    plugins = load_plugins(entry_points=False, extra=[plugin])
    exporters = plugins.exporters()
    assert all(isinstance(exporter, dienstvisie.Exporter) for exporter in exporters.values())
    assert exporters["eend"].title.get("en") == "eend"
    report = dienstvisie.check(ROOT / "examples" / "werkloos-uwv.yaml", plugins=plugins)
    assert dienstvisie.render(report, "eend", plugins=plugins) == "kwak"
