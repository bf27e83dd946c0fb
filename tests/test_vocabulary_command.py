"""`dienstvisie vocabulary`: every data item, life event and situation with its registers, as the
shipped files have them, in text, JSON and Markdown; a designer finds every id without the code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dienstvisie.cli.main import main

FOLDER = Path(__file__).parents[1] / "src" / "dienstvisie" / "vocabularies"


def _shipped(name: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))["items"]
    return items


def test_json_lists_every_shipped_term_with_its_registers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vocabulary", "--no-plugins", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {row["id"]: row["registers"] for row in data["data_items"]} == {
        item["id"]: item.get("registers", []) for item in _shipped("data-items")}
    assert {row["id"]: row["known_via"] for row in data["life_events"]} == {
        item["id"]: item.get("known_via") for item in _shipped("life-events")}
    assert {row["id"] for row in data["situations"]} >= {"schulden", "multiproblematiek"}


def test_text_of_one_kind_has_every_id_and_its_registers() -> None:
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "vocabulary", "data-items", "--no-plugins",
                             "--lang", "en"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Data items ({len(_shipped('data-items'))})" and "registers that hold it" in lines[1]
    for item in _shipped("data-items"):
        row = next(line for line in lines if line.split()[:1] == [item["id"]])
        assert row.rstrip().endswith(", ".join(item.get("registers", [])) or "–")  # type: ignore[arg-type]
    assert "Life events" not in result.stdout


def test_markdown_has_a_table_per_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vocabulary", "--no-plugins", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.count("|---|---|---|") == 3
    assert "| `schulden` | Problematische schulden | `vroegsignalering` |" in out
    assert "| `kvk-nummer` | KVK-nummer | `handelsregister` |" in out


def test_an_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vocabulary", "registers"]) == 2
    assert "data-items" in capsys.readouterr().err
