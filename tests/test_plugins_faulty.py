"""Faults stay contained: a plugin that raises in every hook, fails to import, or offers
nonsense is reported (by `dienstvisie plugins`, on stderr and in the report), and the run
goes on with the rest and finishes with exit 0 or 1. No traceback unless --debug."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

import dv_plugin_faulty
import pytest

import dienstvisie
from dienstvisie import Check, Severity, Text, load_plugins, plugin_from_functions
from dienstvisie.cli.main import main

EXAMPLES = Path(__file__).parents[1] / "examples"
EXAMPLE = EXAMPLES / "overlijden-utrecht.yaml"
HOOKS = {
    "dienstvisie_visions", "dienstvisie_checks", "dienstvisie_rulesets", "dienstvisie_vocabularies",
    "dienstvisie_exporters", "dienstvisie_prepare_service", "dienstvisie_report", "dienstvisie_check_ids",
}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _check(check_id: str = "ZZ101", principles: tuple[str, ...] = ("P1",)) -> Check:
    return Check(id=check_id, title=Text(nl="t", en="t"), rationale=Text(nl="r"), principles=principles,
                 severity=Severity.MINOR, suggestion=Text(nl="s"), function=lambda ctx: iter(()), origin="test")


def test_every_hook_raising_is_recorded_and_the_check_still_runs() -> None:
    plugins = load_plugins(entry_points=False, extra=[dv_plugin_faulty])
    report = dienstvisie.check(EXAMPLE, plugins=plugins)
    assert report.findings  # the built-in checks ran
    assert set(plugins.exporters()) >= {"text", "json"}
    mine = [failure for failure in plugins.failures if failure.plugin == "dv_plugin_faulty"]
    assert {failure.hook for failure in mine} == HOOKS
    assert all(failure.message.startswith("RuntimeError: boom in") for failure in mine)
    assert "gezamenlijke-dienstverlening" in plugins.visions()
    assert all("Traceback" in plugins.tracebacks[failure] for failure in mine)


def test_check_with_a_faulty_plugin_reports_it_on_stderr_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", str(EXAMPLE), "--plugin", "dv_plugin_faulty", "--isolated", "--lang", "en"], capsys)
    assert code in (0, 1)
    assert "overlijden-utrecht" in out
    for hook in HOOKS:
        assert f"plugin error in dv_plugin_faulty ({hook}): RuntimeError: boom in" in err
    assert "Traceback" not in err


def test_debug_shows_the_tracebacks(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", str(EXAMPLE), "--plugin", "dv_plugin_faulty", "--isolated", "--debug"], capsys)
    assert code in (0, 1)
    assert "Traceback" in err and "dv_plugin_faulty.py" in err


def test_the_report_lists_the_plugin_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(EXAMPLE), "--plugin", "dv_plugin_faulty", "--isolated", "--format", "json"], capsys)
    assert code in (0, 1)
    errors = json.loads(out)["plugin_errors"]
    assert {e["hook"] for e in errors if e["plugin"] == "dv_plugin_faulty"} == HOOKS


def test_the_plugins_command_shows_the_failures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["plugins", "--no-plugins", "--plugin", "dv_plugin_faulty", "--lang", "en"], capsys)
    assert code == 1 and err == ""
    assert "dv_plugin_faulty  6.6.6  (module)" in out
    assert "failures: dienstvisie_checks: RuntimeError: boom in checks" in out
    assert "Traceback" not in out
    code, out, _ = run(["plugins", "--no-plugins", "--plugin", "dv_plugin_faulty", "--format", "json"], capsys)
    data = json.loads(out)
    faulty = {p["name"]: p for p in data["plugins"]}["dv_plugin_faulty"]
    assert {f["hook"] for f in faulty["failures"]} == HOOKS - {"dienstvisie_prepare_service", "dienstvisie_report"}
    assert faulty["version"] == "6.6.6" and set(faulty["hooks"]) == HOOKS


def test_a_plugin_that_fails_to_import_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", str(EXAMPLE), "--plugin", "dv_plugin_broken_import", "--plugin", "no_such_plugin_xyz",
                          "--isolated", "--lang", "en"], capsys)
    assert code in (0, 1) and "overlijden-utrecht" in out
    assert "plugin error in dv_plugin_broken_import (load): ImportError: this plugin needs a package" in err
    assert "plugin error in no_such_plugin_xyz (load): ModuleNotFoundError" in err
    code, out, _ = run(["plugins", "--no-plugins", "--plugin", "dv_plugin_broken_import", "--format", "json"], capsys)
    assert code == 1
    broken = {p["name"]: p for p in json.loads(out)["plugins"]}["dv_plugin_broken_import"]
    assert broken["origin"] == "module" and broken["failures"][0]["hook"] == "load"


def test_an_entry_point_that_fails_to_import_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.metadata.entry_points

    def with_a_broken_one(**selection: Any) -> Any:
        found = list(real(**selection))
        return [*found, importlib.metadata.EntryPoint(name="kapot", value="no_such_plugin_xyz", group="dienstvisie")]

    monkeypatch.setattr(importlib.metadata, "entry_points", with_a_broken_one)
    plugins = load_plugins()
    failure = next(f for f in plugins.failures if f.plugin == "kapot")
    assert failure.hook == "load" and "ModuleNotFoundError" in failure.message
    summary = {s.info.name: s for s in plugins.summaries()}["kapot"]
    assert summary.info.origin == "entry point" and summary.failures == (failure,)
    assert dienstvisie.check(EXAMPLE, plugins=plugins).findings


def test_a_check_naming_an_unknown_principle_is_a_plugin_error_at_load_time() -> None:
    plugin = plugin_from_functions("onbekend", dienstvisie_checks=lambda vision: [_check("ZZ101", ("P9",)), _check("ZZ102")])
    plugins = load_plugins(entry_points=False, extra=[plugin])
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    ids = {check.id for check in plugins.checks(vision)}
    assert "ZZ102" in ids and "ZZ101" not in ids
    failure = next(f for f in plugins.failures if f.plugin == "onbekend")
    assert failure.hook == "dienstvisie_checks"
    assert failure.message == "check ZZ101 names principle(s) P9 that the vision lacks"


@pytest.mark.parametrize(("offered", "problem"), [
    (lambda vision: [_check("ZZ101", ())], "names no principle"),
    (lambda vision: [_check("QP1")], "is reserved"),
    (lambda vision: [_check("DV101")], "already registered"),
    (lambda vision: ["not a check"], "not a Check"),
    (lambda vision: 42, "expected a list, got int"),
    (lambda vision: (c for c in [_check(), 1 / 0]), "ZeroDivisionError"),
])
def test_nonsense_from_a_check_hook_is_a_plugin_error(offered: Any, problem: str) -> None:
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("onzin", dienstvisie_checks=offered)])
    checks = plugins.checks(plugins.visions()["gezamenlijke-dienstverlening"])
    assert any(check.id.startswith("DV1") for check in checks)
    assert [f for f in plugins.failures if f.plugin == "onzin" and problem in f.message]


def test_a_hookimpl_with_wrong_arguments_cannot_register() -> None:
    plugin = plugin_from_functions("verkeerd", dienstvisie_checks=lambda vision, extra: [])
    plugins = load_plugins(entry_points=False, extra=[plugin])
    failure = next(f for f in plugins.failures if f.plugin == "verkeerd")
    assert failure.hook == "register" and "extra" in failure.message
    assert "verkeerd" not in [info.name for info in plugins.infos()]


def test_an_invalid_vision_from_a_plugin_is_reported_with_file_and_line(tmp_path: Path) -> None:
    vision = tmp_path / "visie.yaml"
    vision.write_text('dienstvisie_vision: "1"\nid: kapot\nversion: "1"\n', encoding="utf-8")
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("visie", dienstvisie_visions=lambda: [vision])])
    assert "kapot" not in plugins.visions()
    failure = next(f for f in plugins.failures if f.plugin == "visie")
    assert f"{vision}:1:1:" in failure.message and "title" in failure.message


def test_an_invalid_rule_set_from_a_plugin_is_a_plugin_error_with_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "regels.yaml"
    rules.write_text(textwrap.dedent("""\
        dienstvisie_ruleset: "1"
        id: kapot
        name: Kapot
        rules:
          - id: KP101
            title: t
            message: m
            principles: [P4]
            severity: heel-erg
            target: steps
            require: {}
        """), encoding="utf-8")
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("regels", dienstvisie_rulesets=lambda: [rules])])
    checks = plugins.checks(plugins.visions()["gezamenlijke-dienstverlening"])
    assert "KP101" not in {check.id for check in checks}
    failure = next(f for f in plugins.failures if f.plugin == "regels")
    assert failure.hook == "dienstvisie_rulesets" and f"{rules}:9:" in failure.message and "heel-erg" in failure.message


def test_a_rule_naming_an_unknown_principle_is_a_plugin_error() -> None:
    ruleset = {"dienstvisie_ruleset": "1", "id": "onbekend", "name": "x", "rules": [
        {"id": "OB101", "title": "t", "message": "m", "principles": ["P7"], "severity": "minor", "target": "service",
         "require": True}]}
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("regels", dienstvisie_rulesets=lambda: [ruleset])])
    plugins.checks(plugins.visions()["gezamenlijke-dienstverlening"])
    assert [(f.hook, f.message) for f in plugins.failures if f.plugin == "regels"] == [
        ("dienstvisie_rulesets", "check OB101 names principle(s) P7 that the vision lacks")]


def test_an_exporter_that_breaks_is_a_clear_error(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def render(run: Any, lang: Any) -> str:
        raise ValueError("kapot")

    exporter = dienstvisie.Exporter(name="kapot", title=Text(nl="kapot"), suffix=".txt", media_type="text/plain", render=render)
    module = types.ModuleType("dv_plugin_kapot_formaat")
    module.dienstvisie_exporters = dienstvisie.hookimpl(lambda: [exporter])  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)  # importable for --plugin
    code, _, err = run(["check", str(EXAMPLE), "--plugin", module.__name__, "--format", "kapot", "--isolated",
                        "--lang", "en"], capsys)
    assert code == 2
    assert "the format 'kapot' could not render the report: ValueError: kapot" in err and "Traceback" not in err


# -- mistakes pluggy lets pass: misspelt hooks, wrappers, unmarked functions (pluggy's check_pending) --
MISTAKES = {
    "dienstvisie_check": "'dienstvisie_check' is not a dienstvisie hook, so it is never called; did you mean "
                         "'dienstvisie_checks'?",
    "dienstvisie_exporters": "hook wrappers (hookwrapper=True, wrapper=True) are not supported",
    "dienstvisie_report": "hook wrappers (hookwrapper=True, wrapper=True) are not supported",
    "dienstvisie_vocabularies": "'dienstvisie_vocabularies' is not marked with @dienstvisie.hookimpl, so it is never called",
}


def test_every_mistake_of_a_plugin_module_is_a_plugin_failure_and_its_good_hook_still_counts() -> None:
    plugins = load_plugins(entry_points=False, modules=["dv_plugin_mistakes"])
    mine = {f.hook: f.message for f in plugins.failures if f.plugin == "dv_plugin_mistakes"}
    assert set(mine) == set(MISTAKES)  # the optionalhook one is no mistake
    for hook, start in MISTAKES.items():
        assert mine[hook].startswith(start), (hook, mine[hook])
    assert [f for f in plugins.failures if f.plugin != "dv_plugin_mistakes"] == []
    report = dienstvisie.check(EXAMPLE, plugins=plugins, select=["MS101"])  # no wrapper or typo was called
    assert [(f.check, f.status.value) for f in report.findings] == [("MS101", "failed")]
    assert {"text", "json"} <= set(plugins.exporters())


def test_a_misspelt_hook_in_plugin_from_functions_names_the_nearest_hook() -> None:
    plugin = plugin_from_functions("tikfout", dienstvisie_check=lambda vision: [_check()], dienstvisie_exporter=lambda: [])
    plugins = load_plugins(entry_points=False, extra=[plugin])
    assert [(f.plugin, f.hook) for f in plugins.failures] == [("tikfout", "dienstvisie_check"), ("tikfout", "dienstvisie_exporter")]
    assert "did you mean 'dienstvisie_checks'?" in plugins.failures[0].message
    assert "did you mean 'dienstvisie_exporters'?" in plugins.failures[1].message
    checks = plugins.checks(plugins.visions()["gezamenlijke-dienstverlening"])
    assert "ZZ101" not in {check.id for check in checks}  # the misspelt hook was never called


def test_a_hook_name_far_from_any_hook_lists_the_hooks() -> None:
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("ver", zoek_checks=lambda: [])])
    (failure,) = plugins.failures
    assert failure.hook == "zoek_checks" and "did you mean" not in failure.message
    assert "the hooks are: dienstvisie_check_ids, dienstvisie_checks, dienstvisie_exporters" in failure.message


def test_a_wrapper_in_a_plugin_object_is_refused_and_the_plain_hooks_still_run() -> None:
    def wrapper(vision: Any) -> Any:
        result = yield
        return result

    plugin = types.SimpleNamespace(__name__="omhuld", dienstvisie_checks=dienstvisie.hookimpl(wrapper=True)(wrapper),
                                   dienstvisie_rulesets=dienstvisie.hookimpl(lambda: []))
    plugins = load_plugins(entry_points=False, extra=[plugin])
    assert [(f.plugin, f.hook) for f in plugins.failures] == [("omhuld", "dienstvisie_checks")]
    assert "not supported" in plugins.failures[0].message
    assert any(check.id == "DV101" for check in plugins.checks(plugins.visions()["gezamenlijke-dienstverlening"]))


def test_the_command_line_shows_the_mistakes_and_the_run_goes_on(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", str(EXAMPLE), "--plugin", "dv_plugin_mistakes",
                             "--isolated", "--no-plugins", "--lang", "en"],
                            capture_output=True, text=True, check=False, env=env, cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # MS101 fails: the plugin's good hook ran
    assert "MS101" in result.stdout
    assert ("plugin error in dv_plugin_mistakes (dienstvisie_check): 'dienstvisie_check' is not a dienstvisie hook, "
            "so it is never called; did you mean 'dienstvisie_checks'?") in result.stderr
    assert "plugin error in dv_plugin_mistakes (dienstvisie_report): hook wrappers" in result.stderr
    assert "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "plugins", "--no-plugins", "--plugin", "dv_plugin_mistakes",
                             "--format", "json"], capture_output=True, text=True, check=False, env=env, cwd=tmp_path)
    assert result.returncode == 1
    mistakes = {p["name"]: p for p in json.loads(result.stdout)["plugins"]}["dv_plugin_mistakes"]
    assert {f["hook"] for f in mistakes["failures"]} == set(MISTAKES)


def test_the_rule_is_pluggys_check_pending_applied_to_every_implementation() -> None:
    import pluggy

    clean = load_plugins()  # the built-ins and every installed example plugin
    clean.manager.check_pending()  # pluggy finds nothing ...
    assert clean.failures == []  # ... and neither does dienstvisie
    optional = types.SimpleNamespace(__name__="optioneel", dienstvisie_later=dienstvisie.hookimpl(optionalhook=True)(lambda: []))
    for plugin in (plugin_from_functions("tikfout", dienstvisie_check=lambda vision: []), optional):
        plugins = load_plugins(entry_points=False, extra=[plugin])
        try:
            plugins.manager.check_pending()
        except pluggy.PluginValidationError as error:
            assert error.plugin is plugin
            assert [f.hook for f in plugins.failures] == ["dienstvisie_check"]
        else:
            assert plugins.failures == []  # an optional hook of a newer version is no mistake
# ------------------------------------------------------------------ a plugin that prints

PRINTS = ("PRINTED AT IMPORT", "PRINTED IN CHECK", "WRITTEN IN CHECK", "FD1 IN CHECK", "CHILD IN CHECK",
          "PRINTED IN CHECKS HOOK", "PRINTED IN PREPARE", "FD1 IN PREPARE", "PRINTED IN REPORT HOOK",
          "CHILD IN REPORT HOOK")


def _cli(args: list[str], cwd: Path) -> Any:
    import os
    import subprocess

    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180, check=False, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)})


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("format_name", ["json", "sarif", "junit", "csv"])
def test_a_plugin_that_prints_cannot_corrupt_a_report_on_stdout(tmp_path: Path, format_name: str, jobs: str) -> None:
    folder = tmp_path / "diensten"
    for copy in ("a", "b"):  # ten documents: enough for two worker processes
        shutil.copytree(EXAMPLES, folder / copy)
    result = _cli(["check", str(folder), "--plugin", "dv_plugin_prints", "--isolated", "--format", format_name,
                   "--jobs", jobs, "--lang", "en"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert not any(noise in result.stdout for noise in PRINTS), result.stdout[:500]
    for noise in PRINTS:  # nothing is lost either: it is on stderr
        assert noise in result.stderr, noise
    if format_name in ("json", "sarif"):
        data = json.loads(result.stdout)
        assert data
    if format_name == "json":
        assert {f["check"] for s in data["services"] for f in s["findings"]} >= {"ZP101"}
    if format_name == "junit":
        import xml.dom.minidom

        assert xml.dom.minidom.parseString(result.stdout).documentElement.tagName == "testsuites"


def test_the_text_report_and_the_other_commands_keep_plugin_output_off_stdout(tmp_path: Path) -> None:
    for args in (["check", str(EXAMPLE)], ["rules", "--format", "json"], ["plugins", "--format", "json"],
                 ["portfolio", str(EXAMPLES), "--format", "json"]):
        result = _cli([*args, "--plugin", "dv_plugin_prints", "--lang", "en"], tmp_path)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert "PRINTED AT IMPORT" in result.stderr and "PRINTED AT IMPORT" not in result.stdout, args
        assert not any(noise in result.stdout for noise in PRINTS), (args, result.stdout[:300])
        if "json" in args:
            json.loads(result.stdout)


def test_in_process_the_streams_are_put_back(capsys: pytest.CaptureFixture[str]) -> None:
    before = sys.stdout
    code, out, err = run(["check", str(EXAMPLE), "--plugin", "dv_plugin_prints", "--isolated", "--format", "json",
                          "--select", "ZP"], capsys)
    assert code == 1 and sys.stdout is before
    assert json.loads(out)["services"][0]["findings"][0]["check"] == "ZP101"
    assert "PRINTED IN CHECK" in err and "PRINTED IN CHECK" not in out


@pytest.mark.parametrize(("ending", "message"), [
    (lambda: __import__("os")._exit(4), "ProcessExit: os._exit(4) was called"),
    (lambda: sys.exit(5), "SystemExit: 5"),
])
@pytest.mark.parametrize("hook", ["dienstvisie_report", "dienstvisie_prepare_service", "dienstvisie_checks"])
def test_a_hook_that_ends_the_process_is_a_plugin_error_and_the_run_goes_on(ending: Any, message: str, hook: str) -> None:
    def implementation(**kwargs: Any) -> Any:
        ending()

    arguments = {"dienstvisie_report": "report", "dienstvisie_prepare_service": "service, vision",
                 "dienstvisie_checks": "vision"}[hook]
    function = eval(f"lambda {arguments}: implementation()", {"implementation": implementation})  # noqa: S307
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("einde", **{hook: function})])
    report = dienstvisie.check(EXAMPLE, plugins=plugins)
    assert report.findings
    assert [(f.hook, f.message) for f in plugins.failures if f.plugin == "einde"] == [(hook, message)]
