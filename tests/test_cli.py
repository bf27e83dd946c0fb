"""The command line: exit codes, formats and messages, run in-process and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dienstvisie import __version__
from dienstvisie.cli.main import main
from dienstvisie.documents.validate import schema_problems

EXAMPLES = Path(__file__).parents[1] / "examples"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out.strip() == f"dienstvisie {__version__}"


def test_version_as_a_real_process() -> None:
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and __version__ in result.stdout


def test_vision_json_has_every_item_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["vision", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert schema_problems(data, "vision") == []
    assert [p["id"] for p in data["starting_points"]] == ["U1", "U2", "U3"]
    assert [p["id"] for p in data["principles"]] == ["P1", "P2", "P3", "P4", "P5", "P6"]
    for item in data["starting_points"] + data["principles"]:
        assert item["title"]["nl"] and item["title"]["en"]
        assert item["description"]["nl"] and item["description"]["en"]
    for principle in data["principles"]:
        assert len(principle["questions"]) >= 3
        assert principle["questions"][0]["text"]["nl"].startswith("Helpt dit de burger en ondernemer")
    assert data["provenance"]["status"] == "reconstructed"


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vision_text_and_markdown(fmt: str, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["vision", "--format", fmt, "--lang", lang], capsys)
    assert code == 0
    assert ("Geen verkeerde deur" if lang == "nl" else "No wrong door") in out
    assert "P6.Q1" in out


def test_vision_from_another_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dienstvisie.documents.load import shipped_vision_text

    data = yaml.safe_load(shipped_vision_text())
    data["id"] = "officieel"
    data["title"] = {"nl": "Officiële tekst"}
    data["provenance"]["status"] = "official"
    path = tmp_path / "officieel.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(["vision", "--file", str(path)], capsys)
    assert code == 0 and "Officiële tekst" in out


def test_validate_examples_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", str(EXAMPLES)], capsys)
    assert code == 0, err
    assert len(list(EXAMPLES.glob("*.yaml"))) >= 4
    assert out.count("✓") == len(list(EXAMPLES.glob("*.yaml")))


def test_validate_missing_file_exits_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate", "does-not-exist.yaml"], capsys)
    assert code == 2
    assert "does-not-exist.yaml" in err and "Traceback" not in err


def test_validate_mixed_invalid_and_missing_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    broken = Path(__file__).parent / "corpus" / "broken" / "duplicate-step.yaml"
    code, _, err = run(["validate", str(broken), "nope.yaml"], capsys)
    assert code == 2 and "duplicate-step.yaml" in err


def test_validate_a_folder_without_documents_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["validate", str(tmp_path)], capsys)
    assert code == 2


def test_validate_english_messages(capsys: pytest.CaptureFixture[str]) -> None:
    broken = Path(__file__).parent / "corpus" / "broken" / "misspelt-channel.yaml"
    code, _, err = run(["validate", "--lang", "en", str(broken)], capsys)
    assert code == 1
    assert "Did you mean 'telefoon'?" in err


@pytest.mark.parametrize("name", ["service", "vision", "vocabulary", "report"])
def test_schema_prints_json_schema(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema", name], capsys)
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].endswith("2020-12/schema") and schema["$id"]


def test_schema_files_in_repo_match_the_package() -> None:
    top = Path(__file__).parents[1] / "schemas"
    assert (top / "service.schema.json").is_file()


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["frobnicate"], capsys)
    assert code == 2


@pytest.mark.parametrize("event", ["overlijden", "geboorte", "iets-eigens"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_new_prints_a_valid_commented_document(event: str, lang: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["new", "--life-event", event, "--lang", lang], capsys)
    assert code == 0
    assert out.startswith("#") and 'dienstvisie: "2"' in out
    path = tmp_path / "new.yaml"
    path.write_text(out, encoding="utf-8")
    code, _, err = run(["validate", str(path)], capsys)
    assert code == 0, err
    # the commented hand-over example is valid format 2 once it names an organisation of the document
    example = next(line for line in out.splitlines() if line.strip().startswith("# handovers:"))
    path.write_text(out.replace(example, example.replace("# ", "", 1).replace("svb", "gemeente")), encoding="utf-8")
    code, _, err = run(["validate", str(path)], capsys)
    assert code == 0, err


def test_new_writes_to_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "dienst.yaml"
    code, _, _ = run(["new", "--life-event", "verhuizen", "--id", "verhuizen-utrecht", "-o", str(target)], capsys)
    assert code == 0
    assert "id: verhuizen-utrecht" in target.read_text(encoding="utf-8")


def test_output_into_missing_folder_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nope" / "x.yaml"
    code, _, err = run(["new", "--life-event", "verhuizen", "-o", str(target)], capsys)
    assert code == 2 and not target.exists() and "Traceback" not in err


def test_validate_recognises_every_kind_of_document(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).parents[1]
    paths = [root / "src/dienstvisie/visions", root / "src/dienstvisie/vocabularies",
             root / "plugins/dienstvisie-gemeente-voorbeeld/src/dienstvisie_gemeente_voorbeeld/regels.yaml"]
    code, out, err = run(["validate", *map(str, paths)], capsys)
    assert code == 0, err
    assert "regels.yaml" in out and "data-items.yaml" in out


def test_validate_a_broken_rule_set_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "regels.yaml"
    path.write_text('dienstvisie_ruleset: "1"\nid: mijn-regels\nrules:\n  - id: XX101\n    severity: huge\n', encoding="utf-8")
    code, _, err = run(["validate", "--lang", "en", str(path)], capsys)
    assert code == 1
    assert f"{path}:5:" in err and "Traceback" not in err
