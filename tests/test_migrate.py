"""`dienstvisie migrate`: every shipped and test document becomes a valid format-2 document with the
same findings, its comments kept; a failed run writes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import service_concepts
from support import TODAY

import dienstvisie
from dienstvisie.documents.load import parse
from dienstvisie.pipeline.any_document import read_document
from dienstvisie.documents.migrate import migrate_data, needs_migration
from dienstvisie.documents.migrate_text import migrate_text
from dienstvisie.model.service import ServiceConcept

ROOT = Path(__file__).resolve().parent.parent
FORMAT_1 = ROOT / "tests" / "corpus" / "format1"  # the examples as they shipped in format 1


def _service_documents() -> list[Path]:
    """Every valid service concept that ships (examples) or that a test reads from a file."""
    candidates = [*ROOT.glob("examples/*.yaml"), *ROOT.glob("plugins/*/examples/*.yaml"),
                  *(path for folder in (ROOT / "tests", *ROOT.glob("plugins/*/tests")) for path in folder.rglob("*")
                    if path.suffix in (".yaml", ".yml", ".json"))]
    found = []
    for path in sorted(set(candidates)):
        try:
            document = read_document(path)
        except dienstvisie.DienstvisieError:
            continue  # the broken corpus and other invalid documents: nothing to migrate
        if isinstance(document.model, ServiceConcept):
            found.append(path)
    return found


DOCUMENTS = _service_documents()


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], capture_output=True, text=True, cwd=cwd,
                          env={"DIENSTVISIE_LANG": "en", "PATH": "/usr/bin:/bin"}, timeout=300)


def _verdict(service: ServiceConcept | Path) -> Counter[tuple[str, str, str | None]]:
    report = dienstvisie.check(service if isinstance(service, ServiceConcept) else str(service), today=TODAY)
    return Counter((finding.check, finding.status, finding.step) for finding in report.findings)


def test_the_documents_include_every_example_and_format_1_test_documents() -> None:
    assert set(ROOT.glob("examples/*.yaml")) | set(FORMAT_1.glob("*.yaml")) <= set(DOCUMENTS)
    assert sum(1 for path in DOCUMENTS if read_document(path).model.dienstvisie == "1") >= 8


def test_every_shipped_and_test_document_migrates_to_format_2_with_the_same_findings(tmp_path: Path) -> None:
    copies = []
    for index, path in enumerate(DOCUMENTS):
        copy = tmp_path / f"{index:03d}-{path.name}"
        shutil.copyfile(path, copy)
        copies.append(copy)
    result = _cli("migrate", "--in-place", *map(str, copies))
    assert result.returncode == 0, result.stderr
    for original, migrated in zip(DOCUMENTS, copies):
        model = read_document(migrated).model  # valid
        assert model.dienstvisie == "2", original
        raw = parse(migrated.read_text(encoding="utf-8"), str(migrated)).data
        assert not any("handover" in step for step in raw["steps"]), original
        assert _verdict(migrated) == _verdict(original), original
        assert model.steps == read_document(original).model.steps, original  # the same meaning, step by step


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if p.suffix != ".json"], ids=lambda p: p.name)
def test_comments_are_kept(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = parse(text, str(path)).data
    migrated = migrate_text(text, data, lambda new: parse(new, str(path)).data)
    assert migrated.comments_kept
    comments = [line.split("#", 1)[1].strip() for line in text.splitlines() if line.lstrip().startswith("#")]
    for comment in comments:
        assert comment in migrated.text
    assert parse(migrated.text, str(path)).data == migrate_data(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(service_concepts(formats=("1",)), st.sampled_from([False, None, True]))
def test_generated_format_1_documents_migrate_in_text_with_the_same_meaning(data: dict[str, Any], flow: bool | None) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    migrated = migrate_text(text, parse(text, "doc.yaml").data, lambda new: parse(new, "doc.yaml").data)
    assert migrated.comments_kept  # the edit in place worked for this layout
    new = dienstvisie.load_service(migrated.text)
    old = dienstvisie.load_service(data)
    assert new.dienstvisie == "2" and new.steps == old.steps
    assert _verdict(new) == _verdict(old)


def test_a_format_2_document_is_left_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    shutil.copyfile(FORMAT_1 / "overlijden-utrecht.yaml", source)
    assert _cli("migrate", "--in-place", str(source)).returncode == 0
    once = source.read_text(encoding="utf-8")
    again = _cli("migrate", "--in-place", str(source))
    assert again.returncode == 0 and "already format 2" in again.stderr
    assert source.read_text(encoding="utf-8") == once
    assert not needs_migration(parse(once, "a.yaml").data)


def test_output_to_screen_file_and_folder(tmp_path: Path) -> None:
    example = FORMAT_1 / "werkloos-uwv.yaml"
    shown = _cli("migrate", str(example))
    assert shown.returncode == 0 and 'dienstvisie: "2"' in shown.stdout
    target = tmp_path / "out.yaml"
    assert _cli("migrate", str(example), "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == shown.stdout
    folder = tmp_path / "out"
    folder.mkdir()
    both = _cli("migrate", str(example), str(ROOT / "examples" / "bedrijf-starten.yaml"), "-o", str(folder))
    assert both.returncode == 0, both.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["bedrijf-starten.yaml", "werkloos-uwv.yaml"]
    assert example.read_text(encoding="utf-8") != shown.stdout  # the source itself is untouched


def test_nothing_is_written_when_one_document_is_invalid(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    shutil.copyfile(ROOT / "tests" / "corpus" / "broken" / "future-version.yaml", tmp_path / "bad.yaml")
    shutil.copyfile(FORMAT_1 / "geboorte-den-haag.yaml", good)
    before = good.read_text(encoding="utf-8")
    result = _cli("migrate", "--in-place", str(good), str(tmp_path / "bad.yaml"))
    assert result.returncode == 1
    assert "bad.yaml:2:" in result.stderr and "nothing written" in result.stderr
    assert good.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "good.yaml"]  # no temporary files left


def test_folders_are_searched_and_other_documents_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "portfolio"
    (folder / "sub").mkdir(parents=True)
    shutil.copyfile(FORMAT_1 / "werkloos-uwv.yaml", folder / "sub" / "werkloos.yaml")
    shutil.copyfile(FORMAT_1 / "geboorte-den-haag.yaml", folder / "geboorte.yaml")
    (folder / "visie.yaml").write_text(dienstvisie.documents.load.shipped_vision_text(), encoding="utf-8")  # type: ignore[attr-defined]
    vision_before = (folder / "visie.yaml").read_text(encoding="utf-8")
    several = _cli("migrate", str(folder))
    assert several.returncode == 2 and "-o FOLDER or --in-place" in several.stderr
    result = _cli("migrate", "--in-place", str(folder))
    assert result.returncode == 0, result.stderr
    assert "visie.yaml: skipped, no service concept" in result.stderr
    assert (folder / "visie.yaml").read_text(encoding="utf-8") == vision_before
    for path in (folder / "sub" / "werkloos.yaml", folder / "geboorte.yaml"):
        assert read_document(path).model.dienstvisie == "2"


def test_usage_errors(tmp_path: Path) -> None:
    example = str(FORMAT_1 / "geboorte-den-haag.yaml")
    assert _cli("migrate", example, "-o", str(tmp_path / "x.yaml"), "--in-place").returncode == 2
    assert _cli("migrate", example, example, "-o", str(tmp_path / "missing")).returncode == 2
    assert _cli("migrate", str(tmp_path / "nothing.yaml")).returncode == 2
    vision = tmp_path / "vision.yaml"
    vision.write_text(dienstvisie.documents.load.shipped_vision_text(), encoding="utf-8")  # type: ignore[attr-defined]
    other = _cli("migrate", str(vision))
    assert other.returncode == 2 and "no service concept" in other.stderr


def test_json_documents_are_written_as_json(tmp_path: Path) -> None:
    import json

    data = yaml.safe_load((FORMAT_1 / "geboorte-den-haag.yaml").read_text(encoding="utf-8"))
    source = tmp_path / "g.json"
    source.write_text(json.dumps(data, default=str), encoding="utf-8")
    result = _cli("migrate", str(source))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == migrate_data(json.loads(source.read_text(encoding="utf-8")))


def _inline_documents() -> list[tuple[str, dict[str, Any]]]:
    """The documents the check tests build in memory: the strong fixture, and each built-in check's
    failing and passing example laid over it (tests/support.with_snippet)."""
    from support import strong_service, with_snippet

    from dienstvisie.api import default_plugins
    from dienstvisie.documents.load import load_vision
    from dienstvisie.documents.validate import schema_problems, service_reference_problems

    found = [("strong", strong_service())]
    for check in default_plugins().checks(load_vision()):
        for name, snippet in (("fail", check.example_fail), ("pass", check.example_pass)):
            if not snippet:
                continue
            try:
                data = with_snippet(snippet)
            except Exception:  # a snippet that is no overlay of the fixture (a fragment of a list)
                continue
            if not schema_problems(data, "service") + service_reference_problems(data):
                found.append((f"{check.id}-{name}", data))
    return found


INLINE = _inline_documents()


def test_the_check_tests_documents_are_found() -> None:
    assert len(INLINE) >= 20


@pytest.mark.parametrize(("name", "data"), INLINE, ids=[name for name, _ in INLINE])
def test_documents_of_the_check_tests_migrate_with_the_same_findings(name: str, data: dict[str, Any]) -> None:
    migrated = migrate_data(data)
    new, old = dienstvisie.load_service(migrated), dienstvisie.load_service(data)
    assert new.dienstvisie == "2" and new.steps == old.steps
    assert _verdict(new) == _verdict(old)


def test_a_layout_the_text_edit_cannot_take_is_written_anew_and_said_so(tmp_path: Path) -> None:
    """A hand-over shared through a YAML alias: editing the text would change the anchor's place,
    so the document is written anew from its data (valid, the same meaning) and the user is told."""
    text = (FORMAT_1 / "geboorte-den-haag.yaml").read_text(encoding="utf-8")
    text = text.replace("    handover:\n      to: svb\n", "    handover: &naar-svb\n      to: svb\n", 1)
    text = text.replace("  - id: kindgebonden-budget\n", "  - id: kindgebonden-budget\n    handover: *naar-svb\n", 1)
    source = tmp_path / "alias.yaml"
    source.write_text(text, encoding="utf-8")
    original = read_document(source).model
    migrated = migrate_text(text, parse(text, "alias.yaml").data, lambda new: parse(new, "alias.yaml").data)
    assert not migrated.comments_kept
    result = _cli("migrate", "--in-place", str(source))
    assert result.returncode == 0 and "comments are not kept" in result.stderr
    assert read_document(source).model.steps == original.steps


def test_a_baseline_recorded_in_format_1_still_matches_after_migration(tmp_path: Path) -> None:
    from dienstvisie.analysis.baseline import stable_path

    old = read_document(FORMAT_1 / "overlijden-utrecht.yaml").model
    new = dienstvisie.load_service(migrate_data(parse((FORMAT_1 / "overlijden-utrecht.yaml").read_text(encoding="utf-8"),
                                                      "o.yaml").data))
    # a check that points into format 2's list finds the fingerprint format 1 gave the same hand-over
    assert stable_path("/steps/0/handovers/0/kind", new) == stable_path("/steps/0/handover/kind", old)
    assert stable_path("/steps/0/handover/kind", old)[0] == "/steps/uitvaart-regelen/handover/kind"
    folder = tmp_path / "v1"
    shutil.copytree(FORMAT_1, folder)
    baseline = tmp_path / "baseline.json"
    assert _cli("baseline", str(folder), "-o", str(baseline)).returncode == 0
    assert _cli("migrate", "--in-place", str(folder)).returncode == 0
    result = _cli("check", str(folder), "--baseline", str(baseline), "--format", "json")
    assert result.returncode == 0, result.stdout[-2000:]  # nothing new: every finding is known
    import json

    assert json.loads(result.stdout)["baseline"]["new"] == 0


def test_a_target_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "geboorte-den-haag.yaml").mkdir(parents=True)  # a folder where the second result would go
    result = _cli("migrate", str(FORMAT_1 / "werkloos-uwv.yaml"), str(FORMAT_1 / "geboorte-den-haag.yaml"), "-o", str(out))
    assert result.returncode == 2 and "nothing written" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["geboorte-den-haag.yaml"]  # werkloos-uwv.yaml was not written


def test_an_unwritable_target_changes_nothing(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root may write anywhere")
    good, locked = tmp_path / "good", tmp_path / "locked"
    good.mkdir()
    locked.mkdir()
    shutil.copyfile(FORMAT_1 / "werkloos-uwv.yaml", good / "a.yaml")
    shutil.copyfile(FORMAT_1 / "geboorte-den-haag.yaml", locked / "b.yaml")
    before = (good / "a.yaml").read_text(encoding="utf-8")
    locked.chmod(0o555)
    try:
        result = _cli("migrate", "--in-place", str(good / "a.yaml"), str(locked / "b.yaml"))
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2 and "nothing written" in result.stderr and "Traceback" not in result.stderr
    assert (good / "a.yaml").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in good.iterdir()) == ["a.yaml"]
