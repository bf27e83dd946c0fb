"""The GitLab Code Quality report: the fields GitLab requires, unique stable fingerprints, repository paths.

The report is validated against tests/schemas/gitlab-codequality.schema.json, written from GitLab's
documentation of the format (its `$comment` says what it holds); the validator is shown to reject
reports that lack a required field, so a pass means something.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from test_export_common import example_run, hostile_run, render

from dienstvisie.exporters.gitlab import repository_path, run_to_gitlab
from dienstvisie.model.check import Status

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def _errors(report: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(report)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_examples_give_a_valid_report_with_unique_fingerprints(lang: str) -> None:
    run = example_run()
    report = json.loads(render("gitlab", run, lang))  # type: ignore[arg-type]
    assert _errors(report) == []
    fingerprints = [issue["fingerprint"] for issue in report]
    assert len(fingerprints) == len(set(fingerprints))
    failed = [f for r in run.reports for f in r.findings if f.status in (Status.FAILED, Status.ERROR)]
    from_documents = [issue for issue in report if issue["check_name"] not in {f.check for f in failed}]
    assert len(report) == len(failed) + len(from_documents)
    assert {issue["severity"] for issue in from_documents} == {"critical"}  # the invalid document
    assert all(issue["location"]["path"].startswith(("examples/", "tests/corpus/")) for issue in report)


def test_the_validator_rejects_what_gitlab_would_not_take() -> None:
    good = {"description": "d", "check_name": "DV301", "fingerprint": "f", "severity": "major",
            "location": {"path": "a.yaml", "lines": {"begin": 3}}}
    assert _errors([good]) == []
    for broken in ({k: v for k, v in good.items() if k != "fingerprint"}, {**good, "severity": "error"},
                   {**good, "location": {"path": "a.yaml"}}, {**good, "location": {"path": "/abs/a.yaml", "lines": {"begin": 1}}},
                   {**good, "location": {"path": "a.yaml", "lines": {"begin": 0}}}):
        assert _errors([broken]), broken


def test_each_failed_finding_is_an_issue_with_its_check_line_and_severity() -> None:
    run = example_run(with_broken=False)
    issues = run_to_gitlab(run, "en")
    findings = [(r, f) for r in run.reports for f in r.findings if f.status in (Status.FAILED, Status.ERROR)]
    assert len(issues) == len(findings)
    for issue, (report, finding) in zip(issues, findings, strict=True):
        assert issue["check_name"] == finding.check
        assert issue["location"]["lines"]["begin"] == (finding.location.line or 1)
        assert issue["location"]["path"] == report.file
        assert issue["severity"] == finding.severity.value
        assert issue["description"].startswith(" ".join(finding.message.get("en").split()))


def test_explained_findings_are_not_issues_and_hostile_text_stays_text() -> None:
    run = hostile_run()
    issues = run_to_gitlab(run, "en")
    explained = [f for r in run.reports for f in r.findings if f.status is Status.EXPLAINED]
    assert explained  # the hostile service explains DV002
    assert not any(issue["check_name"] == "DV002" and "geheim-gegeven" in issue["description"] for issue in issues)
    assert _errors(json.loads(render("gitlab", run, "en"))) == []


def test_fingerprints_do_not_change_when_lines_move_but_stay_unique() -> None:
    run = example_run(with_broken=False)
    before = run_to_gitlab(run, "en")
    moved = attrs.evolve(run, reports=tuple(
        attrs.evolve(report, findings=tuple(
            attrs.evolve(f, location=attrs.evolve(f.location, line=(f.location.line or 0) + 7)) for f in report.findings))
        for report in run.reports))
    after = run_to_gitlab(moved, "en")
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in before] != [i["location"]["lines"]["begin"] for i in after]
    # the same finding twice (same check, place and step) still gives two fingerprints
    report = run.reports[0]
    failed = next(f for f in report.findings if f.status is Status.FAILED)
    doubled = attrs.evolve(run, reports=(attrs.evolve(report, findings=(failed, failed)),))
    first, second = run_to_gitlab(doubled, "en")
    assert first["fingerprint"] != second["fingerprint"]


def test_paths_are_relative_to_the_working_directory_with_forward_slashes() -> None:
    here = os.getcwd()
    assert repository_path(os.path.join(here, "diensten", "a.yaml")) == "diensten/a.yaml"
    assert repository_path("./diensten/a.yaml") == "diensten/a.yaml"
    assert repository_path("diensten/a.yaml") == "diensten/a.yaml"
    outside = os.path.join(os.path.dirname(here.rstrip(os.sep)) or os.sep, "elders", "a.yaml")
    if not outside.startswith(here):
        assert repository_path(outside) == outside  # outside the repository: left as it is
    assert repository_path("-") == "-"  # standard input


@given(st.lists(st.tuples(st.sampled_from(["DV301", "DV402", "QP1"]), st.sampled_from(["/a", "/b", ""]),
                          st.sampled_from(["s1", None])), min_size=1, max_size=30))
def test_fingerprints_are_unique_whatever_the_findings(keys: list[tuple[str, str, str | None]]) -> None:
    run = example_run(with_broken=False)
    report = run.reports[0]
    template = next(f for f in report.findings if f.status is Status.FAILED)
    findings = tuple(attrs.evolve(template, check=check, step=step, location=attrs.evolve(template.location, pointer=pointer))
                     for check, pointer, step in keys)
    issues = run_to_gitlab(attrs.evolve(run, reports=(attrs.evolve(report, findings=findings),)), "en")
    assert len({issue["fingerprint"] for issue in issues}) == len(keys)
    assert _errors(issues) == []


def test_the_command_line_writes_it_and_an_absolute_path_becomes_relative(tmp_path: Path) -> None:
    out = tmp_path / "gl-code-quality-report.json"
    done = subprocess.run([sys.executable, "-m", "dienstvisie", "check", str(ROOT / "examples"), "--no-plugins",
                           "--no-progress", "--format", "gitlab", "-o", str(out)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report and _errors(report) == []
    assert {issue["location"]["path"].split("/")[0] for issue in report} == {"examples"}
