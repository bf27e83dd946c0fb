"""Declarative rules: a YAML rule set, validated by schemas/ruleset.schema.json, whose rules
become checks; conditions are JSON Schema, evaluated against the plain data of the target, and
nothing in a rule set is ever executed."""

from __future__ import annotations

import copy
import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import strong_service

import dienstvisie
from dienstvisie import DocumentError, load_plugins, plugin_from_functions
from dienstvisie.cli.main import main
from dienstvisie.plugins.rulesets import TARGETS, fill, load_ruleset, read_ruleset, ruleset_checks, targets

EXAMPLES = Path(__file__).parents[1] / "examples"
ROOT = Path(__file__).parents[1]


def ruleset(*rules: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"dienstvisie_ruleset": "1", "id": "test-regels", "name": {"nl": "Testgemeente", "en": "Test town"},
            **fields, "rules": list(rules)}


def rule(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "UT101", "title": {"nl": "Titel", "en": "Title"},
                            "message": {"nl": "Stap {step} faalt", "en": "Step {step} fails"},
                            "principles": ["P4"], "severity": "major", "target": "steps", "require": True}
    return {**base, **fields}


def run_rules(data: dict[str, Any], service: dict[str, Any] | None = None) -> dienstvisie.Report:
    plugins = load_plugins(entry_points=False, rulesets=[load_ruleset(data)])
    assert plugins.failures == []
    ids = [r["id"] for r in data["rules"]]
    return dienstvisie.check(service or strong_service(), plugins=plugins, select=ids)


def statuses(report: dienstvisie.Report) -> list[tuple[str, str, str]]:
    return [(f.check, f.status.value, f.location.pointer) for f in report.findings]


def write(tmp_path: Path, text: str, name: str = "regels.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# -- the schema ------------------------------------------------------------------------------------
def test_the_schema_is_draft_2020_12_with_an_id_and_ships_at_the_top_level(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "ruleset"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema") and schema["$id"].endswith("/ruleset/1.json")
    assert json.loads((ROOT / "schemas" / "ruleset.schema.json").read_text(encoding="utf-8")) == schema
    assert set(schema["$defs"]["rule"]["properties"]["target"]["anyOf"][0]["enum"]) == set(TARGETS)


def test_every_shipped_rule_set_is_valid() -> None:
    found = list((ROOT / "plugins").rglob("*.yaml"))
    rulesets = [path for path in found if "dienstvisie_ruleset" in path.read_text(encoding="utf-8")]
    assert rulesets
    for path in rulesets:
        assert load_ruleset(path).rules


# -- reading, and errors with file:line -------------------------------------------------------------
def test_a_rule_set_becomes_checks_with_the_rule_set_as_origin() -> None:
    loaded = load_ruleset(ruleset(rule(rationale="Waarom", suggestion="Doe dit", examples={"fail": "a: 1", "pass": "a: 2"})))
    (check,) = ruleset_checks(loaded)
    assert (check.id, check.origin, check.principles, check.severity.value) == ("UT101", "test-regels", ("P4",), "major")
    assert check.rationale.get("nl") == "Waarom" and check.suggestion.get("nl") == "Doe dit"
    assert (check.example_fail, check.example_pass) == ("a: 1", "a: 2")
    assert loaded.vision == "gezamenlijke-dienstverlening"


def test_defaults_for_rationale_and_suggestion_name_the_rule_set() -> None:
    (check,) = ruleset_checks(load_ruleset(ruleset(rule())))
    assert "Test town" in check.rationale.get("en") and "UT101" in check.suggestion.get("en")


@pytest.mark.parametrize(("text", "line", "expected"), [
    ("""\
        dienstvisie_ruleset: "1"
        id: r
        name: R
        rules:
          - id: UT101
            title: t
            message: m
            principles: [P4]
            severity: major
            target: steps
    """, 5, "require"),
    ("""\
        dienstvisie_ruleset: "1"
        id: r
        name: R
        rules:
          - id: UT101
            title: t
            message: m
            principles: [P4]
            severity: majeur
            target: steps
            require: {}
    """, 9, "Did you mean 'major'"),
    ("""\
        dienstvisie_ruleset: "1"
        id: r
        name: R
        rules:
          - id: UT101
            title: t
            message: "Stap {stap} faalt"
            principles: [P4]
            severity: major
            target: steps
            require: {}
    """, 7, "unknown placeholder '{stap}'"),
    ("""\
        dienstvisie_ruleset: "1"
        id: r
        name: R
        rules:
          - id: DV999
            title: t
            message: m
            principles: [P4]
            severity: major
            target: steps
            require: {}
    """, 5, "reserved"),
    ("""\
        dienstvisie_ruleset: "1"
        id: r
        name: R
        rules:
          - id: UT101
            title: t
            message: m
            principles: [P4]
            severity: major
            target: steps
            require: {type: 5}
    """, 11, "not a valid JSON Schema"),
    ("""\
        dienstvisie_ruleset: "1"
        id: r
        name: R
        rules:
          - id: UT101
            title: t
            message: m
            principles: [P4]
            severity: major
            target: steps
            require:
              $ref: "https://example.invalid/schema.json"
    """, 12, "$ref may only point inside"),
    ("""\
        dienstvisie_ruleset: "1"
        id: r
        name: R
        rules:
          - {id: UT101, title: t, message: m, principles: [P4], severity: major, target: steps, require: {}}
          - {id: UT101, title: t, message: m, principles: [P4], severity: major, target: steps, require: {}}
    """, 6, "used before"),
    ("""\
        dienstvisie_ruleset: "1"
        id: r
        name: R
        rules:
          - {id: UT101, title: t, message: "a { b", principles: [P4], severity: major, target: steps, require: {}}
    """, 5, "lone brace"),
    ("""\
        dienstvisie_ruleset: "1"
        id: r
        name: R
        rules:
          - {id: UT101, title: t, message: m, principles: [P4], severity: major, target: stappen, require: {}}
    """, 5, "target"),
])
def test_a_bad_rule_set_is_a_document_error_with_file_and_line(tmp_path: Path, text: str, line: int, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DocumentError) as caught:
        read_ruleset(path)
    problems = caught.value.problems
    assert any(p.location.file == str(path) and p.location.line == line and expected in p.message.get("en") +
               (p.hint.get("en") if p.hint else "") + p.location.pointer for p in problems), problems


# -- evaluating -------------------------------------------------------------------------------------
def test_targets_walks_json_pointer_patterns() -> None:
    data = {"steps": [{"id": "a", "asks": [{"data": "x"}, {"data": "y"}]}, {"id": "b"}], "a/b": {"c~d": 1}}
    assert [p for p, _ in targets(data, ("steps", "*", "asks", "*"))] == ["/steps/0/asks/0", "/steps/0/asks/1"]
    assert [p for p, _ in targets(data, ("steps", "1"))] == ["/steps/1"]
    assert [p for p, _ in targets(data, ("steps", "7"))] == []
    assert list(targets(data, ("a/b", "c~d"))) == [("/a~1b/c~0d", 1)]
    assert [p for p, _ in targets(data, ())] == [""]


def test_every_named_target_finds_its_part_of_the_strong_service() -> None:
    service = strong_service()
    service["coordination"] = {"single_plan": True, "coordinator": "gemeente"}
    service["assessment"] = [{"question": "P1.Q1", "answer": "ja", "evidence": "getest"}]
    service["steps"][0]["decision"] = {"explained": True}
    format_2_only = {"steps[].handovers", "steps[].fetches"}
    rules = [rule(id=f"UT{100 + index}", target=name, require=True) for index, name in enumerate(TARGETS)
             if name not in format_2_only]
    found = {check: status for check, status, _ in statuses(run_rules(ruleset(*rules), service))}
    assert set(found.values()) == {"passed"}, found
    # in format 2, every named target (steps[].handover too) finds its part
    from dienstvisie.documents.migrate import migrate_data

    service = migrate_data(service)
    service["steps"][1]["fetches"] = [{"data": "inkomen", "from": "gemeente"}]
    rules = [rule(id=f"UT{100 + index}", target=name, require=True) for index, name in enumerate(TARGETS)]
    found = {check: status for check, status, _ in statuses(run_rules(ruleset(*rules), service))}
    assert set(found.values()) == {"passed"}, found


def test_the_handover_target_sees_every_hand_over_in_both_formats() -> None:
    from dienstvisie.documents.migrate import migrate_data

    service = strong_service()
    check = rule(id="UT101", target="steps[].handover", require={"properties": {"kind": {"const": "warm"}}})
    assert [s for _, s, _ in statuses(run_rules(ruleset(check), service))] == ["failed"]
    two = migrate_data(service)
    two["steps"][0]["handovers"].append({"to": "svb", "kind": "warm"})
    found = statuses(run_rules(ruleset(check), two))
    assert [(status, pointer) for _, status, pointer in found] == [("failed", "/steps/0/handovers/0")]


def test_when_require_and_not_applicable() -> None:
    data = ruleset(rule(
        id="UT101", target="steps", when={"required": ["decision"]},
        require={"required": ["channels"], "properties": {"channels": {"contains": {"enum": ["balie", "huisbezoek"]}}}},
        message={"nl": "Stap '{step}' ({step_title}) van {organisation_name}: {target.channels}",
                 "en": "Step '{step}' of {organisation}"}))
    service = strong_service()
    report = run_rules(data, service)
    assert statuses(report) == [("UT101", "failed", "/steps/1")]  # the Anw step decides, by phone, post and web
    finding = report.findings[0]
    assert finding.step == "anw" and finding.severity.value == "major"
    assert finding.message.get("nl") == "Stap 'anw' (Nabestaandenuitkering (Anw)) van Sociale Verzekeringsbank: telefoon, post, web"
    assert finding.message.get("en") == "Step 'anw' of svb"
    assert finding.suggestion is not None

    for step in service["steps"]:
        step.pop("decision", None)
    assert statuses(run_rules(data, service)) == [("UT101", "not_applicable", "")]


def test_a_rule_that_every_target_meets_passes_once() -> None:
    data = ruleset(rule(target="steps", require={"required": ["language_level"]}))
    assert statuses(run_rules(data)) == [("UT101", "passed", "")]


def test_pointer_patterns_and_the_service_as_target() -> None:
    data = ruleset(
        rule(id="UT101", target="/steps/*/asks/*", require={"properties": {"data": {"not": {"const": "iban"}}}},
             message="Vraag {target.data} in {step} ({pointer})"),
        rule(id="UT102", target="service", require={"properties": {"life_events": {"contains": {"const": "geboorte"}}}},
             message="{service} ({service_title}) gaat niet over geboorte"),
        rule(id="UT103", target="/organisations/*", require={"properties": {"kind": {"const": "gemeente"}}},
             message="{organisation_name} ({organisation}, {target.kind}) is geen gemeente; {{letterlijk}}"),
        rule(id="UT104", target="/life_events/*", require={"const": "geboorte"}, message="Levensgebeurtenis {value}"),
    )
    report = run_rules(data)
    messages = {(f.check, f.location.pointer): f.message.get("nl") for f in report.findings if f.status.value == "failed"}
    assert messages == {
        ("UT101", "/steps/1/asks/0"): "Vraag iban in anw (/steps/1/asks/0)",
        ("UT102", ""): "sterk (Regelen na een overlijden) gaat niet over geboorte",
        ("UT103", "/organisations/1"): "Sociale Verzekeringsbank (svb, uitvoeringsorganisatie) is geen gemeente; {letterlijk}",
        ("UT104", "/life_events/0"): "Levensgebeurtenis overlijden",
    }


def test_conditions_see_the_document_as_the_format_describes_it() -> None:
    data = ruleset(rule(target="steps", require={
        "properties": {"title": {"type": ["string", "object"]}, "expected_days": {"type": "integer"},
                       "channels": {"type": "array"}}}))
    assert [s for _, s, _ in statuses(run_rules(data))] == ["passed"]


def test_placeholders_in_the_service_are_not_filled_again() -> None:
    service = strong_service()
    service["steps"][1]["id"] = "anw"
    service["steps"][1]["title"] = "{service} {step} {{x}}"
    data = ruleset(rule(target="steps", when={"required": ["decision"]}, require=False, message="[{step_title}]"))
    (finding,) = run_rules(data, service).findings
    assert finding.message.get("nl") == "[{service} {step} {{x}}]"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab {}.-_", "{step}", "{target.x}", "{{", "}}", "{__class__}", "{0}", "{step!r}"]),
                max_size=20).map("".join))
def test_fill_never_executes_or_raises(template: str) -> None:
    from dienstvisie.documents.structure import structure_service

    service = structure_service(strong_service())
    result = fill(template, service, "/steps/0", {"x": 1}, "nl")
    assert isinstance(result, str) and "<" not in result  # never a repr of an object: unknown names stay as written
    if "{" not in template and "}" not in template:
        assert result == template
    if "{step}" in template and "{{" not in template and "}}" not in template:
        assert service.steps[0].id in result


def test_explanations_cover_rule_findings() -> None:
    service = strong_service()
    service["explanations"] = [{"check": "UT101", "step": "anw", "reason": "Wettelijk zo geregeld"}]
    data = ruleset(rule(target="steps", when={"required": ["decision"]}, require=False))
    assert [s for _, s, _ in statuses(run_rules(data, service))] == ["explained"]


# -- through the plugin hook ------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["path", "mapping", "text", "ruleset"])
def test_the_hook_takes_paths_mappings_text_and_rule_sets(tmp_path: Path, kind: str) -> None:
    data = ruleset(rule(target="steps", when={"required": ["decision"]}, require=False))
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    offered = {"path": path, "mapping": data, "text": json.dumps(data, indent=1), "ruleset": load_ruleset(data)}[kind]
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("regels", dienstvisie_rulesets=lambda: [offered])])
    report = dienstvisie.check(strong_service(), plugins=plugins, select=["UT"])
    assert plugins.failures == [] and statuses(report) == [("UT101", "failed", "/steps/1")]


def test_a_rule_set_for_another_vision_adds_nothing() -> None:
    data = ruleset(rule(principles=["NAP01"]), vision="nora")
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("regels", dienstvisie_rulesets=lambda: [data])])
    checks = plugins.checks(plugins.visions()["gezamenlijke-dienstverlening"])
    assert "UT101" not in {check.id for check in checks} and plugins.failures == []


def test_a_rule_id_taken_twice_is_a_plugin_error() -> None:
    data = ruleset(rule(id="SP101"))
    other = copy.deepcopy(data)
    other["id"] = "andere-regels"
    plugins = load_plugins(entry_points=False, extra=[
        plugin_from_functions("een", dienstvisie_rulesets=lambda: [data]),
        plugin_from_functions("twee", dienstvisie_rulesets=lambda: [other, data]),
    ])
    plugins.checks(plugins.visions()["gezamenlijke-dienstverlening"])
    messages = sorted((f.plugin, f.message) for f in plugins.failures)
    assert messages == [("twee", "check id 'SP101' is already registered (by test-regels)"),
                        ("twee", "rule set 'test-regels' is already registered (by een)")]


# -- the command line -------------------------------------------------------------------------------
RULES = """\
    dienstvisie_ruleset: "1"
    id: cli-regels
    name: {nl: Regels, en: Rules}
    rules:
      - id: CL101
        title: {nl: Balie bij besluit, en: Desk for decisions}
        message: {nl: "Stap '{step}' besluit zonder balie", en: "Step '{step}' decides without a desk"}
        principles: [P4]
        severity: major
        target: steps
        when: {required: [decision]}
        require: {required: [channels], properties: {channels: {contains: {const: balie}}}}
"""


def test_check_with_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, RULES)
    code = main(["check", str(EXAMPLES / "overlijden-utrecht.yaml"), "--rules", str(path), "--select", "CL",
                 "--format", "json", "--isolated"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    findings = report["services"][0]["findings"]
    assert {f["check"] for f in findings} == {"CL101"} and all(f["status"] == "failed" for f in findings)
    assert all(f["location"]["line"] for f in findings)
    assert {c["id"]: c["origin"] for c in report["checks"]}["CL101"] == "cli-regels"


def test_rules_is_repeatable_and_works_from_the_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, RULES)
    second = write(tmp_path, RULES.replace("cli-regels", "meer-regels").replace("CL101", "CL201"), "meer.yaml")
    (tmp_path / "dienstvisie.toml").write_text('rules = ["regels.yaml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", str(EXAMPLES / "overlijden-utrecht.yaml"), "--rules", str(second), "--select", "CL",
                 "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {f["check"] for f in report["services"][0]["findings"]} == {"CL101", "CL201"}


def test_a_bad_rule_file_is_a_clear_error_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, RULES.replace("severity: major", "severity: heel-erg"))
    code = main(["check", str(EXAMPLES), "--rules", str(path), "--isolated", "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert f"{path}:9:" in err and "heel-erg" in err and "Traceback" not in err


def test_a_missing_rule_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(EXAMPLES), "--rules", str(tmp_path / "weg.yaml"), "--isolated"])
    assert code == 2 and "weg.yaml" in capsys.readouterr().err


def test_a_rule_with_an_unknown_principle_is_exit_2_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, RULES.replace("principles: [P4]", "principles: [P9]"))
    code = main(["check", str(EXAMPLES), "--rules", str(path), "--isolated", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and f"{path}:8:" in err and "P9" in err and "Known are: P1, P2" in err


def test_rules_for_another_vision_are_left_out_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, RULES.replace("    rules:\n", "    vision: andere-visie\n    rules:\n"))
    code = main(["check", str(EXAMPLES / "geboorte-den-haag.yaml"), "--rules", str(path), "--select", "CL",
                 "--isolated", "--lang", "en", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0 and json.loads(out)["services"][0]["findings"] == []
    assert "is for the vision 'andere-visie' and adds nothing under 'gezamenlijke-dienstverlening'" in err


# -- regular expressions run in linear time ---------------------------------------------------------
EVIL = "^(a+)+$"  # catastrophic backtracking in Python's re: hours against forty a's and a '!'
EVIL_TITLE = "a" * 40 + "!"


def _titled(title: str) -> dict[str, Any]:
    service = strong_service()
    service["title"] = {"nl": title, "en": title}
    return service


@pytest.mark.parametrize("condition", [
    {"properties": {"title": {"properties": {"nl": {"pattern": EVIL}}}}},
    {"properties": {"title": {"patternProperties": {"^n(l|l)+$": {"pattern": EVIL}}}}},
    {"properties": {"title": {"propertyNames": {"pattern": "^(n|l|e)+$"}, "additionalProperties": {"pattern": EVIL}}}},
    {"$defs": {"evil": {"pattern": EVIL}}, "properties": {"title": {"properties": {"en": {"$ref": "#/$defs/evil"}}}}},
])
def test_a_catastrophic_pattern_runs_in_linear_time_and_judges_correctly(condition: dict[str, Any]) -> None:
    data = ruleset(rule(target="service", require=condition))
    report = run_rules(data, _titled(EVIL_TITLE))  # would not return for hours with Python's re
    assert statuses(report) == [("UT101", "failed", "")]
    assert statuses(run_rules(data, _titled("a" * 40))) == [("UT101", "passed", "")]


def test_pattern_properties_and_additional_properties_match_keys_with_re2() -> None:
    condition = {"properties": {"title": {"patternProperties": {"^n": {"minLength": 100}}, "additionalProperties": False}}}
    assert statuses(run_rules(ruleset(rule(target="service", require=condition)))) == [("UT101", "failed", "")]
    condition = {"properties": {"title": {"patternProperties": {"^(nl|en)$": {"type": "string"}},
                                          "additionalProperties": False}}}
    assert statuses(run_rules(ruleset(rule(target="service", require=condition)))) == [("UT101", "passed", "")]


def test_the_regex_format_is_judged_by_re2_too() -> None:
    data = ruleset(rule(target="service", require={"properties": {"title": {"properties": {"nl": {"format": "regex"}}}}}))
    assert statuses(run_rules(data, _titled("a{99999999999}"))) == [("UT101", "failed", "")]  # no OverflowError
    assert statuses(run_rules(data, _titled("(a)\\1"))) == [("UT101", "failed", "")]
    assert statuses(run_rules(data, _titled("^[a-z]+$"))) == [("UT101", "passed", "")]


REFUSED = [
    ("a{99999999999}", "repetition count larger than 1000"),
    ("a{1001}", "invalid repetition size"),
    ("(a)\\1", "invalid escape sequence"),
    ("(?=a)b", "invalid perl operator"),
    ("(?<!a)b", "invalid perl operator"),
    ("x\\Z", "invalid escape sequence"),
    ("(", "missing )"),
]


@pytest.mark.parametrize(("pattern", "reason"), REFUSED)
@pytest.mark.parametrize("place", ["pattern", "patternProperties", "nested"])
def test_a_pattern_re2_cannot_run_is_refused_with_file_line_and_rule(tmp_path: Path, pattern: str, reason: str,
                                                                     place: str) -> None:
    condition: Any = {"pattern": pattern} if place == "pattern" else (
        {"patternProperties": {pattern: True}} if place == "patternProperties"
        else {"anyOf": [{"$defs": {"x": {"items": {"pattern": pattern}}}}]})
    text = ("dienstvisie_ruleset: '1'\nid: r\nname: R\nrules:\n  - id: UT101\n    title: t\n    message: m\n"
            "    principles: [P4]\n    severity: major\n    target: steps\n    require: " + json.dumps(condition) + "\n")
    path = tmp_path / "regels.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_ruleset(path)
    [problem] = caught.value.problems
    assert problem.code == "rules.pattern"
    assert problem.location.file == str(path) and problem.location.line == 11
    assert problem.location.pointer.startswith("/rules/0/require")
    assert reason in problem.message.get("en") and "linear time" in problem.message.get("en")
    assert "lineaire tijd" in problem.message.get("nl") and problem.hint is not None


def test_pattern_properties_beside_unevaluated_properties_is_refused() -> None:
    condition = {"patternProperties": {"^a": True}, "unevaluatedProperties": False}
    with pytest.raises(DocumentError) as caught:
        load_ruleset(ruleset(rule(require=condition)))
    assert [p.code for p in caught.value.problems] == ["rules.pattern"]
    assert "unevaluatedProperties" in caught.value.problems[0].message.get("en")


def test_a_rule_set_object_from_a_plugin_with_a_bad_pattern_is_an_error_of_its_check() -> None:
    good = load_ruleset(ruleset(rule(target="service", require={"pattern": "x"})))
    bad_rule = dienstvisie.Rule(**{**{a.name: getattr(good.rules[0], a.name) for a in good.rules[0].__attrs_attrs__},
                                         "require": {"properties": {"title": {"properties": {"nl": {"pattern": "(a)\\1"}}}}}})
    bad = dienstvisie.RuleSet(**{**{a.name: getattr(good, a.name) for a in good.__attrs_attrs__}, "rules": (bad_rule,)})
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("p", dienstvisie_rulesets=lambda: [bad])])
    report = dienstvisie.check(_titled("aa"), plugins=plugins, select=["UT101"])
    [finding] = report.findings
    assert finding.status.value == "error" and "cannot run in linear time" in finding.message.get("en")


def test_the_command_line_refuses_a_bad_pattern_naming_file_and_rule_without_engine_noise(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = write(tmp_path, RULES.replace("require: {required: [channels]", "require: {pattern: '(?=x)', required: [channels]"))
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", str(EXAMPLES), "--rules", str(path),
                             "--isolated", "--lang", "en"], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert f"{path}:12:" in result.stderr and "/rules/0/require/pattern" in result.stderr
    assert "cannot run in linear time: invalid perl operator: (?=" in result.stderr
    assert "re2.cc" not in result.stderr and "absl" not in result.stderr and "Traceback" not in result.stderr


def test_a_catastrophic_pattern_on_the_command_line_finishes_within_the_time_limit(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "diensten"
    folder.mkdir()
    text = (EXAMPLES / "overlijden-utrecht.yaml").read_text(encoding="utf-8")
    for index in range(8):  # enough for two worker processes
        (folder / f"dienst-{index}.yaml").write_text(
            text.replace("nl: Regelen na een overlijden", f"nl: {EVIL_TITLE}", 1), encoding="utf-8")
    rules = write(tmp_path, RULES.replace("target: steps", "target: service").replace(
        "when: {required: [decision]}", "when: true").replace(
        "require: {required: [channels], properties: {channels: {contains: {const: balie}}}}",
        f"require: {{properties: {{title: {{properties: {{nl: {{pattern: '{EVIL}'}}}}}}}}}}"))
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", str(folder), "--rules", str(rules), "--select", "CL", "--isolated", "--format", "json",
                                 "--check-timeout", "2", "--jobs", jobs], capture_output=True, text=True, timeout=120,
                                check=False)
        assert result.returncode == 1, result.stderr
        findings = [f for s in json.loads(result.stdout)["services"] for f in s["findings"]]
        assert [f["status"] for f in findings] == ["failed"] * 8
