"""Baseline: fingerprints that survive line shifts, the baseline file, and `check --baseline`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from support import TODAY, assert_valid, strong_service
from test_parallel import generated_folder, run

import dienstvisie
from dienstvisie.analysis.baseline import Baseline, fingerprints, read_baseline, record, render, stable_path, to_data
from dienstvisie.errors import DocumentError, SourceError
from dienstvisie.model.report import Report
from dienstvisie.plugins.manager import load_plugins
from dienstvisie.documents.validate import schema_problems

PLUGINS = load_plugins(entry_points=False)


def weak() -> dict[str, Any]:
    data = strong_service()
    data["steps"][0]["handover"] = {"to": "svb", "kind": "cold"}
    data["steps"][1]["asks"].append({"data": "bsn"})
    data["steps"][1]["language_level"] = "C1"
    assert_valid(data)
    return data


def check_text(text: str, name: str = "dienst.yaml") -> Report:
    return dienstvisie.check(dienstvisie.read_service(text, filename=name), plugins=PLUGINS, today=TODAY)


def as_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# ------------------------------------------------------------------------------------- fingerprints

def test_stable_path_names_steps_asks_and_list_items_by_what_they_are() -> None:
    concept = dienstvisie.load_service(weak())
    assert stable_path("/steps/1/asks/1", concept) == ("/steps/anw/asks/bsn", "bsn")
    assert stable_path("/steps/0/handover/kind", concept) == ("/steps/aangifte/handover/kind", None)
    assert stable_path("/organisations/1/name", concept) == ("/organisations/svb/name", None)
    assert stable_path("/signals/reviewed_with/0", concept) == ("/signals/reviewed_with/gemeente", None)
    assert stable_path("/steps/9/asks/0", concept) == ("/steps/9/asks/0", None)  # unknown: the position stays
    assert stable_path("", concept) == ("", None)
    assert stable_path("/contact", None) == ("/contact", None)


def test_fingerprints_survive_added_lines_comments_and_reordered_steps() -> None:
    data = weak()
    before = fingerprints(check_text(as_yaml(data)))
    assert before and all(":" not in f.path for f in before)
    shifted = "# een regel commentaar\n\n# nog een\n" + as_yaml(data).replace("\n", "\n\n", 3)
    assert fingerprints(check_text(shifted)) == before
    moved = weak()
    moved["steps"].insert(0, {"id": "melding", "title": "Melding", "organisation": "gemeente", "initiative": "automatisch"})
    after = fingerprints(check_text(as_yaml(moved)))
    assert {f.key for f in before} <= {f.key for f in after}  # what failed before is recognised after the insertion


def test_fingerprints_change_when_the_step_or_data_item_changes() -> None:
    data = weak()
    renamed = weak()
    renamed["steps"][1]["asks"][-1] = {"data": "adres"}
    ask = lambda report: {f.path for f in fingerprints(report) if f.check == "DV301"}  # noqa: E731
    assert ask(check_text(as_yaml(data))) == {"/steps/anw/asks/bsn"}
    assert ask(check_text(as_yaml(renamed))) == {"/steps/anw/asks/adres"}


# ------------------------------------------------------------------------------------- the file

def test_baseline_file_is_valid_sorted_and_reads_back() -> None:
    found = fingerprints(check_text(as_yaml(weak()))) * 2  # each fingerprint twice: counts of 2
    baseline = record(found, vision="gezamenlijke-dienstverlening", vision_version="1", version="9.9")
    data = json.loads(render(baseline))
    assert schema_problems(data, "baseline") == []
    assert data["total"] == len(found) and all(entry["count"] == 2 for entry in data["findings"])
    keys = [(e["service"], e["check"], e["path"], e.get("step") or "") for e in data["findings"]]
    assert keys == sorted(keys)
    assert any(entry.get("data") == "bsn" for entry in data["findings"])
    assert render(baseline) == render(record(reversed(found), vision="gezamenlijke-dienstverlening",
                                             vision_version="1", version="9.9"))


def test_reading_a_baseline(tmp_path: Path) -> None:
    baseline = record(fingerprints(check_text(as_yaml(weak()))))
    path = tmp_path / "baseline.json"
    path.write_text(render(baseline), encoding="utf-8")
    assert read_baseline(path).services == baseline.services
    broken = json.loads(render(baseline))
    broken["findings"][0]["count"] = 0
    path.write_text(json.dumps(broken, indent=2), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_baseline(path)
    assert caught.value.problems[0].location.line is not None
    with pytest.raises(SourceError):
        read_baseline(tmp_path / "nergens.json")


def test_apply_leaves_out_known_failures_and_counts_new_and_fixed() -> None:
    old = check_text(as_yaml(weak()))
    baseline = record(fingerprints(old))
    same, tally = baseline.apply(old)
    assert tally.known == len(fingerprints(old)) and tally.new == 0 and tally.fixed == 0
    assert not same.failures() or all(f.status.value == "error" for f in same.failures())
    assert same.scores == old.scores  # the scores still say how the service stands
    changed = weak()
    changed["steps"][1]["language_level"] = "B1"  # fixes DV403
    changed["steps"][1]["asks"].append({"data": "adres"})  # new DV301
    report, tally = baseline.apply(check_text(as_yaml(changed)))
    assert tally.new == 1 and tally.fixed == 1
    assert [f.check for f in report.failures()] == ["DV301"]
    assert Baseline().apply(old)[1].new == len(fingerprints(old))


def test_by_check_counts_the_recorded_findings_of_each_check_over_services(tmp_path: Path) -> None:
    old = check_text(as_yaml(weak()))
    baseline = record(fingerprints(old) + [attrs.evolve(f, service="ander") for f in fingerprints(old)])
    expected: dict[str, int] = {}
    for found in fingerprints(old):
        expected[found.check] = expected.get(found.check, 0) + 2
    assert baseline.by_check == expected and sum(expected.values()) == baseline.total
    path = tmp_path / "baseline.json"
    path.write_text(render(baseline), encoding="utf-8")
    assert read_baseline(path).by_check == expected  # the counts survive the file


def test_a_removed_check_in_a_baseline_is_named_with_its_replacement(tmp_path: Path) -> None:
    from dienstvisie import CheckId, CheckStatus, plugin_from_functions
    from dienstvisie.api import all_checks, resolve_vision
    from dienstvisie.engine.check_ids import baseline_notes

    table = [CheckId("DV199", CheckStatus.REMOVED, replaced_by=("DV101",), since="0.2")]
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("oud", dienstvisie_check_ids=lambda: table)])
    checks = all_checks(resolve_vision(None, plugins), plugins)
    notes = baseline_notes("b.json", {"DV199": 3, "DV101": 1, "XX1": 2}, checks, plugins.check_ids())
    assert [(note.option, note.entry.id) for note in notes] == [("b.json:", "DV199")]
    assert notes[0].message.get("en") == "b.json: DV199: DV199 was removed in version 0.2; it was replaced by DV101"


# ------------------------------------------------------------------------------------- commands

@pytest.fixture()
def portfolio(tmp_path: Path) -> Path:
    return generated_folder(tmp_path / "portfolio", 12, broken=False)


def test_baseline_then_check_passes_until_something_new_fails(portfolio: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "baseline.json"
    code, out, err = run(["baseline", str(portfolio), "--no-plugins", "--isolated", "-o", str(file), "--lang", "en"], capsys)
    assert code == 0 and out == "" and "of 17 service(s)" in err
    data = json.loads(file.read_text(encoding="utf-8"))
    assert schema_problems(data, "baseline") == [] and data["total"] > 50
    first = file.read_bytes()
    run(["baseline", str(portfolio), "--no-plugins", "--isolated", "-o", str(file), "--jobs", "2"], capsys)
    assert file.read_bytes() == first  # the same findings give the same bytes, in parallel too

    code, out, err = run(["check", str(portfolio), "--no-plugins", "--isolated", "--baseline", str(file), "--lang", "en"],
                         capsys)
    assert code == 0, out
    assert f"Baseline {file}: {data['total']} known (not shown), 0 new, 0 fixed" in out
    assert "known finding(s) from the baseline not shown" in out

    code, out, _ = run(["check", str(portfolio), "--no-plugins", "--isolated", "--baseline", str(file),
                        "--format", "json"], capsys)
    report = json.loads(out)
    assert code == 0 and schema_problems(report, "report") == []
    assert report["baseline"] == {"file": str(file), "known": data["total"], "new": 0, "fixed": 0}
    assert sum(service["baseline"]["known"] for service in report["services"]) == data["total"]
    assert not any(f["status"] == "failed" for s in report["services"] for f in s["findings"])

    target = portfolio / "examples" / "geboorte-den-haag.yaml"
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    document["steps"][0]["language_level"] = "C2"  # one new failure
    target.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for jobs in ("1", "2"):
        code, out, _ = run(["check", str(portfolio), "--no-plugins", "--isolated", "--baseline", str(file),
                            "--format", "json", "--jobs", jobs], capsys)
        report = json.loads(out)
        assert code == 1
        failed = [(s["id"], f["check"]) for s in report["services"] for f in s["findings"] if f["status"] == "failed"]
        assert failed == [("geboorte-den-haag", "DV403")]
        assert report["baseline"]["new"] == 1 and report["baseline"]["known"] == data["total"]


def test_check_with_baseline_in_other_formats_says_the_counts_on_stderr(portfolio: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "baseline.json"
    run(["baseline", str(portfolio / "examples"), "--no-plugins", "--isolated", "-o", str(file)], capsys)
    code, out, err = run(["check", str(portfolio / "examples"), "--no-plugins", "--isolated", "--baseline", str(file),
                          "--format", "markdown", "--lang", "en"], capsys)
    assert code == 0 and "known (not shown), 0 new, 0 fixed" in err


def test_fixed_findings_are_counted(portfolio: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "een"
    folder.mkdir()
    (folder / "dienst.yaml").write_text(as_yaml(weak()), encoding="utf-8")
    file = tmp_path / "baseline.json"
    run(["baseline", str(folder), "--no-plugins", "--isolated", "-o", str(file)], capsys)
    better = weak()
    better["steps"][0]["handover"] = {"to": "svb", "kind": "warm", "shares": ["datum-overlijden"]}
    (folder / "dienst.yaml").write_text(as_yaml(better), encoding="utf-8")
    code, out, _ = run(["check", str(folder), "--no-plugins", "--isolated", "--baseline", str(file), "--format", "json"],
                       capsys)
    assert code == 0 and json.loads(out)["baseline"]["fixed"] >= 1


def test_unusable_baseline_or_documents_exit_2(portfolio: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "kapot.json"
    bad.write_text('{"dienstvisie_baseline": "1", "findings": [{"service": 1}]}', encoding="utf-8")
    code, _, err = run(["check", str(portfolio), "--no-plugins", "--isolated", "--baseline", str(bad)], capsys)
    assert code == 2 and "kapot.json" in err
    code, _, err = run(["check", str(portfolio), "--no-plugins", "--baseline", str(tmp_path / "nergens.json")], capsys)
    assert code == 2 and "nergens.json" in err
    shutil.copy(Path(__file__).parent / "corpus" / "broken" / "missing-required.yaml", portfolio / "stuk.yaml")
    target = tmp_path / "baseline.json"
    code, _, _ = run(["baseline", str(portfolio), "--no-plugins", "--isolated", "-o", str(target)], capsys)
    assert code == 2 and not target.exists()  # a baseline of part of the portfolio is not written


def test_schema_command_prints_the_new_schemas(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("baseline", "portfolio", "diff"):
        code, out, _ = run(["schema", name], capsys)
        data = json.loads(out)
        assert code == 0 and data["$schema"].endswith("2020-12/schema") and data["$id"].endswith(f"/{name}/1.json")


def test_to_data_of_an_empty_baseline() -> None:
    assert to_data(Baseline())["findings"] == [] and to_data(Baseline())["total"] == 0
