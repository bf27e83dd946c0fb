"""The SARIF report validates against the official SARIF 2.1.0 schema and says what CI tools need."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from test_export_common import HOSTILE_REASON, example_run, hostile_run, render

from dienstvisie.exporters.sarif import LEVELS, _uri
from dienstvisie.model.check import Severity

# the OASIS schema, vendored with its origin note (tests/data/README.md)
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def _errors(validator: Draft4Validator, log: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(log)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_examples_validate_against_the_sarif_schema(validator: Draft4Validator, lang: str) -> None:
    log = json.loads(render("sarif", example_run(), lang))  # type: ignore[arg-type]
    assert _errors(validator, log) == []
    assert log["version"] == "2.1.0"


def test_hostile_document_validates(validator: Draft4Validator) -> None:
    log = json.loads(render("sarif", hostile_run(), "en"))
    assert _errors(validator, log) == []


def test_the_validator_does_reject_a_broken_log(validator: Draft4Validator) -> None:
    log = json.loads(render("sarif", example_run(), "en"))
    log["runs"][0]["results"].append({"ruleId": "X1", "level": "fatal", "message": {}})
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(_errors(validator, log)) >= 3


def test_rules_results_levels_and_locations() -> None:
    run = example_run()
    log = json.loads(render("sarif", run, "en"))
    sarif_run = log["runs"][0]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "dienstvisie" and driver["version"] == run.version
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == [check.id for check in run.checks]
    for rule, check in zip(rules, run.checks):
        assert rule["shortDescription"]["text"] == check.title.en
        assert rule["help"]["text"] == check.suggestion.en
        assert rule["properties"]["principles"] == list(check.principles)
    wanted = [(report, finding) for report in run.reports for finding in report.findings
              if finding.status.value in ("failed", "explained", "error")]
    results = sarif_run["results"]
    assert len(results) == len(wanted) > 0
    for result, (report, finding) in zip(results, wanted):
        assert result["ruleId"] == finding.check
        assert rules[result["ruleIndex"]]["id"] == finding.check
        expected = "error" if finding.status.value == "error" else LEVELS[finding.severity]
        assert result["level"] == expected
        location = result["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == report.file
        if finding.location.line:
            assert location["physicalLocation"]["region"]["startLine"] == finding.location.line
        assert location["logicalLocations"][0]["name"] == (finding.location.pointer or "/")
        assert result["properties"]["pointer"] == (finding.location.pointer or "/")
        assert ("suppressions" in result) == (finding.status.value == "explained")
    # an invalid document is reported as a notification of the invocation, not silently dropped
    invocation = sarif_run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"]


def test_level_mapping() -> None:
    assert LEVELS == {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.INFO: "note"}


def test_explained_findings_are_suppressed_with_the_justification() -> None:
    log = json.loads(render("sarif", hostile_run(), "en"))
    suppressed = [result for result in log["runs"][0]["results"] if "suppressions" in result]
    assert suppressed
    suppression = suppressed[0]["suppressions"][0]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"] == HOSTILE_REASON
    assert suppression["properties"]["until"] == "2099-12-31"


def test_no_timestamps_and_uris_are_uri_references() -> None:
    text = render("sarif", example_run(), "nl")
    assert "Time" not in text and "timeUtc" not in text
    assert _uri("examples/a b.yaml") == "examples/a%20b.yaml"
    assert _uri("./examples/x.yaml") == "examples/x.yaml"
    assert _uri("/tmp/x y.yaml") == "file:///tmp/x%20y.yaml"
