"""`dienstvisie diff OLD NEW`: per design principle what improved and what regressed, exit codes, formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from support import TODAY, assert_valid, strong_service
from test_export_common import HOSTILE_STEP, hostile_service
from test_export_html import _assert_self_contained, _parse, _text
from test_parallel import run

import dienstvisie
from dienstvisie.pipeline.checker import all_checks, resolve_vision
from dienstvisie.analysis.diff import diff_reports
from dienstvisie.exporters.diff_report import (
    render_diff_html,
    render_diff_json,
    render_diff_markdown,
    render_diff_text,
)
from dienstvisie.model.diff import ServiceDiff
from dienstvisie.plugins.manager import load_plugins
from dienstvisie.documents.validate import schema_problems

PLUGINS = load_plugins(entry_points=False)
VISION = resolve_vision(None, PLUGINS)
CHECKS = all_checks(VISION, PLUGINS)


def as_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def compare(old: dict[str, Any], new: dict[str, Any], old_text: str | None = None) -> ServiceDiff:
    assert_valid(old)
    assert_valid(new)
    reports = [dienstvisie.check(dienstvisie.read_service(text, filename=name), plugins=PLUGINS, today=TODAY)
               for text, name in ((old_text or as_yaml(old), "oud.yaml"), (as_yaml(new), "nieuw.yaml"))]
    return diff_reports(reports[0], reports[1], vision=VISION, checks=CHECKS, version="test")


def worse() -> dict[str, Any]:
    """The strong service with a cold hand-over (P1) and a question the BRP could answer (P3)."""
    data = strong_service()
    data["steps"][0]["handover"] = {"to": "svb", "kind": "cold"}
    data["steps"][1]["asks"].append({"data": "bsn"})
    return data


def test_a_regression_names_the_principles_and_the_new_findings() -> None:
    diff = compare(strong_service(), worse())
    assert diff.state == "regressed" and diff.regressed == ("P1", "P3")
    p1 = diff.principles[0]
    assert p1.id == "P1" and p1.state == "regressed" and p1.delta is not None and p1.delta < 0
    assert [c.check for c in p1.added] == ["DV101"] and p1.added[0].path == "/steps/aangifte/handover/kind"
    p3 = diff.principles[2]
    assert [c.check for c in p3.added] == ["DV301"] and p3.added[0].path == "/steps/anw/asks/bsn"
    assert all(item.state == "unchanged" for item in diff.principles[3:])
    assert any(point.delta is not None and point.delta < 0 for point in diff.starting_points)


def test_the_reverse_is_an_improvement() -> None:
    diff = compare(worse(), strong_service())
    assert diff.state == "improved" and diff.improved == ("P1", "P3") and not diff.regressed
    assert [c.check for c in diff.principles[0].fixed] == ["DV101"]


def test_unchanged_when_only_lines_move_and_steps_are_reordered() -> None:
    old = worse()
    shifted = "# commentaar\n\n" + as_yaml(old).replace("\n", "\n\n", 5)
    diff = compare(old, old, old_text=shifted)
    assert diff.state == "unchanged" and not diff.regressed and not diff.improved
    assert all(not item.fixed and not item.added for item in diff.principles)


def test_a_new_explanation_fixes_the_finding_and_says_so() -> None:
    explained = worse()
    explained["explanations"] = [{"check": "DV101", "step": "aangifte", "reason": "Wettelijk zo geregeld."}]
    diff = compare(worse(), explained)
    fixed = diff.principles[0].fixed
    assert [c.check for c in fixed] == ["DV101"] and fixed[0].now_explained
    assert diff.principles[0].state == "improved"


def test_a_score_drop_without_new_findings_is_a_regression_too() -> None:
    from dienstvisie.analysis.diff import _state

    assert _state(80.0, 70.0, fixed=1, added=0) == "regressed"
    assert _state(70.0, 80.0, fixed=0, added=0) == "improved"
    assert _state(None, 80.0, fixed=0, added=0) == "unchanged"


def test_document_findings_are_compared_too() -> None:
    new = worse()
    new["life_events"] = ["overlijden", "geen-bekende-gebeurtenis"]  # DV002 (info) about the document
    diff = compare(worse(), new)
    assert diff.document.state == "regressed" and "document" in diff.regressed


# ------------------------------------------------------------------------------------------- formats

def sample_diff() -> ServiceDiff:
    """A regression in P1 and P3; the new journey has a cold hand-over."""
    return compare(strong_service(), worse())


@pytest.fixture(scope="module")
def sample() -> ServiceDiff:
    return sample_diff()


def test_json_is_valid(sample: ServiceDiff) -> None:
    data = json.loads(render_diff_json(sample))
    assert schema_problems(data, "diff") == []
    assert data["result"] == "regressed" and data["regressed"] == ["P1", "P3"]
    p1 = data["principles"][0]
    assert p1["score"]["delta"] < 0 and p1["new"][0]["check"] == "DV101" and p1["fixed"] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_text_names_principle_ids_and_the_verdict(sample: ServiceDiff, lang: str) -> None:
    text = render_diff_text(sample, lang)  # type: ignore[arg-type]
    assert "P1" in text and "P3" in text and "DV101" in text and "/steps/aangifte/handover/kind" in text
    assert ("ACHTERUIT in P1, P3" if lang == "nl" else "REGRESSED in P1, P3") in text


def test_markdown_renders_a_table(sample: ServiceDiff) -> None:
    text = render_diff_markdown(sample, "en")
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<table>" in html and "REGRESSED in P1, P3" in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_shows_both_journeys_side_by_side(sample: ServiceDiff, lang: str) -> None:
    html = render_diff_html(sample, lang)  # type: ignore[arg-type]
    root = _parse(html)
    _assert_self_contained(html, root)
    swimlanes = [e for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("svg")
                 and "swimlane" in (e.get("class") or "")]
    assert len(swimlanes) == 2
    sides = [e for e in root.iter() if e.get("data-version")]
    assert [e.get("data-version") for e in sides] == ["old", "new"]
    cold = [e for e in root.iter() if e.get("data-kind") == "cold"]
    assert len(cold) == 1  # the new journey has the cold hand-over, the old one has none
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    rows = {e.get("data-item"): e.get("data-state") for e in root.iter() if e.get("data-item")}
    assert rows["P1"] == "regressed" and rows["P4"] == "unchanged"


def test_html_escapes_hostile_documents() -> None:
    diff = compare(hostile_service(), hostile_service())
    html = render_diff_html(diff, "en")
    assert HOSTILE_STEP not in html and "&lt;script&gt;" in html
    _assert_self_contained(html, _parse(html))
    assert "UNCHANGED" in _text(_parse(html))


# ------------------------------------------------------------------------------------------- command

def test_diff_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "oud.yaml", tmp_path / "nieuw.yaml"
    old.write_text(as_yaml(strong_service()), encoding="utf-8")
    new.write_text(as_yaml(worse()), encoding="utf-8")
    code, out, _ = run(["diff", str(old), str(new), "--no-plugins", "--isolated", "--lang", "en"], capsys)
    assert code == 1 and "REGRESSED in P1, P3" in out
    code, out, _ = run(["diff", str(new), str(old), "--no-plugins", "--isolated", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["result"] == "improved"
    assert run(["diff", str(old), str(old), "--no-plugins", "--isolated"], capsys)[0] == 0
    code, _, err = run(["diff", str(old), str(tmp_path / "nergens.yaml"), "--no-plugins"], capsys)
    assert code == 2 and "nergens.yaml" in err
    broken = tmp_path / "kapot.yaml"
    broken.write_text("dienstvisie: '1'\nid: x\n", encoding="utf-8")
    code, _, err = run(["diff", str(broken), str(new), "--no-plugins"], capsys)
    assert code == 2 and "kapot.yaml" in err


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_diff_command_writes_a_file(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "oud.yaml", tmp_path / "nieuw.yaml"
    old.write_text(as_yaml(strong_service()), encoding="utf-8")
    new.write_text(as_yaml(worse()), encoding="utf-8")
    target = tmp_path / f"diff.{fmt}"
    code, out, _ = run(["diff", str(old), str(new), "--no-plugins", "--isolated", "--format", fmt, "-o", str(target)],
                       capsys)
    assert code == 1 and out == "" and "P1" in target.read_text(encoding="utf-8")
